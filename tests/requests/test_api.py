"""The requests API: record, list, change and answer requests; reflect; draft a follow-up."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.requests import services
from tandem.requests.models import FollowUpDraft, Reflection, Request, RequestEvent
from tandem.schemas import NUL_REFUSED
from tests.requests.conftest import (
    REFLECTION_SENTINEL,
    SAID_SENTINEL,
    STORY_SENTINEL,
    ask,
    day,
)

NOTE_SENTINEL = "owner-note-sentinel-5120"
# Every error, whatever its cause, has this shape and no other keys.
ERROR_KEYS = {"detail", "field", "errors"}


def _requests(partnership) -> str:
    return f"/api/partnerships/{partnership.pk}/requests"


def _one(partnership, the_request) -> str:
    return f"{_requests(partnership)}/{the_request.pk}"


def test_it_records_a_request_asked_six_weeks_ago_as_stale(api, partnership):
    response = api(
        "POST",
        _requests(partnership),
        {
            "title": "Flexible hours on Fridays",
            "asked_on": "6 weeks ago",
            "channel": "meeting",
            "what_was_said": "Could I start at 10 on Fridays?",
        },
    )

    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["asked_on"] == "2026-10-20"
    assert (created["status"], created["channel"], created["shared"]) == ("open", "meeting", False)
    assert (created["stale"], created["stale_reason"]) == (True, "no_answer")
    assert created["stale_since"] == "2026-11-04"
    assert created["summary"] == "asked 42 days ago, no answer"
    assert (created["asked_days_ago"], created["stale_after_days"]) == (42, 14)
    assert created["history"] == []
    listed = api("GET", _requests(partnership)).json()
    assert [(r["id"], r["stale"], r["summary"]) for r in listed] == [
        (created["id"], True, "asked 42 days ago, no answer")
    ]


def test_it_dates_a_request_today_when_no_day_is_given(api, partnership):
    response = api("POST", _requests(partnership), {"title": "A second monitor"})

    assert response.status_code == 201
    created = response.json()
    assert (created["asked_on"], created["stale"], created["summary"]) == (
        "2026-12-01",
        False,
        "asked today",
    )
    assert created["stale_since"] == "2026-12-16"


def test_it_reads_a_promised_day_and_a_threshold(api, partnership):
    response = api(
        "POST",
        _requests(partnership),
        {
            "title": "Budget for a course",
            "asked_on": "3 weeks ago",
            "promised_by": "next friday",
            "stale_after_days": 30,
            "shared": True,
        },
    )

    created = response.json()
    assert (created["promised_by"], created["stale_after_days"]) == ("2026-12-11", 30)
    assert (created["shared"], created["stale"]) == (True, False)


@pytest.mark.parametrize(
    "body,status,field,message",
    [
        ({"asked_on": "next friday"}, 400, "asked_on", "which is in the future; when did it"),
        ({"asked_on": "in 3 days"}, 400, "asked_on", "in the future"),
        ({"asked_on": "someday"}, 400, "asked_on", "'someday' is not a date"),
        ({"asked_on": "12/04"}, 400, "asked_on", "could be 12 Apr or 4 Dec"),
        ({"stale_after_days": 0}, 400, "stale_after_days", "stale after 1 to 365 days"),
        ({"stale_after_days": -3}, 400, "stale_after_days", "stale after 1 to 365 days"),
        ({"stale_after_days": 366}, 400, "stale_after_days", "stale after 1 to 365 days"),
        ({"title": ""}, 400, "title", "Say what you asked for"),
        ({"title": "   "}, 400, "title", "Say what you asked for"),
        ({"title": "x" * 201}, 422, "title", "at most 200 characters"),
        ({"title": "a\x00b"}, 422, "title", NUL_REFUSED),
        ({"what_was_said": "a\x00b"}, 422, "what_was_said", NUL_REFUSED),
        ({"asked_on": "a\x00b"}, 422, "asked_on", NUL_REFUSED),
        ({"stale_after_days": 10**30}, 422, "stale_after_days", "less than or equal to"),
        ({"stale_after_days": 2**63}, 422, "stale_after_days", "less than or equal to"),
        ({"stale_after_days": 1.5}, 422, "stale_after_days", "integer"),
        ({"channel": "pigeon"}, 422, "channel", "'meeting', 'email', 'chat' or 'in_passing'"),
        ({"promised_by": "yesterday"}, 400, "promised_by", "in the past"),
        ({"promised_by": "in 900 years"}, 400, "promised_by", "more than 10 years from today"),
    ],
)
def test_it_says_what_is_wrong_with_a_request(api, partnership, body, status, field, message):
    response = api("POST", _requests(partnership), {"title": "Flexible hours"} | body)

    assert response.status_code == status, response.json()
    answer = response.json()
    assert set(answer) <= ERROR_KEYS
    assert answer["field"] == field
    assert message in answer["detail"]
    assert not Request.objects.exists()


def test_it_answers_a_body_that_is_not_json_in_its_shape(api, partnership):
    response = api("POST", _requests(partnership), "{not json")

    assert response.status_code in (400, 422)
    assert set(response.json()) <= ERROR_KEYS
    assert response["Content-Type"].startswith("application/json")


def test_it_changes_a_request(api, partnership, flexible_hours):
    response = api(
        "PATCH",
        _one(partnership, flexible_hours),
        {"title": "Flexible hours on Fridays and Mondays", "stale_after_days": 60, "shared": True},
    )

    assert response.status_code == 200, response.json()
    changed = response.json()
    assert changed["title"] == "Flexible hours on Fridays and Mondays"
    assert (changed["stale_after_days"], changed["stale"], changed["shared"]) == (60, False, True)
    assert changed["asked_on"] == "2026-10-20"


def test_it_clears_a_promised_day_with_null(api, partnership):
    promised = ask(partnership, "Team offsite", 20, promised_by=day(-2))

    response = api("PATCH", _one(partnership, promised), {"promised_by": None})

    assert response.status_code == 200
    assert (response.json()["promised_by"], response.json()["stale"]) == (None, True)
    promised.refresh_from_db()
    assert promised.promised_by is None


def test_it_withdraws_a_request(api, partnership, flexible_hours):
    response = api("PATCH", _one(partnership, flexible_hours), {"status": "withdrawn"})

    assert (response.json()["status"], response.json()["summary"]) == ("withdrawn", "withdrawn")
    assert api("GET", _requests(partnership)).json() == []
    everything = api("GET", _requests(partnership) + "?status=all").json()
    assert [r["id"] for r in everything] == [flexible_hours.pk]


@pytest.mark.parametrize(
    "body,field,message",
    [
        ({"asked_on": "tomorrow"}, "asked_on", "in the future"),
        ({"asked_on": ""}, "asked_on", "Say when you asked"),
        ({"asked_on": None}, "asked_on", "Say when you asked"),
        ({"title": None}, "title", "Say what you asked for."),
        ({"title": " "}, "title", "Say what you asked for"),
        ({"stale_after_days": 0}, "stale_after_days", "1 to 365 days"),
        ({"status": None}, "status", "Give a status."),
        ({"shared": None}, "shared", "true or false"),
    ],
)
def test_it_refuses_a_bad_change_and_changes_nothing(
    api, partnership, flexible_hours, body, field, message
):
    # The good change comes first: nothing is saved when any value is wrong.
    response = api("PATCH", _one(partnership, flexible_hours), {"channel": "email"} | body)

    assert response.status_code == 400, response.json()
    assert response.json()["field"] == field
    assert message in response.json()["detail"]
    flexible_hours.refresh_from_db()
    assert (flexible_hours.channel, flexible_hours.title) == (
        "meeting",
        "Flexible hours on Fridays",
    )


def test_it_refuses_an_empty_change(api, partnership, flexible_hours):
    response = api("PATCH", _one(partnership, flexible_hours), {})

    assert response.status_code == 400
    assert response.json() == {"detail": "Send at least one field to change."}


def test_it_deletes_a_request(api, partnership, flexible_hours):
    response = api("DELETE", _one(partnership, flexible_hours))

    assert response.status_code == 204
    assert not Request.objects.exists()
    missing = api("GET", _one(partnership, flexible_hours))
    assert (missing.status_code, missing.json()) == (404, {"detail": "No such request."})


def test_it_records_the_partners_responses_for_the_owner(api, partnership, flexible_hours):
    path = _one(partnership, flexible_hours) + "/responses"

    acknowledged = api("POST", path, {"kind": "acknowledged", "on": "5 weeks ago"})
    promised = api(
        "POST",
        path,
        {"kind": "promised", "on": "last friday", "promised_by": "next friday", "note": "Soon"},
    )

    assert acknowledged.status_code == 201, acknowledged.json()
    assert acknowledged.json() == {
        "kind": "acknowledged",
        "label": "Acknowledged",
        "on": "2026-10-27",
        "channel": None,
        "promised_by": None,
        "note": "",
        "by_partner": False,
    }
    assert promised.status_code == 201, promised.json()
    assert (promised.json()["on"], promised.json()["promised_by"]) == ("2026-11-27", "2026-12-11")
    detail = api("GET", _one(partnership, flexible_hours)).json()
    assert [e["kind"] for e in detail["history"]] == ["acknowledged", "promised"]
    assert detail["history"][1]["note"] == "Soon"
    assert (detail["promised_by"], detail["stale"]) == ("2026-12-11", False)


def test_it_closes_a_granted_request_and_refuses_more_answers(api, partnership, flexible_hours):
    path = _one(partnership, flexible_hours) + "/responses"
    granted = api("POST", path, {"kind": "granted"})

    again = api("POST", path, {"kind": "declined"})

    assert granted.status_code == 201
    assert granted.json()["on"] == "2026-12-01"
    assert again.status_code == 409
    assert again.json() == {"detail": "This request is granted already; reopen it first."}
    flexible_hours.refresh_from_db()
    assert flexible_hours.status == "granted"


@pytest.mark.parametrize(
    "body,field,message",
    [
        ({"kind": "promised"}, "promised_by", "Say by when the answer was promised."),
        ({"kind": "granted", "promised_by": "friday"}, "promised_by", "Only a promise"),
        ({"kind": "followed_up"}, "kind", "is not an answer here"),
        ({"kind": "acknowledged", "on": "tomorrow"}, "on", "in the future"),
        ({"kind": "acknowledged", "on": "3 months ago"}, "on", "is before you asked"),
        ({"kind": "maybe"}, "kind", "Input should be"),
        ({"kind": "granted", "note": "a\x00b"}, "note", NUL_REFUSED),
    ],
)
def test_it_says_what_is_wrong_with_a_response(
    api, partnership, flexible_hours, body, field, message
):
    response = api("POST", _one(partnership, flexible_hours) + "/responses", body)

    assert response.status_code in (400, 422)
    assert set(response.json()) <= ERROR_KEYS
    assert response.json()["field"] == field
    assert message in response.json()["detail"]
    assert not RequestEvent.objects.exists()


def test_the_partner_answers_a_shared_request(api, as_bob, bob, partnership, shared_request):
    response = api(
        "POST",
        _one(partnership, shared_request) + "/responses",
        {"kind": "granted", "note": "Yes, go ahead."},
        as_headers=as_bob,
    )

    assert response.status_code == 201, response.json()
    answer = response.json()
    assert (answer["kind"], answer["by_partner"], answer["note"]) == (
        "granted",
        True,
        "Yes, go ahead.",
    )
    event = RequestEvent.objects.get()
    assert (event.recorded_by, event.happened_on) == (bob, day(0))
    owner_view = api("GET", _one(partnership, shared_request)).json()
    assert owner_view["status"] == "granted"
    assert owner_view["history"][0]["note"] == "Yes, go ahead."


def test_the_partner_cannot_record_an_acknowledgement(api, as_bob, partnership, shared_request):
    response = api(
        "POST",
        _one(partnership, shared_request) + "/responses",
        {"kind": "acknowledged"},
        as_headers=as_bob,
    )

    assert response.status_code == 400
    assert response.json()["field"] == "kind"


@pytest.mark.parametrize(
    "method,suffix,body",
    [
        ("GET", "", None),
        ("PATCH", "", {"title": "Mine now"}),
        ("DELETE", "", None),
        ("POST", "/responses", {"kind": "granted"}),
        ("POST", "/follow-ups", {"channel": "email"}),
        ("GET", "/reflection", None),
        ("PUT", "/reflection", {"strength": "x"}),
        ("GET", "/follow-up-draft", None),
        ("PUT", "/follow-up-draft", {"story": "x"}),
    ],
)
def test_the_partner_cannot_reach_an_unshared_request(
    api, as_bob, partnership, flexible_hours, method, suffix, body
):
    response = api(method, _one(partnership, flexible_hours) + suffix, body, as_headers=as_bob)

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}
    assert not RequestEvent.objects.exists()


@pytest.mark.parametrize(
    "method,suffix,body",
    [
        ("PATCH", "", {"title": "Mine now"}),
        ("DELETE", "", None),
        ("POST", "/follow-ups", {"channel": "email"}),
        ("GET", "/reflection", None),
        ("PUT", "/reflection", {"strength": "x"}),
        ("GET", "/follow-up-draft", None),
        ("PUT", "/follow-up-draft", {"story": "x"}),
    ],
)
def test_the_partner_cannot_change_a_shared_request_nor_read_what_is_private(
    api, as_bob, partnership, shared_request, method, suffix, body
):
    response = api(method, _one(partnership, shared_request) + suffix, body, as_headers=as_bob)

    assert response.status_code == 404
    shared_request.refresh_from_db()
    assert shared_request.title == "Budget for the analytics course"
    assert not Reflection.objects.exists()
    assert not FollowUpDraft.objects.exists()


def test_the_partner_sees_no_private_words(api, as_bob, alice, partnership, flexible_hours):
    shared = ask(
        partnership,
        "Budget for the analytics course",
        20,
        channel="email",
        shared=True,
        what_was_said=f"I would like to learn SQL. {SAID_SENTINEL}",
    )
    services.response_record(alice, shared, "acknowledged", on=day(-10), note=NOTE_SENTINEL)
    services.reflection_save(alice, shared, {"why_it_matters": REFLECTION_SENTINEL})
    services.follow_up_draft_save(alice, shared, story=STORY_SENTINEL)

    listed = api("GET", _requests(partnership) + "?status=all", as_headers=as_bob)
    detail = api("GET", _one(partnership, shared), as_headers=as_bob)

    assert (listed.status_code, detail.status_code) == (200, 200)
    assert [r["id"] for r in listed.json()] == [shared.pk]
    assert detail.json()["what_was_said"] == ""
    assert detail.json()["history"][0]["note"] == ""
    everything = json.dumps([listed.json(), detail.json()], ensure_ascii=False)
    for private in (SAID_SENTINEL, NOTE_SENTINEL, REFLECTION_SENTINEL, STORY_SENTINEL):
        assert private not in everything
    assert "Flexible hours" not in everything


def test_the_partner_cannot_record_a_request(api, as_bob, partnership):
    response = api("POST", _requests(partnership), {"title": "Mine"}, as_headers=as_bob)

    assert response.status_code == 404
    assert not Request.objects.exists()


def test_a_stranger_finds_nothing(api, bearer, charlie, partnership, flexible_hours):
    as_charlie = bearer(charlie)

    listed = api("GET", _requests(partnership), as_headers=as_charlie)
    detail = api("GET", _one(partnership, flexible_hours), as_headers=as_charlie)

    assert (listed.status_code, detail.status_code) == (404, 404)
    assert "Flexible" not in listed.content.decode() + detail.content.decode()


def test_it_asks_anonymous_callers_to_authenticate(client, partnership, flexible_hours):
    response = client.get(_one(partnership, flexible_hours))

    assert response.status_code == 401
    assert set(response.json()) == {"detail"}


def test_it_drafts_the_follow_up_from_the_record(api, partnership, flexible_hours):
    response = api("GET", _one(partnership, flexible_hours) + "/follow-up-draft")

    assert response.status_code == 200, response.json()
    draft = response.json()
    assert draft["facts"][0] == (
        "On Tue 20 Oct I asked you about “Flexible hours on Fridays” in a one-on-one."
    )
    assert draft["facts"][-1] == "That was 42 days ago."
    assert draft["story"] == ""
    assert draft["suggested_question"] == {
        "key": "what_would_help",
        "text": "What would help you decide on this?",
    }
    assert draft["question"] == "What would help you decide on this?"
    assert {"key": "your_view", "text": "How do you see this from where you sit?"} in draft[
        "questions"
    ]
    assert draft["email_subject"] == "Following up: Flexible hours on Fridays"
    assert draft["email_body"].startswith("Hi Zebulon,\n\n")
    assert draft["mailto"].startswith("mailto:?subject=Following%20up%3A%20Flexible")
    assert draft["summary"] == "asked 42 days ago, no answer"
    assert draft["talking_points"][-1] == "Ask: What would help you decide on this?"


def test_it_saves_the_story_and_question_and_drafts_with_them(api, partnership, flexible_hours):
    path = _one(partnership, flexible_hours) + "/follow-up-draft"

    saved = api(
        "PUT",
        path,
        {"story": "you never reply to me", "question": "Could we try it for a month?"},
    )
    again = api("GET", path)

    assert saved.status_code == 200, saved.json()
    draft = saved.json()
    assert draft["story"] == "The story I'm making up is that you never reply to me."
    assert draft["story_hints"] and "“never”" in draft["story_hints"][0]
    assert draft["question"] == "Could we try it for a month?"
    assert "The story I'm making up is that you never reply to me." in draft["email_body"]
    assert again.json() == draft
    stored = FollowUpDraft.objects.get()
    assert (stored.story, stored.question) == (
        "you never reply to me",
        "Could we try it for a month?",
    )


def test_it_keeps_the_saved_story_when_only_the_question_changes(api, partnership, flexible_hours):
    path = _one(partnership, flexible_hours) + "/follow-up-draft"
    api("PUT", path, {"story": "it slipped off the list"})

    response = api("PUT", path, {"question": "How do you see this from where you sit?"})

    assert response.json()["story"] == "The story I'm making up is that it slipped off the list."


def test_it_addresses_the_email_to_the_partners_address(api, partnership, flexible_hours):
    partnership.partner_email = "zeb@example.com"
    partnership.save(update_fields=["partner_email"])

    response = api("GET", _one(partnership, flexible_hours) + "/follow-up-draft")

    assert response.json()["mailto"].startswith("mailto:zeb@example.com?subject=")


def test_it_keeps_a_private_reflection(api, partnership, flexible_hours):
    path = _one(partnership, flexible_hours) + "/reflection"
    empty = api("GET", path).json()

    api("PUT", path, {"why_it_matters": "School run on Fridays", "strength": "Reliable"})
    response = api("PUT", path, {"strength": "I plan ahead", "at_stake": None})

    assert set(empty.values()) == {""}
    assert len(empty) == 6
    assert response.status_code == 200
    assert response.json() == {
        "why_it_matters": "School run on Fridays",
        "at_stake": "",
        "what_i_want": "",
        "strength": "I plan ahead",
        "who_could_help": "",
        "trust_to_build": "",
    }
    assert api("GET", path).json() == response.json()


def test_recording_a_follow_up_restarts_the_clock(api, partnership, flexible_hours):
    response = api(
        "POST",
        _one(partnership, flexible_hours) + "/follow-ups",
        {"channel": "email", "note": "Sent a short note"},
    )

    assert response.status_code == 201, response.json()
    assert response.json() | {"label": ""} == {
        "kind": "followed_up",
        "label": "",
        "on": "2026-12-01",
        "channel": "email",
        "promised_by": None,
        "note": "Sent a short note",
        "by_partner": False,
    }
    detail = api("GET", _one(partnership, flexible_hours)).json()
    assert (detail["stale"], detail["stale_since"]) == (False, "2026-12-16")
    assert detail["summary"] == "asked 42 days ago; followed up today"
    assert detail["history"][0]["channel"] == "email"


@pytest.mark.parametrize(
    "body,field",
    [
        ({}, "channel"),
        ({"channel": "email", "on": "next week"}, "on"),
        ({"channel": "email", "on": "a\x00b"}, "on"),
    ],
)
def test_it_says_what_is_wrong_with_a_follow_up(api, partnership, flexible_hours, body, field):
    response = api("POST", _one(partnership, flexible_hours) + "/follow-ups", body)

    assert response.status_code in (400, 422)
    assert response.json()["field"] == field
    assert not RequestEvent.objects.exists()


def test_it_filters_the_list(api, partnership, flexible_hours, shared_request):
    declined = ask(partnership, "A new laptop", 60)
    services.response_record(partnership.owner, declined, "declined", on=day(-30))

    def ids(query: str) -> list[int]:
        return [r["id"] for r in api("GET", _requests(partnership) + query).json()]

    assert ids("") == ids("?status=open") == [flexible_hours.pk, shared_request.pk]
    assert ids("?status=stale") == [flexible_hours.pk]
    assert ids("?status=all") == [flexible_hours.pk, shared_request.pk, declined.pk]


@pytest.mark.parametrize("query", ["?status=closed", "?status=", "?status=a%00b"])
def test_it_refuses_an_unknown_filter(api, partnership, query):
    response = api("GET", _requests(partnership) + query)

    assert response.status_code == 422
    assert response.json()["field"] == "status"


def _requests_with_history(partnership, count: int) -> None:
    for n in range(count):
        made = ask(partnership, f"Request {n}", 10 + n, shared=bool(n % 2))
        if n % 3 == 0:
            services.response_record(partnership.owner, made, "acknowledged", on=day(-5))
        if n % 4 == 0:
            services.follow_up_record(partnership.owner, made, on=day(-1), channel="chat")


@pytest.mark.parametrize("who", ["owner", "partner"])
def test_the_list_takes_as_many_queries_for_thirty_requests_as_for_two(
    api, as_bob, partnership, who
):
    headers = as_bob if who == "partner" else None

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api("GET", _requests(partnership) + "?status=all", as_headers=headers)
        assert response.status_code == 200
        return len(captured)

    queries()  # the token's first use is recorded once; time is frozen after that
    _requests_with_history(partnership, 2)
    few = queries()
    Request.objects.all().delete()
    _requests_with_history(partnership, 30)

    assert queries() == few <= 5
