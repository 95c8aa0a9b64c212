"""Every write about one-on-ones goes through services, and every rule there has its message
and its field. A write that breaks a rule changes nothing: no row, no field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from tandem.lib.errors import Conflict, TandemError
from tandem.meetings import Cadence, Proposal, ProposalKind
from tandem.oneonones import services
from tandem.oneonones.models import (
    ActionItem,
    AgendaItem,
    Decision,
    DismissedProposal,
    Meeting,
    NotedQuestion,
    PrivateNote,
    Series,
)
from tandem.oneonones.privacy import meeting_record_for, noted_questions_for, proposals_for
from tandem.workload.models import Assignment
from tests.oneonones.conftest import NOW, TODAY, day, during, meetings, weekly
from tests.workload.conftest import assign

MEMBERS_ONLY = "Only the two members of a partnership change its one-on-ones."
PLANS = "Only Alice Owner plans the one-on-ones."
TITLE_NEEDED = "Say what it is, e.g. “How we handle urgent asks on Fridays”."
FAR = dt.date(2037, 12, 1)
FAR_MESSAGE = (
    "Tue 1 Dec 2037 is more than 10 years from today; "
    "use a date between Thu 1 Dec 2016 and Sun 30 Nov 2036."
)
ACTION_TITLE_NEEDED = "Say what it is, e.g. “Send Sam the draft budget”."


def rows() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (
            Series,
            Meeting,
            AgendaItem,
            Decision,
            ActionItem,
            PrivateNote,
            NotedQuestion,
            DismissedProposal,
            Assignment,
        )
    )


def stored(instance) -> dict:
    return model_to_dict(type(instance).objects.get(pk=instance.pk))


def refused(call, *args, message: str, field: str | None = None, kind=TandemError, **kwargs):
    """Calls a service, expecting it to refuse with `message` on `field`, writing nothing."""
    before = rows()
    with pytest.raises(kind) as refusal:
        call(*args, **kwargs)
    assert refusal.value.message == message
    assert refusal.value.field == field
    assert rows() == before, "a refused write left something behind"
    return refusal.value


def at(offset_days: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A time in London (on UTC in winter), `offset_days` from today."""
    return dt.datetime.combine(day(offset_days), dt.time(hour, minute), tzinfo=dt.UTC)


def starts(series: Series) -> list[dt.datetime]:
    return [meeting.starts_at for meeting in meetings(series)]


# The series.


def test_it_plans_twelve_weeks_of_meetings_at_the_owners_time(series):
    planned = meetings(series)

    assert planned[0].starts_at == at(2)
    assert [m.starts_at for m in planned[-2:]] == [at(72), at(79)]
    assert len(planned) == 12
    assert all(m.planned_for == m.starts_at and not m.ad_hoc for m in planned)
    assert {m.duration_minutes for m in planned} == {30}


def test_a_series_starting_later_is_planned_from_its_first_meeting(alice, partnership):
    series = services.series_save(alice, partnership, weekly(starts_on=day(30)))

    assert starts(series)[0] == at(30)  # Thu 31 Dec
    assert starts(series)[-1] == at(79)


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_only_the_owner_sets_the_cadence(who, partnership, request):
    refused(
        services.series_save,
        request.getfixturevalue(who),
        partnership,
        weekly(),
        message="Only Alice Owner sets the one-on-one cadence.",
    )


def test_a_new_series_starts_today_or_later(alice, partnership):
    refused(
        services.series_save,
        alice,
        partnership,
        weekly(starts_on=day(-1)),
        message="Mon 30 Nov is in the past: a new series starts today or later.",
        field="starts_on",
    )


@pytest.mark.parametrize(
    "fields,field,message",
    [
        (
            {"cadence": Cadence.CUSTOM, "every_weeks": 0},
            "every_weeks",
            "Meet every 1 to 26 weeks: every 0 weeks would never meet.",
        ),
        (
            {"duration_minutes": 4},
            "duration_minutes",
            "A one-on-one lasts 5 to 240 minutes: 4 minutes is too short.",
        ),
        ({"weekday": 7}, "weekday", "Choose a weekday from Monday to Sunday."),
        (
            {"ends_on": dt.date(2026, 11, 30)},
            "ends_on",
            "The series ends on Mon 30 Nov before it starts on Tue 1 Dec; "
            "choose an end on or after its start.",
        ),
    ],
)
def test_it_refuses_a_cadence_that_makes_no_sense(alice, partnership, fields, field, message):
    refused(
        services.series_save,
        alice,
        partnership,
        weekly(**fields),
        message=message,
        field=field,
    )


@pytest.mark.parametrize("field", ["starts_on", "ends_on"])
def test_it_refuses_a_series_date_beyond_the_calendar(alice, partnership, field):
    error = refused(
        services.series_save,
        alice,
        partnership,
        weekly(**{field: FAR}),
        message=FAR_MESSAGE,
        field=field,
    )
    assert error.status == 400


def test_replanning_moves_what_was_placed_to_the_next_meeting_at_or_after_it(alice, bob, series):
    first, second, *_ = meetings(series)  # Thu 3 and Thu 10 Dec
    item = services.agenda_item_add(bob, second, "Friday cover")
    action = services.action_item_add(alice, first, services.ActionDraft("Draft the rota"))

    services.series_save(alice, series.partnership, weekly(weekday=1))  # Tuesdays

    new_first, tue_8, tue_15 = meetings(series)[:3]
    assert new_first.starts_at == at(0)  # today at 10:00, an hour from now
    assert not Meeting.objects.filter(pk__in=[first.pk, second.pk]).exists()
    assert AgendaItem.objects.get(pk=item.pk).meeting == tue_15
    assert ActionItem.objects.get(pk=action.pk).meeting == tue_8
    assert {m.starts_at.weekday() for m in meetings(series)} == {1}


def test_replanning_keeps_a_meeting_something_was_written_in_as_moved(alice, series):
    first, second, *_ = meetings(series)
    services.shared_notes_save(alice, second, "Started on the rota", 0)

    services.series_save(alice, series.partnership, weekly(weekday=1))

    kept = Meeting.objects.get(pk=second.pk)
    assert kept.moved and kept.starts_at == second.starts_at
    assert kept.shared_notes == "Started on the rota"
    assert not Meeting.objects.filter(pk=first.pk).exists()


def test_replanning_leaves_past_and_ad_hoc_meetings_alone(alice, past_series, held):
    extra = services.meeting_add(alice, past_series, at(5, 15))

    services.series_save(alice, past_series.partnership, weekly(day(-21), weekday=1))

    assert list(Meeting.objects.filter(pk__in=[m.pk for m in held])) == held
    assert Meeting.objects.get(pk=extra.pk).starts_at == at(5, 15)


def test_replanning_gives_the_meetings_to_come_the_new_length(alice, series):
    services.series_save(alice, series.partnership, weekly(duration_minutes=45))

    assert {m.duration_minutes for m in meetings(series)} == {45}
    assert starts(series)[0] == at(2)
    assert len(meetings(series)) == 12


def test_changing_the_length_keeps_a_skipped_meeting_skipped(alice, series):
    _, second, *_ = meetings(series)
    services.meeting_skip(alice, second)

    services.series_save(alice, series.partnership, weekly(duration_minutes=45))

    same_time = series.meetings.get(starts_at=second.starts_at)
    assert (same_time.pk, same_time.skipped) == (second.pk, True)


def test_ending_the_series_keeps_the_meeting_that_holds_items(alice, series):
    first, *_ = meetings(series)
    item = services.agenda_item_add(alice, first, "Handover plan")

    services.series_save(alice, series.partnership, weekly(ends_on=TODAY))

    [kept] = meetings(series)
    assert kept.pk == first.pk and kept.moved
    assert AgendaItem.objects.get(pk=item.pk).meeting_id == first.pk


# Keeping meetings planned ahead.


def test_keeping_ahead_costs_one_query_when_nothing_is_due(series):
    with CaptureQueriesContext(connection) as queries:
        services.meetings_keep_ahead(series)

    assert len(queries) == 1
    assert series.meetings.count() == 12


def test_keeping_ahead_adds_the_weeks_that_came_into_reach(series, frozen):
    frozen.move_to(NOW + dt.timedelta(weeks=3))

    services.meetings_keep_ahead(series)
    services.meetings_keep_ahead(series)

    planned = starts(series)
    assert len(planned) == 15 and len(set(planned)) == 15
    assert planned[-1] == at(100)


def test_keeping_ahead_never_brings_back_a_skipped_or_moved_meeting(alice, series, frozen):
    first, second, *_ = meetings(series)
    services.meeting_skip(alice, first)
    services.meeting_move(alice, second, at(10, 15))
    frozen.move_to(NOW + dt.timedelta(weeks=3))

    services.meetings_keep_ahead(series)

    assert Meeting.objects.filter(planned_for=first.planned_for).count() == 1
    assert Meeting.objects.filter(planned_for=second.planned_for).count() == 1


def test_keeping_ahead_stops_when_the_series_has_ended(alice, partnership, frozen):
    series = services.series_save(alice, partnership, weekly(ends_on=day(20)))
    frozen.move_to(NOW + dt.timedelta(weeks=5))

    services.meetings_keep_ahead(series)

    assert starts(series) == [at(2), at(9), at(16)]


# Meetings: added, moved, skipped.


def test_the_owner_adds_a_meeting_outside_the_cadence(alice, series):
    meeting = services.meeting_add(alice, series, at(4, 14))

    assert (meeting.ad_hoc, meeting.planned_for, meeting.duration_minutes) == (True, None, 30)
    assert meeting.starts_at == at(4, 14)


def test_only_the_owner_plans_meetings(bob, series, next_meeting):
    refused(services.meeting_add, bob, series, at(4, 14), message=PLANS)
    refused(services.meeting_move, bob, next_meeting, at(4, 14), message=PLANS)
    refused(services.meeting_skip, bob, next_meeting, message=PLANS)
    assert stored(next_meeting) == model_to_dict(next_meeting)


@pytest.mark.parametrize("when", [NOW, NOW - dt.timedelta(minutes=1), at(-3)])
def test_a_meeting_is_planned_for_a_time_still_to_come(alice, series, next_meeting, when):
    message = "That time has passed: a meeting is planned for a time still to come."
    refused(services.meeting_add, alice, series, when, message=message, field="starts_at")
    refused(services.meeting_move, alice, next_meeting, when, message=message, field="starts_at")
    assert Meeting.objects.get(pk=next_meeting.pk).starts_at == at(2)


def test_a_meeting_is_planned_within_the_calendar(alice, series):
    error = refused(
        services.meeting_add,
        alice,
        series,
        dt.datetime.combine(FAR, dt.time(10), tzinfo=dt.UTC),
        message=FAR_MESSAGE,
        field="starts_at",
    )
    assert error.status == 400


@pytest.mark.parametrize("minutes", [4, 241])
def test_a_meeting_lasts_five_minutes_to_four_hours(alice, series, next_meeting, minutes):
    message = "A one-on-one lasts 5 to 240 minutes."
    refused(
        services.meeting_add,
        alice,
        series,
        at(4),
        minutes,
        message=message,
        field="duration_minutes",
    )
    refused(
        services.meeting_move,
        alice,
        next_meeting,
        at(4),
        minutes,
        message=message,
        field="duration_minutes",
    )


def test_moving_a_meeting_marks_it_moved_and_keeps_its_place_in_the_cadence(alice, next_meeting):
    services.meeting_move(alice, next_meeting, at(3, 15), 45)

    moved = Meeting.objects.get(pk=next_meeting.pk)
    assert (moved.starts_at, moved.duration_minutes, moved.moved) == (at(3, 15), 45, True)
    assert moved.planned_for == at(2)


def test_a_meeting_under_way_may_run_longer(alice, next_meeting):
    under_way = next_meeting.starts_at + dt.timedelta(minutes=20)

    services.meeting_move(alice, next_meeting, next_meeting.starts_at, 60, now=under_way)

    assert Meeting.objects.get(pk=next_meeting.pk).duration_minutes == 60


def test_moving_a_skipped_meeting_brings_it_back(alice, next_meeting):
    services.meeting_skip(alice, next_meeting)

    services.meeting_move(alice, next_meeting, at(3, 15))

    assert not Meeting.objects.get(pk=next_meeting.pk).skipped


def test_a_meeting_that_took_place_stays_where_it_was(alice, held):
    refused(
        services.meeting_move,
        alice,
        held[-1],
        at(3),
        message="This meeting has taken place; it can no longer be moved.",
        kind=Conflict,
    )


def test_skipping_a_meeting_and_taking_it_back(alice, next_meeting):
    services.meeting_skip(alice, next_meeting)
    assert Meeting.objects.get(pk=next_meeting.pk).skipped

    services.meeting_skip(alice, next_meeting, skipped=False)
    assert not Meeting.objects.get(pk=next_meeting.pk).skipped


def test_a_past_meeting_with_nothing_written_can_be_marked_as_not_held(alice, held):
    services.meeting_skip(alice, held[1])

    assert Meeting.objects.get(pk=held[1].pk).skipped


def test_a_past_meeting_with_notes_or_decisions_stays_held(alice, held):
    services.decision_record(alice, held[0], "Pause the Q3 report", now=during(held[0]))
    services.shared_notes_save(alice, held[1], "We talked", 0, now=during(held[1]))

    for meeting in held[:2]:
        refused(
            services.meeting_skip,
            alice,
            meeting,
            message="This meeting has notes or decisions: it took place, so it stays.",
            kind=Conflict,
        )
        assert not Meeting.objects.get(pk=meeting.pk).skipped


def test_the_partners_private_note_does_not_keep_the_owner_from_skipping(alice, bob, held):
    # Skipping deletes nothing, and the owner must not learn that a private note exists.
    services.private_note_save(bob, held[2], "Felt rushed", now=during(held[2]))

    services.meeting_skip(alice, held[2])

    assert Meeting.objects.get(pk=held[2].pk).skipped


def test_a_long_noted_question_keeps_its_whole_text_on_the_agenda(alice, partnership, series):
    meeting = meetings(series)[0]
    question = services.question_note(alice, partnership, "Who owns onboarding? " * 20)
    [proposal] = proposals_for(alice, partnership, meeting)

    item = services.proposal_accept(alice, meeting, proposal)

    assert len(item.title) == 200 and item.title.endswith("…")
    assert item.detail == question.text


def test_it_adds_nothing_to_the_agenda_of_a_meeting_that_took_place(alice, held):
    refused(
        services.agenda_item_add,
        alice,
        held[2],
        "Parking",
        message="This meeting has taken place: add it to the next one's agenda.",
        kind=Conflict,
    )
    assert not AgendaItem.objects.exists()


def test_a_past_skipped_meeting_cannot_be_brought_back(alice, held):
    services.meeting_skip(alice, held[1])

    refused(
        services.meeting_skip,
        alice,
        held[1],
        False,
        message="That time has passed: plan a new meeting instead.",
        kind=Conflict,
    )
    assert Meeting.objects.get(pk=held[1].pk).skipped


def test_nothing_is_written_into_a_skipped_meeting(alice, next_meeting):
    services.meeting_skip(alice, next_meeting)
    message = "This meeting is skipped: add to the next one instead."

    refused(services.agenda_item_add, alice, next_meeting, "Rota", message=message, kind=Conflict)
    refused(services.decision_record, alice, next_meeting, "Yes", message=message, kind=Conflict)
    refused(
        services.action_item_add,
        alice,
        next_meeting,
        services.ActionDraft("Rota"),
        message=message,
        kind=Conflict,
    )


# The agenda.


def test_both_members_add_to_the_agenda_in_order(alice, bob, next_meeting):
    first = services.agenda_item_add(alice, next_meeting, "  Friday cover  ", " Who covers? ")
    second = services.agenda_item_add(bob, next_meeting, "Q1 hiring plan")

    assert (first.title, first.detail, first.added_by) == ("Friday cover", "Who covers?", alice)
    assert (second.added_by, second.position) == (bob, first.position + 1)
    assert first.status == "open" and first.added_at == NOW


def test_a_stranger_adds_nothing(charlie, next_meeting):
    refused(services.agenda_item_add, charlie, next_meeting, "Hello", message=MEMBERS_ONLY)
    refused(services.shared_notes_save, charlie, next_meeting, "Hi", 0, message=MEMBERS_ONLY)
    refused(services.private_note_save, charlie, next_meeting, "Hi", message=MEMBERS_ONLY)
    refused(services.decision_record, charlie, next_meeting, "Yes", message=MEMBERS_ONLY)
    refused(
        services.action_item_add,
        charlie,
        next_meeting,
        services.ActionDraft("Go"),
        message=MEMBERS_ONLY,
    )
    refused(services.question_note, charlie, next_meeting.partnership, "Hi", message=MEMBERS_ONLY)


@pytest.mark.parametrize("title", ["", "   ", "\n\t"])
def test_an_agenda_item_says_what_it_is(alice, next_meeting, title):
    refused(
        services.agenda_item_add,
        alice,
        next_meeting,
        title,
        message=TITLE_NEEDED,
        field="title",
    )


def test_an_agenda_title_is_a_title_and_its_detail_has_a_limit(alice, next_meeting):
    refused(
        services.agenda_item_add,
        alice,
        next_meeting,
        "x" * 201,
        message="Keep it under 200 characters.",
        field="title",
    )
    refused(
        services.agenda_item_add,
        alice,
        next_meeting,
        "Rota",
        "x" * 20_001,
        message="Keep it under 20,000 characters.",
        field="detail",
    )
    refused(
        services.agenda_item_add,
        alice,
        next_meeting,
        "Ro\x00ta",
        message="Null characters are not allowed.",
        field="title",
    )
    assert services.agenda_item_add(alice, next_meeting, "x" * 200).title == "x" * 200


def test_a_proposal_goes_on_the_agenda_once(alice, next_meeting):
    proposal = Proposal(
        "request:7", ProposalKind.STALE_REQUEST, "Flexible hours", "asked 42 days ago"
    )
    item = services.proposal_accept(alice, next_meeting, proposal)

    assert (item.source_key, item.reason) == ("request:7", "asked 42 days ago")
    refused(
        services.proposal_accept,
        alice,
        next_meeting,
        proposal,
        message="That is on the agenda already.",
        kind=Conflict,
    )


def test_a_proposal_discussed_before_may_come_back(alice, next_meeting):
    proposal = Proposal("late:3", ProposalKind.LATE, "Board report", "Due Fri 4 Dec")
    item = services.proposal_accept(alice, next_meeting, proposal)
    services.agenda_item_update(alice, item, status="discussed")

    again = services.proposal_accept(alice, next_meeting, proposal)

    assert again.pk != item.pk


def test_a_dismissed_proposal_is_removed_from_that_meeting_once(alice, next_meeting):
    services.proposal_dismiss(alice, next_meeting, "late:3")
    services.proposal_dismiss(alice, next_meeting, "late:3")

    assert list(next_meeting.dismissed.values_list("key", flat=True)) == ["late:3"]
    refused(
        services.proposal_dismiss,
        alice,
        next_meeting,
        "  ",
        message="Name the proposal to remove.",
        field="key",
    )


def test_an_item_is_discussed_dropped_or_opened_again(alice, bob, next_meeting):
    item = services.agenda_item_add(alice, next_meeting, "Friday cover")

    services.agenda_item_update(bob, item, status="discussed")
    closed = AgendaItem.objects.get(pk=item.pk)
    assert (closed.status, closed.closed_at, closed.closed_by) == ("discussed", NOW, bob)

    services.agenda_item_update(alice, item, status="open")
    opened = AgendaItem.objects.get(pk=item.pk)
    assert (opened.status, opened.closed_at, opened.closed_by) == ("open", None, None)


def test_an_item_is_edited_with_the_same_rules(alice, next_meeting):
    item = services.agenda_item_add(alice, next_meeting, "Friday cover", "Who?")
    before = stored(item)

    refused(
        services.agenda_item_update,
        alice,
        item,
        title=" ",
        message=TITLE_NEEDED,
        field="title",
    )
    refused(
        services.agenda_item_update,
        alice,
        item,
        status="done",
        message="Choose one of: open, discussed, dropped.",
        field="status",
    )
    assert stored(item) == before

    services.agenda_item_update(alice, item, title="Friday and Monday cover", detail="")
    assert (AgendaItem.objects.get(pk=item.pk).title, item.detail) == (
        "Friday and Monday cover",
        "",
    )


def test_the_agenda_is_put_in_the_order_given(alice, bob, next_meeting):
    a, b, c = (services.agenda_item_add(alice, next_meeting, title) for title in "ABC")
    added_meanwhile = services.agenda_item_add(bob, next_meeting, "D")

    services.agenda_reorder(alice, [a, b, c, added_meanwhile], [c.pk, a.pk])

    assert list(AgendaItem.objects.values_list("title", flat=True)) == ["C", "A", "B", "D"]


@pytest.mark.parametrize("order", [[1, 1], [999]])
def test_a_reorder_names_each_item_of_the_agenda_once(alice, next_meeting, order):
    items = [services.agenda_item_add(alice, next_meeting, title) for title in "AB"]
    order = [items[0].pk if pk == 1 else pk for pk in order]

    refused(
        services.agenda_reorder,
        alice,
        items,
        order,
        message="Name each item of this agenda once.",
        field="order",
    )
    assert list(AgendaItem.objects.values_list("title", flat=True)) == ["A", "B"]


# In the meeting.


def test_shared_notes_are_saved_from_the_version_they_were_written_on(alice, bob, next_meeting):
    version = services.shared_notes_save(alice, next_meeting, "  Rota agreed.  ", 0)
    version = services.shared_notes_save(bob, next_meeting, "Rota agreed. Hiring next.", version)

    saved = Meeting.objects.get(pk=next_meeting.pk)
    assert (saved.shared_notes, saved.notes_version, version) == (
        "Rota agreed. Hiring next.",
        2,
        2,
    )
    assert (saved.notes_updated_by, saved.notes_updated_at) == (bob, NOW)


def test_notes_saved_from_an_older_version_overwrite_nothing(alice, bob, next_meeting):
    services.shared_notes_save(alice, next_meeting, "Alice's notes", 0)

    error = refused(
        services.shared_notes_save,
        bob,
        Meeting.objects.get(pk=next_meeting.pk),
        "Bob's notes",
        0,
        message=(
            "The shared notes changed while you were writing. Your text is kept below: "
            "copy what you added into the latest notes and save again."
        ),
        field="shared_notes",
        kind=Conflict,
    )

    assert error.status == 409
    saved = Meeting.objects.get(pk=next_meeting.pk)
    assert (saved.shared_notes, saved.notes_version) == ("Alice's notes", 1)


def test_each_member_keeps_one_private_note_per_meeting(alice, bob, next_meeting):
    services.private_note_save(alice, next_meeting, "First thoughts")
    services.private_note_save(alice, next_meeting, "Second thoughts")
    services.private_note_save(bob, next_meeting, "Bob's own")

    notes = dict(PrivateNote.objects.values_list("author__email", "text"))
    assert notes == {"alice@example.com": "Second thoughts", "bob@example.com": "Bob's own"}


def test_a_decision_says_what_was_decided_and_by_whom(alice, bob, next_meeting):
    decision = services.decision_record(bob, next_meeting, " Pause the Q3 report ", "partner")

    assert (decision.text, decision.decided_by, decision.recorded_by) == (
        "Pause the Q3 report",
        "partner",
        bob,
    )
    refused(
        services.decision_record,
        alice,
        next_meeting,
        " ",
        message="Write what was decided, e.g. “Pause the Q3 report”.",
        field="text",
    )
    refused(
        services.decision_record,
        alice,
        next_meeting,
        "Pause it",
        "manager",
        message="Choose one of: owner, partner, both.",
        field="decided_by",
    )


def test_only_whoever_wrote_a_decision_removes_it(alice, bob, next_meeting):
    decision = services.decision_record(bob, next_meeting, "Pause the Q3 report")

    refused(
        services.decision_delete,
        alice,
        decision,
        message="Only whoever wrote a decision down removes it.",
    )
    services.decision_delete(bob, decision)
    assert not Decision.objects.exists()


def test_an_action_item_has_an_owner_and_a_day(alice, bob, next_meeting):
    item = services.action_item_add(
        bob, next_meeting, services.ActionDraft(" Send the rota ", "partner", day(7))
    )

    assert (item.title, item.owned_by, item.due, item.created_by) == (
        "Send the rota",
        "partner",
        day(7),
        bob,
    )
    assert item.status == "open" and item.created_at == NOW


@pytest.mark.parametrize(
    "draft,field,message",
    [
        (services.ActionDraft(""), "title", ACTION_TITLE_NEEDED),
        (
            services.ActionDraft("Rota", owned_by="both"),
            "owned_by",
            "Choose one of: owner, partner.",
        ),
        (
            services.ActionDraft("Rota", due=day(-1)),
            "due",
            "Mon 30 Nov has passed: give a day still to come.",
        ),
        (
            services.ActionDraft("Rota", due=FAR),
            "due",
            FAR_MESSAGE,
        ),
    ],
)
def test_it_refuses_an_action_item_that_makes_no_sense(alice, next_meeting, draft, field, message):
    refused(services.action_item_add, alice, next_meeting, draft, message=message, field=field)


def test_an_action_item_links_an_assignment_of_its_own_partnership(
    alice, next_meeting, solo_partnership, partnership
):
    elsewhere = assign(solo_partnership, "Dev's review", 60)
    here = assign(partnership, "Board report", 60)

    refused(
        services.action_item_add,
        alice,
        next_meeting,
        services.ActionDraft("Review", assignment=elsewhere),
        message="Link an assignment of this partnership.",
        field="assignment",
    )
    linked = services.action_item_add(
        alice, next_meeting, services.ActionDraft("Finish it", assignment=here)
    )
    assert linked.assignment == here


def test_an_action_item_is_done_on_the_owners_day(alice, bob, next_meeting):
    item = services.action_item_add(alice, next_meeting, services.ActionDraft("Rota", due=day(2)))
    # 01:30 in London on Wednesday, still Tuesday evening in New York.
    late_night = dt.datetime(2026, 12, 2, 1, 30, tzinfo=dt.UTC)

    services.action_item_update(bob, item, status="done", now=late_night)

    done = ActionItem.objects.get(pk=item.pk)
    assert (done.status, done.closed_at, done.closed_on) == ("done", late_night, day(1))


def test_an_action_item_is_dropped_reopened_and_rescheduled(alice, next_meeting):
    item = services.action_item_add(alice, next_meeting, services.ActionDraft("Rota", due=day(2)))

    services.action_item_update(alice, item, status="dropped")
    dropped = ActionItem.objects.get(pk=item.pk)
    assert (dropped.status, dropped.closed_at, dropped.closed_on) == ("dropped", NOW, None)

    services.action_item_update(alice, item, status="open", due=day(9), title="New rota")
    reopened = ActionItem.objects.get(pk=item.pk)
    assert (reopened.status, reopened.closed_at, reopened.due, reopened.title) == (
        "open",
        None,
        day(9),
        "New rota",
    )

    services.action_item_update(alice, item, clear_due=True)
    assert ActionItem.objects.get(pk=item.pk).due is None


def test_an_action_item_is_changed_with_the_same_rules(alice, next_meeting):
    item = services.action_item_add(alice, next_meeting, services.ActionDraft("Rota", due=day(2)))
    before = stored(item)

    refused(
        services.action_item_update,
        alice,
        item,
        due=day(-1),
        message="Mon 30 Nov has passed: give a day still to come.",
        field="due",
    )
    refused(
        services.action_item_update,
        alice,
        item,
        status="finished",
        message="Choose one of: open, done, dropped.",
        field="status",
    )
    refused(
        services.action_item_update,
        alice,
        item,
        title="",
        message=ACTION_TITLE_NEEDED,
        field="title",
    )
    assert stored(item) == before


# Carry-over: open items stay on every later meeting, with how many they went through.


def test_an_open_item_carries_over_every_held_meeting(alice, bob, partnership, held, past_series):
    first, second, third = held
    services.agenda_item_add(alice, first, "Friday cover", now=first.starts_at - dt.timedelta(1))
    services.action_item_add(
        bob, first, services.ActionDraft("Send the rota", "partner"), now=during(first)
    )
    upcoming = meetings(past_series)[3]

    counts = {
        meeting.pk: (
            [entry.carried for entry in meeting_record_for(alice, partnership, meeting).agenda],
            [a.carried for a in meeting_record_for(alice, partnership, meeting).carried_actions],
        )
        for meeting in (first, second, third, upcoming)
    }

    assert counts == {
        first.pk: ([0], []),
        second.pk: ([1], [1]),
        third.pk: ([2], [2]),
        upcoming.pk: ([3], [3]),
    }


def test_a_meeting_that_did_not_happen_is_not_counted(alice, partnership, held, past_series):
    first, second, _ = held
    services.action_item_add(alice, first, services.ActionDraft("Rota"), now=during(first))
    services.meeting_skip(alice, second)
    upcoming = meetings(past_series)[3]

    [carried] = meeting_record_for(alice, partnership, upcoming).carried_actions

    assert carried.carried == 2


def test_an_item_closed_in_a_meeting_leaves_the_agendas_after_it(
    alice, partnership, held, past_series
):
    first, second, third = held
    item = services.agenda_item_add(alice, first, "Friday cover", now=during(first, -60))
    action = services.action_item_add(alice, first, services.ActionDraft("Rota"), now=during(first))
    services.agenda_item_update(alice, item, status="discussed", now=during(second))
    services.action_item_update(alice, action, status="done", now=during(second))

    on_second = meeting_record_for(alice, partnership, second)
    on_third = meeting_record_for(alice, partnership, third)

    assert [(e.title, e.status) for e in on_second.agenda] == [("Friday cover", "discussed")]
    assert [(a.title, a.status) for a in on_second.carried_actions] == [("Rota", "done")]
    assert on_third.agenda == () and on_third.carried_actions == ()


def test_an_item_settled_while_preparing_stays_on_the_meeting_marked(
    alice, partnership, held, past_series
):
    first, _, third = held
    upcoming, after = meetings(past_series)[3:5]
    item = services.agenda_item_add(alice, first, "Friday cover", now=during(first))
    # Dropped the day before the next meeting, while preparing it.
    services.agenda_item_update(alice, item, status="dropped", now=third.ends_at + dt.timedelta(1))

    on_upcoming = meeting_record_for(alice, partnership, upcoming)
    on_after = meeting_record_for(alice, partnership, after)

    assert [(e.title, e.status, e.carried) for e in on_upcoming.agenda] == [
        ("Friday cover", "dropped", 3)
    ]
    assert on_after.agenda == ()


def test_an_item_placed_on_a_skipped_meeting_waits_for_the_next(alice, partnership, series):
    first, second, *_ = meetings(series)
    item = services.agenda_item_add(alice, first, "Friday cover")
    services.meeting_skip(alice, first)

    [entry] = meeting_record_for(alice, partnership, second).agenda

    assert (entry.pk, entry.carried) == (item.pk, 0)


# An action item of one's own becomes an assignment.


def test_the_owners_action_item_becomes_an_assignment(alice, partnership, next_meeting):
    item = services.action_item_add(
        alice, next_meeting, services.ActionDraft("Draft the rota", due=day(8))
    )

    assignment = services.action_item_to_assignment(alice, item)

    assert (assignment.title, assignment.due, assignment.estimate_minutes) == (
        "Draft the rota",
        day(8),
        60,
    )
    assert (assignment.partnership, assignment.owner) == (partnership, alice)
    assert (assignment.asked_by, assignment.asked_on) == ("Zebulon Boss", day(2))
    assert ActionItem.objects.get(pk=item.pk).assignment == assignment


def test_an_action_item_becomes_an_assignment_once(alice, next_meeting):
    item = services.action_item_add(alice, next_meeting, services.ActionDraft("Draft the rota"))
    services.action_item_to_assignment(alice, item)

    refused(
        services.action_item_to_assignment,
        alice,
        item,
        message="This action item is an assignment already.",
        kind=Conflict,
    )


def test_only_the_owners_own_open_action_item_becomes_an_assignment(alice, bob, next_meeting):
    theirs = services.action_item_add(
        alice, next_meeting, services.ActionDraft("Send the rota", "partner")
    )
    mine = services.action_item_add(alice, next_meeting, services.ActionDraft("Draft it"))
    services.action_item_update(alice, mine, status="done")

    refused(
        services.action_item_to_assignment,
        alice,
        theirs,
        message="This action item is Zebulon Boss's, not yours.",
    )
    refused(
        services.action_item_to_assignment,
        alice,
        mine,
        message="This action item is closed.",
        kind=Conflict,
    )
    refused(
        services.action_item_to_assignment,
        bob,
        theirs,
        message="Only Alice Owner turns their action items into assignments.",
    )


# Questions noted for the next one-on-one.


def test_a_noted_question_is_its_authors_until_it_is_on_the_agenda(
    alice, bob, partnership, next_meeting
):
    question = services.question_note(bob, partnership, "  Who owns onboarding?  ")

    assert (question.text, question.author, question.noted_at) == (
        "Who owns onboarding?",
        bob,
        NOW,
    )
    assert noted_questions_for(alice, partnership) == []
    assert noted_questions_for(bob, partnership) == [question]

    proposal = Proposal(f"noted:{question.pk}", ProposalKind.NOTED, question.text, "You noted it")
    services.proposal_accept(bob, next_meeting, proposal)
    assert noted_questions_for(bob, partnership) == []
    assert NotedQuestion.objects.get(pk=question.pk).settled_at == NOW


def test_a_noted_question_set_aside_is_offered_no_more(bob, partnership, next_meeting):
    question = services.question_note(bob, partnership, "Who owns onboarding?")

    services.proposal_dismiss(bob, next_meeting, f"noted:{question.pk}")

    assert noted_questions_for(bob, partnership) == []


def test_nobody_settles_anothers_noted_question(alice, bob, partnership, next_meeting):
    question = services.question_note(bob, partnership, "Who owns onboarding?")

    services.proposal_dismiss(alice, next_meeting, f"noted:{question.pk}")

    assert NotedQuestion.objects.get(pk=question.pk).settled_at is None


@pytest.mark.parametrize(
    "text,message",
    [
        ("  ", "Write the question, e.g. “Who owns onboarding?”"),
        ("x" * 501, "Keep it under 500 characters."),
    ],
)
def test_a_noted_question_is_a_question(alice, partnership, text, message):
    refused(services.question_note, alice, partnership, text, message=message, field="text")


def test_a_question_may_be_noted_before_any_series_exists(alice, partnership):
    assert services.question_note(alice, partnership, "Who owns onboarding?").pk
