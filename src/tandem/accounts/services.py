"""Writes about a person's account."""

from __future__ import annotations

from django.db import transaction

from tandem.accounts.models import User, WorkingDay


@transaction.atomic
def working_hours_set(user: User, days: dict[int, tuple]) -> None:
    """Replace the user's working hours: weekday → (start, end); missing days are days off."""
    user.working_days.all().delete()
    WorkingDay.objects.bulk_create(
        WorkingDay(user=user, weekday=weekday, start=start, end=end)
        for weekday, (start, end) in sorted(days.items())
    )


@transaction.atomic
def account_delete(user: User) -> None:
    """Delete the person and everything they own; partnerships they joined lose their partner."""
    # As partner_remove does: the owner's partnership must not claim a join date for nobody.
    user.joined_partnerships.update(partner=None, joined_at=None)
    user.delete()
