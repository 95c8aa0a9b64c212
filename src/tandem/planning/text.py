"""Short, plain wording shared by the plan, its impact and the options."""

from __future__ import annotations

from datetime import date

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(day: date, today: date | None = None) -> str:
    """'Fri 4 Dec', with the year only when it differs from today's."""
    label = f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    if today is not None and day.year != today.year:
        label += f" {day.year}"
    return label


def hours_label(minutes: int) -> str:
    """'2h', '2.5h', '45m', '4h 10m': the way people say an effort out loud."""
    if minutes < 60:
        return f"{minutes}m"
    if minutes % 30 == 0:
        return f"{minutes / 60:g}h"
    return f"{minutes // 60}h {minutes % 60}m"


def days_label(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


def age_label(created: date, today: date) -> str:
    age = (today - created).days
    if age <= 0:
        return "asked today"
    if age == 1:
        return "asked yesterday"
    return f"asked {age} days ago"
