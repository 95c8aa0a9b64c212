from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tandem.accounts.models import WEEKDAYS
from tandem.lib.errors import TandemError
from tandem.lib.fields import attach_error
from tandem.lib.ics import DueItem, due_dates_calendar
from tandem.lib.numbers import read_id
from tandem.partnerships.models import Partnership
from tandem.privacy import partnerships_for
from tandem.workload import services
from tandem.workload.forms import CalendarImportForm, CommitmentForm, TimeOffForm
from tandem.workload.models import Status
from tandem.workload.planning import availability as capacity_for
from tandem.workload.privacy import assignments_for, commitments_for, time_off_for
from tandem.workspace import workspace_context

_PARTNERSHIP_PAGE = re.compile(r"^/p/(\d+)/")


def _came_from(request: HttpRequest) -> Partnership | None:
    """The partnership the person reached their availability from, to keep its sidebar:
    `?from=<pk>`, else the page that led here (a partnership's page, or this page opened from
    one, as after saving a form). None for anything else, or a partnership not theirs."""
    candidate = request.GET.get("from")
    if candidate is None:
        referer = urlsplit(request.headers.get("Referer", ""))
        if referer.netloc == request.get_host():
            if referer.path == reverse("availability"):
                candidate = parse_qs(referer.query).get("from", [None])[0]
            elif match := _PARTNERSHIP_PAGE.match(referer.path):
                candidate = match[1]
    pk = read_id(candidate)
    return partnerships_for(request.user).filter(pk=pk).first() if pk else None


@login_required
def availability(request: HttpRequest) -> HttpResponse:
    user = request.user
    which = request.POST.get("form") if request.method == "POST" else None
    time_off_form = TimeOffForm(request.POST if which == "time-off" else None, prefix="off")
    commitment_form = CommitmentForm(
        request.POST if which == "commitment" else None, prefix="commitment"
    )
    if which == "time-off" and time_off_form.is_valid():
        data = time_off_form.cleaned_data
        try:
            services.time_off_add(
                user, data["first_day"], data["last_day"], data["part"], data["reason"]
            )
        except TandemError as error:
            attach_error(time_off_form, error)
        else:
            messages.success(request, "Time off added; nothing is planned then.")
            return redirect("availability")
    if which == "commitment" and commitment_form.is_valid():
        try:
            commitment = services.commitment_add(user, **commitment_form.cleaned_data)
        except TandemError as error:
            attach_error(commitment_form, error)
        else:
            messages.success(request, f"“{commitment.title}” is blocked every week.")
            return redirect("availability")
    today = user.local_today()
    week = capacity_for(user, today - dt.timedelta(days=today.weekday()), 7)
    context = {
        "time_off_form": time_off_form,
        "commitment_form": commitment_form,
        "import_form": CalendarImportForm(),
        "time_off": time_off_for(user).filter(last_day__gte=today),
        "commitments": [(item, WEEKDAYS[item.weekday]) for item in commitments_for(user)],
        "events": user.calendar_events.filter(start__date__gte=today)[:10],
        "event_count": user.calendar_events.count(),
        "week": week,
        "week_capacity_minutes": sum(day.capacity_minutes for day in week),
        "week_available_minutes": sum(day.available_minutes for day in week),
    }
    came_from = _came_from(request)
    if came_from is not None:
        context |= workspace_context(request, came_from, current="workload")
        context["frame"] = "partnerships/workspace.html"
    else:
        context |= {"frame": "accounts/settings_base.html", "section": "availability"}
    return render(request, "workload/availability.html", context)


# What the availability page can remove, by kind: the person's records and the message.
REMOVABLE = {
    "time-off": (time_off_for, "Time off removed."),
    "commitment": (commitments_for, "Commitment removed."),
}


@login_required
@require_POST
def availability_remove(request: HttpRequest, item_pk: int, kind: str) -> HttpResponse:
    """Removes one of the person's own time off or commitments; another's is a 404."""
    records_for, message = REMOVABLE[kind]
    services.availability_remove(get_object_or_404(records_for(request.user), pk=item_pk))
    messages.success(request, message)
    return redirect("availability")


@login_required
@require_POST
def calendar_import(request: HttpRequest) -> HttpResponse:
    form = CalendarImportForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, f"Nothing was imported: {errors}")
        return redirect("availability")
    try:
        report = services.calendar_import(
            request.user,
            form.cleaned_data["file"].read(),
            all_day_as_time_off=form.cleaned_data["all_day_as_time_off"],
        )
    except TandemError as error:
        messages.error(request, f"Nothing was imported: {error.message}")
        return redirect("availability")
    if report.changed_nothing:
        messages.warning(request, report.summary)
    else:
        messages.success(request, report.summary)
    # The first warnings say why an import brought less than the calendar holds.
    for warning in report.warnings[:5]:
        messages.warning(request, warning)
    return redirect("availability")


@login_required
def due_dates_ics(request: HttpRequest) -> HttpResponse:
    assignments = (
        assignments_for(request.user)
        # A due date on the calendar's last day has no day after it to end on.
        .filter(owner=request.user, due__isnull=False, due__lt=dt.date.max)
        .exclude(status__in=[Status.DONE, Status.DROPPED])
    )
    calendar = due_dates_calendar(
        DueItem(uid=f"assignment-{a.pk}@tandem", title=f"Due: {a.title}", due=a.due)
        for a in assignments
    )
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tandem-due-dates.ics"'
    return response
