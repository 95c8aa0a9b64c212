"""Form fields for what people type, each reading through the one reader of its concept.

The readers (`read_date`, `read_effort`, `read_priority`) are shared with the API and raise
TandemError; here their message becomes the field's error.
"""

from __future__ import annotations

import datetime as dt

from django import forms

from tandem.lib.dates import read_date, read_past_date
from tandem.lib.efforts import read_effort
from tandem.lib.errors import TandemError
from tandem.lib.numbers import MAX_PRIORITY, read_priority


def attach_error(form: forms.Form, error: TandemError) -> None:
    """A service's refusal, shown at the field it names, or above the form when the form has
    no such field (a rule about the whole request, or a field the form does not show)."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


class ReadField(forms.CharField):
    """Text read into a value by `read`; blank is None (or "required" when it is required)."""

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return self.read(text)
        except TandemError as error:
            raise forms.ValidationError(error.message) from None

    def read(self, text: str):
        raise NotImplementedError


class NaturalDateField(ReadField):
    """A date typed the way people say it, relative to the person's today."""

    placeholder = "next friday"

    def __init__(self, *args, today: dt.date | None = None, **kwargs) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": self.placeholder}))
        super().__init__(*args, **kwargs)
        self.today = today

    def read(self, text: str) -> dt.date | None:
        return read_date(text, self.today or dt.date.today(), field="")


class PastDateField(NaturalDateField):
    """When something happened ("6 weeks ago", "last friday"); a later day than today is
    refused with its own message."""

    placeholder = "6 weeks ago"

    def read(self, text: str) -> dt.date | None:
        return read_past_date(text, self.today or dt.date.today(), field="")


class EffortField(ReadField):
    """An effort typed the way people say it; `allow_zero` for what is left of finished work."""

    def __init__(self, *args, day_minutes: int = 480, allow_zero: bool = False, **kwargs) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "3h, 1.5d, 90m"}))
        super().__init__(*args, **kwargs)
        self.day_minutes = day_minutes
        self.allow_zero = allow_zero

    def read(self, text: str) -> int | None:
        return read_effort(text, self.day_minutes, field="", allow_zero=self.allow_zero)


class PriorityField(ReadField):
    """An agreed priority: 1 is the most important; blank for none."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget", forms.NumberInput(attrs={"min": 1, "max": MAX_PRIORITY, "step": 1})
        )
        super().__init__(*args, **kwargs)

    def read(self, text: str) -> int | None:
        return read_priority(text)
