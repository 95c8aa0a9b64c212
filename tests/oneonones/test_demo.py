"""`tandem demo` tells the one-on-ones' story: three meetings with Sam, what they decided and
agreed, what is still open, and the next agenda prepared from Maya's record."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tandem.demo import create_demo
from tandem.meetings import ProposalKind
from tandem.oneonones.models import Meeting, NotedQuestion, PrivateNote, Series
from tandem.oneonones.overview import figures, next_meeting_panel
from tandem.oneonones.privacy import (
    follow_through_for,
    history_for,
    meeting_record_for,
    proposals_for,
    schedule_for,
)
from tandem.partnerships import services as partnerships
from tests.conftest import make_user
from tests.oneonones.conftest import day


@pytest.fixture
def maya(db):
    return create_demo()


def sam_of(user):
    return user.owned_partnerships.get(partner_name="Sam Okafor")


def at(offset: int, hour: int = 14) -> dt.datetime:
    """A time in London, where Maya lives: on UTC in winter."""
    return dt.datetime.combine(day(offset), dt.time(hour), tzinfo=dt.UTC)


def next_record(user, partnership):
    schedule = schedule_for(user, partnership)
    return schedule, meeting_record_for(user, partnership, schedule.next)


def test_maya_meets_sam_weekly_and_three_meetings_took_place(maya):
    sam = sam_of(maya)

    schedule = schedule_for(maya, sam)

    assert schedule.held_count == 3
    assert schedule.next.starts_at == at(2)
    assert [m.starts_at for m in schedule.past] == [at(-5), at(-12), at(-19)]
    assert {m.duration_minutes for m in schedule.past} == {45}
    assert not Series.objects.filter(partnership__partner_name="Dev Patel").exists()


def test_the_next_agenda_carries_over_what_is_still_open(maya):
    sam = sam_of(maya)

    _, record = next_record(maya, sam)

    assert record.agenda[0].title == "On-call rota over the holidays"
    assert record.agenda[0].carried == 2
    assert [(a.title, a.owner_name, a.carried, a.overdue) for a in record.carried_actions] == [
        ("Draft the onboarding guide outline", "You", 2, True),
        ("Send Sam the churn analysis draft", "You", 1, False),
        ("Confirm the Q1 training budget with Finance", "Sam Okafor", 1, False),
    ]


def test_the_next_agenda_was_prepared_from_her_record(maya):
    sam = sam_of(maya)
    _, record = next_record(maya, sam)
    schedule = schedule_for(maya, sam)

    accepted = [entry for entry in record.agenda if entry.source_key]
    proposals = proposals_for(maya, sam, schedule.next)

    assert [entry.source_key.split(":")[0] for entry in accepted] == ["late", "request"]
    assert accepted[1].title == "Flexible hours on Fridays"
    assert accepted[1].reason == "Asked 42 days ago, no answer"
    assert (proposals[0].kind, proposals[0].title) == (
        ProposalKind.NOTED,
        "Could I sit on the interview panel for the analyst role?",
    )
    assert "Decision on the Q1 hiring plan" in [
        p.title for p in proposals if p.kind == ProposalKind.STALE_REQUEST
    ]
    assert not {entry.source_key for entry in accepted} & {p.key for p in proposals}


def test_each_meeting_has_its_decisions_notes_and_agreed_actions(maya):
    sam = sam_of(maya)
    first, second, third = reversed(schedule_for(maya, sam).past)

    records = [meeting_record_for(maya, sam, meeting) for meeting in (first, second, third)]

    assert [len(r.decisions) for r in records] == [2, 1, 1]
    assert all(r.shared_notes for r in records)
    assert [[a.title for a in r.actions] for r in records] == [
        [
            "Send Sam the board report outline",
            "Share the churn data sources with Finance",
            "Book a room for the Q1 planning day",
        ],
        ["Draft the onboarding guide outline"],
        ["Send Sam the churn analysis draft", "Confirm the Q1 training budget with Finance"],
    ]
    # Discussed in each, but for the rota, which waits.
    assert [[(e.title, e.status) for e in r.agenda] for r in records][1] == [
        ("Q1 hiring plan", "discussed"),
        ("On-call rota over the holidays", "open"),
    ]
    assert records[1].private_note.startswith("Sam looked stretched.")


def test_the_history_and_follow_through_tell_who_did_what(maya):
    sam = sam_of(maya)

    history = history_for(maya, sam)
    follow = follow_through_for(maya, sam)

    assert history.decisions[0].text == (
        "The churn analysis moves a week; the board report comes first"
    )
    assert len(history.decisions) == 4 and len(history.actions) == 6
    assert (follow["owner"].done_on_time, follow["owner"].done_late) == (2, 1)
    assert follow["owner"].reading == "Did 2 of 4 on time; 1 overdue"
    assert follow["partner"].reading == "Nothing due yet"


def test_the_overview_shows_the_next_meeting_coming(maya):
    sam = sam_of(maya)

    tile = figures(maya, sam)
    panel = next_meeting_panel(maya, sam)

    assert (tile.next_starts_at, tile.open_actions, tile.my_overdue) == (at(2), 3, 1)
    assert panel["meeting"].starts_at == at(2)


def test_when_sam_joins_he_sees_the_meetings_but_not_mayas_own_words(maya):
    sam = sam_of(maya)
    issued = partnerships.invitation_create(sam)
    joined = make_user("sam@example.com", "Sam Okafor", time_zone="Europe/London")
    partnerships.invitation_accept(issued.token, joined)
    sam.refresh_from_db()

    schedule, record = next_record(joined, sam)
    second = schedule.past[1]

    assert [a.title for a in record.carried_actions][2] == (
        "Confirm the Q1 training budget with Finance"
    )
    assert record.carried_actions[2].owner_name == "You"
    assert meeting_record_for(joined, sam, second).private_note == ""
    # Nothing of Maya's record: only the agreement's review, which both of them read.
    assert [p.key for p in proposals_for(joined, sam, schedule.next)] == ["agreement-review:1"]
    assert PrivateNote.objects.filter(meeting__partnership=sam).count() == 1
    assert NotedQuestion.objects.get(partnership=sam).author == maya


# Every weekday, late in the evening, and in British summer time: the same story whenever.
@pytest.mark.parametrize(
    "moment",
    [f"2026-11-{d:02d} 08:00Z" for d in range(2, 9)]
    + ["2026-11-30 23:30Z", "2026-04-15 12:00Z", "2026-10-27 08:00Z"],
)
def test_it_tells_the_same_story_any_day(db, moment):
    with time_machine.travel(moment, tick=False):
        user = create_demo()
        sam = sam_of(user)
        today = user.local_today()
        schedule, record = next_record(user, sam)
        carried = [(a.title, a.carried) for a in record.carried_actions]

    local = schedule.next.starts_at.astimezone(user.zone)
    assert (local.date(), local.time()) == (today + dt.timedelta(days=2), dt.time(14, 0))
    assert schedule.held_count == 3
    assert carried == [
        ("Draft the onboarding guide outline", 2),
        ("Send Sam the churn analysis draft", 1),
        ("Confirm the Q1 training budget with Finance", 1),
    ]
    assert [entry.source_key.split(":")[0] for entry in record.agenda if entry.source_key]


def test_it_replaces_the_earlier_demo_one_on_ones(db):
    first = create_demo()

    second = create_demo()

    assert not Meeting.objects.filter(partnership__owner=first).exists()
    assert Series.objects.get().partnership.owner == second
