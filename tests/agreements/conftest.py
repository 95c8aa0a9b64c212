"""Agreement tests run on a frozen Tuesday, 1 Dec 2026, 09:00 UTC (09:00 in London, where
Alice lives; Bob is in New York).

`partnership` is Alice's with her manager Bob ("Zebulon Boss"), who has joined;
`solo_partnership` is hers with Rita Report, who has not. `revealed` is `partnership` once both
have submitted answers to the standard set; `agreed` is its version 1, confirmed by both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine

from tandem.accounts.models import User
from tandem.agreeing import COMMITMENTS_KEY, DEFAULT_REVIEW_MONTHS
from tandem.agreements import services
from tandem.agreements.models import AgreementVersion, AnswerSet, Question
from tandem.partnerships import services as partnerships
from tandem.partnerships.models import Partnership, Side

TODAY = dt.date(2026, 12, 1)
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
# What each member commits to in their answers: one commitment a line, as the hint asks.
COMMITMENTS = {
    Side.OWNER: "- I send a Friday update\n- I flag a slipping deadline the day I see it",
    Side.PARTNER: "1. I answer within a day",
}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def questions(partnership: Partnership) -> list[Question]:
    """The partnership's question set in its order, created on first use as a visit does."""
    services.questions_ensure(partnership)
    return list(Question.objects.filter(partnership=partnership))


def question(partnership: Partnership, key: str) -> Question:
    services.questions_ensure(partnership)
    return Question.objects.get(partnership=partnership, key=key)


def default_answer(side: str, asked: Question) -> str:
    """ "Owner on works", or the side's commitments for the commitments question."""
    if asked.key == COMMITMENTS_KEY:
        return COMMITMENTS[side]
    return f"{side.capitalize()} on {asked.key or asked.prompt}"


def answer_all(
    user: User,
    partnership: Partnership,
    side: str,
    text_for: Callable[[Question], str] | None = None,
    *,
    submit: bool = True,
    now: dt.datetime | None = None,
) -> AnswerSet:
    """`user` answers every question of the set for `side`, `text_for(question)` giving each
    text (by default `default_answer`), and submits unless `submit=False` (drafts only)."""
    texts = {
        each.pk: text_for(each) if text_for else default_answer(side, each)
        for each in questions(partnership)
    }
    write = services.answers_submit if submit else services.answers_save
    return write(user, partnership, side, texts, now=now)


def join(partnership: Partnership, user: User) -> Partnership:
    """`user` accepts an invitation to the partnership, as its partner."""
    issued = partnerships.invitation_create(partnership)
    partnerships.invitation_accept(issued.token, user)
    partnership.refresh_from_db()
    return partnership


@pytest.fixture
def revealed(alice, bob, partnership) -> Partnership:
    """Both have submitted their answers: each sees both sets."""
    answer_all(alice, partnership, Side.OWNER)
    answer_all(bob, partnership, Side.PARTNER)
    return partnership


@pytest.fixture
def agreed(alice, bob, revealed) -> AgreementVersion:
    """Version 1, pre-filled from both answers, confirmed by both today."""
    version = services.version_start(alice, revealed)
    services.version_confirm(alice, version)
    return services.version_confirm(bob, version)


# An agreement agreed on a given day: for its review on the overview and on the agenda.


def agreed_on(
    partnership: Partnership, day: dt.date, *, every_months: int = DEFAULT_REVIEW_MONTHS
) -> AgreementVersion:
    """Version 1 from both members' answers, confirmed on `day` (17:00 UTC, the same day in
    London) and reviewed every `every_months`: by both, or by the owner alone while nobody has
    joined."""
    then = dt.datetime.combine(day, dt.time(17), tzinfo=dt.UTC)
    members = [(partnership.owner, Side.OWNER)]
    if partnership.partner is not None:
        members.append((partnership.partner, Side.PARTNER))
    for member, side in members:
        answer_all(member, partnership, side, now=then)
    version = services.version_start(partnership.owner, partnership, now=then)
    services.version_review_cadence(partnership.owner, version, every_months)
    for member, _ in members:
        version = services.version_confirm(member, version, now=then)
    return version


# Before the reveal: each member's answers carry words only they may read, and the other
# must find no trace of them anywhere.

OWNER_SENTINEL = "owner-answer-sentinel-4471"
PARTNER_SENTINEL = "partner-answer-sentinel-8816"


def words_of(sentinel: str):
    """Answers that carry `sentinel` in every question, the commitments included."""

    def text_for(asked: Question) -> str:
        if asked.key == COMMITMENTS_KEY:
            return f"- I keep {sentinel}\n- I share {sentinel}"
        return f"About {asked.key or asked.prompt}: {sentinel}"

    return text_for


def traces(sentinel: str, seen: dict[str, str]) -> list[str]:
    """Where, of everything seen (by name), the sentinel shows."""
    return [where for where, text in seen.items() if sentinel in text]


def owner_submitted(alice, bob, partnership, solo_partnership):
    answer_all(alice, partnership, Side.OWNER, words_of(OWNER_SENTINEL))
    answer_all(bob, partnership, Side.PARTNER, submit=False)
    return partnership


def owner_drafted(alice, bob, partnership, solo_partnership):
    answer_all(alice, partnership, Side.OWNER, words_of(OWNER_SENTINEL), submit=False)
    answer_all(bob, partnership, Side.PARTNER)
    return partnership


def owner_wrote_version_1_alone_then_the_partner_joined(alice, bob, partnership, solo_partnership):
    """Alice answered alone and wrote version 1 from her answers; then Bob joined. The draft
    holds her answers: he does not see it."""
    answer_all(alice, solo_partnership, Side.OWNER, words_of(OWNER_SENTINEL))
    services.version_start(alice, solo_partnership)
    return join(solo_partnership, bob)


def partner_submitted(alice, bob, partnership):
    answer_all(bob, partnership, Side.PARTNER, words_of(PARTNER_SENTINEL))
    answer_all(alice, partnership, Side.OWNER, submit=False)
    return partnership


def partner_drafted(alice, bob, partnership):
    answer_all(bob, partnership, Side.PARTNER, words_of(PARTNER_SENTINEL), submit=False)
    answer_all(alice, partnership, Side.OWNER)
    return partnership
