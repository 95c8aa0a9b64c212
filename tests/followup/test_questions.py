from __future__ import annotations

import re
from unittest import TestCase

from tandem.followup import (
    CLOSED_STATUSES,
    QUESTIONS,
    Event,
    EventKind,
    RequestRecord,
    RequestStatus,
    question_by_key,
    staleness,
    suggest_question,
)
from tests.followup.builders import (
    TODAY,
    acknowledged,
    ago,
    followed_up,
    more_info,
    promised,
    request,
)

BLAME = re.compile(r"\bwhy\b|haven't|have not|didn't|still waiting|!", re.IGNORECASE)


def suggested(record: RequestRecord) -> str:
    return suggest_question(record, staleness(record, TODAY)).key


class QuestionsTestCase(TestCase):
    def test_it_holds_a_small_set_of_open_questions(self) -> None:
        self.assertTrue(6 <= len(QUESTIONS) <= 8)
        self.assertEqual(len({q.key for q in QUESTIONS}), len(QUESTIONS))
        for question in QUESTIONS:
            with self.subTest(key=question.key):
                self.assertTrue(question.text.endswith("?"))
                self.assertTrue(question.fits)
                self.assertIsNone(BLAME.search(question.text), question.text)
                self.assertIsNone(BLAME.search(question.fits), question.fits)

    def test_it_finds_a_question_by_its_key(self) -> None:
        question = question_by_key("your_view")
        assert question is not None
        self.assertEqual(question.text, "How do you see this from where you sit?")
        self.assertIsNone(question_by_key("no_such_question"))

    def test_it_asks_what_would_help_when_there_is_no_answer(self) -> None:
        self.assertEqual(suggested(request()), "what_would_help")
        self.assertEqual(suggested(request(followed_up(ago(20)))), "what_would_help")

    def test_it_asks_about_the_date_when_a_promise_passed(self) -> None:
        self.assertEqual(suggested(request(promised(ago(20), by=ago(5)))), "date_still_realistic")
        followed = request(promised(ago(30), by=ago(20)), followed_up(ago(2)))
        self.assertEqual(suggested(followed), "date_still_realistic")

    def test_it_asks_what_else_is_needed_after_more_information(self) -> None:
        answered = request(more_info(ago(20)), status=RequestStatus.ANSWERED)
        self.assertEqual(suggested(answered), "anything_else_needed")
        reopened = request(more_info(ago(20)), followed_up(ago(16)))
        self.assertEqual(suggested(reopened), "anything_else_needed")

    def test_it_asks_about_priorities_when_only_acknowledged(self) -> None:
        self.assertEqual(suggested(request(acknowledged(ago(30)))), "where_it_sits")

    def test_it_asks_for_the_partners_view_otherwise(self) -> None:
        for status in CLOSED_STATUSES:
            with self.subTest(status=status):
                self.assertEqual(suggested(request(status=status)), "your_view")
        # An open request whose last word was a decision, reopened by hand.
        reopened = request(Event(EventKind.DECLINED, ago(10)))
        self.assertEqual(suggested(reopened), "your_view")
