"""The agreement's pages: thin, each one reads with `privacy`, writes with `services`.

Every form works without scripts (POST, then back to the page at its part). With HTMX, a
draft's small forms answer with the part they changed, the confirmation card and the
draft's revision in every other form (each edit changes it), so two people editing different
sections of one draft never reload each other's typing away.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from tandem.accounts.models import User
from tandem.agreeing import cadence_label, document_date, review_state
from tandem.agreements import services
from tandem.agreements.forms import (
    AnswersForm,
    CommitmentForm,
    ConfirmForm,
    DifferenceForm,
    QuestionForm,
    ReviewCadenceForm,
    ReviewForm,
    SectionForm,
    answer_field_name,
)
from tandem.agreements.privacy import (
    AREA,
    AgreementState,
    Stage,
    agreement_state_for,
    answers_of_side_for,
    commitments_for,
    difference_for,
    document_for,
    get_commitment_for,
    get_question_for,
    get_section_for,
    get_version_for,
    questions_for,
    revealed_for,
    version_for,
    version_markdown_for,
    versions_for,
)
from tandem.lib.dates import format_date
from tandem.lib.errors import Conflict, TandemError
from tandem.lib.fields import attach_error
from tandem.lib.words import shorten
from tandem.partnerships.models import Partnership, Side, side_name, viewer_side
from tandem.privacy import get_partnership_for
from tandem.workspace import workspace_context


def _context(request: HttpRequest, partnership: Partnership, **extra) -> dict:
    return workspace_context(request, partnership, current=AREA, **extra)


def _url(name: str, partnership: Partnership, *args, anchor: str = "") -> str:
    return reverse(name, args=[partnership.pk, *args]) + (f"#{anchor}" if anchor else "")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _sides(partnership: Partnership, viewer: User) -> list[tuple[str, str]]:
    """The partnership's two members as the viewer names them: "You" first."""
    mine = viewer_side(partnership, viewer)
    other = Side.PARTNER if mine == Side.OWNER else Side.OWNER
    return [(mine, "You"), (other, side_name(partnership, other, viewer))]


@dataclass(frozen=True)
class Group:
    """Questions (or rows about them) under their group's title, in the set's order."""

    title: str
    items: list


def _grouped(items: Sequence, title_of) -> list[Group]:
    """Consecutive items of one group under one title: the order stays the set's own."""
    groups: list[Group] = []
    for item in items:
        title = title_of(item)
        if not groups or groups[-1].title != title:
            groups.append(Group(title, []))
        groups[-1].items.append(item)
    return groups


# The area's page: where things stand and the one next step.


@dataclass(frozen=True)
class Step:
    label: str
    url: str
    # A button that sends a form to `url`, rather than a link.
    post: bool = False
    quiet: bool = False


@dataclass(frozen=True)
class Standing:
    headline: str
    detail: str
    steps: tuple[Step, ...] = ()


def _review_phrase(state: AgreementState, today: dt.date) -> str:
    """ "review due Tue 1 Dec", "review overdue since Mon 2 Nov": the latest version's."""
    if state.review is not None:
        return _lower_first(state.review.label)
    current = state.current
    due = review_state(current.confirmed_on, current.review_every_months, today)
    return _lower_first(due.label(today))


def _standing(
    state: AgreementState, partnership: Partnership, today: dt.date, waiting_for: str | None
) -> Standing:
    """The headline and the next steps; `waiting_for` names who has still to confirm the
    draft once the viewer has."""
    other = state.other_name
    answers = _url("agreement-answers", partnership)
    start = Step(
        f"Start version {(state.current.number + 1) if state.current else 1}",
        _url("agreement-version-start", partnership),
        post=True,
    )
    if state.draft is not None:
        number = state.draft.number
        page = Step(f"Open version {number}", _url("agreement-version", partnership, number))
        if waiting_for:
            headline = f"Version {number} is a draft: waiting for {waiting_for} to confirm it"
            detail = "You confirmed it. Any change from now on asks both of you to confirm again."
        else:
            headline = f"Version {number} is a draft: confirm it"
            if state.other_joined:
                detail = (
                    "Read it through, change what needs changing, and confirm. Once both of "
                    "you have, it never changes."
                )
            else:
                detail = (
                    f"Once you have agreed it in conversation with {other}, confirm it: "
                    "your confirmation makes it final."
                )
        return Standing(headline, detail, (page,))
    if state.current is not None:
        current = state.current
        headline = (
            f"Version {current.number}, agreed {format_date(current.confirmed_on, today)}; "
            f"{_review_phrase(state, today)}"
        )
        read = Step("Read the agreement", _url("agreement-version", partnership, current.number))
        if state.review is not None:
            review = Step(f"Review version {current.number}", _url("agreement-review", partnership))
            detail = (
                "Look back together: which commitments held, which did not. The review starts "
                "the next version, so you change only what needs changing."
            )
            return Standing(headline, detail, (review, Step(read.label, read.url, quiet=True)))
        detail = (
            f"Reviewed {_lower_first(cadence_label(current.review_every_months))}. "
            "Start a new version any time something changes."
        )
        return Standing(headline, detail, (read, Step(start.label, start.url, True, True)))
    if state.stage == Stage.REVEALED or (state.my_submitted and not state.other_joined):
        print_half = Step("Print my answers", _url("agreement-answers-print", partnership))
        if state.revealed:
            headline = "Both of you have submitted: read each other's answers"
            detail = (
                "Then write the agreement together: version 1 starts pre-filled with both "
                "your answers, so nothing is retyped."
            )
            steps = [Step("Read both sets of answers", _url("agreement-revealed", partnership))]
        else:
            headline = f"Your half is ready: bring it to the conversation with {other}"
            detail = (
                f"{other} has not joined Tandem, so there is nothing to reveal. Print your "
                "answers, talk them through, then write down what you agreed: version 1 "
                "starts from your answers."
            )
            steps = [print_half]
        if state.may_start_version:
            steps.append(Step(start.label, start.url, post=True, quiet=True))
        return Standing(headline, detail, tuple(steps))
    if state.my_submitted:
        return Standing(
            f"Waiting for {other} to submit",
            f"Your answers are in. Nobody sees them until {other} submits too; until then you "
            "can reopen and change them.",
            (Step("See my answers", answers, quiet=True),),
        )
    headline = f"Answer the questions — {state.my_answered} of {state.questions} drafted"
    if state.other_submitted:
        detail = f"{other} has submitted. Both sets are revealed as soon as you submit yours."
    elif state.other_joined:
        detail = "Nobody sees your answers until you have both submitted."
    else:
        detail = (
            f"{other} has not joined yet: answer alone, then print your half to bring to the "
            "conversation."
        )
    label = "Continue answering" if state.my_answered else "Answer the questions"
    return Standing(headline, detail, (Step(label, answers),))


@dataclass(frozen=True)
class VersionRow:
    number: int
    url: str
    status: str
    cadence: str
    is_draft: bool


def _version_rows(partnership: Partnership, versions, today: dt.date) -> list[VersionRow]:
    return [
        VersionRow(
            number=version.number,
            url=_url("agreement-version", partnership, version.number),
            status="Draft"
            if version.is_draft
            else f"Agreed {format_date(version.confirmed_on, today)}",
            cadence=cadence_label(version.review_every_months),
            is_draft=version.is_draft,
        )
        for version in versions
    ]


@dataclass(frozen=True)
class Person:
    """One member's commitments in a version, and the form to add one for them."""

    side: str
    name: str
    commitments: list = field(default_factory=list)


def _by_person(partnership: Partnership, viewer: User, commitments) -> list[Person]:
    people = [Person(side, name, []) for side, name in _sides(partnership, viewer)]
    for commitment in commitments:
        for person in people:
            if person.side == commitment.side:
                person.commitments.append(commitment)
    return people


@login_required
def agreement_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The answer first (where things stand and the one next step), then the agreed version
    with each one's commitments, and every version so far."""
    user = request.user
    partnership = get_partnership_for(user, pk)
    services.questions_ensure(partnership)
    state = agreement_state_for(user, partnership)
    today = user.local_today()
    # Of the draft, the page shows who has confirmed it: only that is read into it.
    draft = version_for(user, partnership, state.draft.number) if state.draft else None
    confirmers = [
        (each.who, each.at is not None)
        for each in (draft.confirmations if draft else [])
        if each.side == Side.OWNER or state.other_joined
    ]
    waiting_for = draft.waiting_for if draft and draft.i_confirmed else None
    context = _context(
        request,
        partnership,
        state=state,
        standing=_standing(state, partnership, today, waiting_for),
        confirmers=confirmers,
        versions=_version_rows(partnership, versions_for(user, partnership), today),
        # Before anything is written down, the page teaches what the agreement is for.
        teach=state.current is None and state.draft is None and not state.my_submitted,
    )
    if state.current is not None:
        context.update(
            agreed_on=format_date(state.current.confirmed_on, today),
            current_cadence=cadence_label(state.current.review_every_months),
            people=_by_person(partnership, user, commitments_for(user, partnership)),
        )
    return render(request, "agreements/agreement.html", context)


# The question set.


@dataclass(frozen=True)
class QuestionRow:
    question: object
    first: bool
    last: bool


def _question_rows(questions) -> list[QuestionRow]:
    return [
        QuestionRow(question, first=index == 0, last=index == len(questions) - 1)
        for index, question in enumerate(questions)
    ]


def _questions_context(request: HttpRequest, partnership: Partnership, **extra) -> dict:
    user = request.user
    state = agreement_state_for(user, partnership)
    questions = questions_for(user, partnership)
    return _context(
        request,
        partnership,
        state=state,
        groups=_grouped(_question_rows(questions), lambda row: row.question.group_title),
        question_count=len(questions),
        required_count=sum(1 for question in questions if question.required),
        **extra,
    )


@login_required
def questions_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner's set: the standard questions, grouped, and her own; add, remove, reorder
    until one of them has submitted."""
    user = request.user
    partnership = get_partnership_for(user, pk, owner_only=True)
    services.questions_ensure(partnership)
    form = QuestionForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            question = services.question_add(
                user,
                partnership,
                prompt=data["prompt"],
                hint=data["hint"],
                required=data["required"],
            )
        except TandemError as error:
            attach_error(form, error)
            status = error.status if isinstance(error, Conflict) else 200
        else:
            messages.success(
                request, f"Added “{shorten(question.prompt, 90)}”: it is the last question now."
            )
            return redirect(_url("agreement-questions", partnership, anchor=f"q-{question.pk}"))
    context = _questions_context(request, partnership, form=form)
    return render(request, "agreements/questions.html", context, status=status)


def _questions_answer(
    request: HttpRequest, partnership: Partnership, said: str, *, error: bool = False, anchor=""
) -> HttpResponse:
    """After moving or removing a question: with HTMX the list, saying what happened;
    without, back to the page with the message on top."""
    if request.htmx:
        context = _questions_context(request, partnership, said=said, said_error=error)
        return render(request, "agreements/questions.html#question-list", context)
    (messages.error if error else messages.success)(request, said)
    return redirect(_url("agreement-questions", partnership, anchor=anchor or "questions"))


@login_required
@require_POST
def question_move(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    user = request.user
    partnership = get_partnership_for(user, pk, owner_only=True)
    question = get_question_for(user, partnership, question_pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return _questions_answer(request, partnership, "Choose to move it up or down.", error=True)
    try:
        services.question_move(user, partnership, question, direction)
    except TandemError as error:
        return _questions_answer(request, partnership, error.message, error=True)
    said = f"Moved “{shorten(_question_title(user, partnership, question), 90)}” {direction}."
    return _questions_answer(request, partnership, said, anchor=f"q-{question.pk}")


def _question_title(user: User, partnership: Partnership, question) -> str:
    """A question as the viewer reads it (a standard one's words depend on the kind)."""
    return question.prompt or next(
        (view.prompt for view in questions_for(user, partnership) if view.pk == question.pk), ""
    )


@login_required
@require_POST
def question_remove(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    user = request.user
    partnership = get_partnership_for(user, pk, owner_only=True)
    question = get_question_for(user, partnership, question_pk)
    title = _question_title(user, partnership, question)
    try:
        services.question_remove(user, partnership, question)
    except TandemError as error:
        return _questions_answer(request, partnership, error.message, error=True)
    return _questions_answer(request, partnership, f"Removed “{shorten(title, 90)}” from the set.")


# Answering.


@dataclass(frozen=True)
class AnswerRow:
    question: object
    field: object
    # The saved text, shown once the answers are submitted.
    text: str


def _answered(texts: dict[int, str]) -> int:
    return sum(1 for text in texts.values() if text.strip())


def _answers_context(
    request: HttpRequest, partnership: Partnership, questions, form: AnswersForm, mine, **extra
) -> dict:
    user = request.user
    rows = [
        AnswerRow(question, form[answer_field_name(question.pk)], mine.texts.get(question.pk, ""))
        for question in questions
    ]
    submitted = mine.submitted_at.astimezone(user.zone).date() if mine.submitted_at else None
    return _context(
        request,
        partnership,
        state=agreement_state_for(user, partnership),
        form=form,
        groups=_grouped(rows, lambda row: row.question.group_title),
        submitted_on=format_date(submitted, user.local_today()) if submitted else "",
        answered=_answered(mine.texts),
        question_count=len(questions),
        **extra,
    )


def _mark_unanswered(form: AnswersForm, questions, texts: dict[int, str]) -> None:
    """After a refused submit, the required questions left empty say so where they are."""
    for question in questions:
        if question.required and not texts.get(question.pk, "").strip():
            form.add_error(answer_field_name(question.pk), "Needs an answer before you submit.")


@login_required
def answers_page(request: HttpRequest, pk: int) -> HttpResponse:
    """My answers: a draft to save and come back to, then submitted; read-only once
    submitted, reopened until the other has submitted too."""
    user = request.user
    partnership = get_partnership_for(user, pk)
    services.questions_ensure(partnership)
    side = viewer_side(partnership, user)
    questions = questions_for(user, partnership)
    mine = answers_of_side_for(user, partnership, side)
    if request.method != "POST":
        form = AnswersForm.filled(questions, mine.texts)
        context = _answers_context(request, partnership, questions, form, mine)
        return render(request, "agreements/answers.html", context)

    action = request.POST.get("action")
    form = AnswersForm(request.POST, questions=questions)
    status = 200
    if form.is_valid() and action not in ("save", "submit"):
        form.add_error(None, "Choose to save a draft or to submit your answers.")
    elif form.is_valid():
        texts = form.texts()
        try:
            if action == "save":
                services.answers_save(user, partnership, side, texts)
            else:
                services.answers_submit(user, partnership, side, texts)
        except TandemError as error:
            attach_error(form, error)
            status = 409 if isinstance(error, Conflict) else 200
            if error.field == "answers":
                _mark_unanswered(form, questions, texts)
        else:
            if action == "save":
                return _draft_saved(request, partnership, texts)
            return _submitted(request, partnership)
    context = _answers_context(request, partnership, questions, form, mine, editing=True)
    if request.htmx:
        # The typed text comes back with its message, in place of the form.
        response = render(request, "agreements/answers.html#answers-form", context, status=status)
        return reswap(retarget(response, "#answers-form"), "outerHTML")
    return render(request, "agreements/answers.html", context, status=status)


def _draft_saved(request: HttpRequest, partnership: Partnership, texts: dict[int, str]):
    at = timezone.now().astimezone(request.user.zone)
    said = (
        f"Draft saved at {at:%H:%M}: {_answered(texts)} of {len(texts)} answered. Only you "
        "see it until you submit."
    )
    if request.htmx:
        # The count under the title follows, swapped out of band.
        context = {"said": said, "answered": _answered(texts), "question_count": len(texts)}
        return render(request, "agreements/answers.html#answers-said", context)
    messages.success(request, said)
    return redirect(_url("agreement-answers", partnership))


def _submitted(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    state = agreement_state_for(request.user, partnership)
    if state.revealed:
        messages.success(
            request, "Both of you have submitted: here are both sets of answers, side by side."
        )
        return redirect(_url("agreement-revealed", partnership))
    if not state.other_joined:
        messages.success(
            request,
            f"Submitted. Print your half to bring to the conversation with {state.other_name}.",
        )
    else:
        messages.success(
            request,
            f"Submitted. {state.other_name} sees nothing of it until they submit too; until "
            "then you can reopen your answers.",
        )
    return redirect(_url("area-agreement", partnership))


@login_required
@require_POST
def answers_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    partnership = get_partnership_for(user, pk)
    try:
        services.answers_reopen(user, partnership, viewer_side(partnership, user))
    except TandemError as error:
        messages.error(request, error.message)
        return redirect(_url("area-agreement", partnership))
    messages.success(request, "Your answers are open again: change them, then submit again.")
    return redirect(_url("agreement-answers", partnership))


@login_required
def answers_print(request: HttpRequest, pk: int) -> HttpResponse:
    """My half, as a document to bring to the conversation: only ever the viewer's own."""
    user = request.user
    partnership = get_partnership_for(user, pk)
    services.questions_ensure(partnership)
    mine = answers_of_side_for(user, partnership, viewer_side(partnership, user))
    questions = questions_for(user, partnership)
    rows = [(question, mine.texts.get(question.pk, "")) for question in questions]
    submitted = mine.submitted_at.astimezone(user.zone).date() if mine.submitted_at else None
    context = _context(
        request,
        partnership,
        groups=_grouped(rows, lambda row: row[0].group_title),
        author=str(user),
        other=partnership.other_member_name(user),
        submitted_on=document_date(submitted) if submitted else "",
        printed_on=document_date(user.local_today()),
    )
    return render(request, "agreements/answers_print.html", context)


@login_required
def revealed_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Both sets side by side per question once both have submitted; before that, who is
    still to submit, and nothing of anyone's answers."""
    user = request.user
    partnership = get_partnership_for(user, pk)
    services.questions_ensure(partnership)
    state = agreement_state_for(user, partnership)
    rows = revealed_for(user, partnership)
    context = _context(
        request,
        partnership,
        state=state,
        groups=_grouped(rows, lambda row: row.question.group_title) if rows else [],
        revealed=rows is not None,
    )
    return render(request, "agreements/revealed.html", context)


# The agreement: its versions.


@login_required
@require_POST
def version_start(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    partnership = get_partnership_for(user, pk)
    try:
        version = services.version_start(user, partnership)
    except TandemError as error:
        messages.error(request, error.message)
        return redirect(_url("area-agreement", partnership))
    if version.number == 1:
        said = (
            "Version 1 started, pre-filled from your answers: change what needs changing, "
            "then confirm it."
        )
    else:
        said = (
            f"Version {version.number} started, a copy of version {version.number - 1}: "
            "change what needs changing, then confirm it."
        )
    messages.success(request, said)
    return redirect(_url("agreement-version", partnership, version.number))


@dataclass(frozen=True)
class SectionRow:
    section: object
    form: SectionForm
    # The typed text was refused because the draft changed: the latest text shows above it.
    conflict: bool = False


@dataclass(frozen=True)
class CommitmentRow:
    commitment: object
    form: CommitmentForm
    editing: bool


@dataclass(frozen=True)
class PersonRow:
    side: str
    name: str
    rows: list


@dataclass(frozen=True)
class MemberConfirmation:
    name: str
    confirmed: str


def _confirmations(view, partnership: Partnership, viewer: User, today: dt.date) -> list:
    at = {each.side: each.at for each in view.confirmations if each.at}
    members = []
    for side, name in _sides(partnership, viewer):
        local = at[side].astimezone(viewer.zone) if side in at else None
        when = f"{format_date(local.date(), today)} at {local:%H:%M}" if local else ""
        members.append(MemberConfirmation(name, when))
    return members


def _version_context(
    request: HttpRequest,
    partnership: Partnership,
    number: int,
    *,
    section_forms: dict | None = None,
    conflicts: Sequence[int] = (),
    commitment_forms: dict | None = None,
    **extra,
) -> dict:
    user = request.user
    view = version_for(user, partnership, number)
    section_forms = section_forms or {}
    commitment_forms = commitment_forms or {}
    today = user.local_today()
    sides = _sides(partnership, user)
    sections = [
        SectionRow(
            section,
            section_forms.get(section.pk)
            or SectionForm(
                initial={"text": section.text, "revision": view.revision}, section_pk=section.pk
            ),
            conflict=section.pk in conflicts,
        )
        for section in view.sections
    ]
    people = []
    for person in _by_person(partnership, user, view.commitments):
        rows = []
        for commitment in person.commitments:
            form = commitment_forms.get(commitment.pk)
            rows.append(
                CommitmentRow(
                    commitment,
                    form
                    or CommitmentForm(
                        initial={"side": commitment.side, "text": commitment.text},
                        sides=sides,
                        prefix_id=f"commitment-{commitment.pk}",
                        editing=True,
                    ),
                    editing=form is not None,
                )
            )
        people.append(PersonRow(person.side, person.name, rows))
    numbers = sorted(v.number for v in versions_for(user, partnership))
    earlier = [n for n in numbers if n < view.number]
    context = _context(
        request,
        partnership,
        view=view,
        sections=sections,
        people=people,
        confirmed_on=format_date(view.confirmed_on, today) if view.confirmed_on else "",
        cadence=cadence_label(view.review_every_months),
        next_review=_next_review(view, today),
        members=_confirmations(view, partnership, user, today),
        previous=earlier[-1] if earlier else None,
        newer=[n for n in numbers if n > view.number],
        other_joined=partnership.has_partner,
        commitment_form=commitment_forms.get("add")
        or CommitmentForm(
            sides=sides,
            prefix_id="commitment-new",
            initial={"side": viewer_side(partnership, user)},
        ),
        cadence_form=extra.pop("cadence_form", None)
        or ReviewCadenceForm(initial={"months": view.review_every_months}),
        confirm_form=ConfirmForm(initial={"revision": view.revision}),
        reviewed_on=format_date(view.review.reviewed_on, today) if view.review else "",
        # A review names who recorded it in full: the viewer reads "you".
        user_name=str(user),
        **extra,
    )
    return context


def _next_review(view, today: dt.date) -> str:
    if not view.confirmed_on or view.review is not None:
        return ""
    due_on = review_state(view.confirmed_on, view.review_every_months, today).due_on
    return format_date(due_on, today)


# The parts of the version page a small form changes, by the name of their partial.
PARTS = ("section", "commitments", "cadence")


def _version_page(
    request: HttpRequest,
    partnership: Partnership,
    number: int,
    *,
    part: str = "",
    status: int = 200,
    section_pk: int | None = None,
    changed: bool = True,
    **extra,
) -> HttpResponse:
    """The whole page, or with HTMX the part a form changed and, when the draft changed, the
    confirmation card and every form's revision (swapped out of band)."""
    context = _version_context(request, partnership, number, **extra)
    if request.htmx and part:
        if section_pk is not None:
            context["row"] = next(r for r in context["sections"] if r.section.pk == section_pk)
        names = [f"agreements/version.html#{part}"]
        if changed:
            names += ["agreements/version.html#confirm", "agreements/version.html#revisions"]
        body = "".join(
            render_to_string(name, {**context, "out_of_band": index > 0}, request)
            for index, name in enumerate(names)
        )
        return HttpResponse(body, status=status)
    return render(request, "agreements/version.html", context, status=status)


def _saved(
    request: HttpRequest, partnership: Partnership, number: int, part: str, said: str, **extra
) -> HttpResponse:
    """After a small form succeeded: with HTMX its part saying so; without, back to the page
    at that part with the message on top."""
    if request.htmx:
        return _version_page(request, partnership, number, part=part, said=said, **extra)
    messages.success(request, said)
    anchor = extra.get("anchor") or part
    return redirect(_url("agreement-version", partnership, number, anchor=anchor))


@login_required
def version_page(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The agreement as written: a draft is edited in place, a confirmed version is read."""
    partnership = get_partnership_for(request.user, pk)
    return _version_page(request, partnership, number)


@login_required
@require_POST
def section_save(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    """One section's agreed text; a save from an older revision keeps the typed text and
    shows the latest saved text above it, so nothing is lost."""
    user = request.user
    partnership = get_partnership_for(user, pk)
    section = get_section_for(user, partnership, section_pk)
    number = section.version.number
    form = SectionForm(request.POST, section_pk=section.pk)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.section_save(user, section, data["text"], revision=data["revision"])
        except Conflict as error:
            # The typed text stays; the next save starts from the latest revision.
            latest = get_version_for(user, partnership, number).revision
            kept = SectionForm({"text": data["text"], "revision": latest}, section_pk=section.pk)
            kept.fields["text"].label = "Your text, not saved yet"
            kept.is_valid()
            attach_error(kept, error)
            return _section_refused(request, partnership, number, section.pk, kept, 409, True)
        except TandemError as error:
            attach_error(form, error)
        else:
            said = f"Saved “{shorten(section.title)}”."
            return _saved(
                request,
                partnership,
                number,
                "section",
                said,
                section_pk=section.pk,
                anchor=f"section-{section.pk}",
                said_section=section.pk,
            )
    return _section_refused(request, partnership, number, section.pk, form, 200, False)


def _section_refused(request, partnership, number, section_pk, form, status, conflict):
    response = _version_page(
        request,
        partnership,
        number,
        part="section",
        status=status,
        section_pk=section_pk,
        section_forms={section_pk: form},
        conflicts=(section_pk,) if conflict else (),
        changed=conflict,
    )
    if request.htmx:
        response = reswap(retarget(response, f"#section-{section_pk}"), "outerHTML")
    return response


def _commitments_refused(request, partnership, number, forms: dict) -> HttpResponse:
    return _version_page(
        request, partnership, number, part="commitments", commitment_forms=forms, changed=False
    )


@login_required
@require_POST
def commitment_add(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    user = request.user
    partnership = get_partnership_for(user, pk)
    version = get_version_for(user, partnership, number)
    form = CommitmentForm(request.POST, sides=_sides(partnership, user), prefix_id="commitment-new")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.commitment_add(user, version, side=data["side"], text=data["text"])
        except TandemError as error:
            attach_error(form, error)
        else:
            who = side_name(partnership, data["side"], user)
            said = f"Added a commitment for {'you' if who == 'You' else who}."
            return _saved(request, partnership, number, "commitments", said)
    return _commitments_refused(request, partnership, number, {"add": form})


@login_required
@require_POST
def commitment_update(request: HttpRequest, pk: int, commitment_pk: int) -> HttpResponse:
    """A commitment's new words or person, or its removal."""
    user = request.user
    partnership = get_partnership_for(user, pk)
    commitment = get_commitment_for(user, partnership, commitment_pk)
    number = commitment.version.number
    if request.POST.get("action") == "remove":
        try:
            services.commitment_remove(user, commitment)
        except TandemError as error:
            messages.error(request, error.message)
            return redirect(_url("agreement-version", partnership, number, anchor="commitments"))
        said = f"Removed “{shorten(commitment.text)}”."
        return _saved(request, partnership, number, "commitments", said)
    form = CommitmentForm(
        request.POST,
        sides=_sides(partnership, user),
        prefix_id=f"commitment-{commitment.pk}",
        editing=True,
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.commitment_update(user, commitment, text=data["text"], side=data["side"])
        except TandemError as error:
            attach_error(form, error)
        else:
            said = f"Saved “{shorten(data['text'])}”."
            return _saved(request, partnership, number, "commitments", said)
    return _commitments_refused(request, partnership, number, {commitment.pk: form})


@login_required
@require_POST
def version_cadence(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    user = request.user
    partnership = get_partnership_for(user, pk)
    version = get_version_for(user, partnership, number)
    form = ReviewCadenceForm(request.POST)
    if form.is_valid():
        try:
            services.version_review_cadence(user, version, form.cleaned_data["months"])
        except TandemError as error:
            attach_error(form, error)
        else:
            label = cadence_label(form.cleaned_data["months"])
            said = f"Reviewed {_lower_first(label)} once confirmed."
            return _saved(request, partnership, number, "cadence", said)
    return _version_page(
        request, partnership, number, part="cadence", cadence_form=form, changed=False
    )


@login_required
@require_POST
def version_confirm(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    user = request.user
    partnership = get_partnership_for(user, pk)
    version = get_version_for(user, partnership, number)
    form = ConfirmForm(request.POST)
    page = _url("agreement-version", partnership, number)
    if not form.is_valid():
        # A garbled revision says nothing of the text read: confirming without it would
        # confirm whatever the draft says now.
        messages.error(request, form.errors["revision"][0])
        return redirect(page + "#confirm")
    try:
        confirmed = services.version_confirm(user, version, revision=form.cleaned_data["revision"])
    except TandemError as error:
        messages.error(request, error.message)
        return redirect(page + "#confirm")
    if confirmed.is_confirmed:
        today = user.local_today()
        due = review_state(confirmed.confirmed_on, confirmed.review_every_months, today)
        messages.success(
            request,
            f"Version {number} is agreed: it never changes now. "
            f"Review it by {format_date(due.due_on, today)}.",
        )
        return redirect(page)
    other = partnership.other_member_name(user)
    messages.success(
        request, f"You confirmed version {number}. It is agreed once {other} confirms too."
    )
    return redirect(page + "#confirm")


@login_required
def version_print(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The agreement as a document one would sign: each member's name under a line, with the
    day they confirmed it; a draft carries a "Draft" mark."""
    user = request.user
    partnership = get_partnership_for(user, pk)
    document = document_for(user, partnership, number)
    due = (
        review_state(document.confirmed_on, document.review_every_months, user.local_today())
        if document.confirmed_on
        else None
    )
    context = _context(
        request,
        partnership,
        document=document,
        back_label=f"Version {number}",
        sections=[section for section in document.sections if section.text.strip()],
        signatures=[
            (
                signature.name,
                document_date(signature.confirmed_on) if signature.confirmed_on else "",
            )
            for signature in document.signatures
        ],
        # Agreed in conversation: the owner confirmed alone, while nobody had joined.
        alone=not document.is_draft and not all(s.confirmed_on for s in document.signatures),
        agreed_on=document_date(document.confirmed_on) if document.confirmed_on else "",
        cadence=cadence_label(document.review_every_months),
        next_review=document_date(due.due_on) if due else "",
    )
    return render(request, "agreements/version_print.html", context)


@login_required
def version_markdown(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk)
    text = version_markdown_for(request.user, partnership, number)
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="agreement-version-{number}.md"'
    return response


@login_required
def difference_page(request: HttpRequest, pk: int) -> HttpResponse:
    """What changed between two versions, line by line: the latest two unless others are
    chosen."""
    user = request.user
    partnership = get_partnership_for(user, pk)
    numbers = sorted(version.number for version in versions_for(user, partnership))
    chosen = "from" in request.GET or "to" in request.GET
    initial = {"from": numbers[-2], "to": numbers[-1]} if len(numbers) > 1 else {}
    form = DifferenceForm(request.GET if chosen else None, numbers=numbers, initial=initial)
    lines, pair = [], None
    if len(numbers) > 1:
        if not chosen:
            pair = (numbers[-2], numbers[-1])
        elif form.is_valid():
            pair = (form.cleaned_data["from"], form.cleaned_data["to"])
    if pair is not None:
        lines = difference_for(user, partnership, *pair)
    context = _context(
        request,
        partnership,
        form=form,
        numbers=numbers,
        pair=pair,
        lines=lines,
        added=sum(1 for line in lines if line.kind == "added"),
        removed=sum(1 for line in lines if line.kind == "removed"),
    )
    return render(request, "agreements/difference.html", context)


@login_required
def review_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A look back at the agreed version: which commitments held, what held and what did
    not; it starts the next version as a copy, to change what needs changing."""
    user = request.user
    partnership = get_partnership_for(user, pk)
    state = agreement_state_for(user, partnership)
    current = state.current
    commitments = commitments_for(user, partnership) if current else []
    form = ReviewForm(request.POST if request.method == "POST" else None, commitments=commitments)
    status = 200
    if request.method == "POST" and current is not None and form.is_valid():
        data = form.cleaned_data
        try:
            draft = services.review_record(
                user,
                partnership,
                held=form.held(),
                what_held=data["what_held"],
                what_did_not=data["what_did_not"],
            )
        except TandemError as error:
            attach_error(form, error)
            status = 409 if isinstance(error, Conflict) else 200
        else:
            messages.success(
                request,
                f"Review of version {current.number} recorded. Version {draft.number} is a "
                "draft copied from it: change what needs changing, then confirm it.",
            )
            return redirect(_url("agreement-version", partnership, draft.number))
    elif request.method == "POST" and current is None:
        form.add_error(None, "There is no agreed version to review yet.")
    today = user.local_today()
    context = _context(
        request,
        partnership,
        state=state,
        reviewed=current,
        form=form,
        people=_review_people(partnership, user, form, commitments),
        agreed_on=format_date(current.confirmed_on, today) if current else "",
        review_phrase=_review_phrase(state, today) if current else "",
    )
    return render(request, "agreements/review.html", context, status=status)


def _review_people(partnership: Partnership, viewer: User, form: ReviewForm, commitments):
    """Each member's commitments with their held / did-not-hold choice, "You" first."""
    fields = {c.pk: bound for c, bound in zip(form.commitments, form.held_fields(), strict=True)}
    return [
        PersonRow(person.side, person.name, [fields[c.pk] for c in person.commitments])
        for person in _by_person(partnership, viewer, commitments)
    ]
