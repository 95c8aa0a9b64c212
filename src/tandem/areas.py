"""The areas of a partnership's workspace, and the registry through which each one joins.

The overview and the navigation know areas only from here. `ROADMAP` names every area of the
brief, in navigation order, with its promise. A built area's app registers itself in its
`AppConfig.ready` with `register(slug, figures=..., tile_template=...)`. Areas not registered
get an honest "on its way" page, and only they do, so a built area can never be shadowed by
its placeholder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

# figures(viewer, partnership) -> a small frozen dataclass, read in a fixed number of queries.
Figures = Callable[[Any, Any], Any]
# context(viewer, partnership) -> the panel's context, or None when it has nothing to show.
PanelContext = Callable[[Any, Any], dict | None]
# busy(user, start, end) -> (start, end) intervals in the user's local wall-clock time between
# two dates (end exclusive), which the plan counts as unavailable. One query.
BusyTime = Callable[[Any, Any, Any], list]


@dataclass(frozen=True)
class Area:
    """One area of a partnership's workspace, in the order the navigation shows it."""

    slug: str
    title: str
    promise: str
    # Owner-only areas hold private notes; a shared area may depend on a sharing setting.
    owner_only: bool = False
    shared_by: str | None = None
    figures: Figures | None = None
    # Renders `area` and `figures` inside the overview's tile.
    tile_template: str = ""

    @property
    def built(self) -> bool:
        return self.figures is not None


@dataclass(frozen=True)
class OverviewPanel:
    """A card an area adds to the overview, above the tiles (e.g. shared blocked time)."""

    name: str
    template: str
    context: PanelContext
    # A leading panel comes before the others: what most needs the person's attention.
    lead: bool = False


ROADMAP: tuple[Area, ...] = (
    Area(
        "workload",
        "Workload",
        "Capture what you were asked to do, see the plan over your real availability, and "
        "show what a new ask displaces before you say yes.",
        shared_by="share_workload",
    ),
    Area(
        "requests",
        "Requests",
        "Keep track of what you asked your partner for, notice what has stalled, and prepare "
        "a calm follow-up.",
    ),
    Area(
        "one-on-ones",
        "One-on-ones",
        "Prepared agendas, notes, decisions and action items that carry over until they are done.",
    ),
    Area(
        "agreement",
        "Agreement",
        "Answer a question set privately, reveal together, and write down how you will work "
        "together.",
    ),
    Area(
        "profile",
        "Partner profile",
        "Your private notes on how your partner works: style, what they care about, best times "
        "to approach them.",
        owner_only=True,
    ),
    Area(
        "wins",
        "Objectives & wins",
        "What your partner is trying to achieve, and the record of what you delivered for it.",
        owner_only=True,
    ),
    Area(
        "health",
        "Health",
        "How the partnership is doing over time: responsiveness, follow-through, overload, "
        "one-on-ones held.",
        owner_only=True,
    ),
)

_registered: dict[str, Area] = {}
_panels: dict[str, OverviewPanel] = {}
_busy_time: dict[str, BusyTime] = {}


def register(slug: str, *, figures: Figures, tile_template: str) -> Area:
    """Called once by a built area's AppConfig.ready; its words and place come from ROADMAP."""
    planned = next((area for area in ROADMAP if area.slug == slug), None)
    if planned is None:
        raise ValueError(f"Area {slug!r} is not in ROADMAP: add it there first.")
    if slug in _registered:
        raise ValueError(f"Area {slug!r} is registered twice.")
    _registered[slug] = replace(planned, figures=figures, tile_template=tile_template)
    return _registered[slug]


def register_panel(panel: OverviewPanel) -> None:
    if panel.name in _panels:
        raise ValueError(f"Overview panel {panel.name!r} is registered twice.")
    _panels[panel.name] = panel


def register_busy_time(name: str, busy: BusyTime) -> None:
    """An area whose records take up the person's time (one-on-ones) adds them to the plan's
    availability this way, so the workload never imports it."""
    if name in _busy_time:
        raise ValueError(f"Busy time {name!r} is registered twice.")
    _busy_time[name] = busy


def busy_time_sources() -> tuple[BusyTime, ...]:
    return tuple(_busy_time.values())


def all_areas() -> tuple[Area, ...]:
    """Every area in navigation order: built ones as registered, the rest from the roadmap."""
    return tuple(_registered.get(area.slug, area) for area in ROADMAP)


def planned_areas() -> tuple[Area, ...]:
    """Areas still to be built: only these get the placeholder page."""
    return tuple(area for area in all_areas() if not area.built)


def overview_panels() -> tuple[OverviewPanel, ...]:
    """Leading panels first, then the rest, each in the order they were registered."""
    return tuple(sorted(_panels.values(), key=lambda panel: not panel.lead))
