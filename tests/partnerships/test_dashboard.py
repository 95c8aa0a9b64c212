from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tandem.partnerships.models import Partnership
from tandem.workload.models import Assignment, Step

PRIVATE = ("profile", "wins", "health")
SHARED = ("requests", "one-on-ones", "agreement")


def _dashboard(client, user, partnership) -> str:
    client.force_login(user)
    response = client.get(reverse("partnership", args=[partnership.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _area_links(body: str, partnership) -> set[str]:
    slugs = ("workload", *SHARED, *PRIVATE)
    return {slug for slug in slugs if f'href="/p/{partnership.pk}/{slug}/"' in body}


def test_it_shows_the_owner_every_area(client, alice, partnership):
    body = _dashboard(client, alice, partnership)

    assert _area_links(body, partnership) == {"workload", *SHARED, *PRIVATE}
    assert "Zebulon Boss" in body
    assert "My manager" in body


def test_it_marks_private_areas_for_the_owner(client, alice, partnership):
    body = _dashboard(client, alice, partnership)

    assert body.count('<span class="tag">private</span>') == 2 * len(PRIVATE)  # tiles and menu


def test_it_shows_the_partner_only_shared_areas(client, bob, partnership):
    body = _dashboard(client, bob, partnership)

    assert _area_links(body, partnership) == set(SHARED)
    assert "Shared by Alice Owner" in body
    assert "You see only what they chose to share." in body


@pytest.mark.parametrize("slug", [*PRIVATE, "workload"])
def test_it_hides_private_areas_from_the_partner(client, bob, partnership, slug):
    client.force_login(bob)

    response = client.get(f"/p/{partnership.pk}/{slug}/")

    assert response.status_code == 404


def test_it_shows_the_workload_to_the_partner_once_shared(client, bob, partnership):
    partnership.share_workload = True
    partnership.save(update_fields=["share_workload"])

    body = _dashboard(client, bob, partnership)

    assert _area_links(body, partnership) == {"workload", *SHARED}
    assert client.get(f"/p/{partnership.pk}/workload/").status_code == 200


def test_it_keeps_private_areas_private_whatever_is_shared(client, bob, partnership):
    partnership.share_workload = partnership.share_availability = True
    partnership.partner_may_reorder = True
    partnership.save()

    body = _dashboard(client, bob, partnership)

    assert not _area_links(body, partnership) & set(PRIVATE)


def test_it_tells_the_owner_the_partner_joined(client, alice, partnership):
    body = _dashboard(client, alice, partnership)

    assert "Bob Partner has joined." in body
    assert "They see nothing of yours until you share it." in body
    assert "Working solo for now." not in body


def test_it_tells_the_owner_what_a_joined_partner_sees(client, alice, partnership):
    partnership.share_workload = True
    partnership.save(update_fields=["share_workload"])

    body = _dashboard(client, alice, partnership)

    assert "They can see your shared workload." in body


def test_it_tells_the_owner_the_partner_has_not_joined(client, alice, solo_partnership):
    body = _dashboard(client, alice, solo_partnership)

    assert "Working solo for now." in body
    assert "Every tool works before Rita Report joins." in body
    assert "Invite Rita Report" in body
    assert "has joined" not in body


def test_it_shows_the_partner_the_relationship_from_their_side(client, bob, partnership):
    client.force_login(bob)

    body = client.get(reverse("home")).content.decode()

    assert "Alice Owner · my report" in body
    assert "Shared with you by Alice Owner" in body


def test_it_shows_owned_and_joined_partnerships_on_home(client, alice, bob, partnership):
    Partnership.objects.create(owner=bob, partner_name="Bob's boss")
    client.force_login(bob)

    body = client.get(reverse("home")).content.decode()

    assert "Alice Owner · my report" in body
    assert "Bob&#x27;s boss · my manager" in body


@pytest.mark.django_db
def test_it_hides_a_partnership_from_a_stranger(client, charlie, partnership):
    client.force_login(charlie)

    assert client.get(reverse("partnership", args=[partnership.pk])).status_code == 404
    assert "Zebulon" not in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("role", ["alice", "bob"])
@pytest.mark.parametrize("assignments", [1, 40])
def test_it_keeps_the_dashboard_to_a_fixed_number_of_queries(
    client, request, partnership, role, assignments, django_assert_max_num_queries
):
    # The overview plans the shared workload, whatever its size, in a fixed number of queries.
    partnership.share_workload = partnership.share_availability = True
    partnership.save(update_fields=["share_workload", "share_availability"])
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
    client.force_login(request.getfixturevalue(role))

    with django_assert_max_num_queries(12):
        page = client.get(reverse("partnership", args=[partnership.pk]))
    assert f"<strong>{assignments}</strong> open" in page.content.decode()


def test_it_keeps_the_home_page_to_a_fixed_number_of_queries(
    client, alice, bob, partnership, django_assert_max_num_queries
):
    for number in range(5):
        Partnership.objects.create(owner=alice, partner_name=f"Report {number}", partner=None)
        Partnership.objects.create(owner=bob, partner_name=f"Peer {number}", partner=alice)
    client.force_login(alice)

    with django_assert_max_num_queries(3):
        assert client.get(reverse("home")).status_code == 200
