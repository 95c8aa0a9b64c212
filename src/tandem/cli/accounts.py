"""Your account on a Tandem server: login."""

from __future__ import annotations

from typing import Annotated

import typer

from tandem.cli.common import new_app, one_line_errors

app = new_app()

TOKEN_NAME = "Command line"


@app.command()
def login(
    server: Annotated[str, typer.Option(help="Tandem's address.")] = "http://127.0.0.1:8000",
    email: Annotated[str | None, typer.Option(help="Your e-mail address.")] = None,
    token: Annotated[
        str | None, typer.Option(help="A token from Settings → API tokens, instead of a password.")
    ] = None,
) -> None:
    """Log in and store a personal token in your config directory.

    Example: tandem login --server http://127.0.0.1:8000 --email maya@example.com
    """
    from tandem.client import Api, Config

    with one_line_errors():
        api = Api(server)  # refuses an address that is not one before asking for a password
        if token is None:
            email = email or typer.prompt("E-mail")
            password = typer.prompt("Password", hide_input=True)
            token = api.token_create(email, password, TOKEN_NAME)["token"]
        partnerships = Api(server, token).partnerships()
    owned = [p for p in partnerships if p["role"] == "owner"]
    default = next((p for p in owned if p["kind"] == "manager"), owned[0] if owned else None)
    path = Config(server, token, default["id"] if default else None).save()
    where = f"; adding to your partnership with {default['partner_name']}" if default else ""
    typer.echo(f"Logged in to {server}{where}. Token stored in {path}.")
