"""What the workload shows on a partnership's overview: its tile, shared blocked time, and
the partner's new answers to shared briefs."""

from __future__ import annotations

from dataclasses import dataclass

from tandem.accounts.models import User
from tandem.partnerships.models import Partnership
from tandem.workload.planning import workload_for
from tandem.workload.privacy import blocked_time_for, unhandled_answers_for, visible_plan


@dataclass(frozen=True)
class WorkloadFigures:
    open_count: int
    here_count: int
    late_count: int
    at_risk_count: int


def figures(viewer: User, partnership: Partnership) -> WorkloadFigures:
    """Counts of the plan the viewer may see, planned only as far as the last due date."""
    workload = workload_for(partnership.owner, through_last_due=True)
    plan = visible_plan(viewer, partnership, workload)
    return WorkloadFigures(
        open_count=len(plan.rows),
        here_count=plan.here_count,
        late_count=plan.late_count,
        at_risk_count=plan.at_risk_count,
    )


def blocked_time_panel(viewer: User, partnership: Partnership) -> dict | None:
    blocked = blocked_time_for(viewer, partnership)
    return None if blocked is None else {"blocked": blocked}


def answers_panel(viewer: User, partnership: Partnership) -> dict | None:
    """The owner's newest answers to shared briefs not yet handled; nothing for anyone else."""
    found = unhandled_answers_for(viewer, partnership)
    if not found or not found[0]:
        return None
    answers, more = found
    return {"answers": answers, "more": more}
