"""The agreement's review on the next one-on-one's agenda: offered to both members once it is
within two weeks, due or overdue, until it is on the agenda or the review is recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.agreements import services as agreements
from tandem.meetings import ProposalKind
from tandem.oneonones import services
from tandem.oneonones.models import AgendaItem
from tandem.oneonones.privacy import proposals_for
from tests.agreements.conftest import agreed_on
from tests.conftest import logged_in, text_of
from tests.oneonones.conftest import TODAY, meetings, weekly

KEY = "agreement-review:1"


def reviews(viewer, partnership, meeting) -> list[tuple[str, str, str]]:
    return [
        (p.key, p.title, p.reason)
        for p in proposals_for(viewer, partnership, meeting)
        if p.kind == ProposalKind.AGREEMENT_REVIEW
    ]


def test_both_members_are_offered_the_review_when_it_is_near(alice, bob, partnership, next_meeting):
    agreed_on(partnership, dt.date(2026, 9, 10))

    offered = (
        KEY,
        "Review our agreement",
        "Review due Thu 10 Dec: version 1 was agreed on Thu 10 Sep",
    )
    assert reviews(alice, partnership, next_meeting) == [offered]
    assert reviews(bob, partnership, next_meeting) == [offered]


@pytest.mark.parametrize(
    "agreed, reason",
    [
        (dt.date(2026, 9, 15), "Review due Tue 15 Dec: version 1 was agreed on Tue 15 Sep"),
        (dt.date(2026, 9, 1), "Review due today: version 1 was agreed on Tue 1 Sep"),
        (
            dt.date(2026, 8, 20),
            "Review overdue since Fri 20 Nov: version 1 was agreed on Thu 20 Aug",
        ),
    ],
)
def test_it_says_when_the_review_is_due_from_two_weeks_ahead_to_overdue(
    alice, partnership, next_meeting, agreed, reason
):
    agreed_on(partnership, agreed)

    assert [r[2] for r in reviews(alice, partnership, next_meeting)] == [reason]


def test_nothing_is_offered_before_an_agreement_or_while_its_review_is_far(
    alice, partnership, next_meeting
):
    assert reviews(alice, partnership, next_meeting) == []

    # Due Wed 16 Dec: fifteen days ahead.
    agreed_on(partnership, dt.date(2026, 9, 16))

    assert reviews(alice, partnership, next_meeting) == []


def test_the_review_follows_the_cadence_of_the_version(alice, partnership, next_meeting):
    agreed_on(partnership, dt.date(2026, 11, 5), every_months=1)

    assert [r[2] for r in reviews(alice, partnership, next_meeting)] == [
        "Review due Sat 5 Dec: version 1 was agreed on Thu 5 Nov"
    ]


def test_the_owner_working_solo_is_offered_it_too(alice, solo_partnership):
    upcoming = services.series_save(alice, solo_partnership, weekly()).meetings.first()
    agreed_on(solo_partnership, dt.date(2026, 9, 10))

    assert [r[0] for r in reviews(alice, solo_partnership, upcoming)] == [KEY]


def test_once_on_the_agenda_it_is_offered_to_neither(alice, bob, partnership, next_meeting):
    agreed_on(partnership, dt.date(2026, 9, 10))
    [proposal] = [p for p in proposals_for(bob, partnership, next_meeting) if p.key == KEY]

    services.proposal_accept(bob, next_meeting, proposal)

    item = AgendaItem.objects.get(source_key=KEY)
    assert (item.title, item.reason) == (
        "Review our agreement",
        "Review due Thu 10 Dec: version 1 was agreed on Thu 10 Sep",
    )
    assert reviews(alice, partnership, next_meeting) == []
    assert reviews(bob, partnership, next_meeting) == []


def test_a_recorded_review_is_not_offered_again(alice, bob, partnership, series):
    version = agreed_on(partnership, dt.date(2026, 9, 10))
    first, second, *_ = meetings(series)
    services.proposal_dismiss(alice, first, KEY)

    assert reviews(alice, partnership, first) == []
    assert [r[0] for r in reviews(alice, partnership, second)] == [KEY]

    held = {each.pk: True for each in version.commitments.all()}
    agreements.review_record(bob, partnership, held=held, what_held="The Friday update.")

    assert reviews(alice, partnership, second) == []
    assert reviews(bob, partnership, second) == []


def test_the_meeting_page_shows_it_to_the_partner_among_his_proposals(
    bob, partnership, next_meeting
):
    agreed_on(partnership, dt.date(2026, 9, 10))

    page = logged_in(bob).get(reverse("meeting", args=[partnership.pk, next_meeting.pk]))

    body = text_of(page)
    assert "Agreement review" in body and "Review our agreement" in body
    assert "Review due Thu 10 Dec: version 1 was agreed on Thu 10 Sep" in body


def test_the_review_costs_the_same_queries_whether_or_not_it_is_near(
    alice, partnership, next_meeting
):
    def counted() -> int:
        with CaptureQueriesContext(connection) as queries:
            proposals_for(alice, partnership, next_meeting)
        return len(queries)

    before = counted()
    agreed_on(partnership, TODAY - dt.timedelta(days=85))

    assert reviews(alice, partnership, next_meeting)
    assert counted() == before
