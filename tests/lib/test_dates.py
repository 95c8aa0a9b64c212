from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.lib.dates import DateParseError, format_date, parse_date

TUESDAY = date(2026, 12, 1)


def days_from(today: date) -> dict[str, str]:
    phrases = ("friday", "next friday", "end of week", "in 1 working day", "in 5 working days")
    return {phrase: parse_date(phrase, today).isoformat() for phrase in phrases}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 12, 1)),
        ("Tomorrow", date(2026, 12, 2)),
        ("day after tomorrow", date(2026, 12, 3)),
        ("friday", date(2026, 12, 4)),
        ("fri", date(2026, 12, 4)),
        ("Fri.", date(2026, 12, 4)),
        ("this friday", date(2026, 12, 4)),
        ("by friday", date(2026, 12, 4)),
        ("due on fri", date(2026, 12, 4)),
        ("tuesday", date(2026, 12, 1)),
        ("next friday", date(2026, 12, 11)),
        ("next tue", date(2026, 12, 8)),
        ("friday next week", date(2026, 12, 11)),
        ("in 3 days", date(2026, 12, 4)),
        ("in 2 weeks", date(2026, 12, 15)),
        ("2 weeks", date(2026, 12, 15)),
        ("in two weeks", date(2026, 12, 15)),
        ("in a month", date(2027, 1, 1)),
        ("in a fortnight", date(2026, 12, 15)),
        ("10 days from now", date(2026, 12, 11)),
        ("in three weeks' time", date(2026, 12, 22)),
        ("in 3 working days", date(2026, 12, 4)),
        ("3d", date(2026, 12, 4)),
        ("next week", date(2026, 12, 7)),
        ("next month", date(2027, 1, 1)),
        ("next year", date(2027, 1, 1)),
        ("end of week", date(2026, 12, 4)),
        ("end of next week", date(2026, 12, 11)),
        ("end of month", date(2026, 12, 31)),
        ("end of the month", date(2026, 12, 31)),
        ("last day of month", date(2026, 12, 31)),
        ("end of next month", date(2027, 1, 31)),
        ("eoq", date(2026, 12, 31)),
        ("end of next quarter", date(2027, 3, 31)),
        ("end of year", date(2026, 12, 31)),
        ("2026-12-04", date(2026, 12, 4)),
        ("2027/1/9", date(2027, 1, 9)),
        ("4 Dec", date(2026, 12, 4)),
        ("Dec 4", date(2026, 12, 4)),
        ("December 4th, 2026", date(2026, 12, 4)),
        ("4th of December", date(2026, 12, 4)),
        ("Fri 4 Dec", date(2026, 12, 4)),
        ("Sat 4 Dec 2027", date(2027, 12, 4)),
        ("30 nov", date(2027, 11, 30)),
        ("29 feb", date(2028, 2, 29)),
        ("the 4th", date(2026, 12, 4)),
        ("31st", date(2026, 12, 31)),
        ("tomorrow at 5pm", date(2026, 12, 2)),
        ("sunday morning", date(2026, 12, 6)),
    ],
)
def test_it_reads_common_phrases(text: str, expected: date) -> None:
    assert parse_date(text, TUESDAY) == expected


def test_it_reads_weekdays_relative_to_each_day_of_the_week() -> None:
    assert days_from(date(2026, 11, 30)) == {  # Monday
        "friday": "2026-12-04",
        "next friday": "2026-12-11",
        "end of week": "2026-12-04",
        "in 1 working day": "2026-12-01",
        "in 5 working days": "2026-12-07",
    }
    assert days_from(date(2026, 12, 4)) == {  # Friday: "friday" is today
        "friday": "2026-12-04",
        "next friday": "2026-12-11",
        "end of week": "2026-12-04",
        "in 1 working day": "2026-12-07",
        "in 5 working days": "2026-12-11",
    }
    assert days_from(date(2026, 12, 5)) == {  # Saturday: both mean the coming Friday
        "friday": "2026-12-11",
        "next friday": "2026-12-11",
        "end of week": "2026-12-11",
        "in 1 working day": "2026-12-07",
        "in 5 working days": "2026-12-11",
    }


def test_it_clamps_months_to_their_last_day() -> None:
    assert parse_date("in 1 month", date(2027, 1, 31)) == date(2027, 2, 28)
    assert parse_date("in a year", date(2028, 2, 29)) == date(2029, 2, 28)


def test_it_allows_past_dates_only_with_a_written_year() -> None:
    assert parse_date("2025-01-01", TUESDAY) == date(2025, 1, 1)
    assert parse_date("4 Dec 2025", TUESDAY) == date(2025, 12, 4)
    with pytest.raises(DateParseError, match="in the past; write 2026-11-27 if you mean it"):
        parse_date("last friday", TUESDAY)
    with pytest.raises(DateParseError, match=r"'yesterday' is Mon 30 Nov, which is in the past"):
        parse_date("yesterday", TUESDAY)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter a date, e.g. 'next friday' or 2026-12-11"),
        ("   ", "Enter a date, e.g. 'next friday' or 2026-12-11"),
        ("blah", "'blah' is not a date; try 'next friday' or 2026-12-11"),
        ("nxt fri", "'nxt fri' is not a date; did you mean 'next fri' (Fri 11 Dec)?"),
        ("next fridya", "did you mean 'next friday' (Fri 11 Dec)?"),
        ("12/04", "'12/04' could be 12 Apr or 4 Dec; write '12 Apr' or '4 Dec' instead"),
        ("25/12/2026", "write it as '25 Dec' or as YYYY-MM-DD"),
        ("30 feb", "'30 feb' is not a date: February has 29 days"),
        ("2026-02-29", "'2026-02-29' is not a date: February 2026 has 28 days"),
        ("2026-13-01", "there is no month 13"),
        ("Mon 4 Dec", "'Mon 4 Dec' does not add up: 4 Dec 2026 is a Friday"),
        ("december", "'december' needs a day too, e.g. '4 Dec'"),
        ("1", "'1' is not a date"),
        ("a", "'a' is not a date"),
        ("3h", "'3h' is not a date"),
        ("in 9999 years", "'in 9999 years' is too far away to be a due date"),
        ("x" * 80, "is too long for a date"),
    ],
)
def test_it_explains_what_it_cannot_read(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as error:
        parse_date(text, TUESDAY)
    assert message in str(error.value)


def test_it_formats_dates_briefly() -> None:
    assert format_date(date(2026, 12, 4), TUESDAY) == "Fri 4 Dec"
    assert format_date(date(2027, 1, 4), TUESDAY) == "Mon 4 Jan 2027"
    assert format_date(date(2025, 12, 4), TUESDAY) == "Thu 4 Dec 2025"


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=40), today=st.dates(date(2000, 1, 1), date(2100, 12, 31)))
def test_it_raises_only_date_parse_errors(text: str, today: date) -> None:
    try:
        found = parse_date(text, today)
    except DateParseError as error:
        assert str(error)
    else:
        assert isinstance(found, date)


@settings(max_examples=150, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            ["next", "in", "the", "of", "end", "fri", "week", "2", "days", "dec", "4th", "a", "/"]
        ),
        max_size=5,
    ).map(" ".join),
    today=st.dates(date(2000, 1, 1), date(2100, 12, 31)),
)
def test_it_raises_only_date_parse_errors_on_near_misses(text: str, today: date) -> None:
    try:
        found = parse_date(text, today)
    except DateParseError:
        return
    assert found >= today


@given(day=st.dates(date(1, 1, 1), date(9999, 12, 31)), today=st.dates())
def test_it_reads_any_iso_date(day: date, today: date) -> None:
    assert parse_date(day.isoformat(), today) == day


@given(
    today=st.dates(date(1900, 1, 1), date(9000, 12, 31)),
    ahead=st.integers(min_value=0, max_value=3000),
)
def test_it_reads_back_what_it_formats(today: date, ahead: int) -> None:
    day = today + timedelta(days=ahead)
    assert parse_date(format_date(day, today), today) == day
