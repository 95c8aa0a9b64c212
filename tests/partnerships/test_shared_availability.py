from __future__ import annotations

import datetime as dt

import time_machine

from tandem.workload.models import Commitment, TimeOff
from tests.conftest import overview, share

MONDAY = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def _blocked(response) -> list[str] | None:
    """The blocked time the overview shows, or None when it shows no blocked time at all."""
    shown = [panel["blocked"] for _, panel in response.context["panels"] if "blocked" in panel]
    if not shown:
        return None
    [blocked] = shown
    return [slot.label for slot in blocked]


@time_machine.travel(MONDAY, tick=False)
def test_it_shows_the_partner_blocked_time_without_reasons(bob, partnership):
    share(partnership, share_availability=True)
    owner = partnership.owner
    Commitment.objects.create(
        owner=owner,
        title="School run",
        weekday=1,
        start=dt.time(8),
        end=dt.time(10),
        starts_on=dt.date(2026, 11, 1),
    )
    TimeOff.objects.create(
        owner=owner, first_day=dt.date(2026, 11, 26), last_day=dt.date(2026, 11, 26), reason="IVF"
    )

    response = overview(bob, partnership)

    assert _blocked(response) == ["Tue 24 Nov, 08:00–10:00", "Thu 26 Nov"]
    page = response.content.decode()
    assert "School run" not in page
    assert "IVF" not in page


@time_machine.travel(MONDAY, tick=False)
def test_it_keeps_availability_private_until_shared(bob, partnership):
    Commitment.objects.create(
        owner=partnership.owner, title="School run", weekday=1, start=dt.time(8), end=dt.time(10)
    )

    response = overview(bob, partnership)

    assert _blocked(response) is None
    assert "School run" not in response.content.decode()
