"""Every URL and every API route × {owner, partner, stranger, anonymous}, sharing off and on.

Routes are found automatically; a route missing from the tables fails the test, so nothing new
ships without a decision about who may reach it. Each app declares its own routes and builds
its own part of the world in `tests/<app>/access.py` (see `tests/access_tables.py`).
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tandem.api import api
from tests.access_tables import (
    API_BODIES,
    API_ROUTES,
    LOGIN,
    NOTES_SENTINEL,
    PAGES,
    PARTNER_SENTINEL,
    PRIVATE_SENTINELS,
    ROLES,
    SENTINELS,
    build_world,
)

SHARING = ("private", "shared")


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
    assert web_route_names() == set(PAGES), "declare each URL in an app's access.py PAGES"


def test_it_declares_every_api_route():
    assert api_operations() == set(API_ROUTES), "declare each API route in an app's API_ROUTES"


@pytest.fixture(params=SHARING)
def sharing(request) -> str:
    return request.param


@pytest.fixture
def world(cast, partnership, solo_partnership, sharing):
    """Values for every URL parameter, all pointing at the owner's records."""
    if sharing == "shared":
        partnership.share_workload = True
        partnership.share_availability = True
        partnership.partner_may_reorder = True
        partnership.save()
    return build_world(cast, partnership, solo_partnership)


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


def _carried(value, seen: dict[int, object], depth: int = 0):
    """Every string reachable from a template context value: what the page could show."""
    if depth > 6 or id(value) in seen:
        return
    seen[id(value)] = value  # kept alive, so that no later object reuses its id
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _carried(item, seen, depth + 1)
    elif isinstance(value, list | tuple | set):
        for item in value:
            yield from _carried(item, seen, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _carried(getattr(value, field.name), seen, depth + 1)
    elif hasattr(value, "_meta") and hasattr(value, "__dict__"):
        # A model instance: only what it has loaded (a deferred field is not carried).
        yield from _carried(
            {k: v for k, v in vars(value).items() if not k.startswith("_")}, seen, depth + 1
        )


# Each member's private words, which the other's pages never carry, not even unshown.
_OTHERS_WORDS = {"partner": NOTES_SENTINEL, "owner": PARTNER_SENTINEL}


def _assert_no_leak(role: str, response) -> None:
    body = response.content.decode(errors="replace")
    if role in ("stranger", "anonymous") and response.status_code == 200:
        for sentinel in SENTINELS:
            assert sentinel not in body, f"{role} saw {sentinel!r}"
    if role == "partner":
        for sentinel in PRIVATE_SENTINELS:
            assert sentinel not in body, f"the partner saw {sentinel!r}"
    if role in _OTHERS_WORDS:
        hidden = _OTHERS_WORDS[role]
        assert hidden not in body, f"the {role} saw the other's private words"
        contexts = response.context or []
        for context in contexts if isinstance(contexts, list) else [contexts]:
            for text in _carried(context.flatten(), {}):
                assert hidden not in text, f"the {role}'s page carries the other's private words"


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("role", ROLES)
def test_it_answers_each_page_as_declared(name, role, sharing, cast, world, client):
    user = cast.user(role)
    if user is not None:
        client.force_login(user)
    expect = PAGES[name].when(sharing)
    url = _url(name, world)
    response = client.get(url)
    assert _outcome(response) == expect.get[ROLES.index(role)], f"GET {url} as {role}, {sharing}"
    _assert_no_leak(role, response)
    if expect.post is not None:
        response = client.post(url, {})
        outcome = _outcome(response)
        assert outcome == expect.post[ROLES.index(role)], f"POST {url} as {role}, {sharing}"
        _assert_no_leak(role, response)


@pytest.mark.parametrize("method,path", sorted(API_ROUTES))
@pytest.mark.parametrize("role", ROLES)
def test_it_answers_each_api_route_as_declared(
    method, path, role, sharing, cast, world, client, bearer
):
    user = cast.user(role)
    headers = bearer(user) if user is not None else {}
    url = path.format(**{**world, **world.get(path, {})})
    body = API_BODIES.get(path, {})
    response = client.generic(
        method,
        url,
        json.dumps(body) if method in ("POST", "PUT", "PATCH") else "",
        content_type="application/json",
        headers=headers,
    )
    expected = API_ROUTES[(method, path)].when(sharing)[ROLES.index(role)]
    assert response.status_code == expected, (
        f"{method} {url} as {role}, {sharing}: {response.content[:200]!r}"
    )
    _assert_no_leak(role, response)
    if response.status_code >= 400:
        assert "detail" in response.json(), "every API error carries a reason"
