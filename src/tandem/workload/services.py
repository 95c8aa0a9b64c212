"""Writes about the workload: each one atomic, each rule broken with a message for people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.lib.errors import TandemError
from tandem.lib.ics import CalendarError, CalendarImport, read_calendar
from tandem.partnerships.models import Partnership
from tandem.planning import Move, MoveKind
from tandem.privacy import can_reorder
from tandem.workload.models import (
    Assignment,
    BriefShare,
    CalendarEvent,
    PriorityChange,
    Status,
    Step,
    TimeOff,
)


@dataclass(frozen=True)
class AssignmentDraft:
    """What a person typed, already parsed: the same shape from the web, the API and the CLI."""

    title: str
    effort_minutes: int
    due: dt.date | None = None
    asked_by: str = ""
    asked_on: dt.date | None = None
    priority: int | None = None
    status: str = Status.ACCEPTED
    notes: str = ""


def assignment_create(user: User, partnership: Partnership, draft: AssignmentDraft) -> Assignment:
    if not partnership.is_owner(user):
        raise TandemError("Only the owner adds to this workload.")
    title = draft.title.strip()
    if not title:
        raise TandemError("Give the assignment a title.", field="title")
    with transaction.atomic():
        assignment = Assignment.objects.create(
            owner=user,
            partnership=partnership,
            title=title,
            asked_by=draft.asked_by.strip(),
            asked_on=draft.asked_on or user.local_today(),
            due=draft.due,
            estimate_minutes=draft.effort_minutes,
            remaining_minutes=draft.effort_minutes,
            status=draft.status,
            notes=draft.notes,
        )
        if draft.priority is not None:
            priority_set(assignment, draft.priority, user)
    return assignment


def priority_set(assignment: Assignment, priority: int | None, by: User) -> None:
    """Record an agreed priority and who set it; the history keeps every change."""
    if not can_reorder(by, assignment.partnership):
        raise TandemError("You are not invited to change priorities here.")
    if priority is not None and priority < 1:
        raise TandemError("Priority 1 is the most important; use 1 or more.", field="priority")
    if priority == assignment.priority:
        return
    now = timezone.now()
    with transaction.atomic():
        PriorityChange.objects.create(
            assignment=assignment,
            changed_by=by,
            changed_at=now,
            before=assignment.priority,
            after=priority,
        )
        assignment.priority = priority
        assignment.priority_set_by = by
        assignment.priority_set_at = now
        assignment.save(update_fields=["priority", "priority_set_by", "priority_set_at"])


def assignment_set_status(assignment: Assignment, status: str) -> None:
    if status not in Status.values:
        raise TandemError(f"'{status}' is not a status.", field="status")
    assignment.status = status
    assignment.completed_at = timezone.now() if status == Status.DONE else None
    fields = ["status", "completed_at"]
    if status == Status.DONE:
        assignment.remaining_minutes = 0
        fields.append("remaining_minutes")
    assignment.save(update_fields=fields)


def assignment_reopen(assignment: Assignment, remaining_minutes: int | None = None) -> None:
    assignment.status = Status.ACCEPTED
    assignment.completed_at = None
    if assignment.remaining_minutes == 0:
        assignment.remaining_minutes = remaining_minutes or assignment.estimate_minutes
    assignment.save(update_fields=["status", "completed_at", "remaining_minutes"])


def step_add(assignment: Assignment, title: str, effort_minutes: int, depends_on: str = "") -> Step:
    title = title.strip()
    if not title:
        raise TandemError("Describe the step.", field="title")
    return Step.objects.create(
        assignment=assignment,
        title=title,
        effort_minutes=effort_minutes,
        depends_on=depends_on.strip(),
    )


def option_apply(owner: User, ask: Assignment, moves: Sequence[Move]) -> list[str]:
    """Carry out an agreed option: new due dates, trimmed effort, work dropped or handed off.

    The ask itself counts as accepted. Returns what changed, in words.
    """
    assignments = {
        a.pk: a for a in Assignment.objects.filter(owner=owner, pk__in=[m.item.id for m in moves])
    }
    done = []
    with transaction.atomic():
        for move in moves:
            assignment = assignments.get(move.item.id)
            if assignment is None:
                raise TandemError("This option no longer matches your workload; look again.")
            match move.kind:
                case MoveKind.DROP:
                    assignment_set_status(assignment, Status.DROPPED)
                case MoveKind.REDUCE:
                    assignment.remaining_minutes = max(
                        0, assignment.remaining_minutes - move.minutes
                    )
                    assignment.save(update_fields=["remaining_minutes"])
                case MoveKind.DEFER:
                    assignment.due, assignment.not_before = move.due, move.not_before
                    assignment.save(update_fields=["due", "not_before"])
                case MoveKind.MOVE_DUE:
                    assignment.due = move.due
                    assignment.save(update_fields=["due"])
            done.append(move.describe())
        if ask.status == Status.PROPOSED:
            ask.status = Status.ACCEPTED
            ask.save(update_fields=["status"])
    return done


def time_off_add(
    user: User, first_day: dt.date, last_day: dt.date, part: str, reason: str = ""
) -> TimeOff:
    if last_day < first_day:
        raise TandemError("Time off ends before it starts.", field="last_day")
    return TimeOff.objects.create(
        owner=user, first_day=first_day, last_day=last_day, part=part, reason=reason.strip()
    )


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int
    removed: int
    time_off_days: int
    warnings: tuple[str, ...]
    truncated: bool


MAX_ICS_BYTES = 5_000_000
IMPORT_PAST_DAYS = 31
IMPORT_FUTURE_DAYS = 366


def calendar_import(user: User, data: bytes, *, all_day_as_time_off: bool) -> ImportReport:
    """Import meetings from an .ics file in one transaction: a bad file changes nothing.

    Re-importing the same calendar updates its events instead of duplicating them, and removes
    occurrences of its events that the file no longer contains.
    """
    today = user.local_today()
    try:
        calendar: CalendarImport = read_calendar(
            data,
            tz=user.zone,
            window_start=today - dt.timedelta(days=IMPORT_PAST_DAYS),
            window_end=today + dt.timedelta(days=IMPORT_FUTURE_DAYS),
            max_bytes=MAX_ICS_BYTES,
        )
    except CalendarError as error:
        raise TandemError(str(error), field="file") from None
    now = timezone.now()
    created = updated = time_off_days = 0
    with transaction.atomic():
        existing = {
            (event.uid, event.instance): event
            for event in CalendarEvent.objects.filter(
                owner=user, uid__in={e.uid for e in calendar.events}
            )
        }
        seen = set()
        to_create, to_update = [], []
        for event in calendar.events:
            if event.all_day and all_day_as_time_off:
                first = event.start.date()
                last = (event.end - dt.timedelta(seconds=1)).date()
                if not TimeOff.objects.filter(owner=user, first_day=first, last_day=last).exists():
                    TimeOff.objects.create(
                        owner=user, first_day=first, last_day=last, reason=event.summary[:120]
                    )
                    time_off_days += (last - first).days + 1
                continue
            key = (event.uid, event.instance)
            seen.add(key)
            fields = {
                "title": event.summary[:255],
                "start": event.start,
                "end": event.end,
                "all_day": event.all_day,
                "busy": event.busy and not event.all_day,
                "imported_at": now,
            }
            if key in existing:
                record = existing[key]
                for name, value in fields.items():
                    setattr(record, name, value)
                to_update.append(record)
            else:
                to_create.append(
                    CalendarEvent(owner=user, uid=event.uid, instance=event.instance, **fields)
                )
        CalendarEvent.objects.bulk_create(to_create, batch_size=500)
        CalendarEvent.objects.bulk_update(
            to_update, ["title", "start", "end", "all_day", "busy", "imported_at"], batch_size=500
        )
        created, updated = len(to_create), len(to_update)
        stale = [record.pk for key, record in existing.items() if key not in seen]
        removed, _ = CalendarEvent.objects.filter(pk__in=stale).delete()
    return ImportReport(
        created, updated, removed, time_off_days, tuple(calendar.warnings), calendar.truncated
    )


def brief_share_create(
    partnership: Partnership, title: str, markdown: str, snapshot: dict
) -> tuple[BriefShare, str]:
    secret, hashed = BriefShare.new_secret()
    share = BriefShare.objects.create(
        partnership=partnership,
        token_hash=hashed,
        title=title,
        markdown=markdown,
        snapshot=snapshot,
        expires_at=timezone.now() + BriefShare.LIFETIME,
    )
    return share, secret


def brief_share_revoke(share: BriefShare) -> None:
    share.revoked_at = timezone.now()
    share.save(update_fields=["revoked_at"])
