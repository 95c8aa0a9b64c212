"""Running Tandem itself: version, serve, manage, demo. The only commands that import Django."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from tandem import __version__
from tandem.cli.common import call_command, django_setup, new_app

app = new_app()


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
    django_setup()
    from django.conf import settings

    call_command("migrate", "--no-input", "-v", "0")
    call_command("collectstatic", "--no-input", "-v", "0")
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


@app.command()
def demo() -> None:
    """Create (or recreate) a demo account: a slightly overloaded workload, and requests to a
    manager, one of them waiting six weeks for an answer.

    Example: tandem demo
    """
    django_setup()
    from tandem.demo import DEMO_EMAIL, DEMO_PASSWORD, create_demo

    call_command("migrate", "--no-input", "-v", "0")
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
    django_setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tandem manage", *(args or [])])
