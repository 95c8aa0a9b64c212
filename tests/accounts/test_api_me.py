from __future__ import annotations

import pytest
from django.test import Client

from tandem.accounts.models import ApiToken
from tests.conftest import logged_in, send


def test_it_tells_a_token_holder_who_they_are(client, alice, bearer):
    response = client.get("/api/me", headers=bearer(alice))

    assert response.status_code == 200
    assert response.json() == {
        "id": alice.pk,
        "email": "alice@example.com",
        "display_name": "Alice Owner",
        "time_zone": "Europe/London",
        "focus_factor": 0.7,
        "working_hours": [
            {"weekday": weekday, "start": "09:00", "end": "17:30"} for weekday in range(5)
        ],
    }


def test_it_answers_for_the_token_owner_only(client, alice, bob, bearer):
    assert client.get("/api/me", headers=bearer(bob)).json()["email"] == "bob@example.com"


def test_it_accepts_the_browser_session(alice):
    assert logged_in(alice).get("/api/me").json()["email"] == "alice@example.com"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer tdm_made-up"}, {"Authorization": "Basic YWxpY2U6eA=="}],
)
def test_it_asks_for_authentication(client, headers):
    response = client.get("/api/me", headers=headers)

    assert response.status_code == 401
    assert response.json()["detail"] == "Authentication required: send a Bearer token or log in."


def test_it_refuses_a_session_write_without_csrf_token(alice):
    browser = logged_in(alice, enforce_csrf_checks=True)

    response = send(browser, "PATCH", "/api/me", {}, {"display_name": "Mallory"})

    assert response.status_code == 403
    assert response.json()["detail"].startswith("CSRF check failed: send the X-CSRFToken header")
    alice.refresh_from_db()
    assert alice.display_name == "Alice Owner"


@pytest.mark.django_db
def test_it_asks_an_anonymous_write_to_authenticate_rather_than_for_a_csrf_token():
    # As a script or a browser without a session really calls: CSRF checks enforced.
    anonymous = Client(enforce_csrf_checks=True)

    response = send(anonymous, "PATCH", "/api/me", {}, {"display_name": "Mallory"})

    assert response.status_code == 401
    assert response.json()["detail"] == "Authentication required: send a Bearer token or log in."


def test_it_accepts_a_session_write_with_the_csrf_token(alice):
    browser = logged_in(alice, enforce_csrf_checks=True)
    browser.get("/settings/")  # sets the CSRF cookie, as any page does
    token = browser.cookies["csrftoken"].value

    response = send(
        browser, "PATCH", "/api/me", {"X-CSRFToken": token}, {"display_name": "Alice O."}
    )

    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.display_name == "Alice O."


def test_it_needs_no_csrf_token_with_a_bearer_token(alice):
    _, secret = ApiToken.issue(alice, "script")

    response = send(
        Client(enforce_csrf_checks=True),
        "PATCH",
        "/api/me",
        {"Authorization": f"Bearer {secret}"},
        {"time_zone": "Asia/Tokyo"},
    )

    assert response.status_code == 200
    assert response.json()["time_zone"] == "Asia/Tokyo"


def test_it_changes_the_profile(client, alice, bearer):
    response = send(
        client,
        "PATCH",
        "/api/me",
        bearer(alice),
        {"display_name": "Alice O.", "time_zone": "America/Chicago", "focus_factor": 0.5},
    )

    assert response.status_code == 200
    assert response.json()["focus_factor"] == 0.5
    alice.refresh_from_db()
    assert (alice.display_name, alice.time_zone, float(alice.focus_factor)) == (
        "Alice O.",
        "America/Chicago",
        0.5,
    )


def test_it_changes_only_what_is_sent(client, alice, bearer):
    send(client, "PATCH", "/api/me", bearer(alice), {"focus_factor": 0.9})

    alice.refresh_from_db()
    assert (alice.display_name, alice.time_zone) == ("Alice Owner", "Europe/London")


@pytest.mark.parametrize(
    "body,reason",
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone: Value error, 'Mars/Olympus' is not a known"),
        ({"focus_factor": 1.5}, "focus_factor: Input should be less than or equal to 1.0"),
        ({"focus_factor": 0}, "focus_factor: Input should be greater than or equal to 0.1"),
        ({"focus_factor": "lots"}, "focus_factor: "),
        ({"display_name": ""}, "display_name: String should have at least 1 character"),
        ({"display_name": "   "}, "display_name: String should have at least 1 character"),
        ({"display_name": "x" * 81}, "display_name: String should have at most 80 characters"),
        ({"display_name": "Al\x00ice"}, "display_name: Null characters are not allowed."),
        ({"time_zone": "Europe/\x00London"}, "time_zone: Null characters are not allowed."),
    ],
)
def test_it_explains_bad_input(client, alice, bearer, body, reason):
    response = send(client, "PATCH", "/api/me", bearer(alice), body)

    assert response.status_code == 422
    assert response.json()["detail"].startswith(reason)
    alice.refresh_from_db()
    assert (alice.display_name, alice.time_zone) == ("Alice Owner", "Europe/London")


@pytest.mark.parametrize("body", [{}, {"display_name": None}, {"unknown": "field"}])
def test_it_asks_for_something_to_change(client, alice, bearer, body):
    response = send(client, "PATCH", "/api/me", bearer(alice), body)

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Send at least one of display_name, time_zone, focus_factor."
    )


@pytest.mark.parametrize("raw", ["", "not json", "[1, 2]", "null", '"text"'])
def test_it_rejects_a_body_that_is_not_an_object(client, alice, bearer, raw):
    response = send(client, "PATCH", "/api/me", bearer(alice), raw)

    assert 400 <= response.status_code < 500
    assert "detail" in response.json()
