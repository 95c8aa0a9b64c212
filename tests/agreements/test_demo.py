"""`tandem demo` tells the agreement's story: version 1 with Sam, agreed in conversation two
months and three weeks ago and reviewed every quarter, so its review is coming up; with Dev,
Maya's answers are under way."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tandem.agreeing import ReviewStatus
from tandem.agreements.models import AgreementVersion, AnswerSet
from tandem.agreements.overview import figures, review_panel
from tandem.agreements.privacy import (
    Stage,
    agreement_state_for,
    answers_of_side_for,
    questions_for,
    review_due_for,
    version_for,
    version_markdown_for,
)
from tandem.demo import create_demo
from tandem.lib.errors import Conflict
from tandem.meetings import ProposalKind
from tandem.oneonones.privacy import proposals_for, schedule_for
from tandem.partnerships import services as partnerships
from tandem.partnerships.models import Side
from tests.agreements.conftest import TODAY
from tests.conftest import logged_in, make_user, text_of

# Two months and three weeks before Tue 1 Dec 2026; reviewed every quarter.
AGREED_ON = dt.date(2026, 9, 10)
REVIEW_ON = dt.date(2026, 12, 10)


@pytest.fixture
def maya(db):
    return create_demo()


def partnerships_of(user):
    return (
        user.owned_partnerships.get(partner_name="Sam Okafor"),
        user.owned_partnerships.get(partner_name="Dev Patel"),
    )


def test_maya_and_sam_agreed_version_1_in_conversation(maya):
    sam, _ = partnerships_of(maya)

    state = agreement_state_for(maya, sam)
    version = version_for(maya, sam, 1)

    assert state.stage == Stage.AGREED
    assert (state.current.number, state.current.confirmed_on) == (1, AGREED_ON)
    assert state.draft is None and not state.other_joined
    assert (version.is_confirmed, version.confirmed_alone) == (True, True)
    assert version.review_every_months == 3
    assert AgreementVersion.objects.filter(partnership=sam).count() == 1


def test_its_review_is_coming_up(maya):
    sam, _ = partnerships_of(maya)

    review = review_due_for(maya, sam)

    assert (review.number, review.due_on, review.status) == (1, REVIEW_ON, ReviewStatus.SOON)
    assert (review.label, review.agreed_on) == ("Review due Thu 10 Dec", AGREED_ON)


def test_version_1_was_written_from_her_submitted_answers(maya):
    sam, _ = partnerships_of(maya)

    state = agreement_state_for(maya, sam)
    version = version_for(maya, sam, 1)
    sections = {section.title: section.text for section in version.sections}

    assert (state.my_submitted, state.my_answered, state.questions) == (True, 14, 14)
    assert not AnswerSet.objects.filter(partnership=sam, side=Side.PARTNER).exists()
    # Her words where she wrote alone; the two's where they reworded it together.
    assert sections["What is at stake"].startswith("My evenings, to be blunt.")
    assert sections["How we communicate"].startswith("Chat for quick questions, answered")
    assert "Maya goes quiet when she is overloaded" in sections["When things get difficult"]
    assert "What we commit to" not in sections
    assert [(c.who, c.text) for c in version.commitments] == [
        ("You", "I flag a slipping deadline the day I see it, with what it would take to save it"),
        ("You", "I send a Friday update: what's done, what slipped, what's next"),
        ("You", "I say what a new ask displaces before I say yes to it"),
        ("Sam Okafor", "I give every new ask a priority against what is already on Maya's list"),
        (
            "Sam Okafor",
            "I answer Maya's requests within a week, even if only to say when I will decide",
        ),
        ("Sam Okafor", "I keep Friday afternoons free of new urgent asks"),
    ]


def test_the_agreement_reads_as_a_document_agreed_on_its_day(maya):
    sam, _ = partnerships_of(maya)

    markdown = version_markdown_for(maya, sam, 1)

    assert markdown.startswith("# Partnership agreement: Maya Lopez & Sam Okafor\n")
    assert "Version 1, agreed Thu 10 Sep 2026." in markdown
    assert "Reviewed every quarter." in markdown
    assert "- Maya Lopez: Thu 10 Sep 2026" in markdown


def test_with_dev_her_answers_are_drafts_in_progress(maya):
    sam, dev = partnerships_of(maya)

    state = agreement_state_for(maya, dev)
    answer_set = AnswerSet.objects.get(partnership=dev)

    assert state.stage == Stage.ANSWERING
    assert (state.my_submitted, state.my_answered, state.questions) == (False, 4, 14)
    assert (state.current, state.draft, state.review) == (None, None, None)
    assert answer_set.updated_at.date() == TODAY - dt.timedelta(days=3)
    assert len(answers_of_side_for(maya, dev, Side.OWNER).texts) == 4
    # Each set worded for Maya's side of it.
    assert questions_for(maya, dev)[1].prompt == "What do you value in your report?"
    assert questions_for(maya, sam)[1].prompt == "What do you value in your manager?"


def test_the_overview_shows_where_each_stands_and_the_review_coming_up(maya):
    sam, dev = partnerships_of(maya)

    with_sam, with_dev = figures(maya, sam), figures(maya, dev)
    panel = review_panel(maya, sam)

    assert (with_sam.stage, with_sam.current_number, with_sam.confirmed_on) == (
        Stage.AGREED,
        1,
        AGREED_ON,
    )
    assert with_sam.review.due_on == REVIEW_ON
    assert (with_dev.stage, with_dev.current_number, with_dev.review) == (
        Stage.ANSWERING,
        None,
        None,
    )
    assert panel["review"].label == "Review due Thu 10 Dec"
    assert review_panel(maya, dev) is None


def test_the_next_one_on_one_is_offered_the_review(maya):
    sam, _ = partnerships_of(maya)
    upcoming = schedule_for(maya, sam).next

    [review] = [
        p for p in proposals_for(maya, sam, upcoming) if p.kind == ProposalKind.AGREEMENT_REVIEW
    ]

    assert (review.key, review.title) == ("agreement-review:1", "Review our agreement")
    assert review.reason == "Review due Thu 10 Dec: version 1 was agreed on Thu 10 Sep"


def test_the_pages_show_it(maya):
    sam, dev = partnerships_of(maya)
    client = logged_in(maya)

    overview = client.get(reverse("partnership", args=[sam.pk]))
    area = client.get(reverse("area-agreement", args=[sam.pk]))
    answering = client.get(reverse("area-agreement", args=[dev.pk]))

    assert "Review due Thu 10 Dec" in text_of(overview)
    assert "Version 1, agreed Thu 10 Sep; review due Thu 10 Dec" in text_of(area)
    assert "Review version 1" in text_of(area)
    assert "4 of 14 drafted" in text_of(answering)


def test_when_sam_joins_he_reads_the_agreement_but_not_her_answers(maya):
    sam, _ = partnerships_of(maya)
    issued = partnerships.invitation_create(sam)
    joined = make_user("sam@example.com", "Sam Okafor", time_zone="Europe/London")
    partnerships.invitation_accept(issued.token, joined)
    sam.refresh_from_db()

    state = agreement_state_for(joined, sam)

    assert (state.stage, state.current.number, state.review.due_on) == (
        Stage.AGREED,
        1,
        REVIEW_ON,
    )
    assert [c.who for c in version_for(joined, sam, 1).commitments][3:] == ["You"] * 3
    with pytest.raises(Conflict):
        answers_of_side_for(joined, sam, Side.OWNER)


# Every weekday, late in the evening, at the ends of months of different lengths and in British
# summer time: the review is always near, and always on the next one-on-one's proposals.
@pytest.mark.parametrize(
    "moment",
    [f"2026-11-{d:02d} 08:00Z" for d in range(2, 9)]
    + ["2026-11-30 23:30Z", "2026-05-31 12:00Z", "2027-03-01 08:00Z", "2026-04-15 12:00Z"],
)
def test_it_tells_the_same_story_any_day(db, moment):
    with time_machine.travel(moment, tick=False):
        user = create_demo()
        sam, _ = partnerships_of(user)
        today = user.local_today()
        review = review_due_for(user, sam)
        proposed = [p.key for p in proposals_for(user, sam, schedule_for(user, sam).next)]

    assert review.status == ReviewStatus.SOON
    assert 7 <= (review.due_on - today).days <= 10
    assert "agreement-review:1" in proposed


def test_it_replaces_the_earlier_demo_agreement(db):
    create_demo()

    second = create_demo()

    assert AgreementVersion.objects.get().partnership.owner == second
    assert AnswerSet.objects.count() == 2
