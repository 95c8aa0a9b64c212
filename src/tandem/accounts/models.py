from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from tandem.lib.tokens import new_token, token_hash

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DEFAULT_FOCUS_FACTOR = Decimal("0.70")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save()
        user.working_days.bulk_create(WorkingDay.defaults_for(user))
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        return self.create_user(email, password, is_staff=True, is_superuser=True, **fields)


class User(AbstractUser):
    """A person using Tandem. Signs in with an e-mail address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("e-mail address", unique=True)
    display_name = models.CharField(max_length=80)
    time_zone = models.CharField(max_length=64, default="UTC")
    focus_factor = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        default=DEFAULT_FOCUS_FACTOR,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("1.0"))],
        help_text="Share of available hours that realistically goes to planned work.",
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local_today(self) -> dt.date:
        return timezone.now().astimezone(self.zone).date()


class WorkingDay(models.Model):
    """Working hours on one weekday; a day without a row is a day off."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="working_days")
    weekday = models.PositiveSmallIntegerField(choices=list(enumerate(WEEKDAYS)))
    start = models.TimeField()
    end = models.TimeField()

    class Meta:
        ordering = ["weekday"]
        constraints = [
            models.UniqueConstraint(fields=["user", "weekday"], name="one_working_day_per_weekday"),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{WEEKDAYS[self.weekday]} {self.start:%H:%M}–{self.end:%H:%M}"

    @property
    def minutes(self) -> int:
        start = self.start.hour * 60 + self.start.minute
        return self.end.hour * 60 + self.end.minute - start

    @classmethod
    def defaults_for(cls, user: User) -> list[WorkingDay]:
        return [
            cls(user=user, weekday=day, start=dt.time(9, 0), end=dt.time(17, 30))
            for day in range(5)
        ]


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal token for the API and the CLI. Only its hash is stored."""

    PREFIX = "tdm"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    token_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12, help_text="The token's first characters.")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user: User, name: str) -> tuple[ApiToken, str]:
        secret = new_token(cls.PREFIX)
        token = cls.objects.create(
            user=user, name=name, token_hash=token_hash(secret), hint=secret[:10]
        )
        return token, secret

    @classmethod
    def user_for(cls, secret: str) -> User | None:
        token = (
            cls.objects.active()
            .select_related("user")
            .filter(token_hash=token_hash(secret), user__is_active=True)
            .first()
        )
        if token is None:
            return None
        now = timezone.now()
        # Touch at most once a minute so reads do not turn into writes.
        if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
            cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user
