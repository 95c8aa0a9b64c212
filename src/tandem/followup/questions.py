"""Open questions that end a follow-up by inviting the partner's view (PRODUCT.md §6).

Each asks what the partner sees or needs, never why nothing has happened: a follow-up opens a
conversation, it does not settle an account. `suggest_question` picks the one that suits where
the request stands; the person can always choose another, or write their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from tandem.followup.record import CLOSED_STATUSES, EventKind, RequestRecord, RequestStatus
from tandem.followup.staleness import Staleness, StaleReason, promise_in_force

__all__ = ["QUESTIONS", "OpenQuestion", "question_by_key", "suggest_question"]


@dataclass(frozen=True)
class OpenQuestion:
    """fits is a one-line hint for when the question suits."""

    key: str
    text: str
    fits: str


QUESTIONS: tuple[OpenQuestion, ...] = (
    OpenQuestion(
        "what_would_help",
        "What would help you decide on this?",
        "No answer yet: it asks what is missing to decide.",
    ),
    OpenQuestion(
        "date_still_realistic",
        "Is the date you had in mind still realistic, or has something changed?",
        "A date for an answer was given, and it has passed.",
    ),
    OpenQuestion(
        "anything_else_needed",
        "Is there anything else you need from me to decide?",
        "You were asked for more information and have given it.",
    ),
    OpenQuestion(
        "where_it_sits",
        "Where does this sit among what you are weighing right now?",
        "It was acknowledged, and other work may be coming first.",
    ),
    OpenQuestion(
        "smaller_version",
        "Would a smaller version, or a trial, be easier to say yes to?",
        "The request may feel big, or hard to undo.",
    ),
    OpenQuestion(
        "who_else",
        "Is anyone else's view needed here, and can I help bring it in?",
        "The decision may not be your partner's alone.",
    ),
    OpenQuestion(
        "your_view",
        "How do you see this from where you sit?",
        "Any time: it opens the conversation without steering it.",
    ),
)

_BY_KEY = {question.key: question for question in QUESTIONS}


def question_by_key(key: str) -> OpenQuestion | None:
    return _BY_KEY.get(key)


def suggest_question(record: RequestRecord, staleness: Staleness) -> OpenQuestion:
    """By where the request stands: a date promised for the answer (in force, or passed and
    followed up since), more information asked for, acknowledged only, or no answer at all."""
    if record.status in CLOSED_STATUSES:
        return _BY_KEY["your_view"]
    if record.status is RequestStatus.ANSWERED:
        return _BY_KEY["anything_else_needed"]
    heard = staleness.last_heard
    if staleness.reason is StaleReason.PROMISE_PASSED or promise_in_force(record) is not None:
        return _BY_KEY["date_still_realistic"]
    if heard is None:
        return _BY_KEY["what_would_help"]
    if heard.kind is EventKind.MORE_INFO:
        return _BY_KEY["anything_else_needed"]
    if heard.kind is EventKind.ACKNOWLEDGED:
        return _BY_KEY["where_it_sits"]
    if heard.kind is EventKind.PROMISED:
        return _BY_KEY["date_still_realistic"]
    return _BY_KEY["your_view"]
