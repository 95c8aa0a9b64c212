from __future__ import annotations

import datetime as dt

import time_machine
from django.test import Client
from django.utils import timezone

from tandem.lib.tokens import token_hash
from tandem.partnerships.models import Invitation
from tests.conftest import send


def _create(client: Client, partnership, headers: dict) -> dict:
    response = send(client, "POST", f"/api/partnerships/{partnership.pk}/invitations", headers)
    assert response.status_code == 201, response.content
    return response.json()


def _token(issued: dict) -> str:
    return issued["url"].rstrip("/").rsplit("/", 1)[1]


def test_it_creates_an_invitation_link(client, alice, solo_partnership, bearer):
    issued = _create(client, solo_partnership, bearer(alice))

    assert issued["url"].startswith("http://testserver/invite/inv_")
    assert issued["state"] == "pending"
    invitation = Invitation.objects.get(pk=issued["id"])
    assert invitation.token_hash == token_hash(_token(issued))
    assert client.get(issued["url"]).status_code == 200


def test_it_never_shows_the_link_again(client, alice, solo_partnership, bearer):
    headers = bearer(alice)
    issued = _create(client, solo_partnership, headers)

    listed = client.get(f"/api/partnerships/{solo_partnership.pk}/invitations", headers=headers)

    assert listed.json() == [
        {
            "id": issued["id"],
            "state": "pending",
            "created_at": issued["created_at"],
            "expires_at": issued["expires_at"],
        }
    ]
    assert _token(issued) not in listed.content.decode()


def test_it_revokes_the_pending_link_when_a_new_one_is_made(
    client, alice, solo_partnership, bearer
):
    headers = bearer(alice)
    first = _create(client, solo_partnership, headers)
    second = _create(client, solo_partnership, headers)

    listed = client.get(f"/api/partnerships/{solo_partnership.pk}/invitations", headers=headers)

    assert {(i["id"], i["state"]) for i in listed.json()} == {
        (first["id"], "revoked"),
        (second["id"], "pending"),
    }


def test_it_revokes_a_link(client, alice, charlie, solo_partnership, bearer):
    headers = bearer(alice)
    issued = _create(client, solo_partnership, headers)
    path = f"/api/partnerships/{solo_partnership.pk}/invitations/{issued['id']}"

    response = client.delete(path, headers=headers)

    assert response.status_code == 204
    accept = send(client, "POST", f"/api/invitations/{_token(issued)}/accept", bearer(charlie))
    assert accept.status_code == 410
    assert accept.json()["detail"] == (
        "This invitation was withdrawn. Ask Alice Owner to send you a new one."
    )
    again = client.delete(path, headers=headers)
    assert again.status_code == 409
    assert again.json()["detail"] == "Only a pending invitation can be revoked."


def test_it_lets_the_partner_accept_and_see_their_side(
    client, alice, charlie, solo_partnership, bearer
):
    issued = _create(client, solo_partnership, bearer(alice))

    response = send(client, "POST", f"/api/invitations/{_token(issued)}/accept", bearer(charlie))

    assert response.status_code == 200
    assert {k: response.json()[k] for k in ("id", "role", "kind", "partner_name")} == {
        "id": solo_partnership.pk,
        "role": "partner",
        "kind": "manager",  # Alice's report has Alice as manager
        "partner_name": "Alice Owner",
    }
    solo_partnership.refresh_from_db()
    assert solo_partnership.partner == charlie
    owner_view = client.get(f"/api/partnerships/{solo_partnership.pk}", headers=bearer(alice))
    assert owner_view.json()["partner_joined"] is True


def test_it_lets_a_link_work_once(client, alice, bob, charlie, solo_partnership, bearer):
    token = _token(_create(client, solo_partnership, bearer(alice)))
    send(client, "POST", f"/api/invitations/{token}/accept", bearer(charlie))

    response = send(client, "POST", f"/api/invitations/{token}/accept", bearer(bob))

    assert response.status_code == 410
    assert response.json()["detail"] == (
        "This invitation has already been used. Each link works once."
    )
    solo_partnership.refresh_from_db()
    assert solo_partnership.partner == charlie


def test_it_does_not_let_the_owner_accept(client, alice, solo_partnership, bearer):
    headers = bearer(alice)
    token = _token(_create(client, solo_partnership, headers))

    response = send(client, "POST", f"/api/invitations/{token}/accept", headers)

    assert response.status_code == 410
    assert response.json()["detail"] == (
        "This is your own invitation. Send the link to your partner instead."
    )


def test_it_explains_an_expired_link(client, alice, charlie, solo_partnership, bearer):
    token = _token(_create(client, solo_partnership, bearer(alice)))
    headers = bearer(charlie)

    with time_machine.travel(timezone.now() + dt.timedelta(days=15)):
        response = send(client, "POST", f"/api/invitations/{token}/accept", headers)

    assert response.status_code == 410
    assert response.json()["detail"].startswith("This invitation expired on ")
    assert response.json()["detail"].endswith("Ask Alice Owner to send you a new one.")
    solo_partnership.refresh_from_db()
    assert solo_partnership.partner is None


def test_it_explains_an_unknown_token(client, charlie, bearer):
    response = send(client, "POST", "/api/invitations/inv_nothing/accept", bearer(charlie))

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "This invitation link is not valid. Check that you copied all of it."
    )


def test_it_does_not_invite_when_the_partner_joined(client, alice, partnership, bearer):
    response = send(
        client, "POST", f"/api/partnerships/{partnership.pk}/invitations", bearer(alice)
    )

    assert response.status_code == 409
    assert response.json()["detail"] == "Bob Partner has already joined this partnership."


def test_it_keeps_invitations_from_partner_and_stranger(
    client, alice, bob, charlie, partnership, solo_partnership, bearer
):
    issued = _create(client, solo_partnership, bearer(alice))
    accepted = Invitation.objects.get(partnership=partnership)

    for person in (bob, charlie):
        headers = bearer(person)
        for pk, invitation_pk in (
            (partnership.pk, accepted.pk),
            (solo_partnership.pk, issued["id"]),
        ):
            base = f"/api/partnerships/{pk}/invitations"
            assert client.get(base, headers=headers).status_code == 404
            assert send(client, "POST", base, headers).status_code == 404
            assert client.delete(f"{base}/{invitation_pk}", headers=headers).status_code == 404

    assert Invitation.objects.get(pk=issued["id"]).state == Invitation.State.PENDING


def test_it_does_not_revoke_an_invitation_through_another_partnership(
    client, alice, partnership, solo_partnership, bearer
):
    headers = bearer(alice)
    issued = _create(client, solo_partnership, headers)

    response = client.delete(
        f"/api/partnerships/{partnership.pk}/invitations/{issued['id']}", headers=headers
    )

    assert response.status_code == 404
    assert Invitation.objects.get(pk=issued["id"]).state == Invitation.State.PENDING
