"""The partnership agreement: a question set, each member's private answers, and the agreement
they write from them, in versions that never change once both confirm (PRODUCT.md §7).

A partnership answers its question set once. Each member's answers are an `AnswerSet`; its
`submitted_at` is what the reveal waits for: both sets are shown to both once both are
submitted, and never before. The agreement is written in `AgreementVersion`s: one draft at a
time, each a copy of the last confirmed one, with its `Section`s and `Commitment`s; a
`Review` of a confirmed version records what held and what did not and starts the next draft.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.agreeing import DEFAULT_REVIEW_MONTHS, REVIEW_CADENCES
from tandem.partnerships.models import Side

MEMBERS = Side.choices[:2]


class Question(models.Model):
    """One question of a partnership's set. A standard question (`key` set) is worded for the
    reader's kind of partnership by `tandem.agreeing`; a custom one keeps the owner's words."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="agreement_questions"
    )
    key = models.CharField(max_length=40, blank=True)
    group = models.CharField(max_length=40)
    prompt = models.CharField(max_length=300, blank=True)
    hint = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "key"],
                condition=~models.Q(key=""),
                name="standard_question_once",
            )
        ]

    def __str__(self) -> str:
        return self.prompt or self.key


class AnswerSet(models.Model):
    """One member's answers. Private to its author until both sets are submitted."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="agreement_answer_sets"
    )
    side = models.CharField(max_length=8, choices=MEMBERS)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "side"], name="one_answer_set_a_side")
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()}'s answers"


class Answer(models.Model):
    answer_set = models.ForeignKey(AnswerSet, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer_set", "question"], name="one_answer_a_question")
        ]

    def __str__(self) -> str:
        return self.text[:60]


class AgreementVersion(models.Model):
    """One version of the written agreement. A draft changes; a confirmed version never does."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="agreement_versions"
    )
    number = models.PositiveIntegerField()
    review_every_months = models.PositiveSmallIntegerField(
        choices=REVIEW_CADENCES, default=DEFAULT_REVIEW_MONTHS
    )
    # Bumped by every change to the draft: a confirmation is of the text as it was read.
    revision = models.PositiveIntegerField(default=1)
    owner_confirmed_at = models.DateTimeField(null=True, blank=True)
    partner_confirmed_at = models.DateTimeField(null=True, blank=True)
    # Set when the version is confirmed: by both, or by the owner alone while no partner has
    # joined (agreed in conversation).
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "number"], name="agreement_version_number_once"
            ),
            # One draft at a time per partnership.
            models.UniqueConstraint(
                fields=["partnership"],
                condition=models.Q(confirmed_at__isnull=True),
                name="one_agreement_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Section(models.Model):
    """One section of a version: the agreed text for one question (or one the two added)."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="sections")
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, blank=True)
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Commitment(models.Model):
    """What one member commits to in a version; a review records whether it held."""

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="commitments"
    )
    side = models.CharField(max_length=8, choices=MEMBERS)
    text = models.CharField(max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Review(models.Model):
    """A look back at a confirmed version: what held, what did not; it starts the next draft."""

    version = models.OneToOneField(
        AgreementVersion, on_delete=models.CASCADE, related_name="review"
    )
    reviewed_on = models.DateField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    what_held = models.TextField(blank=True)
    what_did_not = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Review of {self.version}"


class CommitmentCheck(models.Model):
    """Whether one commitment held, as the review found."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="checks")
    commitment = models.OneToOneField(
        Commitment, on_delete=models.CASCADE, related_name="review_check"
    )
    held = models.BooleanField()

    def __str__(self) -> str:
        return f"{self.commitment}: {'held' if self.held else 'did not hold'}"
