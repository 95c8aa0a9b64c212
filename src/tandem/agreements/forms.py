"""The agreement's forms: they read what people type and leave every rule (what is required,
how long a text may be, who may change what) to `services`, whose TandemError lands on the
field it names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django import forms

from tandem.agreeing import REVIEW_CADENCES

# What a hidden revision may hold before the database refuses it.
LARGEST_NUMBER = 2**31 - 1
# A revision no page of the draft sent: whatever is wrong with it, reloading mends it.
LOST_REVISION = "Reload the page: this form lost the draft's revision."
# The browser's hint only: the services say the rule and its message.
ANSWER_HINT_LENGTH = 5000


def _prose(rows: int, **attrs) -> forms.Textarea:
    """A textarea for sentences (not code): it reads in the page's own font."""
    return forms.Textarea(attrs={"rows": rows, "class": "prose", **attrs})


def _revision() -> forms.IntegerField:
    return forms.IntegerField(
        min_value=0,
        max_value=LARGEST_NUMBER,
        required=False,
        widget=forms.HiddenInput,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), LOST_REVISION),
    )


class QuestionForm(forms.Form):
    """A question of the owner's own, added to the set both answer."""

    prompt = forms.CharField(
        label="Your question",
        widget=_prose(2),
        error_messages={"required": "Write the question, e.g. “How do we share credit?”"},
    )
    hint = forms.CharField(
        label="A hint (optional)",
        required=False,
        help_text="One line that helps answer it, shown under the question.",
    )
    required = forms.BooleanField(
        label="Needs an answer before submitting",
        required=False,
        initial=True,
        help_text="Leave unticked for a question either of you may skip.",
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "question-%s")
        super().__init__(*args, **kwargs)
        self.fields["prompt"].widget.attrs.update(placeholder="How do we share credit for work?")
        self.fields["hint"].widget.attrs.update(placeholder="Think of the last launch.")


def answer_field_name(question_pk: int) -> str:
    # The services name an answer's field this way in their refusals: it lands here.
    return f"question_{question_pk}"


class AnswersForm(forms.Form):
    """One text per question of the set, labelled with the question as the reader sees it.
    Every answer may stay empty in a draft; whether a required one may be is said on submit."""

    def __init__(self, *args, questions: Sequence, **kwargs) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[answer_field_name(question.pk)] = forms.CharField(
                label=question.prompt,
                required=False,
                help_text=question.hint,
                widget=_prose(4, maxlength=ANSWER_HINT_LENGTH),
            )

    @classmethod
    def filled(cls, questions: Sequence, texts: Mapping[int, str]) -> AnswersForm:
        initial = {answer_field_name(q.pk): texts.get(q.pk, "") for q in questions}
        return cls(questions=questions, initial=initial)

    def texts(self) -> dict[int, str]:
        """Question id → the text typed for it."""
        return {q.pk: self.cleaned_data[answer_field_name(q.pk)] for q in self.questions}


class SectionForm(forms.Form):
    """A section's agreed text, with the revision of the draft it was written from: a save
    from an older one is refused rather than overwriting the other person's words."""

    text = forms.CharField(label="Agreed text", required=False, widget=_prose(7))
    revision = _revision()

    def __init__(self, *args, section_pk: int, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"section-{section_pk}-%s")
        super().__init__(*args, **kwargs)


def _side_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Whose commitment",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who commits to it.",
            "invalid_choice": "Choose one of the two of you.",
        },
    )


class CommitmentForm(forms.Form):
    side = _side_field()
    text = forms.CharField(
        label="Commitment",
        error_messages={"required": "Write the commitment, e.g. “Answer urgent asks same day”."},
    )

    def __init__(
        self,
        *args,
        sides: Sequence[tuple[str, str]],
        prefix_id: str,
        editing: bool = False,
        **kwargs,
    ):
        kwargs.setdefault("auto_id", f"{prefix_id}-%s")
        super().__init__(*args, **kwargs)
        self.fields["side"].choices = sides
        if editing:
            # Each commitment's own form: its field is named apart from the one that adds.
            self.fields["text"].label = "Reworded"
        else:
            self.fields["text"].label = "New commitment"
            self.fields["text"].widget.attrs.update(placeholder="Answer urgent asks the same day")


class ReviewCadenceForm(forms.Form):
    months = forms.TypedChoiceField(
        label="How often",
        choices=REVIEW_CADENCES,
        coerce=int,
        error_messages={
            "invalid_choice": "Choose how often to review: every 1, 3, 6 or 12 months."
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "cadence-%s")
        super().__init__(*args, **kwargs)


class ConfirmForm(forms.Form):
    revision = _revision()


HELD_CHOICES = (("yes", "Held"), ("no", "Did not hold"))


def held_field_name(commitment_pk: int) -> str:
    return f"held-{commitment_pk}"


class ReviewForm(forms.Form):
    """A look back at the confirmed version: whether each commitment held, and in words what
    held and what did not."""

    what_held = forms.CharField(label="What held", required=False, widget=_prose(4))
    what_did_not = forms.CharField(label="What did not hold", required=False, widget=_prose(4))

    def __init__(self, *args, commitments: Sequence, **kwargs) -> None:
        kwargs.setdefault("auto_id", "review-%s")
        super().__init__(*args, **kwargs)
        self.commitments = list(commitments)
        for commitment in self.commitments:
            self.fields[held_field_name(commitment.pk)] = forms.ChoiceField(
                label=commitment.text,
                choices=HELD_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": "Say whether this one held."},
            )
        # The commitments first, as the page reads: each one, then the words.
        self.order_fields([held_field_name(c.pk) for c in self.commitments])

    def held(self) -> dict[int, bool]:
        return {c.pk: self.cleaned_data[held_field_name(c.pk)] == "yes" for c in self.commitments}

    def held_fields(self) -> list:
        return [self[held_field_name(c.pk)] for c in self.commitments]


class DifferenceForm(forms.Form):
    """Two versions to compare, by number: `?from=1&to=2`."""

    def __init__(self, *args, numbers: Sequence[int], **kwargs) -> None:
        kwargs.setdefault("auto_id", "difference-%s")
        super().__init__(*args, **kwargs)
        choices = [(n, f"Version {n}") for n in numbers]
        for name, label in (("from", "From"), ("to", "To")):
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                error_messages={"invalid_choice": "Choose one of the versions listed."},
            )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("from") is not None and data.get("from") == data.get("to"):
            self.add_error("to", "Choose two different versions to compare.")
        return data
