"""Every URL and every API route × {owner, partner, stranger, anonymous}.

Routes are found automatically; a route missing from the tables below fails the test,
so nothing new ships without a decision about who may reach it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tandem.accounts.models import ApiToken
from tandem.api import api
from tandem.partnerships import services
from tandem.partnerships.models import Invitation
from tandem.workload import services as workload_services
from tandem.workload.models import Assignment, Commitment, Step, TimeOff

ROLES = ("owner", "partner", "stranger", "anonymous")
LOGIN = "login"  # a redirect to the login page
OK, FOUND, GONE, NOT_ALLOWED, MISSING = 200, 302, 410, 405, 404


@dataclass(frozen=True)
class Expect:
    """Outcome per role, in ROLES order, for GET and (when the view takes it) POST."""

    get: tuple
    post: tuple | None = None


ALL_OK = (OK, OK, OK, OK)
MEMBERS = (OK, OK, MISSING, LOGIN)
OWNER_ONLY = (OK, MISSING, MISSING, LOGIN)
SIGNED_IN = (OK, OK, OK, LOGIN)
POST_ONLY = (NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, LOGIN)
OWNER_ACTION = (FOUND, MISSING, MISSING, LOGIN)

PAGES: dict[str, Expect] = {
    "signup": Expect(get=(FOUND, FOUND, FOUND, OK)),
    "login": Expect(get=(FOUND, FOUND, FOUND, OK)),
    "logout": Expect(get=(NOT_ALLOWED,) * 4, post=(LOGIN,) * 4),
    "password_reset": Expect(get=ALL_OK),
    "password_reset_done": Expect(get=ALL_OK),
    "password_reset_confirm": Expect(get=ALL_OK),
    "password_reset_complete": Expect(get=ALL_OK),
    "settings": Expect(get=SIGNED_IN, post=SIGNED_IN),
    "password_change": Expect(get=SIGNED_IN, post=SIGNED_IN),
    "api-tokens": Expect(get=SIGNED_IN),
    "api-token-revoke": Expect(get=POST_ONLY, post=OWNER_ACTION),
    "delete-account": Expect(get=SIGNED_IN, post=SIGNED_IN),
    "home": Expect(get=SIGNED_IN),
    "partnership-create": Expect(get=SIGNED_IN, post=SIGNED_IN),
    "partnership": Expect(get=MEMBERS),
    "partnership-settings": Expect(get=MEMBERS, post=(FOUND, OK, MISSING, LOGIN)),
    "invitation-create": Expect(get=POST_ONLY, post=OWNER_ACTION),
    "invitation-revoke": Expect(get=POST_ONLY, post=OWNER_ACTION),
    "partner-remove": Expect(get=POST_ONLY, post=OWNER_ACTION),
    "partnership-leave": Expect(get=POST_ONLY, post=(FOUND, FOUND, MISSING, LOGIN)),
    "partnership-delete": Expect(get=POST_ONLY, post=OWNER_ACTION),
    # Public by design: the token is the secret. The owner cannot accept their own link.
    "invitation": Expect(get=(GONE, OK, OK, OK), post=(GONE, FOUND, FOUND, OK)),
    # Unshared workload and private areas do not exist for the partner.
    "area-requests": Expect(get=MEMBERS),
    "area-one-on-ones": Expect(get=MEMBERS),
    "area-agreement": Expect(get=MEMBERS),
    "area-profile": Expect(get=OWNER_ONLY),
    "area-wins": Expect(get=OWNER_ONLY),
    "area-health": Expect(get=OWNER_ONLY),
    # Workload: not shared in this partnership, so the partner finds nothing.
    "area-workload": Expect(get=OWNER_ONLY),
    "assignment-create": Expect(get=POST_ONLY, post=(OK, MISSING, MISSING, LOGIN)),
    "workload-impact": Expect(get=OWNER_ONLY),
    "assignment-impact": Expect(get=OWNER_ONLY),
    "assignment": Expect(get=OWNER_ONLY, post=(OK, MISSING, MISSING, LOGIN)),
    "assignment-status": Expect(get=POST_ONLY, post=OWNER_ACTION),
    "assignment-priority": Expect(get=POST_ONLY, post=OWNER_ACTION),
    "workload-priorities": Expect(get=POST_ONLY, post=OWNER_ACTION),
    "step-add": Expect(get=POST_ONLY, post=OWNER_ACTION),
    "step-toggle": Expect(get=POST_ONLY, post=OWNER_ACTION),
    "workload-brief": Expect(get=OWNER_ONLY, post=OWNER_ACTION),
    "option-apply": Expect(get=POST_ONLY, post=OWNER_ACTION),
    "brief-share-revoke": Expect(get=POST_ONLY, post=OWNER_ACTION),
    # Public by design: a frozen brief behind an unguessable, expiring token.
    "brief-shared": Expect(get=ALL_OK),
    # Availability is each person's own: everyone signed in has one, nobody sees another's.
    "availability": Expect(get=SIGNED_IN, post=SIGNED_IN),
    "time-off-delete": Expect(get=POST_ONLY, post=OWNER_ACTION),
    "commitment-delete": Expect(get=POST_ONLY, post=OWNER_ACTION),
    "calendar-import": Expect(get=POST_ONLY, post=(FOUND, FOUND, FOUND, LOGIN)),
    "due-dates-ics": Expect(get=SIGNED_IN),
    "api:openapi-json": Expect(get=ALL_OK),
    "api:openapi-view": Expect(get=ALL_OK),
}

UNAUTHORIZED = 401
API_ROUTES: dict[tuple[str, str], tuple] = {
    ("GET", "/api/me"): (OK, OK, OK, UNAUTHORIZED),
    ("PATCH", "/api/me"): (OK, OK, OK, UNAUTHORIZED),
    ("GET", "/api/partnerships"): (OK, OK, OK, UNAUTHORIZED),
    ("POST", "/api/partnerships"): (201, 201, 201, UNAUTHORIZED),
    ("GET", "/api/partnerships/{partnership_id}"): (OK, OK, MISSING, UNAUTHORIZED),
    ("PATCH", "/api/partnerships/{partnership_id}"): (OK, MISSING, MISSING, UNAUTHORIZED),
    ("DELETE", "/api/partnerships/{partnership_id}"): (204, 204, MISSING, UNAUTHORIZED),
    ("GET", "/api/partnerships/{partnership_id}/invitations"): (
        OK,
        MISSING,
        MISSING,
        UNAUTHORIZED,
    ),
    ("POST", "/api/partnerships/{partnership_id}/invitations"): (
        409,
        MISSING,
        MISSING,
        UNAUTHORIZED,
    ),
    ("DELETE", "/api/partnerships/{partnership_id}/invitations/{invitation_id}"): (
        409,
        MISSING,
        MISSING,
        UNAUTHORIZED,
    ),
    ("POST", "/api/invitations/{token}/accept"): (GONE, OK, OK, UNAUTHORIZED),
    # Wrong password for everyone: a token is only ever issued for the right one.
    ("POST", "/api/tokens"): (UNAUTHORIZED,) * 4,
    ("GET", "/api/partnerships/{partnership_id}/plan"): (OK, MISSING, MISSING, UNAUTHORIZED),
    ("POST", "/api/partnerships/{partnership_id}/assignments"): (
        201,
        MISSING,
        MISSING,
        UNAUTHORIZED,
    ),
    ("GET", "/api/partnerships/{partnership_id}/assignments/{assignment_id}"): (
        OK,
        MISSING,
        MISSING,
        UNAUTHORIZED,
    ),
    ("PATCH", "/api/partnerships/{partnership_id}/assignments/{assignment_id}"): (
        OK,
        MISSING,
        MISSING,
        UNAUTHORIZED,
    ),
    ("POST", "/api/partnerships/{partnership_id}/whatif"): (OK, MISSING, MISSING, UNAUTHORIZED),
    # Without a file the import is refused with a reason; anonymous callers never get that far.
    ("POST", "/api/calendar/import"): (422, 422, 422, UNAUTHORIZED),
}

API_BODIES = {
    "/api/me": {"display_name": "New Name"},
    "/api/partnerships": {"partner_name": "Pat Peer", "kind": "peer"},
    "/api/partnerships/{partnership_id}": {"share_workload": True},
    "/api/tokens": {"email": "alice@example.com", "password": "not her password"},
    "/api/partnerships/{partnership_id}/assignments": {"title": "Board pack", "effort": "2h"},
    "/api/partnerships/{partnership_id}/assignments/{assignment_id}": {"priority": 2},
    "/api/partnerships/{partnership_id}/whatif": {"title": "Board pack", "effort": "2h"},
}


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}" if entry.name else None


def web_route_names() -> set[str]:
    names = set()
    for route, name in _walk(get_resolver().url_patterns):
        if route.startswith("admin/"):
            continue  # Django's admin guards itself: staff only
        if route.startswith("api/") and name not in PAGES:
            continue  # API operations are enumerated from the API itself
        names.add(name)
    return names


def api_operations() -> set[tuple[str, str]]:
    operations = set()
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            full = "/api" + (prefix.rstrip("/") + "/" + path.lstrip("/")).replace("//", "/")
            for operation in path_view.operations:
                for method in operation.methods:
                    operations.add((method, full.rstrip("/")))
    return operations


def test_it_declares_every_web_route():
    assert web_route_names() == set(PAGES), "declare each URL in PAGES with its expected outcomes"


def test_it_declares_every_api_route():
    assert api_operations() == set(API_ROUTES), "declare each API route in API_ROUTES"


@pytest.fixture
def world(cast, partnership, solo_partnership):
    """Values for every URL parameter, all pointing at the owner's records."""
    issued = services.invitation_create(solo_partnership)
    accepted = Invitation.objects.get(partnership=partnership)
    api_token, _ = ApiToken.issue(cast.owner, "laptop")
    assignment = Assignment.objects.create(
        owner=cast.owner,
        partnership=partnership,
        title="Secret merger memo",
        asked_on=dt.date(2026, 11, 2),
        estimate_minutes=120,
        remaining_minutes=120,
        notes="Zebulon Boss must not know",
    )
    step = Step.objects.create(assignment=assignment, title="Figures", effort_minutes=30)
    share, brief_token = workload_services.brief_share_create(
        partnership,
        "Workload",
        "# Workload",
        {"title": "Workload", "question": "?", "sections": []},
    )
    time_off = TimeOff.objects.create(
        owner=cast.owner, first_day=dt.date(2026, 12, 1), last_day=dt.date(2026, 12, 2)
    )
    commitment = Commitment.objects.create(
        owner=cast.owner, title="School run", weekday=1, start=dt.time(8), end=dt.time(10)
    )
    return {
        "pk": partnership.pk,
        "partnership_id": partnership.pk,
        "invitation_pk": accepted.pk,
        "invitation_id": accepted.pk,
        "token": issued.token,
        "uidb64": "MQ",
        "assignment_pk": assignment.pk,
        "assignment_id": assignment.pk,
        "step_pk": step.pk,
        "share_pk": share.pk,
        # Routes whose parameter names are shared with other routes get their own value.
        "api-token-revoke": {"pk": api_token.pk},
        "password_reset_confirm": {"token": "set-password"},
        "brief-shared": {"token": brief_token},
        "time-off-delete": {"item_pk": time_off.pk},
        "commitment-delete": {"item_pk": commitment.pk},
    }


def _url(name: str, world: dict) -> str:
    kwargs = {}
    route = next(r for r, n in _walk(get_resolver().url_patterns) if n == name)
    for param in re.findall(r"<(?:\w+:)?(\w+)>", route):
        kwargs[param] = world.get(name, {}).get(param, world.get(param))
    return reverse(name, kwargs=kwargs)


def _outcome(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return LOGIN
    return response.status_code


SENTINELS = ("Zebulon Boss", "alice@example.com", "Secret merger memo")


def _assert_no_leak(role: str, response) -> None:
    if role in ("stranger", "anonymous") and response.status_code == 200:
        body = response.content.decode()
        for sentinel in SENTINELS:
            assert sentinel not in body, f"{role} saw {sentinel!r}"


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("role", ROLES)
def test_it_answers_each_page_as_declared(name, role, cast, world, client):
    user = cast.user(role)
    if user is not None:
        client.force_login(user)
    expect = PAGES[name]
    url = _url(name, world)
    response = client.get(url)
    assert _outcome(response) == expect.get[ROLES.index(role)], f"GET {url} as {role}"
    _assert_no_leak(role, response)
    if expect.post is not None:
        response = client.post(url, {})
        assert _outcome(response) == expect.post[ROLES.index(role)], f"POST {url} as {role}"
        _assert_no_leak(role, response)


@pytest.mark.parametrize("method,path", sorted(API_ROUTES))
@pytest.mark.parametrize("role", ROLES)
def test_it_answers_each_api_route_as_declared(method, path, role, cast, world, client, bearer):
    user = cast.user(role)
    headers = bearer(user) if user is not None else {}
    url = path.format(**world)
    body = API_BODIES.get(path, {})
    response = client.generic(
        method,
        url,
        json.dumps(body) if method in ("POST", "PATCH") else "",
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == API_ROUTES[(method, path)][ROLES.index(role)], (
        f"{method} {url} as {role}: {response.content[:200]!r}"
    )
    _assert_no_leak(role, response)
    if response.status_code >= 400:
        assert "detail" in response.json(), "every API error carries a reason"
