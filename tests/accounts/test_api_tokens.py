from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from tandem.accounts.models import ApiToken
from tandem.lib.tokens import token_hash
from tests.conftest import PASSWORD


def _exchange(email: str, password: str, **extra):
    body = json.dumps({"email": email, "password": password, **extra})
    return Client().post("/api/tokens", body, content_type="application/json")


def test_it_exchanges_email_and_password_for_a_working_token(alice):
    response = _exchange("alice@example.com", PASSWORD, name="Work laptop")

    assert response.status_code == 201
    secret = response.json()["token"]
    assert response.json()["name"] == "Work laptop"
    assert ApiToken.objects.get(user=alice).token_hash == token_hash(secret)
    me = Client().get("/api/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.json()["email"] == "alice@example.com"


def test_it_accepts_the_email_in_any_case(alice):
    assert _exchange("Alice@Example.com", PASSWORD).status_code == 201


def test_it_says_when_email_and_password_do_not_match(alice):
    response = _exchange("alice@example.com", "not my password")

    assert response.status_code == 401
    assert response.json() == {"detail": "That e-mail address and password do not match."}
    assert not ApiToken.objects.exists()


def test_it_locks_out_guessing_with_a_json_answer(alice):
    for _ in range(4):
        assert _exchange("alice@example.com", "wrong guess").status_code == 401

    locked = _exchange("alice@example.com", "wrong guess")
    after = _exchange("alice@example.com", PASSWORD)

    assert locked.status_code == 429
    assert locked.json()["detail"].startswith("Too many failed attempts")
    assert after.status_code == 429
    assert not ApiToken.objects.exists()


def test_it_shares_the_lockout_with_the_login_page(client, alice):
    for _ in range(5):
        _exchange("alice@example.com", "wrong guess")

    response = client.post(
        reverse("login"), {"username": "alice@example.com", "password": PASSWORD}
    )

    assert response.status_code == 429


def test_it_does_not_lock_out_other_people(alice, bob):
    for _ in range(5):
        _exchange("alice@example.com", "wrong guess")

    assert _exchange("bob@example.com", PASSWORD).status_code == 201


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body", [{}, {"email": "alice@example.com"}, {"email": "a@b.c", "password": "x", "name": ""}]
)
def test_it_explains_missing_fields(body):
    response = Client().post("/api/tokens", json.dumps(body), content_type="application/json")

    assert response.status_code == 422
    assert response.json()["detail"]


@pytest.mark.parametrize("field", ["email", "password", "name"])
def test_it_refuses_a_nul_character_with_a_reason(alice, field):
    body = {"email": "alice@example.com", "password": PASSWORD, "name": "Laptop"}
    body[field] = body[field][:3] + "\x00" + body[field][3:]

    response = _exchange(**body)

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert response.json()["detail"] == f"{field}: Null characters are not allowed."
    assert not ApiToken.objects.exists()
