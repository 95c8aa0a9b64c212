"""Workload tests run on a frozen Monday, 2 Nov 2026, so every plan date is known.

With the default working week (09:00–17:30, Monday to Friday) and focus factor 0.7,
a working day has 357 minutes of capacity for planned work.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import time_machine
from django.test import Client

from tandem.accounts.models import User
from tandem.partnerships.models import Partnership
from tandem.workload import services
from tandem.workload.models import Assignment, Status

TODAY = dt.date(2026, 11, 2)
NOW = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
DAY_CAPACITY = 357


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


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


def text_of(response) -> str:
    return html.unescape(response.content.decode())


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


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def field_errors(body: str, field_id: str) -> list[str]:
    """The messages shown under one form field."""
    match = re.search(rf'<ul class="errorlist" id="{field_id}_error">(.*?)</ul>', body, re.DOTALL)
    return re.findall(r"<li>(.*?)</li>", match[1]) if match else []


def input_value(body: str, field_id: str) -> str | None:
    """What an input shows, e.g. the text the person typed before a refusal."""
    match = re.search(rf'<input[^>]*\bid="{field_id}"[^>]*>', body)
    if match is None:
        return None
    value = re.search(r'\bvalue="([^"]*)"', match[0])
    return value[1] if value else ""


def messages_shown(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]
