from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from tandem.workload.models import Commitment, TimeOff

MONDAY = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def _dashboard(client, partnership) -> str:
    return client.get(reverse("partnership", args=[partnership.pk])).content.decode()


@time_machine.travel(MONDAY, tick=False)
def test_it_shows_the_partner_blocked_time_without_reasons(client, bob, partnership):
    partnership.share_availability = True
    partnership.save(update_fields=["share_availability"])
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
    client.force_login(bob)
    page = _dashboard(client, partnership)
    assert "Tue 24 Nov, 08:00–10:00" in page
    assert "Thu 26 Nov" in page
    assert "School run" not in page
    assert "IVF" not in page


@time_machine.travel(MONDAY, tick=False)
def test_it_keeps_availability_private_until_shared(client, bob, partnership):
    Commitment.objects.create(
        owner=partnership.owner, title="School run", weekday=1, start=dt.time(8), end=dt.time(10)
    )
    client.force_login(bob)
    assert "unavailable this week" not in _dashboard(client, partnership)
