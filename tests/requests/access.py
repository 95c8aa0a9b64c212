"""Who reaches the requests' pages and API routes (see tests/access_tables.py).

The owner reaches everything. A request is shared on its own: unshared, it does not exist for
the partner (404 on every route); shared, the partner reads it and answers it, and nothing
more. The reflection, the follow-up draft and follow-ups stay the owner's whatever is shared.

The world's request carries the owner's private words everywhere they can be written (what
she said, an event note, a reflection, a follow-up draft), so every page and route the
partner reaches is checked for them. It is shared on the matrix's shared leg: the world is
built after the leg has turned the partnership's sharing on, and follows it.
"""

from __future__ import annotations

import datetime as dt

from tandem.followup import Channel, EventKind
from tandem.requests import services
from tests import access_tables as access
from tests.access_tables import Api, Expect

CREATED, GONE_NOW = 201, 204
# An empty form comes back with its errors (200) for whoever may send it.
OWNER_POSTS = (access.OK, access.MISSING, access.MISSING, access.LOGIN)
MEMBER_POSTS = (access.OK, access.OK, access.MISSING, access.LOGIN)
API_OWNER_ONLY = (access.OK, access.MISSING, access.MISSING, access.UNAUTHORIZED)
API_MEMBERS = (access.OK, access.OK, access.MISSING, access.UNAUTHORIZED)
API_OWNER_CREATES = (CREATED, access.MISSING, access.MISSING, access.UNAUTHORIZED)
API_MEMBERS_CREATE = (CREATED, CREATED, access.MISSING, access.UNAUTHORIZED)

PAGES = {
    # The list: the partner's holds the shared requests only (none, unshared).
    "area-requests": Expect(get=access.MEMBERS),
    "request-create": Expect(get=access.POST_ONLY, post=OWNER_POSTS),
    "request": Expect(get=access.OWNER_ONLY, shared_get=access.MEMBERS),
    "request-edit": Expect(get=access.OWNER_ONLY, post=OWNER_POSTS),
    # The owner records a response; the partner answers a shared request.
    "request-response": Expect(get=access.POST_ONLY, post=OWNER_POSTS, shared_post=MEMBER_POSTS),
    "request-follow-up-record": Expect(get=access.POST_ONLY, post=OWNER_POSTS),
    # Private whatever is shared: the reflection and the follow-up builder.
    "request-reflection": Expect(get=access.OWNER_ONLY, post=access.OWNER_ACTION),
    "request-follow-up": Expect(get=access.OWNER_ONLY, post=access.OWNER_ACTION),
    "request-delete": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
}

_REQUESTS = "/api/partnerships/{partnership_id}/requests"
_REQUEST = _REQUESTS + "/{request_id}"

API_ROUTES = {
    ("GET", _REQUESTS): Api(API_MEMBERS),
    ("POST", _REQUESTS): Api(API_OWNER_CREATES),
    ("GET", _REQUEST): Api(API_OWNER_ONLY, API_MEMBERS),
    ("PATCH", _REQUEST): Api(API_OWNER_ONLY),
    ("DELETE", _REQUEST): Api((GONE_NOW, access.MISSING, access.MISSING, access.UNAUTHORIZED)),
    ("POST", _REQUEST + "/responses"): Api(API_OWNER_CREATES, API_MEMBERS_CREATE),
    ("POST", _REQUEST + "/follow-ups"): Api(API_OWNER_CREATES),
    ("GET", _REQUEST + "/reflection"): Api(API_OWNER_ONLY),
    ("PUT", _REQUEST + "/reflection"): Api(API_OWNER_ONLY),
    ("GET", _REQUEST + "/follow-up-draft"): Api(API_OWNER_ONLY),
    ("PUT", _REQUEST + "/follow-up-draft"): Api(API_OWNER_ONLY),
}

API_BODIES = {
    _REQUESTS: {"title": "A second monitor for home", "asked_on": "3 days ago"},
    _REQUEST: {"stale_after_days": 7},
    # An answer both may give: the owner records it, the partner answers with it.
    _REQUEST + "/responses": {"kind": "more_info", "note": "Which Fridays?"},
    _REQUEST + "/follow-ups": {"channel": "email", "note": "Sent the rota again."},
    _REQUEST + "/reflection": {"why_it_matters": "School run."},
    _REQUEST + "/follow-up-draft": {"story": "it slipped down the list"},
}


def world(cast, partnership, solo_partnership) -> dict:
    owner = cast.owner
    today = owner.local_today()
    private = f"Only for me: {access.NOTES_SENTINEL}"
    the_request = services.request_create(
        owner,
        partnership,
        services.RequestDraft(
            title="Flexible hours on Fridays",
            asked_on=today - dt.timedelta(days=42),
            channel=Channel.MEETING,
            what_was_said=private,
            # Shared on the shared leg, which has turned the partnership's sharing on by now.
            shared=partnership.share_workload,
        ),
    )
    services.response_record(
        owner, the_request, EventKind.ACKNOWLEDGED, on=today - dt.timedelta(days=40), note=private
    )
    services.reflection_save(owner, the_request, {"why_it_matters": private})
    services.follow_up_draft_save(owner, the_request, story=private, question=private)
    return {"request_pk": the_request.pk, "request_id": the_request.pk}
