"""Request tests run on a frozen Tuesday, 1 Dec 2026 (09:00 in London, where Alice lives).

`flexible_hours` is the request of the brief: asked in a one-on-one six weeks ago, never
answered, so it is stale. Alice's partnership is with Bob ("Zebulon Boss"), who has joined.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tandem.requests import services
from tandem.requests.models import Request

TODAY = dt.date(2026, 12, 1)
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
# Private words: written by the owner for herself, never seen by the partner.
REFLECTION_SENTINEL = "reflection-only-sentinel-8812"
STORY_SENTINEL = "story-only-sentinel-4471"
SAID_SENTINEL = "said-only-sentinel-3390"


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def ask(partnership, title: str, asked_days_ago: int, **fields) -> Request:
    """A request of the partnership's owner, asked that many days ago."""
    draft = services.RequestDraft(title=title, asked_on=day(-asked_days_ago), **fields)
    return services.request_create(partnership.owner, partnership, draft)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def flexible_hours(partnership) -> Request:
    """Asked 42 days ago in a one-on-one, with no answer since: stale, and not shared."""
    return ask(
        partnership,
        "Flexible hours on Fridays",
        42,
        channel="meeting",
        what_was_said=f"Could I start at 10 on Fridays? {SAID_SENTINEL}",
    )


@pytest.fixture
def shared_request(partnership) -> Request:
    """A request Alice shares with Bob, asked 3 days ago: open, not stale."""
    return ask(partnership, "Budget for the analytics course", 3, channel="email", shared=True)
