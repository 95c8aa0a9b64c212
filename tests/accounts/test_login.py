from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.accounts.client_address import forwarded_client_ip
from tests.conftest import PASSWORD


def _login(client, email: str, password: str, **extra):
    return client.post(reverse("login"), {"username": email, "password": password, **extra})


def _user_id(client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value is not None else None


def test_it_logs_in_with_email_and_password(client, alice):
    response = _login(client, "alice@example.com", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert _user_id(client) == alice.pk


def test_it_accepts_the_email_in_any_case(client, alice):
    response = _login(client, "  Alice@Example.COM ", PASSWORD)

    assert response.status_code == 302
    assert _user_id(client) == alice.pk


def test_it_says_when_email_and_password_do_not_match(client, alice):
    response = _login(client, "alice@example.com", "not my password")

    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors() == [
        "That e-mail address and password do not match. Check both and try again."
    ]
    assert form["username"].value() == "alice@example.com"
    assert _user_id(client) is None


def test_it_gives_the_same_message_for_an_unknown_email(client, alice):
    response = _login(client, "nobody@example.com", PASSWORD)

    assert response.context["form"].non_field_errors() == [
        "That e-mail address and password do not match. Check both and try again."
    ]


def test_it_follows_a_local_next(client, alice):
    response = _login(client, "alice@example.com", PASSWORD, next="/settings/tokens/")

    assert response["Location"] == "/settings/tokens/"


def test_it_ignores_a_next_to_another_site(client, alice):
    response = _login(client, "alice@example.com", PASSWORD, next="https://evil.example/")

    assert response["Location"] == reverse("home")


def test_it_locks_the_email_out_after_five_failures(client, alice):
    for _ in range(4):
        assert _login(client, "alice@example.com", "wrong guess").status_code == 200

    response = _login(client, "alice@example.com", "wrong guess")

    assert response.status_code == 429
    body = response.content.decode()
    assert "Too many failed log-ins" in body
    assert "logging in with this e-mail address is paused" in body
    assert reverse("password_reset") in body


def test_it_says_how_long_the_lockout_lasts_in_words(client, alice):
    for _ in range(5):
        response = _login(client, "alice@example.com", "wrong guess")

    assert "paused for 15 minutes" in response.content.decode()


def test_it_keeps_the_lockout_even_for_the_right_password(client, alice):
    for _ in range(5):
        _login(client, "alice@example.com", "wrong guess")

    response = _login(client, "alice@example.com", PASSWORD)

    assert response.status_code == 429
    assert _user_id(client) is None


def test_it_cannot_be_dodged_by_changing_the_case(client, alice):
    for _ in range(5):
        _login(client, "alice@example.com", "wrong guess")

    response = _login(client, "ALICE@example.com", PASSWORD)

    assert response.status_code == 429
    assert _user_id(client) is None


def test_it_does_not_lock_out_other_addresses(client, alice, bob):
    for _ in range(5):
        _login(client, "alice@example.com", "wrong guess")

    response = _login(client, "bob@example.com", PASSWORD)

    assert response.status_code == 302
    assert _user_id(client) == bob.pk


def test_it_forgets_failures_after_a_successful_login(client, alice):
    for _ in range(4):
        _login(client, "alice@example.com", "wrong guess")
    _login(client, "alice@example.com", PASSWORD)
    client.post(reverse("logout"))

    for _ in range(4):
        response = _login(client, "alice@example.com", "wrong guess")

    assert response.status_code == 200


def test_it_logs_out_only_by_post(client, alice):
    client.force_login(alice)

    assert client.get(reverse("logout")).status_code == 405
    assert _user_id(client) == alice.pk

    response = client.post(reverse("logout"))

    assert response["Location"] == reverse("login")
    assert _user_id(client) is None
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_it_says_you_are_logged_out(client, alice):
    client.force_login(alice)

    response = client.post(reverse("logout"), follow=True)

    assert "You are logged out." in response.content.decode()


@pytest.mark.django_db
def test_it_sends_anonymous_visitors_to_login_and_back(client):
    response = client.get(reverse("settings"))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/settings/"


@pytest.mark.parametrize(
    ("forwarded_for", "seen"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("198.51.100.7, 203.0.113.9", "203.0.113.9"),  # the left one is the visitor's claim
        (" 2001:db8::1 ", "2001:db8::1"),
        ("", "10.0.0.2"),  # no header: the connecting address
        ("unknown", "10.0.0.2"),
    ],
)
def test_it_reads_the_visitor_address_the_proxy_added(rf, forwarded_for, seen):
    request = rf.post("/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded_for)

    assert forwarded_client_ip(request) == seen
