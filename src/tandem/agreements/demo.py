"""The agreement's part of `tandem demo` (see `tandem.demo`): how Maya and Sam work together,
written down, and her first answers for Dev.

Sam has no account, so Maya answered the question set alone, talked it through with him and
wrote version 1 from her answers: the sections they reworded together, his commitments next to
hers, confirmed by her alone ("agreed in conversation"). It is reviewed every quarter.

It was agreed two months and three weeks before the demo's today: its review falls 7 to 10 days
ahead, whatever the day, inside the fortnight in which Tandem calls a review near. So the
overview shows the review coming up and the next one-on-one, two days ahead, is offered it. Agreed
exactly two months before, the review would be a month away and nothing would show it yet.
The commitment Sam made that his silence on the Friday hours has broken is there to review.

With Dev, the answers are under way: four drafted a few evenings ago, nothing submitted.
Everything goes through `tandem.agreements.services`, dated as it happened.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from tandem.accounts.models import User
from tandem.agreements import services
from tandem.agreements.models import Question, Section
from tandem.partnerships.models import Partnership, Side

AGREED_BEFORE = relativedelta(months=2, weeks=3)

# Maya's answers for Sam, by question: she is his report.
_ANSWERS_FOR_SAM = {
    "works": (
        "Our catch-ups, when they happen: Sam listens properly and we leave with a decision. "
        "He reads what I send him the same day, and he never takes credit for the team's work "
        "in front of the leadership team."
    ),
    "valued": (
        "He trusts me with the work that matters. He handed me the pricing memo without "
        "checking in every day, and told the leadership team it was mine. He also says so "
        "when he doesn't know something yet, which makes it easy to be honest back."
    ),
    "at_stake": (
        "My evenings, to be blunt. I keep saying yes, and the work lands on Friday afternoons "
        "and weekends. For me it's whether I can grow into leading the analytics team without "
        "burning out; for the team, whether the board gets numbers it can rely on."
    ),
    "great_before": (
        "My first manager, at the agency. Every Monday she asked what I would drop if "
        "something new came in, so the trade-offs were made before a crisis, not during it. "
        "And she said no to people on my behalf when she had to."
    ),
    "great_partnership": (
        "An ordinary week: new asks come with a priority, I can say “that pushes the churn "
        "analysis to next week” without it sounding like a complaint, and we both leave on "
        "Friday knowing what next week holds. We'd know we have it when nothing urgent has "
        "landed after 4 pm on a Friday for a month."
    ),
    "culture": (
        "Calm and candid. Busy is fine; surprises are not. On a busy Tuesday that means a "
        "two-line message saying what changed, not a meeting, and nobody pretending a "
        "deadline still holds when it doesn't."
    ),
    "values": (
        "Honesty about capacity: saying early when something won't fit. Reliability: what we "
        "say we'll do, we do, or we say why not. Generosity: the credit goes to whoever did "
        "the work."
    ),
    "communicating": (
        "Chat for quick questions, with an answer the same day. Anything that changes a "
        "priority or a deadline in writing, so I can point the team at it. Nothing after 7 pm "
        "unless something is on fire. And an answer to what I ask for, even if it's “not yet, "
        "by the 15th”."
    ),
    "difficulty": (
        "Tell me early, and in private. I go quiet when I'm overloaded, so please ask me "
        "directly rather than wait. When we disagree I want to hear the reasoning, and I'll "
        "say plainly what each choice costs."
    ),
    "routines": (
        "A weekly one-on-one we don't cancel when it gets busy. A Friday update from me: "
        "what's done, what slipped, what's next. Once a month, a look at my workload together "
        "before new projects are agreed."
    ),
    "count_on": (
        "You can count on me to flag a slipping deadline the day I see it, and to bring "
        "options, not just problems. I need to count on you to make the call when two asks "
        "collide, and to answer my requests within a week."
    ),
    "commitments": (
        "- I flag a slipping deadline the day I see it, with what it would take to save it\n"
        "- I send a Friday update: what's done, what slipped, what's next\n"
        "- I say what a new ask displaces before I say yes to it"
    ),
    "accountability": (
        "We go through the commitments at every review and say plainly which held. If one "
        "slips twice, whoever notices raises it at the next one-on-one, without blame."
    ),
    "trust": (
        "Good, and I want to keep it that way. It wore thin over the summer, when asks kept "
        "arriving without anything coming off my list and I stopped saying so. That's partly "
        "on me. I'd like us to rebuild it by being explicit about the trade-offs."
    ),
}
# The ones she saved as a draft first, a few evenings before she finished.
_FIRST_EVENING = ("works", "valued", "at_stake", "communicating", "trust")

# The sections Maya and Sam reworded together, as she wrote them down.
_AGREED_WITH_SAM = {
    "communicating": (
        "Chat for quick questions, answered the same day. Anything that changes a priority or "
        "a deadline goes in writing. No messages after 7 pm unless something is on fire. "
        "Every request gets an answer within a week, even if the answer is “not yet, by the "
        "15th”."
    ),
    "difficulty": (
        "Whoever sees a problem raises it early, and in private. Maya goes quiet when she is "
        "overloaded, so Sam asks her directly. When we disagree, we give our reasons and say "
        "plainly what each choice costs."
    ),
    "count_on": (
        "Sam can count on Maya to flag a slipping deadline the day she sees it, and to bring "
        "options, not just problems. Maya can count on Sam to make the call when two asks "
        "collide, and to answer her requests within a week."
    ),
    "routines": (
        "A weekly one-on-one that neither of us cancels when it gets busy. Maya's Friday "
        "update: what's done, what slipped, what's next. Once a month, we look at her workload "
        "together before agreeing new projects."
    ),
}
# What Sam committed to in that conversation.
_SAMS_COMMITMENTS = (
    "I give every new ask a priority against what is already on Maya's list",
    "I answer Maya's requests within a week, even if only to say when I will decide",
    "I keep Friday afternoons free of new urgent asks",
)

# Maya's drafts for Dev, her report: begun, not finished.
_DRAFTS_FOR_DEV = {
    "works": (
        "Dev's written updates before our one-on-ones are excellent: I walk in knowing where "
        "things stand. He asks for help early when a query is new to him."
    ),
    "valued": (
        "His care with data. He caught the duplicate accounts in the churn data before they "
        "reached Sam, and told me quietly instead of making a fuss."
    ),
    "at_stake": (
        "Dev wants to lead an analysis on his own by the summer. If I stay this stretched he "
        "gets my leftovers instead of the coaching he needs, and that's what worries me."
    ),
    "communicating": "Chat is fine for quick things. The agenda a day ahead of our one-on-ones",
}


def _by_key(partnership: Partnership, texts: dict[str, str]) -> dict[int, str]:
    questions = Question.objects.filter(partnership=partnership, key__in=texts)
    return {question.pk: texts[question.key] for question in questions}


def fill_agreement(user: User, manager: Partnership, report: Partnership, today: dt.date) -> None:
    zone = user.zone
    agreed_on = today - AGREED_BEFORE

    def at(day: dt.date, offset: int, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(
            day + dt.timedelta(days=offset), dt.time(hour, minute), tzinfo=zone
        )

    # With Sam: answered over a week, talked through, written down and agreed.
    services.questions_ensure(manager)
    answers = _by_key(manager, _ANSWERS_FOR_SAM)
    first_evening = _by_key(manager, {key: _ANSWERS_FOR_SAM[key] for key in _FIRST_EVENING})
    services.answers_save(user, manager, Side.OWNER, first_evening, now=at(agreed_on, -12, 21))
    services.answers_submit(user, manager, Side.OWNER, answers, now=at(agreed_on, -8, 20, 30))
    version = services.version_start(user, manager, now=at(agreed_on, -1, 18))
    agreed = Section.objects.filter(version=version, question__key__in=_AGREED_WITH_SAM)
    for section in agreed.select_related("question"):
        section.version = version
        services.section_save(user, section, _AGREED_WITH_SAM[section.question.key])
    for text in _SAMS_COMMITMENTS:
        services.commitment_add(user, version, side=Side.PARTNER, text=text)
    services.version_confirm(user, version, now=at(agreed_on, 0, 17, 30))

    # With Dev: a first few answers, saved as drafts.
    services.questions_ensure(report)
    services.answers_save(
        user, report, Side.OWNER, _by_key(report, _DRAFTS_FOR_DEV), now=at(today, -3, 21, 15)
    )
