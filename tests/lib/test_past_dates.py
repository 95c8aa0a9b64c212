from __future__ import annotations

from datetime import date
from unittest import TestCase

from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.lib.dates import DateParseError, date_bounds, parse_past_date, read_past_date
from tandem.lib.errors import TandemError

TUESDAY = date(2026, 12, 1)
NEAR_MISS_WORDS = (
    *("last", "next", "ago", "in", "the", "of", "end", "fri", "week", "2", "days"),
    *("working", "month", "dec", "4th", "31st", "a", "yesterday", "/"),
)


class PastDatesTestCase(TestCase):
    def assertReads(self, cases: dict[str, date], today: date = TUESDAY) -> None:
        for text, expected in cases.items():
            with self.subTest(text=text, today=today):
                self.assertEqual(parse_past_date(text, today), expected)

    def assertRefuses(self, text: str, message: str, today: date = TUESDAY) -> None:
        with self.subTest(text=text), self.assertRaises(DateParseError) as caught:
            parse_past_date(text, today)
        self.assertIn(message, str(caught.exception))

    def test_it_reads_phrases_relative_to_today(self) -> None:
        self.assertReads(
            {
                "today": date(2026, 12, 1),
                "Yesterday": date(2026, 11, 30),
                "day before yesterday": date(2026, 11, 29),
                "yesterday morning": date(2026, 11, 30),
            }
        )

    def test_it_reads_units_ago(self) -> None:
        self.assertReads(
            {
                "6 weeks ago": date(2026, 10, 20),
                "3 days ago": date(2026, 11, 28),
                "three days ago": date(2026, 11, 28),
                "3d ago": date(2026, 11, 28),
                "a week ago": date(2026, 11, 24),
                "a fortnight ago": date(2026, 11, 17),
                "a month ago": date(2026, 11, 1),
                "2 years ago": date(2024, 12, 1),
                "0 days ago": date(2026, 12, 1),
            }
        )

    def test_it_reads_weekdays_as_the_most_recent_one(self) -> None:
        self.assertReads(
            {
                "monday": date(2026, 11, 30),
                "on mon": date(2026, 11, 30),
                "tuesday": date(2026, 12, 1),  # today included
                "wednesday": date(2026, 11, 25),
                "friday": date(2026, 11, 27),
                "this monday": date(2026, 11, 30),
            }
        )

    def test_it_reads_last_weekday_as_that_day_of_last_week(self) -> None:
        self.assertReads(
            {
                "last friday": date(2026, 11, 27),
                "friday last week": date(2026, 11, 27),
                "last monday": date(2026, 11, 23),
                "last sunday": date(2026, 11, 29),
            }
        )
        saturday = date(2026, 12, 5)
        self.assertReads({"friday": date(2026, 12, 4), "last friday": date(2026, 11, 27)}, saturday)

    def test_it_reads_last_periods_as_their_first_day(self) -> None:
        self.assertReads(
            {
                "last week": date(2026, 11, 23),
                "last month": date(2026, 11, 1),
                "last year": date(2025, 1, 1),
                "end of last week": date(2026, 11, 27),
                "end of last month": date(2026, 11, 30),
                "end of last quarter": date(2026, 9, 30),
                "end of last year": date(2025, 12, 31),
            }
        )
        self.assertReads({"last week": date(2026, 11, 23)}, date(2026, 11, 30))  # a Monday

    def test_it_counts_working_days_back_skipping_weekends(self) -> None:
        self.assertReads(
            {
                "1 working day ago": date(2026, 11, 30),
                "3 working days ago": date(2026, 11, 26),
                "5 business days ago": date(2026, 11, 24),
            }
        )
        self.assertReads({"1 working day ago": date(2026, 11, 27)}, date(2026, 11, 30))
        for weekend_day in (date(2026, 12, 5), date(2026, 12, 6)):
            self.assertReads(
                {"1 working day ago": date(2026, 12, 4), "5 working days ago": date(2026, 11, 30)},
                weekend_day,
            )

    def test_it_reads_iso_dates(self) -> None:
        self.assertReads({"2026-10-20": date(2026, 10, 20), "2019/1/9": date(2019, 1, 9)})

    def test_it_reads_month_names_as_the_most_recent_such_date(self) -> None:
        self.assertReads(
            {
                "20 Oct": date(2026, 10, 20),
                "Oct 20th": date(2026, 10, 20),
                "1 Dec": date(2026, 12, 1),
                "2 Dec": date(2025, 12, 2),
                "the 5th of December": date(2025, 12, 5),
                "29 feb": date(2024, 2, 29),
                "Tue 20 Oct": date(2026, 10, 20),
            }
        )

    def test_it_takes_a_written_year_as_it_is(self) -> None:
        self.assertReads(
            {
                "20 Oct 2024": date(2024, 10, 20),
                "Dec 2nd 2025": date(2025, 12, 2),
                "2020-12-04": date(2020, 12, 4),
            }
        )

    def test_it_reads_the_nth_as_the_most_recent_one(self) -> None:
        self.assertReads(
            {"the 4th": date(2026, 11, 4), "the 1st": date(2026, 12, 1), "31st": date(2026, 10, 31)}
        )
        # May 15: April has no 31st, so the last one was in March.
        self.assertReads({"the 31st": date(2026, 3, 31)}, date(2026, 5, 15))
        self.assertReads({"the 30th": date(2025, 12, 30)}, date(2026, 1, 5))

    def test_it_clamps_months_back_to_their_last_day(self) -> None:
        self.assertReads({"a month ago": date(2026, 2, 28)}, date(2026, 3, 31))
        self.assertReads({"a month ago": date(2028, 2, 29)}, date(2028, 3, 31))
        self.assertReads({"a year ago": date(2027, 2, 28)}, date(2028, 2, 29))
        self.assertReads({"last month": date(2025, 12, 1)}, date(2026, 1, 15))

    def test_it_refuses_the_future_and_asks_when_it_happened(self) -> None:
        self.assertRefuses(
            "next friday",
            "'next friday' is Fri 11 Dec, which is in the future; when did it happen?",
        )
        self.assertRefuses("tomorrow", "'tomorrow' is Wed 2 Dec, which is in the future")
        self.assertRefuses("in 3 days", "'in 3 days' is Fri 4 Dec, which is in the future")
        self.assertRefuses(
            "20 Oct 2027", "'20 Oct 2027' is Wed 20 Oct 2027, which is in the future"
        )
        self.assertRefuses("2026-12-02", "which is in the future; when did it happen?")

    def test_it_explains_what_it_cannot_read(self) -> None:
        for text, message in (
            ("", "Enter a date, e.g. 'last friday' or 2026-11-27"),
            ("blah", "'blah' is not a date; try 'last friday' or 2026-11-27"),
            ("yestrday", "did you mean 'yesterday' (Mon 30 Nov)?"),
            ("lst fri", "did you mean 'last fri' (Fri 27 Nov)?"),
            ("12/04", "'12/04' could be 12 Apr or 4 Dec; write '12 Apr' or '4 Dec' instead"),
            ("25/12/2025", "write it as '25 Dec' or as YYYY-MM-DD"),
            ("30 feb", "'30 feb' is not a date: February has 29 days"),
            ("the 32nd", "months have 31 days at most"),
            ("Mon 20 Oct", "'Mon 20 Oct' does not add up: 20 Oct 2026 is a Tuesday"),
            ("october", "'october' needs a day too, e.g. '4 Oct'"),
            ("9999 years ago", "'9999 years ago' is too far away to be a date"),
            ("x" * 80, "is too long for a date; try 'last friday' or 2026-11-27"),
        ):
            self.assertRefuses(text, message)

    def test_it_reads_blank_as_none(self) -> None:
        for text in (None, "", "   "):
            with self.subTest(text=text):
                self.assertIsNone(read_past_date(text, TUESDAY, field="asked_on"))

    def test_it_reads_through_read_past_date(self) -> None:
        self.assertEqual(
            read_past_date("6 weeks ago", TUESDAY, field="asked_on"), date(2026, 10, 20)
        )

    def test_it_carries_the_field_on_errors(self) -> None:
        for text, message in (
            ("blah", "'blah' is not a date"),
            ("x" * 80, "is too long for a date"),
            ("12/04", "could be 12 Apr or 4 Dec"),
            ("next friday", "which is in the future; when did it happen?"),
            ("2001-01-01", "is more than 10 years from today"),
        ):
            with self.subTest(text=text), self.assertRaises(TandemError) as caught:
                read_past_date(text, TUESDAY, field="asked_on")
            self.assertEqual(caught.exception.field, "asked_on")
            self.assertIn(message, str(caught.exception))

    @settings(max_examples=200, deadline=None)
    @given(text=st.text(max_size=80), today=st.dates(date(2000, 1, 1), date(2100, 12, 31)))
    def test_it_returns_a_past_date_in_bounds_or_a_tandem_error(
        self, text: str, today: date
    ) -> None:
        try:
            found = read_past_date(text, today, field="asked_on")
        except TandemError as error:
            self.assertEqual(error.field, "asked_on")
            self.assertTrue(str(error))
            return
        if found is None:
            self.assertEqual(text.strip(), "")
            return
        self.assertIsInstance(found, date)
        self.assertLessEqual(date_bounds(today)[0], found)
        self.assertLessEqual(found, today)

    @settings(max_examples=200, deadline=None)
    @given(
        text=st.lists(
            st.sampled_from(NEAR_MISS_WORDS),
            max_size=5,
        ).map(" ".join),
        today=st.dates(date(2000, 1, 1), date(2100, 12, 31)),
    )
    def test_it_never_returns_the_future_on_near_misses(self, text: str, today: date) -> None:
        try:
            found = parse_past_date(text, today)
        except DateParseError:
            return
        self.assertLessEqual(found, today)
