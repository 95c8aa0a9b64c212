from __future__ import annotations

from django.urls import reverse

from tandem.accounts.models import ApiToken, User, WorkingDay
from tandem.partnerships import services
from tandem.partnerships.models import Invitation, Partnership
from tests.conftest import PASSWORD


def test_it_needs_the_current_password(client, alice):
    client.force_login(alice)

    response = client.post(reverse("delete-account"), {"password": "not my password"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"password": ["That is not your current password."]}
    assert User.objects.filter(pk=alice.pk).exists()


def test_it_needs_a_password_at_all(client, alice):
    client.force_login(alice)

    response = client.post(reverse("delete-account"), {"password": ""})

    assert response.context["form"].errors == {"password": ["This field is required."]}
    assert User.objects.filter(pk=alice.pk).exists()


def test_it_deletes_the_person_and_logs_them_out(client, alice):
    client.force_login(alice)
    ApiToken.issue(alice, "laptop")

    response = client.post(reverse("delete-account"), {"password": PASSWORD}, follow=True)

    assert response.redirect_chain == [(reverse("login"), 302)]
    assert "Your account and all its data are deleted." in response.content.decode()
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not ApiToken.objects.exists()
    assert not WorkingDay.objects.filter(user_id=alice.pk).exists()
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_it_deletes_owned_partnerships_and_their_invitations(
    client, alice, partnership, solo_partnership
):
    services.invitation_create(solo_partnership)
    client.force_login(alice)

    client.post(reverse("delete-account"), {"password": PASSWORD})

    assert not Partnership.objects.exists()
    assert not Invitation.objects.exists()


def test_it_leaves_a_joined_partnership_to_its_owner_without_partner(
    client, alice, bob, partnership
):
    client.force_login(bob)

    client.post(reverse("delete-account"), {"password": PASSWORD})

    partnership.refresh_from_db()
    assert partnership.owner == alice
    assert partnership.partner is None
    assert partnership.joined_at is None
    client.force_login(alice)
    dashboard = client.get(reverse("partnership", args=[partnership.pk])).content.decode()
    assert "Working solo for now." in dashboard
    # Alice can invite someone again.
    assert client.post(reverse("invitation-create", args=[partnership.pk])).status_code == 302
    assert partnership.invitations.pending().count() == 1


def test_it_keeps_other_people(client, alice, bob, charlie, partnership):
    client.force_login(charlie)

    client.post(reverse("delete-account"), {"password": PASSWORD})

    assert set(User.objects.values_list("email", flat=True)) == {
        "alice@example.com",
        "bob@example.com",
    }
    partnership.refresh_from_db()
    assert partnership.partner == bob
