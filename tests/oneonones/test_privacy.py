"""Who sees what of one-on-ones: both members the meetings and what was shared in them, each
their own private notes and noted questions, the owner alone the proposals from her record,
anyone else nothing at all."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from tandem.oneonones import services
from tandem.oneonones.privacy import (
    follow_through_for,
    get_action_item_for,
    get_agenda_item_for,
    get_decision_for,
    get_meeting_for,
    get_owned_series,
    history_for,
    meeting_record_for,
    meetings_for,
    next_meeting_for,
    noted_questions_for,
    open_actions_for,
    proposals_for,
)
from tandem.privacy import get_partnership_for
from tandem.workload import services as workload
from tandem.workload.planning import availability
from tests.oneonones.conftest import (
    NOTED_SENTINEL,
    PRIVATE_NOTE_SENTINEL,
    TODAY,
    day,
    during,
    meetings,
    weekly,
)
from tests.requests.conftest import ask
from tests.workload.conftest import assign


def strings(value, depth: int = 0):
    """Every string a view carries, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item, depth + 1)
    elif isinstance(value, dict):
        yield from strings(list(value.values()), depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type) and depth < 6:
        for field in dataclasses.fields(value):
            yield from strings(getattr(value, field.name), depth + 1)


@pytest.fixture
def owners_words(alice, partnership, next_meeting):
    """Alice's private note on the next meeting and a question she noted for it."""
    services.private_note_save(alice, next_meeting, f"Only mine: {PRIVATE_NOTE_SENTINEL}")
    return services.question_note(alice, partnership, f"Ask about {NOTED_SENTINEL}")


@pytest.fixture
def shared_words(alice, bob, next_meeting):
    services.agenda_item_add(alice, next_meeting, "Friday cover")
    services.shared_notes_save(bob, next_meeting, "Cover agreed for December.", 0)
    services.decision_record(bob, next_meeting, "Start at 10 on Fridays", "partner")
    services.action_item_add(
        alice, next_meeting, services.ActionDraft("Send the rota", "partner", day(7))
    )


# What each member sees of a meeting.


def test_both_members_see_what_was_shared_in_a_meeting(
    alice, bob, partnership, next_meeting, shared_words
):
    for viewer in (alice, bob):
        record = meeting_record_for(viewer, partnership, next_meeting)

        assert [entry.title for entry in record.agenda] == ["Friday cover"]
        assert record.shared_notes == "Cover agreed for December."
        assert [d.text for d in record.decisions] == ["Start at 10 on Fridays"]
        assert [a.title for a in record.actions] == ["Send the rota"]


def test_each_sees_the_other_named_and_themselves_as_you(
    alice, bob, partnership, next_meeting, shared_words
):
    hers = meeting_record_for(alice, partnership, next_meeting)
    his = meeting_record_for(bob, partnership, next_meeting)

    assert (hers.decisions[0].decided_by_name, his.decisions[0].decided_by_name) == (
        "Zebulon Boss",
        "You",
    )
    assert (hers.actions[0].owner_name, his.actions[0].owner_name) == ("Zebulon Boss", "You")
    assert (hers.actions[0].mine, his.actions[0].mine) == (False, True)
    assert (hers.agenda[0].added_by, his.agenda[0].added_by) == ("You", "Alice Owner")
    assert (hers.decisions[0].may_remove, his.decisions[0].may_remove) == (False, True)


def test_the_partner_never_gets_the_owners_private_note(
    alice, bob, partnership, next_meeting, owners_words, shared_words
):
    services.private_note_save(bob, next_meeting, "Bob's own thoughts")

    hers = meeting_record_for(alice, partnership, next_meeting)
    his = meeting_record_for(bob, partnership, next_meeting)

    assert hers.private_note == f"Only mine: {PRIVATE_NOTE_SENTINEL}"
    assert his.private_note == "Bob's own thoughts"
    assert not any(PRIVATE_NOTE_SENTINEL in text for text in strings(his))
    assert "Bob's own thoughts" not in list(strings(hers))


def test_the_partner_never_gets_the_owners_noted_questions(
    alice, bob, partnership, next_meeting, owners_words
):
    services.question_note(bob, partnership, "Bob's question")

    assert [q.text for q in noted_questions_for(bob, partnership)] == ["Bob's question"]
    assert [q.text for q in noted_questions_for(alice, partnership)] == [owners_words.text]
    assert [p.title for p in proposals_for(bob, partnership, next_meeting)] == ["Bob's question"]


# The prepared agenda: from the owner's real record, for the owner.


@pytest.fixture
def record(alice, partnership):
    """What Alice's record holds this week: an ask that is late, one at risk, a request
    waiting six weeks, a brief Bob has not answered, and something finished."""
    late = assign(partnership, "Board report", 900, due=day(1), asked_on=day(-3))
    risky = assign(partnership, "Churn analysis", 300, due=day(3), asked_on=day(-30))
    done = assign(partnership, "Pricing memo", 60, asked_on=day(-30))
    workload.assignment_update(alice, done, {"status": "done"})
    stale = ask(partnership, "Flexible hours on Fridays", 42)
    ask(partnership, "A second monitor for home", 3)
    brief, _ = workload.brief_share_create(partnership, "Workload this week", "# Workload", {})
    return {"late": late, "risky": risky, "done": done, "stale": stale, "brief": brief}


def test_the_owner_is_offered_the_agenda_her_record_calls_for(
    alice, partnership, next_meeting, record, owners_words
):
    proposals = proposals_for(alice, partnership, next_meeting)

    assert [(p.key, p.title, p.reason) for p in proposals] == [
        (
            f"noted:{owners_words.pk}",
            owners_words.text,
            "You noted it Tue 1 Dec",
        ),
        (
            f"late:{record['late'].pk}",
            "Board report",
            "Due Wed 2 Dec; the plan finishes it Thu 3 Dec",
        ),
        (
            f"brief:{record['brief'].pk}",
            "Workload this week",
            "Brief shared Tue 1 Dec, no answer yet",
        ),
        (
            f"request:{record['stale'].pk}",
            "Flexible hours on Fridays",
            "Asked 42 days ago, no answer",
        ),
        (
            f"at-risk:{record['risky'].pk}",
            "Churn analysis",
            "Due Fri 4 Dec and only just fits",
        ),
        (
            f"ask:{record['late'].pk}",
            "Board report",
            "Asked Sat 28 Nov, in the last two weeks",
        ),
        (f"done:{record['done'].pk}", "Pricing memo", "Done Tue 1 Dec"),
    ]


def test_the_partner_is_offered_only_what_he_noted(
    bob, partnership, next_meeting, record, owners_words
):
    assert proposals_for(bob, partnership, next_meeting) == []

    services.question_note(bob, partnership, "Who owns onboarding?")

    [proposal] = proposals_for(bob, partnership, next_meeting)
    assert (proposal.title, proposal.reason) == ("Who owns onboarding?", "You noted it Tue 1 Dec")


def test_a_proposal_taken_or_dismissed_is_not_offered_again(
    alice, partnership, next_meeting, record
):
    late, brief = proposals_for(alice, partnership, next_meeting)[:2]
    services.proposal_accept(alice, next_meeting, late)
    services.proposal_dismiss(alice, next_meeting, brief.key)

    keys = [p.key for p in proposals_for(alice, partnership, next_meeting)]

    assert late.key not in keys and brief.key not in keys
    assert keys[0] == f"request:{record['stale'].pk}"


def test_a_dismissed_proposal_comes_back_for_the_meeting_after(alice, partnership, series, record):
    first, second, *_ = meetings(series)
    services.proposal_dismiss(alice, first, f"request:{record['stale'].pk}")

    assert f"request:{record['stale'].pk}" in [
        p.key for p in proposals_for(alice, partnership, second)
    ]


def test_nothing_is_proposed_for_a_meeting_that_is_over_or_skipped(
    alice, partnership, held, past_series, record
):
    upcoming = meetings(past_series)[3]
    services.meeting_skip(alice, upcoming)

    assert proposals_for(alice, partnership, held[-1]) == []
    assert proposals_for(alice, partnership, upcoming) == []


def test_what_is_new_counts_from_the_last_meeting_held(alice, partnership, past_series, held):
    assign(partnership, "Asked before the last meeting", 60, due=day(30), asked_on=day(-6))
    recent = assign(partnership, "Asked since", 60, due=day(30), asked_on=day(-4))
    upcoming = meetings(past_series)[3]

    asks = [
        (p.title, p.reason)
        for p in proposals_for(alice, partnership, upcoming)
        if p.key.startswith("ask:")
    ]

    assert recent.asked_on > held[-1].starts_at.date()
    assert asks == [("Asked since", "Asked Fri 27 Nov, since your last one-on-one")]


# Strangers, and records of other partnerships.


def test_a_stranger_reaches_nothing(charlie, partnership, next_meeting, shared_words):
    item = next_meeting.placed_items.get()
    action = next_meeting.action_items.get()
    decision = next_meeting.decisions.get()

    with pytest.raises(Http404):
        get_partnership_for(charlie, partnership.pk)
    for getter, pk in (
        (get_meeting_for, next_meeting.pk),
        (get_agenda_item_for, item.pk),
        (get_action_item_for, action.pk),
        (get_decision_for, decision.pk),
    ):
        with pytest.raises(Http404):
            getter(charlie, partnership, pk)
    assert not meetings_for(charlie).exists()
    assert not meetings_for(AnonymousUser()).exists()


def test_only_the_owner_gets_the_series_to_change(alice, bob, charlie, partnership, series):
    assert get_owned_series(alice, partnership.pk)[1] == series
    for user in (bob, charlie):
        with pytest.raises(Http404):
            get_owned_series(user, partnership.pk)


def test_the_series_to_change_is_not_there_before_it_is_set(alice, partnership):
    with pytest.raises(Http404):
        get_owned_series(alice, partnership.pk)


def test_a_record_is_reached_only_through_its_own_partnership(
    alice, partnership, solo_partnership, next_meeting, shared_words
):
    other = services.series_save(alice, solo_partnership, weekly())
    elsewhere = meetings(other)[0]

    with pytest.raises(Http404):
        get_meeting_for(alice, partnership, elsewhere.pk)
    with pytest.raises(Http404):
        get_meeting_for(alice, solo_partnership, next_meeting.pk)
    with pytest.raises(Http404):
        get_agenda_item_for(alice, solo_partnership, next_meeting.placed_items.get().pk)
    with pytest.raises(Http404):
        get_decision_for(alice, solo_partnership, next_meeting.decisions.get().pk)


def test_a_partner_who_left_reaches_nothing_more(bob, partnership, next_meeting, shared_words):
    partnership.partner = None
    partnership.save()

    with pytest.raises(Http404):
        get_partnership_for(bob, partnership.pk)
    with pytest.raises(Http404):
        get_meeting_for(bob, partnership, next_meeting.pk)
    assert not meetings_for(bob).exists()


# Which meeting is next.


def test_the_next_meeting_is_the_one_under_way_until_it_ends(
    alice, bob, partnership, series, frozen
):
    first, second, *_ = meetings(series)
    frozen.move_to(during(first, 20))
    assert next_meeting_for(bob, partnership) == first

    frozen.move_to(during(first, 30))
    assert next_meeting_for(alice, partnership) == second


def test_the_next_meeting_passes_over_a_skipped_one(alice, partnership, series):
    first, second, *_ = meetings(series)
    services.meeting_skip(alice, first)

    assert next_meeting_for(alice, partnership) == second


# Open action items across meetings.


def test_the_open_action_items_of_both_sides_earliest_due_first(
    alice, bob, partnership, held, past_series
):
    first, second, _ = held
    services.action_item_add(alice, first, services.ActionDraft("No date"), now=during(first))
    services.action_item_add(
        alice, first, services.ActionDraft("Rota", "partner", day(2)), now=during(first)
    )
    services.action_item_add(
        alice, second, services.ActionDraft("Budget", due=day(-1)), now=during(second)
    )
    closed = services.action_item_add(alice, second, services.ActionDraft("Closed"))
    services.action_item_update(alice, closed, status="done")

    views = open_actions_for(bob, partnership)

    assert [(v.title, v.owner_name, v.carried, v.overdue) for v in views] == [
        ("Budget", "Alice Owner", 2, True),
        ("Rota", "You", 3, False),
        ("No date", "Alice Owner", 3, False),
    ]


# The history: every decision and action item, searchable on either database.


@pytest.fixture
def history(alice, bob, held):
    first, second, third = held
    services.decision_record(alice, first, "Pause the Q3 report", now=during(first))
    services.decision_record(bob, second, "Hire a second analyst in Q1", now=during(second))
    services.decision_record(bob, third, "Keep Fridays meeting-free", now=during(third))
    services.action_item_add(
        alice, first, services.ActionDraft("Send the hiring plan to HR"), now=during(first)
    )
    booked = services.action_item_add(
        bob, second, services.ActionDraft("Book the offsite", "partner"), now=during(second)
    )
    services.action_item_update(bob, booked, status="done", now=during(third))


def test_the_history_lists_every_decision_and_action_newest_first(alice, partnership, history):
    found = history_for(alice, partnership)

    assert [d.text for d in found.decisions] == [
        "Keep Fridays meeting-free",
        "Hire a second analyst in Q1",
        "Pause the Q3 report",
    ]
    assert [(a.title, a.status, a.owner_name) for a in found.actions] == [
        ("Book the offsite", "done", "Zebulon Boss"),
        ("Send the hiring plan to HR", "open", "You"),
    ]
    # Still open after three meetings: as the next meeting's agenda counts it.
    assert found.actions[1].carried == 3
    assert not found.truncated


def test_the_history_counts_only_the_meetings_an_item_was_carried_into(alice, partnership, held):
    first, second, third = held
    at_once = services.action_item_add(
        alice, first, services.ActionDraft("Done there and then"), now=during(first)
    )
    services.action_item_update(alice, at_once, status="done", now=during(first, 20))
    once = services.action_item_add(
        alice, second, services.ActionDraft("Done a week later"), now=during(second)
    )
    services.action_item_update(alice, once, status="done", now=during(third, 20))

    found = {a.title: a.carried for a in history_for(alice, partnership).actions}

    # As the meeting it was settled in showed it: never carried, and carried over once.
    assert found == {"Done there and then": 0, "Done a week later": 1}


@pytest.mark.parametrize(
    "query,decisions,actions",
    [
        ("hiring plan", [], ["Send the hiring plan to HR"]),
        ("Q3 REPORT", ["Pause the Q3 report"], []),
        ("  offsite ", [], ["Book the offsite"]),
        ("meeting-free", ["Keep Fridays meeting-free"], []),
        ("nothing like it", [], []),
    ],
)
def test_the_history_is_searched_alike_on_either_database(
    bob, partnership, history, query, decisions, actions
):
    found = history_for(bob, partnership, query)

    assert found.query == query.strip()
    assert [d.text for d in found.decisions] == decisions
    assert [a.title for a in found.actions] == actions


def test_the_history_search_understands_word_forms_where_the_database_can(
    alice, partnership, history
):
    found = history_for(alice, partnership, "analysts")

    if connection.vendor == "postgresql":
        assert [d.text for d in found.decisions] == ["Hire a second analyst in Q1"]
    else:
        # SQLite matches the letters typed: "analyst" finds it, "analysts" does not.
        assert found.decisions == ()
        assert [d.text for d in history_for(alice, partnership, "analyst").decisions] == [
            "Hire a second analyst in Q1"
        ]


def test_the_history_of_one_partnership_holds_nothing_of_another(
    alice, partnership, solo_partnership, history
):
    assert history_for(alice, solo_partnership).decisions == ()
    assert history_for(alice, solo_partnership, "report").actions == ()


# Follow-through: who did what they said, and whether on time.


def test_follow_through_counts_each_sides_action_items(alice, bob, partnership, held, past_series):
    first, second, third = held

    def action(title, side, due, meeting):
        return services.action_item_add(
            alice, meeting, services.ActionDraft(title, side, due), now=during(meeting)
        )

    on_time = action("On time", "owner", day(-10), first)
    services.action_item_update(alice, on_time, status="done", now=during(second))
    late = action("Late", "owner", day(-10), first)
    services.action_item_update(alice, late, status="done", now=during(third))
    action("Overdue", "owner", day(-1), third)
    action("On track", "partner", day(5), third)
    dropped = action("Dropped", "partner", None, second)
    services.action_item_update(bob, dropped, status="dropped", now=during(third))
    undated = action("Undated", "partner", None, second)
    services.action_item_update(bob, undated, status="done", now=during(third))

    figures = follow_through_for(bob, partnership)

    owner, partner = figures["owner"], figures["partner"]
    assert (owner.done_on_time, owner.done_late, owner.open_overdue) == (1, 1, 1)
    assert owner.reading == "Did 1 of 3 on time; 1 overdue"
    assert (partner.open_on_track, partner.dropped, partner.done_on_time) == (1, 1, 1)
    assert partner.reading == "Did 1 of 1 on time"


def test_follow_through_before_anything_was_agreed(alice, partnership, series):
    figures = follow_through_for(alice, partnership)

    assert [f.reading for f in figures.values()] == ["Nothing agreed yet"] * 2


# One query per record, however long the history.


def test_a_meetings_record_costs_the_same_however_much_it_holds(
    alice, bob, partnership, past_series, held
):
    upcoming = meetings(past_series)[3]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            meeting_record_for(bob, partnership, upcoming)
        return len(captured)

    services.agenda_item_add(alice, held[0], "One", now=during(held[0]))
    few = queries()
    for meeting in held:
        for n in range(3):
            services.agenda_item_add(bob, meeting, f"Item {n}", now=during(meeting))
            services.action_item_add(
                alice, meeting, services.ActionDraft(f"Action {n}"), now=during(meeting)
            )
        services.decision_record(alice, upcoming, "Decided", now=during(meeting))

    assert queries() == few


# Busy time: a one-on-one is time neither member plans work into.


def test_a_one_on_one_takes_its_time_from_both_members_availability(alice, bob, partnership):
    # 15:00 in London is 10:00 in New York: inside both working days.
    before = {user: availability(user, TODAY, 7) for user in (alice, bob)}

    series = services.series_save(alice, partnership, weekly(time=dt.time(15, 0)))

    for user in (alice, bob):
        after = availability(user, TODAY, 7)
        lost = [
            b.available_minutes - a.available_minutes
            for b, a in zip(before[user], after, strict=True)
        ]
        assert lost == [0, 0, 30, 0, 0, 0, 0], user
    services.meeting_skip(alice, meetings(series)[0])
    assert availability(alice, TODAY, 7) == before[alice]


def test_a_one_on_one_outside_working_hours_takes_nothing(alice, bob, partnership):
    hers, his = availability(alice, TODAY, 7), availability(bob, TODAY, 7)

    # 10:00 in London is 05:00 in New York, before Bob's day starts.
    services.series_save(alice, partnership, weekly())

    assert availability(bob, TODAY, 7) == his
    assert availability(alice, TODAY, 7)[2].available_minutes == hers[2].available_minutes - 30


def test_a_stranger_loses_no_time_to_others_one_on_ones(alice, charlie, partnership):
    before = availability(charlie, TODAY, 7)

    services.series_save(alice, partnership, weekly(time=dt.time(15, 0)))

    assert availability(charlie, TODAY, 7) == before
