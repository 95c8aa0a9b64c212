from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, logged_in, send

NEW_PASSWORD = "a brand new sentence for me"


def _reset_link(message) -> str:
    match = re.search(r"http://testserver(/password/reset/[^/\s]+/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_it_sends_one_reset_email_with_text_and_html(client, alice):
    response = client.post(reverse("password_reset"), {"email": "alice@example.com"})

    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert message.subject == "Reset your Tandem password"
    assert "Hello Alice Owner," in message.body
    link = _reset_link(message)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://testserver{link}"' in html


def test_it_finds_the_account_whatever_the_case_of_the_address(client, alice):
    client.post(reverse("password_reset"), {"email": "Alice@EXAMPLE.com"})

    assert [m.to for m in mail.outbox] == [["alice@example.com"]]


def test_it_lets_the_link_set_a_new_password(client, alice):
    client.post(reverse("password_reset"), {"email": "alice@example.com"})
    link = _reset_link(mail.outbox[0])

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response["Location"] == reverse("password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    login = client.post(
        reverse("login"), {"username": "alice@example.com", "password": NEW_PASSWORD}
    )
    assert login.status_code == 302
    assert int(client.session["_auth_user_id"]) == alice.pk


def test_it_rejects_a_weak_new_password_on_the_link_page(client, alice):
    client.post(reverse("password_reset"), {"email": "alice@example.com"})
    set_url = client.get(_reset_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]

    response = client.post(set_url, {"new_password1": "password1", "new_password2": "password1"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "new_password2": [
            "This password is too short. It must contain at least 10 characters.",
            "This password is too common.",
        ]
    }
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_it_lets_a_link_work_only_once(client, alice):
    client.post(reverse("password_reset"), {"email": "alice@example.com"})
    link = _reset_link(mail.outbox[0])
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = client.get(link, follow=True)

    assert response.context["validlink"] is False


@pytest.mark.django_db
def test_it_shows_the_same_page_and_sends_nothing_for_an_unknown_address(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"}, follow=True)

    assert response.redirect_chain == [(reverse("password_reset_done"), 302)]
    body = response.content.decode()
    assert "Check your e-mail" in body
    assert "If an account uses that address" in body
    assert mail.outbox == []


def test_it_says_when_the_old_password_is_wrong(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": "not my password",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "old_password": ["Your old password was entered incorrectly. Please enter it again."]
    }
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_it_changes_the_password_and_keeps_you_logged_in(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("settings"), 302)]
    assert "Your password is changed." in response.content.decode()
    assert client.get(reverse("home")).status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_it_ends_other_sessions_when_the_password_changes(client, alice):
    elsewhere = logged_in(alice)
    client.force_login(alice)

    client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert elsewhere.get(reverse("home"))["Location"].startswith(reverse("login"))


def _api_me(headers: dict) -> int:
    """The status /api/me gives a fresh browser that has only the token."""
    return send(Client(), "GET", "/api/me", headers).status_code


def _change(client, **extra):
    return client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
            **extra,
        },
        follow=True,
    )


def test_it_offers_to_revoke_every_token_ticked_by_default(alice_client):
    response = alice_client.get(reverse("password_change"))

    switch = response.context["form"]["revoke_tokens"]
    assert switch.label == "Revoke all my API tokens"
    assert switch.value() is True
    assert re.search(r'<input type="checkbox" name="revoke_tokens"[^>]* checked>', response.text)


def test_it_revokes_every_token_when_the_password_changes(alice_client, alice, bob, bearer):
    laptop, phone, bobs = bearer(alice), bearer(alice), bearer(bob)

    response = _change(alice_client, revoke_tokens="on")

    assert "Your password is changed. 2 API tokens were revoked." in response.content.decode()
    assert (_api_me(laptop), _api_me(phone)) == (401, 401)
    assert _api_me(bobs) == 200
    assert alice_client.get(reverse("api-tokens")).context["tokens"].count() == 0


def test_it_says_one_token_in_the_singular(alice_client, alice, bearer):
    bearer(alice)

    response = _change(alice_client, revoke_tokens="on")

    assert "Your password is changed. 1 API token was revoked." in response.content.decode()


def test_it_keeps_the_tokens_when_the_box_is_unticked(alice_client, alice, bearer):
    laptop = bearer(alice)

    response = _change(alice_client)

    body = response.content.decode()
    assert "Your password is changed." in body
    assert "revoked" not in body
    assert _api_me(laptop) == 200


def test_it_revokes_every_token_on_a_password_reset(client, alice, bob, bearer):
    laptop, phone, bobs = bearer(alice), bearer(alice), bearer(bob)
    client.post(reverse("password_reset"), {"email": "alice@example.com"})
    set_url = client.get(_reset_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]

    response = client.post(
        set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )

    assert response.redirect_chain == [(reverse("password_reset_complete"), 302)]
    assert "2 API tokens were revoked." in response.content.decode()
    assert (_api_me(laptop), _api_me(phone)) == (401, 401)
    assert _api_me(bobs) == 200
