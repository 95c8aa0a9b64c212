from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from tandem import __version__
from tandem.cli import app

runner = CliRunner()
COMMANDS = sorted(typer.main.get_command(app).commands)


def test_it_prints_the_version():
    result = runner.invoke(app, ["version"])

    assert result.exit_code == 0
    assert result.output == f"tandem {__version__}\n"


def test_it_lists_every_command_in_the_help():
    result = runner.invoke(app, ["--help"])

    assert result.exit_code == 0
    assert "partnership workspace" in result.output
    for name in COMMANDS:
        assert name in result.output


def test_it_shows_help_when_called_without_a_command():
    result = runner.invoke(app, [])

    assert "Usage" in result.output
    assert "version" in result.output


def test_it_has_the_basic_commands():
    assert {"version", "serve", "manage"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_it_gives_every_command_an_example(name):
    result = runner.invoke(app, [name, "--help"])

    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"tandem {name}" in result.output


def test_it_rejects_an_unknown_command():
    result = runner.invoke(app, ["frobnicate"])

    assert result.exit_code != 0
    assert "No such command" in result.output
