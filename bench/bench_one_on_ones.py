"""Time the one-on-one pages and the API for a partnership with a long history.

Run from the repository root:

    TANDEM_DATA_DIR=$(mktemp -d) .venv/bin/python bench/bench_one_on_ones.py

It migrates a fresh SQLite database in that directory, so never point it at real data.
Prints figures only. A weekly one-on-one held for a year is 52 meetings; five years is 260.
Each meeting gets 4 agenda items (1 left open), 3 action items (1 left open) and 2
decisions, so the next meeting carries a long tail. What must hold: the same number of
queries at every size.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.test_settings")
os.environ.setdefault("TANDEM_DATA_DIR", tempfile.mkdtemp(prefix="tandem-bench-"))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from page_timing import measure  # noqa: E402

from tandem.accounts.models import User  # noqa: E402
from tandem.meetings import Cadence, CadenceRule  # noqa: E402
from tandem.oneonones import services  # noqa: E402
from tandem.oneonones.models import ActionItem, AgendaItem, Decision  # noqa: E402
from tandem.oneonones.privacy import next_meeting_for  # noqa: E402
from tandem.partnerships.models import Kind, Partnership  # noqa: E402

RUNS = 11
WEEKS = (52, 260)


def populate(weeks: int) -> tuple[User, Partnership]:
    user = User.objects.create_user(
        f"bench{weeks}@example.com", "bench-password", display_name="Bench Person"
    )
    partnership = Partnership.objects.create(
        owner=user, partner_name="Sam Boss", kind=Kind.MY_MANAGER
    )
    now = timezone.now()
    began = now - dt.timedelta(weeks=weeks)
    rule = CadenceRule(
        Cadence.WEEKLY, began.weekday(), dt.time(10), 30, began.date(), every_weeks=1
    )
    series = services.series_save(user, partnership, rule, now=began)
    # Generated twelve weeks at a time, as opening the area does week after week.
    moment = began
    while moment < now:
        moment = min(now, moment + dt.timedelta(weeks=4))
        services.meetings_keep_ahead(series, now=moment)
    held = [m for m in series.meetings.order_by("starts_at") if m.has_ended(now)]
    items, actions, decisions = [], [], []
    for index, meeting in enumerate(held):
        during = meeting.starts_at + dt.timedelta(minutes=10)
        for n in range(4):
            open_one = n == 0 and index % 4 == 0
            items.append(
                AgendaItem(
                    partnership=partnership,
                    meeting=meeting,
                    title=f"Topic {index}.{n}",
                    position=index * 4 + n,
                    added_by=user,
                    added_at=during,
                    status="open" if open_one else "discussed",
                    closed_at=None if open_one else during,
                )
            )
        for n in range(3):
            open_one = n == 0 and index % 3 == 0
            actions.append(
                ActionItem(
                    partnership=partnership,
                    meeting=meeting,
                    title=f"Action {index}.{n} about the quarterly budget",
                    owned_by="owner" if n % 2 == 0 else "partner",
                    due=(meeting.starts_at + dt.timedelta(days=7)).date(),
                    status="open" if open_one else "done",
                    created_by=user,
                    created_at=during,
                    closed_at=None if open_one else during + dt.timedelta(days=5),
                    closed_on=None if open_one else (during + dt.timedelta(days=5)).date(),
                )
            )
        decisions += [
            Decision(meeting=meeting, text=f"Decision {index}.{n}", recorded_by=user)
            for n in range(2)
        ]
    AgendaItem.objects.bulk_create(items)
    ActionItem.objects.bulk_create(actions)
    Decision.objects.bulk_create(decisions)
    return user, partnership


def main() -> None:
    call_command("migrate", "--no-input", verbosity=0)
    for weeks in WEEKS:
        user, partnership = populate(weeks)
        meeting = next_meeting_for(user, partnership)
        # A host the settings allow, and no test instrumentation: rendering as in production.
        client = Client(SERVER_NAME="localhost")
        client.force_login(user)
        one = f"/api/partnerships/{partnership.pk}/one-on-ones"
        paths = (
            ("the area page", reverse("area-one-on-ones", args=[partnership.pk])),
            ("the next meeting", reverse("meeting", args=[partnership.pk, meeting.pk])),
            ("the history", reverse("one-on-ones-history", args=[partnership.pk])),
            (
                "the history, searched",
                reverse("one-on-ones-history", args=[partnership.pk]) + "?q=budget",
            ),
            ("the follow-through", reverse("one-on-ones-follow-through", args=[partnership.pk])),
            ("the overview", reverse("partnership", args=[partnership.pk])),
            ("GET …/meetings/next", f"{one}/meetings/next"),
            ("GET …/action-items", f"{one}/action-items"),
        )
        client.get(paths[1][1])  # warm-up
        print(f"{weeks} weekly meetings held, {RUNS} runs")
        for label, path in paths:
            median, query_count, kilobytes = measure(client, path, RUNS)
            print(f"  {label}: median {median:.1f} ms   queries {query_count}   {kilobytes} KB")


if __name__ == "__main__":
    main()
