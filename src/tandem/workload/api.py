from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import File, Router, Schema, Status, UploadedFile
from pydantic import Field

from tandem.lib.dates import DateParseError, parse_date
from tandem.lib.efforts import EffortParseError, parse_effort
from tandem.lib.errors import TandemError
from tandem.planning import ScheduledItem
from tandem.privacy import (
    get_assignment_for,
    get_partnership_for,
    workload_owner_for,
)
from tandem.schemas import Detail
from tandem.workload import services
from tandem.workload.models import Assignment
from tandem.workload.models import Status as AssignmentStatus
from tandem.workload.planning import WhatIf, day_minutes, workload_for

router = Router(tags=["workload"])


class PlannedOut(Schema):
    id: int
    title: str
    status: str
    asked_by: str
    asked_on: dt.date
    due: dt.date | None
    effort_minutes: int
    priority: int | None
    rank: int | None
    projected_start: dt.date | None
    projected_finish: dt.date | None
    slack_days: int | None
    late: bool
    at_risk: bool
    why: str


class AssignmentIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    effort: str = Field(min_length=1, max_length=40, description="3h, 1.5d, 90m, 2h30m")
    due: str | None = Field(None, max_length=60, description="next friday, in 2 weeks, 2026-12-04")
    asked_by: str = Field("", max_length=80)
    priority: int | None = Field(None, ge=1, le=999)
    proposed: bool = False


class WhatIfIn(AssignmentIn):
    assignment_id: int | None = Field(
        None, description="Weigh a change to this assignment instead of a new one."
    )


class AssignmentPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    status: AssignmentStatus | None = None
    due: str | None = Field(None, max_length=60)
    remaining: str | None = Field(None, max_length=40)
    priority: int | None = Field(None, ge=1, le=999)


class WeekOut(Schema):
    week_start: dt.date
    capacity_minutes: int
    planned_minutes: int
    required_minutes: int
    overloaded: bool


class PlanOut(Schema):
    today: dt.date
    assignments: list[PlannedOut]
    weeks: list[WeekOut]


class ShiftOut(Schema):
    id: int | str
    title: str
    finish_before: dt.date | None
    finish_after: dt.date | None
    delay_days: int | None
    became_late: bool


class OptionOut(Schema):
    explanation: str
    why: str
    moves: list[str]
    fits: bool


class ImpactOut(Schema):
    fits: bool
    ask_finish: dt.date | None
    ask_late: bool
    slips: list[ShiftOut]
    newly_late: list[str]
    overloaded_weeks: list[WeekOut]
    options: list[OptionOut]


class ImportOut(Schema):
    created: int
    updated: int
    removed: int
    time_off_days: int
    warnings: list[str]
    truncated: bool


def _due(text: str | None, today: dt.date) -> dt.date | None:
    if not text:
        return None
    try:
        return parse_date(text, today)
    except DateParseError as error:
        raise TandemError(str(error), field="due") from None


def _effort(text: str, user, *, allow_zero: bool = False) -> int:
    try:
        return parse_effort(text, day_minutes(user), allow_zero=allow_zero)
    except EffortParseError as error:
        raise TandemError(str(error), field="effort") from None


def _planned(assignment: Assignment, scheduled: ScheduledItem | None) -> PlannedOut:
    return PlannedOut(
        id=assignment.pk,
        title=assignment.title,
        status=assignment.status,
        asked_by=assignment.asked_by,
        asked_on=assignment.asked_on,
        due=assignment.due,
        effort_minutes=assignment.effort_minutes() if assignment.is_open else 0,
        priority=assignment.priority,
        rank=scheduled.rank if scheduled else None,
        projected_start=scheduled.start if scheduled else None,
        projected_finish=scheduled.finish if scheduled else None,
        slack_days=scheduled.slack_days if scheduled else None,
        late=scheduled.late if scheduled else False,
        at_risk=scheduled.at_risk if scheduled else False,
        why=scheduled.reason if scheduled else "",
    )


def _week(week) -> WeekOut:
    return WeekOut(
        week_start=week.week_start,
        capacity_minutes=week.capacity_minutes,
        planned_minutes=week.planned_minutes,
        required_minutes=week.required_minutes,
        overloaded=week.overloaded,
    )


def _visible_workload(request: HttpRequest, partnership_id: int):
    partnership = get_partnership_for(request.auth, partnership_id)
    owner = workload_owner_for(request.auth, partnership)
    return partnership, workload_for(owner)


@router.get(
    "/partnerships/{partnership_id}/plan",
    response={200: PlanOut, 404: Detail},
    summary="The plan: open assignments in rank order with projected finish, and weekly load",
)
def plan_view(request: HttpRequest, partnership_id: int):
    partnership, workload = _visible_workload(request, partnership_id)
    by_id = workload.by_id
    rows = [_planned(by_id[s.id], s) for s in workload.scheduled_in(partnership)]
    weeks = [_week(w) for w in workload.plan.weeks[:12]]
    return Status(200, PlanOut(today=workload.today, assignments=rows, weeks=weeks))


@router.post(
    "/partnerships/{partnership_id}/assignments",
    response={201: PlannedOut, 400: Detail, 404: Detail},
    summary="Capture an assignment (natural dates and efforts)",
)
def assignment_create(request: HttpRequest, partnership_id: int, payload: AssignmentIn):
    partnership = get_partnership_for(request.auth, partnership_id, owner_only=True)
    user = request.auth
    draft = services.AssignmentDraft(
        title=payload.title,
        effort_minutes=_effort(payload.effort, user),
        due=_due(payload.due, user.local_today()),
        asked_by=payload.asked_by,
        priority=payload.priority,
        status=AssignmentStatus.PROPOSED if payload.proposed else AssignmentStatus.ACCEPTED,
    )
    assignment = services.assignment_create(user, partnership, draft)
    workload = workload_for(user)
    return Status(201, _planned(assignment, workload.plan.scheduled.get(assignment.pk)))


@router.get(
    "/partnerships/{partnership_id}/assignments/{assignment_id}",
    response={200: PlannedOut, 404: Detail},
)
def assignment_detail(request: HttpRequest, partnership_id: int, assignment_id: int):
    partnership, workload = _visible_workload(request, partnership_id)
    assignment = get_assignment_for(request.auth, assignment_id, partnership)
    return Status(200, _planned(assignment, workload.plan.scheduled.get(assignment.pk)))


@router.patch(
    "/partnerships/{partnership_id}/assignments/{assignment_id}",
    response={200: PlannedOut, 400: Detail, 404: Detail},
    summary="Change an assignment: status (e.g. done), due date, remaining effort, priority",
)
def assignment_update(
    request: HttpRequest, partnership_id: int, assignment_id: int, payload: AssignmentPatch
):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    workload_owner_for(user, partnership)
    assignment = get_assignment_for(user, assignment_id, partnership)
    changes = payload.model_dump(exclude_unset=True)
    if not changes:
        raise TandemError("Send at least one field to change.")
    if set(changes) - {"priority"} and not partnership.is_owner(user):
        raise TandemError("Only the owner changes anything but the priority.")
    if "priority" in changes:
        services.priority_set(assignment, changes.pop("priority"), user)
    if changes.get("title"):
        assignment.title = changes["title"].strip()
    if "due" in changes:
        assignment.due = _due(changes["due"], user.local_today())
    if changes.get("remaining"):
        assignment.remaining_minutes = _effort(changes["remaining"], user, allow_zero=True)
    assignment.save()
    if changes.get("status"):
        if changes["status"] == AssignmentStatus.ACCEPTED and not assignment.is_open:
            services.assignment_reopen(assignment)
        else:
            services.assignment_set_status(assignment, changes["status"])
    workload = workload_for(assignment.owner)
    return Status(200, _planned(assignment, workload.plan.scheduled.get(assignment.pk)))


def impact_out(whatif: WhatIf) -> ImpactOut:
    impact, ask, options = whatif.impact, whatif.ask, whatif.options
    return ImpactOut(
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
                explanation=o.explanation,
                why=o.why,
                moves=[m.describe(impact.after.horizon_start) for m in o.moves],
                fits=o.fits,
            )
            for o in options
        ],
    )


@router.post(
    "/partnerships/{partnership_id}/whatif",
    response={200: ImpactOut, 400: Detail, 404: Detail},
    summary="Impact and options of a new assignment, or of a change to one, without saving",
)
def whatif_view(request: HttpRequest, partnership_id: int, payload: WhatIfIn):
    partnership = get_partnership_for(request.auth, partnership_id, owner_only=True)
    user = request.auth
    workload = workload_for(user)
    effort, due = _effort(payload.effort, user), _due(payload.due, workload.today)
    if payload.assignment_id is None:
        return Status(
            200, impact_out(workload.weigh_new(payload.title, effort, due, payload.priority))
        )
    assignment = get_assignment_for(user, payload.assignment_id, partnership, owner_only=True)
    whatif = workload.weigh_change(assignment, effort, due, payload.priority)
    if whatif is None:
        raise TandemError("Only an open assignment can be weighed up.", field="assignment_id")
    return Status(200, impact_out(whatif))


@router.post(
    "/calendar/import",
    response={200: ImportOut, 400: Detail},
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
            created=report.created,
            updated=report.updated,
            removed=report.removed,
            time_off_days=report.time_off_days,
            warnings=list(report.warnings),
            truncated=report.truncated,
        ),
    )
