from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.workload.models import Assignment, PriorityChange, Step
from tests.conftest import logged_in, share, text_of
from tests.workload.conftest import assign, day, page, plan_cells, plan_row, plan_rows


def _url(partnership) -> str:
    return reverse("area-workload", args=[partnership.pk])


def test_it_ranks_by_priority_then_due_date_then_age(alice, partnership):
    assign(partnership, "Undated, asked later", 60, asked_on=day(-1))
    assign(partnership, "Due later", 60, due=day(10), asked_on=day(-20))
    assign(partnership, "Priority two", 60, priority=2, due=day(30))
    assign(partnership, "Undated, asked earlier", 60, asked_on=day(-9))
    assign(partnership, "Due sooner", 60, due=day(4))
    assign(partnership, "Priority one", 60, priority=1, due=day(40))

    body = page(logged_in(alice), _url(partnership))

    assert plan_rows(body) == [
        "Priority one",
        "Priority two",
        "Due sooner",
        "Due later",
        "Undated, asked earlier",
        "Undated, asked later",
    ]


def test_it_explains_each_place_in_the_ranking(alice, partnership):
    first = assign(partnership, "Priority one", 60, priority=1)
    sooner = assign(partnership, "Due sooner", 60, due=day(4))
    undated = assign(partnership, "Undated", 60, asked_on=day(-9))

    body = page(logged_in(alice), _url(partnership))

    expected = f"Priority one #{first.pk} agreed priority 1"
    assert plan_cells(body, "Priority one").assignment == expected
    assert plan_cells(body, "Due sooner").assignment == f"Due sooner #{sooner.pk} due Fri 6 Nov"
    assert plan_cells(body, "Undated").assignment == f"Undated #{undated.pk} asked 9 days ago"
    assert "Ranked by agreed priority, then due date, then age" in body


def test_it_shows_projected_finish_and_marks_late_and_at_risk_work(alice, partnership):
    # 357 minutes of capacity a day: 5h fits on Monday, 20h runs to Friday.
    assign(partnership, "Comfortable", 300, priority=1, due=day(4))
    assign(partnership, "Too big", 1200, due=day(1))
    assign(partnership, "Tight", 60, due=day(7))

    body = page(logged_in(alice), _url(partnership))

    assert plan_cells(body, "Comfortable").finish == "Mon 2 Nov"
    assert plan_cells(body, "Too big").finish == "Fri 6 Nov late"
    # Finishes Friday, due Monday: no working day in between to absorb a surprise.
    assert plan_cells(body, "Tight").finish == "Fri 6 Nov at risk"
    assert 'class="is-late"' in plan_row(body, "Too big")
    assert 'class="is-risk"' in plan_row(body, "Tight")
    assert "is-" not in plan_row(body, "Comfortable")
    assert '<span class="stat-value">1</span><span class="stat-label">will land late' in body
    assert '<span class="stat-value">1</span><span class="stat-label">at risk' in body


def test_it_counts_work_beyond_the_plan(alice, partnership):
    assign(partnership, "Endless", 2000 * 60, due=day(30))

    row = plan_cells(page(logged_in(alice), _url(partnership)), "Endless")

    assert row.finish == "beyond the plan late"


def test_it_leaves_done_work_out_of_the_plan(alice, partnership):
    finished = assign(partnership, "Pricing memo", 60)
    finished.status = "done"
    finished.save()
    assign(partnership, "Board pack", 60)

    body = page(logged_in(alice), _url(partnership))

    assert plan_rows(body) == ["Board pack"]
    assert "Recently done" in body
    assert "Pricing memo" in body


def _bulk_workload(partnership, count: int) -> None:
    assignments = Assignment.objects.bulk_create(
        Assignment(
            owner=partnership.owner,
            partnership=partnership,
            title=f"Assignment {n}",
            asked_by="Sam" if n % 3 else "",
            asked_on=day(-(n % 40)),
            due=day(n % 90) if n % 4 else None,
            estimate_minutes=60 + n % 5 * 30,
            remaining_minutes=60 + n % 5 * 30,
            priority=n % 7 or None,
            notes="private",
        )
        for n in range(count)
    )
    Step.objects.bulk_create(
        Step(assignment=a, title=f"Step {k}", effort_minutes=30, done=k == 0)
        for a in assignments[::2]
        for k in range(3)
    )


@pytest.mark.parametrize("count", [10, 1000])
def test_it_renders_the_plan_in_a_fixed_number_of_queries(
    alice, partnership, django_assert_max_num_queries, count
):
    _bulk_workload(partnership, count)
    client = logged_in(alice)

    with django_assert_max_num_queries(15):
        response = client.get(_url(partnership))
    with django_assert_max_num_queries(15):
        everything = client.get(_url(partnership) + "?all=1")

    # The page opens on the first hundred rows of the plan; the rest are a click away.
    shown = min(count, 100)
    assert response.content.decode().count('<td class="rank">') == shown
    assert (f"Show all {count} assignments" in response.content.decode()) == (count > shown)
    assert everything.content.decode().count('<td class="rank">') == count


def test_it_needs_as_many_queries_for_a_thousand_assignments_as_for_ten(
    alice, partnership, solo_partnership, django_assert_max_num_queries
):
    client = logged_in(alice)
    _bulk_workload(partnership, 10)
    with django_assert_max_num_queries(15) as few:
        client.get(_url(partnership))
    _bulk_workload(solo_partnership, 990)
    with django_assert_max_num_queries(15) as many:
        client.get(_url(partnership))

    assert len(many) == len(few)


def test_it_hides_an_unshared_workload_from_the_partner(bob, partnership):
    assign(partnership, "Board pack", 60)

    response = logged_in(bob).get(_url(partnership))

    assert response.status_code == 404


def test_it_shows_a_shared_workload_to_the_partner_without_private_notes(bob, partnership):
    assignment = assign(partnership, "Board pack", 60, due=day(4), notes="Sam is unreasonable")
    share(partnership, share_workload=True)
    client = logged_in(bob)

    body = page(client, _url(partnership))
    detail = page(client, reverse("assignment", args=[partnership.pk, assignment.pk]))

    assert plan_rows(body) == ["Board pack"]
    assert "Alice Owner's shared workload" in body
    assert "Capture an assignment" not in body
    for shown in (body, detail):
        assert "Sam is unreasonable" not in shown
    assert "Board pack" in detail
    assert 'name="notes"' not in detail


def test_it_stops_showing_the_workload_when_sharing_is_turned_off(bob, partnership):
    assign(partnership, "Board pack", 60)
    share(partnership, share_workload=True)
    share(partnership, share_workload=False)

    assert logged_in(bob).get(_url(partnership)).status_code == 404


def test_it_shows_the_partner_other_partnerships_work_only_as_a_total(
    alice, bob, partnership, solo_partnership
):
    assign(solo_partnership, "Restructure the team", 12 * 60, priority=1, due=day(3))
    assign(solo_partnership, "Rita's appraisal", 90)
    assign(partnership, "Board pack", 60, due=day(4))
    share(partnership, share_workload=True)

    body = page(logged_in(bob), _url(partnership))

    assert plan_rows(body) == ["Board pack"]
    assert "Restructure the team" not in body
    assert "Rita's appraisal" not in body
    assert "Rita Report" not in body
    assert "Plus 2 assignments from elsewhere (13h 30m), counted in the plan" in body
    # The other work still takes its time first: Board pack cannot finish before Wednesday.
    assert plan_cells(body, "Board pack").finish == "Wed 4 Nov"


def test_it_shows_the_owner_every_partnership_in_one_plan(alice, partnership, solo_partnership):
    assign(solo_partnership, "Rita's appraisal", 90, priority=1)
    assign(partnership, "Board pack", 60)

    body = page(logged_in(alice), _url(partnership))

    assert plan_rows(body) == ["Rita's appraisal", "Board pack"]
    assert "from elsewhere" not in body


def test_it_hides_the_workload_from_a_stranger(charlie, partnership):
    share(partnership, share_workload=True)

    assert logged_in(charlie).get(_url(partnership)).status_code == 404


def test_it_records_several_priorities_at_once(alice, partnership):
    first = assign(partnership, "Board pack", 60, due=day(3))
    second = assign(partnership, "Pricing memo", 60, due=day(9))
    client = logged_in(alice)

    response = client.post(
        reverse("workload-priorities", args=[partnership.pk]),
        {f"priority-{first.pk}": "2", f"priority-{second.pk}": "1"},
        follow=True,
    )

    assert "Priorities recorded: 2 changed." in text_of(response)
    assert plan_rows(text_of(response)) == ["Pricing memo", "Board pack"]
    assert PriorityChange.objects.filter(changed_by=alice).count() == 2


def test_it_refuses_a_priority_that_is_not_a_number(alice, partnership):
    board_pack = assign(partnership, "Board pack", 60)

    response = logged_in(alice).post(
        reverse("workload-priorities", args=[partnership.pk]),
        {f"priority-{board_pack.pk}": "first"},
        follow=True,
    )

    assert "“first” is not a priority" in text_of(response)
    assert not PriorityChange.objects.exists()
