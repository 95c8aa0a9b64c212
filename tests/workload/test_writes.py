"""Every write of the workload goes through services: all input checked first, then one
transaction. A request that fails changes nothing."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.workload.models import Assignment, PriorityChange
from tests.conftest import logged_in, send, share
from tests.workload.conftest import assign, day


def _api(partnership, assignment) -> str:
    return f"/api/partnerships/{partnership.pk}/assignments/{assignment.pk}"


def test_it_changes_nothing_when_one_value_of_a_patch_is_wrong(alice, partnership, bearer):
    report = assign(partnership, "Q3 board report", 240, due=day(4))

    response = send(
        logged_in(None),
        "PATCH",
        _api(partnership, report),
        bearer(alice),
        {"priority": 2, "due": "blah blah"},
    )

    assert response.status_code == 400
    assert response.json()["field"] == "due"
    report.refresh_from_db()
    assert report.priority is None
    assert report.due == day(4)
    assert not PriorityChange.objects.filter(assignment=report).exists()


def test_it_names_the_remaining_effort_when_it_cannot_be_read(alice, partnership, bearer):
    report = assign(partnership, "Q3 board report", 240)

    response = send(
        logged_in(None), "PATCH", _api(partnership, report), bearer(alice), {"remaining": "lots"}
    )

    assert response.status_code == 400
    assert response.json()["field"] == "remaining"


def test_it_saves_no_priority_when_another_in_the_same_form_is_wrong(alice, partnership):
    report = assign(partnership, "Q3 board report", 240)
    memo = assign(partnership, "Pricing memo", 60)
    url = reverse("workload-priorities", args=[partnership.pk])

    response = logged_in(alice).post(
        url, {f"priority-{report.pk}": "1", f"priority-{memo.pk}": "first"}, follow=True
    )

    messages = [str(m) for m in response.context["messages"]]
    assert any("Nothing was changed" in m and "“first”" in m for m in messages)
    assert Assignment.objects.get(pk=report.pk).priority is None
    assert not PriorityChange.objects.exists()


def test_it_reorders_many_assignments_in_a_fixed_number_of_queries(alice, partnership):
    def queries_to_reorder(count: int) -> int:
        items = [assign(partnership, f"Item {count}-{n}", 60) for n in range(count)]
        form = {f"priority-{item.pk}": str(n + 1) for n, item in enumerate(items)}
        client = logged_in(alice)
        with CaptureQueriesContext(connection) as queries:
            client.post(reverse("workload-priorities", args=[partnership.pk]), form)
        assert [a.priority for a in Assignment.objects.filter(pk__in=[i.pk for i in items])] == [
            n + 1 for n in range(count)
        ]
        return len(queries)

    assert queries_to_reorder(3) == queries_to_reorder(30)
    assert PriorityChange.objects.count() == 33


def test_it_saves_an_edit_in_one_update_of_the_changed_fields(alice, partnership):
    report = assign(partnership, "Q3 board report", 240, notes="Ask Finance first")
    url = reverse("assignment", args=[partnership.pk, report.pk])
    form = {
        "title": "Q3 board report, final",
        "asked_by": "",
        "asked_on": report.asked_on.isoformat(),
        "due": "",
        "estimate": "4h",
        "remaining": "4h",
        "status": "done",
        "notes": "Ask Finance first",
    }

    with CaptureQueriesContext(connection) as queries:
        response = logged_in(alice).post(url, form)

    assert response.status_code == 302
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "workload_assignment"')]
    assert len(updates) == 1
    assert '"notes"' not in updates[0], "unchanged fields are not written"
    report.refresh_from_db()
    assert (report.title, report.status, report.remaining_minutes) == (
        "Q3 board report, final",
        "done",
        0,
    )


def test_it_keeps_the_edit_form_and_says_why_when_asked_on_is_in_the_future(alice, partnership):
    report = assign(partnership, "Q3 board report", 240)
    form = {
        "title": "Q3 board report",
        "asked_by": "",
        "asked_on": day(3).isoformat(),
        "due": "",
        "estimate": "4h",
        "remaining": "4h",
        "status": "accepted",
        "notes": "",
    }

    response = logged_in(alice).post(reverse("assignment", args=[partnership.pk, report.pk]), form)

    assert response.status_code == 200
    assert response.context["form"].errors["asked_on"] == ["'Asked on' cannot be in the future."]
    report.refresh_from_db()
    assert report.asked_on != day(3)


def test_it_lets_an_invited_partner_reorder_only_this_partnerships_work(
    alice, bob, partnership, solo_partnership
):
    share(partnership, share_workload=True, partner_may_reorder=True)
    shared = assign(partnership, "Q3 board report", 240)
    elsewhere = assign(solo_partnership, "Team rota", 60)
    url = reverse("workload-priorities", args=[partnership.pk])

    logged_in(bob).post(url, {f"priority-{shared.pk}": "1", f"priority-{elsewhere.pk}": "1"})

    assert Assignment.objects.get(pk=shared.pk).priority is None
    assert Assignment.objects.get(pk=elsewhere.pk).priority is None
    logged_in(bob).post(url, {f"priority-{shared.pk}": "1"})
    assert Assignment.objects.get(pk=shared.pk).priority == 1
    assert PriorityChange.objects.get().changed_by == bob
