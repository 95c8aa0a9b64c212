from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.followup.record import (
    CHANNEL_LABELS,
    CLOSED_STATUSES,
    DEFAULT_STALE_AFTER_DAYS,
    EVENT_LABELS,
    MAX_STALE_AFTER_DAYS,
    RESPONSES,
    STATUS_LABELS,
    Channel,
    RequestStatus,
    choices,
)


class RequestQuerySet(models.QuerySet["Request"]):
    def waiting(self) -> RequestQuerySet:
        """Requests still waiting on the partner: the only ones that can turn stale."""
        return self.filter(status=RequestStatus.OPEN)

    def unresolved(self) -> RequestQuerySet:
        return self.exclude(status__in=[status.value for status in CLOSED_STATUSES])


class Request(models.Model):
    """Something the owner asked of their partner, with its dated history."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="requests"
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="requests"
    )
    title = models.CharField(max_length=200, help_text="What you asked for.")
    asked_on = models.DateField()
    channel = models.CharField(
        max_length=16, choices=choices(CHANNEL_LABELS), default=Channel.MEETING
    )
    what_was_said = models.TextField(blank=True, help_text="What you said when you asked.")
    status = models.CharField(
        max_length=16, choices=choices(STATUS_LABELS), default=RequestStatus.OPEN
    )
    stale_after_days = models.PositiveSmallIntegerField(
        default=DEFAULT_STALE_AFTER_DAYS,
        help_text="Days without an answer before it counts as stale "
        f"(1 to {MAX_STALE_AFTER_DAYS}).",
    )
    promised_by = models.DateField(
        null=True, blank=True, help_text="The day your partner said they would answer by."
    )
    shared = models.BooleanField(
        default=False,
        help_text="Your partner sees this request and can answer it. Your reflection and "
        "follow-up drafts stay yours.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["asked_on", "pk"]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class RequestEvent(models.Model):
    """One dated entry of a request's history: a response of the partner, or a follow-up."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=choices(EVENT_LABELS))
    happened_on = models.DateField()
    channel = models.CharField(
        max_length=16, choices=choices(CHANNEL_LABELS), blank=True, help_text="For follow-ups."
    )
    promised_by = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["happened_on", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.happened_on}"

    @property
    def is_response(self) -> bool:
        return self.kind in RESPONSES


class Reflection(models.Model):
    """The owner's private thinking before a follow-up: never shared, by any route."""

    request = models.OneToOneField(Request, on_delete=models.CASCADE, related_name="reflection")
    why_it_matters = models.TextField(blank=True)
    at_stake = models.TextField(blank=True)
    what_i_want = models.TextField(blank=True)
    strength = models.TextField(blank=True)
    who_could_help = models.TextField(blank=True)
    trust_to_build = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    # Each field's question and a one-line hint, in the order they are asked.
    PROMPTS = {
        "why_it_matters": ("Why does this matter to you?", "What it would change in your week."),
        "at_stake": (
            "What is at stake if nothing changes?",
            "For you, for the work, for the people around you.",
        ),
        "what_i_want": (
            "What do you really want?",
            "The outcome, not the wording you first asked with.",
        ),
        "strength": (
            "Which strength of yours helps here?",
            "Something you do well that makes a yes easier.",
        ),
        "who_could_help": ("Who could help?", "Someone who could advise, support or vouch."),
        "trust_to_build": (
            "Whose trust do you need to build, and how would they benefit?",
            "What they gain if this goes well.",
        ),
    }

    def __str__(self) -> str:
        return f"Reflection on {self.request_id}"

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name).strip() for name in self.PROMPTS)


class FollowUpDraft(models.Model):
    """The owner's draft of a follow-up conversation: their story and their open question."""

    request = models.OneToOneField(Request, on_delete=models.CASCADE, related_name="draft")
    story = models.TextField(blank=True)
    question = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Follow-up draft for {self.request_id}"
