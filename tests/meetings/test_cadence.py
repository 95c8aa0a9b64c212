from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.meetings import (
    CADENCE_LABELS,
    MAX_EVERY_WEEKS,
    Cadence,
    CadenceError,
    CadenceRule,
    check_rule,
    describe,
    occurrences,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TODAY = dt.date(2026, 12, 1)  # a Tuesday
TUESDAY, THURSDAY, FRIDAY, SUNDAY = 1, 3, 4, 6


def rule(cadence: Cadence = Cadence.WEEKLY, **fields) -> CadenceRule:
    values = {
        "weekday": TUESDAY,
        "time": dt.time(10),
        "duration_minutes": 30,
        "starts_on": dt.date(2026, 1, 1),
        **fields,
    }
    return CadenceRule(cadence=cadence, **values)


def utc(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=dt.UTC)


def local(zone: ZoneInfo, *parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=zone).astimezone(dt.UTC)


NEW_YEAR = utc(2026, 1, 1)


def meetings(
    cadence_rule: CadenceRule,
    zone: ZoneInfo = BERLIN,
    *,
    after: dt.datetime = NEW_YEAR,
    until: dt.date = dt.date(2027, 12, 31),
    limit: int = 10,
) -> list[dt.datetime]:
    return occurrences(cadence_rule, zone, after=after, until=until, limit=limit)


def local_days(starts: list[dt.datetime], zone: ZoneInfo = BERLIN) -> list[dt.date]:
    return [start.astimezone(zone).date() for start in starts]


# The rhythms.


def test_it_meets_weekly_on_the_rules_weekday_at_its_local_time() -> None:
    starts = meetings(rule(), after=utc(2026, 11, 30), limit=3)

    assert starts == [
        local(BERLIN, 2026, 12, 1, 10),
        local(BERLIN, 2026, 12, 8, 10),
        local(BERLIN, 2026, 12, 15, 10),
    ]
    assert all(start.tzinfo is dt.UTC for start in starts)


def test_it_meets_daily_on_working_days_only() -> None:
    starts = meetings(rule(Cadence.DAILY, weekday=SUNDAY), after=utc(2026, 12, 3), limit=6)

    assert local_days(starts) == [
        dt.date(2026, 12, 3),
        dt.date(2026, 12, 4),
        dt.date(2026, 12, 7),
        dt.date(2026, 12, 8),
        dt.date(2026, 12, 9),
        dt.date(2026, 12, 10),
    ]


def test_it_meets_fortnightly_from_the_first_weekday_on_or_after_the_start() -> None:
    # Thu 1 Jan 2026: the first Tuesday is 6 Jan.
    starts = meetings(rule(Cadence.FORTNIGHTLY), limit=3)

    assert local_days(starts) == [dt.date(2026, 1, 6), dt.date(2026, 1, 20), dt.date(2026, 2, 3)]


@pytest.mark.parametrize("after_day", range(1, 30))
def test_it_keeps_fortnightly_meetings_on_the_same_weeks_whatever_the_window(
    after_day: int,
) -> None:
    # Thu 1 Jan 2026 starts it: Tue 6 Jan is the first meeting, every second week from it.
    anchored = {dt.date(2026, 1, 6) + dt.timedelta(weeks=2 * n) for n in range(60)}

    starts = meetings(
        rule(Cadence.FORTNIGHTLY), after=local(BERLIN, 2026, 11, after_day, 10), limit=3
    )

    days = local_days(starts)
    assert set(days) <= anchored
    first = dt.date(2026, 11, after_day)
    assert days[0] == min(day for day in anchored if day >= first)


def test_it_meets_every_few_weeks_on_the_custom_interval() -> None:
    starts = meetings(rule(Cadence.CUSTOM, every_weeks=3, weekday=0), limit=3)

    assert local_days(starts) == [dt.date(2026, 1, 5), dt.date(2026, 1, 26), dt.date(2026, 2, 16)]


def test_it_meets_weekly_when_a_custom_rhythm_is_every_week() -> None:
    custom = meetings(rule(Cadence.CUSTOM, every_weeks=1), limit=5)

    assert custom == meetings(rule(), limit=5)


def test_it_ignores_the_interval_of_a_cadence_that_is_not_custom() -> None:
    assert meetings(rule(every_weeks=5), limit=3) == meetings(rule(), limit=3)


def test_it_meets_monthly_on_the_same_weekday_of_the_month() -> None:
    # Tue 13 Jan 2026 is the second Tuesday.
    starts = meetings(rule(Cadence.MONTHLY, starts_on=dt.date(2026, 1, 8)), limit=4)

    assert local_days(starts) == [
        dt.date(2026, 1, 13),
        dt.date(2026, 2, 10),
        dt.date(2026, 3, 10),
        dt.date(2026, 4, 14),
    ]


def test_it_meets_on_the_last_weekday_of_each_month_after_a_fifth_one() -> None:
    # Fri 30 Jan 2026 is the fifth Friday; February has only four.
    starts = meetings(rule(Cadence.MONTHLY, weekday=FRIDAY, starts_on=dt.date(2026, 1, 29)))

    assert local_days(starts)[:4] == [
        dt.date(2026, 1, 30),
        dt.date(2026, 2, 27),
        dt.date(2026, 3, 27),
        dt.date(2026, 4, 24),
    ]
    assert dt.date(2026, 5, 29) in local_days(starts)


def test_it_keeps_a_fourth_weekday_the_fourth_even_when_it_is_the_last() -> None:
    # Fri 27 Feb 2026 is the fourth and last Friday of February; May has five.
    starts = meetings(rule(Cadence.MONTHLY, weekday=FRIDAY, starts_on=dt.date(2026, 2, 23)))

    assert dt.date(2026, 5, 22) in local_days(starts)
    assert dt.date(2026, 5, 29) not in local_days(starts)


# The window.


def test_it_stops_at_the_limit() -> None:
    assert len(meetings(rule(Cadence.DAILY), limit=7)) == 7
    assert meetings(rule(), limit=0) == []


def test_it_stops_at_the_until_day_including_it() -> None:
    starts = meetings(rule(), after=utc(2026, 12, 1), until=dt.date(2026, 12, 15), limit=10)

    assert local_days(starts) == [dt.date(2026, 12, 1), dt.date(2026, 12, 8), dt.date(2026, 12, 15)]


def test_it_ends_the_series_on_its_end_day() -> None:
    ending = rule(ends_on=dt.date(2026, 12, 10))

    starts = meetings(ending, after=utc(2026, 11, 30), limit=10)

    assert local_days(starts) == [dt.date(2026, 12, 1), dt.date(2026, 12, 8)]
    assert meetings(ending, after=utc(2026, 12, 11)) == []


def test_it_meets_on_the_end_day_itself() -> None:
    starts = meetings(rule(ends_on=dt.date(2026, 12, 8)), after=utc(2026, 12, 2))

    assert local_days(starts) == [dt.date(2026, 12, 8)]


def test_it_has_no_meeting_before_the_series_starts() -> None:
    starts = meetings(rule(starts_on=dt.date(2026, 12, 9)), after=utc(2026, 11, 1), limit=2)

    assert local_days(starts) == [dt.date(2026, 12, 15), dt.date(2026, 12, 22)]


def test_it_includes_a_meeting_starting_exactly_at_after_and_not_one_before() -> None:
    ten = local(BERLIN, 2026, 12, 1, 10)

    assert meetings(rule(), after=ten, limit=1) == [ten]
    later = meetings(rule(), after=ten + dt.timedelta(seconds=1), limit=1)
    assert later == [local(BERLIN, 2026, 12, 8, 10)]


def test_it_reads_after_in_the_owners_zone() -> None:
    # 23:30 UTC on Monday is already Tuesday 00:30 in Berlin: Tuesday's 00:15 has passed.
    early = rule(time=dt.time(0, 15))

    starts = meetings(early, after=utc(2026, 11, 30, 23, 30), limit=1)

    assert starts == [local(BERLIN, 2026, 12, 8, 0, 15)]


def test_it_finds_meetings_far_from_an_old_start() -> None:
    weekly = meetings(rule(starts_on=dt.date(2016, 1, 1)), after=utc(2026, 11, 30), limit=2)
    fortnightly = meetings(
        rule(Cadence.FORTNIGHTLY, starts_on=dt.date(2016, 1, 1)),
        after=utc(2026, 11, 30),
        limit=2,
    )
    monthly = meetings(
        rule(Cadence.MONTHLY, weekday=FRIDAY, starts_on=dt.date(2016, 1, 29)),
        after=utc(2026, 11, 1),
        limit=2,
    )

    assert weekly == [local(BERLIN, 2026, 12, 1, 10), local(BERLIN, 2026, 12, 8, 10)]
    # Tue 5 Jan 2016 is the anchor; 570 weeks later is Tue 8 Dec 2026.
    assert local_days(fortnightly) == [dt.date(2026, 12, 8), dt.date(2026, 12, 22)]
    # Fri 29 Jan 2016 was a fifth Friday: the series meets on the last Friday.
    assert local_days(monthly) == [dt.date(2026, 11, 27), dt.date(2026, 12, 25)]


def test_it_finds_no_meeting_after_the_window() -> None:
    assert meetings(rule(), after=utc(2027, 1, 1), until=dt.date(2026, 12, 31)) == []


# Daylight saving: the wall-clock time stays.


def test_it_keeps_the_local_time_when_berlin_springs_forward_and_falls_back() -> None:
    starts = meetings(rule(), after=utc(2026, 3, 20), until=dt.date(2026, 11, 1), limit=40)
    spring = [s for s in starts if s.date() < dt.date(2026, 4, 10)]
    autumn = [s for s in starts if s.date() > dt.date(2026, 10, 15)]

    # 29 Mar and 25 Oct 2026 are the changes: UTC+1 → UTC+2 → UTC+1.
    assert spring == [utc(2026, 3, 24, 9), utc(2026, 3, 31, 8), utc(2026, 4, 7, 8)]
    assert autumn == [utc(2026, 10, 20, 8), utc(2026, 10, 27, 9)]
    assert {start.astimezone(BERLIN).time() for start in starts} == {dt.time(10)}


def test_it_keeps_the_local_time_when_new_york_springs_forward_and_falls_back() -> None:
    monday = rule(weekday=0)
    starts = meetings(monday, NEW_YORK, after=utc(2026, 3, 1), until=dt.date(2026, 11, 10))

    # 8 Mar and 1 Nov 2026 are the changes: UTC-5 → UTC-4 → UTC-5.
    assert starts[:2] == [utc(2026, 3, 2, 15), utc(2026, 3, 9, 14)]
    autumn = meetings(monday, NEW_YORK, after=utc(2026, 10, 20), until=dt.date(2026, 11, 10))
    assert autumn == [utc(2026, 10, 26, 14), utc(2026, 11, 2, 15), utc(2026, 11, 9, 15)]


def test_it_moves_a_time_that_does_not_exist_forward_by_the_gap() -> None:
    # Sunday 29 Mar 2026 in Berlin jumps from 02:00 to 03:00: 02:30 is 03:30 that day.
    sunday = rule(weekday=SUNDAY, time=dt.time(2, 30))

    starts = meetings(sunday, after=utc(2026, 3, 20), limit=3)

    assert [start.astimezone(BERLIN).time() for start in starts] == [
        dt.time(2, 30),
        dt.time(3, 30),
        dt.time(2, 30),
    ]
    assert starts == [utc(2026, 3, 22, 1, 30), utc(2026, 3, 29, 1, 30), utc(2026, 4, 5, 0, 30)]


def test_it_moves_a_missing_new_york_time_forward_by_the_gap() -> None:
    # Sunday 8 Mar 2026 in New York jumps from 02:00 to 03:00.
    sunday = rule(weekday=SUNDAY, time=dt.time(2, 30))

    starts = meetings(sunday, NEW_YORK, after=utc(2026, 3, 8), limit=1)

    assert starts == [utc(2026, 3, 8, 7, 30)]
    assert starts[0].astimezone(NEW_YORK).time() == dt.time(3, 30)


def test_it_finds_a_meeting_the_gap_moves_past_midnight() -> None:
    # Nuuk skips from 23:00 Sat 30 Mar 2024 to midnight: 23:30 that Saturday is 00:30 Sunday.
    nuuk = ZoneInfo("America/Nuuk")
    saturday = rule(weekday=5, time=dt.time(23, 30), starts_on=dt.date(2024, 3, 1))

    starts = meetings(saturday, nuuk, after=local(nuuk, 2024, 3, 31, 0, 10), limit=2)

    assert starts == [utc(2024, 3, 31, 1, 30), local(nuuk, 2024, 4, 6, 23, 30)]


def test_it_meets_once_at_the_first_of_a_time_that_happens_twice() -> None:
    # Sunday 25 Oct 2026 in Berlin goes from 03:00 back to 02:00: 02:30 happens twice.
    sunday = rule(weekday=SUNDAY, time=dt.time(2, 30))

    starts = meetings(sunday, after=utc(2026, 10, 20), limit=2)

    assert starts == [utc(2026, 10, 25, 0, 30), utc(2026, 11, 1, 1, 30)]


# Checking a rule.


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"cadence": Cadence.CUSTOM, "every_weeks": 0},
            "every_weeks",
            "Meet every 1 to 26 weeks: every 0 weeks would never meet.",
        ),
        (
            {"cadence": Cadence.CUSTOM, "every_weeks": 27},
            "every_weeks",
            "Meet every 1 to 26 weeks: every 27 weeks is more than half a year apart.",
        ),
        ({"weekday": 7}, "weekday", "Choose a weekday from Monday to Sunday."),
        ({"weekday": -1}, "weekday", "Choose a weekday from Monday to Sunday."),
        (
            {"duration_minutes": 4},
            "duration_minutes",
            "A one-on-one lasts 5 to 240 minutes: 4 minutes is too short.",
        ),
        (
            {"duration_minutes": 241},
            "duration_minutes",
            "A one-on-one lasts 5 to 240 minutes: 241 minutes is too long.",
        ),
        (
            {"starts_on": dt.date(2026, 12, 2), "ends_on": dt.date(2026, 12, 1)},
            "ends_on",
            "The series ends on Tue 1 Dec before it starts on Wed 2 Dec; "
            "choose an end on or after its start.",
        ),
        (
            {"starts_on": dt.date(2027, 1, 4), "ends_on": dt.date(2026, 12, 28)},
            "ends_on",
            "The series ends on Mon 28 Dec 2026 before it starts on Mon 4 Jan 2027; "
            "choose an end on or after its start.",
        ),
        ({"cadence": "hourly"}, "cadence", "Choose how often you meet"),
    ],
)
def test_it_refuses_a_rule_that_makes_no_sense(fields: dict, field: str, message: str) -> None:
    cadence = fields.pop("cadence", Cadence.WEEKLY)

    with pytest.raises(CadenceError) as raised:
        check_rule(rule(cadence, **fields))

    assert raised.value.field == field
    assert raised.value.message.startswith(message)
    assert str(raised.value) == raised.value.message


@pytest.mark.parametrize(
    "fields",
    [
        {"cadence": Cadence.CUSTOM, "every_weeks": 1},
        {"cadence": Cadence.CUSTOM, "every_weeks": MAX_EVERY_WEEKS},
        {"cadence": Cadence.WEEKLY, "every_weeks": 0},
        {"duration_minutes": 5},
        {"duration_minutes": 240},
        {"weekday": 0},
        {"weekday": 6},
        {"starts_on": dt.date(2026, 12, 1), "ends_on": dt.date(2026, 12, 1)},
    ],
)
def test_it_accepts_a_rule_at_the_edges(fields: dict) -> None:
    cadence = fields.pop("cadence", Cadence.WEEKLY)

    check_rule(rule(cadence, **fields))


def test_it_labels_every_cadence() -> None:
    assert set(CADENCE_LABELS) == set(Cadence)
    assert CADENCE_LABELS[Cadence.DAILY] == "Short daily (working days)"


# Describing a rule.


@pytest.mark.parametrize(
    ("cadence_rule", "text"),
    [
        (rule(), "Weekly on Tuesdays at 10:00, 30 minutes"),
        (
            rule(Cadence.DAILY, time=dt.time(9, 15), duration_minutes=15),
            "Every working day at 09:15, 15 minutes",
        ),
        (
            rule(Cadence.FORTNIGHTLY, weekday=THURSDAY, time=dt.time(14), duration_minutes=45),
            "Every two weeks on Thursdays at 14:00, 45 minutes",
        ),
        (
            rule(Cadence.CUSTOM, every_weeks=3, weekday=0, duration_minutes=90),
            "Every 3 weeks on Mondays at 10:00, 1 hour 30 minutes",
        ),
        (rule(Cadence.CUSTOM, every_weeks=1), "Weekly on Tuesdays at 10:00, 30 minutes"),
        (
            rule(Cadence.MONTHLY, starts_on=dt.date(2026, 12, 1), duration_minutes=60),
            "Monthly on the first Tuesday at 10:00, 1 hour",
        ),
        (
            rule(Cadence.MONTHLY, weekday=FRIDAY, starts_on=dt.date(2026, 1, 29)),
            "Monthly on the last Friday at 10:00, 30 minutes",
        ),
        (
            rule(Cadence.MONTHLY, weekday=THURSDAY, starts_on=dt.date(2026, 1, 20)),
            "Monthly on the fourth Thursday at 10:00, 30 minutes",
        ),
        (rule(duration_minutes=120), "Weekly on Tuesdays at 10:00, 2 hours"),
    ],
)
def test_it_describes_a_rule_in_a_line(cadence_rule: CadenceRule, text: str) -> None:
    assert describe(cadence_rule) == text


# Properties, against a plain day-by-day reading of each rhythm.

ZONES = [BERLIN, NEW_YORK, ZoneInfo("UTC"), ZoneInfo("Australia/Lord_Howe")]
WEEKLY_KINDS = (Cadence.WEEKLY, Cadence.FORTNIGHTLY, Cadence.CUSTOM, Cadence.MONTHLY)


@st.composite
def rules(draw: st.DrawFn) -> CadenceRule:
    starts_on = draw(st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)))
    ends_on = draw(st.none() | st.dates(starts_on, dt.date(2028, 6, 30)))
    return CadenceRule(
        cadence=draw(st.sampled_from(Cadence)),
        weekday=draw(st.integers(0, 6)),
        time=dt.time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 15, 30, 45]))),
        duration_minutes=30,
        starts_on=starts_on,
        ends_on=ends_on,
        every_weeks=draw(st.integers(1, MAX_EVERY_WEEKS)),
    )


def meets_on(cadence_rule: CadenceRule, day: dt.date) -> bool:
    if cadence_rule.cadence is Cadence.DAILY:
        return day.weekday() < 5
    days_to_weekday = (cadence_rule.weekday - cadence_rule.starts_on.weekday()) % 7
    anchor = cadence_rule.starts_on + dt.timedelta(days=days_to_weekday)
    if day < anchor or day.weekday() != cadence_rule.weekday:
        return False
    if cadence_rule.cadence is Cadence.MONTHLY:
        if anchor.day > 28:
            return (day + dt.timedelta(weeks=1)).month != day.month
        return (day.day - 1) // 7 == (anchor.day - 1) // 7
    every = {Cadence.WEEKLY: 1, Cadence.FORTNIGHTLY: 2}.get(
        cadence_rule.cadence, cadence_rule.every_weeks
    )
    return (day - anchor).days % (7 * every) == 0


def expected(
    cadence_rule: CadenceRule, zone: ZoneInfo, after: dt.datetime, until: dt.date, limit: int
) -> list[dt.datetime]:
    last = min(until, cadence_rule.ends_on or until)
    found = []
    day = cadence_rule.starts_on
    while day <= last and len(found) < limit:
        if meets_on(cadence_rule, day):
            start = dt.datetime.combine(day, cadence_rule.time, zone).astimezone(dt.UTC)
            if start >= after:
                found.append(start)
        day += dt.timedelta(days=1)
    return found


@settings(max_examples=300, deadline=None)
@given(
    cadence_rule=rules(),
    zone=st.sampled_from(ZONES),
    after=st.datetimes(
        dt.datetime(2024, 1, 1), dt.datetime(2028, 12, 31), timezones=st.just(dt.UTC)
    ),
    window_days=st.integers(0, 400),
    limit=st.integers(0, 30),
)
def test_it_finds_exactly_the_meetings_of_the_rhythm_in_the_window(
    cadence_rule: CadenceRule,
    zone: ZoneInfo,
    after: dt.datetime,
    window_days: int,
    limit: int,
) -> None:
    until = after.date() + dt.timedelta(days=window_days)

    starts = occurrences(cadence_rule, zone, after=after, until=until, limit=limit)

    assert starts == expected(cadence_rule, zone, after, until, limit)
    assert starts == sorted(set(starts))
    assert len(starts) <= limit
    for start in starts:
        assert start >= after
        assert start.utcoffset() == dt.timedelta(0)
        day = start.astimezone(zone).date()
        assert cadence_rule.starts_on <= day <= until
        assert cadence_rule.ends_on is None or day <= cadence_rule.ends_on
        if cadence_rule.cadence in WEEKLY_KINDS:
            assert day.weekday() == cadence_rule.weekday
        else:
            assert day.weekday() < 5
        wall_clock = dt.datetime.combine(day, cadence_rule.time, zone)
        in_a_gap = wall_clock.astimezone(dt.UTC).astimezone(zone).time() != cadence_rule.time
        if not in_a_gap:
            assert start.astimezone(zone).time() == cadence_rule.time
        else:
            assert start == wall_clock.astimezone(dt.UTC)
