"""Odd input gets a clear refusal, never a 500, and costs no more than the window asked for."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tandem.workload.models import Assignment, PriorityChange, TimeOff
from tandem.workload.planning import busy_time
from tests.conftest import logged_in, overview, send, share
from tests.workload.conftest import TODAY, assign, day

LONG_NUMBER = "9" * 5000


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def report(partnership) -> Assignment:
    return assign(partnership, "Q3 board report", 240, due=day(4))


@pytest.mark.parametrize(
    "field,value",
    [
        ("priority-²", "1"),
        ("priority-{id}", "²"),
        ("priority-{id}", LONG_NUMBER),
        ("priority-{id}", "99999"),
        ("priority-" + "9" * 40, "1"),
    ],
)
def test_it_refuses_odd_priorities_with_a_reason(alice, partnership, report, field, value):
    url = reverse("workload-priorities", args=[partnership.pk])

    response = logged_in(alice).post(url, {field.format(id=report.pk): value}, follow=True)

    assert response.status_code == 200
    assert any(m.startswith("Nothing was changed:") for m in _messages(response))
    report.refresh_from_db()
    assert report.priority is None
    assert not PriorityChange.objects.exists()


def test_it_refuses_a_partner_who_may_not_reorder_before_reading_anything(bob, partnership, report):
    share(partnership, share_workload=True)
    url = reverse("workload-priorities", args=[partnership.pk])

    response = logged_in(bob).post(url, {"priority-²": LONG_NUMBER}, follow=True)

    assert _messages(response) == ["You are not invited to change priorities here."]


def test_it_refuses_an_odd_single_priority(alice, partnership, report):
    url = reverse("assignment-priority", args=[partnership.pk, report.pk])

    response = logged_in(alice).post(url, {"priority": LONG_NUMBER}, follow=True)

    assert response.status_code == 200
    assert "is not a priority" in _messages(response)[0]


@pytest.mark.parametrize("option", ["²", "٣", LONG_NUMBER, "-1"])
def test_it_ignores_an_odd_option_in_the_brief_link(alice, partnership, report, option):
    url = reverse("workload-brief", args=[partnership.pk, report.pk])

    response = logged_in(alice).get(url, {"option": option})

    assert response.status_code == 200
    assert response.context["composed"].chosen is None


@pytest.mark.parametrize("option", ["²", LONG_NUMBER])
def test_it_asks_for_an_option_when_the_applied_one_is_odd(alice, partnership, report, option):
    url = reverse("option-apply", args=[partnership.pk, report.pk])

    response = logged_in(alice).post(url, {"option": option}, follow=True)

    assert _messages(response) == ["Choose one of the options first."]


@pytest.mark.parametrize("due", ["9999-12-31", "0001-01-01", "in 20 years"])
def test_it_refuses_a_due_date_beyond_ten_years(alice, partnership, bearer, due):
    response = send(
        logged_in(None),
        "POST",
        f"/api/partnerships/{partnership.pk}/assignments",
        bearer(alice),
        {"title": "Board pack", "effort": "2h", "due": due},
    )

    assert response.status_code == 400
    assert response.json()["field"] == "due"
    assert "more than 10 years from today" in response.json()["detail"]
    assert not Assignment.objects.exists()


def test_it_refuses_a_due_date_beyond_ten_years_in_the_form(alice, partnership):
    url = reverse("assignment-create", args=[partnership.pk])

    response = logged_in(alice).post(
        url, {"title": "Board pack", "effort": "2h", "due": "9999-12-31"}
    )

    assert response.status_code == 200
    assert "more than 10 years from today" in response.context["form"].errors["due"][0]


def test_it_refuses_time_off_that_is_absurdly_long(alice):
    form = {
        "form": "time-off",
        "off-first_day": "2026-11-09",
        "off-last_day": "2030-01-01",
        "off-part": "morning",
    }

    response = logged_in(alice).post(reverse("availability"), form)

    assert response.status_code == 200
    assert "up to 366 days" in response.context["time_off_form"].errors["last_day"][0]
    assert not TimeOff.objects.exists()


def test_it_exports_due_dates_when_one_lies_on_the_calendars_last_day(alice, partnership):
    Assignment.objects.create(
        owner=alice,
        partnership=partnership,
        title="Stored before dates were bounded",
        asked_on=TODAY,
        due=dt.date.max,
        estimate_minutes=60,
        remaining_minutes=60,
    )
    assign(partnership, "Board pack", 60, due=day(3))

    response = logged_in(alice).get(reverse("due-dates-ics"))

    assert response.status_code == 200
    assert b"Board pack" in response.content


@pytest.fixture
def endless_time_off(alice, partnership) -> None:
    # Stored before ranges were bounded: mornings off from the year 1 to the year 9000.
    TimeOff.objects.create(
        owner=alice,
        first_day=dt.date(1, 1, 1),
        last_day=dt.date(9000, 1, 1),
        part=TimeOff.Part.MORNING,
    )
    TimeOff.objects.create(owner=alice, first_day=day(2), last_day=dt.date.max, reason="Sabbatical")
    assign(partnership, "Board pack", 60, due=day(3))


def test_it_plans_as_far_as_the_window_whatever_the_time_off(alice, endless_time_off):
    week = busy_time(alice, TODAY, 7)

    assert len(week) <= 8
    assert min(start for start, _ in week) >= dt.datetime.combine(TODAY, dt.time(0))
    assert max(end for _, end in week) <= dt.datetime.combine(day(7), dt.time(0))


def test_it_shows_every_page_with_time_off_to_the_end_of_the_calendar(
    alice, bob, partnership, endless_time_off
):
    share(partnership, share_workload=True, share_availability=True)

    assert overview(alice, partnership).status_code == 200
    assert overview(bob, partnership).status_code == 200
    for user in (alice, bob):
        page = logged_in(user).get(reverse("area-workload", args=[partnership.pk]))
        assert page.status_code == 200
    assert logged_in(alice).get(reverse("availability")).status_code == 200
