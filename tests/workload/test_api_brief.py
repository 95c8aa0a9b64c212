"""The brief through the API: read it, share it, and carry out the option the partner chose."""

from __future__ import annotations

import pytest

from tandem.workload.models import Assignment, BriefShare, Status
from tests.conftest import send, share
from tests.workload.conftest import assign, day


@pytest.fixture
def api(client, alice, bearer):
    headers = bearer(alice)

    def call(method: str, path: str, body=None, *, as_headers=None):
        return send(client, method, path, as_headers or headers, body)

    return call


@pytest.fixture
def ask(partnership) -> Assignment:
    """A ten-hour ask due tomorrow that makes 'Budget inputs' late."""
    assign(partnership, "Budget inputs", 480, due=day(2), asked_on=day(-5), notes="Sam Q7")
    assign(partnership, "Pricing memo", 240, due=day(9), asked_on=day(-3))
    return assign(partnership, "Board pack", 600, due=day(1), status=Status.PROPOSED)


def _brief(partnership, ask) -> str:
    return f"/api/partnerships/{partnership.pk}/assignments/{ask.pk}/brief"


def test_it_gives_the_brief_with_its_markdown_and_options(api, partnership, ask):
    response = api("GET", _brief(partnership, ask))

    assert response.status_code == 200
    brief = response.json()
    assert brief["title"] == "Workload: taking on 'Board pack'"
    assert brief["question"] == "Which of these should move?"
    assert brief["chosen"] is None
    assert [(o["letter"], o["explanation"]) for o in brief["options"]][:2] == [
        ("A", "Move 'Board pack' to Thu 5 Nov: everything else lands on time."),
        ("B", "Defer 'Board pack' to Fri 6 Nov: everything else lands on time."),
    ]
    markdown = brief["markdown"]
    assert markdown.startswith("# Workload: taking on 'Board pack'")
    assert "'Budget inputs': lands Thu 5 Nov instead of Tue 3 Nov" in markdown
    assert "Which of these should move?" in markdown
    assert "Sam Q7" not in response.content.decode()


def test_it_proposes_the_chosen_option(api, partnership, ask):
    brief = api("GET", _brief(partnership, ask) + "?option=1").json()

    assert brief["chosen"] == 1
    assert brief["question"] == "Can we go with option B (defer 'Board pack' to Fri 6 Nov)?"
    assert brief["question"] in brief["markdown"]


def test_it_says_when_the_chosen_option_does_not_exist(api, partnership, ask):
    fits = assign(partnership, "Thank-you note", 60, due=day(9), status=Status.PROPOSED)

    none = api("GET", _brief(partnership, fits) + "?option=0")
    beyond = api("GET", _brief(partnership, ask) + "?option=9")

    assert none.status_code == 400
    assert none.json() == {
        "detail": "This ask fits as it is: there are no options.",
        "field": "option",
    }
    assert (beyond.status_code, beyond.json()["field"]) == (422, "option")


def test_it_names_the_options_there_are(api, partnership):
    assign(partnership, "Budget inputs", 480, due=day(2), asked_on=day(-5))
    assign(partnership, "Pricing memo", 240, due=day(9), asked_on=day(-3))
    ask = assign(partnership, "Offsite plan", 800, due=day(1), status=Status.PROPOSED)

    response = api("GET", _brief(partnership, ask) + "?option=3")

    assert [o["letter"] for o in api("GET", _brief(partnership, ask)).json()["options"]] == [
        "A",
        "B",
        "C",
    ]
    assert response.status_code == 400
    assert response.json() == {"detail": "There is no option D: choose A–C.", "field": "option"}


def test_it_names_other_partnerships_work_only_as_other_work(
    api, partnership, solo_partnership, ask
):
    assign(solo_partnership, "Rita's appraisal", 300, due=day(1), priority=1)

    markdown = api("GET", _brief(partnership, ask)).json()["markdown"]

    assert "other work (not shared here)" in markdown
    assert "Rita" not in markdown


def test_it_shares_a_read_only_link_and_revokes_it(client, api, partnership, ask):
    created = api("POST", _brief(partnership, ask) + "/share", {"option": 0})

    assert created.status_code == 201
    link = created.json()
    assert link["url"].startswith("http://testserver/b/brf_")
    shared = client.get(link["url"])
    assert shared.status_code == 200
    assert "Can we go with option A" in shared.content.decode()
    shares = f"/api/partnerships/{partnership.pk}/brief-shares"
    listed = api("GET", shares).json()
    assert [(s["id"], s["title"]) for s in listed] == [(link["id"], link["title"])]
    assert "url" not in listed[0]

    revoked = api("DELETE", f"{shares}/{link['id']}")

    assert revoked.status_code == 204
    assert client.get(link["url"]).status_code == 404
    assert api("GET", shares).json() == []
    assert api("DELETE", f"{shares}/{link['id']}").status_code == 404


def test_it_applies_the_option_the_partner_agreed_to(api, partnership, ask):
    response = api("POST", _brief(partnership, ask) + "/apply", {"option": 0})

    assert response.status_code == 200
    assert response.json() == {"letter": "A", "changes": ["Move 'Board pack' to Thu 5 Nov"]}
    ask.refresh_from_db()
    assert (ask.status, ask.due) == (Status.ACCEPTED, day(3))
    plan = api("GET", f"/api/partnerships/{partnership.pk}/plan").json()
    assert plan["late_count"] == 0


def test_it_has_no_option_to_apply_when_the_ask_fits(api, partnership):
    fits = assign(partnership, "Thank-you note", 60, due=day(9), status=Status.PROPOSED)

    response = api("POST", _brief(partnership, fits) + "/apply", {"option": 0})

    assert response.status_code == 400
    assert response.json() == {
        "detail": "This ask fits as it is: there are no options.",
        "field": "option",
    }
    fits.refresh_from_db()
    assert fits.status == Status.PROPOSED


def test_it_keeps_the_brief_and_its_links_the_owners(api, bob, charlie, bearer, partnership, ask):
    share(partnership, share_workload=True, partner_may_reorder=True)
    link = api("POST", _brief(partnership, ask) + "/share", {}).json()
    shares = f"/api/partnerships/{partnership.pk}/brief-shares"

    for other in (bob, charlie):
        headers = bearer(other)
        answers = [
            api("GET", _brief(partnership, ask), as_headers=headers),
            api("POST", _brief(partnership, ask) + "/share", {}, as_headers=headers),
            api("POST", _brief(partnership, ask) + "/apply", {"option": 0}, as_headers=headers),
            api("GET", shares, as_headers=headers),
            api("DELETE", f"{shares}/{link['id']}", as_headers=headers),
        ]
        assert [a.status_code for a in answers] == [404] * 5
    assert BriefShare.objects.live().count() == 1
    ask.refresh_from_db()
    assert ask.status == Status.PROPOSED
