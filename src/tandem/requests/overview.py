"""What requests show on a partnership's overview: the tile's figures, and the panel that
leads the page with what waits too long (for the owner) or waits for an answer (for the
partner)."""

from __future__ import annotations

from dataclasses import dataclass

from tandem.accounts.models import User
from tandem.followup import RequestStatus
from tandem.partnerships.models import Partnership
from tandem.requests.privacy import visible_requests

# The panel names this many; the rest are counted and one click away.
PANEL_ROWS = 3


@dataclass(frozen=True)
class RequestFigures:
    open_count: int
    stale_count: int
    # The longest wait, said plainly: "asked 42 days ago, no answer".
    longest_wait: str


def figures(viewer: User, partnership: Partnership) -> RequestFigures:
    views = visible_requests(viewer, partnership, status="open")
    stale = [view for view in views if view.stale]
    return RequestFigures(
        open_count=len(views),
        stale_count=len(stale),
        longest_wait=stale[0].staleness.summary if stale else "",
    )


def waiting_panel(viewer: User, partnership: Partnership) -> dict | None:
    """The owner's stale requests; for the partner, the shared ones waiting for their answer."""
    views = visible_requests(viewer, partnership, status="open")
    if partnership.is_owner(viewer):
        rows = [view for view in views if view.stale]
    else:
        rows = [view for view in views if view.status == RequestStatus.OPEN]
    if not rows:
        return None
    return {
        "rows": rows[:PANEL_ROWS],
        "more": len(rows) - PANEL_ROWS if len(rows) > PANEL_ROWS else 0,
        "for_partner": not partnership.is_owner(viewer),
    }
