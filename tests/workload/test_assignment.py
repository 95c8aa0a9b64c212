from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tandem.workload.models import Assignment, PriorityChange, Status, Step
from tests.conftest import field_errors, input_value, logged_in, share, text_of
from tests.workload.conftest import NOW, assign, day, page, plan_cells, plan_rows


@pytest.fixture
def board_pack(partnership) -> Assignment:
    return assign(
        partnership, "Board pack", 180, due=day(4), asked_by="Sam", notes="Ask Finance early"
    )


def _detail(partnership, assignment) -> str:
    return reverse("assignment", args=[partnership.pk, assignment.pk])


def _workload(partnership) -> str:
    return reverse("area-workload", args=[partnership.pk])


def _edit(**fields) -> dict:
    return {
        "title": "Board pack",
        "asked_by": "Sam",
        "asked_on": "2026-11-02",
        "due": "2026-11-06",
        "estimate": "3h",
        "remaining": "3h",
        "status": Status.ACCEPTED,
        "notes": "Ask Finance early",
    } | fields


def test_it_shows_the_details_with_the_plan(alice, partnership, board_pack):
    body = page(logged_in(alice), _detail(partnership, board_pack))

    assert "asked by Sam on Mon 2 Nov 2026" in body
    assert "due Fri 6 Nov" in body  # why it ranks where it does
    assert (
        '<span class="stat-value">Mon 2 Nov</span><span class="stat-label">projected finish' in body
    )
    assert input_value(body, "id_remaining") == "3h"
    assert "Ask Finance early" in body


def test_it_saves_an_edit(alice, partnership, board_pack):
    client = logged_in(alice)

    response = client.post(
        _detail(partnership, board_pack),
        _edit(title="Board pack v2", due="next friday", remaining="1h 30m", notes="Sam agreed"),
        follow=True,
    )

    assert "Saved. The plan is up to date." in text_of(response)
    board_pack.refresh_from_db()
    assert board_pack.title == "Board pack v2"
    assert board_pack.due == dt.date(2026, 11, 13)
    assert board_pack.remaining_minutes == 90
    assert board_pack.estimate_minutes == 180
    assert board_pack.notes == "Sam agreed"
    assert plan_cells(page(client, _workload(partnership)), "Board pack v2").effort == "1h 30m"


def test_it_refuses_an_asked_on_date_in_the_future(alice, partnership, board_pack):
    response = logged_in(alice).post(
        _detail(partnership, board_pack), _edit(asked_on="2026-11-03", title="Renamed")
    )

    body = text_of(response)
    assert response.status_code == 200
    assert field_errors(body, "id_asked_on") == ["'Asked on' cannot be in the future."]
    assert input_value(body, "id_title") == "Renamed"
    board_pack.refresh_from_db()
    assert board_pack.title == "Board pack"
    assert board_pack.asked_on == dt.date(2026, 11, 2)


def test_it_accepts_an_asked_on_date_in_the_past(alice, partnership, board_pack):
    logged_in(alice).post(_detail(partnership, board_pack), _edit(asked_on="2026-10-20"))

    board_pack.refresh_from_db()
    assert board_pack.asked_on == dt.date(2026, 10, 20)


def test_it_refuses_an_unreadable_remaining_effort(alice, partnership, board_pack):
    response = logged_in(alice).post(_detail(partnership, board_pack), _edit(remaining="soon"))

    assert field_errors(text_of(response), "id_remaining") == [
        "'soon' is not an effort; try 3h, 90m or 1.5d"
    ]
    board_pack.refresh_from_db()
    assert board_pack.remaining_minutes == 180


def test_it_edits_finished_work(alice, partnership, board_pack):
    client = logged_in(alice)
    _set_status(client, partnership, board_pack, "done")
    body = page(client, _detail(partnership, board_pack))
    assert input_value(body, "id_remaining") == "0m"

    response = client.post(
        _detail(partnership, board_pack),
        _edit(title="Board pack (final)", remaining="0m", status=Status.DONE),
        follow=True,
    )

    assert "Saved. The plan is up to date." in text_of(response)
    board_pack.refresh_from_db()
    assert (board_pack.title, board_pack.status) == ("Board pack (final)", Status.DONE)


def test_it_lets_the_steps_hold_all_the_remaining_effort(alice, partnership, board_pack):
    Step.objects.create(assignment=board_pack, title="Figures", effort_minutes=120)
    client = logged_in(alice)

    client.post(_detail(partnership, board_pack), _edit(remaining="0m"))

    board_pack.refresh_from_db()
    assert board_pack.remaining_minutes == 0
    assert plan_cells(page(client, _workload(partnership)), "Board pack").effort == "2h"


def test_it_counts_open_steps_in_the_plan(alice, partnership, board_pack):
    client = logged_in(alice)
    steps = reverse("step-add", args=[partnership.pk, board_pack.pk])

    response = client.post(
        steps, {"title": "Figures from Finance", "effort": "4h", "depends_on": "Finance"}
    )

    assert response.status_code == 302
    step = Step.objects.get()
    assert (step.title, step.effort_minutes, step.depends_on) == (
        "Figures from Finance",
        240,
        "Finance",
    )
    detail = page(client, _detail(partnership, board_pack))
    assert "Step added; the plan now counts its effort." in detail
    assert "waits on Finance" in detail
    # Three hours of its own plus four for the step: it no longer fits into Monday.
    row = plan_cells(page(client, _workload(partnership)), "Board pack")
    assert (row.effort, row.finish) == ("7h", "Tue 3 Nov")


def test_it_stops_counting_a_step_once_done(alice, partnership, board_pack):
    step = Step.objects.create(assignment=board_pack, title="Figures", effort_minutes=240)
    client = logged_in(alice)
    toggle = reverse("step-toggle", args=[partnership.pk, board_pack.pk, step.pk])

    client.post(toggle)

    step.refresh_from_db()
    assert step.done
    row = plan_cells(page(client, _workload(partnership)), "Board pack")
    assert (row.effort, row.finish) == ("3h", "Mon 2 Nov")

    client.post(toggle)

    assert plan_cells(page(client, _workload(partnership)), "Board pack").effort == "7h"


@pytest.mark.parametrize(
    "step,message",
    [
        ({"title": "", "effort": "1h"}, "The step was not added: This field is required."),
        ({"title": "Figures", "effort": "lots"}, "The step was not added: 'lots' is not an effort"),
    ],
)
def test_it_refuses_a_step_it_cannot_read(alice, partnership, board_pack, step, message):
    response = logged_in(alice).post(
        reverse("step-add", args=[partnership.pk, board_pack.pk]), step, follow=True
    )

    assert message in text_of(response)
    assert not Step.objects.exists()


def _set_status(client, partnership, assignment, action: str):
    url = reverse("assignment-status", args=[partnership.pk, assignment.pk])
    return client.post(url, {"action": action, "back": "list"}, follow=True)


def test_it_marks_an_assignment_done(alice, partnership, board_pack):
    response = _set_status(logged_in(alice), partnership, board_pack, "done")

    body = text_of(response)
    assert "“Board pack” is done." in body
    assert "Nothing captured yet" in body
    assert "Recently done" in body
    board_pack.refresh_from_db()
    assert board_pack.status == Status.DONE
    assert board_pack.remaining_minutes == 0
    assert board_pack.completed_at == NOW


def test_it_drops_an_assignment(alice, partnership, board_pack):
    assign(partnership, "Pricing memo", 60)

    response = _set_status(logged_in(alice), partnership, board_pack, "dropped")

    body = text_of(response)
    assert "“Board pack” is dropped." in body
    assert plan_rows(body) == ["Pricing memo"]
    assert "Recently done" not in body
    board_pack.refresh_from_db()
    assert board_pack.status == Status.DROPPED


def test_it_reopens_done_work_with_its_estimate(alice, partnership, board_pack):
    client = logged_in(alice)
    _set_status(client, partnership, board_pack, "done")

    response = _set_status(client, partnership, board_pack, "reopen")

    body = text_of(response)
    assert "“Board pack” is open again." in body
    assert plan_cells(body, "Board pack").effort == "3h"
    board_pack.refresh_from_db()
    assert board_pack.status == Status.ACCEPTED
    assert board_pack.completed_at is None


def test_it_reopens_dropped_work_with_what_was_left(alice, partnership, board_pack):
    board_pack.remaining_minutes = 60
    board_pack.save()
    client = logged_in(alice)
    _set_status(client, partnership, board_pack, "dropped")

    _set_status(client, partnership, board_pack, "reopen")

    board_pack.refresh_from_db()
    assert board_pack.remaining_minutes == 60
    assert board_pack.is_open


def test_it_refuses_an_unknown_status(alice, partnership, board_pack):
    response = _set_status(logged_in(alice), partnership, board_pack, "forgotten")

    assert "Choose done, dropped, accepted, in progress or reopen." in text_of(response)
    board_pack.refresh_from_db()
    assert board_pack.status == Status.ACCEPTED


def _prioritise(client, partnership, assignment, priority):
    url = reverse("assignment-priority", args=[partnership.pk, assignment.pk])
    return client.post(url, {"priority": priority}, follow=True)


def test_it_records_who_changed_a_priority_and_when(alice, bob, partnership, board_pack, frozen):
    share(partnership, share_workload=True, partner_may_reorder=True)
    _prioritise(logged_in(alice), partnership, board_pack, 2)
    frozen.shift(dt.timedelta(days=1))

    response = _prioritise(logged_in(bob), partnership, board_pack, 1)

    assert "Priority of “Board pack” recorded." in text_of(response)
    changes = [
        (c.before, c.after, c.changed_by, c.changed_at) for c in PriorityChange.objects.all()
    ]
    assert changes == [
        (2, 1, bob, NOW + dt.timedelta(days=1)),
        (None, 2, alice, NOW),
    ]
    body = page(logged_in(alice), _detail(partnership, board_pack))
    assert "Priority <strong>1</strong>, set by Bob Partner on 3 Nov 2026." in body
    assert "none → 2" in body
    assert "2 → 1" in body


def test_it_records_a_cleared_priority(alice, partnership, board_pack):
    client = logged_in(alice)
    _prioritise(client, partnership, board_pack, 2)

    _prioritise(client, partnership, board_pack, "")

    board_pack.refresh_from_db()
    assert board_pack.priority is None
    assert PriorityChange.objects.first().after is None


def test_it_refuses_a_priority_below_one(alice, partnership, board_pack):
    response = _prioritise(logged_in(alice), partnership, board_pack, 0)

    assert "“0” is not a priority: use 1 (most important) to 999." in text_of(response)
    assert not PriorityChange.objects.exists()


def test_it_reorders_the_plan_by_agreed_priority(alice, partnership, board_pack):
    assign(partnership, "Pricing memo", 60, due=day(9))
    client = logged_in(alice)

    response = _prioritise(client, partnership, Assignment.objects.get(title="Pricing memo"), 1)

    assert plan_rows(text_of(response)) == ["Pricing memo", "Board pack"]


def test_it_lets_the_partner_reorder_when_invited(bob, partnership, board_pack):
    share(partnership, share_workload=True, partner_may_reorder=True)
    client = logged_in(bob)

    body = page(client, _workload(partnership))
    _prioritise(client, partnership, board_pack, 3)

    assert 'name="priority-' in body
    board_pack.refresh_from_db()
    assert board_pack.priority == 3
    assert board_pack.priority_set_by == bob


def test_it_refuses_the_partner_a_reorder_without_an_invitation(bob, partnership, board_pack):
    share(partnership, share_workload=True, partner_may_reorder=False)
    client = logged_in(bob)

    body = page(client, _workload(partnership))
    response = _prioritise(client, partnership, board_pack, 3)

    assert 'name="priority-' not in body
    assert "You are not invited to change priorities here." in text_of(response)
    board_pack.refresh_from_db()
    assert board_pack.priority is None
    assert not PriorityChange.objects.exists()


def test_it_refuses_the_partner_a_reorder_of_an_unshared_workload(bob, partnership, board_pack):
    share(partnership, share_workload=False, partner_may_reorder=True)

    response = _prioritise(logged_in(bob), partnership, board_pack, 3)

    assert response.status_code == 404
    board_pack.refresh_from_db()
    assert board_pack.priority is None


def test_it_refuses_the_partner_a_reorder_of_other_partnerships_work(
    bob, partnership, solo_partnership
):
    share(partnership, share_workload=True, partner_may_reorder=True)
    elsewhere = assign(solo_partnership, "Rita's appraisal", 60)

    response = _prioritise(logged_in(bob), partnership, elsewhere, 1)

    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.priority is None


def test_it_shows_the_partner_the_details_read_only(bob, partnership, board_pack):
    share(partnership, share_workload=True)
    Step.objects.create(assignment=board_pack, title="Figures", effort_minutes=60)

    body = page(logged_in(bob), _detail(partnership, board_pack))

    assert "Figures" in body
    assert "Ask Finance early" not in body
    assert "Mark done" not in body
    assert "Add step" not in body


@pytest.mark.parametrize("role", ["bob", "charlie"])
def test_it_checks_ownership_of_every_change(role, request, partnership, board_pack):
    share(partnership, share_workload=True, partner_may_reorder=True)
    step = Step.objects.create(assignment=board_pack, title="Figures", effort_minutes=60)
    client = logged_in(request.getfixturevalue(role))
    args = [partnership.pk, board_pack.pk]

    responses = [
        client.post(_detail(partnership, board_pack), _edit(title="Hijacked")),
        client.post(reverse("assignment-status", args=args), {"action": "done"}),
        client.post(reverse("step-add", args=args), {"title": "Extra", "effort": "1h"}),
        client.post(reverse("step-toggle", args=[*args, step.pk])),
    ]

    assert [r.status_code for r in responses] == [404] * 4
    board_pack.refresh_from_db()
    step.refresh_from_db()
    assert (board_pack.title, board_pack.status) == ("Board pack", Status.ACCEPTED)
    assert not step.done
    assert Step.objects.count() == 1


def test_it_gives_every_field_on_the_page_its_own_label(alice, partnership, board_pack):
    body = page(logged_in(alice), _detail(partnership, board_pack))

    ids = re.findall(r'\bid="([^"]+)"', body)
    assert len(ids) == len(set(ids))
    assert input_value(body, "id_title") == "Board pack"
    assert input_value(body, "id_step_title") == ""
