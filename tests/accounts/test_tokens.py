from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from tandem.accounts.models import ApiToken
from tandem.lib.tokens import token_hash


def _api_me(secret: str):
    """/api/me from a fresh browser that has no session, only the token."""
    return Client().get("/api/me", headers={"Authorization": f"Bearer {secret}"})


def _create(client, name: str = "Laptop terminal") -> str:
    response = client.post(reverse("api-tokens"), {"name": name})
    assert response.status_code == 200
    match = re.search(
        r'id="new-token" type="text" readonly value="(tdm_[^"]+)"', response.content.decode()
    )
    assert match, "the new token is shown"
    return match.group(1)


def test_it_shows_a_new_token_once(alice_client):
    secret = _create(alice_client)

    page = alice_client.get(reverse("api-tokens")).content.decode()

    assert secret not in page
    assert "Copy your new token now." not in page
    assert "Laptop terminal" in page
    assert secret[:10] in page  # the hint that tells tokens apart


def test_it_stores_only_the_hash(alice_client, alice):
    secret = _create(alice_client)

    token = ApiToken.objects.get(user=alice)
    assert token.token_hash == token_hash(secret)
    assert not ApiToken.objects.filter(token_hash=secret).exists()
    assert secret not in {token.name, token.hint, token.token_hash}


def test_it_lets_the_token_use_the_api(alice_client, alice):
    secret = _create(alice_client)

    response = _api_me(secret)

    assert response.status_code == 200
    assert response.json()["email"] == "alice@example.com"


def test_it_records_when_a_token_was_last_used(alice_client, alice):
    secret = _create(alice_client)
    assert "never used" in alice_client.get(reverse("api-tokens")).content.decode()

    _api_me(secret)

    assert ApiToken.objects.get(user=alice).last_used_at is not None
    assert "never used" not in alice_client.get(reverse("api-tokens")).content.decode()


def test_it_needs_a_name(alice_client, alice):
    response = alice_client.post(reverse("api-tokens"), {"name": ""})

    body = response.content.decode()
    assert "This field is required." in body
    assert "Copy your new token now." not in body
    assert not ApiToken.objects.exists()


def test_it_stops_a_revoked_token_working(alice_client, alice):
    secret = _create(alice_client)
    token = ApiToken.objects.get(user=alice)

    response = alice_client.post(reverse("api-token-revoke", args=[token.pk]), follow=True)

    assert "The token “Laptop terminal” no longer works." in response.content.decode()
    assert "Laptop terminal</strong>" not in response.content.decode()
    api = _api_me(secret)
    assert api.status_code == 401
    assert "detail" in api.json()


def test_it_cannot_revoke_someone_elses_token(client, charlie, alice):
    token, secret = ApiToken.issue(alice, "Alice's laptop")
    client.force_login(charlie)

    response = client.post(reverse("api-token-revoke", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert _api_me(secret).status_code == 200


def test_it_lists_only_my_tokens(client, alice, charlie):
    ApiToken.issue(charlie, "Charlie's script")
    client.force_login(alice)

    assert "Charlie" not in client.get(reverse("api-tokens")).content.decode()


def test_it_refuses_a_token_of_a_deactivated_person(client, alice):
    _, secret = ApiToken.issue(alice, "laptop")
    alice.is_active = False
    alice.save(update_fields=["is_active"])

    assert _api_me(secret).status_code == 401
