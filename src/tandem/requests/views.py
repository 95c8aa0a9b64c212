"""The requests area's pages: thin, each one reads with `privacy`, writes with `services`.

A `Request` model instance is called `the_request` here, beside Django's `request`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tandem.followup import (
    QUESTIONS,
    STORY_PREFIX,
    RequestStatus,
    story_hints,
)
from tandem.lib.dates import format_date
from tandem.lib.errors import TandemError
from tandem.lib.fields import attach_error
from tandem.lib.words import plural
from tandem.partnerships.models import Partnership
from tandem.privacy import get_partnership_for
from tandem.requests import services
from tandem.requests.forms import (
    AnswerForm,
    FollowUpDraftForm,
    FollowUpRecordForm,
    ReflectionForm,
    RequestEditForm,
    RequestForm,
    ResponseForm,
)
from tandem.requests.models import Reflection, Request
from tandem.requests.privacy import (
    EventView,
    RequestView,
    draft_for,
    follow_up_for,
    get_owned_request,
    get_request_for,
    owner_today,
    reflection_for,
    visible_requests,
)
from tandem.workspace import workspace_context

AREA = "requests"


# What the pages show of a request and its history, the dates in Tandem's words.


@dataclass(frozen=True)
class Row:
    view: RequestView
    url: str
    follow_up_url: str
    asked: str
    promised: str


@dataclass(frozen=True)
class HistoryRow:
    event: EventView
    on: str
    promised: str


def _rows(views: list[RequestView], partnership_pk: int, today: dt.date) -> list[Row]:
    return [
        Row(
            view,
            url=reverse("request", args=[partnership_pk, view.pk]),
            follow_up_url=reverse("request-follow-up", args=[partnership_pk, view.pk]),
            asked=format_date(view.asked_on, today),
            promised=format_date(view.promised_by, today) if view.promised_by else "",
        )
        for view in views
    ]


def _history(view: RequestView, today: dt.date) -> list[HistoryRow]:
    return [
        HistoryRow(
            event,
            on=format_date(event.on, today),
            promised=format_date(event.promised_by, today) if event.promised_by else "",
        )
        for event in view.history
    ]


def _headline(groups: dict[str, list[Row]], is_owner: bool) -> str:
    """The list's answer, in one line."""
    stale, waiting = len(groups["stale"]), len(groups["open"]) + len(groups["stale"])
    if not is_owner:
        if waiting:
            return plural(waiting, "request waits", "requests wait") + " for your answer"
        return "Nothing waits for your answer"
    if stale:
        return plural(stale, "request is", "requests are") + " waiting too long"
    if waiting:
        return f"Nothing waits too long; {plural(waiting, 'request is', 'requests are')} open"
    if groups["answered"]:
        return "Nothing waits on your partner"
    return "Nothing is open"


def _grouped(rows: list[Row]) -> dict[str, list[Row]]:
    """Stale first, then open, answered (the next step is the owner's), closed."""
    groups: dict[str, list[Row]] = {"stale": [], "open": [], "answered": [], "closed": []}
    for row in rows:
        view = row.view
        if view.stale:
            groups["stale"].append(row)
        elif view.is_closed:
            groups["closed"].append(row)
        elif view.status == RequestStatus.ANSWERED:
            groups["answered"].append(row)
        else:
            groups["open"].append(row)
    return groups


def _capture_form(user, partnership: Partnership, data=None) -> RequestForm:
    return RequestForm(data, today=user.local_today(), partner_name=partnership.partner_name)


# The list.


@login_required
def requests_page(request: HttpRequest, pk: int, form: RequestForm | None = None):
    """The answer first: what waits too long, then what is open, answered and closed."""
    partnership = get_partnership_for(request.user, pk)
    views = visible_requests(request.user, partnership)
    is_owner = partnership.is_owner(request.user)
    today = owner_today(partnership)
    groups = _grouped(_rows(views, partnership.pk, today))
    if is_owner and form is None:
        form = _capture_form(request.user, partnership)
    context = workspace_context(
        request,
        partnership,
        current=AREA,
        headline=_headline(groups, is_owner) if views else "",
        groups=groups,
        waiting=groups["stale"] + groups["open"],
        count=len(views),
        longest=groups["stale"][0] if groups["stale"] else None,
        form=form if is_owner else None,
    )
    return render(request, "requests/requests.html", context)


@login_required
@require_POST
def request_create(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk, owner_only=True)
    form = _capture_form(request.user, partnership, request.POST)
    if not form.is_valid():
        return requests_page(request, pk, form=form)
    try:
        the_request = services.request_create(request.user, partnership, form.draft())
    except TandemError as error:
        attach_error(form, error)
        return requests_page(request, pk, form=form)
    messages.success(request, f"Recorded “{the_request.title}”.")
    return redirect("area-requests", pk=partnership.pk)


# One request.


def _request_page(
    request: HttpRequest,
    partnership: Partnership,
    request_pk: int,
    **forms,
) -> HttpResponse:
    """The request as the viewer may see it, with the forms they may use."""
    user = request.user
    the_request = get_request_for(user, request_pk, partnership)
    is_owner = partnership.is_owner(user)
    today = owner_today(partnership)
    view = RequestView.of(the_request, is_owner, today)
    context = workspace_context(
        request,
        partnership,
        current=AREA,
        view=view,
        row=_rows([view], partnership.pk, today)[0],
        history=_history(view, today),
    )
    my_today = user.local_today()
    if is_owner:
        reflection = reflection_for(user, the_request)
        context["has_reflection"] = reflection is not None and not reflection.is_empty
        if not view.is_closed:
            context["response_form"] = forms.get("response_form") or ResponseForm(today=my_today)
            context["follow_up_form"] = forms.get("follow_up_form") or FollowUpRecordForm(
                today=my_today
            )
    elif view.shared and not view.is_closed:
        context["answer_form"] = forms.get("answer_form") or AnswerForm(
            today=my_today, owner_name=str(partnership.owner)
        )
    return render(request, "requests/request.html", context)


@login_required
def request_detail(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk)
    return _request_page(request, partnership, request_pk)


@login_required
def request_edit(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    partnership, the_request = get_owned_request(request.user, pk, request_pk)
    initial = {
        "title": the_request.title,
        "asked_on": the_request.asked_on,
        "channel": the_request.channel,
        "what_was_said": the_request.what_was_said,
        "status": the_request.status,
        "stale_after_days": the_request.stale_after_days,
        "promised_by": the_request.promised_by,
        "shared": the_request.shared,
    }
    data = request.POST if request.method == "POST" else None
    form = RequestEditForm(data, initial=initial, partner_name=partnership.partner_name)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_update(request.user, the_request, form.changes())
        except TandemError as error:
            attach_error(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("request", pk=pk, request_pk=the_request.pk)
    context = workspace_context(
        request, partnership, current=AREA, the_request=the_request, form=form
    )
    return render(request, "requests/edit.html", context)


@login_required
@require_POST
def request_delete(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    _, the_request = get_owned_request(request.user, pk, request_pk)
    title = the_request.title
    services.request_delete(request.user, the_request)
    messages.success(request, f"Deleted “{title}” and its history.")
    return redirect("area-requests", pk=pk)


# Responses and follow-ups.


def _back_to_history(pk: int, request_pk: int) -> HttpResponse:
    return redirect(reverse("request", args=[pk, request_pk]) + "#history")


@login_required
@require_POST
def request_response(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    """The owner records a response of the partner; the partner answers a shared request."""
    partnership = get_partnership_for(request.user, pk)
    the_request = get_request_for(request.user, request_pk, partnership)
    user = request.user
    is_owner = partnership.is_owner(user)
    if is_owner:
        form = ResponseForm(request.POST, today=user.local_today())
        form_name = "response_form"
    else:
        form = AnswerForm(request.POST, today=user.local_today(), owner_name=str(partnership.owner))
        form_name = "answer_form"
    if not form.is_valid():
        return _request_page(request, partnership, request_pk, **{form_name: form})
    data = form.cleaned_data
    try:
        services.response_record(
            user,
            the_request,
            data["kind"],
            on=data.get("on"),
            note=data["note"],
            promised_by=form.promised_day(),
        )
    except TandemError as error:
        if error.status == 409:
            messages.error(request, error.message)
            return _back_to_history(pk, request_pk)
        attach_error(form, error)
        return _request_page(request, partnership, request_pk, **{form_name: form})
    if is_owner:
        messages.success(request, "Recorded. It is in the history with its date.")
    else:
        messages.success(request, f"Thank you: {partnership.owner} has your answer.")
    return _back_to_history(pk, request_pk)


@login_required
@require_POST
def request_follow_up_record(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    """The follow-up happened: into the history, and the staleness clock starts again."""
    partnership, the_request = get_owned_request(request.user, pk, request_pk)
    form = FollowUpRecordForm(request.POST, today=request.user.local_today())
    from_builder = request.POST.get("from") == "follow-up"
    if form.is_valid():
        data = form.cleaned_data
        try:
            event = services.follow_up_record(
                request.user, the_request, on=data["on"], channel=data["channel"], note=data["note"]
            )
        except TandemError as error:
            if error.status == 409:
                messages.error(request, error.message)
                return _back_to_history(pk, request_pk)
            attach_error(form, error)
        else:
            today = request.user.local_today()
            days = plural(the_request.stale_after_days, "day", "days")
            messages.success(
                request,
                f"Follow-up recorded for {format_date(event.happened_on, today)}. The clock "
                f"starts again: Tandem tells you if {days} pass without an answer.",
            )
            return _back_to_history(pk, request_pk)
    if from_builder:
        return _follow_up_page(request, partnership, the_request, record_form=form)
    return _request_page(request, partnership, request_pk, follow_up_form=form)


# The private preparation: reflection and follow-up builder.


@login_required
def request_reflection(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    partnership, the_request = get_owned_request(request.user, pk, request_pk)
    reflection = reflection_for(request.user, the_request)
    initial = {name: getattr(reflection, name) for name in Reflection.PROMPTS} if reflection else {}
    form = ReflectionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_save(request.user, the_request, form.cleaned_data)
        except TandemError as error:
            attach_error(form, error)
        else:
            messages.success(request, "Reflection saved. It stays private to you.")
            return redirect("request-reflection", pk=pk, request_pk=the_request.pk)
    context = workspace_context(
        request,
        partnership,
        current=AREA,
        the_request=the_request,
        form=form,
        reflection=reflection,
    )
    return render(request, "requests/reflection.html", context)


def _draft_form(follow_up, draft) -> FollowUpDraftForm:
    question = draft.question if draft and draft.question else follow_up.question
    picked = next((q.key for q in QUESTIONS if q.text == question), "")
    if not (draft and draft.question):
        picked = follow_up.suggested_question.key
    initial = {
        "story": draft.story if draft else "",
        "question": question,
        "question_key": picked,
    }
    return FollowUpDraftForm(initial=initial)


def _follow_up_page(
    request: HttpRequest,
    partnership: Partnership,
    the_request: Request,
    *,
    draft_form: FollowUpDraftForm | None = None,
    record_form: FollowUpRecordForm | None = None,
) -> HttpResponse:
    user = request.user
    follow_up = follow_up_for(user, the_request)
    draft = draft_for(user, the_request)
    form = draft_form or _draft_form(follow_up, draft)
    story = form["story"].value() or ""
    today = owner_today(partnership)
    context = workspace_context(
        request,
        partnership,
        current=AREA,
        the_request=the_request,
        is_closed=the_request.is_closed,
        follow_up=follow_up,
        draft=draft,
        form=form,
        questions=QUESTIONS,
        picked=form["question_key"].value(),
        story_prefix=STORY_PREFIX,
        hints=story_hints(story),
        record_form=record_form or FollowUpRecordForm(today=user.local_today()),
        asked=format_date(the_request.asked_on, today),
    )
    return render(request, "requests/follow_up.html", context)


@login_required
def request_follow_up(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    """The follow-up builder: the facts, your story, an open question; then the outputs."""
    partnership, the_request = get_owned_request(request.user, pk, request_pk)
    if request.method == "GET" and request.htmx and "story" in request.GET:
        # While typing: gentle hints about the story, before it is saved.
        context = {"hints": story_hints(request.GET["story"][: services.MAX_TEXT])}
        return render(request, "requests/follow_up.html#story-hints", context)
    if request.method == "POST":
        form = FollowUpDraftForm(request.POST)
        if form.is_valid():
            try:
                services.follow_up_draft_save(
                    request.user,
                    the_request,
                    story=form.cleaned_data["story"],
                    question=form.chosen_question(),
                )
            except TandemError as error:
                attach_error(form, error)
            else:
                messages.success(request, "Draft saved. The talking points and e-mail follow it.")
                return redirect(reverse("request-follow-up", args=[pk, request_pk]) + "#outputs")
        return _follow_up_page(request, partnership, the_request, draft_form=form)
    return _follow_up_page(request, partnership, the_request)
