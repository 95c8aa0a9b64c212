"""The partner answers a shared brief: through its link without an account, or in the app.

The owner reads the answer, with its time, on the assignment page and the overview, and may
reopen the question for one more answer. The link's token allows that one answer, nothing else.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.lib.tokens import token_hash
from tandem.workload import services
from tandem.workload.models import (
    Assignment,
    BriefAnswer,
    BriefAnswerQuerySet,
    BriefShare,
    Status,
)
from tests.conftest import logged_in, send, share, text_of
from tests.workload.conftest import NOW, assign, day, page

HTMX = {"HX-Request": "true"}


@pytest.fixture
def ask(partnership) -> Assignment:
    """A ten-hour ask due tomorrow that makes 'Budget inputs' late: its brief has options."""
    assign(partnership, "Budget inputs", 480, due=day(2), asked_on=day(-5), notes="Sam Q7")
    assign(partnership, "Pricing memo", 240, due=day(9), asked_on=day(-3))
    return assign(
        partnership, "Board pack", 600, due=day(1), status=Status.PROPOSED, notes="Said no Q7"
    )


def _share_brief(partnership, assignment) -> str:
    """Shares the brief the way the owner does, on the brief page; returns the link's token."""
    client = logged_in(partnership.owner)
    url = reverse("workload-brief", args=[partnership.pk, assignment.pk])
    response = client.post(url, follow=True)
    link = re.search(
        r'id="brief-link" class="link-field" rows="3" readonly>([^<]+)</textarea>',
        text_of(response),
    )[1]
    return re.fullmatch(r"http://testserver/b/(brf_[\w-]+)/", link)[1]


@pytest.fixture
def token(partnership, ask) -> str:
    return _share_brief(partnership, ask)


def _shared(token: str) -> str:
    return reverse("brief-shared", args=[token])


def _answer(token: str, choice: str = "0", note: str = "", client: Client | None = None):
    client = client or Client()
    return client.post(reverse("brief-answer", args=[token]), {"choice": choice, "note": note})


def _card(user, partnership, assignment):
    response = logged_in(user).get(
        reverse("assignment-answers", args=[partnership.pk, assignment.pk]), headers=HTMX
    )
    assert response.status_code == 200
    return response


def _words(body: str) -> str:
    """The page's text as a person reads it: no tags, single spaces."""
    return " ".join(re.sub(r"<[^>]+>", " ", body).split()).replace(" .", ".")


def _panel(response) -> dict | None:
    return next(
        (panel for template, panel in response.context["panels"] if "answers" in template), None
    )


# Through the link.


def test_it_offers_each_option_and_a_talk_on_the_shared_page(token):
    brief_share = BriefShare.objects.get()
    response = Client().get(_shared(token))
    body = text_of(response)

    options = response.context["options"]
    lines = next(s["lines"] for s in brief_share.snapshot["sections"] if s["key"] == "options")
    assert [f"{o.letter}. {o.text}" for o in options] == lines
    for option in options:
        assert f'name="choice" value="{option.index}" required' in body
    assert 'name="choice" value="talk" required' in body
    assert 'maxlength="1000"' in body
    assert f'action="{reverse("brief-answer", args=[token])}"' in body
    assert "Alice Owner would like your answer." in body


def test_it_records_the_chosen_option_with_its_note_and_time(partnership, ask, token):
    response = _answer(token, "1", "Fine by me; tell Finance.")

    assert response.status_code == 302
    assert response["Location"] == _shared(token) + "#answer"
    answer = BriefAnswer.objects.get()
    chosen = BriefShare.objects.get().options()[1]
    assert (answer.option, answer.option_text) == (1, chosen.text)
    assert answer.note == "Fine by me; tell Finance."
    assert (answer.partnership, answer.assignment, answer.answered_by) == (partnership, ask, None)
    assert answer.answered_at == NOW


def test_it_thanks_the_reader_and_shows_what_they_answered(token):
    _answer(token, "0", "Go ahead.")

    response = Client().get(_shared(token))
    body = text_of(response)

    assert "Thank you. Alice Owner has your answer." in body
    assert f"<strong>Option A</strong>: {BriefShare.objects.get().options()[0].text}" in body
    assert "Go ahead." in body
    assert "Sent on Mon 2 Nov 2026." in body
    assert 'name="choice"' not in body


def test_it_records_a_wish_to_talk(token):
    _answer(token, "talk", "Can we discuss on Thursday?")

    answer = BriefAnswer.objects.get()
    assert (answer.option, answer.option_text, answer.wants_to_talk) == (None, "", True)
    assert "Let's talk" in page(Client(), _shared(token))


def test_it_refuses_a_second_answer_through_the_same_link_and_changes_nothing(token):
    _answer(token, "0", "First")

    response = _answer(token, "talk", "Second")

    assert response.status_code == 409
    assert "This brief has already been answered, so nothing was changed." in text_of(response)
    answer = BriefAnswer.objects.get()
    assert (answer.option, answer.note) == (0, "First")


def test_it_takes_one_more_answer_after_the_owner_reopens_the_question(
    frozen, alice, partnership, token
):
    _answer(token, "0", "First")
    first = BriefAnswer.objects.get()
    reopen = reverse("brief-answer-reopen", args=[partnership.pk, first.pk])

    assert logged_in(alice).post(reopen).status_code == 302
    words = _words(page(Client(), _shared(token)))
    assert "Alice Owner asked for another answer. Before, you chose option A on 2 Nov." in words
    frozen.shift(dt.timedelta(hours=2))
    assert _answer(token, "talk", "Second thoughts").status_code == 302
    assert _answer(token, "1", "Third").status_code == 409

    first.refresh_from_db()
    assert first.reopened_at == first.handled_at == NOW
    assert list(BriefAnswer.objects.values_list("note", flat=True)) == ["Second thoughts", "First"]


def test_it_lets_only_the_first_of_two_answers_at_once_count(monkeypatch, token):
    _answer(token, "0", "First")
    # The second request read the link before the first one was saved.
    monkeypatch.setattr(BriefAnswerQuerySet, "current", lambda self: self.none())

    response = _answer(token, "talk", "Second")

    assert response.status_code == 409
    assert BriefAnswer.objects.get().note == "First"


def test_it_reopens_only_a_standing_answer(alice, partnership, token):
    _answer(token)
    answer = BriefAnswer.objects.get()
    client = logged_in(alice)
    reopen = reverse("brief-answer-reopen", args=[partnership.pk, answer.pk])
    client.post(reopen)

    response = client.post(reopen, follow=True)

    assert "This question is already open for another answer." in text_of(response)


def test_it_refuses_answers_through_an_expired_link(frozen, token):
    frozen.shift(dt.timedelta(days=14, seconds=1))

    response = _answer(token)

    assert response.status_code == 404
    assert "This link does not work any more" in text_of(response)
    assert not BriefAnswer.objects.exists()


def test_it_refuses_answers_through_a_revoked_link(token):
    services.brief_share_revoke(BriefShare.objects.get())

    response = _answer(token)

    assert response.status_code == 404
    assert not BriefAnswer.objects.exists()


@pytest.mark.parametrize(
    "choice", ["", "9", "5", "-1", "1.0", "²", "٣", "A", "Talk", "0" * 5000, "talk\x00"]
)
def test_it_refuses_a_choice_the_brief_does_not_offer(token, choice):
    response = _answer(token, choice, "Kept")

    assert response.status_code == 400
    body = text_of(response)
    assert "Choose one of the options, or “let's talk”." in body
    assert ">Kept</textarea>" in body
    assert not BriefAnswer.objects.exists()


def test_it_refuses_an_option_beyond_those_in_the_snapshot(token):
    count = len(BriefShare.objects.get().options())

    assert _answer(token, str(count)).status_code == 400
    assert _answer(token, str(count - 1)).status_code == 302


def test_it_bounds_the_note(token):
    too_long = _answer(token, "0", "x" * 1001)
    with_nul = _answer(token, "0", "Fine\x00")

    assert too_long.status_code == with_nul.status_code == 400
    assert "Keep the note to 1,000 characters (it has 1,001)." in text_of(too_long)
    assert not BriefAnswer.objects.exists()
    assert _answer(token, "0", "  " + "x" * 1000 + "  ").status_code == 302
    assert BriefAnswer.objects.get().note == "x" * 1000


def test_it_keeps_the_choice_after_a_refusal(token):
    body = text_of(_answer(token, "talk", "x" * 1001))

    assert 'value="talk" required checked' in body


def test_it_does_not_let_the_owner_answer_their_own_brief(alice, token):
    client = logged_in(alice)

    response = _answer(token, "0", client=client)

    assert response.status_code == 400
    assert "This is your own brief: Zebulon Boss answers it." in text_of(response)
    assert not BriefAnswer.objects.exists()
    body = page(client, _shared(token))
    assert "This is your own brief, as your partner sees it." in body
    assert 'name="choice"' not in body
    _answer(token, "0")
    assert "Your partner has answered." in page(client, _shared(token))


def test_it_records_the_partner_who_answers_through_the_link_signed_in(bob, charlie, token):
    _answer(token, "0", client=logged_in(bob))

    assert BriefAnswer.objects.get().answered_by == bob


def test_it_records_anyone_else_as_the_reader_of_the_link(charlie, token):
    _answer(token, "0", client=logged_in(charlie))

    assert BriefAnswer.objects.get().answered_by is None


# What the token reaches: this answer and nothing else.


def test_it_reaches_nothing_else_through_the_token(
    bearer, partnership, solo_partnership, ask, token
):
    other = assign(partnership, "Hidden offsite", 900, due=day(1), status=Status.PROPOSED)
    other_token = _share_brief(partnership, other)
    assign(solo_partnership, "Rita's appraisal", 60, due=day(30))
    client = Client()

    # Whatever else the form says, the answer goes to this link's brief only.
    response = client.post(
        reverse("brief-answer", args=[token]),
        {"choice": "0", "note": "Yes", "share": "2", "assignment": str(other.pk), "pk": "7"},
        follow=True,
    )

    answer = BriefAnswer.objects.get()
    assert (answer.share.assignment, answer.assignment) == (ask, ask)
    body = text_of(response)
    for elsewhere in ("Said no Q7", "Sam Q7", "Hidden offsite", "Rita's appraisal", "Zebulon"):
        assert elsewhere not in body
    assert "Alice Owner would like your answer." in page(client, _shared(other_token))
    assert client.get(reverse("brief-answer", args=[token])).status_code == 405
    assert client.get(f"/b/{token}/answers/").status_code == 404
    api = f"/api/partnerships/{partnership.pk}/assignments/{ask.pk}/answers"
    assert client.get(api, headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert _answer("brf_" + "x" * 43).status_code == 404


# The owner reads the answers.


def test_it_loads_the_answers_card_into_the_assignment_page(alice, partnership, ask, token):
    body = page(logged_in(alice), reverse("assignment", args=[partnership.pk, ask.pk]))

    url = reverse("assignment-answers", args=[partnership.pk, ask.pk])
    assert f'<div id="answers" hx-get="{url}" hx-trigger="load"' in body


def test_it_shows_the_owner_who_answered_what_and_when(alice, partnership, ask, token):
    _answer(token, "0", "Go ahead.\nTell Finance.")

    response = _card(alice, partnership, ask)

    (answer,) = response.context["card"].answers
    assert (answer.who, answer.choice_label, answer.note) == (
        "Zebulon Boss",
        "Option A",
        "Go ahead.\nTell Finance.",
    )
    assert answer.answered_at == NOW
    body = text_of(response)
    assert "<strong>Zebulon Boss</strong> chose option A" in body
    assert "Go ahead.<br>Tell Finance." in body
    assert "Mon 2 Nov 2026, 09:00" in body
    assert "through the shared link" in body
    assert "Mark as handled" in body
    assert "Allow another answer" in body


def test_it_tells_the_owner_the_brief_awaits_an_answer(alice, partnership, ask, token):
    body = text_of(_card(alice, partnership, ask))

    assert "Waiting for Zebulon Boss's answer to the brief shared on 2 Nov." in body


def test_it_sends_nothing_for_an_assignment_without_a_brief(alice, partnership, ask):
    response = _card(alice, partnership, ask)

    assert response.content.strip() == b""


def test_it_shows_new_answers_on_the_overview_newest_first(
    frozen, alice, bob, partnership, ask, token
):
    _answer(token, "0", "First")
    BriefAnswer.objects.update(handled_at=None)
    services.brief_answer_reopen(alice, BriefAnswer.objects.get())
    BriefAnswer.objects.update(handled_at=None)
    frozen.shift(dt.timedelta(hours=1))
    _answer(token, "talk", "Second")

    response = logged_in(alice).get(reverse("partnership", args=[partnership.pk]))

    panel = _panel(response)
    assert [a.note for a in panel["answers"]] == ["Second", "First"]
    body = text_of(response)
    assert "New answers from Zebulon Boss" in body
    assert "Zebulon Boss would like to talk about Board pack" in _words(body)
    assert "Zebulon Boss chose option A for Board pack" in _words(body)
    assert body.index("Second") < body.index("First")
    assert _panel(logged_in(bob).get(reverse("partnership", args=[partnership.pk]))) is None


def test_it_takes_a_handled_answer_off_the_overview(alice, partnership, ask, token):
    _answer(token, "0")
    answer = BriefAnswer.objects.get()
    client = logged_in(alice)
    overview_url = reverse("partnership", args=[partnership.pk])

    response = client.post(
        reverse("brief-answer-handled", args=[partnership.pk, answer.pk]), {"next": overview_url}
    )

    assert response["Location"] == overview_url
    answer.refresh_from_db()
    assert answer.handled_at == NOW
    assert _panel(client.get(overview_url)) is None
    assert "Mark as handled" not in text_of(_card(alice, partnership, ask))


def test_it_keeps_the_owners_answer_actions_to_the_owner(bob, charlie, partnership, token):
    share(partnership, share_workload=True)
    _answer(token)
    answer = BriefAnswer.objects.get()

    for user in (bob, charlie):
        for name in ("brief-answer-reopen", "brief-answer-handled"):
            url = reverse(name, args=[partnership.pk, answer.pk])
            assert logged_in(user).post(url).status_code == 404
    answer.refresh_from_db()
    assert answer.reopened_at is None and answer.handled_at is None


# The partner answers in the app.


def test_it_lets_the_joined_partner_answer_in_the_app(alice, bob, partnership, ask, token):
    share(partnership, share_workload=True)
    card = _card(bob, partnership, ask)
    assert "Send my answer" in text_of(card)
    assert [o.letter for o in card.context["card"].question.options][:2] == ["A", "B"]
    url = reverse("assignment-answer", args=[partnership.pk, ask.pk])

    response = logged_in(bob).post(url, {"choice": "1", "note": "B, please."}, follow=True)

    assert "Thank you: Alice Owner has your answer." in text_of(response)
    answer = BriefAnswer.objects.get()
    assert (answer.answered_by, answer.option, answer.note) == (bob, 1, "B, please.")
    assert "You answered on Mon 2 Nov" in text_of(_card(bob, partnership, ask))
    owner_card = text_of(_card(alice, partnership, ask))
    assert "<strong>Bob Partner</strong> chose option B" in owner_card
    assert "in Tandem" in owner_card


def test_it_holds_the_partner_to_one_answer_too(bob, partnership, ask, token):
    share(partnership, share_workload=True)
    _answer(token, "0", "Through the link")
    url = reverse("assignment-answer", args=[partnership.pk, ask.pk])

    response = logged_in(bob).post(url, {"choice": "talk"}, follow=True)

    assert "This brief has already been answered" in text_of(response)
    assert BriefAnswer.objects.get().note == "Through the link"


def test_it_refuses_the_partners_odd_choice_in_the_app(bob, partnership, ask, token):
    share(partnership, share_workload=True)
    url = reverse("assignment-answer", args=[partnership.pk, ask.pk])

    response = logged_in(bob).post(url, {"choice": "7", "note": "?"}, follow=True)

    assert "Choose one of the options" in text_of(response)
    assert not BriefAnswer.objects.exists()


def test_it_has_no_in_app_answer_while_the_workload_is_private(bob, partnership, ask, token):
    url = reverse("assignment-answer", args=[partnership.pk, ask.pk])

    assert logged_in(bob).post(url, {"choice": "0"}).status_code == 404
    assert not BriefAnswer.objects.exists()


def test_it_says_when_no_brief_awaits_an_answer(bob, partnership, ask):
    share(partnership, share_workload=True)
    url = reverse("assignment-answer", args=[partnership.pk, ask.pk])

    response = logged_in(bob).post(url, {"choice": "0"}, follow=True)

    assert "There is no brief here waiting for an answer." in text_of(response)
    assert not BriefAnswer.objects.exists()


def test_it_asks_the_partner_the_latest_live_brief(bob, partnership, ask, token):
    share(partnership, share_workload=True)
    newer = _share_brief(partnership, ask)
    url = reverse("assignment-answer", args=[partnership.pk, ask.pk])

    logged_in(bob).post(url, {"choice": "0"})

    assert BriefAnswer.objects.get().share.token_hash == token_hash(newer)


# The API.


def _answers_api(partnership, assignment) -> str:
    return f"/api/partnerships/{partnership.pk}/assignments/{assignment.pk}/answers"


def test_it_gives_the_owner_the_answers_through_the_api(
    client, alice, bob, bearer, partnership, ask, token
):
    _answer(token, "1", "Fine")

    response = send(client, "GET", _answers_api(partnership, ask), bearer(alice))

    assert response.status_code == 200
    (answer,) = response.json()
    assert answer["choice"] == "1"
    assert answer["letter"] == "B"
    assert answer["option"] == BriefShare.objects.get().options()[1].text
    assert (answer["note"], answer["answered_by"], answer["through_link"]) == (
        "Fine",
        "Zebulon Boss",
        True,
    )
    assert answer["answered_at"] == "2026-11-02T09:00:00Z"
    assert answer["assignment_id"] == ask.pk
    assert answer["question"] == BriefShare.objects.get().snapshot["question"]
    share(partnership, share_workload=True)
    assert send(client, "GET", _answers_api(partnership, ask), bearer(bob)).status_code == 404


def test_it_takes_the_partners_answer_through_the_api(client, bob, bearer, partnership, ask, token):
    share(partnership, share_workload=True)
    headers = bearer(bob)
    url = _answers_api(partnership, ask)

    created = send(client, "POST", url, headers, {"choice": "talk", "note": "Call me."})
    again = send(client, "POST", url, headers, {"choice": "0"})

    assert created.status_code == 201
    assert created.json()["choice"] == "talk"
    assert created.json()["letter"] is None
    assert (created.json()["answered_by"], created.json()["through_link"]) == ("Bob Partner", False)
    assert again.status_code == 409
    assert "already been answered" in again.json()["detail"]
    assert BriefAnswer.objects.get().answered_by == bob


@pytest.mark.parametrize(
    "body,status,field",
    [
        ({"choice": "9"}, 400, "choice"),
        ({"choice": "A"}, 400, "choice"),
        ({"choice": ""}, 422, "choice"),
        ({"choice": "0", "note": "x" * 1001}, 422, "note"),
        ({"choice": "0", "note": "a\x00b"}, 422, "note"),
        ({"note": "no choice"}, 422, "choice"),
    ],
)
def test_it_refuses_odd_answers_through_the_api(
    client, bob, bearer, partnership, ask, token, body, status, field
):
    share(partnership, share_workload=True)

    response = send(client, "POST", _answers_api(partnership, ask), bearer(bob), body)

    assert response.status_code == status
    detail = response.json()
    assert detail.get("field") == field or any(
        field in str(error.get("loc")) for error in detail.get("errors", [])
    )
    assert not BriefAnswer.objects.exists()


def test_it_refuses_the_owners_answer_through_the_api(
    client, alice, bearer, partnership, ask, token
):
    response = send(client, "POST", _answers_api(partnership, ask), bearer(alice), {"choice": "0"})

    assert response.status_code == 400
    assert response.json()["detail"] == "This is your own brief: Zebulon Boss answers it."


def test_it_links_a_brief_shared_through_the_api_to_its_assignment(
    client, alice, bearer, partnership, ask
):
    path = f"/api/partnerships/{partnership.pk}/assignments/{ask.pk}/brief/share"

    assert send(client, "POST", path, bearer(alice), {}).status_code == 201
    assert BriefShare.objects.get().assignment == ask


# A fixed number of queries, however many answers there are.


def _queries(client, url: str, headers: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200, url
    return len(queries)


def _more_answers(owner, count: int) -> None:
    for _ in range(count):
        standing = BriefAnswer.objects.current().select_related("share__partnership").first()
        BriefAnswer.objects.filter(pk=standing.pk).update(handled_at=None)
        services.brief_answer_reopen(owner, standing)
        BriefAnswer.objects.filter(pk=standing.pk).update(handled_at=None)
        services.brief_answer_create(standing.share, None, "talk", "Again")


@pytest.mark.parametrize("page_name", ["shared", "owner's card", "partner's card", "overview"])
def test_it_reads_the_same_queries_for_1_and_10_answers(
    alice, bob, partnership, ask, token, page_name
):
    share(partnership, share_workload=True)
    _answer(token, "0", "First")
    user, url, headers = {
        "shared": (None, _shared(token), {}),
        "owner's card": (
            alice,
            reverse("assignment-answers", args=[partnership.pk, ask.pk]),
            HTMX,
        ),
        "partner's card": (bob, reverse("assignment-answers", args=[partnership.pk, ask.pk]), {}),
        "overview": (alice, reverse("partnership", args=[partnership.pk]), {}),
    }[page_name]
    client = logged_in(user)

    few = _queries(client, url, headers)
    _more_answers(alice, 9)
    many = _queries(client, url, headers)

    assert BriefAnswer.objects.count() == 10
    assert many == few
