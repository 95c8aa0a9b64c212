from __future__ import annotations

import pytest

from tandem.planning.reorder import priorities_after_move


def test_it_moves_an_unprioritised_item_to_the_top() -> None:
    order = [("a", None), ("b", None), ("c", None)]

    assert priorities_after_move(order, "c", 0) == {"c": 1}


def test_it_numbers_everything_down_to_the_new_place() -> None:
    order = [("a", None), ("b", None), ("c", None), ("d", None)]

    assert priorities_after_move(order, "d", 2) == {"a": 1, "b": 2, "d": 3}


def test_it_keeps_items_with_a_priority_above_those_without() -> None:
    order = [("a", 1), ("b", 1), ("c", 2), ("d", None)]

    # b moves above a: every prioritised item gets a distinct number in the new order.
    assert priorities_after_move(order, "b", 0) == {"a": 2, "c": 3}


def test_it_moves_an_item_down_below_an_unprioritised_one() -> None:
    order = [("a", 1), ("b", None), ("c", None)]

    assert priorities_after_move(order, "a", 1) == {"b": 1, "a": 2}


def test_it_changes_nothing_when_the_item_stays() -> None:
    assert priorities_after_move([("a", 1), ("b", 2)], "a", 0) == {}


def test_it_refuses_an_item_that_is_not_in_the_plan() -> None:
    with pytest.raises(ValueError):
        priorities_after_move([("a", 1)], "z", 0)
