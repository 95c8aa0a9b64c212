"""Short, plain wording shared by the plan, its impact and the options.

Dates and efforts are formatted by `tandem.lib.dates.format_date` and
`tandem.lib.efforts.format_effort`, the one formatter of each.
"""

from __future__ import annotations

from datetime import date

from tandem.lib.efforts import format_effort


def numbered(item) -> str:
    """An assignment as the command line names it, "#12 Q3 board report", so that two with
    one title can be told apart; a new ask, which has no number yet, by its title."""
    return f"#{item.id} {item.title}" if isinstance(item.id, int) else f"'{item.title}'"


def plan_verdict(
    late: int, at_risk: int, open_count: int, worst_week: date | None, over_minutes: int
) -> str:
    """The workload page's first line: '3 assignments will land late; the week of 7 Dec is
    11h over'."""
    if not open_count:
        return "Nothing is open: there is room for new work."
    if late:
        first = f"{late} assignment{'' if late == 1 else 's'} will land late"
    elif at_risk:
        first = f"Nothing is late; {at_risk} assignment{'' if at_risk == 1 else 's'} at risk"
    else:
        first = "Everything lands on time"
    if worst_week is not None and over_minutes > 0:
        week = f"{worst_week.day} {worst_week:%b}"
        return f"{first}; the week of {week} is {format_effort(over_minutes)} over."
    return f"{first}."


def days_label(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


def age_label(created: date, today: date) -> str:
    age = (today - created).days
    if age <= 0:
        return "asked today"
    if age == 1:
        return "asked yesterday"
    return f"asked {age} days ago"
