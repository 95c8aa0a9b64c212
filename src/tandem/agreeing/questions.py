"""The question set both partners answer (PRODUCT.md §7), in Tandem's own words.

Fourteen standard questions in four groups. Each is worded for the person reading it: "your
manager", "your report" or "your colleague", from their side of the partnership. The `title`
names the question's section in the written agreement, in words both can sign.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = [
    "COMMITMENTS_KEY",
    "GROUPS",
    "KINDS",
    "STANDARD_QUESTIONS",
    "StandardQuestion",
    "Wording",
    "wording",
]

# The reader's partner, by the kind of partnership as the reader sees it.
KINDS: Mapping[str, str] = {
    "manager": "your manager",
    "report": "your report",
    "peer": "your colleague",
}

GROUPS: Mapping[str, str] = {
    "standing": "Where you stand",
    "wanted": "What you want",
    "working": "How you work together",
    "committing": "What you commit to",
}

# The question whose answers become each person's commitments, one per line.
COMMITMENTS_KEY = "commitments"


@dataclass(frozen=True)
class StandardQuestion:
    key: str
    group: str
    title: str
    # "{other}" becomes "your manager", "your report" or "your colleague".
    prompt: str
    hint: str
    required: bool = True
    # A wording of its own for a kind, where "{other}" is not enough.
    prompt_by_kind: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Wording:
    title: str
    prompt: str
    hint: str


STANDARD_QUESTIONS: tuple[StandardQuestion, ...] = (
    StandardQuestion(
        "works",
        "standing",
        "What already works",
        "What already works between you and {other}?",
        "Habits and moments worth keeping exactly as they are.",
    ),
    StandardQuestion(
        "valued",
        "standing",
        "What we value in each other",
        "What do you value in {other}?",
        "Be specific: something they did, and what it meant to you.",
    ),
    StandardQuestion(
        "at_stake",
        "standing",
        "What is at stake",
        "What is at stake for you in this partnership?",
        "What you stand to gain or lose: the work, your growth, your evenings.",
    ),
    StandardQuestion(
        "great_before",
        "wanted",
        "Great partnerships we have had",
        "Think of the best boss–employee relationship you have had, on either side. "
        "What made it great?",
        "The small things count: how they listened, how you disagreed.",
        required=False,
        prompt_by_kind={
            "peer": "Think of the best partnership you have had with a colleague. "
            "What made it great?"
        },
    ),
    StandardQuestion(
        "great_partnership",
        "wanted",
        "What a great partnership looks like",
        "What would a great partnership with {other} look like, and how would you both "
        "know you have it?",
        "Describe an ordinary week when it works, and one sign either of you could notice.",
    ),
    StandardQuestion(
        "culture",
        "wanted",
        "The culture we want",
        "What culture do you want between you, and how should it feel day to day?",
        "Calm, candid, fast? Say what that looks like on a busy Tuesday.",
    ),
    StandardQuestion(
        "values",
        "wanted",
        "Our values",
        "Which values matter most to you at work?",
        "Two or three, each with what it means in practice.",
    ),
    StandardQuestion(
        "communicating",
        "working",
        "How we communicate",
        "How do you want to communicate with {other}?",
        "Channels, timing, how much detail, what you need in writing.",
    ),
    StandardQuestion(
        "difficulty",
        "working",
        "When things get difficult",
        "How should you both act when things get difficult, or when you disagree?",
        "What helps you hear each other, and what makes it worse.",
    ),
    StandardQuestion(
        "routines",
        "working",
        "Routines that help",
        "Which routines and agreements would help you both?",
        "A weekly one-on-one, a Friday update, no messages after seven…",
    ),
    StandardQuestion(
        "count_on",
        "committing",
        "What we can count on from each other",
        "What can {other} always count on from you, and what do you need to count on from them?",
        "Promises you can keep even in a bad week.",
    ),
    StandardQuestion(
        COMMITMENTS_KEY,
        "committing",
        "What we commit to",
        "What do you commit to?",
        "One commitment per line: small, specific, and easy to check at the next review.",
    ),
    StandardQuestion(
        "accountability",
        "committing",
        "How we hold ourselves accountable",
        "How will you hold yourselves and each other accountable?",
        "What happens when a commitment slips, and who says so.",
    ),
    StandardQuestion(
        "trust",
        "committing",
        "Where trust stands",
        "Honestly, where does trust between you and {other} stand today?",
        "If it has worn down, say where, and whether you intend to rebuild it.",
    ),
)

_BY_KEY = {question.key: question for question in STANDARD_QUESTIONS}


def wording(key: str, kind: str) -> Wording:
    """A standard question as the reader sees it; `kind` is the partnership as they see it."""
    question = _BY_KEY[key]
    prompt = question.prompt_by_kind.get(kind, question.prompt)
    return Wording(question.title, prompt.format(other=KINDS[kind]), question.hint)
