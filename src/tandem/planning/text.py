"""Short, plain wording shared by the plan, its impact and the options.

Dates and efforts are formatted by `tandem.lib.dates.format_date` and
`tandem.lib.efforts.format_effort`, the one formatter of each.
"""

from __future__ import annotations

from datetime import date


def numbered(item) -> str:
    """An assignment as the command line names it, "#12 Q3 board report", so that two with
    one title can be told apart; a new ask, which has no number yet, by its title."""
    return f"#{item.id} {item.title}" if isinstance(item.id, int) else f"'{item.title}'"


def days_label(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


def age_label(created: date, today: date) -> str:
    age = (today - created).days
    if age <= 0:
        return "asked today"
    if age == 1:
        return "asked yesterday"
    return f"asked {age} days ago"
