"""`tandem agreement` and `tandem agreement versions` against a live Tandem, as typed in a
terminal."""

from __future__ import annotations

import pytest
import typer

from tandem.agreements import services
from tandem.agreements.privacy import version_markdown_for
from tandem.partnerships.models import Side
from tests.agreements.conftest import answer_all
from tests.conftest import one_error_line, tandem

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_prints_the_current_version_as_markdown(as_alice, alice, partnership, agreed):
    services.version_start(alice, partnership)

    result = tandem("agreement")

    assert result.exit_code == 0, result.output
    assert result.output == version_markdown_for(alice, partnership, 1)
    assert result.output.startswith(
        "# Partnership agreement: Alice Owner & Zebulon Boss\n\nVersion 1, agreed Tue 1 Dec 2026."
    )
    assert "- I answer within a day\n" in result.output


def test_the_partner_prints_it_too(terminal, bob, partnership, agreed):
    terminal(bob)

    result = tandem("agreement")

    assert result.exit_code == 0, result.output
    assert result.output == version_markdown_for(bob, partnership, 1)


def test_it_prints_the_version_asked_for(as_alice, alice, partnership, agreed):
    services.version_start(alice, partnership)

    result = tandem("agreement", "--version", "#2")

    assert result.exit_code == 0, result.output
    assert "Version 2, a draft not yet confirmed." in result.output


@pytest.mark.parametrize(
    "who,story,line",
    [
        (
            "alice",
            "nothing yet",
            "you have answered 0 of 14 questions; submit your answers on the agreement page.",
        ),
        ("alice", "she submitted", "waiting for Zebulon Boss to submit their answers."),
        (
            "bob",
            "she submitted",
            "you have answered 0 of 14 questions; submit your answers on the agreement page.",
        ),
        (
            "bob",
            "both submitted",
            "both of you have submitted your answers; start version 1 on the agreement page.",
        ),
        ("bob", "a draft", "version 1 is a draft until both of you confirm it."),
    ],
)
def test_it_says_where_things_stand_until_a_version_is_confirmed(
    terminal, request, alice, bob, partnership, who, story, line
):
    if story != "nothing yet":
        answer_all(alice, partnership, Side.OWNER)
    if story in ("both submitted", "a draft"):
        answer_all(bob, partnership, Side.PARTNER)
    if story == "a draft":
        services.version_start(alice, partnership)
    terminal(request.getfixturevalue(who))

    result = tandem("agreement")

    assert result.exit_code == 0, result.output
    assert result.output == f"No confirmed agreement yet: {line}\n"


def test_it_says_where_things_stand_while_nobody_has_joined(as_alice, alice, solo_partnership):
    answer_all(alice, solo_partnership, Side.OWNER)
    submitted = tandem("agreement", "-p", str(solo_partnership.pk))
    services.version_start(alice, solo_partnership)
    drafted = tandem("agreement", "--partnership", str(solo_partnership.pk))

    assert submitted.exit_code == drafted.exit_code == 0
    assert submitted.output == (
        "No confirmed agreement yet: you have submitted your answers; start version 1 on the "
        "agreement page.\n"
    )
    assert drafted.output == (
        "No confirmed agreement yet: version 1 is a draft until you confirm it.\n"
    )


def test_it_lists_the_versions_newest_first(as_alice, alice, partnership, agreed):
    services.version_start(alice, partnership)

    result = tandem("agreement", "versions")

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    second = next(index for index, line in enumerate(lines) if "│ 2 " in line)
    first = next(index for index, line in enumerate(lines) if "│ 1 " in line)
    assert second < first
    assert "draft" in lines[second] and "Every quarter" in lines[second]
    assert "agreed Tue 1 Dec 2026" in lines[first]
    assert result.output.endswith("Print one with 'tandem agreement --version 2'.\n")


def test_it_says_where_things_stand_when_there_is_no_version(as_alice, alice, partnership):
    answer_all(alice, partnership, Side.OWNER)

    result = tandem("agreement", "versions")

    assert result.exit_code == 0, result.output
    assert result.output == ("No version yet: waiting for Zebulon Boss to submit their answers.\n")


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ("agreement", "--version", "two"),
            "Error: 'two' is not a version number; 'tandem agreement versions' shows them, e.g. 1.",
        ),
        (("agreement", "--version", "0"), "Error: '0' is not a version number;"),
        (("agreement", "--version", "9"), "Error: No such version."),
        (("agreement", "--version", str(2**40)), "Error: number: Input should be less than"),
        (("agreement", "-p", "9999"), "Error: No such partnership."),
        (("agreement", "versions", "-p", "9999"), "Error: No such partnership."),
    ],
)
def test_it_refuses_bad_input_in_one_line(as_alice, agreed, args, message):
    result = tandem(*args)

    assert one_error_line(result).startswith(message)


def test_a_stranger_reads_nothing(terminal, charlie, partnership, agreed):
    terminal(charlie)

    printed = tandem("agreement")
    listed = tandem("agreement", "versions")

    assert one_error_line(printed) == "Error: No such partnership.\n"
    assert one_error_line(listed) == "Error: No such partnership.\n"


def test_it_says_when_not_logged_in(tmp_path, monkeypatch):
    monkeypatch.setenv("TANDEM_CONFIG", str(tmp_path / "missing.json"))

    result = tandem("agreement")

    assert one_error_line(result) == (
        "Error: Not logged in: run 'tandem login --server URL' first.\n"
    )


def test_it_offers_the_agreement_and_its_versions():
    from tandem.cli import app

    group = typer.main.get_command(app).commands["agreement"]

    assert set(group.commands) == {"versions"}
