"""The privacy core: the one place that decides who may see what.

Every view, API route and command reaches records through these functions and through each
area's own `privacy.py`, which builds on them and never decides a rule of its own.
A record is visible to its owner; a partner sees only what the owner shares in a
partnership both belong to. Anything else does not exist for the requester (404),
so a stranger cannot even learn that a record is there.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from tandem.accounts.models import ApiToken, User
from tandem.areas import Area, all_areas
from tandem.partnerships.models import Invitation, Partnership


def partnerships_for(user: User) -> QuerySet[Partnership]:
    """Partnerships the user owns or has joined."""
    if not user.is_authenticated:
        return Partnership.objects.none()
    return Partnership.objects.filter(Q(owner=user) | Q(partner=user)).select_related(
        "owner", "partner"
    )


def get_partnership_for(user: User, pk: int, *, owner_only: bool = False) -> Partnership:
    partnerships = partnerships_for(user)
    if owner_only:
        partnerships = partnerships.filter(owner=user)
    try:
        return partnerships.get(pk=pk)
    except Partnership.DoesNotExist:
        raise Http404("No such partnership.") from None


def invitations_for(user: User) -> QuerySet[Invitation]:
    """Invitations the user created; a partner never sees them."""
    if not user.is_authenticated:
        return Invitation.objects.none()
    return Invitation.objects.filter(partnership__owner=user)


def api_tokens_for(user: User) -> QuerySet[ApiToken]:
    if not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)


def visible_areas(user: User, partnership: Partnership) -> list[Area]:
    if partnership.is_owner(user):
        return list(all_areas())
    return [
        area
        for area in all_areas()
        if not area.owner_only and (area.shared_by is None or getattr(partnership, area.shared_by))
    ]


def get_area_for(user: User, partnership: Partnership, slug: str) -> Area:
    for area in visible_areas(user, partnership):
        if area.slug == slug:
            return area
    raise Http404("No such area.")


def require_area(user: User, partnership: Partnership, slug: str) -> None:
    """A guard: the area does not exist for this user (404) unless they may see it."""
    get_area_for(user, partnership, slug)


@dataclass(frozen=True)
class Scope:
    """What one viewer may see of the owner's records inside one partnership.

    The one rule for every area: a person's records are one, so the owner sees all of them,
    each marked with the partnership it belongs to; the partner sees the records of this
    partnership only, and of the owner's other work at most a total, never what it is.
    """

    partnership: Partnership
    viewer_is_owner: bool

    @classmethod
    def of(cls, user: User, partnership: Partnership) -> Scope:
        return cls(partnership, partnership.is_owner(user))

    @classmethod
    def partner_of(cls, partnership: Partnership) -> Scope:
        """As the partner sees it, whoever is looking: for what the owner sends them (a brief)."""
        return cls(partnership, viewer_is_owner=False)

    def names(self, partnership_id: int) -> bool:
        """Whether the viewer may see what a record of that partnership is."""
        return self.viewer_is_owner or partnership_id == self.partnership.pk
