from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import File, Router, Schema, Status, UploadedFile
from pydantic import Field

from tandem.lib.dates import read_date
from tandem.lib.efforts import read_effort
from tandem.lib.errors import TandemError
from tandem.lib.numbers import MAX_PRIORITY
from tandem.planning import ScheduledItem
from tandem.planning.options import OPTION_LETTERS
from tandem.privacy import get_partnership_for, require_area
from tandem.schemas import Detail
from tandem.workload import services
from tandem.workload.briefs import impact_verdict_for
from tandem.workload.models import Status as AssignmentStatus
from tandem.workload.planning import WhatIf, day_minutes, workload_for
from tandem.workload.privacy import (
    AssignmentView,
    get_assignment_for,
    visible_assignment,
    visible_plan,
)

router = Router(tags=["workload"])
# The weekly load the plan route returns.
API_WEEKS = 12


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
    title: str = Field(min_length=1, max_length=200)
    effort: str = Field(min_length=1, max_length=40, description="3h, 1.5d, 90m, 2h30m")
    due: str | None = Field(None, max_length=60, description="next friday, in 2 weeks, 2026-12-04")
    asked_by: str = Field("", max_length=80)
    priority: int | None = Field(None, ge=1, le=MAX_PRIORITY)
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
    assignments: list[PlannedOut]
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
    created: int
    updated: int
    removed: int
    time_off_days: int
    warnings: list[str]
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
    response={200: PlanOut, 404: Detail},
    summary="The plan: open assignments in rank order with projected finish, and weekly load",
)
def plan_view(request: HttpRequest, partnership_id: int):
    partnership = get_partnership_for(request.auth, partnership_id)
    plan = visible_plan(request.auth, partnership)
    return Status(
        200,
        PlanOut(
            today=plan.today,
            assignments=[_planned(row.assignment, row.scheduled) for row in plan.rows],
            weeks=[_week(w) for w in plan.weeks[:API_WEEKS]],
            other_work=OtherWorkOut(count=plan.other_count, effort_minutes=plan.other_minutes),
        ),
    )


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
    response={200: PlannedOut, 404: Detail},
)
def assignment_detail(request: HttpRequest, partnership_id: int, assignment_id: int):
    partnership = get_partnership_for(request.auth, partnership_id)
    return Status(200, _detail_out(request.auth, partnership, assignment_id))


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
                moves=[m.describe(impact.after.horizon_start) for m in o.moves],
                fits=o.fits,
            )
            for letter, o in zip(OPTION_LETTERS, options, strict=False)
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
    effort = read_effort(payload.effort, workload.day_minutes, field="effort", required=True)
    due = read_date(payload.due, workload.today, field="due")
    if payload.assignment_id is None:
        whatif = workload.weigh_new(payload.title, effort, due, payload.priority)
        return Status(200, impact_out(whatif, workload.today))
    assignment = get_assignment_for(user, payload.assignment_id, partnership, owner_only=True)
    whatif = workload.weigh_change(assignment, effort, due, payload.priority)
    if whatif is None:
        raise TandemError("Only an open assignment can be weighed up.", field="assignment_id")
    return Status(200, impact_out(whatif, workload.today))


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
