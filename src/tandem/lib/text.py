"""The reader of free text people type: trimmed, bounded, never a NUL character."""

from __future__ import annotations

from tandem.lib.errors import TandemError


def read_text(value: str, *, field: str, limit: int, required: str = "") -> str:
    """`value` stripped, with plain line ends (browsers send CR LF); `required` is the
    message for a blank one where blank is refused."""
    value = value.replace("\r\n", "\n").strip()
    if "\x00" in value:
        raise TandemError("Null characters are not allowed.", field=field)
    if len(value) > limit:
        raise TandemError(f"Keep it under {limit:,} characters.", field=field)
    if required and not value:
        raise TandemError(required, field=field)
    return value
