"""The one-on-ones in a calendar: an .ics download for both members, and a feed the owner
can subscribe to from any calendar app, opened by a secret address she can revoke.

Both hold the meetings' times, the two names and a link to each meeting's page, nothing
else: an agenda, notes and decisions stay behind the login.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from tandem.lib.errors import TandemError
from tandem.lib.ics import MeetingItem, meetings_calendar
from tandem.oneonones import services
from tandem.oneonones.models import Series
from tandem.oneonones.privacy import get_owned_series, series_for, series_for_feed_token
from tandem.privacy import get_partnership_for

# Calendars keep what already happened: the last two months of meetings come along.
FEED_PAST = dt.timedelta(weeks=8)
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _calendar(request: HttpRequest, series: Series, partner: str) -> bytes:
    """The meetings that take place, from eight weeks back to as far ahead as they are planned;
    `partner` is the partner's name as the calendar's reader knows them."""
    services.meetings_keep_ahead(series)
    partnership = series.partnership
    title = f"One-on-one: {partnership.owner} & {partner}"
    meetings = series.meetings.taking_place().filter(starts_at__gte=timezone.now() - FEED_PAST)
    items = []
    for meeting in meetings.only("pk", "starts_at", "duration_minutes"):
        page = request.build_absolute_uri(
            reverse("meeting", kwargs={"pk": partnership.pk, "meeting_pk": meeting.pk})
        )
        items.append(
            MeetingItem(
                uid=f"meeting-{meeting.pk}@tandem",
                title=title,
                start=meeting.starts_at,
                end=meeting.ends_at,
                description=f"Agenda and notes in Tandem: {page}",
                url=page,
            )
        )
    return meetings_calendar(items, name=f"One-on-ones: {partnership.owner} & {partner}")


@login_required
@require_safe
def series_ics(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk)
    series = series_for(request.user, partnership)
    if series is None:
        raise Http404("No one-on-one series yet.")
    # The owner's name for the partner is the owner's; the partner reads their own name.
    partner = partnership.partner_name if partnership.is_owner(request.user) else str(request.user)
    response = HttpResponse(_calendar(request, series, partner), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="tandem-one-on-ones.ics"'
    return response


@login_required
@require_POST
def feed_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """Make a new feed address (the one before stops working), or revoke it."""
    _, series = get_owned_series(request.user, pk)
    action = request.POST.get("action")
    try:
        if action == "create":
            secret = services.feed_create(request.user, series)
            url = request.build_absolute_uri(reverse("one-on-ones-feed-ics", args=[secret]))
            messages.success(
                request,
                f"Subscribe to this address in your calendar app: {url} "
                "It is shown only this once; copy it now. Anyone who has it sees your "
                "one-on-ones' times, so make a new one if it leaks.",
            )
        elif action == "revoke":
            services.feed_revoke(request.user, series)
            messages.success(request, "The calendar feed is off: its address no longer works.")
        else:
            messages.error(request, "Choose to make a feed address or to turn the feed off.")
    except TandemError as error:
        messages.error(request, error.message)
    return redirect("area-one-on-ones", pk=pk)


@require_safe
def feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The subscribed feed: public, the secret in the address is the key."""
    series = series_for_feed_token(token)
    if series is None:
        raise Http404("No such calendar feed.")
    # The feed is the owner's: her name for the partner.
    partner = series.partnership.partner_name
    return HttpResponse(_calendar(request, series, partner), content_type=CONTENT_TYPE)
