from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from unittest import TestCase

from tandem.followup import (
    CLOSED_STATUSES,
    Event,
    EventKind,
    RequestStatus,
    StaleReason,
    days_ago,
    local_today,
    promise_in_force,
    staleness,
)
from tests.followup.builders import (
    ASKED,
    TODAY,
    acknowledged,
    ago,
    followed_up,
    more_info,
    promised,
    request,
)


class StalenessTestCase(TestCase):
    def test_it_is_not_stale_on_the_last_day_of_the_threshold(self) -> None:
        state = staleness(request(asked_on=ago(14)), TODAY)
        self.assertFalse(state.stale)
        self.assertIsNone(state.reason)
        self.assertEqual(state.quiet_days, 14)

    def test_it_is_stale_the_day_after_the_threshold(self) -> None:
        state = staleness(request(asked_on=ago(15)), TODAY)
        self.assertTrue(state.stale)
        self.assertIs(state.reason, StaleReason.NO_ANSWER)
        self.assertEqual(state.stale_since, TODAY)

    def test_it_follows_the_threshold_of_each_request(self) -> None:
        short = request(asked_on=ago(3), stale_after_days=3)
        self.assertFalse(staleness(short, TODAY).stale)
        self.assertTrue(staleness(short, TODAY + timedelta(days=1)).stale)
        long = request(asked_on=ago(20), stale_after_days=30)
        self.assertFalse(staleness(long, TODAY).stale)
        self.assertEqual(staleness(long, TODAY).stale_since, ago(20) + timedelta(days=31))

    def test_it_gives_the_first_stale_day_before_it_comes(self) -> None:
        state = staleness(request(asked_on=ago(2)), TODAY)
        self.assertFalse(state.stale)
        self.assertEqual(state.stale_since, ago(2) + timedelta(days=15))

    def test_it_is_not_stale_on_the_promised_day(self) -> None:
        record = request(promised(ago(4), by=TODAY), asked_on=ago(5))
        state = staleness(record, TODAY)
        self.assertFalse(state.stale)
        self.assertEqual(state.stale_since, TODAY + timedelta(days=1))

    def test_it_is_stale_the_day_after_the_promise_within_the_threshold(self) -> None:
        record = request(promised(ago(4), by=ago(1)), asked_on=ago(5))
        state = staleness(record, TODAY)
        self.assertTrue(state.stale)
        self.assertIs(state.reason, StaleReason.PROMISE_PASSED)
        self.assertEqual(state.stale_since, TODAY)

    def test_it_waits_for_a_promise_past_the_threshold(self) -> None:
        later = TODAY + timedelta(days=30)
        record = request(promised(ago(50), by=later), asked_on=ago(60))
        state = staleness(record, TODAY)
        self.assertFalse(state.stale)
        self.assertEqual(state.quiet_days, 50)
        self.assertEqual(state.stale_since, later + timedelta(days=1))
        self.assertEqual(promise_in_force(record), later)

    def test_it_keeps_a_promise_in_force_through_a_follow_up_before_it(self) -> None:
        record = request(promised(ago(20), by=ago(2)), followed_up(ago(5)), asked_on=ago(30))
        state = staleness(record, TODAY)
        self.assertTrue(state.stale)
        self.assertIs(state.reason, StaleReason.PROMISE_PASSED)
        self.assertEqual(state.clock_started_on, ago(5))

    def test_it_restarts_the_clock_on_a_follow_up_after_a_passed_promise(self) -> None:
        record = request(promised(ago(30), by=ago(20)), followed_up(ago(10)), asked_on=ago(40))
        self.assertIsNone(promise_in_force(record))
        state = staleness(record, TODAY)
        self.assertFalse(state.stale)
        self.assertEqual(state.clock_started_on, ago(10))
        self.assertEqual(state.quiet_days, 10)
        self.assertEqual(state.stale_since, ago(10) + timedelta(days=15))
        later = staleness(record, ago(10) + timedelta(days=15))
        self.assertTrue(later.stale)
        self.assertIs(later.reason, StaleReason.NO_ANSWER)

    def test_it_restarts_the_clock_on_a_response(self) -> None:
        record = request(acknowledged(ago(10)), asked_on=ago(40))
        state = staleness(record, TODAY)
        self.assertFalse(state.stale)
        self.assertEqual(state.clock_started_on, ago(10))
        self.assertEqual(state.asked_days_ago, 40)
        self.assertEqual(state.quiet_days, 10)

    def test_it_restarts_the_clock_on_a_follow_up(self) -> None:
        state = staleness(request(followed_up(ago(3)), asked_on=ago(40)), TODAY)
        self.assertFalse(state.stale)
        self.assertEqual(state.clock_started_on, ago(3))

    def test_it_counts_the_latest_event_whatever_the_order_given(self) -> None:
        record = request(acknowledged(ago(10)), followed_up(ago(30)), asked_on=ago(40))
        self.assertEqual(staleness(record, TODAY).clock_started_on, ago(10))

    def test_it_hears_only_the_partner(self) -> None:
        record = request(acknowledged(ago(30)), followed_up(ago(20)), asked_on=ago(40))
        state = staleness(record, TODAY)
        self.assertEqual(state.last_heard, acknowledged(ago(30)))
        self.assertIsNone(staleness(request(followed_up(ago(20))), TODAY).last_heard)

    def test_it_is_never_stale_once_answered_or_closed(self) -> None:
        for status in (RequestStatus.ANSWERED, *CLOSED_STATUSES):
            with self.subTest(status=status):
                record = request(asked_on=ago(400), status=status, promised_by=ago(300))
                state = staleness(record, TODAY)
                self.assertFalse(state.stale)
                self.assertIsNone(state.reason)
                self.assertIsNone(state.stale_since)
                self.assertEqual(state.asked_days_ago, 400)


class SummaryTestCase(TestCase):
    def summary(self, *events: Event, today: date = TODAY, **fields) -> str:
        return staleness(request(*events, **fields), today).summary

    def test_it_says_how_long_without_an_answer(self) -> None:
        self.assertEqual(self.summary(), "asked 42 days ago, no answer")
        self.assertEqual(self.summary(asked_on=ago(3)), "asked 3 days ago, no answer yet")
        self.assertEqual(self.summary(asked_on=ago(1)), "asked yesterday, no answer yet")
        self.assertEqual(self.summary(asked_on=TODAY), "asked today")

    def test_it_says_a_passed_promise(self) -> None:
        summary = self.summary(promised(ago(30), by=date(2026, 11, 13)))
        self.assertEqual(
            summary, "asked 42 days ago; promised an answer by Fri 13 Nov, 18 days ago"
        )
        summary = self.summary(promised(ago(30), by=ago(1)))
        self.assertEqual(summary, "asked 42 days ago; promised an answer by Mon 30 Nov, yesterday")

    def test_it_says_a_promise_to_come(self) -> None:
        summary = self.summary(promised(ago(3), by=date(2026, 12, 4)))
        self.assertEqual(summary, "asked 42 days ago; promised an answer by Fri 4 Dec")
        summary = self.summary(promised(ago(10), by=ago(-3)), followed_up(ago(2)))
        self.assertEqual(
            summary, "asked 42 days ago; promised an answer by Fri 4 Dec; followed up 2 days ago"
        )

    def test_it_says_the_latest_response(self) -> None:
        self.assertEqual(
            self.summary(acknowledged(ago(20))), "asked 42 days ago; acknowledged 20 days ago"
        )

    def test_it_says_a_follow_up_with_no_answer_since(self) -> None:
        summary = self.summary(acknowledged(ago(36)), followed_up(ago(16)))
        self.assertEqual(summary, "asked 42 days ago; followed up 16 days ago, no answer since")
        summary = self.summary(followed_up(ago(1)))
        self.assertEqual(summary, "asked 42 days ago; followed up yesterday, no answer since")
        self.assertEqual(self.summary(followed_up(TODAY)), "asked 42 days ago; followed up today")

    def test_it_says_how_a_closed_request_ended(self) -> None:
        granted = Event(EventKind.GRANTED, date(2026, 11, 13))
        summary = self.summary(granted, status=RequestStatus.GRANTED)
        self.assertEqual(summary, "granted on Fri 13 Nov")
        declined = Event(EventKind.DECLINED, date(2025, 12, 12))
        summary = self.summary(declined, status=RequestStatus.DECLINED, asked_on=date(2025, 11, 3))
        self.assertEqual(summary, "declined on Fri 12 Dec 2025")
        self.assertEqual(self.summary(status=RequestStatus.WITHDRAWN), "withdrawn")
        self.assertEqual(self.summary(status=RequestStatus.GRANTED), "granted")

    def test_it_says_what_an_answer_asked_for(self) -> None:
        summary = self.summary(more_info(date(2026, 10, 26)), status=RequestStatus.ANSWERED)
        self.assertEqual(summary, "asked for more information on Mon 26 Oct")

    def test_it_counts_days_in_words(self) -> None:
        self.assertEqual(days_ago(0), "today")
        self.assertEqual(days_ago(1), "yesterday")
        self.assertEqual(days_ago(2), "2 days ago")
        for days in range(60):
            with self.subTest(days=days):
                summary = self.summary(acknowledged(ago(days)), asked_on=ago(days))
                self.assertIsNone(re.search(r"\b1 days\b|\b0 days\b", summary), summary)


class LocalTodayTestCase(TestCase):
    LATE_EVENING_UTC = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)

    def test_it_gives_the_date_where_the_person_is(self) -> None:
        now = self.LATE_EVENING_UTC
        self.assertEqual(local_today(now, "Pacific/Auckland"), date(2026, 12, 2))
        self.assertEqual(local_today(now, "America/New_York"), date(2026, 12, 1))
        self.assertEqual(local_today(now, "Europe/London"), date(2026, 12, 1))
        early = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
        self.assertEqual(local_today(early, "America/New_York"), date(2026, 11, 30))

    def test_it_turns_stale_at_local_midnight(self) -> None:
        record = request(asked_on=date(2026, 11, 17))  # day 14 on 1 Dec, day 15 on 2 Dec
        now = self.LATE_EVENING_UTC
        self.assertFalse(staleness(record, local_today(now, "America/New_York")).stale)
        self.assertTrue(staleness(record, local_today(now, "Pacific/Auckland")).stale)

    def test_it_refuses_a_naive_datetime(self) -> None:
        with self.assertRaises(ValueError):
            local_today(datetime(2026, 12, 1, 12, 0), "Europe/London")

    def test_it_counts_the_default_request_from_its_asked_date(self) -> None:
        self.assertEqual(staleness(request(), TODAY).asked_days_ago, (TODAY - ASKED).days)
