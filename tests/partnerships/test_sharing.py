from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tandem.partnerships.models import Kind, Partnership
from tests.conftest import logged_in, send, share

SHARING = ("share_workload", "share_availability", "partner_may_reorder")


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
    response = logged_in(alice).get(reverse("partnership-settings", args=[partnership.pk]))

    switches = response.context["sharing_form"]
    assert [(switch.name, switch.label, switch.value()) for switch in switches] == [
        ("share_workload", "Share my workload", False),
        ("share_availability", "Share my availability as blocked time", False),
        ("partner_may_reorder", "Let my partner reorder priorities", False),
    ]


def test_it_saves_sharing(alice, partnership):
    response = logged_in(alice).post(
        reverse("partnership-settings", args=[partnership.pk]),
        _sharing(share_workload=True, share_availability=True, partner_may_reorder=True),
        follow=True,
    )

    assert "Saved." in response.content.decode()
    assert _flags(partnership) == dict.fromkeys(SHARING, True)


def test_it_turns_sharing_off_again(alice, partnership):
    share(partnership, share_workload=True, share_availability=True)

    logged_in(alice).post(reverse("partnership-settings", args=[partnership.pk]), _sharing())

    assert _flags(partnership) == dict.fromkeys(SHARING, False)


def test_it_explains_that_reordering_needs_a_shared_workload(alice, partnership):
    response = logged_in(alice).post(
        reverse("partnership-settings", args=[partnership.pk]),
        _sharing(share_availability=True, partner_may_reorder=True),
    )

    assert response.status_code == 200
    assert response.context["sharing_form"].errors == {
        "partner_may_reorder": ["Your partner can only reorder priorities of a workload you share."]
    }
    # Said once, at the field: no banner repeating that something is wrong.
    body = response.content.decode()
    assert body.count("Your partner can only reorder priorities of a workload you share.") == 1
    assert 'class="message error"' not in body
    assert _flags(partnership) == dict.fromkeys(SHARING, False)


def test_it_does_not_let_the_partner_change_sharing(bob, partnership):
    response = logged_in(bob).post(
        reverse("partnership-settings", args=[partnership.pk]), _sharing(share_workload=True)
    )

    assert response.status_code == 200
    assert response.context["is_owner"] is False
    assert "sharing_form" not in response.context
    assert _flags(partnership)["share_workload"] is False


def test_it_hides_sharing_from_a_stranger(charlie, partnership):
    response = logged_in(charlie).post(
        reverse("partnership-settings", args=[partnership.pk]), _sharing(share_workload=True)
    )

    assert response.status_code == 404
    assert _flags(partnership)["share_workload"] is False


def test_it_saves_the_details(alice, partnership):
    response = logged_in(alice).post(
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
    share(partnership, share_workload=True)

    logged_in(alice).post(
        reverse("partnership-settings", args=[partnership.pk]),
        {"form": "details", "details-partner_name": "Zeb", "details-kind": "manager"},
    )

    assert _flags(partnership)["share_workload"] is True


def test_it_explains_bad_details_and_saves_nothing(alice, partnership):
    response = logged_in(alice).post(
        reverse("partnership-settings", args=[partnership.pk]),
        {"form": "details", "details-partner_name": "", "details-kind": "boss"},
    )

    assert response.context["details_form"].errors == {
        "partner_name": ["This field is required."],
        "kind": ["Select a valid choice. boss is not one of the available choices."],
    }
    partnership.refresh_from_db()
    assert (partnership.partner_name, partnership.kind) == ("Zebulon Boss", Kind.MY_MANAGER)


def test_it_turns_sharing_off_even_when_the_partner_may_reorder(alice, partnership):
    share(partnership, share_workload=True, partner_may_reorder=True)

    # Only "share my workload" is unticked; "let my partner reorder" is still ticked.
    response = logged_in(alice).post(
        reverse("partnership-settings", args=[partnership.pk]),
        _sharing(partner_may_reorder=True),
        follow=True,
    )

    assert response.redirect_chain == [
        (reverse("partnership-settings", args=[partnership.pk]), 302)
    ]
    assert _flags(partnership) == dict.fromkeys(SHARING, False)
    switches = {switch.name: switch for switch in response.context["sharing_form"]}
    assert switches["partner_may_reorder"].value() is False
    assert switches["partner_may_reorder"].help_text == (
        "Only while your workload is shared: turning sharing off turns this off too."
    )


def test_it_turns_reordering_off_with_sharing_in_the_api(alice, partnership, bearer):
    share(partnership, share_workload=True, partner_may_reorder=True)

    response = send(
        Client(),
        "PATCH",
        f"/api/partnerships/{partnership.pk}",
        bearer(alice),
        {"share_workload": False},
    )

    assert response.status_code == 200
    assert response.json()["sharing"] == {
        "share_workload": False,
        "share_availability": False,
        "partner_may_reorder": False,
    }
    assert _flags(partnership) == dict.fromkeys(SHARING, False)


def test_it_still_refuses_reordering_without_sharing_in_the_api(alice, partnership, bearer):
    share(partnership, share_workload=True)

    response = send(
        Client(),
        "PATCH",
        f"/api/partnerships/{partnership.pk}",
        bearer(alice),
        {"share_workload": False, "partner_may_reorder": True},
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Your partner can only reorder priorities of a workload you share.",
        "field": "partner_may_reorder",
    }
    assert _flags(partnership) == {
        "share_workload": True,
        "share_availability": False,
        "partner_may_reorder": False,
    }


def test_it_says_reordering_went_off_with_sharing(alice, partnership):
    share(partnership, share_workload=True, partner_may_reorder=True)

    response = logged_in(alice).post(
        reverse("partnership-settings", args=[partnership.pk]),
        _sharing(partner_may_reorder=True),
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Saved. Your partner can no longer reorder priorities, since your workload is "
        "not shared any more."
    ]
