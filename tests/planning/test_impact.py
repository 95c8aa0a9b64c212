from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.planning import WorkItem, impact_between, impact_of, plan
from tests.planning.builders import MONDAY, WEEK, days_of, item, work_items

ITEMS = [
    item("report", 600, due=3),
    item("review", 480, due=2),
    item("budget", 300, due=4),
    item("wiki", 240),
]
DAYS = days_of(*WEEK, *WEEK)


def test_it_shows_what_a_new_ask_pushes_back_largest_delay_first() -> None:
    deck = item("deck", 600, due=4, priority=1)

    result = impact_of(ITEMS, DAYS, deck)

    assert [(s.item.id, s.delay_days) for s in result.shifts] == [
        ("report", 4),
        ("budget", 4),
        ("review", 2),
        ("wiki", 2),
    ]
    assert result.change is not None
    assert result.change.item == deck
    assert result.change.finish == MONDAY + timedelta(1)
    assert not result.change.late


def test_it_names_the_items_that_become_late() -> None:
    result = impact_of(ITEMS, DAYS, item("deck", 600, due=4, priority=1))

    assert [s.item.id for s in result.newly_late] == ["review", "report", "budget"]
    assert all(s.became_late for s in result.shifts if s.item.id != "wiki")
    assert not result.fits


def test_it_shows_weeks_whose_overload_grows() -> None:
    result = impact_of(ITEMS, DAYS, item("deck", 600, due=4, priority=1))

    assert len(result.weeks) == 1
    week = result.weeks[0]
    assert week.week_start == MONDAY
    assert (week.required_before, week.capacity_before) == (1380, 1500)
    assert (week.required_after, week.capacity_after) == (1980, 1500)
    assert week.overload_before == 0
    assert week.overload_after == 480


def test_it_fits_when_nothing_slips_into_lateness() -> None:
    result = impact_of(ITEMS, DAYS, item("small", 60, due=9))

    assert result.fits
    assert result.shifts == []
    assert result.weeks == []


def test_it_replaces_an_existing_item_with_the_same_id() -> None:
    smaller = item("review", 120, due=2)

    result = impact_of(ITEMS, DAYS, smaller)

    assert len(result.after.scheduled) == len(ITEMS)
    assert result.after.scheduled["review"].item.remaining_minutes == 120
    assert "review" not in {s.item.id for s in result.shifts}
    assert all(s.delay_days is not None and s.delay_days <= 0 for s in result.shifts)
    assert result.slips == []
    assert result.fits


def test_it_shows_the_effect_of_raising_an_items_priority() -> None:
    result = impact_of(ITEMS, DAYS, replace(ITEMS[2], priority=1))

    assert result.after.scheduled["budget"].rank == 1
    assert {s.item.id for s in result.slips} == {"review", "report"}
    assert result.change is not None
    assert result.change.finish == MONDAY


def test_it_shows_the_effect_of_moving_a_due_date_earlier() -> None:
    result = impact_of(ITEMS, DAYS, replace(ITEMS[1], due=MONDAY))

    assert result.change is not None
    assert result.change.late
    assert not result.fits


def test_it_reports_items_pushed_out_of_the_horizon_first() -> None:
    days = days_of(*WEEK)
    items = [item("a", 600, due=2), item("b", 600, due=30), item("c", 240, due=30)]

    result = impact_of(items, days, item("big", 600, priority=1))

    assert [(s.item.id, s.pushed_out) for s in result.shifts] == [
        ("b", True),
        ("c", True),
        ("a", False),
    ]
    assert result.shifts[0].delay_days is None


def test_it_gives_the_same_answer_when_the_current_plan_is_passed_in() -> None:
    deck = item("deck", 600, due=4, priority=1)

    assert impact_of(ITEMS, DAYS, deck, before=plan(ITEMS, DAYS)) == impact_of(ITEMS, DAYS, deck)


def test_it_compares_any_two_plans_leaving_out_dropped_items() -> None:
    before = plan(ITEMS, DAYS)
    after = plan([i for i in ITEMS if i.id != "review"], DAYS)

    result = impact_between(before, after)

    assert "review" not in {s.item.id for s in result.shifts}
    assert {s.item.id for s in result.shifts} == {"report", "budget", "wiki"}
    assert all(s.delay_days < 0 for s in result.shifts)
    assert result.change is None


RANDOM_WORK = work_items(
    count=(0, 10), minutes=(0, 900), due=(-3, 20), priorities=3, asked=9, not_before=(0, 12)
)


@settings(max_examples=150, deadline=None)
@given(
    items=RANDOM_WORK,
    target=st.integers(0, 12),
    minutes=st.integers(0, 900),
    due=st.none() | st.integers(-2, 20),
    priority=st.none() | st.integers(1, 3),
    asked=st.integers(0, 9),
)
def test_it_matches_planning_the_changed_items_from_scratch(
    items: list[WorkItem],
    target: int,
    minutes: int,
    due: int | None,
    priority: int | None,
    asked: int,
) -> None:
    # target below len(items) changes an existing item, otherwise adds one.
    change = item(target, minutes, due=due, priority=priority, asked=asked)
    changed = [i for i in items if i.id != target] + [change]

    result = impact_of(items, DAYS, change)

    assert result.after == plan(changed, DAYS)
    for shift in result.shifts:
        assert shift.item.id != target
        assert shift.finish_before != shift.finish_after
