"""The agreement API: where things stand, the question set, each member's private answers and
their reveal, the versions of the agreement (drafts, confirmations, the Markdown, what
changed) and reviews."""

from __future__ import annotations

import datetime as dt

import pytest

from tandem.agreements import services
from tandem.agreements.models import AgreementVersion, Answer, Commitment, Question, Section
from tandem.agreements.privacy import NOT_REVEALED
from tandem.partnerships.models import Side
from tandem.schemas import NUL_REFUSED
from tests.agreements.conftest import answer_all, question, questions
from tests.conftest import send

# Every error, whatever its cause, has this shape and no other keys.
ERROR_KEYS = {"detail", "field", "errors"}
# Words in each member's answers that the other must not read before the reveal.
HER_SENTINEL = "her-answer-sentinel-6613"
HIS_SENTINEL = "his-answer-sentinel-8120"
UNKNOWN = 10**9
NO_SUCH_PARTNERSHIP = {"detail": "No such partnership."}
CONFIRMED = "Version 1 is confirmed and never changes: start version 2 to change it."


def agreement(partnership, rest: str = "") -> str:
    return f"/api/partnerships/{partnership.pk}/agreement{rest}"


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    answer = response.json()
    assert set(answer) <= ERROR_KEYS
    return answer


def _ids(partnership) -> list[int]:
    return [each.pk for each in questions(partnership)]


def _answers(texts: dict[int, str]) -> dict:
    return {"answers": [{"question_id": pk, "text": text} for pk, text in texts.items()]}


@pytest.fixture
def draft(alice, revealed) -> AgreementVersion:
    """Version 1, a draft pre-filled from both answers."""
    return services.version_start(alice, revealed)


def _section(version: AgreementVersion) -> Section:
    return version.sections.first()


# Where things stand.


def test_it_says_where_things_stand_before_anyone_answers(api, as_bob, partnership):
    mine = api("GET", agreement(partnership))
    theirs = api("GET", agreement(partnership), as_headers=as_bob)

    assert mine.status_code == 200, mine.content
    assert mine.json() == {
        "stage": "answering",
        "my_side": "owner",
        "other_name": "Zebulon Boss",
        "other_joined": True,
        "my_submitted": False,
        "other_submitted": False,
        "revealed": False,
        "questions": 14,
        "my_answered": 0,
        "current": None,
        "draft": None,
        "review": None,
        "may_start_version": False,
        "questions_locked": False,
    }
    assert (theirs.json()["my_side"], theirs.json()["other_name"]) == ("partner", "Alice Owner")


def test_it_follows_the_answers_to_the_reveal(api, as_bob, alice, bob, partnership):
    answer_all(alice, partnership, Side.OWNER)
    waiting = api("GET", agreement(partnership)).json()
    answer_all(bob, partnership, Side.PARTNER)
    revealed = api("GET", agreement(partnership), as_headers=as_bob).json()

    assert (waiting["stage"], waiting["my_submitted"], waiting["my_answered"]) == (
        "waiting",
        True,
        14,
    )
    assert waiting["questions_locked"] is True
    assert (revealed["stage"], revealed["revealed"], revealed["may_start_version"]) == (
        "revealed",
        True,
        True,
    )


def test_it_shows_the_current_version_and_its_review(api, partnership, agreed, frozen):
    frozen.shift(dt.timedelta(days=85))

    state = api("GET", agreement(partnership)).json()

    assert state["stage"] == "agreed"
    assert state["current"] == {
        "number": 1,
        "is_draft": False,
        "confirmed_on": "2026-12-01",
        "review_every_months": 3,
    }
    assert state["review"] == {
        "number": 1,
        "due_on": "2027-03-01",
        "status": "soon",
        "label": "Review due Mon 1 Mar",
    }


# The questions.


def test_it_words_the_standard_questions_for_each_reader(api, as_bob, partnership):
    mine = api("GET", agreement(partnership, "/questions"))
    theirs = api("GET", agreement(partnership, "/questions"), as_headers=as_bob)

    assert mine.status_code == 200, mine.content
    assert len(mine.json()) == 14
    valued = mine.json()[1]
    assert valued | {"id": 0} == {
        "id": 0,
        "key": "valued",
        "group": "standing",
        "group_title": "Where you stand",
        "title": "What we value in each other",
        "prompt": "What do you value in your manager?",
        "hint": "Be specific: something they did, and what it meant to you.",
        "required": True,
        "custom": False,
    }
    assert theirs.json()[1]["prompt"] == "What do you value in your report?"
    assert Question.objects.filter(partnership=partnership).count() == 14


def test_the_owner_adds_a_question_of_her_own(api, partnership):
    response = api(
        "POST",
        agreement(partnership, "/questions"),
        {"prompt": "  How do you want to hear bad news?  ", "hint": "Early?", "required": False},
    )

    assert response.status_code == 201, response.content
    added = response.json()
    assert added | {"id": 0} == {
        "id": 0,
        "key": "",
        "group": "custom",
        "group_title": "More questions",
        "title": "How do you want to hear bad news?",
        "prompt": "How do you want to hear bad news?",
        "hint": "Early?",
        "required": False,
        "custom": True,
    }
    assert api("GET", agreement(partnership, "/questions")).json()[-1]["id"] == added["id"]


@pytest.mark.parametrize(
    "body,status,field,message",
    [
        ({"prompt": " "}, 400, "prompt", "Write the question"),
        ({"prompt": "x" * 301}, 422, "prompt", "at most 300 characters"),
        ({"prompt": "a\x00b"}, 422, "prompt", NUL_REFUSED),
        ({"prompt": "Why?", "hint": "x" * 301}, 422, "hint", "at most 300 characters"),
        ({"prompt": "Why?", "required": "perhaps"}, 422, "required", "boolean"),
        ({}, 422, "prompt", "Field required"),
    ],
)
def test_it_says_what_is_wrong_with_a_question(api, partnership, body, status, field, message):
    response = api("POST", agreement(partnership, "/questions"), body)

    answer = _error(response, status)
    assert answer["field"] == field
    assert message in answer["detail"]
    assert not Question.objects.filter(key="").exists()


def test_the_owner_puts_the_questions_in_order(api, partnership):
    ids = _ids(partnership)
    wanted = [ids[-1], *ids[:-1]]

    response = api("PUT", agreement(partnership, "/questions/order"), {"question_ids": wanted})

    assert response.status_code == 200, response.content
    assert [each["id"] for each in response.json()] == wanted
    assert _ids(partnership) == wanted


@pytest.mark.parametrize(
    "order,status",
    [
        ("one left out", 400),
        ("one twice", 400),
        ("unknown", 400),
        ("zero", 422),
        ("huge", 422),
        ("too many", 422),
        ("not a list", 422),
    ],
)
def test_it_refuses_an_order_that_is_not_the_set_reordered(api, partnership, order, status):
    ids = _ids(partnership)
    sent = {
        "one left out": ids[1:],
        "one twice": [ids[0], *ids[:-1]],
        "unknown": [*ids[:-1], UNKNOWN],
        "zero": [0, *ids[1:]],
        "huge": [2**64, *ids[1:]],
        "too many": ids * 3,
        "not a list": "all",
    }[order]

    response = api("PUT", agreement(partnership, "/questions/order"), {"question_ids": sent})

    assert _error(response, status)["field"].startswith("question_ids")
    assert _ids(partnership) == ids


def test_the_owner_removes_a_question(api, partnership):
    removed = question(partnership, "trust")

    response = api("DELETE", agreement(partnership, f"/questions/{removed.pk}"))

    assert response.status_code == 204
    assert not Question.objects.filter(pk=removed.pk).exists()
    assert len(api("GET", agreement(partnership, "/questions")).json()) == 13


@pytest.mark.parametrize("question_id", [UNKNOWN, "other partnership"])
def test_it_removes_no_question_it_cannot_find(api, partnership, solo_partnership, question_id):
    if question_id == "other partnership":
        question_id = question(solo_partnership, "trust").pk

    questions(partnership)
    before = Question.objects.count()

    response = api("DELETE", agreement(partnership, f"/questions/{question_id}"))

    assert _error(response, 404) == {"detail": "No such question."}
    assert Question.objects.count() == before


@pytest.mark.parametrize("question_id", ["0", "-1", str(2**64), "abc"])
def test_it_refuses_an_id_that_is_no_id(api, partnership, question_id):
    response = api("DELETE", agreement(partnership, f"/questions/{question_id}"))

    assert _error(response, 422)["field"] == "question_id"


def test_the_partner_does_not_change_the_questions(api, as_bob, partnership):
    ids = _ids(partnership)
    paths = [
        ("POST", "/questions", {"prompt": "Why?"}),
        ("PUT", "/questions/order", {"question_ids": ids[::-1]}),
        ("DELETE", f"/questions/{ids[0]}", None),
    ]

    for method, rest, body in paths:
        response = api(method, agreement(partnership, rest), body, as_headers=as_bob)
        assert _error(response, 404) == NO_SUCH_PARTNERSHIP

    assert _ids(partnership) == ids


def test_the_questions_are_fixed_once_one_has_submitted(api, bob, partnership):
    answer_all(bob, partnership, Side.PARTNER)
    ids = _ids(partnership)

    added = api("POST", agreement(partnership, "/questions"), {"prompt": "Why?"})
    ordered = api("PUT", agreement(partnership, "/questions/order"), {"question_ids": ids[::-1]})
    removed = api("DELETE", agreement(partnership, f"/questions/{ids[0]}"))

    for response in (added, ordered, removed):
        assert _error(response, 409)["detail"].startswith("The questions are fixed once one")
    assert _ids(partnership) == ids


# The answers.


def test_each_member_saves_their_answers_as_drafts(api, as_bob, partnership):
    ids = _ids(partnership)

    saved = api("PUT", agreement(partnership, "/answers/owner"), _answers({ids[0]: " Lunches "}))
    again = api("PUT", agreement(partnership, "/answers/owner"), _answers({ids[1]: "Candour"}))
    read = api("GET", agreement(partnership, "/answers/owner"))
    bobs = api(
        "PUT",
        agreement(partnership, "/answers/partner"),
        _answers({ids[0]: "Speed"}),
        as_headers=as_bob,
    )

    assert saved.status_code == 200, saved.content
    assert saved.json() == {
        "side": "owner",
        "who": "You",
        "submitted_at": None,
        "answers": [{"question_id": ids[0], "text": "Lunches"}],
    }
    assert again.json() == read.json()
    assert sorted((a["question_id"], a["text"]) for a in read.json()["answers"]) == [
        (ids[0], "Lunches"),
        (ids[1], "Candour"),
    ]
    assert bobs.json()["answers"] == [{"question_id": ids[0], "text": "Speed"}]
    assert api("GET", agreement(partnership)).json()["my_answered"] == 2


@pytest.mark.parametrize(
    "method,rest",
    [
        ("PUT", "/answers/{side}"),
        ("POST", "/answers/{side}/submit"),
        ("POST", "/answers/{side}/reopen"),
    ],
)
def test_nobody_answers_for_the_other(api, as_bob, partnership, method, rest):
    body = _answers({_ids(partnership)[0]: "Not mine to say"})

    hers = api(method, agreement(partnership, rest.format(side="partner")), body)
    his = api(method, agreement(partnership, rest.format(side="owner")), body, as_headers=as_bob)

    assert _error(hers, 403) == {
        "detail": "You answer for yourself only: Zebulon Boss answers on their own."
    }
    assert _error(his, 403) == {
        "detail": "You answer for yourself only: Alice Owner answers on their own."
    }
    assert not Answer.objects.exists()


def test_the_other_sides_answers_stay_hidden_until_both_have_submitted(
    api, as_bob, alice, bob, partnership
):
    answer_all(bob, partnership, Side.PARTNER, lambda asked: HIS_SENTINEL)
    answer_all(alice, partnership, Side.OWNER, lambda asked: HER_SENTINEL, submit=False)

    hers = api("GET", agreement(partnership, "/answers/partner"))
    his = api("GET", agreement(partnership, "/answers/owner"), as_headers=as_bob)
    both = api("GET", agreement(partnership, "/revealed"))

    assert _error(hers, 409)["detail"].startswith("Their answers are revealed when both of you")
    assert _error(his, 409)["detail"].startswith("Their answers are revealed when both of you")
    assert _error(both, 409) == {"detail": NOT_REVEALED}
    assert HIS_SENTINEL not in hers.content.decode() + both.content.decode()
    assert HER_SENTINEL not in his.content.decode()


def test_both_sets_are_revealed_side_by_side_once_both_have_submitted(api, as_bob, revealed):
    theirs = api("GET", agreement(revealed, "/answers/owner"), as_headers=as_bob)
    rows = api("GET", agreement(revealed, "/revealed"), as_headers=as_bob)

    assert theirs.status_code == 200, theirs.content
    assert theirs.json()["who"] == "Alice Owner"
    assert theirs.json()["submitted_at"] == "2026-12-01T09:00:00Z"
    assert rows.status_code == 200, rows.content
    first = rows.json()[0]
    assert (first["question"]["key"], first["mine"], first["theirs"]) == (
        "works",
        "Partner on works",
        "Owner on works",
    )
    assert rows.json()[1]["question"]["prompt"] == "What do you value in your report?"


def test_it_submits_the_answers_sent_with_the_submission(api, partnership):
    texts = {each.pk: f"About {each.pk}" for each in questions(partnership)}

    response = api("POST", agreement(partnership, "/answers/owner/submit"), _answers(texts))

    assert response.status_code == 200, response.content
    assert response.json()["submitted_at"] == "2026-12-01T09:00:00Z"
    assert len(response.json()["answers"]) == 14


def test_it_submits_the_drafts_saved_before(api, alice, partnership):
    answer_all(alice, partnership, Side.OWNER, submit=False)

    response = api("POST", agreement(partnership, "/answers/owner/submit"))

    assert response.status_code == 200, response.content
    assert response.json()["submitted_at"] == "2026-12-01T09:00:00Z"


def test_it_names_the_required_questions_left_empty_and_keeps_the_drafts(api, partnership):
    first = _ids(partnership)[0]

    response = api(
        "POST", agreement(partnership, "/answers/owner/submit"), _answers({first: "Lunches"})
    )

    assert _error(response, 400) == {
        "detail": "Answer every required question before you submit: “What we value in each "
        "other”, “What is at stake”, “What a great partnership looks like” and 9 more. Your "
        "answers so far are saved.",
        "field": "answers",
    }
    read = api("GET", agreement(partnership, "/answers/owner")).json()
    assert (read["submitted_at"], read["answers"]) == (
        None,
        [{"question_id": first, "text": "Lunches"}],
    )


def test_a_member_reopens_their_answers_until_the_other_submits(api, alice, partnership):
    answer_all(alice, partnership, Side.OWNER)
    first = _ids(partnership)[0]

    locked = api("PUT", agreement(partnership, "/answers/owner"), _answers({first: "More"}))
    reopened = api("POST", agreement(partnership, "/answers/owner/reopen"))
    changed = api("PUT", agreement(partnership, "/answers/owner"), _answers({first: "More"}))

    assert _error(locked, 409) == {
        "detail": "You have submitted your answers: reopen them to change them."
    }
    assert reopened.status_code == 200, reopened.content
    assert reopened.json()["submitted_at"] is None
    assert changed.status_code == 200, changed.content


def test_the_answers_stay_as_they_were_once_revealed(api, revealed):
    response = api("POST", agreement(revealed, "/answers/owner/reopen"))

    assert _error(response, 409)["detail"].startswith("Both of you have submitted")
    assert api("GET", agreement(revealed)).json()["my_submitted"] is True


@pytest.mark.parametrize(
    "answers,status,field",
    [
        ([{"question_id": UNKNOWN, "text": "Yes"}], 400, "answers"),
        (
            [{"question_id": "{first}", "text": "a"}, {"question_id": "{first}", "text": "b"}],
            400,
            "answers",
        ),
        ([{"question_id": "{first}", "text": "x" * 5001}], 422, "answers.0.text"),
        ([{"question_id": "{first}", "text": "a\x00b"}], 422, "answers.0.text"),
        ([{"question_id": 0, "text": "Yes"}], 422, "answers.0.question_id"),
        ([{"question_id": 2**64, "text": "Yes"}], 422, "answers.0.question_id"),
        ([{"question_id": "{first}"}], 422, "answers.0.text"),
        ([{"question_id": "{first}", "text": "Yes"}] * 41, 422, "answers"),
        ("all of them", 422, "answers"),
    ],
)
def test_it_refuses_odd_answers_and_saves_none(api, partnership, answers, status, field):
    first = _ids(partnership)[0]
    if isinstance(answers, list):
        answers = [
            {key: first if value == "{first}" else value for key, value in each.items()}
            for each in answers
        ]

    response = api("PUT", agreement(partnership, "/answers/owner"), {"answers": answers})

    assert _error(response, status)["field"] == field
    assert not Answer.objects.exists()


@pytest.mark.parametrize("side", ["both", "Owner", "owners", "a%00b"])
def test_it_refuses_a_side_that_is_neither_member(api, partnership, side):
    read = api("GET", agreement(partnership, f"/answers/{side}"))
    saved = api("PUT", agreement(partnership, f"/answers/{side}"), {"answers": []})

    assert _error(read, 422)["field"] == "side"
    assert _error(saved, 422)["field"] == "side"


# Versions of the agreement.


def test_no_version_is_started_before_both_have_submitted(api, alice, partnership):
    answer_all(alice, partnership, Side.OWNER)

    response = api("POST", agreement(partnership, "/versions"))

    assert _error(response, 409) == {
        "detail": "The agreement is written once you have both submitted your answers."
    }
    assert api("GET", agreement(partnership, "/versions")).json() == []
    assert not AgreementVersion.objects.exists()


def test_either_member_starts_version_one_from_both_answers(api, as_bob, revealed):
    response = api("POST", agreement(revealed, "/versions"), as_headers=as_bob)

    assert response.status_code == 201, response.content
    version = response.json()
    assert (version["number"], version["is_confirmed"], version["revision"]) == (1, False, 1)
    assert version["sections"][0] | {"id": 0} == {
        "id": 0,
        "title": "What already works",
        "text": "Alice Owner: Owner on works\n\nZebulon Boss: Partner on works",
    }
    assert [(c["side"], c["who"], c["text"]) for c in version["commitments"]] == [
        ("owner", "Alice Owner", "I send a Friday update"),
        ("owner", "Alice Owner", "I flag a slipping deadline the day I see it"),
        ("partner", "You", "I answer within a day"),
    ]
    assert version["review_every_months"] == 3
    assert (version["i_confirmed"], version["waiting_for"], version["may_edit"]) == (
        False,
        "Alice Owner and You",
        True,
    )
    assert [(c["side"], c["at"]) for c in version["confirmations"]] == [
        ("owner", None),
        ("partner", None),
    ]
    assert api("GET", agreement(revealed, "/versions")).json() == [
        {"number": 1, "is_draft": True, "confirmed_on": None, "review_every_months": 3}
    ]


def test_it_starts_one_draft_at_a_time(api, partnership, draft):
    response = api("POST", agreement(partnership, "/versions"))

    assert _error(response, 409) == {"detail": "Version 1 is already a draft: finish it first."}
    assert AgreementVersion.objects.count() == 1


def test_both_edit_a_draft_and_each_edit_asks_for_a_new_confirmation(
    api, as_bob, partnership, draft
):
    section = _section(draft)
    services.version_confirm(partnership.owner, draft)

    saved = api(
        "PUT",
        agreement(partnership, f"/versions/1/sections/{section.pk}"),
        {"text": "  We meet on Mondays.  ", "revision": 1},
        as_headers=as_bob,
    )

    assert saved.status_code == 200, saved.content
    version = saved.json()
    assert version["sections"][0]["text"] == "We meet on Mondays."
    assert version["revision"] == 2
    assert all(c["at"] is None for c in version["confirmations"])


def test_a_save_from_a_stale_revision_changes_nothing(api, partnership, draft):
    section = _section(draft)

    response = api(
        "PUT",
        agreement(partnership, f"/versions/1/sections/{section.pk}"),
        {"text": "We meet on Mondays.", "revision": 7},
    )

    assert _error(response, 409)["detail"].startswith("The draft changed since you opened it")
    section.refresh_from_db()
    assert section.text.startswith("Alice Owner: Owner on works")


@pytest.mark.parametrize(
    "body,status,field",
    [
        ({"text": "x" * 5001}, 422, "text"),
        ({"text": "a\x00b"}, 422, "text"),
        ({"text": "Yes", "revision": -1}, 422, "revision"),
        ({"text": "Yes", "revision": 2**40}, 422, "revision"),
        ({"text": "Yes", "revision": "first"}, 422, "revision"),
        ({}, 422, "text"),
    ],
)
def test_it_refuses_an_odd_section(api, partnership, draft, body, status, field):
    section = _section(draft)

    response = api("PUT", agreement(partnership, f"/versions/1/sections/{section.pk}"), body)

    assert _error(response, status)["field"] == field
    section.refresh_from_db()
    assert section.text.startswith("Alice Owner: Owner on works")


def test_it_finds_a_section_only_in_its_own_version(api, alice, partnership, agreed):
    services.version_start(alice, partnership)
    old = _section(agreed)

    response = api(
        "PUT", agreement(partnership, f"/versions/2/sections/{old.pk}"), {"text": "Sneaky"}
    )
    unknown = api(
        "PUT", agreement(partnership, f"/versions/2/sections/{UNKNOWN}"), {"text": "Sneaky"}
    )

    assert _error(response, 404) == {"detail": "No such section in this version."}
    assert _error(unknown, 404) == {"detail": "No such section."}
    assert not Section.objects.filter(text="Sneaky").exists()


def test_both_add_change_and_remove_commitments(api, as_bob, partnership, draft):
    added = api(
        "POST",
        agreement(partnership, "/versions/1/commitments"),
        {"side": "partner", "text": " I protect Fridays "},
        as_headers=as_bob,
    )
    pk = added.json()["id"]
    changed = api(
        "PATCH", agreement(partnership, f"/commitments/{pk}"), {"text": "I guard Fridays"}
    )
    moved = api("PATCH", agreement(partnership, f"/commitments/{pk}"), {"side": "owner"})
    removed = api("DELETE", agreement(partnership, f"/commitments/{pk}"), as_headers=as_bob)

    assert added.status_code == 201, added.content
    assert added.json() | {"id": 0} == {
        "id": 0,
        "side": "partner",
        "who": "You",
        "text": "I protect Fridays",
        "held": None,
    }
    assert changed.json()["text"] == "I guard Fridays"
    assert (moved.json()["side"], moved.json()["who"]) == ("owner", "You")
    assert removed.status_code == 204
    assert not Commitment.objects.filter(pk=pk).exists()
    draft.refresh_from_db()
    assert draft.revision == 5


@pytest.mark.parametrize(
    "method,rest,body,status,field,message",
    [
        ("POST", "/versions/1/commitments", {"side": "both", "text": "Yes"}, 422, "side", ""),
        ("POST", "/versions/1/commitments", {"side": "owner", "text": " "}, 400, "text", "Write"),
        ("POST", "/versions/1/commitments", {"side": "owner", "text": "x" * 501}, 422, "text", ""),
        ("POST", "/versions/1/commitments", {"side": "owner", "text": "\x00"}, 422, "text", ""),
        ("PATCH", "/commitments/{pk}", {}, 400, None, "Send at least one field to change."),
        ("PATCH", "/commitments/{pk}", {"text": None}, 400, "text", "Say what is committed"),
        ("PATCH", "/commitments/{pk}", {"side": None}, 400, "side", "Say whose"),
        ("PATCH", "/commitments/{pk}", {"side": "nobody"}, 422, "side", ""),
        ("PATCH", "/commitments/{pk}", {"text": "x" * 501}, 422, "text", ""),
    ],
)
def test_it_refuses_an_odd_commitment(
    api, partnership, draft, method, rest, body, status, field, message
):
    before = list(draft.commitments.values_list("side", "text"))
    pk = draft.commitments.first().pk

    response = api(method, agreement(partnership, rest.format(pk=pk)), body)

    answer = _error(response, status)
    assert answer.get("field") == field
    assert message in answer["detail"]
    assert list(draft.commitments.values_list("side", "text")) == before


def test_it_changes_how_often_the_agreement_is_reviewed(api, partnership, draft):
    response = api("PATCH", agreement(partnership, "/versions/1"), {"review_every_months": 6})

    assert response.status_code == 200, response.content
    assert response.json()["review_every_months"] == 6


@pytest.mark.parametrize(
    "months,status",
    [(5, 400), (0, 400), (-3, 400), (10**30, 422), (2.5, 422), ("often", 422), (None, 422)],
)
def test_it_refuses_an_odd_review_cadence(api, partnership, draft, months, status):
    response = api("PATCH", agreement(partnership, "/versions/1"), {"review_every_months": months})

    assert _error(response, status)["field"] == "review_every_months"
    draft.refresh_from_db()
    assert draft.review_every_months == 3


def test_both_confirm_and_the_version_is_agreed(api, as_bob, partnership, draft):
    hers = api("POST", agreement(partnership, "/versions/1/confirm"), {"revision": 1})
    his = api("POST", agreement(partnership, "/versions/1/confirm"), as_headers=as_bob)

    assert hers.status_code == 200, hers.content
    assert (hers.json()["i_confirmed"], hers.json()["waiting_for"]) == (True, "Zebulon Boss")
    assert his.status_code == 200, his.content
    agreed = his.json()
    assert (agreed["is_confirmed"], agreed["confirmed_on"], agreed["may_edit"]) == (
        True,
        "2026-12-01",
        False,
    )
    assert agreed["waiting_for"] is None
    assert [c["at"] for c in agreed["confirmations"]] == ["2026-12-01T09:00:00Z"] * 2
    assert api("GET", agreement(partnership)).json()["current"]["number"] == 1


def test_a_confirmation_of_a_stale_revision_counts_for_nothing(api, partnership, draft):
    response = api("POST", agreement(partnership, "/versions/1/confirm"), {"revision": 9})

    assert _error(response, 409)["detail"].startswith("The draft changed since you read it")
    draft.refresh_from_db()
    assert draft.owner_confirmed_at is None


@pytest.mark.parametrize("body", [{"revision": -1}, {"revision": 2**63}, {"revision": "latest"}])
def test_it_refuses_an_odd_confirmation(api, partnership, draft, body):
    response = api("POST", agreement(partnership, "/versions/1/confirm"), body)

    assert _error(response, 422)["field"] == "revision"


@pytest.mark.parametrize(
    "method,rest,body",
    [
        ("PUT", "/versions/1/sections/{section}", {"text": "Changed"}),
        ("POST", "/versions/1/commitments", {"side": "owner", "text": "More"}),
        ("PATCH", "/commitments/{commitment}", {"text": "Changed"}),
        ("DELETE", "/commitments/{commitment}", None),
        ("PATCH", "/versions/1", {"review_every_months": 12}),
        ("POST", "/versions/1/confirm", None),
    ],
)
def test_a_confirmed_version_never_changes(api, as_bob, partnership, agreed, method, rest, body):
    ids = {"section": _section(agreed).pk, "commitment": agreed.commitments.first().pk}

    hers = api(method, agreement(partnership, rest.format(**ids)), body)
    his = api(method, agreement(partnership, rest.format(**ids)), body, as_headers=as_bob)

    assert _error(hers, 409) == {"detail": CONFIRMED}
    assert _error(his, 409) == {"detail": CONFIRMED}
    refreshed = AgreementVersion.objects.get(pk=agreed.pk)
    assert (refreshed.revision, refreshed.review_every_months) == (agreed.revision, 3)
    assert agreed.commitments.count() == 3


@pytest.mark.parametrize("number", [2, UNKNOWN])
def test_it_finds_no_version_that_is_not_there(api, partnership, agreed, number):
    detail = api("GET", agreement(partnership, f"/versions/{number}"))
    markdown = api("GET", agreement(partnership, f"/versions/{number}/markdown"))

    assert _error(detail, 404) == {"detail": "No such version."}
    assert _error(markdown, 404) == {"detail": "No such version."}


@pytest.mark.parametrize("number", ["0", "-1", str(2**31), "one"])
def test_it_refuses_a_version_number_that_is_no_number(api, partnership, number):
    response = api("GET", agreement(partnership, f"/versions/{number}"))

    assert _error(response, 422)["field"] == "number"


def test_it_gives_a_version_as_markdown(api, as_bob, partnership, agreed):
    response = api("GET", agreement(partnership, "/versions/1/markdown"), as_headers=as_bob)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    document = response.content.decode()
    assert document.startswith(
        "# Partnership agreement: Alice Owner & Zebulon Boss\n\nVersion 1, agreed Tue 1 Dec 2026."
    )
    assert "Alice Owner: Owner on works\n\nZebulon Boss: Partner on works" in document
    assert "- I answer within a day" in document


def test_it_shows_what_changed_between_two_versions(api, alice, partnership, agreed):
    version = services.version_start(alice, partnership)
    services.section_save(alice, _section(version), "We meet on Mondays.")

    response = api("GET", agreement(partnership, "/difference?from_number=1&to_number=2"))

    assert response.status_code == 200, response.content
    lines = [(line["kind"], line["text"]) for line in response.json()]
    assert ("added", "We meet on Mondays.") in lines
    assert ("removed", "Zebulon Boss: Partner on works") in lines
    assert {kind for kind, _ in lines} <= {"added", "removed", "same", "gap"}


def test_it_compares_the_latest_two_versions_unless_told(api, alice, partnership, agreed):
    assert _error(api("GET", agreement(partnership, "/difference")), 409) == {
        "detail": "There is one version or none: nothing to compare yet."
    }
    version = services.version_start(alice, partnership)
    services.section_save(alice, _section(version), "We meet on Mondays.")

    response = api("GET", agreement(partnership, "/difference"))

    assert ("added", "We meet on Mondays.") in [
        (line["kind"], line["text"]) for line in response.json()
    ]


@pytest.mark.parametrize(
    "query,status",
    [
        ("from_number=1&to_number=3", 404),
        ("from_number=0&to_number=1", 422),
        (f"from_number=1&to_number={2**63}", 422),
        ("from_number=a%00b&to_number=1", 422),
    ],
)
def test_it_refuses_a_difference_it_cannot_show(api, partnership, agreed, query, status):
    response = api("GET", agreement(partnership, f"/difference?{query}"))

    _error(response, status)


# Reviews.


def test_a_review_records_what_held_and_starts_the_next_draft(api, as_bob, partnership, agreed):
    first, second, third = agreed.commitments.all()
    held = [
        {"commitment_id": first.pk, "held": True},
        {"commitment_id": second.pk, "held": False},
        {"commitment_id": third.pk, "held": True},
    ]

    response = api(
        "POST",
        agreement(partnership, "/reviews"),
        {"held": held, "what_held": "Fridays", "what_did_not": "Deadlines"},
        as_headers=as_bob,
    )

    assert response.status_code == 201, response.content
    draft = response.json()
    assert (draft["number"], draft["is_confirmed"]) == (2, False)
    assert [c["text"] for c in draft["commitments"]] == [c.text for c in (first, second, third)]
    reviewed = api("GET", agreement(partnership, "/versions/1")).json()
    assert reviewed["review"] == {
        "reviewed_on": "2026-12-01",
        "who": "Bob Partner",
        "what_held": "Fridays",
        "what_did_not": "Deadlines",
    }
    assert [c["held"] for c in reviewed["commitments"]] == [True, False, True]


@pytest.mark.parametrize(
    "held,status,field",
    [
        ("one left out", 400, "held"),
        ("one twice", 400, "held"),
        ("unknown", 400, "held"),
        ("zero", 422, "held.0.commitment_id"),
        ("not a yes or no", 422, "held.0.held"),
        ("too many", 422, "held"),
    ],
)
def test_it_refuses_a_review_that_does_not_say_what_held(
    api, partnership, agreed, held, status, field
):
    ids = [each.pk for each in agreed.commitments.all()]
    checks = {
        "one left out": [(pk, True) for pk in ids[1:]],
        "one twice": [(pk, True) for pk in [*ids, ids[0]]],
        "unknown": [(pk, True) for pk in [*ids[1:], UNKNOWN]],
        "zero": [(0, True)],
        "not a yes or no": [(ids[0], "mostly")],
        "too many": [(pk, True) for pk in ids * 14],
    }[held]
    body = {"held": [{"commitment_id": pk, "held": value} for pk, value in checks]}

    response = api("POST", agreement(partnership, "/reviews"), body)

    assert _error(response, status)["field"] == field
    assert AgreementVersion.objects.count() == 1


@pytest.mark.parametrize("field", ["what_held", "what_did_not"])
def test_it_refuses_a_review_too_long_or_with_a_nul(api, partnership, agreed, field):
    held = [{"commitment_id": each.pk, "held": True} for each in agreed.commitments.all()]

    long = api("POST", agreement(partnership, "/reviews"), {"held": held, field: "x" * 5001})
    nul = api("POST", agreement(partnership, "/reviews"), {"held": held, field: "a\x00b"})

    assert _error(long, 422)["field"] == field
    assert _error(nul, 422)["detail"] == f"{field}: {NUL_REFUSED}"
    assert AgreementVersion.objects.count() == 1


def test_there_is_nothing_to_review_before_an_agreement_and_a_review_is_done_once(
    api, partnership, agreed
):
    held = [{"commitment_id": each.pk, "held": True} for each in agreed.commitments.all()]
    AgreementVersion.objects.filter(pk=agreed.pk).update(confirmed_at=None, confirmed_on=None)

    early = api("POST", agreement(partnership, "/reviews"), {"held": held})
    AgreementVersion.objects.filter(pk=agreed.pk).update(
        confirmed_at=agreed.confirmed_at, confirmed_on=agreed.confirmed_on
    )
    first = api("POST", agreement(partnership, "/reviews"), {"held": held})
    again = api("POST", agreement(partnership, "/reviews"), {"held": held})

    assert _error(early, 409) == {"detail": "There is no confirmed agreement to review yet."}
    assert first.status_code == 201, first.content
    assert _error(again, 409) == {"detail": "Version 1 has been reviewed already."}


# Alone: nobody has joined yet.


def test_the_owner_alone_writes_down_what_was_agreed_in_conversation(api, alice, solo_partnership):
    answer_all(alice, solo_partnership, Side.OWNER)

    started = api("POST", agreement(solo_partnership, "/versions"))
    confirmed = api("POST", agreement(solo_partnership, "/versions/1/confirm"))

    assert started.status_code == 201, started.content
    assert started.json()["sections"][0]["text"] == "Owner on works"
    assert confirmed.status_code == 200, confirmed.content
    assert (confirmed.json()["is_confirmed"], confirmed.json()["confirmed_alone"]) == (True, True)
    state = api("GET", agreement(solo_partnership)).json()
    assert (state["stage"], state["other_joined"], state["other_name"]) == (
        "agreed",
        False,
        "Rita Report",
    )


# Who reaches what.

# Every route, with a body the owner may send, and what the owner and the partner get in a
# partnership whose version 1 is agreed and whose version 2 is a draft: {question},
# {section}, {commitment} are the owner's records; {held} says every commitment of version 1
# held. The question set is fixed by then (409), and answers stay as they were (409;
# submitting the same again changes nothing).
ROUTES = [
    ("GET", "", None, 200, 200),
    ("GET", "/questions", None, 200, 200),
    ("POST", "/questions", {"prompt": "Why?"}, 409, 404),
    ("PUT", "/questions/order", {"question_ids": "{questions}"}, 409, 404),
    ("DELETE", "/questions/{question}", None, 409, 404),
    ("GET", "/answers/owner", None, 200, 200),
    ("GET", "/answers/partner", None, 200, 200),
    ("PUT", "/answers/owner", {"answers": []}, 409, 403),
    ("POST", "/answers/owner/submit", None, 200, 403),
    ("POST", "/answers/partner/reopen", None, 403, 409),
    ("GET", "/revealed", None, 200, 200),
    ("GET", "/versions", None, 200, 200),
    ("POST", "/versions", None, 409, 409),
    ("GET", "/versions/2", None, 200, 200),
    ("PATCH", "/versions/2", {"review_every_months": 6}, 200, 200),
    ("PUT", "/versions/2/sections/{section}", {"text": "We agree."}, 200, 200),
    ("POST", "/versions/2/commitments", {"side": "owner", "text": "Fridays"}, 201, 201),
    ("PATCH", "/commitments/{commitment}", {"text": "Mondays"}, 200, 200),
    ("DELETE", "/commitments/{commitment}", None, 204, 204),
    ("POST", "/versions/2/confirm", {}, 200, 200),
    ("GET", "/versions/1/markdown", None, 200, 200),
    ("GET", "/difference?from_number=1&to_number=2", None, 200, 200),
    ("POST", "/reviews", {"held": "{held}"}, 201, 201),
]
ROUTE_IDS = [f"{method} {rest}" for method, rest, *_ in ROUTES]


@pytest.fixture
def records(alice, partnership, agreed):
    draft = services.version_start(alice, partnership)
    return {
        "questions": _ids(partnership),
        "question": _ids(partnership)[0],
        "section": _section(draft).pk,
        "commitment": draft.commitments.first().pk,
        "held": [{"commitment_id": each.pk, "held": True} for each in agreed.commitments.all()],
    }


def _filled(rest: str, body, records: dict):
    """The route and body with the owner's records in place of their {names}."""
    if isinstance(body, dict):
        body = {
            name: records[value[1:-1]] if isinstance(value, str) and value[:1] == "{" else value
            for name, value in body.items()
        }
    return rest.format(**records), body


@pytest.mark.parametrize("method,rest,body,owner_gets,partner_gets", ROUTES, ids=ROUTE_IDS)
def test_the_owner_reaches_every_route(
    api, partnership, records, method, rest, body, owner_gets, partner_gets
):
    rest, body = _filled(rest, body, records)

    response = api(method, agreement(partnership, rest), body)

    assert response.status_code == owner_gets, response.content[:300]


@pytest.mark.parametrize("method,rest,body,owner_gets,partner_gets", ROUTES, ids=ROUTE_IDS)
def test_the_partner_reaches_what_both_share(
    api, as_bob, partnership, records, method, rest, body, owner_gets, partner_gets
):
    rest, body = _filled(rest, body, records)

    response = api(method, agreement(partnership, rest), body, as_headers=as_bob)

    assert response.status_code == partner_gets, response.content[:300]
    if partner_gets == 404:
        assert response.json() == NO_SUCH_PARTNERSHIP


@pytest.mark.parametrize("method,rest,body,owner_gets,partner_gets", ROUTES, ids=ROUTE_IDS)
def test_a_stranger_finds_nothing(
    api, bearer, charlie, partnership, records, method, rest, body, owner_gets, partner_gets
):
    rest, body = _filled(rest, body, records)

    response = api(method, agreement(partnership, rest), body, as_headers=bearer(charlie))

    assert _error(response, 404) == NO_SUCH_PARTNERSHIP


@pytest.mark.parametrize("method,rest,body,owner_gets,partner_gets", ROUTES, ids=ROUTE_IDS)
def test_it_asks_anonymous_callers_to_authenticate(
    client, partnership, records, method, rest, body, owner_gets, partner_gets
):
    rest, body = _filled(rest, body, records)

    response = send(client, method, agreement(partnership, rest), {}, body)

    assert _error(response, 401) == {
        "detail": "Authentication required: send a Bearer token or log in."
    }


GETS = [rest for method, rest, *_ in ROUTES if method == "GET" and "{" not in rest]


@pytest.mark.parametrize("rest", GETS)
def test_no_read_shows_the_others_answers_before_the_reveal(
    api, as_bob, alice, bob, partnership, rest
):
    answer_all(alice, partnership, Side.OWNER, lambda asked: HER_SENTINEL, submit=False)
    answer_all(bob, partnership, Side.PARTNER, lambda asked: HIS_SENTINEL)

    hers = api("GET", agreement(partnership, rest))
    his = api("GET", agreement(partnership, rest), as_headers=as_bob)

    assert hers.status_code in (200, 404, 409), hers.content[:300]
    assert his.status_code in (200, 404, 409), his.content[:300]
    assert HIS_SENTINEL not in hers.content.decode()
    assert HER_SENTINEL not in his.content.decode()
