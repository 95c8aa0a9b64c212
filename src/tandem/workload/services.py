"""Writes about the workload: each one atomic, each rule broken with a message for people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.lib.errors import TandemError
from tandem.lib.ics import CalendarError, CalendarImport, read_calendar
from tandem.partnerships.models import Partnership
from tandem.planning import Move, MoveKind
from tandem.workload.models import (
    Assignment,
    BriefShare,
    CalendarEvent,
    Commitment,
    PriorityChange,
    Status,
    Step,
    TimeOff,
)
from tandem.workload.privacy import can_reorder, reorderable_for

MAX_EVERY_WEEKS = 8


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


MAX_PRIORITY = 999
# What assignment_update may change, by the name of the model field it writes.
EDITABLE = frozenset(
    {
        "title",
        "asked_by",
        "asked_on",
        "due",
        "estimate_minutes",
        "remaining_minutes",
        "status",
        "notes",
        "priority",
    }
)


def _check_priority(priority: int | None) -> None:
    if priority is not None and not 1 <= priority <= MAX_PRIORITY:
        raise TandemError(
            f"“{priority}” is not a priority: use 1 (most important) to {MAX_PRIORITY}.",
            field="priority",
        )


def _check_title(title: str) -> str:
    title = title.strip()
    if not title:
        raise TandemError("Give the assignment a title.", field="title")
    return title


def _history(assignment: Assignment, priority: int | None, by: User, now) -> PriorityChange:
    """Records an agreed priority on the assignment (unsaved) and returns its history row."""
    change = PriorityChange(
        assignment=assignment,
        changed_by=by,
        changed_at=now,
        before=assignment.priority,
        after=priority,
    )
    assignment.priority = priority
    assignment.priority_set_by = by
    assignment.priority_set_at = now
    return change


def assignment_create(user: User, partnership: Partnership, draft: AssignmentDraft) -> Assignment:
    if not partnership.is_owner(user):
        raise TandemError("Only the owner adds to this workload.")
    title = _check_title(draft.title)
    if draft.effort_minutes <= 0:
        raise TandemError("Give the effort it takes, e.g. 3h.", field="effort")
    _check_priority(draft.priority)
    if draft.status not in Status.values:
        raise TandemError(f"“{draft.status}” is not a status.", field="status")
    assignment = Assignment(
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
    history = None
    if draft.priority is not None:
        history = _history(assignment, draft.priority, user, timezone.now())
    with transaction.atomic():
        assignment.save()
        if history is not None:
            history.save()
    return assignment


def _checked_changes(actor: User, assignment: Assignment, changes: Mapping[str, Any]) -> dict:
    """Every rule, before anything is written: the changes as they will be saved."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise TandemError(f"{', '.join(sorted(unknown))} cannot be changed.")
    if not changes:
        raise TandemError("Send at least one field to change.")
    partnership = assignment.partnership
    if set(changes) - {"priority"} and not partnership.is_owner(actor):
        raise TandemError("Only the owner changes anything but the priority.")
    checked = dict(changes)
    if "priority" in checked:
        if not can_reorder(actor, partnership):
            raise TandemError("You are not invited to change priorities here.")
        _check_priority(checked["priority"])
    if "title" in checked:
        checked["title"] = _check_title(checked["title"])
    if "asked_by" in checked:
        checked["asked_by"] = checked["asked_by"].strip()
    if "asked_on" in checked and checked["asked_on"] > partnership.owner.local_today():
        raise TandemError("'Asked on' cannot be in the future.", field="asked_on")
    if checked.get("estimate_minutes") is not None and checked["estimate_minutes"] <= 0:
        raise TandemError("The estimate must be more than zero.", field="estimate")
    if "remaining_minutes" in checked and (checked["remaining_minutes"] or 0) < 0:
        raise TandemError("What remains cannot be negative.", field="remaining")
    if "status" in checked and checked["status"] not in Status.values:
        raise TandemError(f"“{checked['status']}” is not a status.", field="status")
    return checked


def assignment_update(actor: User, assignment: Assignment, changes: Mapping[str, Any]) -> None:
    """Change an assignment: all of `changes` is checked first, then saved in one transaction.

    Keys are the model's field names (see EDITABLE). A new priority records who set it and
    when, with a history row. Finishing sets what remains to zero; reopening finished work
    gives back its estimate unless a remaining effort comes with it.
    """
    checked = _checked_changes(actor, assignment, changes)
    now = timezone.now()
    history = None
    if "priority" in checked:
        priority = checked.pop("priority")
        if priority != assignment.priority:
            history = _history(assignment, priority, actor, now)
    fields = set()
    if history is not None:
        fields |= {"priority", "priority_set_by", "priority_set_at"}
    status = checked.pop("status", assignment.status)
    for name, value in checked.items():
        if getattr(assignment, name) != value:
            setattr(assignment, name, value)
            fields.add(name)
    if status != assignment.status:
        was_open = assignment.is_open
        assignment.status = status
        assignment.completed_at = now if status == Status.DONE else None
        fields |= {"status", "completed_at"}
        if status == Status.DONE:
            assignment.remaining_minutes = 0
            fields.add("remaining_minutes")
        elif assignment.is_open and not was_open and assignment.remaining_minutes == 0:
            assignment.remaining_minutes = assignment.estimate_minutes
            fields.add("remaining_minutes")
    if not fields:
        return
    with transaction.atomic():
        assignment.save(update_fields=sorted(fields))
        if history is not None:
            history.save()


def priorities_set(actor: User, partnership: Partnership, ranks: Mapping[int, int | None]) -> int:
    """Agreed priorities for several assignments at once: all of them, or none.

    `ranks` maps assignment ids to a priority (None clears it). Returns how many changed.
    The cost is a fixed number of queries, however many assignments are reordered.
    """
    if not can_reorder(actor, partnership):
        raise TandemError("You are not invited to change priorities here.")
    for priority in ranks.values():
        _check_priority(priority)
    assignments = list(reorderable_for(actor, partnership).filter(pk__in=list(ranks)))
    if len(assignments) != len(ranks):
        raise TandemError("Some of these assignments are no longer in the plan; reload the page.")
    now = timezone.now()
    history = [
        _history(a, ranks[a.pk], actor, now) for a in assignments if ranks[a.pk] != a.priority
    ]
    changed = [change.assignment for change in history]
    with transaction.atomic():
        PriorityChange.objects.bulk_create(history)
        Assignment.objects.bulk_update(
            changed, ["priority", "priority_set_by", "priority_set_at"], batch_size=500
        )
    return len(changed)


def step_add(assignment: Assignment, title: str, effort_minutes: int, depends_on: str = "") -> Step:
    title = title.strip()
    if not title:
        raise TandemError("Describe the step.", field="title")
    if effort_minutes < 0:
        raise TandemError("A step's effort cannot be negative.", field="effort")
    return Step.objects.create(
        assignment=assignment,
        title=title,
        effort_minutes=effort_minutes,
        depends_on=depends_on.strip(),
    )


def step_toggle(step: Step) -> None:
    """Done becomes open again, open becomes done; the plan counts open steps only."""
    step.done = not step.done
    step.save(update_fields=["done"])


def option_apply(owner: User, ask: Assignment, moves: Sequence[Move]) -> list[str]:
    """Carry out an agreed option: new due dates, trimmed effort, work dropped or handed off.

    The ask itself counts as accepted. Returns what changed, in words.
    """
    assignments = {
        a.pk: a
        for a in Assignment.objects.filter(
            owner=owner, pk__in=[m.item.id for m in moves]
        ).select_related("partnership")
    }
    done = []
    with transaction.atomic():
        for move in moves:
            assignment = assignments.get(move.item.id)
            if assignment is None:
                raise TandemError("This option no longer matches your workload; look again.")
            match move.kind:
                case MoveKind.DROP:
                    assignment_update(owner, assignment, {"status": Status.DROPPED})
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


def availability_remove(record: TimeOff | Commitment) -> None:
    """Time off or a recurring commitment stops blocking time from now on."""
    record.delete()


def commitment_add(
    user: User, title: str, weekday: int, start: dt.time, end: dt.time, every_weeks: int = 1
) -> Commitment:
    """A recurring block from today on, e.g. the Tuesday 08:00–10:00 school run."""
    title = title.strip()
    if not title:
        raise TandemError("Say what the time is for; only you see it.", field="title")
    if not 0 <= weekday <= 6:
        raise TandemError("Choose a weekday.", field="weekday")
    if end <= start:
        raise TandemError(f"It ends before it starts ({start:%H:%M}–{end:%H:%M}).", field="end")
    if not 1 <= every_weeks <= MAX_EVERY_WEEKS:
        raise TandemError("Use 1 for every week, 2 for every other week.", field="every_weeks")
    return Commitment.objects.create(
        owner=user,
        title=title,
        weekday=weekday,
        start=start,
        end=end,
        every_weeks=every_weeks,
        starts_on=user.local_today(),
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
        expires_at=timezone.now() + BriefShare.lifetime(),
    )
    return share, secret


def brief_share_revoke(share: BriefShare) -> None:
    share.revoked_at = timezone.now()
    share.save(update_fields=["revoked_at"])
