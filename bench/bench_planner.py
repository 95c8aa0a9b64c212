"""Time the planner on a heavy but realistic workload.

Run from the repository root:

    PYTHONPATH=src python bench/bench_planner.py

Prints figures only; a slow machine gets slow numbers, not a failure.
Targets: plan() median under 100 ms for 10,000 open items over two years;
impact_of() under twice the plan.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock

from tandem.planning.availability import Busy, DayCapacity, TimeOff, WorkingHours, daily_capacity
from tandem.planning.impact import impact_of
from tandem.planning.options import find_options
from tandem.planning.planner import WorkItem, plan

RUNS = 15
HORIZON_DAYS = 730
PLAN_TARGET_MS = 100.0
START = date(2026, 1, 5)


def busy_time(rng: random.Random) -> list[Busy | TimeOff]:
    """Two years of a full calendar: a weekly school run, stand-ups, meetings, holidays."""
    busy: list[Busy | TimeOff] = []
    for offset in range(HORIZON_DAYS):
        day = START + timedelta(offset)
        if day.weekday() >= 5:
            continue
        at = datetime.combine(day, clock())
        if day.weekday() == 1:
            busy.append((at + timedelta(hours=8), at + timedelta(hours=10)))
        busy.append((at + timedelta(hours=9, minutes=30), at + timedelta(hours=9, minutes=45)))
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            begin = at + timedelta(hours=rng.randrange(9, 17), minutes=rng.choice((0, 30)))
            busy.append((begin, begin + timedelta(minutes=rng.choice((30, 60, 60, 90)))))
    for _ in range(8):
        first = START + timedelta(rng.randrange(HORIZON_DAYS))
        busy.append(TimeOff.whole_days(first, first + timedelta(rng.randrange(1, 10))))
    return busy


def work_items(rng: random.Random, count: int, due_within: int) -> list[WorkItem]:
    items = []
    for i in range(count):
        created = START - timedelta(rng.randrange(365))
        due = START + timedelta(rng.randrange(-5, due_within)) if rng.random() < 0.7 else None
        priority = rng.choice((1, 2, 3)) if rng.random() < 0.15 else None
        not_before = START + timedelta(rng.randrange(60)) if rng.random() < 0.05 else None
        effort = rng.choice((30, 60, 90, 120, 180, 240, 480, 720))
        items.append(WorkItem(i, f"Assignment {i}", effort, due, priority, created, not_before))
    return items


def overloaded_items(rng: random.Random, count: int, days: list[DayCapacity]) -> list[WorkItem]:
    """Due dates that keep pace with ~70% of capacity, so only a few items end up late."""
    per_day = sum(day.capacity_minutes for day in days[:70]) / 70
    items = []
    total = 0
    for i in range(count):
        effort = rng.choice((30, 60, 60, 90, 120, 120, 180, 240, 480))
        total += effort
        due = START + timedelta(max(1, int(total / (per_day * 0.7)) + rng.randrange(10)))
        priority = rng.choice((1, 2, 3)) if rng.random() < 0.1 else None
        created = START - timedelta(rng.randrange(90))
        items.append(
            WorkItem(
                i, f"Assignment {i}", effort, due if rng.random() < 0.8 else None, priority, created
            )
        )
    return items


def timed(fn: Callable[[], object], runs: int = RUNS) -> list[float]:
    fn()  # warm up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def report(label: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(f"{label:<44} median {median:8.2f} ms   min {min(times):8.2f}   max {max(times):8.2f}")
    return median


def main() -> None:
    rng = random.Random(20260105)
    hours = WorkingHours.weekdays(clock(9), clock(17, 30))
    busy = busy_time(rng)
    capacity_ms = report(
        f"daily_capacity ({HORIZON_DAYS} days, {len(busy)} busy)",
        timed(lambda: daily_capacity(START, HORIZON_DAYS, hours, busy, 0.7)),
    )
    crowded = busy + [
        (begin, begin + timedelta(minutes=rng.choice((30, 60, 90))))
        for begin in (
            datetime.combine(START + timedelta(rng.randrange(HORIZON_DAYS)), clock(8))
            + timedelta(minutes=30 * rng.randrange(20))
            for _ in range(5_000 - len(busy))
        )
    ]
    report(
        f"daily_capacity ({HORIZON_DAYS} days, {len(crowded)} busy)",
        timed(lambda: daily_capacity(START, HORIZON_DAYS, hours, crowded, 0.7)),
    )
    days = daily_capacity(START, HORIZON_DAYS, hours, busy, 0.7)

    items = work_items(rng, 10_000, HORIZON_DAYS)
    current = plan(items, days)
    plan_ms = report("plan (10,000 items)", timed(lambda: plan(items, days)))

    ask = WorkItem("ask", "Board deck", 600, START + timedelta(10), 1, START)
    impact_ms = report(
        "impact_of, new ask (plans twice)", timed(lambda: impact_of(items, days, ask))
    )
    change = WorkItem(
        items[42].id, items[42].title, 900, START + timedelta(3), 1, items[42].created
    )
    report("impact_of, changed item", timed(lambda: impact_of(items, days, change)))
    reuse_ms = report(
        "impact_of, current plan passed in",
        timed(lambda: impact_of(items, days, ask, before=current)),
    )

    overload = overloaded_items(random.Random(0), 200, days)
    late = len(plan(overload, days).late)
    overload_ms = report(
        f"options (200 items, {late} late)", timed(lambda: find_options(overload, days), runs=5)
    )
    heavy = overloaded_items(random.Random(1), 2_000, days)
    heavy_late = len(plan(heavy, days).late)
    heavy_ms = report(
        f"options (2,000 items, {heavy_late} late)",
        timed(lambda: find_options(heavy, days), runs=3),
    )
    # The worst case: most of 10,000 items cannot be done in two years.
    huge_late = len(current.late)
    huge_ms = report(
        f"options (10,000 items, {huge_late} late)",
        timed(lambda: find_options(items, days), runs=3),
    )

    print()
    print(f"capacity: {capacity_ms:.1f} ms")
    verdict = "met" if plan_ms < PLAN_TARGET_MS else "NOT met"
    print(f"plan median {plan_ms:.1f} ms < {PLAN_TARGET_MS:.0f} ms: {verdict}")
    ratio = impact_ms / plan_ms
    print(f"impact_of / plan = {ratio:.2f} (< 2: {'met' if ratio < 2 else 'NOT met'})")
    print(f"impact_of with the current plan / plan = {reuse_ms / plan_ms:.2f}")
    print(
        f"options: {overload_ms:.1f} ms for 200 items, {heavy_ms:.1f} ms for 2,000 items, "
        f"{huge_ms:.1f} ms for 10,000 items"
    )
    found = find_options(overload, days)
    for option in found:
        print(f"  - {option.explanation}  ({option.why})")


if __name__ == "__main__":
    main()
