"""Writes about the workload: each one atomic, each rule broken with a message for people."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.lib.dates import check_date
from tandem.lib.errors import Conflict, Gone, TandemError
from tandem.lib.ics import CalendarError, CalendarImport, read_calendar
from tandem.lib.numbers import read_choice
from tandem.partnerships.models import Partnership
from tandem.planning import Move, MoveKind
from tandem.workload.models import (
    Assignment,
    BriefAnswer,
    BriefShare,
    CalendarEvent,
    Commitment,
    PriorityChange,
    Status,
    Step,
    TimeOff,
)
from tandem.workload.privacy import NOT_INVITED_TO_REORDER, can_reorder, reorderable_for

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
    today = user.local_today()
    if draft.due is not None:
        check_date(draft.due, today, field="due")
    if draft.asked_on is not None:
        check_date(draft.asked_on, today, field="asked_on")
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
            raise TandemError(NOT_INVITED_TO_REORDER)
        _check_priority(checked["priority"])
    if "title" in checked:
        checked["title"] = _check_title(checked["title"])
    if "asked_by" in checked:
        checked["asked_by"] = checked["asked_by"].strip()
    today = partnership.owner.local_today()
    if "asked_on" in checked:
        check_date(checked["asked_on"], today, field="asked_on")
        if checked["asked_on"] > today:
            raise TandemError("'Asked on' cannot be in the future.", field="asked_on")
    if checked.get("due") is not None:
        check_date(checked["due"], today, field="due")
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
        raise TandemError(NOT_INVITED_TO_REORDER)
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


# Longer than this is not time off but leaving; it would only slow every plan down.
MAX_TIME_OFF_DAYS = 366


def time_off_add(
    user: User, first_day: dt.date, last_day: dt.date, part: str, reason: str = ""
) -> TimeOff:
    today = user.local_today()
    check_date(first_day, today, field="first_day")
    check_date(last_day, today, field="last_day")
    if last_day < first_day:
        raise TandemError("Time off ends before it starts.", field="last_day")
    if (last_day - first_day).days >= MAX_TIME_OFF_DAYS:
        raise TandemError(
            f"Time off can last up to {MAX_TIME_OFF_DAYS} days; add a longer absence in parts.",
            field="last_day",
        )
    if part not in TimeOff.Part.values:
        raise TandemError(f"“{part}” is not a part of a day.", field="part")
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
    """What a calendar import changed: meetings (one per occurrence) and periods of time off.

    `updated` counts the meetings that were already there, changed or not; `time_off_days`
    the days of the time off added.
    """

    created: int
    updated: int
    removed: int
    time_off_added: int
    time_off_updated: int
    time_off_removed: int
    time_off_days: int
    warnings: tuple[str, ...]
    truncated: bool

    @property
    def changed_nothing(self) -> bool:
        counts = (self.created, self.updated, self.removed)
        return not any((*counts, self.time_off_added, self.time_off_updated, self.time_off_removed))

    @property
    def summary(self) -> str:
        """The one sentence said on the page, by the API and by the command line."""
        if self.changed_nothing:
            return "Nothing was imported."
        parts = [f"Imported {self.created} new and updated {self.updated} meetings"]
        if self.removed:
            parts.append(f"removed {self.removed} no longer in the calendar")
        if days := self.time_off_days:
            parts.append(f"added {days} day{'' if days == 1 else 's'} of time off")
        if gone := self.time_off_removed:
            periods = "period" if gone == 1 else "periods"
            parts.append(f"removed {gone} {periods} of time off no longer in the calendar")
        return ", ".join(parts) + "."


MAX_ICS_BYTES = 5_000_000
IMPORT_PAST_DAYS = 31
IMPORT_FUTURE_DAYS = 366
# The calendar of a file that names none is told by its events' UIDs.
IMPORT_NAMELESS = "uids:"
IMPORT_DELETE_BATCH = 2000


def _import_source(
    calendar: CalendarImport,
    meetings: Sequence[CalendarEvent],
    time_off: Sequence[TimeOff],
    periods: Mapping[tuple[dt.date, dt.date], str],
) -> str:
    """Which calendar a file exports: its own identity, or for a calendar without a name the
    earlier nameless import that shares the most events with it (UIDs of meetings, days of
    time off), or else a new identity made of its UIDs."""
    if calendar.identity:
        return calendar.identity
    shared: Counter[str] = Counter()
    for row in meetings:
        if row.source.startswith(IMPORT_NAMELESS) and row.uid in calendar.uids:
            shared[row.source] += 1
    for row in time_off:
        if row.source.startswith(IMPORT_NAMELESS) and (row.first_day, row.last_day) in periods:
            shared[row.source] += 1
    if shared:
        return shared.most_common(1)[0][0]
    uids = "\n".join(sorted(calendar.uids))
    return IMPORT_NAMELESS + hashlib.sha256(uids.encode()).hexdigest()[:32]


def calendar_import(user: User, data: bytes, *, all_day_as_time_off: bool) -> ImportReport:
    """Import meetings (and all-day events as time off) from an .ics file.

    A re-import of the same calendar (see `CalendarImport.identity`) replaces what that
    calendar brought before, from the first day read on: occurrences still in it are updated,
    the others (deleted, cancelled, moved out of the dates read) are removed, and so is the
    time off made from all-day events that are gone. Meetings of events that could not be
    read this time are kept as they were; time off entered by hand is never removed. The file
    is read and every change worked out before the transaction, which only writes, in bulk: a
    bad file changes nothing, and the database is locked for as short a time as possible.
    """
    today = user.local_today()
    first_day = today - dt.timedelta(days=IMPORT_PAST_DAYS)
    try:
        calendar: CalendarImport = read_calendar(
            data,
            tz=user.zone,
            window_start=first_day,
            window_end=today + dt.timedelta(days=IMPORT_FUTURE_DAYS),
            max_bytes=MAX_ICS_BYTES,
        )
    except CalendarError as error:
        raise TandemError(str(error), field="file") from None
    meetings: dict[tuple[str, str], dict[str, Any]] = {}
    periods: dict[tuple[dt.date, dt.date], str] = {}
    for event in calendar.events:
        if event.all_day and all_day_as_time_off:
            last = (event.end - dt.timedelta(seconds=1)).date()
            periods.setdefault((event.start.date(), last), event.summary[:120])
            continue
        meetings.setdefault(
            (event.uid, event.instance),
            {
                "title": event.summary[:255],
                "start": event.start,
                "end": event.end,
                "all_day": event.all_day,
                "busy": event.busy and not event.all_day,
            },
        )
    # Meetings that ended before the first day read stay as they are: that is history.
    stored = list(
        CalendarEvent.objects.filter(
            owner=user, end__gt=dt.datetime.combine(first_day, dt.time(), user.zone)
        ).only("source", "uid", "instance", "title", "start", "end", "all_day", "busy")
    )
    stored_off = list(
        TimeOff.objects.filter(owner=user, last_day__gte=first_day).only(
            "first_day", "last_day", "part", "reason", "source"
        )
    )
    source = _import_source(calendar, stored, stored_off, periods)
    current = {(row.uid, row.instance): row for row in stored if row.source == source}
    doubles = []
    for row in stored:
        # Meetings imported before calendars were told apart belong to the calendar holding them.
        if row.source or row.uid not in calendar.uids:
            continue
        if current.setdefault((row.uid, row.instance), row) is not row:
            doubles.append(row.pk)
    now = timezone.now()
    to_create, to_delete = [], []
    for key, fields in meetings.items():
        row = current.pop(key, None)
        if row is not None:
            if row.source == source and all(getattr(row, k) == v for k, v in fields.items()):
                continue
            # Changed: replaced, which is quicker in bulk than an UPDATE per row.
            to_delete.append(row.pk)
        to_create.append(
            CalendarEvent(
                owner=user, source=source, uid=key[0], instance=key[1], imported_at=now, **fields
            )
        )
    created = len(to_create) - len(to_delete)
    stale = [row.pk for row in current.values() if row.uid not in calendar.unread]
    to_delete += stale + doubles
    off_mine = {(row.first_day, row.last_day): row for row in stored_off if row.source == source}
    by_hand = {
        (row.first_day, row.last_day)
        for row in stored_off
        if not row.source and row.part == TimeOff.Part.WHOLE
    }
    off_create, off_change, off_matched = [], [], 0
    for (first, last), reason in periods.items():
        row = off_mine.pop((first, last), None)
        if row is not None:
            off_matched += 1
            if row.reason != reason:
                row.reason = reason
                off_change.append(row)
        elif (first, last) not in by_hand:
            off_create.append(
                TimeOff(owner=user, first_day=first, last_day=last, reason=reason, source=source)
            )
    try:
        with transaction.atomic():
            for start in range(0, len(to_delete), IMPORT_DELETE_BATCH):
                batch = to_delete[start : start + IMPORT_DELETE_BATCH]
                CalendarEvent.objects.filter(pk__in=batch).delete()
            CalendarEvent.objects.bulk_create(to_create)
            if off_mine:
                TimeOff.objects.filter(pk__in=[row.pk for row in off_mine.values()]).delete()
            TimeOff.objects.bulk_create(off_create)
            TimeOff.objects.bulk_update(off_change, ["reason"])
    except IntegrityError:
        raise Conflict(
            "Another import of this calendar ran at the same time; import it again.",
            field="file",
        ) from None
    return ImportReport(
        created=created,
        updated=len(meetings) - created,
        removed=len(stale),
        time_off_added=len(off_create),
        time_off_updated=off_matched,
        time_off_removed=len(off_mine),
        time_off_days=sum((row.last_day - row.first_day).days + 1 for row in off_create),
        warnings=tuple(calendar.warnings),
        truncated=calendar.truncated,
    )


def brief_share_create(
    partnership: Partnership,
    title: str,
    markdown: str,
    snapshot: dict,
    *,
    assignment: Assignment | None = None,
) -> tuple[BriefShare, str]:
    secret, hashed = BriefShare.new_secret()
    share = BriefShare.objects.create(
        partnership=partnership,
        assignment=assignment,
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


# Answers to a shared brief: the partner's choice, through the link or in the app.

ALREADY_ANSWERED = (
    "This brief has already been answered, so nothing was changed. "
    "If you want to change your answer, ask {owner} to reopen the question."
)


def _check_note(note: str) -> str:
    if "\x00" in note:
        raise TandemError("The note cannot contain NUL characters.", field="note")
    note = note.strip()
    if len(note) > BriefAnswer.MAX_NOTE:
        raise TandemError(
            f"Keep the note to {BriefAnswer.MAX_NOTE:,} characters (it has {len(note):,}).",
            field="note",
        )
    return note


def brief_answer_create(
    share: BriefShare, by: User | None, choice: str | None, note: str = ""
) -> BriefAnswer:
    """The answer to a shared brief: one of its options (by index) or "talk", with a note.

    `by` is whoever sends it: the partner is recorded as such, anyone else as the reader of
    the link; the owner cannot answer their own brief. A link takes one answer until the owner
    reopens it. Everything is checked before anything is written.
    """
    partnership = share.partnership
    owner = partnership.owner.display_name or "the person who shared it"
    if not share.is_live:
        raise Gone("This link no longer works, so the answer was not sent.")
    if by is not None and partnership.is_owner(by):
        raise TandemError(f"This is your own brief: {partnership.partner_name} answers it.")
    options = share.options()
    raw = (choice or "").strip()
    option = None
    if raw != BriefAnswer.TALK:
        option = read_choice(raw, len(options))
        if option is None:
            raise TandemError("Choose one of the options, or “let's talk”.", field="choice")
    note = _check_note(note if isinstance(note, str) else "")
    if share.answers.current().exists():
        raise Conflict(ALREADY_ANSWERED.format(owner=owner))
    answer = BriefAnswer(
        share=share,
        partnership=partnership,
        assignment_id=share.assignment_id,
        option=option,
        option_text="" if option is None else options[option].text,
        note=note,
        answered_by=by if by is not None and by.pk == partnership.partner_id else None,
    )
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError:
        # Two answers at once: the first one counts.
        raise Conflict(ALREADY_ANSWERED.format(owner=owner)) from None
    return answer


def brief_answer_reopen(owner: User, answer: BriefAnswer) -> None:
    """The owner asks for another answer through the same link: this one is kept, as history."""
    if not answer.partnership.is_owner(owner):
        raise TandemError("Only the owner reopens a question.")
    if answer.reopened_at is not None:
        raise TandemError("This question is already open for another answer.")
    if not answer.share.is_live:
        raise TandemError("That link no longer works: share a new brief to ask again.")
    now = timezone.now()
    answer.reopened_at = now
    answer.handled_at = answer.handled_at or now
    answer.save(update_fields=["reopened_at", "handled_at"])


def brief_answer_handle(owner: User, answer: BriefAnswer) -> None:
    """The owner has dealt with the answer: it leaves the overview."""
    if not answer.partnership.is_owner(owner):
        raise TandemError("Only the owner marks an answer as handled.")
    if answer.handled_at is None:
        answer.handled_at = timezone.now()
        answer.save(update_fields=["handled_at"])
