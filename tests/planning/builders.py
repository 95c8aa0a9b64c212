"""Plain planner inputs for the planning tests: days counted from one Monday."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from tandem.planning import DayCapacity, WorkItem

MONDAY = date(2025, 12, 1)
WEEK = [300, 300, 300, 300, 300, 0, 0]


def days_of(*capacity: int, start: date = MONDAY) -> list[DayCapacity]:
    return [DayCapacity(start + timedelta(i), c, c) for i, c in enumerate(capacity)]


def item(
    id: int | str,
    minutes: int = 60,
    due: int | None = None,
    priority: int | None = None,
    asked: int = 0,
    not_before: int | None = None,
    title: str | None = None,
) -> WorkItem:
    """An item; due, asked and not_before are day offsets from MONDAY (asked counts back).

    A word id gives a readable title ("report" → "Report"), a number gives "Item 3".
    """
    return WorkItem(
        id=id,
        title=title or (id.title() if isinstance(id, str) else f"Item {id}"),
        remaining_minutes=minutes,
        due=None if due is None else MONDAY + timedelta(due),
        priority=priority,
        created=MONDAY - timedelta(asked),
        not_before=None if not_before is None else MONDAY + timedelta(not_before),
    )


def work_items(
    *,
    count: tuple[int, int],
    minutes: tuple[int, int],
    due: tuple[int, int],
    priorities: int,
    asked: int,
    not_before: tuple[int, int],
) -> st.SearchStrategy[list[WorkItem]]:
    """Random open work with the given ranges (day offsets from MONDAY; asked counts back)."""

    @st.composite
    def build(draw: st.DrawFn) -> list[WorkItem]:
        return [
            item(
                i,
                draw(st.integers(*minutes)),
                due=draw(st.none() | st.integers(*due)),
                priority=draw(st.none() | st.integers(1, priorities)),
                asked=draw(st.integers(0, asked)),
                not_before=draw(st.none() | st.integers(*not_before)),
            )
            for i in range(draw(st.integers(*count)))
        ]

    return build()
