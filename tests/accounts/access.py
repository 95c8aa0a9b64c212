"""Who reaches the accounts' pages and API routes (see tests/access_tables.py)."""

from __future__ import annotations

from tandem.accounts.models import ApiToken
from tests import access_tables as access
from tests.access_tables import Api, Expect

PAGES = {
    "signup": Expect(get=(access.FOUND, access.FOUND, access.FOUND, access.OK)),
    "login": Expect(get=(access.FOUND, access.FOUND, access.FOUND, access.OK)),
    "logout": Expect(get=(access.NOT_ALLOWED,) * 4, post=(access.LOGIN,) * 4),
    "password_reset": Expect(get=access.ALL_OK),
    "password_reset_done": Expect(get=access.ALL_OK),
    "password_reset_confirm": Expect(get=access.ALL_OK),
    "password_reset_complete": Expect(get=access.ALL_OK),
    "settings": Expect(get=access.SIGNED_IN, post=access.SIGNED_IN),
    "password_change": Expect(get=access.SIGNED_IN, post=access.SIGNED_IN),
    "api-tokens": Expect(get=access.SIGNED_IN),
    "api-token-revoke": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    "delete-account": Expect(get=access.SIGNED_IN, post=access.SIGNED_IN),
    # The guided start: each person's own records only; "start" and "start-plan" send on.
    "start": Expect(get=(access.FOUND, access.FOUND, access.FOUND, access.LOGIN)),
    "start-hours": Expect(get=access.SIGNED_IN, post=access.SIGNED_IN),
    "start-partner": Expect(get=access.SIGNED_IN, post=access.SIGNED_IN),
    "start-assignments": Expect(get=access.SIGNED_IN, post=access.SIGNED_IN),
    "start-plan": Expect(get=(access.FOUND, access.FOUND, access.FOUND, access.LOGIN)),
}

API_ROUTES = {
    ("GET", "/api/me"): Api((access.OK, access.OK, access.OK, access.UNAUTHORIZED)),
    ("PATCH", "/api/me"): Api((access.OK, access.OK, access.OK, access.UNAUTHORIZED)),
    ("GET", "/api/me/working-hours"): Api((access.OK, access.OK, access.OK, access.UNAUTHORIZED)),
    ("PUT", "/api/me/working-hours"): Api((access.OK, access.OK, access.OK, access.UNAUTHORIZED)),
    # Wrong password for everyone: a token is only ever issued for the right one.
    ("POST", "/api/tokens"): Api((access.UNAUTHORIZED,) * 4),
}

API_BODIES = {
    "/api/me": {"display_name": "New Name"},
    "/api/me/working-hours": {"days": [{"weekday": 0, "start": "08:00", "end": "16:00"}]},
    "/api/tokens": {"email": "alice@example.com", "password": "not her password"},
}


def world(cast, partnership, solo_partnership) -> dict:
    api_token, _ = ApiToken.issue(cast.owner, "laptop")
    return {
        "uidb64": "MQ",
        # Routes whose parameter names are shared with other routes get their own value.
        "api-token-revoke": {"pk": api_token.pk},
        "password_reset_confirm": {"token": "set-password"},
    }
