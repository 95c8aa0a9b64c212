"""Who sees what of one-on-ones: every read of the area, scoped to the viewer.

Views, the API, the feed and the command line reach one-on-ones only through these
functions. Both members see the series, the meetings, the shared agenda and notes, the
decisions and the action items. A private note and a noted question are read by their author
alone: no function here hands one to anyone else. The prepared proposals come from the owner's
private record, so only the owner gets them; the partner is offered the questions they noted.
Both are offered the agreement's review, which both of them read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tandem.accounts.models import User
from tandem.agreements.privacy import review_due_for
from tandem.lib.dates import format_date
from tandem.meetings import (
    MAX_DURATION,
    ActionLine,
    AgendaFacts,
    AgreementReviewFact,
    AskFact,
    AssignmentFact,
    Commitment,
    DecisionFact,
    DecisionLine,
    FollowThrough,
    MeetingSummary,
    NotedFact,
    Proposal,
    RequestFact,
    WinFact,
    carried_before_closing,
    carried_over,
    follow_through,
    propose,
    summarise,
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
from tandem.partnerships.models import Partnership, side_name, viewer_side
from tandem.privacy import get_partnership_for, require_area
from tandem.requests.privacy import stale_requests
from tandem.workload.privacy import workload_for_agenda

AREA = "one-on-ones"
HISTORY_ROWS = 200
# How far back the follow-through looks: a year of action items.
FOLLOW_THROUGH_DAYS = 366


def _members(user: User) -> Q:
    return Q(partnership__owner=user) | Q(partnership__partner=user)


def series_for(viewer: User, partnership: Partnership) -> Series | None:
    """The partnership's series, for either member; None before the owner sets a cadence."""
    require_area(viewer, partnership, AREA)
    series = Series.objects.filter(partnership=partnership).first()
    if series is not None:
        series.partnership = partnership
    return series


def meetings_for(user: User) -> QuerySet[Meeting]:
    """Meetings of the partnerships the user owns or has joined."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    return Meeting.objects.filter(_members(user))


def get_meeting_for(viewer: User, partnership: Partnership, pk: int) -> Meeting:
    require_area(viewer, partnership, AREA)
    meeting = meetings_for(viewer).filter(partnership=partnership, pk=pk).first()
    if meeting is None:
        raise Http404("No such meeting.")
    meeting.partnership = partnership
    return meeting


def get_owned_series(user: User, partnership_pk: int) -> tuple[Partnership, Series]:
    """The owner's series, for the owner's writes; 404 for anyone else or before it exists."""
    partnership = get_partnership_for(user, partnership_pk, owner_only=True)
    series = series_for(user, partnership)
    if series is None:
        raise Http404("No one-on-one series yet.")
    return partnership, series


def _get(model, viewer: User, partnership: Partnership, pk: int, what: str):
    require_area(viewer, partnership, AREA)
    found = (
        model.objects.filter(_members(viewer), partnership=partnership, pk=pk)
        .select_related("meeting")
        .first()
    )
    if found is None:
        raise Http404(f"No such {what}.")
    found.partnership = partnership
    return found


def get_agenda_item_for(viewer: User, partnership: Partnership, pk: int) -> AgendaItem:
    return _get(AgendaItem, viewer, partnership, pk, "agenda item")


def get_action_item_for(viewer: User, partnership: Partnership, pk: int) -> ActionItem:
    return _get(ActionItem, viewer, partnership, pk, "action item")


def get_decision_for(viewer: User, partnership: Partnership, pk: int) -> Decision:
    require_area(viewer, partnership, AREA)
    decision = (
        Decision.objects.filter(meeting__partnership=partnership, pk=pk)
        .filter(Q(meeting__partnership__owner=viewer) | Q(meeting__partnership__partner=viewer))
        .first()
    )
    if decision is None:
        raise Http404("No such decision.")
    return decision


def series_for_feed_token(token: str) -> Series | None:
    """The series a calendar feed's secret opens: its meetings' times, nothing else."""
    return Series.for_feed_token(token)


# Views: what a viewer may see, named for them.


@dataclass(frozen=True)
class MeetingView:
    pk: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    duration_minutes: int
    ad_hoc: bool
    moved: bool
    skipped: bool
    held: bool

    @classmethod
    def of(cls, meeting: Meeting, now: dt.datetime) -> MeetingView:
        return cls(
            pk=meeting.pk,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            duration_minutes=meeting.duration_minutes,
            ad_hoc=meeting.ad_hoc,
            moved=meeting.moved,
            skipped=meeting.skipped,
            held=not meeting.skipped and meeting.has_ended(now),
        )


@dataclass(frozen=True)
class AgendaEntry:
    pk: int
    title: str
    detail: str
    reason: str
    source_key: str
    status: str
    status_label: str
    added_by: str
    # Meetings it has already been on without being settled.
    carried: int
    placed_on: int
    position: int
    closed_at: dt.datetime | None


@dataclass(frozen=True)
class ActionView:
    pk: int
    title: str
    owned_by: str
    owner_name: str
    mine: bool
    due: dt.date | None
    status: str
    status_label: str
    carried: int
    overdue: bool
    # The linked assignment's id, for whoever may see the workload; the link itself for all.
    assignment_id: int | None
    linked_to_assignment: bool
    meeting_id: int
    recorded_on: dt.date
    closed_on: dt.date | None


@dataclass(frozen=True)
class DecisionView:
    pk: int
    text: str
    decided_by: str
    decided_by_name: str
    recorded_by: str
    may_remove: bool
    meeting_id: int
    meeting_day: dt.date


def _held_starts(partnership: Partnership, now: dt.datetime) -> list[dt.datetime]:
    """Start times of the meetings that took place, oldest first: what carry-over counts."""
    meetings = Meeting.objects.taking_place().filter(partnership=partnership, starts_at__lt=now)
    return [
        start
        for start, minutes in meetings.order_by("starts_at").values_list(
            "starts_at", "duration_minutes"
        )
        if start + dt.timedelta(minutes=minutes) <= now
    ]


def _name(user: User | None, fallback: str = "") -> str:
    return str(user) if user is not None else fallback


def _entry(item: AgendaItem, carried: int, viewer: User) -> AgendaEntry:
    return AgendaEntry(
        pk=item.pk,
        title=item.title,
        detail=item.detail,
        reason=item.reason,
        source_key=item.source_key,
        status=item.status,
        status_label=ItemStatus(item.status).label,
        added_by="You" if item.added_by_id == viewer.pk else _name(item.added_by),
        carried=carried,
        placed_on=item.meeting_id,
        position=item.position,
        closed_at=item.closed_at,
    )


def _action(
    item: ActionItem, partnership: Partnership, viewer: User, carried: int, today: dt.date
) -> ActionView:
    return ActionView(
        pk=item.pk,
        title=item.title,
        owned_by=item.owned_by,
        owner_name=side_name(partnership, item.owned_by, viewer),
        mine=item.owned_by == viewer_side(partnership, viewer),
        due=item.due,
        status=item.status,
        status_label=ActionStatus(item.status).label,
        carried=carried,
        overdue=item.status == ActionStatus.OPEN and item.due is not None and item.due < today,
        # The link names an assignment only to whoever may see the workload it belongs to.
        assignment_id=item.assignment_id
        if partnership.is_owner(viewer) or partnership.share_workload
        else None,
        linked_to_assignment=item.assignment_id is not None,
        meeting_id=item.meeting_id,
        recorded_on=item.meeting.starts_at.astimezone(partnership.owner.zone).date(),
        closed_on=item.closed_on,
    )


def _decision(decision: Decision, partnership: Partnership, viewer: User) -> DecisionView:
    return DecisionView(
        pk=decision.pk,
        text=decision.text,
        decided_by=decision.decided_by,
        decided_by_name=side_name(partnership, decision.decided_by, viewer),
        recorded_by="You" if decision.recorded_by_id == viewer.pk else _name(decision.recorded_by),
        may_remove=decision.recorded_by_id == viewer.pk,
        meeting_id=decision.meeting_id,
        meeting_day=decision.meeting.starts_at.astimezone(partnership.owner.zone).date(),
    )


@dataclass(frozen=True)
class MeetingRecord:
    """One meeting as a viewer may see it: its agenda (with what carried over), what was
    decided and agreed in it, the shared notes, and the viewer's own private note."""

    meeting: MeetingView
    agenda: tuple[AgendaEntry, ...]
    # Action items from earlier meetings (open, or settled since the meeting before), and the
    # ones agreed in this one.
    carried_actions: tuple[ActionView, ...]
    actions: tuple[ActionView, ...]
    decisions: tuple[DecisionView, ...]
    shared_notes: str
    notes_version: int
    notes_updated_by: str
    notes_updated_at: dt.datetime | None
    private_note: str
    # When the meeting after this one starts (None for the last): what was settled from then
    # on was settled there, not here.
    next_starts_at: dt.datetime | None

    @property
    def open_agenda(self) -> tuple[AgendaEntry, ...]:
        return tuple(entry for entry in self.agenda if entry.status == ItemStatus.OPEN)

    def _settled_here(self, entry: AgendaEntry) -> bool:
        return self.next_starts_at is None or (
            entry.closed_at is not None and entry.closed_at < self.next_starts_at
        )

    @property
    def settled_agenda(self) -> tuple[AgendaEntry, ...]:
        """Discussed or dropped in (or while preparing) this meeting."""
        return tuple(
            entry
            for entry in self.agenda
            if entry.status != ItemStatus.OPEN and self._settled_here(entry)
        )

    @property
    def settled_later(self) -> tuple[AgendaEntry, ...]:
        """Open when this meeting ended, settled at a later one."""
        return tuple(
            entry
            for entry in self.agenda
            if entry.status != ItemStatus.OPEN and not self._settled_here(entry)
        )


def _previous_end(partnership: Partnership, meeting: Meeting) -> dt.datetime | None:
    """When the meeting before this one (skipped ones aside) ended; None for the first."""
    previous = (
        Meeting.objects.taking_place()
        .filter(partnership=partnership, starts_at__lt=meeting.starts_at)
        .order_by("-starts_at")
        .first()
    )
    return previous.ends_at if previous is not None else None


def _next_start(partnership: Partnership, meeting: Meeting) -> dt.datetime | None:
    """When the meeting after this one (skipped ones aside) starts; None for the last."""
    following = (
        Meeting.objects.taking_place()
        .filter(partnership=partnership, starts_at__gt=meeting.starts_at)
        .order_by("starts_at")
        .first()
    )
    return following.starts_at if following is not None else None


def _on(meeting: Meeting, previous_end: dt.datetime | None) -> Q:
    """Items on this meeting's agenda: placed on it or on an earlier one, and still open when
    the meeting before it ended. So an open item carries over by itself, and one settled
    while preparing (or during the meeting) stays on this meeting, marked, where it can be
    opened again."""
    placed = Q(meeting__starts_at__lte=meeting.starts_at)
    if previous_end is None:
        return placed
    return placed & (Q(closed_at__isnull=True) | Q(closed_at__gt=previous_end))


def agenda_items_on(viewer: User, partnership: Partnership, meeting: Meeting) -> list[AgendaItem]:
    """The agenda items on a meeting, in order: what a reorder of its agenda puts in order."""
    require_area(viewer, partnership, AREA)
    items = AgendaItem.objects.filter(partnership=partnership).filter(
        _on(meeting, _previous_end(partnership, meeting))
    )
    return list(items.select_related("partnership"))


def meeting_record_for(
    viewer: User, partnership: Partnership, meeting: Meeting, *, now: dt.datetime | None = None
) -> MeetingRecord:
    """Eight queries, however long the history."""
    now = now or timezone.now()
    held = _held_starts(partnership, now)
    today = partnership.owner.local_today()
    on = _on(meeting, _previous_end(partnership, meeting))
    items = (
        AgendaItem.objects.filter(partnership=partnership)
        .filter(on)
        .select_related("meeting", "added_by")
    )
    agenda = tuple(
        _entry(item, carried_over(item.meeting.starts_at, meeting.starts_at, held), viewer)
        for item in items
    )
    actions = (
        ActionItem.objects.filter(partnership=partnership).filter(on).select_related("meeting")
    )
    carried, here = [], []
    for item in actions:
        if item.meeting_id == meeting.pk:
            here.append(_action(item, partnership, viewer, 0, today))
        elif item.meeting.starts_at < meeting.starts_at:
            count = carried_over(item.meeting.starts_at, meeting.starts_at, held)
            carried.append(_action(item, partnership, viewer, count, today))
    decisions = meeting.decisions.select_related("recorded_by", "meeting")
    note = PrivateNote.objects.filter(meeting=meeting, author=viewer).first()
    return MeetingRecord(
        meeting=MeetingView.of(meeting, now),
        agenda=agenda,
        carried_actions=tuple(carried),
        actions=tuple(here),
        decisions=tuple(_decision(d, partnership, viewer) for d in decisions),
        shared_notes=meeting.shared_notes,
        notes_version=meeting.notes_version,
        notes_updated_by=_name(meeting.notes_updated_by) if meeting.notes_updated_by_id else "",
        notes_updated_at=meeting.notes_updated_at,
        private_note=note.text if note else "",
        next_starts_at=_next_start(partnership, meeting),
    )


# Which meetings.


@dataclass(frozen=True)
class Schedule:
    """The series' meetings around now, for the area's page."""

    next: Meeting | None
    upcoming: tuple[Meeting, ...]
    past: tuple[Meeting, ...]
    # Meetings that took place (not skipped), all time: for "3 held".
    held_count: int


UPCOMING_ROWS = 6
# A meeting still under way started at most this long ago (the longest a meeting lasts).
UNDER_WAY = dt.timedelta(minutes=MAX_DURATION)
PAST_ROWS = 12


def schedule_for(
    viewer: User, partnership: Partnership, *, now: dt.datetime | None = None
) -> Schedule:
    """The next meeting (the one under way, or the next to come), a few after it, the latest
    past ones. Three queries."""
    require_area(viewer, partnership, AREA)
    now = now or timezone.now()
    meetings = Meeting.objects.filter(partnership=partnership)
    recent = now - UNDER_WAY
    coming = [m for m in meetings.filter(starts_at__gt=recent)[: UPCOMING_ROWS + 8]]
    coming = [m for m in coming if not m.has_ended(now)]
    upcoming = [m for m in coming if not m.skipped]
    past = meetings.filter(starts_at__lt=now).order_by("-starts_at")[: PAST_ROWS + 4]
    past = [m for m in past if m.has_ended(now)][:PAST_ROWS]
    held = _held_starts(partnership, now)
    for meeting in [*coming, *past]:
        meeting.partnership = partnership
    return Schedule(
        next=upcoming[0] if upcoming else None,
        upcoming=tuple(coming[:UPCOMING_ROWS]),
        past=tuple(past),
        held_count=len(held),
    )


def next_meeting_for(
    viewer: User, partnership: Partnership, *, now: dt.datetime | None = None
) -> Meeting | None:
    """The meeting under way, or else the next one to come; None without one. One query."""
    require_area(viewer, partnership, AREA)
    now = now or timezone.now()
    soon = Meeting.objects.taking_place().filter(
        partnership=partnership, starts_at__gt=now - UNDER_WAY
    )
    meeting = next((m for m in soon[:8] if not m.has_ended(now)), None)
    if meeting is not None:
        meeting.partnership = partnership
    return meeting


def last_held_before(
    partnership: Partnership, meeting: Meeting, now: dt.datetime
) -> Meeting | None:
    earlier = (
        Meeting.objects.taking_place()
        .filter(partnership=partnership, starts_at__lt=meeting.starts_at)
        .order_by("-starts_at")
        .first()
    )
    return earlier if earlier is not None and earlier.has_ended(now) else None


# The prepared agenda.


def _workload_facts(owner: User, partnership: Partnership, since: dt.date) -> dict:
    found = workload_for_agenda(owner, partnership, since)
    if found is None:
        return {}
    today = partnership.owner.local_today()
    decisions = [
        DecisionFact(
            key=f"brief:{share.pk}",
            title=share.title,
            reason=f"Brief shared {format_date(share.created_at.date(), today)}, no answer yet",
        )
        for share in found.unanswered_briefs
    ] + [
        DecisionFact(
            key=f"talk:{answer.pk}",
            title=answer.assignment_title or answer.brief_title,
            reason=f"{answer.who} asked to talk about the options",
        )
        for answer in found.talk_answers
    ]
    return {
        "assignments": tuple(
            AssignmentFact(
                id=row.assignment.pk,
                title=row.assignment.title,
                due=row.assignment.due,
                finish=row.scheduled.finish,
                late=row.scheduled.late,
                at_risk=row.scheduled.at_risk,
            )
            for row in found.at_risk
        ),
        "decisions": tuple(decisions),
        "partner_asks": tuple(
            AskFact(id=view.pk, title=view.title, asked_on=view.asked_on)
            for view in found.asked_since
        ),
        "wins": tuple(
            WinFact(
                key=f"done:{view.pk}",
                title=view.title,
                on=view.completed_at.astimezone(owner.zone).date(),
            )
            for view in found.done_since
            if view.completed_at is not None
        ),
    }


def noted_questions_for(viewer: User, partnership: Partnership) -> list[NotedQuestion]:
    """The viewer's own questions noted for the next one-on-one, not yet on an agenda."""
    require_area(viewer, partnership, AREA)
    return list(
        NotedQuestion.objects.filter(partnership=partnership, author=viewer, settled_at=None)
    )


def proposals_for(
    viewer: User, partnership: Partnership, meeting: Meeting, *, now: dt.datetime | None = None
) -> list[Proposal]:
    """What Tandem proposes for a meeting still to come, each with its reason.

    The owner's come from their record (workload, requests, what they noted); the partner's
    are the questions they noted. Both are offered the agreement's review once it is near.
    Nothing already on the agenda or removed from this meeting.
    """
    now = now or timezone.now()
    if meeting.skipped or meeting.has_ended(now):
        return []
    owner_zone = partnership.owner.zone
    today = now.astimezone(owner_zone).date()
    last = last_held_before(partnership, meeting, now)
    since = last.starts_at.astimezone(owner_zone).date() if last else None
    noted = tuple(
        NotedFact(id=q.pk, text=q.text, noted_on=q.noted_at.astimezone(viewer.zone).date())
        for q in noted_questions_for(viewer, partnership)
    )
    facts: dict = {"noted": noted}
    if review := review_due_for(viewer, partnership, today):
        facts["agreement_review"] = AgreementReviewFact(
            number=review.number, agreed_on=review.agreed_on, label=review.label
        )
    if partnership.is_owner(viewer):
        facts.update(_workload_facts(viewer, partnership, since or today - dt.timedelta(days=14)))
        facts["stale_requests"] = tuple(
            RequestFact(id=view.pk, title=view.title, summary=view.staleness.summary)
            for view in stale_requests(viewer, partnership)
        )
    taken = set(
        AgendaItem.objects.filter(partnership=partnership)
        .filter(_on(meeting, _previous_end(partnership, meeting)))
        .exclude(source_key="")
        .values_list("source_key", flat=True)
    )
    taken |= set(DismissedProposal.objects.filter(meeting=meeting).values_list("key", flat=True))
    return propose(AgendaFacts(today=today, last_meeting=since, **facts), taken=taken)


# Across meetings.


@dataclass(frozen=True)
class OpenCounts:
    agenda_items: int
    action_items: int
    # The viewer's own open action items past their due day.
    my_overdue: int


def open_counts_for(viewer: User, partnership: Partnership) -> OpenCounts:
    """How much is open in the partnership's one-on-ones, for the overview. Two queries."""
    require_area(viewer, partnership, AREA)
    today = partnership.owner.local_today()
    mine = Q(owned_by=viewer_side(partnership, viewer), due__lt=today)
    actions = ActionItem.objects.filter(
        partnership=partnership, status=ActionStatus.OPEN
    ).aggregate(total=Count("pk"), overdue=Count("pk", filter=mine))
    items = AgendaItem.objects.filter(partnership=partnership, status=ItemStatus.OPEN)
    return OpenCounts(
        agenda_items=items.count(),
        action_items=actions["total"],
        my_overdue=actions["overdue"],
    )


def open_actions_for(viewer: User, partnership: Partnership) -> list[ActionView]:
    """Every open action item on both sides, the earliest due first (no date last)."""
    require_area(viewer, partnership, AREA)
    now = timezone.now()
    held = _held_starts(partnership, now)
    today = partnership.owner.local_today()
    items = ActionItem.objects.filter(partnership=partnership, status=ActionStatus.OPEN)
    views = [
        _action(item, partnership, viewer, carried_over(item.meeting.starts_at, now, held), today)
        for item in items.select_related("meeting")
    ]
    return sorted(views, key=lambda v: (v.due is None, v.due or dt.date.max, v.pk))


@dataclass(frozen=True)
class History:
    query: str
    decisions: tuple[DecisionView, ...]
    actions: tuple[ActionView, ...]
    # More matched than are shown.
    truncated: bool


def _search(queryset: QuerySet, field: str, query: str) -> QuerySet:
    """The database's own text search where it has one (PostgreSQL); a plain containment
    match on SQLite, whose full-text search needs a separate virtual table."""
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector(field, config="english")
        search = SearchQuery(query, config="english", search_type="websearch")
        return queryset.annotate(search=vector).filter(
            Q(search=search) | Q(**{f"{field}__icontains": query})
        )
    return queryset.filter(**{f"{field}__icontains": query})


def history_for(viewer: User, partnership: Partnership, query: str = "") -> History:
    """Every decision and every action item with its outcome, newest first, searchable."""
    require_area(viewer, partnership, AREA)
    query = query.strip()
    today = partnership.owner.local_today()
    now = timezone.now()
    held = _held_starts(partnership, now)
    decisions = _search(
        Decision.objects.filter(meeting__partnership=partnership), "text", query
    ).select_related("meeting", "recorded_by")
    decisions = list(decisions.order_by("-meeting__starts_at", "-pk")[: HISTORY_ROWS + 1])
    actions = _search(ActionItem.objects.filter(partnership=partnership), "title", query)
    actions = list(
        actions.select_related("meeting").order_by("-meeting__starts_at", "-pk")[: HISTORY_ROWS + 1]
    )
    return History(
        query=query,
        decisions=tuple(_decision(d, partnership, viewer) for d in decisions[:HISTORY_ROWS]),
        actions=tuple(
            _action(
                a,
                partnership,
                viewer,
                carried_over(a.meeting.starts_at, now, held)
                if a.closed_at is None
                else carried_before_closing(a.meeting.starts_at, a.closed_at, held),
                today,
            )
            for a in actions[:HISTORY_ROWS]
        ),
        truncated=len(decisions) > HISTORY_ROWS or len(actions) > HISTORY_ROWS,
    )


def follow_through_for(viewer: User, partnership: Partnership) -> dict[str, FollowThrough]:
    """Who did what they said, and whether on time: per side, over the last year."""
    require_area(viewer, partnership, AREA)
    now = timezone.now()
    since = now - dt.timedelta(days=FOLLOW_THROUGH_DAYS)
    rows = ActionItem.objects.filter(partnership=partnership, created_at__gte=since).values_list(
        "owned_by", "due", "status", "closed_on"
    )
    commitments = [
        Commitment(owner=owned_by, due=due, status=status, done_on=closed_on)
        for owned_by, due, status, closed_on in rows
    ]
    return follow_through(commitments, partnership.owner.local_today())


def summary_for(
    viewer: User, partnership: Partnership, meeting: Meeting, record: MeetingRecord
) -> MeetingSummary:
    """The meeting's decisions and action items as an e-mail the viewer can send the other."""
    zone = partnership.owner.zone
    owner_view = partnership.is_owner(viewer)
    other_email = partnership.partner_email if owner_view else partnership.owner.email

    # The partner is named as the viewer knows them: the owner's name for them, or their own.
    partner = partnership.partner_name if owner_view else str(viewer)

    def side(side_key: str) -> str:
        if side_key == Side.BOTH:
            return "both of us"
        return str(partnership.owner) if side_key == Side.OWNER else partner

    discussed = [
        entry.title for entry in record.settled_agenda if entry.status == ItemStatus.DISCUSSED
    ]

    return summarise(
        sender_name=str(viewer),
        recipient_name=partnership.other_member_name(viewer),
        meeting_day=meeting.starts_at.astimezone(zone).date(),
        today=partnership.owner.local_today(),
        discussed=discussed,
        decisions=[
            DecisionLine(text=d.text, decided_by=side(d.decided_by)) for d in record.decisions
        ],
        actions=[
            ActionLine(title=a.title, owner=side(a.owned_by), due=a.due, status=a.status)
            for a in record.actions
        ],
        recipient_email=other_email,
    )


# What other areas read.


def one_on_one_busy_time(
    user: User, start: dt.date, end: dt.date
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The one-on-ones `user` takes part in between `start` and `end` (exclusive), as busy
    intervals in their local wall-clock time: the plan counts them as unavailable. One query."""
    zone = user.zone
    window_start = dt.datetime.combine(start, dt.time(0), tzinfo=zone)
    window_end = dt.datetime.combine(end, dt.time(0), tzinfo=zone)
    meetings = (
        meetings_for(user)
        .taking_place()
        .filter(starts_at__lt=window_end, starts_at__gt=window_start - UNDER_WAY)
        .values_list("starts_at", "duration_minutes")
    )
    busy = []
    for starts_at, minutes in meetings:
        local = starts_at.astimezone(zone).replace(tzinfo=None)
        busy.append((local, local + dt.timedelta(minutes=minutes)))
    return busy
