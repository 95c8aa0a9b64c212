"""What changed between two versions of the agreement: difflib over their Markdown."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

__all__ = ["DiffLine", "version_difference"]

LineKind = Literal["added", "removed", "same", "gap"]
_KINDS: dict[str, LineKind] = {"+": "added", "-": "removed", " ": "same"}


@dataclass(frozen=True)
class DiffLine:
    kind: LineKind
    text: str


def version_difference(old: str, new: str, *, context: int = 2) -> list[DiffLine]:
    """The changed lines with `context` unchanged lines around each change; a "gap" line
    stands for unchanged text left out between two changes. Empty when nothing changed."""
    lines: list[DiffLine] = []
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=context)
    # The two file headers ("--- ", "+++ ") come first; a removed line may look like one.
    for line in list(diff)[2:]:
        if line.startswith("@@"):
            if lines:
                lines.append(DiffLine("gap", ""))
            continue
        lines.append(DiffLine(_KINDS[line[0]], line[1:]))
    return lines
