from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from tandem.accounts.models import User
from tandem.demo import DEMO_EMAIL, DEMO_PASSWORD, create_demo
from tandem.workload.models import Assignment, CalendarEvent, Status
from tandem.workload.planning import workload_for


def test_it_creates_an_account_that_can_log_in(db, client):
    user = create_demo()

    response = client.post(reverse("login"), {"username": DEMO_EMAIL, "password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


# Every weekday: the demo must tell the same story whenever someone tries it.
@pytest.mark.parametrize("date", [f"2026-11-{d:02d} 08:00Z" for d in range(2, 9)])
def test_it_has_late_work_and_a_proposed_ask(db, date):
    with time_machine.travel(date, tick=False):
        user = create_demo()
        workload = workload_for(user)

    assert workload.plan.late
    proposed = Assignment.objects.get(owner=user, status=Status.PROPOSED)
    assert proposed.title == "Vendor review"
    assert proposed.pk in workload.plan.scheduled


def test_it_shows_the_manager_the_workload(db):
    user = create_demo()

    manager = user.owned_partnerships.get(partner_name="Sam Okafor")
    assert manager.share_workload
    assert manager.assignments.filter(status=Status.DONE).count() == 3


def test_it_replaces_an_earlier_demo(db):
    first = create_demo()
    Assignment.objects.filter(owner=first).update(title="Changed by a visitor")

    second = create_demo()

    assert User.objects.filter(email=DEMO_EMAIL).count() == 1
    assert not User.objects.filter(pk=first.pk).exists()
    assert not Assignment.objects.filter(title="Changed by a visitor").exists()
    assert Assignment.objects.filter(owner=second).count() == 12
    assert CalendarEvent.objects.exclude(owner=second).count() == 0
    assert second.owned_partnerships.count() == 2


def test_it_leaves_other_accounts_alone(alice, partnership):
    Assignment.objects.create(
        owner=alice,
        partnership=partnership,
        title="Board pack",
        asked_on=partnership.created_at.date(),
        estimate_minutes=60,
        remaining_minutes=60,
    )

    create_demo()
    create_demo()

    assert Assignment.objects.filter(owner=alice).count() == 1
