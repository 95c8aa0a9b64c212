"""Follow-through: who did what they said they would, and whether on time (PRODUCT.md §7).

Each side's action items count once: done on time (by its date, or with no date at all),
done late, open past its date (overdue), open and on track, or dropped. The rate is the share
done on time of those that were due: done ones, and open ones whose date has passed. Dropped
ones, and open ones not yet due, say nothing about follow-through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["SIDES", "Commitment", "FollowThrough", "follow_through"]

# The partnership's two members, as action items name their owner.
SIDES = ("owner", "partner")


@dataclass(frozen=True)
class Commitment:
    """An action item: owner is "owner" or "partner"; status "open", "done" or "dropped";
    done_on the day it was done."""

    owner: str
    due: dt.date | None
    status: str
    done_on: dt.date | None


@dataclass(frozen=True)
class FollowThrough:
    """One side's action items, counted."""

    side: str
    total: int
    done_on_time: int
    done_late: int
    open_overdue: int
    open_on_track: int
    dropped: int

    @property
    def was_due(self) -> int:
        return self.done_on_time + self.done_late + self.open_overdue

    @property
    def rate(self) -> float | None:
        """The share done on time of those that were due; None when nothing was due yet."""
        return self.done_on_time / self.was_due if self.was_due else None

    @property
    def reading(self) -> str:
        """In plain words: "Did 5 of 6 on time", "2 overdue", "Nothing due yet"."""
        if not self.was_due:
            return "Nothing due yet" if self.total else "Nothing agreed yet"
        overdue = f"{self.open_overdue} overdue"
        if not self.done_on_time + self.done_late:
            return overdue
        done = f"Did {self.done_on_time} of {self.was_due} on time"
        return f"{done}; {overdue}" if self.open_overdue else done


def follow_through(items: Iterable[Commitment], today: dt.date) -> dict[str, FollowThrough]:
    """Both sides' follow-through, keyed "owner" and "partner", whatever the items."""
    counts = {side: dict.fromkeys(_OUTCOMES, 0) for side in SIDES}
    for item in items:
        if item.owner not in counts:
            raise ValueError(f"An action item belongs to the owner or the partner: {item.owner!r}")
        counts[item.owner][_outcome(item, today)] += 1
    return {
        side: FollowThrough(side=side, total=sum(count.values()), **count)
        for side, count in counts.items()
    }


_OUTCOMES = ("done_on_time", "done_late", "open_overdue", "open_on_track", "dropped")


def _outcome(item: Commitment, today: dt.date) -> str:
    if item.status == "dropped":
        return "dropped"
    if item.status == "done":
        # Done with no date, or with no record of the day, counts as on time.
        late = item.due is not None and item.done_on is not None and item.done_on > item.due
        return "done_late" if late else "done_on_time"
    if item.due is not None and item.due < today:
        return "open_overdue"
    return "open_on_track"
