from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.test import Client
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


def _login(client, email: str, password: str):
    return client.post(reverse("login"), {"username": email, "password": password})


def _login_records(email: str) -> dict[str, int]:
    return {
        model.__name__: model.objects.filter(username=email).count()
        for model in (AccessAttempt, AccessLog, AccessFailureLog)
    }


def _sessions_of(user_id: int) -> int:
    return sum(
        1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user_id)
    )


def test_it_deletes_the_login_records_and_sessions_too(settings, alice, bob):
    settings.AXES_ENABLE_ACCESS_FAILURE_LOG = True
    browsers = [Client() for _ in range(3)]
    _login(browsers[0], "alice@example.com", "a wrong guess")
    for browser in browsers:
        assert _login(browser, "alice@example.com", PASSWORD).status_code == 302
    _login(Client(), "bob@example.com", "a wrong guess")
    _login(Client(), "bob@example.com", PASSWORD)
    assert _login_records("alice@example.com") == {
        "AccessAttempt": 0,  # cleared by the successful log-in
        "AccessLog": 3,
        "AccessFailureLog": 1,
    }
    _login(Client(), "alice@example.com", "a wrong guess")  # a failure left behind
    assert _login_records("alice@example.com") == {
        "AccessAttempt": 1,
        "AccessLog": 3,
        "AccessFailureLog": 2,
    }
    assert _sessions_of(alice.pk) == 3

    browsers[0].post(reverse("delete-account"), {"password": PASSWORD})

    assert _login_records("alice@example.com") == {
        "AccessAttempt": 0,
        "AccessLog": 0,
        "AccessFailureLog": 0,
    }
    assert _sessions_of(alice.pk) == 0
    # Bob's records and session are his own and stay.
    assert _login_records("bob@example.com") == {
        "AccessAttempt": 0,
        "AccessLog": 1,
        "AccessFailureLog": 1,
    }
    assert _sessions_of(bob.pk) == 1
