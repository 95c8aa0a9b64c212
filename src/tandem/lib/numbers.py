"""Whole numbers people type: priorities, and a choice among a short list."""

from __future__ import annotations

from tandem.lib.errors import TandemError

MAX_PRIORITY = 999


def read_priority(text: str | int | None, *, field: str = "priority") -> int | None:
    """An agreed priority, 1 the most important; None when blank (no agreed priority)."""
    if text is None:
        return None
    raw = str(text).strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_PRIORITY:
        raise TandemError(
            f"“{raw[:20]}” is not a priority: use 1 (most important) to {MAX_PRIORITY}.",
            field=field,
        )
    return int(raw)


def read_choice(text: str | None, count: int) -> int | None:
    """The index of one of `count` choices from a link or a button, or None for no choice."""
    raw = (text or "").strip()
    if raw.isascii() and raw.isdigit() and int(raw) < count:
        return int(raw)
    return None
