"""Every workload page reads a fixed number of queries, however much work there is."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.workload import services
from tests.conftest import logged_in, share
from tests.workload.conftest import assign, day

HTMX = {"HX-Request": "true"}


def _pages(partnership, first) -> dict[str, tuple[str, dict]]:
    pk = partnership.pk
    return {
        "overview": (reverse("partnership", args=[pk]), {}),
        "workload": (reverse("area-workload", args=[pk]), {}),
        "workload, all rows": (reverse("area-workload", args=[pk]) + "?all=1", {}),
        "assignment": (reverse("assignment", args=[pk, first.pk]), {}),
        "impact": (reverse("workload-impact", args=[pk]) + "?title=X&effort=9h&due=tomorrow", HTMX),
        "change impact": (
            reverse("assignment-impact", args=[pk, first.pk]) + "?remaining=9h&due=tomorrow",
            HTMX,
        ),
        "brief": (reverse("workload-brief", args=[pk, first.pk]), {}),
        "availability": (reverse("availability"), {}),
    }


def _queries(client, url: str, headers: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return len(queries)


def _add_work(partnership, solo_partnership, count: int) -> None:
    for n in range(count):
        item = assign(
            partnership if n % 3 else solo_partnership,
            f"Item {n}",
            90 + n,
            due=day(2 + n % 9),
            priority=1 + n % 4 if n % 2 else None,
        )
        if n % 5 == 0:
            services.step_add(item, "Figures", 30, "Finance")


@pytest.mark.parametrize(
    "name",
    [
        "overview",
        "workload",
        "workload, all rows",
        "assignment",
        "impact",
        "change impact",
        "brief",
        "availability",
    ],
)
def test_it_reads_the_same_queries_for_3_and_30_assignments(
    name, alice, bob, partnership, solo_partnership
):
    share(partnership, share_workload=True, share_availability=True, partner_may_reorder=True)
    first = assign(partnership, "Q3 board report", 600, due=day(3), priority=1)
    services.assignment_update(bob, first, {"priority": 2})
    client = logged_in(alice)
    url, headers = _pages(partnership, first)[name]

    _add_work(partnership, solo_partnership, 3)
    few = _queries(client, url, headers)
    _add_work(partnership, solo_partnership, 27)
    many = _queries(client, url, headers)

    assert many == few


@pytest.mark.parametrize("name", ["overview", "workload", "assignment"])
def test_it_reads_the_same_queries_for_the_partner(name, bob, partnership, solo_partnership):
    share(partnership, share_workload=True, share_availability=True, partner_may_reorder=True)
    first = assign(partnership, "Q3 board report", 600, due=day(3))
    client = logged_in(bob)
    url, headers = _pages(partnership, first)[name]

    _add_work(partnership, solo_partnership, 3)
    few = _queries(client, url, headers)
    _add_work(partnership, solo_partnership, 27)
    many = _queries(client, url, headers)

    assert many == few
