from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field, StringConstraints, field_validator

from tandem.accounts.forms import time_zone_names
from tandem.accounts.models import ApiToken
from tandem.lib.errors import TandemError
from tandem.schemas import Detail

router = Router(tags=["me"])


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
    display_name: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)] | None
    ) = None
    time_zone: str | None = Field(None, max_length=64)
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


@router.get("/me", response=MeOut, summary="Who I am")
def me(request: HttpRequest) -> MeOut:
    return _me(request.auth)


@router.patch("/me", response=MeOut, summary="Change my profile")
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
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=200)
    name: str = Field("Command line", min_length=1, max_length=80)


class TokenOut(Schema):
    token: str  # shown once; only its hash is stored
    name: str


@router.post(
    "/tokens",
    auth=None,
    response={201: TokenOut, 401: Detail, 415: Detail, 429: Detail},
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
