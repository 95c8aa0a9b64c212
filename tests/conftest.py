"""The fixed cast: Alice owns, Bob is her joined partner, Charlie is a stranger."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from tandem.accounts.models import ApiToken, User
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


def logged_in(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


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
