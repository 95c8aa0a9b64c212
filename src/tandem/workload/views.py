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
from tandem.lib.fields import attach_error
from tandem.lib.numbers import read_choice, read_id, read_priority
from tandem.lib.urls import local_path
from tandem.planning.chart import CHART_WEEKS, load_chart
from tandem.planning.options import (
    OPTION_LETTERS,
    move_before_after,
    option_cost,
    option_headline,
)
from tandem.planning.reorder import priorities_after_move
from tandem.planning.text import numbered, plan_verdict
from tandem.privacy import get_partnership_for, require_area
from tandem.workload import services
from tandem.workload.briefs import brief_for, impact_verdict_for, snapshot_of
from tandem.workload.forms import AssignmentEditForm, AssignmentForm, PriorityForm, StepForm
from tandem.workload.models import Assignment, BriefAnswer, BriefShare, Status
from tandem.workload.planning import Workload, day_minutes, workload_for
from tandem.workload.privacy import (
    NOT_INVITED_TO_REORDER,
    PlanRow,
    VisiblePlan,
    assignment_answers_for,
    brief_shares_for,
    can_reorder,
    get_assignment_for,
    get_brief_answer_for,
    get_owned_assignment,
    latest_answer,
    live_share_for_token,
    open_brief_for,
    recently_done_for,
    visible_assignment,
    visible_plan,
)
from tandem.workspace import workspace_context

# The plan shows its first rows; the rest are a click away. Nobody reads a thousand at once.
PLAN_ROWS = 100


# The plan's groups, in the order a person needs them: what is late, what may slip, the rest.
GROUPS = (
    ("late", "Late"),
    ("at_risk", "At risk"),
    ("on_track", "On track"),
    ("no_due", "No due date"),
)


@dataclass(frozen=True)
class Row:
    """One line of the plan, its words prepared here: a long plan renders fast."""

    row: PlanRow
    url: str
    due: str
    finish: str
    effort: str
    # Its place among the rows the viewer sees, for moving it up or down.
    index: int

    @property
    def assignment(self):
        return self.row.assignment

    @property
    def scheduled(self):
        return self.row.scheduled

    @property
    def group(self) -> str:
        scheduled = self.row.scheduled
        if scheduled.late:
            return "late"
        if scheduled.at_risk:
            return "at_risk"
        return "on_track" if scheduled.item.due else "no_due"


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
            index=index,
        )
        for index, row in enumerate(plan.rows)
    ]


def _verdict(plan: VisiblePlan) -> str:
    upcoming = plan.weeks[:CHART_WEEKS]
    worst = max(upcoming, key=lambda w: w.required_minutes - w.capacity_minutes, default=None)
    over = worst.required_minutes - worst.capacity_minutes if worst else 0
    return plan_verdict(
        plan.late_count,
        plan.at_risk_count,
        len(plan.rows),
        worst.week_start if worst and over > 0 else None,
        over,
    )


def _base(bases: dict[int, str], partnership_id: int) -> str:
    if partnership_id not in bases:
        bases[partnership_id] = reverse("area-workload", args=[partnership_id])
    return bases[partnership_id]


def _capture_form(today, day_length: int, data=None) -> AssignmentForm:
    return AssignmentForm(data, today=today, day_minutes=day_length)


@login_required
def workload_page(request: HttpRequest, pk: int, form: AssignmentForm | None = None):
    """The answer first: the verdict, what is late or at risk, then the plan and the chart."""
    partnership = get_partnership_for(request.user, pk)
    plan = visible_plan(request.user, partnership)
    is_owner = plan.viewer_is_owner
    rows = _rows(plan)
    counts = {key: 0 for key, _ in GROUPS}
    for row in rows:
        counts[row.group] += 1
    show = request.GET.get("show")
    show = show if show in counts else None
    askers = sorted({row.assignment.asked_by for row in rows if row.assignment.asked_by})
    asked = request.GET.get("from")
    asked = asked if asked in askers else None
    chosen = [
        row
        for row in rows
        if (show is None or row.group == show)
        and (asked is None or row.assignment.asked_by == asked)
    ]
    show_all = request.GET.get("all") == "1"
    shown = chosen if show_all else chosen[:PLAN_ROWS]
    groups = [
        (
            key,
            label,
            sum(1 for row in chosen if row.group == key),
            [r for r in shown if r.group == key],
        )
        for key, label in GROUPS
    ]
    context = workspace_context(
        request,
        partnership,
        current="workload",
        plan=plan,
        verdict=_verdict(plan),
        counts=counts,
        groups=[group for group in groups if group[2]],
        rows=shown,
        open_count=len(rows),
        chosen_count=len(chosen),
        more_count=len(chosen) - len(shown),
        show=show,
        asked=asked,
        askers=askers,
        other_effort=format_effort(plan.other_minutes) if plan.other_minutes else "",
        chart=load_chart(plan.weeks[:CHART_WEEKS], today=plan.today),
        form=form or (_capture_form(plan.today, plan.day_minutes) if is_owner else None),
        may_reorder=can_reorder(request.user, partnership),
        recently_done=recently_done_for(request.user, partnership),
        # After a move from the keyboard, the same button keeps the focus.
        moved=read_id(request.GET.get("moved")),
        direction=request.GET.get("direction"),
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
        return workload_page(request, pk, form=form)
    try:
        assignment = services.assignment_create(request.user, partnership, form.draft())
    except TandemError as error:
        attach_error(form, error)
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


@dataclass(frozen=True)
class OptionView:
    """An option as the impact panel shows it: readable in three seconds."""

    index: int
    letter: str
    headline: str
    moves: list[tuple[str, str, str]]  # who, before, after
    cost: str
    fits: bool
    chart_svg: str


def _whatif_context(whatif, workload: Workload) -> dict:
    today = workload.today
    options = [
        OptionView(
            index=index,
            letter=letter,
            headline=option_headline(option, today, numbered),
            moves=[(numbered(m.item), *move_before_after(m, today)) for m in option.moves],
            cost=option_cost(option),
            fits=option.fits,
            chart_svg=load_chart(option.plan.weeks[:CHART_WEEKS], today=today).svg,
        )
        for index, (letter, option) in enumerate(zip(OPTION_LETTERS, whatif.options, strict=False))
    ]
    return {
        "impact": whatif.impact,
        "ask": whatif.ask,
        "options": options,
        "verdict": impact_verdict_for(whatif, today),
        "impact_chart": load_chart(whatif.impact.after.weeks[:CHART_WEEKS], today=today),
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
                attach_error(form, error)
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
    if request.htmx and action in (Status.DONE, "reopen"):
        return _done_inline(request, pk, assignment, action)
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


def _done_inline(request: HttpRequest, pk: int, assignment: Assignment, action: str):
    """Done from the plan without leaving it: the row says so and offers to undo."""
    if action == "reopen":
        services.assignment_update(request.user, assignment, {"status": Status.ACCEPTED})
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"  # the plan changed: show it as it now is
        return response
    services.assignment_update(request.user, assignment, {"status": Status.DONE})
    context = {"partnership_pk": pk, "assignment": assignment}
    return render(request, "workload/workload.html#done-row", context)


@login_required
@require_POST
def assignment_move(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    """One place up or down the plan, recorded as agreed priorities (keyboard or drag)."""
    partnership = get_partnership_for(request.user, pk)
    require_area(request.user, partnership, "workload")
    if not can_reorder(request.user, partnership):
        messages.error(request, NOT_INVITED_TO_REORDER)
        return redirect("area-workload", pk=pk)
    plan = visible_plan(request.user, partnership)
    order = [(row.assignment.pk, row.assignment.priority) for row in plan.rows]
    place = next((i for i, (key, _) in enumerate(order) if key == assignment_pk), None)
    direction = request.POST.get("direction")
    if place is None or direction not in ("up", "down"):
        messages.error(request, "That assignment is not in the plan any more; here it is now.")
        return redirect("area-workload", pk=pk)
    to = place - 1 if direction == "up" else place + 1
    try:
        changes = priorities_after_move(order, assignment_pk, to)
        services.priorities_set(request.user, partnership, changes)
    except (TandemError, ValueError) as error:
        messages.error(request, str(getattr(error, "message", error)))
    url = reverse("area-workload", args=[pk])
    return redirect(f"{url}?moved={assignment_pk}&direction={direction}#row-{assignment_pk}")


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
            partnership,
            composed.brief.title,
            composed.brief.markdown,
            snapshot_of(composed),
            assignment=assignment,
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
    """The read-only brief behind a share link: the snapshot, its answer form, nothing else."""
    share = live_share_for_token(token)
    if share is None:
        return render(request, "workload/brief_shared.html", {"share": None}, status=404)
    return render(request, "workload/brief_shared.html", _shared_context(request, share, token))


def _shared_context(request: HttpRequest, share: BriefShare, token: str, **form) -> dict:
    """What a share link's page shows: the frozen brief, and the answer it has or asks for."""
    latest = latest_answer(share)
    standing = latest is not None and latest.reopened_at is None
    return {
        "share": share,
        "brief": share.snapshot,
        "options": share.options(),
        "owner_name": share.partnership.owner.display_name,
        "is_owner": request.user.is_authenticated and share.partnership.is_owner(request.user),
        "answer": latest if standing else None,
        "earlier": None if standing else latest,
        "action": reverse("brief-answer", args=[token]),
        "note_limit": BriefAnswer.MAX_NOTE,
        **form,
    }


# Answers to a shared brief: the partner answers through the link or in the app; the owner
# reads them on the assignment page and the overview, and reopens or sets them aside.

# A refused note is shown again for correcting, up to this many characters.
NOTE_ECHO = 5000


@require_POST
def brief_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The one thing a share link may write: its answer, while the link works."""
    share = live_share_for_token(token)
    if share is None:
        return render(request, "workload/brief_shared.html", {"share": None}, status=404)
    choice, note = request.POST.get("choice", ""), request.POST.get("note", "")
    by = request.user if request.user.is_authenticated else None
    try:
        services.brief_answer_create(share, by, choice, note)
    except TandemError as error:
        context = _shared_context(
            request, share, token, error=error, choice=choice[:8], note=note[:NOTE_ECHO]
        )
        return render(request, "workload/brief_shared.html", context, status=error.status)
    return redirect(reverse("brief-shared", args=[token]) + "#answer")


@login_required
def assignment_answers(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    """The answers card of an assignment page (loaded into it), or the same as a page."""
    partnership = get_partnership_for(request.user, pk)
    card = assignment_answers_for(request.user, partnership, assignment_pk)
    context = workspace_context(
        request,
        partnership,
        current="workload",
        card=card,
        assignment_pk=assignment_pk,
        note_limit=BriefAnswer.MAX_NOTE,
    )
    if request.htmx:
        return render(request, "workload/answers.html#answers-card", context)
    return render(request, "workload/answers.html", context)


@login_required
@require_POST
def assignment_answer(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    """The partner answers the open brief in the app, by the same rules as through the link."""
    partnership = get_partnership_for(request.user, pk)
    share = open_brief_for(request.user, partnership, assignment_pk)
    if share is None:
        messages.error(request, "There is no brief here waiting for an answer.")
    else:
        choice, note = request.POST.get("choice", ""), request.POST.get("note", "")
        try:
            services.brief_answer_create(share, request.user, choice, note)
        except TandemError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Thank you: {partnership.owner} has your answer.")
    return redirect(reverse("assignment", args=[pk, assignment_pk]) + "#answers")


def _after_answer_action(request: HttpRequest, pk: int, answer: BriefAnswer) -> HttpResponse:
    if answer.assignment_id is None:
        fallback = reverse("partnership", args=[pk])
    else:
        fallback = reverse("assignment", args=[pk, answer.assignment_id]) + "#answers"
    return redirect(local_path(request.POST.get("next"), fallback))


@login_required
@require_POST
def brief_answer_reopen(request: HttpRequest, pk: int, answer_pk: int) -> HttpResponse:
    """The owner allows one more answer through the same link."""
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    answer = get_brief_answer_for(request.user, partnership, answer_pk)
    try:
        services.brief_answer_reopen(request.user, answer)
    except TandemError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"{partnership.partner_name} can answer once more through the same link."
        )
    return _after_answer_action(request, pk, answer)


@login_required
@require_POST
def brief_answer_handle(request: HttpRequest, pk: int, answer_pk: int) -> HttpResponse:
    """The owner has dealt with an answer: it leaves the overview."""
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    answer = get_brief_answer_for(request.user, partnership, answer_pk)
    services.brief_answer_handle(request.user, answer)
    messages.success(request, "Marked as handled.")
    return _after_answer_action(request, pk, answer)
