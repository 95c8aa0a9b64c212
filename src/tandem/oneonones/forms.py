"""The one-on-ones' forms: they read what people type with the shared readers, and leave
every rule to `services`, whose TandemError lands on the field it names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django import forms

from tandem.lib.fields import NaturalDateField
from tandem.lib.widgets import ClockInput
from tandem.meetings import (
    CADENCE_LABELS,
    DEFAULT_DURATION,
    MAX_DURATION,
    MAX_EVERY_WEEKS,
    MIN_DURATION,
    Cadence,
    CadenceRule,
)

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# What a hidden version number or an every-few-weeks may hold before the database refuses it.
LARGEST_NUMBER = 2**31 - 1
QUESTION_LENGTH = 500
SEARCH_LENGTH = 200
DURATION_MESSAGE = f"A one-on-one lasts {MIN_DURATION} to {MAX_DURATION} minutes."


def _prose(rows: int, **attrs) -> forms.Textarea:
    """A textarea for sentences (not code): it reads in the page's own font."""
    return forms.Textarea(attrs={"rows": rows, "class": "prose", **attrs})


def _minutes(**kwargs) -> forms.IntegerField:
    # The range is the service's rule and message; the browser only hints.
    return forms.IntegerField(
        label="Minutes",
        error_messages={
            "invalid": f"Give the length in minutes, e.g. {DEFAULT_DURATION}.",
            "required": f"Say how long, e.g. {DEFAULT_DURATION} minutes.",
        },
        widget=forms.NumberInput(attrs={"min": MIN_DURATION, "max": MAX_DURATION, "step": 5}),
        **kwargs,
    )


def _bounded_minutes(minutes: int | None) -> int | None:
    if minutes is not None and not MIN_DURATION <= minutes <= MAX_DURATION:
        raise forms.ValidationError(DURATION_MESSAGE)
    return minutes


def _clock(**kwargs) -> forms.TimeField:
    return forms.TimeField(
        widget=ClockInput(),
        error_messages={"invalid": "Give a time of day, e.g. 10:00.", "required": "Give a time."},
        **kwargs,
    )


class CadenceForm(forms.Form):
    """How often, which day, what time (in the owner's zone), how long, from when."""

    cadence = forms.ChoiceField(
        label="How often",
        choices=[(cadence.value, label) for cadence, label in CADENCE_LABELS.items()],
        initial=Cadence.WEEKLY,
    )
    every_weeks = forms.IntegerField(
        label="Every how many weeks",
        required=False,
        initial=3,
        help_text=f"For “Every few weeks”: 1 to {MAX_EVERY_WEEKS}.",
        error_messages={"invalid": "Give a number of weeks, e.g. 3."},
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_EVERY_WEEKS, "step": 1}),
    )
    weekday = forms.TypedChoiceField(
        label="Day",
        choices=list(enumerate(DAY_NAMES)),
        coerce=int,
        initial=3,
        error_messages={"invalid_choice": "Choose a weekday from Monday to Sunday."},
    )
    time = _clock(label="Time", initial=dt.time(10, 0))
    duration_minutes = _minutes(initial=DEFAULT_DURATION)
    starts_on = NaturalDateField(
        label="Starting",
        initial="today",
        error_messages={"required": "Say when the series starts, e.g. “today”."},
        help_text="“today”, “next thursday”, “4 Jan”.",
    )
    ends_on = NaturalDateField(
        label="Ending (optional)",
        required=False,
        help_text="Empty for no end.",
    )

    def __init__(self, *args, today: dt.date, zone: str = "", **kwargs) -> None:
        kwargs.setdefault("auto_id", "cadence-%s")
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].today = today
        self.fields["ends_on"].today = today
        self.fields["starts_on"].widget.attrs.update(placeholder="today")
        self.fields["ends_on"].widget.attrs.update(placeholder="end of june")
        if zone:
            self.fields["time"].label = f"Time ({zone})"

    def clean_duration_minutes(self) -> int:
        # Said with the other fields' errors rather than after them.
        return _bounded_minutes(self.cleaned_data["duration_minutes"])

    def clean(self) -> dict:
        data = super().clean()
        if data.get("cadence") == Cadence.CUSTOM and data.get("every_weeks") is None:
            self.add_error(
                "every_weeks", f"Say every how many weeks you meet: 1 to {MAX_EVERY_WEEKS}."
            )
        return data

    def rule(self) -> CadenceRule:
        data = self.cleaned_data
        cadence = Cadence(data["cadence"])
        # Only "every few weeks" reads the number; the others have their own rhythm.
        every = data["every_weeks"] if cadence is Cadence.CUSTOM else 1
        return CadenceRule(
            cadence=cadence,
            weekday=data["weekday"],
            time=data["time"],
            duration_minutes=data["duration_minutes"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            every_weeks=every,
        )


class MeetingTimeForm(forms.Form):
    """A day and a time in the owner's zone, for a meeting added or moved; the length may stay."""

    day = NaturalDateField(
        label="Day", error_messages={"required": "Say which day, e.g. “next friday”."}
    )
    time = _clock(label="Time")
    duration_minutes = _minutes(required=False)

    def __init__(self, *args, today: dt.date, prefix_id: str = "meeting", **kwargs) -> None:
        kwargs.setdefault("auto_id", f"{prefix_id}-%s")
        super().__init__(*args, **kwargs)
        self.fields["day"].today = today
        self.fields["day"].widget.attrs.update(placeholder="next friday")
        self.fields["duration_minutes"].widget.attrs.update(placeholder=str(DEFAULT_DURATION))

    def clean_duration_minutes(self) -> int | None:
        # Zero would read as "keep the length": the range is said instead.
        return _bounded_minutes(self.cleaned_data["duration_minutes"])

    def starts_at(self, zone: dt.tzinfo) -> dt.datetime:
        data = self.cleaned_data
        return dt.datetime.combine(data["day"], data["time"], tzinfo=zone)


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label="Add to the agenda",
        error_messages={"required": "Say what to talk about, e.g. “Who owns onboarding?”"},
    )
    detail = forms.CharField(label="Detail (optional)", required=False, widget=_prose(2))

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "agenda-%s")
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs.update(placeholder="How we handle urgent asks on Fridays")


class TitleForm(forms.Form):
    """A new title for one agenda item: each item is saved on its own."""

    title = forms.CharField(
        label="Title", error_messages={"required": "An agenda item needs a title."}
    )


def _sides(choices: Sequence[tuple[str, str]]) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=choices, widget=forms.RadioSelect, error_messages={"required": "Choose who."}
    )


class DecisionForm(forms.Form):
    text = forms.CharField(
        label="What was decided",
        widget=_prose(2),
        error_messages={"required": "Write what was decided, e.g. “Pause the Q3 report”."},
    )
    decided_by = _sides(())

    def __init__(self, *args, sides: Sequence[tuple[str, str]], **kwargs) -> None:
        kwargs.setdefault("auto_id", "decision-%s")
        kwargs.setdefault("initial", {"decided_by": "both"})
        super().__init__(*args, **kwargs)
        self.fields["decided_by"].choices = sides
        self.fields["decided_by"].label = "Decided by"
        self.fields["text"].widget.attrs.update(placeholder="Pause the Q3 report until January")


class ActionForm(forms.Form):
    title = forms.CharField(
        label="Action item",
        error_messages={"required": "Say what will be done, e.g. “Send Sam the draft budget”."},
    )
    owned_by = _sides(())
    due = NaturalDateField(label="Due (optional)", required=False)
    assignment = forms.TypedChoiceField(
        label="Linked assignment (optional)",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Choose one of the open assignments listed."},
    )

    def __init__(
        self,
        *args,
        today: dt.date,
        sides: Sequence[tuple[str, str]],
        assignments: Sequence[tuple[int, str]],
        **kwargs,
    ) -> None:
        kwargs.setdefault("auto_id", "action-%s")
        super().__init__(*args, **kwargs)
        self.fields["owned_by"].choices = sides
        self.fields["owned_by"].label = "Who"
        self.fields["due"].today = today
        self.fields["assignment"].choices = [("", "None"), *assignments]
        self.fields["title"].widget.attrs.update(placeholder="Send Sam the draft budget")


class SharedNotesForm(forms.Form):
    """The shared notes, with the version they were written from: a save from an older one
    is refused rather than overwriting the other person's words."""

    text = forms.CharField(label="Shared notes", required=False, widget=_prose(8))
    version = forms.IntegerField(
        min_value=0,
        max_value=LARGEST_NUMBER,
        widget=forms.HiddenInput,
        error_messages={"required": "Reload the page: these notes lost their version."},
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "shared-%s")
        super().__init__(*args, **kwargs)


class PrivateNoteForm(forms.Form):
    text = forms.CharField(label="Your private notes", required=False, widget=_prose(5))

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "private-%s")
        super().__init__(*args, **kwargs)


class QuestionForm(forms.Form):
    """The "for our next one-on-one" capture; its length is the service's rule."""

    text = forms.CharField(
        label="For our next one-on-one",
        error_messages={"required": "Write the question, e.g. “Who owns onboarding?”"},
    )


class HistorySearchForm(forms.Form):
    LENGTH = SEARCH_LENGTH

    q = forms.CharField(
        label="Search decisions and action items",
        required=False,
        max_length=SEARCH_LENGTH,
        error_messages={"max_length": f"Search with up to {SEARCH_LENGTH} characters."},
    )
