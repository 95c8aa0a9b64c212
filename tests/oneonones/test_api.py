"""The one-on-ones API: the series, meetings, the prepared agenda, notes, decisions, action
items, questions noted for the next meeting, history, follow-through and the summary."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tandem.oneonones import services
from tandem.oneonones.models import (
    ActionItem,
    AgendaItem,
    Decision,
    Meeting,
    NotedQuestion,
    PrivateNote,
    Series,
)
from tandem.requests import services as request_services
from tandem.schemas import NUL_REFUSED
from tandem.workload.models import Assignment
from tests.conftest import send
from tests.oneonones.conftest import (
    NOTED_SENTINEL,
    NOW,
    PRIVATE_NOTE_SENTINEL,
    day,
    meetings,
)

# Every error, whatever its cause, has this shape and no other keys.
ERROR_KEYS = {"detail", "field", "errors"}
WEEKLY = {
    "cadence": "weekly",
    "weekday": 3,
    "time": "10:00",
    "duration_minutes": 30,
    "starts_on": "today",
}
EFFORT = {"estimate_minutes": 240, "remaining_minutes": 240}


def one(partnership, rest: str = "") -> str:
    return f"/api/partnerships/{partnership.pk}/one-on-ones{rest}"


def meeting_path(partnership, meeting, rest: str = "") -> str:
    return one(partnership, f"/meetings/{meeting.pk}{rest}")


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    answer = response.json()
    assert set(answer) <= ERROR_KEYS
    return answer


def _agenda(partnership, meeting, *titles: str) -> list[AgendaItem]:
    return [services.agenda_item_add(partnership.owner, meeting, title) for title in titles]


def _action(partnership, meeting, title: str, *, owned_by="owner", due=None, at=NOW):
    draft = services.ActionDraft(title=title, owned_by=owned_by, due=due)
    return services.action_item_add(partnership.owner, meeting, draft, now=at)


def _stale_request(partnership):
    draft = request_services.RequestDraft(title="Flexible hours on Fridays", asked_on=day(-42))
    return request_services.request_create(partnership.owner, partnership, draft)


# The series.


def test_it_sets_a_weekly_series_and_plans_its_meetings(api, partnership):
    response = api("PUT", one(partnership, "/series"), WEEKLY)

    assert response.status_code == 200, response.json()
    assert response.json() == {
        "cadence": "weekly",
        "weekday": 3,
        "time": "10:00",
        "time_zone": "Europe/London",
        "duration_minutes": 30,
        "starts_on": "2026-12-01",
        "ends_on": None,
        "every_weeks": 1,
        "description": "Weekly on Thursdays at 10:00, 30 minutes",
    }
    assert api("GET", one(partnership, "/series")).json() == response.json()
    upcoming = api("GET", one(partnership, "/meetings")).json()
    assert [m["when"] for m in upcoming[:2]] == [
        "Thu 3 Dec, 10:00–10:30",
        "Thu 10 Dec, 10:00–10:30",
    ]
    assert upcoming[0]["starts_at"] == "2026-12-03T10:00:00Z"


def test_it_changes_the_cadence_and_plans_the_meetings_again(api, partnership, series):
    response = api(
        "PUT",
        one(partnership, "/series"),
        WEEKLY | {"cadence": "custom", "every_weeks": 3, "weekday": 1, "time": "14:30"},
    )

    assert response.status_code == 200, response.json()
    assert response.json()["description"] == "Every 3 weeks on Tuesdays at 14:30, 30 minutes"
    upcoming = api("GET", one(partnership, "/meetings")).json()
    assert [m["when"] for m in upcoming[:2]] == [
        "Tue 1 Dec, 14:30–15:00",
        "Tue 22 Dec, 14:30–15:00",
    ]


def test_a_weekly_series_meets_every_week_whatever_every_weeks_says(api, partnership):
    response = api("PUT", one(partnership, "/series"), WEEKLY | {"every_weeks": -4})

    assert response.status_code == 200, response.json()
    assert response.json()["every_weeks"] == 1
    assert Series.objects.get().every_weeks == 1


@pytest.mark.parametrize(
    "body,status,field,message",
    [
        ({"weekday": 7}, 400, "weekday", "Choose a weekday from Monday to Sunday."),
        ({"weekday": -1}, 400, "weekday", "Choose a weekday"),
        ({"weekday": 10**30}, 422, "weekday", "less than or equal to"),
        ({"duration_minutes": 0}, 400, "duration_minutes", "0 minutes is too short"),
        ({"duration_minutes": 600}, 400, "duration_minutes", "600 minutes is too long"),
        ({"duration_minutes": 2**63}, 422, "duration_minutes", "less than or equal to"),
        ({"duration_minutes": 1.5}, 422, "duration_minutes", "integer"),
        ({"time": "25:00"}, 422, "time", "should match pattern"),
        ({"time": "10h"}, 422, "time", "should match pattern"),
        ({"time": "a\x00b"}, 422, "time", NUL_REFUSED),
        ({"cadence": "hourly"}, 422, "cadence", "'daily', 'weekly'"),
        ({"cadence": "custom", "every_weeks": 0}, 400, "every_weeks", "would never meet"),
        ({"cadence": "custom", "every_weeks": 27}, 400, "every_weeks", "half a year apart"),
        ({"starts_on": ""}, 400, "starts_on", "Say from which day you meet"),
        ({"starts_on": "someday"}, 400, "starts_on", "'someday' is not a date"),
        ({"starts_on": "0001-01-01"}, 400, "starts_on", "more than 10 years from today"),
        ({"starts_on": "9999-12-31"}, 400, "starts_on", "more than 10 years from today"),
        ({"starts_on": "2026-11-02"}, 400, "starts_on", "a new series starts today or later"),
        ({"starts_on": "a\x00b"}, 422, "starts_on", NUL_REFUSED),
        ({"ends_on": "2026-11-30"}, 400, "ends_on", "before it starts on Tue 1 Dec"),
        ({"ends_on": "9999-12-31"}, 400, "ends_on", "more than 10 years from today"),
    ],
)
def test_it_says_what_is_wrong_with_a_cadence(api, partnership, body, status, field, message):
    response = api("PUT", one(partnership, "/series"), WEEKLY | body)

    answer = _error(response, status)
    assert answer["field"] == field
    assert message in answer["detail"]
    assert not Series.objects.exists()
    assert not Meeting.objects.exists()


def test_it_says_there_is_no_series_yet(api, partnership):
    series = api("GET", one(partnership, "/series"))
    upcoming = api("GET", one(partnership, "/meetings"))
    planned = api("GET", one(partnership, "/meetings/next"))

    assert _error(series, 404) == {
        "detail": "No one-on-ones planned yet: the owner sets their cadence first."
    }
    assert upcoming.json() == []
    assert _error(planned, 404) == {"detail": "No one-on-one is planned."}


def test_the_partner_reads_the_series_in_their_own_time(api, as_bob, partnership, series):
    read = api("GET", one(partnership, "/series"), as_headers=as_bob)
    upcoming = api("GET", one(partnership, "/meetings"), as_headers=as_bob)

    assert read.json()["description"] == "Weekly on Thursdays at 10:00, 30 minutes"
    assert read.json()["time_zone"] == "Europe/London"
    assert upcoming.json()[0]["when"] == "Thu 3 Dec, 05:00–05:30"


def test_the_partner_cannot_set_the_cadence(api, as_bob, partnership, series):
    response = api(
        "PUT", one(partnership, "/series"), WEEKLY | {"time": "07:00"}, as_headers=as_bob
    )

    assert _error(response, 404) == {"detail": "No such partnership."}
    assert Series.objects.get().time == dt.time(10, 0)


# Meetings.


def test_it_lists_the_past_meetings_newest_first(api, partnership, held):
    response = api("GET", one(partnership, "/meetings?when=past"))

    assert response.status_code == 200
    assert [(m["when"], m["held"]) for m in response.json()] == [
        ("Thu 26 Nov, 10:00–10:30", True),
        ("Thu 19 Nov, 10:00–10:30", True),
        ("Thu 12 Nov, 10:00–10:30", True),
    ]


@pytest.mark.parametrize("query", ["?when=soon", "?when=", "?when=a%00b"])
def test_it_refuses_an_unknown_list_of_meetings(api, partnership, series, query):
    response = api("GET", one(partnership, "/meetings" + query))

    assert _error(response, 422)["field"] == "when"


def test_it_adds_a_meeting_read_in_the_owners_time_zone(api, partnership, series):
    response = api("POST", one(partnership, "/meetings"), {"starts_at": "2026-12-08T14:00"})

    assert response.status_code == 201, response.json()
    added = response.json()
    assert (added["starts_at"], added["duration_minutes"]) == ("2026-12-08T14:00:00Z", 30)
    assert (added["ad_hoc"], added["when"]) == (True, "Tue 8 Dec, 14:00–14:30")


def test_it_adds_a_meeting_at_a_time_with_its_offset(api, partnership, series):
    response = api(
        "POST",
        one(partnership, "/meetings"),
        {"starts_at": "2026-12-08T09:00-05:00", "duration_minutes": 45},
    )

    assert response.status_code == 201, response.json()
    assert response.json()["starts_at"] == "2026-12-08T14:00:00Z"
    assert response.json()["when"] == "Tue 8 Dec, 14:00–14:45"


@pytest.mark.parametrize(
    "body,status,message",
    [
        ({"starts_at": "tomorrow"}, 400, "'tomorrow' is not a date and time"),
        ({"starts_at": "2026-12-08"}, 400, "is not a date and time"),
        ({"starts_at": "2026-13-40T10:00"}, 400, "is not a date and time"),
        ({"starts_at": "2026-11-30T10:00"}, 400, "That time has passed"),
        ({"starts_at": "0001-01-01T00:00+01:00"}, 400, "more than 10 years from today"),
        ({"starts_at": "9999-12-31T23:59-01:00"}, 400, "more than 10 years from today"),
        ({"starts_at": "2026-12-08T14:00", "duration_minutes": 4}, 400, "5 to 240 minutes"),
        ({"starts_at": "2026-12-08T14:00", "duration_minutes": 0}, 422, "greater than or equal"),
        ({"starts_at": "2026-12-08T14:00", "duration_minutes": 10**30}, 422, "less than or"),
        ({"starts_at": "2026-12-08T14:00\x00"}, 422, NUL_REFUSED),
        ({}, 422, "Field required"),
    ],
)
def test_it_says_what_is_wrong_with_a_new_meeting(api, partnership, series, body, status, message):
    before = Meeting.objects.count()

    response = api("POST", one(partnership, "/meetings"), body)

    answer = _error(response, status)
    assert message in answer["detail"]
    assert Meeting.objects.count() == before


def test_it_adds_no_meeting_before_there_is_a_series(api, partnership):
    response = api("POST", one(partnership, "/meetings"), {"starts_at": "2026-12-08T14:00"})

    assert _error(response, 404) == {"detail": "No one-on-one series yet."}


def test_the_partner_cannot_plan_meetings(api, as_bob, partnership, next_meeting):
    added = api(
        "POST", one(partnership, "/meetings"), {"starts_at": "2026-12-08T14:00"}, as_headers=as_bob
    )
    skipped = api(
        "PATCH", meeting_path(partnership, next_meeting), {"skipped": True}, as_headers=as_bob
    )

    assert (added.status_code, skipped.status_code) == (404, 404)
    next_meeting.refresh_from_db()
    assert not next_meeting.skipped
    assert not Meeting.objects.filter(ad_hoc=True).exists()


def test_it_moves_a_meeting(api, partnership, next_meeting):
    response = api(
        "PATCH",
        meeting_path(partnership, next_meeting),
        {"starts_at": "2026-12-04T15:00", "duration_minutes": 60},
    )

    assert response.status_code == 200, response.json()
    moved = response.json()
    assert (moved["when"], moved["moved"]) == ("Fri 4 Dec, 15:00–16:00", True)
    next_meeting.refresh_from_db()
    assert next_meeting.starts_at == dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.UTC)


def test_it_skips_a_meeting_and_the_next_one_comes_up(api, partnership, series, next_meeting):
    skipped = api("PATCH", meeting_path(partnership, next_meeting), {"skipped": True})
    planned = api("GET", one(partnership, "/meetings/next"))
    back = api("PATCH", meeting_path(partnership, next_meeting), {"skipped": False})

    assert skipped.status_code == 200, skipped.json()
    assert skipped.json()["skipped"] is True
    assert planned.json()["meeting"]["when"] == "Thu 10 Dec, 10:00–10:30"
    assert back.json()["skipped"] is False
    assert api("GET", one(partnership, "/meetings/next")).json()["meeting"]["id"] == next_meeting.pk


@pytest.mark.parametrize(
    "body,field,message",
    [
        ({}, None, "Send at least one field to change."),
        ({"skipped": None}, "skipped", "true or false"),
        ({"starts_at": None}, "starts_at", "Say when it starts"),
        ({"starts_at": "2026-12-08T14:00", "skipped": True}, "skipped", "not both"),
        ({"starts_at": "noon"}, "starts_at", "is not a date and time"),
        ({"duration_minutes": 500}, "duration_minutes", "5 to 240 minutes"),
    ],
)
def test_it_refuses_a_bad_change_to_a_meeting(api, partnership, next_meeting, body, field, message):
    response = api("PATCH", meeting_path(partnership, next_meeting), body)

    answer = _error(response, 400)
    assert answer.get("field") == field
    assert message in answer["detail"]
    next_meeting.refresh_from_db()
    assert (next_meeting.moved, next_meeting.skipped) == (False, False)


def test_a_meeting_that_took_place_stays_where_it_was(api, partnership, held):
    services.decision_record(partnership.owner, held[-1], "Pause the Q3 report", now=NOW)

    moved = api("PATCH", meeting_path(partnership, held[-1]), {"starts_at": "2026-12-08T14:00"})
    skipped = api("PATCH", meeting_path(partnership, held[-1]), {"skipped": True})

    assert _error(moved, 409)["detail"].startswith("This meeting has taken place")
    assert _error(skipped, 409)["detail"].startswith("This meeting has notes or decisions")


# The meeting and its prepared agenda.


def test_it_prepares_the_next_meeting_with_what_carried_over(api, partnership, held):
    first, second, last = held
    services.agenda_item_add(partnership.owner, first, "Budget for Q1", now=first.starts_at)
    waiting = _action(
        partnership, second, "Send Sam the draft budget", due=day(-1), at=second.starts_at
    )
    done = _action(partnership, last, "Book the offsite", at=last.starts_at)
    services.action_item_update(partnership.owner, done, status="done", now=last.ends_at)

    response = api("GET", one(partnership, "/meetings/next"))

    assert response.status_code == 200, response.json()
    detail = response.json()
    assert detail["meeting"]["when"] == "Thu 3 Dec, 10:00–10:30"
    assert detail["partner_name"] == "Zebulon Boss"
    assert [(i["title"], i["carried"], i["status"]) for i in detail["agenda"]] == [
        ("Budget for Q1", 3, "open")
    ]
    assert [
        (a["id"], a["carried"], a["overdue"], a["owner_name"]) for a in detail["carried_actions"]
    ] == [(waiting.pk, 2, True, "You")]
    assert detail["actions"] == []
    assert (detail["shared_notes"], detail["notes_version"], detail["private_note"]) == ("", 0, "")


def test_the_owner_is_offered_proposals_from_her_record(api, partnership, next_meeting):
    stale = _stale_request(partnership)
    noted = services.question_note(partnership.owner, partnership, "Who owns onboarding now?")

    proposals = api("GET", one(partnership, "/meetings/next")).json()["proposals"]

    assert [(p["key"], p["label"], p["title"], p["reason"]) for p in proposals] == [
        (f"noted:{noted.pk}", "You noted", "Who owns onboarding now?", "You noted it Tue 1 Dec"),
        (
            f"request:{stale.pk}",
            "Waiting too long",
            "Flexible hours on Fridays",
            "Asked 42 days ago, no answer",
        ),
    ]


def test_the_partner_never_sees_what_is_private_to_the_owner(api, as_bob, alice, partnership, held):
    meeting = held[-1]
    coming = meetings(held[0].series)[3]
    _stale_request(partnership)
    services.private_note_save(alice, meeting, PRIVATE_NOTE_SENTINEL)
    services.private_note_save(alice, coming, PRIVATE_NOTE_SENTINEL)
    services.question_note(alice, partnership, NOTED_SENTINEL)
    services.decision_record(alice, meeting, "Pause the Q3 report", now=NOW)

    answers = [
        api("GET", one(partnership, "/meetings/next"), as_headers=as_bob),
        api("GET", meeting_path(partnership, meeting), as_headers=as_bob),
        api("GET", meeting_path(partnership, meeting, "/summary"), as_headers=as_bob),
        api("GET", one(partnership, "/history"), as_headers=as_bob),
        api("GET", one(partnership, "/action-items?state=all"), as_headers=as_bob),
    ]

    assert [answer.status_code for answer in answers] == [200] * len(answers)
    assert answers[0].json()["meeting"]["id"] == coming.pk
    assert answers[0].json()["proposals"] == []
    assert answers[0].json()["private_note"] == answers[1].json()["private_note"] == ""
    assert answers[1].json()["decisions"][0]["text"] == "Pause the Q3 report"
    everything = json.dumps([answer.json() for answer in answers], ensure_ascii=False)
    for private in (PRIVATE_NOTE_SENTINEL, NOTED_SENTINEL, "Flexible hours"):
        assert private not in everything


def test_each_member_reads_only_their_own_private_note(api, as_bob, partnership, next_meeting):
    path = meeting_path(partnership, next_meeting, "/private-note")

    mine = api("PUT", path, {"text": "Ask about the promotion"})
    theirs = api("PUT", path, {"text": "Praise the launch"}, as_headers=as_bob)

    assert (mine.status_code, theirs.status_code) == (200, 200)
    assert mine.json() == {"text": "Ask about the promotion"}
    alice_reads = api("GET", meeting_path(partnership, next_meeting)).json()
    bob_reads = api("GET", meeting_path(partnership, next_meeting), as_headers=as_bob).json()
    assert alice_reads["private_note"] == "Ask about the promotion"
    assert bob_reads["private_note"] == "Praise the launch"
    assert PrivateNote.objects.count() == 2


def test_it_refuses_a_private_note_with_a_nul(api, partnership, next_meeting):
    response = api(
        "PUT", meeting_path(partnership, next_meeting, "/private-note"), {"text": "a\x00b"}
    )

    assert _error(response, 422)["field"] == "text"
    assert not PrivateNote.objects.exists()


# Shared notes, written by both at once.


def test_both_write_the_shared_notes_and_a_stale_save_changes_nothing(
    api, as_bob, partnership, next_meeting
):
    path = meeting_path(partnership, next_meeting, "/notes")

    first = api("PUT", path, {"text": "Budget agreed", "version": 0})
    stale = api("PUT", path, {"text": "Hiring plan", "version": 0}, as_headers=as_bob)
    merged = api(
        "PUT", path, {"text": "Budget agreed\nHiring plan", "version": 1}, as_headers=as_bob
    )

    assert first.json() == {"version": 1}
    answer = _error(stale, 409)
    assert answer["field"] == "text"
    assert answer["detail"].startswith("The shared notes changed while you were writing.")
    assert merged.json() == {"version": 2}
    detail = api("GET", meeting_path(partnership, next_meeting)).json()
    assert (detail["shared_notes"], detail["notes_version"]) == ("Budget agreed\nHiring plan", 2)
    assert detail["notes_updated_by"] == "Bob Partner"


@pytest.mark.parametrize(
    "body,field",
    [
        ({"text": "x", "version": -1}, "version"),
        ({"text": "x", "version": 2**40}, "version"),
        ({"text": "x"}, "version"),
        ({"text": "a\x00b", "version": 0}, "text"),
        ({"text": "x" * 20_001, "version": 0}, "text"),
    ],
)
def test_it_says_what_is_wrong_with_shared_notes(api, partnership, next_meeting, body, field):
    response = api("PUT", meeting_path(partnership, next_meeting, "/notes"), body)

    assert _error(response, 422)["field"] == field
    next_meeting.refresh_from_db()
    assert next_meeting.notes_version == 0


# The agenda.


def test_the_partner_adds_an_item_to_the_shared_agenda(api, as_bob, partnership, next_meeting):
    response = api(
        "POST",
        meeting_path(partnership, next_meeting, "/agenda"),
        {"title": "How we handle urgent asks", "detail": "Fridays especially"},
        as_headers=as_bob,
    )

    assert response.status_code == 201, response.json()
    added = response.json()
    assert (added["title"], added["detail"], added["added_by"]) == (
        "How we handle urgent asks",
        "Fridays especially",
        "You",
    )
    assert (added["status"], added["carried"], added["placed_on"]) == ("open", 0, next_meeting.pk)
    owner_view = api("GET", one(partnership, "/meetings/next")).json()
    assert [(i["title"], i["added_by"]) for i in owner_view["agenda"]] == [
        ("How we handle urgent asks", "Bob Partner")
    ]


@pytest.mark.parametrize(
    "body,status,field,message",
    [
        ({"title": ""}, 400, "title", "Say what it is"),
        ({"title": "   "}, 400, "title", "Say what it is"),
        ({}, 400, "title", "Say what it is"),
        ({"title": "x" * 201}, 422, "title", "at most 200 characters"),
        ({"title": "a\x00b"}, 422, "title", NUL_REFUSED),
        ({"title": "Budget", "detail": "a\x00b"}, 422, "detail", NUL_REFUSED),
        ({"title": "Budget", "proposal": "noted:1"}, 400, "proposal", "not both"),
        ({"proposal": "a\x00b"}, 422, "proposal", NUL_REFUSED),
    ],
)
def test_it_says_what_is_wrong_with_an_agenda_item(
    api, partnership, next_meeting, body, status, field, message
):
    response = api("POST", meeting_path(partnership, next_meeting, "/agenda"), body)

    answer = _error(response, status)
    assert answer["field"] == field
    assert message in answer["detail"]
    assert not AgendaItem.objects.exists()


def test_it_adds_nothing_to_a_skipped_meeting(api, partnership, next_meeting):
    services.meeting_skip(partnership.owner, next_meeting)

    response = api("POST", meeting_path(partnership, next_meeting, "/agenda"), {"title": "Budget"})

    assert _error(response, 409) == {
        "detail": "This meeting is skipped: add to the next one instead."
    }


def test_the_owner_accepts_a_proposal_with_its_reason(api, partnership, next_meeting):
    stale = _stale_request(partnership)
    path = meeting_path(partnership, next_meeting, "/agenda")

    response = api("POST", path, {"proposal": f"request:{stale.pk}"})
    again = api("POST", path, {"proposal": f"request:{stale.pk}"})

    assert response.status_code == 201, response.json()
    assert (response.json()["title"], response.json()["reason"]) == (
        "Flexible hours on Fridays",
        "Asked 42 days ago, no answer",
    )
    assert _error(again, 404) == {"detail": "No such proposal for this meeting."}
    assert api("GET", one(partnership, "/meetings/next")).json()["proposals"] == []


def test_a_noted_question_accepted_is_noted_no_more(api, partnership, next_meeting):
    noted = api("POST", one(partnership, "/notes"), {"text": "Who owns onboarding now?"}).json()

    response = api(
        "POST",
        meeting_path(partnership, next_meeting, "/agenda"),
        {"proposal": f"noted:{noted['id']}"},
    )

    assert response.status_code == 201, response.json()
    assert response.json()["reason"] == "Noted Tue 1 Dec"
    assert NotedQuestion.objects.get().settled_at == NOW


def test_the_partner_cannot_accept_the_owners_proposals(api, as_bob, partnership, next_meeting):
    stale = _stale_request(partnership)
    noted = services.question_note(partnership.owner, partnership, NOTED_SENTINEL)

    for key in (f"request:{stale.pk}", f"noted:{noted.pk}"):
        response = api(
            "POST",
            meeting_path(partnership, next_meeting, "/agenda"),
            {"proposal": key},
            as_headers=as_bob,
        )
        assert _error(response, 404) == {"detail": "No such proposal for this meeting."}
    assert not AgendaItem.objects.exists()


def test_the_owner_removes_a_proposal_from_this_meeting(api, partnership, next_meeting):
    stale = _stale_request(partnership)
    path = meeting_path(partnership, next_meeting, "/proposals/dismiss")

    response = api("POST", path, {"key": f"request:{stale.pk}"})
    unknown = api("POST", path, {"key": "late:999"})

    assert response.status_code == 204
    assert api("GET", one(partnership, "/meetings/next")).json()["proposals"] == []
    assert _error(unknown, 404) == {"detail": "No such proposal for this meeting."}


def test_it_puts_the_agenda_in_order(api, partnership, next_meeting):
    budget, _, offsite = _agenda(partnership, next_meeting, "Budget", "Hiring", "Offsite")

    response = api(
        "PUT",
        meeting_path(partnership, next_meeting, "/agenda/order"),
        {"ids": [offsite.pk, budget.pk]},
    )

    assert response.status_code == 200, response.json()
    assert [item["title"] for item in response.json()] == ["Offsite", "Budget", "Hiring"]
    detail = api("GET", meeting_path(partnership, next_meeting)).json()
    assert [item["title"] for item in detail["agenda"]] == ["Offsite", "Budget", "Hiring"]


@pytest.mark.parametrize(
    "ids,status",
    [("twice", 400), ("unknown", 400), ("zero", 422), ("huge", 422), ("many", 422)],
)
def test_it_refuses_a_bad_order(api, partnership, next_meeting, ids, status):
    budget, hiring = _agenda(partnership, next_meeting, "Budget", "Hiring")
    sent = {
        "twice": [budget.pk, budget.pk],
        "unknown": [hiring.pk + 1000],
        "zero": [0],
        "huge": [2**64],
        "many": [budget.pk] * 1001,
    }[ids]

    response = api("PUT", meeting_path(partnership, next_meeting, "/agenda/order"), {"ids": sent})

    answer = _error(response, status)
    assert answer["field"].startswith("ids")
    assert list(AgendaItem.objects.values_list("title", flat=True)) == ["Budget", "Hiring"]


def test_either_member_settles_or_edits_an_agenda_item(api, as_bob, partnership, next_meeting):
    budget, hiring = _agenda(partnership, next_meeting, "Budget", "Hiring")

    renamed = api(
        "PATCH", one(partnership, f"/agenda/{budget.pk}"), {"title": "Budget for Q1", "detail": ""}
    )
    dropped = api(
        "PATCH", one(partnership, f"/agenda/{hiring.pk}"), {"status": "dropped"}, as_headers=as_bob
    )

    assert (renamed.status_code, dropped.status_code) == (204, 204)
    agenda = api("GET", one(partnership, "/meetings/next")).json()["agenda"]
    # Settled while preparing, it stays on this meeting, marked, where it can be opened again.
    assert [(item["title"], item["status"]) for item in agenda] == [
        ("Budget for Q1", "open"),
        ("Hiring", "dropped"),
    ]
    hiring.refresh_from_db()
    assert (hiring.status, hiring.closed_by) == ("dropped", partnership.partner)


@pytest.mark.parametrize(
    "body,status,field",
    [
        ({}, 400, None),
        ({"title": None}, 400, "title"),
        ({"title": " "}, 400, "title"),
        ({"status": None}, 400, "status"),
        ({"status": "done"}, 422, "status"),
        ({"detail": "a\x00b"}, 422, "detail"),
    ],
)
def test_it_refuses_a_bad_change_to_an_agenda_item(
    api, partnership, next_meeting, body, status, field
):
    [budget] = _agenda(partnership, next_meeting, "Budget")

    response = api("PATCH", one(partnership, f"/agenda/{budget.pk}"), body)

    assert _error(response, status).get("field") == field
    budget.refresh_from_db()
    assert (budget.title, budget.status) == ("Budget", "open")


# Decisions.


def test_it_writes_down_a_decision_and_who_made_it(api, as_bob, partnership, held):
    response = api(
        "POST",
        meeting_path(partnership, held[-1], "/decisions"),
        {"text": "Pause the Q3 report", "decided_by": "partner"},
    )

    assert response.status_code == 201, response.json()
    decision = response.json()
    assert decision | {"id": 0} == {
        "id": 0,
        "text": "Pause the Q3 report",
        "decided_by": "partner",
        "decided_by_name": "Zebulon Boss",
        "recorded_by": "You",
        "may_remove": True,
        "meeting_id": held[-1].pk,
        "meeting_day": "2026-11-26",
    }
    seen_by_bob = api("GET", meeting_path(partnership, held[-1]), as_headers=as_bob).json()
    assert [(d["decided_by_name"], d["may_remove"]) for d in seen_by_bob["decisions"]] == [
        ("You", False)
    ]


@pytest.mark.parametrize(
    "body,status,field",
    [
        ({"text": ""}, 400, "text"),
        ({"text": "Pause it", "decided_by": "boss"}, 422, "decided_by"),
        ({"text": "a\x00b"}, 422, "text"),
        ({"text": "x" * 20_001}, 422, "text"),
    ],
)
def test_it_says_what_is_wrong_with_a_decision(api, partnership, next_meeting, body, status, field):
    response = api("POST", meeting_path(partnership, next_meeting, "/decisions"), body)

    assert _error(response, status)["field"] == field
    assert not Decision.objects.exists()


def test_only_whoever_wrote_a_decision_removes_it(api, as_bob, partnership, held):
    decision = services.decision_record(partnership.owner, held[-1], "Pause the Q3 report")
    path = one(partnership, f"/decisions/{decision.pk}")

    refused = api("DELETE", path, as_headers=as_bob)
    removed = api("DELETE", path)

    assert _error(refused, 400) == {"detail": "Only whoever wrote a decision down removes it."}
    assert removed.status_code == 204
    assert not Decision.objects.exists()


# Action items.


def test_it_records_an_action_item_for_the_partner(api, as_bob, partnership, next_meeting):
    response = api(
        "POST",
        meeting_path(partnership, next_meeting, "/action-items"),
        {"title": "Send Sam the draft budget", "owned_by": "partner", "due": "next friday"},
    )

    assert response.status_code == 201, response.json()
    added = response.json()
    assert (added["owner_name"], added["mine"], added["due"]) == (
        "Zebulon Boss",
        False,
        "2026-12-11",
    )
    assert (added["status"], added["carried"], added["overdue"]) == ("open", 0, False)
    bobs = api("GET", one(partnership, "/action-items"), as_headers=as_bob).json()
    assert [(a["title"], a["owner_name"], a["mine"]) for a in bobs] == [
        ("Send Sam the draft budget", "You", True)
    ]


def test_it_links_an_action_item_to_an_assignment(api, alice, partnership, next_meeting):
    assignment = Assignment.objects.create(
        owner=alice, partnership=partnership, title="Board pack", asked_on=day(0), **EFFORT
    )

    response = api(
        "POST",
        meeting_path(partnership, next_meeting, "/action-items"),
        {"title": "Share the board pack", "owned_by": "owner", "assignment_id": assignment.pk},
    )

    assert response.status_code == 201, response.json()
    assert response.json()["assignment_id"] == assignment.pk


def test_the_partner_learns_of_a_linked_assignment_only_when_the_workload_is_shared(
    api, alice, as_bob, partnership, next_meeting
):
    assignment = Assignment.objects.create(
        owner=alice, partnership=partnership, title="Board pack", asked_on=day(0), **EFFORT
    )
    services.action_item_add(
        alice, next_meeting, services.ActionDraft("Share the board pack", assignment=assignment)
    )
    path = one(partnership, "/action-items")

    hidden = api("GET", path, as_headers=as_bob).json()
    partnership.share_workload = True
    partnership.save()
    shown = api("GET", path, as_headers=as_bob).json()

    assert [item["assignment_id"] for item in hidden] == [None]
    assert [item["assignment_id"] for item in shown] == [assignment.pk]


@pytest.mark.parametrize(
    "body,status,field,message",
    [
        ({"title": ""}, 400, "title", "Say what it is"),
        ({"owned_by": "boss"}, 422, "owned_by", "'owner' or 'partner'"),
        ({"owned_by": "both"}, 422, "owned_by", "'owner' or 'partner'"),
        ({"due": "yesterday"}, 400, "due", "in the past"),
        ({"due": "0001-01-01"}, 400, "due", "more than 10 years from today"),
        ({"due": "9999-12-31"}, 400, "due", "more than 10 years from today"),
        ({"due": "a\x00b"}, 422, "due", NUL_REFUSED),
        ({"assignment_id": 0}, 422, "assignment_id", "greater than or equal to 1"),
        ({"assignment_id": 2**70}, 422, "assignment_id", "less than or equal to"),
        ({"title": "x" * 201}, 422, "title", "at most 200 characters"),
    ],
)
def test_it_says_what_is_wrong_with_an_action_item(
    api, partnership, next_meeting, body, status, field, message
):
    sent = {"title": "Send Sam the draft budget", "owned_by": "owner"} | body

    response = api("POST", meeting_path(partnership, next_meeting, "/action-items"), sent)

    answer = _error(response, status)
    assert answer["field"] == field
    assert message in answer["detail"]
    assert not ActionItem.objects.exists()


def test_it_links_no_assignment_of_another_partnership(
    api, alice, partnership, solo_partnership, next_meeting
):
    elsewhere = Assignment.objects.create(
        owner=alice, partnership=solo_partnership, title="Rota", asked_on=day(0), **EFFORT
    )

    response = api(
        "POST",
        meeting_path(partnership, next_meeting, "/action-items"),
        {"title": "Rota", "owned_by": "owner", "assignment_id": elsewhere.pk},
    )

    assert _error(response, 404) == {"detail": "No such assignment."}
    assert not ActionItem.objects.exists()


def test_either_member_marks_an_action_item_done(api, as_bob, partnership, next_meeting):
    item = _action(partnership, next_meeting, "Send Sam the draft budget", owned_by="partner")

    response = api(
        "PATCH", one(partnership, f"/action-items/{item.pk}"), {"status": "done"}, as_headers=as_bob
    )

    assert response.status_code == 204
    assert api("GET", one(partnership, "/action-items")).json() == []
    [everything] = api("GET", one(partnership, "/action-items?state=all")).json()
    assert (everything["status"], everything["closed_on"]) == ("done", "2026-12-01")


def test_it_changes_and_clears_an_action_items_date(api, partnership, next_meeting):
    item = _action(partnership, next_meeting, "Send Sam the draft budget", due=day(3))
    path = one(partnership, f"/action-items/{item.pk}")

    moved = api("PATCH", path, {"due": "next friday", "title": "Send Sam the budget"})
    listed = api("GET", one(partnership, "/action-items")).json()
    cleared = api("PATCH", path, {"due": None})

    assert (moved.status_code, cleared.status_code) == (204, 204)
    assert [(a["title"], a["due"]) for a in listed] == [("Send Sam the budget", "2026-12-11")]
    item.refresh_from_db()
    assert item.due is None


@pytest.mark.parametrize(
    "body,status,field",
    [
        ({}, 400, None),
        ({"status": None}, 400, "status"),
        ({"title": None}, 400, "title"),
        ({"status": "finished"}, 422, "status"),
        ({"due": "last monday"}, 400, "due"),
        ({"due": "9999-12-31"}, 400, "due"),
    ],
)
def test_it_refuses_a_bad_change_to_an_action_item(
    api, partnership, next_meeting, body, status, field
):
    item = _action(partnership, next_meeting, "Send Sam the draft budget", due=day(3))

    response = api("PATCH", one(partnership, f"/action-items/{item.pk}"), body)

    assert _error(response, status).get("field") == field
    item.refresh_from_db()
    assert (item.status, item.due) == ("open", day(3))


@pytest.mark.parametrize("query", ["?state=done", "?state=", "?state=a%00b"])
def test_it_refuses_an_unknown_list_of_action_items(api, partnership, query):
    response = api("GET", one(partnership, "/action-items" + query))

    assert _error(response, 422)["field"] == "state"


def test_the_owner_makes_her_action_item_an_assignment(api, alice, partnership, next_meeting):
    item = _action(partnership, next_meeting, "Draft the hiring plan", due=day(10))

    response = api(
        "POST", one(partnership, f"/action-items/{item.pk}/assignment"), {"effort": "2h"}
    )
    again = api("POST", one(partnership, f"/action-items/{item.pk}/assignment"), {})

    assert response.status_code == 201, response.json()
    assignment = Assignment.objects.get()
    assert response.json() == {"assignment_id": assignment.pk, "title": "Draft the hiring plan"}
    assert (assignment.owner, assignment.estimate_minutes, assignment.due) == (alice, 120, day(10))
    assert _error(again, 409) == {"detail": "This action item is an assignment already."}


def test_it_makes_an_hour_long_assignment_when_no_effort_is_given(api, partnership, next_meeting):
    item = _action(partnership, next_meeting, "Draft the hiring plan")

    response = api("POST", one(partnership, f"/action-items/{item.pk}/assignment"), {})

    assert response.status_code == 201, response.json()
    assert Assignment.objects.get().estimate_minutes == 60


@pytest.mark.parametrize(
    "owned_by,body,status,message",
    [
        ("partner", {}, 400, "This action item is Zebulon Boss's, not yours."),
        ("owner", {"effort": "lots"}, 400, "'lots'"),
        ("owner", {"effort": "a\x00b"}, 422, NUL_REFUSED),
    ],
)
def test_it_refuses_to_make_an_assignment_of_it(
    api, partnership, next_meeting, owned_by, body, status, message
):
    item = _action(partnership, next_meeting, "Draft the hiring plan", owned_by=owned_by)

    response = api("POST", one(partnership, f"/action-items/{item.pk}/assignment"), body)

    assert message in _error(response, status)["detail"]
    assert not Assignment.objects.exists()


def test_the_partner_cannot_make_an_assignment_of_an_action_item(
    api, as_bob, partnership, next_meeting
):
    item = _action(partnership, next_meeting, "Draft the hiring plan", owned_by="partner")

    response = api(
        "POST", one(partnership, f"/action-items/{item.pk}/assignment"), {}, as_headers=as_bob
    )

    assert response.status_code == 404
    assert not Assignment.objects.exists()


# Questions noted between meetings.


def test_it_notes_a_question_for_the_next_one_on_one(api, as_bob, partnership, next_meeting):
    response = api(
        "POST", one(partnership, "/notes"), {"text": "Who owns onboarding now?"}, as_headers=as_bob
    )

    assert response.status_code == 201, response.json()
    noted = response.json()
    assert (noted["text"], noted["partner_name"]) == ("Who owns onboarding now?", "Alice Owner")
    bobs = api("GET", one(partnership, "/meetings/next"), as_headers=as_bob).json()["proposals"]
    alices = api("GET", one(partnership, "/meetings/next")).json()["proposals"]
    assert [(p["key"], p["title"]) for p in bobs] == [
        (f"noted:{noted['id']}", "Who owns onboarding now?")
    ]
    assert alices == []


@pytest.mark.parametrize(
    "body,status",
    [({"text": ""}, 400), ({"text": "  "}, 400), ({"text": "x" * 501}, 422), ({}, 422)],
)
def test_it_says_what_is_wrong_with_a_noted_question(api, partnership, body, status):
    response = api("POST", one(partnership, "/notes"), body)

    assert _error(response, status)["field"] == "text"
    assert not NotedQuestion.objects.exists()


# After the meeting.


def _a_meeting_with_outcomes(partnership, held) -> None:
    meeting = held[-1]
    alice = partnership.owner
    services.agenda_item_add(alice, meeting, "Budget for Q1", now=meeting.starts_at)
    item = AgendaItem.objects.get()
    services.agenda_item_update(alice, item, status="discussed", now=meeting.starts_at)
    services.decision_record(alice, meeting, "Pause the Q3 report", "partner", now=meeting.ends_at)
    on_time = _action(partnership, held[0], "Send the rota", due=day(-10), at=held[0].starts_at)
    services.action_item_update(alice, on_time, status="done", now=held[1].starts_at)
    _action(
        partnership,
        meeting,
        "Book the offsite",
        owned_by="partner",
        due=day(-1),
        at=meeting.ends_at,
    )


def test_it_sums_up_a_meeting_as_an_email(api, partnership, held):
    partnership.partner_email = "zeb@example.com"
    partnership.save(update_fields=["partner_email"])
    _a_meeting_with_outcomes(partnership, held)

    response = api("GET", meeting_path(partnership, held[-1], "/summary"))

    assert response.status_code == 200, response.json()
    summary = response.json()
    assert summary["subject"] == "Our one-on-one on Thu 26 Nov: 1 decision, 1 action item"
    assert summary["body"].startswith("Hi Zebulon,\n\nHere is what we agreed")
    assert "- Pause the Q3 report (decided by Zebulon Boss)" in summary["body"]
    assert "- Zebulon Boss — Book the offsite — by Mon 30 Nov" in summary["body"]
    assert "We discussed\n- Budget for Q1" in summary["body"]
    assert summary["mailto"].startswith("mailto:zeb@example.com?subject=Our%20one-on-one")


def test_it_searches_the_history_of_decisions_and_action_items(api, partnership, held):
    _a_meeting_with_outcomes(partnership, held)

    everything = api("GET", one(partnership, "/history")).json()
    searched = api("GET", one(partnership, "/history?q=offsite")).json()

    assert [d["text"] for d in everything["decisions"]] == ["Pause the Q3 report"]
    assert [(a["title"], a["status"]) for a in everything["actions"]] == [
        ("Book the offsite", "open"),
        ("Send the rota", "done"),
    ]
    assert (searched["query"], searched["decisions"], searched["truncated"]) == (
        "offsite",
        [],
        False,
    )
    assert [a["title"] for a in searched["actions"]] == ["Book the offsite"]


@pytest.mark.parametrize("query", ["?q=" + "x" * 201, "?q=a%00b"])
def test_it_refuses_a_search_it_cannot_run(api, partnership, query):
    response = api("GET", one(partnership, "/history" + query))

    assert _error(response, 422)["field"] == "q"


def test_it_shows_who_did_what_they_said(api, as_bob, partnership, held):
    _a_meeting_with_outcomes(partnership, held)

    owner_view = api("GET", one(partnership, "/follow-through")).json()
    partner_view = api("GET", one(partnership, "/follow-through"), as_headers=as_bob).json()

    assert owner_view["owner"] | {"rate": 1.0} == {
        "name": "You",
        "total": 1,
        "done_on_time": 1,
        "done_late": 0,
        "open_overdue": 0,
        "open_on_track": 0,
        "dropped": 0,
        "rate": 1.0,
        "reading": "Did 1 of 1 on time",
    }
    assert (owner_view["partner"]["name"], owner_view["partner"]["reading"]) == (
        "Zebulon Boss",
        "1 overdue",
    )
    assert (partner_view["owner"]["name"], partner_view["partner"]["name"]) == (
        "Alice Owner",
        "You",
    )


# Who reaches what.

# Every route, with a body it accepts from the owner: {meeting}, {item}, {decision} and
# {action} are filled in with the owner's records.
ROUTES = [
    ("GET", "/series", None),
    ("PUT", "/series", WEEKLY),
    ("GET", "/meetings", None),
    ("POST", "/meetings", {"starts_at": "2026-12-08T14:00"}),
    ("GET", "/meetings/next", None),
    ("GET", "/meetings/{meeting}", None),
    ("PATCH", "/meetings/{meeting}", {"skipped": True}),
    ("GET", "/meetings/{meeting}/summary", None),
    ("PUT", "/meetings/{meeting}/notes", {"text": "Budget", "version": 0}),
    ("PUT", "/meetings/{meeting}/private-note", {"text": "Mine"}),
    ("POST", "/meetings/{meeting}/agenda", {"title": "Budget"}),
    ("PUT", "/meetings/{meeting}/agenda/order", {"ids": []}),
    ("POST", "/meetings/{meeting}/proposals/dismiss", {"key": "late:1"}),
    ("PATCH", "/agenda/{item}", {"status": "discussed"}),
    ("POST", "/meetings/{meeting}/decisions", {"text": "Pause it"}),
    ("DELETE", "/decisions/{decision}", None),
    ("POST", "/meetings/{meeting}/action-items", {"title": "Send it", "owned_by": "owner"}),
    ("GET", "/action-items", None),
    ("PATCH", "/action-items/{action}", {"status": "done"}),
    ("POST", "/action-items/{action}/assignment", {}),
    ("POST", "/notes", {"text": "Who owns onboarding?"}),
    ("GET", "/history", None),
    ("GET", "/follow-through", None),
]
OWNER_ONLY = {
    ("PUT", "/series"),
    ("POST", "/meetings"),
    ("PATCH", "/meetings/{meeting}"),
    ("POST", "/action-items/{action}/assignment"),
}


@pytest.fixture
def records(partnership, next_meeting):
    """The owner's records of every kind, with her private words in them."""
    alice = partnership.owner
    [item] = _agenda(partnership, next_meeting, "Budget")
    services.private_note_save(alice, next_meeting, PRIVATE_NOTE_SENTINEL)
    services.question_note(alice, partnership, NOTED_SENTINEL)
    return {
        "meeting": next_meeting.pk,
        "item": item.pk,
        "decision": services.decision_record(alice, next_meeting, "Pause the Q3 report").pk,
        "action": _action(partnership, next_meeting, "Send Sam the budget").pk,
    }


@pytest.mark.parametrize("method,rest,body", ROUTES, ids=[f"{m} {r}" for m, r, _ in ROUTES])
def test_a_stranger_finds_nothing(api, bearer, charlie, partnership, records, method, rest, body):
    response = api(
        method, one(partnership, rest.format(**records)), body, as_headers=bearer(charlie)
    )

    assert _error(response, 404) == {"detail": "No such partnership."}


@pytest.mark.parametrize("method,rest,body", ROUTES, ids=[f"{m} {r}" for m, r, _ in ROUTES])
def test_it_asks_anonymous_callers_to_authenticate(
    client, partnership, records, method, rest, body
):
    response = send(client, method, one(partnership, rest.format(**records)), {}, body)

    assert _error(response, 401) == {
        "detail": "Authentication required: send a Bearer token or log in."
    }


@pytest.mark.parametrize("method,rest,body", ROUTES, ids=[f"{m} {r}" for m, r, _ in ROUTES])
def test_the_partner_reaches_what_both_share(api, as_bob, partnership, records, method, rest, body):
    response = api(method, one(partnership, rest.format(**records)), body, as_headers=as_bob)

    text = response.content.decode()
    if (method, rest) in OWNER_ONLY:
        assert _error(response, 404) == {"detail": "No such partnership."}
    elif (method, rest) == ("DELETE", "/decisions/{decision}"):
        assert _error(response, 400)["detail"].startswith("Only whoever wrote a decision")
    elif rest == "/meetings/{meeting}/proposals/dismiss":
        # The owner's proposals are not offered to the partner at all.
        assert _error(response, 404) == {"detail": "No such proposal for this meeting."}
    else:
        assert response.status_code in (200, 201, 204), text[:300]
    assert PRIVATE_NOTE_SENTINEL not in text
    assert NOTED_SENTINEL not in text


@pytest.mark.parametrize("method,rest,body", ROUTES, ids=[f"{m} {r}" for m, r, _ in ROUTES])
def test_the_owner_reaches_every_route(api, partnership, records, method, rest, body):
    response = api(method, one(partnership, rest.format(**records)), body)

    if rest == "/meetings/{meeting}/proposals/dismiss":
        assert _error(response, 404) == {"detail": "No such proposal for this meeting."}
    else:
        assert response.status_code in (200, 201, 204), response.content[:300]
