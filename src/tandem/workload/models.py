from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

from tandem.lib.tokens import new_token, token_hash
from tandem.planning.options import OPTION_LETTERS


class Status(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    IN_PROGRESS = "in_progress", "In progress"
    WAITING = "waiting", "Waiting"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


OPEN_STATUSES = (Status.PROPOSED, Status.ACCEPTED, Status.IN_PROGRESS, Status.WAITING)


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def open(self) -> AssignmentQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def with_open_step_minutes(self) -> AssignmentQuerySet:
        open_steps = models.Sum("steps__effort_minutes", filter=models.Q(steps__done=False))
        return self.annotate(open_steps_total=Coalesce(open_steps, 0))


class Assignment(models.Model):
    """Work someone asked of the owner. Its effort is its own remaining effort plus open steps."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="assignments",
        help_text="The partnership whose workload this belongs to.",
    )
    title = models.CharField(max_length=200)
    asked_by = models.CharField(max_length=80, blank=True)
    asked_on = models.DateField()
    due = models.DateField(null=True, blank=True)
    not_before = models.DateField(
        null=True, blank=True, help_text="Agreed to start no earlier than this day."
    )
    estimate_minutes = models.PositiveIntegerField()
    remaining_minutes = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACCEPTED)
    priority = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Agreed priority: 1 is the most important."
    )
    priority_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    priority_set_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True, help_text="Private: never shared with your partner.")
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["owner", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def open_step_minutes(self) -> int:
        # Lists annotate the total in their one query (see with_open_step_minutes).
        if hasattr(self, "open_steps_total"):
            return self.open_steps_total
        return sum(step.effort_minutes for step in self.steps.all() if not step.done)

    def effort_minutes(self) -> int:
        return self.remaining_minutes + self.open_step_minutes()


class Step(models.Model):
    """Part of what an assignment really takes, possibly depending on someone else."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(max_length=200)
    effort_minutes = models.PositiveIntegerField(default=0)
    depends_on = models.CharField(
        max_length=120, blank=True, help_text="A person or department this step waits on."
    )
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class PriorityChange(models.Model):
    """Who set an agreed priority, and when: priorities can be discussed, not just accepted."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="priority_changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    before = models.PositiveSmallIntegerField(null=True)
    after = models.PositiveSmallIntegerField(null=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.before} → {self.after}"


class TimeOff(models.Model):
    class Part(models.TextChoices):
        WHOLE = "whole", "Whole days"
        MORNING = "morning", "Morning only"
        AFTERNOON = "afternoon", "Afternoon only"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="time_off"
    )
    first_day = models.DateField()
    last_day = models.DateField()
    part = models.CharField(max_length=10, choices=Part.choices, default=Part.WHOLE)
    reason = models.CharField(max_length=120, blank=True, help_text="Private.")
    source = models.CharField(
        max_length=64,
        blank=True,
        help_text="The calendar this time off was imported from (see CalendarEvent.source); "
        "blank when entered by hand, and then no import ever removes it.",
    )

    class Meta:
        ordering = ["first_day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")),
                name="time_off_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_day}–{self.last_day}"


class Commitment(models.Model):
    """A recurring block, e.g. the Tuesday 08:00–10:00 school run."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commitments"
    )
    title = models.CharField(max_length=120, help_text="Private: your partner sees only 'busy'.")
    weekday = models.PositiveSmallIntegerField()
    start = models.TimeField()
    end = models.TimeField()
    every_weeks = models.PositiveSmallIntegerField(default=1)
    starts_on = models.DateField(default=dt.date.today)
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["weekday", "start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="commitment_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class CalendarEvent(models.Model):
    """A meeting or absence imported from an .ics file.

    Importing the same calendar again replaces what it brought before: occurrences
    still in it are updated in place, the others removed.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_events"
    )
    source = models.CharField(
        max_length=64,
        blank=True,
        help_text="The calendar it was imported from: 'name:' and a hash of the calendar's "
        "name, or 'uids:' and a hash of its events' UIDs for a calendar without a name. "
        "Blank for meetings imported before calendars were told apart.",
    )
    uid = models.CharField(max_length=255)
    instance = models.CharField(max_length=64)
    title = models.CharField(max_length=255, blank=True)
    start = models.DateTimeField()
    end = models.DateTimeField()
    all_day = models.BooleanField(default=False)
    busy = models.BooleanField(default=True)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source", "uid", "instance"],
                name="one_event_per_calendar_occurrence",
            )
        ]

    def __str__(self) -> str:
        return self.title


class BriefShareQuerySet(models.QuerySet["BriefShare"]):
    def live(self) -> BriefShareQuerySet:
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class BriefShare(models.Model):
    """A read-only link to one brief, frozen when shared: nothing else is reachable from it."""

    PREFIX = "brf"

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="brief_shares"
    )
    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="brief_shares",
        help_text="The ask the brief is about, where its answers are shown to the owner.",
    )
    token_hash = models.CharField(max_length=64, unique=True)
    title = models.CharField(max_length=200)
    markdown = models.TextField()
    snapshot = models.JSONField(help_text="The brief as it was when shared.")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = BriefShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def lifetime() -> dt.timedelta:
        return dt.timedelta(days=settings.BRIEF_LINK_LIFETIME_DAYS)

    @classmethod
    def new_secret(cls) -> tuple[str, str]:
        secret = new_token(cls.PREFIX)
        return secret, token_hash(secret)

    @classmethod
    def live_for_token(cls, token: str) -> BriefShare | None:
        return cls.objects.live().filter(token_hash=token_hash(token)).first()

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def options(self) -> list[BriefOption]:
        """The options the frozen brief offered, as its reader can choose them."""
        sections = self.snapshot.get("sections") if isinstance(self.snapshot, dict) else None
        lines = next(
            (s.get("lines") or [] for s in sections or [] if s.get("key") == "options"), []
        )
        options = []
        for index, line in enumerate(lines[: len(OPTION_LETTERS)]):
            match = _OPTION_LINE.fullmatch(str(line))
            text = match["text"] if match else str(line)
            suggested = bool(match and match["suggested"])
            options.append(BriefOption(index, OPTION_LETTERS[index], text, suggested))
        return options


# How the brief writes an option: "A. Move …" or "B (my suggestion). Defer …".
_OPTION_LINE = re.compile(r"[A-Z](?P<suggested> \(my suggestion\))?\. (?P<text>.*)", re.DOTALL)


@dataclass(frozen=True)
class BriefOption:
    index: int
    letter: str
    text: str
    suggested: bool


class BriefAnswerQuerySet(models.QuerySet["BriefAnswer"]):
    def current(self) -> BriefAnswerQuerySet:
        """Answers that still stand: the owner has not asked for another one."""
        return self.filter(reopened_at__isnull=True)

    def unhandled(self) -> BriefAnswerQuerySet:
        return self.filter(handled_at__isnull=True)


class BriefAnswer(models.Model):
    """The partner's answer to a shared brief: one of its options, or a wish to talk.

    A link takes one answer; the owner may reopen it for one more. Each answer keeps the
    option as the brief worded it, so it reads the same whatever the plan does later.
    """

    TALK = "talk"
    MAX_NOTE = 1000

    share = models.ForeignKey(BriefShare, on_delete=models.CASCADE, related_name="answers")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="brief_answers"
    )
    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="brief_answers",
    )
    option = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The chosen option (0 for A); empty for “let's talk”."
    )
    option_text = models.TextField(blank=True, help_text="The option as the brief worded it.")
    note = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The partner, when signed in; empty for the reader of the link.",
    )
    answered_at = models.DateTimeField(default=timezone.now)
    reopened_at = models.DateTimeField(
        null=True, blank=True, help_text="When the owner asked for another answer."
    )
    handled_at = models.DateTimeField(
        null=True, blank=True, help_text="When the owner dealt with it (or reopened it)."
    )

    objects = BriefAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["-answered_at", "-pk"]
        constraints = [
            # One answer per link: the owner's reopening makes room for the next.
            models.UniqueConstraint(
                fields=["share"],
                condition=models.Q(reopened_at__isnull=True),
                name="one_current_answer_per_brief_share",
            ),
            models.CheckConstraint(
                condition=models.Q(option__lt=len(OPTION_LETTERS)),
                name="brief_answer_option_has_a_letter",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "handled_at"])]

    def __str__(self) -> str:
        return self.choice_label

    @property
    def wants_to_talk(self) -> bool:
        return self.option is None

    @property
    def letter(self) -> str:
        return "" if self.option is None else OPTION_LETTERS[self.option]

    @property
    def choice_label(self) -> str:
        return "Let's talk" if self.option is None else f"Option {self.letter}"
