from __future__ import annotations

import datetime as dt

import pytest

from tandem.meetings import Commitment, FollowThrough, follow_through

TODAY = dt.date(2026, 12, 1)


def day(number: int) -> dt.date:
    return dt.date(2026, 11, number)


def done(owner: str, due: dt.date | None, on: dt.date) -> Commitment:
    return Commitment(owner, due, "done", on)


def open_(owner: str, due: dt.date | None) -> Commitment:
    return Commitment(owner, due, "open", None)


def test_it_counts_each_outcome_for_each_side() -> None:
    items = [
        done("owner", day(10), day(9)),
        done("owner", day(10), day(10)),
        done("owner", day(10), day(12)),
        done("owner", None, day(20)),
        open_("owner", day(30)),
        open_("owner", TODAY),
        open_("owner", None),
        Commitment("owner", day(1), "dropped", None),
        open_("partner", day(20)),
    ]

    sides = follow_through(items, TODAY)

    assert sides["owner"] == FollowThrough(
        side="owner",
        total=8,
        done_on_time=3,
        done_late=1,
        open_overdue=1,
        open_on_track=2,
        dropped=1,
    )
    assert sides["partner"] == FollowThrough("partner", 1, 0, 0, 1, 0, 0)


def test_it_gives_both_sides_even_with_nothing_agreed() -> None:
    sides = follow_through([], TODAY)

    assert set(sides) == {"owner", "partner"}
    assert sides["partner"].total == 0
    assert sides["partner"].rate is None
    assert sides["partner"].reading == "Nothing agreed yet"


def test_it_rates_the_share_done_on_time_of_what_was_due() -> None:
    items = [done("owner", day(10), day(9))] * 3 + [
        done("owner", day(10), day(11)),
        open_("owner", day(20)),
        open_("owner", None),
        Commitment("owner", day(5), "dropped", None),
    ]

    side = follow_through(items, TODAY)["owner"]

    assert side.rate == pytest.approx(3 / 5)
    assert side.reading == "Did 3 of 5 on time; 1 overdue"


def test_it_reads_a_clean_record_plainly() -> None:
    items = [done("partner", day(10), day(9))] * 5 + [done("partner", day(10), day(11))]

    side = follow_through(items, TODAY)["partner"]

    assert side.reading == "Did 5 of 6 on time"
    assert side.rate == pytest.approx(5 / 6)


def test_it_says_nothing_is_due_yet_when_nothing_was() -> None:
    items = [
        open_("owner", TODAY),
        open_("owner", None),
        Commitment("owner", None, "dropped", None),
    ]

    side = follow_through(items, TODAY)["owner"]

    assert side.rate is None
    assert side.reading == "Nothing due yet"


def test_it_reads_only_what_is_overdue_when_nothing_is_done() -> None:
    side = follow_through([open_("partner", day(20)), open_("partner", day(30))], TODAY)["partner"]

    assert side.rate == 0
    assert side.reading == "2 overdue"


def test_it_refuses_an_action_item_of_neither_side() -> None:
    with pytest.raises(ValueError, match="owner or the partner"):
        follow_through([open_("both", None)], TODAY)
