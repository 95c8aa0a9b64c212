"""Writes about a person's account."""

from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from tandem.accounts.models import ApiToken, User, WorkingDay
from tandem.lib.errors import TandemError


@transaction.atomic
def working_hours_set(user: User, days: dict[int, tuple]) -> None:
    """Replace the user's working hours: weekday → (start, end); missing days are days off."""
    user.working_days.all().delete()
    WorkingDay.objects.bulk_create(
        WorkingDay(user=user, weekday=weekday, start=start, end=end)
        for weekday, (start, end) in sorted(days.items())
    )


def api_tokens_revoke(user: User) -> int:
    """Stop every active API token of the user from working; returns how many there were."""
    return ApiToken.objects.active().filter(user=user).update(revoked_at=timezone.now())


@transaction.atomic
def password_set(user: User, password: str, *, revoke_tokens: bool) -> int:
    """Give the user a new password and, if asked, revoke their API tokens (how many)."""
    if not password:
        raise TandemError("Choose a new password.", field="new_password1")
    user.set_password(password)
    user.save(update_fields=["password"])
    return api_tokens_revoke(user) if revoke_tokens else 0


def _sessions_delete(user: User) -> None:
    """Delete the stored sessions that are logged in as the user (database-backed sessions)."""
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    if not hasattr(store, "get_model_class"):
        return  # sessions kept only in a cache or in cookies expire on their own
    user_id = str(user.pk)
    stale = [
        session.session_key
        for session in store.get_model_class().objects.iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    for session_key in stale:
        store().delete(session_key)  # also forgets a cached copy (cached_db sessions)


@transaction.atomic
def account_delete(user: User) -> None:
    """Delete the person and everything they own; partnerships they joined lose their partner.

    Everything includes the log-in records that hold their address and IP addresses, and the
    sessions still logged in as them.
    """
    # As partner_remove does: the owner's partnership must not claim a join date for nobody.
    user.joined_partnerships.update(partner=None, joined_at=None)
    for record in (AccessAttempt, AccessFailureLog, AccessLog):
        record.objects.filter(username__iexact=user.email).delete()
    _sessions_delete(user)
    user.delete()
