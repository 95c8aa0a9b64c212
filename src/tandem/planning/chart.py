"""Load versus capacity per week, as an SVG chart drawn on the server.

The SVG carries no inline styles: the site's Content-Security-Policy forbids
them, so colours are presentation attributes and the class names
(`chart-required`, `chart-capacity`, `chart-over`) let the stylesheet take
over. The rows are the chart's text equivalent, for a table beside it.

The view box is about as wide as a phone. In a card on a 390-pixel phone the
chart is drawn about 320 pixels wide, so its text is sized for that: 15 units
render at 12 pixels there; on wider screens the whole chart scales up.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from tandem.lib.dates import format_date
from tandem.lib.efforts import format_effort
from tandem.planning.planner import WeekLoad

__all__ = ["CHART_WEEKS", "Chart", "ChartRow", "load_chart", "week_label"]

# The weeks a load chart shows, on the workload page and in a brief.
CHART_WEEKS = 8
DEFAULT_TITLE = "Work due versus time available, per week"

WIDTH = 400
HEIGHT = 260
# Every label's size, in view box units: 12 pixels when the chart is 320 pixels wide.
FONT_SIZE = 15
# About the width of one character at FONT_SIZE, to lay out the legend on one line.
CHAR_WIDTH = FONT_SIZE * 0.6
# A week's label ("30 Nov") and some room beside it.
LABEL_WIDTH = CHAR_WIDTH * 6 + 6
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 52, 58
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM
# Beyond this many weeks the tick labels would crowd, so only every n-th is written.
MAX_LABELS = 8

TEXT = "#24292f"
GRID = "#d8dee4"
REQUIRED = "#2f5f8a"
CAPACITY = "#d0d7de"
CAPACITY_EDGE = "#57606a"
# 5.4:1 against white, and a different hue from REQUIRED; the "over" label says it in words too.
OVER = "#b54708"
FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif"


@dataclass(frozen=True, slots=True)
class ChartRow:
    label: str
    required_minutes: int
    capacity_minutes: int
    overloaded: bool


@dataclass(frozen=True, slots=True)
class Chart:
    svg: str
    rows: tuple[ChartRow, ...]


def week_label(week_start: date, today: date | None = None) -> str:
    """'w/c 23 Nov' (week commencing), with the year only when it differs from today's."""
    return "w/c " + _short_day(week_start, today)


def load_chart(
    weeks: Sequence[WeekLoad],
    *,
    today: date,
    title: str = DEFAULT_TITLE,
    id_prefix: str = "load-chart",
) -> Chart:
    """The chart and its rows. id_prefix keeps ids unique when a page shows several charts."""
    prefix = re.sub(r"[^A-Za-z0-9_-]", "-", id_prefix) or "load-chart"
    rows = tuple(
        ChartRow(
            label=week_label(week.week_start, today),
            required_minutes=week.required_minutes,
            capacity_minutes=week.capacity_minutes,
            overloaded=week.overloaded,
        )
        for week in weeks
    )
    if not weeks:
        return Chart(_empty_svg(title, prefix), rows)
    return Chart(_svg(weeks, rows, today, title, prefix), rows)


def _short_day(day: date, today: date | None) -> str:
    # format_date is 'Mon 23 Nov'; a week is named by its Monday, so the weekday adds nothing.
    return format_date(day, today).split(" ", 1)[1]


def _description(weeks: Sequence[WeekLoad], rows: Sequence[ChartRow]) -> str:
    span = rows[0].label if len(rows) == 1 else f"{rows[0].label} to {rows[-1].label}"
    parts = [f"Hours of work due and hours available for each week, {span}."]
    over = [
        f"{row.label} ({format_effort(week.required_minutes)} due, "
        f"{format_effort(week.capacity_minutes)} available)"
        for week, row in zip(weeks, rows, strict=True)
        if week.overloaded
    ]
    if not over:
        parts.append("Every week, the work due fits in the time available.")
    elif len(over) == 1:
        parts.append(f"One week has more work due than time available: {over[0]}.")
    else:
        parts.append(
            f"{len(over)} weeks have more work due than time available: {', '.join(over)}."
        )
    return " ".join(parts)


def _scale(top_minutes: int) -> tuple[int, int]:
    """A round maximum in hours and the step between gridlines, at most five steps."""
    top_hours = max(top_minutes / 60, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if math.ceil(top_hours / step) <= 5:
            return math.ceil(top_hours / step) * step, step
    step = 10 ** math.ceil(math.log10(top_hours / 5))
    return math.ceil(top_hours / step) * step, step


def _due(minutes: int) -> str:
    return f"{format_effort(minutes)} due" if minutes > 0 else "nothing due"


def _n(value: float) -> str:
    """Coordinates with two decimals at most, so the output stays small and stable."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def _open_svg(prefix: str, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{prefix}-title {prefix}-desc" class="load-chart" '
        f'font-family="{_attr(FONT)}" font-size="{FONT_SIZE}" fill="{TEXT}">',
        f'<title id="{prefix}-title">{escape(title)}</title>',
        f'<desc id="{prefix}-desc">{escape(desc)}</desc>',
    ]


def _empty_svg(title: str, prefix: str) -> str:
    lines = ("No load yet: nothing is planned", "for the coming weeks.")
    parts = _open_svg(prefix, 60, title, " ".join(lines))
    # Two lines: at FONT_SIZE the sentence is wider than the view box.
    for number, line in enumerate(lines):
        parts.append(
            f'<text x="{WIDTH // 2}" y="{24 + number * (FONT_SIZE + 5)}" text-anchor="middle" '
            f'class="chart-empty">{escape(line)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _svg(
    weeks: Sequence[WeekLoad],
    rows: Sequence[ChartRow],
    today: date,
    title: str,
    prefix: str,
) -> str:
    top = max(max(w.required_minutes, w.capacity_minutes) for w in weeks)
    max_hours, step = _scale(top)
    per_minute = PLOT_HEIGHT / (max_hours * 60)
    base = TOP + PLOT_HEIGHT

    parts = _open_svg(prefix, HEIGHT, title, _description(weeks, rows))
    parts.extend(_legend())

    # Gridlines and the hour scale.
    parts.append('<g class="chart-axis" aria-hidden="true">')
    for hours in range(0, max_hours + 1, step):
        y = base - hours * 60 * per_minute
        parts.append(
            f'<line x1="{LEFT}" y1="{_n(y)}" x2="{WIDTH - RIGHT}" y2="{_n(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        # Each beside its line; "0h" sits on the axis, clear of the week labels under it.
        label_y = y - 3 if hours == 0 else y + 5
        parts.append(f'<text x="{LEFT - 4}" y="{_n(label_y)}" text-anchor="end">{hours}h</text>')
    parts.append(f'<text x="{LEFT - 4}" y="{TOP - 14}" text-anchor="end">Hours</text>')
    parts.append(
        f'<text x="{LEFT + PLOT_WIDTH / 2:g}" y="{HEIGHT - 4}" text-anchor="middle">'
        "Week commencing</text>"
    )
    parts.append("</g>")

    group = PLOT_WIDTH / len(weeks)
    bar = min(group * 0.36, 28)
    gap = min(group * 0.06, 4)
    every = math.ceil(len(weeks) / MAX_LABELS)
    # Labels closer than their own width alternate between two lines instead of overlapping.
    stagger = group * every < LABEL_WIDTH
    parts.append('<g class="chart-bars">')
    for index, (week, row) in enumerate(zip(weeks, rows, strict=True)):
        centre = LEFT + group * (index + 0.5)
        required_height = week.required_minutes * per_minute
        capacity_height = week.capacity_minutes * per_minute
        summary = f"{row.label}: {_due(week.required_minutes)}, " + (
            f"{format_effort(week.capacity_minutes)} available"
        )
        if week.overloaded:
            over = week.required_minutes - week.capacity_minutes
            summary += f", {format_effort(over)} more than available"
            required_class, required_fill = "chart-required chart-over", OVER
        else:
            required_class, required_fill = "chart-required", REQUIRED
        parts.append(
            f'<rect class="{required_class}" x="{_n(centre - gap / 2 - bar)}" '
            f'y="{_n(base - required_height)}" width="{_n(bar)}" height="{_n(required_height)}" '
            f'fill="{required_fill}" data-minutes="{week.required_minutes}">'
            f"<title>{escape(summary)}</title></rect>"
        )
        parts.append(
            f'<rect class="chart-capacity" x="{_n(centre + gap / 2)}" '
            f'y="{_n(base - capacity_height)}" width="{_n(bar)}" height="{_n(capacity_height)}" '
            f'fill="{CAPACITY}" stroke="{CAPACITY_EDGE}" stroke-width="1" '
            f'data-minutes="{week.capacity_minutes}"><title>{escape(summary)}</title></rect>'
        )
        if week.overloaded:
            label_y = base - max(required_height, capacity_height) - 4
            parts.append(
                f'<text class="chart-over-label" x="{_n(centre)}" y="{_n(label_y)}" '
                f'text-anchor="middle" font-weight="bold" fill="{OVER}">'
                "over</text>"
            )
        if index % every == 0:
            lower = stagger and (index // every) % 2 == 1
            label_y = base + FONT_SIZE + 2 + (FONT_SIZE + 3 if lower else 0)
            parts.append(
                f'<text x="{_n(centre)}" y="{label_y}" text-anchor="middle" '
                f'aria-hidden="true">{escape(_short_day(week.week_start, None))}</text>'
            )
    parts.append("</g>")
    parts.append(
        f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" '
        f'stroke="{TEXT}" stroke-width="1" aria-hidden="true"/>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def _legend() -> list[str]:
    entries = (
        ("chart-required", REQUIRED, None, "Work due"),
        ("chart-capacity", CAPACITY, CAPACITY_EDGE, "Time available"),
        ("chart-required chart-over", OVER, None, "Over capacity"),
    )
    parts = ['<g class="chart-legend">']
    # From the left edge, not the plot's: at FONT_SIZE the three entries need the full width.
    x = 4
    for css_class, fill, stroke, label in entries:
        edge = f' stroke="{stroke}" stroke-width="1"' if stroke else ""
        parts.append(
            f'<rect class="{css_class}" x="{x}" y="7" width="12" height="12" fill="{fill}"{edge}/>'
        )
        parts.append(f'<text x="{x + 17}" y="18">{label}</text>')
        x += 17 + round(CHAR_WIDTH * len(label)) + 10
    parts.append("</g>")
    return parts
