"""The private preparation of a follow-up: the reflection, the builder, and recording that it
happened. Time is frozen on Tue 1 Dec 2026; `flexible_hours` was asked on Tue 20 Oct."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tandem.followup import QUESTIONS, STORY_PREFIX, question_by_key
from tandem.requests import services
from tandem.requests.models import FollowUpDraft, Reflection
from tests.conftest import logged_in, text_of
from tests.requests.conftest import REFLECTION_SENTINEL, SAID_SENTINEL, day

HTMX = {"HX-Request": "true"}


def url_of(name: str, partnership, the_request) -> str:
    return reverse(name, args=[partnership.pk, the_request.pk])


@pytest.fixture
def builder(partnership, flexible_hours) -> str:
    return url_of("request-follow-up", partnership, flexible_hours)


def test_it_drafts_the_three_parts_from_the_record(alice, partnership, builder):
    response = logged_in(alice).get(builder)

    follow_up = response.context["follow_up"]
    body = text_of(response)
    facts = body.split('<ul class="facts-list">', 1)[1].split("</ul>", 1)[0]
    assert "On Tue 20 Oct I asked you about “Flexible hours on Fridays” in a one-on-one." in facts
    assert f"I said: “Could I start at 10 on Fridays? {SAID_SENTINEL}”" in facts
    assert "That was 42 days ago." in facts
    assert f"{STORY_PREFIX} …" in body
    # The suggested question is picked, and its words are ready to edit.
    suggested = follow_up.suggested_question
    assert suggested.key == "what_would_help"
    assert response.context["picked"] == suggested.key
    assert re.search(rf'value="{suggested.key}"[^>]*checked', body)
    assert response.context["form"]["question"].value() == suggested.text
    assert len(re.findall(r'name="question_key"', body)) == len(QUESTIONS)
    # The outputs: talking points, the e-mail to copy or open.
    assert "Ask: What would help you decide on this?" in body
    assert 'data-copy="email-body"' in body
    assert 'href="mailto:?subject=Following%20up%3A%20Flexible%20hours%20on%20Fridays' in body
    assert "Following up: Flexible hours on Fridays" in body


def test_it_addresses_the_e_mail_to_the_partner(alice, partnership, builder):
    partnership.partner_email = "zeb@example.com"
    partnership.save(update_fields=["partner_email"])

    response = logged_in(alice).get(builder)

    assert response.context["follow_up"].mailto.startswith(
        "mailto:zeb@example.com?subject=Following"
    )
    assert 'href="mailto:zeb@example.com?subject=' in text_of(response)


def test_it_saves_the_draft_and_offers_the_story_as_a_story(
    alice, partnership, flexible_hours, builder
):
    client = logged_in(alice)
    your_view = question_by_key("your_view")

    response = client.post(
        builder,
        {
            "story": "you never answer because it is not a priority",
            "question_key": "your_view",
            "question": your_view.text,
        },
        follow=True,
    )

    draft = FollowUpDraft.objects.get(request=flexible_hours)
    assert draft.story == "you never answer because it is not a priority"
    assert draft.question == your_view.text
    body = text_of(response)
    assert "Draft saved." in body
    story = "The story I'm making up is that you never answer because it is not a priority."
    assert response.context["follow_up"].story == story
    assert story in body
    # A gentle hint about "never", after saving.
    assert any("“never” turns a story into a verdict" in h for h in response.context["hints"])
    assert "A gentle thought" in body
    assert response.context["picked"] == "your_view"
    assert f"Ask: {your_view.text}" in body


def test_it_takes_the_picked_question_when_its_words_were_not_changed(
    alice, partnership, flexible_hours, builder
):
    """Without scripts the text still holds the suggested question: the pick decides."""
    suggested = question_by_key("what_would_help")

    logged_in(alice).post(
        builder, {"story": "", "question_key": "smaller_version", "question": suggested.text}
    )

    draft = FollowUpDraft.objects.get(request=flexible_hours)
    assert draft.question == question_by_key("smaller_version").text


def test_it_keeps_a_question_in_the_persons_own_words(alice, partnership, flexible_hours, builder):
    own = "What would make a yes easy for you?"
    client = logged_in(alice)

    client.post(builder, {"story": "", "question_key": "what_would_help", "question": own})
    response = client.get(builder)

    assert FollowUpDraft.objects.get(request=flexible_hours).question == own
    assert response.context["form"]["question"].value() == own
    assert response.context["picked"] == ""
    assert f"Ask: {own}" in text_of(response)


def test_it_previews_hints_about_the_story_while_typing(alice, builder):
    client = logged_in(alice)

    response = client.get(builder, {"story": "she does not care on purpose"}, headers=HTMX)

    body = text_of(response)
    assert "<html" not in body
    assert "“does not care” guesses at what your partner thinks or means" in body
    calm = client.get(builder, {"story": "I wonder if it got lost"}, headers=HTMX)
    assert text_of(calm).strip() == ""


def test_it_records_the_follow_up_and_restarts_the_clock(
    alice, partnership, flexible_hours, builder
):
    client = logged_in(alice)
    assert client.get(builder).context["follow_up"].staleness.stale

    response = client.post(
        url_of("request-follow-up-record", partnership, flexible_hours),
        {"from": "follow-up", "on": "today", "channel": "email", "note": "Sent the e-mail"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == url_of("request", partnership, flexible_hours) + (
        "#history"
    )
    body = text_of(response)
    assert "Follow-up recorded for Tue 1 Dec. The clock starts again" in body
    view = response.context["view"]
    assert not view.stale
    assert view.staleness.clock_started_on == day(0)
    assert view.history[-1].kind == "followed_up"
    assert view.history[-1].channel_label == "By e-mail"
    listed = client.get(reverse("area-requests", args=[partnership.pk]))
    assert not listed.context["groups"]["stale"]


def test_it_keeps_a_follow_up_dated_in_the_future_on_the_builder(
    alice, partnership, flexible_hours
):
    response = logged_in(alice).post(
        url_of("request-follow-up-record", partnership, flexible_hours),
        {"from": "follow-up", "on": "next week", "channel": "chat", "note": "Kept"},
    )

    assert response.status_code == 200
    assert response.templates[0].name == "requests/follow_up.html"
    form = response.context["record_form"]
    assert form.errors["on"] == [
        "'next week' is Mon 7 Dec, which is in the future; when did it happen?"
    ]
    assert "Kept</textarea>" in text_of(response)
    assert not flexible_hours.events.exists()


def test_it_refuses_a_follow_up_on_a_closed_request(alice, partnership, flexible_hours):
    services.request_update(alice, flexible_hours, {"status": "withdrawn"})

    response = logged_in(alice).post(
        url_of("request-follow-up-record", partnership, flexible_hours),
        {"on": "today", "channel": "email"},
        follow=True,
    )

    assert "This request is withdrawn already; reopen it first." in text_of(response)
    assert not flexible_hours.events.exists()


# The reflection.


def test_it_asks_the_six_questions_privately(alice, partnership, flexible_hours):
    response = logged_in(alice).get(url_of("request-reflection", partnership, flexible_hours))

    body = text_of(response)
    assert "Private: only you see this." in body
    for question, hint in Reflection.PROMPTS.values():
        assert question in body and hint in body
    assert list(response.context["form"].fields) == list(Reflection.PROMPTS)


def test_it_saves_the_reflection(alice, partnership, flexible_hours):
    client = logged_in(alice)
    url = url_of("request-reflection", partnership, flexible_hours)
    answers = {name: "" for name in Reflection.PROMPTS} | {
        "why_it_matters": REFLECTION_SENTINEL,
        "what_i_want": "Fridays from 10",
    }

    response = client.post(url, answers, follow=True)

    reflection = Reflection.objects.get(request=flexible_hours)
    assert reflection.why_it_matters == REFLECTION_SENTINEL
    assert reflection.what_i_want == "Fridays from 10"
    body = text_of(response)
    assert "Reflection saved. It stays private to you." in body
    assert f"{REFLECTION_SENTINEL}</textarea>" in body
    assert f'href="{url_of("request-follow-up", partnership, flexible_hours)}"' in body
    assert f'href="{url_of("request", partnership, flexible_hours)}"' in body
    request_page = client.get(url_of("request", partnership, flexible_hours))
    assert request_page.context["has_reflection"] is True
