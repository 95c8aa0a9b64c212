from __future__ import annotations

import re
from datetime import date
from unittest import TestCase
from urllib.parse import unquote, urlsplit

from tandem.followup import (
    STORY_PREFIX,
    Channel,
    Event,
    EventKind,
    FollowUpInput,
    RequestRecord,
    RequestStatus,
    as_story,
    compose_follow_up,
    facts,
    mailto_link,
    story_hints,
)
from tandem.planning.brief import Style
from tests.followup.builders import (
    TODAY,
    acknowledged,
    ago,
    followed_up,
    more_info,
    promised,
    request,
)

# Words that judge rather than state; the facts never use them.
JUDGEMENT = re.compile(
    r"\b(?:still|only|just|finally|again|unfortunately|ignored|never|always)\b|!",
    re.IGNORECASE,
)
COMPLAINTS = re.compile(
    r"overwhelm|too much|impossible|stress|unfair|frustrat|disappoint|ignor|!", re.IGNORECASE
)

ACKNOWLEDGED = acknowledged(date(2026, 10, 26))
PROMISED = promised(date(2026, 11, 2), by=date(2026, 11, 13))
STORY = "you are weighing a lot right now and this fell down the list"

RECORDS = {
    "no answer": request(),
    "acknowledged": request(ACKNOWLEDGED),
    "promise passed": request(ACKNOWLEDGED, PROMISED),
    "followed up": request(ACKNOWLEDGED, PROMISED, followed_up(date(2026, 11, 15))),
    "more info": request(more_info(ago(20)), status=RequestStatus.ANSWERED),
    "granted": request(Event(EventKind.GRANTED, ago(3)), status=RequestStatus.GRANTED),
    "withdrawn": request(status=RequestStatus.WITHDRAWN),
    "asked today": request(asked_on=TODAY),
}


def follow_up_input(record: RequestRecord | None = None, **fields) -> FollowUpInput:
    values = {"owner_name": "Alice Owner", "partner_name": "Zebulon Boss", **fields}
    return FollowUpInput(record=record or RECORDS["promise passed"], today=TODAY, **values)


def facts_of(record: RequestRecord) -> tuple[str, ...]:
    return facts(record, TODAY)


class FactsTestCase(TestCase):
    def test_it_says_when_and_how_i_asked_and_what_i_said(self) -> None:
        self.assertEqual(
            facts_of(RECORDS["no answer"]),
            (
                "On Tue 20 Oct I asked you about “Flexible hours on Fridays” in a one-on-one.",
                "I said: “Could I start at ten on Fridays?”",
                "That was 42 days ago.",
            ),
        )

    def test_it_says_each_event_of_the_history(self) -> None:
        self.assertEqual(
            facts_of(RECORDS["followed up"])[2:],
            (
                "On Mon 26 Oct you acknowledged it.",
                "On Mon 2 Nov you said you would answer by Fri 13 Nov.",
                "On Sun 15 Nov I followed up by e-mail.",
                "I have not heard back since Mon 2 Nov.",
            ),
        )

    def test_it_says_how_long_since_the_promised_date(self) -> None:
        self.assertEqual(facts_of(RECORDS["promise passed"])[-1], "Fri 13 Nov was 18 days ago.")

    def test_it_says_how_long_since_the_last_response(self) -> None:
        self.assertEqual(facts_of(RECORDS["acknowledged"])[-1], "That was 36 days ago.")
        yesterday = request(acknowledged(ago(1)))
        self.assertEqual(facts_of(yesterday)[-1], "That was yesterday.")

    def test_it_counts_from_the_ask_when_nobody_answered_a_follow_up(self) -> None:
        record = request(followed_up(ago(2), channel=Channel.CHAT))
        self.assertEqual(
            facts_of(record)[-2:],
            ("On Sun 29 Nov I followed up in chat.", "I have not heard back since Tue 20 Oct."),
        )
        self.assertEqual(
            facts_of(request(followed_up(ago(2), channel=None)))[-2],
            "On Sun 29 Nov I followed up.",
        )

    def test_it_leaves_out_the_time_when_there_is_none_to_tell(self) -> None:
        self.assertEqual(len(facts_of(RECORDS["asked today"])), 2)
        self.assertNotIn("ago", " ".join(facts_of(RECORDS["granted"])))
        self.assertNotIn("ago", " ".join(facts_of(request(promised(ago(2), by=ago(-5))))))

    def test_it_says_every_kind_of_response(self) -> None:
        record = request(
            more_info(date(2026, 10, 21)),
            Event(EventKind.PROMISED, date(2026, 10, 26)),
            Event(EventKind.DECLINED, date(2026, 10, 31)),
            Event(EventKind.GRANTED, date(2026, 11, 21)),
            status=RequestStatus.GRANTED,
        )
        self.assertEqual(
            facts_of(record)[2:],
            (
                "On Wed 21 Oct you asked me for more information.",
                "On Mon 26 Oct you said you would answer.",
                "On Sat 31 Oct you declined it.",
                "On Sat 21 Nov you agreed to it.",
            ),
        )

    def test_it_ends_what_i_said_with_one_stop(self) -> None:
        record = request(asked_on=TODAY, what_was_said="  Could I start\n at ten  ")
        self.assertEqual(facts_of(record)[1], "I said: “Could I start at ten”.")
        self.assertEqual(len(facts_of(request(asked_on=TODAY, what_was_said=""))), 1)

    def test_it_names_the_channel_and_the_year_when_it_is_not_this_one(self) -> None:
        record = request(asked_on=date(2025, 12, 15), channel=Channel.IN_PASSING)
        self.assertEqual(
            facts_of(record)[0],
            "On Mon 15 Dec 2025 I asked you about “Flexible hours on Fridays” in passing.",
        )

    def test_it_never_judges(self) -> None:
        for name, record in RECORDS.items():
            with self.subTest(name):
                for fact in facts_of(record):
                    self.assertIsNone(JUDGEMENT.search(fact), fact)
                    self.assertTrue(fact.endswith((".", "?", "”")), fact)


class StoryTestCase(TestCase):
    def test_it_offers_the_story_as_a_story(self) -> None:
        self.assertEqual(
            as_story("You are busy with the reorg"),
            "The story I'm making up is that you are busy with the reorg.",
        )
        self.assertEqual(
            as_story("that the budget is frozen."),
            "The story I'm making up is that the budget is frozen.",
        )
        self.assertEqual(
            as_story("Maria has to sign it off"),
            "The story I'm making up is that Maria has to sign it off.",
        )

    def test_it_keeps_a_story_that_already_begins_as_one(self) -> None:
        self.assertEqual(
            as_story("the story i'm making up is that it slipped"),
            "The story i'm making up is that it slipped.",
        )
        self.assertEqual(
            as_story("The story I’m making up is: the budget is gone?"),
            "The story I’m making up is: the budget is gone?",
        )

    def test_it_ends_with_a_calm_full_stop(self) -> None:
        self.assertEqual(
            as_story("it fell off the list!!"), f"{STORY_PREFIX} that it fell off the list."
        )

    def test_it_makes_nothing_of_an_empty_story(self) -> None:
        self.assertEqual(as_story(""), "")
        self.assertEqual(as_story("  \n "), "")
        self.assertEqual(story_hints(""), ())

    def test_it_leaves_a_calm_story_alone(self) -> None:
        self.assertEqual(story_hints(STORY), ())

    def test_it_points_away_from_absolutes(self) -> None:
        hints = story_hints("You never answer and you always put it off")
        self.assertEqual(len(hints), 1)
        self.assertIn("“never”", hints[0])
        self.assertIn("try", hints[0])

    def test_it_points_away_from_guessing_intent(self) -> None:
        for story in (
            "He doesn’t care",
            "you are ignoring me",
            "it was on purpose",
            "deliberately",
        ):
            with self.subTest(story):
                (hint,) = story_hints(story)
                self.assertIn("guesses", hint)

    def test_it_points_away_from_labels(self) -> None:
        (hint,) = story_hints("this is Unfair and lazy")
        self.assertIn("“unfair”", hint)
        self.assertIn("label", hint)

    def test_it_points_away_from_telling_the_partner_what_to_do(self) -> None:
        (hint,) = story_hints("You should have decided by now")
        self.assertIn("“you should”", hint)

    def test_it_gives_one_hint_per_pattern(self) -> None:
        hints = story_hints("you never listen, you don't care, you are lazy, and you should")
        self.assertEqual(len(hints), 4)
        for hint in hints:
            self.assertIsNone(re.search(r"!|\bmust\b|\bwrong\b", hint), hint)


class ComposeTestCase(TestCase):
    def test_it_puts_facts_then_story_then_question_by_default(self) -> None:
        for style in (None, Style.DETAIL_FIRST):
            with self.subTest(style=style):
                follow_up = compose_follow_up(follow_up_input(story=STORY, style=style))
                self.assertEqual(
                    [part.key for part in follow_up.parts], ["facts", "story", "question"]
                )

    def test_it_puts_the_bottom_line_and_question_first_for_the_summary_style(self) -> None:
        follow_up = compose_follow_up(follow_up_input(story=STORY, style=Style.SUMMARY_FIRST))
        self.assertEqual(
            [part.key for part in follow_up.parts], ["bottom_line", "question", "facts", "story"]
        )
        self.assertEqual(
            follow_up.parts[0].lines,
            ("I'd like to come back to my request about “Flexible hours on Fridays”.",),
        )
        self.assertEqual(follow_up.talking_points[0], follow_up.parts[0].lines[0])
        self.assertTrue(follow_up.talking_points[1].startswith("Ask: "))

    def test_it_leaves_out_an_empty_story(self) -> None:
        follow_up = compose_follow_up(follow_up_input())
        self.assertEqual(follow_up.story, "")
        self.assertEqual([part.key for part in follow_up.parts], ["facts", "question"])
        self.assertNotIn(STORY_PREFIX, follow_up.email_body)

    def test_it_asks_the_suggested_question_unless_another_is_chosen(self) -> None:
        follow_up = compose_follow_up(follow_up_input())
        self.assertEqual(follow_up.suggested_question.key, "date_still_realistic")
        self.assertEqual(follow_up.question, follow_up.suggested_question.text)
        own = compose_follow_up(follow_up_input(question="  What would make this easier?  "))
        self.assertEqual(own.question, "What would make this easier?")
        self.assertEqual(own.suggested_question.key, "date_still_realistic")
        self.assertIn("What would make this easier?", own.email_body)

    def test_it_condenses_the_facts_into_talking_points(self) -> None:
        follow_up = compose_follow_up(follow_up_input(story=STORY))
        self.assertEqual(
            follow_up.talking_points,
            (
                "Tue 20 Oct: I asked you about “Flexible hours on Fridays” in a one-on-one",
                "I said: “Could I start at ten on Fridays?”",
                "Mon 26 Oct: you acknowledged it",
                "Mon 2 Nov: you said you would answer by Fri 13 Nov",
                "Fri 13 Nov was 18 days ago",
                f"{STORY_PREFIX} that {STORY}.",
                "Ask: Is the date you had in mind still realistic, or has something changed?",
            ),
        )

    def test_it_drafts_the_email(self) -> None:
        follow_up = compose_follow_up(follow_up_input(story=STORY))
        self.assertEqual(follow_up.email_subject, "Following up: Flexible hours on Fridays")
        self.assertEqual(
            follow_up.email_body,
            "Hi Zebulon,\n\n"
            "I'd like to come back to my request about “Flexible hours on Fridays”.\n\n"
            "On Tue 20 Oct I asked you about “Flexible hours on Fridays” in a one-on-one. "
            "I said: “Could I start at ten on Fridays?” On Mon 26 Oct you acknowledged it. "
            "On Mon 2 Nov you said you would answer by Fri 13 Nov. "
            "Fri 13 Nov was 18 days ago.\n\n"
            f"{STORY_PREFIX} that {STORY}.\n\n"
            "Is the date you had in mind still realistic, or has something changed?\n\n"
            "Thanks,\nAlice\n",
        )

    def test_it_puts_the_question_before_the_facts_in_a_summary_email(self) -> None:
        body = compose_follow_up(follow_up_input(style=Style.SUMMARY_FIRST)).email_body
        paragraphs = body.split("\n\n")
        self.assertTrue(paragraphs[1].startswith("I'd like to come back"))
        self.assertTrue(paragraphs[2].startswith("Is the date"))
        self.assertTrue(paragraphs[3].startswith("On Tue 20 Oct"))

    def test_it_greets_without_names(self) -> None:
        body = compose_follow_up(follow_up_input(owner_name="", partner_name=" ")).email_body
        self.assertTrue(body.startswith("Hi,\n\n"))
        self.assertTrue(body.endswith("\n\nThanks\n"))

    def test_it_never_complains(self) -> None:
        for name, record in RECORDS.items():
            for style in (None, *Style):
                with self.subTest(name, style=style):
                    follow_up = compose_follow_up(follow_up_input(record, story=STORY, style=style))
                    for text in (
                        follow_up.email_subject,
                        follow_up.email_body,
                        *follow_up.talking_points,
                    ):
                        self.assertIsNone(COMPLAINTS.search(text), text)

    def test_it_carries_the_staleness(self) -> None:
        follow_up = compose_follow_up(follow_up_input())
        self.assertTrue(follow_up.staleness.stale)
        self.assertEqual(follow_up.facts, facts_of(RECORDS["promise passed"]))

    def test_it_is_deterministic(self) -> None:
        self.assertEqual(
            compose_follow_up(follow_up_input(story=STORY)),
            compose_follow_up(follow_up_input(story=STORY)),
        )


class MailtoTestCase(TestCase):
    def test_it_encodes_spaces_and_line_breaks_as_rfc_6068_asks(self) -> None:
        link = mailto_link("zeb@example.com", "Following up: A & B?", "Hi Zeb,\n\nThanks,\nAlice\n")
        self.assertTrue(link.startswith("mailto:zeb@example.com?subject="))
        self.assertNotIn(" ", link)
        self.assertNotIn("+", link)
        self.assertNotIn("\n", link)
        self.assertIn("Following%20up%3A%20A%20%26%20B%3F", link)
        self.assertIn("Hi%20Zeb%2C%0D%0A%0D%0AThanks", link)

    def test_it_reads_back_what_it_wrote(self) -> None:
        follow_up = compose_follow_up(follow_up_input(story=STORY))
        link = mailto_link("zeb@example.com", follow_up.email_subject, follow_up.email_body)
        parts = urlsplit(link)
        self.assertEqual(parts.scheme, "mailto")
        self.assertEqual(unquote(parts.path), "zeb@example.com")
        query = dict(pair.split("=", 1) for pair in parts.query.split("&"))
        self.assertEqual(set(query), {"subject", "body"})
        self.assertEqual(unquote(query["subject"]), follow_up.email_subject)
        self.assertEqual(unquote(query["body"]), follow_up.email_body.replace("\n", "\r\n"))
