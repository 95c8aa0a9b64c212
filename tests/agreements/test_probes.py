"""The agreement as the outside world tries it: odd input in every form, address and API body,
from the owner and from the partner; every way in before the reveal; and two people (or two
clicks) at once on the same answers, draft or review.

Time is frozen on Tue 1 Dec 2026, 09:00 in London (04:00 in New York, where Bob lives).
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tandem.agreements import services
from tandem.agreements.models import (
    AgreementVersion,
    Answer,
    AnswerSet,
    Commitment,
    Question,
    Review,
    Section,
)
from tandem.agreements.privacy import agreement_state_for, revealed_for, version_markdown_for
from tandem.oneonones import services as oneonones
from tandem.partnerships import services as partnerships
from tandem.partnerships.models import Side
from tests.agreements.conftest import (
    OWNER_SENTINEL,
    PARTNER_SENTINEL,
    answer_all,
    join,
    owner_drafted,
    owner_submitted,
    owner_wrote_version_1_alone_then_the_partner_joined,
    partner_drafted,
    partner_submitted,
    questions,
    traces,
    words_of,
)
from tests.conftest import logged_in, send, text_of
from tests.oneonones.conftest import meetings, weekly

HTMX = {"HX-Request": "true"}
# What people type that a form must refuse kindly (or take as it is), never with a 500.
TYPED = {
    "blank": "",
    "white space": "  \t ",
    "a NUL": "a\x00b",
    "10,000 characters": "x" * 10_000,
    "CR LF": "one\r\ntwo\r\n",
    "2**63": str(2**63),
    "minus one": "-1",
    "1e309": "1e309",
    "a wrong choice": "bogus",
}
SENT = {
    **TYPED,
    "-1 as a number": -1,
    "2**63 as a number": 2**63,
    "1e308 as a number": 1e308,
    "null": None,
    "a list": [],
    "an object": {},
    "true": True,
}
# Ids, numbers and sides in an address that name nothing there is.
ODD_IN_PATH = ["0", "-1", str(2**63), str(2**64), "1e309", "abc", "%00", "1%00"]
ERROR_KEYS = {"detail", "field", "errors"}


def url(name: str, partnership, *args) -> str:
    return reverse(name, args=[partnership.pk, *args])


def api_path(partnership, rest: str = "") -> str:
    return f"/api/partnerships/{partnership.pk}/agreement{rest}"


def assert_error_shape(response, path: str) -> None:
    """A refusal from the API: JSON in the one error shape, never HTML."""
    assert 400 <= response.status_code < 500, (path, response.status_code)
    assert response["Content-Type"].startswith("application/json"), (path, response.content[:200])
    answer = json.loads(response.content)
    if isinstance(answer, dict):
        assert set(answer) <= ERROR_KEYS and answer["detail"], (path, answer)


@pytest.fixture
def drafting(alice, bob, agreed):
    """Version 1 agreed by both; version 2 a draft copied from it."""
    partnership = agreed.partnership
    draft = services.version_start(alice, partnership)
    return {
        "partnership": partnership,
        "agreed": agreed,
        "draft": draft,
        "section": draft.sections.first(),
        "commitment": draft.commitments.first(),
    }


def written(partnership) -> dict:
    """Everything the agreement holds for `partnership`: a refusal changes none of it."""
    return {
        "questions": list(
            Question.objects.filter(partnership=partnership).values_list(
                "pk", "prompt", "hint", "required", "position"
            )
        ),
        "answers": sorted(
            Answer.objects.filter(answer_set__partnership=partnership).values_list("pk", "text")
        ),
        "submitted": sorted(
            AnswerSet.objects.filter(partnership=partnership).values_list("side", "submitted_at")
        ),
        "versions": list(
            AgreementVersion.objects.filter(partnership=partnership).values_list(
                "number",
                "revision",
                "review_every_months",
                "owner_confirmed_at",
                "partner_confirmed_at",
                "confirmed_at",
            )
        ),
        "sections": sorted(
            Section.objects.filter(version__partnership=partnership).values_list("pk", "text")
        ),
        "commitments": sorted(
            Commitment.objects.filter(version__partnership=partnership).values_list(
                "pk", "side", "text", "position"
            )
        ),
        "reviews": Review.objects.filter(version__partnership=partnership).count(),
    }


# Odd input in every form: what was typed comes back with what to change, never a 500.


def answering_forms(partnership) -> dict[tuple[str, tuple], dict]:
    """The forms of the question set and the answers, filled in as their pages fill them."""
    asked = questions(partnership)
    return {
        ("agreement-questions", ()): {
            "prompt": "How do we share credit?",
            "hint": "",
            "required": "on",
        },
        ("agreement-question-move", (asked[1].pk,)): {"direction": "up"},
        ("agreement-question-remove", (asked[-1].pk,)): {},
        ("agreement-answers", ()): {
            **{f"question_{each.pk}": "Mine" for each in asked[:2]},
            "action": "save",
        },
        ("agreement-answers-reopen", ()): {},
    }


def drafting_forms(drafting) -> dict[tuple[str, tuple], dict]:
    """The forms of a draft and of the review, filled in as their pages fill them."""
    draft, agreed = drafting["draft"], drafting["agreed"]
    held = {f"held-{each.pk}": "yes" for each in agreed.commitments.all()}
    return {
        ("agreement-version-start", ()): {},
        ("agreement-section-save", (drafting["section"].pk,)): {
            "text": "We agree.",
            "revision": str(draft.revision),
        },
        ("agreement-commitment-add", (draft.number,)): {"side": "owner", "text": "Fridays"},
        ("agreement-commitment-update", (drafting["commitment"].pk,)): {
            "side": "owner",
            "text": "Mondays",
            "action": "",
        },
        ("agreement-version-cadence", (draft.number,)): {"months": "6"},
        ("agreement-version-confirm", (draft.number,)): {"revision": str(draft.revision)},
        ("agreement-review", ()): {**held, "what_held": "Fridays", "what_did_not": ""},
    }


def fuzz_forms(client, partnership, forms, headers=None) -> set[int]:
    answered = set()
    for (name, args), filled in forms.items():
        address = url(name, partnership, *args)
        for field in [*filled, "unasked"]:
            for what, typed in TYPED.items():
                before = written(partnership)
                response = client.post(address, {**filled, field: typed}, headers=headers)
                assert response.status_code in (200, 302, 404, 409), (name, field, what)
                if headers is None and response.status_code in (200, 409):
                    # The page again, with what to change: nothing was written.
                    assert written(partnership) == before, (name, field, what)
                answered.add(response.status_code)
        # Nothing filled in at all.
        assert client.post(address, {}, headers=headers).status_code in (200, 302, 404, 409)
    return answered


@pytest.mark.parametrize("headers", [None, HTMX], ids=["a form", "htmx"])
def test_it_never_fails_on_anything_typed_into_the_answering_forms(
    alice, bob, partnership, headers
):
    for member in (alice, bob):
        answered = fuzz_forms(logged_in(member), partnership, answering_forms(partnership), headers)
        assert answered & {200, 302}, member


@pytest.mark.parametrize("headers", [None, HTMX], ids=["a form", "htmx"])
def test_it_never_fails_on_anything_typed_into_the_drafts_forms(alice, bob, drafting, headers):
    partnership = drafting["partnership"]
    for member in (alice, bob):
        answered = fuzz_forms(logged_in(member), partnership, drafting_forms(drafting), headers)
        assert answered & {200, 302}, member


@pytest.mark.parametrize("number", ODD_IN_PATH)
def test_it_finds_nothing_at_an_address_with_an_odd_number(alice, bob, drafting, number):
    p = drafting["partnership"].pk
    base = f"/p/{p}/agreement"
    gets = [
        f"/p/{number}/agreement/",
        f"{base}/versions/{number}/",
        f"{base}/versions/{number}/print/",
        f"{base}/versions/{number}/agreement.md",
    ]
    posts = [
        f"{base}/questions/{number}/move/",
        f"{base}/questions/{number}/remove/",
        f"{base}/sections/{number}/",
        f"{base}/commitments/{number}/",
        f"{base}/versions/{number}/commitments/",
        f"{base}/versions/{number}/cadence/",
        f"{base}/versions/{number}/confirm/",
    ]
    before = written(drafting["partnership"])
    for member in (alice, bob):
        client = logged_in(member)
        for address in gets:
            assert client.get(address).status_code == 404, address
            assert client.get(address, headers=HTMX).status_code == 404, address
        for address in posts:
            response = client.post(address, {"direction": "up", "text": "x", "months": "6"})
            assert response.status_code == 404, address
    assert written(drafting["partnership"]) == before


def test_it_compares_only_versions_there_are_whatever_the_address_says(alice, bob, drafting):
    difference = url("agreement-difference", drafting["partnership"])
    odd = [*TYPED.values(), "\x00", "3", "99", "1", "2"]
    for member in (alice, bob):
        client = logged_in(member)
        for old in odd:
            for new in odd:
                response = client.get(difference, {"from": old, "to": new})
                assert response.status_code == 200, (old, new)
        for query in ("from=%00&to=2", "from=1&to=%00", "from=1", "to=2", "from=&to="):
            assert client.get(f"{difference}?{query}").status_code == 200, query


def api_bodies(drafting) -> list[tuple[str, str, dict]]:
    """Every API write with a body, filled in as a caller would."""
    draft, agreed = drafting["draft"], drafting["agreed"]
    asked = questions(drafting["partnership"])[0].pk
    answers = {"answers": [{"question_id": asked, "text": "Mine"}]}
    return [
        ("POST", "/questions", {"prompt": "Q?", "hint": "", "required": True}),
        ("PUT", "/questions/order", {"question_ids": [asked]}),
        ("PUT", "/answers/owner", answers),
        ("PUT", "/answers/partner", answers),
        ("POST", "/answers/owner/submit", answers),
        ("PATCH", f"/versions/{draft.number}", {"review_every_months": 6}),
        (
            "PUT",
            f"/versions/{draft.number}/sections/{drafting['section'].pk}",
            {"text": "We agree.", "revision": draft.revision},
        ),
        ("POST", f"/versions/{draft.number}/commitments", {"side": "owner", "text": "Fridays"}),
        ("PATCH", f"/commitments/{drafting['commitment'].pk}", {"side": "owner", "text": "Mon"}),
        ("POST", f"/versions/{draft.number}/confirm", {"revision": draft.revision}),
        (
            "POST",
            "/reviews",
            {
                "held": [{"commitment_id": c.pk, "held": True} for c in agreed.commitments.all()],
                "what_held": "",
                "what_did_not": "",
            },
        ),
    ]


def test_it_answers_anything_sent_to_the_api_with_a_reason_never_a_500(
    client, alice, bob, drafting, bearer
):
    partnership = drafting["partnership"]
    for member in (alice, bob):
        headers = bearer(member)
        for method, rest, body in api_bodies(drafting):
            path = api_path(partnership, rest)
            for field in [*body, "unasked"]:
                for what, value in SENT.items():
                    response = send(client, method, path, headers, {**body, field: value})
                    if response.status_code >= 400:
                        assert_error_shape(response, f"{method} {rest} {field}: {what}")
            for raw in ("{", "\x00", '{"text": '):
                assert_error_shape(send(client, method, path, headers, raw), f"{method} {rest}")


@pytest.mark.parametrize("odd", [*ODD_IN_PATH, "Owner", "both", "owner%00"])
def test_it_finds_nothing_in_the_api_at_an_odd_address(client, alice, bob, drafting, bearer, odd):
    partnership = drafting["partnership"]
    section = drafting["section"].pk
    before = written(partnership)
    for member in (alice, bob):
        for method, rest, body in [
            ("GET", f"/versions/{odd}", None),
            ("PATCH", f"/versions/{odd}", {"review_every_months": 6}),
            ("GET", f"/versions/{odd}/markdown", None),
            ("POST", f"/versions/{odd}/confirm", {}),
            ("POST", f"/versions/{odd}/commitments", {"side": "owner", "text": "x"}),
            ("PUT", f"/versions/2/sections/{odd}", {"text": "x"}),
            ("PUT", f"/versions/{odd}/sections/{section}", {"text": "x"}),
            ("PATCH", f"/commitments/{odd}", {"text": "x"}),
            ("DELETE", f"/commitments/{odd}", None),
            ("DELETE", f"/questions/{odd}", None),
            ("GET", f"/answers/{odd}", None),
            ("PUT", f"/answers/{odd}", {"answers": []}),
            ("POST", f"/answers/{odd}/submit", None),
            ("POST", f"/answers/{odd}/reopen", None),
            ("GET", f"/difference?from_number={odd}&to_number=2", None),
            ("GET", f"/difference?from_number=1&to_number={odd}", None),
        ]:
            response = send(client, method, api_path(partnership, rest), bearer(member), body)
            assert_error_shape(response, f"{method} {rest}")
        response = send(client, "GET", f"/api/partnerships/{odd}/agreement", bearer(member))
        assert_error_shape(response, odd)
    assert written(partnership) == before


# The reveal: before both have submitted, no way in shows either one the other's answers.


def every_page_seen_by(user, partnership, client, headers) -> dict[str, str]:
    """Every page, HTMX answer, export and API answer of the area (and of the pages that show
    it) that `user` reaches, by where it came from. Writes are ones refused before they
    write: what they answer with is read too."""
    p = partnership.pk
    browser = logged_in(user)
    numbers = [*AgreementVersion.objects.values_list("number", flat=True).distinct(), 9]
    pages = [
        reverse("partnership", args=[p]),
        url("area-agreement", partnership),
        url("agreement-questions", partnership),
        url("agreement-answers", partnership),
        url("agreement-answers-print", partnership),
        url("agreement-revealed", partnership),
        url("agreement-difference", partnership),
        url("agreement-review", partnership),
    ]
    for number in numbers:
        pages += [
            url("agreement-version", partnership, number),
            url("agreement-version-print", partnership, number),
            url("agreement-version-markdown", partnership, number),
        ]
        for other in numbers:
            pages.append(f"{url('agreement-difference', partnership)}?from={other}&to={number}")
    series = oneonones.series_save(partnership.owner, partnership, weekly())
    pages.append(reverse("meeting", args=[p, meetings(series)[0].pk]))
    seen = {}
    for address in pages:
        for extra in ({}, HTMX):
            response = browser.get(address, headers=extra)
            assert response.status_code in (200, 404), (address, response.status_code)
            seen[f"GET {address} {extra}"] = text_of(response)
    stale = {"revision": "0", "text": "Stale", "side": "owner", "months": "bogus"}
    posts = [
        url("agreement-version-start", partnership),
        url("agreement-answers-reopen", partnership),
    ]
    posts += [
        url("agreement-section-save", partnership, pk)
        for pk in Section.objects.values_list("pk", flat=True)
    ]
    posts += [
        url("agreement-commitment-update", partnership, pk)
        for pk in Commitment.objects.values_list("pk", flat=True)
    ]
    for number in numbers:
        posts += [
            url("agreement-version-cadence", partnership, number),
            url("agreement-version-confirm", partnership, number),
            url("agreement-commitment-add", partnership, number),
        ]
    for address in posts:
        for extra in ({}, HTMX):
            response = browser.post(address, stale, headers=extra, follow=True)
            seen[f"POST {address} {extra}"] = text_of(response)
    base = api_path(partnership)
    reads = ["", "/questions", "/answers/owner", "/answers/partner", "/revealed", "/versions"]
    reads += ["/difference"]
    for number in numbers:
        reads += [f"/versions/{number}", f"/versions/{number}/markdown"]
        reads += [f"/difference?from_number={other}&to_number={number}" for other in numbers]
    for rest in reads:
        seen[f"API GET {rest}"] = send(client, "GET", base + rest, headers).content.decode()
    refused = [("POST", "/versions", None)]
    for number in numbers:
        refused += [
            ("POST", f"/versions/{number}/confirm", {"revision": 0}),
            ("PATCH", f"/versions/{number}", {"review_every_months": 5}),
        ]
        refused += [
            ("PUT", f"/versions/{number}/sections/{pk}", {"text": "Stale", "revision": 0})
            for pk in Section.objects.values_list("pk", flat=True)
        ]
    refused += [
        ("PATCH", f"/commitments/{pk}", {})
        for pk in Commitment.objects.values_list("pk", flat=True)
    ]
    for method, rest, body in refused:
        response = send(client, method, base + rest, headers, body)
        assert response.status_code >= 400, (method, rest, response.content[:200])
        seen[f"API {method} {rest}"] = response.content.decode()
    return seen


def owner_agreed_alone_then_drafted_version_2_with_the_partner(
    alice, bob, partnership, solo_partnership
):
    """Version 1 agreed in conversation, in words of its own; then Bob joined and Alice
    started version 2. He reads both versions, and still none of her answers."""
    answer_all(alice, solo_partnership, Side.OWNER, words_of(OWNER_SENTINEL))
    first = services.version_start(alice, solo_partnership)
    for section in first.sections.all():
        services.section_save(alice, section, f"We agree on {section.title}.")
    for commitment in first.commitments.all():
        services.commitment_update(alice, commitment, text="I send a Friday update")
    services.version_confirm(alice, first)
    join(solo_partnership, bob)
    services.version_start(alice, solo_partnership)
    answer_all(bob, solo_partnership, Side.PARTNER, submit=False)
    return solo_partnership


@pytest.mark.parametrize(
    "before_the_reveal",
    [
        owner_submitted,
        owner_drafted,
        owner_wrote_version_1_alone_then_the_partner_joined,
        owner_agreed_alone_then_drafted_version_2_with_the_partner,
    ],
)
def test_it_shows_the_partner_no_trace_of_the_owners_answers_by_any_way_in(
    client, alice, bob, partnership, solo_partnership, bearer, before_the_reveal
):
    shared = before_the_reveal(alice, bob, partnership, solo_partnership)

    assert traces(OWNER_SENTINEL, every_page_seen_by(bob, shared, client, bearer(bob))) == []
    assert traces(OWNER_SENTINEL, every_page_seen_by(alice, shared, client, bearer(alice)))


def partner_joined_after_the_owners_version_1(alice, bob, solo_partnership):
    answer_all(alice, solo_partnership, Side.OWNER)
    services.version_start(alice, solo_partnership)
    join(solo_partnership, bob)
    answer_all(bob, solo_partnership, Side.PARTNER, words_of(PARTNER_SENTINEL), submit=False)
    return solo_partnership


@pytest.mark.parametrize(
    "before_the_reveal",
    [
        lambda alice, bob, partnership, solo: partner_submitted(alice, bob, partnership),
        lambda alice, bob, partnership, solo: partner_drafted(alice, bob, partnership),
        lambda alice, bob, partnership, solo: partner_joined_after_the_owners_version_1(
            alice, bob, solo
        ),
    ],
    ids=["partner submitted", "partner drafted", "partner joined after version 1"],
)
def test_it_shows_the_owner_no_trace_of_the_partners_answers_by_any_way_in(
    client, alice, bob, partnership, solo_partnership, bearer, before_the_reveal
):
    shared = before_the_reveal(alice, bob, partnership, solo_partnership)

    assert traces(PARTNER_SENTINEL, every_page_seen_by(alice, shared, client, bearer(alice))) == []
    assert traces(PARTNER_SENTINEL, every_page_seen_by(bob, shared, client, bearer(bob)))


# A partner who left: what they answered stays theirs.


def test_it_shows_a_new_partner_nothing_of_what_the_partner_before_them_answered(
    client, alice, bob, charlie, partnership, bearer
):
    answer_all(bob, partnership, Side.PARTNER, words_of(PARTNER_SENTINEL), submit=False)
    partnerships.partnership_leave(partnership, bob)
    join(partnership, charlie)

    seen = every_page_seen_by(charlie, partnership, client, bearer(charlie))

    assert traces(PARTNER_SENTINEL, seen) == []
    assert agreement_state_for(charlie, partnership).my_answered == 0
    services.answers_save(
        charlie, partnership, Side.PARTNER, {questions(partnership)[0].pk: "Mine"}
    )
    assert list(AnswerSet.objects.values_list("side", "author")) == [(Side.PARTNER, charlie.pk)]


def test_it_reveals_to_a_new_partner_only_once_they_have_submitted_themselves(
    alice, bob, charlie, partnership
):
    """Bob submitted, then left; Alice submitted after: nothing is revealed to Charlie, who
    joined after, until he submits his own."""
    answer_all(bob, partnership, Side.PARTNER, words_of(PARTNER_SENTINEL))
    partnerships.partner_remove(partnership)
    answer_all(alice, partnership, Side.OWNER, words_of(OWNER_SENTINEL))
    join(partnership, charlie)

    assert revealed_for(charlie, partnership) is None
    page = text_of(logged_in(charlie).get(url("agreement-revealed", partnership)))
    assert OWNER_SENTINEL not in page and PARTNER_SENTINEL not in page
    answer_all(charlie, partnership, Side.PARTNER)
    assert {row.theirs for row in revealed_for(charlie, partnership)} >= {
        f"About works: {OWNER_SENTINEL}"
    }
    assert PARTNER_SENTINEL not in repr(revealed_for(alice, partnership))


def test_it_leaves_the_drafts_of_a_partner_who_left_out_of_the_owners_version_1(
    alice, bob, partnership
):
    answer_all(bob, partnership, Side.PARTNER, words_of(PARTNER_SENTINEL), submit=False)
    partnerships.partnership_leave(partnership, bob)
    answer_all(alice, partnership, Side.OWNER)

    version = services.version_start(alice, partnership)

    assert PARTNER_SENTINEL not in version_markdown_for(alice, partnership, version.number)


# Two clicks, or two people, at once: each refusal says why and changes nothing.


def test_it_refuses_a_changed_second_submission_and_keeps_the_first(
    client, alice, partnership, bearer
):
    answer_all(alice, partnership, Side.OWNER)
    before = written(partnership)
    asked = questions(partnership)
    texts = {f"question_{each.pk}": "Changed" for each in asked}

    again = logged_in(alice).post(
        url("agreement-answers", partnership), {**texts, "action": "submit"}
    )
    by_api = send(client, "POST", api_path(partnership, "/answers/owner/submit"), bearer(alice))

    assert again.status_code == 409
    assert "reopen them to change them" in text_of(again)
    assert "Changed" in text_of(again)
    # The same submission again (a second click) changes nothing and is no error.
    assert by_api.status_code == 200
    assert written(partnership) == before


def test_it_keeps_the_answers_as_they_were_once_revealed(client, alice, bob, revealed, bearer):
    before = written(revealed)

    page = logged_in(bob).post(url("agreement-answers-reopen", revealed), follow=True)
    by_api = send(client, "POST", api_path(revealed, "/answers/owner/reopen"), bearer(alice))

    assert "your answers are revealed: they stay as they were" in text_of(page)
    assert by_api.status_code == 409
    assert written(revealed) == before


def test_it_confirms_nothing_from_a_form_that_lost_its_revision(alice, bob, drafting):
    partnership, draft = drafting["partnership"], drafting["draft"]
    address = url("agreement-version-confirm", partnership, draft.number)
    before = written(partnership)

    for garbled in ("abc", "-1", str(2**63), "1e309", "a\x00b"):
        response = logged_in(alice).post(address, {"revision": garbled}, follow=True)
        assert "Reload the page: this form lost the draft's revision." in text_of(response)
    stale = logged_in(bob).post(address, {"revision": str(draft.revision - 1)}, follow=True)

    assert "The draft changed since you read it" in text_of(stale)
    assert written(partnership) == before


def test_it_starts_one_draft_however_often_start_is_pressed(client, alice, bob, agreed, bearer):
    partnership = agreed.partnership
    first = logged_in(alice).post(url("agreement-version-start", partnership))
    before = written(partnership)

    again = logged_in(bob).post(url("agreement-version-start", partnership), follow=True)
    by_api = send(client, "POST", api_path(partnership, "/versions"), bearer(alice))

    assert first.status_code == 302
    assert "Version 2 is already a draft: finish it first." in text_of(again)
    assert by_api.status_code == 409
    assert written(partnership) == before


def test_it_records_a_review_once_and_keeps_what_was_written_the_second_time(
    client, alice, bob, agreed, bearer
):
    partnership = agreed.partnership
    held = {f"held-{each.pk}": "yes" for each in agreed.commitments.all()}
    logged_in(alice).post(url("agreement-review", partnership), held)
    before = written(partnership)

    again = logged_in(bob).post(
        url("agreement-review", partnership), {**held, "what_held": "Fridays again"}
    )
    by_api = send(
        client,
        "POST",
        api_path(partnership, "/reviews"),
        bearer(bob),
        {"held": [{"commitment_id": each.pk, "held": True} for each in agreed.commitments.all()]},
    )

    assert again.status_code == 409
    assert "Version 1 has been reviewed already." in text_of(again)
    assert "Fridays again" in text_of(again)
    assert by_api.status_code == 409
    assert written(partnership) == before


def test_it_reviews_a_version_without_commitments(alice, bob, revealed):
    version = services.version_start(alice, revealed)
    for commitment in version.commitments.all():
        services.commitment_remove(alice, commitment)
    services.version_confirm(alice, version)
    services.version_confirm(bob, version)

    response = logged_in(bob).post(
        url("agreement-review", revealed), {"what_held": "All of it"}, follow=True
    )

    assert response.redirect_chain[-1][0] == url("agreement-version", revealed, 2)
    assert Review.objects.get().what_held == "All of it"


def test_it_keeps_the_last_question(client, alice, partnership, bearer):
    *others, last = questions(partnership)
    for each in others:
        services.question_remove(alice, partnership, each)
    before = written(partnership)

    page = logged_in(alice).post(
        url("agreement-question-remove", partnership, last.pk), follow=True
    )
    in_place = logged_in(alice).post(
        url("agreement-question-remove", partnership, last.pk), headers=HTMX
    )
    by_api = send(client, "DELETE", api_path(partnership, f"/questions/{last.pk}"), bearer(alice))

    assert "Keep at least one question." in text_of(page)
    assert "Keep at least one question." in text_of(in_place)
    assert by_api.status_code == 400
    assert written(partnership) == before


def test_it_refuses_a_41st_question_and_keeps_its_words(client, alice, partnership, bearer):
    for number in range(len(questions(partnership)), services.MAX_QUESTIONS):
        services.question_add(alice, partnership, prompt=f"Question {number}?")
    before = written(partnership)

    page = logged_in(alice).post(
        url("agreement-questions", partnership), {"prompt": "One more?", "hint": "Just one"}
    )
    by_api = send(
        client, "POST", api_path(partnership, "/questions"), bearer(alice), {"prompt": "One more?"}
    )

    assert page.status_code == 200
    assert "A question set holds at most 40 questions: remove one first." in text_of(page)
    assert "One more?" in text_of(page) and 'value="Just one"' in text_of(page)
    assert by_api.status_code == 400
    assert written(partnership) == before


def test_it_refuses_an_id_sent_twice_and_saves_none(client, alice, agreed, bearer):
    partnership = agreed.partnership
    first, second = questions(partnership)[:2]
    held = [{"commitment_id": each.pk, "held": True} for each in agreed.commitments.all()]
    answers = {"answers": [{"question_id": first.pk, "text": "A"}] * 2}
    before = written(partnership)

    for method, rest, body in [
        ("PUT", "/answers/owner", answers),
        ("PUT", "/questions/order", {"question_ids": [first.pk, first.pk, second.pk]}),
        ("POST", "/reviews", {"held": [*held, held[0]]}),
    ]:
        response = send(client, method, api_path(partnership, rest), bearer(alice), body)
        assert response.status_code in (400, 409), (rest, response.content[:200])
        assert_error_shape(response, rest)
    assert written(partnership) == before


def test_it_keeps_the_lines_typed_in_a_browser_as_plain_lines(
    alice, bob, drafting, solo_partnership
):
    partnership, section = drafting["partnership"], drafting["section"]
    asked = questions(solo_partnership)[0]

    logged_in(bob).post(
        url("agreement-section-save", partnership, section.pk),
        {
            "text": "  We meet weekly.\r\nWe write it down.\r\n",
            "revision": drafting["draft"].revision,
        },
    )
    logged_in(alice).post(
        url("agreement-answers", solo_partnership),
        {f"question_{asked.pk}": "Fridays.\r\nMondays.", "action": "save"},
    )

    assert Section.objects.get(pk=section.pk).text == "We meet weekly.\nWe write it down."
    assert Answer.objects.get(question=asked).text == "Fridays.\nMondays."
