from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from tandem.followup import (
    DEFAULT_STALE_AFTER_DAYS,
    MAX_STALE_AFTER_DAYS,
    QUESTIONS,
    Channel,
    EventKind,
    FollowUp,
    RequestStatus,
    story_hints,
)
from tandem.lib.dates import read_date, read_past_date
from tandem.lib.errors import TandemError
from tandem.privacy import get_partnership_for
from tandem.requests import services
from tandem.requests.models import Reflection, Request, RequestEvent
from tandem.requests.privacy import (
    EventView,
    RequestView,
    follow_up_for,
    get_owned_request,
    get_request_for,
    reflection_for,
    visible_request,
    visible_requests,
)
from tandem.schemas import errors, text

router = Router(tags=["requests"])

# Typed text, read by the shared readers in tandem.lib once the schema has let it in. A blank
# title gets past the schema so that the service can say what is missing.
Title = text(max_length=200)
LongText = text(max_length=services.MAX_TEXT)
DateText = text(max_length=60)
StatusFilter = text(pattern=r"^(open|stale|all)$")
STATUS_QUERY = Query(
    "open",
    description="open: still waiting or answered (the default); stale: only the stale ones; "
    "all: closed ones too.",
)
# Numbers beyond this are refused by the schema; within it the service explains the rule.
MAX_NUMBER = 100_000
STALE_AFTER = (
    f"Days without an answer before it counts as stale: 1 to {MAX_STALE_AFTER_DAYS}, "
    f"{DEFAULT_STALE_AFTER_DAYS} is usual."
)


class RequestIn(Schema):
    title: Title = Field(description="What you asked for, e.g. “Flexible hours on Fridays”.")
    asked_on: DateText | None = Field(
        None, description="When you asked: 6 weeks ago, last friday, 20 Oct; today if left out."
    )
    channel: Channel = Field(Channel.MEETING, description="How you asked.")
    what_was_said: LongText = Field(
        "", description="What you said when you asked. Your partner never sees it."
    )
    stale_after_days: int = Field(
        DEFAULT_STALE_AFTER_DAYS, ge=-MAX_NUMBER, le=MAX_NUMBER, description=STALE_AFTER
    )
    promised_by: DateText | None = Field(
        None, description="The day your partner said they would answer by: friday, 2026-12-04."
    )
    shared: bool = Field(False, description="Your partner sees the request and can answer it.")


class RequestPatch(Schema):
    """Only the fields given change; send `promised_by: null` to clear the promised day."""

    title: Title | None = None
    asked_on: DateText | None = Field(None, description="6 weeks ago, last friday, 20 Oct")
    channel: Channel | None = None
    what_was_said: LongText | None = None
    stale_after_days: int | None = Field(
        None, ge=-MAX_NUMBER, le=MAX_NUMBER, description=STALE_AFTER
    )
    promised_by: DateText | None = Field(None, description="friday, 2026-12-04; null clears it")
    shared: bool | None = None
    status: RequestStatus | None = None


class EventOut(Schema):
    kind: EventKind
    label: str = Field(description="The kind in words, e.g. “Promised an answer”.")
    on: dt.date
    channel: Channel | None = Field(description="How a follow-up happened; null for responses.")
    promised_by: dt.date | None
    note: str = Field(description="Empty unless yours to read: the partner reads their own.")
    by_partner: bool


class RequestOut(Schema):
    id: int
    title: str
    asked_on: dt.date
    channel: Channel
    status: RequestStatus
    stale_after_days: int
    promised_by: dt.date | None
    shared: bool
    stale: bool
    stale_reason: str | None = Field(description="no_answer or promise_passed, when stale.")
    stale_since: dt.date | None = Field(
        description="The first stale day of an open request (still to come when it is not "
        "stale yet); null once it is answered or closed."
    )
    summary: str = Field(description="Where it stands, e.g. “asked 42 days ago, no answer”.")
    asked_days_ago: int
    what_was_said: str = Field(description="The owner's words; empty for the partner.")
    history: list[EventOut] = Field(description="Responses and follow-ups, oldest first.")


class ResponseIn(Schema):
    kind: EventKind = Field(
        description="acknowledged, more_info, promised, granted or declined; the partner "
        "answers with granted, declined, more_info or promised."
    )
    on: DateText | None = Field(
        None,
        description="When it came: yesterday, last friday; today if left out. A partner's "
        "answer is dated today.",
    )
    note: LongText = ""
    promised_by: DateText | None = Field(
        None, description="For a promise: the day the answer was promised by."
    )


class FollowUpIn(Schema):
    on: DateText | None = Field(
        None, description="When you followed up: today, yesterday; today if left out."
    )
    channel: Channel = Field(description="How you followed up.")
    note: LongText = ""


class ReflectionIn(Schema):
    """Your private reflection before a follow-up; the fields left out keep what they held."""

    why_it_matters: LongText | None = None
    at_stake: LongText | None = None
    what_i_want: LongText | None = None
    strength: LongText | None = None
    who_could_help: LongText | None = None
    trust_to_build: LongText | None = None


class ReflectionOut(Schema):
    why_it_matters: str
    at_stake: str
    what_i_want: str
    strength: str
    who_could_help: str
    trust_to_build: str


class FollowUpDraftIn(Schema):
    """Your draft; a field left out (or null) keeps what it held."""

    story: LongText | None = Field(
        None, description="The story you are telling yourself about the facts, in your words."
    )
    question: LongText | None = Field(
        None, description="The open question you will ask; empty asks the suggested one."
    )


class QuestionOut(Schema):
    key: str
    text: str


class FollowUpOut(Schema):
    facts: list[str] = Field(description="From the record: dates, what was said, how long since.")
    story: str = Field(description="Your story, offered as one: “The story I'm making up is …”.")
    story_hints: list[str] = Field(description="Gentle pointers away from blame in the story.")
    question: str = Field(description="The open question the conversation ends with.")
    suggested_question: QuestionOut
    questions: list[QuestionOut] = Field(description="Open questions to choose from.")
    talking_points: list[str]
    email_subject: str
    email_body: str
    mailto: str = Field(description="The e-mail draft as a mailto: link.")
    summary: str = Field(description="Where the request stands, e.g. “asked 42 days ago”.")


def _event_out(event: EventView) -> EventOut:
    return EventOut(
        kind=EventKind(event.kind),
        label=event.label,
        on=event.on,
        channel=Channel(event.channel) if event.channel else None,
        promised_by=event.promised_by,
        note=event.note,
        by_partner=event.by_partner,
    )


def _request_out(view: RequestView) -> RequestOut:
    state = view.staleness
    return RequestOut(
        id=view.pk,
        title=view.title,
        asked_on=view.asked_on,
        channel=Channel(view.channel),
        status=RequestStatus(view.status),
        stale_after_days=view.stale_after_days,
        promised_by=view.promised_by,
        shared=view.shared,
        stale=state.stale,
        stale_reason=state.reason.value if state.reason else None,
        stale_since=state.stale_since,
        summary=state.summary,
        asked_days_ago=state.asked_days_ago,
        what_was_said=view.what_was_said,
        history=[_event_out(event) for event in view.history],
    )


def _recorded(user, the_request: Request, event: RequestEvent) -> EventOut:
    partnership = the_request.partnership
    view = EventView.of(event, partnership.is_owner(user), partnership.owner_id)
    return _event_out(view)


def _reflection_out(reflection: Reflection | None) -> ReflectionOut:
    return ReflectionOut(
        **{name: getattr(reflection, name) if reflection else "" for name in Reflection.PROMPTS}
    )


def _follow_up_out(follow_up: FollowUp) -> FollowUpOut:
    suggested = follow_up.suggested_question
    return FollowUpOut(
        facts=list(follow_up.facts),
        story=follow_up.story,
        story_hints=list(story_hints(follow_up.story)),
        question=follow_up.question,
        suggested_question=QuestionOut(key=suggested.key, text=suggested.text),
        questions=[QuestionOut(key=q.key, text=q.text) for q in QUESTIONS],
        talking_points=list(follow_up.talking_points),
        email_subject=follow_up.email_subject,
        email_body=follow_up.email_body,
        mailto=follow_up.mailto,
        summary=follow_up.staleness.summary,
    )


@router.get(
    "/partnerships/{partnership_id}/requests",
    response={200: list[RequestOut], **errors(401, 404, 422)},
    summary="Requests as the requester may see them, most pressing first (the partner: the "
    "shared ones)",
)
def request_list(
    request: HttpRequest,
    partnership_id: int,
    status: StatusFilter = STATUS_QUERY,
):
    partnership = get_partnership_for(request.auth, partnership_id)
    views = visible_requests(request.auth, partnership, status=None if status == "all" else status)
    return Status(200, [_request_out(view) for view in views])


@router.post(
    "/partnerships/{partnership_id}/requests",
    response={201: RequestOut, **errors(400, 401, 403, 404, 422)},
    summary="Record something you asked your partner for (natural dates; owner only)",
)
def request_create(request: HttpRequest, partnership_id: int, payload: RequestIn):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id, owner_only=True)
    today = user.local_today()
    draft = services.RequestDraft(
        title=payload.title,
        asked_on=read_past_date(payload.asked_on, today, field="asked_on"),
        channel=payload.channel,
        what_was_said=payload.what_was_said,
        stale_after_days=payload.stale_after_days,
        promised_by=read_date(payload.promised_by, today, field="promised_by"),
        shared=payload.shared,
    )
    the_request = services.request_create(user, partnership, draft)
    return Status(201, _request_out(visible_request(user, partnership, the_request.pk)))


@router.get(
    "/partnerships/{partnership_id}/requests/{request_id}",
    response={200: RequestOut, **errors(401, 404, 422)},
    summary="One request as the requester may see it, with its history",
)
def request_detail(request: HttpRequest, partnership_id: int, request_id: int):
    partnership = get_partnership_for(request.auth, partnership_id)
    return Status(200, _request_out(visible_request(request.auth, partnership, request_id)))


# What a PATCH may not set to null, and what to say when it does.
REQUIRED = {
    "title": "Say what you asked for.",
    "asked_on": "Say when you asked, e.g. “6 weeks ago”.",
    "channel": "Say how you asked.",
    "what_was_said": "Send an empty text to clear what was said.",
    "stale_after_days": "Say after how many days it turns stale.",
    "shared": "Say whether it is shared: true or false.",
    "status": "Give a status.",
}


@router.patch(
    "/partnerships/{partnership_id}/requests/{request_id}",
    response={200: RequestOut, **errors(400, 401, 403, 404, 422)},
    summary="Change a request: its words, dates, threshold, sharing or status (owner only)",
)
def request_update(
    request: HttpRequest, partnership_id: int, request_id: int, payload: RequestPatch
):
    user = request.auth
    partnership, the_request = get_owned_request(user, partnership_id, request_id)
    given = payload.model_dump(exclude_unset=True)
    today = user.local_today()
    # Every value is read before anything is written: a bad one changes nothing.
    changes: dict[str, Any] = {}
    for name, value in given.items():
        if value is None and name in REQUIRED:
            raise TandemError(REQUIRED[name], field=name)
        changes[name] = value
    if "asked_on" in changes:
        changes["asked_on"] = read_past_date(changes["asked_on"], today, field="asked_on")
        if changes["asked_on"] is None:
            raise TandemError(REQUIRED["asked_on"], field="asked_on")
    if "promised_by" in changes:
        changes["promised_by"] = read_date(changes["promised_by"], today, field="promised_by")
    services.request_update(user, the_request, changes)
    return Status(200, _request_out(visible_request(user, partnership, the_request.pk)))


@router.delete(
    "/partnerships/{partnership_id}/requests/{request_id}",
    response={204: None, **errors(401, 403, 404, 422)},
    summary="Delete a request and its history (owner only)",
)
def request_delete(request: HttpRequest, partnership_id: int, request_id: int):
    _, the_request = get_owned_request(request.auth, partnership_id, request_id)
    services.request_delete(request.auth, the_request)
    return Status(204, None)


@router.post(
    "/partnerships/{partnership_id}/requests/{request_id}/responses",
    response={201: EventOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Record your partner's response (owner), or answer a shared request (partner)",
)
def response_record(
    request: HttpRequest, partnership_id: int, request_id: int, payload: ResponseIn
):
    user = request.auth
    partnership = get_partnership_for(user, partnership_id)
    the_request = get_request_for(user, request_id, partnership)
    today = user.local_today()
    event = services.response_record(
        user,
        the_request,
        payload.kind,
        on=read_past_date(payload.on, today, field="on"),
        note=payload.note,
        promised_by=read_date(payload.promised_by, today, field="promised_by"),
    )
    return Status(201, _recorded(user, the_request, event))


@router.post(
    "/partnerships/{partnership_id}/requests/{request_id}/follow-ups",
    response={201: EventOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Record that you followed up: it joins the history and restarts the staleness "
    "clock (owner only)",
)
def follow_up_record(
    request: HttpRequest, partnership_id: int, request_id: int, payload: FollowUpIn
):
    user = request.auth
    _, the_request = get_owned_request(user, partnership_id, request_id)
    event = services.follow_up_record(
        user,
        the_request,
        on=read_past_date(payload.on, user.local_today(), field="on"),
        channel=payload.channel,
        note=payload.note,
    )
    return Status(201, _recorded(user, the_request, event))


@router.get(
    "/partnerships/{partnership_id}/requests/{request_id}/reflection",
    response={200: ReflectionOut, **errors(401, 404, 422)},
    summary="Your private reflection on a request (owner only; never shared)",
)
def reflection_detail(request: HttpRequest, partnership_id: int, request_id: int):
    _, the_request = get_owned_request(request.auth, partnership_id, request_id)
    return Status(200, _reflection_out(reflection_for(request.auth, the_request)))


@router.put(
    "/partnerships/{partnership_id}/requests/{request_id}/reflection",
    response={200: ReflectionOut, **errors(400, 401, 403, 404, 422)},
    summary="Save your private reflection; the fields left out keep what they held",
)
def reflection_save(
    request: HttpRequest, partnership_id: int, request_id: int, payload: ReflectionIn
):
    _, the_request = get_owned_request(request.auth, partnership_id, request_id)
    answers = {
        name: value
        for name, value in payload.model_dump(exclude_unset=True).items()
        if value is not None
    }
    reflection = services.reflection_save(request.auth, the_request, answers)
    return Status(200, _reflection_out(reflection))


@router.get(
    "/partnerships/{partnership_id}/requests/{request_id}/follow-up-draft",
    response={200: FollowUpOut, **errors(401, 404, 422)},
    summary="The follow-up conversation: the facts, your story, an open question, as talking "
    "points and an e-mail (owner only)",
)
def follow_up_draft_detail(request: HttpRequest, partnership_id: int, request_id: int):
    _, the_request = get_owned_request(request.auth, partnership_id, request_id)
    return Status(200, _follow_up_out(follow_up_for(request.auth, the_request)))


@router.put(
    "/partnerships/{partnership_id}/requests/{request_id}/follow-up-draft",
    response={200: FollowUpOut, **errors(400, 401, 403, 404, 422)},
    summary="Save your story and question, then draft the follow-up with them (owner only)",
)
def follow_up_draft_save(
    request: HttpRequest, partnership_id: int, request_id: int, payload: FollowUpDraftIn
):
    user = request.auth
    _, the_request = get_owned_request(user, partnership_id, request_id)
    services.follow_up_draft_save(user, the_request, story=payload.story, question=payload.question)
    return Status(200, _follow_up_out(follow_up_for(user, the_request)))
