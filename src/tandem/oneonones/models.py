"""One-on-ones: a series with a cadence, its meetings, and what each meeting holds.

Agenda items and action items belong to the partnership and remember the meeting they were
first placed on; while they stay open they are on every later meeting's agenda by
themselves (see `privacy.meeting_record_for`), so nothing disappears unless it is done or
dropped.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.lib.tokens import new_token, token_hash
from tandem.meetings import CADENCE_LABELS, DEFAULT_DURATION, Cadence, CadenceRule
from tandem.partnerships.models import Side


def _choices(labels: dict) -> list[tuple[str, str]]:
    return [(key.value, label) for key, label in labels.items()]


class Series(models.Model):
    """A partnership's recurring one-on-one: when, how often, how long, in the owner's zone."""

    FEED_PREFIX = "cal"

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="one_on_ones"
    )
    cadence = models.CharField(
        max_length=16, choices=_choices(CADENCE_LABELS), default=Cadence.WEEKLY
    )
    every_weeks = models.PositiveSmallIntegerField(default=1)
    weekday = models.PositiveSmallIntegerField(default=0)
    time = models.TimeField(default=dt.time(10, 0))
    duration_minutes = models.PositiveSmallIntegerField(default=DEFAULT_DURATION)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    # The subscribable calendar feed: only the secret's hash is kept, and revoking clears it.
    feed_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    feed_created_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return f"One-on-ones of {self.partnership}"

    @property
    def rule(self) -> CadenceRule:
        return CadenceRule(
            cadence=Cadence(self.cadence),
            weekday=self.weekday,
            time=self.time,
            duration_minutes=self.duration_minutes,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            every_weeks=self.every_weeks,
        )

    @classmethod
    def new_feed_secret(cls) -> tuple[str, str]:
        secret = new_token(cls.FEED_PREFIX)
        return secret, token_hash(secret)

    @classmethod
    def for_feed_token(cls, token: str) -> Series | None:
        if not token.startswith(f"{cls.FEED_PREFIX}_"):
            return None
        series = cls.objects.select_related("partnership__owner", "partnership__partner")
        return series.filter(feed_token_hash=token_hash(token)).first()


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def taking_place(self) -> MeetingQuerySet:
        return self.filter(skipped=False)


class Meeting(models.Model):
    """One meeting of a series: generated from the cadence, moved, skipped, or added ad hoc."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="meetings")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="meetings"
    )
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=DEFAULT_DURATION)
    # The cadence's occurrence this meeting stands for (None when ad hoc): generating ahead
    # again never makes a second meeting for it, even after it was moved or skipped.
    planned_for = models.DateTimeField(null=True, blank=True)
    ad_hoc = models.BooleanField(default=False)
    moved = models.BooleanField(default=False)
    skipped = models.BooleanField(default=False)
    shared_notes = models.TextField(blank=True)
    # Raised by every save of the shared notes: a save made from an older version is refused.
    notes_version = models.PositiveIntegerField(default=0)
    notes_updated_at = models.DateTimeField(null=True, blank=True)
    notes_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["partnership", "starts_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "planned_for"], name="one_meeting_per_occurrence"
            )
        ]

    def __str__(self) -> str:
        return f"One-on-one at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    def has_ended(self, now: dt.datetime | None = None) -> bool:
        return self.ends_at <= (now or timezone.now())


class ItemStatus(models.TextChoices):
    OPEN = "open", "Open"
    DISCUSSED = "discussed", "Discussed"
    DROPPED = "dropped", "Dropped"


class AgendaItem(models.Model):
    """Something to talk about: proposed from the record and accepted, or added by either
    partner. Open items carry over to the next meeting until discussed or dropped."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="agenda_items"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="placed_items")
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    # Where a proposal came from ("request:12"), so it is offered once; blank when typed.
    source_key = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    position = models.IntegerField(default=0)
    status = models.CharField(max_length=16, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """A direction given in a meeting, written down: what was decided, and by whom."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()
    decided_by = models.CharField(max_length=8, choices=Side.choices, default=Side.BOTH)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class ActionItem(models.Model):
    """Something one of the two will do, by a day. Open ones carry over until done or dropped."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="action_items"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    title = models.CharField(max_length=200)
    owned_by = models.CharField(max_length=8, choices=Side.choices[:2], default=Side.OWNER)
    due = models.DateField(null=True, blank=True)
    assignment = models.ForeignKey(
        "workload.Assignment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    status = models.CharField(
        max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True, help_text="The owner's day it was done.")

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self) -> str:
        return self.title


class PrivateNote(models.Model):
    """One member's own notes on a meeting: never shown to the other, by any route."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="private_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "author"], name="one_private_note_each")
        ]

    def __str__(self) -> str:
        return f"Private note on {self.meeting_id}"


class NotedQuestion(models.Model):
    """Something a member noted "for our next one-on-one": theirs alone until they put it on
    the agenda."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="noted_questions"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=500)
    noted_at = models.DateTimeField(default=timezone.now)
    # Set once it is on an agenda or set aside: it is then offered no more.
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["noted_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class DismissedProposal(models.Model):
    """A proposal the owner removed from one meeting's prepared agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="dismissed")
    key = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "key"], name="dismissed_once")]

    def __str__(self) -> str:
        return self.key
