"""Every write about the agreement goes through services, and every rule there has its
message and its field. A refused write changes nothing, except a refused submission, which
keeps the drafts it was given."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from tandem.agreeing import COMMITMENTS_KEY, STANDARD_QUESTIONS
from tandem.agreements import services
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
from tandem.agreements.privacy import review_due_for
from tandem.lib.errors import Conflict, Forbidden, TandemError
from tandem.partnerships.models import Side
from tests.agreements.conftest import NOW, TODAY, answer_all, join, question, questions

OWNER_ONLY = "Only the owner of this partnership changes its questions."
MEMBERS_ONLY = "Only the two members of a partnership write its agreement."
LOCKED = (
    "The questions are fixed once one of you has submitted answers. Reopen the submitted "
    "answers first to change them."
)
NOT_YET = "The agreement is written once you have both submitted your answers."
CONFIRMED = "Version 1 is confirmed and never changes: start version 2 to change it."
STALE_SECTION = (
    "The draft changed since you opened it: your text is below, read the draft again and save "
    "it once more."
)
STALE_CONFIRMATION = "The draft changed since you read it: read it again, then confirm it."
TOO_LONG = "Keep it under {:,} characters."
NUL = "Null characters are not allowed."


def rows() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (
            Question,
            AnswerSet,
            Answer,
            AgreementVersion,
            Section,
            Commitment,
            Review,
            CommitmentCheck,
        )
    )


def stored(instance) -> dict:
    return model_to_dict(type(instance).objects.get(pk=instance.pk))


def refused(call, *args, message: str, field: str | None = None, kind=TandemError, **kwargs):
    """Calls a service, expecting it to refuse with `message` on `field`, writing nothing."""
    before = rows()
    with pytest.raises(kind) as refusal:
        call(*args, **kwargs)
    assert type(refusal.value) is kind
    assert refusal.value.message == message
    assert refusal.value.field == field
    assert rows() == before, "a refused write left something behind"
    return refusal.value


def keys(partnership) -> list[str]:
    return [each.key or each.prompt for each in Question.objects.filter(partnership=partnership)]


def texts(answer_set: AnswerSet) -> dict[str, str]:
    return {
        answer.question.key or answer.question.prompt: answer.text
        for answer in answer_set.answers.select_related("question")
    }


def draft(alice, partnership) -> AgreementVersion:
    return services.version_start(alice, partnership)


# The question set.


def test_it_creates_the_standard_set_once_in_one_query_after(partnership):
    services.questions_ensure(partnership)
    services.questions_ensure(partnership)

    assert keys(partnership) == [question.key for question in STANDARD_QUESTIONS]
    assert [each.required for each in Question.objects.filter(partnership=partnership)] == [
        question.required for question in STANDARD_QUESTIONS
    ]
    with CaptureQueriesContext(connection) as queries:
        services.questions_ensure(partnership)
    assert len(queries) == 1


def test_it_gives_each_partnership_its_own_set(partnership, solo_partnership):
    questions(partnership)
    questions(solo_partnership)

    assert Question.objects.filter(partnership=solo_partnership).count() == 14
    assert Question.objects.count() == 28


def test_it_adds_the_owners_question_at_the_end(alice, partnership):
    questions(partnership)

    added = services.question_add(
        alice, partnership, prompt="  What should I never have to guess?  ", hint="", required=False
    )

    assert keys(partnership)[-1] == "What should I never have to guess?"
    assert (added.key, added.group, added.required, added.hint) == ("", "custom", False, "")


def test_it_adds_the_owners_first_question_to_the_standard_set_never_instead(alice, partnership):
    services.question_add(alice, partnership, prompt="What should I never have to guess?")
    services.questions_ensure(partnership)

    assert len(keys(partnership)) == 15
    assert keys(partnership)[-1] == "What should I never have to guess?"


@pytest.mark.parametrize(
    ("fields", "message", "field"),
    [
        (
            {"prompt": "   "},
            "Write the question, e.g. “What should I never have to guess about?”",
            "prompt",
        ),
        ({"prompt": "x" * 301}, TOO_LONG.format(300), "prompt"),
        ({"prompt": "Why?\x00"}, NUL, "prompt"),
        ({"prompt": "Why?", "hint": "x" * 301}, TOO_LONG.format(300), "hint"),
        ({"prompt": "Why?", "hint": "\x00"}, NUL, "hint"),
    ],
)
def test_it_refuses_a_question_without_words_or_with_too_many(
    alice, partnership, fields, message, field
):
    questions(partnership)

    refused(services.question_add, alice, partnership, message=message, field=field, **fields)


def test_it_holds_at_most_forty_questions(alice, partnership):
    questions(partnership)
    for n in range(services.MAX_QUESTIONS - 14):
        services.question_add(alice, partnership, prompt=f"Question {n}?")

    refused(
        services.question_add,
        alice,
        partnership,
        prompt="One more?",
        message="A question set holds at most 40 questions: remove one first.",
        field="prompt",
    )


def test_it_lets_only_the_owner_change_the_questions(alice, bob, charlie, partnership):
    first, second = questions(partnership)[:2]
    order = [each.pk for each in questions(partnership)]

    for user in (bob, charlie):
        refused(
            services.question_add,
            user,
            partnership,
            prompt="Mine?",
            message=OWNER_ONLY,
            kind=Forbidden,
        )
        refused(
            services.question_remove, user, partnership, first, message=OWNER_ONLY, kind=Forbidden
        )
        refused(
            services.question_move,
            user,
            partnership,
            second,
            "up",
            message=OWNER_ONLY,
            kind=Forbidden,
        )
        refused(
            services.questions_reorder,
            user,
            partnership,
            order[::-1],
            message=OWNER_ONLY,
            kind=Forbidden,
        )
    assert [each.pk for each in questions(partnership)] == order


def test_it_removes_any_question_but_the_last(alice, partnership):
    *others, last = questions(partnership)

    for each in others:
        services.question_remove(alice, partnership, each)

    refused(
        services.question_remove, alice, partnership, last, message="Keep at least one question."
    )
    assert keys(partnership) == ["trust"]


def test_it_moves_a_question_one_place_and_no_further_than_the_ends(alice, partnership):
    first, second, *_, last = questions(partnership)

    services.question_move(alice, partnership, second, "up")
    services.question_move(alice, partnership, second, "up")
    services.question_move(alice, partnership, last, "down")
    services.question_move(alice, partnership, first, "down")

    assert keys(partnership)[:3] == ["valued", "at_stake", "works"]
    assert keys(partnership)[-1] == "trust"
    refused(
        services.question_move,
        alice,
        partnership,
        first,
        "left",
        message="Move a question up or down.",
        field="direction",
    )


def test_it_reorders_the_whole_set(alice, partnership):
    order = [each.pk for each in questions(partnership)][::-1]

    services.questions_reorder(alice, partnership, order)

    assert [each.pk for each in questions(partnership)] == order
    assert keys(partnership)[0] == "trust"


def test_it_refuses_an_order_that_is_not_every_question_once(alice, partnership, solo_partnership):
    order = [each.pk for each in questions(partnership)]
    foreign = questions(solo_partnership)[0].pk
    message = "Give every question of the set once, in the new order (14 ids)."

    for wrong in (
        order[:-1],
        [*order, order[0]],
        [*order[:-1], order[0]],
        [*order[:-1], foreign],
        [],
    ):
        refused(
            services.questions_reorder,
            alice,
            partnership,
            wrong,
            message=message,
            field="question_ids",
        )
    assert [each.pk for each in questions(partnership)] == order


@pytest.mark.parametrize("submitter", ["alice", "bob"])
def test_it_fixes_the_questions_once_either_has_submitted(request, alice, partnership, submitter):
    user = request.getfixturevalue(submitter)
    first, second = questions(partnership)[:2]
    answer_all(user, partnership, Side.OWNER if user == alice else Side.PARTNER)

    refused(
        services.question_add, alice, partnership, prompt="Late?", message=LOCKED, kind=Conflict
    )
    refused(services.question_remove, alice, partnership, first, message=LOCKED, kind=Conflict)
    refused(services.question_move, alice, partnership, second, "up", message=LOCKED, kind=Conflict)
    refused(
        services.questions_reorder,
        alice,
        partnership,
        [second.pk, first.pk],
        message=LOCKED,
        kind=Conflict,
    )

    services.answers_reopen(user, partnership, Side.OWNER if user == alice else Side.PARTNER)
    services.question_move(alice, partnership, second, "up")
    assert keys(partnership)[0] == "valued"


def test_it_removes_the_drafts_of_a_removed_question(alice, partnership):
    works = question(partnership, "works")
    services.answers_save(alice, partnership, Side.OWNER, {works.pk: "Our Monday call."})

    services.question_remove(alice, partnership, works)

    assert not Answer.objects.exists()


# Answers.


def test_it_keeps_drafts_to_come_back_to(alice, partnership):
    works, valued = question(partnership, "works"), question(partnership, "valued")

    services.answers_save(alice, partnership, Side.OWNER, {works.pk: "  Our Monday call.  "})
    later = NOW + dt.timedelta(hours=2)
    answer_set = services.answers_save(
        alice,
        partnership,
        Side.OWNER,
        {works.pk: "Our Monday call, mostly.", valued.pk: "Calm."},
        now=later,
    )

    assert texts(answer_set) == {"works": "Our Monday call, mostly.", "valued": "Calm."}
    assert stored(answer_set)["submitted_at"] is None
    assert AnswerSet.objects.get().updated_at == later
    assert (answer_set.side, answer_set.author) == (Side.OWNER, alice)


@pytest.mark.parametrize(
    ("who", "side", "other"),
    [("alice", Side.PARTNER, "Zebulon Boss"), ("bob", Side.OWNER, "Alice Owner")],
)
def test_it_refuses_answers_for_the_other_person(request, partnership, who, side, other):
    user = request.getfixturevalue(who)
    works = question(partnership, "works")
    message = f"You answer for yourself only: {other} answers on their own."

    refused(
        services.answers_save,
        user,
        partnership,
        side,
        {works.pk: "x"},
        message=message,
        kind=Forbidden,
    )
    refused(
        services.answers_submit,
        user,
        partnership,
        side,
        {works.pk: "x"},
        message=message,
        kind=Forbidden,
    )
    refused(services.answers_reopen, user, partnership, side, message=message, kind=Forbidden)


def test_it_refuses_answers_from_a_stranger_or_for_nobody(alice, charlie, partnership):
    works = question(partnership, "works")

    refused(
        services.answers_save,
        charlie,
        partnership,
        Side.PARTNER,
        {works.pk: "x"},
        message=MEMBERS_ONLY,
        kind=Forbidden,
    )
    refused(
        services.answers_save,
        alice,
        partnership,
        Side.BOTH,
        {works.pk: "x"},
        message="The side is “owner” or “partner”.",
        field="side",
    )


def test_it_refuses_an_answer_to_a_question_of_another_set(alice, partnership, solo_partnership):
    questions(partnership)
    foreign = question(solo_partnership, "works")

    refused(
        services.answers_save,
        alice,
        partnership,
        Side.OWNER,
        {foreign.pk: "x"},
        message=f"No question {foreign.pk} in this agreement's question set.",
        field="answers",
    )


@pytest.mark.parametrize(
    ("text", "message"), [("x" * 5001, TOO_LONG.format(5000)), ("Fine\x00", NUL)]
)
def test_it_refuses_an_answer_too_long_or_with_a_nul_naming_its_question(
    alice, partnership, text, message
):
    works, valued = question(partnership, "works"), question(partnership, "valued")

    refused(
        services.answers_save,
        alice,
        partnership,
        Side.OWNER,
        {valued.pk: "Calm.", works.pk: text},
        message=message,
        field=f"question_{works.pk}",
    )
    assert services.answers_save(alice, partnership, Side.OWNER, {works.pk: "x" * 5000})


def test_it_refuses_a_submission_with_required_answers_empty_and_keeps_the_drafts(
    alice, partnership
):
    works, valued = question(partnership, "works"), question(partnership, "valued")

    with pytest.raises(TandemError) as refusal:
        services.answers_submit(
            alice, partnership, Side.OWNER, {works.pk: "Our Monday call.", valued.pk: "   "}
        )

    assert refusal.value.field == "answers"
    assert refusal.value.message == (
        "Answer every required question before you submit: “What we value in each other”, "
        "“What is at stake”, “What a great partnership looks like” and 9 more. Your answers "
        "so far are saved."
    )
    answer_set = AnswerSet.objects.get()
    assert answer_set.submitted_at is None
    assert texts(answer_set) == {"works": "Our Monday call.", "valued": ""}


def test_it_names_the_few_questions_left_and_the_owners_own_by_its_words(alice, partnership):
    answer_all(alice, partnership, Side.OWNER, submit=False)
    services.question_add(alice, partnership, prompt="What should I never guess?")
    trust = question(partnership, "trust")

    with pytest.raises(TandemError) as refusal:
        services.answers_submit(alice, partnership, Side.OWNER, {trust.pk: ""})

    assert refusal.value.message == (
        "Answer every required question before you submit: “Where trust stands”, “What should "
        "I never guess?”. Your answers so far are saved."
    )


def test_it_submits_with_optional_questions_left_empty(alice, partnership):
    texts_given = {each.pk: "Mine." for each in questions(partnership) if each.required}
    optional = services.question_add(alice, partnership, prompt="Anything else?", required=False)

    answer_set = services.answers_submit(alice, partnership, Side.OWNER, texts_given)

    assert answer_set.submitted_at == NOW
    assert optional.pk not in texts_given


def test_it_refuses_changes_to_submitted_answers_until_they_are_reopened(alice, partnership):
    answer_all(alice, partnership, Side.OWNER)
    works = question(partnership, "works")

    refused(
        services.answers_save,
        alice,
        partnership,
        Side.OWNER,
        {works.pk: "Changed my mind."},
        message="You have submitted your answers: reopen them to change them.",
        kind=Conflict,
    )
    reopened = services.answers_reopen(alice, partnership, Side.OWNER)
    services.answers_save(alice, partnership, Side.OWNER, {works.pk: "Changed my mind."})

    assert reopened.submitted_at is None
    assert texts(AnswerSet.objects.get())["works"] == "Changed my mind."


def test_it_keeps_the_answers_as_they_were_once_both_have_submitted(alice, bob, revealed):
    message = (
        "Both of you have submitted and your answers are revealed: they stay as they were. Say "
        "what changed in the agreement instead."
    )

    refused(services.answers_reopen, alice, revealed, Side.OWNER, message=message, kind=Conflict)
    refused(services.answers_reopen, bob, revealed, Side.PARTNER, message=message, kind=Conflict)
    assert services.submitted_sides(revealed) == {Side.OWNER, Side.PARTNER}


# The first draft.


def test_it_writes_nothing_before_both_have_submitted(alice, bob, partnership):
    refused(services.version_start, alice, partnership, message=NOT_YET, kind=Conflict)
    answer_all(alice, partnership, Side.OWNER)
    refused(services.version_start, alice, partnership, message=NOT_YET, kind=Conflict)
    refused(services.version_start, bob, partnership, message=NOT_YET, kind=Conflict)


@pytest.mark.parametrize("starter", ["alice", "bob"])
def test_it_prefills_version_one_from_both_answers(request, revealed, starter):
    version = services.version_start(request.getfixturevalue(starter), revealed, now=NOW)

    sections = list(version.sections.all())
    assert (version.number, version.revision, version.review_every_months) == (1, 1, 3)
    assert not version.is_confirmed and version.created_at == NOW
    assert [each.title for each in sections] == [
        question.title for question in STANDARD_QUESTIONS if question.key != COMMITMENTS_KEY
    ]
    assert sections[0].text == "Alice Owner: Owner on works\n\nZebulon Boss: Partner on works"
    assert [(each.side, each.text) for each in version.commitments.all()] == [
        (Side.OWNER, "I send a Friday update"),
        (Side.OWNER, "I flag a slipping deadline the day I see it"),
        (Side.PARTNER, "I answer within a day"),
    ]


def test_it_prefills_a_single_answer_without_a_name_and_the_owners_question_by_its_words(
    alice, bob, partnership
):
    services.question_add(alice, partnership, prompt="What should I never guess?", required=False)
    great_before = question(partnership, "great_before")

    def skipping(asked: Question) -> str:
        return "" if asked.pk == great_before.pk or not asked.key else f"Bob on {asked.key}"

    answer_all(alice, partnership, Side.OWNER)
    answer_all(bob, partnership, Side.PARTNER, skipping)

    version = services.version_start(alice, partnership)

    texts_by_title = {each.title: each.text for each in version.sections.all()}
    assert texts_by_title["Great partnerships we have had"] == "Owner on great_before"
    assert texts_by_title["What should I never guess?"] == "Owner on What should I never guess?"
    assert [each.text for each in version.commitments.filter(side=Side.PARTNER)] == [
        "Bob on commitments"
    ]


def test_it_keeps_one_draft_at_a_time(alice, bob, revealed):
    services.version_start(alice, revealed)

    refused(
        services.version_start,
        bob,
        revealed,
        message="Version 1 is already a draft: finish it first.",
        kind=Conflict,
    )


def test_it_lets_no_stranger_start_or_edit_a_draft(alice, charlie, revealed):
    version = services.version_start(alice, revealed)
    section = version.sections.first()
    commitment = version.commitments.first()

    refused(services.version_start, charlie, revealed, message=MEMBERS_ONLY, kind=Forbidden)
    refused(services.section_save, charlie, section, "Mine.", message=MEMBERS_ONLY, kind=Forbidden)
    refused(
        services.commitment_add,
        charlie,
        version,
        side=Side.OWNER,
        text="x",
        message=MEMBERS_ONLY,
        kind=Forbidden,
    )
    refused(
        services.commitment_update,
        charlie,
        commitment,
        text="x",
        message=MEMBERS_ONLY,
        kind=Forbidden,
    )
    refused(services.commitment_remove, charlie, commitment, message=MEMBERS_ONLY, kind=Forbidden)
    refused(
        services.version_review_cadence, charlie, version, 6, message=MEMBERS_ONLY, kind=Forbidden
    )
    refused(services.version_confirm, charlie, version, message=MEMBERS_ONLY, kind=Forbidden)
    assert stored(version)["revision"] == 1


# Editing a draft.


def test_it_counts_every_edit_and_asks_both_to_confirm_again(alice, bob, revealed):
    version = services.version_start(alice, revealed)
    section = version.sections.first()
    commitment = version.commitments.first()

    edits = [
        lambda: services.section_save(bob, section, "  We keep the Monday call.  "),
        lambda: services.commitment_add(bob, version, side=Side.PARTNER, text="I say no early"),
        lambda: services.commitment_update(alice, commitment, text="I send a Monday update"),
        lambda: services.commitment_update(alice, commitment, side=Side.PARTNER),
        lambda: services.commitment_remove(bob, commitment),
        lambda: services.version_review_cadence(bob, version, 6),
    ]
    for revision, edit in enumerate(edits, start=2):
        # Either one's confirmation, of the text before the edit.
        services.version_confirm(alice if revision % 2 else bob, version)
        edit()
        saved = AgreementVersion.objects.get(pk=version.pk)
        assert saved.revision == revision
        assert (saved.owner_confirmed_at, saved.partner_confirmed_at, saved.confirmed_at) == (
            None,
            None,
            None,
        )

    assert Section.objects.get(pk=section.pk).text == "We keep the Monday call."
    assert AgreementVersion.objects.get(pk=version.pk).review_every_months == 6
    assert [each.text for each in version.commitments.all()] == [
        "I flag a slipping deadline the day I see it",
        "I answer within a day",
        "I say no early",
    ]


def test_it_counts_no_edit_that_changes_nothing(alice, revealed):
    version = services.version_start(alice, revealed)
    commitment = version.commitments.first()

    services.commitment_update(alice, commitment)
    services.version_review_cadence(alice, version, 3)

    assert stored(version)["revision"] == 1


def test_it_refuses_a_section_saved_over_a_newer_draft(alice, bob, revealed):
    version = services.version_start(alice, revealed)
    first, second = version.sections.all()[:2]
    services.section_save(alice, first, "Hers.", revision=1)

    refused(
        services.section_save,
        bob,
        second,
        "His.",
        revision=1,
        message=STALE_SECTION,
        kind=Conflict,
    )
    services.section_save(bob, second, "His.", revision=2)

    assert [Section.objects.get(pk=each.pk).text for each in (first, second)] == ["Hers.", "His."]


@pytest.mark.parametrize(("text", "message"), [("x" * 5001, TOO_LONG.format(5000)), ("\x00", NUL)])
def test_it_refuses_a_section_too_long_or_with_a_nul(alice, revealed, text, message):
    section = services.version_start(alice, revealed).sections.first()

    refused(services.section_save, alice, section, text, message=message, field="text")


def test_it_lets_a_section_be_emptied(alice, revealed):
    section = services.version_start(alice, revealed).sections.first()

    services.section_save(alice, section, "   ")

    assert stored(section)["text"] == ""


@pytest.mark.parametrize(
    ("fields", "message", "field"),
    [
        (
            {"side": Side.OWNER, "text": "  "},
            "Write the commitment, e.g. “I flag a slipping deadline the day I see it”.",
            "text",
        ),
        ({"side": Side.OWNER, "text": "x" * 501}, TOO_LONG.format(500), "text"),
        ({"side": Side.OWNER, "text": "x\x00"}, NUL, "text"),
        (
            {"side": Side.BOTH, "text": "We meet"},
            "Say whose commitment it is: “owner” or “partner”.",
            "side",
        ),
    ],
)
def test_it_refuses_a_commitment_without_words_or_owner(alice, revealed, fields, message, field):
    version = services.version_start(alice, revealed)
    commitment = version.commitments.first()

    refused(services.commitment_add, alice, version, message=message, field=field, **fields)
    refused(services.commitment_update, alice, commitment, message=message, field=field, **fields)


def test_it_holds_at_most_forty_commitments(alice, revealed):
    version = services.version_start(alice, revealed)
    for n in range(services.MAX_COMMITMENTS - 3):
        services.commitment_add(alice, version, side=Side.OWNER, text=f"Commitment {n}")

    refused(
        services.commitment_add,
        alice,
        version,
        side=Side.PARTNER,
        text="One more",
        message="An agreement holds at most 40 commitments.",
        field="text",
    )


def test_it_adds_a_commitment_at_the_end_for_either_side(alice, bob, revealed):
    version = services.version_start(alice, revealed)

    added = services.commitment_add(bob, version, side=Side.OWNER, text=" I book the room ")

    assert (added.side, added.text) == (Side.OWNER, "I book the room")
    assert list(version.commitments.all())[-1] == added


@pytest.mark.parametrize("months", [1, 3, 6, 12])
def test_it_reviews_at_any_of_the_offered_cadences(alice, revealed, months):
    version = services.version_start(alice, revealed)

    assert services.version_review_cadence(alice, version, months).review_every_months == months


@pytest.mark.parametrize("months", [0, 2, 24, -3])
def test_it_refuses_any_other_cadence(alice, revealed, months):
    version = services.version_start(alice, revealed)

    refused(
        services.version_review_cadence,
        alice,
        version,
        months,
        message="Review every 1, 3, 6 or 12 months; every quarter (3) is usual.",
        field="review_every_months",
    )


# Confirming.


def test_it_confirms_a_version_once_both_have_and_dates_it_on_the_owners_day(alice, bob, revealed):
    version = services.version_start(alice, revealed)
    # Late on 30 Nov in New York is already 1 Dec in London, where Alice lives.
    evening = dt.datetime(2026, 12, 1, 3, 30, tzinfo=dt.UTC)

    services.version_confirm(alice, version, revision=1, now=NOW - dt.timedelta(days=1))
    assert not AgreementVersion.objects.get(pk=version.pk).is_confirmed
    confirmed = services.version_confirm(bob, version, revision=1, now=evening)

    assert confirmed.is_confirmed
    assert (confirmed.confirmed_at, confirmed.confirmed_on) == (evening, TODAY)
    assert stored(confirmed)["owner_confirmed_at"] == NOW - dt.timedelta(days=1)


def test_it_refuses_a_confirmation_of_text_that_changed_since(alice, bob, revealed):
    version = services.version_start(alice, revealed)
    services.version_confirm(alice, version, revision=1)
    services.section_save(alice, version.sections.first(), "Changed after confirming.")

    refused(
        services.version_confirm,
        bob,
        version,
        revision=1,
        message=STALE_CONFIRMATION,
        kind=Conflict,
    )
    saved = AgreementVersion.objects.get(pk=version.pk)
    assert (saved.partner_confirmed_at, saved.confirmed_at) == (None, None)


def test_it_refuses_to_confirm_an_empty_agreement(alice, revealed):
    version = services.version_start(alice, revealed)
    for section in version.sections.all():
        services.section_save(alice, section, "")
    for commitment in version.commitments.all():
        services.commitment_remove(alice, commitment)

    refused(
        services.version_confirm,
        alice,
        version,
        message="Write at least one section or commitment before you confirm.",
    )


def test_it_never_changes_a_confirmed_version(alice, bob, agreed):
    section = agreed.sections.first()
    commitment = agreed.commitments.first()
    before = (stored(agreed), stored(section), stored(commitment))

    for user in (alice, bob):
        refused(
            services.section_save, user, section, "Rewritten.", message=CONFIRMED, kind=Conflict
        )
        refused(
            services.commitment_add,
            user,
            agreed,
            side=Side.OWNER,
            text="x",
            message=CONFIRMED,
            kind=Conflict,
        )
        refused(
            services.commitment_update, user, commitment, text="x", message=CONFIRMED, kind=Conflict
        )
        refused(services.commitment_remove, user, commitment, message=CONFIRMED, kind=Conflict)
        refused(services.version_review_cadence, user, agreed, 12, message=CONFIRMED, kind=Conflict)
        refused(services.version_confirm, user, agreed, message=CONFIRMED, kind=Conflict)
    assert (stored(agreed), stored(section), stored(commitment)) == before


def test_it_starts_version_two_as_a_copy_that_changes_alone(alice, bob, agreed):
    second = services.version_start(bob, agreed.partnership)
    services.section_save(alice, second.sections.first(), "We keep the Monday call.")
    services.commitment_remove(alice, second.commitments.first())

    assert second.number == 2 and second.review_every_months == agreed.review_every_months
    assert [each.title for each in second.sections.all()] == [
        each.title for each in agreed.sections.all()
    ]
    assert agreed.sections.first().text.startswith("Alice Owner: Owner on works")
    assert agreed.commitments.count() == 3 and second.commitments.count() == 2
    refused(
        services.version_start,
        alice,
        agreed.partnership,
        message="Version 2 is already a draft: finish it first.",
        kind=Conflict,
    )


# Alone: the partner has not joined.


def test_it_lets_the_owner_write_and_confirm_alone_what_the_two_agreed_in_conversation(
    alice, solo_partnership
):
    refused(services.version_start, alice, solo_partnership, message=NOT_YET, kind=Conflict)
    answer_all(alice, solo_partnership, Side.OWNER)

    version = services.version_start(alice, solo_partnership)
    confirmed = services.version_confirm(alice, version)

    assert confirmed.is_confirmed and confirmed.confirmed_on == TODAY
    assert confirmed.partner_confirmed_at is None
    assert version.sections.first().text == "Owner on works"
    assert [each.side for each in version.commitments.all()] == [Side.OWNER, Side.OWNER]


def test_it_asks_a_partner_who_joined_to_submit_before_they_edit_the_owners_draft(
    alice, bob, solo_partnership
):
    answer_all(alice, solo_partnership, Side.OWNER)
    version = services.version_start(alice, solo_partnership)
    join(solo_partnership, bob)
    version.partnership.refresh_from_db()

    refused(
        services.section_save,
        bob,
        version.sections.first(),
        "Mine.",
        message=NOT_YET,
        kind=Conflict,
    )
    refused(services.version_confirm, bob, version, message=NOT_YET, kind=Conflict)
    # The owner's confirmation no longer stands for the two.
    assert not services.version_confirm(alice, version).is_confirmed


# Reviews.


def test_it_refuses_a_review_before_anything_is_confirmed(alice, revealed):
    services.version_start(alice, revealed)

    refused(
        services.review_record,
        alice,
        revealed,
        held={},
        message="There is no confirmed agreement to review yet.",
        kind=Conflict,
    )


def test_it_records_what_held_and_starts_the_next_draft(bob, agreed):
    kept, slipped, answered = agreed.commitments.all()
    later = NOW + dt.timedelta(days=90)

    draft_after = services.review_record(
        bob,
        agreed.partnership,
        held={kept.pk: True, slipped.pk: False, answered.pk: True},
        what_held="  The Friday update, every week.  ",
        what_did_not="Deadlines slipped twice.",
        now=later,
    )

    review = Review.objects.get(version=agreed)
    assert (review.reviewed_on, review.reviewed_by, review.created_at) == (
        dt.date(2027, 3, 1),
        bob,
        later,
    )
    assert (review.what_held, review.what_did_not) == (
        "The Friday update, every week.",
        "Deadlines slipped twice.",
    )
    assert {check.commitment_id: check.held for check in review.checks.all()} == {
        kept.pk: True,
        slipped.pk: False,
        answered.pk: True,
    }
    assert (draft_after.number, draft_after.is_confirmed, draft_after.created_at) == (
        2,
        False,
        later,
    )
    assert [each.text for each in draft_after.commitments.all()] == [
        each.text for each in (kept, slipped, answered)
    ]


def test_it_reviews_each_version_once(alice, bob, agreed):
    held = {each.pk: True for each in agreed.commitments.all()}
    services.review_record(alice, agreed.partnership, held=held)

    refused(
        services.review_record,
        bob,
        agreed.partnership,
        held=held,
        message="Version 1 has been reviewed already.",
        kind=Conflict,
    )


def test_it_asks_about_every_commitment_and_no_other(alice, agreed):
    first, *others = (each.pk for each in agreed.commitments.all())
    message = "Say for each commitment of the agreement whether it held."

    for held in ({first: True}, {pk: True for pk in (first, *others, 999_999)}, {}):
        refused(
            services.review_record,
            alice,
            agreed.partnership,
            held=held,
            message=message,
            field="held",
        )


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"what_held": "x" * 5001}, "what_held"), ({"what_did_not": "\x00"}, "what_did_not")],
)
def test_it_refuses_a_review_note_too_long_or_with_a_nul(alice, agreed, fields, field):
    held = {each.pk: True for each in agreed.commitments.all()}

    with pytest.raises(TandemError) as refusal:
        services.review_record(alice, agreed.partnership, held=held, **fields)

    assert refusal.value.field == field
    assert not Review.objects.exists()


def test_it_continues_the_draft_already_begun_after_a_review(alice, bob, agreed):
    begun = services.version_start(alice, agreed.partnership)
    services.section_save(alice, begun.sections.first(), "Begun before the review.")

    after = services.review_record(
        bob, agreed.partnership, held={each.pk: True for each in agreed.commitments.all()}
    )

    assert after == begun
    assert AgreementVersion.objects.count() == 2


def test_it_lets_a_stranger_record_no_review(charlie, agreed):
    refused(
        services.review_record,
        charlie,
        agreed.partnership,
        held={},
        message=MEMBERS_ONLY,
        kind=Forbidden,
    )


@pytest.mark.parametrize(
    ("today", "status", "label"),
    [
        (dt.date(2027, 2, 14), None, None),
        (dt.date(2027, 2, 15), "soon", "Review due Mon 1 Mar"),
        (dt.date(2027, 3, 1), "due", "Review due today"),
        (dt.date(2027, 3, 2), "overdue", "Review overdue since Mon 1 Mar"),
    ],
)
def test_it_makes_a_confirmed_version_due_for_review_after_its_cadence(
    alice, bob, agreed, today, status, label
):
    for user in (alice, bob):
        due = review_due_for(user, agreed.partnership, today)
        if status is None:
            assert due is None
        else:
            assert (due.number, due.due_on, due.status, due.label, due.agreed_on) == (
                1,
                dt.date(2027, 3, 1),
                status,
                label,
                TODAY,
            )


def test_it_is_due_for_review_no_more_once_reviewed(alice, agreed):
    overdue = dt.date(2027, 6, 1)
    assert review_due_for(alice, agreed.partnership, overdue).status == "overdue"

    services.review_record(
        alice, agreed.partnership, held={each.pk: True for each in agreed.commitments.all()}
    )

    assert review_due_for(alice, agreed.partnership, overdue) is None


def test_it_counts_the_next_review_from_the_next_confirmed_version(alice, bob, agreed):
    held = {each.pk: False for each in agreed.commitments.all()}
    later = NOW + dt.timedelta(days=95)
    draft_after = services.review_record(alice, agreed.partnership, held=held, now=later)
    services.version_review_cadence(alice, draft_after, 1)
    services.version_confirm(alice, draft_after, now=later)
    services.version_confirm(bob, draft_after, now=later)

    due = review_due_for(alice, agreed.partnership, dt.date(2027, 4, 6))

    assert (due.number, due.due_on, due.status) == (2, dt.date(2027, 4, 6), "due")


def test_it_lets_the_owner_alone_review_and_write_the_next_version(alice, solo_partnership):
    answer_all(alice, solo_partnership, Side.OWNER)
    first = services.version_confirm(alice, services.version_start(alice, solo_partnership))
    held = {each.pk: each.side == Side.OWNER for each in first.commitments.all()}

    second = services.review_record(alice, solo_partnership, held=held, what_held="Most of it.")

    assert (second.number, second.is_confirmed) == (2, False)
    assert services.version_confirm(alice, second).is_confirmed
