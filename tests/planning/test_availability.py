from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.planning import TimeOff, WorkingHours, daily_capacity

MONDAY = date(2025, 12, 1)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def test_it_counts_working_minutes_on_weekdays_only() -> None:
    days = daily_capacity(MONDAY, 7, WorkingHours.weekdays(), [], 0.7)

    assert [d.day for d in days] == [MONDAY + timedelta(i) for i in range(7)]
    assert [d.available_minutes for d in days] == [510] * 5 + [0, 0]
    assert [d.capacity_minutes for d in days] == [357] * 5 + [0, 0]


def test_it_floors_capacity_without_float_noise() -> None:
    hours = WorkingHours.weekdays(time(9), time(17))

    days = daily_capacity(MONDAY, 1, hours, [], 0.7)

    # 480 x 0.7 is 335.99999999999994 in floating point.
    assert days[0].capacity_minutes == 336


def test_it_subtracts_only_the_busy_time_inside_working_hours() -> None:
    tuesday = MONDAY + timedelta(1)
    school_run = (at(tuesday, 8), at(tuesday, 10))

    days = daily_capacity(MONDAY, 2, WorkingHours.weekdays(), [school_run], 1.0)

    assert days[0].available_minutes == 510
    assert days[1].available_minutes == 450


def test_it_does_not_subtract_overlapping_meetings_twice() -> None:
    meetings = [
        (at(MONDAY, 10), at(MONDAY, 11, 30)),
        (at(MONDAY, 11), at(MONDAY, 12)),
        (at(MONDAY, 10, 30), at(MONDAY, 11)),
    ]

    days = daily_capacity(MONDAY, 1, WorkingHours.weekdays(), meetings, 1.0)

    assert days[0].available_minutes == 510 - 120


def test_it_takes_time_off_across_several_days() -> None:
    wednesday = MONDAY + timedelta(2)
    holiday = TimeOff.whole_days(wednesday, wednesday + timedelta(2))

    days = daily_capacity(MONDAY, 7, WorkingHours.weekdays(), [holiday], 1.0)

    assert [d.available_minutes for d in days] == [510, 510, 0, 0, 0, 0, 0]


def test_it_takes_a_half_day_off() -> None:
    afternoon = TimeOff(at(MONDAY, 13), at(MONDAY, 18))

    days = daily_capacity(MONDAY, 1, WorkingHours.weekdays(), [afternoon], 1.0)

    assert days[0].available_minutes == 240


def test_it_supports_half_days_and_split_days() -> None:
    hours = WorkingHours.from_mapping(
        {
            0: [(time(9), time(12)), (time(13), time(17))],
            4: [(time(9), time(13))],
        }
    )
    lunch_meeting = (at(MONDAY, 11, 30), at(MONDAY, 13, 30))

    days = daily_capacity(MONDAY, 7, hours, [lunch_meeting], 1.0)

    assert [d.available_minutes for d in days] == [420 - 60, 0, 0, 0, 240, 0, 0]


def test_it_merges_overlapping_working_intervals() -> None:
    hours = WorkingHours.from_mapping({0: [(time(9), time(12)), (time(11), time(14))]})

    assert hours.days[0] == ((time(9), time(14)),)
    assert daily_capacity(MONDAY, 1, hours, [], 1.0)[0].available_minutes == 300


def test_it_reads_a_midnight_end_as_the_end_of_the_day() -> None:
    hours = WorkingHours.from_mapping({0: [(time(20), time(0))]})

    assert daily_capacity(MONDAY, 1, hours, [], 1.0)[0].available_minutes == 240


def test_it_ignores_busy_time_outside_the_horizon_and_empty_events() -> None:
    busy = [
        (at(MONDAY - timedelta(1), 9), at(MONDAY - timedelta(1), 17)),
        (at(MONDAY + timedelta(9), 9), at(MONDAY + timedelta(9), 17)),
        (at(MONDAY, 10), at(MONDAY, 10)),
        (at(MONDAY, 12), at(MONDAY, 11)),
    ]

    days = daily_capacity(MONDAY, 2, WorkingHours.weekdays(), busy, 1.0)

    assert [d.available_minutes for d in days] == [510, 510]


def test_it_handles_a_busy_stretch_that_starts_before_the_horizon() -> None:
    busy = [TimeOff(at(MONDAY - timedelta(3), 9), at(MONDAY, 12))]

    days = daily_capacity(MONDAY, 1, WorkingHours.weekdays(), busy, 1.0)

    assert days[0].available_minutes == 330


def test_it_rejects_a_focus_factor_outside_zero_to_one() -> None:
    with pytest.raises(ValueError, match="focus factor"):
        daily_capacity(MONDAY, 1, WorkingHours.weekdays(), [], 1.5)


def test_it_rejects_a_working_interval_that_ends_before_it_starts() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        WorkingHours.from_mapping({0: [(time(17), time(9))]})


def test_it_returns_nothing_for_an_empty_horizon() -> None:
    assert daily_capacity(MONDAY, 0, WorkingHours.weekdays(), [], 0.7) == []


minutes_of_day = st.integers(min_value=0, max_value=24 * 60)


@st.composite
def intervals(draw: st.DrawFn, horizon_minutes: int, max_size: int) -> list[tuple[int, int]]:
    pairs = draw(
        st.lists(
            st.tuples(st.integers(-600, horizon_minutes + 600), st.integers(-60, 8 * 60)),
            max_size=max_size,
        )
    )
    return [(start, start + length) for start, length in pairs]


@settings(max_examples=80, deadline=None)
@given(
    working=st.lists(
        st.tuples(st.integers(0, 23 * 60), st.integers(15, 6 * 60)), min_size=0, max_size=3
    ),
    busy=intervals(3 * 24 * 60, 12),
    focus=st.floats(0, 1),
)
def test_it_matches_a_minute_by_minute_count(
    working: list[tuple[int, int]], busy: list[tuple[int, int]], focus: float
) -> None:
    def clock(minute: int) -> time:
        return time(minute // 60, minute % 60) if minute < 24 * 60 else time(0)

    day_intervals = [(start, min(start + length, 24 * 60)) for start, length in working]
    hours = WorkingHours(tuple([tuple((clock(s), clock(e)) for s, e in day_intervals)] * 7))
    origin = datetime.combine(MONDAY, time())
    busy_times = [(origin + timedelta(minutes=s), origin + timedelta(minutes=e)) for s, e in busy]

    days = daily_capacity(MONDAY, 3, hours, busy_times, focus)

    for offset, day in enumerate(days):
        working_minutes = {offset * 1440 + m for s, e in day_intervals for m in range(s, e)}
        busy_minutes = {m for s, e in busy for m in range(s, e)}
        expected = len(working_minutes - busy_minutes)
        assert day.available_minutes == expected
        assert 0 <= day.capacity_minutes <= day.available_minutes
        assert day.capacity_minutes == int(expected * focus + 1e-9)
