from __future__ import annotations

import pytest

from tests.conftest import send

MONDAY_TO_FRIDAY = [{"weekday": day, "start": "09:00", "end": "17:30"} for day in range(5)]


@pytest.fixture
def hours(client, alice, bearer):
    headers = bearer(alice)

    def call(method: str, body=None):
        return send(client, method, "/api/me/working-hours", headers, body)

    return call


def test_it_gives_my_working_hours(hours):
    response = hours("GET")

    assert response.status_code == 200
    assert response.json() == {"days": MONDAY_TO_FRIDAY, "week_minutes": 5 * 510}


def test_it_replaces_my_working_hours_as_the_settings_page_does(client, alice, bearer, hours):
    # Half a day on Friday, Wednesdays off.
    days = [
        {"weekday": 0, "start": "09:00", "end": "17:30"},
        {"weekday": 1, "start": "09:00", "end": "17:30"},
        {"weekday": 3, "start": "08:00", "end": "16:00"},
        {"weekday": 4, "start": "09:00", "end": "12:30"},
    ]

    response = hours("PUT", {"days": days})

    assert response.status_code == 200
    assert response.json() == {"days": days, "week_minutes": 510 + 510 + 480 + 210}
    assert hours("GET").json()["days"] == days
    assert client.get("/api/me", headers=bearer(alice)).json()["working_hours"] == days
    assert [str(day) for day in alice.working_days.all()] == [
        "Monday 09:00–17:30",
        "Tuesday 09:00–17:30",
        "Thursday 08:00–16:00",
        "Friday 09:00–12:30",
    ]


def test_it_takes_a_week_without_working_days(hours):
    assert hours("PUT", {"days": []}).json() == {"days": [], "week_minutes": 0}


@pytest.mark.parametrize(
    "days,reason",
    [
        (
            [{"weekday": 2, "start": "17:00", "end": "09:00"}],
            "Working hours on Wednesday end before they start (17:00–09:00).",
        ),
        (
            [
                {"weekday": 0, "start": "09:00", "end": "12:00"},
                {"weekday": 0, "start": "13:00", "end": "17:00"},
            ],
            "Monday is given twice; give each day once.",
        ),
    ],
)
def test_it_explains_hours_that_cannot_be(alice, hours, days, reason):
    response = hours("PUT", {"days": days})

    assert response.status_code == 400
    assert response.json() == {"detail": reason, "field": "days"}
    assert hours("GET").json()["days"] == MONDAY_TO_FRIDAY


@pytest.mark.parametrize(
    "day,field",
    [
        ({"weekday": 0, "start": "9am", "end": "17:00"}, "days.0.start"),
        ({"weekday": 0, "start": "09:00", "end": "24:00"}, "days.0.end"),
        ({"weekday": 0, "start": "٠٩:٠٠", "end": "17:00"}, "days.0.start"),
        ({"weekday": 7, "start": "09:00", "end": "17:00"}, "days.0.weekday"),
        ({"weekday": 0, "start": "09:00\x00", "end": "17:00"}, "days.0.start"),
    ],
)
def test_it_refuses_what_is_not_a_working_day(hours, day, field):
    response = hours("PUT", {"days": [day]})

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert hours("GET").json()["days"] == MONDAY_TO_FRIDAY


def test_it_changes_only_my_own_hours(client, alice, bob, bearer):
    send(client, "PUT", "/api/me/working-hours", bearer(bob), {"days": []})

    assert len(alice.working_days.all()) == 5
