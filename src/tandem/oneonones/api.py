from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Literal

from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from tandem.accounts.models import User
from tandem.lib.dates import check_date, format_date, read_date
from tandem.lib.efforts import read_effort
from tandem.lib.errors import TandemError
from tandem.meetings import PROPOSAL_LABELS, Cadence, CadenceRule, Proposal, ProposalKind, describe
from tandem.oneonones import services
from tandem.oneonones.models import (
    ActionStatus,
    ItemStatus,
    Meeting,
    Series,
    Side,
)
from tandem.oneonones.privacy import (
    ActionView,
    AgendaEntry,
    DecisionView,
    MeetingView,
    agenda_items_on,
    follow_through_for,
    get_action_item_for,
    get_agenda_item_for,
    get_decision_for,
    get_meeting_for,
    get_owned_series,
    history_for,
    meeting_record_for,
    next_meeting_for,
    open_actions_for,
    proposals_for,
    schedule_for,
    series_for,
    side_name,
    summary_for,
)
from tandem.partnerships.models import Partnership
from tandem.privacy import get_partnership_for
from tandem.schemas import Clock, errors, text
from tandem.workload.planning import day_minutes
from tandem.workload.privacy import get_assignment_for

router = Router(tags=["one-on-ones"])

# Typed text, read by the shared readers in tandem.lib once the schema has let it in. A blank
# title gets past the schema so that the service can say what is missing.
Title = text(max_length=services.MAX_TITLE)
LongText = text(max_length=services.MAX_TEXT)
QuestionText = text(max_length=services.MAX_QUESTION)
DateText = text(max_length=60)
TimeText = text(max_length=40)
ProposalKey = text(max_length=64)
EffortText = text(max_length=40)
WhenFilter = text(pattern=r"^(upcoming|past)$")
StateFilter = text(pattern=r"^(open|all)$")
SearchText = text(max_length=200)
WHEN_QUERY = Query("upcoming", description="upcoming (the default) or past.")
STATE_QUERY = Query(
    "open",
    description="open: the open ones, the earliest due first (the default); all: every one "
    "with its outcome, the newest first (the latest 200).",
)
SEARCH_QUERY = Query("", description="Words to look for in decisions and action items.")
# Numbers beyond this are refused by the schema; within it the service explains the rule.
MAX_NUMBER = 100_000
# The largest id a database holds, and the largest notes version.
MAX_ID = 2**63 - 1
MAX_VERSION = 2**31 - 1
# The most agenda items one reorder names.
MAX_ORDERED = 1000
RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]

ONE = "/partnerships/{partnership_id}/one-on-ones"
MEETING = ONE + "/meetings/{meeting_id}"
START_EXAMPLE = "2026-12-08T14:00"
START = (
    f"When it starts: {START_EXAMPLE} in the owner's time zone, or with an offset, "
    f"{START_EXAMPLE}+00:00."
)
_START_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}", re.ASCII)
SEND_SOMETHING = "Send at least one field to change."


# What is sent.


class SeriesIn(Schema):
    """The cadence, in the owner's time zone; meetings still to come are planned again."""

    cadence: Cadence = Field(
        description="daily (working days), weekly, fortnightly, monthly, or custom (every "
        "`every_weeks` weeks)."
    )
    weekday: int = Field(
        ge=-MAX_NUMBER, le=MAX_NUMBER, description="0 is Monday, 6 is Sunday; daily ignores it."
    )
    time: Clock = Field(description="HH:MM in the owner's time zone, e.g. 10:00")
    duration_minutes: int = Field(ge=-MAX_NUMBER, le=MAX_NUMBER, description="5 to 240")
    starts_on: DateText = Field(description="The first day it may meet: monday, 2026-12-07.")
    ends_on: DateText | None = Field(None, description="The last day it may meet; none to go on.")
    every_weeks: int = Field(
        1, ge=-MAX_NUMBER, le=MAX_NUMBER, description="For custom: every 1 to 26 weeks."
    )


class MeetingIn(Schema):
    starts_at: TimeText = Field(description=START)
    duration_minutes: int | None = Field(
        None, ge=1, le=MAX_NUMBER, description="5 to 240; the series' duration if left out."
    )


class MeetingPatch(Schema):
    """Move a meeting (a new start or duration), skip it, or take a skipped one back."""

    starts_at: TimeText | None = Field(None, description=START)
    duration_minutes: int | None = Field(None, ge=1, le=MAX_NUMBER, description="5 to 240")
    skipped: bool | None = None


class SharedNotesIn(Schema):
    text: LongText
    version: int = Field(
        ge=0,
        le=MAX_VERSION,
        description="The notes_version the text was written from; a save made from an older "
        "one is refused (409) and changes nothing.",
    )


class SharedNotesOut(Schema):
    version: int = Field(description="The notes' new version, for the next save.")


class PrivateNoteIn(Schema):
    text: LongText = Field(description="Yours alone: nobody else ever reads it.")


class PrivateNoteOut(Schema):
    text: str


class AgendaItemIn(Schema):
    """An item in your words (title, detail), or a proposal accepted by its key."""

    title: Title | None = Field(None, description="e.g. “How we handle urgent asks on Fridays”")
    detail: LongText = ""
    proposal: ProposalKey | None = Field(
        None, description="The key of one of the meeting's proposals, to put it on the agenda."
    )


class AgendaOrderIn(Schema):
    ids: list[RecordId] = Field(
        max_length=MAX_ORDERED,
        description="The agenda's item ids in the order wanted; items left out follow them.",
    )


class DismissIn(Schema):
    key: ProposalKey = Field(description="The key of the proposal to remove from this meeting.")


class AgendaItemPatch(Schema):
    """Only the fields given change."""

    title: Title | None = None
    detail: LongText | None = None
    status: ItemStatus | None = None


class DecisionIn(Schema):
    text: LongText = Field(description="What was decided, e.g. “Pause the Q3 report”.")
    decided_by: Side = Side.BOTH


class ActionItemIn(Schema):
    title: Title = Field(description="e.g. “Send Sam the draft budget”")
    owned_by: Literal["owner", "partner"] = Field(
        description="Who will do it: the partnership's owner or its partner."
    )
    due: DateText | None = Field(None, description="next friday, in 2 weeks, 2026-12-04")
    assignment_id: RecordId | None = Field(
        None, description="An assignment of this partnership it is about."
    )


class ActionItemPatch(Schema):
    """Only the fields given change; send `due: null` to clear the date."""

    status: ActionStatus | None = None
    title: Title | None = None
    due: DateText | None = Field(None, description="next friday, 2026-12-04; null clears it")


class ToAssignmentIn(Schema):
    effort: EffortText | None = Field(None, description="2h, 90m, 1.5d; an hour if left out.")


class ToAssignmentOut(Schema):
    assignment_id: int
    title: str


class QuestionIn(Schema):
    text: QuestionText = Field(description="e.g. “Who owns onboarding now?”")


# What is answered.


class SeriesOut(Schema):
    cadence: Cadence
    weekday: int = Field(description="0 is Monday, 6 is Sunday.")
    time: str = Field(description="HH:MM in the owner's time zone.")
    time_zone: str = Field(description="The owner's time zone, e.g. Europe/London.")
    duration_minutes: int
    starts_on: dt.date
    ends_on: dt.date | None
    every_weeks: int
    description: str = Field(description="The cadence in a line: “Weekly on Thursdays at …”.")


class MeetingOut(Schema):
    id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    duration_minutes: int
    when: str = Field(description="In the requester's own time zone: “Thu 3 Dec, 10:00–10:30”.")
    ad_hoc: bool = Field(description="Added outside the cadence.")
    moved: bool
    skipped: bool
    held: bool = Field(description="It took place: not skipped, and over.")


class AgendaItemOut(Schema):
    id: int
    title: str
    detail: str
    reason: str = Field(description="Why it was proposed, for an accepted proposal.")
    status: ItemStatus
    status_label: str
    added_by: str = Field(description="“You”, or the other member's name.")
    carried: int = Field(description="Meetings it has been on already without being settled.")
    placed_on: int = Field(description="The meeting it was first put on.")
    position: int


class ActionItemOut(Schema):
    id: int
    title: str
    owned_by: Literal["owner", "partner"]
    owner_name: str = Field(description="“You”, or the other member's name.")
    mine: bool
    due: dt.date | None
    status: ActionStatus
    status_label: str
    carried: int = Field(description="Meetings it has been on already while open.")
    overdue: bool
    assignment_id: int | None
    meeting_id: int = Field(description="The meeting it was agreed in.")
    recorded_on: dt.date
    closed_on: dt.date | None


class DecisionOut(Schema):
    id: int
    text: str
    decided_by: Side
    decided_by_name: str = Field(description="“You”, the other member's name, or “Both of you”.")
    recorded_by: str
    may_remove: bool = Field(description="Whoever wrote a decision down may remove it.")
    meeting_id: int
    meeting_day: dt.date


class ProposalOut(Schema):
    key: str = Field(description="Accept it with POST …/agenda {proposal: key}.")
    kind: ProposalKind
    label: str = Field(description="The kind in words, e.g. “Waiting too long”.")
    title: str
    reason: str


class MeetingDetailOut(Schema):
    meeting: MeetingOut
    partner_name: str = Field(description="The other member, as the requester knows them.")
    agenda: list[AgendaItemOut]
    carried_actions: list[ActionItemOut] = Field(
        description="Action items still open from earlier meetings."
    )
    actions: list[ActionItemOut] = Field(description="Action items agreed in this meeting.")
    decisions: list[DecisionOut]
    shared_notes: str
    notes_version: int
    notes_updated_by: str
    notes_updated_at: dt.datetime | None
    private_note: str = Field(description="The requester's own; nobody else's is ever shown.")
    proposals: list[ProposalOut] = Field(
        description="What Tandem proposes for a meeting still to come: for the owner from "
        "their record and noted questions, for the partner their own noted questions."
    )


class NotedOut(Schema):
    id: int
    text: str
    noted_at: dt.datetime
    partner_name: str = Field(description="Who the one-on-one is with.")


class HistoryOut(Schema):
    query: str
    decisions: list[DecisionOut]
    actions: list[ActionItemOut]
    truncated: bool = Field(description="More matched than are shown: search to narrow it.")


class SideFollowThroughOut(Schema):
    name: str = Field(description="“You”, or the other member's name.")
    total: int
    done_on_time: int
    done_late: int
    open_overdue: int
    open_on_track: int
    dropped: int
    rate: float | None = Field(description="The share done on time of those that were due.")
    reading: str = Field(description="In words, e.g. “Did 5 of 6 on time”.")


class FollowThroughOut(Schema):
    """Over the last year of action items."""

    owner: SideFollowThroughOut
    partner: SideFollowThroughOut


class SummaryOut(Schema):
    subject: str
    body: str
    mailto: str = Field(description="The e-mail as a mailto: link to the other member.")


# Building the answers.


def _series_out(series: Series, partnership: Partnership) -> SeriesOut:
    rule = series.rule
    return SeriesOut(
        cadence=rule.cadence,
        weekday=rule.weekday,
        time=f"{rule.time:%H:%M}",
        time_zone=partnership.owner.time_zone,
        duration_minutes=rule.duration_minutes,
        starts_on=rule.starts_on,
        ends_on=rule.ends_on,
        every_weeks=rule.every_weeks,
        description=describe(rule),
    )


def _when(view: MeetingView, viewer: User) -> str:
    zone = viewer.zone
    start, end = view.starts_at.astimezone(zone), view.ends_at.astimezone(zone)
    return f"{format_date(start.date(), viewer.local_today())}, {start:%H:%M}–{end:%H:%M}"


def _meeting_out(meeting: Meeting, viewer: User, now: dt.datetime) -> MeetingOut:
    view = MeetingView.of(meeting, now)
    return MeetingOut(
        id=view.pk,
        starts_at=view.starts_at.astimezone(dt.UTC),
        ends_at=view.ends_at.astimezone(dt.UTC),
        duration_minutes=view.duration_minutes,
        when=_when(view, viewer),
        ad_hoc=view.ad_hoc,
        moved=view.moved,
        skipped=view.skipped,
        held=view.held,
    )


def _agenda_out(entry: AgendaEntry) -> AgendaItemOut:
    return AgendaItemOut(
        id=entry.pk,
        title=entry.title,
        detail=entry.detail,
        reason=entry.reason,
        status=ItemStatus(entry.status),
        status_label=entry.status_label,
        added_by=entry.added_by,
        carried=entry.carried,
        placed_on=entry.placed_on,
        position=entry.position,
    )


def _action_out(view: ActionView) -> ActionItemOut:
    return ActionItemOut(
        id=view.pk,
        title=view.title,
        owned_by=view.owned_by,
        owner_name=view.owner_name,
        mine=view.mine,
        due=view.due,
        status=ActionStatus(view.status),
        status_label=view.status_label,
        carried=view.carried,
        overdue=view.overdue,
        assignment_id=view.assignment_id,
        meeting_id=view.meeting_id,
        recorded_on=view.recorded_on,
        closed_on=view.closed_on,
    )


def _decision_out(view: DecisionView) -> DecisionOut:
    return DecisionOut(
        id=view.pk,
        text=view.text,
        decided_by=Side(view.decided_by),
        decided_by_name=view.decided_by_name,
        recorded_by=view.recorded_by,
        may_remove=view.may_remove,
        meeting_id=view.meeting_id,
        meeting_day=view.meeting_day,
    )


def _proposal_out(proposal: Proposal) -> ProposalOut:
    return ProposalOut(
        key=proposal.key,
        kind=proposal.kind,
        label=PROPOSAL_LABELS[proposal.kind],
        title=proposal.title,
        reason=proposal.reason,
    )


def _detail_out(viewer: User, partnership: Partnership, meeting: Meeting) -> MeetingDetailOut:
    now = timezone.now()
    record = meeting_record_for(viewer, partnership, meeting, now=now)
    proposals = proposals_for(viewer, partnership, meeting, now=now)
    return MeetingDetailOut(
        meeting=_meeting_out(meeting, viewer, now),
        partner_name=partnership.other_member_name(viewer),
        agenda=[_agenda_out(entry) for entry in record.agenda],
        carried_actions=[_action_out(view) for view in record.carried_actions],
        actions=[_action_out(view) for view in record.actions],
        decisions=[_decision_out(view) for view in record.decisions],
        shared_notes=record.shared_notes,
        notes_version=record.notes_version,
        notes_updated_by=record.notes_updated_by,
        notes_updated_at=record.notes_updated_at,
        private_note=record.private_note,
        proposals=[_proposal_out(proposal) for proposal in proposals],
    )


# Reading what was sent.


def _read_start(typed: str, owner: User) -> dt.datetime:
    """A meeting's start as sent: an ISO date and time with its offset, or without one in the
    owner's time zone (where the series' times are read too)."""
    raw = typed.strip()
    if not _START_SHAPE.match(raw):
        raise TandemError(
            f"'{raw[:30]}' is not a date and time: send {START_EXAMPLE} (in the owner's time "
            f"zone) or {START_EXAMPLE}+00:00.",
            field="starts_at",
        )
    try:
        starts_at = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise TandemError(
            f"'{raw[:30]}' is not a date and time; e.g. {START_EXAMPLE}.", field="starts_at"
        ) from None
    # Checked before any conversion between zones, which could run off the calendar.
    check_date(starts_at.date(), owner.local_today(), field="starts_at")
    return starts_at if starts_at.tzinfo else starts_at.replace(tzinfo=owner.zone)


@contextmanager
def _named_as_sent(**names: str) -> Iterator[None]:
    """The services name a page's form fields; an API error names the JSON field instead."""
    try:
        yield
    except TandemError as error:
        error.field = names.get(error.field or "", error.field)
        raise


def _refuse_nulls(given: dict, required: dict[str, str]) -> None:
    for name, value in given.items():
        if value is None and name in required:
            raise TandemError(required[name], field=name)


def _keep_ahead(viewer: User, partnership: Partnership) -> None:
    """Plans the cadence's next meetings once the furthest comes near, as the pages do."""
    series = series_for(viewer, partnership)
    if series is not None:
        series.partnership = partnership
        services.meetings_keep_ahead(series)


# The series.


@router.get(
    ONE + "/series",
    response={200: SeriesOut, **errors(401, 404, 422)},
    summary="The one-on-one series: its cadence in the owner's time zone",
)
def series_detail(request: HttpRequest, partnership_id: int):
    partnership = get_partnership_for(request.auth, partnership_id)
    series = series_for(request.auth, partnership)
    if series is None:
        raise Http404("No one-on-ones planned yet: the owner sets their cadence first.")
    return Status(200, _series_out(series, partnership))


@router.put(
    ONE + "/series",
    response={200: SeriesOut, **errors(400, 401, 403, 404, 422)},
    summary="Set or change the cadence; meetings to come are planned again (owner only)",
)
def series_save(request: HttpRequest, partnership_id: int, payload: SeriesIn):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id, owner_only=True)
    today = user.local_today()
    starts_on = read_date(payload.starts_on, today, field="starts_on")
    if starts_on is None:
        raise TandemError("Say from which day you meet, e.g. “monday”.", field="starts_on")
    rule = CadenceRule(
        cadence=payload.cadence,
        weekday=payload.weekday,
        time=dt.time.fromisoformat(payload.time),
        duration_minutes=payload.duration_minutes,
        starts_on=starts_on,
        ends_on=read_date(payload.ends_on, today, field="ends_on"),
        # Only a custom cadence reads it; the others meet every week or two as they say.
        every_weeks=payload.every_weeks if payload.cadence is Cadence.CUSTOM else 1,
    )
    series = services.series_save(user, partnership, rule)
    return Status(200, _series_out(series, partnership))


# Meetings.


@router.get(
    ONE + "/meetings",
    response={200: list[MeetingOut], **errors(401, 404, 422)},
    summary="The next meetings, skipped ones included, or the latest past ones, newest first",
)
def meeting_list(
    request: HttpRequest,
    partnership_id: int,
    when: WhenFilter = WHEN_QUERY,
):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    _keep_ahead(user, partnership)
    schedule = schedule_for(user, partnership)
    now = timezone.now()
    chosen = schedule.upcoming if when == "upcoming" else schedule.past
    return Status(200, [_meeting_out(meeting, user, now) for meeting in chosen])


@router.post(
    ONE + "/meetings",
    response={201: MeetingOut, **errors(400, 401, 403, 404, 422)},
    summary="Add a meeting outside the cadence (owner only)",
)
def meeting_create(request: HttpRequest, partnership_id: int, payload: MeetingIn):
    user = request.auth
    partnership, series = get_owned_series(user, partnership_id)
    starts_at = _read_start(payload.starts_at, partnership.owner)
    meeting = services.meeting_add(user, series, starts_at, payload.duration_minutes)
    return Status(201, _meeting_out(meeting, user, timezone.now()))


@router.get(
    ONE + "/meetings/next",
    response={200: MeetingDetailOut, **errors(401, 404, 422)},
    summary="The next one-on-one (or the one under way) with its agenda, prepared",
)
def meeting_next(request: HttpRequest, partnership_id: int):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    _keep_ahead(user, partnership)
    meeting = next_meeting_for(user, partnership)
    if meeting is None:
        raise Http404("No one-on-one is planned.")
    return Status(200, _detail_out(user, partnership, meeting))


@router.get(
    MEETING,
    response={200: MeetingDetailOut, **errors(401, 404, 422)},
    summary="One meeting: its agenda, notes, decisions and action items",
)
def meeting_detail(request: HttpRequest, partnership_id: int, meeting_id: int):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    meeting = get_meeting_for(user, partnership, meeting_id)
    return Status(200, _detail_out(user, partnership, meeting))


MEETING_REQUIRED = {
    "starts_at": f"Say when it starts, e.g. {START_EXAMPLE}.",
    "duration_minutes": "Say how long it lasts: 5 to 240 minutes.",
    "skipped": "Say whether it is skipped: true or false.",
}


@router.patch(
    MEETING,
    response={200: MeetingOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Move a meeting, skip it, or take a skipped one back (owner only)",
)
def meeting_update(
    request: HttpRequest, partnership_id: int, meeting_id: int, payload: MeetingPatch
):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id, owner_only=True)
    meeting = get_meeting_for(user, partnership, meeting_id)
    given = payload.model_dump(exclude_unset=True)
    if not given:
        raise TandemError(SEND_SOMETHING)
    _refuse_nulls(given, MEETING_REQUIRED)
    moving = "starts_at" in given or "duration_minutes" in given
    if moving and given.get("skipped"):
        raise TandemError("Move the meeting or skip it, not both.", field="skipped")
    starts_at = _read_start(given["starts_at"], partnership.owner) if "starts_at" in given else None
    with transaction.atomic():
        if moving:
            services.meeting_move(
                user, meeting, starts_at or meeting.starts_at, given.get("duration_minutes")
            )
        if "skipped" in given:
            services.meeting_skip(user, meeting, given["skipped"])
    return Status(200, _meeting_out(meeting, user, timezone.now()))


@router.get(
    MEETING + "/summary",
    response={200: SummaryOut, **errors(401, 404, 422)},
    summary="What was agreed, as an e-mail to the other member",
)
def meeting_summary(request: HttpRequest, partnership_id: int, meeting_id: int):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    meeting = get_meeting_for(user, partnership, meeting_id)
    record = meeting_record_for(user, partnership, meeting)
    summary = summary_for(user, partnership, meeting, record)
    return Status(
        200, SummaryOut(subject=summary.subject, body=summary.body, mailto=summary.mailto)
    )


# In the meeting: notes.


@router.put(
    MEETING + "/notes",
    response={200: SharedNotesOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Save the shared notes written from a version; 409 if they changed meanwhile",
)
def shared_notes_save(
    request: HttpRequest, partnership_id: int, meeting_id: int, payload: SharedNotesIn
):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    meeting = get_meeting_for(user, partnership, meeting_id)
    with _named_as_sent(shared_notes="text"):
        version = services.shared_notes_save(user, meeting, payload.text, payload.version)
    return Status(200, SharedNotesOut(version=version))


@router.put(
    MEETING + "/private-note",
    response={200: PrivateNoteOut, **errors(400, 401, 403, 404, 422)},
    summary="Save your private note on a meeting: nobody else ever reads it",
)
def private_note_save(
    request: HttpRequest, partnership_id: int, meeting_id: int, payload: PrivateNoteIn
):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    meeting = get_meeting_for(user, partnership, meeting_id)
    note = services.private_note_save(user, meeting, payload.text)
    return Status(200, PrivateNoteOut(text=note.text))


# The agenda.


@router.post(
    MEETING + "/agenda",
    response={201: AgendaItemOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Put an item on the shared agenda: in your words, or a proposal accepted",
)
def agenda_item_create(
    request: HttpRequest, partnership_id: int, meeting_id: int, payload: AgendaItemIn
):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    meeting = get_meeting_for(user, partnership, meeting_id)
    if payload.proposal is None:
        item = services.agenda_item_add(user, meeting, payload.title or "", payload.detail)
    else:
        if payload.title is not None or payload.detail:
            raise TandemError("Send a proposal's key or a title, not both.", field="proposal")
        offered = {proposal.key: proposal for proposal in proposals_for(user, partnership, meeting)}
        if payload.proposal not in offered:
            raise Http404("No such proposal for this meeting.")
        item = services.proposal_accept(user, meeting, offered[payload.proposal])
    agenda = meeting_record_for(user, partnership, meeting).agenda
    return Status(201, _agenda_out(next(entry for entry in agenda if entry.pk == item.pk)))


@router.put(
    MEETING + "/agenda/order",
    response={200: list[AgendaItemOut], **errors(400, 401, 403, 404, 422)},
    summary="Put the meeting's agenda in order; the agenda as it now stands",
)
def agenda_reorder(
    request: HttpRequest, partnership_id: int, meeting_id: int, payload: AgendaOrderIn
):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    meeting = get_meeting_for(user, partnership, meeting_id)
    items = agenda_items_on(user, partnership, meeting)
    if not items and payload.ids:
        raise TandemError("This agenda is empty: there is nothing to order.", field="ids")
    with _named_as_sent(order="ids"):
        services.agenda_reorder(user, items, payload.ids)
    agenda = meeting_record_for(user, partnership, meeting).agenda
    return Status(200, [_agenda_out(entry) for entry in agenda])


@router.post(
    MEETING + "/proposals/dismiss",
    response={204: None, **errors(400, 401, 403, 404, 422)},
    summary="Remove a proposal from this meeting's prepared agenda",
)
def proposal_dismiss(
    request: HttpRequest, partnership_id: int, meeting_id: int, payload: DismissIn
):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    meeting = get_meeting_for(user, partnership, meeting_id)
    if payload.key not in {proposal.key for proposal in proposals_for(user, partnership, meeting)}:
        raise Http404("No such proposal for this meeting.")
    services.proposal_dismiss(user, meeting, payload.key)
    return Status(204, None)


AGENDA_REQUIRED = {
    "title": "Say what it is, e.g. “How we handle urgent asks on Fridays”.",
    "detail": "Send an empty text to clear the detail.",
    "status": "Give a status: open, discussed or dropped.",
}


@router.patch(
    ONE + "/agenda/{item_id}",
    response={204: None, **errors(400, 401, 403, 404, 422)},
    summary="Change an agenda item, or mark it discussed, dropped or open again",
)
def agenda_item_update(
    request: HttpRequest, partnership_id: int, item_id: int, payload: AgendaItemPatch
):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    item = get_agenda_item_for(user, partnership, item_id)
    given = payload.model_dump(exclude_unset=True)
    if not given:
        raise TandemError(SEND_SOMETHING)
    _refuse_nulls(given, AGENDA_REQUIRED)
    services.agenda_item_update(user, item, **given)
    return Status(204, None)


# Decisions.


@router.post(
    MEETING + "/decisions",
    response={201: DecisionOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Write down a decision: what was decided, and by whom",
)
def decision_create(
    request: HttpRequest, partnership_id: int, meeting_id: int, payload: DecisionIn
):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    meeting = get_meeting_for(user, partnership, meeting_id)
    decision = services.decision_record(user, meeting, payload.text, payload.decided_by)
    decisions = meeting_record_for(user, partnership, meeting).decisions
    return Status(201, _decision_out(next(view for view in decisions if view.pk == decision.pk)))


@router.delete(
    ONE + "/decisions/{decision_id}",
    response={204: None, **errors(400, 401, 403, 404, 422)},
    summary="Remove a decision you wrote down",
)
def decision_delete(request: HttpRequest, partnership_id: int, decision_id: int):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    services.decision_delete(user, get_decision_for(user, partnership, decision_id))
    return Status(204, None)


# Action items.


@router.post(
    MEETING + "/action-items",
    response={201: ActionItemOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Record an action item: who does what, by when",
)
def action_item_create(
    request: HttpRequest, partnership_id: int, meeting_id: int, payload: ActionItemIn
):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    meeting = get_meeting_for(user, partnership, meeting_id)
    assignment = (
        get_assignment_for(user, payload.assignment_id, partnership)
        if payload.assignment_id is not None
        else None
    )
    draft = services.ActionDraft(
        title=payload.title,
        owned_by=payload.owned_by,
        due=read_date(payload.due, user.local_today(), field="due"),
        assignment=assignment,
    )
    item = services.action_item_add(user, meeting, draft)
    actions = meeting_record_for(user, partnership, meeting).actions
    return Status(201, _action_out(next(view for view in actions if view.pk == item.pk)))


@router.get(
    ONE + "/action-items",
    response={200: list[ActionItemOut], **errors(401, 404, 422)},
    summary="Action items on both sides: the open ones, earliest due first, or all of them",
)
def action_item_list(
    request: HttpRequest,
    partnership_id: int,
    state: StateFilter = STATE_QUERY,
):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    if state == "open":
        views = open_actions_for(user, partnership)
    else:
        views = history_for(user, partnership).actions
    return Status(200, [_action_out(view) for view in views])


ACTION_REQUIRED = {
    "status": "Give a status: open, done or dropped.",
    "title": "Say what it is, e.g. “Send Sam the draft budget”.",
}


@router.patch(
    ONE + "/action-items/{action_id}",
    response={204: None, **errors(400, 401, 403, 404, 422)},
    summary="Mark an action item done, dropped or open again, or change its title or date",
)
def action_item_update(
    request: HttpRequest, partnership_id: int, action_id: int, payload: ActionItemPatch
):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    item = get_action_item_for(user, partnership, action_id)
    given = payload.model_dump(exclude_unset=True)
    if not given:
        raise TandemError(SEND_SOMETHING)
    _refuse_nulls(given, ACTION_REQUIRED)
    due = read_date(given.get("due"), user.local_today(), field="due")
    services.action_item_update(
        user,
        item,
        status=given.get("status"),
        title=given.get("title"),
        due=due,
        clear_due="due" in given and due is None,
    )
    return Status(204, None)


@router.post(
    ONE + "/action-items/{action_id}/assignment",
    response={201: ToAssignmentOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Make your own action item an assignment in your workload (owner only)",
)
def action_item_to_assignment(
    request: HttpRequest, partnership_id: int, action_id: int, payload: ToAssignmentIn
):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id, owner_only=True)
    item = get_action_item_for(user, partnership, action_id)
    effort = read_effort(payload.effort, day_minutes(user), field="effort")
    assignment = services.action_item_to_assignment(
        user, item, effort or services.DEFAULT_ACTION_EFFORT
    )
    return Status(201, ToAssignmentOut(assignment_id=assignment.pk, title=assignment.title))


# Between meetings, and after them.


@router.post(
    ONE + "/notes",
    response={201: NotedOut, **errors(400, 401, 403, 404, 422)},
    summary="Note a question for your next one-on-one: yours alone until you put it on the agenda",
)
def question_note(request: HttpRequest, partnership_id: int, payload: QuestionIn):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    noted = services.question_note(user, partnership, payload.text)
    return Status(
        201,
        NotedOut(
            id=noted.pk,
            text=noted.text,
            noted_at=noted.noted_at,
            partner_name=partnership.other_member_name(user),
        ),
    )


@router.get(
    ONE + "/history",
    response={200: HistoryOut, **errors(401, 404, 422)},
    summary="Every decision and action item with its outcome, newest first; searchable",
)
def history(
    request: HttpRequest,
    partnership_id: int,
    q: SearchText = SEARCH_QUERY,
):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    found = history_for(user, partnership, q)
    return Status(
        200,
        HistoryOut(
            query=found.query,
            decisions=[_decision_out(view) for view in found.decisions],
            actions=[_action_out(view) for view in found.actions],
            truncated=found.truncated,
        ),
    )


@router.get(
    ONE + "/follow-through",
    response={200: FollowThroughOut, **errors(401, 404, 422)},
    summary="Who did what they said, and whether on time, over the last year",
)
def follow_through(request: HttpRequest, partnership_id: int):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    sides = follow_through_for(user, partnership)

    def side_out(side: str) -> SideFollowThroughOut:
        counted = sides[side]
        return SideFollowThroughOut(
            name=side_name(partnership, side, user),
            total=counted.total,
            done_on_time=counted.done_on_time,
            done_late=counted.done_late,
            open_overdue=counted.open_overdue,
            open_on_track=counted.open_on_track,
            dropped=counted.dropped,
            rate=counted.rate,
            reading=counted.reading,
        )

    return Status(200, FollowThroughOut(owner=side_out(Side.OWNER), partner=side_out(Side.PARTNER)))
