from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_POST

from tandem.accounts import services
from tandem.accounts.forms import (
    ApiTokenForm,
    ChangePasswordForm,
    DeleteAccountForm,
    LoginForm,
    NewPasswordForm,
    ProfileForm,
    SignupForm,
    TimeZoneForm,
    WorkingDayForm,
    working_day_forms,
)
from tandem.accounts.models import ApiToken, User
from tandem.lib.errors import TandemError
from tandem.lib.fields import attach_error
from tandem.lib.urls import local_path
from tandem.partnerships import services as partnership_services
from tandem.partnerships.forms import PartnershipForm
from tandem.partnerships.models import Partnership
from tandem.privacy import api_tokens_for, partnerships_for
from tandem.workload import services as workload_services
from tandem.workload.forms import AssignmentForm
from tandem.workload.planning import day_minutes
from tandem.workload.privacy import assignments_for


def _next_url(request: HttpRequest) -> str:
    return local_path(request.POST.get("next") or request.GET.get("next"))


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome to Tandem, {user.display_name}.")
        # Joining through an invitation goes back to it; everyone else gets the guided start.
        return redirect(_next_url(request) or "start-hours")
    return render(request, "accounts/signup.html", {"form": form, "next": _next_url(request)})


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "You are logged out.")
    return redirect("login")


def _saved_with_hours(user: User, form, day_forms: list[WorkingDayForm]) -> bool:
    """Saves the form and the working hours when all of them are valid; errors stay at their
    fields, shown once."""
    valid = form.is_valid()
    valid = all([day.is_valid() for day in day_forms]) and valid
    if not valid:
        return False
    form.save()
    services.working_hours_set(
        user,
        {
            day.weekday: (day.cleaned_data["start"], day.cleaned_data["end"])
            for day in day_forms
            if day.cleaned_data["works"]
        },
    )
    return True


def _weekly_hours(user: User) -> float:
    return sum(day.minutes for day in user.working_days.all()) / 60


@login_required
def settings_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    data = request.POST if request.method == "POST" else None
    profile_form = ProfileForm(data, instance=user)
    day_forms = working_day_forms(user, data)
    if data is not None and _saved_with_hours(user, profile_form, day_forms):
        messages.success(request, "Your profile and working hours are saved.")
        return redirect("settings")
    return render(
        request,
        "accounts/settings.html",
        {
            "profile_form": profile_form,
            "day_forms": day_forms,
            "weekly_hours": _weekly_hours(user),
            "section": "profile",
        },
    )


# The guided start after sign-up. Where a person stands is read from their records, never
# stored: working days set, a partnership of their own, assignments in it.


@dataclass(frozen=True)
class Step:
    number: int
    url_name: str
    title: str
    promise: str
    done: bool


STEP_COUNT = 4
# The captures the third step asks for: enough for a plan to say something.
FIRST_ASSIGNMENTS = 3


def _own_partnership(user: User) -> Partnership | None:
    return partnerships_for(user).filter(owner=user).order_by("created_at", "pk").first()


def _own_assignments(user: User, partnership: Partnership | None):
    if partnership is None:
        return assignments_for(user).none()
    return assignments_for(user).filter(owner=user, partnership=partnership)


def _steps(user: User, partnership: Partnership | None) -> list[Step]:
    has_assignments = _own_assignments(user, partnership).exists()
    return [
        Step(
            1,
            "start-hours",
            "Your hours",
            "when you really work, so nothing is planned outside it",
            user.working_days.exists(),
        ),
        Step(
            2,
            "start-partner",
            "Your partner",
            "the person you work with: your manager, a report or a peer",
            partnership is not None,
        ),
        Step(
            3,
            "start-assignments",
            "Your first three assignments",
            "what you have been asked to do, with an effort and a due date",
            has_assignments,
        ),
        # The plan is where the guided start ends, never a box to tick.
        Step(
            4, "start-plan", "Your plan", "when each assignment lands, and what will be late", False
        ),
    ]


def _start_context(user: User, number: int, partnership: Partnership | None, **extra) -> dict:
    steps = _steps(user, partnership)
    return {
        "steps": steps,
        "step": steps[number - 1],
        "next_step": steps[number] if number < STEP_COUNT else None,
        "step_count": STEP_COUNT,
        "partnership": partnership,
        **extra,
    }


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Picks the guided start up where the person's records say they are."""
    steps = _steps(request.user, _own_partnership(request.user))
    return redirect(next((step.url_name for step in steps if not step.done), "start-plan"))


@login_required
def start_hours(request: HttpRequest) -> HttpResponse:
    user = request.user
    data = request.POST if request.method == "POST" else None
    zone_form = TimeZoneForm(data, instance=user)
    day_forms = working_day_forms(user, data)
    if data is not None and _saved_with_hours(user, zone_form, day_forms):
        messages.success(request, f"Saved: {_weekly_hours(user):g} hours a week.")
        return redirect("start-partner")
    context = _start_context(
        user,
        1,
        _own_partnership(user),
        zone_form=zone_form,
        day_forms=day_forms,
        weekly_hours=_weekly_hours(user),
    )
    return render(request, "accounts/start_hours.html", context)


@login_required
def start_partner(request: HttpRequest) -> HttpResponse:
    user = request.user
    partnership = _own_partnership(user)
    form = PartnershipForm(request.POST or None)
    if partnership is None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = partnership_services.partnership_create(
            user, data["partner_name"], data["kind"], data["partner_email"]
        )
        messages.success(request, f"Your partnership with {created.partner_name} is ready.")
        return redirect("start-assignments")
    context = _start_context(user, 2, partnership, form=form)
    return render(request, "accounts/start_partner.html", context)


@login_required
def start_assignments(request: HttpRequest) -> HttpResponse:
    user = request.user
    partnership = _own_partnership(user)
    form = None
    if partnership is not None:
        form = AssignmentForm(
            request.POST if request.method == "POST" else None,
            today=user.local_today(),
            day_minutes=day_minutes(user),
        )
        if request.method == "POST" and form.is_valid():
            try:
                added = workload_services.assignment_create(user, partnership, form.draft())
            except TandemError as error:
                attach_error(form, error)
            else:
                messages.success(request, f"Added “{added.title}”.")
                return redirect("start-assignments")
    captured = list(_own_assignments(user, partnership).order_by("pk")[:FIRST_ASSIGNMENTS])
    context = _start_context(
        user,
        3,
        partnership,
        form=form,
        captured=captured,
        enough=len(captured) >= FIRST_ASSIGNMENTS,
        still_to_capture=max(FIRST_ASSIGNMENTS - len(captured), 0),
    )
    return render(request, "accounts/start_assignments.html", context)


@login_required
def start_plan(request: HttpRequest) -> HttpResponse:
    """The last step is the plan itself: the workload page of the person's partnership."""
    partnership = _own_partnership(request.user)
    if partnership is None:
        messages.info(
            request, "Your plan lives in a partnership: create one whenever you are ready."
        )
        return redirect("home")
    messages.success(
        request,
        f"Step {STEP_COUNT} of {STEP_COUNT}, your plan: each assignment's projected finish over "
        "your real hours, and what will be late. Capture new asks here as they come.",
    )
    return redirect("area-workload", pk=partnership.pk)


def _revoked(count: int) -> str:
    if count == 1:
        return "1 API token was revoked."
    return f"{count} API tokens were revoked."


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("settings")
    extra_context = {"section": "password"}

    def form_valid(self, form):
        response = super().form_valid(form)
        said = "Your password is changed."
        if form.revoked_tokens:
            said = f"{said} {_revoked(form.revoked_tokens)}"
        messages.success(self.request, said)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.revoked_tokens:
            messages.success(self.request, _revoked(form.revoked_tokens))
        return response


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        _, new_secret = ApiToken.issue(request.user, form.cleaned_data["name"])
        form = ApiTokenForm()
    tokens = api_tokens_for(request.user).active()
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "tokens": tokens, "new_secret": new_secret, "section": "tokens"},
    )


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(api_tokens_for(request.user).active(), pk=pk)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    messages.success(request, f"The token “{token.name}” no longer works.")
    return redirect("api-tokens")


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.account_delete(request.user)
        logout(request)
        messages.success(request, "Your account and all its data are deleted.")
        return redirect("login")
    return render(request, "accounts/delete.html", {"form": form, "section": "delete"})
