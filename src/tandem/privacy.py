"""The privacy core: the one place that decides who may see what.

Every view, API route and command reaches records through these functions.
A record is visible to its owner; a partner sees only what the owner shares in a
partnership both belong to. Anything else does not exist for the requester (404),
so a stranger cannot even learn that a record is there.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from tandem.accounts.models import ApiToken, User
from tandem.partnerships.models import Invitation, Partnership
from tandem.workload.models import Assignment, BriefShare


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


def assignments_for(user: User) -> QuerySet[Assignment]:
    """The user's own assignments, plus those of partnerships whose owner shares the workload."""
    if not user.is_authenticated:
        return Assignment.objects.none()
    shared = Q(partnership__partner=user, partnership__share_workload=True)
    return Assignment.objects.filter(Q(owner=user) | shared)


def get_assignment_for(
    user: User, pk: int, partnership: Partnership, *, owner_only: bool = False
) -> Assignment:
    assignments = assignments_for(user).filter(partnership=partnership)
    if owner_only:
        assignments = assignments.filter(owner=user)
    try:
        return assignments.select_related("partnership", "priority_set_by").get(pk=pk)
    except Assignment.DoesNotExist:
        raise Http404("No such assignment.") from None


def can_reorder(user: User, partnership: Partnership) -> bool:
    """The owner always; the partner when invited to reorder a shared workload."""
    if partnership.is_owner(user):
        return True
    return (
        partnership.partner_id == user.pk
        and partnership.share_workload
        and partnership.partner_may_reorder
    )


def workload_owner_for(user: User, partnership: Partnership) -> User:
    """Whose workload `user` sees in this partnership: always the owner's."""
    get_area_for(user, partnership, "workload")
    return partnership.owner


def brief_shares_for(user: User) -> QuerySet[BriefShare]:
    if not user.is_authenticated:
        return BriefShare.objects.none()
    return BriefShare.objects.filter(partnership__owner=user)


@dataclass(frozen=True)
class Area:
    """One area of a partnership's workspace."""

    slug: str
    title: str
    promise: str
    # owner-only areas hold private notes; a shared area may depend on a sharing setting.
    owner_only: bool = False
    shared_by: str | None = None
    # Areas still to be built show an honest empty state explaining what they will do.
    placeholder: bool = True


AREAS: tuple[Area, ...] = (
    Area(
        "workload",
        "Workload",
        "Capture what you were asked to do, see the plan over your real availability, and "
        "show what a new ask displaces before you say yes.",
        shared_by="share_workload",
        placeholder=False,
    ),
    Area(
        "requests",
        "Requests",
        "Keep track of what you asked your partner for, notice what has stalled, and prepare "
        "a calm follow-up.",
    ),
    Area(
        "one-on-ones",
        "One-on-ones",
        "Prepared agendas, notes, decisions and action items that carry over until they are done.",
    ),
    Area(
        "agreement",
        "Agreement",
        "Answer a question set privately, reveal together, and write down how you will work "
        "together.",
    ),
    Area(
        "profile",
        "Partner profile",
        "Your private notes on how your partner works: style, what they care about, best times "
        "to approach them.",
        owner_only=True,
    ),
    Area(
        "wins",
        "Objectives & wins",
        "What your partner is trying to achieve, and the record of what you delivered for it.",
        owner_only=True,
    ),
    Area(
        "health",
        "Health",
        "How the partnership is doing over time: responsiveness, follow-through, overload, "
        "one-on-ones held.",
        owner_only=True,
    ),
)


def visible_areas(user: User, partnership: Partnership) -> list[Area]:
    if partnership.is_owner(user):
        return list(AREAS)
    return [
        area
        for area in AREAS
        if not area.owner_only and (area.shared_by is None or getattr(partnership, area.shared_by))
    ]


def get_area_for(user: User, partnership: Partnership, slug: str) -> Area:
    for area in visible_areas(user, partnership):
        if area.slug == slug:
            return area
    raise Http404("No such area.")
