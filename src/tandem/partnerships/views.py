from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tandem.areas import overview_panels
from tandem.lib.errors import TandemError
from tandem.lib.fields import attach_error
from tandem.partnerships import services
from tandem.partnerships.forms import PartnershipForm, SharingForm
from tandem.partnerships.models import Invitation
from tandem.privacy import get_area_for, get_partnership_for, invitations_for, partnerships_for
from tandem.workspace import workspace_context


@login_required
def home(request: HttpRequest) -> HttpResponse:
    partnerships = list(partnerships_for(request.user))
    rows = [(p, p.title_for(request.user), p.is_owner(request.user)) for p in partnerships]
    return render(request, "partnerships/home.html", {"rows": rows})


@login_required
def partnership_create(request: HttpRequest) -> HttpResponse:
    form = PartnershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        partnership = services.partnership_create(
            request.user, data["partner_name"], data["kind"], data["partner_email"]
        )
        messages.success(
            request,
            f"Your partnership with {partnership.partner_name} is ready. Every tool works "
            "now; invite them whenever you like.",
        )
        return redirect("partnership", pk=partnership.pk)
    return render(request, "partnerships/create.html", {"form": form})


@login_required
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    """The overview: each visible area's tile with its figures, and the areas' panels."""
    partnership = get_partnership_for(request.user, pk)
    viewer = request.user
    context = workspace_context(request, partnership, current="dashboard")
    context["tiles"] = [
        (area, area.figures(viewer, partnership) if area.built else None)
        for area in context["areas"]
    ]
    context["panels"] = [
        (panel.template, panel_context)
        for panel in overview_panels()
        if (panel_context := panel.context(viewer, partnership)) is not None
    ]
    return render(request, "partnerships/dashboard.html", context)


@login_required
def area(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk)
    current = get_area_for(request.user, partnership, slug)
    context = workspace_context(request, partnership, current=current.slug, area=current)
    return render(request, "partnerships/area.html", context)


@login_required
def partnership_settings(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk)
    if not partnership.is_owner(request.user):
        return render(
            request,
            "partnerships/settings_partner.html",
            workspace_context(request, partnership, current="settings"),
        )
    details_form = PartnershipForm(instance=partnership, prefix="details")
    sharing_form = SharingForm(instance=partnership, prefix="sharing")
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "details":
            details_form = PartnershipForm(request.POST, instance=partnership, prefix="details")
            form = details_form
        else:
            sharing_form = SharingForm(request.POST, instance=partnership, prefix="sharing")
            form = sharing_form
        if form.is_valid():
            try:
                notices = services.partnership_update(partnership, form.cleaned_data)
            except TandemError as error:
                attach_error(form, error)
            else:
                messages.success(request, " ".join(["Saved.", *notices]))
                return redirect("partnership-settings", pk=partnership.pk)
    invitations = invitations_for(request.user).filter(partnership=partnership)[:5]
    new_link = request.session.pop(f"invite-link-{partnership.pk}", None)
    context = workspace_context(
        request,
        partnership,
        current="settings",
        details_form=details_form,
        sharing_form=sharing_form,
        invitations=invitations,
        new_link=new_link,
    )
    return render(request, "partnerships/settings.html", context)


def _run(request: HttpRequest, action, success: str) -> bool:
    """Runs a domain action and turns a broken rule into a message for the person."""
    try:
        action()
    except TandemError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success)
    return True


@login_required
@require_POST
def invitation_create(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    try:
        issued = services.invitation_create(partnership)
    except TandemError as error:
        messages.error(request, error.message)
    else:
        link = request.build_absolute_uri(reverse("invitation", args=[issued.token]))
        # Shown once on the next page; only the token's hash is kept.
        request.session[f"invite-link-{partnership.pk}"] = link
    return redirect("partnership-settings", pk=partnership.pk)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    invitation = get_object_or_404(
        invitations_for(request.user).filter(partnership=partnership), pk=invitation_pk
    )
    _run(request, lambda: services.invitation_revoke(invitation), "The link no longer works.")
    return redirect("partnership-settings", pk=partnership.pk)


@login_required
@require_POST
def partner_remove(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    name = str(partnership.partner)
    _run(
        request,
        lambda: services.partner_remove(partnership),
        f"{name} no longer has access. Your records are unchanged.",
    )
    return redirect("partnership-settings", pk=partnership.pk)


@login_required
@require_POST
def partnership_leave(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk)
    if _run(
        request,
        lambda: services.partnership_leave(partnership, request.user),
        f"You left the partnership with {partnership.owner}.",
    ):
        return redirect("home")
    return redirect("partnership", pk=partnership.pk)


@login_required
@require_POST
def partnership_delete(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    name = partnership.partner_name
    services.partnership_delete(partnership)
    messages.success(request, f"The partnership with {name} and everything in it is deleted.")
    return redirect("home")


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind an invitation link: explains, then lets the partner join."""
    found = Invitation.for_token(token)
    user = request.user if request.user.is_authenticated else None
    if request.method == "POST" and user is not None:
        try:
            partnership = services.invitation_accept(token, user)
        except TandemError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, f"You joined {partnership.owner}'s partnership. Welcome to Tandem."
            )
            return redirect("partnership", pk=partnership.pk)
    problem = services.invitation_problem(found, user)
    context = {
        "token": token,
        "invitation": found if problem is None else None,
        "problem": problem,
        "owner": found.partnership.owner if found else None,
        "role": found.partnership.invitee_role if found else "",
    }
    status = 200 if problem is None else 410 if found else 404
    return render(request, "partnerships/invitation.html", context, status=status)
