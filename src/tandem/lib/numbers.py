"""Whole numbers people type: priorities, and a choice among a short list."""

from __future__ import annotations

from tandem.lib.errors import TandemError

MAX_PRIORITY = 999
# Database ids are 64-bit at most.
MAX_ID_DIGITS = 18


def read_priority(text: str | int | None, *, field: str = "priority") -> int | None:
    """An agreed priority, 1 the most important; None when blank (no agreed priority)."""
    if text is None:
        return None
    raw = str(text).strip()
    if not raw:
        return None
    if not _whole(raw, digits=3) or not 1 <= int(raw) <= MAX_PRIORITY:
        raise TandemError(
            f"“{raw[:20]}” is not a priority: use 1 (most important) to {MAX_PRIORITY}.",
            field=field,
        )
    return int(raw)


def read_choice(text: str | None, count: int) -> int | None:
    """The index of one of `count` choices from a link or a button, or None for no choice."""
    raw = (text or "").strip()
    if _whole(raw, digits=3) and int(raw) < count:
        return int(raw)
    return None


def read_id(text: str | None) -> int | None:
    """A record's id from a form field's name or a command's argument; None when it is none."""
    raw = (text or "").strip()
    return int(raw) if _whole(raw, digits=MAX_ID_DIGITS) and int(raw) > 0 else None


def _whole(raw: str, *, digits: int) -> bool:
    # ASCII only: str.isdigit() also accepts "²" and "٣", which int() then refuses or reads.
    # The length is checked before int() so that no long string costs anything.
    return 0 < len(raw) <= digits and raw.isascii() and raw.isdigit()
