from __future__ import annotations

import re
import subprocess
import sys

import click
import pytest
import typer
from typer.testing import CliRunner

from tandem import __version__
from tandem.cli import app

runner = CliRunner()

TOP_LEVEL = {
    "add",
    "list",
    "whatif",
    "done",
    "import-ics",
    "login",
    "workload",
    "requests",
    "ask",
    "followup",
    "one-on-ones",
    "prep",
    "note",
    "actions",
    "agreement",
    "version",
    "serve",
    "demo",
    "manage",
}
WORKLOAD = {"add", "list", "whatif", "done", "import-ics"}
SHORTCUTS = WORKLOAD


def _root() -> click.Group:
    return typer.main.get_command(app)


def _every_command(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The command lines a person can type, e.g. ("workload", "add"), groups left out."""
    found = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _every_command(command, (*path, name))
        else:
            found.append((*path, name))
    return found


def _listed_commands(help_text: str) -> set[str]:
    """The names in the command column of a help page (the rows of its Commands box)."""
    return set(re.findall(r"^│ ([a-z][a-z-]*) ", help_text, flags=re.MULTILINE))


EVERY_COMMAND = _every_command(_root())


def test_it_prints_the_version():
    result = runner.invoke(app, ["version"])

    assert result.exit_code == 0
    assert result.output == f"tandem {__version__}\n"


def test_it_lists_every_command_in_the_help():
    result = runner.invoke(app, ["--help"])

    assert result.exit_code == 0
    assert "partnership workspace" in result.output
    assert _listed_commands(result.output) == TOP_LEVEL


def test_it_lists_the_workload_commands_in_their_help():
    result = runner.invoke(app, ["workload", "--help"])

    assert result.exit_code == 0
    assert _listed_commands(result.output) == WORKLOAD


def test_it_offers_exactly_the_expected_commands():
    root = _root()

    assert set(root.commands) == TOP_LEVEL
    assert set(root.commands["workload"].commands) == WORKLOAD


@pytest.mark.parametrize("name", sorted(SHORTCUTS))
def test_it_runs_the_same_command_as_a_shortcut_and_in_its_group(name):
    root = _root()
    shortcut, in_group = root.commands[name], root.commands["workload"].commands[name]

    assert shortcut.callback is in_group.callback
    assert shortcut.params is in_group.params


def test_it_shows_help_when_called_without_a_command():
    result = runner.invoke(app, [])

    assert "Usage" in result.output
    assert "version" in result.output


def test_it_shows_the_workload_commands_when_called_with_just_the_group():
    result = runner.invoke(app, ["workload"])

    assert "Usage" in result.output
    assert _listed_commands(result.output) == WORKLOAD


@pytest.mark.parametrize("path", EVERY_COMMAND, ids=" ".join)
def test_it_gives_every_command_an_example(path):
    result = runner.invoke(app, [*path, "--help"])

    assert result.exit_code == 0
    # As typed: `tandem add …` for the shortcut, `tandem workload add …` in the group.
    typed = " ".join(("tandem", *path))
    assert re.search(rf"Example: {re.escape(typed)}( |$)", result.output, flags=re.MULTILINE)


def test_it_covers_the_workload_group_in_the_examples():
    assert ("workload", "add") in EVERY_COMMAND
    assert ("add",) in EVERY_COMMAND


def test_it_never_prints_local_variables_in_a_crash_report():
    # A traceback with locals would show a password typed at `tandem login`.
    apps = [app, *(group.typer_instance for group in app.registered_groups)]

    assert len(apps) == 7
    assert all(each.pretty_exceptions_show_locals is False for each in apps)


def test_it_starts_without_loading_django_rich_or_dateparser():
    code = "import sys, tandem.cli; print(*sorted(sys.modules))"

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    loaded = set(result.stdout.split())
    assert {name.split(".")[0] for name in loaded} & {"django", "rich", "dateparser"} == set()
    assert "urllib.request" not in loaded


def test_it_rejects_an_unknown_command():
    result = runner.invoke(app, ["frobnicate"])

    assert result.exit_code != 0
    assert "No such command" in result.output
