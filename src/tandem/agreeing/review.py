"""When an agreement is due for review: a cadence in months, counted from the day it was
agreed or last reviewed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from tandem.lib.dates import format_date

__all__ = [
    "DEFAULT_REVIEW_MONTHS",
    "REVIEW_CADENCES",
    "SOON_DAYS",
    "ReviewState",
    "ReviewStatus",
    "cadence_label",
    "review_state",
]

REVIEW_CADENCES: tuple[tuple[int, str], ...] = (
    (1, "Every month"),
    (3, "Every quarter"),
    (6, "Every six months"),
    (12, "Every year"),
)
DEFAULT_REVIEW_MONTHS = 3
# A review this close is worth putting on the next one-on-one's agenda.
SOON_DAYS = 14


class ReviewStatus(StrEnum):
    LATER = "later"
    SOON = "soon"
    DUE = "due"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class ReviewState:
    due_on: dt.date
    status: ReviewStatus
    # Days until the review; negative once it is overdue.
    days: int

    def label(self, today: dt.date) -> str:
        when = format_date(self.due_on, today)
        if self.status is ReviewStatus.OVERDUE:
            return f"Review overdue since {when}"
        if self.status is ReviewStatus.DUE:
            return "Review due today"
        return f"Review due {when}"


def cadence_label(months: int) -> str:
    return dict(REVIEW_CADENCES).get(months, f"Every {months} months")


def review_state(since: dt.date, every_months: int, today: dt.date) -> ReviewState:
    """`since` is the day the version was agreed, or last reviewed, whichever is later."""
    due_on = since + relativedelta(months=every_months)
    days = (due_on - today).days
    if days < 0:
        status = ReviewStatus.OVERDUE
    elif days == 0:
        status = ReviewStatus.DUE
    elif days <= SOON_DAYS:
        status = ReviewStatus.SOON
    else:
        status = ReviewStatus.LATER
    return ReviewState(due_on, status, days)
