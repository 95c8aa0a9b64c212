"""What every page inside a partnership shares, whichever area renders it."""

from __future__ import annotations

from django.http import HttpRequest

from tandem.partnerships.models import Partnership
from tandem.privacy import visible_areas


def workspace_context(request: HttpRequest, partnership: Partnership, **extra) -> dict:
    """The members as the viewer sees them, and the areas the viewer may open."""
    return {
        "partnership": partnership,
        "is_owner": partnership.is_owner(request.user),
        "partner_label": partnership.other_member_name(request.user),
        "areas": visible_areas(request.user, partnership),
        **extra,
    }
