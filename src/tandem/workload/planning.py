"""Feeds the pure planner from the database: one person's availability and open assignments.

Everything here reads a fixed number of queries whatever the amount of data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from tandem.accounts.models import User
from tandem.areas import busy_time_sources
from tandem.planning import (
    DayCapacity,
    Impact,
    ItemId,
    Option,
    Plan,
    ScheduledItem,
    TimeOff,
    WorkingHours,
    WorkItem,
    daily_capacity,
    find_options,
    impact_of,
    plan,
)
from tandem.workload.models import Assignment, CalendarEvent, Commitment
from tandem.workload.models import TimeOff as TimeOffRecord

HORIZON_DAYS = 366
_HALF_DAY_SPLIT = dt.time(13, 0)


def open_assignments(user: User) -> list[Assignment]:
    # The plan never needs private notes, so they are never loaded with it.
    return list(
        Assignment.objects.open().filter(owner=user).defer("notes").with_open_step_minutes()
    )


def working_hours(user: User) -> WorkingHours:
    return WorkingHours.from_mapping(
        {d.weekday: [(d.start, d.end)] for d in user.working_days.all()}
    )


def _time_off(
    records: Iterable[TimeOffRecord], start: dt.date, end: dt.date
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Busy intervals of time off, clipped to the window [start, end): the cost of planning
    depends on the window alone, however long a record is."""
    busy = []
    last_in_window = end - dt.timedelta(days=1)
    for record in records:
        first, last = max(record.first_day, start), min(record.last_day, last_in_window)
        if last < first:
            continue
        if record.part == TimeOffRecord.Part.WHOLE:
            busy.append(TimeOff.whole_days(first, last).as_busy())
            continue
        morning = record.part == TimeOffRecord.Part.MORNING
        day = first
        while day <= last:
            midnight = dt.datetime.combine(day, dt.time(0))
            split = dt.datetime.combine(day, _HALF_DAY_SPLIT)
            busy.append((midnight, split) if morning else (split, midnight + dt.timedelta(days=1)))
            day += dt.timedelta(days=1)
    return busy


def _commitments(
    commitments: Iterable[Commitment], start: dt.date, end: dt.date
) -> list[tuple[dt.datetime, dt.datetime]]:
    busy = []
    for commitment in commitments:
        first = max(start, commitment.starts_on)
        # The first occurrence on or after `first` that keeps the every-N-weeks rhythm.
        anchor = commitment.starts_on + dt.timedelta(
            days=(commitment.weekday - commitment.starts_on.weekday()) % 7
        )
        step = dt.timedelta(weeks=commitment.every_weeks)
        day = anchor
        if day < first:
            periods = -(-(first - day).days // step.days)
            day += step * periods
        last = min(end, commitment.ends_on) if commitment.ends_on else end
        while day <= last:
            busy.append(
                (
                    dt.datetime.combine(day, commitment.start),
                    dt.datetime.combine(day, commitment.end),
                )
            )
            day += step
    return busy


def _events(events: Iterable[CalendarEvent], zone) -> list[tuple[dt.datetime, dt.datetime]]:
    # The planner works in local wall-clock time.
    return [
        (
            event.start.astimezone(zone).replace(tzinfo=None),
            event.end.astimezone(zone).replace(tzinfo=None),
        )
        for event in events
    ]


def busy_time(user: User, start: dt.date, days: int) -> list[tuple[dt.datetime, dt.datetime]]:
    """Time off, commitments, busy meetings and what other areas register (one-on-ones), in
    the person's local wall-clock time."""
    end = start + dt.timedelta(days=days)
    zone = user.zone
    window_start = dt.datetime.combine(start, dt.time(0), tzinfo=zone)
    window_end = dt.datetime.combine(end, dt.time(0), tzinfo=zone)
    return [
        *_time_off(user.time_off.filter(last_day__gte=start, first_day__lt=end), start, end),
        *_commitments(user.commitments.all(), start, end),
        *_events(
            user.calendar_events.filter(busy=True, end__gt=window_start, start__lt=window_end),
            zone,
        ),
        *(busy for source in busy_time_sources() for busy in source(user, start, end)),
    ]


def availability(user: User, start: dt.date, horizon_days: int = HORIZON_DAYS) -> list[DayCapacity]:
    busy = busy_time(user, start, horizon_days)
    return daily_capacity(start, horizon_days, working_hours(user), busy, float(user.focus_factor))


@dataclass(frozen=True)
class Blocked:
    """Time someone is unavailable, without the reason: what a partner may see."""

    start: dt.datetime
    end: dt.datetime

    @property
    def label(self) -> str:
        midnight = dt.time(0)
        last = self.end - dt.timedelta(microseconds=1)
        if self.start.time() == midnight and self.end.time() == midnight:
            days = f"{self.start:%a %-d %b}"
            return days if last.date() == self.start.date() else f"{days} – {last:%a %-d %b}"
        if last.date() == self.start.date():
            return f"{self.start:%a %-d %b}, {self.start:%H:%M}–{self.end:%H:%M}"
        return f"{self.start:%a %-d %b %H:%M} – {self.end:%a %-d %b %H:%M}"


def blocked_time(user: User, start: dt.date, days: int = 7) -> list[Blocked]:
    """Busy intervals merged and clipped to the window; the reasons never leave this function."""
    window_start = dt.datetime.combine(start, dt.time(0))
    window_end = window_start + dt.timedelta(days=days)
    merged: list[Blocked] = []
    for begin, end in sorted(busy_time(user, start, days)):
        begin, end = max(begin, window_start), min(end, window_end)
        if end <= begin:
            continue
        if merged and begin <= merged[-1].end:
            merged[-1] = Blocked(merged[-1].start, max(end, merged[-1].end))
        else:
            merged.append(Blocked(begin, end))
    return merged


def work_item(assignment: Assignment) -> WorkItem:
    return WorkItem(
        id=assignment.pk,
        title=assignment.title,
        remaining_minutes=assignment.effort_minutes(),
        due=assignment.due,
        priority=assignment.priority,
        created=assignment.asked_on,
        not_before=assignment.not_before,
    )


def work_items(assignments: Sequence[Assignment]) -> list[WorkItem]:
    return [work_item(assignment) for assignment in assignments]


NEW_ASK_ID = "ask"


@dataclass
class WhatIf:
    """A new ask or a change weighed against the plan: what moves, and the ways out."""

    impact: Impact
    ask: ScheduledItem
    options: list[Option]


def options_for(impact: Impact, days: list[DayCapacity], ask_id: ItemId) -> list[Option]:
    """Options only when the change makes something late; otherwise there is nothing to choose."""
    if impact.fits:
        return []
    return find_options(impact.after.items, days, ask_id=ask_id)


@dataclass
class Workload:
    """One person's plan with the records it was computed from."""

    user: User
    today: dt.date
    assignments: list[Assignment]
    days: list[DayCapacity]
    plan: Plan

    @cached_property
    def by_id(self) -> dict[int, Assignment]:
        return {assignment.pk: assignment for assignment in self.assignments}

    @cached_property
    def day_minutes(self) -> int:
        """A working day's length for this person, for efforts given in days."""
        return day_minutes(self.user)

    def weigh(self, change: WorkItem) -> WhatIf:
        """Impact and options of adding `change`, or of replacing the item with its id."""
        impact = impact_of(self.plan.items, self.days, change, before=self.plan)
        options = options_for(impact, self.days, change.id)
        return WhatIf(impact, impact.after.scheduled[change.id], options)

    def weigh_new(
        self, title: str, minutes: int, due: dt.date | None, priority: int | None
    ) -> WhatIf:
        ask = WorkItem(NEW_ASK_ID, title or "the new ask", minutes, due, priority, self.today)
        return self.weigh(ask)

    def weigh_change(
        self, assignment: Assignment, remaining: int, due: dt.date | None, priority: int | None
    ) -> WhatIf | None:
        """None when the assignment is not in the plan (done or dropped)."""
        current = self.plan.scheduled.get(assignment.pk)
        if current is None:
            return None
        minutes = remaining + assignment.open_step_minutes()
        return self.weigh(
            replace(current.item, remaining_minutes=minutes, due=due, priority=priority)
        )


def day_minutes(user: User) -> int:
    days = [day.minutes for day in user.working_days.all()]
    return round(sum(days) / len(days)) if days else 8 * 60


def workload_for(
    user: User, today: dt.date | None = None, *, through_last_due: bool = False
) -> Workload:
    """The person's plan over the next year.

    `through_last_due` plans only up to the latest due date: enough to know what is late or at
    risk (a shorter horizon never changes an earlier day's allocation), for the overview.
    """
    today = today or user.local_today()
    assignments = open_assignments(user)
    horizon = HORIZON_DAYS
    if through_last_due:
        dues = [a.due for a in assignments if a.due is not None]
        horizon = min(HORIZON_DAYS, max(1, (max(dues) - today).days + 1)) if dues else 1
    days = availability(user, today, horizon)
    return Workload(user, today, assignments, days, plan(work_items(assignments), days))
