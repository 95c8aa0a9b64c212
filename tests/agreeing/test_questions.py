"""The standard question set: the fourteen topics of the brief, grouped, each worded for the
person reading it."""

from __future__ import annotations

import pytest

from tandem.agreeing import COMMITMENTS_KEY, GROUPS, KINDS, STANDARD_QUESTIONS, wording

# The topics the brief asks the set to cover, in its order, by the key that covers each.
TOPICS = {
    "works": "what already works",
    "valued": "what each values in the other",
    "at_stake": "what is at stake for each",
    "great_before": "a great boss–employee relationship each has had",
    "great_partnership": "what a great partnership looks like, and how they would know",
    "culture": "the culture wanted and how it should feel",
    "values": "the values that matter to each",
    "communicating": "the ways of communicating that matter",
    "difficulty": "how to act when things get difficult, or in conflict",
    "routines": "routines and agreements that help",
    "count_on": "what each can count on from the other",
    COMMITMENTS_KEY: "what each commits to",
    "accountability": "how they hold themselves and each other accountable",
    "trust": "where trust stands",
}


def test_it_covers_every_topic_of_the_brief_once_in_its_order() -> None:
    assert [question.key for question in STANDARD_QUESTIONS] == list(TOPICS)


def test_it_groups_the_questions_in_four_groups_shown_in_order() -> None:
    groups = [question.group for question in STANDARD_QUESTIONS]

    # Each group's questions come together, and the groups in GROUPS' order.
    assert list(dict.fromkeys(groups)) == list(GROUPS)
    assert groups == sorted(groups, key=list(GROUPS).index)
    assert dict(GROUPS) == {
        "standing": "Where you stand",
        "wanted": "What you want",
        "working": "How you work together",
        "committing": "What you commit to",
    }


def test_it_gives_every_question_its_own_section_title_and_a_one_line_hint() -> None:
    titles = [question.title for question in STANDARD_QUESTIONS]

    assert len(set(titles)) == len(titles)
    for question in STANDARD_QUESTIONS:
        assert question.hint.strip() and "\n" not in question.hint, question.key


def test_it_asks_for_every_answer_but_the_past_relationship_one() -> None:
    optional = [question.key for question in STANDARD_QUESTIONS if not question.required]

    assert optional == ["great_before"]


@pytest.mark.parametrize("kind", list(KINDS))
def test_it_words_every_question_as_a_question_with_nothing_left_to_fill(kind: str) -> None:
    for question in STANDARD_QUESTIONS:
        words = wording(question.key, kind)
        assert words.prompt.endswith("?"), words.prompt
        assert "{" not in words.prompt and "}" not in words.prompt, words.prompt
        assert (words.title, words.hint) == (question.title, question.hint)


@pytest.mark.parametrize(
    ("kind", "prompt"),
    [
        ("manager", "What do you value in your manager?"),
        ("report", "What do you value in your report?"),
        ("peer", "What do you value in your colleague?"),
    ],
)
def test_it_names_the_other_person_by_the_readers_kind(kind: str, prompt: str) -> None:
    assert wording("valued", kind).prompt == prompt
    assert wording("trust", kind).prompt == (
        f"Honestly, where does trust between you and {KINDS[kind]} stand today?"
    )


def test_it_asks_peers_about_a_colleague_rather_than_a_boss() -> None:
    assert "boss–employee" in wording("great_before", "manager").prompt
    assert wording("great_before", "report").prompt == wording("great_before", "manager").prompt
    assert wording("great_before", "peer").prompt == (
        "Think of the best partnership you have had with a colleague. What made it great?"
    )


def test_it_asks_the_same_of_both_where_the_other_is_not_named() -> None:
    assert {wording("culture", kind).prompt for kind in KINDS} == {
        "What culture do you want between you, and how should it feel day to day?"
    }


def test_it_asks_for_commitments_one_per_line() -> None:
    words = wording(COMMITMENTS_KEY, "report")

    assert words.prompt == "What do you commit to?"
    assert "One commitment per line" in words.hint
