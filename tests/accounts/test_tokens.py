from __future__ import annotations

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
    secret = response.context["new_secret"]
    assert secret.startswith("tdm_")
    assert secret in response.content.decode(), "the new token is shown"
    return secret


def test_it_shows_a_new_token_once(alice_client):
    secret = _create(alice_client)

    page = alice_client.get(reverse("api-tokens"))

    assert secret not in page.content.decode()
    assert page.context["new_secret"] is None
    assert [(t.name, t.hint) for t in page.context["tokens"]] == [
        ("Laptop terminal", secret[:10])  # the hint that tells tokens apart
    ]


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
    [unused] = alice_client.get(reverse("api-tokens")).context["tokens"]
    assert unused.last_used_at is None

    _api_me(secret)

    [used] = alice_client.get(reverse("api-tokens")).context["tokens"]
    assert used.last_used_at is not None


def test_it_needs_a_name(alice_client, alice):
    response = alice_client.post(reverse("api-tokens"), {"name": ""})

    assert response.context["form"].errors == {"name": ["This field is required."]}
    assert response.context["new_secret"] is None
    assert not ApiToken.objects.exists()


def test_it_stops_a_revoked_token_working(alice_client, alice):
    secret = _create(alice_client)
    token = ApiToken.objects.get(user=alice)

    response = alice_client.post(reverse("api-token-revoke", args=[token.pk]), follow=True)

    assert "The token “Laptop terminal” no longer works." in response.content.decode()
    assert list(response.context["tokens"]) == []
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


def test_it_lists_only_my_tokens(alice_client, alice, charlie):
    ApiToken.issue(charlie, "Charlie's script")
    ApiToken.issue(alice, "Alice's laptop")

    response = alice_client.get(reverse("api-tokens"))

    assert [token.name for token in response.context["tokens"]] == ["Alice's laptop"]


def test_it_refuses_a_token_of_a_deactivated_person(client, alice):
    _, secret = ApiToken.issue(alice, "laptop")
    alice.is_active = False
    alice.save(update_fields=["is_active"])

    assert _api_me(secret).status_code == 401
