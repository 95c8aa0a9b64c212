"""Time off and recurring commitments through the API: the person's own, and the plan follows."""

from __future__ import annotations

import datetime as dt

import pytest

from tandem.workload.models import Commitment, TimeOff
from tests.workload.conftest import DAY_CAPACITY


def _week_capacity(api, partnership) -> int:
    plan = api("GET", f"/api/partnerships/{partnership.pk}/plan").json()
    return plan["weeks"][0]["capacity_minutes"]


def test_it_adds_time_off_in_natural_dates_and_plans_around_it(api, partnership):
    response = api(
        "POST",
        "/api/me/time-off",
        {"first_day": "friday", "last_day": "next monday", "reason": "Ski trip"},
    )

    assert response.status_code == 201
    added = response.json()
    assert {k: v for k, v in added.items() if k != "id"} == {
        "first_day": "2026-11-06",
        "last_day": "2026-11-09",
        "part": "whole",
        "reason": "Ski trip",
    }
    assert api("GET", "/api/me/time-off").json() == [added]
    assert _week_capacity(api, partnership) == 4 * DAY_CAPACITY


def test_it_takes_one_day_or_half_of_one(api):
    response = api("POST", "/api/me/time-off", {"first_day": "2026-11-04", "part": "afternoon"})

    assert (response.json()["first_day"], response.json()["last_day"]) == (
        "2026-11-04",
        "2026-11-04",
    )
    assert TimeOff.objects.get().part == TimeOff.Part.AFTERNOON


@pytest.mark.parametrize(
    "body,field,reason",
    [
        (
            {"first_day": "friday", "last_day": "wednesday"},
            "last_day",
            "Time off ends before it starts.",
        ),
        ({"first_day": "someday"}, "first_day", "'someday'"),
        ({"first_day": " "}, "first_day", "Give the first day off."),
    ],
)
def test_it_explains_time_off_that_cannot_be(api, body, field, reason):
    response = api("POST", "/api/me/time-off", body)

    assert response.status_code == 400
    assert response.json()["field"] == field
    assert reason in response.json()["detail"]
    assert not TimeOff.objects.exists()


def test_it_lists_time_off_to_come_only(api, alice):
    TimeOff.objects.create(
        owner=alice, first_day=dt.date(2026, 10, 1), last_day=dt.date(2026, 10, 2)
    )
    api("POST", "/api/me/time-off", {"first_day": "today"})

    assert [t["first_day"] for t in api("GET", "/api/me/time-off").json()] == ["2026-11-02"]


def test_it_removes_time_off_and_the_plan_gets_the_day_back(api, partnership):
    added = api("POST", "/api/me/time-off", {"first_day": "tuesday"}).json()

    response = api("DELETE", f"/api/me/time-off/{added['id']}")

    assert response.status_code == 204
    assert api("GET", "/api/me/time-off").json() == []
    assert _week_capacity(api, partnership) == 5 * DAY_CAPACITY


def test_it_blocks_a_recurring_commitment(api, partnership):
    response = api(
        "POST",
        "/api/me/commitments",
        {"title": "School run", "weekday": 1, "start": "08:00", "end": "10:00"},
    )

    assert response.status_code == 201
    added = response.json()
    assert {k: v for k, v in added.items() if k != "id"} == {
        "title": "School run",
        "weekday": 1,
        "start": "08:00",
        "end": "10:00",
        "every_weeks": 1,
        "starts_on": "2026-11-02",
    }
    assert api("GET", "/api/me/commitments").json() == [added]
    # Tuesday's working day starts at 09:00: one hour of it is taken, at the focus factor.
    assert _week_capacity(api, partnership) == 5 * DAY_CAPACITY - 42


@pytest.mark.parametrize(
    "change,status,field",
    [
        ({"end": "07:00"}, 400, "end"),
        ({"title": "   "}, 400, "title"),
        ({"start": "8am"}, 422, "start"),
        ({"weekday": 7}, 422, "weekday"),
        ({"every_weeks": 9}, 422, "every_weeks"),
        ({"title": "School\x00run"}, 422, "title"),
    ],
)
def test_it_explains_a_commitment_that_cannot_be(api, change, status, field):
    body = {"title": "School run", "weekday": 1, "start": "08:00", "end": "10:00"} | change

    response = api("POST", "/api/me/commitments", body)

    assert response.status_code == status
    assert response.json()["field"] == field
    assert not Commitment.objects.exists()


def test_it_removes_a_commitment(api):
    added = api(
        "POST",
        "/api/me/commitments",
        {"title": "Gym", "weekday": 2, "start": "07:00", "end": "08:00"},
    ).json()

    response = api("DELETE", f"/api/me/commitments/{added['id']}")

    assert response.status_code == 204
    assert not Commitment.objects.exists()


def test_it_keeps_each_persons_availability_their_own(api, alice, bob, bearer, partnership):
    time_off = api("POST", "/api/me/time-off", {"first_day": "friday", "reason": "Dentist"}).json()
    commitment = api(
        "POST",
        "/api/me/commitments",
        {"title": "School run", "weekday": 1, "start": "08:00", "end": "10:00"},
    ).json()
    headers = bearer(bob)

    lists = [
        api("GET", path, as_headers=headers).json()
        for path in ("/api/me/time-off", "/api/me/commitments")
    ]
    deletes = [
        api("DELETE", f"/api/me/time-off/{time_off['id']}", as_headers=headers),
        api("DELETE", f"/api/me/commitments/{commitment['id']}", as_headers=headers),
    ]

    assert lists == [[], []]
    assert [r.status_code for r in deletes] == [404, 404]
    assert [r.json()["detail"] for r in deletes] == ["No such time off.", "No such commitment."]
    assert TimeOff.objects.filter(owner=alice).exists()
    assert Commitment.objects.filter(owner=alice).exists()
