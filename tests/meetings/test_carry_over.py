from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tandem.meetings import carried_before_closing, carried_over


def tuesday(week: int) -> dt.datetime:
    """10:00 UTC on the Tuesday `week` weeks after Tue 3 Nov 2026."""
    return dt.datetime(2026, 11, 3, 10, tzinfo=dt.UTC) + dt.timedelta(weeks=week)


HELD = [tuesday(week) for week in range(5)]


def test_it_counts_no_carry_over_on_the_meeting_where_it_was_placed() -> None:
    assert carried_over(tuesday(2), tuesday(2), HELD) == 0


def test_it_counts_each_held_meeting_an_item_has_been_through() -> None:
    assert carried_over(tuesday(1), tuesday(2), HELD) == 1
    assert carried_over(tuesday(1), tuesday(4), HELD) == 3


def test_it_counts_only_meetings_that_were_held() -> None:
    # The meeting of week 2 was skipped.
    held = [start for start in HELD if start != tuesday(2)]

    assert carried_over(tuesday(1), tuesday(4), held) == 2


def test_it_counts_meetings_held_since_an_ad_hoc_placement() -> None:
    # Added between meetings: the next held meeting is the first it went through.
    placed = tuesday(1) + dt.timedelta(days=2)

    assert carried_over(placed, tuesday(3), HELD) == 1


def test_it_counts_every_held_meeting_for_a_meeting_still_to_come() -> None:
    assert carried_over(tuesday(0), tuesday(8), HELD) == 5


def test_it_counts_nothing_for_a_meeting_before_the_item() -> None:
    assert carried_over(tuesday(3), tuesday(1), HELD) == 0


@given(
    placed=st.integers(0, 12),
    meeting=st.integers(0, 12),
    held=st.lists(st.integers(0, 12), unique=True).map(sorted),
)
def test_it_counts_as_a_plain_count_of_the_held_meetings_between(
    placed: int, meeting: int, held: list[int]
) -> None:
    starts = [tuesday(week) for week in held]

    count = carried_over(tuesday(placed), tuesday(meeting), starts)

    assert count == sum(1 for week in held if placed <= week < meeting)


def test_it_counts_no_carry_over_for_an_item_settled_in_its_own_meeting() -> None:
    assert carried_before_closing(tuesday(1), tuesday(1) + dt.timedelta(minutes=20), HELD) == 0


def test_it_counts_the_meetings_a_settled_item_was_carried_into() -> None:
    # Placed in week 1, carried into weeks 2 and 3, settled during week 3.
    assert carried_before_closing(tuesday(1), tuesday(3) + dt.timedelta(minutes=20), HELD) == 2


def test_it_counts_no_meeting_for_an_item_settled_between_meetings() -> None:
    assert carried_before_closing(tuesday(1), tuesday(1) + dt.timedelta(days=2), HELD) == 0


def test_it_counts_the_next_held_meeting_when_the_first_was_skipped() -> None:
    # Placed on the skipped meeting of week 2, settled in week 3.
    held = [start for start in HELD if start != tuesday(2)]

    assert carried_before_closing(tuesday(2), tuesday(3) + dt.timedelta(minutes=5), held) == 1
