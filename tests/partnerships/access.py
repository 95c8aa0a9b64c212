"""Who reaches the partnerships' pages and API routes (see tests/access_tables.py)."""

from __future__ import annotations

from tandem.partnerships import services
from tandem.partnerships.models import Invitation
from tests import access_tables as access
from tests.access_tables import Api, Expect

PAGES = {
    "home": Expect(get=access.SIGNED_IN),
    "partnership-create": Expect(get=access.SIGNED_IN, post=access.SIGNED_IN),
    "partnership": Expect(get=access.MEMBERS),
    "partnership-settings": Expect(
        get=access.MEMBERS, post=(access.FOUND, access.OK, access.MISSING, access.LOGIN)
    ),
    "invitation-create": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    "invitation-revoke": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    "partner-remove": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    "partnership-leave": Expect(get=access.POST_ONLY, post=access.MEMBER_ACTION),
    "partnership-delete": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    # Public by design: the token is the secret. The owner cannot accept their own link.
    "invitation": Expect(
        get=(access.GONE, access.OK, access.OK, access.OK),
        post=(access.GONE, access.FOUND, access.FOUND, access.OK),
    ),
    # Areas not built yet: private ones, for the owner only.
    "area-profile": Expect(get=access.OWNER_ONLY),
    "area-wins": Expect(get=access.OWNER_ONLY),
    "area-health": Expect(get=access.OWNER_ONLY),
}

API_ROUTES = {
    ("GET", "/api/partnerships"): Api((access.OK, access.OK, access.OK, access.UNAUTHORIZED)),
    ("POST", "/api/partnerships"): Api((201, 201, 201, access.UNAUTHORIZED)),
    ("GET", "/api/partnerships/{partnership_id}"): Api(
        (access.OK, access.OK, access.MISSING, access.UNAUTHORIZED)
    ),
    ("PATCH", "/api/partnerships/{partnership_id}"): Api(
        (access.OK, access.MISSING, access.MISSING, access.UNAUTHORIZED)
    ),
    ("DELETE", "/api/partnerships/{partnership_id}"): Api(
        (204, 204, access.MISSING, access.UNAUTHORIZED)
    ),
    ("GET", "/api/partnerships/{partnership_id}/invitations"): Api(
        (access.OK, access.MISSING, access.MISSING, access.UNAUTHORIZED)
    ),
    ("POST", "/api/partnerships/{partnership_id}/invitations"): Api(
        (409, access.MISSING, access.MISSING, access.UNAUTHORIZED)
    ),
    ("DELETE", "/api/partnerships/{partnership_id}/invitations/{invitation_id}"): Api(
        (409, access.MISSING, access.MISSING, access.UNAUTHORIZED)
    ),
    ("POST", "/api/invitations/{token}/accept"): Api(
        (access.GONE, access.OK, access.OK, access.UNAUTHORIZED)
    ),
}

API_BODIES = {
    "/api/partnerships": {"partner_name": "Pat Peer", "kind": "peer"},
    "/api/partnerships/{partnership_id}": {"share_workload": True},
}


def world(cast, partnership, solo_partnership) -> dict:
    issued = services.invitation_create(solo_partnership)
    accepted = Invitation.objects.get(partnership=partnership)
    return {
        "pk": partnership.pk,
        "partnership_id": partnership.pk,
        "invitation_pk": accepted.pk,
        "invitation_id": accepted.pk,
        "token": issued.token,
    }
