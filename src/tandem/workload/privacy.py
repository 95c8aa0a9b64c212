"""Who sees what of a workload: the workload's reads, scoped to the viewer.

Views, the API and the command line reach assignments only through these functions. They
apply the core's one rule (`tandem.privacy.Scope`): the owner sees all of their work, each
assignment marked with its partnership; the partner sees this partnership's assignments and
a total for the rest. What they hand a partner never carries private notes: rows are
dataclasses without them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from tandem.accounts.models import User
from tandem.lib.tokens import token_hash
from tandem.partnerships.models import Partnership
from tandem.planning import ScheduledItem, WeekLoad
from tandem.privacy import Scope, get_partnership_for, require_area
from tandem.workload.models import (
    Assignment,
    BriefAnswer,
    BriefOption,
    BriefShare,
    PriorityChange,
    Status,
    Step,
)
from tandem.workload.planning import Blocked, Workload, blocked_time, workload_for

AREA = "workload"
RECENTLY_DONE = 5
PRIORITY_HISTORY = 10


def assignments_for(user: User) -> QuerySet[Assignment]:
    """The user's own assignments, plus those of partnerships whose owner shares the workload."""
    if not user.is_authenticated:
        return Assignment.objects.none()
    shared = Q(partnership__partner=user, partnership__share_workload=True)
    return Assignment.objects.filter(Q(owner=user) | shared)


def get_assignment_for(
    user: User, pk: int, partnership: Partnership, *, owner_only: bool = False
) -> Assignment:
    """One assignment of this partnership, for a write by someone who may reach it."""
    assignments = assignments_for(user).filter(partnership=partnership)
    if owner_only:
        assignments = assignments.filter(owner=user)
    try:
        return assignments.select_related("partnership__owner", "priority_set_by").get(pk=pk)
    except Assignment.DoesNotExist:
        raise Http404("No such assignment.") from None


def get_owned_assignment(
    user: User, partnership_pk: int, assignment_pk: int
) -> tuple[Partnership, Assignment]:
    """The owner's own assignment in their partnership, for the owner's writes; 404 otherwise."""
    partnership = get_partnership_for(user, partnership_pk, owner_only=True)
    return partnership, get_assignment_for(user, assignment_pk, partnership, owner_only=True)


NOT_INVITED_TO_REORDER = "You are not invited to change priorities here."


def can_reorder(user: User, partnership: Partnership) -> bool:
    """The owner always; the partner when invited to reorder a shared workload."""
    if partnership.is_owner(user):
        return True
    return (
        partnership.partner_id == user.pk
        and partnership.share_workload
        and partnership.partner_may_reorder
    )


def brief_shares_for(user: User) -> QuerySet[BriefShare]:
    if not user.is_authenticated:
        return BriefShare.objects.none()
    return BriefShare.objects.filter(partnership__owner=user)


@dataclass(frozen=True)
class AssignmentView:
    """An assignment as a viewer may see it: everything but the owner's private notes."""

    pk: int
    title: str
    status: str
    status_label: str
    is_open: bool
    asked_by: str
    asked_on: dt.date
    due: dt.date | None
    not_before: dt.date | None
    effort_minutes: int
    priority: int | None
    priority_set_by: str
    priority_set_at: dt.datetime | None
    completed_at: dt.datetime | None
    # Marked for the owner, whose plan holds every partnership's work.
    partnership_id: int
    in_this_partnership: bool
    partnership_label: str

    @classmethod
    def of(
        cls,
        assignment: Assignment,
        scope: Scope,
        labels: dict[int, str],
        *,
        priority_set_by: str = "",
    ) -> AssignmentView:
        return cls(
            pk=assignment.pk,
            title=assignment.title,
            status=assignment.status,
            status_label=Status(assignment.status).label,
            is_open=assignment.is_open,
            asked_by=assignment.asked_by,
            asked_on=assignment.asked_on,
            due=assignment.due,
            not_before=assignment.not_before,
            effort_minutes=assignment.effort_minutes() if assignment.is_open else 0,
            priority=assignment.priority,
            priority_set_by=priority_set_by,
            priority_set_at=assignment.priority_set_at,
            completed_at=assignment.completed_at,
            partnership_id=assignment.partnership_id,
            in_this_partnership=assignment.partnership_id == scope.partnership.pk,
            partnership_label=labels.get(assignment.partnership_id, ""),
        )


@dataclass(frozen=True)
class PlanRow:
    assignment: AssignmentView
    scheduled: ScheduledItem


@dataclass(frozen=True)
class VisiblePlan:
    """The plan as one viewer may see it, in rank order."""

    viewer_is_owner: bool
    today: dt.date
    day_minutes: int
    rows: tuple[PlanRow, ...]
    weeks: tuple[WeekLoad, ...]
    # The owner's work that the viewer may not see: counted, never named.
    other_count: int
    other_minutes: int

    @property
    def late_count(self) -> int:
        return sum(1 for row in self.rows if row.scheduled.late)

    @property
    def at_risk_count(self) -> int:
        return sum(1 for row in self.rows if row.scheduled.at_risk and not row.scheduled.late)

    @property
    def here_count(self) -> int:
        return sum(1 for row in self.rows if row.assignment.in_this_partnership)


def _labels(scope: Scope) -> dict[int, str]:
    """For the owner, the name of each of their partnerships, to mark where work belongs."""
    if not scope.viewer_is_owner:
        return {}
    owned = Partnership.objects.filter(owner_id=scope.partnership.owner_id)
    return dict(owned.values_list("pk", "partner_name"))


def visible_plan(
    viewer: User, partnership: Partnership, workload: Workload | None = None
) -> VisiblePlan:
    """The owner's plan as `viewer` may see it; 404 when the workload is not shared with them.

    Pass the owner's `workload` when the caller has computed it already.
    """
    require_area(viewer, partnership, AREA)
    scope = Scope.of(viewer, partnership)
    workload = workload or workload_for(partnership.owner)
    labels = _labels(scope)
    by_id = workload.by_id
    rows, other_count, other_minutes = [], 0, 0
    for scheduled in workload.plan.scheduled.values():
        assignment = by_id[scheduled.id]
        if scope.names(assignment.partnership_id):
            rows.append(PlanRow(AssignmentView.of(assignment, scope, labels), scheduled))
        else:
            other_count += 1
            other_minutes += scheduled.item.remaining_minutes
    return VisiblePlan(
        viewer_is_owner=scope.viewer_is_owner,
        today=workload.today,
        day_minutes=workload.day_minutes,
        rows=tuple(rows),
        weeks=tuple(workload.plan.weeks),
        other_count=other_count,
        other_minutes=other_minutes,
    )


@dataclass(frozen=True)
class AssignmentDetail:
    """One assignment as a viewer may see it: its place in the plan, steps and history."""

    assignment: AssignmentView
    scheduled: ScheduledItem | None
    steps: list[Step]
    priority_changes: list[PriorityChange]


def visible_assignment(
    viewer: User, partnership: Partnership, pk: int, workload: Workload | None = None
) -> AssignmentDetail:
    """One assignment of this partnership; 404 unless the viewer may see it."""
    require_area(viewer, partnership, AREA)
    assignment = get_assignment_for(viewer, pk, partnership)
    scope = Scope.of(viewer, partnership)
    workload = workload or workload_for(partnership.owner)
    set_by = str(assignment.priority_set_by) if assignment.priority_set_by else ""
    changes = assignment.priority_changes.select_related("changed_by")
    return AssignmentDetail(
        assignment=AssignmentView.of(assignment, scope, _labels(scope), priority_set_by=set_by),
        scheduled=workload.plan.scheduled.get(assignment.pk),
        steps=list(assignment.steps.all()),
        priority_changes=list(changes[:PRIORITY_HISTORY]),
    )


def recently_done_for(viewer: User, partnership: Partnership) -> list[AssignmentView]:
    """The last few finished assignments the viewer may see."""
    require_area(viewer, partnership, AREA)
    scope = Scope.of(viewer, partnership)
    done = Assignment.objects.filter(owner_id=partnership.owner_id, status=Status.DONE)
    if not scope.viewer_is_owner:
        done = done.filter(partnership=partnership)
    done = done.defer("notes").order_by("-completed_at")
    labels = _labels(scope)
    return [AssignmentView.of(a, scope, labels) for a in done[:RECENTLY_DONE]]


def blocked_time_for(viewer: User, partnership: Partnership) -> list[Blocked] | None:
    """The owner's blocked time this week, for a partner they share availability with.

    None when the viewer is not to see it (the owner has their own availability page).
    """
    if partnership.is_owner(viewer) or not partnership.share_availability:
        return None
    owner = partnership.owner
    return blocked_time(owner, owner.local_today())


def reorderable_for(viewer: User, partnership: Partnership) -> QuerySet[Assignment]:
    """Open assignments whose priority `viewer` may set from this partnership's plan.

    The owner's plan holds all of their work; the partner reorders this partnership's only.
    """
    if not can_reorder(viewer, partnership):
        return Assignment.objects.none()
    assignments = Assignment.objects.open().filter(owner_id=partnership.owner_id)
    if not Scope.of(viewer, partnership).viewer_is_owner:
        assignments = assignments.filter(partnership=partnership)
    return assignments.defer("notes")


def time_off_for(user: User) -> QuerySet:
    """The person's own time off. Nobody else reads it: a partner sees blocked time only."""
    return user.time_off.all()


def commitments_for(user: User) -> QuerySet:
    """The person's own recurring commitments; like time off, never anyone else's."""
    return user.commitments.all()


# Answers to shared briefs. The owner reads them all; the partner sees the question they are
# asked and their own answer to it; a link's reader sees that brief and its answer, no more.

RECENT_ANSWERS = 5
ANSWER_HISTORY = 20


@dataclass(frozen=True)
class AnswerView:
    """An answer as the pages show it: who, which option or "let's talk", the note, when."""

    pk: int
    who: str
    via_link: bool
    choice_label: str
    option: int | None
    letter: str
    option_text: str
    wants_to_talk: bool
    note: str
    answered_at: dt.datetime
    reopened_at: dt.datetime | None
    handled_at: dt.datetime | None
    may_reopen: bool
    brief_title: str
    question: str
    assignment_id: int | None
    assignment_title: str

    @classmethod
    def of(cls, answer: BriefAnswer, partnership: Partnership) -> AnswerView:
        share = answer.share
        snapshot = share.snapshot if isinstance(share.snapshot, dict) else {}
        return cls(
            pk=answer.pk,
            # Whoever holds the link answers for the partner: it was sent to them.
            who=str(answer.answered_by) if answer.answered_by else partnership.partner_name,
            via_link=answer.answered_by_id is None,
            choice_label=answer.choice_label,
            option=answer.option,
            letter=answer.letter,
            option_text=answer.option_text,
            wants_to_talk=answer.wants_to_talk,
            note=answer.note,
            answered_at=answer.answered_at,
            reopened_at=answer.reopened_at,
            handled_at=answer.handled_at,
            may_reopen=answer.reopened_at is None and share.is_live,
            brief_title=share.title,
            question=str(snapshot.get("question", "")),
            assignment_id=answer.assignment_id,
            # Named where the read brought it along; never a query of its own.
            assignment_title=answer.assignment.title
            if BriefAnswer.assignment.is_cached(answer) and answer.assignment
            else "",
        )


@dataclass(frozen=True)
class OpenQuestion:
    """The latest live brief about an assignment: what it asks, and how it was answered."""

    share_id: int
    title: str
    question: str
    options: list[BriefOption]
    shared_at: dt.datetime
    expires_at: dt.datetime
    # The answer that stands, or else the last one the owner reopened.
    answer: AnswerView | None
    earlier: AnswerView | None


@dataclass(frozen=True)
class AnswersCard:
    """The answers card of an assignment page, as one viewer may see it."""

    viewer_is_owner: bool
    question: OpenQuestion | None
    answers: tuple[AnswerView, ...]

    @property
    def is_empty(self) -> bool:
        return self.question is None and not self.answers


def brief_answers_for(user: User) -> QuerySet[BriefAnswer]:
    """Answers to the briefs the user shared: only the owner reads them."""
    if not user.is_authenticated:
        return BriefAnswer.objects.none()
    return BriefAnswer.objects.filter(partnership__owner=user)


def get_brief_answer_for(user: User, partnership: Partnership, pk: int) -> BriefAnswer:
    """One answer in the owner's partnership, for the owner's actions on it; 404 otherwise."""
    answers = brief_answers_for(user).filter(partnership=partnership)
    try:
        return answers.select_related("share", "partnership").get(pk=pk)
    except BriefAnswer.DoesNotExist:
        raise Http404("No such answer.") from None


def live_share_for_token(token: str) -> BriefShare | None:
    """The brief a link shows, while it works; the token reaches nothing else."""
    shares = BriefShare.objects.live().select_related("partnership__owner")
    return shares.filter(token_hash=token_hash(token)).first()


def latest_answer(share: BriefShare) -> BriefAnswer | None:
    """The last answer through this link: standing, or reopened by the owner."""
    return share.answers.select_related("answered_by").first()


def open_brief_for(viewer: User, partnership: Partnership, assignment_pk: int) -> BriefShare | None:
    """The latest live brief about an assignment the viewer may see; 404 for the assignment
    when they may not. The partner answers this one in the app."""
    require_area(viewer, partnership, AREA)
    assignment = get_assignment_for(viewer, assignment_pk, partnership)
    shares = BriefShare.objects.live().filter(partnership=partnership, assignment=assignment)
    share = shares.order_by("-created_at", "-pk").first()
    if share is not None:
        share.partnership = partnership
    return share


def _open_question(share: BriefShare | None, partnership: Partnership) -> OpenQuestion | None:
    if share is None:
        return None
    latest = latest_answer(share)
    view = AnswerView.of(latest, partnership) if latest is not None else None
    standing = view is not None and view.reopened_at is None
    snapshot = share.snapshot if isinstance(share.snapshot, dict) else {}
    return OpenQuestion(
        share_id=share.pk,
        title=share.title,
        question=str(snapshot.get("question", "")),
        options=share.options(),
        shared_at=share.created_at,
        expires_at=share.expires_at,
        answer=view if standing else None,
        earlier=None if standing else view,
    )


def assignment_answers_for(
    viewer: User, partnership: Partnership, assignment_pk: int
) -> AnswersCard:
    """What the assignment page shows of its briefs' answers, in a fixed number of queries.

    The owner sees every answer, newest first; the partner sees the open question and their
    answer to it. 404 unless the viewer may see the assignment.
    """
    share = open_brief_for(viewer, partnership, assignment_pk)
    question = _open_question(share, partnership)
    if not partnership.is_owner(viewer):
        return AnswersCard(viewer_is_owner=False, question=question, answers=())
    answers = answers_to_assignment(viewer, partnership, assignment_pk)
    return AnswersCard(viewer_is_owner=True, question=question, answers=answers)


def answers_to_assignment(
    owner: User, partnership: Partnership, assignment_pk: int
) -> tuple[AnswerView, ...]:
    """The latest answers to the briefs about one of the owner's assignments, newest first;
    none for anyone else."""
    answers = (
        brief_answers_for(owner)
        .filter(partnership=partnership, assignment_id=assignment_pk)
        .select_related("share", "answered_by", "assignment")
        .defer("assignment__notes")
    )
    return tuple(AnswerView.of(a, partnership) for a in answers[:ANSWER_HISTORY])


def unhandled_answers_for(
    viewer: User, partnership: Partnership
) -> tuple[list[AnswerView], bool] | None:
    """The newest answers the owner has not dealt with, and whether there are more; None for
    anyone but the owner. One query."""
    if not partnership.is_owner(viewer):
        return None
    answers = (
        brief_answers_for(viewer)
        .filter(partnership=partnership)
        .unhandled()
        .select_related("share", "answered_by", "assignment")
        .defer("assignment__notes")
    )
    found = list(answers[: RECENT_ANSWERS + 1])
    views = [AnswerView.of(answer, partnership) for answer in found[:RECENT_ANSWERS]]
    return views, len(found) > RECENT_ANSWERS


@dataclass(frozen=True)
class WorkloadForAgenda:
    """What the workload offers a one-on-one agenda (`tandem.oneonones`), for the owner."""

    # This partnership's open assignments that are late or at risk, in plan order.
    at_risk: tuple[PlanRow, ...]
    # Live briefs the partner has not answered, with the day each was shared.
    unanswered_briefs: tuple[BriefShare, ...]
    # Answers that asked to talk about an overload, still not dealt with.
    talk_answers: tuple[AnswerView, ...]
    # Assignments of this partnership asked for after `since`, and those finished after it.
    asked_since: tuple[AssignmentView, ...]
    done_since: tuple[AssignmentView, ...]


AGENDA_ROWS = 10


def workload_for_agenda(
    owner: User, partnership: Partnership, since: dt.date
) -> WorkloadForAgenda | None:
    """What a one-on-one should look at from the owner's workload; None for anyone but the
    owner (the partner's agenda is their own words). A fixed number of queries."""
    if not partnership.is_owner(owner):
        return None
    scope = Scope.of(owner, partnership)
    plan = visible_plan(owner, partnership, workload_for(owner, through_last_due=True))
    at_risk = [
        row
        for row in plan.rows
        if row.assignment.in_this_partnership and (row.scheduled.late or row.scheduled.at_risk)
    ]
    standing = BriefAnswer.objects.current().filter(share=OuterRef("pk"))
    shares = BriefShare.objects.live().filter(partnership=partnership).exclude(Exists(standing))
    talk = (
        brief_answers_for(owner)
        .filter(partnership=partnership, option__isnull=True)
        .current()
        .unhandled()
        .select_related("share", "answered_by", "assignment")
        .defer("assignment__notes")
    )
    mine = (
        Assignment.objects.filter(owner=owner, partnership=partnership)
        .with_open_step_minutes()
        .defer("notes")
    )
    asked = mine.filter(asked_on__gt=since).exclude(status=Status.DROPPED).order_by("asked_on")
    done = mine.filter(status=Status.DONE, completed_at__date__gt=since).order_by("completed_at")
    labels: dict[int, str] = {}
    return WorkloadForAgenda(
        at_risk=tuple(at_risk[:AGENDA_ROWS]),
        unanswered_briefs=tuple(shares.order_by("created_at")[:AGENDA_ROWS]),
        talk_answers=tuple(AnswerView.of(a, partnership) for a in talk[:AGENDA_ROWS]),
        asked_since=tuple(AssignmentView.of(a, scope, labels) for a in asked[:AGENDA_ROWS]),
        done_since=tuple(AssignmentView.of(a, scope, labels) for a in done[:AGENDA_ROWS]),
    )
