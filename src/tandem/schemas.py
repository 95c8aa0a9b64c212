"""Schemas every API router shares."""

from typing import Any

from ninja import Schema
from pydantic import Field


class Detail(Schema):
    """The one error shape of the API: a reason written for people.

    `field` names the input at fault when there is one; `errors` lists every problem found
    when the request body does not match its schema (422). Every error reaches the client
    through the handlers in tandem/api.py, which leave out the keys that say nothing.
    """

    detail: str
    field: str | None = Field(None, description="The input at fault, when there is one.")
    errors: list[dict[str, Any]] | None = Field(
        None, description="Each problem with a request body that does not match its schema."
    )
