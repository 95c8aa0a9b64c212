"""Who sees what of the agreement: every read of the area, scoped to the viewer.

Views, the API, the exports and the command line reach the agreement only through these
functions. Both members see the question set, whether each has submitted, and the confirmed
versions. A member's answers are read by their author alone until both have submitted; then
both sets are revealed to both. No function here hands out the other's answers before that,
and a draft of the agreement (pre-filled from the answers) reaches the partner only after the
reveal. The review-due state other areas show is `review_due_for`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, Q
from django.http import Http404

from tandem.accounts.models import User
from tandem.agreeing import (
    GROUPS,
    AgreementDocument,
    DiffLine,
    PersonCommitments,
    ReviewStatus,
    SectionText,
    Signature,
    agreement_markdown,
    agreement_terms,
    review_state,
    version_difference,
    wording,
)
from tandem.agreements.models import (
    AgreementVersion,
    Answer,
    Commitment,
    Question,
    Review,
    Section,
)
from tandem.agreements.services import (
    CUSTOM_GROUP,
    MEMBER_SIDES,
    answer_sets,
    is_revealed,
    may_write_agreement,
    submitted_sides,
)
from tandem.lib.errors import Conflict, TandemError
from tandem.partnerships.models import Partnership, Side, side_name, viewer_side
from tandem.privacy import require_area

AREA = "agreement"
# Said wherever the other's answers are asked for too early.
NOT_REVEALED = (
    "Their answers are revealed when both of you have submitted: until then each of you sees "
    "only your own."
)
# The group custom questions are shown under.
CUSTOM_GROUP_TITLE = "More questions"


class Stage(StrEnum):
    """Where the viewer stands, as the area page opens with it."""

    ANSWERING = "answering"
    WAITING = "waiting"
    REVEALED = "revealed"
    DRAFTING = "drafting"
    AGREED = "agreed"


@dataclass(frozen=True)
class ReviewDue:
    """A confirmed version whose review is near (within two weeks), due today or overdue."""

    number: int
    due_on: dt.date
    status: ReviewStatus
    label: str
    # The day the version was agreed: what the review looks back over.
    agreed_on: dt.date


@dataclass(frozen=True)
class VersionSummary:
    number: int
    confirmed_on: dt.date | None
    review_every_months: int
    is_draft: bool


@dataclass(frozen=True)
class AgreementState:
    stage: Stage
    my_side: str
    other_name: str
    other_joined: bool
    my_submitted: bool
    other_submitted: bool
    revealed: bool
    questions: int
    my_answered: int
    current: VersionSummary | None
    draft: VersionSummary | None
    review: ReviewDue | None
    may_start_version: bool
    questions_locked: bool


@dataclass(frozen=True)
class QuestionView:
    pk: int
    key: str
    group: str
    group_title: str
    title: str
    prompt: str
    hint: str
    required: bool
    custom: bool


@dataclass(frozen=True)
class AnswersView:
    side: str
    who: str
    submitted_at: dt.datetime | None
    texts: dict[int, str]


@dataclass(frozen=True)
class RevealedRow:
    question: QuestionView
    mine: str
    theirs: str


@dataclass(frozen=True)
class SectionView:
    pk: int
    title: str
    text: str


@dataclass(frozen=True)
class CommitmentView:
    pk: int
    side: str
    who: str
    text: str
    # Whether it held, once the version was reviewed.
    held: bool | None


@dataclass(frozen=True)
class Confirmation:
    side: str
    who: str
    at: dt.datetime | None


@dataclass(frozen=True)
class ReviewView:
    reviewed_on: dt.date
    who: str
    what_held: str
    what_did_not: str


@dataclass(frozen=True)
class VersionView:
    pk: int
    number: int
    is_confirmed: bool
    confirmed_on: dt.date | None
    review_every_months: int
    revision: int
    sections: list[SectionView]
    commitments: list[CommitmentView]
    confirmations: list[Confirmation]
    i_confirmed: bool
    # Who still has to confirm this draft, named for the viewer; None when nobody.
    waiting_for: str | None
    may_edit: bool
    review: ReviewView | None
    # Agreed in conversation: the owner confirmed alone, while nobody had joined.
    confirmed_alone: bool


def _require_member(viewer: User, partnership: Partnership) -> None:
    """The area, for the two members alone: anyone else finds nothing (404), even holding the
    partnership, so that no read here can take a stranger for the partner."""
    if not partnership.is_owner(viewer) and (
        partnership.partner_id is None or partnership.partner_id != viewer.pk
    ):
        raise Http404("No such partnership.")
    require_area(viewer, partnership, AREA)


def _summary(version: AgreementVersion) -> VersionSummary:
    return VersionSummary(
        version.number, version.confirmed_on, version.review_every_months, not version.is_confirmed
    )


def _visible_versions(viewer: User, partnership: Partnership, submitted: set[str]):
    versions = AgreementVersion.objects.filter(partnership=partnership)
    if not partnership.is_owner(viewer) and not is_revealed(submitted):
        # Version 1's draft holds both answers; see services.partner_sees_draft.
        versions = versions.filter(Q(confirmed_at__isnull=False) | Q(number__gt=1))
    return versions


def _review_due(version: AgreementVersion, today: dt.date) -> ReviewDue | None:
    """None once the version has been reviewed: the review started the next draft."""
    if _has_review(version):
        return None
    state = review_state(version.confirmed_on, version.review_every_months, today)
    if state.status is ReviewStatus.LATER:
        return None
    return ReviewDue(
        version.number, state.due_on, state.status, state.label(today), version.confirmed_on
    )


def _latest_confirmed(partnership: Partnership) -> AgreementVersion | None:
    return (
        AgreementVersion.objects.filter(partnership=partnership, confirmed_at__isnull=False)
        .select_related("review")
        .order_by("-number")
        .first()
    )


def review_due_for(
    viewer: User, partnership: Partnership, today: dt.date | None = None
) -> ReviewDue | None:
    """The agreement's review, when it is within two weeks, due or overdue; None otherwise
    (no confirmed version yet, or the latest already reviewed). For the overview, the
    one-on-one agenda and reminders. One query."""
    _require_member(viewer, partnership)
    version = _latest_confirmed(partnership)
    if version is None:
        return None
    return _review_due(version, today or viewer.local_today())


def _has_review(version: AgreementVersion) -> bool:
    try:
        version.review  # noqa: B018 (filled by select_related, or raises without a query)
    except Review.DoesNotExist:
        return False
    return True


def agreement_state_for(viewer: User, partnership: Partnership) -> AgreementState:
    """Where the viewer stands: what the area page opens with. Three queries."""
    _require_member(viewer, partnership)
    side = viewer_side(partnership, viewer)
    other = Side.PARTNER if side == Side.OWNER else Side.OWNER
    submitted = submitted_sides(partnership)
    revealed = is_revealed(submitted)
    mine = Q(answers__answer_set__author=viewer) & ~Q(answers__text="")
    counts = Question.objects.filter(partnership=partnership).aggregate(
        questions=Count("pk", distinct=True), answered=Count("answers", filter=mine)
    )
    versions = list(
        _visible_versions(viewer, partnership, submitted)
        .select_related("review")
        .order_by("-number")
    )
    draft = next((each for each in versions if not each.is_confirmed), None)
    current = next((each for each in versions if each.is_confirmed), None)
    review = _review_due(current, viewer.local_today()) if current else None
    if draft is not None:
        stage = Stage.DRAFTING
    elif current is not None:
        stage = Stage.AGREED
    elif may_write_agreement(partnership, submitted):
        stage = Stage.REVEALED
    elif side in submitted:
        stage = Stage.WAITING
    else:
        stage = Stage.ANSWERING
    return AgreementState(
        stage=stage,
        my_side=side,
        other_name=side_name(partnership, other, viewer),
        other_joined=partnership.partner_id is not None,
        my_submitted=side in submitted,
        other_submitted=other in submitted,
        revealed=revealed,
        questions=counts["questions"],
        my_answered=counts["answered"],
        current=_summary(current) if current else None,
        draft=_summary(draft) if draft else None,
        review=review,
        may_start_version=draft is None and may_write_agreement(partnership, submitted),
        questions_locked=bool(submitted),
    )


# The question set.


def _question_view(question: Question, kind: str, group: str) -> QuestionView:
    if question.key:
        words = wording(question.key, kind)
        title, prompt, hint = words.title, words.prompt, words.hint
    else:
        title, prompt, hint = question.prompt, question.prompt, question.hint
    group_title = CUSTOM_GROUP_TITLE if group == CUSTOM_GROUP else GROUPS[group]
    return QuestionView(
        question.pk,
        question.key,
        group,
        group_title,
        title,
        prompt,
        hint,
        question.required,
        not question.key,
    )


def _groups(questions: list[Question]) -> list[str]:
    """Each question's group. A question of the owner's own joins the group of the standard
    question before it (after it, at the top of the set); after the last standard question,
    questions of one's own are a group of their own."""
    standard = [index for index, each in enumerate(questions) if each.key]
    groups = []
    for index, each in enumerate(questions):
        if each.key or not standard or index > standard[-1]:
            groups.append(each.group)
        else:
            near = max((i for i in standard if i < index), default=standard[0])
            groups.append(questions[near].group)
    return groups


def questions_for(viewer: User, partnership: Partnership) -> list[QuestionView]:
    """The set in its order, each standard question worded for the viewer's side."""
    _require_member(viewer, partnership)
    kind = partnership.kind_for(viewer)
    questions = list(Question.objects.filter(partnership=partnership))
    return [
        _question_view(each, kind, group)
        for each, group in zip(questions, _groups(questions), strict=True)
    ]


def get_question_for(viewer: User, partnership: Partnership, pk: int) -> Question:
    _require_member(viewer, partnership)
    question = Question.objects.filter(partnership=partnership, pk=pk).first()
    if question is None:
        raise Http404("No such question.")
    question.partnership = partnership
    return question


# Answers.


def answers_of_side_for(viewer: User, partnership: Partnership, side: str) -> AnswersView:
    """The viewer's own answers, drafts included; the other's only once both have
    submitted (Conflict before)."""
    _require_member(viewer, partnership)
    if side not in MEMBER_SIDES:
        raise TandemError("The side is “owner” or “partner”.", field="side")
    if side != viewer_side(partnership, viewer) and not is_revealed(submitted_sides(partnership)):
        raise Conflict(NOT_REVEALED)
    answer_set = answer_sets(partnership).filter(side=side).first()
    texts = (
        dict(answer_set.answers.order_by("question__position").values_list("question_id", "text"))
        if answer_set
        else {}
    )
    return AnswersView(
        side,
        side_name(partnership, side, viewer),
        answer_set.submitted_at if answer_set else None,
        texts,
    )


def revealed_for(viewer: User, partnership: Partnership) -> list[RevealedRow] | None:
    """Both sets side by side, per question; None before both have submitted."""
    _require_member(viewer, partnership)
    if not is_revealed(submitted_sides(partnership)):
        return None
    mine = viewer_side(partnership, viewer)
    texts = {
        (side, question): text
        for side, question, text in Answer.objects.filter(
            answer_set__in=answer_sets(partnership)
        ).values_list("answer_set__side", "question_id", "text")
    }
    return [
        RevealedRow(
            question,
            texts.get((mine, question.pk), ""),
            texts.get((Side.PARTNER if mine == Side.OWNER else Side.OWNER, question.pk), ""),
        )
        for question in questions_for(viewer, partnership)
    ]


# Versions.


def versions_for(viewer: User, partnership: Partnership) -> list[VersionSummary]:
    """Newest first; the partner sees a draft only after the reveal."""
    _require_member(viewer, partnership)
    submitted = submitted_sides(partnership)
    return [
        _summary(each)
        for each in _visible_versions(viewer, partnership, submitted).order_by("-number")
    ]


def get_version_for(viewer: User, partnership: Partnership, number: int) -> AgreementVersion:
    _require_member(viewer, partnership)
    submitted = submitted_sides(partnership)
    version = _visible_versions(viewer, partnership, submitted).filter(number=number).first()
    if version is None:
        raise Http404("No such version.")
    version.partnership = partnership
    return version


def version_for(viewer: User, partnership: Partnership, number: int) -> VersionView:
    """One version as the viewer reads it, in a fixed number of queries (six)."""
    version = get_version_for(viewer, partnership, number)
    review = Review.objects.filter(version=version).select_related("reviewed_by").first()
    checks = {}
    if review is not None:
        checks = dict(review.checks.values_list("commitment_id", "held"))
    commitments = [
        CommitmentView(
            each.pk,
            each.side,
            side_name(partnership, each.side, viewer),
            each.text,
            checks.get(each.pk),
        )
        for each in version.commitments.all()
    ]
    sections = [SectionView(each.pk, each.title, each.text) for each in version.sections.all()]
    alone = version.is_confirmed and version.partner_confirmed_at is None
    confirmations = [
        Confirmation(
            Side.OWNER, side_name(partnership, Side.OWNER, viewer), version.owner_confirmed_at
        ),
        Confirmation(
            Side.PARTNER, side_name(partnership, Side.PARTNER, viewer), version.partner_confirmed_at
        ),
    ]
    mine = viewer_side(partnership, viewer)
    i_confirmed = any(each.side == mine and each.at for each in confirmations)
    waiting = [
        each.who
        for each in confirmations
        if each.at is None and (each.side == Side.OWNER or partnership.partner_id is not None)
    ]
    return VersionView(
        pk=version.pk,
        number=version.number,
        is_confirmed=version.is_confirmed,
        confirmed_on=version.confirmed_on,
        review_every_months=version.review_every_months,
        revision=version.revision,
        sections=sections,
        commitments=commitments,
        confirmations=confirmations,
        i_confirmed=i_confirmed,
        waiting_for=None if version.is_confirmed or not waiting else " and ".join(waiting),
        may_edit=not version.is_confirmed,
        review=ReviewView(
            review.reviewed_on,
            str(review.reviewed_by) if review.reviewed_by else "",
            review.what_held,
            review.what_did_not,
        )
        if review
        else None,
        confirmed_alone=alone,
    )


def commitments_for(viewer: User, partnership: Partnership) -> list[CommitmentView]:
    """The commitments of the latest confirmed version: what each can be held to now."""
    _require_member(viewer, partnership)
    version = _latest_confirmed(partnership)
    if version is None:
        return []
    return version_for(viewer, partnership, version.number).commitments


def get_section_for(viewer: User, partnership: Partnership, pk: int) -> Section:
    _require_member(viewer, partnership)
    submitted = submitted_sides(partnership)
    section = (
        Section.objects.filter(pk=pk, version__in=_visible_versions(viewer, partnership, submitted))
        .select_related("version")
        .first()
    )
    if section is None:
        raise Http404("No such section.")
    section.version.partnership = partnership
    return section


def get_commitment_for(viewer: User, partnership: Partnership, pk: int) -> Commitment:
    _require_member(viewer, partnership)
    submitted = submitted_sides(partnership)
    commitment = (
        Commitment.objects.filter(
            pk=pk, version__in=_visible_versions(viewer, partnership, submitted)
        )
        .select_related("version")
        .first()
    )
    if commitment is None:
        raise Http404("No such commitment.")
    commitment.version.partnership = partnership
    return commitment


# Exports.


def _document(partnership: Partnership, view: VersionView) -> AgreementDocument:
    owner, partner = str(partnership.owner), partnership.partner_name
    zone = partnership.owner.zone
    names = {Side.OWNER: owner, Side.PARTNER: partner}
    by_side = {
        side: tuple(each.text for each in view.commitments if each.side == side)
        for side in MEMBER_SIDES
    }
    return AgreementDocument(
        names=(owner, partner),
        number=view.number,
        confirmed_on=view.confirmed_on,
        review_every_months=view.review_every_months,
        sections=tuple(SectionText(each.title, each.text) for each in view.sections),
        commitments=tuple(PersonCommitments(names[side], by_side[side]) for side in MEMBER_SIDES),
        signatures=tuple(
            Signature(names[each.side], each.at.astimezone(zone).date() if each.at else None)
            for each in view.confirmations
        ),
    )


def document_for(viewer: User, partnership: Partnership, number: int) -> AgreementDocument:
    """The version as a document, names in full: for the print page and the Markdown."""
    return _document(partnership, version_for(viewer, partnership, number))


def version_markdown_for(viewer: User, partnership: Partnership, number: int) -> str:
    return agreement_markdown(document_for(viewer, partnership, number))


def difference_for(viewer: User, partnership: Partnership, old: int, new: int) -> list[DiffLine]:
    """What changed in the terms from version `old` to version `new`, line by line."""
    return version_difference(
        "\n".join(agreement_terms(document_for(viewer, partnership, old))),
        "\n".join(agreement_terms(document_for(viewer, partnership, new))),
    )
