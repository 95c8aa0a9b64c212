from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.lib.efforts import (
    MAX_EFFORT_MINUTES,
    EffortParseError,
    format_effort,
    parse_effort,
    spoken_effort,
)

DAY = 8 * 60


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("3h", 180),
        ("3 H", 180),
        ("1.5h", 90),
        ("1,5h", 90),
        (".5h", 30),
        ("90m", 90),
        ("45 min", 45),
        ("2 hours", 120),
        ("2h30m", 150),
        ("2h 30m", 150),
        ("2h, 30m", 150),
        ("2 hours and 30 minutes", 150),
        ("1h30", 90),
        ("1:30", 90),
        ("1d", DAY),
        ("1 day", DAY),
        ("1.5d", DAY + DAY // 2),
        ("0.5d", DAY // 2),
        ("1d 2h", DAY + 120),
        ("1w", 5 * DAY),
        ("2 weeks", 10 * DAY),
        ("an hour", 60),
        ("half an hour", 30),
        ("half a day", DAY // 2),
        ("1.33h", 80),
        ("2000h", 2000 * 60),
    ],
)
def test_it_reads_common_efforts(text: str, minutes: int) -> None:
    assert parse_effort(text, DAY) == minutes


def test_it_measures_days_in_the_persons_own_working_day() -> None:
    assert parse_effort("1d", 450) == 450
    assert parse_effort("1.5d", 450) == 675
    assert parse_effort("1w", 360) == 1800


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter an effort, e.g. 3h, 90m or 1.5d"),
        ("3", "'3' has no unit; did you mean 3h? (try 3h, 90m or 1.5d)"),
        ("3 hrs x", "'3 hrs x' is not an effort: read '3 hrs' but not 'x'; try 3h, 90m or 1.5d"),
        ("abc", "'abc' is not an effort; try 3h, 90m or 1.5d"),
        ("3hz", "'hz' is not a unit; use m, h, d or w"),
        ("0h", "'0h' is zero"),
        ("0.001h", "'0.001h' is less than a minute"),
        ("-3h", "'-3h' is negative; efforts are positive"),
        ("2001h", "'2001h' is more than 2,000 hours"),
        ("9" * 50 + "w", "is more than 2,000 hours"),
        ("2h 2h", "'2h 2h' gives hours twice"),
        ("1h75", "'1h75' has 75 minutes after the hours"),
        ("3 30m", "'3 30m' has no unit; did you mean 3h?"),
        ("x" * 80, "is too long for an effort"),
    ],
)
def test_it_explains_what_it_cannot_read(text: str, message: str) -> None:
    with pytest.raises(EffortParseError) as error:
        parse_effort(text, DAY)
    assert message in str(error.value)


def test_it_refuses_a_working_day_of_no_length() -> None:
    with pytest.raises(ValueError, match="day_minutes must be positive"):
        parse_effort("1d", 0)


@pytest.mark.parametrize(
    ("minutes", "day_minutes", "text"),
    [
        (180, None, "3h"),
        (90, None, "1h 30m"),
        (45, None, "45m"),
        (0, None, "0m"),
        (-90, None, "-1h 30m"),
        (600, None, "10h"),
        (600, 480, "1d 2h"),
        (480, 480, "1d"),
        (1000, 480, "2d 40m"),
        (300, 480, "5h"),
    ],
)
def test_it_formats_efforts_briefly(minutes: int, day_minutes: int | None, text: str) -> None:
    assert format_effort(minutes, day_minutes) == text


@pytest.mark.parametrize(
    ("minutes", "day_minutes", "text"),
    [
        (1, DAY, "1 minute"),
        (45, DAY, "45 minutes"),
        (59, DAY, "59 minutes"),
        (60, DAY, "1 hour"),
        (61, DAY, "about 1 hour"),
        (90, DAY, "1½ hours"),
        (100, DAY, "about 1½ hours"),
        (270, DAY, "4½ hours"),
        (600, DAY, "10 hours"),
        (615, DAY, "about 10 hours"),
        (23 * 60 + 27, 12 * 60, "about 23 hours"),
        (2 * DAY, DAY, "16 hours"),
        (17 * 60, DAY, "about 2 days"),
        (3 * DAY, DAY, "3 days"),
        (3 * DAY + 50, DAY, "about 3 days"),
        (18 * 60, 6 * 60, "3 days"),
    ],
)
def test_it_says_efforts_the_way_people_speak(minutes: int, day_minutes: int, text: str) -> None:
    assert spoken_effort(minutes, day_minutes) == text


def test_it_refuses_what_cannot_be_said() -> None:
    with pytest.raises(ValueError, match="day_minutes must be positive"):
        spoken_effort(60, 0)
    with pytest.raises(ValueError, match="never negative"):
        spoken_effort(-60, DAY)


@given(
    minutes=st.integers(min_value=0, max_value=MAX_EFFORT_MINUTES),
    day_minutes=st.integers(min_value=60, max_value=24 * 60),
)
def test_it_says_an_effort_within_a_quarter_of_its_size(minutes: int, day_minutes: int) -> None:
    words = spoken_effort(minutes, day_minutes).removeprefix("about ").split()
    number = float(words[0].replace("½", ".5"))
    unit = {"minute": 1, "minutes": 1, "hour": 60, "hours": 60, "days": day_minutes}[words[1]]
    assert abs(number * unit - minutes) <= max(15, minutes / 4)


@given(
    minutes=st.integers(min_value=1, max_value=MAX_EFFORT_MINUTES),
    day_minutes=st.one_of(st.none(), st.integers(min_value=60, max_value=24 * 60)),
)
def test_it_reads_back_what_it_formats(minutes: int, day_minutes: int | None) -> None:
    text = format_effort(minutes, day_minutes)
    assert parse_effort(text, day_minutes or DAY) == minutes


@given(text=st.text(max_size=30), day_minutes=st.integers(min_value=1, max_value=24 * 60))
def test_it_raises_only_effort_parse_errors(text: str, day_minutes: int) -> None:
    try:
        minutes = parse_effort(text, day_minutes)
    except EffortParseError as error:
        assert str(error)
    else:
        assert 1 <= minutes <= MAX_EFFORT_MINUTES


@given(
    text=st.lists(
        st.sampled_from(
            ["1", "2.5", ",5", "0", "h", "m", "d", "w", "and", "half", "an", ":", "30"]
        ),
        max_size=6,
    ).map("".join)
)
def test_it_raises_only_effort_parse_errors_on_near_misses(text: str) -> None:
    try:
        minutes = parse_effort(text, DAY)
    except EffortParseError:
        return
    assert 1 <= minutes <= MAX_EFFORT_MINUTES
