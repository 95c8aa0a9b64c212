"""When a review is due: the cadence counted in calendar months from the day the version was
agreed, a month end kept at the month's end; soon within two weeks, due on the day, overdue
after."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.agreeing import (
    DEFAULT_REVIEW_MONTHS,
    REVIEW_CADENCES,
    SOON_DAYS,
    ReviewState,
    ReviewStatus,
    cadence_label,
    review_state,
)

AGREED = dt.date(2026, 12, 1)


def due(since: dt.date, months: int) -> dt.date:
    return review_state(since, months, since).due_on


def test_it_reviews_quarterly_unless_the_two_choose_otherwise() -> None:
    assert DEFAULT_REVIEW_MONTHS == 3
    assert REVIEW_CADENCES == (
        (1, "Every month"),
        (3, "Every quarter"),
        (6, "Every six months"),
        (12, "Every year"),
    )
    assert cadence_label(6) == "Every six months"
    assert cadence_label(2) == "Every 2 months"


@pytest.mark.parametrize(
    ("since", "months", "due_on"),
    [
        (dt.date(2026, 12, 1), 3, dt.date(2027, 3, 1)),
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
        (dt.date(2027, 11, 30), 3, dt.date(2028, 2, 29)),
        (dt.date(2028, 2, 29), 12, dt.date(2029, 2, 28)),
        (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),
        (dt.date(2027, 1, 31), 1, dt.date(2027, 2, 28)),
        (dt.date(2027, 3, 31), 1, dt.date(2027, 4, 30)),
        (dt.date(2026, 12, 31), 12, dt.date(2027, 12, 31)),
    ],
)
def test_it_counts_calendar_months_keeping_month_ends(
    since: dt.date, months: int, due_on: dt.date
) -> None:
    assert due(since, months) == due_on


@pytest.mark.parametrize(
    ("days_before", "status"),
    [
        (90, ReviewStatus.LATER),
        (SOON_DAYS + 1, ReviewStatus.LATER),
        (SOON_DAYS, ReviewStatus.SOON),
        (1, ReviewStatus.SOON),
        (0, ReviewStatus.DUE),
        (-1, ReviewStatus.OVERDUE),
        (-400, ReviewStatus.OVERDUE),
    ],
)
def test_it_is_soon_within_two_weeks_due_on_the_day_and_overdue_after(
    days_before: int, status: ReviewStatus
) -> None:
    due_on = dt.date(2027, 3, 1)
    today = due_on - dt.timedelta(days=days_before)

    assert review_state(AGREED, 3, today) == ReviewState(due_on, status, days_before)


def test_it_says_when_the_review_is_due_in_a_few_words() -> None:
    def label(today: dt.date) -> str:
        return review_state(AGREED, 3, today).label(today)

    assert label(dt.date(2027, 2, 20)) == "Review due Mon 1 Mar"
    assert label(dt.date(2027, 3, 1)) == "Review due today"
    assert label(dt.date(2027, 3, 5)) == "Review overdue since Mon 1 Mar"
    # The year, once the review is in another year than today.
    assert label(dt.date(2026, 12, 20)) == "Review due Mon 1 Mar 2027"
    assert label(dt.date(2028, 1, 2)) == "Review overdue since Mon 1 Mar 2027"


@settings(max_examples=200, deadline=None)
@given(
    since=st.dates(dt.date(2020, 1, 1), dt.date(2040, 12, 31)),
    months=st.sampled_from([months for months, _ in REVIEW_CADENCES]),
    offset=st.integers(-800, 800),
)
def test_it_is_due_the_given_months_later_whatever_the_day(
    since: dt.date, months: int, offset: int
) -> None:
    today = since + dt.timedelta(days=offset)

    state = review_state(since, months, today)

    assert 28 * months <= (state.due_on - since).days <= 31 * months
    assert (
        state.due_on.day == since.day
        or state.due_on.month != (state.due_on + dt.timedelta(1)).month
    )
    assert state.days == (state.due_on - today).days
    expected = (
        ReviewStatus.OVERDUE
        if state.days < 0
        else ReviewStatus.DUE
        if state.days == 0
        else ReviewStatus.SOON
        if state.days <= SOON_DAYS
        else ReviewStatus.LATER
    )
    assert state.status is expected
