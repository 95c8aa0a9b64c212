"""What one-on-ones show on a partnership's overview: the tile's figures, and a card for the
next meeting when it is near."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from tandem.accounts.models import User
from tandem.oneonones.privacy import next_meeting_for, open_counts_for, series_for
from tandem.partnerships.models import Partnership

# The overview shows the next meeting's card when it is this close.
PANEL_WITHIN = dt.timedelta(days=3)


@dataclass(frozen=True)
class OneOnOneFigures:
    has_series: bool
    next_starts_at: dt.datetime | None
    open_items: int
    # Open action items: all, and the viewer's own overdue ones.
    open_actions: int
    my_overdue: int


def figures(viewer: User, partnership: Partnership) -> OneOnOneFigures:
    series = series_for(viewer, partnership)
    if series is None:
        return OneOnOneFigures(False, None, 0, 0, 0)
    meeting = next_meeting_for(viewer, partnership)
    counts = open_counts_for(viewer, partnership)
    return OneOnOneFigures(
        has_series=True,
        next_starts_at=meeting.starts_at if meeting else None,
        open_items=counts.agenda_items,
        open_actions=counts.action_items,
        my_overdue=counts.my_overdue,
    )


def next_meeting_panel(viewer: User, partnership: Partnership) -> dict | None:
    """The next one-on-one, when it is within three days: time to prepare."""
    meeting = next_meeting_for(viewer, partnership)
    if meeting is None or meeting.starts_at - timezone.now() > PANEL_WITHIN:
        return None
    return {"meeting": meeting}
