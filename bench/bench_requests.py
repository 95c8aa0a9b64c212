"""Time the requests pages and the API for a partnership with many requests.

Run from the repository root:

    TANDEM_DATA_DIR=$(mktemp -d) .venv/bin/python bench/bench_requests.py

It migrates a fresh SQLite database in that directory, so never point it at real data.
Prints figures only. A person keeps a handful of requests per partnership; 50 is a long
year, 1,000 a stress test. What must hold: the same number of queries at every size.
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
from page_timing import measure  # noqa: E402

from tandem.accounts.models import User  # noqa: E402
from tandem.partnerships.models import Kind, Partnership  # noqa: E402
from tandem.requests.models import Request, RequestEvent  # noqa: E402

RUNS = 11
SIZES = (50, 1000)
# Each request's history: acknowledged, followed up, acknowledged again.
HISTORY = ("acknowledged", "followed_up", "acknowledged")


def populate(count: int) -> tuple[User, Partnership]:
    user = User.objects.create_user(
        f"bench{count}@example.com", "bench-password", display_name="Bench Person"
    )
    partnership = Partnership.objects.create(
        owner=user, partner_name="Sam Boss", kind=Kind.MY_MANAGER
    )
    today = user.local_today()
    requests = Request.objects.bulk_create(
        Request(
            owner=user,
            partnership=partnership,
            title=f"Request {n}",
            asked_on=today - dt.timedelta(days=n % 90),
            shared=n % 2 == 0,
        )
        for n in range(count)
    )
    RequestEvent.objects.bulk_create(
        RequestEvent(request=request, kind=kind, happened_on=request.asked_on, channel="")
        for request in requests
        for kind in HISTORY
    )
    return user, partnership


def main() -> None:
    call_command("migrate", "--no-input", verbosity=0)
    for size in SIZES:
        user, partnership = populate(size)
        # A host the settings allow, and no test instrumentation: rendering as in production.
        client = Client(SERVER_NAME="localhost")
        client.force_login(user)
        client.get(reverse("area-requests", args=[partnership.pk]))  # warm-up
        print(f"{size:,} requests, {len(HISTORY)} history entries each, {RUNS} runs")
        for label, path in (
            ("the requests page", reverse("area-requests", args=[partnership.pk])),
            ("the overview", reverse("partnership", args=[partnership.pk])),
            (
                "GET …/requests?status=all",
                f"/api/partnerships/{partnership.pk}/requests?status=all",
            ),
        ):
            median, query_count, kilobytes = measure(client, path, RUNS)
            print(f"  {label}: median {median:.1f} ms   queries {query_count}   {kilobytes} KB")


if __name__ == "__main__":
    main()
