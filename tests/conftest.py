"""The fixed cast: Alice owns, Bob is her joined partner, Charlie is a stranger.

Also the helpers every app's tests share: a logged-in browser, the overview page, the
owner's sharing settings, and a JSON request to the API.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from tandem.accounts.models import ApiToken, User
from tandem.client import Config
from tandem.partnerships import services
from tandem.partnerships.models import Kind, Partnership

PASSWORD = "correct horse battery"


def make_user(email: str, name: str, **fields) -> User:
    return User.objects.create_user(email, PASSWORD, display_name=name, **fields)


@pytest.fixture
def alice(db) -> User:
    return make_user("alice@example.com", "Alice Owner", time_zone="Europe/London")


@pytest.fixture
def bob(db) -> User:
    return make_user("bob@example.com", "Bob Partner", time_zone="America/New_York")


@pytest.fixture
def charlie(db) -> User:
    return make_user("charlie@example.com", "Charlie Stranger")


@pytest.fixture
def partnership(alice, bob) -> Partnership:
    """Alice's partnership with her manager Bob, who has joined."""
    partnership = Partnership.objects.create(
        owner=alice, partner_name="Zebulon Boss", kind=Kind.MY_MANAGER
    )
    issued = services.invitation_create(partnership)
    services.invitation_accept(issued.token, bob)
    partnership.refresh_from_db()
    return partnership


@pytest.fixture
def solo_partnership(alice) -> Partnership:
    """Alice's partnership with a report who has not joined."""
    return Partnership.objects.create(owner=alice, partner_name="Rita Report", kind=Kind.MY_REPORT)


def logged_in(user: User | None, **options) -> Client:
    """A browser of its own, logged in as `user` (anonymous for None).

    Options go to Django's test Client, e.g. enforce_csrf_checks=True for a browser that
    must send the CSRF token as a real one does.
    """
    client = Client(**options)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def alice_client(alice) -> Client:
    """A browser with Alice logged in."""
    return logged_in(alice)


def overview(user: User, partnership: Partnership):
    """The partnership's overview page as `user` sees it, after checking it rendered."""
    response = logged_in(user).get(reverse("partnership", args=[partnership.pk]))
    assert response.status_code == 200, response.status_code
    return response


def share(partnership: Partnership, **settings: bool) -> None:
    """Sets the owner's sharing settings, e.g. share(p, share_workload=True), and saves them."""
    for name, value in settings.items():
        setattr(partnership, name, value)
    partnership.save(update_fields=list(settings))


def send(client: Client, method: str, path: str, headers: dict, body=None):
    """An API request: a dict or list body goes as JSON, a str as it is (to send bad JSON)."""
    if body is None:
        data = ""
    elif isinstance(body, str):
        data = body
    else:
        data = json.dumps(body)
    return client.generic(method, path, data, content_type="application/json", headers=headers)


@dataclass
class Cast:
    owner: User
    partner: User
    stranger: User

    def user(self, role: str) -> User | None:
        return getattr(self, role, None)


@pytest.fixture
def cast(alice, bob, charlie) -> Cast:
    return Cast(alice, bob, charlie)


@pytest.fixture
def bearer():
    """Authorization headers with a fresh personal token of the given user."""

    def headers_for(user: User) -> dict[str, str]:
        _, secret = ApiToken.issue(user, "tests")
        return {"Authorization": f"Bearer {secret}"}

    return headers_for


@pytest.fixture
def api(client, alice, bearer):
    """An API caller, Alice by default: api(method, path, body, as_headers=bearer(bob))."""
    headers = bearer(alice)

    def call(method: str, path: str, body=None, *, as_headers=None):
        return send(client, method, path, as_headers or headers, body)

    return call


@pytest.fixture
def as_bob(bearer, bob):
    """Bob's Authorization headers, for `api(..., as_headers=as_bob)`."""
    return bearer(bob)


# The command line, as typed in a terminal against a live Tandem.

_runner = CliRunner()


def tandem(*args: str, input: str | None = None):
    from tandem.cli import app

    return _runner.invoke(app, list(args), input=input)


def one_error_line(result) -> str:
    """The command failed as every command must: one `Error:` line, exit 1, no traceback."""
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: ")
    assert result.output.count("\n") == 1
    assert "Traceback" not in result.output
    return result.output


@pytest.fixture
def terminal(partnership, live_server, tmp_path, monkeypatch):
    """Log a member in as `tandem login` does: their token and the partnership stored."""
    monkeypatch.setenv("TANDEM_CONFIG", str(tmp_path / "config.json"))
    monkeypatch.setenv("COLUMNS", "160")

    def log_in(user) -> None:
        _, secret = ApiToken.issue(user, "terminal")
        Config(live_server.url, secret, partnership.pk).save()

    return log_in


@pytest.fixture
def as_alice(terminal, alice):
    terminal(alice)


# Reading a rendered page as a person would.


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def field_errors(body: str, field_id: str) -> list[str]:
    """The messages shown under one form field."""
    match = re.search(rf'<ul class="errorlist" id="{field_id}_error">(.*?)</ul>', body, re.DOTALL)
    return re.findall(r"<li>(.*?)</li>", match[1]) if match else []


def input_value(body: str, field_id: str) -> str | None:
    """What an input shows, e.g. the text the person typed before a refusal."""
    match = re.search(rf'<input[^>]*\bid="{field_id}"[^>]*>', body)
    if match is None:
        return None
    value = re.search(r'\bvalue="([^"]*)"', match[0])
    return value[1] if value else ""
