"""The one-on-ones' part of `tandem demo` (see `tandem.demo`): Maya's weekly with Sam.

Set up four weeks ago, it meets on the weekday two days from today's: whatever day the demo
is made, three meetings have taken place and the next is the day after tomorrow. Everything goes
through `tandem.oneonones.services`, dated as it happened: decisions, action items done on
time and late, one carried over twice and still open, one of Sam's, an item left for later,
notes shared and private, and a question noted for next time. The next meeting's agenda is
prepared from Maya's workload, requests and agreement, which propose its items by themselves;
she has accepted the most pressing ones, and the agreement's review waits among the proposals.
"""

from __future__ import annotations

import datetime as dt

from tandem.accounts.models import User
from tandem.meetings import Cadence, CadenceRule, ProposalKind
from tandem.oneonones import services
from tandem.oneonones.models import Meeting, Side
from tandem.oneonones.privacy import proposals_for
from tandem.oneonones.services import ActionDraft
from tandem.partnerships.models import Partnership

# The meetings that took place, in days from today; the next is two days ahead.
HELD = (-19, -12, -5)
NEXT = 2
START = dt.time(14, 0)
MINUTES = 45
# Accepted into the next agenda from what Tandem proposes, when proposed.
ACCEPTED = (ProposalKind.LATE, ProposalKind.STALE_REQUEST)


def fill_one_on_ones(user: User, manager: Partnership, report: Partnership, today: dt.date) -> None:
    zone = user.zone

    def day(offset: int) -> dt.date:
        return today + dt.timedelta(days=offset)

    def at(offset: int, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day(offset), dt.time(hour, minute), tzinfo=zone)

    def during(meeting: Meeting, minutes: int) -> dt.datetime:
        return meeting.starts_at + dt.timedelta(minutes=minutes)

    rule = CadenceRule(
        cadence=Cadence.WEEKLY,
        weekday=day(NEXT).weekday(),
        time=START,
        duration_minutes=MINUTES,
        starts_on=day(HELD[0] - 2),
    )
    series = services.series_save(user, manager, rule, now=at(-28, 9))
    first, second, third, upcoming = series.meetings.order_by("starts_at")[:4]

    # The first: the board report's scope, and the dashboard put on hold.
    scope = services.agenda_item_add(
        user,
        first,
        "Scope of the Q3 board report",
        "Which of the three data sources make it in?",
        now=at(HELD[0] - 1, 17),
    )
    dashboard = services.agenda_item_add(
        user, first, "Dashboard clean-up", now=at(HELD[0] - 1, 17, 5)
    )
    services.agenda_item_update(user, scope, status="discussed", now=during(first, 15))
    services.decision_record(
        user,
        first,
        "The board report covers revenue and pipeline; support volumes go in the appendix",
        Side.BOTH,
        now=during(first, 20),
    )
    services.agenda_item_update(user, dashboard, status="discussed", now=during(first, 25))
    services.decision_record(
        user,
        first,
        "Pause the dashboard clean-up until the board report is out",
        Side.PARTNER,
        now=during(first, 26),
    )
    outline = services.action_item_add(
        user,
        first,
        ActionDraft("Send Sam the board report outline", Side.OWNER, day(HELD[0] + 4)),
        now=during(first, 30),
    )
    sources = services.action_item_add(
        user,
        first,
        ActionDraft("Share the churn data sources with Finance", Side.OWNER, day(HELD[0] + 5)),
        now=during(first, 32),
    )
    room = services.action_item_add(
        user,
        first,
        ActionDraft("Book a room for the Q1 planning day", Side.OWNER, day(HELD[0] + 6)),
        now=during(first, 34),
    )
    services.shared_notes_save(
        user,
        first,
        "Board report: revenue and pipeline in the body, support volumes in the appendix.\n"
        "Dashboard clean-up waits until the report is out.",
        0,
        now=during(first, 40),
    )
    services.action_item_update(user, outline, status="done", now=at(HELD[0] + 3, 11))
    services.action_item_update(user, room, status="done", now=at(HELD[0] + 6, 10))
    # Two days past its date.
    services.action_item_update(user, sources, status="done", now=at(HELD[0] + 7, 16))

    # The second: the hiring plan; the on-call rota left for another time.
    hiring = services.agenda_item_add(user, second, "Q1 hiring plan", now=at(HELD[1] - 1, 18))
    services.agenda_item_add(
        user,
        second,
        "On-call rota over the holidays",
        "Three of us are away the same week.",
        now=at(HELD[1] - 1, 18, 5),
    )
    services.agenda_item_update(user, hiring, status="discussed", now=during(second, 20))
    services.decision_record(
        user,
        second,
        "The second analyst role goes into the Q1 plan if the budget allows",
        Side.PARTNER,
        now=during(second, 22),
    )
    services.action_item_add(
        user,
        second,
        ActionDraft("Draft the onboarding guide outline", Side.OWNER, day(HELD[1] + 6)),
        now=during(second, 30),
    )
    services.shared_notes_save(
        user,
        second,
        "Hiring: the analyst role depends on the Q1 budget.\nRan out of time for the on-call rota.",
        0,
        now=during(second, 44),
    )
    services.private_note_save(
        user,
        second,
        "Sam looked stretched. Raise the Friday hours once the board report is out, not before.",
        now=during(second, 50),
    )

    # The third: the churn analysis waits for the board report.
    churn = services.agenda_item_add(
        user, third, "Customer churn analysis timeline", now=at(HELD[2] - 1, 17)
    )
    services.agenda_item_update(user, churn, status="discussed", now=during(third, 15))
    services.decision_record(
        user,
        third,
        "The churn analysis moves a week; the board report comes first",
        Side.BOTH,
        now=during(third, 18),
    )
    services.action_item_add(
        user,
        third,
        ActionDraft("Send Sam the churn analysis draft", Side.OWNER, day(NEXT + 2)),
        now=during(third, 25),
    )
    services.action_item_add(
        user,
        third,
        ActionDraft("Confirm the Q1 training budget with Finance", Side.PARTNER, day(NEXT + 1)),
        now=during(third, 27),
    )
    services.shared_notes_save(
        user,
        third,
        "Churn analysis a week later. Sam checks the training budget with Finance.\n"
        "The onboarding outline is still to do.",
        0,
        now=during(third, 40),
    )

    # For the next one: a question noted during the week, and the agenda Tandem prepared.
    services.question_note(
        user,
        manager,
        "Could I sit on the interview panel for the analyst role?",
        now=at(-2, 16),
    )
    upcoming.partnership = manager
    taken: set[ProposalKind] = set()
    for proposal in proposals_for(user, manager, upcoming):
        if proposal.kind in ACCEPTED and proposal.kind not in taken:
            services.proposal_accept(user, upcoming, proposal)
            taken.add(proposal.kind)
