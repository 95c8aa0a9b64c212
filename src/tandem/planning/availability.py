"""Daily capacity: working hours minus busy time, times the focus factor.

Everything here is in the person's local wall-clock time, so datetimes and
dates are naive. The caller converts aware datetimes to the person's time zone
first; that keeps "Tuesday 08:00-10:00" meaning 08:00-10:00 on every Tuesday,
across daylight-saving changes.

Recurring commitments and calendar meetings arrive already expanded into
concrete busy intervals. Time off is a busy interval too (`TimeOff.as_busy`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

Busy = tuple[datetime, datetime]
Interval = tuple[time, time]

DEFAULT_FOCUS_FACTOR = 0.7
_DAY_SECONDS = 86_400
# Guards floor() against float noise: 480 * 0.7 is 335.99999999999994.
_EPSILON = 1e-9


def _seconds(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """Working intervals for each weekday, Monday (0) to Sunday (6).

    An end time of 00:00 means midnight at the end of the day. Overlapping or
    touching intervals of one day are merged.
    """

    days: tuple[tuple[Interval, ...], ...]

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ValueError("Working hours need an entry for each of the 7 weekdays.")
        merged = tuple(_merge_day(intervals) for intervals in self.days)
        object.__setattr__(self, "days", tuple(tuple(pair) for pair in merged))

    @classmethod
    def weekdays(cls, start: time = time(9), end: time = time(17, 30)) -> WorkingHours:
        """The same hours Monday to Friday, weekends off."""
        return cls(tuple(((start, end),) if weekday < 5 else () for weekday in range(7)))

    @classmethod
    def from_mapping(cls, hours: Mapping[int, Iterable[Interval]]) -> WorkingHours:
        """Build from {weekday: [(start, end), ...]}; missing weekdays are days off."""
        return cls(tuple(tuple(hours.get(weekday, ())) for weekday in range(7)))

    def seconds(self, weekday: int) -> tuple[tuple[int, int], ...]:
        """The weekday's intervals as (start, end) seconds after midnight."""
        return tuple(
            (_seconds(start), _seconds(end) or _DAY_SECONDS) for start, end in self.days[weekday]
        )


def _merge_day(intervals: Iterable[Interval]) -> list[Interval]:
    as_seconds = []
    for start, end in intervals:
        start_s, end_s = _seconds(start), _seconds(end) or _DAY_SECONDS
        if end_s <= start_s:
            raise ValueError(f"Working interval {start:%H:%M}-{end:%H:%M} ends before it starts.")
        as_seconds.append((start_s, end_s, start, end))
    as_seconds.sort()
    merged: list[Interval] = []
    last_end = -1
    for start_s, end_s, start, end in as_seconds:
        if merged and start_s <= last_end:
            if end_s > last_end:
                merged[-1] = (merged[-1][0], end)
                last_end = end_s
        else:
            merged.append((start, end))
            last_end = end_s
    return merged


@dataclass(frozen=True, slots=True)
class TimeOff:
    """A stretch away from work: a holiday, a sick day, an afternoon off."""

    start: datetime
    end: datetime

    @classmethod
    def whole_days(cls, first: date, last: date) -> TimeOff:
        """Off from the start of `first` to the end of `last`, both included."""
        return cls(datetime.combine(first, time()), datetime.combine(last + timedelta(1), time()))

    def as_busy(self) -> Busy:
        return (self.start, self.end)


@dataclass(frozen=True, slots=True)
class DayCapacity:
    day: date
    available_minutes: int
    capacity_minutes: int


def daily_capacity(
    start: date,
    horizon_days: int,
    hours: WorkingHours,
    busy: Sequence[Busy | TimeOff],
    focus_factor: float = DEFAULT_FOCUS_FACTOR,
) -> list[DayCapacity]:
    """Capacity for each of the `horizon_days` days from `start`.

    available_minutes is working time not covered by any busy interval
    (overlapping busy intervals count once); capacity_minutes is
    floor(available_minutes x focus_factor).
    """
    if horizon_days < 0:
        raise ValueError("The horizon cannot be negative.")
    if not 0 <= focus_factor <= 1:
        raise ValueError("The focus factor is a share of available time, between 0 and 1.")

    origin = datetime.combine(start, time())
    horizon_s = horizon_days * _DAY_SECONDS
    blocks = _merged_busy(busy, origin, horizon_s)
    weekday_intervals = [hours.seconds(weekday) for weekday in range(7)]

    result = []
    first_weekday = start.weekday()
    j = 0
    n_blocks = len(blocks)
    for offset in range(horizon_days):
        day_s = offset * _DAY_SECONDS
        working = 0
        covered = 0
        for interval_start, interval_end in weekday_intervals[(first_weekday + offset) % 7]:
            ws = day_s + interval_start
            we = day_s + interval_end
            working += we - ws
            # Blocks are disjoint and sorted, and so are working intervals, so
            # a block that ends before this interval is done with for good.
            while j < n_blocks and blocks[j][1] <= ws:
                j += 1
            k = j
            while k < n_blocks and blocks[k][0] < we:
                bs, be = blocks[k]
                covered += (we if be > we else be) - (ws if bs < ws else bs)
                k += 1
        available = (working - covered) // 60
        capacity = int(available * focus_factor + _EPSILON)
        result.append(DayCapacity(start + timedelta(offset), available, capacity))
    return result


def _merged_busy(
    busy: Sequence[Busy | TimeOff], origin: datetime, horizon_s: int
) -> list[tuple[int, int]]:
    """Busy time as sorted, disjoint (start, end) seconds within the horizon."""
    limit = origin + timedelta(seconds=horizon_s)
    spans = []
    for entry in busy:
        begin, end = entry.as_busy() if isinstance(entry, TimeOff) else entry
        # Calendars do contain zero-length and inverted events; they block nothing.
        if end <= begin or end <= origin or begin >= limit:
            continue
        spans.append((begin, end))
    # Merge while still datetimes: comparing them is far cheaper than converting.
    spans.sort()
    merged: list[list[datetime]] = []
    for begin, end in spans:
        if merged and begin <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1][1] = end
        else:
            merged.append([begin, end])
    seconds = []
    for begin, end in merged:
        b = begin - origin
        e = end - origin
        seconds.append((b.days * _DAY_SECONDS + b.seconds, e.days * _DAY_SECONDS + e.seconds))
    return seconds
