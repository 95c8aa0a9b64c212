"""The requests' part of `tandem demo` (see `tandem.demo`): what Maya asked Sam and Dev for.

Everything goes through `tandem.requests.services`, so the demo keeps every rule a person
does: one request stale for six weeks with a reflection and a follow-up started, one
granted, one whose promised answer date has passed, one fresh, one withdrawn.
"""

from __future__ import annotations

import datetime as dt

from tandem.accounts.models import User
from tandem.followup import Channel, EventKind, RequestStatus
from tandem.partnerships.models import Partnership
from tandem.requests import services
from tandem.requests.services import RequestDraft


def fill_requests(user: User, manager: Partnership, report: Partnership, today: dt.date) -> None:
    def day(offset: int) -> dt.date:
        return today + dt.timedelta(days=offset)

    def ask(partnership: Partnership, days_ago: int, title: str, channel: Channel, **fields):
        draft = RequestDraft(title=title, asked_on=day(-days_ago), channel=channel, **fields)
        return services.request_create(user, partnership, draft)

    # Six weeks without a word: the follow-up Maya is preparing.
    flexible_hours = ask(
        manager,
        42,
        "Flexible hours on Fridays",
        Channel.MEETING,
        what_was_said="Could I start at 10 on Fridays? My son's swimming lessons moved to "
        "Friday mornings. I offered to make up the hour on Thursdays.",
    )
    services.reflection_save(
        user,
        flexible_hours,
        {
            "why_it_matters": "Friday mornings are the only slot for my son's swimming lessons.",
            "at_stake": "Leaving early on other days instead, and the team's Thursday "
            "planning with it.",
            "what_i_want": "A regular late start on Fridays, whatever the exact hours.",
            "strength": "I plan my weeks ahead; nobody has been left waiting on me.",
            "who_could_help": "Priya in HR knows how other teams arranged flexible hours.",
            "trust_to_build": "Sam's: he gets a clear plan for Friday cover and no surprises.",
        },
    )
    services.follow_up_draft_save(
        user,
        flexible_hours,
        story="it slipped down the list while the board report took over, and I worry it "
        "reads as asking for less work",
    )

    # Acknowledged within days, granted two weeks later: closed.
    course = ask(
        manager,
        35,
        "Budget for the analytics course",
        Channel.EMAIL,
        what_was_said="Asked for £600 for the evening course in data analysis, with the "
        "syllabus attached.",
    )
    services.response_record(
        user, course, EventKind.ACKNOWLEDGED, on=day(-33), note="He will check the training budget."
    )
    services.response_record(
        user, course, EventKind.GRANTED, on=day(-20), note="Approved from this year's budget."
    )

    # A date promised for the answer, and passed: shared, so Sam sees it when he joins.
    hiring = ask(
        manager,
        28,
        "Decision on the Q1 hiring plan",
        Channel.CHAT,
        what_was_said="Asked whether the second analyst role goes into the Q1 plan; the "
        "recruiter needs to know before the job ads go out.",
        shared=True,
    )
    services.response_record(
        user,
        hiring,
        EventKind.PROMISED,
        on=day(-26),
        promised_by=day(-9),
        note="After the leadership meeting.",
    )

    # Fresh: asked this week, nothing to chase yet.
    ask(manager, 3, "A second monitor for home", Channel.IN_PASSING)

    # Overtaken by events.
    offsite = ask(manager, 50, "Move the team offsite to March", Channel.EMAIL)
    services.request_update(user, offsite, {"status": RequestStatus.WITHDRAWN})

    # Maya asks her report too.
    agenda = ask(
        report,
        10,
        "Send me the agenda a day ahead",
        Channel.MEETING,
        what_was_said="So I can bring the numbers to our one-on-ones.",
    )
    services.response_record(user, agenda, EventKind.ACKNOWLEDGED, on=day(-9))
