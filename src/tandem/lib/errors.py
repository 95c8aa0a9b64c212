from __future__ import annotations


class TandemError(Exception):
    """A domain rule was broken; the message is written for the person using Tandem."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class Conflict(TandemError):
    status = 409


class Gone(TandemError):
    status = 410


class Forbidden(TandemError):
    """The person may see the thing but not do this to it (e.g. answer for their partner)."""

    status = 403
