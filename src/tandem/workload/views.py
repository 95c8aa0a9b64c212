from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tandem.lib.efforts import format_effort
from tandem.lib.errors import TandemError
from tandem.lib.urls import local_path
from tandem.partnerships.views import workspace_context
from tandem.planning import ScheduledItem
from tandem.planning.chart import load_chart
from tandem.planning.text import day_label
from tandem.privacy import (
    assignments_for,
    brief_shares_for,
    can_reorder,
    get_assignment_for,
    get_partnership_for,
    workload_owner_for,
)
from tandem.workload import services
from tandem.workload.briefs import brief_for, snapshot_of
from tandem.workload.forms import AssignmentEditForm, AssignmentForm, PriorityForm, StepForm
from tandem.workload.models import Assignment, BriefShare, Status
from tandem.workload.planning import Workload, day_minutes, workload_for

CHART_WEEKS = 8
# The plan shows its first rows; the rest are a click away. Nobody reads a thousand at once.
PLAN_ROWS = 100


@dataclass
class Row:
    """One line of the plan, its words prepared here: a long plan renders fast."""

    scheduled: ScheduledItem
    assignment: Assignment
    url: str
    due: str
    finish: str
    effort: str


def _rows(workload: Workload, partnership, viewer_is_owner: bool) -> tuple[list[Row], int, int]:
    """Plan rows; a partner sees this partnership's work and only a total for the rest."""
    by_id = workload.by_id
    base = reverse("area-workload", args=[partnership.pk])
    today = workload.today
    rows, hidden_count, hidden_minutes = [], 0, 0
    for scheduled in workload.plan.scheduled.values():
        assignment = by_id[scheduled.id]
        if viewer_is_owner or assignment.partnership_id == partnership.pk:
            item = scheduled.item
            rows.append(
                Row(
                    scheduled,
                    assignment,
                    url=f"{base}{assignment.pk}/",
                    due=day_label(item.due, today) if item.due else "—",
                    finish=day_label(scheduled.finish, today) if scheduled.finish else "",
                    effort=format_effort(item.remaining_minutes),
                )
            )
        else:
            hidden_count += 1
            hidden_minutes += scheduled.item.remaining_minutes
    return rows, hidden_count, hidden_minutes


def _capture_form(workload: Workload, data=None) -> AssignmentForm:
    return AssignmentForm(data, today=workload.today, day_minutes=workload.day_minutes)


@login_required
def workload_page(request: HttpRequest, pk: int, form: AssignmentForm | None = None):
    partnership = get_partnership_for(request.user, pk)
    owner = workload_owner_for(request.user, partnership)
    workload = workload_for(owner)
    is_owner = partnership.is_owner(request.user)
    rows, hidden_count, hidden_minutes = _rows(workload, partnership, is_owner)
    weeks = workload.plan.weeks[:CHART_WEEKS]
    show_all = request.GET.get("all") == "1"
    context = workspace_context(
        request,
        partnership,
        current="workload",
        workload=workload,
        rows=rows if show_all else rows[:PLAN_ROWS],
        open_count=len(rows),
        more_count=0 if show_all else max(0, len(rows) - PLAN_ROWS),
        hidden_count=hidden_count,
        hidden_effort=format_effort(hidden_minutes) if hidden_minutes else "",
        late_count=sum(1 for row in rows if row.scheduled.late),
        at_risk_count=sum(1 for row in rows if row.scheduled.at_risk and not row.scheduled.late),
        chart=load_chart(weeks, today=workload.today),
        form=form or (_capture_form(workload) if is_owner else None),
        may_reorder=can_reorder(request.user, partnership),
        recently_done=_recently_done(owner, partnership, is_owner),
    )
    return render(request, "workload/workload.html", context)


def _recently_done(owner, partnership, is_owner: bool):
    done = Assignment.objects.filter(owner=owner, status=Status.DONE).order_by("-completed_at")
    if not is_owner:
        done = done.filter(partnership=partnership)
    return done[:5]


@login_required
@require_POST
def assignment_create(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    # Reading the form needs only today and the day's length, not the whole plan.
    user = request.user
    form = AssignmentForm(request.POST, today=user.local_today(), day_minutes=day_minutes(user))
    if not form.is_valid():
        messages.error(request, "The assignment was not added; see the message below.")
        return workload_page(request, pk, form=form)
    try:
        assignment = services.assignment_create(request.user, partnership, form.draft())
    except TandemError as error:
        form.add_error(error.field, error.message)
        return workload_page(request, pk, form=form)
    option = request.POST.get("option")
    if option is not None and option.isdigit():
        url = reverse("workload-brief", args=[partnership.pk, assignment.pk])
        return redirect(f"{url}?option={option}")
    messages.success(request, f"Added “{assignment.title}”.")
    return redirect("area-workload", pk=partnership.pk)


@login_required
def impact_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The what-if panel beside the capture form, refreshed as the person types."""
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    workload = workload_for(request.user)
    form = _capture_form(workload, request.GET)
    # The impact needs only an effort: people often type it before the title.
    form.fields["title"].required = False
    context = {"partnership": partnership, "form": form, "today": workload.today}
    if request.GET.get("effort") and form.is_valid():
        draft = form.draft()
        whatif = workload.weigh_new(draft.title, draft.effort_minutes, draft.due, draft.priority)
        context.update(impact=whatif.impact, ask=whatif.ask, options=whatif.options)
    return render(request, "workload/workload.html#impact-panel", context)


@login_required
def assignment_impact(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    """What a change of due date or remaining effort would do, before saving it."""
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    assignment = get_assignment_for(request.user, assignment_pk, partnership, owner_only=True)
    workload = workload_for(request.user)
    form = _edit_form(assignment, workload, request.GET)
    context = {"partnership": partnership, "form": form, "change": True}
    if form.is_valid():
        data = form.cleaned_data
        whatif = workload.weigh_change(
            assignment, data["remaining"], data["due"], assignment.priority
        )
        if whatif is not None:
            context.update(impact=whatif.impact, ask=whatif.ask, options=whatif.options)
    return render(request, "workload/workload.html#impact-panel", context)


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
    workload_owner_for(request.user, partnership)
    assignment = get_assignment_for(request.user, assignment_pk, partnership)
    is_owner = partnership.is_owner(request.user)
    workload = workload_for(assignment.owner)
    form = step_form = None
    if is_owner:
        form = _edit_form(assignment, workload, request.POST if request.method == "POST" else None)
        step_form = StepForm(day_minutes=workload.day_minutes)
        if request.method == "POST" and form.is_valid():
            _save_edit(assignment, form)
            messages.success(request, "Saved. The plan is up to date.")
            return redirect("assignment", pk=pk, assignment_pk=assignment.pk)
    elif request.method == "POST":
        raise Http404("Only the owner edits an assignment.")
    context = workspace_context(
        request,
        partnership,
        current="workload",
        assignment=assignment,
        scheduled=workload.plan.scheduled.get(assignment.pk),
        form=form,
        step_form=step_form,
        steps=assignment.steps.all(),
        priority_changes=assignment.priority_changes.select_related("changed_by")[:10],
        may_reorder=can_reorder(request.user, partnership),
    )
    return render(request, "workload/assignment.html", context)


def _save_edit(assignment: Assignment, form: AssignmentEditForm) -> None:
    data = form.cleaned_data
    assignment.title = data["title"]
    assignment.asked_by = data["asked_by"]
    assignment.asked_on = data["asked_on"]
    assignment.due = data["due"]
    assignment.estimate_minutes = data["estimate"]
    assignment.remaining_minutes = data["remaining"]
    assignment.notes = data["notes"]
    assignment.save()
    if data["status"] != assignment.status:
        services.assignment_set_status(assignment, data["status"])


@login_required
@require_POST
def assignment_status(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    assignment = get_assignment_for(request.user, assignment_pk, partnership, owner_only=True)
    action = request.POST.get("action")
    if action == "reopen":
        services.assignment_reopen(assignment)
        messages.success(request, f"“{assignment.title}” is open again.")
    elif action in (Status.DONE, Status.DROPPED, Status.ACCEPTED, Status.IN_PROGRESS):
        services.assignment_set_status(assignment, action)
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
    workload_owner_for(request.user, partnership)
    assignment = get_assignment_for(request.user, assignment_pk, partnership)
    form = PriorityForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Priority is a whole number from 1 (most important).")
    else:
        try:
            services.priority_set(assignment, form.cleaned_data["priority"], request.user)
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
    workload_owner_for(request.user, partnership)
    posted = {
        int(key.removeprefix("priority-")): value.strip()
        for key, value in request.POST.items()
        if key.startswith("priority-") and key.removeprefix("priority-").isdigit()
    }
    assignments = assignments_for(request.user).filter(partnership=partnership, pk__in=posted)
    changed = 0
    try:
        for assignment in assignments:
            text = posted[assignment.pk]
            if text and not (text.isdigit() and int(text) >= 1):
                raise TandemError(f"“{text}” is not a priority: use 1 (most important) or more.")
            priority = int(text) if text else None
            if priority != assignment.priority:
                services.priority_set(assignment, priority, request.user)
                changed += 1
    except TandemError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Priorities recorded: {changed} changed.")
    return redirect("area-workload", pk=pk)


@login_required
@require_POST
def step_add(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    assignment = get_assignment_for(request.user, assignment_pk, partnership, owner_only=True)
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
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    assignment = get_assignment_for(request.user, assignment_pk, partnership, owner_only=True)
    step = get_object_or_404(assignment.steps, pk=step_pk)
    step.done = not step.done
    step.save(update_fields=["done"])
    return redirect("assignment", pk=pk, assignment_pk=assignment.pk)


@login_required
def brief(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    assignment = get_assignment_for(request.user, assignment_pk, partnership, owner_only=True)
    workload = workload_for(request.user)
    chosen = request.GET.get("option")
    composed = brief_for(
        workload, partnership, assignment, int(chosen) if chosen and chosen.isdigit() else None
    )
    if request.method == "POST":
        _, secret = services.brief_share_create(
            partnership, composed.brief.title, composed.brief.markdown, snapshot_of(composed)
        )
        request.session["brief-link"] = request.build_absolute_uri(
            reverse("brief-shared", args=[secret])
        )
        messages.success(request, "A read-only link is ready. It works for 14 days.")
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
        option_letters=list(zip(range(len(composed.options)), "ABCDE", strict=False)),
    )
    return render(request, "workload/brief.html", context)


@login_required
@require_POST
def option_apply(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    """The partner agreed: carry out the chosen option on the records."""
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    assignment = get_assignment_for(request.user, assignment_pk, partnership, owner_only=True)
    chosen = request.POST.get("option", "")
    composed = brief_for(
        workload_for(request.user),
        partnership,
        assignment,
        int(chosen) if chosen.isdigit() else None,
    )
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
