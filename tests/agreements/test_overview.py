"""The agreement on a partnership's overview: the tile says where the two stand, stage by
stage, and a card asks for the review once it is within two weeks, due or overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from tandem.agreeing import ReviewStatus
from tandem.agreements import services
from tandem.agreements.overview import AgreementFigures, figures, review_panel
from tandem.agreements.privacy import Stage
from tandem.partnerships.models import Side
from tests.agreements.conftest import TODAY, agreed_on, answer_all
from tests.conftest import overview, text_of

REVIEW_CARD = "agreements/overview_review.html"


def tile(response) -> AgreementFigures:
    return next(f for area, f in response.context["tiles"] if area.slug == "agreement")


def card(response) -> dict | None:
    return next((c for name, c in response.context["panels"] if name == REVIEW_CARD), None)


def nothing_agreed(stage: Stage, *, mine: bool, theirs: bool) -> AgreementFigures:
    return AgreementFigures(stage, None, None, None, None, mine, theirs)


# The tile, stage by stage.


def test_it_asks_both_to_answer_at_first(alice, bob, partnership):
    assert figures(alice, partnership) == nothing_agreed(Stage.ANSWERING, mine=False, theirs=False)
    assert figures(bob, partnership) == nothing_agreed(Stage.ANSWERING, mine=False, theirs=False)
    assert "nobody sees them until you have both submitted" in text_of(overview(bob, partnership))


def test_it_tells_who_waits_for_whom_once_one_has_submitted(alice, bob, partnership):
    answer_all(alice, partnership, Side.OWNER)

    assert figures(alice, partnership) == nothing_agreed(Stage.WAITING, mine=True, theirs=False)
    assert figures(bob, partnership) == nothing_agreed(Stage.ANSWERING, mine=False, theirs=True)
    assert "Waiting for Zebulon Boss to submit." in text_of(overview(alice, partnership))
    assert "Alice Owner has submitted" in text_of(overview(bob, partnership))


def test_it_says_both_have_submitted_once_revealed(alice, bob, revealed):
    for viewer in (alice, bob):
        assert figures(viewer, revealed) == nothing_agreed(Stage.REVEALED, mine=True, theirs=True)
    assert "Both of you have submitted" in text_of(overview(bob, revealed))


def test_it_shows_the_draft_being_written(alice, bob, revealed):
    services.version_start(bob, revealed)

    for viewer in (alice, bob):
        shown = figures(viewer, revealed)
        assert (shown.stage, shown.current_number, shown.draft_number) == (Stage.DRAFTING, None, 1)
    assert "Version 1 is a draft" in text_of(overview(alice, revealed))


def test_it_shows_the_agreed_version_and_the_next_draft(alice, bob, agreed):
    partnership = agreed.partnership

    assert figures(bob, partnership) == AgreementFigures(
        Stage.AGREED, 1, TODAY, None, None, True, True
    )
    assert "Version 1, agreed <strong>Tue 1 Dec</strong>" in text_of(overview(bob, partnership))

    services.version_start(alice, partnership)

    shown = figures(alice, partnership)
    assert (shown.stage, shown.current_number, shown.draft_number) == (Stage.DRAFTING, 1, 2)
    assert "Version 2 is a draft to confirm" in text_of(overview(alice, partnership))


def test_it_lets_the_owner_working_solo_write_it_down_and_agree_it(alice, solo_partnership):
    answer_all(alice, solo_partnership, Side.OWNER)

    assert figures(alice, solo_partnership).stage == Stage.REVEALED
    assert "Your half is ready" in text_of(overview(alice, solo_partnership))

    version = services.version_start(alice, solo_partnership)
    services.version_confirm(alice, version)

    shown = figures(alice, solo_partnership)
    assert (shown.stage, shown.current_number, shown.other_submitted) == (Stage.AGREED, 1, False)


# The review's card: from two weeks ahead.


@pytest.mark.parametrize(
    "agreed, status, label",
    [
        # Due Tue 15 Dec, in fourteen days.
        (dt.date(2026, 9, 15), ReviewStatus.SOON, "Review due Tue 15 Dec"),
        (dt.date(2026, 9, 1), ReviewStatus.DUE, "Review due today"),
        (dt.date(2026, 8, 20), ReviewStatus.OVERDUE, "Review overdue since Fri 20 Nov"),
    ],
)
def test_it_asks_both_for_the_review_from_two_weeks_ahead(
    alice, bob, partnership, agreed, status, label
):
    agreed_on(partnership, agreed)

    for viewer in (alice, bob):
        response = overview(viewer, partnership)
        review = card(response)["review"]
        assert (review.number, review.status, review.label) == (1, status, label)
        assert tile(response).review == review
        assert label in text_of(response)
        assert "Time to review your agreement" in text_of(response)


def test_it_shows_no_card_while_the_review_is_further_off(alice, partnership):
    # Due Wed 16 Dec, in fifteen days.
    agreed_on(partnership, dt.date(2026, 9, 16))

    response = overview(alice, partnership)

    assert card(response) is None
    assert tile(response).review is None
    assert review_panel(alice, partnership) is None


def test_it_counts_the_review_from_the_versions_own_cadence(alice, partnership):
    agreed_on(partnership, dt.date(2026, 11, 5), every_months=1)

    review = card(overview(alice, partnership))["review"]

    assert (review.due_on, review.label) == (dt.date(2026, 12, 5), "Review due Sat 5 Dec")


def test_it_drops_the_card_once_the_review_is_recorded(alice, bob, partnership):
    version = agreed_on(partnership, dt.date(2026, 9, 1))
    held = {each.pk: each.side == Side.OWNER for each in version.commitments.all()}

    services.review_record(bob, partnership, held=held, what_did_not="Replies within a day.")

    response = overview(alice, partnership)
    assert card(response) is None
    shown = tile(response)
    assert (shown.stage, shown.current_number, shown.draft_number, shown.review) == (
        Stage.DRAFTING,
        1,
        2,
        None,
    )


def test_it_asks_the_owner_working_solo_for_the_review_too(alice, solo_partnership):
    agreed_on(solo_partnership, dt.date(2026, 9, 10))

    review = card(overview(alice, solo_partnership))["review"]

    assert (review.due_on, review.agreed_on) == (dt.date(2026, 12, 10), dt.date(2026, 9, 10))


def test_the_tile_and_the_card_read_a_fixed_number_of_queries(
    alice, partnership, django_assert_num_queries
):
    agreed_on(partnership, dt.date(2026, 9, 10))

    with django_assert_num_queries(3):
        figures(alice, partnership)
    with django_assert_num_queries(1):
        review_panel(alice, partnership)
