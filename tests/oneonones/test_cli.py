"""`tandem prep`, `note`, `actions` and `one-on-ones done` against a live Tandem, as typed in a
terminal."""

from __future__ import annotations

import pytest
import typer

from tandem.oneonones import services
from tandem.oneonones.models import ActionItem, NotedQuestion
from tandem.requests import services as request_services
from tests.conftest import one_error_line, tandem
from tests.oneonones.conftest import NOW, day

pytestmark = pytest.mark.django_db(transaction=True)

GROUP = {"prep", "note", "actions", "done"}
SHORTCUTS = ("prep", "note", "actions")


def _action(partnership, meeting, title: str, *, owned_by="owner", due=None, at=NOW):
    draft = services.ActionDraft(title=title, owned_by=owned_by, due=due)
    return services.action_item_add(partnership.owner, meeting, draft, now=at)


@pytest.fixture
def carried(partnership, held):
    """What is left from three meetings: an agenda item from the first, an action item of
    Alice's from the second (overdue since yesterday), one of Bob's from the last."""
    first, second, last = held
    services.agenda_item_add(partnership.owner, first, "Budget for Q1", now=first.starts_at)
    mine = _action(
        partnership, second, "Send Sam the draft budget", due=day(-1), at=second.starts_at
    )
    theirs = _action(
        partnership, last, "Book the offsite", owned_by="partner", due=day(10), at=last.ends_at
    )
    return mine, theirs


def test_it_prints_the_next_agenda_with_what_carried_over(as_alice, partnership, carried):
    mine, _ = carried
    request_services.request_create(
        partnership.owner,
        partnership,
        request_services.RequestDraft(title="Flexible hours on Fridays", asked_on=day(-42)),
    )

    result = tandem("prep")

    assert result.exit_code == 0, result.output
    output = result.output
    assert output.startswith(
        "Next one-on-one with Zebulon Boss: Thu 3 Dec, 10:00–10:30 (your time)\n"
    )
    assert "Budget for Q1" in output and "3 times" in output
    assert "Open action items from earlier meetings" in output
    assert f"#{mine.pk}" in output and "Fri 11 Dec" in output
    assert output.count("OVERDUE") == 1
    assert "Proposed for the agenda" in output
    assert "Waiting too long: Flexible hours on Fridays" in output
    assert "Asked 42 days ago, no answer" in output
    assert output.endswith('Note a question for it with: tandem note "…"\n')


def test_the_partner_prepares_in_their_own_time(terminal, bob, partnership, carried):
    terminal(bob)

    result = tandem("one-on-ones", "prep")

    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Next one-on-one with Alice Owner: Thu 3 Dec, 05:00–05:30 (your time)\n"
    )
    assert "Budget for Q1" in result.output
    assert "Proposed for the agenda" not in result.output


def test_it_numbers_the_proposals_and_says_when_the_agenda_is_empty(
    as_alice, partnership, next_meeting
):
    services.question_note(partnership.owner, partnership, "Who owns onboarding now?")
    services.question_note(partnership.owner, partnership, "[urgent] Cover for Friday")

    result = tandem("prep")

    assert result.exit_code == 0, result.output
    assert "Nothing on the agenda yet." in result.output
    lines = result.output.splitlines()
    first = next(line for line in lines if "Who owns onboarding now?" in line)
    second = next(line for line in lines if "[urgent] Cover for Friday" in line)
    assert "1" in first.split("You noted")[0]
    assert "2" in second.split("You noted")[0]
    assert "You noted it Tue 1 Dec" in first


def test_it_says_when_no_one_on_one_is_planned(as_alice):
    result = tandem("prep")

    assert one_error_line(result) == "Error: No one-on-one is planned.\n"


def test_it_notes_a_question_for_the_next_one_on_one(as_alice, alice, partnership):
    result = tandem("note", "Who owns onboarding now?")

    assert result.exit_code == 0, result.output
    assert result.output == (
        "Noted for your next one-on-one with Zebulon Boss: only you see it until you put it on "
        "the agenda.\n"
    )
    noted = NotedQuestion.objects.get()
    assert (noted.text, noted.author, noted.partnership) == (
        "Who owns onboarding now?",
        alice,
        partnership,
    )


def test_the_partner_notes_a_question_too(terminal, bob):
    terminal(bob)

    result = tandem("one-on-ones", "note", "Can we move the budget review?")

    assert result.exit_code == 0, result.output
    assert "with Alice Owner: only you see it" in result.output
    assert NotedQuestion.objects.get().author == bob


def test_it_lists_the_open_action_items_on_both_sides(as_alice, partnership, carried):
    mine, theirs = carried

    result = tandem("actions")

    assert result.exit_code == 0, result.output
    output = result.output
    assert "Open action items" in output
    assert output.index(f"#{mine.pk}") < output.index(f"#{theirs.pk}")
    mine_line = next(line for line in output.splitlines() if f"#{mine.pk}" in line)
    theirs_line = next(line for line in output.splitlines() if f"#{theirs.pk}" in line)
    assert "You" in mine_line and "Mon 30 Nov" in mine_line and "twice" in mine_line
    assert "OVERDUE" in mine_line
    assert "Zebulon Boss" in theirs_line and "Fri 11 Dec" in theirs_line
    assert "OVERDUE" not in theirs_line
    assert output.endswith(
        f"2 open, 1 overdue; mark one done with 'tandem one-on-ones done {mine.pk}'.\n"
    )


def test_it_says_when_no_action_item_is_open(as_alice):
    result = tandem("one-on-ones", "actions")

    assert result.exit_code == 0
    assert result.output == (
        "No open action items: everything agreed in your one-on-ones is settled.\n"
    )


def test_it_marks_an_action_item_done(as_alice, partnership, carried):
    mine, _ = carried

    result = tandem("one-on-ones", "done", f"#{mine.pk}")

    assert result.exit_code == 0, result.output
    assert result.output == f"Done: #{mine.pk} “Send Sam the draft budget”.\n"
    mine.refresh_from_db()
    assert (mine.status, mine.closed_on) == ("done", day(0))
    assert f"#{mine.pk}" not in tandem("actions").output


@pytest.mark.parametrize(
    "args,message",
    [
        (("one-on-ones", "done", "abc"), "Error: 'abc' is not an action item id; 'tandem actions'"),
        (("one-on-ones", "done", "9999"), "Error: #9999 is not an open action item;"),
        (("note", " "), "Error: Write the question, e.g. “Who owns onboarding?”"),
        (("note", "x" * 501), "Error: text: String should have at most 500 characters"),
    ],
)
def test_it_refuses_bad_input_in_one_line(as_alice, partnership, next_meeting, args, message):
    item = _action(partnership, next_meeting, "Send Sam the draft budget")

    result = tandem(*args)

    assert one_error_line(result).startswith(message)
    assert not NotedQuestion.objects.exists()
    assert ActionItem.objects.get(pk=item.pk).status == "open"


def test_it_does_not_mark_a_closed_action_item_done_again(as_alice, partnership, next_meeting):
    item = _action(partnership, next_meeting, "Send Sam the draft budget")
    services.action_item_update(partnership.owner, item, status="dropped")

    result = tandem("one-on-ones", "done", str(item.pk))

    assert one_error_line(result).startswith(f"Error: #{item.pk} is not an open action item;")
    item.refresh_from_db()
    assert item.status == "dropped"


def test_it_says_when_not_logged_in(tmp_path, monkeypatch):
    monkeypatch.setenv("TANDEM_CONFIG", str(tmp_path / "missing.json"))

    result = tandem("prep")

    assert one_error_line(result) == (
        "Error: Not logged in: run 'tandem login --server URL' first.\n"
    )


def test_it_offers_the_one_on_ones_commands_in_their_group_and_as_shortcuts():
    from tandem.cli import app

    root = typer.main.get_command(app)
    group = root.commands["one-on-ones"]

    assert set(group.commands) == GROUP
    for name in SHORTCUTS:
        assert root.commands[name].callback is group.commands[name].callback
    # `tandem done` stays the workload's: an action item is done through its group.
    assert root.commands["done"].callback is not group.commands["done"].callback
