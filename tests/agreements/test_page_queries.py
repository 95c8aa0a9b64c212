"""Every agreement page reads a fixed number of queries, however many questions, answers,
sections and commitments the agreement holds."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.agreements import services
from tandem.agreements.models import AgreementVersion
from tandem.partnerships import services as partnerships
from tandem.partnerships.models import Kind, Partnership, Side
from tests.agreements.conftest import answer_all
from tests.conftest import logged_in

HTMX = {"HX-Request": "true"}
# A page that reads more than this has started to read per question or per commitment. The
# area's page reads where things stand, the draft's confirmations and the agreed commitments;
# the overview reads every area's tile and panels.
MAX_QUERIES = 24
MAX_OVERVIEW_QUERIES = 30
PAGES = (
    "area",
    "questions",
    "answers",
    "answers print",
    "revealed",
    "agreed version",
    "draft version",
    "print",
    "draft print",
    "markdown",
    "difference",
    "review",
    "overview",
)
# The question set is the owner's to shape; the partner reaches every other page.
VISITS = [(name, "alice") for name in PAGES] + [
    (name, "bob") for name in PAGES if name != "questions"
]


def _pages(partnership: Partnership) -> dict[str, str]:
    def url(name: str, *args) -> str:
        return reverse(name, args=[partnership.pk, *args])

    return {
        "area": url("area-agreement"),
        "questions": url("agreement-questions"),
        "answers": url("agreement-answers"),
        "answers print": url("agreement-answers-print"),
        "revealed": url("agreement-revealed"),
        "agreed version": url("agreement-version", 1),
        "draft version": url("agreement-version", 2),
        "print": url("agreement-version-print", 1),
        "draft print": url("agreement-version-print", 2),
        "markdown": url("agreement-version-markdown", 1),
        "difference": url("agreement-difference") + "?from=1&to=2",
        "review": url("agreement-review"),
        "overview": reverse("partnership", args=[partnership.pk]),
    }


def _joined(owner, partner) -> Partnership:
    """Another partnership of the owner's with the same partner, who has joined."""
    partnership = Partnership.objects.create(
        owner=owner, partner_name="Zebulon Boss", kind=Kind.MY_MANAGER
    )
    partnerships.invitation_accept(partnerships.invitation_create(partnership).token, partner)
    partnership.refresh_from_db()
    return partnership


def _agreement(partnership: Partnership, extra: int) -> Partnership:
    """An agreement with `extra` more of everything: questions of the owner's own, answered by
    both, each a section of version 1 (agreed, then reviewed) and of version 2 (a draft), and
    commitments in both versions."""
    owner, partner = partnership.owner, partnership.partner
    services.questions_ensure(partnership)
    for n in range(extra):
        services.question_add(owner, partnership, prompt=f"Question {n} of our own?", hint="Say")
    answer_all(owner, partnership, Side.OWNER)
    answer_all(partner, partnership, Side.PARTNER)
    version = services.version_start(owner, partnership)
    version.partnership = partnership
    for n in range(extra):
        side = Side.OWNER if n % 2 else Side.PARTNER
        services.commitment_add(owner, version, side=side, text=f"Commitment {n}")
    services.version_confirm(owner, version)
    services.version_confirm(partner, version)
    held = {each.pk: bool(n % 2) for n, each in enumerate(version.commitments.all())}
    draft = services.review_record(partner, partnership, held=held, what_held="Most of it")
    draft.partnership = partnership
    # Version 2 holds version 1's commitments already: a few more stay within the limit.
    for n in range(extra // 2):
        services.commitment_add(partner, draft, side=Side.OWNER, text=f"Another {n}")
    return partnership


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _bound(name: str) -> int:
    return MAX_OVERVIEW_QUERIES if name == "overview" else MAX_QUERIES


@pytest.fixture
def small(partnership) -> Partnership:
    return _agreement(partnership, 0)


@pytest.fixture
def large(alice, bob) -> Partnership:
    return _agreement(_joined(alice, bob), 24)


@pytest.mark.parametrize(("name", "role"), VISITS)
def test_it_reads_the_same_queries_for_a_small_and_a_large_agreement(
    request, name, role, small, large, django_assert_max_num_queries
):
    client = logged_in(request.getfixturevalue(role))
    assert AgreementVersion.objects.filter(partnership=large).count() == 2
    with django_assert_max_num_queries(_bound(name)):
        few = _queries(client, _pages(small)[name])
    with django_assert_max_num_queries(_bound(name)):
        many = _queries(client, _pages(large)[name])
    assert many == few


@pytest.mark.parametrize("role", ["alice", "bob"])
def test_it_reads_the_same_queries_before_the_reveal(
    request, role, alice, bob, partnership, django_assert_max_num_queries
):
    """The answering stage: the owner's drafts, many or few, cost the pages nothing more."""
    large = _joined(alice, bob)
    services.questions_ensure(large)
    for n in range(24):
        services.question_add(alice, large, prompt=f"Question {n} of our own?")
    for each in (partnership, large):
        answer_all(alice, each, Side.OWNER, submit=False)
    client = logged_in(request.getfixturevalue(role))
    for name in ("area", "answers", "answers print", "revealed", "overview"):
        with django_assert_max_num_queries(_bound(name)):
            few = _queries(client, _pages(partnership)[name])
        with django_assert_max_num_queries(_bound(name)):
            many = _queries(client, _pages(large)[name])
        assert many == few, name


def test_it_answers_a_draft_edit_with_its_part_in_a_fixed_number_of_queries(
    alice, small, large, django_assert_max_num_queries
):
    client = logged_in(alice)

    def save(partnership: Partnership) -> int:
        version = AgreementVersion.objects.get(partnership=partnership, number=2)
        section = version.sections.first()
        url = reverse("agreement-section-save", args=[partnership.pk, section.pk])
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, {"text": "Reworded"}, headers=HTMX)
        assert response.status_code == 200
        return len(queries)

    with django_assert_max_num_queries(MAX_QUERIES + 10):
        few = save(small)
    with django_assert_max_num_queries(MAX_QUERIES + 10):
        many = save(large)
    assert many == few
