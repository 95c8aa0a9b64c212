from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.meetings import Cadence, CadenceRule
from tandem.oneonones import services as one_on_ones
from tandem.oneonones.models import ActionItem, AgendaItem
from tandem.partnerships import services
from tandem.partnerships.models import Partnership
from tandem.requests.models import Request, RequestEvent
from tandem.workload.models import Assignment, Step
from tests.conftest import logged_in, overview, share

PRIVATE = ("profile", "wins", "health")
SHARED = ("requests", "one-on-ones", "agreement")


def _area_slugs(response) -> set[str]:
    """The areas the overview links to, as tiles and in the menu."""
    return {area.slug for area in response.context["areas"]}


def _open_count(response) -> int:
    """The number of open assignments the workload tile shows."""
    [figures] = [figures for area, figures in response.context["tiles"] if area.slug == "workload"]
    return figures.open_count


def _home_rows(user) -> list[tuple[str, bool]]:
    """The partnerships on the home page: each title, and whether `user` owns it."""
    rows = logged_in(user).get(reverse("home")).context["rows"]
    return [(title, owned) for _, title, owned in rows]


def test_it_shows_the_owner_every_area(alice, partnership):
    response = overview(alice, partnership)

    assert _area_slugs(response) == {"workload", *SHARED, *PRIVATE}
    assert (response.context["partner_label"], response.context["is_owner"]) == (
        "Zebulon Boss",
        True,
    )
    assert "My manager" in response.content.decode()


def test_it_marks_private_areas_for_the_owner(alice, partnership):
    response = overview(alice, partnership)

    assert response.context["is_owner"] is True
    private = [area.slug for area in response.context["areas"] if area.owner_only]
    assert private == list(PRIVATE)


def test_it_shows_the_partner_only_shared_areas(bob, partnership):
    response = overview(bob, partnership)

    assert _area_slugs(response) == set(SHARED)
    assert (response.context["partner_label"], response.context["is_owner"]) == (
        "Alice Owner",
        False,
    )
    assert "You see only what they chose to share." in response.content.decode()


@pytest.mark.parametrize("slug", [*PRIVATE, "workload"])
def test_it_hides_private_areas_from_the_partner(bob, partnership, slug):
    response = logged_in(bob).get(f"/p/{partnership.pk}/{slug}/")

    assert response.status_code == 404


def test_it_shows_the_workload_to_the_partner_once_shared(bob, partnership):
    share(partnership, share_workload=True)

    response = overview(bob, partnership)

    assert _area_slugs(response) == {"workload", *SHARED}
    assert logged_in(bob).get(f"/p/{partnership.pk}/workload/").status_code == 200


def test_it_keeps_private_areas_private_whatever_is_shared(bob, partnership):
    share(partnership, share_workload=True, share_availability=True, partner_may_reorder=True)

    response = overview(bob, partnership)

    assert not _area_slugs(response) & set(PRIVATE)


def test_it_tells_the_owner_the_partner_joined(alice, partnership):
    body = overview(alice, partnership).content.decode()

    assert "Bob Partner has joined." in body
    assert "They see nothing of yours until you share it." in body
    assert "Working solo for now." not in body


def test_it_tells_the_owner_what_a_joined_partner_sees(alice, partnership):
    share(partnership, share_workload=True)

    body = overview(alice, partnership).content.decode()

    assert "They can see your shared workload." in body


def test_it_tells_the_owner_the_partner_has_not_joined(alice, solo_partnership):
    body = overview(alice, solo_partnership).content.decode()

    assert "Working solo for now." in body
    assert "Every tool works before Rita Report joins." in body
    assert "Invite Rita Report" in body
    assert "has joined" not in body


def _sidebar_status(body: str) -> str:
    return body.split('<div class="sidenav-sub">', 1)[1].split("</div>", 1)[0]


def test_it_says_in_the_sidebar_that_an_invitation_waits(alice, solo_partnership):
    assert _sidebar_status(overview(alice, solo_partnership).content.decode()) == (
        "Not invited yet"
    )

    issued = services.invitation_create(solo_partnership)
    assert _sidebar_status(overview(alice, solo_partnership).content.decode()) == (
        "Invitation sent"
    )

    services.invitation_revoke(issued.invitation)
    assert _sidebar_status(overview(alice, solo_partnership).content.decode()) == (
        "Not invited yet"
    )


def test_it_reads_the_invitation_state_in_a_fixed_number_of_queries(alice, solo_partnership):
    client = logged_in(alice)
    url = reverse("partnership", args=[solo_partnership.pk])
    services.invitation_create(solo_partnership)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(5):
        services.invitation_create(solo_partnership)  # each revokes the one before
    with CaptureQueriesContext(connection) as six:
        body = client.get(url).content.decode()

    assert _sidebar_status(body) == "Invitation sent"
    assert len(six) == len(one)


def test_it_shows_the_partner_the_relationship_from_their_side(bob, partnership):
    assert _home_rows(bob) == [("Alice Owner · my report", False)]


def test_it_shows_owned_and_joined_partnerships_on_home(alice, bob, partnership):
    Partnership.objects.create(owner=bob, partner_name="Bob's boss")

    assert sorted(_home_rows(bob)) == [
        ("Alice Owner · my report", False),
        ("Bob's boss · my manager", True),
    ]


def test_it_hides_a_partnership_from_a_stranger(charlie, partnership):
    client = logged_in(charlie)

    assert client.get(reverse("partnership", args=[partnership.pk])).status_code == 404
    assert _home_rows(charlie) == []


@pytest.mark.parametrize("role", ["alice", "bob"])
@pytest.mark.parametrize("assignments", [1, 40])
def test_it_keeps_the_dashboard_to_a_fixed_number_of_queries(
    request, partnership, role, assignments, django_assert_max_num_queries
):
    # The overview plans the shared workload, whatever its size, in a fixed number of queries.
    share(partnership, share_workload=True, share_availability=True)
    created = Assignment.objects.bulk_create(
        Assignment(
            owner=partnership.owner,
            partnership=partnership,
            title=f"Report {number}",
            asked_on=dt.date(2026, 11, 1),
            estimate_minutes=60,
            remaining_minutes=60,
        )
        for number in range(assignments)
    )
    Step.objects.bulk_create(
        Step(assignment=a, title="Figures", effort_minutes=30) for a in created
    )
    # As many requests, stale and shared, each with a response: the panel and tile read them.
    asked = Request.objects.bulk_create(
        Request(
            owner=partnership.owner,
            partnership=partnership,
            title=f"Request {number}",
            asked_on=dt.date(2026, 9, 1),
            shared=True,
        )
        for number in range(assignments)
    )
    RequestEvent.objects.bulk_create(
        RequestEvent(request=r, kind="acknowledged", happened_on=dt.date(2026, 9, 2)) for r in asked
    )
    # A one-on-one tomorrow, with as many agenda and action items: its tile and its card.
    owner = partnership.owner
    tomorrow = owner.local_today() + dt.timedelta(days=1)
    rule = CadenceRule(Cadence.WEEKLY, tomorrow.weekday(), dt.time(10), 30, tomorrow)
    meeting = one_on_ones.series_save(owner, partnership, rule).meetings.first()
    AgendaItem.objects.bulk_create(
        AgendaItem(partnership=partnership, meeting=meeting, title=f"Item {number}")
        for number in range(assignments)
    )
    ActionItem.objects.bulk_create(
        ActionItem(partnership=partnership, meeting=meeting, title=f"Action {number}")
        for number in range(assignments)
    )
    client = logged_in(request.getfixturevalue(role))

    # Each built area adds a fixed number of queries: the workload its plan; requests two for
    # the tile and two for the panel; one-on-ones five for the tile, one for the card, and one
    # for the meetings' time in each plan worked out (two for the partner, who also sees the
    # owner's availability); the agreement four for the tile and one for its review's card.
    with django_assert_max_num_queries(28):
        page = client.get(reverse("partnership", args=[partnership.pk]))
    assert _open_count(page) == assignments


def test_it_keeps_the_home_page_to_a_fixed_number_of_queries(
    alice, bob, partnership, django_assert_max_num_queries
):
    for number in range(5):
        Partnership.objects.create(owner=alice, partner_name=f"Report {number}", partner=None)
        Partnership.objects.create(owner=bob, partner_name=f"Peer {number}", partner=alice)
    client = logged_in(alice)

    with django_assert_max_num_queries(3):
        assert client.get(reverse("home")).status_code == 200
