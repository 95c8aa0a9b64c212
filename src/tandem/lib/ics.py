"""Calendar files (.ics): meetings and time off in, due dates out.

Files come from Google, Outlook and Apple exports, and from anywhere else, so
reading is bounded on every side: the file's size, the events parsed, the
occurrences returned and the work spent expanding repeat rules.

Repeat rules are screened before they are expanded, because dateutil, which
expands them, cannot be interrupted: it yields nothing until a date matches.
A rule that never matches (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) makes it walk
day by day to the year 9999 (seconds), an INTERVAL of 0 never ends, and an
hourly rule that started in 1970 takes half a million steps to reach today.
Time zone definitions inside the file (VTIMEZONE) carry repeat rules too and
are screened the same way.

Before icalendar parses the file, a fast pass over the text drops what
Tandem never reads (alarms, to-dos, attendees, descriptions) and single
events that lie well outside the window, which makes a large export of a
whole calendar history quick to read.
"""

from __future__ import annotations

import calendar as calendar_module
import hashlib
import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
from icalendar.timezone import tzp

__all__ = [
    "MAX_BYTES",
    "MAX_EVENTS",
    "CalendarError",
    "CalendarEvent",
    "CalendarImport",
    "DueItem",
    "due_dates_calendar",
    "read_calendar",
]

MAX_BYTES = 5 * 1024 * 1024
MAX_EVENTS = 5000


class CalendarError(ValueError):
    """The file cannot be read as a calendar; the message says why, for the user."""


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One occurrence of an event, with aware times in the person's zone.

    ``(uid, instance)`` identifies the occurrence across imports of the same
    calendar. ``instance`` is empty for an event that does not repeat; for a
    repeating one it is the occurrence's original start (its RECURRENCE-ID),
    so a moved occurrence keeps its identity: "2026-03-02T09:00:00Z" in UTC,
    "2026-03-02" for all-day events, "2026-03-02T10:00:00" for floating times.
    """

    uid: str
    instance: str
    summary: str
    start: datetime
    end: datetime
    all_day: bool
    busy: bool


@dataclass(frozen=True, slots=True)
class CalendarImport:
    events: list[CalendarEvent]
    warnings: list[str]
    truncated: bool


@dataclass(frozen=True, slots=True)
class DueItem:
    """A due date to export; ``uid`` must be stable and globally unique."""

    uid: str
    title: str
    due: date
    description: str = ""


def read_calendar(
    data: bytes,
    *,
    tz: tzinfo,
    window_start: date,
    window_end: date,
    max_events: int = MAX_EVENTS,
    max_bytes: int = MAX_BYTES,
) -> CalendarImport:
    """Read the events of an .ics file that overlap window_start..window_end (both included).

    Times come back aware, in ``tz``, the person's zone. Times in zones nobody
    knows and floating times are read as ``tz`` times (floating ones in the
    calendar's X-WR-TIMEZONE when it has one); all-day events start at
    midnight in ``tz``. Events overlapping the window come back whole, sorted
    by start; of more than ``max_events``, the earliest are kept. Cancelled
    occurrences are left out. Raises CalendarError for a file that is not a
    readable calendar; problems with single events become warnings.
    """
    if window_end < window_start:
        raise ValueError(f"window_end {window_end} is before window_start {window_start}")
    if not data.strip():
        raise CalendarError("The file is empty; export the calendar as an .ics file and try again")
    if len(data) > max_bytes:
        raise CalendarError(
            f"The file is {_megabytes(len(data))}; Tandem reads calendars up to "
            f"{_megabytes(max_bytes)}. Export a shorter date range and try again"
        )
    notes = _Notes()
    text = _decode(data)
    window = _Window(
        start=datetime.combine(window_start, time(), tz),
        end=datetime.combine(window_end + timedelta(days=1), time(), tz),
    )
    with _ICALENDAR_LOCK:
        # icalendar keeps every VTIMEZONE it parses in a process-wide cache, keyed by
        # TZID, first come first served: forget other files' zones so this file's apply.
        icalendar.use_zoneinfo()
        prepared = _prepare(text, window, max_blocks=2 * max_events, notes=notes)
        try:
            calendars = icalendar.Calendar.from_ical(prepared, multiple=True)
        except Exception as error:
            # icalendar signals broken input with many exception types.
            raise CalendarError(
                f"The calendar file is damaged and cannot be read ({error})"
            ) from error
    budget = _Budget()
    collector = _Collector(limit=max_events)
    for calendar in calendars:
        _expand(calendar, window, tz, budget, collector, notes)
    events = collector.earliest()
    if collector.overflow:
        notes.truncated = True
        notes.add(f"Only the first {max_events:,} events were imported")
    return CalendarImport(events=events, warnings=notes.messages(), truncated=notes.truncated)


def due_dates_calendar(
    items: Iterable[DueItem],
    *,
    prodid: str = "-//Tandem//EN",
    stamp: datetime | None = None,
) -> bytes:
    """An .ics file with one all-day event per due date, marked free so it blocks no time.

    ``stamp`` (DTSTAMP) defaults to now; pass it to get identical output for identical input.
    """
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    calendar = icalendar.Calendar()
    calendar.add("PRODID", prodid)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    for item in items:
        event = icalendar.Event()
        event.add("UID", _clean_text(item.uid))
        event.add("DTSTAMP", stamp)
        event.add("DTSTART", item.due)
        event.add("DTEND", item.due + timedelta(days=1))
        event.add("SUMMARY", _clean_text(item.title))
        if item.description:
            event.add("DESCRIPTION", _clean_text(item.description))
        event.add("TRANSP", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


# Reading: the text pass ------------------------------------------------------------------------

_ICALENDAR_LOCK = threading.Lock()

_UNFOLD = re.compile(r"\n[ \t]")
_LINE = re.compile(r'([A-Za-z0-9-]+)((?:;(?:[^";:]|"[^"]*")*)*):(.*)', re.DOTALL)
_PARAM = re.compile(r';([A-Za-z0-9-]+)=((?:[^";:]|"[^"]*")*)')
_DAY = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")

_PARENTS = {
    "VCALENDAR": None,
    "VEVENT": "VCALENDAR",
    "VTIMEZONE": "VCALENDAR",
    "STANDARD": "VTIMEZONE",
    "DAYLIGHT": "VTIMEZONE",
}
_CALENDAR_PROPERTIES = {"VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-TIMEZONE"}
_EVENT_PROPERTIES = {
    "UID",
    "SUMMARY",
    "DTSTART",
    "DTEND",
    "DURATION",
    "RRULE",
    "RDATE",
    "EXDATE",
    "RECURRENCE-ID",
    "TRANSP",
    "STATUS",
    "SEQUENCE",
}
_ONCE = _EVENT_PROPERTIES - {"RRULE", "RDATE", "EXDATE"}
_MAX_ZONE_PARTS = 40
_MAX_ZONE_DATES = 1000
_MAX_ZONE_YEARS = 500
# Single events this far outside the window cannot overlap it in any time zone.
_MARGIN = timedelta(days=2)
_ONE_DAY = timedelta(days=1)


@dataclass(slots=True)
class _Window:
    start: datetime
    end: datetime


@dataclass(slots=True)
class _Notes:
    """Warnings for the person, each once, and whether the import is incomplete."""

    truncated: bool = False
    _seen: dict[str, None] = field(default_factory=dict)

    def add(self, message: str) -> None:
        self._seen.setdefault(message, None)

    def messages(self, limit: int = 20) -> list[str]:
        messages = list(self._seen)
        if len(messages) <= limit:
            return messages
        return [*messages[:limit], f"…and {len(messages) - limit:,} more problems"]


@dataclass(slots=True)
class _Block:
    """The kept lines of one component, with the properties the text pass decides on."""

    lines: list[str] = field(default_factory=list)
    values: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(slots=True)
class _Calendar:
    lines: list[str] = field(default_factory=list)
    zones: dict[str, _Block] = field(default_factory=dict)
    events: list[_Block] = field(default_factory=list)


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise CalendarError("This is not a calendar file: it holds binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Outlook versions write Windows-1252.
        return data.decode("cp1252", errors="replace")


def _prepare(text: str, window: _Window, *, max_blocks: int, notes: _Notes) -> str:
    """Check the structure and keep only what Tandem reads, as text for icalendar."""
    text = _UNFOLD.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    calendars: list[_Calendar] = []
    stack: list[str] = []
    skipped_depth = 0
    damaged = 0
    block: _Block | None = None
    blocks = 0
    for line in text.split("\n"):
        if not line.strip():
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            if not stack and not calendars:
                raise CalendarError(_NOT_A_CALENDAR)
            damaged += 0 if skipped_depth else 1
            continue
        name, params, value = match[1].upper(), match[2], match[3]
        if name == "BEGIN":
            component = value.strip().upper()
            if skipped_depth:
                skipped_depth += 1
            elif not stack and component != "VCALENDAR":
                raise CalendarError(_NOT_A_CALENDAR)
            elif component in _PARENTS and _PARENTS[component] == (stack[-1] if stack else None):
                stack.append(component)
                if component == "VCALENDAR":
                    calendars.append(_Calendar())
                elif component in ("VEVENT", "VTIMEZONE"):
                    block = _Block()
                if block is not None:
                    block.lines.append(f"BEGIN:{component}")
            else:
                skipped_depth = 1
            continue
        if name == "END":
            component = value.strip().upper()
            if skipped_depth:
                skipped_depth -= 1
                continue
            if not stack or stack[-1] != component:
                inside = f"inside {stack[-1]}" if stack else "outside any BEGIN"
                raise CalendarError(
                    f"The calendar file is damaged: it has END:{component} {inside}. "
                    "Export it again and retry"
                )
            stack.pop()
            if block is not None:
                block.lines.append(f"END:{component}")
            if component == "VEVENT" and block is not None:
                if _event_is_needed(block, window):
                    blocks += 1
                    if blocks <= max_blocks:
                        calendars[-1].events.append(block)
                    else:
                        notes.truncated = True
                block = None
            elif component == "VTIMEZONE" and block is not None:
                tzid = block.values.get("TZID", ("", ""))[1].strip()
                calendars[-1].zones.setdefault(tzid, block)
                block = None
            continue
        if skipped_depth:
            continue
        if not stack:
            damaged += 1
            continue
        if stack[-1] == "VCALENDAR":
            if name in _CALENDAR_PROPERTIES:
                calendars[-1].lines.append(line)
            continue
        if block is None:
            continue
        # A second DTSTART or SUMMARY breaks the rules, and icalendar would return a list.
        if stack[-1] == "VEVENT" and (
            name not in _EVENT_PROPERTIES or (name in _ONCE and name in block.values)
        ):
            continue
        block.lines.append(line)
        block.values.setdefault(name, (params, value))
        if name in ("RRULE", "RDATE"):
            block.values.setdefault("REPEATS", (params, value))
    if not calendars:
        raise CalendarError(_NOT_A_CALENDAR)
    if stack or skipped_depth:
        raise CalendarError(
            "The calendar file ends in the middle of an entry; it may have been cut off. "
            "Export it again and retry"
        )
    if damaged:
        notes.add(f"Ignored {damaged:,} damaged line{'' if damaged == 1 else 's'}")
    if blocks > max_blocks:
        notes.add(
            f"The calendar has more than {max_blocks:,} events in these dates; some were left out"
        )
    return "\r\n".join(_emit(calendar, window, notes) for calendar in calendars) + "\r\n"


_NOT_A_CALENDAR = (
    "This is not a calendar file: an .ics file starts with BEGIN:VCALENDAR. "
    "Export the calendar as .ics (iCalendar) and try again"
)


def _event_is_needed(block: _Block, window: _Window) -> bool:
    values = block.values
    if "REPEATS" in values:
        return True
    recurrence_params, recurrence_id = values.get("RECURRENCE-ID", ("", ""))
    if "THISANDFUTURE" in recurrence_params.upper():
        return True
    start = _day(values.get("DTSTART", ("", ""))[1])
    if start is None:
        return True  # let icalendar report what is wrong with it
    end = start
    if "DTEND" in values:
        end = _day(values["DTEND"][1]) or start
    elif "DURATION" in values:
        try:
            duration = icalendar.vDuration.from_ical(values["DURATION"][1].strip())
            end = start + timedelta(days=duration.days)
        except (ValueError, TypeError, OverflowError):
            return True
    first, last = window.start.date() - _MARGIN, window.end.date() + _MARGIN
    if first <= end and start <= last:
        return True
    original = _day(recurrence_id)
    return original is not None and first <= original <= last


def _day(value: str) -> date | None:
    match = _DAY.match(value.strip())
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _emit(calendar: _Calendar, window: _Window, notes: _Notes) -> str:
    """The calendar's text, with unusable zone definitions left out and unknown zones removed."""
    zones: dict[str, list[str]] = {}
    reported: set[str] = set()
    for tzid, block in calendar.zones.items():
        if not tzid or _zone_by_name(tzid) is not None:
            continue  # the zone database knows it better than the file
        usable = _usable_zone(block, window)
        if isinstance(usable, str):
            notes.add(f"The time zone '{_shorten(tzid)}' {usable}; its times were read in yours")
            reported.add(tzid)
        else:
            zones[tzid] = usable
    lines = ["BEGIN:VCALENDAR", *calendar.lines]
    for zone_lines in zones.values():
        lines.extend(zone_lines)
    for block in calendar.events:
        for line in block.lines:
            lines.append(_without_unknown_zone(line, zones.keys(), reported, notes))
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines)


def _without_unknown_zone(line: str, kept: Set[str], reported: Set[str], notes: _Notes) -> str:
    """Drop a TZID nobody knows, so the time reads as floating: the person's own zone."""
    if "tzid" not in line.lower():
        return line
    match = _LINE.fullmatch(line)
    if match is None:
        return line
    params = []
    for key, value in _PARAM.findall(match[2]):
        tzid = value.strip('"').strip()
        if key.upper() == "TZID" and tzid not in kept and _zone_by_name(tzid) is None:
            if tzid not in reported:
                notes.add(f"Unknown time zone '{_shorten(tzid)}': its times were read in yours")
            continue
        params.append(f";{key}={value}")
    return f"{match[1]}{''.join(params)}:{match[3]}"


def _zone_by_name(name: str) -> tzinfo | None:
    """The zone icalendar would use for a TZID (IANA, Windows or vendor-prefixed name)."""
    try:
        return tzp.timezone(name)
    except Exception:
        # zoneinfo raises OSError for names like "Europe" (a folder) and ValueError for others.
        return None


def _usable_zone(block: _Block, window: _Window) -> list[str] | str:
    """The zone's lines with its yearly rules restarted near the window, or why it is unusable.

    dateutil walks a zone's rule from its first year on every UTC offset lookup, and
    Outlook starts them in 1601; starting them two years before the window gives the
    same transitions where Tandem looks, at a fraction of the cost.
    """
    lines: list[str] = []
    part: list[str] = []
    parts = dates = 0
    for line in block.lines:
        upper = line.upper()
        if upper in ("BEGIN:STANDARD", "BEGIN:DAYLIGHT"):
            parts += 1
            part = [line]
        elif upper in ("END:STANDARD", "END:DAYLIGHT") and part:
            part.append(line)
            recent = _recent_zone_part(part, window)
            if isinstance(recent, str):
                return recent
            lines.extend(recent)
            part = []
        elif part:
            part.append(line)
            dates += line.count(",") + 1 if upper.startswith("RDATE") else 0
        else:
            lines.append(line)
    if not parts or parts > _MAX_ZONE_PARTS or dates > _MAX_ZONE_DATES:
        return "is not a usable time zone"
    return lines


def _recent_zone_part(part: list[str], window: _Window) -> list[str] | str:
    matches = {i: m for i, m in enumerate(map(_LINE.fullmatch, part)) if m is not None}
    rules = [m for m in matches.values() if m[1].upper() == "RRULE"]
    starts = [i for i, m in matches.items() if m[1].upper() == "DTSTART"]
    if not rules:
        return part
    start = _day(matches[starts[0]][3]) if len(starts) == 1 else None
    try:
        rule = icalendar.vRecur.from_ical(rules[0][3].strip())
    except (ValueError, TypeError):
        rule = None
    if start is None or rule is None or len(rules) > 1 or _single(rule, "FREQ") != "YEARLY":
        return "has a rule Tandem cannot read"
    if _rule_problem(rule) is not None:
        return "has a rule Tandem cannot read"
    first_year = window.start.year - 2
    if rule.get("UNTIL") or rule.get("COUNT"):
        until = _single(rule, "UNTIL")
        last_year = min(window.end.year, until.year) if until is not None else window.end.year
        years = min(last_year - start.year, _single(rule, "COUNT", last_year - start.year))
        return part if years <= _MAX_ZONE_YEARS else "has a rule Tandem cannot read"
    if start.year >= first_year:
        return part
    interval = _single(rule, "INTERVAL", 1)
    year = start.year + (first_year - start.year) // interval * interval
    index = starts[0]
    name, params, value = matches[index][1], matches[index][2], matches[index][3].strip()
    if value[4:8] == "0229" and not calendar_module.isleap(year):
        value = value[:4] + "0228" + value[8:]
    return [*part[:index], f"{name}{params}:{year:04d}{value[4:]}", *part[index + 1 :]]


# Reading: screening and expansion --------------------------------------------------------------

_FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY")
_RULE_PARTS = {
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "WKST",
    "BYDAY",
    "BYMONTHDAY",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYMONTH",
    "BYHOUR",
    "BYMINUTE",
    "BYSECOND",
    "BYSETPOS",
}
_RANGES = {
    "BYMONTH": (1, 12, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYSETPOS": (1, 366, True),
    "BYHOUR": (0, 23, False),
    "BYMINUTE": (0, 59, False),
    "BYSECOND": (0, 60, False),
}
_WEEKDAY = re.compile(r"([+-]?[0-9]{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_LONGEST_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MAX_SET_POSITIONS = 12

# Expansion work is counted in steps of dateutil's daily loop, about 2 µs each;
# these are the measured costs of one step of each frequency.
_STEP_COST = {"YEARLY": 25, "MONTHLY": 3, "WEEKLY": 2, "DAILY": 1, "HOURLY": 2}
_STEPS_PER_DAY = {"YEARLY": 1 / 365, "MONTHLY": 1 / 28, "WEEKLY": 1 / 7, "DAILY": 1, "HOURLY": 24}
_OCCURRENCE_COST = 30
_RULE_BUDGET = 300_000
_TOTAL_BUDGET = 3_000_000
_PROPERTY_NAMES = {
    "DTSTART": "start",
    "DTEND": "end",
    "DURATION": "duration",
    "RRULE": "repeat rule",
    "RDATE": "list of extra dates",
    "EXDATE": "list of skipped dates",
    "RECURRENCE-ID": "original date",
    None: "text",
}
# Converting dates at the very ends of the calendar to another zone overflows.
_FIRST_YEAR, _LAST_YEAR = 2, 9998
_LONGEST_EVENT = timedelta(days=3660)


@dataclass(slots=True)
class _Collector:
    """The earliest ``limit`` occurrences, kept in bounded memory."""

    limit: int
    events: list[CalendarEvent] = field(default_factory=list)
    overflow: bool = False

    def add(self, event: CalendarEvent) -> None:
        self.events.append(event)
        if len(self.events) > 2 * self.limit:
            self.events = self.earliest()

    def earliest(self) -> list[CalendarEvent]:
        unique = {(e.uid, e.instance, e.start): e for e in self.events}
        if len(unique) > self.limit:
            self.overflow = True
        ordered = sorted(unique.values(), key=lambda e: (e.start, e.end, e.uid, e.instance))
        return ordered[: self.limit]


@dataclass(slots=True)
class _Budget:
    left: int = _TOTAL_BUDGET

    def spend(self, cost: int) -> bool:
        if cost > self.left:
            return False
        self.left -= cost
        return True


def _expand(
    calendar: icalendar.Calendar,
    window: _Window,
    tz: tzinfo,
    budget: _Budget,
    collector: _Collector,
    notes: _Notes,
) -> None:
    # Floating times belong to the calendar's zone when it names one, else to the person's.
    floating = _calendar_zone(calendar, notes) or tz
    groups: dict[str, list[icalendar.Event]] = {}
    for component in calendar.subcomponents:
        if component.name == "VEVENT":
            groups.setdefault(_uid(component), []).append(component)
    titles: dict[str, str] = {}
    repeating: dict[str, list[icalendar.Event]] = {}
    for uid, group in groups.items():
        title = _title(group)
        problem, cost = _screen(group, window)
        if problem is not None:
            notes.add(f"Skipped '{title}': {problem}")
            continue
        if not budget.spend(cost + _OCCURRENCE_COST):
            _note_out_of_budget(notes)
            break
        titles[uid] = title
        if any(_repeats(component) for component in group):
            repeating[uid] = group
            continue
        # A single event is its own only occurrence; of duplicates, the latest revision wins.
        latest = max(group, key=_sequence)
        facts = _facts(latest)
        if facts.cancelled:
            continue
        start, end = _span(latest, tz, floating)
        if end < start:
            notes.add(f"Skipped '{title}': it ends before it starts")
        elif _overlaps(start, end, window):
            collector.add(_event(uid, "", facts, start, end, latest["DTSTART"].dt))
    if repeating:
        _expand_repeating(calendar, repeating, titles, window, tz, budget, collector, notes)


def _expand_repeating(
    calendar: icalendar.Calendar,
    groups: dict[str, list[icalendar.Event]],
    titles: dict[str, str],
    window: _Window,
    tz: tzinfo,
    budget: _Budget,
    collector: _Collector,
    notes: _Notes,
) -> None:
    calendar.subcomponents = [
        c for c in calendar.subcomponents if c.name != "VEVENT" or _uid(c) in groups
    ]
    try:
        query = recurring_ical_events.of(calendar, skip_bad_series=True)
    except Exception as error:
        raise CalendarError(f"The calendar file is damaged and cannot be read ({error})") from error
    expanded = {series.uid for series in query.series}
    for uid in groups:
        if uid not in expanded:
            notes.add(f"Skipped '{titles[uid]}': its dates do not add up")
    for series in query.series:
        facts = _series_facts(groups[series.uid])
        count = 0
        try:
            for occurrence in series.between(window.start, window.end):
                if not budget.spend(_OCCURRENCE_COST):
                    _note_out_of_budget(notes)
                    return
                ids = occurrence.recurrence_ids
                fact = next((facts[key] for key in ids if key in facts), facts[None])
                if fact.cancelled:
                    continue
                if count == collector.limit:
                    # Later occurrences of this series cannot be among the earliest ones.
                    collector.overflow = True
                    break
                start, end = _aware(occurrence.start, tz), _aware(occurrence.end, tz)
                instance = _instance(occurrence.start, ids)
                collector.add(_event(series.uid, instance, fact, start, end, occurrence.start))
                count += 1
        except Exception:
            # One bad series must not sink the import; dateutil and
            # recurring-ical-events raise a variety of errors for odd rules.
            notes.add(f"Skipped '{titles[series.uid]}': its repeat rule cannot be read")


@dataclass(frozen=True, slots=True)
class _Facts:
    summary: str
    busy: bool
    cancelled: bool


def _facts(component: icalendar.Event) -> _Facts:
    return _Facts(
        summary=str(component.get("SUMMARY", "")).strip(),
        busy=str(component.get("TRANSP", "OPAQUE")).strip().upper() != "TRANSPARENT",
        cancelled=str(component.get("STATUS", "")).strip().upper() == "CANCELLED",
    )


def _series_facts(group: list[icalendar.Event]) -> dict[Any, _Facts]:
    """Facts by recurrence id, as recurring-ical-events spells it; None is the series itself."""
    facts: dict[Any, _Facts] = {}
    cores = []
    for component in group:
        if "RECURRENCE-ID" in component:
            for key in recurring_ical_events.EventAdapter(component).recurrence_ids:
                facts[key] = _facts(component)
        else:
            cores.append(component)
    facts[None] = _facts(max(cores or group, key=_sequence))
    return facts


def _event(
    uid: str, instance: str, facts: _Facts, start: datetime, end: datetime, original: date
) -> CalendarEvent:
    all_day = not isinstance(original, datetime)
    if all_day and end <= start:
        end = start + _ONE_DAY
    return CalendarEvent(
        uid=uid,
        instance=instance,
        summary=facts.summary,
        start=start,
        end=end,
        all_day=all_day,
        busy=facts.busy,
    )


def _span(component: icalendar.Event, tz: tzinfo, floating: tzinfo) -> tuple[datetime, datetime]:
    """Start and end of a single event, aware in ``tz``, by the rules of RFC 5545 3.6.1."""
    start = component["DTSTART"].dt
    if "DTEND" in component:
        end = component["DTEND"].dt
    elif "DURATION" in component:
        duration = component["DURATION"].dt
        if not isinstance(start, datetime) and duration % _ONE_DAY:
            start = datetime.combine(start, time())
        end = start + duration
    else:
        end = start if isinstance(start, datetime) else start + _ONE_DAY
    return _aware(start, tz, floating), _aware(end, tz, floating)


def _overlaps(start: datetime, end: datetime, window: _Window) -> bool:
    if start == end:
        return window.start <= start < window.end
    return start < window.end and window.start < end


def _sequence(component: icalendar.Event) -> int:
    sequence = component.get("SEQUENCE", 0)
    return sequence if isinstance(sequence, int) else 0


def _note_out_of_budget(notes: _Notes) -> None:
    notes.truncated = True
    notes.add(
        "The calendar repeats too many events to read at once; "
        "some were left out. Import a shorter date range"
    )


def _calendar_zone(calendar: icalendar.Calendar, notes: _Notes) -> ZoneInfo | None:
    name = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    if not name:
        return None
    # recurring-ical-events hands this name to zoneinfo, which knows only IANA names.
    zone = _zone_by_name(name)
    if isinstance(zone, ZoneInfo):
        calendar["X-WR-TIMEZONE"] = zone.key
        return zone
    notes.add(f"Unknown time zone '{_shorten(name)}': its times were read in yours")
    del calendar["X-WR-TIMEZONE"]
    return None


def _screen(group: list[icalendar.Event], window: _Window) -> tuple[str | None, int]:
    """Why the events of one UID cannot be read, if so, and the work their expansion costs."""
    cost = 0
    for component in group:
        broken = [_PROPERTY_NAMES[name] for name, _ in component.errors if name in _PROPERTY_NAMES]
        if broken:
            return f"its {broken[0]} cannot be read", 0
        if "DTSTART" not in component:
            return "it has no start", 0
        for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
            value = component[name].dt if name in component else date(2000, 1, 1)
            if not isinstance(value, date) or not _FIRST_YEAR <= value.year <= _LAST_YEAR:
                return f"its {_PROPERTY_NAMES[name]} is not a usable date", 0
        duration = component["DURATION"].dt if "DURATION" in component else timedelta()
        if not isinstance(duration, timedelta) or abs(duration) > _LONGEST_EVENT:
            return f"its {_PROPERTY_NAMES['DURATION']} is not usable", 0
        start = component["DTSTART"].dt
        rules = component.get("RRULE", [])
        for rule in rules if isinstance(rules, list) else [rules]:
            problem = _rule_problem(rule)
            if problem is not None:
                return problem, 0
            rule_cost = _rule_cost(rule, start, window)
            if rule_cost > _RULE_BUDGET:
                return f"it repeats too often since {start.year} to work out", 0
            cost += rule_cost
        rdates = component.get("RDATE", [])
        cost += sum(len(r.dts) for r in (rdates if isinstance(rdates, list) else [rdates]))
    return None, cost


def _rule_problem(rule: icalendar.vRecur) -> str | None:
    """Why a repeat rule is unsafe or unreadable, or None. Cheap: no dates are generated."""
    frequency = _single(rule, "FREQ")
    if frequency in ("SECONDLY", "MINUTELY"):
        return "it repeats every minute or second"
    if frequency not in _FREQUENCIES:
        return "its repeat rule has no valid frequency"
    unknown = set(rule) - _RULE_PARTS
    if unknown:
        return f"its repeat rule uses {sorted(unknown)[0]}, which Tandem does not read"
    interval = _single(rule, "INTERVAL", 1)
    if not isinstance(interval, int) or interval < 1:
        return "its repeat rule has an interval below 1"
    for part, (low, high, signed) in _RANGES.items():
        for value in rule.get(part, []):
            if not isinstance(value, int) or not low <= (abs(value) if signed else value) <= high:
                return f"its repeat rule has {part}={value}, which is out of range"
    weekdays = []
    for value in rule.get("BYDAY", []):
        match = _WEEKDAY.fullmatch(str(value).strip().upper())
        if match is None:
            return f"its repeat rule has BYDAY={value}, which is not a weekday"
        weekdays.append((int(match[1]) if match[1] else None, match[2]))
    return _combination_problem(rule, frequency, interval, weekdays)


def _combination_problem(
    rule: icalendar.vRecur, frequency: str, interval: int, weekdays: list[tuple[int | None, str]]
) -> str | None:
    has = {part for part in _RULE_PARTS if rule.get(part)}
    unsupported = "its repeat rule combines {} and {}, which Tandem does not read"
    if "BYWEEKNO" in has and frequency != "YEARLY":
        return unsupported.format("BYWEEKNO", frequency)
    if "BYYEARDAY" in has and frequency in ("MONTHLY", "WEEKLY", "DAILY"):
        return unsupported.format("BYYEARDAY", frequency)
    if "BYMONTHDAY" in has and frequency == "WEEKLY":
        return unsupported.format("BYMONTHDAY", frequency)
    # Combinations that can never match make dateutil search until the year 9999.
    for part in ("BYWEEKNO", "BYYEARDAY"):
        other = has & {"BYMONTH", "BYMONTHDAY", "BYDAY", "BYSETPOS"}
        if part in has and other:
            return unsupported.format(part, sorted(other)[0])
    ordinals = [n for n, _ in weekdays if n is not None]
    if ordinals and "BYMONTHDAY" in has:
        return unsupported.format("BYDAY", "BYMONTHDAY")
    in_month = frequency == "MONTHLY" or (frequency == "YEARLY" and "BYMONTH" in has)
    if any(n == 0 or abs(n) > (5 if in_month else 53) for n in ordinals):
        return "its repeat rule asks for a weekday position that never exists"
    months = rule.get("BYMONTH") or range(1, 13)
    days = rule.get("BYMONTHDAY") or []
    if days and not any(abs(d) <= _LONGEST_MONTH[m - 1] for m in months for d in days):
        return "its repeat rule never matches a date"
    if _per_day(rule, frequency, interval) > 24:
        return "it repeats more often than every hour"
    return _set_position_problem(rule, frequency, interval, weekdays, has)


def _per_day(rule: icalendar.vRecur, frequency: str, interval: int) -> int:
    minutes_and_seconds = len(rule.get("BYMINUTE") or [0]) * len(rule.get("BYSECOND") or [0])
    if frequency == "HOURLY":
        hours = len(rule.get("BYHOUR") or []) or math.ceil(24 / interval)
    else:
        hours = len(rule.get("BYHOUR") or [0])
    return hours * minutes_and_seconds


def _set_position_problem(
    rule: icalendar.vRecur,
    frequency: str,
    interval: int,
    weekdays: list[tuple[int | None, str]],
    has: set[str],
) -> str | None:
    positions = rule.get("BYSETPOS") or []
    if not positions:
        return None
    if len(positions) > _MAX_SET_POSITIONS or has & {"BYMONTHDAY", "BYYEARDAY", "BYWEEKNO"}:
        return "its repeat rule is too complex for Tandem to read"
    # The most dates one period can hold; a position beyond it never matches.
    distinct = len({day for _, day in weekdays})
    per_month = min(31, 5 * distinct) if distinct else 31
    months = len(rule.get("BYMONTH") or range(1, 13))
    days = {
        "YEARLY": min(366, per_month * months),
        "MONTHLY": per_month,
        "WEEKLY": distinct or 1,
        "DAILY": 1,
        "HOURLY": 1,
    }[frequency]
    if frequency == "HOURLY":
        times = len(rule.get("BYMINUTE") or [0]) * len(rule.get("BYSECOND") or [0])
    else:
        times = _per_day(rule, frequency, interval)
    if all(abs(position) > days * times for position in positions):
        return "its repeat rule never matches a date"
    return None


def _rule_cost(rule: icalendar.vRecur, start: date, window: _Window) -> int:
    """Steps dateutil takes: it always walks from the first occurrence to the window's end."""
    frequency = _single(rule, "FREQ")
    interval = _single(rule, "INTERVAL", 1)
    first = start.date() if isinstance(start, datetime) else start
    last = window.end.date()
    until = _single(rule, "UNTIL")
    if until is not None:
        last = min(last, until.date() if isinstance(until, datetime) else until)
    days = max(0, (last - first).days) + 1
    steps = days * _STEPS_PER_DAY[frequency] / interval + 1
    positions = len(rule.get("BYSETPOS") or [])
    return math.ceil(steps * _STEP_COST[frequency] * (1 + positions))


def _single(rule: icalendar.vRecur, part: str, default: Any = None) -> Any:
    values = rule.get(part)
    return values[0] if values else default


def _aware(value: date, tz: tzinfo, floating: tzinfo | None = None) -> datetime:
    if not isinstance(value, datetime):
        # All-day events are days in the person's own calendar.
        return datetime.combine(value, time(), tz)
    if value.tzinfo is None:
        return value.replace(tzinfo=floating or tz).astimezone(tz)
    return value.astimezone(tz)


def _instance(start: date, recurrence_ids: tuple[Any, ...]) -> str:
    """The occurrence's original start: in UTC when it has a zone, as written when floating."""
    if not recurrence_ids:
        if not isinstance(start, datetime):
            return start.isoformat()
        if start.tzinfo is None:
            return start.isoformat()
        return start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    original = recurrence_ids[0]
    if not isinstance(start, datetime):
        return original.date().isoformat()
    # recurring-ical-events gives (UTC, local) for zoned ids and (local,) for floating ones.
    if len(recurrence_ids) > 1:
        return original.strftime("%Y-%m-%dT%H:%M:%SZ")
    return original.isoformat()


def _uid(component: icalendar.Event) -> str:
    uid = str(component.get("UID", "")).strip()
    if uid:
        return uid
    # Without a UID, the start and title are the most stable identity on offer.
    start = component.get("DTSTART")
    stamp = start.to_ical().decode() if start is not None and hasattr(start, "to_ical") else ""
    summary = str(component.get("SUMMARY", ""))
    uid = "tandem-" + hashlib.sha256(f"{stamp}|{summary}".encode()).hexdigest()[:24]
    component["UID"] = uid
    return uid


def _repeats(component: icalendar.Event) -> bool:
    return any(name in component for name in ("RRULE", "RDATE", "RECURRENCE-ID"))


def _title(group: list[icalendar.Event]) -> str:
    for component in group:
        summary = str(component.get("SUMMARY", "")).strip()
        if summary:
            return _shorten(summary)
    return "an event without a title"


def _shorten(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def _clean_text(text: str) -> str:
    """Drop control characters, which make the file invalid; icalendar escapes newlines."""
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
