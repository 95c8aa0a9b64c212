"""The requests area's forms: they read what people type with the shared readers, and leave
every rule to `services`, whose TandemError lands on the field it names."""

from __future__ import annotations

import datetime as dt

from django import forms

from tandem.followup import (
    CHANNEL_LABELS,
    DEFAULT_STALE_AFTER_DAYS,
    EVENT_LABELS,
    MAX_STALE_AFTER_DAYS,
    QUESTIONS,
    RESPONSES,
    STATUS_LABELS,
    EventKind,
    choices,
    question_by_key,
)
from tandem.lib.fields import NaturalDateField, PastDateField
from tandem.lib.widgets import DayInput
from tandem.requests.models import Reflection
from tandem.requests.services import RequestDraft

TITLE_REQUIRED = "Say what you asked for, e.g. “Flexible hours on Fridays”."


def _prose(rows: int, **attrs) -> forms.Textarea:
    """A textarea for sentences (not code): it reads in the page's own font."""
    return forms.Textarea(attrs={"rows": rows, "class": "prose", **attrs})


def _days_field() -> forms.IntegerField:
    # The range is the service's rule, and its message says it; the browser only hints.
    return forms.IntegerField(
        label="Stale after (days)",
        initial=DEFAULT_STALE_AFTER_DAYS,
        help_text="Days without an answer before Tandem says it waits too long.",
        error_messages={"invalid": f"Give a number of days, e.g. {DEFAULT_STALE_AFTER_DAYS}."},
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_STALE_AFTER_DAYS, "step": 1}),
    )


class RequestForm(forms.Form):
    """Capture: what you asked for, when, how, what you said; the rest under "More"."""

    title = forms.CharField(
        max_length=200,
        label="What you asked for",
        error_messages={"required": TITLE_REQUIRED},
    )
    asked_on = PastDateField(
        label="When you asked",
        required=False,
        help_text="“6 weeks ago”, “last friday”, “20 Oct”. Empty means today.",
    )
    channel = forms.ChoiceField(label="How", choices=choices(CHANNEL_LABELS))
    what_was_said = forms.CharField(
        label="What you said",
        required=False,
        widget=_prose(3),
        help_text="Your words when you asked, for your own record.",
    )
    shared = forms.BooleanField(required=False, label="Share with your partner")
    stale_after_days = _days_field()
    promised_by = NaturalDateField(label="Promised an answer by", required=False)

    def __init__(self, *args, today: dt.date, partner_name: str = "", **kwargs) -> None:
        kwargs.setdefault("auto_id", "capture-%s")
        super().__init__(*args, **kwargs)
        self.fields["asked_on"].today = today
        self.fields["promised_by"].today = today
        self.fields["title"].widget.attrs.update(placeholder="Flexible hours on Fridays")
        self.fields["asked_on"].widget.attrs.update(placeholder="6 weeks ago")
        self.fields["what_was_said"].widget.attrs.update(
            placeholder="Could I start at 10 on Fridays? I would make the hours up on Mondays."
        )
        self.fields["promised_by"].widget.attrs.update(placeholder="next friday")
        if partner_name:
            self.fields["shared"].label = f"Share with {partner_name}"
        self.fields["shared"].help_text = (
            "They see it and can answer it in Tandem. What you said, your reflection and your "
            "follow-up drafts stay yours."
        )

    def draft(self) -> RequestDraft:
        data = self.cleaned_data
        return RequestDraft(
            title=data["title"],
            asked_on=data["asked_on"],
            channel=data["channel"],
            what_was_said=data["what_was_said"],
            stale_after_days=data["stale_after_days"],
            promised_by=data["promised_by"],
            shared=data["shared"],
        )


class RequestEditForm(forms.Form):
    title = forms.CharField(
        max_length=200, label="What you asked for", error_messages={"required": TITLE_REQUIRED}
    )
    asked_on = forms.DateField(label="Asked on", widget=DayInput())
    channel = forms.ChoiceField(label="How", choices=choices(CHANNEL_LABELS))
    what_was_said = forms.CharField(
        label="What you said",
        required=False,
        widget=_prose(4),
        help_text="Your own record: your partner does not see it.",
    )
    status = forms.ChoiceField(
        choices=choices(STATUS_LABELS),
        help_text="Withdrawn, granted and declined close the request; open reopens it.",
    )
    stale_after_days = _days_field()
    promised_by = forms.DateField(
        label="Promised an answer by",
        required=False,
        widget=DayInput(),
        help_text="Empty when nothing was promised.",
    )
    shared = forms.BooleanField(required=False, label="Share with your partner")

    def __init__(self, *args, partner_name: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if partner_name:
            self.fields["shared"].label = f"Share with {partner_name}"
        self.fields[
            "shared"
        ].help_text = "They see it and can answer it; what you said stays yours."

    def changes(self) -> dict:
        """The form's values by the names services.request_update takes."""
        return dict(self.cleaned_data)


class _Response(forms.Form):
    """A response of either kind: only a promise has a promised day."""

    def promised_day(self) -> dt.date | None:
        """A date left in the field with another kind of answer is dropped."""
        data = self.cleaned_data
        return data["promised_by"] if data["kind"] == EventKind.PROMISED else None


class ResponseForm(_Response):
    """The owner records a response of the partner, on the day it came."""

    kind = forms.ChoiceField(
        label="What they said",
        choices=[(kind.value, EVENT_LABELS[kind]) for kind in RESPONSES],
    )
    on = PastDateField(label="When", required=False, initial="today")
    promised_by = NaturalDateField(
        label="Promised an answer by",
        required=False,
        help_text="For “Promised an answer”: the day they named.",
    )
    note = forms.CharField(label="Note", required=False, widget=_prose(2))

    def __init__(self, *args, today: dt.date, **kwargs) -> None:
        kwargs.setdefault("auto_id", "response-%s")
        super().__init__(*args, **kwargs)
        self.fields["on"].today = today
        self.fields["promised_by"].today = today
        self.fields["on"].widget.attrs.update(placeholder="today, yesterday, last friday")
        self.fields["note"].widget.attrs.update(placeholder="What they said, in a few words")


# The partner's answers, in the order they are offered.
ANSWER_CHOICES = [
    (EventKind.GRANTED.value, "Grant it"),
    (EventKind.DECLINED.value, "Decline"),
    (EventKind.MORE_INFO.value, "Ask for more information"),
    (EventKind.PROMISED.value, "Promise an answer by a date"),
]


class AnswerForm(_Response):
    """The partner answers a shared request, today."""

    kind = forms.ChoiceField(
        label="Your answer",
        choices=ANSWER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose your answer: grant it, decline, ask for more information, "
            "or promise an answer by a date."
        },
    )
    promised_by = NaturalDateField(
        label="Promise an answer by",
        required=False,
        help_text="Only with “Promise an answer by a date”.",
    )
    note = forms.CharField(label="Note (optional)", required=False, widget=_prose(3))

    def __init__(self, *args, today: dt.date, owner_name: str = "", **kwargs) -> None:
        kwargs.setdefault("auto_id", "answer-%s")
        super().__init__(*args, **kwargs)
        self.fields["promised_by"].today = today
        who = owner_name or "they"
        self.fields["note"].help_text = f"Anything {who} should know with your answer."


class FollowUpRecordForm(forms.Form):
    """The owner followed up: when and how; the staleness clock starts again."""

    on = PastDateField(label="When", required=False, initial="today")
    channel = forms.ChoiceField(label="How", choices=choices(CHANNEL_LABELS))
    note = forms.CharField(label="Note", required=False, widget=_prose(2))

    def __init__(self, *args, today: dt.date, **kwargs) -> None:
        kwargs.setdefault("auto_id", "follow-up-%s")
        super().__init__(*args, **kwargs)
        self.fields["on"].today = today
        self.fields["on"].widget.attrs.update(placeholder="today, yesterday, last friday")
        self.fields["note"].widget.attrs.update(placeholder="How it went, in a few words")


class ReflectionForm(forms.Form):
    """The six private prompts, each with its question as the label and its hint."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, (question, hint) in Reflection.PROMPTS.items():
            self.fields[name] = forms.CharField(
                label=question, help_text=hint, required=False, widget=_prose(3)
            )


LIBRARY_TEXTS = frozenset(question.text for question in QUESTIONS)


class FollowUpDraftForm(forms.Form):
    """The story, and the open question: one from the library, or the person's own words.

    Picking a question fills the text (requests.js); without scripts, a text still reading
    as one of the library's questions gives way to the question picked.
    """

    story = forms.CharField(label="Your story", required=False, widget=_prose(4))
    question_key = forms.ChoiceField(
        label="Choose a question",
        required=False,
        choices=[(question.key, question.text) for question in QUESTIONS],
        widget=forms.RadioSelect,
    )
    question = forms.CharField(
        label="Your question, in your words",
        required=False,
        widget=forms.TextInput(attrs={"data-question-text": ""}),
        help_text="Edit it until it sounds like you. It ends the conversation with their view.",
    )

    def chosen_question(self) -> str:
        data = self.cleaned_data
        text = " ".join(data["question"].split())
        if text and text not in LIBRARY_TEXTS:
            return text
        picked = question_by_key(data["question_key"])
        return picked.text if picked else text
