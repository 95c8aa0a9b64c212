from __future__ import annotations

import datetime as dt

from django import forms

from tandem.lib.fields import EffortField, NaturalDateField, PriorityField
from tandem.lib.widgets import ClockInput, DayInput
from tandem.workload.models import Status, TimeOff
from tandem.workload.services import MAX_EVERY_WEEKS, MAX_ICS_BYTES, AssignmentDraft

WEEKDAY_CHOICES = list(
    enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
)


class AssignmentForm(forms.Form):
    title = forms.CharField(max_length=200, label="What was asked")
    effort = EffortField(label="Effort")
    due = NaturalDateField(label="Due", required=False)
    asked_by = forms.CharField(max_length=80, required=False, label="Asked by")
    priority = PriorityField(label="Agreed priority")
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

    def changes(self) -> dict:
        """The form's values by the names services.assignment_update takes."""
        data = self.cleaned_data
        renamed = {"estimate": "estimate_minutes", "remaining": "remaining_minutes"}
        return {renamed.get(name, name): value for name, value in data.items()}


class PriorityForm(forms.Form):
    priority = PriorityField()


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


class CommitmentForm(forms.Form):
    """A recurring block; its rules are checked by services.commitment_add."""

    title = forms.CharField(
        max_length=120, label="What", help_text="Private: your partner sees only 'busy'."
    )
    weekday = forms.TypedChoiceField(choices=WEEKDAY_CHOICES, coerce=int, label="Every")
    start = forms.TimeField(widget=ClockInput())
    end = forms.TimeField(widget=ClockInput())
    every_weeks = forms.IntegerField(
        label="Every how many weeks",
        initial=1,
        min_value=1,
        max_value=MAX_EVERY_WEEKS,
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_EVERY_WEEKS}),
    )


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
