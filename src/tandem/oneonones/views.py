"""The one-on-ones' pages: thin, each one reads with `privacy`, writes with `services`.

Every form works without scripts (POST, then back to the page at its section). With HTMX,
the meeting page's small forms answer with their section only, so two people working on
different items of one meeting never reload each other's typing away.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from tandem.accounts.models import User
from tandem.lib.dates import format_date
from tandem.lib.errors import Conflict, TandemError
from tandem.lib.fields import attach_error
from tandem.lib.numbers import read_id
from tandem.lib.urls import local_path
from tandem.lib.words import plural, shorten
from tandem.meetings import PROPOSAL_LABELS, FollowThrough, describe
from tandem.oneonones import services
from tandem.oneonones.forms import (
    ActionForm,
    AgendaItemForm,
    CadenceForm,
    DecisionForm,
    HistorySearchForm,
    MeetingTimeForm,
    PrivateNoteForm,
    QuestionForm,
    SharedNotesForm,
    TitleForm,
)
from tandem.oneonones.models import ActionStatus, ItemStatus, Meeting, Series, Side
from tandem.oneonones.privacy import (
    ActionView,
    AgendaEntry,
    DecisionView,
    MeetingRecord,
    MeetingView,
    agenda_items_on,
    follow_through_for,
    get_action_item_for,
    get_agenda_item_for,
    get_decision_for,
    get_meeting_for,
    get_owned_series,
    history_for,
    meeting_record_for,
    next_meeting_for,
    open_actions_for,
    proposals_for,
    schedule_for,
    series_for,
    side_name,
    summary_for,
    viewer_side,
)
from tandem.partnerships.models import Partnership
from tandem.privacy import get_partnership_for, require_area
from tandem.workload.privacy import assignments_for, get_assignment_for
from tandem.workspace import workspace_context

AREA = "one-on-ones"
NOTED = "Noted for your next one-on-one: only you see it until you put it on the agenda."


# Times and dates in the viewer's words and zone.


def _zone_label(zone: dt.tzinfo) -> str:
    """ "America/New_York" → "New York"."""
    return str(zone).rsplit("/", 1)[-1].replace("_", " ")


def _when(moment: dt.datetime, zone: dt.tzinfo, today: dt.date) -> str:
    """ "Thu 3 Dec at 10:00", in `zone`."""
    local = moment.astimezone(zone)
    return f"{format_date(local.date(), today)} at {local:%H:%M}"


def _day(day: dt.date | None, today: dt.date) -> str:
    return format_date(day, today) if day is not None else ""


def _state(view: MeetingView, now: dt.datetime, zone: dt.tzinfo) -> tuple[str, str]:
    """A meeting's state in a word or two, and its key for the page's styles."""
    if view.skipped:
        return "skipped", "Skipped"
    if view.held:
        return "held", "Held"
    if view.starts_at <= now:
        return "under-way", "Under way"
    days = (view.starts_at.astimezone(zone).date() - now.astimezone(zone).date()).days
    if days == 0:
        return "soon", "Today"
    if days == 1:
        return "soon", "Tomorrow"
    return "upcoming", f"In {days} days"


def _minutes(minutes: int) -> str:
    """ "45 minutes", "1 hour", "1 hour 30 minutes"."""
    hours, rest = divmod(minutes, 60)
    parts = [plural(hours, "hour", "hours")] if hours else []
    if rest or not hours:
        parts.append(plural(rest, "minute", "minutes"))
    return " ".join(parts)


@dataclass(frozen=True)
class MeetingRow:
    view: MeetingView
    url: str
    when: str
    state_key: str
    state: str
    length: str
    # The move form's starting values: the day with its year, and the local time.
    day_text: str
    time_text: str


def _meeting_row(meeting: Meeting, viewer: User, now: dt.datetime, today: dt.date) -> MeetingRow:
    view = MeetingView.of(meeting, now)
    key, state = _state(view, now, viewer.zone)
    local = view.starts_at.astimezone(viewer.zone)
    return MeetingRow(
        view=view,
        url=reverse("meeting", args=[meeting.partnership_id, meeting.pk]),
        when=_when(view.starts_at, viewer.zone, today),
        state_key=key,
        state=state,
        length=_minutes(view.duration_minutes),
        day_text=_with_year(local.date()),
        time_text=f"{local:%H:%M}",
    )


def _with_year(day: dt.date) -> str:
    """ "Thu 12 Nov 2026": read back as itself, even once it has passed."""
    return f"{format_date(day)} {day.year}"


@dataclass(frozen=True)
class ActionRow:
    view: ActionView
    due: str
    outcome: str
    # "ok", "late", "open" or "dropped": how the outcome is shown.
    tone: str
    meeting_url: str
    recorded_on: str
    assignment_title: str = ""


def _outcome(view: ActionView, today: dt.date) -> tuple[str, str]:
    due = _day(view.due, today)
    if view.status == ActionStatus.DONE:
        done = f"Done {_day(view.closed_on, today)}" if view.closed_on else "Done"
        late = view.due is not None and view.closed_on is not None and view.closed_on > view.due
        return (f"{done}, after its day ({due})", "late") if late else (done, "ok")
    if view.status == ActionStatus.DROPPED:
        return "Dropped", "dropped"
    if view.overdue:
        return f"Overdue: due {due}", "late"
    return (f"Open, due {due}" if due else "Open, no date"), "open"


def _action_rows(
    views, partnership: Partnership, today: dt.date, titles: dict[int, str] | None = None
) -> list[ActionRow]:
    titles = titles or {}
    rows = []
    for view in views:
        outcome, tone = _outcome(view, today)
        rows.append(
            ActionRow(
                view=view,
                due=_day(view.due, today),
                outcome=outcome,
                tone=tone,
                meeting_url=reverse("meeting", args=[partnership.pk, view.meeting_id]),
                recorded_on=format_date(view.recorded_on, today),
                assignment_title=titles.get(view.assignment_id, "") if view.assignment_id else "",
            )
        )
    return rows


def _sides(partnership: Partnership, viewer: User, *, both: bool) -> list[tuple[str, str]]:
    """The partnership's two members as the viewer names them: "You" first."""
    mine = viewer_side(partnership, viewer)
    other = Side.PARTNER if mine == Side.OWNER else Side.OWNER
    sides = [(mine, "You"), (other, side_name(partnership, other, viewer))]
    return [*sides, (Side.BOTH, "Both of you")] if both else sides


def _other_zone(partnership: Partnership, viewer: User) -> bool:
    return str(viewer.zone) != str(partnership.owner.zone)


def _zone_note(partnership: Partnership, viewer: User) -> str:
    """For a member in another zone than the owner's: whose times these are."""
    if not _other_zone(partnership, viewer):
        return ""
    return f"Times are in your time zone ({_zone_label(viewer.zone)})."


def _cadence(series: Series, partnership: Partnership, viewer: User) -> str:
    """The rule in a line; its time is the owner's, which a member elsewhere is told."""
    line = describe(series.rule)
    if not _other_zone(partnership, viewer):
        return line
    at = f"at {series.time:%H:%M}"
    return line.replace(at, f"{at} {_zone_label(partnership.owner.zone)} time", 1)


def _focus_first_error(form: Form) -> None:
    """A form sent back with its errors puts the cursor in its first faulty field, which also
    brings a long page to it."""
    faulty = [name for name in form.errors if name in form.fields] or list(form.fields)
    widget = form.fields[faulty[0]].widget
    if not widget.is_hidden:
        widget.attrs["autofocus"] = True


def _with_focus(forms: dict) -> dict:
    for value in forms.values():
        if isinstance(value, Form) and value.is_bound and value.errors:
            _focus_first_error(value)
    return forms


def _safe_next(request: HttpRequest, default: str) -> str:
    # A path of this site only: anything else (a bare word, another host) goes to `default`.
    target = local_path(request.POST.get("next"))
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else default


def _area_url(pk: int, anchor: str = "") -> str:
    return reverse("area-one-on-ones", args=[pk]) + (f"#{anchor}" if anchor else "")


# The area: the series and its meetings.


def _cadence_form(user: User, data=None, **kwargs) -> CadenceForm:
    return CadenceForm(data, today=user.local_today(), zone=_zone_label(user.zone), **kwargs)


def _meeting_form(user: User, data=None, *, prefix_id: str = "meeting") -> MeetingTimeForm:
    return MeetingTimeForm(data, today=user.local_today(), prefix_id=prefix_id)


def _agenda_count_line(record: MeetingRecord | None, open_actions: int) -> list[str]:
    parts = []
    if record is not None:
        items = len(record.open_agenda)
        parts.append(f"{items} on the agenda" if items else "nothing on the agenda yet")
    if open_actions:
        parts.append(plural(open_actions, "action item open", "action items open"))
    return parts


@login_required
def one_on_ones_page(request: HttpRequest, pk: int, **forms) -> HttpResponse:
    """The answer first (when the next one-on-one is, what is on it, what is still open), then
    the meetings to come and past, the open action items, and the calendar."""
    user = request.user
    partnership = get_partnership_for(user, pk)
    series = series_for(user, partnership)
    is_owner = partnership.is_owner(user)
    context = workspace_context(
        request, partnership, current=AREA, series=series, **_with_focus(forms)
    )
    if series is None:
        if is_owner and "cadence_form" not in forms:
            context["cadence_form"] = _cadence_form(user)
        return render(request, "oneonones/one_on_ones.html", context)
    series.partnership = partnership
    services.meetings_keep_ahead(series)
    now = timezone.now()
    today = user.local_today()
    schedule = schedule_for(user, partnership, now=now)
    record = (
        meeting_record_for(user, partnership, schedule.next, now=now) if schedule.next else None
    )
    open_actions = open_actions_for(user, partnership)
    next_row = _meeting_row(schedule.next, user, now, today) if schedule.next else None
    if next_row is not None:
        headline = " · ".join(
            [f"Next one-on-one: {next_row.when}", *_agenda_count_line(record, len(open_actions))]
        )
    elif series.ends_on is not None and series.ends_on < partnership.owner.local_today():
        headline = f"The series ended {format_date(series.ends_on, today)}: no one-on-one planned"
    else:
        headline = "No one-on-one planned"
    mine = viewer_side(partnership, user)
    context.update(
        headline=headline,
        cadence=_cadence(series, partnership, user),
        zone_note=_zone_note(partnership, user),
        next_row=next_row,
        record=record,
        upcoming=[_meeting_row(m, user, now, today) for m in schedule.upcoming],
        past=[_meeting_row(m, user, now, today) for m in schedule.past],
        held_count=schedule.held_count,
        open_actions=_action_rows(open_actions, partnership, partnership.owner.local_today()),
        my_open=sum(1 for view in open_actions if view.owned_by == mine),
        feed_active=bool(series.feed_token_hash),
        feed_since=format_date(series.feed_created_at.date(), today)
        if series.feed_created_at
        else "",
    )
    if is_owner:
        context.setdefault("add_form", _meeting_form(user, prefix_id="add"))
    return render(request, "oneonones/one_on_ones.html", context)


@login_required
def series_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner sets or changes the cadence; meetings still to come follow it."""
    user = request.user
    partnership = get_partnership_for(user, pk, owner_only=True)
    series = series_for(user, partnership)
    initial = {}
    if series is not None:
        initial = {
            "cadence": series.cadence,
            "every_weeks": series.every_weeks,
            "weekday": series.weekday,
            "time": series.time,
            "duration_minutes": series.duration_minutes,
            "starts_on": _with_year(series.starts_on),
            "ends_on": _with_year(series.ends_on) if series.ends_on else "",
        }
    data = request.POST if request.method == "POST" else None
    form = _cadence_form(user, data, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.series_save(user, partnership, form.rule())
        except TandemError as error:
            attach_error(form, error)
        else:
            messages.success(request, _series_saved(saved, series is None, user, partnership))
            return redirect("area-one-on-ones", pk=pk)
    if series is None and request.method == "POST":
        # The first cadence is set from the area's own page: its errors show there.
        return one_on_ones_page(request, pk, cadence_form=form)
    context = workspace_context(
        request,
        partnership,
        current=AREA,
        series=series,
        form=form,
        cadence=describe(series.rule) if series else "",
    )
    return render(request, "oneonones/series.html", context)


def _series_saved(series: Series, created: bool, user: User, partnership: Partnership) -> str:
    rule = describe(series.rule)
    first = next_meeting_for(user, partnership)
    when = f" The next is {_when(first.starts_at, user.zone, user.local_today())}." if first else ""
    if created:
        return f"One-on-ones set: {rule[0].lower()}{rule[1:]}.{when}"
    return f"Saved: {rule[0].lower()}{rule[1:]}. Meetings still to come follow it.{when}"


@login_required
@require_POST
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    """An extra meeting outside the cadence, at a day and time in the owner's zone."""
    _, series = get_owned_series(request.user, pk)
    user = request.user
    form = _meeting_form(user, request.POST, prefix_id="add")
    if form.is_valid():
        try:
            meeting = services.meeting_add(
                user, series, form.starts_at(user.zone), form.cleaned_data["duration_minutes"]
            )
        except TandemError as error:
            attach_error(form, error)
        else:
            when = _when(meeting.starts_at, user.zone, user.local_today())
            messages.success(request, f"Added a one-on-one on {when}. Prepare its agenda here.")
            return redirect("meeting", pk=pk, meeting_pk=meeting.pk)
    return one_on_ones_page(request, pk, add_form=form)


@login_required
@require_POST
def meeting_move(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    partnership, _ = get_owned_series(request.user, pk)
    meeting = get_meeting_for(request.user, partnership, meeting_pk)
    user = request.user
    form = _meeting_form(user, request.POST, prefix_id=f"move-{meeting.pk}")
    if form.is_valid():
        try:
            services.meeting_move(
                user, meeting, form.starts_at(user.zone), form.cleaned_data["duration_minutes"]
            )
        except Conflict as error:
            # A meeting that took place has no move form on the page to show this under.
            messages.error(request, error.message)
            return redirect(_area_url(pk, "past"))
        except TandemError as error:
            attach_error(form, error)
        else:
            when = _when(meeting.starts_at, user.zone, user.local_today())
            messages.success(request, f"Moved to {when}. Its agenda moved with it.")
            return redirect(_area_url(pk, "upcoming"))
    return one_on_ones_page(request, pk, move_form=form, move_pk=meeting.pk)


@login_required
@require_POST
def meeting_skip(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """Skip a meeting (its open items go to the next one), or take it back."""
    partnership, _ = get_owned_series(request.user, pk)
    meeting = get_meeting_for(request.user, partnership, meeting_pk)
    action = request.POST.get("action")
    user = request.user
    back = _safe_next(request, _area_url(pk, "upcoming"))
    if action not in ("skip", "restore"):
        messages.error(request, "Choose to skip the meeting or to hold it after all.")
        return redirect(back)
    skip = action == "skip"
    when = _when(meeting.starts_at, user.zone, user.local_today())
    try:
        services.meeting_skip(user, meeting, skip)
    except TandemError as error:
        messages.error(request, error.message)
    else:
        if skip:
            messages.success(request, f"Skipped {when}. Its open items are on the next one.")
        else:
            messages.success(request, f"{when} takes place again.")
    return redirect(back)


# One meeting.


@dataclass(frozen=True)
class AgendaRow:
    entry: AgendaEntry
    first: bool
    last: bool


def _agenda_rows(record: MeetingRecord) -> list[AgendaRow]:
    """The open items in their order."""
    open_items = sorted(record.open_agenda, key=lambda entry: (entry.position, entry.pk))
    return [
        AgendaRow(entry, first=index == 0, last=index == len(open_items) - 1)
        for index, entry in enumerate(open_items)
    ]


def _assignment_choices(user: User, partnership: Partnership, linked: set[int]):
    """The open assignments of this partnership the viewer may see, and the titles of those
    already linked. One query."""
    visible = assignments_for(user).filter(partnership=partnership).defer("notes")
    found = visible.filter(pk__in=linked) | visible.open()
    titles, choices = {}, []
    for assignment in found.order_by("due", "pk"):
        titles[assignment.pk] = assignment.title
        if assignment.is_open:
            choices.append((assignment.pk, f"#{assignment.pk} {assignment.title}"))
    return choices, titles


def _meeting_context(
    request: HttpRequest, partnership: Partnership, meeting: Meeting, **extra
) -> dict:
    user = request.user
    now = timezone.now()
    series = series_for(user, partnership)
    if series is not None:
        series.partnership = partnership
        services.meetings_keep_ahead(series, now=now)
    record = meeting_record_for(user, partnership, meeting, now=now)
    today = user.local_today()
    owner_today = partnership.owner.local_today()
    view = record.meeting
    key, state = _state(view, now, user.zone)
    rows = _agenda_rows(record)
    linked = {a.assignment_id for a in (*record.actions, *record.carried_actions)}
    choices, titles = _assignment_choices(user, partnership, linked - {None})
    proposals = [
        (proposal, PROPOSAL_LABELS[proposal.kind])
        for proposal in proposals_for(user, partnership, meeting, now=now)
    ]
    sides = _sides(partnership, user, both=False)
    context = workspace_context(
        request,
        partnership,
        current=AREA,
        meeting=view,
        record=record,
        when=_when(view.starts_at, user.zone, today),
        ends=f"{view.ends_at.astimezone(user.zone):%H:%M}",
        length=_minutes(view.duration_minutes),
        state_key=key,
        state=state,
        taking_place=not view.skipped,
        zone_note=_zone_note(partnership, user) if series else "",
        agenda_rows=rows,
        settled=record.settled_agenda,
        settled_later=record.settled_later,
        proposals=proposals,
        carried=_action_rows(record.carried_actions, partnership, owner_today, titles),
        actions=_action_rows(record.actions, partnership, owner_today, titles),
        notes_updated=_when(record.notes_updated_at, user.zone, today)
        if record.notes_updated_at
        else "",
        meeting_url=reverse("meeting", args=[partnership.pk, meeting.pk]),
    )
    context.update(
        # The partner sees a linked assignment only when the owner shares the workload.
        sees_workload=any(area.slug == "workload" for area in context["areas"]),
        agenda_form=AgendaItemForm(),
        decision_form=DecisionForm(sides=_sides(partnership, user, both=True)),
        action_form=ActionForm(
            today=today,
            sides=sides,
            assignments=choices,
            initial={"owned_by": viewer_side(partnership, user)},
        ),
        notes_form=SharedNotesForm(
            initial={"text": record.shared_notes, "version": record.notes_version}
        ),
        private_form=PrivateNoteForm(initial={"text": record.private_note}),
    )
    context.update(_with_focus(extra))
    return context


def _meeting_page(
    request: HttpRequest,
    partnership: Partnership,
    meeting: Meeting,
    *,
    section: str = "",
    status: int = 200,
    **extra,
) -> HttpResponse:
    """The whole page, or with HTMX one section of it (`section` names its partial) and the
    page's jump links, whose counts it may have changed (swapped out of band)."""
    context = _meeting_context(request, partnership, meeting, **extra)
    if request.htmx and section:
        parts = (f"oneonones/meeting.html#{section}", "oneonones/meeting.html#jump")
        body = "".join(
            render_to_string(name, {**context, "out_of_band": True}, request) for name in parts
        )
        return HttpResponse(body, status=status)
    return render(request, "oneonones/meeting.html", context, status=status)


@login_required
def meeting_page(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """The heart of the area: the agenda, what is proposed for it, what is still open from
    earlier meetings, and what is written down in this one."""
    partnership = get_partnership_for(request.user, pk)
    meeting = get_meeting_for(request.user, partnership, meeting_pk)
    return _meeting_page(request, partnership, meeting)


def _viewed_meeting(request: HttpRequest, partnership: Partnership, fallback: int) -> Meeting:
    """The meeting whose page a form was sent from (an item shows on every later one)."""
    pk = read_id(request.POST.get("meeting")) or fallback
    return get_meeting_for(request.user, partnership, pk)


def _answer(
    request: HttpRequest,
    partnership: Partnership,
    meeting: Meeting,
    section: str,
    said: str,
    *,
    error: bool = False,
    anchor: str = "",
    **extra,
) -> HttpResponse:
    """After a small form: with HTMX its section, saying what happened; without, back to the
    page at that section with the message on top."""
    if request.htmx:
        return _meeting_page(
            request, partnership, meeting, section=section, said=said, said_error=error, **extra
        )
    (messages.error if error else messages.success)(request, said)
    default = reverse("meeting", args=[partnership.pk, meeting.pk]) + f"#{anchor or section}"
    return redirect(_safe_next(request, default))


@login_required
@require_POST
def agenda_item_add(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk)
    meeting = get_meeting_for(request.user, partnership, meeting_pk)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            item = services.agenda_item_add(request.user, meeting, data["title"], data["detail"])
        except Conflict as error:
            return _answer(request, partnership, meeting, "agenda", error.message, error=True)
        except TandemError as error:
            attach_error(form, error)
        else:
            said = f"Added “{shorten(item.title)}” to the agenda."
            return _answer(request, partnership, meeting, "agenda", said)
    return _meeting_page(request, partnership, meeting, section="agenda", agenda_form=form)


@login_required
@require_POST
def proposal_respond(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """Accept a proposal onto the shared agenda, or remove it from this meeting's."""
    partnership = get_partnership_for(request.user, pk)
    meeting = get_meeting_for(request.user, partnership, meeting_pk)
    user = request.user
    key = request.POST.get("key", "")[:64]
    action = request.POST.get("action")
    if action not in ("accept", "dismiss"):
        said = "Choose to accept the proposal or to remove it."
        return _answer(request, partnership, meeting, "agenda", said, error=True)
    offered = {p.key: p for p in proposals_for(user, partnership, meeting)}
    proposal = offered.get(key)
    if proposal is None:
        said = "That proposal is no longer offered: it is on the agenda or was removed."
        return _answer(request, partnership, meeting, "agenda", said, error=True)
    try:
        if action == "accept":
            services.proposal_accept(user, meeting, proposal)
            said = f"“{shorten(proposal.title)}” is on the agenda."
        else:
            services.proposal_dismiss(user, meeting, proposal.key)
            said = f"Removed “{shorten(proposal.title)}” from this meeting's proposals."
    except TandemError as error:
        return _answer(request, partnership, meeting, "agenda", error.message, error=True)
    return _answer(request, partnership, meeting, "agenda", said, anchor="proposals")


@login_required
@require_POST
def agenda_reorder(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """One item one place up or down this meeting's agenda."""
    partnership = get_partnership_for(request.user, pk)
    meeting = get_meeting_for(request.user, partnership, meeting_pk)
    user = request.user
    record = meeting_record_for(user, partnership, meeting)
    order = [row.entry.pk for row in _agenda_rows(record)]
    item_pk = read_id(request.POST.get("item"))
    direction = request.POST.get("direction")
    if item_pk not in order or direction not in ("up", "down"):
        said = "That item is not on this agenda any more: the page shows it as it is now."
        return _answer(request, partnership, meeting, "agenda", said, error=True)
    index = order.index(item_pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
        services.agenda_reorder(user, agenda_items_on(user, partnership, meeting), order)
    title = next(row.entry.title for row in _agenda_rows(record) if row.entry.pk == item_pk)
    said = f"Moved “{shorten(title)}” {direction}."
    return _answer(
        request,
        partnership,
        meeting,
        "agenda",
        said,
        anchor=f"item-{item_pk}",
        focus_item=item_pk,
        focus_direction=direction,
    )


ITEM_DONE = {
    ItemStatus.DISCUSSED: "Marked “{}” discussed.",
    ItemStatus.DROPPED: "Dropped “{}”: it leaves the agenda.",
    ItemStatus.OPEN: "“{}” is open again.",
}


@login_required
@require_POST
def agenda_item_update(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """A new title, or discussed / dropped / open again: one item at a time."""
    partnership = get_partnership_for(request.user, pk)
    item = get_agenda_item_for(request.user, partnership, item_pk)
    meeting = _viewed_meeting(request, partnership, item.meeting_id)
    user = request.user
    if "title" in request.POST:
        form = TitleForm(request.POST)
        if form.is_valid():
            try:
                services.agenda_item_update(user, item, title=form.cleaned_data["title"])
            except TandemError as error:
                attach_error(form, error)
            else:
                said = f"Renamed it “{shorten(item.title)}”."
                return _answer(
                    request, partnership, meeting, "agenda", said, anchor=f"item-{item.pk}"
                )
        return _meeting_page(
            request, partnership, meeting, section="agenda", title_form=form, title_pk=item.pk
        )
    status = request.POST.get("status", "")
    try:
        services.agenda_item_update(user, item, status=status)
    except TandemError as error:
        return _answer(request, partnership, meeting, "agenda", error.message, error=True)
    said = ITEM_DONE[ItemStatus(status)].format(shorten(item.title))
    return _answer(request, partnership, meeting, "agenda", said)


@login_required
@require_POST
def shared_notes_save(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """Both write the shared notes; a save from an older version keeps the typed text and
    shows the latest saved notes above it, so nothing is lost."""
    partnership = get_partnership_for(request.user, pk)
    meeting = get_meeting_for(request.user, partnership, meeting_pk)
    form = SharedNotesForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.shared_notes_save(request.user, meeting, data["text"], data["version"])
        except Conflict as error:
            # The typed text stays; the next save starts from the latest version.
            kept = SharedNotesForm({"text": data["text"], "version": meeting.notes_version})
            # Before validating: the form keeps each field's label from then on.
            kept.fields["text"].label = "Your text, not saved yet"
            kept.is_valid()
            attach_error(kept, error)
            return _meeting_page(
                request, partnership, meeting, status=409, notes_form=kept, notes_conflict=True
            )
        except TandemError as error:
            attach_error(form, error)
        else:
            messages.success(request, "Shared notes saved.")
            return redirect(reverse("meeting", args=[pk, meeting.pk]) + "#notes")
    return _meeting_page(request, partnership, meeting, notes_form=form)


@login_required
@require_POST
def private_note_save(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk)
    meeting = get_meeting_for(request.user, partnership, meeting_pk)
    form = PrivateNoteForm(request.POST)
    if form.is_valid():
        try:
            services.private_note_save(request.user, meeting, form.cleaned_data["text"])
        except TandemError as error:
            attach_error(form, error)
        else:
            messages.success(request, "Private notes saved. Only you see them.")
            return redirect(reverse("meeting", args=[pk, meeting.pk]) + "#private")
    return _meeting_page(request, partnership, meeting, private_form=form)


@login_required
@require_POST
def decision_add(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk)
    meeting = get_meeting_for(request.user, partnership, meeting_pk)
    user = request.user
    form = DecisionForm(request.POST, sides=_sides(partnership, user, both=True))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.decision_record(user, meeting, data["text"], data["decided_by"])
        except Conflict as error:
            return _answer(request, partnership, meeting, "decisions", error.message, error=True)
        except TandemError as error:
            attach_error(form, error)
        else:
            return _answer(request, partnership, meeting, "decisions", "Decision written down.")
    return _meeting_page(request, partnership, meeting, section="decisions", decision_form=form)


@login_required
@require_POST
def decision_delete(request: HttpRequest, pk: int, decision_pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk)
    decision = get_decision_for(request.user, partnership, decision_pk)
    meeting = get_meeting_for(request.user, partnership, decision.meeting_id)
    try:
        services.decision_delete(request.user, decision)
    except TandemError as error:
        return _answer(request, partnership, meeting, "decisions", error.message, error=True)
    return _answer(request, partnership, meeting, "decisions", "Decision removed.")


@login_required
@require_POST
def action_add(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk)
    meeting = get_meeting_for(request.user, partnership, meeting_pk)
    user = request.user
    choices, _ = _assignment_choices(user, partnership, set())
    form = ActionForm(
        request.POST,
        today=user.local_today(),
        sides=_sides(partnership, user, both=False),
        assignments=choices,
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            linked = data["assignment"]
            draft = services.ActionDraft(
                title=data["title"],
                owned_by=data["owned_by"],
                due=data["due"],
                assignment=get_assignment_for(user, linked, partnership) if linked else None,
            )
            item = services.action_item_add(user, meeting, draft)
        except Conflict as error:
            return _answer(request, partnership, meeting, "actions", error.message, error=True)
        except TandemError as error:
            attach_error(form, error)
        else:
            who = side_name(partnership, item.owned_by, user)
            said = f"Action item for {who if who != 'You' else 'you'}: “{shorten(item.title)}”."
            return _answer(request, partnership, meeting, "actions", said)
    return _meeting_page(request, partnership, meeting, section="actions", action_form=form)


ACTION_DONE = {
    ActionStatus.DONE: "Done: “{}”.",
    ActionStatus.DROPPED: "Dropped “{}”: it no longer carries over.",
    ActionStatus.OPEN: "“{}” is open again.",
}


@login_required
@require_POST
def action_update(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    """Done, dropped, or open again; from a meeting's page or the area's list."""
    partnership = get_partnership_for(request.user, pk)
    item = get_action_item_for(request.user, partnership, action_pk)
    meeting = _viewed_meeting(request, partnership, item.meeting_id)
    section = "actions" if item.meeting_id == meeting.pk else "carried"
    status = request.POST.get("status", "")
    try:
        services.action_item_update(request.user, item, status=status)
    except TandemError as error:
        return _answer(request, partnership, meeting, section, error.message, error=True)
    said = ACTION_DONE[ActionStatus(status)].format(shorten(item.title))
    return _answer(request, partnership, meeting, section, said)


@login_required
@require_POST
def action_to_assignment(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    """The owner's own action item becomes an assignment in their plan, in one click."""
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    item = get_action_item_for(request.user, partnership, action_pk)
    meeting = _viewed_meeting(request, partnership, item.meeting_id)
    section = "actions" if item.meeting_id == meeting.pk else "carried"
    try:
        assignment = services.action_item_to_assignment(request.user, item)
    except TandemError as error:
        return _answer(request, partnership, meeting, section, error.message, error=True)
    said = (
        f"“{shorten(item.title)}” is assignment #{assignment.pk} now: it is in your plan "
        "with an hour's effort; adjust it there."
    )
    return _answer(request, partnership, meeting, section, said)


# After the meeting.


@login_required
def meeting_summary(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """What was agreed, ready to send as an e-mail."""
    user = request.user
    partnership = get_partnership_for(user, pk)
    meeting = get_meeting_for(user, partnership, meeting_pk)
    now = timezone.now()
    record = meeting_record_for(user, partnership, meeting, now=now)
    today = user.local_today()
    context = workspace_context(
        request,
        partnership,
        current=AREA,
        meeting=record.meeting,
        record=record,
        when=_when(record.meeting.starts_at, user.zone, today),
        summary=summary_for(user, partnership, meeting, record),
        actions=_action_rows(record.actions, partnership, partnership.owner.local_today()),
        other_email=partnership.partner_email
        if partnership.is_owner(user)
        else partnership.owner.email,
    )
    return render(request, "oneonones/summary.html", context)


@dataclass(frozen=True)
class HistoryMeeting:
    meeting_id: int
    url: str
    day: str
    decisions: list[DecisionView]
    actions: list[ActionRow]


def _by_meeting(decisions, actions, partnership: Partnership, today: dt.date):
    """Decisions and action items under the day of the meeting they were recorded in, the
    latest meeting first."""
    days: dict[int, dt.date] = {}
    grouped: dict[int, tuple[list, list]] = {}
    for decision in decisions:
        days[decision.meeting_id] = decision.meeting_day
        grouped.setdefault(decision.meeting_id, ([], []))[0].append(decision)
    for row in actions:
        days[row.view.meeting_id] = row.view.recorded_on
        grouped.setdefault(row.view.meeting_id, ([], []))[1].append(row)
    order = sorted(grouped, key=lambda pk: (days[pk], pk), reverse=True)
    return [
        HistoryMeeting(
            meeting_id=pk,
            url=reverse("meeting", args=[partnership.pk, pk]),
            day=format_date(days[pk], today),
            decisions=grouped[pk][0],
            actions=grouped[pk][1],
        )
        for pk in order
    ]


@login_required
def history_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Every decision and every action item with its outcome, newest first, searchable."""
    user = request.user
    partnership = get_partnership_for(user, pk)
    require_area(user, partnership, AREA)
    form = HistorySearchForm(request.GET or None)
    query, search_errors = "", []
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"]
    elif form.is_bound:
        # The refused text is not searched; what can be shown of it stays in the box.
        search_errors = form.errors["q"]
        typed = request.GET.get("q", "").replace("\x00", "")[: HistorySearchForm.LENGTH]
        form = HistorySearchForm(initial={"q": typed})
    history = history_for(user, partnership, query)
    today = partnership.owner.local_today()
    actions = _action_rows(history.actions, partnership, today)
    context = workspace_context(
        request,
        partnership,
        current=AREA,
        form=form,
        search_errors=search_errors,
        history=history,
        meetings=_by_meeting(history.decisions, actions, partnership, today),
        decision_count=len(history.decisions),
        action_count=len(history.actions),
    )
    return render(request, "oneonones/history.html", context)


@dataclass(frozen=True)
class SideFigures:
    name: str
    figures: FollowThrough
    reading: str
    actions: list[ActionRow]


def _said_of(name: str, figures: FollowThrough) -> str:
    """ "You did 5 of 6 on time", "Zebulon Boss: nothing due yet"."""
    if not figures.was_due:
        return f"{name}: {figures.reading.lower()}"
    return f"{name} did {figures.done_on_time} of {figures.was_due} on time"


@login_required
def follow_through_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Who did what they said they would, and whether on time: both sides, the viewer first."""
    user = request.user
    partnership = get_partnership_for(user, pk)
    found = follow_through_for(user, partnership)
    today = partnership.owner.local_today()
    history = history_for(user, partnership)
    rows = _action_rows(history.actions, partnership, today)
    mine = viewer_side(partnership, user)
    order = [mine, Side.PARTNER if mine == Side.OWNER else Side.OWNER]
    sides = [
        SideFigures(
            name=side_name(partnership, side, user),
            figures=found[side],
            reading=found[side].reading,
            actions=[row for row in rows if row.view.owned_by == side],
        )
        for side in order
    ]
    context = workspace_context(
        request,
        partnership,
        current=AREA,
        sides=sides,
        headline="; ".join(_said_of(side.name, side.figures) for side in sides),
        nothing_yet=not any(side.figures.total for side in sides),
    )
    return render(request, "oneonones/follow_through.html", context)


# "For our next one-on-one", from any page of the partnership.


@login_required
@require_POST
def question_note(request: HttpRequest, pk: int) -> HttpResponse:
    """Note something for the next one-on-one and go back to where it was noted."""
    user = request.user
    partnership = get_partnership_for(user, pk)
    require_area(user, partnership, AREA)
    back = _safe_next(request, _area_url(pk))
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_note(user, partnership, form.cleaned_data["text"])
        except TandemError as error:
            attach_error(form, error)
        else:
            if request.htmx:
                context = {"partnership": partnership, "capture_next": back, "noted": NOTED}
                return render(request, "oneonones/capture.html", context)
            messages.success(request, NOTED)
            return redirect(back)
    if request.htmx:
        context = {"partnership": partnership, "capture_next": back, "question_form": form}
        return render(request, "oneonones/capture.html", context)
    # Without scripts the text is kept on the area's page, the capture filled in.
    return one_on_ones_page(request, pk, question_form=form, capture_next=back)
