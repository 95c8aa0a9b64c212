"""After the meeting: a summary of what was agreed, ready to send as e-mail (PRODUCT.md §7).

The summary lists the decisions, with who decided, and the action items, with their owner
and date, then what was discussed. A section with nothing in it says so, so the partner
never wonders whether something went missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tandem.followup import mailto_link
from tandem.lib.dates import format_date

__all__ = ["ActionLine", "DecisionLine", "MeetingSummary", "summarise"]


@dataclass(frozen=True)
class DecisionLine:
    """decided_by is a name, or "both of us"."""

    text: str
    decided_by: str


@dataclass(frozen=True)
class ActionLine:
    """owner is a name; status is "open", "done" or "dropped"."""

    title: str
    owner: str
    due: dt.date | None
    status: str


@dataclass(frozen=True)
class MeetingSummary:
    """body is plain text; mailto opens it in the person's mail program."""

    subject: str
    body: str
    mailto: str


def summarise(
    *,
    sender_name: str,
    recipient_name: str,
    meeting_day: dt.date,
    today: dt.date,
    discussed: Sequence[str],
    decisions: Sequence[DecisionLine],
    actions: Sequence[ActionLine],
    recipient_email: str = "",
) -> MeetingSummary:
    """The summary of one meeting, from whichever member sends it to the other."""
    day = format_date(meeting_day, today)
    subject = (
        f"Our one-on-one on {day}: {_count(len(decisions), 'decision')}, "
        f"{_count(len(actions), 'action item')}"
    )
    partner = _first_name(recipient_name)
    owner = _first_name(sender_name)
    sections = [
        f"Hi {partner}," if partner else "Hi,",
        f"Here is what we agreed in our one-on-one on {day}.",
        _section(
            "Decisions",
            [f"{_one_line(d.text)} (decided by {_one_line(d.decided_by)})" for d in decisions],
            "No decisions recorded.",
        ),
        _section(
            "Action items",
            [_action(action, today) for action in actions],
            "No action items recorded.",
        ),
        _section(
            "We discussed",
            [_one_line(topic) for topic in discussed],
            "Nothing marked as discussed.",
        ),
        f"Thanks,\n{owner}" if owner else "Thanks",
    ]
    body = "\n\n".join(sections) + "\n"
    return MeetingSummary(subject, body, mailto_link(recipient_email, subject, body))


def _section(heading: str, lines: list[str], empty: str) -> str:
    if not lines:
        return f"{heading}\n{empty}"
    return heading + "".join(f"\n- {line}" for line in lines)


def _action(action: ActionLine, today: dt.date) -> str:
    due = f"by {format_date(action.due, today)}" if action.due is not None else "no date"
    line = f"{_one_line(action.owner)} — {_one_line(action.title)} — {due}"
    # Open is what an action item is by default; only the other outcomes are worth saying.
    return line if action.status == "open" else f"{line} ({action.status})"


def _count(number: int, noun: str) -> str:
    if number == 0:
        return f"no {noun}s"
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _first_name(name: str) -> str:
    words = name.split()
    return words[0] if words else ""
