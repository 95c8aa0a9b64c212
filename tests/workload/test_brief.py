from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tandem.lib.tokens import token_hash
from tandem.workload import services
from tandem.workload.models import Assignment, BriefShare, Status
from tests.conftest import logged_in, share, text_of
from tests.workload.conftest import assign, day, page


@pytest.fixture
def ask(partnership) -> Assignment:
    """A ten-hour ask due tomorrow that makes 'Budget inputs' late."""
    partnership.partner_email = "zeb@example.com"
    partnership.save(update_fields=["partner_email"])
    assign(
        partnership,
        "Budget inputs",
        480,
        due=day(2),
        asked_on=day(-5),
        notes="Sam dislikes surprises",
    )
    assign(partnership, "Pricing memo", 240, due=day(9), asked_on=day(-3))
    return assign(
        partnership,
        "Board pack",
        600,
        due=day(1),
        status=Status.PROPOSED,
        notes="Said no to this last quarter",
    )


def _url(partnership, assignment) -> str:
    return reverse("workload-brief", args=[partnership.pk, assignment.pk])


def _question(body: str) -> str:
    return re.search(r'<p class="brief-question">(.*?)</p>', body)[1]


def _article(body: str) -> str:
    return re.search(r'<article class="brief">(.*?)</article>', body, re.DOTALL)[1]


def _headings(body: str) -> list[tuple[str, bool]]:
    """The brief's sections in order, each with whether the page folds it away."""
    found = re.findall(r"<h2>(.*?)</h2>|<summary>(.*?)</summary>", _article(body))
    return [(heading or summary, not heading) for heading, summary in found]


def _brief_link(client: Client, partnership, assignment) -> str:
    """Creates a read-only link to the brief the way the owner does, and returns it."""
    response = client.post(_url(partnership, assignment), follow=True)
    return re.search(
        r'id="brief-link" class="link-field" rows="3" readonly>([^<]+)</textarea>',
        text_of(response),
    )[1]


def test_it_shows_the_question_and_the_options(alice, partnership, ask):
    body = page(logged_in(alice), _url(partnership, ask))

    assert "Brief for Zebulon Boss" in body
    assert _question(body) == "Which of these should move?"
    assert (
        f"<li>A. Push #{ask.pk} Board pack to Thu 5 Nov — due Tue 3 Nov → Thu 5 Nov. "
        "1 date moves, by 2 days; everything lands on time.</li>" in body
    )
    assert (
        f"<li>B. Push #{ask.pk} Board pack to Fri 6 Nov — due Tue 3 Nov → Fri 6 Nov, "
        "starting Thu 5 Nov. 1 date moves, by 3 days; everything lands on time.</li>" in body
    )
    assert "'Budget inputs': lands Thu 5 Nov instead of Tue 3 Nov" in body
    assert "Suggest option B" in body


def test_it_names_the_chosen_option_in_the_question(alice, partnership, ask):
    body = page(logged_in(alice), _url(partnership, ask) + "?option=1")

    assert _question(body) == "Can we go with option B (defer 'Board pack' to Fri 6 Nov)?"
    assert f'<p class="brief-lead"><strong>Option B: Push #{ask.pk} Board pack to Fri 6 Nov' in body
    assert f"B (my suggestion). Push #{ask.pk} Board pack to Fri 6 Nov" in body
    assert '<a href="?option=1" aria-current="page">' in body


def test_it_puts_the_decision_first_and_the_question_last(alice, partnership, ask):
    body = page(logged_in(alice), _url(partnership, ask) + "?option=0")

    assert _headings(body) == [
        ("In short", False),
        ("If nothing changes", False),
        ("What I propose", False),
        ("Load by week", True),
        ("What moves", True),
        ("The options", True),
        ("The question", False),
    ]
    article = _article(body)
    assert article.count('class="brief-question"') == 1
    question = "Can we go with option A (move 'Board pack' to Thu 5 Nov)?"
    assert article.rstrip().endswith(f'<p class="brief-question">{question}</p>\n  </section>')
    assert "<li>'Budget inputs' lands Thu 5 Nov, 1 day after its due date of Wed 4 Nov.</li>" in (
        article
    )


def test_it_says_efforts_the_way_people_speak(alice, partnership, ask):
    article = _article(page(logged_in(alice), _url(partnership, ask)))
    words = re.sub(r"<svg.*?</svg>", "", article, flags=re.DOTALL)

    assert "<li>The new ask, 'Board pack', is 10 hours of work, due Tue 3 Nov.</li>" in words
    assert "— 8 hours → 7½ hours of work. 30 minutes less work;" in words
    assert not re.search(r"\b\d+[dhm]\b", words)


def test_it_does_not_call_work_in_progress_a_new_ask(alice, partnership, ask):
    services.assignment_update(alice, ask, {"status": Status.IN_PROGRESS})

    body = page(logged_in(alice), _url(partnership, ask))

    article = _article(body)
    assert "<h1>Workload: finishing 'Board pack'</h1>" in article
    assert "<p>Finishing 'Board pack' by Tue 3 Nov moves 'Budget inputs' past its due date." in (
        article
    )
    assert "taking on" not in article.lower()
    assert "new ask" not in article.lower()


def test_it_still_shows_a_brief_shared_before_it_had_a_first_screen(db, partnership):
    old = {
        "title": "Workload: taking on 'Board pack'",
        "question": "Which of these should move?",
        "sections": [
            {"key": "bottom_line", "heading": "In short", "lines": ["It moves one date."]},
            {"key": "options", "heading": "Options", "lines": ["A. Move 'Board pack'."]},
            {
                "key": "question",
                "heading": "The question",
                "lines": ["Which of these should move?"],
            },
            {"key": "load", "heading": "Current load", "lines": ["This week: 10h of work due"]},
        ],
        "chart_svg": "",
        "chart_rows": [],
    }
    _, secret = services.brief_share_create(partnership, old["title"], "# Workload", old)

    body = page(Client(), reverse("brief-shared", args=[secret]))

    assert _headings(body) == [
        ("In short", False),
        ("Options", False),
        ("Current load", False),
        ("The question", False),
    ]
    assert "<li>A. Move 'Board pack'.</li>" in body
    assert _question(body) == "Which of these should move?"


def test_it_ignores_an_option_that_does_not_exist(alice, partnership, ask):
    body = page(logged_in(alice), _url(partnership, ask) + "?option=9")

    assert _question(body) == "Which of these should move?"


def test_it_asks_a_plain_yes_when_the_ask_fits(alice, partnership):
    small = assign(partnership, "Thank-you note", 60, due=day(14), status=Status.PROPOSED)

    body = page(logged_in(alice), _url(partnership, small))

    assert _question(body) == "Shall I take on 'Thank-you note' with a due date of Mon 16 Nov?"
    assert "Suggest option" not in body


def test_it_offers_the_brief_as_an_email(alice, partnership, ask):
    body = page(logged_in(alice), _url(partnership, ask))

    href = re.search(r'href="(mailto:[^"]+)"', body)[1]
    address = urlsplit(href)
    fields = parse_qs(address.query)
    assert address.path == "zeb%40example.com"
    assert fields["subject"] == ["Workload: taking on 'Board pack'"]
    assert fields["body"][0].startswith("Hi Zebulon,")
    assert "Which of these should move?" in fields["body"][0]


def test_it_offers_the_brief_as_markdown(alice, partnership, ask):
    body = page(logged_in(alice), _url(partnership, ask))

    assert "# Workload: taking on 'Board pack'" in body
    assert "**Which of these should move?**" in body


def test_it_stores_only_a_hash_of_the_link(alice, partnership, ask):
    link = _brief_link(logged_in(alice), partnership, ask)

    secret = re.fullmatch(r"http://testserver/b/(brf_[\w-]+)/", link)[1]
    brief_share = BriefShare.objects.get()
    assert brief_share.token_hash == token_hash(secret)
    assert all(secret not in str(value) for value in BriefShare.objects.values().get().values())
    assert brief_share.expires_at == brief_share.created_at + dt.timedelta(days=14)


def test_it_shows_the_link_once(alice, partnership, ask):
    client = logged_in(alice)
    _brief_link(client, partnership, ask)

    body = page(client, _url(partnership, ask))

    assert 'id="brief-link"' not in body
    assert "Live links" in body


def test_it_shows_the_shared_brief_without_private_notes_or_other_data(
    alice, partnership, solo_partnership, ask
):
    assign(solo_partnership, "Rita's appraisal", 60, due=day(30))
    link = _brief_link(logged_in(alice), partnership, ask)

    body = page(Client(), link)

    assert _question(body) == "Which of these should move?"
    assert "Brief from Alice Owner" in body
    assert "Board pack" in body
    for private in (
        "Said no to this last quarter",
        "Sam dislikes surprises",
        "Rita Report",
        "zeb@example.com",
        "alice@example.com",
        "Sharing & partner",
    ):
        assert private not in body
    assert f"/p/{partnership.pk}/" not in body
    assert "/workload/" not in body


def test_it_freezes_the_shared_brief(alice, partnership, ask):
    link = _brief_link(logged_in(alice), partnership, ask)
    ask.title = "Renamed later"
    ask.save()

    body = page(Client(), link)

    assert "Board pack" in body
    assert "Renamed later" not in body


def test_it_stops_a_revoked_link(alice, partnership, ask):
    client = logged_in(alice)
    link = _brief_link(client, partnership, ask)
    brief_share = BriefShare.objects.get()

    response = client.post(
        reverse("brief-share-revoke", args=[partnership.pk, brief_share.pk]),
        {"next": _url(partnership, ask)},
        follow=True,
    )

    assert "That link no longer works." in text_of(response)
    shared = Client().get(link)
    assert shared.status_code == 404
    assert "This link does not work any more" in text_of(shared)
    assert "Board pack" not in text_of(shared)


def test_it_stops_an_expired_link(alice, partnership, ask, frozen):
    link = _brief_link(logged_in(alice), partnership, ask)

    frozen.shift(dt.timedelta(days=13, hours=23))
    assert Client().get(link).status_code == 200

    frozen.shift(dt.timedelta(hours=1, minutes=1))
    shared = Client().get(link)
    assert shared.status_code == 404
    assert "Brief links expire after 14 days" in text_of(shared)


def test_it_answers_a_made_up_link_with_404(db):
    response = Client().get(reverse("brief-shared", args=["brf_not-a-real-token"]))

    assert response.status_code == 404
    assert "This link does not work any more" in text_of(response)


@pytest.mark.parametrize("role", ["bob", "charlie"])
def test_it_checks_ownership(role, request, partnership, ask):
    share(partnership, share_workload=True)
    client = logged_in(request.getfixturevalue(role))
    brief_share, _ = services.brief_share_create(partnership, "Workload", "# Workload", {})

    assert client.get(_url(partnership, ask)).status_code == 404
    assert client.post(_url(partnership, ask)).status_code == 404
    revoke = reverse("brief-share-revoke", args=[partnership.pk, brief_share.pk])
    assert client.post(revoke).status_code == 404
    assert BriefShare.objects.get().revoked_at is None


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", ""])
def test_it_returns_to_a_page_of_this_site_after_revoking(alice, partnership, ask, target):
    client = logged_in(alice)
    _brief_link(client, partnership, ask)
    brief_share = BriefShare.objects.get()

    response = client.post(
        reverse("brief-share-revoke", args=[partnership.pk, brief_share.pk]), {"next": target}
    )

    assert response["Location"] == reverse("area-workload", args=[partnership.pk])


def test_it_never_names_work_from_another_partnership(alice, partnership, solo_partnership, ask):
    # Rita's appraisal is planned first, so the ask pushes it back: the brief may say that
    # other work moves, never what it is.
    assign(solo_partnership, "Rita's appraisal", 300, priority=1, due=day(1))
    client = logged_in(alice)

    body = page(client, _url(partnership, ask))
    shared = page(Client(), _brief_link(client, partnership, ask))

    for text in (body, shared):
        assert "Rita's appraisal" not in text
        assert "other work (not shared here)" in text
    assert "Rita's appraisal" not in BriefShare.objects.get().markdown


def test_it_applies_the_agreed_option_so_everything_lands_on_time(alice, partnership, ask):
    client = logged_in(alice)
    url = reverse("option-apply", args=[partnership.pk, ask.pk])

    response = client.post(url, {"option": "0"}, follow=True)

    assert "Agreed and recorded: Move 'Board pack' to Thu 5 Nov." in text_of(response)
    ask.refresh_from_db()
    assert ask.due == day(3)
    assert ask.status == Status.ACCEPTED
    body = text_of(response)
    assert "will land late" in body
    assert re.search(r'<span class="stat-value">0</span><span class="stat-label">will land', body)


def test_it_asks_for_an_option_before_applying(alice, partnership, ask):
    response = logged_in(alice).post(
        reverse("option-apply", args=[partnership.pk, ask.pk]), {"option": "9"}, follow=True
    )

    assert "Choose one of the options first." in text_of(response)
    ask.refresh_from_db()
    assert ask.status == Status.PROPOSED
