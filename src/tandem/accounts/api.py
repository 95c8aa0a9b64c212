from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field, field_validator

from tandem.accounts import services
from tandem.accounts.forms import time_zone_names
from tandem.accounts.models import WEEKDAYS, ApiToken
from tandem.lib.errors import TandemError
from tandem.schemas import Clock, errors, text

router = Router(tags=["me"])

# Blank once trimmed counts as empty, as it does in the web forms.
Name = text(strip=True, min_length=1, max_length=80)


class WorkingDayOut(Schema):
    weekday: int
    start: str
    end: str


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    time_zone: str
    focus_factor: float
    working_hours: list[WorkingDayOut]


class MeIn(Schema):
    display_name: Name | None = None
    time_zone: text(max_length=64) | None = None
    focus_factor: Decimal | None = Field(None, ge=Decimal("0.1"), le=Decimal("1.0"))

    @field_validator("time_zone")
    @classmethod
    def known_zone(cls, value: str | None) -> str | None:
        if value is not None and value not in time_zone_names():
            raise ValueError(f"'{value}' is not a known time zone, e.g. Europe/London")
        return value


def _me(user) -> MeOut:
    return MeOut(
        id=user.pk,
        email=user.email,
        display_name=user.display_name,
        time_zone=user.time_zone,
        focus_factor=float(user.focus_factor),
        working_hours=[
            WorkingDayOut(weekday=d.weekday, start=f"{d.start:%H:%M}", end=f"{d.end:%H:%M}")
            for d in user.working_days.all()
        ],
    )


@router.get("/me", response={200: MeOut, **errors(401)}, summary="Who I am")
def me(request: HttpRequest) -> MeOut:
    return _me(request.auth)


@router.patch(
    "/me", response={200: MeOut, **errors(400, 401, 403, 422)}, summary="Change my profile"
)
def me_update(request: HttpRequest, payload: MeIn) -> MeOut:
    user = request.auth
    changes = payload.model_dump(exclude_unset=True, exclude_none=True)
    if not changes:
        raise TandemError("Send at least one of display_name, time_zone, focus_factor.")
    for field, value in changes.items():
        setattr(user, field, value)
    user.save(update_fields=list(changes))
    return _me(user)


class TokenRequest(Schema):
    email: text(min_length=3, max_length=254)
    password: text(min_length=1, max_length=200)
    name: Name = "Command line"


class TokenOut(Schema):
    token: str  # shown once; only its hash is stored
    name: str


@router.post(
    "/tokens",
    auth=None,
    response={201: TokenOut, **errors(400, 401, 415, 422, 429)},
    summary="Exchange e-mail and password for a personal API token (used by `tandem login`)",
)
def token_create(request: HttpRequest, payload: TokenRequest):
    if request.content_type != "application/json":
        # django-axes reads the form body of a failed log-in; only JSON is accepted here.
        raise HttpError(415, "Send the body as application/json.")
    # authenticate() with the request lets django-axes count failures and lock out guessing.
    try:
        # Under the model's field name, as the login form does: axes keys failures on "email".
        user = authenticate(request, email=payload.email.lower(), password=payload.password)
    except PermissionDenied:
        user = None
    if getattr(request, "axes_locked_out", False):
        request.axes_locked_out = False  # answered here as JSON, not with the lockout web page
        raise HttpError(429, "Too many failed attempts; try again in 15 minutes.")
    if user is None:
        raise HttpError(401, "That e-mail address and password do not match.")
    _, secret = ApiToken.issue(user, payload.name)
    return Status(201, TokenOut(token=secret, name=payload.name))


class WorkingDayIn(Schema):
    weekday: int = Field(ge=0, le=6, description="0 is Monday, 6 is Sunday.")
    start: Clock = Field(description="HH:MM, e.g. 09:00")
    end: Clock = Field(description="HH:MM, e.g. 17:30")


class WorkingHoursIn(Schema):
    days: list[WorkingDayIn] = Field(
        max_length=len(WEEKDAYS), description="The days you work; a day left out is a day off."
    )


class WorkingHoursOut(Schema):
    days: list[WorkingDayOut]
    week_minutes: int = Field(description="Working time in a week, before the focus factor.")


def _working_hours(user) -> WorkingHoursOut:
    days = list(user.working_days.all())
    return WorkingHoursOut(
        days=[
            WorkingDayOut(weekday=d.weekday, start=f"{d.start:%H:%M}", end=f"{d.end:%H:%M}")
            for d in days
        ],
        week_minutes=sum(d.minutes for d in days),
    )


@router.get(
    "/me/working-hours",
    response={200: WorkingHoursOut, **errors(401)},
    summary="My working hours",
)
def working_hours(request: HttpRequest) -> WorkingHoursOut:
    return _working_hours(request.auth)


@router.put(
    "/me/working-hours",
    response={200: WorkingHoursOut, **errors(400, 401, 403, 422)},
    summary="Replace my working hours (the plan follows at once)",
)
def working_hours_set(request: HttpRequest, payload: WorkingHoursIn) -> WorkingHoursOut:
    # Every day is checked before anything is saved, with the settings page's words.
    days: dict[int, tuple[dt.time, dt.time]] = {}
    for day in payload.days:
        name = WEEKDAYS[day.weekday]
        start, end = dt.time.fromisoformat(day.start), dt.time.fromisoformat(day.end)
        if day.weekday in days:
            raise TandemError(f"{name} is given twice; give each day once.", field="days")
        if end <= start:
            raise TandemError(
                f"Working hours on {name} end before they start ({day.start}–{day.end}).",
                field="days",
            )
        days[day.weekday] = (start, end)
    services.working_hours_set(request.auth, days)
    return _working_hours(request.auth)
