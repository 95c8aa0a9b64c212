"""The workload: `tandem workload add|list|whatif|done|import-ics`, also without `workload`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tandem.cli.common import PartnershipOption, connect, fail, new_app, one_line_errors

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
def list_(partnership: PartnershipOption = None) -> None:
    """Show open assignments in plan order, with projected finish and at-risk marks.

    Example: tandem workload list
    """
    with one_line_errors():
        api = connect()
        plan = api.plan(api.partnership_id(partnership))
    if not plan["assignments"]:
        typer.echo("Nothing open. Add one with 'tandem add'.")
        return
    from rich.console import Console
    from rich.table import Table

    from tandem.lib.efforts import format_effort

    table = Table(title=f"Plan as of {plan['today']}")
    for column in ("#", "id", "assignment", "due", "effort", "finish", ""):
        table.add_column(column)
    for row in plan["assignments"]:
        mark = "[red]late[/]" if row["late"] else "[yellow]at risk[/]" if row["at_risk"] else ""
        # The owner's plan is all of their work; rows from other partnerships say so.
        elsewhere = "" if row["in_this_partnership"] else " · another partnership"
        table.add_row(
            str(row["rank"]),
            str(row["id"]),
            f"{row['title']}\n[dim]{row['why']}{elsewhere}[/]",
            row["due"] or "—",
            format_effort(row["effort_minutes"]),
            row["projected_finish"] or "beyond plan",
            mark,
        )
    Console().print(table)
    other = plan["other_work"]
    if other["count"]:
        typer.echo(
            f"Plus {other['count']} more from elsewhere "
            f"({format_effort(other['effort_minutes'])}), counted without details."
        )


@app.command("whatif")
def whatif(
    title: Annotated[str, typer.Argument(help="The new ask.")],
    effort: Annotated[str, typer.Option("--effort", "-e", help="3h, 1.5d, 90m")],
    due: Annotated[str | None, typer.Option("--due", "-d", help="friday, in 2 weeks")] = None,
    priority: Annotated[int | None, typer.Option(help="Agreed priority, 1 first.")] = None,
    change: Annotated[
        int | None, typer.Option(help="Weigh a change to this assignment id instead.")
    ] = None,
    partnership: PartnershipOption = None,
) -> None:
    """Show what a new ask (or a change) would displace, and the options, without saving it.

    Example: tandem workload whatif "Vendor review" --effort 1d --due friday
    """
    from tandem.client import AssignmentNew

    ask = AssignmentNew(title=title, effort=effort, due=due, priority=priority)
    with one_line_errors():
        api = connect()
        result = api.whatif(api.partnership_id(partnership), ask, assignment_id=change)
    typer.echo(result["verdict"])
    for shift in result["slips"]:
        after = shift["finish_after"] or "beyond the plan"
        late = " and becomes late" if shift["became_late"] else ""
        typer.echo(f"  moves: {shift['title']} → {after}{late}")
    for option in result["options"]:
        typer.echo(f"  option {option['letter']}: {option['explanation']}")


@app.command("done")
def done(
    assignment_id: Annotated[int, typer.Argument(help="The assignment's id (see 'tandem list').")],
    partnership: PartnershipOption = None,
) -> None:
    """Mark an assignment done.

    Example: tandem workload done 42
    """
    with one_line_errors():
        api = connect()
        pid = api.partnership_id(partnership)
        result = api.assignment_update(pid, assignment_id, {"status": "done"})
    typer.echo(f"Done: “{result['title']}”.")


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
    with one_line_errors():
        report = connect().calendar_import(file.name, data, all_day_as_time_off)
    days = report["time_off_days"]
    typer.echo(
        f"Imported {report['created']} new and updated {report['updated']} meetings; "
        f"removed {report['removed']}; {days} day{'' if days == 1 else 's'} of time off."
    )
    for warning in report["warnings"]:
        typer.echo(f"  note: {warning}")
