"""Who sees what of requests: every read of the area, scoped to the viewer.

Views, the API and the command line reach requests only through these functions. The owner
sees all of a partnership's requests. A joined partner sees the requests the owner chose to
share, as `RequestView`s without what the owner wrote for themselves: no reflection, no
follow-up draft, and of the history's notes only the ones the partner wrote. The reflection
and the draft are read by `reflection_for` and `follow_up_for`, which answer the owner alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from tandem.accounts.models import User
from tandem.followup import (
    CHANNEL_LABELS,
    EVENT_LABELS,
    STATUS_LABELS,
    Channel,
    Event,
    EventKind,
    FollowUp,
    FollowUpInput,
    RequestRecord,
    RequestStatus,
    Staleness,
    compose_follow_up,
    staleness,
)
from tandem.partnerships.models import Partnership
from tandem.planning.brief import Style
from tandem.privacy import get_partnership_for, require_area
from tandem.requests.models import FollowUpDraft, Reflection, Request, RequestEvent

AREA = "requests"


def requests_for(user: User) -> QuerySet[Request]:
    """The user's own requests, plus the ones shared with them in partnerships they joined."""
    if not user.is_authenticated:
        return Request.objects.none()
    shared = Q(partnership__partner=user, shared=True)
    return Request.objects.filter(Q(owner=user) | shared)


def _with_history(requests: QuerySet[Request]) -> QuerySet[Request]:
    events = RequestEvent.objects.select_related("recorded_by")
    return requests.select_related("partnership__owner").prefetch_related(
        Prefetch("events", queryset=events)
    )


def get_request_for(
    user: User, pk: int, partnership: Partnership, *, owner_only: bool = False
) -> Request:
    """One request of this partnership that `user` may reach, with its history; 404 otherwise."""
    require_area(user, partnership, AREA)
    requests = requests_for(user).filter(partnership=partnership)
    if owner_only:
        requests = requests.filter(owner=user)
    try:
        return _with_history(requests).get(pk=pk)
    except Request.DoesNotExist:
        raise Http404("No such request.") from None


def get_owned_request(
    user: User, partnership_pk: int, request_pk: int
) -> tuple[Partnership, Request]:
    """The owner's own request in their partnership, for the owner's writes; 404 otherwise."""
    partnership = get_partnership_for(user, partnership_pk, owner_only=True)
    return partnership, get_request_for(user, request_pk, partnership, owner_only=True)


def record_of(request: Request, *, private: bool = True) -> RequestRecord:
    """The request as the follow-up composers read it (its events prefetched).

    private=False leaves out what only the owner may read (their words, the history's
    notes), for anything that is handed on to the partner.
    """
    return RequestRecord(
        title=request.title,
        asked_on=request.asked_on,
        channel=Channel(request.channel),
        what_was_said=request.what_was_said if private else "",
        status=RequestStatus(request.status),
        stale_after_days=request.stale_after_days,
        promised_by=request.promised_by,
        history=tuple(
            Event(
                kind=EventKind(event.kind),
                on=event.happened_on,
                channel=Channel(event.channel) if event.channel else None,
                promised_by=event.promised_by,
                note=event.note if private else "",
            )
            for event in request.events.all()
        ),
    )


@dataclass(frozen=True)
class EventView:
    kind: str
    label: str
    on: dt.date
    channel: str
    channel_label: str
    promised_by: dt.date | None
    # Empty unless the viewer may read it: the owner reads every note, the partner their own.
    note: str
    by_partner: bool

    @classmethod
    def of(cls, event: RequestEvent, viewer_is_owner: bool, owner_id: int) -> EventView:
        by_partner = event.recorded_by_id is not None and event.recorded_by_id != owner_id
        return cls(
            kind=event.kind,
            label=EVENT_LABELS[EventKind(event.kind)],
            on=event.happened_on,
            channel=event.channel,
            channel_label=CHANNEL_LABELS[Channel(event.channel)] if event.channel else "",
            promised_by=event.promised_by,
            note=event.note if viewer_is_owner or by_partner else "",
            by_partner=by_partner,
        )


@dataclass(frozen=True)
class RequestView:
    """A request as a viewer may see it. `what_was_said` is empty for the partner: it is the
    owner's own record of their words, and the partner was there."""

    pk: int
    partnership_id: int
    title: str
    asked_on: dt.date
    channel: str
    channel_label: str
    what_was_said: str
    status: str
    status_label: str
    stale_after_days: int
    promised_by: dt.date | None
    shared: bool
    is_closed: bool
    staleness: Staleness
    history: tuple[EventView, ...]

    @property
    def stale(self) -> bool:
        return self.staleness.stale

    @classmethod
    def of(cls, request: Request, viewer_is_owner: bool, today: dt.date) -> RequestView:
        owner_id = request.partnership.owner_id
        return cls(
            pk=request.pk,
            partnership_id=request.partnership_id,
            title=request.title,
            asked_on=request.asked_on,
            channel=request.channel,
            channel_label=CHANNEL_LABELS[Channel(request.channel)],
            what_was_said=request.what_was_said if viewer_is_owner else "",
            status=request.status,
            status_label=STATUS_LABELS[RequestStatus(request.status)],
            stale_after_days=request.stale_after_days,
            promised_by=request.promised_by,
            shared=request.shared,
            is_closed=request.is_closed,
            staleness=staleness(record_of(request, private=viewer_is_owner), today),
            history=tuple(
                EventView.of(event, viewer_is_owner, owner_id) for event in request.events.all()
            ),
        )


def owner_today(partnership: Partnership) -> dt.date:
    """Requests age by the owner's calendar, whoever looks at them."""
    return partnership.owner.local_today()


def _ordered(views: list[RequestView]) -> list[RequestView]:
    """Stale first (longest waiting first), then open, then answered, then closed (newest)."""
    rank = {RequestStatus.OPEN: 1, RequestStatus.ANSWERED: 2}

    def key(view: RequestView) -> tuple:
        if view.stale:
            return (0, view.staleness.stale_since, view.pk)
        group = rank.get(RequestStatus(view.status), 3)
        newest_first = -view.asked_on.toordinal() if group == 3 else view.asked_on.toordinal()
        return (group, newest_first, view.pk)

    return sorted(views, key=key)


def visible_requests(
    viewer: User, partnership: Partnership, *, status: str | None = None
) -> list[RequestView]:
    """The partnership's requests as `viewer` may see them, most pressing first.

    status: "open" keeps the unresolved ones (open and answered), "stale" only the stale ones;
    None keeps them all. Two queries, however many requests and responses there are.
    """
    require_area(viewer, partnership, AREA)
    requests = requests_for(viewer).filter(partnership=partnership)
    if status in ("open", "stale"):
        requests = requests.unresolved()
    viewer_is_owner = partnership.is_owner(viewer)
    today = owner_today(partnership)
    views = [RequestView.of(r, viewer_is_owner, today) for r in _with_history(requests)]
    if status == "stale":
        views = [view for view in views if view.stale]
    return _ordered(views)


def visible_request(viewer: User, partnership: Partnership, pk: int) -> RequestView:
    request = get_request_for(viewer, pk, partnership)
    return RequestView.of(request, partnership.is_owner(viewer), owner_today(partnership))


def stale_requests(viewer: User, partnership: Partnership) -> list[RequestView]:
    """The stale requests of a partnership that `viewer` may see, longest waiting first.

    This is what other areas read: the one-on-one agenda offers each as an item, with
    `view.staleness.summary` ("asked 42 days ago, no answer") as its reason. The partner gets
    the shared ones only.
    """
    return visible_requests(viewer, partnership, status="stale")


def reflection_for(user: User, request: Request) -> Reflection | None:
    """The owner's private reflection on their request; None for anyone else, always.

    Read once per request object: Django keeps it (or its absence) on the instance.
    """
    if request.owner_id != user.pk:
        return None
    try:
        return request.reflection
    except Reflection.DoesNotExist:
        return None


def draft_for(user: User, request: Request) -> FollowUpDraft | None:
    """The owner's follow-up draft; None for anyone else. Read once per request object."""
    if request.owner_id != user.pk:
        return None
    try:
        return request.draft
    except FollowUpDraft.DoesNotExist:
        return None


def follow_up_style(partnership: Partnership) -> Style | None:
    """How the partner takes in information, for the order of a follow-up.

    None until the partner profile says (the composer then uses its default order); the
    profile area answers this for the follow-up builder as it does for the brief.
    """
    return None


def follow_up_for(
    user: User, request: Request, *, story: str | None = None, question: str | None = None
) -> FollowUp:
    """The follow-up conversation drafted for the owner from the record and their draft.

    story and question, when given, stand in for the saved draft (a preview while typing).
    """
    if request.owner_id != user.pk:
        raise Http404("No such request.")
    partnership = request.partnership
    draft = draft_for(user, request)
    return compose_follow_up(
        FollowUpInput(
            record=record_of(request),
            today=owner_today(partnership),
            owner_name=str(partnership.owner),
            partner_name=partnership.partner_name,
            story=story if story is not None else (draft.story if draft else ""),
            question=question if question is not None else (draft.question if draft else ""),
            style=follow_up_style(partnership),
            partner_email=partnership.partner_email,
        )
    )
