"""Every one-on-ones page reads a fixed number of queries, however long the history of
meetings, agenda items, decisions and action items."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.oneonones import services
from tandem.oneonones.services import ActionDraft
from tandem.requests import services as requests
from tandem.workload import services as workload
from tests.conftest import logged_in
from tests.oneonones.conftest import NOW, day, meetings

HTMX = {"HX-Request": "true"}
# A one-on-ones page that reads more than this has started to read per row. The meeting page
# also prepares the owner's proposals from the plan, the requests and the agreement's review;
# the overview reads every area's tile and panels.
MAX_QUERIES = 17
MAX_MEETING_QUERIES = 34
MAX_OVERVIEW_QUERIES = 26
BOUNDS = {"meeting": MAX_MEETING_QUERIES, "held meeting": MAX_MEETING_QUERIES}
BOUNDS["overview"] = MAX_OVERVIEW_QUERIES
PAGES = ("overview", "area", "meeting", "held meeting", "summary", "history", "follow-through")


def _pages(partnership, coming, held) -> dict[str, tuple[str, dict]]:
    pk = partnership.pk
    return {
        "overview": (reverse("partnership", args=[pk]), {}),
        "area": (reverse("area-one-on-ones", args=[pk]), {}),
        "series": (reverse("one-on-ones-series", args=[pk]), {}),
        "meeting": (reverse("meeting", args=[pk, coming.pk]), {}),
        "held meeting": (reverse("meeting", args=[pk, held.pk]), {}),
        "summary": (reverse("meeting-summary", args=[pk, held.pk]), {}),
        "history": (reverse("one-on-ones-history", args=[pk]) + "?q=budget", {}),
        "follow-through": (reverse("one-on-ones-follow-through", args=[pk]), {}),
    }


def _queries(client, url: str, headers: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return len(queries)


def _add_history(partnership, held, coming, count: int, start: int = 0) -> None:
    """Of everything a meeting holds, `count` more: agenda items open and settled, decisions,
    action items on both sides (open, done, dropped), notes private and shared, questions
    noted by both, and the owner's assignments and requests the agenda is proposed from."""
    owner, partner = partnership.owner, partnership.partner
    for n in range(start, start + count):
        meeting = held[n % len(held)]
        during = meeting.starts_at + dt.timedelta(minutes=10)
        item = services.agenda_item_add(owner, meeting, f"Topic {n}", now=during)
        if n % 2:
            item.partnership = partnership
            services.agenda_item_update(partner, item, status="discussed", now=during)
        services.agenda_item_add(partner, coming, f"Next topic {n}")
        services.decision_record(owner, meeting, f"Budget decision {n}", "both", now=during)
        side = "owner" if n % 2 else "partner"
        done = services.action_item_add(
            partner, meeting, ActionDraft(f"Budget action {n}", side, day(n % 5)), now=during
        )
        if n % 3 == 0:
            done.partnership = partnership
            services.action_item_update(owner, done, status="done", now=NOW)
        services.private_note_save(owner, meeting, f"Private {n}", now=during)
        services.question_note(owner, partnership, f"Question {n}")
        services.question_note(partner, partnership, f"Their question {n}")
        workload.assignment_create(
            owner,
            partnership,
            workload.AssignmentDraft(title=f"Report {n}", effort_minutes=600, due=day(2 + n % 4)),
        )
        requests.request_create(
            owner,
            partnership,
            requests.RequestDraft(title=f"Ask {n}", asked_on=day(-30 - n), shared=n % 2 == 0),
        )


@pytest.fixture
def coming(past_series, partnership):
    meeting = next(m for m in meetings(past_series) if not m.has_ended(NOW))
    meeting.partnership = partnership
    return meeting


@pytest.fixture
def last_held(held, partnership):
    for meeting in held:
        meeting.partnership = partnership
    return held[-1]


def _check(client, url, headers, name, partnership, held, coming, bound) -> None:
    _add_history(partnership, held, coming, 1)
    # The first visit may plan the series' next meetings ahead: once, whatever the history.
    client.get(url, headers=headers)
    with bound(BOUNDS.get(name, MAX_QUERIES)):
        few = _queries(client, url, headers)
    _add_history(partnership, held, coming, 24, start=1)
    with bound(BOUNDS.get(name, MAX_QUERIES)):
        many = _queries(client, url, headers)
    assert many == few


@pytest.mark.parametrize("name", [*PAGES, "series"])
def test_it_reads_the_same_queries_for_a_short_and_a_long_history(
    name, alice, partnership, held, last_held, coming, django_assert_max_num_queries
):
    url, headers = _pages(partnership, coming, last_held)[name]
    client = logged_in(alice)
    _check(client, url, headers, name, partnership, held, coming, django_assert_max_num_queries)


@pytest.mark.parametrize("name", PAGES)
def test_it_reads_the_same_queries_for_the_partner(
    name, bob, partnership, held, last_held, coming, django_assert_max_num_queries
):
    url, headers = _pages(partnership, coming, last_held)[name]
    client = logged_in(bob)
    _check(client, url, headers, name, partnership, held, coming, django_assert_max_num_queries)


def test_it_answers_a_small_form_with_its_section_in_a_fixed_number_of_queries(
    alice, partnership, held, last_held, coming, django_assert_max_num_queries
):
    client = logged_in(alice)
    add = reverse("agenda-item-add", args=[partnership.pk, coming.pk])

    def post() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.post(add, {"title": "One more"}, headers=HTMX)
        assert response.status_code == 200
        return len(queries)

    _add_history(partnership, held, coming, 1)
    client.get(reverse("meeting", args=[partnership.pk, coming.pk]))
    with django_assert_max_num_queries(MAX_MEETING_QUERIES + 5):
        few = post()
    _add_history(partnership, held, coming, 24, start=1)
    with django_assert_max_num_queries(MAX_MEETING_QUERIES + 5):
        many = post()
    assert many == few
