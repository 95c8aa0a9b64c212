"""The workload's part of `tandem demo` (see `tandem.demo`): two weeks of history, an
overload, and an ask waiting to be weighed."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.accounts.models import User
from tandem.partnerships.models import Partnership
from tandem.workload import services
from tandem.workload.models import Assignment, CalendarEvent, Commitment, Status, Step, TimeOff

# (title, asked by, asked days ago, due in days, effort hours, priority, status)
_ASSIGNMENTS = [
    ("Q3 board report", "Sam", 12, 4, 10, 1, Status.IN_PROGRESS),
    ("Customer churn analysis", "Sam", 9, 6, 8, None, Status.ACCEPTED),
    ("Onboarding guide refresh", "Priya (HR)", 14, 11, 6, None, Status.ACCEPTED),
    ("Budget reforecast inputs", "Finance", 5, 8, 5, 2, Status.ACCEPTED),
    ("Hiring panel: data analyst", "Sam", 3, 9, 4, None, Status.WAITING),
    ("Quarterly OKR draft", "Sam", 2, 15, 6, None, Status.ACCEPTED),
    ("Dashboard clean-up", "", 20, None, 5, None, Status.ACCEPTED),
]
_DONE = [
    ("Pricing memo", "Sam", 13, 6),
    ("Team offsite agenda", "Sam", 11, 3),
    ("Vendor contract summary", "Legal", 8, 4),
]


def fill_workload(user: User, manager: Partnership, report: Partnership, today: dt.date) -> None:
    """Sam's asks (one of them late, one proposed), work for Dev, time off and a calendar."""

    def day(offset: int) -> dt.date:
        return today + dt.timedelta(days=offset)

    for title, asked_by, ago, due_in, hours, priority, status in _ASSIGNMENTS:
        assignment = services.assignment_create(
            user,
            manager,
            services.AssignmentDraft(
                title=title,
                effort_minutes=hours * 60,
                due=day(due_in) if due_in is not None else None,
                asked_by=asked_by,
                asked_on=day(-ago),
                priority=priority,
                status=status,
            ),
        )
        if title == "Q3 board report":
            Step.objects.bulk_create(
                [
                    Step(
                        assignment=assignment,
                        title="Revenue figures",
                        effort_minutes=120,
                        depends_on="Finance",
                    ),
                    Step(
                        assignment=assignment,
                        title="Pipeline data",
                        effort_minutes=90,
                        depends_on="Sales ops",
                    ),
                    Step(
                        assignment=assignment,
                        title="Support volumes",
                        effort_minutes=60,
                        depends_on="Support",
                        done=True,
                    ),
                ]
            )
    now = timezone.now()
    for title, asked_by, ago, took_hours in _DONE:
        Assignment.objects.create(
            owner=user,
            partnership=manager,
            title=title,
            asked_by=asked_by,
            asked_on=day(-ago),
            estimate_minutes=took_hours * 60,
            remaining_minutes=0,
            status=Status.DONE,
            completed_at=now - dt.timedelta(days=ago // 2),
        )
    # One workload: what Maya does for her report shares her week with Sam's asks.
    services.assignment_create(
        user,
        report,
        services.AssignmentDraft(
            title="Review Dev's analysis plan",
            effort_minutes=2 * 60,
            due=day(10),
            asked_by="Dev",
            asked_on=day(-4),
        ),
    )
    # The pending ask: weighed up before saying yes.
    services.assignment_create(
        user,
        manager,
        services.AssignmentDraft(
            title="Vendor review",
            effort_minutes=8 * 60,
            due=day(5),
            asked_by="Sam",
            status=Status.PROPOSED,
        ),
    )
    TimeOff.objects.create(
        owner=user, first_day=day(7), last_day=day(7), reason="Dentist", part=TimeOff.Part.MORNING
    )
    Commitment.objects.create(
        owner=user,
        title="School run",
        weekday=1,
        start=dt.time(8),
        end=dt.time(10),
        starts_on=day(-30),
    )
    zone = user.zone
    meetings = []
    for offset in range(0, 21):
        date = day(offset)
        if date.weekday() < 5:
            start = dt.datetime.combine(date, dt.time(9, 30), tzinfo=zone)
            meetings.append(
                CalendarEvent(
                    owner=user,
                    uid="standup@demo",
                    instance=date.isoformat(),
                    title="Team stand-up",
                    start=start,
                    end=start + dt.timedelta(minutes=30),
                )
            )
    CalendarEvent.objects.bulk_create(meetings)
