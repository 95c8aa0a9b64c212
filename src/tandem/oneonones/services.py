"""Writes about one-on-ones: each one atomic, every input checked before the first write.

The owner sets the series and moves, skips or adds meetings. Both members (once the partner
has joined) add agenda items, take shared notes, record decisions and action items; each keeps
their own private notes and noted questions. Writes take `now` so that a history can be
recorded as it happened (the demo does); it defaults to the present.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.db import transaction
from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from tandem.accounts.models import User
from tandem.lib.dates import check_date, format_date
from tandem.lib.errors import Conflict, TandemError
from tandem.lib.text import read_text
from tandem.meetings import (
    MAX_DURATION,
    MIN_DURATION,
    Cadence,
    CadenceError,
    CadenceRule,
    Proposal,
    agenda_reason,
    check_rule,
    occurrences,
)
from tandem.oneonones.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Decision,
    DismissedProposal,
    ItemStatus,
    Meeting,
    NotedQuestion,
    PrivateNote,
    Series,
    Side,
)
from tandem.partnerships.models import Partnership
from tandem.workload.models import Assignment

# Meetings are generated this far ahead, and at most this many at once (a daily series).
AHEAD_DAYS = 84
MAX_AHEAD = 70
# Generating again once the furthest meeting is nearer than this.
TOP_UP_WHEN_DAYS = AHEAD_DAYS - 14
MAX_TITLE = 200
MAX_TEXT = 20_000
MAX_QUESTION = 500
DEFAULT_ACTION_EFFORT = 60


@dataclass(frozen=True)
class ActionDraft:
    """An action item as typed, already parsed: the same from the web, the API and the CLI."""

    title: str
    owned_by: str = Side.OWNER
    due: dt.date | None = None
    assignment: Assignment | None = None


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _owner_day(partnership: Partnership, now: dt.datetime) -> dt.date:
    return now.astimezone(partnership.owner.zone).date()


def _one_at_a_time(partnership: Partnership) -> None:
    """Inside a transaction: a write that checks before it writes (one series per
    partnership, a proposal accepted once) waits here for the same write of a double-submit,
    then sees what it did. SQLite's immediate transactions wait already; PostgreSQL locks the
    partnership's row."""
    list(Partnership.objects.select_for_update().filter(pk=partnership.pk).values_list("pk"))


def _owner_only(actor: User, partnership: Partnership, what: str) -> None:
    if not partnership.is_owner(actor):
        raise TandemError(f"Only {partnership.owner} {what}.")


def _member(actor: User, partnership: Partnership) -> None:
    # Privacy functions already gave a 404 to anyone else; this guards direct callers.
    if actor.pk not in (partnership.owner_id, partnership.partner_id):
        raise TandemError("Only the two members of a partnership change its one-on-ones.")


def _title(value: str, example: str) -> str:
    return read_text(
        value, field="title", limit=MAX_TITLE, required=f"Say what it is, e.g. “{example}”."
    )


def _side(value: str, field: str, sides: Sequence[str]) -> str:
    if value not in sides:
        raise TandemError(f"Choose one of: {', '.join(sides)}.", field=field)
    return value


# The series and its meetings.


def _checked_rule(rule: CadenceRule, today: dt.date) -> CadenceRule:
    try:
        check_rule(rule)
    except CadenceError as error:
        raise TandemError(error.message, field=error.field) from None
    check_date(rule.starts_on, today, field="starts_on")
    if rule.ends_on is not None:
        check_date(rule.ends_on, today, field="ends_on")
    # Only a custom cadence reads how many weeks apart; the others keep the stored value plain.
    return rule if rule.cadence is Cadence.CUSTOM else replace(rule, every_weeks=1)


def _generate(series: Series, now: dt.datetime, after: dt.datetime) -> None:
    """Create the cadence's meetings from `after` on, as far ahead as Tandem plans them."""
    owner = series.partnership.owner
    until = _owner_day(series.partnership, now) + dt.timedelta(days=AHEAD_DAYS)
    starts = occurrences(series.rule, owner.zone, after=after, until=until, limit=MAX_AHEAD)
    Meeting.objects.bulk_create(
        [
            Meeting(
                series=series,
                partnership_id=series.partnership_id,
                starts_at=start,
                planned_for=start,
                duration_minutes=series.duration_minutes,
            )
            for start in starts
        ],
        ignore_conflicts=True,
    )


def _with_record(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Marks each meeting with whether something was written in it (not merely placed on it):
    `has_record` counts private notes too (a replanning must not delete them), `has_shared_record`
    only what both members see."""
    shared = ~Q(shared_notes="") | Exists(Decision.objects.filter(meeting=OuterRef("pk")))
    private = Exists(PrivateNote.objects.filter(meeting=OuterRef("pk")).exclude(text=""))
    return meetings.annotate(has_shared_record=shared, has_record=shared | private)


def _has_shared_record(meeting: Meeting) -> bool:
    found = _with_record(Meeting.objects.filter(pk=meeting.pk))
    return found.values_list("has_shared_record", flat=True)[0]


def series_save(
    actor: User, partnership: Partnership, rule: CadenceRule, *, now: dt.datetime | None = None
) -> Series:
    """Set or change the cadence. Meetings still to come are planned again from it; what was
    placed on a meeting that no longer happens moves to the next one."""
    _owner_only(actor, partnership, "sets the one-on-one cadence")
    now = _now(now)
    today = _owner_day(partnership, now)
    rule = _checked_rule(rule, today)
    fields = {
        "cadence": rule.cadence.value,
        "every_weeks": rule.every_weeks,
        "weekday": rule.weekday,
        "time": rule.time,
        "duration_minutes": rule.duration_minutes,
        "starts_on": rule.starts_on,
        "ends_on": rule.ends_on,
    }
    with transaction.atomic():
        _one_at_a_time(partnership)
        series = Series.objects.filter(partnership=partnership).first()
        if series is None and rule.starts_on < today:
            raise TandemError(
                f"{format_date(rule.starts_on, today)} is in the past: a new series starts "
                "today or later.",
                field="starts_on",
            )
        if series is None:
            series = Series.objects.create(partnership=partnership, created_at=now, **fields)
            _generate(series, now, after=now)
            return series
        series.partnership = partnership
        for name, value in fields.items():
            setattr(series, name, value)
        series.save()
        _replan(series, now)
    return series


def _replan(series: Series, now: dt.datetime) -> None:
    owner = series.partnership.owner
    until = _owner_day(series.partnership, now) + dt.timedelta(days=AHEAD_DAYS)
    # Meetings the new cadence still plans stay as they are: skipped, their ids and links kept.
    still = occurrences(series.rule, owner.zone, after=now, until=until, limit=MAX_AHEAD)
    to_come = list(
        _with_record(
            series.meetings.filter(starts_at__gt=now, ad_hoc=False, moved=False).exclude(
                planned_for__in=still
            )
        )
    )
    # Notes or decisions already written: such a meeting stays where it is, as a moved one.
    kept = [meeting.pk for meeting in to_come if meeting.has_record]
    leaving = [meeting.pk for meeting in to_come if not meeting.has_record]
    Meeting.objects.filter(pk__in=kept).update(moved=True)
    # Free their occurrences first: the new cadence may plan a meeting at the very same time.
    Meeting.objects.filter(pk__in=leaving).update(planned_for=None)
    _generate(series, now, after=now)
    series.meetings.filter(starts_at__gt=now, ad_hoc=False, moved=False).update(
        duration_minutes=series.duration_minutes
    )
    _move_what_was_placed(series, leaving, now)
    Meeting.objects.filter(pk__in=leaving).exclude(
        Exists(AgendaItem.objects.filter(meeting=OuterRef("pk")))
        | Exists(ActionItem.objects.filter(meeting=OuterRef("pk")))
    ).delete()


def _move_what_was_placed(series: Series, leaving: list[int], now: dt.datetime) -> None:
    """Each dropped meeting's items go to the first meeting at or after its time; when the
    series ends before that, the dropped meeting stays, as moved, holding them."""
    dropped = Meeting.objects.filter(pk__in=leaving).filter(
        Exists(AgendaItem.objects.filter(meeting=OuterRef("pk")))
        | Exists(ActionItem.objects.filter(meeting=OuterRef("pk")))
    )
    remaining = list(
        series.meetings.taking_place().filter(starts_at__gt=now).exclude(pk__in=leaving)
    )
    for meeting in dropped:
        target = next((m for m in remaining if m.starts_at >= meeting.starts_at), None)
        if target is None:
            Meeting.objects.filter(pk=meeting.pk).update(moved=True)
            continue
        AgendaItem.objects.filter(meeting=meeting).update(meeting=target)
        ActionItem.objects.filter(meeting=meeting).update(meeting=target)


def meetings_keep_ahead(series: Series, *, now: dt.datetime | None = None) -> None:
    """Generate the cadence's next meetings once the furthest one comes near. Cheap when
    nothing is due: one query."""
    now = _now(now)
    last = series.meetings.filter(planned_for__isnull=False).aggregate(last=Max("planned_for"))
    furthest = last["last"]
    horizon = now + dt.timedelta(days=TOP_UP_WHEN_DAYS)
    if furthest is not None and furthest >= horizon:
        return
    if series.ends_on is not None and _owner_day(series.partnership, now) > series.ends_on:
        return
    after = max(now, furthest + dt.timedelta(seconds=1)) if furthest else now
    # One insert, atomic by itself, and none at all when the next one is still too far: a
    # monthly series comes here on every page, which must not take SQLite's write lock.
    _generate(series, now, after=after)


def _future_start(partnership: Partnership, starts_at: dt.datetime, now: dt.datetime) -> None:
    today = _owner_day(partnership, now)
    check_date(starts_at.astimezone(partnership.owner.zone).date(), today, field="starts_at")
    if starts_at <= now:
        raise TandemError(
            "That time has passed: a meeting is planned for a time still to come.",
            field="starts_at",
        )


def _duration(minutes: int) -> int:
    if not MIN_DURATION <= minutes <= MAX_DURATION:
        raise TandemError(
            f"A one-on-one lasts {MIN_DURATION} to {MAX_DURATION} minutes.",
            field="duration_minutes",
        )
    return minutes


def meeting_add(
    actor: User,
    series: Series,
    starts_at: dt.datetime,
    duration_minutes: int | None = None,
    *,
    now: dt.datetime | None = None,
) -> Meeting:
    """An extra meeting outside the cadence."""
    partnership = series.partnership
    _owner_only(actor, partnership, "plans the one-on-ones")
    now = _now(now)
    _future_start(partnership, starts_at, now)
    minutes = _duration(series.duration_minutes if duration_minutes is None else duration_minutes)
    return Meeting.objects.create(
        series=series,
        partnership=partnership,
        starts_at=starts_at,
        duration_minutes=minutes,
        ad_hoc=True,
    )


def meeting_move(
    actor: User,
    meeting: Meeting,
    starts_at: dt.datetime,
    duration_minutes: int | None = None,
    *,
    now: dt.datetime | None = None,
) -> None:
    partnership = meeting.partnership
    _owner_only(actor, partnership, "plans the one-on-ones")
    now = _now(now)
    if meeting.has_ended(now):
        raise Conflict("This meeting has taken place; it can no longer be moved.")
    # A meeting under way may run longer or shorter: only a new start must still be to come.
    if starts_at != meeting.starts_at:
        _future_start(partnership, starts_at, now)
    minutes = _duration(meeting.duration_minutes if duration_minutes is None else duration_minutes)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts_at, duration_minutes=minutes, moved=True, skipped=False
    )
    meeting.starts_at, meeting.duration_minutes, meeting.moved = starts_at, minutes, True
    meeting.skipped = False


def meeting_skip(
    actor: User, meeting: Meeting, skipped: bool = True, *, now: dt.datetime | None = None
) -> None:
    """Skip a meeting (or say a past one did not happen); its open items go to the next one."""
    _owner_only(actor, meeting.partnership, "plans the one-on-ones")
    now = _now(now)
    # Only what both see decides: the other member's private note must not show through.
    if skipped and meeting.has_ended(now) and _has_shared_record(meeting):
        raise Conflict("This meeting has notes or decisions: it took place, so it stays.")
    if not skipped and meeting.has_ended(now):
        raise Conflict("That time has passed: plan a new meeting instead.")
    Meeting.objects.filter(pk=meeting.pk).update(skipped=skipped)
    meeting.skipped = skipped


# The agenda.


def _taking_place(meeting: Meeting) -> None:
    if meeting.skipped:
        raise Conflict("This meeting is skipped: add to the next one instead.")


def _next_position(partnership: Partnership) -> int:
    top = AgendaItem.objects.filter(partnership=partnership).aggregate(top=Max("position"))
    return (top["top"] or 0) + 1


def agenda_item_add(
    actor: User,
    meeting: Meeting,
    title: str,
    detail: str = "",
    *,
    source_key: str = "",
    reason: str = "",
    now: dt.datetime | None = None,
) -> AgendaItem:
    partnership = meeting.partnership
    _member(actor, partnership)
    title = _title(title, "How we handle urgent asks on Fridays")
    detail = read_text(detail, field="detail", limit=MAX_TEXT)
    _taking_place(meeting)
    now = _now(now)
    if meeting.has_ended(now):
        raise Conflict("This meeting has taken place: add it to the next one's agenda.")
    with transaction.atomic():
        if source_key:
            # A proposal goes on once: a second accept at the same moment waits, then finds it.
            _one_at_a_time(partnership)
            taken = AgendaItem.objects.filter(
                partnership=partnership, source_key=source_key, status=ItemStatus.OPEN
            )
            if taken.exists():
                raise Conflict("That is on the agenda already.")
        return AgendaItem.objects.create(
            partnership=partnership,
            meeting=meeting,
            title=title,
            detail=detail,
            source_key=source_key,
            reason=reason[:300],
            position=_next_position(partnership),
            added_by=actor,
            added_at=now,
        )


def proposal_accept(
    actor: User, meeting: Meeting, proposal: Proposal, *, now: dt.datetime | None = None
) -> AgendaItem:
    """Put a prepared proposal on the shared agenda, with its reason. A noted question too
    long for a title keeps its whole text as the item's detail."""
    noted = _noted_question(actor, proposal.key)
    whole = noted.text if noted is not None and noted.text != proposal.title else ""
    with transaction.atomic():
        item = agenda_item_add(
            actor,
            meeting,
            proposal.title,
            whole,
            source_key=proposal.key,
            reason=agenda_reason(proposal),
            now=now,
        )
        _settle_noted(actor, proposal.key, now=item.added_at)
    return item


def _noted_question(actor: User, key: str) -> NotedQuestion | None:
    kind, _, number = key.partition(":")
    if kind != "noted" or not number.isdigit():
        return None
    return NotedQuestion.objects.filter(pk=int(number), author=actor).first()


def _settle_noted(actor: User, key: str, *, now: dt.datetime) -> None:
    kind, _, number = key.partition(":")
    if kind == "noted" and number.isdigit():
        NotedQuestion.objects.filter(pk=int(number), author=actor, settled_at=None).update(
            settled_at=now
        )


def proposal_dismiss(
    actor: User, meeting: Meeting, key: str, *, now: dt.datetime | None = None
) -> None:
    """Remove a proposal from this meeting's prepared agenda; a noted question is set aside."""
    _member(actor, meeting.partnership)
    key = read_text(key, field="key", limit=64, required="Name the proposal to remove.")
    with transaction.atomic():
        DismissedProposal.objects.get_or_create(meeting=meeting, key=key)
        _settle_noted(actor, key, now=_now(now))


def agenda_item_update(
    actor: User,
    item: AgendaItem,
    *,
    title: str | None = None,
    detail: str | None = None,
    status: str | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Edit one item, or mark it discussed, dropped, or open again. Each item is saved on its
    own, so two people editing different items never overwrite each other."""
    _member(actor, item.partnership)
    changes: dict = {}
    if title is not None:
        changes["title"] = _title(title, "How we handle urgent asks on Fridays")
    if detail is not None:
        changes["detail"] = read_text(detail, field="detail", limit=MAX_TEXT)
    if status is not None:
        _side(status, "status", ItemStatus.values)
        now = _now(now)
        closed = status != ItemStatus.OPEN
        changes.update(
            status=status,
            closed_at=now if closed else None,
            closed_by=actor if closed else None,
        )
    if not changes:
        return
    AgendaItem.objects.filter(pk=item.pk).update(**changes)
    for name, value in changes.items():
        setattr(item, name, value)


def agenda_reorder(actor: User, items: Sequence[AgendaItem], ordered_ids: Sequence[int]) -> None:
    """Put the agenda in the given order; items not named (added meanwhile) keep their place
    after the named ones."""
    if not items:
        return
    _member(actor, items[0].partnership)
    known = {item.pk: item for item in items}
    if len(set(ordered_ids)) != len(ordered_ids) or not set(ordered_ids) <= set(known):
        raise TandemError("Name each item of this agenda once.", field="order")
    rest = [item.pk for item in items if item.pk not in set(ordered_ids)]
    with transaction.atomic():
        for position, pk in enumerate([*ordered_ids, *rest], start=1):
            if known[pk].position != position:
                AgendaItem.objects.filter(pk=pk).update(position=position)
                known[pk].position = position


# In the meeting.


def shared_notes_save(
    actor: User, meeting: Meeting, text: str, version: int, *, now: dt.datetime | None = None
) -> int:
    """Save the shared notes made from `version`; the new version. If the other partner saved
    in between, nothing is overwritten: a Conflict, and the caller keeps the typed text
    (unless the notes already read exactly so: a double-click is no conflict)."""
    _member(actor, meeting.partnership)
    text = read_text(text, field="shared_notes", limit=MAX_TEXT)
    saved = Meeting.objects.filter(pk=meeting.pk, notes_version=version).update(
        shared_notes=text,
        notes_version=F("notes_version") + 1,
        notes_updated_at=_now(now),
        notes_updated_by=actor,
    )
    if not saved:
        latest = (
            Meeting.objects.filter(pk=meeting.pk)
            .values_list("shared_notes", "notes_version")
            .first()
        )
        if latest is not None and latest[0] == text:
            # The same words saved twice (a double-click): nothing of anyone's was lost.
            meeting.shared_notes, meeting.notes_version = latest
            return latest[1]
        raise Conflict(
            "The shared notes changed while you were writing. Your text is kept below: "
            "copy what you added into the latest notes and save again.",
            field="shared_notes",
        )
    meeting.shared_notes, meeting.notes_version = text, version + 1
    return version + 1


def private_note_save(
    actor: User, meeting: Meeting, text: str, *, now: dt.datetime | None = None
) -> PrivateNote:
    _member(actor, meeting.partnership)
    text = read_text(text, field="text", limit=MAX_TEXT)
    note, _ = PrivateNote.objects.update_or_create(
        meeting=meeting, author=actor, defaults={"text": text, "updated_at": _now(now)}
    )
    return note


def decision_record(
    actor: User,
    meeting: Meeting,
    text: str,
    decided_by: str = Side.BOTH,
    *,
    now: dt.datetime | None = None,
) -> Decision:
    """Write down a direction given: what was decided, and by whom."""
    _member(actor, meeting.partnership)
    text = read_text(
        text,
        field="text",
        limit=MAX_TEXT,
        required="Write what was decided, e.g. “Pause the Q3 report”.",
    )
    _side(decided_by, "decided_by", Side.values)
    _taking_place(meeting)
    return Decision.objects.create(
        meeting=meeting, text=text, decided_by=decided_by, recorded_by=actor, recorded_at=_now(now)
    )


def decision_delete(actor: User, decision: Decision) -> None:
    if decision.recorded_by_id != actor.pk:
        raise TandemError("Only whoever wrote a decision down removes it.")
    decision.delete()


def _actor_day(actor: User, now: dt.datetime) -> dt.date:
    # A due day is read as its writer means it: "today" in New York is still today there
    # when London has moved on.
    return now.astimezone(actor.zone).date()


def _due(due: dt.date | None, today: dt.date) -> dt.date | None:
    if due is None:
        return None
    check_date(due, today, field="due")
    if due < today:
        raise TandemError(
            f"{format_date(due, today)} has passed: give a day still to come.", field="due"
        )
    return due


def action_item_add(
    actor: User, meeting: Meeting, draft: ActionDraft, *, now: dt.datetime | None = None
) -> ActionItem:
    partnership = meeting.partnership
    _member(actor, partnership)
    title = _title(draft.title, "Send Sam the draft budget")
    _side(draft.owned_by, "owned_by", (Side.OWNER, Side.PARTNER))
    now = _now(now)
    due = _due(draft.due, _actor_day(actor, now))
    _taking_place(meeting)
    if draft.assignment is not None and draft.assignment.partnership_id != partnership.pk:
        raise TandemError("Link an assignment of this partnership.", field="assignment")
    return ActionItem.objects.create(
        partnership=partnership,
        meeting=meeting,
        title=title,
        owned_by=draft.owned_by,
        due=due,
        assignment=draft.assignment,
        created_by=actor,
        created_at=now,
    )


def action_item_update(
    actor: User,
    item: ActionItem,
    *,
    status: str | None = None,
    title: str | None = None,
    due: dt.date | None = None,
    clear_due: bool = False,
    now: dt.datetime | None = None,
) -> None:
    """Mark an action item done, dropped or open again, or change its title or due day."""
    partnership = item.partnership
    _member(actor, partnership)
    now = _now(now)
    changes: dict = {}
    if title is not None:
        changes["title"] = _title(title, "Send Sam the draft budget")
    if clear_due:
        changes["due"] = None
    elif due is not None:
        changes["due"] = _due(due, _actor_day(actor, now))
    if status is not None:
        _side(status, "status", ActionStatus.values)
        closed = status != ActionStatus.OPEN
        changes.update(
            status=status,
            closed_at=now if closed else None,
            closed_on=_owner_day(partnership, now) if status == ActionStatus.DONE else None,
        )
    if not changes:
        return
    ActionItem.objects.filter(pk=item.pk).update(**changes)
    for name, value in changes.items():
        setattr(item, name, value)


def action_item_to_assignment(
    actor: User, item: ActionItem, effort_minutes: int = DEFAULT_ACTION_EFFORT
) -> Assignment:
    """The owner's own action item becomes an assignment in their workload, linked to it."""
    from tandem.workload import services as workload
    from tandem.workload.services import AssignmentDraft

    partnership = item.partnership
    _owner_only(actor, partnership, "turns their action items into assignments")
    if item.owned_by != Side.OWNER:
        raise TandemError(f"This action item is {partnership.partner_name}'s, not yours.")
    if item.assignment_id is not None:
        raise Conflict("This action item is an assignment already.")
    if item.status != ActionStatus.OPEN:
        raise Conflict("This action item is closed.")
    with transaction.atomic():
        assignment = workload.assignment_create(
            actor,
            partnership,
            AssignmentDraft(
                title=item.title,
                effort_minutes=effort_minutes,
                due=item.due,
                asked_by=partnership.partner_name,
                asked_on=item.meeting.starts_at.astimezone(actor.zone).date(),
            ),
        )
        linked = ActionItem.objects.filter(
            pk=item.pk, assignment=None, status=ActionStatus.OPEN
        ).update(assignment=assignment)
        if not linked:
            # A double-submit got there first: its assignment stands, this one is undone.
            raise Conflict("This action item is an assignment already.")
    item.assignment = assignment
    return assignment


# Questions noted during the week.


def question_note(
    actor: User, partnership: Partnership, text: str, *, now: dt.datetime | None = None
) -> NotedQuestion:
    """Note something "for our next one-on-one": private to its author until put on the agenda."""
    _member(actor, partnership)
    text = read_text(
        text,
        field="text",
        limit=MAX_QUESTION,
        required="Write the question, e.g. “Who owns onboarding?”",
    )
    return NotedQuestion.objects.create(
        partnership=partnership, author=actor, text=text, noted_at=_now(now)
    )


# The calendar feed.


def feed_create(actor: User, series: Series, *, now: dt.datetime | None = None) -> str:
    """A new secret address for the series' calendar feed, returned to be shown once: only
    its hash is kept, and the address made before stops working."""
    _owner_only(actor, series.partnership, "shares the one-on-ones as a calendar feed")
    secret, hashed = Series.new_feed_secret()
    created_at = _now(now)
    Series.objects.filter(pk=series.pk).update(feed_token_hash=hashed, feed_created_at=created_at)
    series.feed_token_hash, series.feed_created_at = hashed, created_at
    return secret


def feed_revoke(actor: User, series: Series) -> None:
    """The feed's address stops working; calendars subscribed to it get nothing more."""
    _owner_only(actor, series.partnership, "shares the one-on-ones as a calendar feed")
    Series.objects.filter(pk=series.pk).update(feed_token_hash="", feed_created_at=None)
    series.feed_token_hash, series.feed_created_at = "", None
