"""One-on-ones: the cadence, carry-over, the prepared agenda, the summary and follow-through
(PRODUCT.md §7).

Plain dataclasses in and out, no database and no Django, so it can be used by the web app,
the API and the command line alike.
"""

from tandem.meetings.cadence import (
    CADENCE_LABELS,
    DEFAULT_DURATION,
    MAX_DURATION,
    MAX_EVERY_WEEKS,
    MIN_DURATION,
    Cadence,
    CadenceError,
    CadenceRule,
    check_rule,
    describe,
    occurrences,
)
from tandem.meetings.carry_over import carried_before_closing, carried_over
from tandem.meetings.follow_through import SIDES, Commitment, FollowThrough, follow_through
from tandem.meetings.proposals import (
    PROPOSAL_LABELS,
    RECENT_DAYS,
    TITLE_LENGTH,
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
    agenda_reason,
    propose,
)
from tandem.meetings.summary import ActionLine, DecisionLine, MeetingSummary, summarise

__all__ = [
    "CADENCE_LABELS",
    "DEFAULT_DURATION",
    "MAX_DURATION",
    "MAX_EVERY_WEEKS",
    "MIN_DURATION",
    "PROPOSAL_LABELS",
    "RECENT_DAYS",
    "SIDES",
    "TITLE_LENGTH",
    "ActionLine",
    "AgendaFacts",
    "AgreementReviewFact",
    "AskFact",
    "AssignmentFact",
    "Cadence",
    "CadenceError",
    "CadenceRule",
    "Commitment",
    "DecisionFact",
    "DecisionLine",
    "FollowThrough",
    "MeetingSummary",
    "NotedFact",
    "Proposal",
    "ProposalKind",
    "RequestFact",
    "WinFact",
    "agenda_reason",
    "carried_before_closing",
    "carried_over",
    "check_rule",
    "describe",
    "follow_through",
    "occurrences",
    "propose",
    "summarise",
]
