from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tandem.partnerships.models import Kind, Partnership

SHARING = ("share_workload", "share_availability", "partner_may_reorder")


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _sharing(**on) -> dict:
    data = {"form": "sharing"}
    data.update({f"sharing-{name}": "on" for name, value in on.items() if value})
    return data


def _flags(partnership) -> dict[str, bool]:
    partnership.refresh_from_db()
    return {name: getattr(partnership, name) for name in SHARING}


@pytest.mark.django_db
def test_it_keeps_everything_private_by_default(alice):
    partnership = Partnership.objects.create(owner=alice, partner_name="New Boss")

    assert _flags(partnership) == dict.fromkeys(SHARING, False)


def test_it_shows_every_switch_off_at_first(alice, partnership):
    body = _as(alice).get(reverse("partnership-settings", args=[partnership.pk])).content.decode()

    assert "Share my workload" in body
    assert "Share my availability as blocked time" in body
    assert "Let my partner reorder priorities" in body
    switches = re.findall(r'<input type="checkbox" name="sharing-[^>]*>', body)
    assert len(switches) == 3
    assert not [switch for switch in switches if "checked" in switch]


def test_it_saves_sharing(alice, partnership):
    response = _as(alice).post(
        reverse("partnership-settings", args=[partnership.pk]),
        _sharing(share_workload=True, share_availability=True, partner_may_reorder=True),
        follow=True,
    )

    assert "Saved." in response.content.decode()
    assert _flags(partnership) == dict.fromkeys(SHARING, True)


def test_it_turns_sharing_off_again(alice, partnership):
    partnership.share_workload = partnership.share_availability = True
    partnership.save()

    _as(alice).post(reverse("partnership-settings", args=[partnership.pk]), _sharing())

    assert _flags(partnership) == dict.fromkeys(SHARING, False)


def test_it_explains_that_reordering_needs_a_shared_workload(alice, partnership):
    response = _as(alice).post(
        reverse("partnership-settings", args=[partnership.pk]),
        _sharing(share_availability=True, partner_may_reorder=True),
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "Your partner can only reorder priorities of a workload you share." in body
    assert "That could not be saved; see the message below." in body
    assert _flags(partnership) == dict.fromkeys(SHARING, False)


def test_it_does_not_let_the_partner_change_sharing(bob, partnership):
    response = _as(bob).post(
        reverse("partnership-settings", args=[partnership.pk]), _sharing(share_workload=True)
    )

    assert response.status_code == 200
    assert "Leave this partnership" in response.content.decode()
    assert _flags(partnership)["share_workload"] is False


def test_it_hides_sharing_from_a_stranger(charlie, partnership):
    response = _as(charlie).post(
        reverse("partnership-settings", args=[partnership.pk]), _sharing(share_workload=True)
    )

    assert response.status_code == 404
    assert _flags(partnership)["share_workload"] is False


def test_it_saves_the_details(alice, partnership):
    response = _as(alice).post(
        reverse("partnership-settings", args=[partnership.pk]),
        {
            "form": "details",
            "details-partner_name": "Zeb",
            "details-kind": "peer",
            "details-partner_email": "zeb@example.com",
        },
    )

    assert response.status_code == 302
    partnership.refresh_from_db()
    assert (partnership.partner_name, partnership.kind, partnership.partner_email) == (
        "Zeb",
        Kind.PEER,
        "zeb@example.com",
    )


def test_it_keeps_sharing_when_the_details_are_saved(alice, partnership):
    partnership.share_workload = True
    partnership.save(update_fields=["share_workload"])

    _as(alice).post(
        reverse("partnership-settings", args=[partnership.pk]),
        {"form": "details", "details-partner_name": "Zeb", "details-kind": "manager"},
    )

    assert _flags(partnership)["share_workload"] is True


def test_it_explains_bad_details_and_saves_nothing(alice, partnership):
    response = _as(alice).post(
        reverse("partnership-settings", args=[partnership.pk]),
        {"form": "details", "details-partner_name": "", "details-kind": "boss"},
    )

    body = response.content.decode()
    assert "This field is required." in body
    assert "Select a valid choice. boss is not one of the available choices." in body
    partnership.refresh_from_db()
    assert (partnership.partner_name, partnership.kind) == ("Zebulon Boss", Kind.MY_MANAGER)
