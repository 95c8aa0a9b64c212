"""Schemas every API router shares."""

from ninja import Schema


class Detail(Schema):
    """The one error shape of the API: a reason written for people."""

    detail: str
