"""What the agreement shows on a partnership's overview: the tile's figures, and a card when
the agreement's review is near or due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tandem.accounts.models import User
from tandem.agreements.privacy import ReviewDue, Stage, agreement_state_for, review_due_for
from tandem.partnerships.models import Partnership


@dataclass(frozen=True)
class AgreementFigures:
    stage: Stage
    # The latest confirmed version, and the day it was agreed.
    current_number: int | None
    confirmed_on: dt.date | None
    draft_number: int | None
    review: ReviewDue | None
    my_submitted: bool
    other_submitted: bool


def figures(viewer: User, partnership: Partnership) -> AgreementFigures:
    state = agreement_state_for(viewer, partnership)
    return AgreementFigures(
        stage=state.stage,
        current_number=state.current.number if state.current else None,
        confirmed_on=state.current.confirmed_on if state.current else None,
        draft_number=state.draft.number if state.draft else None,
        review=state.review,
        my_submitted=state.my_submitted,
        other_submitted=state.other_submitted,
    )


def review_panel(viewer: User, partnership: Partnership) -> dict | None:
    """The agreement's review, once it is within two weeks: time to look back together."""
    review = review_due_for(viewer, partnership)
    return {"review": review} if review else None
