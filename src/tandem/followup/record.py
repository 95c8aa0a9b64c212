"""A request as the follow-up composers read it: its words, its dates and its history.

The requests area turns its rows into these; the composers never see the database. The
values of each enum are what the database stores, and the labels are what people read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Channel(StrEnum):
    """How a request was made or followed up."""

    MEETING = "meeting"
    EMAIL = "email"
    CHAT = "chat"
    IN_PASSING = "in_passing"


CHANNEL_LABELS = {
    Channel.MEETING: "In a one-on-one",
    Channel.EMAIL: "By e-mail",
    Channel.CHAT: "In chat",
    Channel.IN_PASSING: "In passing",
}


class RequestStatus(StrEnum):
    OPEN = "open"
    # The partner answered without deciding (e.g. asked for more information): no clock runs.
    ANSWERED = "answered"
    GRANTED = "granted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


STATUS_LABELS = {
    RequestStatus.OPEN: "Open",
    RequestStatus.ANSWERED: "Answered",
    RequestStatus.GRANTED: "Granted",
    RequestStatus.DECLINED: "Declined",
    RequestStatus.WITHDRAWN: "Withdrawn",
}

# The statuses that are over: nothing is waited for any more.
CLOSED_STATUSES = frozenset(
    {RequestStatus.GRANTED, RequestStatus.DECLINED, RequestStatus.WITHDRAWN}
)


class EventKind(StrEnum):
    """One dated entry of a request's history: the partner's responses, and follow-ups."""

    ACKNOWLEDGED = "acknowledged"
    MORE_INFO = "more_info"
    PROMISED = "promised"
    GRANTED = "granted"
    DECLINED = "declined"
    FOLLOWED_UP = "followed_up"


EVENT_LABELS = {
    EventKind.ACKNOWLEDGED: "Acknowledged",
    EventKind.MORE_INFO: "Asked for more information",
    EventKind.PROMISED: "Promised an answer",
    EventKind.GRANTED: "Granted",
    EventKind.DECLINED: "Declined",
    EventKind.FOLLOWED_UP: "Followed up",
}

# The partner's responses; FOLLOWED_UP is the owner's own step.
RESPONSES = (
    EventKind.ACKNOWLEDGED,
    EventKind.MORE_INFO,
    EventKind.PROMISED,
    EventKind.GRANTED,
    EventKind.DECLINED,
)
# What a response does to the status; ACKNOWLEDGED and PROMISED leave it open.
STATUS_AFTER = {
    EventKind.MORE_INFO: RequestStatus.ANSWERED,
    EventKind.GRANTED: RequestStatus.GRANTED,
    EventKind.DECLINED: RequestStatus.DECLINED,
}

DEFAULT_STALE_AFTER_DAYS = 14
MAX_STALE_AFTER_DAYS = 365


def choices(labels: dict) -> list[tuple[str, str]]:
    """Django `choices` from one of the label maps above, in their order."""
    return [(member.value, label) for member, label in labels.items()]


@dataclass(frozen=True)
class Event:
    kind: EventKind
    on: date
    # How a follow-up happened; None for the partner's responses.
    channel: Channel | None = None
    # Set on a PROMISED response: the day the partner said they would answer by.
    promised_by: date | None = None
    note: str = ""


@dataclass(frozen=True)
class RequestRecord:
    """history holds the events in the order they happened (by `on`, then as recorded)."""

    title: str
    asked_on: date
    channel: Channel
    what_was_said: str
    status: RequestStatus
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS
    # The latest promise, as the request holds it (a PROMISED event also sets it).
    promised_by: date | None = None
    history: tuple[Event, ...] = ()
