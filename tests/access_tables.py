"""The access matrix's tables, gathered from each app's `tests/<app>/access.py`.

An app's access module declares `PAGES` (URL name → Expect), `API_ROUTES`
((method, path) → Api), `API_BODIES` (path → a valid body) and
`world(cast, partnership, solo_partnership) -> dict`, the URL parameters of its routes,
all pointing at the owner's records. A route that needs values of its own has them under its
URL name or its API path, e.g. {"commitment-delete": {"item_pk": 3}}. A new area adds one
module to `APPS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

ROLES = ("owner", "partner", "stranger", "anonymous")
LOGIN = "login"  # a redirect to the login page
OK, FOUND, GONE, NOT_ALLOWED, MISSING, UNAUTHORIZED = 200, 302, 410, 405, 404, 401

ALL_OK = (OK, OK, OK, OK)
MEMBERS = (OK, OK, MISSING, LOGIN)
OWNER_ONLY = (OK, MISSING, MISSING, LOGIN)
SIGNED_IN = (OK, OK, OK, LOGIN)
POST_ONLY = (NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, LOGIN)
OWNER_ACTION = (FOUND, MISSING, MISSING, LOGIN)
MEMBER_ACTION = (FOUND, FOUND, MISSING, LOGIN)

# Seen by nobody but the owner: private notes, the reasons behind blocked time.
NOTES_SENTINEL = "notes-only-sentinel-5521"
PRIVATE_SENTINELS = (NOTES_SENTINEL, "School run Q7", "Dentist Q7")
# Seen by nobody but the partner: what he wrote that is not revealed to the owner yet.
PARTNER_SENTINEL = "partner-only-sentinel-6610"
# Seen by nobody outside the partnership.
SENTINELS = (
    "Zebulon Boss",
    "alice@example.com",
    "Secret merger memo",
    *PRIVATE_SENTINELS,
    PARTNER_SENTINEL,
)


@dataclass(frozen=True)
class Expect:
    """Outcome per role, in ROLES order, for GET and (when the view takes it) POST.

    `shared_get` and `shared_post` are the outcomes when the owner shares their workload and
    availability and lets the partner reorder, where they differ.
    """

    get: tuple
    post: tuple | None = None
    shared_get: tuple | None = None
    shared_post: tuple | None = None

    def when(self, sharing: str) -> Expect:
        if sharing == "shared":
            return Expect(self.shared_get or self.get, self.shared_post or self.post)
        return self


@dataclass(frozen=True)
class Api:
    """Status per role for an API route, privately and when shared (if different)."""

    private: tuple
    shared: tuple | None = None

    def when(self, sharing: str) -> tuple:
        return self.shared if sharing == "shared" and self.shared else self.private


APPS = (
    "tests.accounts.access",
    "tests.partnerships.access",
    "tests.workload.access",
    "tests.requests.access",
    "tests.oneonones.access",
    "tests.agreements.access",
)

# The API's own documentation is public.
PAGES: dict[str, Expect] = {
    "api:openapi-json": Expect(get=ALL_OK),
    "api:openapi-view": Expect(get=ALL_OK),
}
API_ROUTES: dict[tuple[str, str], Api] = {}
API_BODIES: dict[str, dict] = {}
_WORLDS = []

for _name in APPS:
    _module = import_module(_name)
    assert not set(_module.PAGES) & set(PAGES), f"{_name} declares a page twice"
    assert not set(_module.API_ROUTES) & set(API_ROUTES), f"{_name} declares a route twice"
    PAGES.update(_module.PAGES)
    API_ROUTES.update(_module.API_ROUTES)
    API_BODIES.update(_module.API_BODIES)
    _WORLDS.append(_module.world)


def build_world(cast, partnership, solo_partnership) -> dict:
    world: dict = {}
    for part in _WORLDS:
        values = part(cast, partnership, solo_partnership)
        assert not set(values) & set(world) - {"pk"}, f"{part.__module__} reuses a parameter"
        world.update(values)
    return world
