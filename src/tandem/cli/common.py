"""What every area of the command line shares: its Typer apps, one-line errors, --partnership.

Nothing here imports Django, rich or the HTTP client at module level: the command line has
to start fast, so they are imported inside the commands that use them.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import click
import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    from tandem.client import Api


def new_app(**settings: Any) -> typer.Typer:
    """A Typer app for the root or an area; a crash report never prints local variables
    (they can hold a password or a token)."""
    return typer.Typer(add_completion=False, pretty_exceptions_show_locals=False, **settings)


def with_shortcuts(*areas: tuple[typer.Typer, tuple[str, ...]]) -> type[TyperGroup]:
    """A root group that also offers some of each area's commands at the top level: with
    `with_shortcuts((workload.app, ("add",)))`, `tandem add` is `tandem workload add`.

    A shortcut is the area's own command under a second name, so the very same function
    runs; only its help differs, naming the command as typed at the top. (Typer builds
    every command on every run: registering the function twice would cost start-up time.)
    """

    class GroupWithShortcuts(TyperGroup):
        def __init__(self, **attrs: Any) -> None:
            super().__init__(**attrs)
            shortcuts = {}
            for area, names in areas:
                area_name = area.info.name
                group = self.commands[area_name]
                assert isinstance(group, click.Group), f"add_typer({area_name}) first"
                for name in names:
                    shortcut = copy.copy(group.commands[name])
                    shortcut.help = (shortcut.help or "").replace(f"tandem {area_name} ", "tandem ")
                    shortcuts[name] = shortcut
            self.commands = {**shortcuts, **self.commands}

    return GroupWithShortcuts


def fail(message: str) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(1)


def read_record_id(text: str, what: str, listed_by: str, example: int) -> int:
    """An id as typed ("12" or "#12"), or one Error: line naming the command that lists them.

    what: "an assignment id"; listed_by: "tandem list"; example: a plausible id.
    """
    from tandem.lib.numbers import read_id

    number = read_id(text.removeprefix("#"))
    if number is None:
        fail(f"'{text[:20]}' is not {what}; '{listed_by}' shows them, e.g. {example}.")
    return number


@contextmanager
def one_line_errors() -> Iterator[None]:
    """A problem the person can act on (no server, not logged in, input the server refuses)
    becomes one line on stderr and exit status 1."""
    from tandem.client import ClientError

    try:
        yield
    except ClientError as error:
        fail(str(error))


def connect() -> Api:
    """The API of the server `tandem login` stored; raises ClientError when there is none."""
    from tandem.client import Api

    return Api.from_config()


PartnershipOption = Annotated[
    int | None, typer.Option("--partnership", "-p", help="Partnership id (default: from login).")
]


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    import django

    django.setup()


def call_command(*args: str) -> None:
    """Runs one Django management command; call django_setup() first."""
    from django.core import management

    management.call_command(*args)
