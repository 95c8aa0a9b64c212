from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.planning import (
    MoveKind,
    WorkItem,
    apply_moves,
    find_options,
    plan,
)
from tandem.planning.options import MAX_DATE_MOVES, MAX_MOVES
from tandem.planning.text import numbered
from tests.planning.builders import MONDAY, WEEK, days_of, item, work_items

DAYS = days_of(*WEEK * 2)


def explanations(items: list[WorkItem], ask_id: str | None = None) -> list[str]:
    return [option.explanation for option in find_options(items, DAYS, ask_id=ask_id)]


def test_it_offers_nothing_when_everything_is_on_time() -> None:
    assert find_options([item("a", 300, due=4)], DAYS) == []


def test_it_offers_the_new_asks_date_first_then_the_other_ways_out() -> None:
    items = [item("report", 600, due=1, asked=3), item("ask", 300, due=1)]

    assert explanations(items, ask_id="ask") == [
        "Move 'Ask' to Wed 3 Dec: everything else lands on time.",
        "Defer 'Report' to Thu 4 Dec: everything else lands on time.",
        "Trim 5h from 'Report': everything else lands on time.",
        "Drop or hand off 'Ask' (5h): everything else lands on time.",
        "Drop or hand off 'Report' (10h): everything else lands on time.",
    ]


def test_it_says_why_each_option_ranks_where_it_does() -> None:
    items = [item("report", 600, due=1, asked=3), item("ask", 300, due=1)]

    whys = [option.why for option in find_options(items, DAYS, ask_id="ask")]

    assert whys[0] == "Everything lands on time with one move; 1 date moves, by 1 day."
    assert whys[2] == "Everything lands on time with one move; 5h less work."
    assert whys[4] == "Everything lands on time with one move; 10h handed off."


def test_it_prefers_a_later_start_that_keeps_every_date() -> None:
    items = [item("slow", 300, due=9, priority=1), item("urgent", 300, due=0)]

    best = find_options(items, DAYS)[0]

    assert best.explanation == "Start 'Slow' on Tue 2 Dec: everything else lands on time."
    assert best.why.endswith("no date moves, only a later start.")
    (move,) = best.moves
    assert move.kind is MoveKind.DEFER
    assert move.due == items[0].due
    assert move.not_before == MONDAY + timedelta(1)
    assert best.plan.scheduled["slow"].finish == MONDAY + timedelta(1)


def test_it_trims_the_fewest_half_hours_that_make_it_fit() -> None:
    # b is 50 minutes short on Thursday: trimming a by 30 is not enough, 60 is.
    items = [item("a", 1000, priority=1), item("b", 250, due=3)]

    trims = [
        move
        for option in find_options(items, DAYS)
        for move in option.moves
        if move.kind is MoveKind.REDUCE and move.item.id == "a"
    ]

    assert [move.minutes for move in trims] == [60]
    assert not plan(apply_moves(items, trims), DAYS).late


def test_it_defers_an_item_to_the_date_it_then_lands_on() -> None:
    items = [item("report", 600, due=1, asked=3), item("ask", 300, due=1)]

    defer = next(
        move
        for option in find_options(items, DAYS, ask_id="ask")
        for move in option.moves
        if move.kind is MoveKind.DEFER
    )

    assert defer.item.id == "report"
    assert defer.not_before == MONDAY + timedelta(2)
    assert defer.due == MONDAY + timedelta(3)
    replanned = plan(apply_moves(items, [defer]), DAYS)
    assert replanned.scheduled["report"].finish == defer.due
    assert replanned.scheduled["ask"].finish == MONDAY


def test_it_moves_every_late_date_when_nothing_smaller_fits() -> None:
    overdue = [item(f"o{i}", 60, due=-1) for i in range(MAX_MOVES + 2)]
    items = [*overdue, item("big", 2000, priority=1)]

    best = find_options(items, DAYS)[0]

    assert best.fits
    assert len(best.moves) == len(overdue)
    assert {move.kind for move in best.moves} == {MoveKind.MOVE_DUE}
    for move in best.moves:
        assert best.plan.scheduled[move.item.id].finish <= move.due


def test_it_offers_the_closest_partial_options_when_nothing_fits() -> None:
    # Too much work due too soon for every date to move within the horizon.
    items = [item(f"o{i}", 60, due=-1) for i in range(MAX_DATE_MOVES + 1)]
    items.append(item("big", 2900, priority=1))

    found = find_options(items, DAYS)

    assert found
    assert not any(option.fits for option in found)
    late_counts = [option.late_count for option in found]
    assert late_counts == sorted(late_counts)
    assert late_counts[0] < len(plan(items, DAYS).late)
    assert "still late" in found[0].explanation
    assert found[0].why.startswith("Leaves ")


def test_it_returns_at_most_the_asked_number_of_options() -> None:
    items = [item("report", 600, due=1, asked=3), item("ask", 300, due=1)]

    assert len(find_options(items, DAYS, ask_id="ask", limit=2)) == 2


def test_it_rejects_an_ask_that_is_not_among_the_items() -> None:
    with pytest.raises(ValueError, match="new ask"):
        find_options([item("a", 600, due=0)], DAYS, ask_id="missing")


def test_it_shows_each_options_effect_on_the_current_plan() -> None:
    items = [item("report", 600, due=1, asked=3), item("ask", 300, due=1)]

    option = find_options(items, DAYS, ask_id="ask")[1]

    assert option.impact.before == plan(items, DAYS)
    assert option.impact.after is option.plan
    assert [(s.item.id, s.delay_days) for s in option.impact.shifts] == [("report", 2), ("ask", -2)]


OVERLOADED = work_items(
    count=(1, 9), minutes=(30, 600), due=(-1, 10), priorities=2, asked=5, not_before=(0, 6)
)


@settings(max_examples=60, deadline=None)
@given(items=OVERLOADED, ask=st.integers(0, 8))
def test_it_re_plans_every_option_exactly_as_agreeing_to_it_would(
    items: list[WorkItem], ask: int
) -> None:
    ask_id = ask if ask < len(items) else None

    found = find_options(items, DAYS, ask_id=ask_id)

    assert len(found) <= 5
    if not plan(items, DAYS).late:
        assert found == []
    fits = [option.fits for option in found]
    assert fits == sorted(fits, reverse=True)
    readings = {frozenset(m.describe(None, numbered) for m in option.moves) for option in found}
    assert len(readings) == len(found), "two options that make the same moves are one"
    for option in found:
        assert option.moves
        assert len({move.item.id for move in option.moves}) == len(option.moves)
        assert option.plan == plan(apply_moves(items, option.moves), DAYS)
        assert option.late_count == len(option.plan.late)
        for move in option.moves:
            if move.kind is MoveKind.REDUCE:
                assert move.minutes % 30 == 0
                assert 0 < move.minutes < move.item.remaining_minutes


def test_it_names_an_assignment_by_its_number_when_asked_to() -> None:
    items = [item(12, 600, due=1, title="Q3 board report"), item("ask", 60, due=0, title="Memo")]

    moves = [
        move for option in find_options(items, days_of(300, 300), "ask") for move in option.moves
    ]

    named = {move.describe(MONDAY, numbered) for move in moves}
    assert any("#12 Q3 board report" in text for text in named)
    assert all("#ask" not in text for text in named)
