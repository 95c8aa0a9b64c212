"""Writes about requests: each one atomic, every input checked before the first write.

The owner records a request, edits it, records the partner's responses and their own
follow-ups, and keeps a private reflection and follow-up draft. A joined partner answers the
requests the owner shares, and nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.followup.record import (
    CLOSED_STATUSES,
    DEFAULT_STALE_AFTER_DAYS,
    EVENT_LABELS,
    MAX_STALE_AFTER_DAYS,
    RESPONSES,
    STATUS_AFTER,
    STATUS_LABELS,
    Channel,
    EventKind,
    RequestStatus,
)
from tandem.lib.dates import check_date, format_date
from tandem.lib.errors import Conflict, TandemError
from tandem.lib.text import read_text
from tandem.partnerships.models import Partnership
from tandem.requests.models import FollowUpDraft, Reflection, Request, RequestEvent

# Long enough for what anyone writes about one request; short enough to bound every page.
MAX_TEXT = 5000
# What the partner may answer in the app; the owner records any response.
PARTNER_ANSWERS = (
    EventKind.GRANTED,
    EventKind.DECLINED,
    EventKind.MORE_INFO,
    EventKind.PROMISED,
)
EDITABLE = frozenset(
    {
        "title",
        "asked_on",
        "channel",
        "what_was_said",
        "stale_after_days",
        "promised_by",
        "shared",
        "status",
    }
)


@dataclass(frozen=True)
class RequestDraft:
    """What a person typed, already parsed: the same shape from the web, the API and the CLI."""

    title: str
    asked_on: dt.date | None = None
    channel: str = Channel.MEETING
    what_was_said: str = ""
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS
    promised_by: dt.date | None = None
    shared: bool = False


def _owner_only(actor: User, partnership: Partnership) -> None:
    if not partnership.is_owner(actor):
        raise TandemError("Only the owner of this partnership changes its requests.")


def _title(title: str) -> str:
    title = read_text(title, field="title", limit=MAX_TEXT)
    if not title:
        raise TandemError(
            "Say what you asked for, e.g. “Flexible hours on Fridays”.", field="title"
        )
    if len(title) > 200:
        raise TandemError("Keep the title under 200 characters.", field="title")
    return title


def _past_day(value: dt.date, today: dt.date, field: str, *, what: str) -> dt.date:
    check_date(value, today, field=field)
    if value > today:
        raise TandemError(f"{format_date(value, today)} is in the future: {what}", field=field)
    return value


def _threshold(days: int) -> int:
    if not 1 <= days <= MAX_STALE_AFTER_DAYS:
        raise TandemError(
            f"A request turns stale after 1 to {MAX_STALE_AFTER_DAYS} days without an answer; "
            f"{DEFAULT_STALE_AFTER_DAYS} is usual.",
            field="stale_after_days",
        )
    return days


def _channel(value: str, field: str = "channel") -> str:
    if value not in Channel:
        choices = ", ".join(channel.value for channel in Channel)
        raise TandemError(f"“{value}” is not a way of asking: use {choices}.", field=field)
    return value


def _status(value: str) -> str:
    if value not in RequestStatus:
        choices = ", ".join(status.value for status in RequestStatus)
        raise TandemError(f"“{value}” is not a status: use {choices}.", field="status")
    return value


def request_create(user: User, partnership: Partnership, draft: RequestDraft) -> Request:
    _owner_only(user, partnership)
    today = user.local_today()
    title = _title(draft.title)
    asked_on = draft.asked_on or today
    _past_day(asked_on, today, "asked_on", what="when did you ask?")
    _channel(draft.channel)
    what_was_said = read_text(draft.what_was_said, field="what_was_said", limit=MAX_TEXT)
    stale_after_days = _threshold(draft.stale_after_days)
    if draft.promised_by is not None:
        check_date(draft.promised_by, today, field="promised_by")
    return Request.objects.create(
        owner=user,
        partnership=partnership,
        title=title,
        asked_on=asked_on,
        channel=draft.channel,
        what_was_said=what_was_said,
        stale_after_days=stale_after_days,
        promised_by=draft.promised_by,
        shared=draft.shared,
    )


def _checked_changes(actor: User, request: Request, changes: Mapping[str, Any]) -> dict:
    _owner_only(actor, request.partnership)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise TandemError(f"{', '.join(sorted(unknown))} cannot be changed.")
    if not changes:
        raise TandemError("Send at least one field to change.")
    today = actor.local_today()
    checked = dict(changes)
    if "title" in checked:
        checked["title"] = _title(checked["title"])
    if "asked_on" in checked:
        _past_day(checked["asked_on"], today, "asked_on", what="when did you ask?")
    if "channel" in checked:
        _channel(checked["channel"])
    if "what_was_said" in checked:
        checked["what_was_said"] = read_text(
            checked["what_was_said"], field="what_was_said", limit=MAX_TEXT
        )
    if "stale_after_days" in checked:
        _threshold(checked["stale_after_days"])
    if checked.get("promised_by") is not None:
        check_date(checked["promised_by"], today, field="promised_by")
    if "status" in checked:
        _status(checked["status"])
    if "shared" in checked:
        checked["shared"] = bool(checked["shared"])
    return checked


def request_update(actor: User, request: Request, changes: Mapping[str, Any]) -> None:
    """Change a request by its model field names (see EDITABLE); all checked, then saved once.

    Closing a request (granted, declined, withdrawn) stamps when; reopening clears it.
    """
    checked = _checked_changes(actor, request, changes)
    fields = set()
    for name, value in checked.items():
        if getattr(request, name) != value:
            setattr(request, name, value)
            fields.add(name)
    if "status" in fields:
        request.closed_at = timezone.now() if request.is_closed else None
        fields.add("closed_at")
    if fields:
        request.save(update_fields=sorted(fields))


def request_delete(actor: User, request: Request) -> None:
    _owner_only(actor, request.partnership)
    request.delete()


def _event_day(request: Request, on: dt.date, today: dt.date) -> dt.date:
    _past_day(on, today, "on", what="when did it happen?")
    if on < request.asked_on:
        raise TandemError(
            f"{format_date(on, today)} is before you asked "
            f"({format_date(request.asked_on, today)}).",
            field="on",
        )
    return on


def _still_waiting(request: Request) -> None:
    if request.status in CLOSED_STATUSES:
        raise Conflict(
            f"This request is {STATUS_LABELS[RequestStatus(request.status)].lower()} already; "
            "reopen it first."
        )


def response_record(
    actor: User,
    request: Request,
    kind: str,
    *,
    on: dt.date | None = None,
    note: str = "",
    promised_by: dt.date | None = None,
) -> RequestEvent:
    """A response of the partner, in the history with its date.

    The owner records any response, on the day it came. The partner answers a shared request
    in the app: grant, decline, ask for more information or promise an answer by a day,
    dated today. The answer sets the status (see STATUS_AFTER); a promise sets `promised_by`.
    """
    partnership = request.partnership
    is_owner = partnership.is_owner(actor)
    allowed = RESPONSES if is_owner else PARTNER_ANSWERS
    if not is_owner and not (request.shared and partnership.partner_id == actor.pk):
        raise TandemError("Only your partner's shared requests can be answered here.")
    if kind not in allowed:
        words = ", ".join(EVENT_LABELS[EventKind(k)].lower() for k in allowed)
        raise TandemError(f"“{kind}” is not an answer here: {words}.", field="kind")
    kind = EventKind(kind)
    _still_waiting(request)
    today = actor.local_today()
    on = _event_day(request, on or today, today) if is_owner else today
    note = read_text(note, field="note", limit=MAX_TEXT)
    if kind is EventKind.PROMISED:
        if promised_by is None:
            raise TandemError("Say by when the answer was promised.", field="promised_by")
        check_date(promised_by, today, field="promised_by")
        if promised_by < on:
            raise TandemError("A promised day comes after the promise.", field="promised_by")
    elif promised_by is not None:
        raise TandemError("Only a promise has a promised day.", field="promised_by")
    event = RequestEvent(
        request=request,
        kind=kind,
        happened_on=on,
        promised_by=promised_by,
        note=note,
        recorded_by=actor,
    )
    fields = set()
    if kind is EventKind.PROMISED:
        request.promised_by = promised_by
        fields.add("promised_by")
    if kind in STATUS_AFTER:
        request.status = STATUS_AFTER[kind]
        request.closed_at = timezone.now() if request.is_closed else None
        fields |= {"status", "closed_at"}
    with transaction.atomic():
        event.save()
        if fields:
            request.save(update_fields=sorted(fields))
    return event


def follow_up_record(
    actor: User, request: Request, *, on: dt.date | None = None, channel: str, note: str = ""
) -> RequestEvent:
    """The owner followed up: it joins the history and the staleness clock starts again.

    A request the partner answered with a question is open again: the ball is back with them.
    """
    _owner_only(actor, request.partnership)
    _still_waiting(request)
    today = actor.local_today()
    on = _event_day(request, on or today, today)
    _channel(channel)
    note = read_text(note, field="note", limit=MAX_TEXT)
    event = RequestEvent(
        request=request,
        kind=EventKind.FOLLOWED_UP,
        happened_on=on,
        channel=channel,
        note=note,
        recorded_by=actor,
    )
    with transaction.atomic():
        event.save()
        if request.status != RequestStatus.OPEN:
            request.status = RequestStatus.OPEN
            request.save(update_fields=["status"])
    return event


def reflection_save(actor: User, request: Request, answers: Mapping[str, str]) -> Reflection:
    """The owner's private reflection; fields not given keep what they held."""
    _owner_only(actor, request.partnership)
    unknown = set(answers) - set(Reflection.PROMPTS)
    if unknown:
        raise TandemError(f"{', '.join(sorted(unknown))} is not part of a reflection.")
    checked = {
        name: read_text(value, field=name, limit=MAX_TEXT) for name, value in answers.items()
    }
    reflection, _ = Reflection.objects.update_or_create(
        request=request, defaults={**checked, "updated_at": timezone.now()}
    )
    # Whoever reads it next from this request object reads what was just saved.
    request.reflection = reflection
    return reflection


def follow_up_draft_save(
    actor: User, request: Request, *, story: str | None = None, question: str | None = None
) -> FollowUpDraft:
    """The owner's private draft: the story they tell themselves and the question they will ask."""
    _owner_only(actor, request.partnership)
    changes = {}
    if story is not None:
        changes["story"] = read_text(story, field="story", limit=MAX_TEXT)
    if question is not None:
        changes["question"] = read_text(question, field="question", limit=MAX_TEXT)
    draft, _ = FollowUpDraft.objects.update_or_create(
        request=request, defaults={**changes, "updated_at": timezone.now()}
    )
    # Whoever reads it next from this request object reads what was just saved.
    request.draft = draft
    return draft
