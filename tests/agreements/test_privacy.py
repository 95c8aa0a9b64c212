"""Who sees what of the agreement: each member their own answers, drafts included; the other's
only once both have submitted, by no route before; the agreement's drafts the partner once the
answers are revealed; its confirmed versions both; a stranger nothing at all."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Model
from django.forms.models import model_to_dict
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from tandem.agreeing import DiffLine
from tandem.agreements import overview, services
from tandem.agreements.models import AgreementVersion, Commitment, Question, Section
from tandem.agreements.privacy import (
    Stage,
    agreement_state_for,
    answers_of_side_for,
    commitments_for,
    difference_for,
    document_for,
    get_commitment_for,
    get_question_for,
    get_section_for,
    get_version_for,
    questions_for,
    revealed_for,
    review_due_for,
    version_for,
    version_markdown_for,
    versions_for,
)
from tandem.lib.errors import Conflict, TandemError
from tandem.partnerships.models import Side
from tandem.privacy import get_partnership_for
from tests.agreements.conftest import (
    OWNER_SENTINEL,
    PARTNER_SENTINEL,
    TODAY,
    answer_all,
    join,
    owner_drafted,
    owner_submitted,
    owner_wrote_version_1_alone_then_the_partner_joined,
    partner_drafted,
    partner_submitted,
    question,
    questions,
    traces,
    words_of,
)

NOT_REVEALED = (
    "Their answers are revealed when both of you have submitted: until then each of you sees "
    "only your own."
)
# Far enough ahead for any version to be due for review: the review's words are read too.
LATER = dt.date(2028, 12, 1)


def shown(outcome) -> str:
    """What an outcome tells the reader, as text: a record with every field, a refusal with
    its message."""
    if isinstance(outcome, Model):
        return repr(model_to_dict(outcome))
    if isinstance(outcome, Exception):
        return f"{type(outcome).__name__}: {outcome}"
    return repr(outcome)


def every_read(viewer, partnership) -> dict[str, str]:
    """What each read of the area gives `viewer` in `partnership`, or how it refuses: every
    function, with every record of any partnership and every version number there is."""
    outcomes: dict[str, str] = {}

    def read(call, *args) -> None:
        try:
            outcome = call(viewer, partnership, *args)
        except (Http404, TandemError) as refusal:
            outcome = refusal
        outcomes[f"{call.__name__}{args}"] = shown(outcome)

    numbers = [*AgreementVersion.objects.values_list("number", flat=True).distinct(), 99]
    read(agreement_state_for)
    read(questions_for)
    read(revealed_for)
    read(versions_for)
    read(commitments_for)
    read(review_due_for, LATER)
    read(overview.figures)
    read(overview.review_panel)
    for side in (Side.OWNER, Side.PARTNER):
        read(answers_of_side_for, side)
    for pk in Question.objects.values_list("pk", flat=True):
        read(get_question_for, pk)
    for pk in Section.objects.values_list("pk", flat=True):
        read(get_section_for, pk)
    for pk in Commitment.objects.values_list("pk", flat=True):
        read(get_commitment_for, pk)
    for number in numbers:
        for call in (version_for, get_version_for, document_for, version_markdown_for):
            read(call, number)
        for other in numbers:
            read(difference_for, other, number)
    return outcomes


# Nothing before the reveal, by any route.


@pytest.mark.parametrize(
    "before_the_reveal",
    [owner_submitted, owner_drafted, owner_wrote_version_1_alone_then_the_partner_joined],
)
def test_it_shows_the_partner_no_trace_of_the_owners_answers_before_the_reveal(
    alice, bob, partnership, solo_partnership, before_the_reveal
):
    shared = before_the_reveal(alice, bob, partnership, solo_partnership)

    assert traces(OWNER_SENTINEL, every_read(bob, shared)) == []
    # The owner reads her own words: there was something to find.
    assert traces(OWNER_SENTINEL, every_read(alice, shared))


@pytest.mark.parametrize("before_the_reveal", [partner_submitted, partner_drafted])
def test_it_shows_the_owner_no_trace_of_the_partners_answers_before_the_reveal(
    alice, bob, partnership, before_the_reveal
):
    before_the_reveal(alice, bob, partnership)

    assert traces(PARTNER_SENTINEL, every_read(alice, partnership)) == []
    assert traces(PARTNER_SENTINEL, every_read(bob, partnership))


def test_it_keeps_the_partners_drafts_out_of_the_owners_agreement_written_before_they_joined(
    alice, bob, solo_partnership
):
    answer_all(alice, solo_partnership, Side.OWNER)
    services.version_start(alice, solo_partnership)
    join(solo_partnership, bob)
    answer_all(bob, solo_partnership, Side.PARTNER, words_of(PARTNER_SENTINEL), submit=False)

    assert traces(PARTNER_SENTINEL, every_read(alice, solo_partnership)) == []
    with pytest.raises(Conflict):
        services.version_start(alice, solo_partnership)


def test_it_reveals_both_sets_to_both_once_both_have_submitted(alice, bob, partnership):
    answer_all(alice, partnership, Side.OWNER, words_of(OWNER_SENTINEL))
    answer_all(bob, partnership, Side.PARTNER, words_of(PARTNER_SENTINEL))

    for user in (alice, bob):
        outcomes = every_read(user, partnership)
        assert "revealed_for()" in traces(OWNER_SENTINEL, outcomes)
        assert "revealed_for()" in traces(PARTNER_SENTINEL, outcomes)
        assert answers_of_side_for(user, partnership, Side.OWNER).texts
        assert answers_of_side_for(user, partnership, Side.PARTNER).texts


# Each member's own answers, and the reveal.


def test_it_shows_each_their_own_answers_drafts_included(alice, bob, partnership):
    works = question(partnership, "works")
    services.answers_save(alice, partnership, Side.OWNER, {works.pk: "Our Monday call."})

    mine = answers_of_side_for(alice, partnership, Side.OWNER)
    his = answers_of_side_for(bob, partnership, Side.PARTNER)

    assert (mine.side, mine.who, mine.submitted_at, mine.texts) == (
        Side.OWNER,
        "You",
        None,
        {works.pk: "Our Monday call."},
    )
    assert (his.who, his.submitted_at, his.texts) == ("You", None, {})


@pytest.mark.parametrize(("who", "side"), [("alice", Side.PARTNER), ("bob", Side.OWNER)])
def test_it_refuses_the_other_persons_answers_before_the_reveal(
    request, alice, bob, partnership, who, side
):
    answer_all(alice, partnership, Side.OWNER)
    answer_all(bob, partnership, Side.PARTNER, submit=False)

    with pytest.raises(Conflict) as refusal:
        answers_of_side_for(request.getfixturevalue(who), partnership, side)

    assert refusal.value.message == NOT_REVEALED
    assert revealed_for(request.getfixturevalue(who), partnership) is None


def test_it_refuses_a_side_that_is_nobodys(alice, partnership):
    with pytest.raises(TandemError) as refusal:
        answers_of_side_for(alice, partnership, Side.BOTH)

    assert refusal.value.field == "side"


def test_it_shows_both_answers_side_by_side_each_worded_for_the_reader(alice, bob, revealed):
    hers = revealed_for(alice, revealed)
    his = revealed_for(bob, revealed)

    assert len(hers) == len(his) == 14
    valued = next(row for row in hers if row.question.key == "valued")
    assert (valued.question.prompt, valued.mine, valued.theirs) == (
        "What do you value in your manager?",
        "Owner on valued",
        "Partner on valued",
    )
    valued = next(row for row in his if row.question.key == "valued")
    assert (valued.question.prompt, valued.mine, valued.theirs) == (
        "What do you value in your report?",
        "Partner on valued",
        "Owner on valued",
    )
    assert answers_of_side_for(bob, revealed, Side.OWNER).who == "Alice Owner"
    assert answers_of_side_for(alice, revealed, Side.PARTNER).who == "Zebulon Boss"


def test_it_shows_an_empty_answer_as_empty_beside_the_others(alice, bob, partnership):
    great_before = question(partnership, "great_before")
    answer_all(alice, partnership, Side.OWNER)
    answer_all(
        bob,
        partnership,
        Side.PARTNER,
        lambda asked: "" if asked.pk == great_before.pk else "His.",
    )

    row = next(row for row in revealed_for(bob, partnership) if row.question.pk == great_before.pk)

    assert (row.mine, row.theirs) == ("", "Owner on great_before")


# The question set, as each reads it.


def test_it_words_each_standard_question_for_its_reader_and_the_owners_own_as_written(
    alice, bob, partnership
):
    questions(partnership)
    added = services.question_add(
        alice, partnership, prompt="What should I never guess?", hint="Be blunt.", required=False
    )

    hers, his = questions_for(alice, partnership), questions_for(bob, partnership)

    assert [each.pk for each in hers] == [each.pk for each in his]
    assert (hers[1].title, hers[1].prompt, hers[1].group_title) == (
        "What we value in each other",
        "What do you value in your manager?",
        "Where you stand",
    )
    assert his[1].prompt == "What do you value in your report?"
    assert hers[-1] == his[-1]
    assert (hers[-1].pk, hers[-1].title, hers[-1].prompt, hers[-1].hint) == (
        added.pk,
        "What should I never guess?",
        "What should I never guess?",
        "Be blunt.",
    )
    assert (hers[-1].custom, hers[-1].required, hers[-1].group_title) == (
        True,
        False,
        "More questions",
    )
    assert get_question_for(bob, partnership, added.pk) == added


def test_it_finds_no_question_of_another_partnership(alice, partnership, solo_partnership):
    foreign = question(solo_partnership, "works")

    with pytest.raises(Http404):
        get_question_for(alice, partnership, foreign.pk)


# Where each stands.


def stages(alice, bob, partnership) -> tuple[Stage, Stage]:
    return (
        agreement_state_for(alice, partnership).stage,
        agreement_state_for(bob, partnership).stage,
    )


def test_it_tells_each_where_they_stand_from_answering_to_agreed(alice, bob, partnership):
    questions(partnership)
    assert stages(alice, bob, partnership) == (Stage.ANSWERING, Stage.ANSWERING)

    answer_all(alice, partnership, Side.OWNER)
    assert stages(alice, bob, partnership) == (Stage.WAITING, Stage.ANSWERING)
    bobs = agreement_state_for(bob, partnership)
    assert (bobs.other_submitted, bobs.my_submitted, bobs.questions_locked) == (True, False, True)

    answer_all(bob, partnership, Side.PARTNER)
    assert stages(alice, bob, partnership) == (Stage.REVEALED, Stage.REVEALED)
    assert agreement_state_for(bob, partnership).may_start_version

    version = services.version_start(bob, partnership)
    assert stages(alice, bob, partnership) == (Stage.DRAFTING, Stage.DRAFTING)

    services.version_confirm(alice, version)
    services.version_confirm(bob, version)
    assert stages(alice, bob, partnership) == (Stage.AGREED, Stage.AGREED)


def test_it_counts_what_each_has_answered_and_names_the_other(alice, bob, partnership):
    works, valued = question(partnership, "works"), question(partnership, "valued")
    services.answers_save(alice, partnership, Side.OWNER, {works.pk: "Yes.", valued.pk: " "})
    services.answers_save(bob, partnership, Side.PARTNER, {works.pk: "Yes."})

    hers, his = agreement_state_for(alice, partnership), agreement_state_for(bob, partnership)

    assert (hers.my_side, hers.other_name, hers.other_joined, hers.questions) == (
        Side.OWNER,
        "Zebulon Boss",
        True,
        14,
    )
    assert (hers.my_answered, his.my_answered) == (1, 1)
    assert (his.my_side, his.other_name) == (Side.PARTNER, "Alice Owner")
    assert not hers.revealed and not hers.may_start_version and not hers.questions_locked


def test_it_sums_up_the_agreed_version_and_its_review_for_the_overview(alice, bob, agreed):
    state = agreement_state_for(bob, agreed.partnership)
    figures = overview.figures(bob, agreed.partnership)

    assert (state.current.number, state.current.confirmed_on, state.draft) == (1, TODAY, None)
    assert (figures.current_number, figures.confirmed_on, figures.draft_number) == (1, TODAY, None)
    assert figures.review is None and overview.review_panel(alice, agreed.partnership) is None


# Drafts of the agreement.


def test_it_shows_a_draft_to_the_partner_only_once_the_answers_are_revealed(
    alice, bob, solo_partnership
):
    answer_all(alice, solo_partnership, Side.OWNER)
    version = services.version_start(alice, solo_partnership)
    section, commitment = version.sections.first(), version.commitments.first()
    join(solo_partnership, bob)

    assert [each.number for each in versions_for(alice, solo_partnership)] == [1]
    assert versions_for(bob, solo_partnership) == []
    assert agreement_state_for(bob, solo_partnership).draft is None
    for getter, key in (
        (version_for, 1),
        (get_version_for, 1),
        (version_markdown_for, 1),
        (get_section_for, section.pk),
        (get_commitment_for, commitment.pk),
    ):
        with pytest.raises(Http404):
            getter(bob, solo_partnership, key)

    answer_all(bob, solo_partnership, Side.PARTNER)

    assert [each.is_draft for each in versions_for(bob, solo_partnership)] == [True]
    assert agreement_state_for(bob, solo_partnership).stage == Stage.DRAFTING
    assert get_section_for(bob, solo_partnership, section.pk) == section


def test_it_shows_a_partner_who_joined_the_agreement_confirmed_before_but_not_the_answers(
    alice, bob, solo_partnership
):
    answer_all(alice, solo_partnership, Side.OWNER)
    services.version_confirm(alice, services.version_start(alice, solo_partnership))
    join(solo_partnership, bob)

    assert version_for(bob, solo_partnership, 1).confirmed_alone
    assert agreement_state_for(bob, solo_partnership).stage == Stage.AGREED
    assert revealed_for(bob, solo_partnership) is None
    with pytest.raises(Conflict):
        answers_of_side_for(bob, solo_partnership, Side.OWNER)


def test_it_shows_a_draft_as_each_reads_it(alice, bob, revealed):
    version = services.version_start(alice, revealed)
    services.version_confirm(bob, version)

    hers, his = version_for(alice, revealed, 1), version_for(bob, revealed, 1)

    assert (hers.number, hers.is_confirmed, hers.revision, hers.may_edit) == (1, False, 1, True)
    assert [(each.side, each.who, each.text) for each in hers.commitments] == [
        (Side.OWNER, "You", "I send a Friday update"),
        (Side.OWNER, "You", "I flag a slipping deadline the day I see it"),
        (Side.PARTNER, "Zebulon Boss", "I answer within a day"),
    ]
    assert [each.who for each in his.commitments] == ["Alice Owner", "Alice Owner", "You"]
    assert hers.sections[0].text == "Alice Owner: Owner on works\n\nZebulon Boss: Partner on works"
    assert (hers.i_confirmed, hers.waiting_for) == (False, "You")
    assert (his.i_confirmed, his.waiting_for) == (True, "Alice Owner")
    assert [(each.who, bool(each.at)) for each in his.confirmations] == [
        ("Alice Owner", False),
        ("You", True),
    ]
    assert hers.review is None and not hers.confirmed_alone
    assert all(each.held is None for each in hers.commitments)


def test_it_shows_a_confirmed_version_as_final_and_what_held_once_reviewed(alice, bob, agreed):
    kept, slipped, answered = agreed.commitments.all()
    services.review_record(
        bob,
        agreed.partnership,
        held={kept.pk: True, slipped.pk: False, answered.pk: True},
        what_held="The Friday update.",
        what_did_not="Deadlines.",
    )

    view = version_for(alice, agreed.partnership, 1)

    assert (view.is_confirmed, view.confirmed_on, view.may_edit, view.waiting_for) == (
        True,
        TODAY,
        False,
        None,
    )
    assert [each.held for each in view.commitments] == [True, False, True]
    assert (view.review.reviewed_on, view.review.who) == (TODAY, "Bob Partner")
    assert (view.review.what_held, view.review.what_did_not) == ("The Friday update.", "Deadlines.")
    assert [each.number for each in versions_for(bob, agreed.partnership)] == [2, 1]


def test_it_holds_each_to_the_current_versions_commitments(alice, bob, revealed):
    assert commitments_for(alice, revealed) == []
    version = services.version_start(alice, revealed)
    assert commitments_for(bob, revealed) == []

    services.version_confirm(alice, version)
    services.version_confirm(bob, version)

    assert [(each.who, each.text) for each in commitments_for(bob, revealed)] == [
        ("Alice Owner", "I send a Friday update"),
        ("Alice Owner", "I flag a slipping deadline the day I see it"),
        ("You", "I answer within a day"),
    ]


def queries(call, *args) -> int:
    with CaptureQueriesContext(connection) as captured:
        call(*args)
    return len(captured)


def test_it_reads_a_version_and_the_state_in_as_many_queries_however_long_they_are(
    alice, bob, revealed
):
    version = services.version_start(alice, revealed)
    short = (queries(version_for, bob, revealed, 1), queries(agreement_state_for, bob, revealed))
    for n in range(20):
        services.commitment_add(alice, version, side=Side.PARTNER, text=f"Commitment {n}")

    assert (
        queries(version_for, bob, revealed, 1),
        queries(agreement_state_for, bob, revealed),
    ) == short


# Exports and differences.


def test_it_exports_a_version_with_full_names_whoever_reads_it(alice, bob, agreed):
    markdown = version_markdown_for(bob, agreed.partnership, 1)

    assert markdown == version_markdown_for(alice, agreed.partnership, 1)
    assert markdown.startswith(
        "# Partnership agreement: Alice Owner & Zebulon Boss\n\n"
        "Version 1, agreed Tue 1 Dec 2026.\n\n"
        "Reviewed every quarter.\n\n"
        "## What already works\n\n"
        "Alice Owner: Owner on works\n\n"
        "Zebulon Boss: Partner on works\n"
    )
    assert markdown.endswith(
        "## Commitments\n\n"
        "### Alice Owner\n\n"
        "- I send a Friday update\n"
        "- I flag a slipping deadline the day I see it\n\n"
        "### Zebulon Boss\n\n"
        "- I answer within a day\n\n"
        "## Confirmed\n\n"
        "- Alice Owner: Tue 1 Dec 2026\n"
        "- Zebulon Boss: Tue 1 Dec 2026\n"
    )
    assert "## What we commit to" not in markdown


def test_it_signs_each_confirmation_on_the_owners_day(alice, bob, revealed):
    version = services.version_start(alice, revealed)
    services.version_confirm(alice, version, now=dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC))
    # 23:30 in New York on 30 Nov is 1 Dec in London.
    services.version_confirm(bob, version, now=dt.datetime(2026, 12, 1, 4, 30, tzinfo=dt.UTC))

    document = document_for(bob, revealed, 1)

    assert [(each.name, each.confirmed_on) for each in document.signatures] == [
        ("Alice Owner", dt.date(2026, 11, 30)),
        ("Zebulon Boss", TODAY),
    ]
    assert (document.names, document.confirmed_on, document.is_draft) == (
        ("Alice Owner", "Zebulon Boss"),
        TODAY,
        False,
    )


def test_it_shows_what_changed_between_two_versions_in_their_terms_alone(alice, bob, agreed):
    second = services.version_start(alice, agreed.partnership)
    services.section_save(alice, second.sections.get(title="Routines that help"), "Fridays.")
    services.version_review_cadence(bob, second, 6)

    difference = difference_for(bob, agreed.partnership, 1, 2)

    assert [line for line in difference if line.kind in ("removed", "added")] == [
        DiffLine("removed", "Reviewed every quarter."),
        DiffLine("added", "Reviewed every six months."),
        DiffLine("removed", "Alice Owner: Owner on routines"),
        DiffLine("removed", ""),
        DiffLine("removed", "Zebulon Boss: Partner on routines"),
        DiffLine("added", "Fridays."),
    ]
    assert difference_for(alice, agreed.partnership, 1, 1) == []


def test_it_lets_the_owner_alone_answer_agree_and_export_what_was_said_in_conversation(
    alice, solo_partnership
):
    questions(solo_partnership)
    state = agreement_state_for(alice, solo_partnership)
    assert (state.stage, state.other_joined, state.other_name) == (
        Stage.ANSWERING,
        False,
        "Rita Report",
    )
    assert questions_for(alice, solo_partnership)[1].prompt == "What do you value in your report?"

    answer_all(alice, solo_partnership, Side.OWNER)
    state = agreement_state_for(alice, solo_partnership)
    assert (state.stage, state.may_start_version, state.revealed) == (Stage.REVEALED, True, False)
    with pytest.raises(Conflict):
        answers_of_side_for(alice, solo_partnership, Side.PARTNER)

    version = services.version_start(alice, solo_partnership)
    assert version_for(alice, solo_partnership, 1).waiting_for == "You"
    services.version_confirm(alice, version)

    view = version_for(alice, solo_partnership, 1)
    assert (view.is_confirmed, view.confirmed_alone, view.waiting_for) == (True, True, None)
    assert agreement_state_for(alice, solo_partnership).stage == Stage.AGREED
    markdown = version_markdown_for(alice, solo_partnership, 1)
    assert (
        "# Partnership agreement: Alice Owner & Rita Report\n\nVersion 1, agreed Tue 1 Dec 2026."
        in markdown
    )
    assert markdown.endswith(
        "- Alice Owner: Tue 1 Dec 2026\n- Rita Report: agreed in conversation\n"
    )
    assert review_due_for(alice, solo_partnership, dt.date(2027, 2, 20)).label == (
        "Review due Mon 1 Mar"
    )


# Strangers.


def test_it_shows_a_stranger_nothing_at_all(alice, bob, charlie, agreed):
    partnership = agreed.partnership
    services.version_start(alice, partnership)

    with pytest.raises(Http404):
        get_partnership_for(charlie, partnership.pk)
    outcomes = every_read(charlie, partnership)
    assert {name: text for name, text in outcomes.items() if not text.startswith("Http404")} == {}


def test_it_lets_a_partner_who_joined_later_write_the_next_version_with_the_owner(
    alice, bob, solo_partnership
):
    answer_all(alice, solo_partnership, Side.OWNER)
    services.version_confirm(alice, services.version_start(alice, solo_partnership))
    join(solo_partnership, bob)

    draft = services.version_start(bob, solo_partnership)
    section = get_section_for(
        bob, solo_partnership, version_for(bob, solo_partnership, 2).sections[0].pk
    )
    services.section_save(bob, section, "We agree on this now.")
    services.version_confirm(bob, get_version_for(bob, solo_partnership, 2))
    confirmed = services.version_confirm(alice, get_version_for(alice, solo_partnership, 2))

    assert draft.number == 2 and confirmed.is_confirmed
    assert not version_for(bob, solo_partnership, 2).confirmed_alone
    # Version 2 copies version 1, which Bob could read; the answers stay unrevealed.
    assert revealed_for(bob, solo_partnership) is None


def test_it_shows_a_question_of_her_own_in_the_group_it_was_moved_into(alice, partnership):
    services.questions_ensure(partnership)
    own = services.question_add(alice, partnership, prompt="What should I never guess?")
    services.question_move(alice, partnership, own, "up")

    moved = [(each.title, each.group_title) for each in questions_for(alice, partnership)]
    services.questions_reorder(
        alice, partnership, [own.pk, *[q.pk for q in questions(partnership) if q.pk != own.pk]]
    )
    first = questions_for(alice, partnership)[0]

    assert moved[-2:] == [
        ("What should I never guess?", "What you commit to"),
        ("Where trust stands", "What you commit to"),
    ]
    assert (first.title, first.group_title) == ("What should I never guess?", "Where you stand")
