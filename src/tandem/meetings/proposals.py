"""The prepared agenda: what Tandem proposes to raise at the next one-on-one (PRODUCT.md §7).

The facts come from the record (the plan, the requests, the partner's asks, wins, the
partnership agreement) and from the questions the person noted; each becomes a proposal with a
short reason, in this order: the person's own questions first, in their own words, then what
is late, decisions needed, the agreement's review when it is near, requests waiting too long,
what is at risk, what the partner asked for since the last one-on-one, and wins worth
mentioning. Within a kind the facts keep their order.

Each proposal has a key that stays the same from one preparation to the next, so one already
on the agenda or dismissed is not proposed again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from tandem.lib.dates import format_date

__all__ = [
    "PROPOSAL_LABELS",
    "RECENT_DAYS",
    "TITLE_LENGTH",
    "AgendaFacts",
    "AgreementReviewFact",
    "AskFact",
    "AssignmentFact",
    "DecisionFact",
    "NotedFact",
    "Proposal",
    "ProposalKind",
    "RequestFact",
    "WinFact",
    "agenda_reason",
    "propose",
]


class ProposalKind(StrEnum):
    LATE = "late"
    AT_RISK = "at_risk"
    DECISION = "decision"
    STALE_REQUEST = "stale_request"
    PARTNER_ASK = "partner_ask"
    WIN = "win"
    NOTED = "noted"
    AGREEMENT_REVIEW = "agreement_review"


PROPOSAL_LABELS = {
    ProposalKind.LATE: "Late",
    ProposalKind.AT_RISK: "At risk",
    ProposalKind.DECISION: "Decision needed",
    ProposalKind.STALE_REQUEST: "Waiting too long",
    ProposalKind.PARTNER_ASK: "Asked since last time",
    ProposalKind.WIN: "Worth mentioning",
    ProposalKind.NOTED: "You noted",
    ProposalKind.AGREEMENT_REVIEW: "Agreement review",
}

# Before the first one-on-one, the partner's asks and the wins of this many days are recent.
RECENT_DAYS = 14
# The longest agenda title; a longer noted question is cut short.
TITLE_LENGTH = 200
# A noted question's reason speaks to the one who noted it: only they are offered it.
_NOTED_BY_YOU = "You noted it "


@dataclass(frozen=True)
class Proposal:
    """key names where it came from ("late:12", "request:3"), and stays the same."""

    key: str
    kind: ProposalKind
    title: str
    reason: str


@dataclass(frozen=True)
class AssignmentFact:
    """An open assignment as the plan sees it: finish is the day the plan finishes it, None
    when the plan does not fit it in."""

    id: int
    title: str
    due: dt.date | None
    finish: dt.date | None
    late: bool
    at_risk: bool


@dataclass(frozen=True)
class DecisionFact:
    """A decision the partner has still to make, worded by the workload: reason e.g. "Brief
    shared Tue 24 Nov, no answer yet"."""

    key: str
    title: str
    reason: str


@dataclass(frozen=True)
class RequestFact:
    """A stale request: summary e.g. "asked 42 days ago, no answer"."""

    id: int
    title: str
    summary: str


@dataclass(frozen=True)
class AskFact:
    """Something the partner asked of the person: an assignment they gave."""

    id: int
    title: str
    asked_on: dt.date


@dataclass(frozen=True)
class WinFact:
    key: str
    title: str
    on: dt.date


@dataclass(frozen=True)
class NotedFact:
    """A question the person noted for the next one-on-one."""

    id: int
    text: str
    noted_on: dt.date


@dataclass(frozen=True)
class AgreementReviewFact:
    """The partnership agreement's review, near, due or overdue: `number` is the confirmed
    version to review, agreed on `agreed_on`; `label` is worded by the agreement, e.g.
    "Review due Thu 10 Dec"."""

    number: int
    agreed_on: dt.date
    label: str


@dataclass(frozen=True)
class AgendaFacts:
    """last_meeting is the day of the last one-on-one held, None before the first."""

    today: dt.date
    last_meeting: dt.date | None
    assignments: tuple[AssignmentFact, ...] = ()
    decisions: tuple[DecisionFact, ...] = ()
    stale_requests: tuple[RequestFact, ...] = ()
    partner_asks: tuple[AskFact, ...] = ()
    wins: tuple[WinFact, ...] = ()
    noted: tuple[NotedFact, ...] = ()
    agreement_review: AgreementReviewFact | None = None


def propose(facts: AgendaFacts, *, taken: Collection[str] = ()) -> list[Proposal]:
    """The proposals for the next one-on-one, in agenda order, leaving out those whose key is
    in `taken` (already on the agenda, or dismissed)."""
    today = facts.today
    since = _since(facts)
    new = "in the last two weeks" if facts.last_meeting is None else "since your last one-on-one"
    proposals = [
        Proposal(
            f"noted:{n.id}",
            ProposalKind.NOTED,
            _title(n.text),
            f"{_NOTED_BY_YOU}{format_date(n.noted_on, today)}",
        )
        for n in facts.noted
    ]
    proposals += [
        Proposal(f"late:{a.id}", ProposalKind.LATE, a.title, _late_reason(a, today))
        for a in facts.assignments
        if a.late
    ]
    proposals += [
        Proposal(d.key, ProposalKind.DECISION, d.title, d.reason) for d in facts.decisions
    ]
    if (review := facts.agreement_review) is not None:
        proposals.append(
            Proposal(
                # Per version: once version 2 is agreed, its review is a new proposal.
                f"agreement-review:{review.number}",
                ProposalKind.AGREEMENT_REVIEW,
                "Review our agreement",
                f"{review.label}: version {review.number} was agreed on "
                f"{format_date(review.agreed_on, today)}",
            )
        )
    proposals += [
        Proposal(f"request:{r.id}", ProposalKind.STALE_REQUEST, r.title, _sentence(r.summary))
        for r in facts.stale_requests
    ]
    proposals += [
        Proposal(f"at-risk:{a.id}", ProposalKind.AT_RISK, a.title, _at_risk_reason(a, today))
        for a in facts.assignments
        if a.at_risk and not a.late
    ]
    proposals += [
        Proposal(
            f"ask:{a.id}",
            ProposalKind.PARTNER_ASK,
            a.title,
            f"Asked {format_date(a.asked_on, today)}, {new}",
        )
        for a in facts.partner_asks
        if a.asked_on > since
    ]
    proposals += [
        Proposal(w.key, ProposalKind.WIN, w.title, f"Done {format_date(w.on, today)}")
        for w in facts.wins
        if w.on > since
    ]
    return [proposal for proposal in proposals if proposal.key not in taken]


def agenda_reason(proposal: Proposal) -> str:
    """The reason an accepted proposal keeps on the shared agenda, which both partners read:
    a noted question says when it was noted ("Noted Tue 1 Dec"), not "You", since the item
    already says who added it."""
    if proposal.kind is ProposalKind.NOTED:
        return "Noted " + proposal.reason.removeprefix(_NOTED_BY_YOU)
    return proposal.reason


def _since(facts: AgendaFacts) -> dt.date:
    """The last day before what counts as new: the day of the last one-on-one, or before the
    first one, the day before the recent days began."""
    if facts.last_meeting is not None:
        return facts.last_meeting
    return facts.today - dt.timedelta(days=RECENT_DAYS + 1)


def _late_reason(assignment: AssignmentFact, today: dt.date) -> str:
    if assignment.due is None:
        return "Late in the plan"
    due = f"Due {format_date(assignment.due, today)}"
    if assignment.finish is None:
        return f"{due}; the plan does not fit it in"
    return f"{due}; the plan finishes it {format_date(assignment.finish, today)}"


def _at_risk_reason(assignment: AssignmentFact, today: dt.date) -> str:
    if assignment.due is None:
        return "Only just fits"
    due = f"Due {format_date(assignment.due, today)}"
    if assignment.finish is None:
        return f"{due} and the plan does not fit it in yet"
    return f"{due} and only just fits"


def _title(text: str) -> str:
    line = " ".join(text.split())
    if len(line) <= TITLE_LENGTH:
        return line
    return line[: TITLE_LENGTH - 1].rstrip() + "…"


def _sentence(text: str) -> str:
    """ "asked 42 days ago, no answer" as a reason of its own: "Asked 42 days ago, no answer"."""
    return text[:1].upper() + text[1:]
