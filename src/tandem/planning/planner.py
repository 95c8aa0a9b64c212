"""The plan: open assignments laid over daily capacity.

Order
    Agreed priority first (a lower number is more important; items without an
    agreed priority come after every prioritised item), then due date (undated
    items last), then age (asked earlier first), then id, so the same input
    always gives the same plan.

Fill
    In that order, each item takes the earliest free capacity from its
    `not_before` day on and spills over as many days as it needs. Capacity an
    item may not use yet stays free for the items after it. Work that does not
    fit before the horizon ends stays unplanned and the item has no finish.

Slack, late, at risk
    slack_days is due - finish in calendar days (negative when late). An item
    is late when it finishes after its due date, or does not finish within the
    horizon while due within it. It is at risk when it is late, when it does
    not finish within the horizon while having a due date, or when fewer
    than AT_RISK_WORKING_DAYS working days (days with capacity; past the
    horizon every day counts) lie after its finish up to and including its due
    date. Finishing on the due date, or the working day before, leaves no room
    for a surprise.

Weekly load
    Weeks run Monday to Sunday; a week's capacity and planned minutes count only
    days inside the horizon. required_minutes is what that week must deliver
    for every due date to hold: the effort of every item due on or before the
    week's last day (overdue items included) minus what the plan does for those
    items in earlier weeks. Work that is already late is carried into every
    later week until the plan does it. Items due after the horizon never count.
    A week is overloaded when required_minutes exceeds its capacity_minutes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tandem.lib.dates import format_date
from tandem.planning.availability import DayCapacity
from tandem.planning.text import age_label

ItemId = str | int

AT_RISK_WORKING_DAYS = 2


@dataclass(frozen=True, slots=True)
class WorkItem:
    """An open assignment as the planner sees it."""

    id: ItemId
    title: str
    remaining_minutes: int
    due: date | None
    priority: int | None
    created: date
    not_before: date | None = None


# Not frozen: a frozen dataclass sets each field through object.__setattr__,
# which makes building ten thousand of them five times slower.
@dataclass(slots=True)
class ScheduledItem:
    item: WorkItem
    rank: int
    start: date | None
    finish: date | None
    slack_days: int | None
    late: bool
    at_risk: bool
    reason: str
    planned_minutes: int
    allocations: tuple[tuple[date, int], ...]

    @property
    def id(self) -> ItemId:
        return self.item.id

    @property
    def unplanned_minutes(self) -> int:
        return self.item.remaining_minutes - self.planned_minutes


@dataclass(slots=True)
class WeekLoad:
    week_start: date
    capacity_minutes: int
    planned_minutes: int
    required_minutes: int
    overloaded: bool


@dataclass(frozen=True, slots=True)
class Plan:
    """scheduled is in rank order; days are kept so the plan can be re-planned."""

    scheduled: dict[ItemId, ScheduledItem]
    weeks: list[WeekLoad]
    horizon_end: date
    days: tuple[DayCapacity, ...]

    @property
    def horizon_start(self) -> date:
        return self.days[0].day

    @property
    def items(self) -> list[WorkItem]:
        return [scheduled.item for scheduled in self.scheduled.values()]

    @property
    def late(self) -> list[ScheduledItem]:
        return [scheduled for scheduled in self.scheduled.values() if scheduled.late]

    @property
    def at_risk(self) -> list[ScheduledItem]:
        return [scheduled for scheduled in self.scheduled.values() if scheduled.at_risk]

    @property
    def overloaded_weeks(self) -> list[WeekLoad]:
        return [week for week in self.weeks if week.overloaded]


def order_key(item: WorkItem) -> tuple:
    """The plan order as a sort key."""
    priority, due = item.priority, item.due
    return (
        priority is None,
        0 if priority is None else priority,
        due is None,
        date.min if due is None else due,
        item.created,
        # ints and strings never compare with each other: group them first.
        isinstance(item.id, str),
        item.id,
    )


def check_days(days: Sequence[DayCapacity]) -> tuple[DayCapacity, ...]:
    days = tuple(days)
    if not days:
        raise ValueError("A plan needs at least one day of capacity.")
    first = days[0].day.toordinal()
    for offset, day in enumerate(days):
        if day.day.toordinal() != first + offset:
            raise ValueError("Days must be consecutive, one entry per calendar day.")
    return days


@dataclass(slots=True)
class Checkpoint:
    """The fill's state once the first `index` items are placed, to resume from."""

    index: int
    free: list[int]
    nxt: list[int]


def fill(
    needs: Sequence[int],
    starts: Sequence[int],
    capacity: Sequence[int],
    segments: list[list[tuple[int, int]]] | None = None,
    resume: Checkpoint | None = None,
    checkpoints: list[Checkpoint] | None = None,
    every: int = 0,
) -> tuple[list[int], list[int], list[int]]:
    """Greedy fill in the given order.

    Returns each item's finish day index and first day index (-1 for none) and
    the free minutes left per day. starts are day indexes clamped to
    [0, len(capacity)]. When `segments` is a list, each item's
    (day index, minutes) allocations are appended to it.

    With `resume`, placing starts at item resume.index from that state and the
    returned lists cover only the items from there on. With `checkpoints` and
    `every`, a checkpoint is appended before every item whose index is a
    multiple of `every`, so a re-plan that changes item p can resume near p.

    `nxt` is a disjoint-set forest pointing every full day at a later day, so
    finding the first free day from any start skips full stretches in
    near-constant time: the whole fill is O(items + days).
    """
    n = len(capacity)
    if resume is None:
        begin = 0
        free = [c if c > 0 else 0 for c in capacity]
        nxt = [i if c > 0 else i + 1 for i, c in enumerate(free)]
        nxt.append(n)
    else:
        begin = resume.index
        free = list(resume.free)
        nxt = list(resume.nxt)
    count = len(needs) - begin
    finish = [-1] * count
    firsts = [-1] * count
    record = segments is not None
    next_checkpoint = -(-begin // every) * every if checkpoints is not None else -1
    for k in range(count):
        i = begin + k
        if i == next_checkpoint:
            checkpoints.append(Checkpoint(i, free.copy(), nxt.copy()))
            next_checkpoint += every
        need = needs[i]
        start = root = node = starts[i]
        while nxt[root] != root:
            root = nxt[root]
        while nxt[node] != root:
            nxt[node], node = root, nxt[node]
        if need <= 0:
            # Nothing left to do: done the day it may start.
            if start < n:
                finish[k] = firsts[k] = start
            if record:
                segments.append([])
            continue
        if root < n:
            firsts[k] = root
        segs = [] if record else None
        d = root
        while d < n:
            f = free[d]
            if f > need:
                free[d] = f - need
                if record:
                    segs.append((d, need))
                need = 0
                break
            free[d] = 0
            nxt[d] = d + 1
            need -= f
            if record:
                segs.append((d, f))
            if need == 0:
                break
            root = d + 1
            while nxt[root] != root:
                root = nxt[root]
            d = root
        if need == 0:
            finish[k] = d
        if record:
            segments.append(segs)
    return finish, firsts, free


def start_index(not_before: date | None, first_ordinal: int, n_days: int) -> int:
    if not_before is None:
        return 0
    offset = not_before.toordinal() - first_ordinal
    return 0 if offset < 0 else min(offset, n_days)


def plan(items: Sequence[WorkItem], days: Sequence[DayCapacity]) -> Plan:
    """Plan the open items over the days (consecutive, earliest first)."""
    return plan_in_order(sorted(items, key=order_key), check_days(days))


def plan_in_order(
    order: Sequence[WorkItem],
    days: tuple[DayCapacity, ...],
    reasons: Sequence[str] | None = None,
) -> Plan:
    """`plan` for items already in plan order with unique ids, and checked days.

    Impact and options re-plan small changes of a known order; this spares
    them the sort, and, when they pass `reasons` (see `reason_at`), the wording.
    """
    n = len(days)
    today = days[0].day
    first = today.toordinal()
    dates = [day.day for day in days]
    capacity = [day.capacity_minutes for day in days]

    for item in order:
        if item.remaining_minutes < 0:
            raise ValueError(f"{item.title!r} has negative remaining effort.")
    segments: list[list[tuple[int, int]]] = []
    finish, _, free = fill(
        [item.remaining_minutes for item in order],
        [start_index(item.not_before, first, n) for item in order],
        capacity,
        segments,
    )

    # working_before[i]: days with capacity among days[0:i], for the at-risk buffer.
    working_before = [0] * (n + 1)
    for i, c in enumerate(capacity):
        working_before[i + 1] = working_before[i] + (c > 0)

    if reasons is None:
        reasons = _reasons(order, today)
    scheduled: dict[ItemId, ScheduledItem] = {}
    for rank, (item, fin, segs, reason) in enumerate(
        zip(order, finish, segments, reasons, strict=True), 1
    ):
        due = item.due
        if segs:
            start_day = dates[segs[0][0]]
            planned = item.remaining_minutes if fin >= 0 else sum(m for _, m in segs)
            allocations = tuple([(dates[d], m) for d, m in segs])
        else:
            start_day = dates[fin] if fin >= 0 else None
            planned = 0
            allocations = ()
        slack = None
        late = at_risk = False
        if due is not None:
            due_index = due.toordinal() - first
            if fin < 0:
                # Unfinished by the horizon's end: late only if due by then too.
                late = due_index < n
                at_risk = True
            else:
                slack = due_index - fin
                if slack < 0:
                    late = at_risk = True
                else:
                    last = due_index if due_index < n else n - 1
                    buffer = working_before[last + 1] - working_before[fin + 1]
                    buffer += due_index - last
                    at_risk = buffer < AT_RISK_WORKING_DAYS
        # Positional: keywords make each construction twice as slow, once per open item.
        scheduled[item.id] = ScheduledItem(
            item,
            rank,
            start_day,
            dates[fin] if fin >= 0 else None,
            slack,
            late,
            at_risk,
            reason,
            planned,
            allocations,
        )

    if len(scheduled) != len(order):
        # Checked here, where it costs nothing: duplicates make ranks ambiguous.
        raise ValueError("Each item needs its own id.")
    weeks = _weeks(order, segments, capacity, free, today)
    return Plan(scheduled=scheduled, weeks=weeks, horizon_end=dates[-1], days=days)


def reason_at(order: Sequence[WorkItem], i: int, today: date) -> str:
    """The reason for the item at i alone; it depends only on its neighbours."""
    low = max(i - 1, 0)
    return _reasons(order[low : i + 2], today)[i - low]


def _reasons(order: Sequence[WorkItem], today: date) -> list[str]:
    """Why each item sits where it does: the keys that decided its place.

    Age is named when nothing else is, or when a neighbour shares the same
    priority and due date, since age is then what separates them.
    """
    keys = [(item.priority, item.due) for item in order]
    last = len(order) - 1
    # Thousands of items share a few hundred distinct keys and dates.
    leads: dict[tuple[int | None, date | None], str] = {}
    ages: dict[date, str] = {}
    reasons = []
    for i, item in enumerate(order):
        key = keys[i]
        lead = leads.get(key)
        if lead is None:
            parts = []
            if item.priority is not None:
                parts.append(f"agreed priority {item.priority}")
            if item.due is not None:
                parts.append(f"due {format_date(item.due, today)}")
            lead = leads[key] = ", ".join(parts)
        if not lead or (i > 0 and keys[i - 1] == key) or (i < last and keys[i + 1] == key):
            age = ages.get(item.created)
            if age is None:
                age = ages[item.created] = age_label(item.created, today)
            reasons.append(f"{lead}, {age}" if lead else age)
        else:
            reasons.append(lead)
    return reasons


def _weeks(
    order: Sequence[WorkItem],
    segments: list[list[tuple[int, int]]],
    capacity: list[int],
    free: list[int],
    today: date,
) -> list[WeekLoad]:
    n = len(capacity)
    shift = today.weekday()
    n_weeks = (n - 1 + shift) // 7 + 1
    week_capacity = [0] * n_weeks
    week_planned = [0] * n_weeks
    for i, c in enumerate(capacity):
        if c > 0:
            w = (i + shift) // 7
            week_capacity[w] += c
            week_planned[w] += c - free[i]

    # Effort due by week w, minus what earlier weeks do for it, as difference arrays:
    # a segment done in week v for an item due in week u counts from week max(v + 1, u).
    due_from = [0] * (n_weeks + 1)
    done_from = [0] * (n_weeks + 1)
    first = today.toordinal()
    for item, segs in zip(order, segments, strict=True):
        if item.due is None:
            continue
        u = (item.due.toordinal() - first + shift) // 7
        if u >= n_weeks:
            continue
        u = max(u, 0)
        due_from[u] += item.remaining_minutes
        for d, m in segs:
            v = (d + shift) // 7 + 1
            done_from[v if v > u else u] += m

    monday = today - timedelta(shift)
    weeks = []
    due_total = done_total = 0
    for w in range(n_weeks):
        due_total += due_from[w]
        done_total += done_from[w]
        required = due_total - done_total
        weeks.append(
            WeekLoad(
                week_start=monday + timedelta(7 * w),
                capacity_minutes=week_capacity[w],
                planned_minutes=week_planned[w],
                required_minutes=required,
                overloaded=required > week_capacity[w],
            )
        )
    return weeks
