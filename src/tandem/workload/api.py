from __future__ import annotations

import datetime as dt

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import File, Query, Router, Schema, Status, UploadedFile
from pydantic import Field

from tandem.lib.dates import read_date
from tandem.lib.efforts import read_effort
from tandem.lib.errors import TandemError
from tandem.lib.numbers import MAX_PRIORITY
from tandem.planning import ScheduledItem
from tandem.planning.options import OPTION_LETTERS
from tandem.planning.text import numbered
from tandem.privacy import get_partnership_for, require_area
from tandem.schemas import Clock, errors, text
from tandem.workload import services
from tandem.workload.briefs import brief_for, impact_verdict_for, snapshot_of
from tandem.workload.models import BriefAnswer, BriefShare, Commitment, TimeOff
from tandem.workload.models import Status as AssignmentStatus
from tandem.workload.planning import WhatIf, day_minutes, workload_for
from tandem.workload.privacy import (
    AnswerView,
    AssignmentView,
    answers_to_assignment,
    brief_shares_for,
    commitments_for,
    get_assignment_for,
    get_owned_assignment,
    open_brief_for,
    time_off_for,
    visible_assignment,
    visible_plan,
)

router = Router(tags=["workload"])
# The weekly load the plan route returns.
API_WEEKS = 12
# The plan route's pages: the first hundred by default, as on the plan page.
PLAN_PAGE = 100
MAX_PLAN_PAGE = 1000
MAX_OFFSET = 100_000

# Typed text, read by the shared readers in tandem.lib once the schema has let it in.
Title = text(min_length=1, max_length=200)
EffortText = text(min_length=1, max_length=40)
DateText = text(max_length=60)


class PlannedOut(Schema):
    id: int
    title: str
    status: str
    asked_by: str
    asked_on: dt.date
    due: dt.date | None
    effort_minutes: int
    priority: int | None
    partnership_id: int
    in_this_partnership: bool = Field(
        description="False for the owner's work in their other partnerships, which the owner "
        "sees in the one plan of all their work."
    )
    rank: int | None
    projected_start: dt.date | None
    projected_finish: dt.date | None
    slack_days: int | None
    late: bool
    at_risk: bool
    why: str


class AssignmentIn(Schema):
    title: Title
    effort: EffortText = Field(description="3h, 1.5d, 90m, 2h30m")
    due: DateText | None = Field(None, description="next friday, in 2 weeks, 2026-12-04")
    asked_by: text(max_length=80) = ""
    priority: int | None = Field(None, ge=1, le=MAX_PRIORITY)
    proposed: bool = False


class WhatIfIn(Schema):
    """A new ask (title and effort needed), or a change to `assignment_id`, in which every
    field left out keeps the assignment's current value (send `due: null` to clear it)."""

    title: Title | None = None
    effort: EffortText | None = Field(None, description="3h, 1.5d, 90m; for a change, what remains")
    due: DateText | None = Field(None, description="next friday, in 2 weeks, 2026-12-04")
    priority: int | None = Field(None, ge=1, le=MAX_PRIORITY)
    assignment_id: int | None = Field(
        None, description="Weigh a change to this assignment instead of a new one."
    )


class AssignmentPatch(Schema):
    title: Title | None = None
    status: AssignmentStatus | None = None
    due: DateText | None = None
    remaining: text(max_length=40) | None = None
    priority: int | None = Field(None, ge=1, le=MAX_PRIORITY)


class WeekOut(Schema):
    week_start: dt.date
    capacity_minutes: int
    planned_minutes: int
    required_minutes: int
    overloaded: bool


class OtherWorkOut(Schema):
    """The owner's work the requester may not see: counted, never named."""

    count: int
    effort_minutes: int


class PlanOut(Schema):
    today: dt.date
    total: int = Field(description="Open assignments the requester may see, on every page.")
    late_count: int = Field(description="Of those, how many will finish after their due date.")
    at_risk_count: int = Field(
        description="Of those, how many are not late but have under two working days of slack."
    )
    assignments: list[PlannedOut] = Field(description="This page of them, in plan rank order.")
    weeks: list[WeekOut]
    other_work: OtherWorkOut


class ShiftOut(Schema):
    id: int | str
    title: str
    finish_before: dt.date | None
    finish_after: dt.date | None
    delay_days: int | None
    became_late: bool


class OptionOut(Schema):
    letter: str
    explanation: str
    why: str
    moves: list[str]
    fits: bool


class ImpactOut(Schema):
    verdict: str
    fits: bool
    ask_finish: dt.date | None
    ask_late: bool
    slips: list[ShiftOut]
    newly_late: list[str]
    overloaded_weeks: list[WeekOut]
    options: list[OptionOut]


class ImportOut(Schema):
    summary: str = Field(description="What the import changed, in one sentence.")
    created: int = Field(description="Meetings (one per occurrence) new in Tandem.")
    updated: int = Field(description="Meetings already imported from this calendar.")
    removed: int = Field(description="Meetings no longer in the calendar, removed.")
    time_off_days: int = Field(description="Days of the time off added.")
    time_off_added: int = Field(description="Periods of time off made from all-day events.")
    time_off_updated: int = Field(description="Periods of time off already imported.")
    time_off_removed: int = Field(description="Periods of time off whose events are gone.")
    warnings: list[str] = Field(description="What was skipped, and why nothing was imported.")
    truncated: bool


def _planned(assignment: AssignmentView, scheduled: ScheduledItem | None) -> PlannedOut:
    return PlannedOut(
        id=assignment.pk,
        title=assignment.title,
        status=assignment.status,
        asked_by=assignment.asked_by,
        asked_on=assignment.asked_on,
        due=assignment.due,
        effort_minutes=assignment.effort_minutes,
        priority=assignment.priority,
        partnership_id=assignment.partnership_id,
        in_this_partnership=assignment.in_this_partnership,
        rank=scheduled.rank if scheduled else None,
        projected_start=scheduled.start if scheduled else None,
        projected_finish=scheduled.finish if scheduled else None,
        slack_days=scheduled.slack_days if scheduled else None,
        late=scheduled.late if scheduled else False,
        at_risk=scheduled.at_risk if scheduled else False,
        why=scheduled.reason if scheduled else "",
    )


def _detail_out(user, partnership, assignment_id: int) -> PlannedOut:
    detail = visible_assignment(user, partnership, assignment_id)
    return _planned(detail.assignment, detail.scheduled)


def _week(week) -> WeekOut:
    return WeekOut(
        week_start=week.week_start,
        capacity_minutes=week.capacity_minutes,
        planned_minutes=week.planned_minutes,
        required_minutes=week.required_minutes,
        overloaded=week.overloaded,
    )


@router.get(
    "/partnerships/{partnership_id}/plan",
    response={200: PlanOut, **errors(401, 404, 422)},
    summary="The plan: open assignments in rank order with projected finish, and weekly load",
)
def plan_view(
    request: HttpRequest,
    partnership_id: int,
    limit: int = Query(PLAN_PAGE, ge=1, le=MAX_PLAN_PAGE, description="Assignments per page."),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="Assignments to skip, in rank order."),
    attention_first: bool = Query(
        False, description="Late and at-risk assignments first, then the rest, each in rank order."
    ),
):
    partnership = get_partnership_for(request.auth, partnership_id)
    plan = visible_plan(request.auth, partnership)
    rows = plan.rows
    if attention_first:
        rows = sorted(rows, key=lambda row: not (row.scheduled.late or row.scheduled.at_risk))
    page = rows[offset : offset + limit]
    return Status(
        200,
        PlanOut(
            today=plan.today,
            total=len(plan.rows),
            late_count=plan.late_count,
            at_risk_count=plan.at_risk_count,
            assignments=[_planned(row.assignment, row.scheduled) for row in page],
            weeks=[_week(w) for w in plan.weeks[:API_WEEKS]],
            other_work=OtherWorkOut(count=plan.other_count, effort_minutes=plan.other_minutes),
        ),
    )


@router.post(
    "/partnerships/{partnership_id}/assignments",
    response={201: PlannedOut, **errors(400, 401, 403, 404, 422)},
    summary="Capture an assignment (natural dates and efforts)",
)
def assignment_create(request: HttpRequest, partnership_id: int, payload: AssignmentIn):
    partnership = get_partnership_for(request.auth, partnership_id, owner_only=True)
    user = request.auth
    draft = services.AssignmentDraft(
        title=payload.title,
        effort_minutes=read_effort(
            payload.effort, day_minutes(user), field="effort", required=True
        ),
        due=read_date(payload.due, user.local_today(), field="due"),
        asked_by=payload.asked_by,
        priority=payload.priority,
        status=AssignmentStatus.PROPOSED if payload.proposed else AssignmentStatus.ACCEPTED,
    )
    assignment = services.assignment_create(user, partnership, draft)
    return Status(201, _detail_out(user, partnership, assignment.pk))


@router.get(
    "/partnerships/{partnership_id}/assignments/{assignment_id}",
    response={200: PlannedOut, **errors(401, 404, 422)},
    summary="One assignment as the requester may see it",
)
def assignment_detail(request: HttpRequest, partnership_id: int, assignment_id: int):
    partnership = get_partnership_for(request.auth, partnership_id)
    return Status(200, _detail_out(request.auth, partnership, assignment_id))


@router.patch(
    "/partnerships/{partnership_id}/assignments/{assignment_id}",
    response={200: PlannedOut, **errors(400, 401, 403, 404, 422)},
    summary="Change an assignment: status (e.g. done), due date, remaining effort, priority",
)
def assignment_update(
    request: HttpRequest, partnership_id: int, assignment_id: int, payload: AssignmentPatch
):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    require_area(user, partnership, "workload")
    assignment = get_assignment_for(user, assignment_id, partnership)
    given = payload.model_dump(exclude_unset=True)
    # Every value is read before anything is written: a bad one changes nothing.
    changes = {}
    if "title" in given:
        changes["title"] = given["title"] or ""
    if "due" in given:
        changes["due"] = read_date(given["due"], user.local_today(), field="due")
    if "remaining" in given:
        changes["remaining_minutes"] = read_effort(
            given["remaining"], day_minutes(user), field="remaining", allow_zero=True, required=True
        )
    if "status" in given:
        if given["status"] is None:
            raise TandemError("Give a status.", field="status")
        changes["status"] = given["status"]
    if "priority" in given:
        changes["priority"] = given["priority"]
    services.assignment_update(user, assignment, changes)
    return Status(200, _detail_out(user, partnership, assignment.pk))


def impact_out(whatif: WhatIf, today: dt.date) -> ImpactOut:
    impact, ask, options = whatif.impact, whatif.ask, whatif.options
    return ImpactOut(
        verdict=impact_verdict_for(whatif, today),
        fits=impact.fits,
        ask_finish=ask.finish,
        ask_late=ask.late,
        slips=[
            ShiftOut(
                id=s.item.id,
                title=s.item.title,
                finish_before=s.finish_before,
                finish_after=s.finish_after,
                delay_days=s.delay_days,
                became_late=s.became_late,
            )
            for s in impact.slips
        ],
        newly_late=[s.item.title for s in impact.newly_late],
        overloaded_weeks=[
            WeekOut(
                week_start=w.week_start,
                capacity_minutes=w.capacity_after,
                planned_minutes=0,
                required_minutes=w.required_after,
                overloaded=w.overload_after > 0,
            )
            for w in impact.weeks
            if w.overload_after > w.overload_before
        ],
        options=[
            OptionOut(
                letter=letter,
                explanation=o.explanation,
                why=o.why,
                moves=[m.describe(impact.after.horizon_start, numbered) for m in o.moves],
                fits=o.fits,
            )
            for letter, o in zip(OPTION_LETTERS, options, strict=False)
        ],
    )


@router.post(
    "/partnerships/{partnership_id}/whatif",
    response={200: ImpactOut, **errors(400, 401, 403, 404, 422)},
    summary="Impact and options of a new assignment, or of a change to one, without saving",
)
def whatif_view(request: HttpRequest, partnership_id: int, payload: WhatIfIn):
    partnership = get_partnership_for(request.auth, partnership_id, owner_only=True)
    user = request.auth
    workload = workload_for(user)
    if payload.assignment_id is None:
        if not payload.title:
            raise TandemError("Give the new ask a title.", field="title")
        effort = read_effort(payload.effort, workload.day_minutes, field="effort", required=True)
        due = read_date(payload.due, workload.today, field="due")
        whatif = workload.weigh_new(payload.title, effort, due, payload.priority)
        return Status(200, impact_out(whatif, workload.today))
    assignment = get_assignment_for(user, payload.assignment_id, partnership, owner_only=True)
    given = payload.model_dump(exclude_unset=True)
    effort = read_effort(payload.effort, workload.day_minutes, field="effort", allow_zero=True)
    due = assignment.due
    if "due" in given:
        due = read_date(given["due"], workload.today, field="due")
    whatif = workload.weigh_change(
        assignment,
        assignment.remaining_minutes if effort is None else effort,
        due,
        given.get("priority", assignment.priority),
    )
    if whatif is None:
        raise TandemError("Only an open assignment can be weighed up.", field="assignment_id")
    return Status(200, impact_out(whatif, workload.today))


@router.post(
    "/calendar/import",
    response={200: ImportOut, **errors(400, 401, 403, 409, 422)},
    summary="Import meetings (and all-day time off) from an .ics file",
)
def calendar_import(
    request: HttpRequest, file: File[UploadedFile], all_day_as_time_off: bool = True
):
    if file.size > services.MAX_ICS_BYTES:
        raise TandemError("That calendar is larger than 5 MB.", field="file")
    report = services.calendar_import(
        request.auth, file.read(), all_day_as_time_off=all_day_as_time_off
    )
    return Status(
        200,
        ImportOut(
            summary=report.summary,
            created=report.created,
            updated=report.updated,
            removed=report.removed,
            time_off_days=report.time_off_days,
            time_off_added=report.time_off_added,
            time_off_updated=report.time_off_updated,
            time_off_removed=report.time_off_removed,
            warnings=list(report.warnings),
            truncated=report.truncated,
        ),
    )


# Availability: the person's own time off and recurring commitments, whoever else may ask.


class TimeOffIn(Schema):
    first_day: DateText = Field(description="next monday, 24 dec, 2026-12-24")
    last_day: DateText | None = Field(
        None, description="The last day off, inclusive; the first day when left out."
    )
    part: TimeOff.Part = TimeOff.Part.WHOLE
    reason: text(max_length=120) = Field("", description="Private: your partner never sees it.")


class TimeOffOut(Schema):
    id: int
    first_day: dt.date
    last_day: dt.date
    part: TimeOff.Part
    reason: str


class CommitmentIn(Schema):
    title: text(min_length=1, max_length=120) = Field(
        description="What the time is for. Private: your partner sees only that you are busy."
    )
    weekday: int = Field(ge=0, le=6, description="0 is Monday, 6 is Sunday.")
    start: Clock = Field(description="HH:MM, e.g. 08:00")
    end: Clock = Field(description="HH:MM, e.g. 10:00")
    every_weeks: int = Field(
        1, ge=1, le=services.MAX_EVERY_WEEKS, description="1 every week, 2 every other week"
    )


class CommitmentOut(Schema):
    id: int
    title: str
    weekday: int
    start: str
    end: str
    every_weeks: int
    starts_on: dt.date


def _time_off_out(record: TimeOff) -> TimeOffOut:
    return TimeOffOut(
        id=record.pk,
        first_day=record.first_day,
        last_day=record.last_day,
        part=record.part,
        reason=record.reason,
    )


def _commitment_out(record: Commitment) -> CommitmentOut:
    return CommitmentOut(
        id=record.pk,
        title=record.title,
        weekday=record.weekday,
        start=f"{record.start:%H:%M}",
        end=f"{record.end:%H:%M}",
        every_weeks=record.every_weeks,
        starts_on=record.starts_on,
    )


def _own(records, pk: int, missing: str):
    try:
        return records.get(pk=pk)
    except ObjectDoesNotExist:
        raise Http404(missing) from None


@router.get(
    "/me/time-off",
    response={200: list[TimeOffOut], **errors(401)},
    summary="My time off, current and to come",
)
def time_off_list(request: HttpRequest):
    user = request.auth
    return Status(
        200,
        [_time_off_out(t) for t in time_off_for(user).filter(last_day__gte=user.local_today())],
    )


@router.post(
    "/me/time-off",
    response={201: TimeOffOut, **errors(400, 401, 403, 422)},
    summary="Add time off (natural dates); nothing is planned then",
)
def time_off_create(request: HttpRequest, payload: TimeOffIn):
    user = request.auth
    today = user.local_today()
    first_day = read_date(payload.first_day, today, field="first_day")
    if first_day is None:
        raise TandemError("Give the first day off.", field="first_day")
    last_day = read_date(payload.last_day, today, field="last_day") or first_day
    record = services.time_off_add(user, first_day, last_day, payload.part, payload.reason)
    return Status(201, _time_off_out(record))


@router.delete(
    "/me/time-off/{time_off_id}",
    response={204: None, **errors(401, 403, 404, 422)},
    summary="Remove time off",
)
def time_off_delete(request: HttpRequest, time_off_id: int):
    record = _own(time_off_for(request.auth), time_off_id, "No such time off.")
    services.availability_remove(record)
    return Status(204, None)


@router.get(
    "/me/commitments",
    response={200: list[CommitmentOut], **errors(401)},
    summary="My recurring commitments",
)
def commitment_list(request: HttpRequest):
    return Status(200, [_commitment_out(c) for c in commitments_for(request.auth)])


@router.post(
    "/me/commitments",
    response={201: CommitmentOut, **errors(400, 401, 403, 422)},
    summary="Block recurring time, e.g. the Tuesday 08:00–10:00 school run",
)
def commitment_create(request: HttpRequest, payload: CommitmentIn):
    record = services.commitment_add(
        request.auth,
        payload.title,
        payload.weekday,
        dt.time.fromisoformat(payload.start),
        dt.time.fromisoformat(payload.end),
        payload.every_weeks,
    )
    return Status(201, _commitment_out(record))


@router.delete(
    "/me/commitments/{commitment_id}",
    response={204: None, **errors(401, 403, 404, 422)},
    summary="Remove a recurring commitment",
)
def commitment_delete(request: HttpRequest, commitment_id: int):
    record = _own(commitments_for(request.auth), commitment_id, "No such commitment.")
    services.availability_remove(record)
    return Status(204, None)


# The brief: what an ask displaces and the options, written as the partner will read it.


class BriefOut(Schema):
    assignment_id: int
    title: str
    question: str = Field(description="The one question the brief asks the partner.")
    markdown: str = Field(description="The whole brief as Markdown, e.g. for an e-mail.")
    email_subject: str
    options: list[OptionOut]
    chosen: int | None = Field(description="The index of the option the brief proposes.")


class ChoiceIn(Schema):
    option: int = Field(ge=0, lt=len(OPTION_LETTERS), description="0 for option A, 1 for B, …")


class BriefShareIn(Schema):
    option: int | None = Field(
        None, ge=0, lt=len(OPTION_LETTERS), description="The option the brief proposes."
    )


class BriefShareOut(Schema):
    id: int
    title: str
    created_at: dt.datetime
    expires_at: dt.datetime


class IssuedBriefShareOut(BriefShareOut):
    url: str  # shown once; only its hash is stored


class AppliedOut(Schema):
    letter: str
    changes: list[str] = Field(description="What was changed, in words.")


def _brief(user, partnership_id: int, assignment_id: int, option: int | None):
    """The brief for the owner's own assignment, with `option` proposed; 404 for anyone else."""
    partnership, assignment = get_owned_assignment(user, partnership_id, assignment_id)
    composed = brief_for(workload_for(user), partnership, assignment, option)
    if option is not None and composed.chosen is None:
        count = len(composed.options)
        if count == 0:
            raise TandemError("This ask fits as it is: there are no options.", field="option")
        letters = f"{OPTION_LETTERS[0]}–{OPTION_LETTERS[count - 1]}" if count > 1 else "A"
        raise TandemError(
            f"There is no option {OPTION_LETTERS[option]}: choose {letters}.", field="option"
        )
    return partnership, assignment, composed


def _brief_options(composed) -> list[OptionOut]:
    if composed.impact is None:
        return []
    start = composed.impact.after.horizon_start
    return [
        OptionOut(
            letter=letter,
            explanation=o.explanation,
            why=o.why,
            moves=[m.describe(start) for m in o.moves],
            fits=o.fits,
        )
        for letter, o in zip(OPTION_LETTERS, composed.options, strict=False)
    ]


def _share_out(share: BriefShare, url: str | None = None) -> dict:
    out = {
        "id": share.pk,
        "title": share.title,
        "created_at": share.created_at,
        "expires_at": share.expires_at,
    }
    return out if url is None else {**out, "url": url}


@router.get(
    "/partnerships/{partnership_id}/assignments/{assignment_id}/brief",
    response={200: BriefOut, **errors(400, 401, 404, 422)},
    summary="The brief for an ask, as the partner would read it, with Markdown (owner only)",
)
def brief_view(
    request: HttpRequest,
    partnership_id: int,
    assignment_id: int,
    option: int | None = Query(
        None, ge=0, lt=len(OPTION_LETTERS), description="Propose this option: 0 for A, 1 for B, …"
    ),
):
    _, assignment, composed = _brief(request.auth, partnership_id, assignment_id, option)
    brief = composed.brief
    return Status(
        200,
        BriefOut(
            assignment_id=assignment.pk,
            title=brief.title,
            question=brief.question,
            markdown=brief.markdown,
            email_subject=brief.email_subject,
            options=_brief_options(composed),
            chosen=composed.chosen,
        ),
    )


@router.post(
    "/partnerships/{partnership_id}/assignments/{assignment_id}/brief/share",
    response={201: IssuedBriefShareOut, **errors(400, 401, 403, 404, 422)},
    summary="A read-only link to the brief, frozen as it is now (the URL is returned once)",
)
def brief_share_create(
    request: HttpRequest, partnership_id: int, assignment_id: int, payload: BriefShareIn
):
    partnership, assignment, composed = _brief(
        request.auth, partnership_id, assignment_id, payload.option
    )
    share, secret = services.brief_share_create(
        partnership,
        composed.brief.title,
        composed.brief.markdown,
        snapshot_of(composed),
        assignment=assignment,
    )
    url = request.build_absolute_uri(reverse("brief-shared", args=[secret]))
    return Status(201, _share_out(share, url))


@router.get(
    "/partnerships/{partnership_id}/brief-shares",
    response={200: list[BriefShareOut], **errors(401, 404, 422)},
    summary="The brief links that still work (owner only)",
)
def brief_share_list(request: HttpRequest, partnership_id: int):
    partnership = get_partnership_for(request.auth, partnership_id, owner_only=True)
    shares = brief_shares_for(request.auth).filter(partnership=partnership).live()
    return Status(200, [_share_out(share) for share in shares])


@router.delete(
    "/partnerships/{partnership_id}/brief-shares/{share_id}",
    response={204: None, **errors(401, 403, 404, 422)},
    summary="Revoke a brief link: it stops working at once (owner only)",
)
def brief_share_revoke(request: HttpRequest, partnership_id: int, share_id: int):
    partnership = get_partnership_for(request.auth, partnership_id, owner_only=True)
    shares = brief_shares_for(request.auth).filter(partnership=partnership).live()
    services.brief_share_revoke(_own(shares, share_id, "No such brief link."))
    return Status(204, None)


@router.post(
    "/partnerships/{partnership_id}/assignments/{assignment_id}/brief/apply",
    response={200: AppliedOut, **errors(400, 401, 403, 404, 422)},
    summary="The partner agreed: carry out one of the brief's options (owner only)",
)
def option_apply(request: HttpRequest, partnership_id: int, assignment_id: int, payload: ChoiceIn):
    user = request.auth
    _, assignment, composed = _brief(user, partnership_id, assignment_id, payload.option)
    changes = services.option_apply(user, assignment, composed.options[composed.chosen].moves)
    return Status(200, AppliedOut(letter=OPTION_LETTERS[composed.chosen], changes=changes))


# Answers to a shared brief: the owner reads them; the partner answers in the app.


class AnswerIn(Schema):
    choice: text(min_length=1, max_length=8) = Field(
        description='One of the brief\'s options by index (0 for A, 1 for B, …), or "talk".'
    )
    note: text(max_length=BriefAnswer.MAX_NOTE) = Field("", description="Optional.")


class AnswerOut(Schema):
    id: int
    assignment_id: int | None
    brief_title: str
    question: str = Field(description="The question the brief asked.")
    choice: str = Field(description='The option\'s index (0 for A), or "talk".')
    letter: str | None = Field(description="The option's letter; null for “let's talk”.")
    option: str = Field(description="The option as the brief worded it; empty for a talk.")
    note: str
    answered_by: str = Field(description="The partner's name; the link's reader counts as them.")
    through_link: bool = Field(description="Sent by the reader of the link, not signed in.")
    answered_at: dt.datetime
    reopened_at: dt.datetime | None = Field(description="When the owner asked for another answer.")
    handled_at: dt.datetime | None = Field(description="When the owner marked it as handled.")


def _answer_out(answer: AnswerView) -> AnswerOut:
    return AnswerOut(
        id=answer.pk,
        assignment_id=answer.assignment_id,
        brief_title=answer.brief_title,
        question=answer.question,
        choice=BriefAnswer.TALK if answer.option is None else str(answer.option),
        letter=answer.letter or None,
        option=answer.option_text,
        note=answer.note,
        answered_by=answer.who,
        through_link=answer.via_link,
        answered_at=answer.answered_at,
        reopened_at=answer.reopened_at,
        handled_at=answer.handled_at,
    )


@router.get(
    "/partnerships/{partnership_id}/assignments/{assignment_id}/answers",
    response={200: list[AnswerOut], **errors(401, 404, 422)},
    summary="The partner's answers to the briefs shared about an assignment, newest first "
    "(owner only)",
)
def answer_list(request: HttpRequest, partnership_id: int, assignment_id: int):
    partnership, assignment = get_owned_assignment(request.auth, partnership_id, assignment_id)
    answers = answers_to_assignment(request.auth, partnership, assignment.pk)
    return Status(200, [_answer_out(answer) for answer in answers])


@router.post(
    "/partnerships/{partnership_id}/assignments/{assignment_id}/answers",
    response={201: AnswerOut, **errors(400, 401, 403, 404, 409, 410, 422)},
    summary="Answer the latest brief shared about an assignment: an option or a talk "
    "(the partner, when the workload is shared; one answer per brief until the owner reopens it)",
)
def answer_create(request: HttpRequest, partnership_id: int, assignment_id: int, payload: AnswerIn):
    partnership = get_partnership_for(request.auth, partnership_id)
    share = open_brief_for(request.auth, partnership, assignment_id)
    if share is None:
        raise TandemError("No brief about this assignment is waiting for an answer.")
    answer = services.brief_answer_create(share, request.auth, payload.choice, payload.note)
    return Status(201, _answer_out(AnswerView.of(answer, partnership)))
