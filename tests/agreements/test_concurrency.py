"""Both members at the same moment: submitting, starting the first draft, confirming it. The
reveal and the confirmation each happen once, on SQLite and on PostgreSQL.

Each test starts real threads together at a barrier, each with its own database connection, and
commits for real, as two browsers do (see tests/oneonones/test_concurrency.py).
"""

from __future__ import annotations

import pytest

from tandem.agreements import services
from tandem.agreements.models import AgreementVersion, AnswerSet
from tandem.agreements.privacy import revealed_for
from tandem.lib.errors import Conflict
from tandem.partnerships.models import Side
from tests.agreements.conftest import answer_all, questions
from tests.oneonones.conftest import at_once, deployed, migrated  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("deployed")]

ROUNDS = 5


def test_it_reveals_both_sets_when_both_submit_at_the_same_moment(alice, bob, partnership):
    questions(partnership)

    outcomes = at_once(
        lambda: answer_all(alice, partnership, Side.OWNER),
        lambda: answer_all(bob, partnership, Side.PARTNER),
    )

    assert [type(outcome) for outcome in outcomes] == [AnswerSet, AnswerSet], outcomes
    assert services.submitted_sides(partnership) == {Side.OWNER, Side.PARTNER}
    assert revealed_for(bob, partnership)[0].theirs == "Owner on works"


def test_it_starts_one_first_draft_when_both_start_it_at_once(alice, bob, revealed):
    outcomes = at_once(
        lambda: services.version_start(alice, revealed),
        lambda: services.version_start(bob, revealed),
    )

    started = [outcome for outcome in outcomes if isinstance(outcome, AgreementVersion)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, Conflict)]
    assert len(started) == len(refused) == 1, outcomes
    assert refused[0].message == "Version 1 is already a draft: finish it first."
    assert AgreementVersion.objects.count() == 1


def test_it_confirms_the_version_when_both_confirm_at_once(alice, bob, revealed):
    """Each round a new draft: a lost confirmation shows in one round or another."""
    for _ in range(ROUNDS):
        version = services.version_start(alice, revealed)

        outcomes = at_once(
            lambda pk=version.pk: services.version_confirm(
                alice, AgreementVersion.objects.get(pk=pk)
            ),
            lambda pk=version.pk: services.version_confirm(
                bob, AgreementVersion.objects.get(pk=pk)
            ),
        )

        assert [type(outcome) for outcome in outcomes] == [AgreementVersion] * 2, outcomes
        saved = AgreementVersion.objects.get(pk=version.pk)
        assert saved.is_confirmed, f"version {saved.number} lost a confirmation"
        assert saved.owner_confirmed_at and saved.partner_confirmed_at
