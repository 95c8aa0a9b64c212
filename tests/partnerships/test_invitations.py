from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import User
from tandem.lib.tokens import token_hash
from tandem.partnerships.models import Invitation
from tests.conftest import PASSWORD, logged_in

NEW_PASSWORD = "a quiet walk by the river"


def _new_link(client: Client, partnership) -> str:
    """Creates an invitation as the owner and returns the link shown on the settings page."""
    response = client.post(reverse("invitation-create", args=[partnership.pk]), follow=True)
    link = response.context["new_link"]
    assert link and link in response.content.decode(), "the new link is shown"
    return link


def _path(link: str) -> str:
    return link.removeprefix("http://testserver")


def test_it_shows_a_new_link_once(alice_client, solo_partnership):
    link = _new_link(alice_client, solo_partnership)

    assert link.startswith("http://testserver/invite/inv_")
    page = alice_client.get(reverse("partnership-settings", args=[solo_partnership.pk]))
    assert page.context["new_link"] is None
    assert link not in page.content.decode()
    assert [i.state for i in page.context["invitations"]] == [Invitation.State.PENDING]


def test_it_stores_only_the_hash_of_the_link(alice_client, solo_partnership):
    link = _new_link(alice_client, solo_partnership)
    token = _path(link).split("/")[2]

    invitation = Invitation.objects.get()
    assert invitation.token_hash == token_hash(token)
    assert token not in invitation.token_hash


def test_it_lets_the_link_work_for_fourteen_days(alice_client, solo_partnership):
    created = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(created, tick=False):
        link = _new_link(alice_client, solo_partnership)

    assert Invitation.objects.get().expires_at == created + dt.timedelta(days=14)
    with time_machine.travel(created + dt.timedelta(days=13, hours=23)):
        assert Client().get(_path(link)).status_code == 200


def test_it_explains_an_expired_link(alice_client, charlie, solo_partnership):
    link = _new_link(alice_client, solo_partnership)
    expires = Invitation.objects.get().expires_at
    visitor = logged_in(charlie)

    with time_machine.travel(timezone.now() + dt.timedelta(days=14, minutes=1)):
        page = visitor.get(_path(link))
        joined = visitor.post(_path(link))

    assert page.status_code == 410
    assert page.context["problem"] == (
        f"This invitation expired on {expires:%d %b %Y}. Ask Alice Owner to send you a new one."
    )
    assert joined.status_code == 410
    solo_partnership.refresh_from_db()
    assert solo_partnership.partner is None


def test_it_revokes_the_old_link_when_a_new_one_is_made(alice_client, charlie, solo_partnership):
    old = _new_link(alice_client, solo_partnership)
    new = _new_link(alice_client, solo_partnership)

    response = Client().get(_path(old))

    assert response.status_code == 410
    assert response.context["problem"] == (
        "This invitation was withdrawn. Ask Alice Owner to send you a new one."
    )
    assert Client().get(_path(new)).status_code == 200


def test_it_explains_a_revoked_link(alice_client, charlie, solo_partnership):
    link = _new_link(alice_client, solo_partnership)
    invitation = Invitation.objects.get()

    response = alice_client.post(
        reverse("invitation-revoke", args=[solo_partnership.pk, invitation.pk]), follow=True
    )

    assert "The link no longer works." in response.content.decode()
    page = logged_in(charlie).post(_path(link), follow=True)
    assert page.context["problem"] == (
        "This invitation was withdrawn. Ask Alice Owner to send you a new one."
    )
    solo_partnership.refresh_from_db()
    assert solo_partnership.partner is None


def test_it_lets_a_signed_in_person_join(alice, alice_client, charlie, solo_partnership):
    link = _new_link(alice_client, solo_partnership)
    visitor = logged_in(charlie)

    page = visitor.get(_path(link))
    assert page.context["invitation"] == Invitation.objects.get()
    assert (page.context["owner"], page.context["role"], page.context["problem"]) == (
        alice,
        "their report",
        None,
    )
    assert "Join as Charlie Stranger" in page.content.decode()
    response = visitor.post(_path(link), follow=True)

    assert response.redirect_chain == [(reverse("partnership", args=[solo_partnership.pk]), 302)]
    assert "You joined Alice Owner&#x27;s partnership. Welcome to Tandem." in (
        response.content.decode()
    )
    solo_partnership.refresh_from_db()
    assert solo_partnership.partner == charlie
    assert solo_partnership.joined_at is not None


def test_it_works_only_once(alice_client, bob, charlie, solo_partnership):
    link = _new_link(alice_client, solo_partnership)
    logged_in(charlie).post(_path(link))

    response = logged_in(bob).post(_path(link), follow=True)

    assert response.context["problem"] == (
        "This invitation has already been used. Each link works once."
    )
    solo_partnership.refresh_from_db()
    assert solo_partnership.partner == charlie


def test_it_does_not_let_the_owner_accept_their_own_link(alice_client, solo_partnership):
    link = _new_link(alice_client, solo_partnership)

    page = alice_client.get(_path(link))
    response = alice_client.post(_path(link), follow=True)

    assert page.status_code == 410
    assert response.context["problem"] == (
        "This is your own invitation. Send the link to your partner instead."
    )
    solo_partnership.refresh_from_db()
    assert solo_partnership.partner is None


@pytest.mark.django_db
def test_it_refuses_a_link_that_was_mistyped(client):
    response = client.get("/invite/inv_not-a-real-token/")

    assert response.status_code == 404
    assert response.context["problem"] == (
        "This invitation link is not valid. Check that you copied all of it."
    )


def test_it_offers_a_visitor_sign_up_and_log_in_that_come_back(alice_client, solo_partnership):
    path = _path(_new_link(alice_client, solo_partnership))

    body = Client().get(path).content.decode()

    assert f'href="{reverse("signup")}?next={path}">Create an account to join' in body
    assert f'href="{reverse("login")}?next={path}">I have an account' in body
    assert "Join as" not in body


def test_it_lets_a_new_person_sign_up_and_join(alice_client, solo_partnership):
    path = _path(_new_link(alice_client, solo_partnership))
    visitor = Client()

    signup_page = visitor.get(f"{reverse('signup')}?next={path}")
    assert signup_page.context["next"] == path
    signed_up = visitor.post(
        reverse("signup"),
        {
            "display_name": "Rita Report",
            "email": "rita@example.com",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "time_zone": "Europe/Paris",
            "next": path,
        },
    )
    assert signed_up["Location"] == path
    joined = visitor.post(path)

    assert joined["Location"] == reverse("partnership", args=[solo_partnership.pk])
    rita = User.objects.get(email="rita@example.com")
    solo_partnership.refresh_from_db()
    assert solo_partnership.partner == rita
    rows = alice_client.get(reverse("home")).context["rows"]
    assert [(p.partner, owned) for p, _, owned in rows] == [(rita, True)]
    settings_page = alice_client.get(reverse("partnership-settings", args=[solo_partnership.pk]))
    assert settings_page.context["partnership"].partner.email == "rita@example.com"


def test_it_lets_an_existing_person_log_in_and_join(alice_client, charlie, solo_partnership):
    path = _path(_new_link(alice_client, solo_partnership))
    visitor = Client()

    logged_in = visitor.post(
        reverse("login"),
        {"username": "charlie@example.com", "password": PASSWORD, "next": path},
    )
    assert logged_in["Location"] == path
    visitor.post(path)

    solo_partnership.refresh_from_db()
    assert solo_partnership.partner == charlie


def test_it_does_not_let_an_anonymous_post_join(alice_client, solo_partnership):
    path = _path(_new_link(alice_client, solo_partnership))

    Client().post(path)

    solo_partnership.refresh_from_db()
    assert solo_partnership.partner is None
    assert Invitation.objects.get().state == Invitation.State.PENDING


def test_it_does_not_create_a_link_once_the_partner_joined(alice_client, partnership):
    response = alice_client.post(reverse("invitation-create", args=[partnership.pk]), follow=True)

    assert "Bob Partner has already joined this partnership." in response.content.decode()
    assert partnership.invitations.pending().count() == 0


def test_it_lets_only_the_owner_create_or_revoke_links(client, bob, charlie, solo_partnership):
    _new_link(logged_in(solo_partnership.owner), solo_partnership)
    invitation = Invitation.objects.get()

    for person in (bob, charlie):
        client.force_login(person)
        create = client.post(reverse("invitation-create", args=[solo_partnership.pk]))
        revoke = client.post(
            reverse("invitation-revoke", args=[solo_partnership.pk, invitation.pk])
        )
        assert (create.status_code, revoke.status_code) == (404, 404)

    assert Invitation.objects.get().state == Invitation.State.PENDING
