"""How often a one-on-one series meets, and when its meetings fall (PRODUCT.md §7).

A cadence rule says how often, on which weekday, at what wall-clock time in the owner's time
zone, and for how long. Its meetings keep that wall-clock time across daylight-saving
changes: a 10:00 meeting is at 10:00 local in winter and in summer. A time that does not
exist on a spring-forward day moves forward by the gap (02:30 becomes 03:30), as the time
zone itself reads it.

The rhythm is anchored at the first meeting, the first of the rule's weekday on or after the
day the series starts: a fortnightly series meets on the same weeks whichever window is
asked for, and a monthly one on the same weekday of the month (the first Tuesday, or the last
Friday when the first meeting fell on a fifth one). Finding a window's meetings costs the
window, never the series' age.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from dateutil import rrule

from tandem.lib.dates import format_date

__all__ = [
    "CADENCE_LABELS",
    "DEFAULT_DURATION",
    "MAX_DURATION",
    "MAX_EVERY_WEEKS",
    "MIN_DURATION",
    "Cadence",
    "CadenceError",
    "CadenceRule",
    "check_rule",
    "describe",
    "occurrences",
]


class Cadence(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    CUSTOM = "custom"


CADENCE_LABELS = {
    Cadence.DAILY: "Short daily (working days)",
    Cadence.WEEKLY: "Weekly",
    Cadence.FORTNIGHTLY: "Every two weeks",
    Cadence.MONTHLY: "Monthly",
    Cadence.CUSTOM: "Every few weeks",
}

# Half a year: any rarer and it is no longer a rhythm of one-on-ones.
MAX_EVERY_WEEKS = 26
MIN_DURATION, MAX_DURATION, DEFAULT_DURATION = 5, 240, 30


@dataclass(frozen=True)
class CadenceRule:
    """weekday is 0 for Monday and is ignored by DAILY, which meets Monday to Friday; time is
    the local wall-clock start in the owner's zone; every_weeks is read by CUSTOM only."""

    cadence: Cadence
    weekday: int
    time: dt.time
    duration_minutes: int
    starts_on: dt.date
    ends_on: dt.date | None = None
    every_weeks: int = 1


class CadenceError(ValueError):
    """A rule that makes no sense; field names the rule's field at fault."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def check_rule(rule: CadenceRule) -> None:
    """Nothing when the rule makes sense, else CadenceError saying what to change."""
    if rule.cadence not in Cadence:
        choices = ", ".join(label.lower() for label in CADENCE_LABELS.values())
        raise CadenceError(f"Choose how often you meet: {choices}.", field="cadence")
    if rule.cadence is Cadence.CUSTOM and not 1 <= rule.every_weeks <= MAX_EVERY_WEEKS:
        every = f"every {rule.every_weeks} weeks"
        why = "would never meet" if rule.every_weeks < 1 else "is more than half a year apart"
        raise CadenceError(
            f"Meet every 1 to {MAX_EVERY_WEEKS} weeks: {every} {why}.", field="every_weeks"
        )
    if not 0 <= rule.weekday <= 6:
        raise CadenceError("Choose a weekday from Monday to Sunday.", field="weekday")
    if not MIN_DURATION <= rule.duration_minutes <= MAX_DURATION:
        size = "short" if rule.duration_minutes < MIN_DURATION else "long"
        raise CadenceError(
            f"A one-on-one lasts {MIN_DURATION} to {MAX_DURATION} minutes: "
            f"{rule.duration_minutes} minutes is too {size}.",
            field="duration_minutes",
        )
    if rule.ends_on is not None and rule.ends_on < rule.starts_on:
        # Each date shows its year when the two years differ.
        ends = format_date(rule.ends_on, rule.starts_on)
        starts = format_date(rule.starts_on, rule.ends_on)
        raise CadenceError(
            f"The series ends on {ends} before it starts on {starts}; "
            "choose an end on or after its start.",
            field="ends_on",
        )


def occurrences(
    rule: CadenceRule, zone: dt.tzinfo, *, after: dt.datetime, until: dt.date, limit: int
) -> list[dt.datetime]:
    """The start times, aware and in UTC, of the rule's meetings that start at or after
    `after` (aware), on local days from rule.starts_on to `until` and rule.ends_on, at most
    `limit` of them, earliest first."""
    last_day = until if rule.ends_on is None else min(until, rule.ends_on)
    # A day early: a gap in the clock can move the day before's meeting past midnight.
    window_start = max(rule.starts_on, after.astimezone(zone).date() - dt.timedelta(days=1))
    first = _first_on_or_after(rule, window_start)
    if limit <= 0 or first > last_day:
        return []
    found: list[dt.datetime] = []
    for local in _rrule(rule, first, dt.datetime.combine(last_day, rule.time)):
        start = local.replace(tzinfo=zone).astimezone(dt.UTC)
        if start >= after:
            found.append(start)
            if len(found) == limit:
                break
    return found


def describe(rule: CadenceRule) -> str:
    """The rule in a line: "Weekly on Tuesdays at 10:00, 30 minutes"."""
    when = f"at {rule.time:%H:%M}, {_duration(rule.duration_minutes)}"
    if rule.cadence is Cadence.DAILY:
        return f"Every working day {when}"
    day = _DAY_NAMES[rule.weekday]
    if rule.cadence is Cadence.MONTHLY:
        nth = _nth_of_month(_anchor(rule))
        return f"Monthly on the {_ORDINALS[nth]} {day} {when}"
    every = _every_weeks(rule)
    if every == 1:
        return f"Weekly on {day}s {when}"
    if every == 2:
        return f"Every two weeks on {day}s {when}"
    return f"Every {every} weeks on {day}s {when}"


_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
_WORKING_DAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR)


def _anchor(rule: CadenceRule) -> dt.date:
    """The day of the first meeting: the first of the rule's weekday on or after its start."""
    return rule.starts_on + dt.timedelta(days=(rule.weekday - rule.starts_on.weekday()) % 7)


def _duration(minutes: int) -> str:
    """In words: "45 minutes", "1 hour", "1 hour 30 minutes"."""
    hours, rest = divmod(minutes, 60)
    parts = [f"{hours} hour{'' if hours == 1 else 's'}"] if hours else []
    if rest or not hours:
        parts.append(f"{rest} minute{'' if rest == 1 else 's'}")
    return " ".join(parts)


def _every_weeks(rule: CadenceRule) -> int:
    return {Cadence.WEEKLY: 1, Cadence.FORTNIGHTLY: 2}.get(rule.cadence, rule.every_weeks)


def _nth_of_month(day: dt.date) -> int:
    """Which of its weekday in its month `day` is: 1 to 4, or -1 for a fifth (the last)."""
    nth = (day.day - 1) // 7 + 1
    return -1 if nth == 5 else nth


def _first_on_or_after(rule: CadenceRule, day: dt.date) -> dt.date:
    """A day on or after `day` from which the rule's own rhythm runs: for the weekly kinds the
    first meeting day of the anchored rhythm, for the others `day` itself (their rule
    matches the days)."""
    if rule.cadence is Cadence.DAILY:
        return day
    anchor = _anchor(rule)
    if rule.cadence is Cadence.MONTHLY or day <= anchor:
        return max(day, anchor)
    period = 7 * _every_weeks(rule)
    periods = -(-(day - anchor).days // period)
    return anchor + dt.timedelta(days=periods * period)


def _rrule(rule: CadenceRule, first: dt.date, until: dt.datetime) -> rrule.rrule:
    """The rule's naive local start times from `first` to `until`; dateutil walks from its
    dtstart, so `first` lies in the window."""
    start = dt.datetime.combine(first, rule.time)
    if rule.cadence is Cadence.DAILY:
        return rrule.rrule(rrule.DAILY, dtstart=start, until=until, byweekday=_WORKING_DAYS)
    if rule.cadence is Cadence.MONTHLY:
        weekday = rrule.weekday(rule.weekday, _nth_of_month(_anchor(rule)))
        return rrule.rrule(rrule.MONTHLY, dtstart=start, until=until, byweekday=weekday)
    return rrule.rrule(rrule.WEEKLY, dtstart=start, until=until, interval=_every_weeks(rule))
