"""Schemas every API router shares: the one error shape and the one kind of text."""

from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator, EmailStr, Field, StringConstraints
from pydantic_core import PydanticCustomError

# As Django's form fields say it: the web and the API refuse the same input alike.
NUL_REFUSED = "Null characters are not allowed."


def _refuse_nul(value: Any) -> Any:
    if isinstance(value, str) and "\x00" in value:
        raise PydanticCustomError("null_character", NUL_REFUSED)
    return value


def text(
    *,
    min_length: int | None = None,
    max_length: int | None = None,
    strip: bool = False,
    pattern: str | None = None,
) -> Any:
    """The type of every text field of every API schema: a string without NUL characters.

    Databases cannot store a NUL (PostgreSQL refuses it outright), so it is refused here, first
    and with its own message, in a 422 that names the field, before any route runs. Limits go
    in this one call: constraints stacked on an Annotated type would be checked after it, and
    not at all once trimmed. `strip` trims surrounding white space: blank counts as empty.
    """
    limits = StringConstraints(
        strip_whitespace=strip or None,
        min_length=min_length,
        max_length=max_length,
        pattern=pattern,
    )
    return Annotated[str, limits, BeforeValidator(_refuse_nul)]


Text = text()
# An e-mail address: the same rule first, then the address is checked.
Email = Annotated[EmailStr, BeforeValidator(_refuse_nul)]
# A time of day as the web pages show it, HH:MM (ASCII digits only).
Clock = text(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


class Detail(Schema):
    """The one error shape of the API: a reason written for people.

    `field` names the input at fault when there is one; `errors` lists every problem found
    when the request does not match its schema (422). Every error reaches the client
    through the handlers in tandem/api.py, which leave out the keys that say nothing.
    """

    detail: str
    field: str | None = Field(None, description="The input at fault, when there is one.")
    errors: list[dict[str, Any]] | None = Field(
        None, description="Each problem with a request that does not match its schema."
    )


def errors(*codes: int) -> dict[int, type[Detail]]:
    """The error answers an operation really gives, documented with the one error shape.

    400 a rule broken (or a body that is not JSON), 401 not authenticated, 403 a browser
    session's write without its CSRF token, or not the requester's to do (answering for
    their partner), 404 nothing the requester may reach, 409 a conflict, 410 gone, 422 a
    request that does not match its schema.
    """
    return dict.fromkeys(codes, Detail)
