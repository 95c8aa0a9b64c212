from __future__ import annotations

import datetime as dt

import pytest

from tandem.meetings import (
    PROPOSAL_LABELS,
    AgendaFacts,
    AgreementReviewFact,
    AskFact,
    AssignmentFact,
    DecisionFact,
    NotedFact,
    Proposal,
    ProposalKind,
    RequestFact,
    WinFact,
    propose,
)

TODAY = dt.date(2026, 12, 1)  # a Tuesday
LAST_MEETING = dt.date(2026, 11, 24)  # the Tuesday before


def day(month: int, number: int) -> dt.date:
    return dt.date(2026, month, number)


def assignment(id: int, *, late: bool = False, at_risk: bool = False, **fields) -> AssignmentFact:
    values = {"title": f"Assignment {id}", "due": day(12, 4), "finish": day(12, 8), **fields}
    return AssignmentFact(id=id, late=late, at_risk=at_risk, **values)


def facts(**fields) -> AgendaFacts:
    return AgendaFacts(today=fields.pop("today", TODAY), last_meeting=LAST_MEETING, **fields)


EVERYTHING = facts(
    assignments=(
        assignment(1, at_risk=True, due=day(12, 11), finish=day(12, 10)),
        assignment(2, late=True, at_risk=True),
        assignment(3),
    ),
    decisions=(DecisionFact("brief:7", "Decide: the Q1 priorities", "Brief shared Tue 24 Nov"),),
    stale_requests=(RequestFact(4, "Flexible hours", "asked 42 days ago, no answer"),),
    partner_asks=(AskFact(5, "Draft the budget", day(11, 26)),),
    wins=(WinFact("win:6", "Shipped the importer", day(11, 30)),),
    noted=(NotedFact(8, "Can we talk about the offsite?", day(11, 25)),),
)


def test_it_puts_my_own_questions_first_then_each_kind_in_agenda_order() -> None:
    proposals = propose(EVERYTHING)

    assert [(p.kind, p.key) for p in proposals] == [
        (ProposalKind.NOTED, "noted:8"),
        (ProposalKind.LATE, "late:2"),
        (ProposalKind.DECISION, "brief:7"),
        (ProposalKind.STALE_REQUEST, "request:4"),
        (ProposalKind.AT_RISK, "at-risk:1"),
        (ProposalKind.PARTNER_ASK, "ask:5"),
        (ProposalKind.WIN, "win:6"),
    ]


def test_it_gives_each_proposal_a_short_reason_with_its_dates() -> None:
    reasons = {p.key: p.reason for p in propose(EVERYTHING)}

    assert reasons == {
        "noted:8": "You noted it Wed 25 Nov",
        "late:2": "Due Fri 4 Dec; the plan finishes it Tue 8 Dec",
        "brief:7": "Brief shared Tue 24 Nov",
        "request:4": "Asked 42 days ago, no answer",
        "at-risk:1": "Due Fri 11 Dec and only just fits",
        "ask:5": "Asked Thu 26 Nov, since your last one-on-one",
        "win:6": "Done Mon 30 Nov",
    }


def test_it_titles_each_proposal_with_what_it_is_about() -> None:
    titles = [p.title for p in propose(EVERYTHING)]

    assert titles == [
        "Can we talk about the offsite?",
        "Assignment 2",
        "Decide: the Q1 priorities",
        "Flexible hours",
        "Assignment 1",
        "Draft the budget",
        "Shipped the importer",
    ]


def test_it_proposes_an_assignment_that_is_late_and_at_risk_once_as_late() -> None:
    proposals = propose(facts(assignments=(assignment(2, late=True, at_risk=True),)))

    assert [p.key for p in proposals] == ["late:2"]


def test_it_proposes_nothing_for_an_assignment_on_track() -> None:
    assert propose(facts(assignments=(assignment(3),))) == []


def test_it_says_when_the_plan_does_not_fit_an_assignment_in() -> None:
    proposals = propose(
        facts(
            assignments=(
                assignment(1, late=True, finish=None),
                assignment(2, at_risk=True, due=day(12, 18), finish=None),
            )
        )
    )

    assert [p.reason for p in proposals] == [
        "Due Fri 4 Dec; the plan does not fit it in",
        "Due Fri 18 Dec and the plan does not fit it in yet",
    ]


def test_it_shows_the_year_of_a_date_in_another_year() -> None:
    late = assignment(1, late=True, due=dt.date(2027, 1, 8), finish=dt.date(2027, 1, 12))

    (proposal,) = propose(facts(assignments=(late,)))

    assert proposal.reason == "Due Fri 8 Jan 2027; the plan finishes it Tue 12 Jan 2027"


def test_it_keeps_the_order_of_the_facts_within_a_kind() -> None:
    late = tuple(assignment(id, late=True) for id in (9, 3, 5))

    assert [p.key for p in propose(facts(assignments=late))] == ["late:9", "late:3", "late:5"]


def test_it_proposes_only_what_the_partner_asked_since_the_last_one_on_one() -> None:
    asks = (
        AskFact(1, "Before", day(11, 20)),
        AskFact(2, "On the day", LAST_MEETING),
        AskFact(3, "After", day(11, 25)),
    )

    assert [p.key for p in propose(facts(partner_asks=asks))] == ["ask:3"]


def test_it_proposes_only_wins_since_the_last_one_on_one() -> None:
    wins = (WinFact("win:1", "Old", LAST_MEETING), WinFact("win:2", "New", day(11, 27)))

    assert [p.key for p in propose(facts(wins=wins))] == ["win:2"]


def test_it_proposes_the_last_two_weeks_before_the_first_one_on_one() -> None:
    first = AgendaFacts(
        today=TODAY,
        last_meeting=None,
        partner_asks=(
            AskFact(1, "Fifteen days ago", day(11, 16)),
            AskFact(2, "Fourteen days ago", day(11, 17)),
        ),
        wins=(WinFact("win:3", "Long ago", day(10, 1)), WinFact("win:4", "Lately", day(11, 30))),
    )

    proposals = propose(first)

    assert [p.key for p in proposals] == ["ask:2", "win:4"]
    assert proposals[0].reason == "Asked Tue 17 Nov, in the last two weeks"


def test_it_leaves_out_what_is_already_on_the_agenda_or_dismissed() -> None:
    taken = {"late:2", "brief:7", "noted:8"}

    proposals = propose(EVERYTHING, taken=taken)

    assert [p.key for p in proposals] == ["request:4", "at-risk:1", "ask:5", "win:6"]


def test_it_proposes_nothing_when_nothing_needs_raising() -> None:
    assert propose(AgendaFacts(today=TODAY, last_meeting=None)) == []


def test_it_cuts_a_long_noted_question_to_a_title() -> None:
    text = "Can we talk about " + "the offsite " * 30

    (proposal,) = propose(facts(noted=(NotedFact(1, text, day(11, 25)),)))

    assert len(proposal.title) == 200
    assert proposal.title.endswith("…")
    assert proposal.title.startswith("Can we talk about the offsite")


@pytest.mark.parametrize(
    "text", ["Can we talk\nabout  the offsite?", "  Can we talk about the offsite?  "]
)
def test_it_keeps_a_noted_question_on_one_line(text: str) -> None:
    (proposal,) = propose(facts(noted=(NotedFact(1, text, day(11, 25)),)))

    assert proposal.title == "Can we talk about the offsite?"


def test_it_keeps_a_short_noted_question_whole() -> None:
    text = "x" * 200

    (proposal,) = propose(facts(noted=(NotedFact(1, text, day(11, 25)),)))

    assert proposal.title == text


def test_it_labels_every_kind() -> None:
    assert set(PROPOSAL_LABELS) == set(ProposalKind)
    assert PROPOSAL_LABELS[ProposalKind.PARTNER_ASK] == "Asked since last time"


def test_it_proposes_a_noted_question_in_the_persons_own_words() -> None:
    noted = NotedFact(8, "Can we talk about the offsite?", day(11, 25))

    assert propose(facts(noted=(noted,))) == [
        Proposal(
            "noted:8",
            ProposalKind.NOTED,
            "Can we talk about the offsite?",
            "You noted it Wed 25 Nov",
        )
    ]


# The partnership agreement's review, once it is near.

REVIEW = AgreementReviewFact(1, day(9, 1), "Review due Tue 8 Dec")


def test_it_proposes_the_agreements_review_with_the_day_it_was_agreed() -> None:
    assert propose(facts(agreement_review=REVIEW)) == [
        Proposal(
            "agreement-review:1",
            ProposalKind.AGREEMENT_REVIEW,
            "Review our agreement",
            "Review due Tue 8 Dec: version 1 was agreed on Tue 1 Sep",
        )
    ]


def test_it_puts_the_review_after_the_decisions_needed_and_before_what_waits() -> None:
    proposals = propose(
        facts(
            agreement_review=REVIEW,
            decisions=EVERYTHING.decisions,
            stale_requests=EVERYTHING.stale_requests,
            noted=EVERYTHING.noted,
        )
    )

    assert [p.kind for p in proposals] == [
        ProposalKind.NOTED,
        ProposalKind.DECISION,
        ProposalKind.AGREEMENT_REVIEW,
        ProposalKind.STALE_REQUEST,
    ]


def test_it_keys_the_review_by_version_so_the_next_ones_is_proposed_afresh() -> None:
    # Reviewed every year: agreed in another year.
    second = AgreementReviewFact(2, dt.date(2025, 11, 20), "Review overdue since Fri 20 Nov")

    assert propose(facts(agreement_review=REVIEW), taken={"agreement-review:1"}) == []
    [proposal] = propose(facts(agreement_review=second), taken={"agreement-review:1"})
    assert proposal.key == "agreement-review:2"
    assert proposal.reason == (
        "Review overdue since Fri 20 Nov: version 2 was agreed on Thu 20 Nov 2025"
    )
    assert PROPOSAL_LABELS[proposal.kind] == "Agreement review"
