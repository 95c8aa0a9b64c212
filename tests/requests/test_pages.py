"""The requests pages as people use them: capture, the list, one request, the partner's answer.

Time is frozen on Tue 1 Dec 2026 (see conftest): "6 weeks ago" is Tue 20 Oct.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.followup import EventKind, RequestStatus
from tandem.requests import services
from tandem.requests.forms import ANSWER_CHOICES
from tandem.requests.models import Request
from tests.conftest import field_errors, input_value, logged_in, overview, text_of
from tests.requests.conftest import (
    REFLECTION_SENTINEL,
    SAID_SENTINEL,
    STORY_SENTINEL,
    ask,
    day,
)


def form_data(form) -> dict:
    """What a browser would send back from a form as it was shown."""
    values = {name: form[name].value() for name in form.fields}
    return {name: value for name, value in values.items() if value not in (None, False)}


def list_url(partnership) -> str:
    return reverse("area-requests", args=[partnership.pk])


def request_url(partnership, the_request, name: str = "request") -> str:
    return reverse(name, args=[partnership.pk, the_request.pk])


@pytest.fixture
def capture(alice, partnership):
    client = logged_in(alice)
    url = reverse("request-create", args=[partnership.pk])

    def post(**fields):
        data = {
            "title": "Flexible hours on Fridays",
            "asked_on": "",
            "channel": "meeting",
            "what_was_said": "",
            "stale_after_days": "14",
            "promised_by": "",
        } | fields
        return client.post(url, data, follow=True)

    return post


# Capture.


def test_it_records_a_request_asked_six_weeks_ago(capture, partnership):
    response = capture(
        asked_on="6 weeks ago", what_was_said="Could I start at 10 on Fridays?", shared="on"
    )

    the_request = Request.objects.get()
    assert the_request.asked_on == day(-42)
    assert the_request.channel == "meeting"
    assert the_request.shared is True
    assert the_request.what_was_said == "Could I start at 10 on Fridays?"
    body = text_of(response)
    assert "Recorded “Flexible hours on Fridays”." in body
    assert response.context["headline"] == "1 request is waiting too long"
    assert [row.view.pk for row in response.context["groups"]["stale"]] == [the_request.pk]


def test_it_takes_today_when_no_day_is_given(capture):
    capture(title="A second screen")

    assert Request.objects.get().asked_on == day(0)


def test_it_reads_the_threshold_and_a_promised_day(capture):
    capture(asked_on="last friday", stale_after_days="5", promised_by="in 2 weeks")

    the_request = Request.objects.get()
    assert the_request.asked_on == day(-4)  # Fri 27 Nov
    assert the_request.stale_after_days == 5
    assert the_request.promised_by == day(14)


def test_it_refuses_an_asked_on_day_in_the_future_and_keeps_the_input(capture):
    response = capture(asked_on="tomorrow", what_was_said="Fridays from 10")

    assert response.status_code == 200
    assert not Request.objects.exists()
    body = text_of(response)
    errors = field_errors(body, "capture-asked_on")
    assert errors == ["'tomorrow' is Wed 2 Dec, which is in the future; when did it happen?"]
    assert response.context["form"].errors == {"asked_on": errors}
    assert input_value(body, "capture-asked_on") == "tomorrow"
    assert input_value(body, "capture-title") == "Flexible hours on Fridays"
    assert "Fridays from 10</textarea>" in body


@pytest.mark.parametrize("days", ["0", "-3"])
def test_it_refuses_a_threshold_of_zero_or_less(capture, days):
    response = capture(asked_on="6 weeks ago", stale_after_days=days)

    assert response.status_code == 200
    assert not Request.objects.exists()
    body = text_of(response)
    assert field_errors(body, "capture-stale_after_days") == [
        "A request turns stale after 1 to 365 days without an answer; 14 is usual."
    ]
    assert input_value(body, "capture-stale_after_days") == days
    assert input_value(body, "capture-asked_on") == "6 weeks ago"
    # The field sits under "More": it opens to show why.
    assert '<details class="capture-more" open>' in body


def test_it_refuses_an_empty_title(capture):
    response = capture(title="   ", asked_on="6 weeks ago")

    assert response.status_code == 200
    assert not Request.objects.exists()
    body = text_of(response)
    assert field_errors(body, "capture-title") == [
        "Say what you asked for, e.g. “Flexible hours on Fridays”."
    ]
    assert input_value(body, "capture-asked_on") == "6 weeks ago"


def test_it_says_each_problem_with_its_own_message(capture):
    response = capture(title="", asked_on="tomorrow")

    errors = response.context["form"].errors
    assert set(errors) == {"title", "asked_on"}


# The list.


def test_it_lists_stale_requests_first_with_how_long_they_waited(alice, partnership):
    fresh = ask(partnership, "A second screen", 3)
    stale = ask(partnership, "Flexible hours on Fridays", 42)
    older = ask(partnership, "Training budget", 60, stale_after_days=30)
    answered = ask(partnership, "Move my one-on-one", 20)
    services.response_record(alice, answered, EventKind.MORE_INFO, on=day(-2))
    granted = ask(partnership, "Standing desk", 30)
    services.response_record(alice, granted, EventKind.GRANTED, on=day(-10))

    response = logged_in(alice).get(list_url(partnership))

    groups = response.context["groups"]
    assert [row.view.pk for row in groups["stale"]] == [older.pk, stale.pk]
    assert [row.view.pk for row in groups["open"]] == [fresh.pk]
    assert [row.view.pk for row in groups["answered"]] == [answered.pk]
    assert [row.view.pk for row in groups["closed"]] == [granted.pk]
    assert response.context["headline"] == "2 requests are waiting too long"
    body = text_of(response)
    assert "asked 42 days ago, no answer" in body
    assert "asked 60 days ago, no answer" in body
    order = [body.index(title) for title in ("Training budget", "Flexible hours", "A second")]
    assert order == sorted(order)
    # Closed requests are folded away; the stale ones offer the follow-up.
    closed = body.split('<details class="request-closed">', 1)[1].split("</details>", 1)[0]
    assert "Standing desk" in closed and "granted on Sat 21 Nov" in closed
    follow_up = request_url(partnership, stale, "request-follow-up")
    assert f'href="{follow_up}">Prepare a follow-up' in body


def test_it_says_when_nothing_waits_too_long(alice, partnership):
    ask(partnership, "A second screen", 3)

    response = logged_in(alice).get(list_url(partnership))

    assert response.context["headline"] == "Nothing waits too long; 1 request is open"
    assert "asked 3 days ago, no answer yet" in text_of(response)


def test_it_teaches_what_a_request_is_when_there_are_none(alice, partnership):
    response = logged_in(alice).get(list_url(partnership))

    body = text_of(response)
    assert "Keep track of what you asked for" in body
    assert "“Flexible hours on Fridays”" in body
    assert "Tandem says so here and on the overview" in body
    assert 'placeholder="6 weeks ago"' in body
    assert response.context["headline"] == ""


def test_it_shows_the_partner_only_what_is_shared(bob, partnership, flexible_hours, shared_request):
    client = logged_in(bob)

    response = client.get(list_url(partnership))

    shown = [row.view.pk for group in response.context["groups"].values() for row in group]
    assert shown == [shared_request.pk]
    assert response.context["headline"] == "1 request waits for your answer"
    assert response.context["form"] is None
    body = text_of(response)
    assert "Flexible hours" not in body
    assert "Record a request" not in body
    assert f'href="{request_url(partnership, shared_request)}#answer">Answer' in body
    assert client.get(request_url(partnership, flexible_hours)).status_code == 404


def test_it_tells_the_partner_when_nothing_is_shared(bob, partnership, flexible_hours):
    body = text_of(logged_in(bob).get(list_url(partnership)))

    assert "Nothing shared with you yet" in body
    assert "Flexible hours" not in body


# The overview.


def test_it_leads_the_overview_with_the_stale_request(alice, partnership, flexible_hours):
    ask(partnership, "A second screen", 3)

    response = overview(alice, partnership)

    template, panel = response.context["panels"][0]
    assert template == "requests/overview_waiting.html"
    assert [view.pk for view in panel["rows"]] == [flexible_hours.pk]
    body = text_of(response)
    waiting = body.index("Waiting too long")
    assert waiting < body.index('class="tiles"')
    assert body.index("Flexible hours on Fridays", waiting) < body.index("asked 42 days ago")
    assert "asked 42 days ago, no answer" in body
    follow_up = request_url(partnership, flexible_hours, "request-follow-up")
    assert f'href="{follow_up}">Prepare a follow-up' in body
    tile = body.split(f'href="{list_url(partnership)}"><h2>Requests', 1)[1]
    tile = tile.split("</a>", 1)[0]
    assert "2</strong> open" in tile and "1 waiting too long" in tile


def test_it_counts_what_the_overview_panel_leaves_out(alice, partnership):
    for n in range(5):
        ask(partnership, f"Ask {n}", 20 + n)

    response = overview(alice, partnership)

    _, panel = response.context["panels"][0]
    assert [view.title for view in panel["rows"]] == ["Ask 4", "Ask 3", "Ask 2"]
    assert "+2 more" in text_of(response)


def test_it_shows_the_partner_what_waits_for_their_answer(bob, partnership, shared_request):
    response = overview(bob, partnership)

    panels = dict(response.context["panels"])
    panel = panels["requests/overview_waiting.html"]
    assert panel["for_partner"] is True
    body = text_of(response)
    assert "Waiting for your answer" in body
    assert f'href="{request_url(partnership, shared_request)}#answer">Answer' in body


def test_it_teaches_in_an_empty_tile(alice, partnership):
    body = text_of(overview(alice, partnership))

    assert "Record what you asked for, and Tandem tells you when it has waited too long." in body
    assert "Waiting too long" not in body


# One request.


def test_it_shows_status_and_staleness_first(alice, partnership, flexible_hours):
    response = logged_in(alice).get(request_url(partnership, flexible_hours))

    view = response.context["view"]
    assert view.stale and view.staleness.summary == "asked 42 days ago, no answer"
    body = text_of(response)
    assert body.index("asked 42 days ago, no answer") < body.index("What was asked")
    assert "Tue 20 Oct, in a one-on-one" in body
    assert SAID_SENTINEL in body
    assert "14 days without an answer" in body
    for name in ("request-follow-up", "request-reflection", "request-edit"):
        assert f'href="{request_url(partnership, flexible_hours, name)}"' in body


def test_it_records_a_response_in_the_history(alice, partnership, flexible_hours):
    client = logged_in(alice)
    url = request_url(partnership, flexible_hours, "request-response")

    response = client.post(
        url, {"kind": "acknowledged", "on": "yesterday", "note": "Will think about it"}, follow=True
    )

    assert "Recorded. It is in the history with its date." in text_of(response)
    view = response.context["view"]
    assert [(e.kind, e.on, e.note) for e in view.history] == [
        ("acknowledged", day(-1), "Will think about it")
    ]
    assert view.status == RequestStatus.OPEN and not view.stale
    assert view.staleness.summary == "asked 42 days ago; acknowledged yesterday"

    response = client.post(url, {"kind": "granted", "on": "today"}, follow=True)

    view = response.context["view"]
    assert view.status == RequestStatus.GRANTED
    assert [e.kind for e in view.history] == ["acknowledged", "granted"]
    assert "response_form" not in response.context
    assert "This request is granted" in text_of(response)


def test_it_records_a_promise_with_its_day(alice, partnership, flexible_hours):
    url = request_url(partnership, flexible_hours, "request-response")

    response = logged_in(alice).post(
        url, {"kind": "promised", "on": "", "promised_by": "friday"}, follow=True
    )

    flexible_hours.refresh_from_db()
    assert flexible_hours.promised_by == day(3)
    body = text_of(response)
    assert "Promised an answer</strong> by Fri 4 Dec" in body
    assert "promised an answer by Fri 4 Dec" in body


def test_it_drops_a_promised_day_left_in_the_form_for_another_answer(
    alice, partnership, flexible_hours
):
    url = request_url(partnership, flexible_hours, "request-response")

    logged_in(alice).post(url, {"kind": "acknowledged", "promised_by": "friday"})

    flexible_hours.refresh_from_db()
    assert flexible_hours.promised_by is None
    assert flexible_hours.events.get().kind == "acknowledged"


def test_it_asks_for_the_promised_day_and_keeps_the_note(alice, partnership, flexible_hours):
    url = request_url(partnership, flexible_hours, "request-response")

    response = logged_in(alice).post(url, {"kind": "promised", "note": "Said after the offsite"})

    assert response.status_code == 200
    body = text_of(response)
    assert field_errors(body, "response-promised_by") == ["Say by when the answer was promised."]
    assert "Said after the offsite</textarea>" in body
    assert not flexible_hours.events.exists()


def test_it_refuses_a_response_before_the_request(alice, partnership, shared_request):
    url = request_url(partnership, shared_request, "request-response")

    response = logged_in(alice).post(url, {"kind": "acknowledged", "on": "a week ago"})

    assert field_errors(text_of(response), "response-on") == [
        "Tue 24 Nov is before you asked (Sat 28 Nov)."
    ]


def test_it_edits_a_request(alice, partnership, flexible_hours):
    client = logged_in(alice)
    url = request_url(partnership, flexible_hours, "request-edit")
    data = form_data(client.get(url).context["form"])
    data |= {"stale_after_days": "60", "shared": "on", "promised_by": ""}

    response = client.post(url, data, follow=True)

    flexible_hours.refresh_from_db()
    assert flexible_hours.stale_after_days == 60 and flexible_hours.shared
    assert not response.context["view"].stale
    assert "Saved." in text_of(response)


def test_it_keeps_an_edit_that_dates_the_ask_in_the_future(alice, partnership, flexible_hours):
    client = logged_in(alice)
    url = request_url(partnership, flexible_hours, "request-edit")
    data = form_data(client.get(url).context["form"])
    data |= {"asked_on": "2026-12-05", "title": "Flexible Fridays"}

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors["asked_on"] == [
        "Sat 5 Dec is in the future: when did you ask?"
    ]
    assert input_value(text_of(response), "id_title") == "Flexible Fridays"
    flexible_hours.refresh_from_db()
    assert flexible_hours.title == "Flexible hours on Fridays"


def test_it_deletes_a_request(alice, partnership, flexible_hours):
    url = request_url(partnership, flexible_hours, "request-delete")

    response = logged_in(alice).post(url, follow=True)

    assert not Request.objects.exists()
    assert "Deleted “Flexible hours on Fridays” and its history." in text_of(response)


# The partner answers.


def test_it_lets_the_partner_answer_and_the_owner_reads_it_with_its_date(
    alice, bob, partnership, shared_request
):
    answer = request_url(partnership, shared_request, "request-response")

    response = logged_in(bob).post(
        answer, {"kind": "granted", "note": "Yes, from January"}, follow=True
    )

    assert "Thank you: Alice Owner has your answer." in text_of(response)
    assert "answer_form" not in response.context
    owner_page = logged_in(alice).get(request_url(partnership, shared_request))
    view = owner_page.context["view"]
    assert view.status == RequestStatus.GRANTED
    [event] = view.history
    assert (event.kind, event.on, event.by_partner) == ("granted", day(0), True)
    body = text_of(owner_page)
    entry = body.split('<li class="is-partner">', 1)[1].split("</li>", 1)[0]
    assert "Tue 1 Dec" in entry
    assert "Granted" in entry and "answered by Zebulon Boss" in entry
    assert "Yes, from January" in entry


def test_it_lets_the_partner_ask_for_more_or_promise_a_day(bob, partnership, shared_request):
    client = logged_in(bob)
    answer = request_url(partnership, shared_request, "request-response")

    client.post(answer, {"kind": "promised", "promised_by": "friday", "note": "After budgets"})

    shared_request.refresh_from_db()
    assert shared_request.promised_by == day(3)
    assert shared_request.status == RequestStatus.OPEN

    response = client.post(
        answer, {"kind": "more_info", "note": "What would it cost?"}, follow=True
    )

    assert response.context["view"].status == RequestStatus.ANSWERED
    assert [e.kind for e in response.context["view"].history] == ["promised", "more_info"]


def test_it_asks_the_partner_to_choose_an_answer(bob, partnership, shared_request):
    answer = request_url(partnership, shared_request, "request-response")

    response = logged_in(bob).post(answer, {"note": "Hmm"})

    assert response.status_code == 200
    body = text_of(response)
    assert "Choose your answer: grant it, decline, ask for more information" in body
    assert "Hmm</textarea>" in body
    assert not shared_request.events.exists()


def test_it_offers_no_answer_on_a_closed_request(alice, bob, partnership, shared_request):
    services.response_record(alice, shared_request, EventKind.DECLINED)

    response = logged_in(bob).get(request_url(partnership, shared_request))

    assert "answer_form" not in response.context
    assert "Send my answer" not in text_of(response)


def test_it_never_shows_the_partner_what_the_owner_keeps(alice, bob, partnership):
    private = ask(partnership, "Flexible hours on Fridays", 42, what_was_said=SAID_SENTINEL)
    shared = ask(partnership, "A shared ask", 42, what_was_said=SAID_SENTINEL, shared=True)
    for the_request in (private, shared):
        services.reflection_save(alice, the_request, {"why_it_matters": REFLECTION_SENTINEL})
        services.follow_up_draft_save(alice, the_request, story=STORY_SENTINEL)
    services.follow_up_record(alice, shared, channel="email", note=STORY_SENTINEL)
    client = logged_in(bob)
    pages = [
        reverse("partnership", args=[partnership.pk]),
        list_url(partnership),
        request_url(partnership, shared),
    ]

    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = text_of(response)
        for sentinel in (SAID_SENTINEL, REFLECTION_SENTINEL, STORY_SENTINEL):
            assert sentinel not in body, (url, sentinel)
    for the_request in (private, shared):
        for name in ("request-reflection", "request-follow-up", "request-edit"):
            assert client.get(request_url(partnership, the_request, name)).status_code == 404
    assert client.get(request_url(partnership, private)).status_code == 404


def test_it_answers_a_stranger_with_not_found(charlie, partnership, flexible_hours):
    client = logged_in(charlie)
    gets = ["request", "request-edit", "request-reflection", "request-follow-up"]
    posts = [
        "request-response",
        "request-follow-up-record",
        "request-delete",
        "request-reflection",
        "request-follow-up",
    ]

    assert client.get(list_url(partnership)).status_code == 404
    assert client.post(reverse("request-create", args=[partnership.pk])).status_code == 404
    for name in gets:
        assert client.get(request_url(partnership, flexible_hours, name)).status_code == 404, name
    for name in posts:
        response = client.post(request_url(partnership, flexible_hours, name), {"kind": "granted"})
        assert response.status_code == 404, name
    assert Request.objects.filter(pk=flexible_hours.pk).exists()
    assert not flexible_hours.events.exists()


def test_it_sends_an_anonymous_visitor_to_log_in(partnership, flexible_hours):
    response = logged_in(None).get(request_url(partnership, flexible_hours))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_offers_the_partner_every_answer_the_service_takes():
    offered = {kind for kind, _ in ANSWER_CHOICES}

    assert offered == {kind.value for kind in services.PARTNER_ANSWERS}
