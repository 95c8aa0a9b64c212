"""Impact: what a new assignment, or a change to one, does to the plan.

Compare two plans of the same days: which items finish later (or earlier),
which become late, and which weeks' overload grows. The changed item itself is
reported on its own (`Impact.change`), not among the items it moves.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tandem.planning.availability import DayCapacity
from tandem.planning.planner import (
    ItemId,
    Plan,
    ScheduledItem,
    WorkItem,
    check_days,
    order_key,
    plan,
    plan_in_order,
    reason_at,
)


@dataclass(slots=True)
class Shift:
    """An item whose projected finish moves.

    delay_days is finish_after - finish_before in calendar days (negative when it
    finishes earlier), or None when either plan has it unfinished within the
    horizon.
    """

    item: WorkItem
    finish_before: date | None
    finish_after: date | None
    delay_days: int | None
    became_late: bool

    @property
    def pushed_out(self) -> bool:
        """It finished within the horizon before the change and no longer does."""
        return self.finish_after is None and self.finish_before is not None


@dataclass(slots=True)
class WeekChange:
    week_start: date
    required_before: int
    capacity_before: int
    required_after: int
    capacity_after: int

    @property
    def overload_before(self) -> int:
        return max(0, self.required_before - self.capacity_before)

    @property
    def overload_after(self) -> int:
        return max(0, self.required_after - self.capacity_after)


@dataclass(slots=True)
class Impact:
    before: Plan
    after: Plan
    change: ScheduledItem | None
    shifts: list[Shift]
    newly_late: list[ScheduledItem]
    weeks: list[WeekChange]

    @property
    def slips(self) -> list[Shift]:
        """Items that finish later, or no longer within the horizon."""
        return [s for s in self.shifts if s.pushed_out or (s.delay_days or 0) > 0]

    @property
    def fits(self) -> bool:
        """Nothing else becomes late and the changed item itself is on time."""
        return not self.newly_late and (self.change is None or not self.change.late)


def impact_between(before: Plan, after: Plan, change_id: ItemId | None = None) -> Impact:
    """Diff two plans. Items missing from either plan (added, dropped) are not shifts."""
    shifts = []
    newly_late = []
    previous = before.scheduled
    for item_id, now in after.scheduled.items():
        if item_id == change_id:
            continue
        was = previous.get(item_id)
        if was is None:
            continue
        if now.late and not was.late:
            newly_late.append(now)
        if now.finish != was.finish:
            delay = None
            if now.finish is not None and was.finish is not None:
                delay = (now.finish - was.finish).days
            shifts.append(Shift(now.item, was.finish, now.finish, delay, now.late and not was.late))
    shifts.sort(key=_largest_delay_first)

    weeks_before = {week.week_start: week for week in before.weeks}
    weeks = []
    for week in after.weeks:
        was = weeks_before.get(week.week_start)
        if was is None:
            continue
        change = WeekChange(
            week.week_start,
            was.required_minutes,
            was.capacity_minutes,
            week.required_minutes,
            week.capacity_minutes,
        )
        if change.overload_after > change.overload_before:
            weeks.append(change)

    changed = after.scheduled.get(change_id) if change_id is not None else None
    return Impact(before, after, changed, shifts, newly_late, weeks)


def _largest_delay_first(shift: Shift) -> tuple[int, int, int]:
    if shift.pushed_out:
        return (0, 0, 0)
    if shift.delay_days is None:
        # Now finishes within the horizon and did not before: the best news comes last.
        return (2, 0, 0)
    return (1, -shift.delay_days, 0)


def impact_of(
    items: Sequence[WorkItem],
    days: Sequence[DayCapacity],
    change: WorkItem,
    before: Plan | None = None,
) -> Impact:
    """Impact of adding `change`, or of replacing the item with the same id.

    Pass `before` when the current plan is already at hand; it must be the plan
    of `items` over `days`. The second plan reuses the first one's order and
    wording, so the whole costs well under two plans.
    """
    if before is None:
        before = plan(items, days)
    days = check_days(days)
    today = days[0].day
    # Same order and wording as before except around the change: patch both.
    order = [scheduled.item for scheduled in before.scheduled.values()]
    reasons = [scheduled.reason for scheduled in before.scheduled.values()]
    touched = []
    existing = before.scheduled.get(change.id)
    if existing is not None:
        p = existing.rank - 1
        del order[p]
        del reasons[p]
        touched += [p - 1, p]
    q = bisect_left(order, order_key(change), key=order_key)
    order.insert(q, change)
    reasons.insert(q, "")
    touched = [i + 1 if i >= q else i for i in touched] + [q - 1, q, q + 1]
    for i in touched:
        if 0 <= i < len(order):
            reasons[i] = reason_at(order, i, today)
    after = plan_in_order(order, days, reasons)
    return impact_between(before, after, change.id)
