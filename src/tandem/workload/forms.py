from __future__ import annotations

import datetime as dt

from django import forms

from tandem.lib.dates import DateParseError, parse_date
from tandem.lib.efforts import EffortParseError, parse_effort
from tandem.lib.widgets import ClockInput, DayInput
from tandem.workload.models import Commitment, Status, TimeOff
from tandem.workload.services import MAX_ICS_BYTES, AssignmentDraft

WEEKDAY_CHOICES = list(
    enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
)


class NaturalDateField(forms.CharField):
    """A date typed the way people say it, relative to the person's today."""

    def __init__(self, *args, today: dt.date | None = None, **kwargs) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "next friday"}))
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_date(text, self.today or dt.date.today())
        except DateParseError as error:
            raise forms.ValidationError(str(error)) from None


class EffortField(forms.CharField):
    """An effort typed the way people say it; `allow_zero` for what is left of finished work."""

    def __init__(self, *args, day_minutes: int = 480, allow_zero: bool = False, **kwargs) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "3h, 1.5d, 90m"}))
        super().__init__(*args, **kwargs)
        self.day_minutes = day_minutes
        self.allow_zero = allow_zero

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_effort(text, self.day_minutes, allow_zero=self.allow_zero)
        except EffortParseError as error:
            raise forms.ValidationError(str(error)) from None


class AssignmentForm(forms.Form):
    title = forms.CharField(max_length=200, label="What was asked")
    effort = EffortField(label="Effort")
    due = NaturalDateField(label="Due", required=False)
    asked_by = forms.CharField(max_length=80, required=False, label="Asked by")
    priority = forms.IntegerField(
        min_value=1, max_value=999, required=False, label="Agreed priority"
    )
    proposed = forms.BooleanField(
        required=False, label="Not accepted yet", help_text="A new ask you are weighing up."
    )

    def __init__(self, *args, today: dt.date, day_minutes: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due"].today = today
        self.fields["effort"].day_minutes = day_minutes
        self.fields["title"].widget.attrs.update(placeholder="Q3 board report")
        self.fields["asked_by"].widget.attrs.update(placeholder="who asked")
        self.fields["priority"].widget.attrs.update(placeholder="1 = first")

    def draft(self) -> AssignmentDraft:
        data = self.cleaned_data
        return AssignmentDraft(
            title=data["title"],
            effort_minutes=data["effort"],
            due=data["due"],
            asked_by=data["asked_by"],
            priority=data["priority"],
            status=Status.PROPOSED if data["proposed"] else Status.ACCEPTED,
        )


class AssignmentEditForm(forms.Form):
    title = forms.CharField(max_length=200)
    asked_by = forms.CharField(max_length=80, required=False, label="Asked by")
    asked_on = forms.DateField(label="Asked on", widget=DayInput())
    due = NaturalDateField(label="Due", required=False)
    estimate = EffortField(label="Estimate")
    remaining = EffortField(
        label="Remaining effort", allow_zero=True, help_text="Its own work, without open steps."
    )
    status = forms.ChoiceField(choices=Status.choices)
    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Private to you: never shown to your partner, in any view or export.",
    )

    def __init__(self, *args, today: dt.date, day_minutes: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due"].today = today
        self.fields["estimate"].day_minutes = day_minutes
        self.fields["remaining"].day_minutes = day_minutes

    def clean_asked_on(self) -> dt.date:
        asked_on = self.cleaned_data["asked_on"]
        if asked_on > self.fields["due"].today:
            raise forms.ValidationError("'Asked on' cannot be in the future.")
        return asked_on


class PriorityForm(forms.Form):
    priority = forms.IntegerField(min_value=1, max_value=999, required=False)


class StepForm(forms.Form):
    title = forms.CharField(max_length=200, label="Step")
    effort = EffortField(label="Effort", required=False)
    depends_on = forms.CharField(
        max_length=120, required=False, label="Waits on", help_text="A person or department"
    )

    def __init__(self, *args, day_minutes: int, **kwargs) -> None:
        # It shares the assignment page with the edit form: its labels must find its own inputs.
        kwargs.setdefault("auto_id", "id_step_%s")
        super().__init__(*args, **kwargs)
        self.fields["effort"].day_minutes = day_minutes
        self.fields["title"].widget.attrs.update(placeholder="Get figures from Finance")


class TimeOffForm(forms.ModelForm):
    class Meta:
        model = TimeOff
        fields = ("first_day", "last_day", "part", "reason")
        labels = {"first_day": "From", "last_day": "Until (inclusive)", "part": "Which part"}
        widgets = {
            "first_day": DayInput(),
            "last_day": DayInput(),
        }

    def clean(self) -> dict:
        data = super().clean()
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", "Time off ends before it starts.")
        return data


class CommitmentForm(forms.ModelForm):
    weekday = forms.TypedChoiceField(choices=WEEKDAY_CHOICES, coerce=int, label="Every")

    class Meta:
        model = Commitment
        fields = ("title", "weekday", "start", "end", "every_weeks")
        labels = {"title": "What", "every_weeks": "Every how many weeks"}
        widgets = {
            "start": ClockInput(),
            "end": ClockInput(),
            "every_weeks": forms.NumberInput(attrs={"min": 1, "max": 8}),
        }

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", f"It ends before it starts ({start:%H:%M}–{end:%H:%M}).")
        if (data.get("every_weeks") or 1) < 1:
            self.add_error("every_weeks", "Use 1 for every week, 2 for every other week.")
        return data


class CalendarImportForm(forms.Form):
    file = forms.FileField(label="Calendar file (.ics)")
    all_day_as_time_off = forms.BooleanField(
        required=False,
        initial=True,
        label="Treat all-day events as time off",
        help_text="Holidays and days away in your calendar stop Tandem planning work on them.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_ICS_BYTES:
            raise forms.ValidationError(
                f"That file is {upload.size // 1_000_000} MB; calendars up to "
                f"{MAX_ICS_BYTES // 1_000_000} MB can be imported."
            )
        return upload
