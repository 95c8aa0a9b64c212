"""The `tandem` command line. Django is imported only inside the commands that need it."""

from __future__ import annotations

import os
import sys
from typing import Annotated

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
