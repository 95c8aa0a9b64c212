"""Generated requests against every API operation: whatever comes in, never a server error."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tandem.accounts.models import ApiToken
from tandem.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def world(alice, partnership, solo_partnership):
    """Alice's token and the ids of records she can reach."""
    _, secret = ApiToken.issue(alice, "schema tests")
    # Django's own test client does the same: a request must not close the connection
    # that holds the test's transaction (PostgreSQL would lose it).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield {"token": secret, "partnerships": [partnership.pk, solo_partnership.pk]}
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _aim_at_real_records(case, world) -> None:
    """Send two in three generated ids to Alice's partnerships, so requests get past the 404."""
    generated = (case.path_parameters or {}).get("partnership_id")
    deletes_it = case.method == "DELETE" and case.path == "/api/partnerships/{partnership_id}"
    if isinstance(generated, int) and not deletes_it:
        case.path_parameters["partnership_id"] = [*world["partnerships"], generated][generated % 3]


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@schema.parametrize()
def test_it_never_answers_with_a_server_error(case, world):
    _aim_at_real_records(case, world)

    response = case.call(headers={"Authorization": f"Bearer {world['token']}"})

    case.validate_response(response, checks=[not_a_server_error])
    # Django itself answers a few malformed requests (a wrong method, an unreadable
    # multipart body) before the API sees them; every error the API answers has a reason.
    if response.status_code >= 400 and "json" in response.headers.get("content-type", [""])[0]:
        assert "detail" in response.json(), "every API error carries a reason"
