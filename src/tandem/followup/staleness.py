"""When a request goes stale, and how long it has waited (PRODUCT.md §6).

A request is stale when it has had no response past its threshold, or when its promised date
has passed. The rules:

- Only an open request can be stale. An answered one (the partner answered without deciding,
  e.g. asked for more information) waits on me, and a granted, declined or withdrawn one is
  over.
- The clock starts on the day I asked and restarts on every event of the history: each of the
  partner's responses, and each of my follow-ups. It started on the latest of those days.
- A promise is in force when the request's promised date is on or after the day the clock
  started. A follow-up recorded after a promised date has passed supersedes the promise, and
  the threshold applies again from the follow-up.
- While a promise is in force, the request is stale once the promised date is past: on the
  promised day itself it is not, on the day after it is. The threshold does not apply, so a
  far-off promise keeps a request fresh.
- Otherwise the request is stale once more days than its threshold have passed since the clock
  started: with the default of 14, not on day 14, from day 15.

Dates are the person's own: `local_today` gives the day where they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from tandem.followup.record import (
    EVENT_LABELS,
    RESPONSES,
    Event,
    EventKind,
    RequestRecord,
    RequestStatus,
)
from tandem.lib.dates import format_date

__all__ = [
    "StaleReason",
    "Staleness",
    "days_ago",
    "local_today",
    "promise_in_force",
    "staleness",
]


class StaleReason(StrEnum):
    NO_ANSWER = "no_answer"
    PROMISE_PASSED = "promise_passed"


@dataclass(frozen=True)
class Staleness:
    """quiet_days counts from clock_started_on; stale_since is the first stale day of an open
    request (a day still to come when it is not stale yet), None for any other; last_heard is
    the partner's latest response."""

    stale: bool
    reason: StaleReason | None
    asked_days_ago: int
    quiet_days: int
    clock_started_on: date
    stale_since: date | None
    last_heard: Event | None
    summary: str


def local_today(now: datetime, zone: str) -> date:
    """The date where the person is: `now` (an aware datetime) seen in their time zone."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime.")
    return now.astimezone(ZoneInfo(zone)).date()


def staleness(record: RequestRecord, today: date) -> Staleness:
    events = _in_order(record.history)
    started = _clock_started_on(record)
    promise = promise_in_force(record)
    last_heard = next((e for e in reversed(events) if e.kind in RESPONSES), None)
    stale_since = None
    if record.status is RequestStatus.OPEN:
        if promise is not None:
            stale_since = promise + timedelta(days=1)
        else:
            stale_since = started + timedelta(days=record.stale_after_days + 1)
    stale = stale_since is not None and today >= stale_since
    reason = None
    if stale:
        reason = StaleReason.PROMISE_PASSED if promise is not None else StaleReason.NO_ANSWER
    return Staleness(
        stale=stale,
        reason=reason,
        asked_days_ago=max(0, (today - record.asked_on).days),
        quiet_days=max(0, (today - started).days),
        clock_started_on=started,
        stale_since=stale_since,
        last_heard=last_heard,
        summary=_summary(record, events, today, stale=stale, promise=promise),
    )


def promise_in_force(record: RequestRecord) -> date | None:
    """The promised date, unless a later event (a follow-up after it passed) superseded it."""
    promised = record.promised_by
    if promised is None or promised < _clock_started_on(record):
        return None
    return promised


def days_ago(days: int) -> str:
    """'today', 'yesterday', '42 days ago'."""
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def _clock_started_on(record: RequestRecord) -> date:
    return max([record.asked_on, *(event.on for event in record.history)])


def _in_order(history: tuple[Event, ...]) -> list[Event]:
    # The history is kept in order already; a stable sort keeps same-day events as recorded.
    return sorted(history, key=lambda event: event.on)


def _summary(
    record: RequestRecord, events: list[Event], today: date, *, stale: bool, promise: date | None
) -> str:
    status = record.status
    if status is RequestStatus.WITHDRAWN:
        return "withdrawn"
    if status is not RequestStatus.OPEN:
        kind = {
            RequestStatus.ANSWERED: EventKind.MORE_INFO,
            RequestStatus.GRANTED: EventKind.GRANTED,
            RequestStatus.DECLINED: EventKind.DECLINED,
        }[status]
        event = next((e for e in reversed(events) if e.kind is kind), None)
        label = EVENT_LABELS[kind].lower()
        if event is None:
            return "answered" if status is RequestStatus.ANSWERED else label
        return f"{label} on {format_date(event.on, today)}"

    asked = f"asked {days_ago((today - record.asked_on).days)}"
    if not events:
        if record.asked_on >= today:
            return asked
        return f"{asked}, no answer" if stale else f"{asked}, no answer yet"
    latest = events[-1]
    when = days_ago((today - latest.on).days)
    if promise is not None:
        line = f"{asked}; promised an answer by {format_date(promise, today)}"
        if today > promise:
            line += f", {days_ago((today - promise).days)}"
        if latest.kind is EventKind.FOLLOWED_UP:
            line += f"; followed up {when}"
        return line
    if latest.kind is EventKind.FOLLOWED_UP:
        since = "" if latest.on >= today else ", no answer since"
        return f"{asked}; followed up {when}{since}"
    return f"{asked}; {EVENT_LABELS[latest.kind].lower()} {when}"
