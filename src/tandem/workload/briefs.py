"""Puts a brief together from the database: the plan with and without the ask, its options."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import quote

from tandem.partnerships.models import Partnership
from tandem.planning import Impact, Option, WorkItem, impact_of
from tandem.planning import plan as plan_items
from tandem.planning.brief import OTHER_WORK, Brief, BriefInput, compose_brief, impact_verdict
from tandem.planning.chart import CHART_WEEKS, Chart, load_chart
from tandem.privacy import Scope
from tandem.workload.models import Assignment, Status
from tandem.workload.planning import NEW_ASK_ID, WhatIf, Workload, options_for, work_item


@dataclass
class ComposedBrief:
    brief: Brief
    chart: Chart
    impact: Impact | None
    options: list[Option]
    chosen: int | None

    def mailto(self, address: str) -> str:
        subject, body = quote(self.brief.email_subject), quote(self.brief.email_body)
        return f"mailto:{quote(address)}?subject={subject}&body={body}"


def _shareable_items(workload: Workload, partnership: Partnership) -> list[WorkItem]:
    """The plan's items as the partner may see them: the owner's other work left unnamed.

    A brief is written for this partnership's partner: it may show that other work takes
    time, never what that work is.
    """
    scope = Scope.partner_of(partnership)
    by_id = workload.by_id
    return [
        item if scope.names(by_id[item.id].partnership_id) else replace(item, title=OTHER_WORK)
        for item in workload.plan.items
    ]


def impact_verdict_for(whatif: WhatIf, today) -> str:
    """The verdict on a what-if, in the words the brief uses too."""
    return impact_verdict(whatif.impact, today, new_ask=whatif.ask.id == NEW_ASK_ID)


def brief_for(
    workload: Workload, partnership: Partnership, ask: Assignment | None, chosen: int | None
) -> ComposedBrief:
    impact, options, ask_id = None, [], None
    items = _shareable_items(workload, partnership)
    if ask is not None and ask.is_open:
        ask_id = ask.pk
        others = [item for item in items if item.id != ask.pk]
        impact = impact_of(others, workload.days, work_item(ask))
        options = options_for(impact, workload.days, ask.pk)
    if chosen is not None and not 0 <= chosen < len(options):
        chosen = None
    plan = impact.after if impact else plan_items(items, workload.days)
    brief = compose_brief(
        BriefInput(
            owner_name=str(workload.user),
            partner_name=partnership.partner_name,
            today=workload.today,
            plan=plan,
            impact=impact,
            ask_id=ask_id,
            options=options,
            chosen=chosen,
            day_minutes=workload.day_minutes,
            # Work already agreed or under way is finished, not taken on.
            ask_is_new=ask is None or ask.status == Status.PROPOSED,
        )
    )
    chart = load_chart(plan.weeks[:CHART_WEEKS], today=workload.today)
    return ComposedBrief(brief, chart, impact, options, chosen)


def snapshot_of(composed: ComposedBrief) -> dict:
    """What a share link shows: the brief's words and chart, frozen, and nothing else.

    Older snapshots have no "lead" or "folded" in their sections; they render all the same.
    """
    brief = composed.brief
    return {
        "title": brief.title,
        "question": brief.question,
        "sections": [
            {
                "key": s.key,
                "heading": s.heading,
                "lines": list(s.lines),
                "lead": s.lead,
                "folded": s.folded,
            }
            for s in brief.sections
        ],
        "chart_svg": composed.chart.svg,
        "chart_rows": [
            {
                "label": row.label,
                "required_minutes": row.required_minutes,
                "capacity_minutes": row.capacity_minutes,
                "overloaded": row.overloaded,
            }
            for row in composed.chart.rows
        ],
    }
