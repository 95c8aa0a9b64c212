from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.lib.tokens import new_token, token_hash


class Kind(models.TextChoices):
    MY_MANAGER = "manager", "My manager"
    MY_REPORT = "report", "My report"
    PEER = "peer", "Peer"


# How the partner sees the same partnership: the owner's manager has the owner as a report.
_PARTNER_VIEW = {
    Kind.MY_MANAGER: Kind.MY_REPORT,
    Kind.MY_REPORT: Kind.MY_MANAGER,
    Kind.PEER: Kind.PEER,
}


class Side(models.TextChoices):
    """Whose something is, or who did it: said of the partnership's two members."""

    OWNER = "owner", "Owner"
    PARTNER = "partner", "Partner"
    BOTH = "both", "Both"


class Partnership(models.Model):
    """The space two people share. The owner can use every tool before the partner joins."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="owned_partnerships"
    )
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="joined_partnerships",
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.MY_MANAGER)
    partner_name = models.CharField(max_length=80)
    partner_email = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    joined_at = models.DateTimeField(null=True, blank=True)

    # Sharing settings: everything is private until the owner turns something on.
    share_workload = models.BooleanField(
        default=False,
        help_text="Your partner sees assignment titles, dates, effort, the plan and impact. "
        "Never your private notes.",
    )
    share_availability = models.BooleanField(
        default=False,
        help_text="Your partner sees when you are unavailable, without the reasons.",
    )
    partner_may_reorder = models.BooleanField(
        default=False,
        help_text="Your partner may change the agreed priority of shared assignments.",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(partner=models.F("owner")), name="partner_is_not_owner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner} & {self.partner_name}"

    def is_owner(self, user) -> bool:
        return self.owner_id == user.pk

    def other_member_name(self, user) -> str:
        """The name to show `user` for the other person in this partnership."""
        return self.partner_name if self.is_owner(user) else str(self.owner)

    def kind_for(self, user) -> Kind:
        kind = Kind(self.kind)
        return kind if self.is_owner(user) else _PARTNER_VIEW[kind]

    def title_for(self, user) -> str:
        kind = self.kind_for(user)
        name = self.other_member_name(user)
        return f"{name} · {kind.label.lower()}" if kind != Kind.PEER else f"{name} · peer"

    @property
    def invitee_role(self) -> str:
        """What the invited person is to the owner, e.g. "their manager"."""
        return {Kind.MY_MANAGER: "their manager", Kind.MY_REPORT: "their report"}.get(
            Kind(self.kind), "a peer"
        )

    @property
    def has_partner(self) -> bool:
        return self.partner_id is not None


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A single-use link that lets the partner join. Only the token's hash is stored."""

    PREFIX = "inv"

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for your partner"
        ACCEPTED = "accepted", "Accepted"
        REVOKED = "revoked", "Revoked"
        EXPIRED = "expired", "Expired"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation to {self.partnership} ({self.state})"

    @classmethod
    def for_token(cls, token: str) -> Invitation | None:
        return (
            cls.objects.select_related("partnership__owner")
            .filter(token_hash=token_hash(token))
            .first()
        )

    @property
    def state(self) -> State:
        if self.accepted_at:
            return self.State.ACCEPTED
        if self.revoked_at:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.PENDING

    @staticmethod
    def lifetime() -> dt.timedelta:
        return dt.timedelta(days=settings.INVITATION_LIFETIME_DAYS)

    @staticmethod
    def new_secret() -> tuple[str, str]:
        secret = new_token(Invitation.PREFIX)
        return secret, token_hash(secret)


def viewer_side(partnership: Partnership, viewer) -> Side:
    return Side.OWNER if partnership.is_owner(viewer) else Side.PARTNER


def side_name(partnership: Partnership, side: str, viewer) -> str:
    """ "You", or the other member's name, for the side of the partnership."""
    if side == Side.BOTH:
        return "Both of you"
    if side == viewer_side(partnership, viewer):
        return "You"
    return str(partnership.owner) if side == Side.OWNER else partnership.partner_name
