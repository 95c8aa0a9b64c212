from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tandem.workload.models import Assignment, Status
from tests.conftest import field_errors, input_value, logged_in, share, text_of
from tests.workload.conftest import page, plan_cells, plan_row


@pytest.fixture
def capture(alice, partnership):
    client = logged_in(alice)
    url = reverse("assignment-create", args=[partnership.pk])

    def post(**fields):
        data = {"title": "Q3 board report", "effort": "3h", "due": "", "asked_by": ""} | fields
        return client.post(url, data, follow=True)

    return post


def test_it_reads_natural_dates(capture):
    capture(title="Board pack", due="next friday")
    capture(title="Hiring plan", due="in 2 weeks")

    assert Assignment.objects.get(title="Board pack").due == dt.date(2026, 11, 13)
    assert Assignment.objects.get(title="Hiring plan").due == dt.date(2026, 11, 16)


def test_it_reads_minutes_and_hours(capture):
    capture(title="Quick reply", effort="90m")
    capture(title="Slides", effort="2h30m")

    assert Assignment.objects.get(title="Quick reply").remaining_minutes == 90
    assert Assignment.objects.get(title="Slides").estimate_minutes == 150


def test_it_counts_days_in_the_persons_own_working_day(alice, capture):
    alice.working_days.update(start=dt.time(9), end=dt.time(15))  # six-hour days

    capture(effort="1.5d")

    assert Assignment.objects.get().remaining_minutes == 540


def test_it_counts_a_default_working_day_as_eight_and_a_half_hours(capture):
    capture(effort="1.5d")

    assert Assignment.objects.get().remaining_minutes == 765


def test_it_adds_the_assignment_to_the_plan(capture):
    response = capture(title="Board pack", effort="3h", due="friday", asked_by="Sam")

    body = text_of(response)
    assert "Added “Board pack”." in body
    row = plan_cells(body, "Board pack")
    assert row.due == "Fri 6 Nov"
    assert row.finish == "Mon 2 Nov"  # three hours fit today
    assignment = Assignment.objects.get()
    assert row.assignment == f"Board pack #{assignment.pk} due Fri 6 Nov · from Sam"
    assert assignment.status == Status.ACCEPTED
    assert assignment.asked_on == dt.date(2026, 11, 2)


def test_it_refuses_an_unreadable_date_and_keeps_the_input(capture):
    response = capture(title="Board pack", effort="2h", due="12/04")

    body = text_of(response)
    assert response.status_code == 200
    assert field_errors(body, "id_due") == [
        "'12/04' could be 12 Apr or 4 Dec; write '12 Apr' or '4 Dec' instead"
    ]
    assert input_value(body, "id_due") == "12/04"
    assert input_value(body, "id_title") == "Board pack"
    assert input_value(body, "id_effort") == "2h"
    # Said once, at the field: no banner repeating it.
    assert "The assignment was not added" not in body
    assert not Assignment.objects.exists()


def test_it_refuses_a_date_in_the_past(capture):
    response = capture(due="yesterday")

    errors = field_errors(text_of(response), "id_due")
    assert errors and "in the past" in errors[0]
    assert not Assignment.objects.exists()


def test_it_refuses_an_unreadable_effort_and_keeps_the_input(capture):
    response = capture(title="Board pack", effort="a while", due="next friday")

    body = text_of(response)
    assert field_errors(body, "id_effort") == ["'a while' is not an effort; try 3h, 90m or 1.5d"]
    assert input_value(body, "id_effort") == "a while"
    assert input_value(body, "id_due") == "next friday"
    assert input_value(body, "id_title") == "Board pack"
    assert not Assignment.objects.exists()


def test_it_asks_for_a_unit_on_a_bare_number(capture):
    response = capture(effort="3")

    assert field_errors(text_of(response), "id_effort") == [
        "'3' has no unit; did you mean 3h? (try 3h, 90m or 1.5d)"
    ]


def test_it_asks_for_an_effort(capture):
    response = capture(effort="")

    assert field_errors(text_of(response), "id_effort") == ["This field is required."]
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("title", ["", "   "])
def test_it_refuses_an_empty_title(capture, title):
    response = capture(title=title, effort="2h", due="friday")

    body = text_of(response)
    assert field_errors(body, "id_title") == ["This field is required."]
    assert input_value(body, "id_effort") == "2h"
    assert not Assignment.objects.exists()


def test_it_marks_a_proposed_ask_as_not_accepted_yet(capture):
    response = capture(title="Vendor review", proposed="on")

    assert Assignment.objects.get().status == Status.PROPOSED
    assert "not accepted yet" in plan_row(text_of(response), "Vendor review")


def test_it_accepts_an_ask_by_default(capture):
    response = capture(title="Vendor review")

    assert Assignment.objects.get().status == Status.ACCEPTED
    assert "not accepted yet" not in plan_row(text_of(response), "Vendor review")


def test_it_records_an_agreed_priority_with_who_set_it(alice, capture):
    capture(priority="2")

    assignment = Assignment.objects.get()
    assert assignment.priority == 2
    assert assignment.priority_set_by == alice


def test_it_shows_the_capture_form_with_examples(alice, partnership):
    body = page(logged_in(alice), reverse("area-workload", args=[partnership.pk]))

    assert "Capture an assignment" in body
    assert 'placeholder="next friday"' in body
    assert 'placeholder="3h, 1.5d, 90m"' in body


def test_it_checks_ownership(bob, charlie, partnership):
    share(partnership, share_workload=True)
    url = reverse("assignment-create", args=[partnership.pk])

    for user in (bob, charlie):
        response = logged_in(user).post(url, {"title": "Sneaky", "effort": "1h"})
        assert response.status_code == 404
    assert not Assignment.objects.exists()
