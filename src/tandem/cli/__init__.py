"""The `tandem` command line: the root app, and one module per area.

    server.py     version, serve, demo, manage   (the only commands that import Django)
    accounts.py   login
    workload.py   the `tandem workload …` group: add, list, whatif, done, import-ics
    requests.py   the `tandem requests …` group: lists without a command; ask, followup,
                  answer, followed-up
    oneonones.py  the `tandem one-on-ones …` group: prep, note, actions, done
    agreements.py the `tandem agreement …` group: prints the current version without a
                  command; versions
    common.py     new_app(), one-line errors, --partnership, shortcuts, the Django helpers

An area's module defines `app = new_app(name="…", help="…")` and its commands, and talks to
the server only through the typed methods of `tandem.client.Api` (no paths or JSON keys in
commands). To add an area: write `cli/<area>.py` that way and add one line below,
`app.add_typer(<area>.app)`; then `tandem <area> …` works. An area's daily commands may also
be shortcuts at the top level, as `tandem add` is `tandem workload add`.

Importing this package must stay cheap: Django, rich, dateparser and the HTTP client are
imported inside the commands that use them, never at module level.
"""

from __future__ import annotations

from tandem.cli import accounts, agreements, oneonones, requests, server, workload
from tandem.cli.common import new_app, with_shortcuts

__all__ = ["app"]


app = new_app(
    help="Tandem: a partnership workspace for a person and their boss.",
    no_args_is_help=True,
    # The same commands as `tandem workload add`, `tandem requests ask`, `tandem one-on-ones
    # prep`, etc., at the top.
    cls=with_shortcuts(
        (workload.app, ("add", "list", "whatif", "done", "import-ics")),
        (requests.app, ("ask", "followup")),
        (oneonones.app, ("prep", "note", "actions")),
    ),
)

# Areas. Apps without a name (accounts, server) put their commands at the top level.
app.add_typer(accounts.app)
app.add_typer(workload.app)
app.add_typer(requests.app)
app.add_typer(oneonones.app)
app.add_typer(agreements.app)
app.add_typer(server.app)
