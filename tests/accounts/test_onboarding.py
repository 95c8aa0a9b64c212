"""The guided start after sign-up: your hours, your partner, your first three assignments,
your plan. Where a person stands is read from their records."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.partnerships.models import Kind, Partnership
from tandem.workload.models import Assignment
from tests.conftest import logged_in, make_user


@pytest.fixture
def newcomer(db):
    return make_user("dana@example.com", "Dana Newcomer")


@pytest.fixture
def client(newcomer):
    return logged_in(newcomer)


def _partnership(user) -> Partnership:
    return Partnership.objects.create(owner=user, partner_name="Sam Okafor", kind=Kind.MY_MANAGER)


def _capture(client, title: str, effort: str = "3h", due: str = "in 5 days"):
    return client.post(
        reverse("start-assignments"), {"title": title, "effort": effort, "due": due}, follow=True
    )


def _hours(**changes) -> dict:
    data = {"time_zone": "Europe/Berlin"}
    for weekday in range(7):
        data[f"day{weekday}-start"] = "08:00"
        data[f"day{weekday}-end"] = "16:00"
        if weekday < 4:
            data[f"day{weekday}-works"] = "on"
    return data | changes


def test_it_picks_up_where_the_records_say(client, newcomer):
    # New accounts get Monday to Friday, so the hours are already set.
    assert client.get(reverse("start"))["Location"] == reverse("start-partner")

    newcomer.working_days.all().delete()
    assert client.get(reverse("start"))["Location"] == reverse("start-hours")

    client.post(reverse("start-hours"), _hours())
    partnership = _partnership(newcomer)
    assert client.get(reverse("start"))["Location"] == reverse("start-assignments")

    _capture(client, "Q3 board report")
    assert client.get(reverse("start"))["Location"] == reverse("start-plan")
    assert client.get(reverse("start-plan"))["Location"] == reverse(
        "area-workload", args=[partnership.pk]
    )


def test_it_numbers_the_steps_and_marks_those_done(client, newcomer):
    _partnership(newcomer)

    response = client.get(reverse("start-assignments"))

    steps = response.context["steps"]
    assert [step.title for step in steps] == [
        "Your hours",
        "Your partner",
        "Your first three assignments",
        "Your plan",
    ]
    assert [step.done for step in steps] == [True, True, False, False]
    body = response.content.decode()
    assert "step 3 of 4" in body
    assert 'aria-current="step"' in body


@pytest.mark.parametrize(
    "url_name,next_title,skip_to",
    [
        ("start-hours", "Your partner", "start-partner"),
        ("start-partner", "Your first three assignments", "start-assignments"),
        ("start-assignments", "Your plan", "start-plan"),
    ],
)
def test_it_says_what_comes_next_and_lets_the_step_be_skipped(
    client, newcomer, url_name, next_title, skip_to
):
    if url_name == "start-assignments":
        _partnership(newcomer)

    response = client.get(reverse(url_name))

    assert response.context["next_step"].title == next_title
    body = response.content.decode()
    assert f"<strong>{next_title}</strong>" in body
    assert f'href="{reverse(skip_to)}"' in body
    assert f'href="{reverse("home")}">Finish later</a>' in body


def test_it_saves_the_zone_and_hours_then_goes_to_the_partner(client, newcomer):
    response = client.post(reverse("start-hours"), _hours(), follow=True)

    assert response.redirect_chain == [(reverse("start-partner"), 302)]
    assert "Saved: 32 hours a week." in response.content.decode()
    newcomer.refresh_from_db()
    assert newcomer.time_zone == "Europe/Berlin"
    assert [day.weekday for day in newcomer.working_days.all()] == [0, 1, 2, 3]


def test_it_keeps_the_hours_when_a_day_ends_before_it_starts(client, newcomer):
    response = client.post(
        reverse("start-hours"), _hours(**{"day1-start": "17:00", "day1-end": "09:00"})
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("Working hours on Tuesday end before they start") == 1
    assert 'class="message error"' not in body
    assert len(newcomer.working_days.all()) == 5


def test_it_creates_the_partnership_then_asks_for_assignments(client, newcomer):
    response = client.post(
        reverse("start-partner"),
        {"partner_name": "Sam Okafor", "kind": "manager", "partner_email": ""},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("start-assignments"), 302)]
    assert Partnership.objects.get(owner=newcomer).partner_name == "Sam Okafor"
    assert "What has Sam Okafor asked of you?" in response.content.decode()


def test_it_does_not_create_a_second_partnership_from_the_step(client, newcomer):
    _partnership(newcomer)

    response = client.post(
        reverse("start-partner"), {"partner_name": "Someone Else", "kind": "peer"}
    )

    assert response.status_code == 200
    assert "You work with Sam Okafor" in response.content.decode()
    assert Partnership.objects.filter(owner=newcomer).count() == 1


def test_it_captures_three_assignments_then_offers_the_plan(client, newcomer):
    partnership = _partnership(newcomer)

    first = _capture(client, "Q3 board report", "1.5d", "next friday")
    assert "Added “Q3 board report”." in first.content.decode()
    assert first.context["still_to_capture"] == 2
    _capture(client, "Churn analysis")
    third = _capture(client, "Hiring panel")

    assert [a.title for a in Assignment.objects.filter(partnership=partnership)] == [
        "Q3 board report",
        "Churn analysis",
        "Hiring panel",
    ]
    assert third.context["enough"] is True
    assert third.context["form"] is not None
    body = third.content.decode()
    assert 'name="title"' not in body
    assert f'href="{reverse("start-plan")}">Show my plan</a>' in body


def test_it_shows_a_capture_error_once_at_its_field(client, newcomer):
    _partnership(newcomer)

    response = _capture(client, "Board pack", effort="a while")

    body = response.content.decode()
    assert body.count("&#x27;a while&#x27; is not an effort") == 1
    assert 'id="id_effort_error"' in body
    assert 'class="message error"' not in body
    assert 'value="Board pack"' in body
    assert not Assignment.objects.exists()


def test_it_explains_that_assignments_need_a_partnership_first(client):
    response = client.get(reverse("start-assignments"))

    assert response.context["form"] is None
    body = response.content.decode()
    assert "Assignments belong to a partnership" in body
    assert f'href="{reverse("start-partner")}">Add your partner</a>' in body


def test_it_ends_on_the_workload_page(client, newcomer):
    partnership = _partnership(newcomer)
    _capture(client, "Q3 board report")

    response = client.get(reverse("start-plan"), follow=True)

    assert response.redirect_chain == [(reverse("area-workload", args=[partnership.pk]), 302)]
    assert "Step 4 of 4, your plan" in response.content.decode()


def test_it_only_counts_the_persons_own_partnership(client, newcomer, alice, partnership):
    # Alice's partnership with Bob is not Dana's, whatever the id in the request.
    response = client.get(reverse("start-assignments"))

    assert response.context["partnership"] is None
    assert client.get(reverse("start-plan"))["Location"] == reverse("home")
