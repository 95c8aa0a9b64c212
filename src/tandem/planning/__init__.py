"""Workload planning: capacity, the plan, impact and options (PRODUCT.md §5).

Plain dataclasses in and out, no database and no Django, so it can be used by
the web app, the API and the command line alike.
"""

from tandem.planning.availability import (
    DEFAULT_FOCUS_FACTOR,
    Busy,
    DayCapacity,
    TimeOff,
    WorkingHours,
    daily_capacity,
)
from tandem.planning.impact import Impact, Shift, WeekChange, impact_between, impact_of
from tandem.planning.options import Move, MoveKind, Option, apply_moves, find_options
from tandem.planning.planner import (
    AT_RISK_WORKING_DAYS,
    ItemId,
    Plan,
    ScheduledItem,
    WeekLoad,
    WorkItem,
    plan,
)

__all__ = [
    "AT_RISK_WORKING_DAYS",
    "DEFAULT_FOCUS_FACTOR",
    "Busy",
    "DayCapacity",
    "Impact",
    "ItemId",
    "Move",
    "MoveKind",
    "Option",
    "Plan",
    "ScheduledItem",
    "Shift",
    "TimeOff",
    "WeekChange",
    "WeekLoad",
    "WorkItem",
    "WorkingHours",
    "apply_moves",
    "daily_capacity",
    "find_options",
    "impact_between",
    "impact_of",
    "plan",
]
