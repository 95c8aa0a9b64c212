from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tandem.lib.dates import format_date
from tandem.lib.efforts import format_effort
from tandem.lib.errors import TandemError
from tandem.lib.numbers import read_choice, read_id, read_priority
from tandem.lib.urls import local_path
from tandem.planning.chart import CHART_WEEKS, load_chart
from tandem.planning.options import OPTION_LETTERS
from tandem.privacy import get_partnership_for, require_area
from tandem.workload import services
from tandem.workload.briefs import brief_for, impact_verdict_for, snapshot_of
from tandem.workload.forms import AssignmentEditForm, AssignmentForm, PriorityForm, StepForm
from tandem.workload.models import Assignment, BriefShare, Status
from tandem.workload.planning import Workload, day_minutes, workload_for
from tandem.workload.privacy import (
    NOT_INVITED_TO_REORDER,
    PlanRow,
    VisiblePlan,
    brief_shares_for,
    can_reorder,
    get_assignment_for,
    get_owned_assignment,
    recently_done_for,
    visible_assignment,
    visible_plan,
)
from tandem.workspace import workspace_context

# The plan shows its first rows; the rest are a click away. Nobody reads a thousand at once.
PLAN_ROWS = 100


@dataclass(frozen=True)
class Row:
    """One line of the plan, its words prepared here: a long plan renders fast."""

    row: PlanRow
    url: str
    due: str
    finish: str
    effort: str

    @property
    def assignment(self):
        return self.row.assignment

    @property
    def scheduled(self):
        return self.row.scheduled


def _rows(plan: VisiblePlan) -> list[Row]:
    # Each row links into its own partnership: the owner's plan holds all of their work.
    bases: dict[int, str] = {}
    today = plan.today
    return [
        Row(
            row,
            url=f"{_base(bases, row.assignment.partnership_id)}{row.assignment.pk}/",
            due=format_date(row.scheduled.item.due, today) if row.scheduled.item.due else "—",
            finish=format_date(row.scheduled.finish, today) if row.scheduled.finish else "",
            effort=format_effort(row.scheduled.item.remaining_minutes),
        )
        for row in plan.rows
    ]


def _base(bases: dict[int, str], partnership_id: int) -> str:
    if partnership_id not in bases:
        bases[partnership_id] = reverse("area-workload", args=[partnership_id])
    return bases[partnership_id]


def _capture_form(today, day_length: int, data=None) -> AssignmentForm:
    return AssignmentForm(data, today=today, day_minutes=day_length)


@login_required
def workload_page(request: HttpRequest, pk: int, form: AssignmentForm | None = None):
    partnership = get_partnership_for(request.user, pk)
    plan = visible_plan(request.user, partnership)
    is_owner = plan.viewer_is_owner
    rows = _rows(plan)
    show_all = request.GET.get("all") == "1"
    context = workspace_context(
        request,
        partnership,
        current="workload",
        plan=plan,
        rows=rows if show_all else rows[:PLAN_ROWS],
        open_count=len(rows),
        more_count=0 if show_all else max(0, len(rows) - PLAN_ROWS),
        other_effort=format_effort(plan.other_minutes) if plan.other_minutes else "",
        chart=load_chart(plan.weeks[:CHART_WEEKS], today=plan.today),
        form=form or (_capture_form(plan.today, plan.day_minutes) if is_owner else None),
        may_reorder=can_reorder(request.user, partnership),
        recently_done=recently_done_for(request.user, partnership),
    )
    return render(request, "workload/workload.html", context)


@login_required
@require_POST
def assignment_create(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    # Reading the form needs only today and the day's length, not the whole plan.
    user = request.user
    form = _capture_form(user.local_today(), day_minutes(user), request.POST)
    if not form.is_valid():
        messages.error(request, "The assignment was not added; see the message below.")
        return workload_page(request, pk, form=form)
    try:
        assignment = services.assignment_create(request.user, partnership, form.draft())
    except TandemError as error:
        form.add_error(error.field, error.message)
        return workload_page(request, pk, form=form)
    option = read_choice(request.POST.get("option"), len(OPTION_LETTERS))
    if option is not None:
        url = reverse("workload-brief", args=[partnership.pk, assignment.pk])
        return redirect(f"{url}?option={option}")
    messages.success(request, f"Added “{assignment.title}”.")
    return redirect("area-workload", pk=partnership.pk)


@login_required
def impact_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The what-if panel beside the capture form, refreshed as the person types."""
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    workload = workload_for(request.user)
    form = _capture_form(workload.today, workload.day_minutes, request.GET)
    # The impact needs only an effort: people often type it before the title.
    form.fields["title"].required = False
    context = {"partnership": partnership, "form": form, "today": workload.today}
    if request.GET.get("effort") and form.is_valid():
        draft = form.draft()
        whatif = workload.weigh_new(draft.title, draft.effort_minutes, draft.due, draft.priority)
        context.update(_whatif_context(whatif, workload))
    return render(request, "workload/workload.html#impact-panel", context)


@login_required
def assignment_impact(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    """What a change of due date or remaining effort would do, before saving it."""
    partnership, assignment = get_owned_assignment(request.user, pk, assignment_pk)
    workload = workload_for(request.user)
    form = _edit_form(assignment, workload, request.GET)
    context = {"partnership": partnership, "form": form, "change": True}
    if form.is_valid():
        data = form.cleaned_data
        whatif = workload.weigh_change(
            assignment, data["remaining"], data["due"], assignment.priority
        )
        if whatif is not None:
            context.update(_whatif_context(whatif, workload))
    return render(request, "workload/workload.html#impact-panel", context)


def _whatif_context(whatif, workload: Workload) -> dict:
    return {
        "impact": whatif.impact,
        "ask": whatif.ask,
        "options": whatif.options,
        "verdict": impact_verdict_for(whatif, workload.today),
    }


def _edit_form(assignment: Assignment, workload: Workload, data=None) -> AssignmentEditForm:
    initial = {
        "title": assignment.title,
        "asked_by": assignment.asked_by,
        "asked_on": assignment.asked_on,
        "due": assignment.due.isoformat() if assignment.due else "",
        "estimate": format_effort(assignment.estimate_minutes),
        "remaining": format_effort(assignment.remaining_minutes) or "0m",
        "status": assignment.status,
        "notes": assignment.notes,
    }
    return AssignmentEditForm(
        data, initial=initial, today=workload.today, day_minutes=workload.day_minutes
    )


@login_required
def assignment_detail(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk)
    is_owner = partnership.is_owner(request.user)
    if request.method == "POST" and not is_owner:
        raise Http404("Only the owner edits an assignment.")
    workload = workload_for(partnership.owner)
    detail = visible_assignment(request.user, partnership, assignment_pk, workload)
    form = step_form = None
    if is_owner:
        # The owner's form is the only place that holds the private notes.
        assignment = get_assignment_for(request.user, assignment_pk, partnership, owner_only=True)
        form = _edit_form(assignment, workload, request.POST if request.method == "POST" else None)
        step_form = StepForm(day_minutes=workload.day_minutes)
        if request.method == "POST" and form.is_valid():
            try:
                services.assignment_update(request.user, assignment, form.changes())
            except TandemError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, "Saved. The plan is up to date.")
                return redirect("assignment", pk=pk, assignment_pk=assignment.pk)
    context = workspace_context(
        request,
        partnership,
        current="workload",
        assignment=detail.assignment,
        scheduled=detail.scheduled,
        form=form,
        step_form=step_form,
        steps=detail.steps,
        priority_changes=detail.priority_changes,
        may_reorder=can_reorder(request.user, partnership),
    )
    return render(request, "workload/assignment.html", context)


@login_required
@require_POST
def assignment_status(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    _, assignment = get_owned_assignment(request.user, pk, assignment_pk)
    action = request.POST.get("action")
    if action == "reopen":
        services.assignment_update(request.user, assignment, {"status": Status.ACCEPTED})
        messages.success(request, f"“{assignment.title}” is open again.")
    elif action in (Status.DONE, Status.DROPPED, Status.ACCEPTED, Status.IN_PROGRESS):
        services.assignment_update(request.user, assignment, {"status": action})
        label = Status(action).label.lower()
        messages.success(request, f"“{assignment.title}” is {label}.")
    else:
        messages.error(request, "Choose done, dropped, accepted, in progress or reopen.")
    if request.POST.get("back") == "list":
        return redirect("area-workload", pk=pk)
    return redirect("assignment", pk=pk, assignment_pk=assignment.pk)


@login_required
@require_POST
def assignment_priority(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk)
    require_area(request.user, partnership, "workload")
    assignment = get_assignment_for(request.user, assignment_pk, partnership)
    if not can_reorder(request.user, partnership):
        messages.error(request, NOT_INVITED_TO_REORDER)
        return redirect("area-workload", pk=pk)
    form = PriorityForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["priority"][0])
    else:
        try:
            changes = {"priority": form.cleaned_data["priority"]}
            services.assignment_update(request.user, assignment, changes)
        except TandemError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Priority of “{assignment.title}” recorded.")
    return redirect("area-workload", pk=pk)


@login_required
@require_POST
def priorities_set(request: HttpRequest, pk: int) -> HttpResponse:
    """Agreed priorities for several assignments at once, from the plan table."""
    partnership = get_partnership_for(request.user, pk)
    require_area(request.user, partnership, "workload")
    # Permission first: a partner who may not reorder gets no further, whatever was sent.
    if not can_reorder(request.user, partnership):
        messages.error(request, NOT_INVITED_TO_REORDER)
        return redirect("area-workload", pk=pk)
    try:
        changed = services.priorities_set(request.user, partnership, _ranks(request.POST))
    except TandemError as error:
        messages.error(request, f"Nothing was changed: {error.message}")
    else:
        messages.success(request, f"Priorities recorded: {changed} changed.")
    return redirect("area-workload", pk=pk)


def _ranks(posted) -> dict[int, int | None]:
    """The plan table's `priority-<id>` inputs, read: each id and its priority."""
    ranks = {}
    for key, value in posted.items():
        if not key.startswith("priority-"):
            continue
        assignment_id = read_id(key.removeprefix("priority-"))
        if assignment_id is None:
            raise TandemError("The form names an assignment that is not in the plan; reload it.")
        ranks[assignment_id] = read_priority(value)
    return ranks


@login_required
@require_POST
def step_add(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    _, assignment = get_owned_assignment(request.user, pk, assignment_pk)
    form = StepForm(request.POST, day_minutes=day_minutes(request.user))
    if form.is_valid():
        data = form.cleaned_data
        services.step_add(assignment, data["title"], data["effort"] or 0, data["depends_on"])
        messages.success(request, "Step added; the plan now counts its effort.")
    else:
        errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, f"The step was not added: {errors}")
    return redirect("assignment", pk=pk, assignment_pk=assignment.pk)


@login_required
@require_POST
def step_toggle(request: HttpRequest, pk: int, assignment_pk: int, step_pk: int) -> HttpResponse:
    _, assignment = get_owned_assignment(request.user, pk, assignment_pk)
    services.step_toggle(get_object_or_404(assignment.steps, pk=step_pk))
    return redirect("assignment", pk=pk, assignment_pk=assignment.pk)


@login_required
def brief(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    partnership, assignment = get_owned_assignment(request.user, pk, assignment_pk)
    workload = workload_for(request.user)
    chosen = read_choice(request.GET.get("option"), len(OPTION_LETTERS))
    composed = brief_for(workload, partnership, assignment, chosen)
    if request.method == "POST":
        _, secret = services.brief_share_create(
            partnership, composed.brief.title, composed.brief.markdown, snapshot_of(composed)
        )
        request.session["brief-link"] = request.build_absolute_uri(
            reverse("brief-shared", args=[secret])
        )
        days = BriefShare.lifetime().days
        messages.success(request, f"A read-only link is ready. It works for {days} days.")
        return redirect(request.get_full_path())
    context = workspace_context(
        request,
        partnership,
        current="workload",
        assignment=assignment,
        composed=composed,
        brief=composed.brief,
        chart=composed.chart,
        new_link=request.session.pop("brief-link", None),
        shares=brief_shares_for(request.user).filter(partnership=partnership).live()[:5],
        mailto=composed.mailto(partnership.partner_email),
        option_letters=list(zip(range(len(composed.options)), OPTION_LETTERS, strict=False)),
    )
    return render(request, "workload/brief.html", context)


@login_required
@require_POST
def option_apply(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    """The partner agreed: carry out the chosen option on the records."""
    partnership, assignment = get_owned_assignment(request.user, pk, assignment_pk)
    chosen = read_choice(request.POST.get("option"), len(OPTION_LETTERS))
    composed = brief_for(workload_for(request.user), partnership, assignment, chosen)
    if composed.chosen is None:
        messages.error(request, "Choose one of the options first.")
        return redirect("workload-brief", pk=pk, assignment_pk=assignment.pk)
    try:
        changes = services.option_apply(
            request.user, assignment, composed.options[composed.chosen].moves
        )
    except TandemError as error:
        messages.error(request, error.message)
        return redirect("workload-brief", pk=pk, assignment_pk=assignment.pk)
    done = "; ".join(changes) or "nothing needed changing"
    messages.success(request, f"Agreed and recorded: {done}.")
    return redirect("area-workload", pk=pk)


@login_required
@require_POST
def brief_share_revoke(request: HttpRequest, pk: int, share_pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    share = get_object_or_404(
        brief_shares_for(request.user).filter(partnership=partnership), pk=share_pk
    )
    services.brief_share_revoke(share)
    messages.success(request, "That link no longer works.")
    return redirect(local_path(request.POST.get("next"), reverse("area-workload", args=[pk])))


def brief_shared(request: HttpRequest, token: str) -> HttpResponse:
    """The read-only brief behind a share link: the snapshot, and nothing else."""
    share = BriefShare.live_for_token(token)
    if share is None:
        return render(request, "workload/brief_shared.html", {"share": None}, status=404)
    return render(request, "workload/brief_shared.html", {"share": share, "brief": share.snapshot})
