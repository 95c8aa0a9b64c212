"""Efforts as people type them ("3h", "1.5d", "90m") and as Tandem shows them.

A day is the person's own working day (``day_minutes``), a week five of
them. Parts add up: "1d 2h", "2h30m", "2 hours and 30 minutes", "1h30" (the
bare number after hours is minutes), "1:30". Both "1.5h" and "1,5h" work. A
bare number is refused rather than guessed: "3" could be hours or days.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from tandem.lib.errors import TandemError

__all__ = [
    "MAX_EFFORT_MINUTES",
    "EffortParseError",
    "format_effort",
    "parse_effort",
    "read_effort",
    "spoken_effort",
]

MAX_EFFORT_MINUTES = 2000 * 60

_EXAMPLES = "try 3h, 90m or 1.5d"
_MAX_LENGTH = 60

_UNITS = {
    "m": "m",
    "min": "m",
    "mins": "m",
    "minute": "m",
    "minutes": "m",
    "h": "h",
    "hr": "h",
    "hrs": "h",
    "hour": "h",
    "hours": "h",
    "d": "d",
    "day": "d",
    "days": "d",
    "w": "w",
    "wk": "w",
    "wks": "w",
    "week": "w",
    "weeks": "w",
}
_UNIT_NAMES = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}

_PART = re.compile(
    r"(?P<number>[0-9]+(?:[.,][0-9]+)?|\.[0-9]+) ?(?P<unit>[a-z]+)?"
    r"(?: and |, | ?& ?| ?\+ ?| |$|(?=[0-9.]))",
    re.ASCII,
)
_CLOCK = re.compile(r"([0-9]{1,4}):([0-5][0-9])(?: ?(?:h|hrs?|hours?))?", re.ASCII)
_WORDS = (
    (re.compile(r"\bhalf an? "), "0.5 "),
    (re.compile(r"\bhalf (?=day|hour)"), "0.5 "),
    (re.compile(r"\ban? (?=minute|hour|day|week)"), "1 "),
)


class EffortParseError(ValueError):
    """The text is not an effort Tandem can read; the message says why, for the user."""


def parse_effort(text: str, day_minutes: int, *, allow_zero: bool = False) -> int:
    """Read an effort in whole minutes; ``day_minutes`` is the length of one working day.

    ``allow_zero`` is for what is left of work: done, or all of it now in its steps.
    """
    if day_minutes <= 0:
        raise ValueError(f"day_minutes must be positive, not {day_minutes}")
    raw = " ".join(text.split())
    if not raw:
        raise EffortParseError("Enter an effort, e.g. 3h, 90m or 1.5d")
    if len(raw) > _MAX_LENGTH:
        raise EffortParseError(f"'{raw[:20]}…' is too long for an effort; {_EXAMPLES}")
    phrase = raw.lower()
    for pattern, replacement in _WORDS:
        phrase = pattern.sub(replacement, phrase)
    if phrase.startswith("-"):
        raise EffortParseError(f"'{raw}' is negative; efforts are positive, e.g. 3h")
    if match := _CLOCK.fullmatch(phrase):
        total = Decimal(int(match[1]) * 60 + int(match[2]))
    else:
        total = _sum_parts(raw, phrase, day_minutes)
    if total == 0 and allow_zero:
        return 0
    if total == 0:
        raise EffortParseError(f"'{raw}' is zero; enter the time it takes, e.g. 30m")
    # Compared before rounding: a huge Decimal cannot be quantized to whole minutes.
    if total > MAX_EFFORT_MINUTES:
        raise EffortParseError(
            f"'{raw}' is more than 2,000 hours; split the work into smaller assignments"
        )
    minutes = int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if minutes == 0:
        raise EffortParseError(f"'{raw}' is less than a minute; {_EXAMPLES}")
    return minutes


def read_effort(
    text: str | None,
    day_minutes: int,
    *,
    field: str,
    allow_zero: bool = False,
    required: bool = False,
) -> int | None:
    """The one reader of a typed effort: None when blank (unless required), TandemError(field)
    when it cannot be read."""
    if text is None or not text.strip():
        if required:
            raise TandemError("Enter an effort, e.g. 3h, 90m or 1.5d", field=field)
        return None
    try:
        return parse_effort(text, day_minutes, allow_zero=allow_zero)
    except EffortParseError as error:
        raise TandemError(str(error), field=field) from None


def format_effort(minutes: int, day_minutes: int | None = None) -> str:
    """Short form: "3h", "1h 30m", "45m"; whole days first ("1d 2h") when day_minutes is given."""
    if minutes < 0:
        return "-" + format_effort(-minutes, day_minutes)
    if minutes == 0:
        return "0m"
    parts = []
    if day_minutes is not None and day_minutes > 0:
        days, minutes = divmod(minutes, day_minutes)
        if days:
            parts.append(f"{days}d")
    hours, minutes = divmod(minutes, 60)
    if hours:
        parts.append(f"{hours}h")
    if minutes:
        parts.append(f"{minutes}m")
    return " ".join(parts)


def spoken_effort(minutes: int, day_minutes: int) -> str:
    """An effort as people say it, for text a person reads: "45 minutes", "1½ hours",
    "about 23 hours", "about 3 days".

    Minutes under an hour; hours up to two of the person's working days (to the half hour
    under ten hours, whole hours above); whole days beyond. "about" says it was rounded.
    """
    if day_minutes <= 0:
        raise ValueError(f"day_minutes must be positive, not {day_minutes}")
    if minutes < 0:
        raise ValueError(f"an effort is never negative, not {minutes}")
    if minutes < 60:
        return "1 minute" if minutes == 1 else f"{minutes} minutes"
    if minutes > 2 * day_minutes:
        days = _rounded(minutes, day_minutes)
        return _about(days * day_minutes != minutes, f"{days} days")
    step = 30 if minutes < 10 * 60 else 60
    halves = _rounded(minutes, step) * step // 30
    hours, half = divmod(halves, 2)
    text = f"{hours}{'½' if half else ''} hour{'' if halves == 2 else 's'}"
    return _about(halves * 30 != minutes, text)


def _rounded(minutes: int, unit: int) -> int:
    """Minutes in whole units, halves rounded up."""
    return (2 * minutes + unit) // (2 * unit)


def _about(rounded: bool, text: str) -> str:
    return f"about {text}" if rounded else text


def _sum_parts(raw: str, phrase: str, day_minutes: int) -> Decimal:
    per_unit = {"m": Decimal(1), "h": Decimal(60), "d": Decimal(day_minutes)}
    per_unit["w"] = 5 * per_unit["d"]
    total = Decimal(0)
    seen: list[str] = []
    position = 0
    while position < len(phrase):
        match = _PART.match(phrase, position)
        if match is None:
            raise EffortParseError(_not_understood(raw, phrase, position))
        number = Decimal(match["number"].replace(",", "."))
        unit_word = match["unit"]
        if unit_word is None:
            unit = _bare_number_unit(raw, match["number"], seen, at_end=match.end() >= len(phrase))
        elif unit_word in _UNITS:
            unit = _UNITS[unit_word]
        else:
            raise EffortParseError(
                f"'{raw}' is not an effort: '{unit_word}' is not a unit; use m, h, d or w, e.g. 3h"
            )
        if unit in seen:
            raise EffortParseError(f"'{raw}' gives {_UNIT_NAMES[unit]} twice; add them up")
        seen.append(unit)
        total += number * per_unit[unit]
        position = match.end()
    return total


def _bare_number_unit(raw: str, number: str, seen: list[str], *, at_end: bool) -> str:
    # "1h30" is a common way to write an hour and a half.
    if seen and seen[-1] == "h" and at_end and number.isdigit():
        if int(number) >= 60:
            raise EffortParseError(
                f"'{raw}' has {number} minutes after the hours; minutes go up to 59"
            )
        return "m"
    if not seen:
        raise EffortParseError(f"'{raw}' has no unit; did you mean {number}h? ({_EXAMPLES})")
    raise EffortParseError(f"'{raw}' is not an effort: {number} has no unit; {_EXAMPLES}")


def _not_understood(raw: str, phrase: str, position: int) -> str:
    understood, rest = phrase[:position].strip(), phrase[position:].strip()
    if not understood:
        return f"'{raw}' is not an effort; {_EXAMPLES}"
    return f"'{raw}' is not an effort: read '{understood}' but not '{rest}'; {_EXAMPLES}"
