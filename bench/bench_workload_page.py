"""Time the workload page for a person with 1,000 open assignments.

Run from the repository root:

    TANDEM_DATA_DIR=$(mktemp -d) .venv/bin/python bench/bench_workload_page.py

It migrates a fresh SQLite database in that directory, so never point it at real data.
Prints figures only; a slow machine gets slow numbers, not a failure.
Targets: median under 150 ms, and the same number of queries whatever the workload's size.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.test_settings")
os.environ.setdefault("TANDEM_DATA_DIR", tempfile.mkdtemp(prefix="tandem-bench-"))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from tandem.accounts.models import User  # noqa: E402
from tandem.partnerships.models import Kind, Partnership  # noqa: E402
from tandem.workload.models import Assignment, CalendarEvent, Commitment, Step  # noqa: E402

RUNS = 15
ASSIGNMENTS = 1000
TARGET_MS = 150.0


def populate(count: int) -> tuple[User, Partnership]:
    user = User.objects.create_user(
        "bench@example.com", "bench-password", display_name="Bench Person", time_zone="UTC"
    )
    partnership = Partnership.objects.create(
        owner=user, partner_name="Sam Boss", kind=Kind.MY_MANAGER
    )
    other = Partnership.objects.create(owner=user, partner_name="Rita Report", kind=Kind.MY_REPORT)
    today = user.local_today()
    assignments = Assignment.objects.bulk_create(
        Assignment(
            owner=user,
            partnership=partnership if n % 5 else other,
            title=f"Assignment {n}",
            asked_by="Sam" if n % 3 else "",
            asked_on=today - dt.timedelta(days=n % 60),
            due=today + dt.timedelta(days=n % 120) if n % 4 else None,
            estimate_minutes=60 + n % 8 * 30,
            remaining_minutes=60 + n % 8 * 30,
            priority=n % 9 or None if n % 2 else None,
        )
        for n in range(count)
    )
    Step.objects.bulk_create(
        Step(assignment=a, title=f"Step {k}", effort_minutes=45, done=k == 0, depends_on="Finance")
        for a in assignments[::3]
        for k in range(3)
    )
    Commitment.objects.create(
        owner=user, title="School run", weekday=1, start=dt.time(8), end=dt.time(10)
    )
    meetings = []
    for offset in range(90):
        day = today + dt.timedelta(days=offset)
        if day.weekday() < 5:
            start = dt.datetime.combine(day, dt.time(9, 30), tzinfo=dt.UTC)
            meetings.append(
                CalendarEvent(
                    owner=user,
                    uid="standup@bench",
                    instance=day.isoformat(),
                    title="Stand-up",
                    start=start,
                    end=start + dt.timedelta(minutes=15),
                )
            )
    CalendarEvent.objects.bulk_create(meetings)
    return user, partnership


def main() -> None:
    call_command("migrate", "--no-input", verbosity=0)
    user, partnership = populate(ASSIGNMENTS)
    # A host the settings allow, and no test instrumentation: rendering as in production.
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    url = reverse("area-workload", args=[partnership.pk])

    response = client.get(url)  # warm-up: templates, imports, the first query plans
    assert response.status_code == 200, response.status_code
    print(f"workload page, {ASSIGNMENTS:,} open assignments, {RUNS} runs")
    medians = []
    for label, path in (
        ("the page (first rows of the plan)", url),
        ("with ?all=1", url + "?all=1"),
    ):
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        query_count = len(queries)  # read now: the next request clears the connection's log
        timings = []
        for _ in range(RUNS):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        medians.append(statistics.median(timings))
        print(
            f"  {label}: median {medians[-1]:.1f} ms   min {min(timings):.1f} ms   "
            f"max {max(timings):.1f} ms   queries {query_count}"
        )
    verdict = "meets" if medians[0] < TARGET_MS else "misses"
    print(f"  the page {verdict} the target of a median under {TARGET_MS:.0f} ms")


if __name__ == "__main__":
    main()
