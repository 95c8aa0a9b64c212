"""Requests: `tandem requests [answer|followed-up|ask|followup]`; `ask` and `followup` also
work without `requests`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated

import typer

from tandem.cli.common import (
    PartnershipOption,
    connect,
    fail,
    new_app,
    one_line_errors,
    read_record_id,
)

if TYPE_CHECKING:
    from tandem.client import EventOut, FollowUpOut

app = new_app(name="requests")

# As the API names them; people may type "in passing" or "more-info". Written out here, not
# imported from tandem.followup, which would load the composers at every command's start.
CHANNELS = ("meeting", "email", "chat", "in_passing")
RESPONSES = ("acknowledged", "more_info", "promised", "granted", "declined")
# The most days a threshold can be typed with; the server says which are allowed.
MAX_DAY_DIGITS = 6


@app.callback(invoke_without_command=True)
def list_(
    context: typer.Context,
    show_all: Annotated[
        bool, typer.Option("--all", help="Answered and closed requests too.")
    ] = False,
    stale_only: Annotated[bool, typer.Option("--stale", help="Only the stale ones.")] = False,
    partnership: PartnershipOption = None,
) -> None:
    """What you asked your partner for: without a command, the open requests, stale first.

    Example: tandem requests --stale
    """
    if context.invoked_subcommand is not None:
        return
    if show_all and stale_only:
        fail("Choose --all or --stale, not both.")
    status = "all" if show_all else "stale" if stale_only else "open"
    with one_line_errors():
        api = connect()
        rows = api.requests(api.partnership_id(partnership), status)
    if not rows:
        typer.echo(_nothing(status))
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    heading = {"all": "Requests", "stale": "Stale requests", "open": "Open requests"}[status]
    table = Table(title=heading)
    for column in ("id", "request", "status", ""):
        table.add_column(column)
    for row in rows:
        shared = " · shared" if row["shared"] else ""
        table.add_row(
            f"#{row['id']}",
            f"{escape(row['title'])}\n[dim]{escape(row['summary'])}{shared}[/]",
            row["status"],
            "[bold red]STALE[/]" if row["stale"] else "",
        )
    Console().print(table)
    stale = [row for row in rows if row["stale"]]
    if stale:
        first = stale[0]["id"]
        typer.echo(f"{_count(len(stale))} stale; draft a follow-up with 'tandem followup {first}'.")


def _nothing(status: str) -> str:
    if status == "stale":
        return "Nothing stale: every open request is within its time."
    start = 'Record one with: tandem ask "Flexible hours on Fridays" --on "6 weeks ago"'
    return f"No {'' if status == 'all' else 'open '}requests. {start}"


def _count(n: int) -> str:
    return "1 request is" if n == 1 else f"{n} requests are"


@app.command("ask")
def ask(
    title: Annotated[str, typer.Argument(help="What you asked your partner for.")],
    on: Annotated[
        str | None, typer.Option("--on", help="When you asked: 6 weeks ago, last friday, 20 Oct.")
    ] = None,
    via: Annotated[
        str, typer.Option("--via", help="How: meeting, email, chat or in_passing.")
    ] = "meeting",
    said: Annotated[str, typer.Option("--said", help="What you said (private).")] = "",
    stale_after: Annotated[
        str | None,
        typer.Option("--stale-after", help="Days without an answer before it is stale (14)."),
    ] = None,
    promised_by: Annotated[
        str | None, typer.Option("--promised-by", help="The day an answer was promised by.")
    ] = None,
    share: Annotated[
        bool, typer.Option("--share", help="Your partner sees it and can answer it.")
    ] = False,
    partnership: PartnershipOption = None,
) -> None:
    """Record something you asked your partner for; says whether it is stale already.

    Example: tandem requests ask "Flexible hours on Fridays" --on "6 weeks ago" --via meeting
    """
    from tandem.client import RequestNew

    new = RequestNew(
        title=title,
        asked_on=on,
        channel=_choice(via, CHANNELS, "a way of asking"),
        what_was_said=said,
        promised_by=promised_by,
        shared=share,
    )
    if stale_after is not None:
        new["stale_after_days"] = _days(stale_after)
    with one_line_errors():
        api = connect()
        created = api.request_create(api.partnership_id(partnership), new)
    line = f"Recorded #{created['id']} “{created['title']}”: {created['summary']}"
    if created["stale"]:
        line += f". It is stale; draft a follow-up with 'tandem followup {created['id']}'."
    elif created["stale_since"]:
        line += f"; stale from {_day(created['stale_since'])} without an answer."
    else:
        line += "."
    typer.echo(line)


@app.command("followup")
def followup(
    request_id: Annotated[str, typer.Argument(help="The request's id (see 'tandem requests').")],
    story: Annotated[
        str | None,
        typer.Option("--story", help="The story you are telling yourself, in your words."),
    ] = None,
    question: Annotated[
        str | None, typer.Option("--question", help="The open question to ask instead.")
    ] = None,
    partnership: PartnershipOption = None,
) -> None:
    """Print the follow-up conversation: the facts, your story, an open question, an e-mail.

    A story or question given is saved with the request first.

    Example: tandem requests followup 12 --story "it slipped behind the reorganisation"
    """
    number = _request_id(request_id)
    with one_line_errors():
        api = connect()
        drafted = api.follow_up(
            api.partnership_id(partnership), number, story=story, question=question
        )
    _print_follow_up(number, drafted)


def _print_follow_up(number: int, drafted: FollowUpOut) -> None:
    typer.echo(f"Follow-up for #{number}: {drafted['summary']}")
    typer.echo("\nThe facts")
    for fact in drafted["facts"]:
        typer.echo(f"  {fact}")
    typer.echo("\nYour story")
    if drafted["story"]:
        typer.echo(f"  {drafted['story']}")
        for hint in drafted["story_hints"]:
            typer.echo(f"  hint: {hint}")
    else:
        typer.echo('  None yet: add the story you are telling yourself with --story "…".')
    typer.echo("\nThe question")
    typer.echo(f"  {drafted['question']}")
    typer.echo("\nE-mail")
    typer.echo(f"Subject: {drafted['email_subject']}\n")
    typer.echo(drafted["email_body"].rstrip("\n"))


@app.command("answer")
def answer(
    request_id: Annotated[str, typer.Argument(help="The request's id (see 'tandem requests').")],
    kind: Annotated[
        str,
        typer.Argument(help="acknowledged, more_info, promised, granted or declined."),
    ],
    on: Annotated[
        str | None, typer.Option("--on", help="When: yesterday, last friday (default today).")
    ] = None,
    note: Annotated[str, typer.Option("--note", help="What was said.")] = "",
    promised_by: Annotated[
        str | None, typer.Option("--promised-by", help="For a promise: the day promised.")
    ] = None,
    partnership: PartnershipOption = None,
) -> None:
    """Record your partner's response to a request (or, as the partner, answer a shared one).

    Example: tandem requests answer 12 promised --promised-by "next friday"
    """
    from tandem.client import ResponseNew

    number = _request_id(request_id)
    response = ResponseNew(
        kind=_choice(kind, RESPONSES, "a response"), on=on, note=note, promised_by=promised_by
    )
    with one_line_errors():
        api = connect()
        event = api.response_record(api.partnership_id(partnership), number, response)
    typer.echo(f"Recorded for #{number}: {_event(event)}.")


@app.command("followed-up")
def followed_up(
    request_id: Annotated[str, typer.Argument(help="The request's id (see 'tandem requests').")],
    via: Annotated[str, typer.Option("--via", help="How: meeting, email, chat or in_passing.")],
    on: Annotated[
        str | None, typer.Option("--on", help="When: yesterday, monday (default today).")
    ] = None,
    note: Annotated[str, typer.Option("--note", help="What you said.")] = "",
    partnership: PartnershipOption = None,
) -> None:
    """Record that you followed up on a request: the staleness clock starts again.

    Example: tandem requests followed-up 12 --via email
    """
    from tandem.client import FollowUpNew

    number = _request_id(request_id)
    channel = _choice(via, CHANNELS, "a way of following up")
    follow_up = FollowUpNew(channel=channel, on=on, note=note)
    with one_line_errors():
        api = connect()
        event = api.follow_up_record(api.partnership_id(partnership), number, follow_up)
    typer.echo(f"Recorded for #{number}: {_event(event)}; the clock starts again.")


def _event(event: EventOut) -> str:
    words = f"{event['label']} on {_day(event['on'])}"
    if event["channel"]:
        words += f" ({event['channel'].replace('_', ' ')})"
    if event["promised_by"]:
        words += f", by {_day(event['promised_by'])}"
    return words


def _choice(text: str, choices: tuple[str, ...], what: str) -> str:
    value = re.sub(r"[\s-]+", "_", text.strip().lower())
    if value not in choices:
        fail(f"'{text[:20]}' is not {what}: use {', '.join(choices)}.")
    return value


def _days(text: str) -> int:
    raw = text.strip()
    if not re.fullmatch(rf"-?[0-9]{{1,{MAX_DAY_DIGITS}}}", raw, flags=re.ASCII):
        fail(f"'{text[:20]}' is not a number of days; e.g. --stale-after 14.")
    return int(raw)


def _request_id(text: str) -> int:
    return read_record_id(text, "a request id", "tandem requests", 12)


def _day(iso: str) -> str:
    import datetime as dt

    from tandem.lib.dates import format_date

    return format_date(dt.date.fromisoformat(iso), dt.date.today())
