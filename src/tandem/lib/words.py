"""Small formatters of words shared by every area's pages."""

from __future__ import annotations


def plural(count: int, one: str, many: str) -> str:
    """ "1 meeting", "3 meetings"."""
    return f"{count} {one if count == 1 else many}"


def shorten(text: str, length: int = 60) -> str:
    """At most `length` characters, cut with an ellipsis."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
