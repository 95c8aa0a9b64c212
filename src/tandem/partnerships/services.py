"""Writes about partnerships that cross records or have rules a person can break."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.lib.errors import Conflict, Gone, TandemError
from tandem.partnerships.models import Invitation, Partnership

PARTNERSHIP_FIELDS = frozenset(
    {
        "partner_name",
        "kind",
        "partner_email",
        "share_workload",
        "share_availability",
        "partner_may_reorder",
    }
)


def partnership_create(
    owner: User, partner_name: str, kind: str, partner_email: str = ""
) -> Partnership:
    name = partner_name.strip()
    if not name:
        raise TandemError("Give your partner's name.", field="partner_name")
    return Partnership.objects.create(
        owner=owner, partner_name=name, kind=kind, partner_email=partner_email or ""
    )


REORDER_TURNED_OFF = (
    "Your partner can no longer reorder priorities, since your workload is not shared any more."
)


def partnership_update(partnership: Partnership, changes: dict) -> list[str]:
    """Change details or sharing; every rule is checked before anything is saved.

    Turning sharing off always works and turns off what depends on it; the result says, in
    words for the owner, what was turned off with it.
    """
    unknown = set(changes) - PARTNERSHIP_FIELDS
    if unknown:
        raise TandemError(f"{', '.join(sorted(unknown))} cannot be changed here.")
    if not changes:
        raise TandemError("Send at least one field to change.")
    if "partner_name" in changes:
        changes = {**changes, "partner_name": changes["partner_name"].strip()}
        if not changes["partner_name"]:
            raise TandemError("Give your partner's name.", field="partner_name")
    shares = changes.get("share_workload", partnership.share_workload)
    reorders = changes.get("partner_may_reorder", partnership.partner_may_reorder)
    notices: list[str] = []
    if reorders and not shares:
        # As saved, not as a form may have set it on this instance already.
        saved = Partnership.objects.filter(pk=partnership.pk)
        if not saved.values_list("partner_may_reorder", flat=True).get():
            raise TandemError(
                "Your partner can only reorder priorities of a workload you share.",
                field="partner_may_reorder",
            )
        # Revoking sharing always works: what depends on it is turned off with it.
        changes = {**changes, "partner_may_reorder": False}
        notices.append(REORDER_TURNED_OFF)
    for field, value in changes.items():
        setattr(partnership, field, value)
    partnership.save(update_fields=list(changes))
    return notices


def partnership_delete(partnership: Partnership) -> None:
    """The owner deletes the partnership and everything recorded in it."""
    partnership.delete()


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    token: str  # shown once; only its hash is stored


@transaction.atomic
def invitation_create(partnership: Partnership) -> IssuedInvitation:
    """A new invitation link; any earlier pending link stops working."""
    if partnership.has_partner:
        raise Conflict(f"{partnership.partner} has already joined this partnership.")
    now = timezone.now()
    partnership.invitations.pending().update(revoked_at=now)
    secret, hashed = Invitation.new_secret()
    invitation = Invitation.objects.create(
        partnership=partnership, token_hash=hashed, expires_at=now + Invitation.lifetime()
    )
    return IssuedInvitation(invitation, secret)


def invitation_revoke(invitation: Invitation) -> None:
    if invitation.state != Invitation.State.PENDING:
        raise Conflict("Only a pending invitation can be revoked.")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


def invitation_problem(invitation: Invitation | None, user: User | None = None) -> str | None:
    """Why this invitation cannot be accepted (by this user), in words for the invitee."""
    if invitation is None:
        return "This invitation link is not valid. Check that you copied all of it."
    owner = invitation.partnership.owner
    match invitation.state:
        case Invitation.State.EXPIRED:
            return (
                f"This invitation expired on {invitation.expires_at:%d %b %Y}. "
                f"Ask {owner} to send you a new one."
            )
        case Invitation.State.REVOKED:
            return f"This invitation was withdrawn. Ask {owner} to send you a new one."
        case Invitation.State.ACCEPTED:
            return "This invitation has already been used. Each link works once."
    if user is not None and user.pk == owner.pk:
        return "This is your own invitation. Send the link to your partner instead."
    if invitation.partnership.has_partner:
        return "Someone has already joined this partnership."
    return None


@transaction.atomic
def invitation_accept(token: str, user: User) -> Partnership:
    invitation = Invitation.for_token(token)
    if invitation is not None:
        # Lock the row so two people racing for one link cannot both join.
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("partnership__owner")
            .get(pk=invitation.pk)
        )
    if problem := invitation_problem(invitation, user):
        raise Gone(problem) if invitation is not None else TandemError(problem)
    now = timezone.now()
    invitation.accepted_at = now
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    partnership = invitation.partnership
    partnership.partner = user
    partnership.joined_at = now
    partnership.save(update_fields=["partner", "joined_at"])
    return partnership


def partner_remove(partnership: Partnership) -> None:
    """The owner ends the partner's access; the owner's records stay."""
    if not partnership.has_partner:
        raise Conflict("Nobody has joined this partnership yet.")
    partnership.partner = None
    partnership.joined_at = None
    partnership.save(update_fields=["partner", "joined_at"])


def partnership_leave(partnership: Partnership, user: User) -> None:
    if partnership.is_owner(user):
        raise TandemError("You own this partnership: delete it instead of leaving.")
    partner_remove(partnership)
