"""Who sees what of requests: the owner all of them, the partner the shared ones without the
owner's own words, anyone else nothing at all."""

from __future__ import annotations

import dataclasses

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from tandem.followup import EventKind, StaleReason
from tandem.privacy import get_partnership_for
from tandem.requests import services
from tandem.requests.privacy import (
    RequestView,
    draft_for,
    follow_up_for,
    get_owned_request,
    get_request_for,
    reflection_for,
    requests_for,
    stale_requests,
    visible_request,
    visible_requests,
)
from tests.requests.conftest import (
    REFLECTION_SENTINEL,
    SAID_SENTINEL,
    STORY_SENTINEL,
    ask,
    day,
)

OWNER_NOTE = "owner-note-sentinel-6120"


def titles(views) -> list[str]:
    return [view.title for view in views]


def strings(value, depth: int = 0):
    """Every string a view carries, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type) and depth < 6:
        for field in dataclasses.fields(value):
            yield from strings(getattr(value, field.name), depth + 1)


@pytest.fixture
def private_words(alice, flexible_hours, shared_request):
    """The owner's own words on both requests: what she said, a reflection, a draft, a note."""
    for request in (flexible_hours, shared_request):
        services.request_update(alice, request, {"what_was_said": f"I said {SAID_SENTINEL}"})
        services.reflection_save(alice, request, {"why_it_matters": REFLECTION_SENTINEL})
        services.follow_up_draft_save(alice, request, story=STORY_SENTINEL)
        services.response_record(
            alice, request, EventKind.ACKNOWLEDGED, on=request.asked_on, note=OWNER_NOTE
        )


# Who sees which requests.


def test_the_owner_sees_every_request_of_the_partnership(
    alice, partnership, flexible_hours, shared_request
):
    assert titles(visible_requests(alice, partnership)) == [
        "Flexible hours on Fridays",
        "Budget for the analytics course",
    ]
    assert set(requests_for(alice)) == {flexible_hours, shared_request}


def test_the_partner_sees_the_shared_ones_only(bob, partnership, flexible_hours, shared_request):
    assert titles(visible_requests(bob, partnership)) == ["Budget for the analytics course"]
    assert list(requests_for(bob)) == [shared_request]


def test_the_partner_cannot_reach_an_unshared_request_by_its_number(
    bob, partnership, flexible_hours
):
    with pytest.raises(Http404):
        get_request_for(bob, flexible_hours.pk, partnership)
    with pytest.raises(Http404):
        visible_request(bob, partnership, flexible_hours.pk)


def test_the_partner_reaches_a_shared_request_but_not_as_its_owner(
    bob, partnership, shared_request
):
    assert get_request_for(bob, shared_request.pk, partnership) == shared_request
    with pytest.raises(Http404):
        get_request_for(bob, shared_request.pk, partnership, owner_only=True)
    with pytest.raises(Http404):
        get_owned_request(bob, partnership.pk, shared_request.pk)


def test_a_stranger_reaches_neither_the_partnership_nor_its_requests(
    charlie, partnership, flexible_hours, shared_request
):
    with pytest.raises(Http404):
        get_partnership_for(charlie, partnership.pk)
    for request in (flexible_hours, shared_request):
        with pytest.raises(Http404):
            get_request_for(charlie, request.pk, partnership)
        with pytest.raises(Http404):
            get_owned_request(charlie, partnership.pk, request.pk)
    assert visible_requests(charlie, partnership) == []
    assert not requests_for(charlie).exists()


def test_nobody_signed_out_sees_a_request(partnership, shared_request):
    anonymous = AnonymousUser()

    assert not requests_for(anonymous).exists()
    with pytest.raises(Http404):
        get_partnership_for(anonymous, partnership.pk)


def test_the_owner_reaches_her_request_for_writing(alice, partnership, flexible_hours):
    assert get_owned_request(alice, partnership.pk, flexible_hours.pk) == (
        partnership,
        flexible_hours,
    )


def test_a_request_is_reached_through_its_own_partnership_only(
    alice, partnership, solo_partnership, flexible_hours
):
    with pytest.raises(Http404):
        get_request_for(alice, flexible_hours.pk, solo_partnership)
    with pytest.raises(Http404):
        get_owned_request(alice, solo_partnership.pk, flexible_hours.pk)


def test_a_request_stops_reaching_the_partner_when_unshared(
    alice, bob, partnership, shared_request
):
    services.request_update(alice, shared_request, {"shared": False})

    assert visible_requests(bob, partnership) == []
    with pytest.raises(Http404):
        visible_request(bob, partnership, shared_request.pk)


# What a view carries.


def test_the_partners_view_has_none_of_the_owners_own_words(
    bob, partnership, shared_request, private_words
):
    services.response_record(bob, shared_request, EventKind.MORE_INFO, note="Which course?")

    [view] = visible_requests(bob, partnership)

    assert view.what_was_said == ""
    assert [(event.kind, event.note, event.by_partner) for event in view.history] == [
        (EventKind.ACKNOWLEDGED, "", False),
        (EventKind.MORE_INFO, "Which course?", True),
    ]
    carried = " ".join(strings(view))
    for private in (SAID_SENTINEL, OWNER_NOTE, REFLECTION_SENTINEL, STORY_SENTINEL):
        assert private not in carried
    assert visible_request(bob, partnership, shared_request.pk) == view


def test_the_partners_view_carries_no_owner_note_even_as_the_latest_response(
    bob, partnership, shared_request, private_words
):
    # The owner recorded the latest response herself, with a note of her own.
    [view] = visible_requests(bob, partnership)

    assert view.staleness.last_heard is not None
    carried = " ".join(strings(view))
    for private in (SAID_SENTINEL, OWNER_NOTE):
        assert private not in carried


def test_the_owners_view_has_every_word(alice, bob, partnership, shared_request, private_words):
    services.response_record(bob, shared_request, EventKind.MORE_INFO, note="Which course?")

    view = visible_request(alice, partnership, shared_request.pk)

    assert SAID_SENTINEL in view.what_was_said
    assert [(event.note, event.by_partner) for event in view.history] == [
        (OWNER_NOTE, False),
        ("Which course?", True),
    ]


def test_a_view_is_a_plain_dataclass_without_the_private_records(
    alice, partnership, flexible_hours
):
    names = {field.name for field in dataclasses.fields(RequestView)}

    assert not names & {"reflection", "draft", "owner", "partnership"}
    assert isinstance(visible_request(alice, partnership, flexible_hours.pk), RequestView)


def test_the_reflection_and_draft_answer_the_owner_alone(
    alice, bob, charlie, flexible_hours, shared_request, private_words
):
    for request in (flexible_hours, shared_request):
        assert reflection_for(alice, request).why_it_matters == REFLECTION_SENTINEL
        assert draft_for(alice, request).story == STORY_SENTINEL
        for someone in (bob, charlie):
            assert reflection_for(someone, request) is None
            assert draft_for(someone, request) is None


def test_the_follow_up_is_drafted_for_the_owner_alone(
    alice, bob, charlie, shared_request, private_words
):
    follow_up = follow_up_for(alice, shared_request)

    assert STORY_SENTINEL in follow_up.story
    for someone in (bob, charlie):
        with pytest.raises(Http404):
            follow_up_for(someone, shared_request)


def test_the_follow_up_previews_what_is_being_typed(alice, flexible_hours, private_words):
    follow_up = follow_up_for(
        alice, flexible_hours, story="it slipped", question="What would help?"
    )

    assert STORY_SENTINEL not in follow_up.story
    assert follow_up.question == "What would help?"


# Most pressing first.


@pytest.fixture
def many(alice, partnership):
    """Requests in every state, in no particular order of asking."""
    made = {
        "no answer, 3 weeks": ask(partnership, "Stale since 5 days", 20, shared=True),
        "fresh": ask(partnership, "Fresh", 3, shared=True),
        "old granted": ask(partnership, "Granted long ago", 60),
        "six weeks": ask(partnership, "Stale since 27 days", 42),
        "promise": ask(partnership, "Promise passed 9 days ago", 28),
        "answered": ask(partnership, "Answered", 10),
        "new declined": ask(partnership, "Declined lately", 12, shared=True),
        "a week": ask(partnership, "Stale since 22 days", 30, stale_after_days=7, shared=True),
        "withdrawn": ask(partnership, "Withdrawn", 40),
    }
    services.response_record(alice, made["old granted"], EventKind.GRANTED, on=day(-50))
    services.response_record(
        alice, made["promise"], EventKind.PROMISED, on=day(-26), promised_by=day(-9)
    )
    services.response_record(alice, made["answered"], EventKind.MORE_INFO, on=day(-9))
    services.response_record(alice, made["new declined"], EventKind.DECLINED, on=day(-2))
    services.request_update(alice, made["withdrawn"], {"status": "withdrawn"})
    return made


def test_the_list_leads_with_the_stale_ones_longest_waiting_first(alice, partnership, many):
    assert titles(visible_requests(alice, partnership)) == [
        "Stale since 27 days",
        "Stale since 22 days",
        "Promise passed 9 days ago",
        "Stale since 5 days",
        "Fresh",
        "Answered",
        # Closed ones last, the latest asked first.
        "Declined lately",
        "Withdrawn",
        "Granted long ago",
    ]


def test_open_keeps_what_is_still_unresolved(alice, partnership, many):
    assert titles(visible_requests(alice, partnership, status="open")) == [
        "Stale since 27 days",
        "Stale since 22 days",
        "Promise passed 9 days ago",
        "Stale since 5 days",
        "Fresh",
        "Answered",
    ]


def test_stale_requests_are_what_the_agenda_offers(alice, partnership, many):
    stale = stale_requests(alice, partnership)

    assert titles(stale) == [
        "Stale since 27 days",
        "Stale since 22 days",
        "Promise passed 9 days ago",
        "Stale since 5 days",
    ]
    assert [view.staleness.stale_since for view in stale] == [day(-27), day(-22), day(-8), day(-5)]
    assert stale[0].staleness.summary == "asked 42 days ago, no answer"
    assert stale[2].staleness.reason is StaleReason.PROMISE_PASSED
    assert stale_requests(alice, partnership) == visible_requests(
        alice, partnership, status="stale"
    )


def test_the_partner_is_offered_the_shared_stale_ones_only(bob, partnership, many):
    assert titles(stale_requests(bob, partnership)) == ["Stale since 22 days", "Stale since 5 days"]
    assert titles(visible_requests(bob, partnership)) == [
        "Stale since 22 days",
        "Stale since 5 days",
        "Fresh",
        "Declined lately",
    ]


def test_a_stranger_is_offered_nothing(charlie, partnership, many):
    assert stale_requests(charlie, partnership) == []


def test_the_list_takes_the_same_queries_however_long_it_is(alice, partnership, many):
    partnership.refresh_from_db()
    with CaptureQueriesContext(connection) as long_list:
        visible_requests(alice, partnership)
    few = type(partnership).objects.get(pk=partnership.pk)
    for request in list(partnership.requests.all())[2:]:
        services.request_delete(alice, request)
    with CaptureQueriesContext(connection) as short_list:
        visible_requests(alice, few)

    assert len(long_list) == len(short_list)
