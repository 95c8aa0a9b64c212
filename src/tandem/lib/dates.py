"""Dates as people type them, read relative to the person's own today: due dates
(`parse_date`, `read_date`) and when something happened (`parse_past_date`,
`read_past_date`).

The caller computes ``today`` in the person's time zone. The rules for due dates:

- "today", "tomorrow", "day after tomorrow".
- A weekday ("friday", "fri", "this friday", "on fri") is the next such day,
  today included: "friday" typed on a Friday means today.
- "next friday" is the Friday of next week (weeks start on Monday): on a
  Tuesday that is ten days away, on a Saturday it is the coming Friday.
- "next week", "next month", "next year" are the first day of that period
  (Monday, the 1st, 1 January): the earliest reading, the safe one for a
  deadline.
- "end of week" is the coming Friday; "end of month", "end of quarter" and
  "end of year" are their last day; "end of next week/month/..." likewise.
- "in 3 days", "2 weeks", "in a month", "10 days from now", "in 3 working
  days" (weekends skipped).
- ISO dates (2026-12-04) and dates with a month name ("4 Dec", "Dec 4th",
  "Fri 4 Dec 2026"). Without a year, the next such date on or after today.
- "the 4th": the next 4th of a month on or after today.

Numeric dates other than ISO ("12/04") are refused: they read differently
on either side of the Atlantic. Past dates are returned only when the year is
written out (the caller decides whether to accept them); phrases that land
in the past ("yesterday", "last friday") are refused. Anything else goes to
dateparser, whose answer is kept only if the text names a day, week, month or
weekday, because it reads "a" as 1 January and "3h" as today.

When something happened, the same phrases look back instead:

- "today", "yesterday", "day before yesterday".
- A weekday ("monday", "on mon") is the most recent such day, today included.
- "last friday" is the Friday of last week, and "last week", "last month",
  "last year" the first day of that period; "end of last week" is its Friday,
  "end of last month/quarter/year" their last day.
- "3 days ago", "6 weeks ago", "a month ago", "3 working days ago" (weekends
  skipped).
- ISO dates and dates with a month name; without a year, the most recent such
  date on or before today. "the 4th" is the most recent 4th on or before today.

A year written out is taken as it is; any date after today is refused ("when
did it happen?"). The numeric refusal, the length limit and the dateparser
fallback (preferring the past) are shared with due dates.
"""

from __future__ import annotations

import calendar
import difflib
import re
from datetime import date, datetime, time, timedelta

from tandem.lib.errors import TandemError

__all__ = [
    "DATE_RANGE_YEARS",
    "DateParseError",
    "check_date",
    "date_bounds",
    "format_date",
    "parse_date",
    "parse_past_date",
    "read_date",
    "read_past_date",
]


class DateParseError(ValueError):
    """The text is not a date Tandem can read; the message says why, for the user."""


_MAX_LENGTH = 60

_WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "weds": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_UNITS = {
    "day": "day",
    "days": "day",
    "d": "day",
    "working day": "workday",
    "working days": "workday",
    "business day": "workday",
    "business days": "workday",
    "workday": "workday",
    "workdays": "workday",
    "week": "week",
    "weeks": "week",
    "wk": "week",
    "wks": "week",
    "w": "week",
    "fortnight": "fortnight",
    "fortnights": "fortnight",
    "month": "month",
    "months": "month",
    "mo": "month",
    "year": "year",
    "years": "year",
    "yr": "year",
    "yrs": "year",
}
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMBER = "[0-9]{1,4}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_UNIT = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
_ORDINAL = r"([0-9]{1,2})(?:st|nd|rd|th)?"

_FLAGS = re.ASCII
_ISO = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})", _FLAGS)
_NUMERIC = re.compile(r"[0-9]{1,2}[-/.][0-9]{1,2}(?:[-/.][0-9]{2,4})?", _FLAGS)
_WEEKDAY_ONLY = re.compile(rf"(this |coming )?({_WEEKDAY})", _FLAGS)
_NEXT_WEEKDAY = re.compile(rf"next ({_WEEKDAY})|({_WEEKDAY}) next week", _FLAGS)
_LAST_WEEKDAY = re.compile(rf"last ({_WEEKDAY})|({_WEEKDAY}) last week", _FLAGS)
_NEXT_PERIOD = re.compile(r"next (week|month|year)", _FLAGS)
_LAST_PERIOD = re.compile(r"last (week|month|year)", _FLAGS)
_END_OF = re.compile(
    r"(?:the )?(?:end|last day) of (?:the )?(this |next )?(week|month|quarter|year)|eo(w|m|q|y)",
    _FLAGS,
)
_END_OF_LAST = re.compile(
    r"(?:the )?(?:end|last day) of (?:the )?last (week|month|quarter|year)", _FLAGS
)
# "in 3 days", "3 days from now"; "3 days ago" only for dates in the past.
_RELATIVE = re.compile(
    rf"(in )?({_NUMBER}) ({_UNIT})(?:'?s? time| from (?:now|today)| (ago))?", _FLAGS
)
_DAY_MONTH = re.compile(
    rf"(?:({_WEEKDAY}) )?(?:the )?{_ORDINAL} (?:of )?({_MONTH})(?: ([0-9]{{4}}))?", _FLAGS
)
_MONTH_DAY = re.compile(
    rf"(?:({_WEEKDAY}) )?({_MONTH}) (?:the )?{_ORDINAL}(?: ([0-9]{{4}}))?", _FLAGS
)
_MONTH_ONLY = re.compile(rf"({_MONTH})(?: [0-9]{{4}})?", _FLAGS)
_DAY_OF_MONTH = re.compile(r"(?:the )?([0-9]{1,2})(?:st|nd|rd|th)", _FLAGS)
_DATE_WORDS = (
    set(_WEEKDAYS)
    | set(_MONTHS)
    | {"today", "tomorrow", "tonight", "day", "days", "week", "weeks", "weekend"}
    | {"fortnight", "month", "months", "year", "years", "morning", "afternoon", "evening"}
)
_PAST_DATE_WORDS = _DATE_WORDS | {"yesterday"}
_VOCABULARY = sorted(
    set(_WEEKDAYS)
    | set(_MONTHS)
    | set(_NUMBER_WORDS)
    | {u for u in _UNITS if " " not in u}
    | {"today", "tomorrow", "next", "this", "end", "of", "in", "the", "working", "business"}
)
_PAST_VOCABULARY = sorted({*_VOCABULARY, "yesterday", "last", "ago"})


def parse_date(text: str, today: date) -> date:
    """Read a due date typed by a person whose local date is ``today``."""
    return _parse(text, today, past=False)


def parse_past_date(text: str, today: date) -> date:
    """Read when something happened, typed by a person whose local date is ``today``."""
    return _parse(text, today, past=True)


def format_date(d: date, today: date | None = None) -> str:
    """Short form: "Fri 4 Dec", with the year when it is not today's year."""
    text = f"{_DAY_NAMES[d.weekday()][:3]} {d.day} {_MONTH_NAMES[d.month - 1][:3]}"
    return text if today is None or d.year == today.year else f"{text} {d.year}"


def read_date(text: str | None, today: date, *, field: str) -> date | None:
    """The one reader of a typed date: None when blank, TandemError(field) when unreadable
    or further from today than Tandem plans (see `check_date`)."""
    return _read(text, today, field=field, past=False)


def read_past_date(text: str | None, today: date, *, field: str) -> date | None:
    """`read_date` for when something happened: TandemError(field) also for a date after
    today."""
    return _read(text, today, field=field, past=True)


# Every date a person gives Tandem lies within this many years of their today: far enough for
# any plan, near enough that no date arithmetic can run off the calendar.
DATE_RANGE_YEARS = 10


def date_bounds(today: date) -> tuple[date, date]:
    span = timedelta(days=round(365.25 * DATE_RANGE_YEARS))
    return today - span, today + span


def check_date(value: date, today: date, *, field: str) -> date:
    """`value` itself, or TandemError(field) when it is more than ten years from today."""
    earliest, latest = date_bounds(today)
    if not earliest <= value <= latest:
        raise TandemError(
            f"{format_date(value, today)} is more than {DATE_RANGE_YEARS} years from today; "
            f"use a date between {format_date(earliest, today)} and {format_date(latest, today)}.",
            field=field,
        )
    return value


def _parse(text: str, today: date, *, past: bool) -> date:
    raw = " ".join(text.split())
    example = _try(today, past=past)
    if not raw:
        raise DateParseError(f"Enter a date, e.g. {example}")
    if len(raw) > _MAX_LENGTH:
        raise DateParseError(f"'{raw[:20]}…' is too long for a date; try {example}")
    phrase = _normalize(raw)
    try:
        found = _parse_phrase(phrase, raw, today, past=past)
        if found is None:
            found = _parse_with_dateparser(phrase, raw, today, past=past)
    except DateParseError:
        raise
    except (OverflowError, ValueError):
        # Date arithmetic beyond the year 1 or 9999.
        far = "to be a date" if past else "to be a due date"
        raise DateParseError(f"'{raw}' is too far away {far}") from None
    if found is None:
        raise DateParseError(_not_a_date(raw, phrase, today, past=past))
    if past and found > today:
        raise DateParseError(_in_the_future(raw, found, today))
    return found


def _read(text: str | None, today: date, *, field: str, past: bool) -> date | None:
    if text is None or not text.strip():
        return None
    try:
        found = _parse(text, today, past=past)
    except DateParseError as error:
        raise TandemError(str(error), field=field) from None
    return check_date(found, today, field=field)


def _normalize(raw: str) -> str:
    phrase = raw.lower().replace(",", " ")
    phrase = re.sub(r"(?<=[a-z])\.", " ", phrase)
    phrase = re.sub(r"(?<=[0-9])(?!(?:st|nd|rd|th)\b)(?=[a-z])", " ", phrase)
    phrase = " ".join(phrase.split())
    return re.sub(r"^(?:due (?:on |by )?|by |on )", "", phrase)


def _parse_phrase(phrase: str, raw: str, today: date, *, past: bool = False) -> date | None:
    """Tandem's own rules; None when none of them applies. With ``past``, phrases without a
    year look back from today ("monday" is the last one); the caller refuses the future."""
    if phrase in ("today", "tonight", "now", "eod", "end of day", "end of today"):
        return today
    if phrase in ("tomorrow", "tmrw", "tmr", "tomorow", "tommorow", "tommorrow"):
        return today + timedelta(days=1)
    if phrase in ("day after tomorrow", "the day after tomorrow", "overmorrow"):
        return today + timedelta(days=2)
    if phrase == "yesterday":
        if past:
            return today - timedelta(days=1)
        raise DateParseError(_in_the_past(raw, today - timedelta(days=1), today))
    if past and phrase in ("day before yesterday", "the day before yesterday"):
        return today - timedelta(days=2)
    if match := _ISO.fullmatch(phrase):
        return _make_date(raw, int(match[1]), int(match[2]), int(match[3]))
    if _NUMERIC.fullmatch(phrase):
        raise DateParseError(_ambiguous(raw, phrase, today, past=past))
    if match := _WEEKDAY_ONLY.fullmatch(phrase):
        weekday = _WEEKDAYS[match[2]]
        if past and match[1] != "coming ":
            return _on_or_before(today, weekday)
        return _on_or_after(today, weekday)
    if match := _NEXT_WEEKDAY.fullmatch(phrase):
        weekday = _WEEKDAYS[match[1] or match[2]]
        return _start_of_week(today) + timedelta(days=7 + weekday)
    if past and (match := _LAST_WEEKDAY.fullmatch(phrase)):
        weekday = _WEEKDAYS[match[1] or match[2]]
        return _start_of_week(today) - timedelta(days=7 - weekday)
    if match := _NEXT_PERIOD.fullmatch(phrase):
        return _next_period(today, match[1])
    if past and (match := _LAST_PERIOD.fullmatch(phrase)):
        return _last_period(today, match[1])
    if match := _END_OF.fullmatch(phrase):
        return _end_of(today, match[2] or match[3], following=match[1] == "next ")
    if past and (match := _END_OF_LAST.fullmatch(phrase)):
        return _end_of_last(today, match[1])
    # "in 3 days ago" is no rule; "3 days ago" is one only when looking back.
    if (match := _RELATIVE.fullmatch(phrase)) and not (match[4] and (match[1] or not past)):
        count = _NUMBER_WORDS.get(match[2]) or int(match[2])
        return _relative(today, -count if match[4] else count, _UNITS[match[3]])
    if (match := _DAY_MONTH.fullmatch(phrase)) or (match := _MONTH_DAY.fullmatch(phrase)):
        return _named_month_date(match, raw, today, past=past)
    if match := _MONTH_ONLY.fullmatch(phrase):
        month = _MONTH_NAMES[_MONTHS[match[1]] - 1][:3]
        raise DateParseError(f"'{raw}' needs a day too, e.g. '4 {month}'")
    if match := _DAY_OF_MONTH.fullmatch(phrase):
        return _day_of_month(raw, today, int(match[1]), past=past)
    return None


def _parse_with_dateparser(phrase: str, raw: str, today: date, *, past: bool) -> date | None:
    words = set(re.findall(r"[a-z]+", phrase))
    if not words & (_PAST_DATE_WORDS if past else _DATE_WORDS):
        return None
    # dateparser takes a moment to import; most phrases never need it.
    import dateparser

    settings = {
        "PREFER_DATES_FROM": "past" if past else "future",
        "RELATIVE_BASE": datetime.combine(today, time(12)),
        "DATE_ORDER": "DMY",
    }
    try:
        parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    except Exception:
        # dateparser fails in many ways on odd input; to the user it is all "not a date".
        return None
    if parsed is None:
        return None
    found = parsed.date()
    if not past and found < today:
        raise DateParseError(_in_the_past(raw, found, today))
    return found


def _make_date(raw: str, year: int, month: int, day: int) -> date:
    if not 1 <= year <= 9999:
        raise DateParseError(f"'{raw}' is not a date: the year {year} is out of range")
    if not 1 <= month <= 12:
        raise DateParseError(f"'{raw}' is not a date: there is no month {month}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = _MONTH_NAMES[month - 1]
        raise DateParseError(f"'{raw}' is not a date: {name} {year} has {days} days")
    return date(year, month, day)


def _named_month_date(match: re.Match[str], raw: str, today: date, *, past: bool) -> date:
    if match.re is _MONTH_DAY:
        weekday, month, day, year = match[1], _MONTHS[match[2]], int(match[3]), match[4]
    else:
        weekday, day, month, year = match[1], int(match[2]), _MONTHS[match[3]], match[4]
    if year is not None:
        found = _make_date(raw, int(year), month, day)
    else:
        longest = 29 if month == 2 else calendar.monthrange(2001, month)[1]
        if not 1 <= day <= longest:
            name = _MONTH_NAMES[month - 1]
            raise DateParseError(f"'{raw}' is not a date: {name} has {longest} days")
        found = _month_day(today, month, day, past=past)
    if weekday is not None and found.weekday() != _WEEKDAYS[weekday]:
        short = f"{found.day} {_MONTH_NAMES[found.month - 1][:3]} {found.year}"
        raise DateParseError(f"'{raw}' does not add up: {short} is a {_DAY_NAMES[found.weekday()]}")
    return found


def _month_day(today: date, month: int, day: int, *, past: bool) -> date:
    """The next `day` `month` on or after today, or with ``past`` the last on or before it."""
    year = today.year
    while True:
        if day <= calendar.monthrange(year, month)[1]:
            found = date(year, month, day)
            if (found <= today) if past else (found >= today):
                return found
        year += -1 if past else 1


def _day_of_month(raw: str, today: date, day: int, *, past: bool) -> date:
    """The next `day` of a month on or after today, or with ``past`` the last on or before it."""
    if not 1 <= day <= 31:
        raise DateParseError(f"'{raw}' is not a date: months have 31 days at most")
    first = today.replace(day=1)
    while True:
        if day <= calendar.monthrange(first.year, first.month)[1]:
            found = first.replace(day=day)
            if (found <= today) if past else (found >= today):
                return found
        first = _add_months(first, -1 if past else 1)


def _on_or_after(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _on_or_before(today: date, weekday: int) -> date:
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def _start_of_week(today: date) -> date:
    return today - timedelta(days=today.weekday())


def _next_period(today: date, period: str) -> date:
    if period == "week":
        return _start_of_week(today) + timedelta(days=7)
    if period == "month":
        return _add_months(today.replace(day=1), 1)
    return date(today.year + 1, 1, 1)


def _last_period(today: date, period: str) -> date:
    if period == "week":
        return _start_of_week(today) - timedelta(days=7)
    if period == "month":
        return _add_months(today.replace(day=1), -1)
    return date(today.year - 1, 1, 1)


def _end_of_last(today: date, period: str) -> date:
    if period == "week":
        return _start_of_week(today) - timedelta(days=3)
    if period == "month":
        return today.replace(day=1) - timedelta(days=1)
    if period == "quarter":
        return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1) - timedelta(days=1)
    return date(today.year - 1, 12, 31)


def _end_of(today: date, period: str, *, following: bool) -> date:
    if period == "w":
        period = "week"
    period = {"m": "month", "q": "quarter", "y": "year"}.get(period, period)
    if period == "week":
        friday = _on_or_after(today, 4)
        return _start_of_week(today) + timedelta(days=11) if following else friday
    if period == "month":
        first = _add_months(today.replace(day=1), 1 if following else 0)
        return _add_months(first, 1) - timedelta(days=1)
    if period == "quarter":
        first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        first = _add_months(first, 3 if following else 0)
        return _add_months(first, 3) - timedelta(days=1)
    return date(today.year + (1 if following else 0), 12, 31)


def _relative(today: date, count: int, unit: str) -> date:
    """`count` units after today; before it when `count` is negative."""
    if unit == "day":
        return today + timedelta(days=count)
    if unit == "week":
        return today + timedelta(weeks=count)
    if unit == "fortnight":
        return today + timedelta(weeks=2 * count)
    if unit == "month":
        return _add_months(today, count)
    if unit == "year":
        return _add_months(today, 12 * count)
    if count < 0:
        return _subtract_working_days(today, -count)
    return _add_working_days(today, count)


def _add_working_days(today: date, count: int) -> date:
    if count == 0:
        return today
    # Counting from a weekend is counting from the Friday before it.
    found = today - timedelta(days=max(0, today.weekday() - 4))
    weeks, days = divmod(count, 5)
    found += timedelta(weeks=weeks)
    for _ in range(days):
        found += timedelta(days=3 if found.weekday() == 4 else 1)
    return found


def _subtract_working_days(today: date, count: int) -> date:
    if count == 0:
        return today
    # Counting back from a weekend is counting back from the Monday after it.
    found = today + timedelta(days=7 - today.weekday()) if today.weekday() > 4 else today
    weeks, days = divmod(count, 5)
    found -= timedelta(weeks=weeks)
    for _ in range(days):
        found -= timedelta(days=3 if found.weekday() == 0 else 1)
    return found


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    day = min(d.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def _example(today: date, *, past: bool = False) -> str:
    """Friday of next week, or with ``past`` Friday of last week."""
    return (_start_of_week(today) + timedelta(days=-3 if past else 11)).isoformat()


def _try(today: date, *, past: bool) -> str:
    return f"'{'last' if past else 'next'} friday' or {_example(today, past=past)}"


def _in_the_past(raw: str, found: date, today: date) -> str:
    return (
        f"'{raw}' is {format_date(found, today)}, which is in the past; "
        f"write {found.isoformat()} if you mean it"
    )


def _in_the_future(raw: str, found: date, today: date) -> str:
    return f"'{raw}' is {format_date(found, today)}, which is in the future; when did it happen?"


def _ambiguous(raw: str, phrase: str, today: date, *, past: bool) -> str:
    first, second = (int(part) for part in re.split(r"[-/.]", phrase)[:2])
    readings = []
    for day, month in ((first, second), (second, first)):
        if 1 <= month <= 12 and 1 <= day <= 31:
            readings.append(f"{day} {_MONTH_NAMES[month - 1][:3]}")
    if len(readings) == 2 and readings[0] != readings[1]:
        return (
            f"'{raw}' could be {readings[0]} or {readings[1]}; "
            f"write '{readings[0]}' or '{readings[1]}' instead"
        )
    example = f"'{readings[0]}'" if readings else _example(today, past=past)
    return f"'{raw}' is not a date Tandem reads; write it as {example} or as YYYY-MM-DD"


def _not_a_date(raw: str, phrase: str, today: date, *, past: bool) -> str:
    suggestion = _suggest(phrase, today, past=past)
    if suggestion is not None:
        words, found = suggestion
        return f"'{raw}' is not a date; did you mean '{words}' ({format_date(found, today)})?"
    return f"'{raw}' is not a date; try {_try(today, past=past)}"


def _suggest(phrase: str, today: date, *, past: bool) -> tuple[str, date] | None:
    """A close spelling that Tandem's own rules can read, e.g. "nxt fri" → "next fri"."""
    vocabulary = _PAST_VOCABULARY if past else _VOCABULARY
    words = phrase.split()
    corrected = []
    for word in words:
        if word in vocabulary or word.isdigit():
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.6)
        if not close:
            return None
        corrected.append(close[0])
    candidate = " ".join(corrected)
    if candidate == phrase:
        return None
    try:
        found = _parse_phrase(candidate, candidate, today, past=past)
    except (DateParseError, OverflowError, ValueError):
        return None
    if found is None or (past and found > today):
        return None
    return (candidate, found)
