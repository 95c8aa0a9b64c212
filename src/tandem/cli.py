"""The `tandem` command line. Django is imported only inside the commands that need it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from tandem import __version__

app = typer.Typer(
    help="Tandem: a partnership workspace for a person and their boss.",
    no_args_is_help=True,
    add_completion=False,
)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    import django

    django.setup()


def _manage(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


@app.command()
def version() -> None:
    """Print Tandem's version.

    Example: tandem version
    """
    typer.echo(f"tandem {__version__}")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Web worker processes.")] = 2,
) -> None:
    """Migrate the database, collect static files and serve Tandem.

    Example: tandem serve --port 8000
    """
    _django()
    from django.conf import settings

    _manage("migrate", "--no-input", "-v", "0")
    _manage("collectstatic", "--no-input", "-v", "0")
    typer.echo(f"Tandem {__version__} on http://{host}:{port}/  (data: {settings.DATA_DIR})")
    os.execv(
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tandem.wsgi",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--access-logfile",
            "-",
        ],
    )


def _fail(message: str) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(1)


def _run(call):
    """Runs one API call; a problem becomes one line on stderr and exit status 1."""
    from tandem.client import ClientError

    try:
        return call()
    except ClientError as error:
        _fail(str(error))


def _api():
    from tandem.client import Api, Config

    return Api(_run(Config.load))


def _partnership(api, chosen: int | None) -> int:
    return _run(lambda: api.partnership_id(chosen))


PartnershipOption = Annotated[
    int | None, typer.Option("--partnership", "-p", help="Partnership id (default: from login).")
]


@app.command()
def login(
    server: Annotated[str, typer.Option(help="Tandem's address.")] = "http://127.0.0.1:8000",
    email: Annotated[str | None, typer.Option(help="Your e-mail address.")] = None,
    token: Annotated[
        str | None, typer.Option(help="A token from Settings → API tokens, instead of a password.")
    ] = None,
) -> None:
    """Log in and store a personal token in your config directory.

    Example: tandem login --server http://127.0.0.1:8000 --email maya@example.com
    """
    from tandem.client import Config, request

    if token is None:
        email = email or typer.prompt("E-mail")
        password = typer.prompt("Password", hide_input=True)
        body = {"email": email, "password": password, "name": "Command line"}
        token = _run(lambda: request(server, "POST", "/api/tokens", body))["token"]
    partnerships = _run(lambda: request(server, "GET", "/api/partnerships", token=token))
    owned = [p for p in partnerships if p["role"] == "owner"]
    default = next((p for p in owned if p["kind"] == "manager"), owned[0] if owned else None)
    path = Config(server, token, default["id"] if default else None).save()
    where = f"; adding to your partnership with {default['partner_name']}" if default else ""
    typer.echo(f"Logged in to {server}{where}. Token stored in {path}.")


@app.command()
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

    Example: tandem add "Q3 board report" --due "next friday" --effort 6h --from boss
    """
    api = _api()
    pid = _partnership(api, partnership)
    body = {"title": title, "effort": effort, "due": due, "asked_by": asked_by}
    body |= {"priority": priority, "proposed": proposed}
    created = _run(lambda: api.call("POST", f"/api/partnerships/{pid}/assignments", body))
    finish = created["projected_finish"] or "beyond the plan"
    flag = " (late)" if created["late"] else " (at risk)" if created["at_risk"] else ""
    typer.echo(f"Added #{created['id']} “{created['title']}”: projected finish {finish}{flag}.")


@app.command(name="list")
def list_(partnership: PartnershipOption = None) -> None:
    """Show open assignments in plan order, with projected finish and at-risk marks.

    Example: tandem list
    """
    from rich.console import Console
    from rich.table import Table

    api = _api()
    pid = _partnership(api, partnership)
    plan = _run(lambda: api.call("GET", f"/api/partnerships/{pid}/plan"))
    if not plan["assignments"]:
        typer.echo("Nothing open. Add one with 'tandem add'.")
        return
    table = Table(title=f"Plan as of {plan['today']}")
    for column in ("#", "id", "assignment", "due", "effort", "finish", ""):
        table.add_column(column)
    for row in plan["assignments"]:
        mark = "[red]late[/]" if row["late"] else "[yellow]at risk[/]" if row["at_risk"] else ""
        table.add_row(
            str(row["rank"]),
            str(row["id"]),
            f"{row['title']}\n[dim]{row['why']}[/]",
            row["due"] or "—",
            _hours(row["effort_minutes"]),
            row["projected_finish"] or "beyond plan",
            mark,
        )
    Console().print(table)


def _hours(minutes: int) -> str:
    return f"{minutes / 60:g}h" if minutes >= 60 else f"{minutes}m"


@app.command()
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

    Example: tandem whatif "Vendor review" --effort 1d --due friday
    """
    api = _api()
    pid = _partnership(api, partnership)
    body = {"title": title, "effort": effort, "due": due, "priority": priority}
    body["assignment_id"] = change
    result = _run(lambda: api.call("POST", f"/api/partnerships/{pid}/whatif", body))
    finish = result["ask_finish"] or "beyond the plan"
    if result["fits"]:
        typer.echo(f"It fits: “{title}” would finish {finish}; nothing else becomes late.")
    else:
        typer.echo(f"“{title}” would finish {finish}{' (late)' if result['ask_late'] else ''}.")
    for shift in result["slips"]:
        after = shift["finish_after"] or "beyond the plan"
        late = " and becomes late" if shift["became_late"] else ""
        typer.echo(f"  moves: {shift['title']} → {after}{late}")
    for letter, option in zip("ABCDE", result["options"], strict=False):
        typer.echo(f"  option {letter}: {option['explanation']}")


@app.command()
def done(
    assignment_id: Annotated[int, typer.Argument(help="The assignment's id (see 'tandem list').")],
    partnership: PartnershipOption = None,
) -> None:
    """Mark an assignment done.

    Example: tandem done 42
    """
    api = _api()
    pid = _partnership(api, partnership)
    path = f"/api/partnerships/{pid}/assignments/{assignment_id}"
    result = _run(lambda: api.call("PATCH", path, {"status": "done"}))
    typer.echo(f"Done: “{result['title']}”.")


@app.command(name="import-ics")
def import_ics(
    file: Annotated[Path, typer.Argument(help="An .ics export from your calendar.")],
    all_day_as_time_off: Annotated[
        bool, typer.Option(help="Treat all-day events as time off.")
    ] = True,
) -> None:
    """Import meetings from a calendar file; importing again updates instead of duplicating.

    Example: tandem import-ics ~/Downloads/calendar.ics
    """
    try:
        data = file.read_bytes()
    except OSError as error:
        _fail(f"Cannot read {file}: {error.strerror}.")
    api = _api()
    flag = "true" if all_day_as_time_off else "false"
    report = _run(
        lambda: api.upload(f"/api/calendar/import?all_day_as_time_off={flag}", file.name, data)
    )
    days = report["time_off_days"]
    typer.echo(
        f"Imported {report['created']} new and updated {report['updated']} meetings; "
        f"removed {report['removed']}; {days} day{'' if days == 1 else 's'} of time off."
    )
    for warning in report["warnings"]:
        typer.echo(f"  note: {warning}")


@app.command()
def demo() -> None:
    """Create (or recreate) a demo account with a realistic, slightly overloaded workload.

    Example: tandem demo
    """
    _django()
    from tandem.workload.demo import DEMO_EMAIL, DEMO_PASSWORD, create_demo

    _manage("migrate", "--no-input", "-v", "0")
    create_demo()
    typer.echo(f"Demo account ready: log in as {DEMO_EMAIL} with the password {DEMO_PASSWORD}")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(
    args: Annotated[
        list[str] | None, typer.Argument(help="Arguments for Django's manage.py.")
    ] = None,
) -> None:
    """Run a Django management command with Tandem's settings.

    Example: tandem manage createsuperuser
    """
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tandem manage", *(args or [])])


if __name__ == "__main__":
    app()
