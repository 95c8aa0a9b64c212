"""The `tandem` command line against a live Tandem, the way a person uses it in a terminal."""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine

from tandem.client import Config
from tandem.workload import services
from tandem.workload.models import Assignment, CalendarEvent, Status, TimeOff
from tests.conftest import PASSWORD, tandem
from tests.workload.conftest import CALENDAR

pytestmark = pytest.mark.django_db(transaction=True)

MONDAY = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def monday():
    # Time keeps moving (the server answers in real time) but starts on a known Monday.
    with time_machine.travel(MONDAY, tick=True):
        yield


@pytest.fixture
def config(tmp_path, monkeypatch):
    path = tmp_path / "tandem" / "config.json"
    monkeypatch.setenv("TANDEM_CONFIG", str(path))
    monkeypatch.setenv("COLUMNS", "160")
    return path


@pytest.fixture
def cli_login(alice, partnership, live_server, config):
    """Alice has run `tandem login` against the live server; the result of that run."""
    result = tandem(
        "login", "--server", live_server.url, "--email", "alice@example.com", input=PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.output
    return result


def _assign(partnership, title: str, minutes: int, due_in: int) -> Assignment:
    return services.assignment_create(
        partnership.owner,
        partnership,
        services.AssignmentDraft(
            title=title, effort_minutes=minutes, due=dt.date(2026, 11, 2 + due_in)
        ),
    )


@pytest.fixture
def web_page():
    """A server that answers every request with an HTML page, like a mistyped address might."""

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<!doctype html><title>Intranet</title><p>Welcome</p>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def slow_importer():
    """A server that takes a while to answer an import, as a large calendar does."""

    class Slow(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            time.sleep(1.5)
            summary = "Imported 3 new and updated 0 meetings."
            body = json.dumps({"summary": summary, "created": 3, "warnings": []}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_it_waits_for_a_slow_import_and_reports_what_really_happened(
    config, slow_importer, tmp_path, monkeypatch
):
    from tandem import client

    # Every other call gives up sooner than this import takes.
    monkeypatch.setattr(client, "TIMEOUT_SECONDS", 0.5)
    Config(slow_importer, "tdm_token", 1).save()
    calendar = tmp_path / "work.ics"
    calendar.write_bytes(CALENDAR)

    result = tandem("import-ics", str(calendar))

    assert result.exit_code == 0, result.output
    assert "Imported 3 new" in result.output


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_it_logs_in_with_a_password_and_stores_a_token(cli_login, live_server, config, partnership):
    assert f"Logged in to {live_server.url}; adding to your partnership with Zebulon Boss." in (
        cli_login.output
    )
    stored = json.loads(config.read_text())
    assert stored["server"] == live_server.url
    assert stored["token"].startswith("tdm_")
    assert stored["partnership"] == partnership.pk
    assert config.stat().st_mode & 0o777 == 0o600
    assert PASSWORD not in config.read_text()


def test_it_logs_in_with_a_token(alice, partnership, live_server, config):
    from tandem.accounts.models import ApiToken

    _, secret = ApiToken.issue(alice, "laptop")

    result = tandem("login", "--server", live_server.url, "--token", secret)

    assert result.exit_code == 0
    assert json.loads(config.read_text())["token"] == secret


def test_it_refuses_a_wrong_password_in_one_line(alice, live_server, config):
    result = tandem(
        "login", "--server", live_server.url, "--email", "alice@example.com", input="nope\n"
    )

    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: ")
    assert not config.exists()


def test_it_adds_an_assignment_with_natural_date_and_effort(cli_login):
    result = tandem(
        "add", "Q3 board report", "--due", "next friday", "--effort", "6h", "--from", "boss"
    )

    assert result.exit_code == 0, result.output
    created = Assignment.objects.get()
    assert result.output == (
        f"Added #{created.pk} “Q3 board report”: projected finish 2026-11-03.\n"
    )
    assert (created.due, created.remaining_minutes, created.asked_by) == (
        dt.date(2026, 11, 13),
        360,
        "boss",
    )
    assert created.status == Status.ACCEPTED


def test_it_adds_a_proposed_ask(cli_login):
    result = tandem("add", "Vendor review", "--effort", "90m", "--proposed")

    assert result.exit_code == 0, result.output
    assert Assignment.objects.get().status == Status.PROPOSED


def test_it_marks_a_late_addition(cli_login):
    result = tandem("add", "Huge report", "--effort", "3d", "--due", "tomorrow")

    assert result.output.endswith("(late).\n")


def test_it_lists_the_plan(cli_login, partnership):
    _assign(partnership, "Budget inputs", 480, due_in=2)
    tandem("add", "Q3 board report", "--due", "next friday", "--effort", "6h", "--from", "boss")

    result = tandem("list")

    assert result.exit_code == 0, result.output
    assert "Plan as of 2026-11-02" in result.output
    assert result.output.index("Budget inputs") < result.output.index("Q3 board report")
    assert "due Fri 13 Nov" in result.output
    assert "2026-11-13" in result.output


def test_it_lists_all_of_the_owners_work_as_the_web_plan_does(
    cli_login, partnership, solo_partnership
):
    _assign(partnership, "Budget inputs", 480, due_in=4)
    _assign(solo_partnership, "Team rota", 120, due_in=1)

    result = tandem("list")

    assert result.exit_code == 0, result.output
    assert result.output.index("Team rota") < result.output.index("Budget inputs")
    assert "another partnership" in result.output.split("Budget inputs")[0]


def test_it_lists_efforts_in_hours_and_minutes(cli_login, partnership):
    _assign(partnership, "Pricing memo", 100, due_in=2)

    result = tandem("list")

    assert result.exit_code == 0, result.output
    assert "1h 40m" in result.output
    assert "1.66667h" not in result.output


def test_it_runs_the_workload_commands_in_their_group_too(cli_login):
    added = tandem("workload", "add", "Vendor review", "--effort", "90m")
    listed = tandem("workload", "list")

    assert added.exit_code == 0, added.output
    assert added.output.startswith("Added #")
    assert "Vendor review" in listed.output
    assert "1h 30m" in listed.output


def test_it_says_when_nothing_is_open(cli_login):
    result = tandem("list")

    assert result.output == "Nothing open. Add one with 'tandem add'.\n"


def test_it_shows_what_a_new_ask_would_move_and_the_options(cli_login, partnership):
    budget = _assign(partnership, "Budget inputs", 480, due_in=2)
    memo = _assign(partnership, "Pricing memo", 240, due_in=9)

    result = tandem("whatif", "Board pack", "--effort", "10h", "--due", "tomorrow")

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert (
        lines[0] == "Taking on 'Board pack' by Tue 3 Nov moves 'Budget inputs' past its due date."
    )
    assert lines[1] == f"  moves: #{budget.pk} Budget inputs → 2026-11-05 and becomes late"
    assert lines[2] == f"  moves: #{memo.pk} Pricing memo → 2026-11-05"
    assert lines[3].startswith(
        "  option A: Move 'Board pack' to Thu 5 Nov. Everything lands on time"
    )
    assert Assignment.objects.count() == 2


def test_it_says_when_a_new_ask_fits(cli_login):
    result = tandem("whatif", "Thank-you note", "--effort", "1h")

    assert result.output == (
        "Taking on 'Thank-you note' fits: it lands on Mon 2 Nov, "
        "and everything else stays on time.\n"
    )


def test_it_weighs_a_change_to_an_assignment_without_saving_it(cli_login, partnership):
    budget = _assign(partnership, "Budget inputs", 480, due_in=2)
    _assign(partnership, "Pricing memo", 240, due_in=3)

    change = "--effort", "20h", "--due", "2026-11-04", "--change", str(budget.pk)
    result = tandem("whatif", "Budget inputs", *change)

    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "This change to 'Budget inputs' moves 'Pricing memo' past its due date, "
        "and 'Budget inputs' itself would land on Thu 5 Nov."
    )
    budget.refresh_from_db()
    assert budget.remaining_minutes == 480


def test_it_marks_an_assignment_done(cli_login, partnership):
    assignment = _assign(partnership, "Q3 board report", 360, due_in=11)

    result = tandem("done", str(assignment.pk))

    assert result.exit_code == 0, result.output
    assert result.output == f"Done: #{assignment.pk} “Q3 board report”.\n"
    assignment.refresh_from_db()
    assert assignment.status == Status.DONE


def test_it_says_when_an_assignment_was_already_done(cli_login, partnership):
    assignment = _assign(partnership, "Q3 board report", 360, due_in=11)
    tandem("done", str(assignment.pk))

    result = tandem("done", str(assignment.pk))

    assert result.exit_code == 0, result.output
    assert result.output == f"#{assignment.pk} “Q3 board report” was already done.\n"


@pytest.mark.parametrize("argument", ["abc", "²", "9" * 40, "0", "#x"])
def test_it_refuses_an_id_that_is_not_one_in_one_line(cli_login, argument):
    result = tandem("done", argument)

    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "is not an assignment id" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_it_weighs_a_change_from_the_id_alone(cli_login, partnership):
    # Late as it stands: due tomorrow, two days of work. Left as it is, it is still late.
    late = _assign(partnership, "Board pack", 2 * 480, due_in=1)

    result = tandem("whatif", "--change", str(late.pk))

    assert result.exit_code == 0, result.output
    assert "fits" not in result.output.splitlines()[0]
    assert "'Board pack' would land on" in result.output


def test_it_changes_only_what_is_given_when_weighing_a_change(cli_login, partnership):
    late = _assign(partnership, "Board pack", 2 * 480, due_in=1)

    result = tandem("whatif", "--change", str(late.pk), "--due", "in 2 weeks")

    assert result.exit_code == 0, result.output
    assert "fits" in result.output.splitlines()[0]
    late.refresh_from_db()
    assert late.due == dt.date(2026, 11, 3)


def test_it_keeps_whatif_short_however_much_moves(cli_login, partnership):
    for n in range(40):
        _assign(partnership, f"Item {n:02d}", 120, due_in=3 + n % 15)

    result = tandem(
        "whatif", "Board pack", "--effort", "3d", "--due", "tomorrow", "--priority", "1"
    )

    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) <= 1 + 8 + 1 + 5
    assert "more move later." in result.output


def test_it_asks_for_a_new_asks_effort_or_an_id(cli_login):
    result = tandem("whatif", "Board pack")

    assert result.exit_code == 1
    assert result.output.startswith("Error: Give the new ask and its --effort")


def test_it_tells_two_assignments_with_one_title_apart(cli_login, partnership):
    first = _assign(partnership, "Weekly report", 60, due_in=2)
    second = _assign(partnership, "Weekly report", 60, due_in=9)

    result = tandem("list")

    assert f"#{first.pk} Weekly report" in result.output
    assert f"#{second.pk} Weekly report" in result.output


def test_it_lists_a_screenful_with_late_and_at_risk_work_first(cli_login, partnership):
    for n in range(30):
        _assign(partnership, f"Calm item {n:02d}", 30, due_in=18 + n % 3)
    late = _assign(partnership, "Overdue report", 3 * 480, due_in=1)

    result = tandem("list", "--limit", "5")

    assert result.exit_code == 0, result.output
    assert result.output.index(f"#{late.pk} Overdue report") < result.output.index("Calm item")
    assert result.output.count("Calm item") == 4
    assert "26 more later in the plan: 'tandem list --all'." in result.output
    everything = tandem("list", "--all")
    assert everything.output.count("Calm item") == 30


def test_it_imports_a_calendar_file(cli_login, alice, tmp_path):
    calendar = tmp_path / "work.ics"
    calendar.write_bytes(CALENDAR)

    first = tandem("import-ics", str(calendar))
    again = tandem("import-ics", str(calendar))

    assert first.exit_code == 0, first.output
    assert first.output == ("Imported 3 new and updated 0 meetings, added 1 day of time off.\n")
    assert again.output.startswith("Imported 0 new and updated 3 meetings")
    assert CalendarEvent.objects.filter(owner=alice).count() == 3
    assert TimeOff.objects.filter(owner=alice).count() == 1


def test_it_refuses_an_unreadable_effort_in_one_line(cli_login):
    result = tandem("add", "Q3 board report", "--effort", "a while")

    assert result.exit_code == 1
    assert result.output == "Error: 'a while' is not an effort; try 3h, 90m or 1.5d\n"
    assert not Assignment.objects.exists()


def test_it_refuses_an_unreadable_date_in_one_line(cli_login):
    result = tandem("add", "Q3 board report", "--effort", "2h", "--due", "12/04")

    assert result.exit_code == 1
    assert result.output.startswith("Error: '12/04' could be 12 Apr or 4 Dec")
    assert result.output.count("\n") == 1


def test_it_refuses_a_missing_calendar_file_in_one_line(cli_login, tmp_path):
    result = tandem("import-ics", str(tmp_path / "missing.ics"))

    assert result.exit_code == 1
    assert result.output.startswith("Error: Cannot read ")
    assert result.output.count("\n") == 1


def test_it_says_when_the_server_cannot_be_reached(config):
    server = f"http://127.0.0.1:{_free_port()}"
    Config(server, "tdm_whatever", 1).save()

    result = tandem("list")

    assert result.exit_code == 1
    assert result.output.startswith(f"Error: Cannot reach {server}")
    assert result.output.count("\n") == 1


def test_it_says_when_the_server_cannot_be_reached_at_login(config):
    server = f"http://127.0.0.1:{_free_port()}"

    result = tandem("login", "--server", server, "--token", "tdm_whatever")

    assert result.exit_code == 1
    assert result.output.startswith(f"Error: Cannot reach {server}")
    assert result.output.count("\n") == 1
    assert not config.exists()


@pytest.mark.parametrize("server", ["notaurl", "127.0.0.1:8000", "ftp://example.com", "http://"])
def test_it_refuses_a_server_that_is_not_a_web_address_in_one_line(config, server):
    result = tandem("login", "--server", server, "--email", "alice@example.com", input=PASSWORD)

    assert result.exit_code == 1
    assert result.output == (
        f"Error: '{server}' is not a web address; give one like http://127.0.0.1:8000 or "
        "https://tandem.example.com.\n"
    )
    assert PASSWORD not in result.output
    assert not config.exists()


def test_it_refuses_a_token_with_a_line_break_in_one_line(config):
    server = f"http://127.0.0.1:{_free_port()}"

    result = tandem("login", "--server", server, "--token", "tdm_secret\nX-Other: 1")

    assert result.exit_code == 1
    assert result.output.startswith(f"Error: Cannot send anything to '{server}'")
    assert result.output.count("\n") == 1
    assert "tdm_secret" not in result.output
    assert not config.exists()


def test_it_says_when_the_address_is_not_tandem(config, web_page):
    result = tandem("login", "--server", web_page, "--token", "tdm_whatever")

    assert result.exit_code == 1
    assert result.output == (
        f"Error: {web_page} did not answer as Tandem does; check the address.\n"
    )
    assert not config.exists()


def test_it_says_when_not_logged_in(config):
    result = tandem("add", "Q3 board report", "--effort", "2h")

    assert result.exit_code == 1
    assert result.output == "Error: Not logged in: run 'tandem login --server URL' first.\n"


def test_it_says_when_the_token_was_revoked(cli_login, alice):
    alice.api_tokens.update(revoked_at=MONDAY)

    result = tandem("list")

    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert result.output.count("\n") == 1
