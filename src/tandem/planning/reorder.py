"""Moving one assignment up or down the plan, as agreed priorities.

The plan orders agreed priorities first (1 before 2, any before none), then due date and age.
To put an item at another place, the items from the top down to that place, and every item
that already has a priority, get the priorities 1, 2, 3 … in the new order; items below them
without a priority keep none. The rest of the order is unchanged.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from tandem.lib.numbers import MAX_PRIORITY


def priorities_after_move(
    order: Sequence[tuple[Hashable, int | None]], item: Hashable, to: int
) -> dict[Hashable, int]:
    """The priorities that put `item` at index `to` of `order` (ids with their priorities, in
    plan order). Only ids whose priority changes are returned."""
    ids = [key for key, _ in order]
    if item not in ids:
        raise ValueError("The item is not in the plan.")
    to = max(0, min(to, len(ids) - 1))
    moved = [key for key in ids if key != item]
    moved.insert(to, item)
    current = dict(order)
    last_prioritised = max(
        (i for i, key in enumerate(moved) if current[key] is not None), default=-1
    )
    numbered = moved[: max(to, last_prioritised) + 1]
    if len(numbered) > MAX_PRIORITY:
        raise ValueError(f"Only the first {MAX_PRIORITY} assignments can be ordered by priority.")
    return {key: rank for rank, key in enumerate(numbered, start=1) if current[key] != rank}
