"""The shared formatters as template filters, built into every template (settings.TEMPLATES)."""

from __future__ import annotations

from django import template
from django.conf import settings

from tandem.lib.efforts import format_effort

register = template.Library()


@register.filter
def effort(minutes: int | None) -> str:
    """Minutes as Tandem shows an effort everywhere: "3h", "1h 30m", "45m"."""
    return format_effort(int(minutes or 0))


@register.simple_tag
def brief_link_days() -> int:
    return settings.BRIEF_LINK_LIFETIME_DAYS


@register.simple_tag
def invitation_days() -> int:
    return settings.INVITATION_LIFETIME_DAYS
