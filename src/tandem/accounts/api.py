from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field, field_validator

from tandem.accounts.forms import time_zone_names
from tandem.lib.errors import TandemError

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
    display_name: str | None = Field(None, min_length=1, max_length=80)
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
