"""Every write about requests goes through services, and every rule there has its message and
its field. A write that breaks a rule changes nothing: no row, no field."""

from __future__ import annotations

import pytest
from django.forms.models import model_to_dict

from tandem.followup import MAX_STALE_AFTER_DAYS, EventKind, RequestStatus, staleness
from tandem.lib.errors import Conflict, TandemError
from tandem.requests import services
from tandem.requests.models import FollowUpDraft, Reflection, Request, RequestEvent
from tandem.requests.privacy import record_of
from tests.requests.conftest import REFLECTION_SENTINEL, STORY_SENTINEL, TODAY, day

OWNER_ONLY = "Only the owner of this partnership changes its requests."
NOT_YOURS_TO_ANSWER = "Only your partner's shared requests can be answered here."


def rows() -> tuple[int, int, int, int]:
    return (
        Request.objects.count(),
        RequestEvent.objects.count(),
        Reflection.objects.count(),
        FollowUpDraft.objects.count(),
    )


def as_stored(request: Request) -> dict:
    return model_to_dict(Request.objects.get(pk=request.pk))


def refused(call, *args, message: str, field: str | None = None, **kwargs) -> TandemError:
    """Calls a service, expecting it to refuse with `message` on `field`, writing nothing."""
    before = rows()
    with pytest.raises(TandemError) as refusal:
        call(*args, **kwargs)
    assert refusal.value.message == message
    assert refusal.value.field == field
    assert rows() == before, "a refused write left something behind"
    return refusal.value


def draft(**fields) -> services.RequestDraft:
    return services.RequestDraft(**{"title": "Flexible hours on Fridays", **fields})


# Recording a request.


def test_it_records_a_request_asked_today_by_default(alice, partnership):
    request = services.request_create(alice, partnership, draft())

    assert (request.owner, request.partnership) == (alice, partnership)
    assert request.asked_on == TODAY
    assert (request.channel, request.status, request.stale_after_days) == ("meeting", "open", 14)
    assert not request.shared


def test_it_keeps_what_was_typed_trimmed(alice, partnership):
    request = services.request_create(
        alice,
        partnership,
        draft(title="  Flexible hours  ", what_was_said="  Could I start at 10?\n"),
    )

    assert (request.title, request.what_was_said) == ("Flexible hours", "Could I start at 10?")


@pytest.mark.parametrize("title", ["", "   ", "\n\t"])
def test_it_asks_what_was_asked_for(alice, partnership, title):
    refused(
        services.request_create,
        alice,
        partnership,
        draft(title=title),
        message="Say what you asked for, e.g. “Flexible hours on Fridays”.",
        field="title",
    )


def test_it_refuses_a_title_longer_than_a_title(alice, partnership):
    refused(
        services.request_create,
        alice,
        partnership,
        draft(title="x" * 201),
        message="Keep the title under 200 characters.",
        field="title",
    )
    assert services.request_create(alice, partnership, draft(title="x" * 200)).title == "x" * 200


def test_it_refuses_an_asked_on_in_the_future(alice, partnership):
    refused(
        services.request_create,
        alice,
        partnership,
        draft(asked_on=day(1)),
        message="Wed 2 Dec is in the future: when did you ask?",
        field="asked_on",
    )


def test_it_refuses_an_asked_on_beyond_the_calendar(alice, partnership):
    with pytest.raises(TandemError) as refusal:
        services.request_create(alice, partnership, draft(asked_on=day(-365 * 11)))

    assert refusal.value.field == "asked_on"
    assert "more than 10 years from today" in refusal.value.message
    assert not Request.objects.exists()


@pytest.mark.parametrize("days", [0, -1, -14, MAX_STALE_AFTER_DAYS + 1, 10_000])
def test_it_refuses_a_threshold_out_of_range(alice, partnership, days):
    refused(
        services.request_create,
        alice,
        partnership,
        draft(stale_after_days=days),
        message=f"A request turns stale after 1 to {MAX_STALE_AFTER_DAYS} days without an "
        "answer; 14 is usual.",
        field="stale_after_days",
    )


@pytest.mark.parametrize("days", [1, MAX_STALE_AFTER_DAYS])
def test_it_takes_a_threshold_at_either_end(alice, partnership, days):
    assert (
        services.request_create(alice, partnership, draft(stale_after_days=days)).stale_after_days
        == days
    )


@pytest.mark.parametrize("channel", ["fax", "", "Meeting"])
def test_it_refuses_a_way_of_asking_it_does_not_know(alice, partnership, channel):
    refused(
        services.request_create,
        alice,
        partnership,
        draft(channel=channel),
        message=f"“{channel}” is not a way of asking: use meeting, email, chat, in_passing.",
        field="channel",
    )


def test_it_refuses_words_past_the_limit(alice, partnership):
    refused(
        services.request_create,
        alice,
        partnership,
        draft(what_was_said="x" * (services.MAX_TEXT + 1)),
        message=f"Keep it under {services.MAX_TEXT:,} characters.",
        field="what_was_said",
    )


def test_it_refuses_null_characters(alice, partnership):
    refused(
        services.request_create,
        alice,
        partnership,
        draft(what_was_said="Could I\x00start at 10?"),
        message="Null characters are not allowed.",
        field="what_was_said",
    )


def test_it_refuses_a_promised_by_beyond_the_calendar(alice, partnership):
    with pytest.raises(TandemError) as refusal:
        services.request_create(alice, partnership, draft(promised_by=day(365 * 11)))

    assert refusal.value.field == "promised_by"
    assert not Request.objects.exists()


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_only_the_owner_records_a_request(request, partnership, who):
    refused(
        services.request_create,
        request.getfixturevalue(who),
        partnership,
        draft(),
        message=OWNER_ONLY,
    )


# Changing and deleting a request.


def test_it_changes_a_request_by_field_name(alice, flexible_hours):
    services.request_update(
        alice,
        flexible_hours,
        {"title": " Flexible Fridays ", "stale_after_days": 7, "shared": 1, "channel": "chat"},
    )

    stored = Request.objects.get(pk=flexible_hours.pk)
    assert (stored.title, stored.stale_after_days, stored.shared, stored.channel) == (
        "Flexible Fridays",
        7,
        True,
        "chat",
    )


def test_closing_a_request_stamps_when_and_reopening_clears_it(alice, flexible_hours):
    services.request_update(alice, flexible_hours, {"status": RequestStatus.WITHDRAWN})
    assert Request.objects.get(pk=flexible_hours.pk).closed_at is not None

    services.request_update(alice, flexible_hours, {"status": RequestStatus.OPEN})
    assert Request.objects.get(pk=flexible_hours.pk).closed_at is None


@pytest.mark.parametrize(
    "changes,message,field",
    [
        (
            {"title": " "},
            "Say what you asked for, e.g. “Flexible hours on Fridays”.",
            "title",
        ),
        ({"asked_on": day(3)}, "Fri 4 Dec is in the future: when did you ask?", "asked_on"),
        (
            {"channel": "pigeon"},
            "“pigeon” is not a way of asking: use meeting, email, chat, in_passing.",
            "channel",
        ),
        (
            {"stale_after_days": 0},
            f"A request turns stale after 1 to {MAX_STALE_AFTER_DAYS} days without an answer; "
            "14 is usual.",
            "stale_after_days",
        ),
        (
            {"status": "maybe"},
            "“maybe” is not a status: use open, answered, granted, declined, withdrawn.",
            "status",
        ),
        ({"owner": 3}, "owner cannot be changed.", None),
        ({"closed_at": None, "created_at": None}, "closed_at, created_at cannot be changed.", None),
        ({}, "Send at least one field to change.", None),
    ],
)
def test_it_refuses_a_change_that_breaks_a_rule(alice, flexible_hours, changes, message, field):
    before = as_stored(flexible_hours)

    refused(services.request_update, alice, flexible_hours, changes, message=message, field=field)

    assert as_stored(flexible_hours) == before


def test_it_changes_nothing_when_one_change_of_several_is_wrong(alice, flexible_hours):
    before = as_stored(flexible_hours)

    refused(
        services.request_update,
        alice,
        flexible_hours,
        {"title": "Flexible Fridays", "shared": True, "stale_after_days": -3},
        message=f"A request turns stale after 1 to {MAX_STALE_AFTER_DAYS} days without an "
        "answer; 14 is usual.",
        field="stale_after_days",
    )

    assert as_stored(flexible_hours) == before


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_only_the_owner_changes_a_request(request, shared_request, who):
    before = as_stored(shared_request)

    refused(
        services.request_update,
        request.getfixturevalue(who),
        shared_request,
        {"title": "Something else"},
        message=OWNER_ONLY,
    )

    assert as_stored(shared_request) == before


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_only_the_owner_deletes_a_request(request, shared_request, who):
    refused(
        services.request_delete,
        request.getfixturevalue(who),
        shared_request,
        message=OWNER_ONLY,
    )


def test_deleting_a_request_takes_its_history_and_private_notes_with_it(alice, flexible_hours):
    services.response_record(alice, flexible_hours, EventKind.ACKNOWLEDGED, on=day(-40))
    services.reflection_save(alice, flexible_hours, {"at_stake": REFLECTION_SENTINEL})
    services.follow_up_draft_save(alice, flexible_hours, story=STORY_SENTINEL)

    services.request_delete(alice, flexible_hours)

    assert rows() == (0, 0, 0, 0)


# Responses: the owner records any of them; the partner answers shared requests.


def test_the_owner_records_a_response_on_the_day_it_came(alice, flexible_hours):
    event = services.response_record(
        alice, flexible_hours, EventKind.ACKNOWLEDGED, on=day(-40), note="Let me think."
    )

    assert (event.kind, event.happened_on, event.note, event.recorded_by) == (
        EventKind.ACKNOWLEDGED,
        day(-40),
        "Let me think.",
        alice,
    )
    assert Request.objects.get(pk=flexible_hours.pk).status == RequestStatus.OPEN


def test_the_owner_records_a_response_dated_today_by_default(alice, flexible_hours):
    assert services.response_record(alice, flexible_hours, "granted").happened_on == TODAY


@pytest.mark.parametrize(
    "kind,status,closed",
    [
        (EventKind.ACKNOWLEDGED, RequestStatus.OPEN, False),
        (EventKind.MORE_INFO, RequestStatus.ANSWERED, False),
        (EventKind.GRANTED, RequestStatus.GRANTED, True),
        (EventKind.DECLINED, RequestStatus.DECLINED, True),
    ],
)
def test_a_response_sets_the_status(alice, flexible_hours, kind, status, closed):
    services.response_record(alice, flexible_hours, kind, on=day(-2))

    stored = Request.objects.get(pk=flexible_hours.pk)
    assert stored.status == status
    assert (stored.closed_at is not None) == closed


def test_the_owners_response_cannot_come_in_the_future(alice, flexible_hours):
    refused(
        services.response_record,
        alice,
        flexible_hours,
        EventKind.GRANTED,
        on=day(1),
        message="Wed 2 Dec is in the future: when did it happen?",
        field="on",
    )
    assert Request.objects.get(pk=flexible_hours.pk).status == RequestStatus.OPEN


def test_the_owners_response_cannot_come_before_the_ask(alice, flexible_hours):
    refused(
        services.response_record,
        alice,
        flexible_hours,
        EventKind.ACKNOWLEDGED,
        on=day(-43),
        message="Mon 19 Oct is before you asked (Tue 20 Oct).",
        field="on",
    )
    assert services.response_record(alice, flexible_hours, "acknowledged", on=day(-42))


def test_the_owner_records_only_responses(alice, flexible_hours):
    refused(
        services.response_record,
        alice,
        flexible_hours,
        EventKind.FOLLOWED_UP,
        message="“followed_up” is not an answer here: acknowledged, asked for more information, "
        "promised an answer, granted, declined.",
        field="kind",
    )


def test_a_promise_says_by_when(alice, flexible_hours):
    refused(
        services.response_record,
        alice,
        flexible_hours,
        EventKind.PROMISED,
        on=day(-30),
        message="Say by when the answer was promised.",
        field="promised_by",
    )


def test_a_promised_day_comes_after_the_promise(alice, flexible_hours):
    refused(
        services.response_record,
        alice,
        flexible_hours,
        EventKind.PROMISED,
        on=day(-30),
        promised_by=day(-31),
        message="A promised day comes after the promise.",
        field="promised_by",
    )
    assert Request.objects.get(pk=flexible_hours.pk).promised_by is None


def test_a_promise_for_the_same_day_is_taken(alice, flexible_hours):
    services.response_record(
        alice, flexible_hours, EventKind.PROMISED, on=day(-30), promised_by=day(-30)
    )

    assert Request.objects.get(pk=flexible_hours.pk).promised_by == day(-30)


def test_a_promise_sets_the_requests_promised_day_and_keeps_it_open(alice, flexible_hours):
    event = services.response_record(
        alice, flexible_hours, EventKind.PROMISED, on=day(-10), promised_by=day(5)
    )

    stored = Request.objects.get(pk=flexible_hours.pk)
    assert (stored.promised_by, stored.status, event.promised_by) == (day(5), "open", day(5))


def test_only_a_promise_has_a_promised_day(alice, flexible_hours):
    refused(
        services.response_record,
        alice,
        flexible_hours,
        EventKind.GRANTED,
        promised_by=day(3),
        message="Only a promise has a promised day.",
        field="promised_by",
    )


def test_a_response_note_has_a_limit(alice, flexible_hours):
    refused(
        services.response_record,
        alice,
        flexible_hours,
        EventKind.ACKNOWLEDGED,
        note="x" * (services.MAX_TEXT + 1),
        message=f"Keep it under {services.MAX_TEXT:,} characters.",
        field="note",
    )


@pytest.mark.parametrize("status", ["granted", "declined", "withdrawn"])
def test_a_closed_request_takes_no_response(alice, flexible_hours, status):
    services.request_update(alice, flexible_hours, {"status": status})
    flexible_hours.refresh_from_db()

    with pytest.raises(Conflict) as refusal:
        services.response_record(alice, flexible_hours, EventKind.GRANTED)

    assert refusal.value.status == 409
    assert refusal.value.message == f"This request is {status} already; reopen it first."
    assert not RequestEvent.objects.exists()


@pytest.mark.parametrize(
    "kind,extra,status",
    [
        (EventKind.GRANTED, {}, RequestStatus.GRANTED),
        (EventKind.DECLINED, {}, RequestStatus.DECLINED),
        (EventKind.MORE_INFO, {}, RequestStatus.ANSWERED),
        (EventKind.PROMISED, {"promised_by": day(7)}, RequestStatus.OPEN),
    ],
)
def test_the_partner_answers_a_shared_request(bob, shared_request, kind, extra, status):
    event = services.response_record(bob, shared_request, kind, note="Let's talk.", **extra)

    assert (event.kind, event.recorded_by, event.note) == (kind, bob, "Let's talk.")
    assert Request.objects.get(pk=shared_request.pk).status == status


def test_the_partners_answer_is_dated_today_whatever_they_send(bob, shared_request):
    event = services.response_record(bob, shared_request, EventKind.GRANTED, on=day(-2))

    assert event.happened_on == TODAY


@pytest.mark.parametrize("kind", [EventKind.ACKNOWLEDGED, EventKind.FOLLOWED_UP, "yes"])
def test_the_partner_answers_with_the_four_answers_only(bob, shared_request, kind):
    refused(
        services.response_record,
        bob,
        shared_request,
        kind,
        message=f"“{kind}” is not an answer here: granted, declined, asked for more information, "
        "promised an answer.",
        field="kind",
    )


def test_the_partner_cannot_answer_an_unshared_request(bob, flexible_hours):
    refused(
        services.response_record,
        bob,
        flexible_hours,
        EventKind.GRANTED,
        message=NOT_YOURS_TO_ANSWER,
    )


def test_a_stranger_cannot_answer_a_shared_request(charlie, shared_request):
    refused(
        services.response_record,
        charlie,
        shared_request,
        EventKind.GRANTED,
        message=NOT_YOURS_TO_ANSWER,
    )


def test_the_partner_cannot_answer_a_closed_request(alice, bob, shared_request):
    services.response_record(bob, shared_request, EventKind.DECLINED)
    shared_request.refresh_from_db()

    with pytest.raises(Conflict):
        services.response_record(bob, shared_request, EventKind.GRANTED)

    assert RequestEvent.objects.count() == 1


def test_the_partners_promise_says_by_when_after_today(bob, shared_request):
    refused(
        services.response_record,
        bob,
        shared_request,
        EventKind.PROMISED,
        message="Say by when the answer was promised.",
        field="promised_by",
    )
    refused(
        services.response_record,
        bob,
        shared_request,
        EventKind.PROMISED,
        promised_by=day(-1),
        message="A promised day comes after the promise.",
        field="promised_by",
    )


# Follow-ups.


def test_a_follow_up_joins_the_history_and_restarts_the_clock(alice, flexible_hours):
    assert staleness(record_of(flexible_hours), TODAY).stale

    event = services.follow_up_record(
        alice, flexible_hours, on=day(-1), channel="email", note="Sent the plan again."
    )

    stored = Request.objects.get(pk=flexible_hours.pk)
    assert (event.kind, event.happened_on, event.channel, event.recorded_by) == (
        EventKind.FOLLOWED_UP,
        day(-1),
        "email",
        alice,
    )
    assert not staleness(record_of(stored), TODAY).stale


def test_a_follow_up_is_dated_today_by_default(alice, flexible_hours):
    assert services.follow_up_record(alice, flexible_hours, channel="chat").happened_on == TODAY


def test_a_follow_up_reopens_an_answered_request(alice, flexible_hours):
    services.response_record(alice, flexible_hours, EventKind.MORE_INFO, on=day(-5))
    flexible_hours.refresh_from_db()
    assert flexible_hours.status == RequestStatus.ANSWERED

    services.follow_up_record(alice, flexible_hours, channel="email", note="Here are the rotas.")

    assert Request.objects.get(pk=flexible_hours.pk).status == RequestStatus.OPEN


@pytest.mark.parametrize(
    "on,message",
    [
        (day(1), "Wed 2 Dec is in the future: when did it happen?"),
        (day(-43), "Mon 19 Oct is before you asked (Tue 20 Oct)."),
    ],
)
def test_a_follow_up_happened_between_the_ask_and_today(alice, flexible_hours, on, message):
    refused(
        services.follow_up_record,
        alice,
        flexible_hours,
        on=on,
        channel="meeting",
        message=message,
        field="on",
    )


def test_a_follow_up_happened_some_way_it_knows(alice, flexible_hours):
    refused(
        services.follow_up_record,
        alice,
        flexible_hours,
        channel="smoke signals",
        message="“smoke signals” is not a way of asking: use meeting, email, chat, in_passing.",
        field="channel",
    )


def test_a_closed_request_takes_no_follow_up(alice, flexible_hours):
    services.response_record(alice, flexible_hours, EventKind.DECLINED)
    flexible_hours.refresh_from_db()

    with pytest.raises(Conflict):
        services.follow_up_record(alice, flexible_hours, channel="email")

    assert RequestEvent.objects.count() == 1


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_only_the_owner_records_a_follow_up(request, shared_request, who):
    refused(
        services.follow_up_record,
        request.getfixturevalue(who),
        shared_request,
        channel="email",
        message=OWNER_ONLY,
    )


# The private reflection and follow-up draft.


def test_a_reflection_keeps_what_it_is_not_given(alice, flexible_hours):
    services.reflection_save(alice, flexible_hours, {"why_it_matters": "School run."})
    services.reflection_save(alice, flexible_hours, {"at_stake": " My Thursdays. "})

    reflection = Reflection.objects.get(request=flexible_hours)
    assert (reflection.why_it_matters, reflection.at_stake) == ("School run.", "My Thursdays.")


def test_a_reflection_has_only_its_questions(alice, flexible_hours):
    refused(
        services.reflection_save,
        alice,
        flexible_hours,
        {"why_it_matters": "School run.", "mood": "grumpy"},
        message="mood is not part of a reflection.",
    )


def test_a_reflection_answer_has_a_limit(alice, flexible_hours):
    refused(
        services.reflection_save,
        alice,
        flexible_hours,
        {"why_it_matters": "ok", "strength": "x" * (services.MAX_TEXT + 1)},
        message=f"Keep it under {services.MAX_TEXT:,} characters.",
        field="strength",
    )


def test_a_draft_keeps_what_it_is_not_given(alice, flexible_hours):
    services.follow_up_draft_save(alice, flexible_hours, story="It slipped.")
    services.follow_up_draft_save(alice, flexible_hours, question="What would help?")

    stored = FollowUpDraft.objects.get(request=flexible_hours)
    assert (stored.story, stored.question) == ("It slipped.", "What would help?")


@pytest.mark.parametrize("field", ["story", "question"])
def test_a_draft_has_a_limit(alice, flexible_hours, field):
    refused(
        services.follow_up_draft_save,
        alice,
        flexible_hours,
        **{field: "x" * (services.MAX_TEXT + 1)},
        message=f"Keep it under {services.MAX_TEXT:,} characters.",
        field=field,
    )


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_only_the_owner_writes_a_reflection_or_a_draft(request, shared_request, who):
    actor = request.getfixturevalue(who)

    refused(
        services.reflection_save,
        actor,
        shared_request,
        {"why_it_matters": REFLECTION_SENTINEL},
        message=OWNER_ONLY,
    )
    refused(
        services.follow_up_draft_save,
        actor,
        shared_request,
        story=STORY_SENTINEL,
        message=OWNER_ONLY,
    )
