"""Every requests page reads a fixed number of queries, however many requests and responses
there are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.followup import EventKind
from tandem.requests import services
from tests.conftest import logged_in
from tests.requests.conftest import ask, day

HTMX = {"HX-Request": "true"}
# A requests page that reads more than this has started to read per row. The overview also
# reads every other area's tile and panels.
MAX_QUERIES = 10
MAX_OVERVIEW_QUERIES = 25


def _bound(name: str) -> int:
    return MAX_OVERVIEW_QUERIES if name == "overview" else MAX_QUERIES


def _pages(partnership, first) -> dict[str, tuple[str, dict]]:
    pk, one = partnership.pk, (partnership.pk, first.pk)
    return {
        "overview": (reverse("partnership", args=[pk]), {}),
        "list": (reverse("area-requests", args=[pk]), {}),
        "request": (reverse("request", args=one), {}),
        "edit": (reverse("request-edit", args=one), {}),
        "reflection": (reverse("request-reflection", args=one), {}),
        "follow-up": (reverse("request-follow-up", args=one), {}),
        "story hints": (reverse("request-follow-up", args=one) + "?story=you+never", HTMX),
    }


def _queries(client, url: str, headers: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return len(queries)


def _add_requests(partnership, count: int, start: int = 0) -> None:
    """Requests of every kind, each with a few events: responses, answers, follow-ups."""
    owner, partner = partnership.owner, partnership.partner
    for n in range(start, start + count):
        the_request = ask(partnership, f"Ask {n}", 20 + n % 30, shared=n % 2 == 0)
        services.response_record(owner, the_request, EventKind.ACKNOWLEDGED, on=day(-15))
        services.follow_up_record(owner, the_request, on=day(-10), channel="email", note="Again")
        if n % 2 == 0:
            services.response_record(partner, the_request, EventKind.PROMISED, promised_by=day(5))
        if n % 3 == 0:
            services.response_record(owner, the_request, EventKind.GRANTED, on=day(-1))
        if n % 4 == 0:
            services.reflection_save(owner, the_request, {"why_it_matters": "It matters"})
            services.follow_up_draft_save(owner, the_request, story="I wonder")


@pytest.fixture
def first(alice, bob, partnership):
    """A shared request with a history of its own, the one the single-request pages show."""
    the_request = ask(partnership, "Flexible hours on Fridays", 42, shared=True)
    services.response_record(alice, the_request, EventKind.ACKNOWLEDGED, on=day(-30))
    services.response_record(bob, the_request, EventKind.MORE_INFO, note="Which Fridays?")
    services.reflection_save(alice, the_request, {"what_i_want": "Fridays from 10"})
    services.follow_up_draft_save(alice, the_request, story="It got lost")
    return the_request


@pytest.mark.parametrize(
    "name", ["overview", "list", "request", "edit", "reflection", "follow-up", "story hints"]
)
def test_it_reads_the_same_queries_for_2_and_30_requests(
    name, alice, partnership, first, django_assert_max_num_queries
):
    client = logged_in(alice)
    url, headers = _pages(partnership, first)[name]

    _add_requests(partnership, 1)
    with django_assert_max_num_queries(_bound(name)):
        few = _queries(client, url, headers)
    _add_requests(partnership, 28, start=1)
    with django_assert_max_num_queries(_bound(name)):
        many = _queries(client, url, headers)

    assert many == few


@pytest.mark.parametrize("name", ["overview", "list", "request"])
def test_it_reads_the_same_queries_for_the_partner(
    name, bob, partnership, first, django_assert_max_num_queries
):
    client = logged_in(bob)
    url, headers = _pages(partnership, first)[name]

    _add_requests(partnership, 1)
    with django_assert_max_num_queries(_bound(name)):
        few = _queries(client, url, headers)
    _add_requests(partnership, 28, start=1)
    with django_assert_max_num_queries(_bound(name)):
        many = _queries(client, url, headers)

    assert many == few
