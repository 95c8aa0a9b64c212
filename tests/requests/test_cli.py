"""`tandem requests`, `ask` and `followup` against a live Tandem, as typed in a terminal."""

from __future__ import annotations

import re

import pytest
import typer

from tandem.accounts.models import ApiToken
from tandem.client import Config
from tandem.requests import services
from tandem.requests.models import FollowUpDraft, Request, RequestEvent
from tests.conftest import one_error_line, tandem
from tests.requests.conftest import ask, day

pytestmark = pytest.mark.django_db(transaction=True)

GROUP = {"ask", "followup", "answer", "followed-up"}


@pytest.fixture
def logged_in(alice, partnership, live_server, tmp_path, monkeypatch):
    """Alice's token and partnership stored as `tandem login` stores them."""
    monkeypatch.setenv("TANDEM_CONFIG", str(tmp_path / "config.json"))
    monkeypatch.setenv("COLUMNS", "160")
    _, secret = ApiToken.issue(alice, "terminal")
    Config(live_server.url, secret, partnership.pk).save()


def test_it_records_a_request_asked_six_weeks_ago(logged_in):
    result = tandem("ask", "Flexible hours on Fridays", "--on", "6 weeks ago", "--via", "meeting")

    assert result.exit_code == 0, result.output
    created = Request.objects.get()
    assert result.output == (
        f"Recorded #{created.pk} “Flexible hours on Fridays”: asked 42 days ago, no answer. "
        f"It is stale; draft a follow-up with 'tandem followup {created.pk}'.\n"
    )
    assert (created.asked_on, created.channel, created.shared) == (day(-42), "meeting", False)


def test_it_records_every_detail_of_a_request(logged_in):
    result = tandem(
        "requests",
        "ask",
        "Budget for a course",
        "--on",
        "yesterday",
        "--via",
        "in passing",
        "--said",
        "It would help with the reports.",
        "--stale-after",
        "30",
        "--promised-by",
        "next friday",
        "--share",
    )

    assert result.exit_code == 0, result.output
    created = Request.objects.get()
    assert result.output == (
        f"Recorded #{created.pk} “Budget for a course”: asked yesterday, no answer yet; "
        "stale from Sat 12 Dec without an answer.\n"
    )
    assert (created.channel, created.stale_after_days, created.shared) == ("in_passing", 30, True)
    assert (created.promised_by, created.what_was_said) == (
        day(10),
        "It would help with the reports.",
    )


def test_it_lists_the_open_requests_stale_first(logged_in, partnership, shared_request):
    stale = ask(partnership, "Flexible hours on Fridays", 42)
    closed = ask(partnership, "A new laptop", 60)
    services.response_record(partnership.owner, closed, "granted", on=day(-50))

    result = tandem("requests")

    assert result.exit_code == 0, result.output
    output = result.output
    assert "Open requests" in output
    assert output.index(f"#{stale.pk}") < output.index(f"#{shared_request.pk}")
    assert "asked 42 days ago, no answer" in output
    assert "asked 3 days ago, no answer yet · shared" in output
    assert output.count("STALE") == 1
    assert "A new laptop" not in output
    assert output.endswith(
        f"1 request is stale; draft a follow-up with 'tandem followup {stale.pk}'.\n"
    )


def test_it_lists_only_the_stale_ones_or_all_of_them(logged_in, partnership, shared_request):
    stale = ask(partnership, "Flexible hours on Fridays", 42)
    closed = ask(partnership, "A new laptop", 60)
    services.response_record(partnership.owner, closed, "declined", on=day(-50))

    only_stale = tandem("requests", "--stale")
    everything = tandem("requests", "--all")

    assert f"#{stale.pk}" in only_stale.output
    assert "Budget for the analytics course" not in only_stale.output
    assert "A new laptop" in everything.output
    assert "declined on Mon 12 Oct" in everything.output


def test_it_keeps_square_brackets_in_titles(logged_in, partnership):
    ask(partnership, "[urgent] A second monitor", 1)

    result = tandem("requests")

    assert "[urgent] A second monitor" in result.output


def test_it_says_how_to_record_a_first_request(logged_in):
    result = tandem("requests")

    assert result.exit_code == 0
    assert result.output == (
        'No open requests. Record one with: tandem ask "Flexible hours on Fridays" '
        '--on "6 weeks ago"\n'
    )


def test_it_prints_the_drafted_follow_up(logged_in, flexible_hours):
    result = tandem("followup", str(flexible_hours.pk))

    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        f"Follow-up for #{flexible_hours.pk}: asked 42 days ago, no answer\n\nThe facts\n"
        "  On Tue 20 Oct I asked you about “Flexible hours on Fridays” in a one-on-one.\n"
    )
    assert "\nYour story\n  None yet" in result.output
    assert "\nThe question\n  What would help you decide on this?\n" in result.output
    assert "\nE-mail\nSubject: Following up: Flexible hours on Fridays\n\nHi Zebulon,\n" in (
        result.output
    )
    assert result.output.endswith("Thanks,\nAlice\n")


def test_it_saves_a_story_and_a_question_for_the_follow_up(logged_in, flexible_hours):
    result = tandem(
        "requests",
        "followup",
        f"#{flexible_hours.pk}",
        "--story",
        "it is always the last thing on the list",
        "--question",
        "Could we try it for a month?",
    )

    assert result.exit_code == 0, result.output
    assert "  The story I'm making up is that it is always the last thing on the list.\n" in (
        result.output
    )
    assert "  hint: “always” turns a story into a verdict" in result.output
    assert "\nThe question\n  Could we try it for a month?\n" in result.output
    draft = FollowUpDraft.objects.get()
    assert draft.question == "Could we try it for a month?"


def test_it_records_the_partners_response(logged_in, flexible_hours):
    result = tandem(
        "requests",
        "answer",
        str(flexible_hours.pk),
        "promised",
        "--on",
        "yesterday",
        "--promised-by",
        "next friday",
        "--note",
        "After the budget round",
    )

    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Recorded for #{flexible_hours.pk}: Promised an answer on Mon 30 Nov, by Fri 11 Dec.\n"
    )
    event = RequestEvent.objects.get()
    assert (event.kind, event.happened_on, event.note) == (
        "promised",
        day(-1),
        "After the budget round",
    )


def test_it_records_a_follow_up_and_the_clock_starts_again(logged_in, flexible_hours):
    result = tandem("requests", "followed-up", str(flexible_hours.pk), "--via", "email")

    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Recorded for #{flexible_hours.pk}: Followed up on Tue 1 Dec (email); "
        "the clock starts again.\n"
    )
    listed = tandem("requests")
    assert "asked 42 days ago; followed up today" in listed.output
    assert "STALE" not in listed.output


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ("ask", "Flexible hours", "--on", "tomorrow"),
            "Error: 'tomorrow' is Wed 2 Dec, which is in the future; when did it happen?",
        ),
        (
            ("ask", "Flexible hours", "--stale-after", "0"),
            "Error: A request turns stale after 1 to 365 days without an answer; 14 is usual.",
        ),
        (
            ("ask", "Flexible hours", "--stale-after", "soon"),
            "Error: 'soon' is not a number of days; e.g. --stale-after 14.",
        ),
        (
            ("ask", "Flexible hours", "--via", "pigeon"),
            "Error: 'pigeon' is not a way of asking: use meeting, email, chat, in_passing.",
        ),
        (("ask", " "), "Error: Say what you asked for, e.g. “Flexible hours on Fridays”."),
        (("followup", "abc"), "Error: 'abc' is not a request id; 'tandem requests' shows them"),
        (("followup", "9999"), "Error: No such request."),
        (("requests", "answer", "12", "perhaps"), "Error: 'perhaps' is not a response: use"),
        (("requests", "--all", "--stale"), "Error: Choose --all or --stale, not both."),
    ],
)
def test_it_refuses_bad_input_in_one_line(logged_in, args, message):
    result = tandem(*args)

    assert one_error_line(result).startswith(message)
    assert not Request.objects.exists()


def test_it_refuses_an_answer_to_a_closed_request_in_one_line(logged_in, partnership):
    closed = ask(partnership, "A new laptop", 60)
    services.response_record(partnership.owner, closed, "granted", on=day(-50))

    result = tandem("requests", "answer", str(closed.pk), "declined")

    assert one_error_line(result) == ("Error: This request is granted already; reopen it first.\n")


def test_it_says_when_not_logged_in(tmp_path, monkeypatch):
    monkeypatch.setenv("TANDEM_CONFIG", str(tmp_path / "missing.json"))

    result = tandem("requests")

    assert one_error_line(result) == (
        "Error: Not logged in: run 'tandem login --server URL' first.\n"
    )


def _root():
    from tandem.cli import app

    return typer.main.get_command(app)


def test_it_offers_the_requests_commands_in_their_group_and_as_shortcuts():
    root = _root()
    group = root.commands["requests"]

    assert set(group.commands) == GROUP
    for name in ("ask", "followup"):
        assert root.commands[name].callback is group.commands[name].callback
    assert "answer" not in root.commands


@pytest.mark.parametrize(
    "path",
    [
        ("requests",),
        ("ask",),
        ("followup",),
        *(("requests", name) for name in sorted(GROUP)),
    ],
    ids=" ".join,
)
def test_it_gives_every_requests_command_an_example(path):
    result = tandem(*path, "--help")

    assert result.exit_code == 0
    typed = " ".join(("tandem", *path))
    assert re.search(rf"Example: {re.escape(typed)}( |$)", result.output, flags=re.MULTILINE)
