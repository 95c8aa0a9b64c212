"""The workload: `tandem workload add|list|whatif|done|import-ics`, also without `workload`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tandem.cli.common import (
    PartnershipOption,
    connect,
    fail,
    new_app,
    one_line_errors,
    read_record_id,
)

if TYPE_CHECKING:
    from tandem.client import PlannedOut

app = new_app(
    name="workload",
    help="Your assignments and their plan. Its commands also work without 'workload'.",
    no_args_is_help=True,
)


@app.command("add")
def add(
    title: Annotated[str, typer.Argument(help="What was asked.")],
    effort: Annotated[str, typer.Option("--effort", "-e", help="3h, 1.5d, 90m, 2h30m")],
    due: Annotated[str | None, typer.Option("--due", "-d", help="next friday, 2026-12-04")] = None,
    asked_by: Annotated[str, typer.Option("--from", help="Who asked.")] = "",
    priority: Annotated[int | None, typer.Option(help="Agreed priority, 1 first.")] = None,
    proposed: Annotated[bool, typer.Option(help="Not accepted yet.")] = False,
    partnership: PartnershipOption = None,
) -> None:
    """Capture an assignment.

    Example: tandem workload add "Q3 board report" --due "next friday" --effort 6h --from boss
    """
    from tandem.client import AssignmentNew

    new = AssignmentNew(
        title=title, effort=effort, due=due, asked_by=asked_by, priority=priority, proposed=proposed
    )
    with one_line_errors():
        api = connect()
        created = api.assignment_create(api.partnership_id(partnership), new)
    finish = created["projected_finish"] or "beyond the plan"
    flag = _flag(created)
    typer.echo(f"Added #{created['id']} “{created['title']}”: projected finish {finish}{flag}.")


def _flag(planned: PlannedOut) -> str:
    return " (late)" if planned["late"] else " (at risk)" if planned["at_risk"] else ""


@app.command("list")
def list_(
    show_all: Annotated[bool, typer.Option("--all", help="Every open assignment.")] = False,
    limit: Annotated[
        int | None, typer.Option(help="How many to show (default: a screenful).", min=1)
    ] = None,
    partnership: PartnershipOption = None,
) -> None:
    """Show what needs you first: late and at-risk assignments, then the rest of the plan.

    Example: tandem workload list --limit 30
    """
    from rich.console import Console

    from tandem.client import PLAN_PAGE

    console = Console()
    wanted = None if show_all else limit or _screenful(console.height)
    with one_line_errors():
        api = connect()
        pid = api.partnership_id(partnership)
        plan = api.plan(pid, limit=min(wanted or PLAN_PAGE, PLAN_PAGE), attention_first=True)
        shown = plan["assignments"]
        # A long list comes a page at a time; the default needs one small page only.
        while len(shown) < min(wanted or plan["total"], plan["total"]):
            more = api.plan(pid, offset=len(shown), attention_first=True)["assignments"]
            if not more:
                break
            shown += more
    shown = shown[:wanted]
    if not shown:
        typer.echo("Nothing open. Add one with 'tandem add'.")
        return
    from rich.table import Table

    from tandem.lib.efforts import format_effort

    table = Table(title=f"Plan as of {plan['today']}")
    for column in ("rank", "assignment", "due", "effort", "finish", ""):
        table.add_column(column)
    for row in shown:
        mark = "[red]late[/]" if row["late"] else "[yellow]at risk[/]" if row["at_risk"] else ""
        # The owner's plan is all of their work; rows from other partnerships say so.
        elsewhere = "" if row["in_this_partnership"] else " · another partnership"
        table.add_row(
            str(row["rank"]),
            f"{_numbered(row)}\n[dim]{row['why']}{elsewhere}[/]",
            row["due"] or "—",
            format_effort(row["effort_minutes"]),
            row["projected_finish"] or "beyond plan",
            mark,
        )
    console.print(table)
    if len(shown) < plan["total"]:
        typer.echo(f"{plan['total'] - len(shown)} more later in the plan: 'tandem list --all'.")
    other = plan["other_work"]
    if other["count"]:
        typer.echo(
            f"Plus {other['count']} more from elsewhere "
            f"({format_effort(other['effort_minutes'])}), counted without details."
        )


# Output stays short whatever the size of the workload.
MAX_LINES = 8


def _screenful(height: int) -> int:
    # Each row takes two lines; the title, header and footer about eight.
    return max(5, min(50, (height - 8) // 2))


@app.command("whatif")
def whatif(
    title: Annotated[
        str | None, typer.Argument(help="The new ask (not needed with --change).")
    ] = None,
    effort: Annotated[
        str | None,
        typer.Option("--effort", "-e", help="3h, 1.5d, 90m; with --change, what remains"),
    ] = None,
    due: Annotated[str | None, typer.Option("--due", "-d", help="friday, in 2 weeks")] = None,
    priority: Annotated[int | None, typer.Option(help="Agreed priority, 1 first.")] = None,
    change: Annotated[
        str | None,
        typer.Option(help="Weigh a change to this assignment id; what you leave out stays."),
    ] = None,
    partnership: PartnershipOption = None,
) -> None:
    """Show what a new ask (or a change) would displace, and the options, without saving it.

    Example: tandem workload whatif "Vendor review" --effort 1d --due friday
    """
    from tandem.client import WhatIfAsk

    assignment_id = _assignment_id(change) if change is not None else None
    if assignment_id is None and (not title or not effort):
        fail("Give the new ask and its --effort, or --change ID to weigh a change.")
    ask = WhatIfAsk()
    for key, value in (("title", title), ("effort", effort), ("due", due), ("priority", priority)):
        if value is not None:
            ask[key] = value
    with one_line_errors():
        api = connect()
        result = api.whatif(api.partnership_id(partnership), ask, assignment_id=assignment_id)
    typer.echo(result["verdict"])
    for shift in result["slips"][:MAX_LINES]:
        after = shift["finish_after"] or "beyond the plan"
        late = " and becomes late" if shift["became_late"] else ""
        typer.echo(f"  moves: {_numbered(shift)} → {after}{late}")
    if len(result["slips"]) > MAX_LINES:
        typer.echo(f"  … and {len(result['slips']) - MAX_LINES} more move later.")
    for option in result["options"]:
        typer.echo(f"  option {option['letter']}: {'; '.join(option['moves'])}. {option['why']}")


@app.command("done")
def done(
    assignment_id: Annotated[str, typer.Argument(help="The assignment's id (see 'tandem list').")],
    partnership: PartnershipOption = None,
) -> None:
    """Mark an assignment done.

    Example: tandem workload done 42
    """
    number = _assignment_id(assignment_id)
    with one_line_errors():
        api = connect()
        pid = api.partnership_id(partnership)
        current = api.assignment(pid, number)
        if current["status"] == "done":
            typer.echo(f"#{number} “{current['title']}” was already done.")
            return
        result = api.assignment_update(pid, number, {"status": "done"})
    typer.echo(f"Done: #{number} “{result['title']}”.")


def _assignment_id(text: str) -> int:
    return read_record_id(text, "an assignment id", "tandem list", 42)


def _numbered(row) -> str:
    """#12 Q3 board report: two assignments with one title can be told apart."""
    return f"#{row['id']} {row['title']}" if isinstance(row["id"], int) else f"'{row['title']}'"


@app.command("import-ics")
def import_ics(
    file: Annotated[Path, typer.Argument(help="An .ics export from your calendar.")],
    all_day_as_time_off: Annotated[
        bool, typer.Option(help="Treat all-day events as time off.")
    ] = True,
) -> None:
    """Import meetings from a calendar file; importing again updates instead of duplicating.

    Example: tandem workload import-ics ~/Downloads/calendar.ics
    """
    try:
        data = file.read_bytes()
    except OSError as error:
        fail(f"Cannot read {file}: {error.strerror}.")
    from rich.console import Console

    # A large calendar takes a while: say so, and wait for the real outcome.
    with one_line_errors(), Console(stderr=True).status(f"Importing {file.name}…"):
        report = connect().calendar_import(file.name, data, all_day_as_time_off)
    typer.echo(report["summary"])
    for warning in report["warnings"]:
        typer.echo(f"  note: {warning}")
