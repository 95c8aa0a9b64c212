"""The written agreement: its first draft pre-filled from both answers, each person's
commitments read from their answer, and the Markdown of a version."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.agreeing import (
    AgreementDocument,
    AnsweredQuestion,
    PersonCommitments,
    SectionText,
    Signature,
    agreement_markdown,
    agreement_terms,
    commitments_from,
    document_date,
    prefill_section,
)

NAMES = ("Maya Lind", "Sam Okafor")
AGREED = dt.date(2026, 12, 1)


def document(**fields) -> AgreementDocument:
    values = {
        "names": NAMES,
        "number": 1,
        "confirmed_on": None,
        "review_every_months": 3,
        "sections": (
            SectionText("How we communicate", "Slack for quick things, email for decisions."),
            SectionText("When things get difficult", ""),
            SectionText("Routines that help", "  A weekly one-on-one.\n\nA Friday update.  "),
        ),
        "commitments": (
            PersonCommitments("Maya Lind", ("I send a Friday update",)),
            PersonCommitments("Sam Okafor", ("I answer within a day", "I say no early")),
        ),
        "signatures": (Signature("Maya Lind", None), Signature("Sam Okafor", None)),
        **fields,
    }
    return AgreementDocument(**values)


# The first draft of a section.


def test_it_prefills_a_section_with_both_answers_each_under_its_authors_name() -> None:
    answered = AnsweredQuestion("What already works", " Our Monday call. ", "Quick replies.\n")

    assert prefill_section(answered, NAMES) == SectionText(
        "What already works", "Maya Lind: Our Monday call.\n\nSam Okafor: Quick replies."
    )


@pytest.mark.parametrize(
    ("owner_text", "partner_text", "text"),
    [
        ("Our Monday call.", "", "Our Monday call."),
        ("  ", "Quick replies.", "Quick replies."),
        ("", "\n", ""),
    ],
)
def test_it_names_nobody_when_only_one_answered_or_none(
    owner_text: str, partner_text: str, text: str
) -> None:
    answered = AnsweredQuestion("What already works", owner_text, partner_text)

    assert prefill_section(answered, NAMES).text == text


# Commitments from an answer.


def test_it_reads_one_commitment_per_line_without_the_bullets_people_type() -> None:
    answer = (
        "- I send a Friday update\n"
        "* I flag a slipping deadline\n"
        "• I protect Thursday mornings\n"
        "– I ask before I assume\n"
        "1. I answer within a day\n"
        "12) I say no early\n"
        "No bullet at all"
    )

    assert commitments_from(answer, limit=20, length=500) == [
        "I send a Friday update",
        "I flag a slipping deadline",
        "I protect Thursday mornings",
        "I ask before I assume",
        "I answer within a day",
        "I say no early",
        "No bullet at all",
    ]


def test_it_keeps_numbers_and_dashes_that_are_part_of_the_commitment() -> None:
    answer = "1.5 days a week from home\n-1 meetings a week\n2026 goals shared by March"

    assert commitments_from(answer, limit=20, length=500) == [
        "1.5 days a week from home",
        "-1 meetings a week",
        "2026 goals shared by March",
    ]


def test_it_skips_blank_lines_and_empty_bullets() -> None:
    answer = "\n  \n- I send a Friday update\n-   \n\n\t1.  I answer within a day  \n"

    assert commitments_from(answer, limit=20, length=500) == [
        "I send a Friday update",
        "I answer within a day",
    ]
    assert commitments_from("", limit=20, length=500) == []


def test_it_keeps_the_first_commitments_up_to_the_limit_each_cut_to_its_length() -> None:
    answer = "\n".join(f"- Commitment number {n}" for n in range(1, 6))

    assert commitments_from(answer, limit=3, length=12) == ["Commitment n"] * 3
    assert commitments_from(answer, limit=2, length=500) == [
        "Commitment number 1",
        "Commitment number 2",
    ]


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab -*•1.)\n\t "), max_size=80),
    limit=st.integers(0, 5),
    length=st.integers(1, 8),
)
def test_it_never_yields_an_empty_or_oversized_commitment(text: str, limit: int, length: int):
    found = commitments_from(text, limit=limit, length=length)

    assert len(found) <= limit
    for commitment in found:
        assert commitment.strip() and len(commitment) <= length and "\n" not in commitment


# The Markdown of a version.


def test_it_writes_a_draft_as_markdown_leaving_out_empty_sections() -> None:
    assert agreement_markdown(document()) == (
        "# Partnership agreement: Maya Lind & Sam Okafor\n"
        "\n"
        "Version 1, a draft not yet confirmed.\n"
        "\n"
        "Reviewed every quarter.\n"
        "\n"
        "## How we communicate\n"
        "\n"
        "Slack for quick things, email for decisions.\n"
        "\n"
        "## Routines that help\n"
        "\n"
        "A weekly one-on-one.\n"
        "\n"
        "A Friday update.\n"
        "\n"
        "## Commitments\n"
        "\n"
        "### Maya Lind\n"
        "\n"
        "- I send a Friday update\n"
        "\n"
        "### Sam Okafor\n"
        "\n"
        "- I answer within a day\n"
        "- I say no early\n"
        "\n"
        "## Confirmed\n"
        "\n"
        "- Maya Lind: not yet\n"
        "- Sam Okafor: not yet\n"
    )


def test_it_dates_an_agreed_version_and_each_signature_with_its_year() -> None:
    agreed = document(
        number=2,
        confirmed_on=AGREED,
        review_every_months=12,
        signatures=(
            Signature("Maya Lind", dt.date(2026, 11, 30)),
            Signature("Sam Okafor", AGREED),
        ),
    )

    markdown = agreement_markdown(agreed)

    assert markdown.startswith(
        "# Partnership agreement: Maya Lind & Sam Okafor\n\n"
        "Version 2, agreed Tue 1 Dec 2026.\n\n"
        "Reviewed every year.\n"
    )
    assert markdown.endswith(
        "## Confirmed\n\n- Maya Lind: Mon 30 Nov 2026\n- Sam Okafor: Tue 1 Dec 2026\n"
    )
    assert "draft" not in markdown


def test_it_leaves_out_a_person_without_commitments_and_the_heading_when_nobody_has_any():
    one = document(
        commitments=(
            PersonCommitments("Maya Lind", ("I send a Friday update",)),
            PersonCommitments("Sam Okafor", ()),
        )
    )
    none = document(
        commitments=(PersonCommitments("Maya Lind", ()), PersonCommitments("Sam Okafor", ()))
    )

    assert "### Maya Lind" in agreement_markdown(one)
    assert "### Sam Okafor" not in agreement_markdown(one)
    assert "## Commitments" not in agreement_markdown(none)


@pytest.mark.parametrize(
    ("months", "line"),
    [
        (1, "Reviewed every month."),
        (3, "Reviewed every quarter."),
        (6, "Reviewed every six months."),
        (12, "Reviewed every year."),
        (2, "Reviewed every 2 months."),
    ],
)
def test_it_states_the_review_cadence(months: int, line: str) -> None:
    assert agreement_terms(document(review_every_months=months))[0] == line


def test_it_compares_versions_on_their_terms_alone() -> None:
    """The title, the status line and the confirmations differ between any two versions;
    what the two agreed is the rest."""
    draft = document()
    agreed = document(
        number=2,
        confirmed_on=AGREED,
        signatures=(Signature("Maya Lind", AGREED), Signature("Sam Okafor", AGREED)),
    )

    terms = agreement_terms(draft)

    assert terms == agreement_terms(agreed)
    assert "\n".join(terms) in agreement_markdown(draft)
    assert not any(line.startswith(("# ", "Version ", "- Maya Lind:")) for line in terms)


def test_it_titles_the_document_with_both_names_and_knows_a_draft() -> None:
    assert document().title == "Partnership agreement: Maya Lind & Sam Okafor"
    assert document().is_draft
    assert not document(confirmed_on=AGREED).is_draft


def test_it_dates_a_document_with_the_year_always() -> None:
    assert document_date(dt.date(2027, 3, 1)) == "Mon 1 Mar 2027"


def test_it_signs_for_the_partner_who_agreed_in_conversation_before_joining() -> None:
    alone = document(
        confirmed_on=AGREED,
        signatures=(Signature("Maya Lind", AGREED), Signature("Sam Okafor", None)),
    )

    assert agreement_markdown(alone).endswith(
        "## Confirmed\n\n- Maya Lind: Tue 1 Dec 2026\n- Sam Okafor: agreed in conversation\n"
    )
