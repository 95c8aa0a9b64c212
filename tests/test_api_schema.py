"""The API as documented: generated requests against every operation, and its promises.

Schemathesis sends generated requests (valid and invalid) to every operation and checks that
none is a server error and that every answer is documented: its status code, its content type
and its body against the documented schema. TANDEM_SCHEMA_EXAMPLES sets how many requests
each operation gets (60 by default, which keeps the run near a minute); see the README for a
longer run.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from urllib.parse import quote

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from ninja import Schema
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tandem.accounts.models import ApiToken
from tandem.agreements import services as agreement_services
from tandem.agreements.models import Question
from tandem.api import api
from tandem.meetings import Cadence, CadenceRule
from tandem.oneonones import services as one_on_one_services
from tandem.requests import services as request_services
from tandem.schemas import NUL_REFUSED
from tandem.workload import services
from tandem.workload.models import Assignment, Commitment, TimeOff
from tandem.wsgi import application
from tests.conftest import send

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
EXAMPLES = int(os.environ.get("TANDEM_SCHEMA_EXAMPLES", "60"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
WRITES = ("POST", "PUT", "PATCH", "DELETE")


@pytest.fixture
def world(alice, bob, partnership, solo_partnership):
    """Alice's token and the ids of records she can reach."""
    _, secret = ApiToken.issue(alice, "schema tests")
    today = alice.local_today()
    assignment = Assignment.objects.create(
        owner=alice,
        partnership=partnership,
        title="Board pack",
        asked_on=today,
        due=today + dt.timedelta(days=1),
        estimate_minutes=900,
        remaining_minutes=900,
    )
    share, _ = services.brief_share_create(partnership, "Brief", "# Brief", {"title": "Brief"})
    time_off = TimeOff.objects.create(
        owner=alice, first_day=today, last_day=today + dt.timedelta(days=2)
    )
    commitment = Commitment.objects.create(
        owner=alice, title="School run", weekday=1, start=dt.time(8), end=dt.time(10)
    )
    the_request = request_services.request_create(
        alice,
        partnership,
        request_services.RequestDraft(title="Flexible hours", asked_on=today, shared=True),
    )
    series = one_on_one_services.series_save(
        alice,
        partnership,
        CadenceRule(Cadence.WEEKLY, today.weekday(), dt.time(10), 30, starts_on=today),
    )
    meeting = series.meetings.first()
    agenda_item = one_on_one_services.agenda_item_add(alice, meeting, "Budget")
    decision = one_on_one_services.decision_record(alice, meeting, "Pause the Q3 report")
    action = one_on_one_services.action_item_add(
        alice, meeting, one_on_one_services.ActionDraft(title="Send the draft")
    )
    # The agreement: both answered, version 1 confirmed by both, version 2 a draft.
    agreement_services.questions_ensure(partnership)
    asked = list(Question.objects.filter(partnership=partnership))
    answers = {question.pk: "Fridays off" for question in asked}
    agreement_services.answers_submit(alice, partnership, "owner", answers)
    agreement_services.answers_submit(bob, partnership, "partner", answers)
    agreed = agreement_services.version_start(alice, partnership)
    agreement_services.version_confirm(alice, agreed)
    agreement_services.version_confirm(bob, agreed)
    draft = agreement_services.version_start(alice, partnership)
    # Django's own test client does the same: a request must not close the connection
    # that holds the test's transaction (PostgreSQL would lose it).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield {
        "token": secret,
        "ids": {
            "partnership_id": [partnership.pk, solo_partnership.pk],
            "assignment_id": [assignment.pk],
            "share_id": [share.pk],
            "time_off_id": [time_off.pk],
            # A time commitment of the workload's, and one of the agreement's.
            "commitment_id": [commitment.pk, draft.commitments.first().pk],
            "request_id": [the_request.pk],
            "meeting_id": [meeting.pk],
            "item_id": [agenda_item.pk],
            "decision_id": [decision.pk],
            "action_id": [action.pk],
            "question_id": [question.pk for question in asked[:2]],
            "number": [agreed.number, draft.number],
            "section_id": [draft.sections.first().pk],
        },
    }
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _aim_at_real_records(case, world) -> None:
    """Send two in three generated ids to Alice's records, so requests get past the 404."""
    deletes_it = case.method == "DELETE" and case.path == "/api/partnerships/{partnership_id}"
    for name, ids in world["ids"].items():
        generated = (case.path_parameters or {}).get(name)
        if isinstance(generated, int) and not deletes_it and generated % 3:
            case.path_parameters[name] = ids[generated % len(ids)]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@schema.parametrize()
def test_it_answers_every_request_as_documented(case, world):
    _aim_at_real_records(case, world)
    # A generated Host header tries Django's ALLOWED_HOSTS, not the API (see the test below),
    # and one that is not a host name breaks the client's cookie handling.
    for name in [name for name in case.headers or {} if name.lower() == "host"]:
        del case.headers[name]

    response = case.call(headers={"Authorization": f"Bearer {world['token']}"})

    case.validate_response(response, checks=CHECKS)
    # Django itself answers a few malformed requests (a wrong method, an unreadable
    # multipart body) before the API sees them; every error the API answers has a reason.
    if response.status_code >= 400 and "json" in response.headers.get("content-type", [""])[0]:
        assert "detail" in response.json(), "every API error carries a reason"


def _operations():
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            yield method.upper(), path, operation


def test_it_documents_the_errors_every_operation_can_give():
    missing = []
    for method, path, operation in _operations():
        codes = {str(code) for code in operation["responses"]}
        authenticated = bool(operation.get("security"))
        expected = {"401"} if authenticated else set()
        if authenticated and method in WRITES:
            expected.add("403")  # a browser session's write without its CSRF token
        if operation.get("parameters") or operation.get("requestBody"):
            expected.add("422")
        if "application/json" in operation.get("requestBody", {}).get("content", {}):
            expected.add("400")  # a body that is not JSON
        if any(p["name"].endswith("_id") for p in operation.get("parameters", [])):
            expected.add("404")
        if expected - codes:
            missing.append(f"{method} {path}: {sorted(expected - codes)}")

    assert not missing, f"undocumented errors: {missing}"


def _schemas(base: type[Schema] = Schema):
    for schema in base.__subclasses__():
        yield schema
        yield from _schemas(schema)


def test_it_names_every_schema_once():
    # The documentation keys schemas by class name: a second class of that name in another
    # router silently takes the first one's place, and answers are checked against the wrong one.
    modules = defaultdict(set)
    for schema in _schemas():
        if schema.__module__.startswith("tandem."):
            modules[schema.__name__].add(schema.__module__)

    assert {name: found for name, found in modules.items() if len(found) > 1} == {}


def _url(path: str, **values: str) -> str:
    """The path with each parameter given its value, or 1 (a well-formed id)."""
    parts = path.split("/")
    return "/".join(values.get(part[1:-1], "1") if part.startswith("{") else part for part in parts)


def _write_operations():
    return [
        (method, path)
        for method, path, operation in _operations()
        if method in WRITES and operation.get("security")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("method,path", _write_operations())
def test_it_asks_every_anonymous_write_to_authenticate(method, path):
    # A script or browser without a session, with CSRF enforced as in production.
    anonymous = Client(enforce_csrf_checks=True)

    response = anonymous.generic(method, _url(path), "{}", content_type="application/json")

    assert response.status_code == 401
    assert response.json()["detail"] == "Authentication required: send a Bearer token or log in."


def _resolve(spec: dict, node: dict) -> dict:
    while "$ref" in node:
        node = spec["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    for choice in node.get("anyOf", ()):
        if choice.get("type") != "null":
            return _resolve(spec, choice)
    return node


def _nul_bodies(spec: dict, node: dict, where: tuple = ()):
    """(where, body) for each text field of a body's schema, that field holding a NUL."""
    node = _resolve(spec, node)
    for name, field in node.get("properties", {}).items():
        field = _resolve(spec, field)
        if field.get("type") == "string" and "enum" not in field:
            yield (*where, name), {name: NUL_TEXT}
        elif field.get("type") == "array":
            for inner, body in _nul_bodies(spec, field["items"], (*where, name, 0)):
                yield inner, {name: [body]}


NUL_TEXT = "a\x00b"


def _nul_requests():
    """Every text field of every operation (body, path or query), holding a NUL."""
    spec = api.get_openapi_schema()
    for method, path, operation in _operations():
        body = operation.get("requestBody", {}).get("content", {}).get("application/json")
        for where, payload in _nul_bodies(spec, body["schema"]) if body else ():
            yield pytest.param(method, _url(path), payload, where, id=f"{method} {path} {where}")
        for parameter in operation.get("parameters", []):
            if _resolve(spec, parameter["schema"]).get("type") != "string":
                continue
            name, sent = parameter["name"], quote(NUL_TEXT)
            url = _url(path, **{name: sent}) if parameter["in"] == "path" else _url(path)
            if parameter["in"] == "query":
                url = f"{url}?{name}={sent}"
            yield pytest.param(method, url, None, (name,), id=f"{method} {path} {name}")


@pytest.mark.parametrize("method,url,body,where", list(_nul_requests()))
def test_it_refuses_a_nul_character_in_every_text_field(
    client, alice, bearer, method, url, body, where
):
    # PostgreSQL cannot store a NUL: unrefused, it was a server error there.
    response = send(client, method, url, bearer(alice), body)

    assert response.status_code == 422, response.content[:300]
    refused = [e for e in response.json()["errors"] if tuple(e["loc"][-len(where) :]) == where]
    assert refused, response.json()
    assert refused[0]["msg"] == NUL_REFUSED


def test_it_serves_the_docs_from_its_own_static_files(client):
    response = client.get("/api/docs")

    page = response.content.decode()
    assert response.status_code == 200
    assert "cdn." not in page and "https://" not in page
    # No inline code: every script is a file of ours, or data that is never run.
    for tag in page.split("<script")[1:]:
        opening = tag.split(">", 1)[0]
        assert " src=" in opening or 'type="application/json"' in opening, opening


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path,headers,status,detail",
    [
        ("/api/me", {"host": "elsewhere.example"}, 400, "Bad request."),
        ("/api/no-such-route", {}, 404, "No such API route; see /api/docs."),
    ],
)
def test_it_answers_in_its_error_shape_before_any_route_runs(client, path, headers, status, detail):
    # Django answers these itself (a host it does not serve, a URL no route matches).
    response = client.get(path, headers=headers)

    assert response.status_code == status
    assert response.json() == {"detail": detail}
