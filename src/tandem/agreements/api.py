from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from tandem.accounts.models import User
from tandem.agreeing import ReviewStatus
from tandem.agreements import services
from tandem.agreements.privacy import (
    NOT_REVEALED,
    AgreementState,
    CommitmentView,
    QuestionView,
    Stage,
    VersionSummary,
    VersionView,
    agreement_state_for,
    answers_of_side_for,
    difference_for,
    get_commitment_for,
    get_question_for,
    get_section_for,
    get_version_for,
    questions_for,
    revealed_for,
    version_for,
    version_markdown_for,
    versions_for,
)
from tandem.lib.errors import Conflict, TandemError
from tandem.partnerships.models import Partnership
from tandem.privacy import get_partnership_for
from tandem.schemas import errors, text

router = Router(tags=["agreement"])

Prompt = text(max_length=services.MAX_PROMPT)
Hint = text(max_length=services.MAX_HINT)
AnswerText = text(max_length=services.MAX_ANSWER)
SectionText = text(max_length=services.MAX_SECTION)
CommitmentText = text(max_length=services.MAX_COMMITMENT)
ReviewText = text(max_length=services.MAX_SECTION)
# A path's side is text, not a choice, so that a NUL in it is refused as in every text field.
SideText = text(pattern=r"^(owner|partner)$")
Member = Literal["owner", "partner"]
# The largest id a database holds, and the largest version number or revision.
MAX_ID = 2**63 - 1
MAX_VERSION = 2**31 - 1
# Numbers beyond this are refused by the schema; within it the service explains the rule.
MAX_NUMBER = 100_000
RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]
VersionNumber = Annotated[int, Field(ge=1, le=MAX_VERSION)]
Revision = Annotated[
    int,
    Field(
        ge=0,
        le=MAX_VERSION,
        description="The draft's revision as read; a write made from an older one is refused "
        "(409) and changes nothing.",
    ),
]

AGREEMENT = "/partnerships/{partnership_id}/agreement"
VERSION = AGREEMENT + "/versions/{number}"
SEND_SOMETHING = "Send at least one field to change."
FROM_QUERY = Query(
    None, description="The older version's number; the one before the newest by default."
)
TO_QUERY = Query(None, description="The newer version's number; the newest by default.")


# What is sent.


class AgreementQuestionIn(Schema):
    """A question of the owner's own, added at the end of the set."""

    prompt: Prompt = Field(description="e.g. “How do you want to hear bad news?”")
    hint: Hint = ""
    required: bool = True


class QuestionOrderIn(Schema):
    question_ids: list[RecordId] = Field(
        max_length=services.MAX_QUESTIONS,
        description="Every question's id, each once, in the order wanted.",
    )


class AgreementAnswerIn(Schema):
    question_id: RecordId
    text: AnswerText


class AnswersIn(Schema):
    answers: list[AgreementAnswerIn] = Field(
        max_length=services.MAX_QUESTIONS,
        description="Answers to save; questions left out keep what they had.",
    )


class VersionPatch(Schema):
    review_every_months: int = Field(
        ge=-MAX_NUMBER, le=MAX_NUMBER, description="How often to review it: 1, 3, 6 or 12."
    )


class SectionIn(Schema):
    text: SectionText
    revision: Revision | None = None


class AgreementCommitmentIn(Schema):
    side: Member = Field(description="Whose commitment: the owner's or the partner's.")
    text: CommitmentText = Field(description="e.g. “Say early when a deadline slips”")


class CommitmentPatch(Schema):
    """Only the fields given change."""

    side: Member | None = None
    text: CommitmentText | None = None


class ConfirmIn(Schema):
    revision: Revision | None = None


class CommitmentHeldIn(Schema):
    commitment_id: RecordId
    held: bool


class ReviewIn(Schema):
    """A look back at the latest confirmed version; it starts the next draft."""

    held: list[CommitmentHeldIn] = Field(
        max_length=services.MAX_COMMITMENTS,
        description="Whether each commitment of the reviewed version held: every one, once.",
    )
    what_held: ReviewText = ""
    what_did_not: ReviewText = ""


# What is answered.


class VersionSummaryOut(Schema):
    number: int
    is_draft: bool
    confirmed_on: dt.date | None
    review_every_months: int


class ReviewDueOut(Schema):
    number: int = Field(description="The confirmed version to review.")
    due_on: dt.date
    status: ReviewStatus
    label: str = Field(description="In words, e.g. “Review due Fri 4 Dec”.")


class AgreementOut(Schema):
    """Where the agreement stands, for the requester."""

    stage: Stage = Field(
        description="answering, waiting (for the other's answers), revealed (both answered), "
        "drafting, or agreed."
    )
    my_side: Member
    other_name: str
    other_joined: bool
    my_submitted: bool
    other_submitted: bool
    revealed: bool = Field(description="Both have submitted: both sets of answers are shown.")
    questions: int
    my_answered: int
    current: VersionSummaryOut | None = Field(description="The latest confirmed version.")
    draft: VersionSummaryOut | None
    review: ReviewDueOut | None = Field(description="A review soon, due, or overdue.")
    may_start_version: bool
    questions_locked: bool = Field(description="Fixed once either member has submitted.")


class AgreementQuestionOut(Schema):
    id: int
    key: str = Field(description="A standard question's key; empty for a custom one.")
    group: str
    group_title: str
    title: str
    prompt: str = Field(description="Worded for the requester.")
    hint: str
    required: bool
    custom: bool


class AgreementAnswerOut(Schema):
    question_id: int
    text: str


class AnswersOut(Schema):
    side: Member
    who: str = Field(description="“You”, or the other member's name.")
    submitted_at: dt.datetime | None
    answers: list[AgreementAnswerOut] = Field(description="In the order of the question set.")


class RevealedOut(Schema):
    question: AgreementQuestionOut
    mine: str
    theirs: str


class SectionOut(Schema):
    id: int
    title: str
    text: str


class AgreementCommitmentOut(Schema):
    id: int
    side: Member
    who: str = Field(description="“You”, or the other member's name.")
    text: str
    held: bool | None = Field(description="Whether it held, once its version is reviewed.")


class ConfirmationOut(Schema):
    side: Member
    who: str
    at: dt.datetime | None = Field(description="When they confirmed; null while they have not.")


class ReviewOut(Schema):
    reviewed_on: dt.date
    who: str
    what_held: str
    what_did_not: str


class VersionOut(Schema):
    number: int
    is_confirmed: bool
    confirmed_on: dt.date | None
    review_every_months: int
    revision: int = Field(description="Send it back with a change or a confirmation.")
    sections: list[SectionOut]
    commitments: list[AgreementCommitmentOut]
    confirmations: list[ConfirmationOut]
    i_confirmed: bool
    waiting_for: str | None = Field(description="Whose confirmation it still needs.")
    may_edit: bool
    review: ReviewOut | None = Field(description="The review of this version, once done.")
    confirmed_alone: bool = Field(
        description="Agreed in conversation: the owner confirmed it while nobody had joined."
    )


class DiffLineOut(Schema):
    kind: Literal["added", "removed", "same", "gap"]
    text: str


# Building the answers.


def _summary_out(summary: VersionSummary | None) -> VersionSummaryOut | None:
    if summary is None:
        return None
    return VersionSummaryOut(
        number=summary.number,
        is_draft=summary.is_draft,
        confirmed_on=summary.confirmed_on,
        review_every_months=summary.review_every_months,
    )


def _agreement_out(state: AgreementState) -> AgreementOut:
    due = state.review
    return AgreementOut(
        stage=state.stage,
        my_side=state.my_side,
        other_name=state.other_name,
        other_joined=state.other_joined,
        my_submitted=state.my_submitted,
        other_submitted=state.other_submitted,
        revealed=state.revealed,
        questions=state.questions,
        my_answered=state.my_answered,
        current=_summary_out(state.current),
        draft=_summary_out(state.draft),
        review=None
        if due is None
        else ReviewDueOut(number=due.number, due_on=due.due_on, status=due.status, label=due.label),
        may_start_version=state.may_start_version,
        questions_locked=state.questions_locked,
    )


def _question_out(view: QuestionView) -> AgreementQuestionOut:
    return AgreementQuestionOut(
        id=view.pk,
        key=view.key,
        group=view.group,
        group_title=view.group_title,
        title=view.title,
        prompt=view.prompt,
        hint=view.hint,
        required=view.required,
        custom=view.custom,
    )


def _commitment_out(view: CommitmentView) -> AgreementCommitmentOut:
    return AgreementCommitmentOut(
        id=view.pk, side=view.side, who=view.who, text=view.text, held=view.held
    )


def _version_out(view: VersionView) -> VersionOut:
    review = view.review
    return VersionOut(
        number=view.number,
        is_confirmed=view.is_confirmed,
        confirmed_on=view.confirmed_on,
        review_every_months=view.review_every_months,
        revision=view.revision,
        sections=[SectionOut(id=s.pk, title=s.title, text=s.text) for s in view.sections],
        commitments=[_commitment_out(c) for c in view.commitments],
        confirmations=[
            ConfirmationOut(side=c.side, who=c.who, at=c.at) for c in view.confirmations
        ],
        i_confirmed=view.i_confirmed,
        waiting_for=view.waiting_for,
        may_edit=view.may_edit,
        review=None
        if review is None
        else ReviewOut(
            reviewed_on=review.reviewed_on,
            who=review.who,
            what_held=review.what_held,
            what_did_not=review.what_did_not,
        ),
        confirmed_alone=view.confirmed_alone,
    )


def _answers_out(user: User, partnership: Partnership, side: str) -> AnswersOut:
    view = answers_of_side_for(user, partnership, side)
    return AnswersOut(
        side=view.side,
        who=view.who,
        submitted_at=view.submitted_at,
        answers=[
            AgreementAnswerOut(question_id=pk, text=words) for pk, words in view.texts.items()
        ],
    )


def _agreement_of(user: User, partnership_id: int, *, owner_only: bool = False) -> Partnership:
    """The partnership, its question set in place: every read of the area starts from it."""
    partnership = get_partnership_for(user, partnership_id, owner_only=owner_only)
    services.questions_ensure(partnership)
    return partnership


def _texts(payload: AnswersIn) -> dict[int, str]:
    _once_each([answer.question_id for answer in payload.answers], "answers", "Question")
    return {answer.question_id: answer.text for answer in payload.answers}


def _once_each(ids: list[int], field: str, what: str) -> None:
    seen = set()
    for pk in ids:
        if pk in seen:
            raise TandemError(f"{what} #{pk} is sent twice: send each once.", field=field)
        seen.add(pk)


# Where things stand.


@router.get(
    AGREEMENT,
    response={200: AgreementOut, **errors(401, 404, 422)},
    summary="Where the agreement stands: answers, the reveal, the current version, its review",
)
def agreement_state(request: HttpRequest, partnership_id: int):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    return Status(200, _agreement_out(agreement_state_for(user, partnership)))


# The questions.


@router.get(
    AGREEMENT + "/questions",
    response={200: list[AgreementQuestionOut], **errors(401, 404, 422)},
    summary="The question set, in order, worded for the requester",
)
def question_list(request: HttpRequest, partnership_id: int):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    return Status(200, [_question_out(view) for view in questions_for(user, partnership)])


@router.post(
    AGREEMENT + "/questions",
    response={201: AgreementQuestionOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Add a question of your own at the end of the set (owner only)",
)
def question_create(request: HttpRequest, partnership_id: int, payload: AgreementQuestionIn):
    user = request.auth
    partnership = _agreement_of(user, partnership_id, owner_only=True)
    question = services.question_add(
        user, partnership, prompt=payload.prompt, hint=payload.hint, required=payload.required
    )
    added = next(view for view in questions_for(user, partnership) if view.pk == question.pk)
    return Status(201, _question_out(added))


@router.put(
    AGREEMENT + "/questions/order",
    response={200: list[AgreementQuestionOut], **errors(400, 401, 403, 404, 409, 422)},
    summary="Put the question set in order: every question's id, each once (owner only)",
)
def question_reorder(request: HttpRequest, partnership_id: int, payload: QuestionOrderIn):
    user = request.auth
    partnership = _agreement_of(user, partnership_id, owner_only=True)
    services.questions_reorder(user, partnership, payload.question_ids)
    return Status(200, [_question_out(view) for view in questions_for(user, partnership)])


@router.delete(
    AGREEMENT + "/questions/{question_id}",
    response={204: None, **errors(400, 401, 403, 404, 409, 422)},
    summary="Remove a question from the set (owner only)",
)
def question_delete(request: HttpRequest, partnership_id: int, question_id: RecordId):
    user = request.auth
    partnership = _agreement_of(user, partnership_id, owner_only=True)
    question = get_question_for(user, partnership, question_id)
    services.question_remove(user, partnership, question)
    return Status(204, None)


# The answers.


@router.get(
    AGREEMENT + "/answers/{side}",
    response={200: AnswersOut, **errors(401, 404, 409, 422)},
    summary="One side's answers: your own any time, the other's once both have submitted",
)
def answers_read(request: HttpRequest, partnership_id: int, side: SideText):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    return Status(200, _answers_out(user, partnership, side))


@router.put(
    AGREEMENT + "/answers/{side}",
    response={200: AnswersOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Save your answers as a draft: private, and yours to change until you submit",
)
def answers_save(request: HttpRequest, partnership_id: int, side: SideText, payload: AnswersIn):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    texts = _texts(payload)
    services.answers_save(user, partnership, side, texts)
    return Status(200, _answers_out(user, partnership, side))


@router.post(
    AGREEMENT + "/answers/{side}/submit",
    response={200: AnswersOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Submit your answers, with any last changes; revealed when both have submitted",
)
def answers_submit(
    request: HttpRequest, partnership_id: int, side: SideText, payload: AnswersIn | None = None
):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    texts = _texts(payload) if payload is not None else None
    services.answers_submit(user, partnership, side, texts)
    return Status(200, _answers_out(user, partnership, side))


@router.post(
    AGREEMENT + "/answers/{side}/reopen",
    response={200: AnswersOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Take your submitted answers back to change them, until the other submits too",
)
def answers_reopen(request: HttpRequest, partnership_id: int, side: SideText):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    services.answers_reopen(user, partnership, side)
    return Status(200, _answers_out(user, partnership, side))


@router.get(
    AGREEMENT + "/revealed",
    response={200: list[RevealedOut], **errors(401, 404, 409, 422)},
    summary="Both sets of answers side by side, once both of you have submitted",
)
def revealed(request: HttpRequest, partnership_id: int):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    rows = revealed_for(user, partnership)
    if rows is None:
        raise Conflict(NOT_REVEALED)
    return Status(
        200,
        [
            RevealedOut(question=_question_out(row.question), mine=row.mine, theirs=row.theirs)
            for row in rows
        ],
    )


# Versions of the agreement.


@router.get(
    AGREEMENT + "/versions",
    response={200: list[VersionSummaryOut], **errors(401, 404, 422)},
    summary="Every version of the agreement, the newest first",
)
def version_list(request: HttpRequest, partnership_id: int):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    return Status(200, [_summary_out(summary) for summary in versions_for(user, partnership)])


@router.post(
    AGREEMENT + "/versions",
    response={201: VersionOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Start a draft: the first from both answers, later ones from the last confirmed",
)
def version_create(request: HttpRequest, partnership_id: int):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    version = services.version_start(user, partnership)
    return Status(201, _version_out(version_for(user, partnership, version.number)))


@router.get(
    VERSION,
    response={200: VersionOut, **errors(401, 404, 422)},
    summary="One version: its sections, commitments and confirmations",
)
def version_detail(request: HttpRequest, partnership_id: int, number: VersionNumber):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    return Status(200, _version_out(version_for(user, partnership, number)))


@router.patch(
    VERSION,
    response={200: VersionOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Change how often a draft is to be reviewed",
)
def version_update(
    request: HttpRequest, partnership_id: int, number: VersionNumber, payload: VersionPatch
):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    version = get_version_for(user, partnership, number)
    services.version_review_cadence(user, version, payload.review_every_months)
    return Status(200, _version_out(version_for(user, partnership, number)))


@router.put(
    VERSION + "/sections/{section_id}",
    response={200: VersionOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Save a section's text in a draft; 409 if the draft changed since it was read",
)
def section_save(
    request: HttpRequest,
    partnership_id: int,
    number: VersionNumber,
    section_id: RecordId,
    payload: SectionIn,
):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    version = get_version_for(user, partnership, number)
    section = get_section_for(user, partnership, section_id)
    if section.version_id != version.pk:
        raise Http404("No such section in this version.")
    services.section_save(user, section, payload.text, revision=payload.revision)
    return Status(200, _version_out(version_for(user, partnership, number)))


@router.post(
    VERSION + "/commitments",
    response={201: AgreementCommitmentOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Add a commitment to a draft: who commits to what",
)
def commitment_create(
    request: HttpRequest, partnership_id: int, number: VersionNumber, payload: AgreementCommitmentIn
):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    version = get_version_for(user, partnership, number)
    commitment = services.commitment_add(user, version, side=payload.side, text=payload.text)
    return Status(201, _commitment_in_version(user, partnership, number, commitment.pk))


COMMITMENT_REQUIRED = {
    "side": "Say whose commitment it is: owner or partner.",
    "text": "Say what is committed to, or remove the commitment.",
}


@router.patch(
    AGREEMENT + "/commitments/{commitment_id}",
    response={200: AgreementCommitmentOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Change a draft's commitment: its words, or whose it is",
)
def commitment_update(
    request: HttpRequest, partnership_id: int, commitment_id: RecordId, payload: CommitmentPatch
):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    commitment = get_commitment_for(user, partnership, commitment_id)
    given = payload.model_dump(exclude_unset=True)
    if not given:
        raise TandemError(SEND_SOMETHING)
    for name, value in given.items():
        if value is None:
            raise TandemError(COMMITMENT_REQUIRED[name], field=name)
    services.commitment_update(user, commitment, **given)
    number = commitment.version.number
    return Status(200, _commitment_in_version(user, partnership, number, commitment.pk))


@router.delete(
    AGREEMENT + "/commitments/{commitment_id}",
    response={204: None, **errors(400, 401, 403, 404, 409, 422)},
    summary="Remove a commitment from a draft",
)
def commitment_delete(request: HttpRequest, partnership_id: int, commitment_id: RecordId):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    services.commitment_remove(user, get_commitment_for(user, partnership, commitment_id))
    return Status(204, None)


def _commitment_in_version(
    user: User, partnership: Partnership, number: int, pk: int
) -> AgreementCommitmentOut:
    commitments = version_for(user, partnership, number).commitments
    return _commitment_out(next(view for view in commitments if view.pk == pk))


@router.post(
    VERSION + "/confirm",
    response={200: VersionOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Confirm a draft as read; confirmed by both, it never changes",
)
def version_confirm(
    request: HttpRequest,
    partnership_id: int,
    number: VersionNumber,
    payload: ConfirmIn | None = None,
):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    version = get_version_for(user, partnership, number)
    revision = payload.revision if payload is not None else None
    services.version_confirm(user, version, revision=revision)
    return Status(200, _version_out(version_for(user, partnership, number)))


MARKDOWN = "text/markdown"


@router.get(
    VERSION + "/markdown",
    response={200: None, **errors(401, 404, 422)},
    summary="One version as a Markdown document",
    openapi_extra={
        "responses": {200: {"content": {MARKDOWN: {"schema": {"type": "string"}}}}},
    },
)
def version_markdown(request: HttpRequest, partnership_id: int, number: VersionNumber):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    document = version_markdown_for(user, partnership, number)
    return HttpResponse(document, content_type=f"{MARKDOWN}; charset=utf-8")


@router.get(
    AGREEMENT + "/difference",
    response={200: list[DiffLineOut], **errors(401, 404, 409, 422)},
    summary="What changed between two versions, line by line: the latest two by default",
)
def difference(
    request: HttpRequest,
    partnership_id: int,
    from_number: VersionNumber | None = FROM_QUERY,
    to_number: VersionNumber | None = TO_QUERY,
):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    if from_number is None or to_number is None:
        numbers = [version.number for version in versions_for(user, partnership)]
        if len(numbers) < 2:
            raise Conflict("There is one version or none: nothing to compare yet.")
        from_number = numbers[1] if from_number is None else from_number
        to_number = numbers[0] if to_number is None else to_number
    lines = difference_for(user, partnership, from_number, to_number)
    return Status(200, [DiffLineOut(kind=line.kind, text=line.text) for line in lines])


# Reviews.


@router.post(
    AGREEMENT + "/reviews",
    response={201: VersionOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Review the latest confirmed version: what held, what did not; starts the next draft",
)
def review_create(request: HttpRequest, partnership_id: int, payload: ReviewIn):
    user = request.auth
    partnership = _agreement_of(user, partnership_id)
    checked = [check.commitment_id for check in payload.held]
    _once_each(checked, "held", "Commitment")
    draft = services.review_record(
        user,
        partnership,
        held={check.commitment_id: check.held for check in payload.held},
        what_held=payload.what_held,
        what_did_not=payload.what_did_not,
    )
    return Status(201, _version_out(version_for(user, partnership, draft.number)))
