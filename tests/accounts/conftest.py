from __future__ import annotations

import pytest


@pytest.fixture
def alice_client(client, alice):
    """A browser with Alice logged in."""
    client.force_login(alice)
    return client
