"""`tandem demo` tells the requests' story: six weeks of silence, a promise that passed, a yes."""

from __future__ import annotations

import pytest
import time_machine

from tandem.demo import create_demo
from tandem.followup import EventKind, RequestStatus, StaleReason
from tandem.lib.dates import format_date
from tandem.requests.models import Request
from tandem.requests.overview import figures, waiting_panel
from tandem.requests.privacy import (
    draft_for,
    follow_up_for,
    reflection_for,
    stale_requests,
    visible_requests,
)
from tests.requests.conftest import TODAY, day


@pytest.fixture
def maya(db):
    return create_demo()


def partnerships(user):
    return (
        user.owned_partnerships.get(partner_name="Sam Okafor"),
        user.owned_partnerships.get(partner_name="Dev Patel"),
    )


def by_title(views):
    return {view.title: view for view in views}


def test_the_stale_ones_lead_with_how_long_they_waited(maya):
    sam, _ = partnerships(maya)

    stale = stale_requests(maya, sam)

    assert [(view.title, view.staleness.summary) for view in stale] == [
        ("Flexible hours on Fridays", "asked 42 days ago, no answer"),
        (
            "Decision on the Q1 hiring plan",
            f"asked 28 days ago; promised an answer by {format_date(day(-9), TODAY)}, 9 days ago",
        ),
    ]
    assert [view.staleness.reason for view in stale] == [
        StaleReason.NO_ANSWER,
        StaleReason.PROMISE_PASSED,
    ]


def test_the_overview_counts_and_names_them(maya):
    sam, dev = partnerships(maya)

    tile = figures(maya, sam)
    panel = waiting_panel(maya, sam)

    assert (tile.open_count, tile.stale_count) == (3, 2)
    assert tile.longest_wait == "asked 42 days ago, no answer"
    assert [view.title for view in panel["rows"]] == [
        "Flexible hours on Fridays",
        "Decision on the Q1 hiring plan",
    ]
    assert waiting_panel(maya, dev) is None


def test_every_request_of_the_manager_partnership_is_there_in_order(maya):
    sam, _ = partnerships(maya)

    views = visible_requests(maya, sam)

    assert [(view.title, view.status, view.stale) for view in views] == [
        ("Flexible hours on Fridays", RequestStatus.OPEN, True),
        ("Decision on the Q1 hiring plan", RequestStatus.OPEN, True),
        ("A second monitor for home", RequestStatus.OPEN, False),
        ("Budget for the analytics course", RequestStatus.GRANTED, False),
        ("Move the team offsite to March", RequestStatus.WITHDRAWN, False),
    ]
    fresh = by_title(views)["A second monitor for home"]
    assert fresh.staleness.summary == "asked 3 days ago, no answer yet"


def test_the_course_was_acknowledged_then_granted(maya):
    sam, _ = partnerships(maya)

    course = by_title(visible_requests(maya, sam))["Budget for the analytics course"]

    assert course.is_closed
    assert [(event.kind, event.on) for event in course.history] == [
        (EventKind.ACKNOWLEDGED, day(-33)),
        (EventKind.GRANTED, day(-20)),
    ]
    assert course.staleness.summary == f"granted on {format_date(day(-20), TODAY)}"
    assert Request.objects.get(title=course.title).closed_at is not None


def test_the_six_week_request_has_a_reflection_and_a_follow_up_started(maya):
    request = Request.objects.get(owner=maya, title="Flexible hours on Fridays")

    reflection = reflection_for(maya, request)
    follow_up = follow_up_for(maya, request)

    assert reflection is not None and not reflection.is_empty
    assert draft_for(maya, request).story
    assert follow_up.story.startswith("The story I'm making up is that it slipped")
    assert follow_up.staleness.stale
    assert follow_up.email_subject


def test_only_the_hiring_plan_is_shared(maya):
    assert list(
        Request.objects.filter(owner=maya, shared=True).values_list("title", flat=True)
    ) == ["Decision on the Q1 hiring plan"]


def test_maya_asked_her_report_too(maya):
    _, dev = partnerships(maya)

    [agenda] = visible_requests(maya, dev)

    assert agenda.title == "Send me the agenda a day ahead"
    assert agenda.status == RequestStatus.OPEN and not agenda.stale
    assert [event.kind for event in agenda.history] == [EventKind.ACKNOWLEDGED]


# Every weekday, and late in the evening where Maya lives: the same story whenever it is tried.
@pytest.mark.parametrize(
    "moment", [f"2026-11-{d:02d} 08:00Z" for d in range(2, 9)] + ["2026-11-30 23:30Z"]
)
def test_it_tells_the_same_story_any_day(db, moment):
    with time_machine.travel(moment, tick=False):
        user = create_demo()
        sam, _ = partnerships(user)
        stale = [view.title for view in stale_requests(user, sam)]

    assert stale == ["Flexible hours on Fridays", "Decision on the Q1 hiring plan"]


def test_it_replaces_the_earlier_demo_requests(db):
    first = create_demo()

    second = create_demo()

    assert not Request.objects.filter(owner=first).exists()
    assert Request.objects.filter(owner=second).count() == 6
