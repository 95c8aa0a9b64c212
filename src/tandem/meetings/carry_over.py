"""Carry-over: what stays on the agenda until it is resolved (PRODUCT.md §7).

An agenda item or action item is placed on one meeting and stays on every later meeting's
agenda by itself until it is closed: done, discussed or dropped. Nothing is copied from one
meeting to the next, so nothing can be lost on the way; the count of meetings an item has
already been carried through is worked out from the meetings held.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

__all__ = ["carried_before_closing", "carried_over"]


def carried_over(
    placed_at: dt.datetime, meeting_start: dt.datetime, held_starts: Sequence[dt.datetime]
) -> int:
    """How many held meetings the item has already been through before the one starting at
    `meeting_start`: the starts s in `held_starts` (ascending) with placed_at <= s <
    meeting_start."""
    if meeting_start <= placed_at:
        return 0
    return bisect_left(held_starts, meeting_start) - bisect_left(held_starts, placed_at)


def carried_before_closing(
    placed_at: dt.datetime, closed_at: dt.datetime, held_starts: Sequence[dt.datetime]
) -> int:
    """How many held meetings a settled item was carried into: those after the one it was
    placed on, up to and including the one it was settled in."""
    return max(0, bisect_left(held_starts, closed_at) - bisect_right(held_starts, placed_at))
