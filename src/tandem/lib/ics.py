"""Calendar files (.ics): meetings and time off in, due dates and one-on-ones out.

Files come from Google, Outlook and Apple exports, and from anywhere else, so
reading is bounded on every side: the file's size, the events parsed, the
occurrences returned and the work spent expanding repeat rules.

icalendar parses the file and recurring-ical-events works out every
occurrence, single events included: the end an event gets without DTEND or
DURATION, which revision of an event wins (SEQUENCE), what overlaps the
window, X-WR-TIMEZONE, moved and cancelled occurrences and RANGE=THISANDFUTURE
are theirs. Tandem adds three things around them.

Repeat rules are screened before they are expanded, because dateutil, which
expands them, cannot be interrupted: it yields nothing until a date matches.
A rule that never matches (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) makes it walk
day by day to the year 9999 (seconds), an INTERVAL of 0 never ends, and an
hourly rule that started in 1970 takes half a million steps to reach today.
Time zone definitions inside the file (VTIMEZONE) carry repeat rules too and
are screened the same way. A rule that cannot be read at all (an empty
``RRULE:``, no frequency) is dropped, with a note: the event happens once, at
its start, as a public-holiday calendar that writes them means.

Before icalendar parses the file, a fast pass over the text drops what
Tandem never reads (alarms, to-dos, attendees, descriptions) and events that
lie well outside the window, which makes a large export of a whole calendar
history quick to read. When more single events fall in the window than
Tandem keeps, the earliest of the whole file are kept, by their start as
written.

Every occurrence is identified by its UID and its original start (see
CalendarEvent), and every file by the calendar it exports
(CalendarImport.identity), so that importing a calendar again can replace
what it brought before.
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
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
from icalendar.timezone import tzp

from tandem.lib.dates import format_date

__all__ = [
    "MAX_BYTES",
    "MAX_EVENTS",
    "MAX_UID",
    "CalendarError",
    "CalendarEvent",
    "CalendarImport",
    "DueItem",
    "MeetingItem",
    "due_dates_calendar",
    "meetings_calendar",
    "read_calendar",
]

MAX_BYTES = 5 * 1024 * 1024
MAX_EVENTS = 5000
# The longest UID passed on as it is; longer ones are replaced by a hash of themselves.
MAX_UID = 255


class CalendarError(ValueError):
    """The file cannot be read as a calendar; the message says why, for the user."""


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One occurrence of an event, with aware times in the person's zone.

    ``(uid, instance)`` identifies the occurrence across imports of the same
    calendar. ``uid`` is the event's UID, at most MAX_UID characters: a longer
    one becomes "sha256:" and its hash, the same on every import. ``instance``
    is empty for an event that does not repeat; for a repeating one it is the
    occurrence's original start, whatever moved it (its own RECURRENCE-ID or
    a RANGE=THISANDFUTURE change of an earlier one): "2026-03-02T09:00:00Z"
    in UTC, "2026-03-02" for all-day events, "2026-03-02T10:00:00" for
    floating times.
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
    """The occurrences in the window, and what tells this calendar apart from others.

    ``identity`` is "name:" and a hash of the calendar's name (X-WR-CALNAME,
    or NAME) with the maker in its PRODID, version numbers left out, so that
    a newer export of the same calendar has the same identity; it is empty
    when the file names no calendar. ``uids`` are the UIDs of every event in
    the file, in the window or not, as CalendarEvent spells them; ``unread``
    those of events that were skipped with a warning or left out when the
    work ran out: they are still in the calendar, Tandem could not read them.
    """

    events: list[CalendarEvent]
    warnings: list[str]
    truncated: bool
    identity: str = ""
    uids: frozenset[str] = frozenset()
    unread: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class DueItem:
    """A due date to export; ``uid`` must be stable and globally unique."""

    uid: str
    title: str
    due: date
    description: str = ""


@dataclass(frozen=True, slots=True)
class MeetingItem:
    """A meeting to export, with aware times; ``uid`` must be stable and globally unique."""

    uid: str
    title: str
    start: datetime
    end: datetime
    description: str = ""
    url: str = ""


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
    readable calendar; problems with single events become warnings, and so
    does a file from which nothing can be imported (only to-dos, or nothing
    in the window).
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
    scan = _Scan()
    with _ICALENDAR_LOCK:
        # icalendar keeps every VTIMEZONE it parses in a process-wide cache, keyed by
        # TZID, first come first served: forget other files' zones so this file's apply.
        icalendar.use_zoneinfo()
        prepared = _prepare(text, window, max_blocks=2 * max_events, notes=notes, scan=scan)
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
        _expand(calendar, window, tz, budget, collector, notes, scan)
    events = collector.earliest()
    _note_rules_dropped(events, scan, notes)
    if not events:
        _note_nothing_to_import(scan, window_start, window_end, notes)
    if collector.overflow or scan.dropped:
        notes.truncated = True
        notes.add(f"Only the first {max_events:,} events were imported")
    return CalendarImport(
        events=events,
        warnings=notes.messages(),
        truncated=notes.truncated,
        identity=scan.identity(),
        uids=frozenset(scan.uids),
        unread=frozenset(scan.unread),
    )


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


def meetings_calendar(
    items: Iterable[MeetingItem],
    *,
    name: str,
    prodid: str = "-//Tandem//EN",
    stamp: datetime | None = None,
) -> bytes:
    """An .ics file named ``name`` with one timed event per meeting, in UTC, which every
    calendar shows in its own zone. The events block time (no TRANSP: opaque).

    ``stamp`` (DTSTAMP) defaults to now; pass it to get identical output for identical input.
    """
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    calendar = icalendar.Calendar()
    calendar.add("PRODID", prodid)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("X-WR-CALNAME", _clean_text(name))
    for item in items:
        if item.start.tzinfo is None or item.end.tzinfo is None:
            raise ValueError(f"Meeting {item.uid!r} needs aware start and end times")
        event = icalendar.Event()
        event.add("UID", _clean_text(item.uid))
        event.add("DTSTAMP", stamp)
        event.add("DTSTART", item.start.astimezone(UTC))
        event.add("DTEND", item.end.astimezone(UTC))
        event.add("SUMMARY", _clean_text(item.title))
        if item.description:
            event.add("DESCRIPTION", _clean_text(item.description))
        if item.url:
            event.add("URL", item.url)
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
# Properties Tandem reads only for one value: the others mean what leaving them out means.
_ONLY_WHEN = {"STATUS": "CANCELLED", "TRANSP": "TRANSPARENT"}
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
    prodid: str = ""
    name: str = ""


@dataclass(slots=True)
class _Scan:
    """What the whole file holds, beyond the events that are read: for notes and identity."""

    names: list[tuple[str, str]] = field(default_factory=list)
    uids: set[str] = field(default_factory=set)
    unread: set[str] = field(default_factory=set)
    # Events are counted by UID: a series and its moved occurrences are one event.
    events: int = 0
    outside: int = 0
    dropped: int = 0
    todos: int = 0
    journals: int = 0
    rules_dropped: set[str] = field(default_factory=set)

    def identity(self) -> str:
        named = sorted({(_maker(prodid), name.casefold()) for prodid, name in self.names if name})
        if not named:
            return ""
        text = "\n".join(f"{maker}\t{name}" for maker, name in named)
        return "name:" + hashlib.sha256(text.encode()).hexdigest()[:32]


def _maker(prodid: str) -> str:
    """Who made the file, without versions: "-//google inc//google calendar //en"."""
    return re.sub(r"[0-9][0-9.]*", "", prodid).strip().casefold()


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise CalendarError("This is not a calendar file: it holds binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Outlook versions write Windows-1252.
        return data.decode("cp1252", errors="replace")


def _prepare(text: str, window: _Window, *, max_blocks: int, notes: _Notes, scan: _Scan) -> str:
    """Check the structure and keep only what Tandem reads, as text for icalendar."""
    text = _UNFOLD.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    calendars: list[_Calendar] = []
    stack: list[str] = []
    skipped_depth = 0
    damaged = 0
    block: _Block | None = None
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
                if stack == ["VCALENDAR"]:
                    scan.todos += component == "VTODO"
                    scan.journals += component == "VJOURNAL"
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
                calendars[-1].events.append(block)
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
            elif name == "PRODID":
                calendars[-1].prodid = value.strip()
            elif name in ("X-WR-CALNAME", "NAME") and not calendars[-1].name:
                calendars[-1].name = value.strip()
            continue
        if block is None:
            continue
        # A second DTSTART or SUMMARY breaks the rules, and icalendar would return a list.
        if stack[-1] == "VEVENT" and (
            name not in _EVENT_PROPERTIES
            or (name in _ONCE and name in block.values)
            or (name in _ONLY_WHEN and value.strip().upper() != _ONLY_WHEN[name])
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
    _select(calendars, window, max_blocks, scan)
    return "\r\n".join(_emit(calendar, window, notes) for calendar in calendars) + "\r\n"


_NOT_A_CALENDAR = (
    "This is not a calendar file: an .ics file starts with BEGIN:VCALENDAR. "
    "Export the calendar as .ics (iCalendar) and try again"
)


def _select(calendars: list[_Calendar], window: _Window, max_blocks: int, scan: _Scan) -> None:
    """Keep the events that can touch the window: every series, and the earliest single ones.

    The blocks of one UID are kept or dropped together (the latest revision of an
    event may have moved out of the window, and must still win). Of more single
    events than ``max_blocks``, the earliest of the whole file are kept, by their
    start as written; twice the number needed, so that time zones cannot change
    which ones are the earliest.
    """
    singles: list[tuple[str, int, list[_Block]]] = []
    kept: set[int] = set()
    for calendar in calendars:
        scan.names.append((calendar.prodid, calendar.name))
        groups: dict[str, list[_Block]] = {}
        for index, block in enumerate(calendar.events):
            uid = block.values.get("UID", ("", ""))[1].strip()
            if uid:
                scan.uids.add(_bounded(uid))
            groups.setdefault(uid or f"\0{index}", []).append(block)
        scan.events += len(groups)
        for group in groups.values():
            if not any(_event_is_needed(block, window) for block in group):
                scan.outside += 1
            elif any(_repeats_as_written(block) for block in group):
                kept.update(id(block) for block in group)
            else:
                first = min(block.values.get("DTSTART", ("", ""))[1].strip() for block in group)
                singles.append((first[:15], len(singles), group))
    room = max_blocks
    ordered = sorted(singles, key=lambda single: single[:2])
    for position, (_, _, group) in enumerate(ordered):
        if len(group) > room:
            scan.dropped += len(ordered) - position
            break
        room -= len(group)
        kept.update(id(block) for block in group)
    for calendar in calendars:
        calendar.events = [block for block in calendar.events if id(block) in kept]


def _repeats_as_written(block: _Block) -> bool:
    return "REPEATS" in block.values or "RECURRENCE-ID" in block.values


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
_ALL_FREQUENCIES = (*_FREQUENCIES, "MINUTELY", "SECONDLY")
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
    """The earliest ``limit`` occurrences, one per identity, kept in bounded memory."""

    limit: int
    events: list[CalendarEvent] = field(default_factory=list)
    overflow: bool = False

    def add(self, event: CalendarEvent) -> None:
        self.events.append(event)
        if len(self.events) > 2 * self.limit:
            self.events = self.earliest()

    def earliest(self) -> list[CalendarEvent]:
        # An event can appear twice (in two calendars of one file): its earliest copy counts.
        ordered = sorted(self.events, key=lambda e: (e.start, e.end, e.uid, e.instance))
        unique = list({(e.uid, e.instance): e for e in reversed(ordered)}.values())[::-1]
        if len(unique) > self.limit:
            self.overflow = True
        return unique[: self.limit]


@dataclass(slots=True)
class _Budget:
    left: int = _TOTAL_BUDGET

    def spend(self, cost: int) -> bool:
        if cost > self.left:
            return False
        self.left -= cost
        return True


@dataclass(frozen=True, slots=True)
class _Facts:
    summary: str
    busy: bool
    cancelled: bool


class _EventAdapter(recurring_ical_events.EventAdapter):
    """An event as recurring-ical-events sees it, with what Tandem reads of it, read once."""

    @cached_property
    def facts(self) -> _Facts:
        return _facts(self._component)


class _Occurrence(recurring_ical_events.Occurrence):
    """An occurrence that knows its original start, which identifies it.

    recurring-ical-events gives an occurrence made by a RANGE=THISANDFUTURE change
    the RECURRENCE-ID of that change (python-recurring-ical-events issue 222): here
    an occurrence the rule made started where the rule put it, before the change
    moved it; one the file writes out (a moved occurrence) is known by its own
    RECURRENCE-ID.
    """

    def __init__(self, adapter: _EventAdapter, start=None, end=None, sequence=-1) -> None:
        super().__init__(adapter, start, end, sequence)
        self.original = None if start is None else start - adapter.move_recurrences_by
        # The summary, busy and cancelled of the event, or of the moved occurrence or the
        # RANGE=THISANDFUTURE change this occurrence follows.
        self.facts = adapter.facts


class _Query(recurring_ical_events.CalendarQuery):
    # Whatever goes wrong working out one event's dates must not sink the others:
    # the event is left out and reported ("its dates do not add up").
    suppressed_errors = [Exception]


_EVENTS = recurring_ical_events.ComponentsWithName(
    "VEVENT", adapter=_EventAdapter, occurrence=_Occurrence
)


def _expand(
    calendar: icalendar.Calendar,
    window: _Window,
    tz: tzinfo,
    budget: _Budget,
    collector: _Collector,
    notes: _Notes,
    scan: _Scan,
) -> None:
    _calendar_zone(calendar, notes)
    groups: dict[str, list[icalendar.Event]] = {}
    for component in calendar.subcomponents:
        if component.name == "VEVENT":
            groups.setdefault(_uid(component), []).append(component)
    titles: dict[str, str] = {}
    repeating: set[str] = set()
    for uid, group in groups.items():
        title = _title(group)
        scan.uids.add(_bounded(uid))
        problem, cost, rule_dropped = _screen(group, window)
        if problem is not None:
            notes.add(f"Skipped '{title}': {problem}")
            scan.unread.add(_bounded(uid))
            continue
        if not budget.spend(cost + _OCCURRENCE_COST):
            _note_out_of_budget(notes)
            scan.unread.add(_bounded(uid))
            continue
        titles[uid] = title
        if any(_repeats(component) for component in group):
            repeating.add(uid)
        if rule_dropped:
            scan.rules_dropped.add(_bounded(uid))
    calendar.subcomponents = [
        c for c in calendar.subcomponents if c.name != "VEVENT" or _uid(c) in titles
    ]
    try:
        query = recurring_ical_events.of(
            calendar, components=[_EVENTS], skip_bad_series=True, calendar_query=_Query
        )
    except Exception as error:
        raise CalendarError(f"The calendar file is damaged and cannot be read ({error})") from error
    expanded = {str(series.uid) for series in query.series}
    for uid in titles:
        if uid not in expanded:
            notes.add(f"Skipped '{titles[uid]}': its dates do not add up")
            scan.unread.add(_bounded(uid))
    for index, series in enumerate(query.series):
        uid = str(series.uid)
        read = _expand_series(series, uid in repeating, window, tz, budget, collector, scan)
        if read is None:
            _note_out_of_budget(notes)
            scan.unread.update(_bounded(str(later.uid)) for later in query.series[index:])
            return
        if not read:
            notes.add(f"Skipped '{titles[uid]}': its repeat rule cannot be read")
            scan.unread.add(_bounded(uid))


def _expand_series(
    series: recurring_ical_events.Series,
    repeats: bool,
    window: _Window,
    tz: tzinfo,
    budget: _Budget,
    collector: _Collector,
    scan: _Scan,
) -> bool | None:
    """Collect the occurrences of one event in the window.

    False if they cannot be worked out, None if the work ran out before they were.
    """
    uid = _bounded(str(series.uid))
    found = False
    try:
        # Not in order of start (moved occurrences come last): all of them are weighed.
        for occurrence in series.between(window.start, window.end):
            found = True
            if not budget.spend(_OCCURRENCE_COST):
                return None
            if not occurrence.facts.cancelled:
                collector.add(_event(uid, occurrence, tz, repeats))
    except Exception:
        # dateutil and recurring-ical-events raise a variety of errors for odd rules.
        return False
    if not found:
        scan.outside += 1
    return True


def _facts(component: icalendar.Event) -> _Facts:
    return _Facts(
        summary=str(component.get("SUMMARY", "")).strip(),
        busy=str(component.get("TRANSP", "OPAQUE")).strip().upper() != "TRANSPARENT",
        cancelled=str(component.get("STATUS", "")).strip().upper() == "CANCELLED",
    )


def _event(uid: str, occurrence: _Occurrence, tz: tzinfo, repeats: bool) -> CalendarEvent:
    all_day = not isinstance(occurrence.start, datetime)
    start, end = _aware(occurrence.start, tz), _aware(occurrence.end, tz)
    if all_day and end <= start:
        end = start + _ONE_DAY
    return CalendarEvent(
        uid=uid,
        instance=_instance(occurrence, all_day) if repeats else "",
        summary=occurrence.facts.summary,
        start=start,
        end=end,
        all_day=all_day,
        busy=occurrence.facts.busy,
    )


def _note_out_of_budget(notes: _Notes) -> None:
    notes.truncated = True
    notes.add(
        "The calendar repeats too many events to read at once; "
        "some were left out. Import a shorter date range"
    )


def _note_rules_dropped(events: list[CalendarEvent], scan: _Scan, notes: _Notes) -> None:
    """One note for every event read as happening once, because its repeat rule was unusable."""
    titles = list(
        {
            e.uid: _shorten(e.summary) or "an event without a title"
            for e in events
            if e.uid in scan.rules_dropped
        }.values()
    )
    if not titles:
        return
    named = ", ".join(f"'{title}'" for title in titles[:3])
    if len(titles) > 3:
        named += f" and {len(titles) - 3:,} more"
    if len(titles) == 1:
        notes.add(
            "1 event has an empty or unreadable repeat rule; it was read as happening once: "
            + named
        )
    else:
        notes.add(
            f"{len(titles):,} events have an empty or unreadable repeat rule; "
            f"each was read as happening once: {named}"
        )


def _note_nothing_to_import(scan: _Scan, first: date, last: date, notes: _Notes) -> None:
    """Why a file gave nothing to import, when the warnings do not already say it."""
    if not scan.events:
        kinds = [
            _count(scan.todos, "to-do", "to-dos"),
            _count(scan.journals, "journal entry", "journal entries"),
        ]
        held = " and ".join(kind for kind in kinds if kind)
        if held:
            notes.add(
                f"The file holds {held} and no events; "
                "Tandem imports events (meetings and days away)"
            )
        else:
            notes.add("The file holds no events")
        return
    if not scan.outside:
        return
    dates = f"between {format_date(first)} {first.year} and {format_date(last)} {last.year}"
    if scan.outside == scan.events == 1:
        notes.add(f"The calendar's only event does not fall {dates}, the dates Tandem plans")
    elif scan.outside == scan.events:
        notes.add(
            f"None of the calendar's {scan.events:,} events falls {dates}, the dates Tandem plans"
        )
    else:
        events = _count(scan.outside, "event falls", "events fall")
        notes.add(f"The calendar's other {events} outside the dates Tandem plans ({dates})")


def _count(number: int, one: str, many: str) -> str:
    if not number:
        return ""
    return f"{number:,} {one if number == 1 else many}"


def _calendar_zone(calendar: icalendar.Calendar, notes: _Notes) -> None:
    """Make X-WR-TIMEZONE an IANA name for recurring-ical-events, which applies it."""
    name = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    if not name:
        return
    # The library hands the name to zoneinfo, which knows only IANA names.
    zone = _zone_by_name(name)
    if isinstance(zone, ZoneInfo):
        calendar["X-WR-TIMEZONE"] = zone.key
        return
    notes.add(f"Unknown time zone '{_shorten(name)}': its times were read in yours")
    del calendar["X-WR-TIMEZONE"]


def _screen(group: list[icalendar.Event], window: _Window) -> tuple[str | None, int, bool]:
    """Why the events of one UID cannot be read, if so; the work their expansion costs;
    and whether a repeat rule that cannot be read was dropped, which leaves a single event.
    """
    cost = 0
    dropped = False
    for component in group:
        broken = [
            _PROPERTY_NAMES[name]
            for name, _ in component.errors
            if name in _PROPERTY_NAMES and name != "RRULE"
        ]
        if broken:
            return f"its {broken[0]} cannot be read", 0, False
        if "DTSTART" not in component:
            return "it has no start", 0, False
        for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
            value = component[name].dt if name in component else date(2000, 1, 1)
            if not isinstance(value, date) or not _FIRST_YEAR <= value.year <= _LAST_YEAR:
                return f"its {_PROPERTY_NAMES[name]} is not a usable date", 0, False
        duration = component["DURATION"].dt if "DURATION" in component else timedelta()
        if not isinstance(duration, timedelta) or abs(duration) > _LONGEST_EVENT:
            return f"its {_PROPERTY_NAMES['DURATION']} is not usable", 0, False
        start = component["DTSTART"].dt
        end = component["DTEND"].dt if "DTEND" in component else start
        if duration < timedelta() or _aware(end, UTC) < _aware(start, UTC):
            return "it ends before it starts", 0, False
        if not isinstance(component.get("SEQUENCE", 0), int):
            del component["SEQUENCE"]  # an unreadable revision number counts as the first
        rules = component.get("RRULE", [])
        rules = rules if isinstance(rules, list) else [rules]
        readable = [rule for rule in rules if _readable(rule)]
        if len(readable) < len(rules):
            dropped = True
            del component["RRULE"]
            if readable:
                component["RRULE"] = readable if len(readable) > 1 else readable[0]
        for rule in readable:
            problem = _rule_problem(rule)
            if problem is not None:
                return problem, 0, False
            rule_cost = _rule_cost(rule, start, window)
            if rule_cost > _RULE_BUDGET:
                return f"it repeats too often since {start.year} to work out", 0, False
            cost += rule_cost
        rdates = component.get("RDATE", [])
        cost += sum(len(r.dts) for r in (rdates if isinstance(rdates, list) else [rdates]))
    return None, cost, dropped


def _readable(rule: Any) -> bool:
    """Whether a repeat rule says how often the event repeats: without that, it says nothing."""
    return isinstance(rule, icalendar.vRecur) and _single(rule, "FREQ") in _ALL_FREQUENCIES


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


def _aware(value: date, tz: tzinfo) -> datetime:
    if not isinstance(value, datetime):
        # All-day events are days in the person's own calendar.
        return datetime.combine(value, time(), tz)
    if value.tzinfo is None:
        return value.replace(tzinfo=tz)
    return value.astimezone(tz)


def _instance(occurrence: _Occurrence, all_day: bool) -> str:
    """The occurrence's original start: in UTC when it has a zone, as written when floating."""
    original = occurrence.original
    if original is None:
        # Written out in the file: recurring-ical-events gives its RECURRENCE-ID as
        # (UTC, local) when it has a zone and (local,) when floating, without tzinfo.
        ids = occurrence.recurrence_ids
        if all_day:
            return ids[0].date().isoformat()
        return ids[0].strftime("%Y-%m-%dT%H:%M:%SZ") if len(ids) > 1 else ids[0].isoformat()
    if not isinstance(original, datetime):
        return original.isoformat()
    if all_day:
        return original.date().isoformat()
    if original.tzinfo is None:
        return original.isoformat()
    return original.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _uid(component: icalendar.Event) -> str:
    written = str(component.get("UID", ""))
    uid = written.strip()
    if not uid:
        # Without a UID, the start and title are the most stable identity on offer.
        start = component.get("DTSTART")
        stamp = start.to_ical().decode() if hasattr(start, "to_ical") else ""
        summary = str(component.get("SUMMARY", ""))
        uid = "tandem-" + hashlib.sha256(f"{stamp}|{summary}".encode()).hexdigest()[:24]
    if uid != written:
        component["UID"] = uid
    return uid


def _bounded(uid: str) -> str:
    """The UID, or for one longer than MAX_UID a hash of it: the same on every import."""
    if len(uid) <= MAX_UID:
        return uid
    return "sha256:" + hashlib.sha256(uid.encode()).hexdigest()


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
