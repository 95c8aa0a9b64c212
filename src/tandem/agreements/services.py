"""Writes about the agreement: each one atomic, every input checked before the first write.

The owner shapes the question set until either member has submitted. Each member answers for
themself alone, saves drafts and submits; a submission may be reopened until the other has
submitted too, after which both sets are revealed and stay so. Either member then starts a
draft of the agreement, edits it, and confirms it; once both have confirmed (or the owner alone,
while nobody has joined: agreed in conversation) the version never changes. A review of the
latest confirmed version records what held and starts the next draft.
Writes take `now` so that a history can be recorded as it happened (the demo does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Literal

from django.db import transaction
from django.db.models import F, Max, QuerySet
from django.utils import timezone

from tandem.accounts.models import User
from tandem.agreeing import (
    COMMITMENTS_KEY,
    DEFAULT_REVIEW_MONTHS,
    REVIEW_CADENCES,
    STANDARD_QUESTIONS,
    AnsweredQuestion,
    commitments_from,
    prefill_section,
    wording,
)
from tandem.agreements.models import (
    AgreementVersion,
    Answer,
    AnswerSet,
    Commitment,
    CommitmentCheck,
    Question,
    Review,
    Section,
)
from tandem.lib.errors import Conflict, Forbidden, TandemError
from tandem.lib.text import read_text
from tandem.partnerships.models import Partnership, Side, viewer_side

MAX_ANSWER = 5000
MAX_SECTION = 5000
MAX_PROMPT = 300
MAX_HINT = 300
MAX_COMMITMENT = 500
MAX_QUESTIONS = 40
MAX_COMMITMENTS = 40
CUSTOM_GROUP = "custom"
MEMBER_SIDES = (Side.OWNER, Side.PARTNER)


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _member(actor: User, partnership: Partnership) -> None:
    # Privacy functions already gave a 404 to anyone else; this guards direct callers.
    if actor.pk not in (partnership.owner_id, partnership.partner_id):
        raise Forbidden("Only the two members of a partnership write its agreement.")


def _owner(actor: User, partnership: Partnership) -> None:
    if not partnership.is_owner(actor):
        raise Forbidden("Only the owner of this partnership changes its questions.")


def _lock(partnership: Partnership) -> None:
    """Serialises the writes that decide the reveal and the confirmation (PostgreSQL; SQLite
    transactions are already one at a time)."""
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()


def answer_sets(partnership: Partnership) -> QuerySet[AnswerSet]:
    """The two members' answer sets. A partner who left leaves theirs behind, read by nobody:
    not by the owner, and not by a new partner, who answers afresh."""
    return AnswerSet.objects.filter(
        partnership=partnership, author_id__in=[partnership.owner_id, partnership.partner_id]
    )


def submitted_sides(partnership: Partnership) -> set[str]:
    return set(
        answer_sets(partnership).filter(submitted_at__isnull=False).values_list("side", flat=True)
    )


def is_revealed(submitted: set[str]) -> bool:
    """Both members' answers are shown to both once both have submitted, and never before."""
    return submitted >= set(MEMBER_SIDES)


# The question set.


def questions_ensure(partnership: Partnership) -> None:
    """The standard question set, created the first time the partnership's agreement is
    opened; one query once it is there. The owner can never remove the last question, so an
    empty set always means a new one."""
    if Question.objects.filter(partnership=partnership).exists():
        return
    Question.objects.bulk_create(
        [
            Question(
                partnership=partnership,
                key=question.key,
                group=question.group,
                required=question.required,
                position=position,
            )
            for position, question in enumerate(STANDARD_QUESTIONS)
        ],
        # Two first visits at once create it once.
        ignore_conflicts=True,
    )


def _questions_open(partnership: Partnership) -> None:
    if submitted_sides(partnership):
        raise Conflict(
            "The questions are fixed once one of you has submitted answers. Reopen the "
            "submitted answers first to change them."
        )


def question_add(
    actor: User, partnership: Partnership, *, prompt: str, hint: str = "", required: bool = True
) -> Question:
    """A question of the owner's own, at the end of the set."""
    _owner(actor, partnership)
    prompt = read_text(
        prompt,
        field="prompt",
        limit=MAX_PROMPT,
        required="Write the question, e.g. “What should I never have to guess about?”",
    )
    hint = read_text(hint, field="hint", limit=MAX_HINT)
    with transaction.atomic():
        _lock(partnership)
        _questions_open(partnership)
        # Added to a set never opened, it would stand for the whole set.
        questions_ensure(partnership)
        questions = Question.objects.filter(partnership=partnership)
        if questions.count() >= MAX_QUESTIONS:
            raise TandemError(
                f"A question set holds at most {MAX_QUESTIONS} questions: remove one first.",
                field="prompt",
            )
        last = questions.aggregate(last=Max("position"))["last"]
        return Question.objects.create(
            partnership=partnership,
            group=CUSTOM_GROUP,
            prompt=prompt,
            hint=hint,
            required=required,
            position=0 if last is None else last + 1,
        )


def _of(partnership: Partnership, question: Question) -> None:
    # Privacy functions hand out a partnership's own questions; this guards direct callers.
    if question.partnership_id != partnership.pk:
        raise TandemError("That question belongs to another partnership.")


def question_remove(actor: User, partnership: Partnership, question: Question) -> None:
    _owner(actor, partnership)
    _of(partnership, question)
    with transaction.atomic():
        _lock(partnership)
        _questions_open(partnership)
        if not Question.objects.filter(partnership=partnership).exclude(pk=question.pk).exists():
            raise TandemError("Keep at least one question.")
        question.delete()


def _renumber(questions: Sequence[Question]) -> None:
    for position, question in enumerate(questions):
        question.position = position
    Question.objects.bulk_update(questions, ["position"])


def question_move(
    actor: User, partnership: Partnership, question: Question, direction: Literal["up", "down"]
) -> None:
    """One place earlier or later; the first cannot go up, nor the last down."""
    _owner(actor, partnership)
    _of(partnership, question)
    if direction not in ("up", "down"):
        raise TandemError("Move a question up or down.", field="direction")
    with transaction.atomic():
        _lock(partnership)
        _questions_open(partnership)
        questions = list(Question.objects.filter(partnership=partnership))
        index = next((i for i, each in enumerate(questions) if each.pk == question.pk), None)
        if index is None:
            raise Conflict("That question has just been removed.")
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(questions):
            questions[index], questions[other] = questions[other], questions[index]
            _renumber(questions)


def questions_reorder(actor: User, partnership: Partnership, question_ids: Sequence[int]) -> None:
    """The whole set in a new order: every question once."""
    _owner(actor, partnership)
    with transaction.atomic():
        _lock(partnership)
        _questions_open(partnership)
        questions = {each.pk: each for each in Question.objects.filter(partnership=partnership)}
        if sorted(question_ids) != sorted(questions):
            raise TandemError(
                f"Give every question of the set once, in the new order ({len(questions)} ids).",
                field="question_ids",
            )
        _renumber([questions[pk] for pk in question_ids])


# Answers.


def _own_side(actor: User, partnership: Partnership, side: str) -> str:
    _member(actor, partnership)
    if side not in MEMBER_SIDES:
        raise TandemError("The side is “owner” or “partner”.", field="side")
    if side != viewer_side(partnership, actor):
        other = partnership.partner_name if partnership.is_owner(actor) else str(partnership.owner)
        raise Forbidden(f"You answer for yourself only: {other} answers on their own.")
    return side


def _read_answers(partnership: Partnership, texts: Mapping[int, str]) -> dict[int, str]:
    known = set(Question.objects.filter(partnership=partnership).values_list("pk", flat=True))
    unknown = sorted(set(texts) - known)
    if unknown:
        raise TandemError(
            f"No question {unknown[0]} in this agreement's question set.", field="answers"
        )
    return {
        pk: read_text(text, field=f"question_{pk}", limit=MAX_ANSWER) for pk, text in texts.items()
    }


def _answer_set(actor: User, partnership: Partnership, side: str) -> AnswerSet:
    # What a partner who left had answered makes way for the new partner's own answers.
    AnswerSet.objects.filter(partnership=partnership, side=side).exclude(author=actor).delete()
    answer_set, _ = AnswerSet.objects.get_or_create(
        partnership=partnership, side=side, defaults={"author": actor}
    )
    return answer_set


def _write_answers(answer_set: AnswerSet, texts: Mapping[int, str], now: dt.datetime) -> None:
    existing = {answer.question_id: answer for answer in answer_set.answers.all()}
    changed, new = [], []
    for pk, text in texts.items():
        if pk in existing:
            existing[pk].text = text
            changed.append(existing[pk])
        else:
            new.append(Answer(answer_set=answer_set, question_id=pk, text=text))
    Answer.objects.bulk_update(changed, ["text"])
    Answer.objects.bulk_create(new)
    AnswerSet.objects.filter(pk=answer_set.pk).update(updated_at=now)


def answers_save(
    actor: User,
    partnership: Partnership,
    side: str,
    texts: Mapping[int, str],
    *,
    now: dt.datetime | None = None,
) -> AnswerSet:
    """Drafts: any of the questions, as often as the person likes, until they submit."""
    side = _own_side(actor, partnership, side)
    texts = _read_answers(partnership, texts)
    with transaction.atomic():
        _lock(partnership)
        answer_set = _answer_set(actor, partnership, side)
        if answer_set.submitted_at is not None:
            raise Conflict("You have submitted your answers: reopen them to change them.")
        _write_answers(answer_set, texts, _now(now))
    return answer_set


def _already_submitted(
    actor: User, partnership: Partnership, side: str, texts: Mapping[int, str]
) -> bool:
    side = _own_side(actor, partnership, side)
    answer_set = answer_sets(partnership).filter(side=side, submitted_at__isnull=False).first()
    if answer_set is None:
        return False
    stored = dict(answer_set.answers.values_list("question_id", "text"))
    given = _read_answers(partnership, texts)
    return all(stored.get(pk, "") == text for pk, text in given.items())


def answers_submit(
    actor: User,
    partnership: Partnership,
    side: str,
    texts: Mapping[int, str] | None = None,
    *,
    now: dt.datetime | None = None,
) -> AnswerSet:
    """Saves `texts` as drafts, then submits when every required question has an answer.
    A refused submission keeps the drafts: nothing typed is lost. Submitting again what is
    already submitted (a second click) changes nothing."""
    if _already_submitted(actor, partnership, side, texts or {}):
        return _answer_set(actor, partnership, side)
    answer_set = answers_save(actor, partnership, side, texts or {}, now=now)
    with transaction.atomic():
        _lock(partnership)
        answered = set(answer_set.answers.exclude(text="").values_list("question_id", flat=True))
        missing = [
            question
            for question in Question.objects.filter(partnership=partnership, required=True)
            if question.pk not in answered
        ]
        if missing:
            kind = partnership.kind_for(actor)
            titles = ", ".join(
                f"“{wording(q.key, kind).title if q.key else q.prompt}”" for q in missing[:3]
            )
            more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
            raise TandemError(
                f"Answer every required question before you submit: {titles}{more}. Your "
                "answers so far are saved.",
                field="answers",
            )
        AnswerSet.objects.filter(pk=answer_set.pk).update(submitted_at=_now(now))
        answer_set.refresh_from_db()
    return answer_set


def answers_reopen(actor: User, partnership: Partnership, side: str) -> AnswerSet:
    """Back to drafts, while the other has not submitted: once both have, the answers are
    revealed and stay as they were."""
    side = _own_side(actor, partnership, side)
    with transaction.atomic():
        _lock(partnership)
        if is_revealed(submitted_sides(partnership)):
            raise Conflict(
                "Both of you have submitted and your answers are revealed: they stay as they "
                "were. Say what changed in the agreement instead."
            )
        answer_set = _answer_set(actor, partnership, side)
        AnswerSet.objects.filter(pk=answer_set.pk).update(submitted_at=None)
        answer_set.submitted_at = None
    return answer_set


# Versions of the agreement.


def may_write_agreement(partnership: Partnership, submitted: set[str]) -> bool:
    """After the reveal; or, while nobody has joined, once the owner has submitted (the two
    agreed in conversation, and the owner writes it down)."""
    if partnership.partner_id is None:
        return Side.OWNER in submitted
    return is_revealed(submitted)


def partner_sees_draft(version: AgreementVersion, partnership: Partnership) -> bool:
    """Version 1 is pre-filled from both answers: the partner sees it after the reveal. A
    later draft is a copy of a confirmed version they can read, so they see it."""
    return version.number > 1 or is_revealed(submitted_sides(partnership))


def _editor(actor: User, version: AgreementVersion) -> None:
    partnership = version.partnership
    _member(actor, partnership)
    if version.is_confirmed:
        draft = AgreementVersion.objects.filter(
            partnership=partnership, confirmed_at__isnull=True
        ).first()
        where = (
            f"change it in the draft of version {draft.number}"
            if draft
            else f"start version {_next_number(partnership)} to change it"
        )
        raise Conflict(f"Version {version.number} is confirmed and never changes: {where}.")
    if not partnership.is_owner(actor) and not partner_sees_draft(version, partnership):
        raise Conflict("The agreement is written once you have both submitted your answers.")


def _next_number(partnership: Partnership) -> int:
    last = AgreementVersion.objects.filter(partnership=partnership).aggregate(last=Max("number"))[
        "last"
    ]
    return (last or 0) + 1


def _changed(version: AgreementVersion) -> None:
    """Any change to a draft asks both to read and confirm it again."""
    AgreementVersion.objects.filter(pk=version.pk).update(
        revision=F("revision") + 1, owner_confirmed_at=None, partner_confirmed_at=None
    )
    version.refresh_from_db()


def _first_draft(partnership: Partnership, version: AgreementVersion) -> None:
    """Version 1: a section per question, pre-filled with both answers; each one's
    commitments from their answer to the commitments question."""
    names = (str(partnership.owner), partnership.partner_name)
    answers = {
        (answer.answer_set.side, answer.question_id): answer.text
        for answer in Answer.objects.filter(answer_set__in=answer_sets(partnership)).select_related(
            "answer_set"
        )
    }
    sections, commitments = [], []
    for position, question in enumerate(Question.objects.filter(partnership=partnership)):
        owner_text = answers.get((Side.OWNER, question.pk), "")
        partner_text = answers.get((Side.PARTNER, question.pk), "")
        if question.key == COMMITMENTS_KEY:
            for side, text in ((Side.OWNER, owner_text), (Side.PARTNER, partner_text)):
                for line in commitments_from(
                    text, limit=MAX_COMMITMENTS // 2, length=MAX_COMMITMENT
                ):
                    commitments.append(
                        Commitment(version=version, side=side, text=line, position=len(commitments))
                    )
            continue
        # A document speaks in "we": the owner's kind gives the section its neutral title.
        title = wording(question.key, "peer").title if question.key else question.prompt
        section = prefill_section(AnsweredQuestion(title, owner_text, partner_text), names)
        sections.append(
            Section(
                version=version,
                question=question,
                title=section.title,
                text=section.text[:MAX_SECTION],
                position=position,
            )
        )
    Section.objects.bulk_create(sections)
    Commitment.objects.bulk_create(commitments)


def _copy(previous: AgreementVersion, version: AgreementVersion) -> None:
    Section.objects.bulk_create(
        Section(
            version=version,
            question_id=section.question_id,
            title=section.title,
            text=section.text,
            position=section.position,
        )
        for section in previous.sections.all()
    )
    Commitment.objects.bulk_create(
        Commitment(version=version, side=each.side, text=each.text, position=each.position)
        for each in previous.commitments.all()
    )


def _start(partnership: Partnership, now: dt.datetime) -> AgreementVersion:
    previous = (
        AgreementVersion.objects.filter(partnership=partnership, confirmed_at__isnull=False)
        .order_by("-number")
        .first()
    )
    version = AgreementVersion.objects.create(
        partnership=partnership,
        number=_next_number(partnership),
        review_every_months=previous.review_every_months if previous else DEFAULT_REVIEW_MONTHS,
        created_at=now,
    )
    version.partnership = partnership
    if previous is None:
        _first_draft(partnership, version)
    else:
        _copy(previous, version)
    return version


def version_start(
    actor: User, partnership: Partnership, *, now: dt.datetime | None = None
) -> AgreementVersion:
    """A new draft: the last confirmed version copied, or version 1 from both answers."""
    _member(actor, partnership)
    with transaction.atomic():
        _lock(partnership)
        draft = AgreementVersion.objects.filter(
            partnership=partnership, confirmed_at__isnull=True
        ).first()
        if draft is not None:
            raise Conflict(f"Version {draft.number} is already a draft: finish it first.")
        agreed = AgreementVersion.objects.filter(
            partnership=partnership, confirmed_at__isnull=False
        ).exists()
        if not agreed and not may_write_agreement(partnership, submitted_sides(partnership)):
            raise Conflict("The agreement is written once you have both submitted your answers.")
        return _start(partnership, _now(now))


def section_save(
    actor: User, section: Section, text: str, *, revision: int | None = None
) -> AgreementVersion:
    version = section.version
    text = read_text(text, field="text", limit=MAX_SECTION)
    with transaction.atomic():
        _lock(version.partnership)
        version.refresh_from_db()
        _editor(actor, version)
        if revision is not None and revision != version.revision:
            raise Conflict(
                "The draft changed since you opened it: your text is below, read the draft "
                "again and save it once more."
            )
        Section.objects.filter(pk=section.pk).update(text=text)
        _changed(version)
    return version


def _commitment_text(text: str) -> str:
    # One line: it is a bullet of the agreement.
    return read_text(
        " ".join(text.splitlines()),
        field="text",
        limit=MAX_COMMITMENT,
        required="Write the commitment, e.g. “I flag a slipping deadline the day I see it”.",
    )


def _side(side: str) -> str:
    if side not in MEMBER_SIDES:
        raise TandemError("Say whose commitment it is: “owner” or “partner”.", field="side")
    return side


def commitment_add(actor: User, version: AgreementVersion, *, side: str, text: str) -> Commitment:
    side, text = _side(side), _commitment_text(text)
    with transaction.atomic():
        _lock(version.partnership)
        version.refresh_from_db()
        _editor(actor, version)
        commitments = version.commitments.all()
        if commitments.count() >= MAX_COMMITMENTS:
            raise TandemError(
                f"An agreement holds at most {MAX_COMMITMENTS} commitments.", field="text"
            )
        last = commitments.aggregate(last=Max("position"))["last"]
        commitment = Commitment.objects.create(
            version=version, side=side, text=text, position=0 if last is None else last + 1
        )
        _changed(version)
    return commitment


def commitment_update(
    actor: User, commitment: Commitment, *, text: str | None = None, side: str | None = None
) -> Commitment:
    changes = {}
    if text is not None:
        changes["text"] = _commitment_text(text)
    if side is not None:
        changes["side"] = _side(side)
    version = commitment.version
    with transaction.atomic():
        _lock(version.partnership)
        version.refresh_from_db()
        _editor(actor, version)
        if changes:
            Commitment.objects.filter(pk=commitment.pk).update(**changes)
            _changed(version)
    commitment.refresh_from_db()
    return commitment


def commitment_remove(actor: User, commitment: Commitment) -> None:
    version = commitment.version
    with transaction.atomic():
        _lock(version.partnership)
        version.refresh_from_db()
        _editor(actor, version)
        commitment.delete()
        _changed(version)


def version_review_cadence(actor: User, version: AgreementVersion, months: int) -> AgreementVersion:
    if months not in dict(REVIEW_CADENCES):
        *first, last = (str(each) for each, _ in REVIEW_CADENCES)
        choices = f"{', '.join(first)} or {last}"
        raise TandemError(
            f"Review every {choices} months; every quarter (3) is usual.",
            field="review_every_months",
        )
    with transaction.atomic():
        _lock(version.partnership)
        version.refresh_from_db()
        _editor(actor, version)
        if months != version.review_every_months:
            AgreementVersion.objects.filter(pk=version.pk).update(review_every_months=months)
            _changed(version)
    return version


def version_confirm(
    actor: User,
    version: AgreementVersion,
    *,
    revision: int | None = None,
    now: dt.datetime | None = None,
) -> AgreementVersion:
    """The actor confirms the draft as they read it. Confirmed by both, it never changes;
    while nobody has joined, the owner's confirmation stands for the two."""
    now = _now(now)
    partnership = version.partnership
    with transaction.atomic():
        _lock(partnership)
        version.refresh_from_db()
        _editor(actor, version)
        if revision is not None and revision != version.revision:
            raise Conflict("The draft changed since you read it: read it again, then confirm it.")
        if not version.commitments.exists() and not version.sections.exclude(text="").exists():
            raise TandemError("Write at least one section or commitment before you confirm.")
        field = "owner_confirmed_at" if partnership.is_owner(actor) else "partner_confirmed_at"
        setattr(version, field, now)
        done = partnership.partner_id is None or (
            version.owner_confirmed_at and version.partner_confirmed_at
        )
        if done:
            version.confirmed_at = now
            version.confirmed_on = now.astimezone(partnership.owner.zone).date()
        version.save(update_fields=[field, "confirmed_at", "confirmed_on"])
    return version


def review_record(
    actor: User,
    partnership: Partnership,
    *,
    held: Mapping[int, bool],
    what_held: str = "",
    what_did_not: str = "",
    now: dt.datetime | None = None,
) -> AgreementVersion:
    """A look back at the latest confirmed version: whether each commitment held, what held
    and what did not. Returns the next draft, started from it (or the one already begun)."""
    _member(actor, partnership)
    what_held = read_text(what_held, field="what_held", limit=MAX_SECTION)
    what_did_not = read_text(what_did_not, field="what_did_not", limit=MAX_SECTION)
    now = _now(now)
    with transaction.atomic():
        _lock(partnership)
        version = (
            AgreementVersion.objects.filter(partnership=partnership, confirmed_at__isnull=False)
            .order_by("-number")
            .first()
        )
        if version is None:
            raise Conflict("There is no confirmed agreement to review yet.")
        if Review.objects.filter(version=version).exists():
            raise Conflict(f"Version {version.number} has been reviewed already.")
        commitments = list(version.commitments.all())
        if set(held) != {commitment.pk for commitment in commitments}:
            raise TandemError(
                "Say for each commitment of the agreement whether it held.", field="held"
            )
        review = Review.objects.create(
            version=version,
            reviewed_on=now.astimezone(partnership.owner.zone).date(),
            reviewed_by=actor,
            what_held=what_held,
            what_did_not=what_did_not,
            created_at=now,
        )
        CommitmentCheck.objects.bulk_create(
            CommitmentCheck(review=review, commitment=each, held=bool(held[each.pk]))
            for each in commitments
        )
        draft = AgreementVersion.objects.filter(
            partnership=partnership, confirmed_at__isnull=True
        ).first()
        return draft or _start(partnership, now)
