from __future__ import annotations

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
    time_zone_names,
    working_day_forms,
)
from tandem.accounts.models import ApiToken
from tandem.lib.urls import local_path
from tandem.privacy import api_tokens_for


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
        return redirect(_next_url(request) or "settings")
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


@login_required
def settings_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    data = request.POST if request.method == "POST" else None
    profile_form = ProfileForm(data, instance=user)
    day_forms = working_day_forms(user, data)
    if data is not None:
        valid = profile_form.is_valid()
        valid = all([form.is_valid() for form in day_forms]) and valid
        if valid:
            profile_form.save()
            services.working_hours_set(
                user,
                {
                    form.weekday: (form.cleaned_data["start"], form.cleaned_data["end"])
                    for form in day_forms
                    if form.cleaned_data["works"]
                },
            )
            messages.success(request, "Your profile and working hours are saved.")
            return redirect("settings")
        messages.error(request, "Some fields need your attention; nothing was saved yet.")
    weekly_minutes = sum(day.minutes for day in user.working_days.all())
    return render(
        request,
        "accounts/settings.html",
        {
            "profile_form": profile_form,
            "day_forms": day_forms,
            "time_zones": sorted(time_zone_names()),
            "weekly_hours": weekly_minutes / 60,
            "section": "profile",
        },
    )


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
