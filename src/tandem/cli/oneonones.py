"""One-on-ones: `tandem one-on-ones [prep|note|actions|done]`; `prep`, `note` and `actions` also
work without `one-on-ones`."""

from __future__ import annotations

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
    from rich.table import Table

    from tandem.client import ActionItemOut

app = new_app(
    name="one-on-ones",
    help="One-on-ones: the next agenda, questions noted for it, action items on both sides.",
    no_args_is_help=True,
)


@app.command("prep")
def prep(partnership: PartnershipOption = None) -> None:
    """Print the next one-on-one's agenda, what carried over, and what Tandem proposes.

    Each agenda item with how often it carried over, the open action items from earlier
    meetings, and what Tandem proposes to raise, with why.

    Example: tandem one-on-ones prep
    """
    with one_line_errors():
        api = connect()
        detail = api.next_meeting(api.partnership_id(partnership))
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    meeting = detail["meeting"]
    console.print(
        f"[bold]Next one-on-one with {escape(detail['partner_name'])}:[/] "
        f"{meeting['when']} (your time)"
    )
    if detail["agenda"]:
        agenda = Table(title="Agenda")
        for column in ("", "item", "carried over", "added by"):
            agenda.add_column(column)
        for number, item in enumerate(detail["agenda"], start=1):
            words = escape(item["title"])
            if item["status"] != "open":
                words += f" [dim]({item['status_label'].lower()})[/]"
            for line in (item["detail"], item["reason"]):
                if line:
                    words += f"\n[dim]{escape(line)}[/]"
            agenda.add_row(str(number), words, _times(item["carried"]), escape(item["added_by"]))
        console.print(agenda)
    else:
        console.print("Nothing on the agenda yet.")
    still_open = [item for item in detail["carried_actions"] if item["status"] == "open"]
    if still_open:
        console.print(_actions_table("Open action items from earlier meetings", still_open))
    if detail["proposals"]:
        proposed = Table(title="Proposed for the agenda")
        for column in ("", "proposal", "why"):
            proposed.add_column(column)
        for number, proposal in enumerate(detail["proposals"], start=1):
            proposed.add_row(
                str(number),
                f"[bold]{escape(proposal['label'])}:[/] {escape(proposal['title'])}",
                escape(proposal["reason"]),
            )
        console.print(proposed)
    typer.echo('Note a question for it with: tandem note "…"')


@app.command("note")
def note(
    text: Annotated[str, typer.Argument(help="The question, in your words.")],
    partnership: PartnershipOption = None,
) -> None:
    """Note a question for your next one-on-one; only you see it until it is on the agenda.

    Tandem proposes it for the next meeting's agenda.

    Example: tandem one-on-ones note "Who owns onboarding now?"
    """
    with one_line_errors():
        api = connect()
        noted = api.question_note(api.partnership_id(partnership), text)
    typer.echo(
        f"Noted for your next one-on-one with {noted['partner_name']}: only you see it until "
        "you put it on the agenda."
    )


@app.command("actions")
def actions(partnership: PartnershipOption = None) -> None:
    """List the open action items on both sides, the overdue ones marked.

    Whose each one is, by when, and how often it carried over.

    Example: tandem one-on-ones actions
    """
    with one_line_errors():
        api = connect()
        rows = api.action_items(api.partnership_id(partnership))
    if not rows:
        typer.echo("No open action items: everything agreed in your one-on-ones is settled.")
        return
    from rich.console import Console

    Console().print(_actions_table("Open action items", rows))
    overdue = sum(row["overdue"] for row in rows)
    counted = f"{len(rows)} open" + (f", {overdue} overdue" if overdue else "")
    typer.echo(f"{counted}; mark one done with 'tandem one-on-ones done {rows[0]['id']}'.")


@app.command("done")
def done(
    action_id: Annotated[str, typer.Argument(help="The action item's id (see 'tandem actions').")],
    partnership: PartnershipOption = None,
) -> None:
    """Mark an action item done.

    Example: tandem one-on-ones done 12
    """
    number = read_record_id(action_id, "an action item id", "tandem actions", 12)
    with one_line_errors():
        api = connect()
        chosen = api.partnership_id(partnership)
        item = next((row for row in api.action_items(chosen) if row["id"] == number), None)
        if item is None:
            fail(f"#{number} is not an open action item; 'tandem actions' lists them.")
        api.action_item_update(chosen, number, {"status": "done"})
    typer.echo(f"Done: #{number} “{item['title']}”.")


def _actions_table(title: str, rows: list[ActionItemOut]) -> Table:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=title)
    for column in ("id", "action item", "whose", "due", "carried over", ""):
        table.add_column(column)
    for row in rows:
        table.add_row(
            f"#{row['id']}",
            escape(row["title"]),
            escape(row["owner_name"]),
            _day(row["due"]) if row["due"] else "no date",
            _times(row["carried"]),
            "[bold red]OVERDUE[/]" if row["overdue"] else "",
        )
    return table


def _times(count: int) -> str:
    return {0: "", 1: "once", 2: "twice"}.get(count, f"{count} times")


def _day(iso: str) -> str:
    import datetime as dt

    from tandem.lib.dates import format_date

    return format_date(dt.date.fromisoformat(iso), dt.date.today())
