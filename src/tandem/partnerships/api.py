from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema, Status

from tandem.partnerships import services
from tandem.partnerships.models import Kind, Partnership
from tandem.privacy import get_partnership_for, invitations_for, partnerships_for
from tandem.schemas import Email, Text, errors, text

router = Router(tags=["partnerships"])


class SharingOut(Schema):
    share_workload: bool
    share_availability: bool
    partner_may_reorder: bool


class PartnershipOut(Schema):
    id: int
    role: str  # "owner" or "partner": how the requester belongs to it
    kind: Kind  # from the requester's point of view
    partner_name: str  # the other member, as the requester knows them
    partner_joined: bool
    created_at: dt.datetime
    sharing: SharingOut


# Blank once trimmed counts as empty, as it does in the web form.
PartnerName = text(strip=True, min_length=1, max_length=80)


class PartnershipIn(Schema):
    partner_name: PartnerName
    kind: Kind = Kind.MY_MANAGER
    partner_email: Email | None = None


class PartnershipPatch(Schema):
    partner_name: PartnerName | None = None
    kind: Kind | None = None
    partner_email: Email | None = None
    share_workload: bool | None = None
    share_availability: bool | None = None
    partner_may_reorder: bool | None = None


class InvitationOut(Schema):
    id: int
    state: str
    created_at: dt.datetime
    expires_at: dt.datetime


class IssuedInvitationOut(InvitationOut):
    url: str  # shown once; only its hash is stored


def _out(partnership: Partnership, user) -> PartnershipOut:
    return PartnershipOut(
        id=partnership.pk,
        role="owner" if partnership.is_owner(user) else "partner",
        kind=partnership.kind_for(user),
        partner_name=partnership.other_member_name(user),
        partner_joined=partnership.has_partner,
        created_at=partnership.created_at,
        sharing=SharingOut(
            share_workload=partnership.share_workload,
            share_availability=partnership.share_availability,
            partner_may_reorder=partnership.partner_may_reorder,
        ),
    )


def _invitation_out(invitation) -> dict:
    return {
        "id": invitation.pk,
        "state": invitation.state.value,
        "created_at": invitation.created_at,
        "expires_at": invitation.expires_at,
    }


@router.get(
    "/partnerships", response={200: list[PartnershipOut], **errors(401)}, summary="My partnerships"
)
def partnership_list(request: HttpRequest) -> list[PartnershipOut]:
    return [_out(p, request.auth) for p in partnerships_for(request.auth)]


@router.post(
    "/partnerships",
    response={201: PartnershipOut, **errors(400, 401, 403, 422)},
    summary="Create a partnership",
)
def partnership_create(request: HttpRequest, payload: PartnershipIn):
    partnership = services.partnership_create(
        request.auth, payload.partner_name, payload.kind, payload.partner_email or ""
    )
    return Status(201, _out(partnership, request.auth))


@router.get(
    "/partnerships/{partnership_id}",
    response={200: PartnershipOut, **errors(401, 404, 422)},
    summary="One partnership",
)
def partnership_detail(request: HttpRequest, partnership_id: int) -> PartnershipOut:
    return _out(get_partnership_for(request.auth, partnership_id), request.auth)


@router.patch(
    "/partnerships/{partnership_id}",
    response={200: PartnershipOut, **errors(400, 401, 403, 404, 422)},
    summary="Change a partnership or its sharing (owner only)",
)
def partnership_update(request: HttpRequest, partnership_id: int, payload: PartnershipPatch):
    partnership = get_partnership_for(request.auth, partnership_id, owner_only=True)
    services.partnership_update(
        partnership, payload.model_dump(exclude_unset=True, exclude_none=True)
    )
    return Status(200, _out(partnership, request.auth))


@router.delete(
    "/partnerships/{partnership_id}",
    response={204: None, **errors(401, 403, 404, 422)},
    summary="Delete a partnership (owner) or leave it (partner)",
)
def partnership_delete(request: HttpRequest, partnership_id: int):
    partnership = get_partnership_for(request.auth, partnership_id)
    if partnership.is_owner(request.auth):
        services.partnership_delete(partnership)
    else:
        services.partnership_leave(partnership, request.auth)
    return Status(204, None)


@router.get(
    "/partnerships/{partnership_id}/invitations",
    response={200: list[InvitationOut], **errors(401, 404, 422)},
    summary="The partnership's invitations (owner only)",
)
def invitation_list(request: HttpRequest, partnership_id: int):
    partnership = get_partnership_for(request.auth, partnership_id, owner_only=True)
    invitations = invitations_for(request.auth).filter(partnership=partnership)
    return Status(200, [_invitation_out(i) for i in invitations])


@router.post(
    "/partnerships/{partnership_id}/invitations",
    response={201: IssuedInvitationOut, **errors(401, 403, 404, 409, 422)},
    summary="Create an invitation link (replaces any pending one)",
)
def invitation_create(request: HttpRequest, partnership_id: int):
    partnership = get_partnership_for(request.auth, partnership_id, owner_only=True)
    issued = services.invitation_create(partnership)
    url = request.build_absolute_uri(reverse("invitation", args=[issued.token]))
    return Status(201, {**_invitation_out(issued.invitation), "url": url})


@router.delete(
    "/partnerships/{partnership_id}/invitations/{invitation_id}",
    response={204: None, **errors(401, 403, 404, 409, 422)},
    summary="Revoke a pending invitation (owner only)",
)
def invitation_revoke(request: HttpRequest, partnership_id: int, invitation_id: int):
    partnership = get_partnership_for(request.auth, partnership_id, owner_only=True)
    invitation = get_object_or_404(
        invitations_for(request.auth).filter(partnership=partnership), pk=invitation_id
    )
    services.invitation_revoke(invitation)
    return Status(204, None)


@router.post(
    "/invitations/{token}/accept",
    response={200: PartnershipOut, **errors(400, 401, 403, 410, 422)},
    summary="Join a partnership with an invitation token",
)
def invitation_accept(request: HttpRequest, token: Text):
    partnership = services.invitation_accept(token, request.auth)
    return Status(200, _out(partnership, request.auth))
