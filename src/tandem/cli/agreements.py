"""The partnership agreement: `tandem agreement` prints the current version; `tandem agreement
versions` lists them all."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tandem.cli.common import (
    PartnershipOption,
    connect,
    new_app,
    one_line_errors,
    read_record_id,
)

if TYPE_CHECKING:
    from tandem.client import AgreementOut

app = new_app(name="agreement")


@app.callback(invoke_without_command=True)
def show(
    context: typer.Context,
    version: Annotated[
        str | None, typer.Option("--version", help="This version instead of the current one.")
    ] = None,
    partnership: PartnershipOption = None,
) -> None:
    """Your partnership agreement: without a command, the current version as Markdown.

    Says where things stand while nothing is confirmed yet.

    Example: tandem agreement --version 2 > agreement.md
    """
    if context.invoked_subcommand is not None:
        return
    number = None
    if version is not None:
        number = read_record_id(version, "a version number", "tandem agreement versions", 1)
    with one_line_errors():
        api = connect()
        chosen = api.partnership_id(partnership)
        if number is None:
            state = api.agreement(chosen)
            if state["current"] is None:
                typer.echo(f"No confirmed agreement yet: {_where_things_stand(state)}")
                return
            number = state["current"]["number"]
        document = api.agreement_markdown(chosen, number)
    typer.echo(document, nl=False)


@app.command("versions")
def versions(partnership: PartnershipOption = None) -> None:
    """List every version of the agreement, the newest first.

    Example: tandem agreement versions
    """
    with one_line_errors():
        api = connect()
        chosen = api.partnership_id(partnership)
        rows = api.agreement_versions(chosen)
        if not rows:
            typer.echo(f"No version yet: {_where_things_stand(api.agreement(chosen))}")
            return
    import datetime as dt

    from rich.console import Console
    from rich.table import Table

    from tandem.agreeing import cadence_label, document_date

    table = Table(title="Versions of the agreement")
    for column in ("version", "status", "review"):
        table.add_column(column)
    for row in rows:
        if row["confirmed_on"] is None:
            status = "draft"
        else:
            status = f"agreed {document_date(dt.date.fromisoformat(row['confirmed_on']))}"
        table.add_row(str(row["number"]), status, cadence_label(row["review_every_months"]))
    Console().print(table)
    typer.echo(f"Print one with 'tandem agreement --version {rows[0]['number']}'.")


def _where_things_stand(state: AgreementOut) -> str:
    """The next step towards a first confirmed version, in one line."""
    other = state["other_name"]
    if state["draft"] is not None:
        number = state["draft"]["number"]
        if state["other_joined"]:
            return f"version {number} is a draft until both of you confirm it."
        return f"version {number} is a draft until you confirm it."
    if state["may_start_version"]:
        answered = "both of you have" if state["other_joined"] else "you have"
        return f"{answered} submitted your answers; start version 1 on the agreement page."
    if state["my_submitted"]:
        return f"waiting for {other} to submit their answers."
    return (
        f"you have answered {state['my_answered']} of {state['questions']} questions; "
        "submit your answers on the agreement page."
    )
