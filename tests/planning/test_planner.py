from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.planning import DayCapacity, WorkItem, plan
from tandem.planning.planner import order_key
from tests.planning.builders import MONDAY, WEEK, days_of, item, work_items


def ranks(result) -> list:
    return [s.item.id for s in result.scheduled.values()]


def test_it_ranks_by_agreed_priority_then_due_date_then_age_then_id() -> None:
    items = [
        item("undated-old", asked=30),
        item("due-late", due=9),
        item("due-soon", due=2),
        item("priority-2", priority=2, due=1),
        item("priority-1", priority=1),
        item("undated-new-b", asked=1),
        item("undated-new-a", asked=1),
    ]

    result = plan(items, days_of(*WEEK))

    assert ranks(result) == [
        "priority-1",
        "priority-2",
        "due-soon",
        "due-late",
        "undated-old",
        "undated-new-a",
        "undated-new-b",
    ]
    assert [s.rank for s in result.scheduled.values()] == list(range(1, 8))


def test_it_puts_items_without_agreed_priority_after_every_prioritised_one() -> None:
    items = [item("urgent", due=0), item("agreed", priority=9, due=30)]

    assert ranks(plan(items, days_of(*WEEK))) == ["agreed", "urgent"]


def test_it_spreads_an_item_over_several_days() -> None:
    result = plan([item("report", minutes=700)], days_of(*WEEK))

    report = result.scheduled["report"]
    assert report.start == MONDAY
    assert report.finish == MONDAY + timedelta(2)
    assert report.allocations == (
        (MONDAY, 300),
        (MONDAY + timedelta(1), 300),
        (MONDAY + timedelta(2), 100),
    )
    assert report.planned_minutes == 700


def test_it_skips_days_without_capacity() -> None:
    result = plan([item("a", minutes=1600)], days_of(*WEEK, *WEEK))

    a = result.scheduled["a"]
    assert a.finish == MONDAY + timedelta(7)
    assert all(day.weekday() < 5 for day, _ in a.allocations)


def test_it_starts_no_earlier_than_not_before_and_lets_others_use_the_gap() -> None:
    items = [
        item("waiting", minutes=300, priority=1, not_before=2),
        item("next", minutes=500),
    ]

    result = plan(items, days_of(*WEEK))

    assert result.scheduled["waiting"].allocations == ((MONDAY + timedelta(2), 300),)
    assert result.scheduled["next"].allocations == (
        (MONDAY, 300),
        (MONDAY + timedelta(1), 200),
    )


def test_it_leaves_an_item_unfinished_when_the_horizon_is_too_short() -> None:
    result = plan([item("big", minutes=2000, due=3)], days_of(*WEEK))

    big = result.scheduled["big"]
    assert big.finish is None
    assert big.planned_minutes == 1500
    assert big.unplanned_minutes == 500
    assert big.late
    assert big.slack_days is None


def test_it_does_not_call_an_item_late_when_its_due_date_is_past_the_horizon() -> None:
    result = plan([item("big", minutes=2000, due=40)], days_of(*WEEK))

    big = result.scheduled["big"]
    assert big.finish is None
    assert not big.late
    assert big.at_risk


def test_it_reports_slack_and_lateness_in_calendar_days() -> None:
    items = [
        item("early", minutes=300, due=4),
        item("late", minutes=600, due=1),
    ]

    result = plan(items, days_of(*WEEK))

    late, early = result.scheduled["late"], result.scheduled["early"]
    assert late.finish == MONDAY + timedelta(1)
    assert late.slack_days == 0
    assert not late.late
    assert early.finish == MONDAY + timedelta(2)
    assert early.slack_days == 2


def test_it_marks_an_item_late_when_it_finishes_after_its_due_date() -> None:
    items = [item("first", minutes=600, priority=1), item("second", minutes=60, due=1)]

    second = plan(items, days_of(*WEEK)).scheduled["second"]

    assert second.finish == MONDAY + timedelta(2)
    assert second.slack_days == -1
    assert second.late
    assert second.at_risk


def test_it_counts_an_item_at_risk_with_fewer_than_two_working_days_to_spare() -> None:
    items = [
        item("on-the-day", minutes=300, due=0),
        item("one-day-spare", minutes=300, due=2),
        item("two-days-spare", minutes=300, due=4),
    ]

    result = plan(items, days_of(*WEEK))

    assert result.scheduled["on-the-day"].at_risk
    assert result.scheduled["one-day-spare"].at_risk
    assert not result.scheduled["two-days-spare"].at_risk


def test_it_does_not_count_the_weekend_as_spare_time() -> None:
    # Finishes Friday, due Monday: one working day to spare, not three.
    items = [item("filler", minutes=1200, priority=1), item("report", minutes=300, due=7)]

    report = plan(items, days_of(*WEEK, *WEEK)).scheduled["report"]

    assert report.finish == MONDAY + timedelta(4)
    assert report.slack_days == 3
    assert report.at_risk


def test_it_explains_each_rank_in_plain_words() -> None:
    items = [
        item("p", priority=1, due=4),
        item("d", due=3),
        item("old", asked=12),
        item("tie-a", due=8, asked=5),
        item("tie-b", due=8, asked=2),
    ]

    reasons = {s.item.id: s.reason for s in plan(items, days_of(*WEEK)).scheduled.values()}

    assert reasons == {
        "p": "agreed priority 1, due Fri 5 Dec",
        "d": "due Thu 4 Dec",
        "tie-a": "due Tue 9 Dec, asked 5 days ago",
        "tie-b": "due Tue 9 Dec, asked 2 days ago",
        "old": "asked 12 days ago",
    }


def test_it_names_the_year_of_a_due_date_in_another_year() -> None:
    result = plan([item("x", due=40)], days_of(*WEEK))

    assert result.scheduled["x"].reason == "due Sat 10 Jan 2026"


def test_it_finishes_an_item_without_remaining_effort_right_away() -> None:
    result = plan([item("done", minutes=0, due=0, not_before=2)], days_of(*WEEK))

    done = result.scheduled["done"]
    assert done.finish == MONDAY + timedelta(2)
    assert done.planned_minutes == 0
    assert done.late


def test_it_accepts_a_mix_of_int_and_str_ids() -> None:
    result = plan([item("b"), item(2), item("a"), item(1)], days_of(*WEEK))

    assert ranks(result) == [1, 2, "a", "b"]


def test_it_sums_capacity_and_plan_per_monday_week() -> None:
    wednesday = MONDAY + timedelta(2)
    days = days_of(300, 300, 300, 0, 0, 300, 300, 300, start=wednesday)

    result = plan([item("a", minutes=1000)], days)

    assert [(w.week_start, w.capacity_minutes, w.planned_minutes) for w in result.weeks] == [
        (MONDAY, 900, 900),
        (MONDAY + timedelta(7), 900, 100),
    ]
    assert result.horizon_end == wednesday + timedelta(7)


def test_it_flags_a_week_whose_due_work_exceeds_its_capacity() -> None:
    items = [
        item("big", minutes=1200, due=4),
        item("also", minutes=600, due=3),
        item("later", minutes=600, due=11),
    ]

    weeks = plan(items, days_of(*WEEK, *WEEK)).weeks

    assert weeks[0].required_minutes == 1800
    assert weeks[0].capacity_minutes == 1500
    assert weeks[0].overloaded
    # 300 minutes of week one's work spill over and add to week two's own.
    assert weeks[1].required_minutes == 300 + 600
    assert not weeks[1].overloaded


def test_it_counts_overdue_work_as_required_now() -> None:
    result = plan([item("overdue", minutes=400, due=-3)], days_of(*WEEK))

    assert result.weeks[0].required_minutes == 400
    assert result.scheduled["overdue"].late


def test_it_does_not_require_work_due_after_the_horizon() -> None:
    result = plan([item("far", minutes=400, due=60)], days_of(*WEEK))

    assert result.weeks[0].required_minutes == 0


def test_it_lists_late_and_at_risk_items_and_overloaded_weeks() -> None:
    items = [item("first", minutes=1500, priority=1), item("second", minutes=60, due=1)]

    result = plan(items, days_of(*WEEK))

    assert [s.item.id for s in result.late] == ["second"]
    assert [s.item.id for s in result.at_risk] == ["second"]
    assert result.overloaded_weeks == []


def test_it_rejects_duplicate_ids() -> None:
    with pytest.raises(ValueError, match="own id"):
        plan([item("a"), item("a")], days_of(*WEEK))


def test_it_rejects_gaps_in_the_days() -> None:
    days = days_of(300, 300)
    days[1] = DayCapacity(MONDAY + timedelta(3), 300, 300)

    with pytest.raises(ValueError, match="consecutive"):
        plan([item("a")], days)


def test_it_rejects_negative_remaining_effort() -> None:
    with pytest.raises(ValueError, match="negative"):
        plan([item("a", minutes=-5)], days_of(*WEEK))


# Properties.

capacities = st.lists(st.sampled_from([0, 0, 30, 60, 120, 240, 300, 480]), min_size=1, max_size=21)
# Up to twelve items, some not to be started before a day that may already have passed.
RANGES = {
    "minutes": (0, 900),
    "due": (-3, 25),
    "priorities": 3,
    "asked": 20,
    "not_before": (-2, 25),
}
RANDOM_WORK = work_items(count=(0, 12), **RANGES)
ONE_MORE = work_items(count=(0, 1), **RANGES)


@settings(max_examples=150, deadline=None)
@given(items=RANDOM_WORK, capacity=capacities)
def test_it_never_plans_a_minute_twice_or_where_it_may_not(
    items: list[WorkItem], capacity: list[int]
) -> None:
    days = days_of(*capacity)
    capacity_of = {d.day: d.capacity_minutes for d in days}

    result = plan(items, days)

    used: dict[date, int] = defaultdict(int)
    for scheduled in result.scheduled.values():
        not_before = scheduled.item.not_before
        assert sum(m for _, m in scheduled.allocations) == scheduled.planned_minutes
        for day, minutes in scheduled.allocations:
            assert minutes > 0
            assert capacity_of[day] > 0
            assert not_before is None or day >= not_before
            used[day] += minutes
    for day, minutes in used.items():
        assert minutes <= capacity_of[day]
    assert sum(w.planned_minutes for w in result.weeks) == sum(used.values())


@settings(max_examples=150, deadline=None)
@given(items=RANDOM_WORK, capacity=capacities)
def test_it_plans_all_remaining_effort_when_the_horizon_suffices(
    items: list[WorkItem], capacity: list[int]
) -> None:
    days = days_of(*capacity)
    roomy = days_of(*capacity, *([480] * 40))

    for result, fits in ((plan(items, days), False), (plan(items, roomy), True)):
        for scheduled in result.scheduled.values():
            assert scheduled.planned_minutes <= scheduled.item.remaining_minutes
            if fits:
                assert scheduled.planned_minutes == scheduled.item.remaining_minutes
                assert scheduled.finish is not None
            if scheduled.finish is not None:
                assert scheduled.planned_minutes == scheduled.item.remaining_minutes


@settings(max_examples=150, deadline=None)
@given(items=RANDOM_WORK, extra=ONE_MORE, capacity=capacities)
def test_it_never_lets_an_added_item_make_another_finish_earlier(
    items: list[WorkItem], extra: list[WorkItem], capacity: list[int]
) -> None:
    days = days_of(*capacity)
    added = [WorkItem(f"new-{x.id}", *vars_of(x)[1:]) for x in extra]

    before = plan(items, days)
    after = plan(items + added, days)

    for item_id, was in before.scheduled.items():
        now = after.scheduled[item_id]
        assert now.planned_minutes <= was.planned_minutes
        if was.finish is None:
            assert now.finish is None
        elif now.finish is not None:
            assert now.finish >= was.finish


def vars_of(work: WorkItem) -> tuple:
    return (
        work.id,
        work.title,
        work.remaining_minutes,
        work.due,
        work.priority,
        work.created,
        work.not_before,
    )


@settings(max_examples=100, deadline=None)
@given(items=RANDOM_WORK, capacity=capacities, seed=st.integers(0, 1000))
def test_it_gives_the_same_plan_for_the_same_items_in_any_order(
    items: list[WorkItem], capacity: list[int], seed: int
) -> None:
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)

    first = plan(items, days_of(*capacity))
    second = plan(shuffled, days_of(*capacity))

    assert first == second
    assert list(first.scheduled) == list(second.scheduled)
    assert [s.item for s in first.scheduled.values()] == sorted(items, key=order_key)
