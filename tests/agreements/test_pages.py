"""The agreement's pages as both partners use them: where things stand, the questions, the
answers (drafts, then submitted, revealed together), the written versions, the review, the
printable documents and the overview.

Time is frozen on Tue 1 Dec 2026, 09:00 in London (04:00 in New York, where Bob lives).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tandem.agreements import services
from tandem.agreements.models import AgreementVersion, AnswerSet, Commitment, Question, Section
from tandem.partnerships.models import Side
from tests.agreements.conftest import answer_all, question, questions
from tests.conftest import field_errors, input_value, logged_in, overview, text_of

HTMX = {"HX-Request": "true"}
# Words only their author may read before the reveal.
ALICE_SECRET = "alice-answer-sentinel-3307"
BOB_SECRET = "bob-answer-sentinel-8164"


def url(name: str, partnership, *args) -> str:
    return reverse(name, args=[partnership.pk, *args])


def field(asked: Question) -> str:
    return f"question_{asked.pk}"


def typed(partnership, text_for, **extra) -> dict:
    """The answers form as a person sends it: one text per question."""
    return {field(each): text_for(each) for each in questions(partnership)} | extra


def textarea(body: str, field_id: str) -> str | None:
    """What a textarea shows, e.g. the text typed before a refusal."""
    match = re.search(rf'<textarea[^>]*\bid="{field_id}"[^>]*>(.*?)</textarea>', body, re.DOTALL)
    return match[1].strip() if match else None


def headline(response) -> str:
    return response.context["standing"].headline


def draft(partnership) -> AgreementVersion:
    return AgreementVersion.objects.get(partnership=partnership, confirmed_at__isnull=True)


def first_section(version: AgreementVersion) -> Section:
    return version.sections.order_by("position", "pk").first()


@pytest.fixture
def started(alice, revealed) -> AgreementVersion:
    """Version 1, a draft pre-filled from both answers."""
    version = services.version_start(alice, revealed)
    version.partnership = revealed
    return version


# Where things stand: the area's first card.


def test_it_teaches_what_the_agreement_is_for_before_anything_is_answered(alice, partnership):
    response = logged_in(alice).get(url("area-agreement", partnership))

    body = text_of(response)
    assert headline(response) == "Answer the questions — 0 of 14 drafted"
    assert "Nobody sees your answers until you have both submitted." in body
    assert "How you want to work together, written down" in body
    assert "Reveal together." in body
    assert f'href="{url("agreement-answers", partnership)}"' in body


def test_it_counts_the_answers_drafted_so_far(alice, partnership):
    services.questions_ensure(partnership)
    texts = {each.pk: "Drafted" for each in questions(partnership)[:3]}
    services.answers_save(alice, partnership, Side.OWNER, texts)

    response = logged_in(alice).get(url("area-agreement", partnership))

    assert headline(response) == "Answer the questions — 3 of 14 drafted"
    assert "Continue answering" in text_of(response)


def test_it_says_whom_it_waits_for_once_one_has_submitted(alice, bob, partnership):
    answer_all(alice, partnership, Side.OWNER)

    mine = logged_in(alice).get(url("area-agreement", partnership))
    theirs = logged_in(bob).get(url("area-agreement", partnership))

    assert headline(mine) == "Waiting for Zebulon Boss to submit"
    assert "until then you can reopen and change them" in text_of(mine)
    assert headline(theirs) == "Answer the questions — 0 of 14 drafted"
    assert (
        "Alice Owner has submitted. Both sets are revealed as soon as you submit yours."
        in text_of(theirs)
    )


def test_it_asks_both_to_read_each_other_once_both_have_submitted(bob, revealed):
    response = logged_in(bob).get(url("area-agreement", revealed))

    body = text_of(response)
    assert headline(response) == "Both of you have submitted: read each other's answers"
    assert f'href="{url("agreement-revealed", revealed)}"' in body
    assert f'action="{url("agreement-version-start", revealed)}"' in body
    assert "Start version 1" in body


def test_it_asks_for_a_confirmation_while_a_version_is_a_draft(alice, bob, started):
    services.version_confirm(alice, started)

    mine = logged_in(alice).get(url("area-agreement", started.partnership))
    theirs = logged_in(bob).get(url("area-agreement", started.partnership))

    assert headline(mine) == "Version 1 is a draft: waiting for Zebulon Boss to confirm it"
    assert headline(theirs) == "Version 1 is a draft: confirm it"
    assert "Open version 1" in text_of(theirs)


def test_it_opens_with_the_agreed_version_and_when_it_is_reviewed(bob, agreed):
    response = logged_in(bob).get(url("area-agreement", agreed.partnership))

    body = text_of(response)
    assert headline(response) == "Version 1, agreed Tue 1 Dec; review due Mon 1 Mar 2027"
    assert "I answer within a day" in body
    assert "I send a Friday update" in body
    assert "Start version 2" in body


def test_it_puts_the_review_first_once_it_is_near(alice, agreed, frozen):
    frozen.move_to(dt.datetime(2027, 2, 22, 9, 0, tzinfo=dt.UTC))

    response = logged_in(alice).get(url("area-agreement", agreed.partnership))

    assert headline(response) == "Version 1, agreed Tue 1 Dec 2026; review due Mon 1 Mar"
    first = response.context["standing"].steps[0]
    assert (first.label, first.url) == (
        "Review version 1",
        url("agreement-review", agreed.partnership),
    )


def test_it_lets_the_owner_alone_write_down_what_was_agreed_in_conversation(
    alice, solo_partnership
):
    answer_all(alice, solo_partnership, Side.OWNER)

    response = logged_in(alice).get(url("area-agreement", solo_partnership))

    body = text_of(response)
    assert headline(response) == "Your half is ready: bring it to the conversation with Rita Report"
    assert "Print my answers" in body
    assert f'action="{url("agreement-version-start", solo_partnership)}"' in body


# The question set.


def test_it_shows_the_owner_the_questions_grouped_with_their_hints(alice, partnership):
    response = logged_in(alice).get(url("agreement-questions", partnership))

    body = text_of(response)
    titles = [group.title for group in response.context["groups"]]
    assert titles == [
        "Where you stand",
        "What you want",
        "How you work together",
        "What you commit to",
    ]
    assert "What do you value in your manager?" in body
    assert "Habits and moments worth keeping exactly as they are." in body
    assert "14 questions, 13 needing an answer" in body


def test_it_keeps_the_question_set_from_the_partner(bob, partnership):
    client = logged_in(bob)

    assert client.get(url("agreement-questions", partnership)).status_code == 404
    sent = client.post(url("agreement-questions", partnership), {"prompt": "Mine?"})
    assert sent.status_code == 404
    assert not Question.objects.filter(prompt="Mine?").exists()


def test_it_adds_a_question_of_the_owners_own_at_the_end(alice, partnership):
    client = logged_in(alice)

    response = client.post(
        url("agreement-questions", partnership),
        {"prompt": "How do we share credit?", "hint": "Think of the launch.", "required": "on"},
        follow=True,
    )

    body = text_of(response)
    assert "Added “How do we share credit?”: it is the last question now." in body
    groups = response.context["groups"]
    assert groups[-1].title == "More questions"
    assert [row.question.prompt for row in groups[-1].items] == ["How do we share credit?"]
    assert "Think of the launch." in body


def test_it_refuses_a_question_without_words_and_keeps_the_hint(alice, partnership):
    response = logged_in(alice).post(
        url("agreement-questions", partnership), {"prompt": "  ", "hint": "Kept hint"}
    )

    body = text_of(response)
    assert response.status_code == 200
    assert field_errors(body, "question-prompt") == [
        "Write the question, e.g. “How do we share credit?”"
    ]
    assert input_value(body, "question-hint") == "Kept hint"
    assert Question.objects.filter(partnership=partnership).count() == 14


def test_it_moves_a_question_up_and_answers_htmx_with_the_list(alice, partnership):
    second = questions(partnership)[1]

    response = logged_in(alice).post(
        url("agreement-question-move", partnership, second.pk), {"direction": "up"}, headers=HTMX
    )

    body = text_of(response)
    assert response.status_code == 200
    assert "Moved “What do you value in your manager?” up." in body
    assert "<html" not in body
    assert questions(partnership)[0].pk == second.pk


def test_it_removes_a_question_and_says_so(alice, partnership):
    trust = question(partnership, "trust")

    response = logged_in(alice).post(
        url("agreement-question-remove", partnership, trust.pk), follow=True
    )

    assert (
        "Removed “Honestly, where does trust between you and your manager stand today?”"
        in text_of(response)
    )
    assert not Question.objects.filter(pk=trust.pk).exists()


def test_it_fixes_the_questions_once_one_has_submitted(alice, partnership):
    answer_all(alice, partnership, Side.OWNER)
    client = logged_in(alice)

    page = client.get(url("agreement-questions", partnership))
    refused = client.post(url("agreement-questions", partnership), {"prompt": "Too late?"})

    assert "The questions are fixed now." in text_of(page)
    assert "agreement-question-move" not in text_of(page)
    assert 'name="direction"' not in text_of(page)
    assert refused.status_code == 409
    assert "The questions are fixed once one of you has submitted answers." in text_of(refused)


# Answering.


def test_it_words_each_question_for_its_reader(alice, bob, partnership):
    mine = text_of(logged_in(alice).get(url("agreement-answers", partnership)))
    theirs = text_of(logged_in(bob).get(url("agreement-answers", partnership)))

    assert "What do you value in your manager?" in mine
    assert "What do you value in your report?" in theirs
    assert "Be specific: something they did, and what it meant to you." in theirs


def test_it_saves_a_draft_and_shows_it_again(alice, partnership):
    works = question(partnership, "works")

    response = logged_in(alice).post(
        url("agreement-answers", partnership),
        {field(works): "Our Thursday walks", "action": "save"},
        follow=True,
    )

    body = text_of(response)
    assert "Draft saved at 09:00: 1 of 14 answered. Only you see it until you submit." in body
    assert textarea(body, field(works)) == "Our Thursday walks"
    assert AnswerSet.objects.get(partnership=partnership, side=Side.OWNER).submitted_at is None


def test_it_saves_a_draft_in_place_with_htmx_in_the_readers_time(bob, partnership):
    works = question(partnership, "works")

    response = logged_in(bob).post(
        url("agreement-answers", partnership),
        {field(works): "Clear asks", "action": "save"},
        headers=HTMX,
    )

    body = text_of(response)
    assert response.status_code == 200
    assert body.startswith(
        '<p class="said">Draft saved at 04:00: 1 of 14 answered. Only you see it until you '
        "submit.</p>"
    )
    # The count under the title follows.
    assert '<p class="verdict" id="answers-verdict" hx-swap-oob="true">1 of 14 drafted' in body


def test_it_refuses_to_submit_with_required_answers_empty_and_keeps_the_text(alice, partnership):
    works = question(partnership, "works")
    valued = question(partnership, "valued")

    response = logged_in(alice).post(
        url("agreement-answers", partnership),
        {field(works): "Typed and kept", "action": "submit"},
    )

    body = text_of(response)
    assert response.status_code == 200
    assert "Answer every required question before you submit:" in body
    assert "“What we value in each other”" in body
    assert textarea(body, field(works)) == "Typed and kept"
    assert field_errors(body, field(valued)) == ["Needs an answer before you submit."]
    assert field_errors(body, field(works)) == []
    optional = question(partnership, "great_before")
    assert field_errors(body, field(optional)) == []
    assert AnswerSet.objects.get(side=Side.OWNER).submitted_at is None


def test_it_refuses_an_answer_too_long_at_its_question_with_htmx_in_place(alice, partnership):
    works = question(partnership, "works")
    long_text = "x" * 5001

    response = logged_in(alice).post(
        url("agreement-answers", partnership),
        {field(works): long_text, "action": "save"},
        headers=HTMX,
    )

    body = text_of(response)
    assert response.headers["HX-Retarget"] == "#answers-form"
    assert field_errors(body, field(works)) == ["Keep it under 5,000 characters."]
    assert textarea(body, field(works)) == long_text


def test_it_submits_and_says_the_other_sees_nothing_yet(alice, partnership):
    response = logged_in(alice).post(
        url("agreement-answers", partnership),
        typed(partnership, lambda each: f"Mine on {each.key}", action="submit"),
        follow=True,
    )

    body = text_of(response)
    assert response.redirect_chain[-1][0] == url("area-agreement", partnership)
    assert "Submitted. Zebulon Boss sees nothing of it until they submit too" in body
    assert headline(response) == "Waiting for Zebulon Boss to submit"


def test_it_shows_submitted_answers_read_only_and_reopens_them(alice, partnership):
    answer_all(alice, partnership, Side.OWNER, lambda each: f"Said on {each.key}")
    client = logged_in(alice)

    page = text_of(client.get(url("agreement-answers", partnership)))
    reopened = client.post(url("agreement-answers-reopen", partnership), follow=True)

    assert "Submitted Tue 1 Dec" in page
    assert "Said on works" in page
    assert "<textarea" not in page
    assert "Reopen my answers" in page
    body = text_of(reopened)
    assert "Your answers are open again: change them, then submit again." in body
    assert textarea(body, field(question(partnership, "works"))) == "Said on works"


def test_it_reveals_both_sets_to_the_one_who_submits_second(alice, bob, partnership):
    answer_all(alice, partnership, Side.OWNER, lambda each: f"Alice on {each.key}")

    response = logged_in(bob).post(
        url("agreement-answers", partnership),
        typed(partnership, lambda each: f"Bob on {each.key}", action="submit"),
        follow=True,
    )

    body = text_of(response)
    assert response.redirect_chain[-1][0] == url("agreement-revealed", partnership)
    assert "Both of you have submitted: here are both sets of answers, side by side." in body
    first = response.context["groups"][0].items[0]
    assert (first.mine, first.theirs) == ("Bob on works", "Alice on works")


def test_it_says_who_is_still_to_submit_before_the_reveal(alice, partnership):
    answer_all(alice, partnership, Side.OWNER)

    response = logged_in(alice).get(url("agreement-revealed", partnership))

    body = text_of(response)
    assert response.context["revealed"] is False
    assert "Waiting for Zebulon Boss to submit" in body
    assert "Owner on works" not in body


def test_it_shows_both_sets_side_by_side_after_the_reveal(alice, revealed):
    response = logged_in(alice).get(url("agreement-revealed", revealed))

    body = text_of(response)
    assert "Side by side, per question: yours, then Zebulon Boss's" in body
    assert "Owner on works" in body and "Partner on works" in body
    assert "Start version 1 from these" in body


@pytest.mark.parametrize(
    ("author", "reader", "side", "secret"),
    [("alice", "bob", Side.OWNER, ALICE_SECRET), ("bob", "alice", Side.PARTNER, BOB_SECRET)],
)
def test_it_never_shows_an_answer_to_the_other_before_the_reveal(
    request, partnership, author, reader, side, secret
):
    """Drafted, then submitted: no page the other reaches carries a word of it."""
    writer, other = request.getfixturevalue(author), request.getfixturevalue(reader)
    client = logged_in(other)
    pages = [
        url("area-agreement", partnership),
        url("agreement-answers", partnership),
        url("agreement-answers-print", partnership),
        url("agreement-revealed", partnership),
        url("agreement-difference", partnership),
        url("agreement-review", partnership),
        reverse("partnership", args=[partnership.pk]),
    ]
    for submit in (False, True):
        answer_all(writer, partnership, side, lambda each: secret, submit=submit)
        for page in pages:
            response = client.get(page)
            assert response.status_code == 200, page
            assert secret not in text_of(response), page


def test_it_prints_only_the_viewers_own_half_marked_as_a_draft(alice, bob, partnership):
    answer_all(alice, partnership, Side.OWNER, lambda each: ALICE_SECRET)
    services.answers_save(
        bob, partnership, Side.PARTNER, {question(partnership, "works").pk: "Mine"}
    )

    mine = text_of(logged_in(alice).get(url("agreement-answers-print", partnership)))
    theirs = text_of(logged_in(bob).get(url("agreement-answers-print", partnership)))

    assert "Answers of Alice Owner" in mine
    assert "Submitted Tue 1 Dec 2026." in mine
    assert 'class="document-draft-mark"' not in mine
    assert "Answers of Bob Partner" in theirs
    assert 'class="document-draft-mark">Draft<' in theirs
    assert "A draft, not submitted yet." in theirs
    assert ALICE_SECRET not in theirs


# The written agreement.


def test_it_starts_version_1_pre_filled_from_both_answers(alice, revealed):
    response = logged_in(alice).post(url("agreement-version-start", revealed), follow=True)

    body = text_of(response)
    assert response.redirect_chain[-1][0] == url("agreement-version", revealed, 1)
    assert "Version 1 started, pre-filled from your answers" in body
    works = response.context["sections"][0]
    assert works.section.title == "What already works"
    assert textarea(body, f"section-{works.section.pk}-text") == (
        "Alice Owner: Owner on works\n\nZebulon Boss: Partner on works"
    )
    people = {
        person.name: [row.commitment.text for row in person.rows]
        for person in response.context["people"]
    }
    assert people == {
        "You": ["I send a Friday update", "I flag a slipping deadline the day I see it"],
        "Zebulon Boss": ["I answer within a day"],
    }


def test_it_saves_a_section_and_asks_both_to_confirm_again(alice, bob, started):
    section = first_section(started)
    services.version_confirm(bob, started)
    client = logged_in(alice)

    response = client.post(
        url("agreement-section-save", started.partnership, section.pk),
        {"text": "We keep the Thursday walks.", "revision": "1"},
        follow=True,
    )

    body = text_of(response)
    assert "Saved “What already works”." in body
    assert textarea(body, f"section-{section.pk}-text") == "We keep the Thursday walks."
    assert [member.confirmed for member in response.context["members"]] == ["", ""]
    assert response.context["view"].revision == 2


def test_it_answers_a_section_saved_with_htmx_with_every_forms_new_revision(alice, started):
    sections = list(started.sections.order_by("position", "pk"))

    response = logged_in(alice).post(
        url("agreement-section-save", started.partnership, sections[0].pk),
        {"text": "Walks.", "revision": "1"},
        headers=HTMX,
    )

    body = text_of(response)
    assert "<html" not in body
    assert f'id="section-{sections[0].pk}"' in body
    assert "Saved “What already works”." in body
    assert re.search(r'id="confirm"[^>]*hx-swap-oob="true"', body)
    for section in sections:
        assert (
            f'<input type="hidden" name="revision" value="2" id="section-{section.pk}-revision" '
            'hx-swap-oob="true">' in body
        )


def test_it_keeps_the_typed_text_when_the_draft_changed_meanwhile(alice, bob, started):
    sections = list(started.sections.order_by("position", "pk"))
    services.section_save(bob, sections[1], "Bob changed this one.")

    response = logged_in(alice).post(
        url("agreement-section-save", started.partnership, sections[0].pk),
        {"text": "Alice's careful words", "revision": "1"},
    )

    body = text_of(response)
    assert response.status_code == 409
    assert "The draft changed since you opened it" in body
    assert textarea(body, f"section-{sections[0].pk}-text") == "Alice's careful words"
    assert "The latest saved text" in body
    assert "Your text, not saved yet" in body
    assert input_value(body, f"section-{sections[0].pk}-revision") == "2"


def test_it_never_changes_a_confirmed_version_and_keeps_the_typed_text(alice, agreed):
    section = first_section(agreed)

    response = logged_in(alice).post(
        url("agreement-section-save", agreed.partnership, section.pk),
        {"text": "A late change", "revision": str(agreed.revision)},
    )

    body = text_of(response)
    assert response.status_code == 409
    assert "Version 1 is confirmed and never changes: start version 2 to change it." in body
    assert textarea(body, f"section-{section.pk}-text") == "A late change"
    section.refresh_from_db()
    assert section.text != "A late change"


def test_it_adds_edits_and_removes_a_commitment(alice, bob, started):
    partnership = started.partnership
    client = logged_in(bob)

    added = client.post(
        url("agreement-commitment-add", partnership, 1),
        {"side": "partner", "text": "I decide within a week"},
        follow=True,
    )
    commitment = Commitment.objects.get(text="I decide within a week")
    edited = client.post(
        url("agreement-commitment-update", partnership, commitment.pk),
        {"side": "owner", "text": "Alice sends the agenda a day ahead"},
        follow=True,
    )
    removed = client.post(
        url("agreement-commitment-update", partnership, commitment.pk),
        {"action": "remove"},
        follow=True,
    )

    assert "Added a commitment for you." in text_of(added)
    assert "Saved “Alice sends the agenda a day ahead”." in text_of(edited)
    assert "Removed “Alice sends the agenda a day ahead”." in text_of(removed)
    assert not Commitment.objects.filter(pk=commitment.pk).exists()


def test_it_refuses_an_empty_commitment_and_keeps_the_choice(alice, started):
    response = logged_in(alice).post(
        url("agreement-commitment-add", started.partnership, 1), {"side": "partner", "text": " "}
    )

    body = text_of(response)
    assert response.status_code == 200
    assert field_errors(body, "commitment-new-text") == [
        "Write the commitment, e.g. “Answer urgent asks same day”."
    ]
    assert response.context["commitment_form"]["side"].value() == "partner"


def test_it_answers_a_commitment_added_with_htmx_with_its_list(alice, started):
    response = logged_in(alice).post(
        url("agreement-commitment-add", started.partnership, 1),
        {"side": "owner", "text": "I block Friday afternoons"},
        headers=HTMX,
    )

    body = text_of(response)
    assert body.lstrip().startswith('<section class="card" id="commitments"')
    assert "I block Friday afternoons" in body
    assert "Added a commitment for you." in body
    assert 'hx-swap-oob="true"' in body


def test_it_changes_how_often_the_version_is_reviewed(alice, started):
    client = logged_in(alice)

    saved = client.post(
        url("agreement-version-cadence", started.partnership, 1), {"months": "6"}, follow=True
    )
    refused = client.post(url("agreement-version-cadence", started.partnership, 1), {"months": "7"})

    assert "Reviewed every six months once confirmed." in text_of(saved)
    started.refresh_from_db()
    assert started.review_every_months == 6
    assert field_errors(text_of(refused), "cadence-months") == [
        "Choose how often to review: every 1, 3, 6 or 12 months."
    ]


def test_it_confirms_a_version_once_both_have(alice, bob, started):
    partnership = started.partnership

    first = logged_in(alice).post(
        url("agreement-version-confirm", partnership, 1), {"revision": "1"}, follow=True
    )
    second = logged_in(bob).post(
        url("agreement-version-confirm", partnership, 1), {"revision": "1"}, follow=True
    )

    assert "You confirmed version 1. It is agreed once Zebulon Boss confirms too." in text_of(first)
    body = text_of(second)
    assert "Version 1 is agreed: it never changes now. Review it by Mon 1 Mar 2027." in body
    assert "<textarea" not in body
    assert "Agreed Tue 1 Dec" in body
    assert "Start version 2" in body


def test_it_refuses_a_confirmation_of_a_text_that_changed_since(alice, bob, started):
    services.section_save(bob, first_section(started), "Changed by Bob.")

    response = logged_in(alice).post(
        url("agreement-version-confirm", started.partnership, 1), {"revision": "1"}, follow=True
    )

    assert "The draft changed since you read it: read it again, then confirm it." in text_of(
        response
    )
    started.refresh_from_db()
    assert started.owner_confirmed_at is None


def test_it_confirms_alone_what_was_agreed_in_conversation(alice, solo_partnership):
    answer_all(alice, solo_partnership, Side.OWNER)
    client = logged_in(alice)
    client.post(url("agreement-version-start", solo_partnership))

    response = client.post(url("agreement-version-confirm", solo_partnership, 1), follow=True)
    printed = text_of(client.get(url("agreement-version-print", solo_partnership, 1)))

    assert "Version 1 is agreed: it never changes now." in text_of(response)
    assert "Agreed Tue 1 Dec in conversation" in text_of(response)
    assert "agreed Tue 1 Dec 2026 in conversation" in printed
    assert "Agreed in conversation" in printed


def test_it_links_the_difference_from_a_second_version(alice, agreed):
    partnership = agreed.partnership
    version = services.version_start(alice, partnership)
    version.partnership = partnership
    services.section_save(alice, first_section(version), "We walk on Thursdays.")

    page = text_of(logged_in(alice).get(url("agreement-version", partnership, 2)))
    response = logged_in(alice).get(url("agreement-difference", partnership))

    assert f'href="{url("agreement-difference", partnership)}?from=1&to=2"' in page
    assert "What changed since version 1" in page
    kinds = {(line.kind, line.text) for line in response.context["lines"]}
    assert ("added", "We walk on Thursdays.") in kinds
    assert ("removed", "Alice Owner: Owner on works") in kinds
    assert "From version 1 to version 2: 1 line added, 3 removed" in text_of(response)


def test_it_says_which_versions_to_compare_when_asked_for_one_that_is_not_there(alice, agreed):
    services.version_start(alice, agreed.partnership)

    response = logged_in(alice).get(
        url("agreement-difference", agreed.partnership) + "?from=9&to=2"
    )

    assert response.status_code == 200
    assert field_errors(text_of(response), "difference-from") == [
        "Choose one of the versions listed."
    ]
    assert response.context["lines"] == []


def test_it_explains_the_difference_needs_two_versions(alice, agreed):
    response = logged_in(alice).get(url("agreement-difference", agreed.partnership))

    assert "Only one version so far" in text_of(response)


def test_it_prints_a_document_to_sign_with_names_and_confirmation_days(bob, agreed):
    response = logged_in(bob).get(url("agreement-version-print", agreed.partnership, 1))

    body = text_of(response)
    assert "Alice Owner & Zebulon Boss" in body
    assert (
        "Version 1, agreed Tue 1 Dec 2026. Reviewed every quarter; next review by Mon 1 Mar 2027."
        in body
    )
    signatures = response.context["signatures"]
    assert signatures == [
        ("Alice Owner", "Tue 1 Dec 2026"),
        ("Zebulon Boss", "Tue 1 Dec 2026"),
    ]
    assert body.count('class="signature-line"') == 2
    assert 'class="document-draft-mark"' not in body
    assert 'class="sidenav"' not in body


def test_it_prints_a_draft_with_its_draft_mark(alice, started):
    body = text_of(logged_in(alice).get(url("agreement-version-print", started.partnership, 1)))

    assert 'class="document-draft-mark">Draft<' in body
    assert "Version 1, a draft not yet confirmed." in body
    assert "Not confirmed yet" in body


def test_it_downloads_a_version_as_markdown(bob, agreed):
    response = logged_in(bob).get(url("agreement-version-markdown", agreed.partnership, 1))

    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="agreement-version-1.md"'
    text = response.content.decode()
    assert text.startswith("# Partnership agreement: Alice Owner & Zebulon Boss")
    assert "- I answer within a day" in text


def test_it_hides_a_draft_from_the_partner_before_the_reveal(alice, bob, solo_partnership):
    """Only the owner of a partnership nobody has joined writes a draft; a stranger to it
    finds nothing."""
    answer_all(alice, solo_partnership, Side.OWNER)
    services.version_start(alice, solo_partnership)

    assert logged_in(bob).get(url("agreement-version", solo_partnership, 1)).status_code == 404


# The review.


def test_it_has_nothing_to_review_before_a_version_is_agreed(alice, partnership):
    response = logged_in(alice).get(url("agreement-review", partnership))

    assert "Nothing to review yet" in text_of(response)


def test_it_asks_whether_each_commitment_held_and_keeps_what_was_written(alice, agreed):
    response = logged_in(alice).post(
        url("agreement-review", agreed.partnership), {"what_held": "The Friday updates"}
    )

    body = text_of(response)
    assert response.status_code == 200
    assert body.count("Say whether this one held.") == 3
    assert textarea(body, "review-what_held") == "The Friday updates"
    assert not AgreementVersion.objects.filter(number=2).exists()


def test_it_records_a_review_and_opens_the_next_draft(alice, bob, agreed):
    partnership = agreed.partnership
    held = {
        f"held-{each.pk}": "no" if each.text == "I answer within a day" else "yes"
        for each in agreed.commitments.all()
    }

    response = logged_in(bob).post(
        url("agreement-review", partnership),
        {**held, "what_held": "The updates", "what_did_not": "Slow answers"},
        follow=True,
    )

    body = text_of(response)
    assert response.redirect_chain[-1][0] == url("agreement-version", partnership, 2)
    assert "Review of version 1 recorded. Version 2 is a draft copied from it" in body
    reviewed = text_of(logged_in(alice).get(url("agreement-version", partnership, 1)))
    assert "Review, Tue 1 Dec" in reviewed
    assert "Slow answers" in reviewed
    assert reviewed.count(">Did not hold<") == 1
    assert reviewed.count(">Held<") == 2


# The overview.


def test_it_shows_where_the_agreement_stands_on_the_overview(alice, bob, agreed, partnership):
    body = text_of(overview(bob, partnership))

    assert "Version 1, agreed <strong>Tue 1 Dec</strong>" in body


def test_it_puts_a_near_review_on_the_overview(alice, agreed, partnership, frozen):
    frozen.move_to(dt.datetime(2027, 2, 22, 9, 0, tzinfo=dt.UTC))

    body = text_of(overview(alice, partnership))

    assert "Time to review your agreement" in body
    assert "<strong>Review due Mon 1 Mar</strong>: version 1, with Zebulon Boss" in body
    assert f'href="{url("agreement-review", partnership)}"' in body


def test_it_tells_the_partner_on_the_overview_that_answers_await(bob, partnership, alice):
    answer_all(alice, partnership, Side.OWNER)

    body = text_of(overview(bob, partnership))

    assert "Alice Owner has submitted: answer yours to see both." in body
