"""Requests for the follow-up tests: dates counted back from one Tuesday."""

from __future__ import annotations

from datetime import date, timedelta

from tandem.followup import Channel, Event, EventKind, RequestRecord, RequestStatus

TODAY = date(2026, 12, 1)  # a Tuesday
ASKED = date(2026, 10, 20)  # Tue 20 Oct, 42 days before TODAY


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def request(
    *events: Event,
    asked_on: date = ASKED,
    status: RequestStatus = RequestStatus.OPEN,
    promised_by: date | None = None,
    **fields,
) -> RequestRecord:
    """An open request for flexible hours, asked in a one-on-one; a PROMISED event among
    `events` sets promised_by unless it is given."""
    if promised_by is None:
        promises = [e.promised_by for e in events if e.kind is EventKind.PROMISED]
        promised_by = promises[-1] if promises else None
    values = {
        "title": "Flexible hours on Fridays",
        "channel": Channel.MEETING,
        "what_was_said": "Could I start at ten on Fridays?",
        **fields,
    }
    return RequestRecord(
        asked_on=asked_on,
        status=status,
        promised_by=promised_by,
        history=events,
        **values,
    )


def acknowledged(on: date) -> Event:
    return Event(EventKind.ACKNOWLEDGED, on)


def promised(on: date, by: date) -> Event:
    return Event(EventKind.PROMISED, on, promised_by=by)


def more_info(on: date) -> Event:
    return Event(EventKind.MORE_INFO, on)


def followed_up(on: date, channel: Channel | None = Channel.EMAIL) -> Event:
    return Event(EventKind.FOLLOWED_UP, on, channel=channel)
