"""Workload tests run on a frozen Monday, 2 Nov 2026, so every plan date is known.

With the default working week (09:00–17:30, Monday to Friday) and focus factor 0.7,
a working day has 357 minutes of capacity for planned work.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
import time_machine
from django.test import Client

from tandem.partnerships.models import Partnership
from tandem.workload import services
from tandem.workload.models import Assignment, Status
from tests.conftest import text_of

TODAY = dt.date(2026, 11, 2)
NOW = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
DAY_CAPACITY = 357

# A weekly meeting with one occurrence cancelled, and an all-day event. In November London
# is on UTC, so 14:00Z is 14:00 local.
CALENDAR = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Example Corp//Calendar//EN
BEGIN:VEVENT
UID:team-sync@example.com
DTSTAMP:20261020T120000Z
DTSTART:20261104T140000Z
DTEND:20261104T150000Z
RRULE:FREQ=WEEKLY;COUNT=4
EXDATE:20261111T140000Z
SUMMARY:Team sync
END:VEVENT
BEGIN:VEVENT
UID:conference@example.com
DTSTAMP:20261020T120000Z
DTSTART;VALUE=DATE:20261106
DTEND;VALUE=DATE:20261107
SUMMARY:Conference
END:VEVENT
END:VCALENDAR
"""
# An export cut off in the middle of an event.
TRUNCATED = b"""BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:team-sync@example.com
DTSTART:20261104T1400"""


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def busy_week(partnership) -> Assignment:
    """Two assignments that fit, until a ten-hour ask due tomorrow arrives; gives the first."""
    budget = assign(partnership, "Budget inputs", 480, due=day(2), asked_on=day(-5))
    assign(partnership, "Pricing memo", 240, due=day(9), asked_on=day(-3))
    return budget


def assign(
    partnership: Partnership,
    title: str,
    minutes: int,
    *,
    due: dt.date | None = None,
    priority: int | None = None,
    asked_on: dt.date | None = None,
    status: str = Status.ACCEPTED,
    notes: str = "",
    asked_by: str = "",
) -> Assignment:
    return services.assignment_create(
        partnership.owner,
        partnership,
        services.AssignmentDraft(
            title=title,
            effort_minutes=minutes,
            due=due,
            priority=priority,
            asked_on=asked_on,
            status=status,
            notes=notes,
            asked_by=asked_by,
        ),
    )


def page(client: Client, url: str, **kwargs) -> str:
    """The page's text with entities decoded, after checking it rendered."""
    response = client.get(url, **kwargs)
    assert response.status_code == 200, response.status_code
    return text_of(response)


def plan_rows(body: str) -> list[str]:
    """Titles of the plan table's rows, in the order shown."""
    table = body.split('class="table plan-table"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<a href="/p/\d+/workload/\d+/">([^<]+)</a>', table)


def plan_row(body: str, title: str) -> str:
    """The HTML of the plan row showing `title`."""
    table = body.split('class="table plan-table"', 1)[1].split("</table>", 1)[0]
    for row in re.findall(r"<tr[^>]*>.*?</tr>", table, re.DOTALL):
        if f">{title}</a>" in row:
            return row
    raise AssertionError(f"no plan row for {title!r}")


@dataclass(frozen=True)
class PlanRow:
    """One row of the plan table as a person reads it."""

    rank: str
    assignment: str
    due: str
    effort: str
    finish: str
    priority: str


def plan_cells(body: str, title: str) -> PlanRow:
    cells = re.findall(r"<td[^>]*>(.*?)</td>", plan_row(body, title), re.DOTALL)
    texts = [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]
    return PlanRow(*texts[:6])
