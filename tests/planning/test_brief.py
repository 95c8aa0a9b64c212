from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from unittest import TestCase

from tandem.planning.availability import DayCapacity
from tandem.planning.brief import Brief, BriefInput, Style, compose_brief
from tandem.planning.impact import impact_of
from tandem.planning.options import find_options
from tandem.planning.planner import WorkItem, plan

TODAY = date(2026, 11, 30)  # a Monday
COMPLAINTS = re.compile(
    r"overwhelm|too much|impossible|stress|unfair|exhaust|swamped|drowning|can't cope|!",
    re.IGNORECASE,
)


def days(count: int = 70, minutes: int = 240) -> list[DayCapacity]:
    """Four focused hours on weekdays, none at weekends."""
    result = []
    for offset in range(count):
        day = TODAY + timedelta(days=offset)
        capacity = minutes if day.weekday() < 5 else 0
        result.append(DayCapacity(day, capacity, capacity))
    return result


def item(
    item_id: int, title: str, hours: float, due: date | None, priority: int | None = None
) -> WorkItem:
    return WorkItem(item_id, title, round(hours * 60), due, priority, date(2026, 11, 1))


BOARD_REPORT = item(1, "Q3 board report", 20, date(2026, 12, 7))
ROTA = item(2, "Team rota", 2, date(2026, 12, 18))
VENDOR_REVIEW = replace(item(9, "Vendor review", 8, date(2026, 12, 4)), created=TODAY)


def ask_input(ask: WorkItem = VENDOR_REVIEW, with_options: bool = True, **fields) -> BriefInput:
    items = [BOARD_REPORT, ROTA]
    impact = impact_of(items, days(), ask)
    options = find_options([*items, ask], days(), ask_id=ask.id) if with_options else []
    return BriefInput(
        owner_name="Alice Owner",
        partner_name="Zebulon Boss",
        today=TODAY,
        plan=impact.after,
        impact=impact,
        ask_id=ask.id,
        options=options,
        **fields,
    )


def status_input(items: list[WorkItem], **fields) -> BriefInput:
    return BriefInput(
        owner_name="Alice Owner",
        partner_name="Zebulon Boss",
        today=TODAY,
        plan=plan(items, days()),
        impact=None,
        ask_id=None,
        options=find_options(items, days()),
        **fields,
    )


def section(brief: Brief, key: str) -> tuple[str, ...]:
    return next(s.lines for s in brief.sections if s.key == key)


def every_text(brief: Brief) -> list[str]:
    texts = [brief.title, brief.question, brief.markdown, brief.email_subject, brief.email_body]
    for s in brief.sections:
        texts.append(s.heading)
        texts.extend(s.lines)
    return texts


class ComposeBriefTestCase(TestCase):
    def test_it_leads_with_what_the_ask_displaces_and_the_suggestion(self) -> None:
        brief = compose_brief(ask_input(chosen=0))
        self.assertEqual(
            section(brief, "bottom_line"),
            (
                "Taking on 'Vendor review' by Fri 4 Dec moves 'Q3 board report' past its due "
                "date. I suggest moving 'Vendor review' to Tue 8 Dec; everything else then "
                "lands on time.",
            ),
        )

    def test_it_asks_about_the_suggested_option(self) -> None:
        brief = compose_brief(ask_input(chosen=0))
        self.assertEqual(
            brief.question, "Can we go with option A (move 'Vendor review' to Tue 8 Dec)?"
        )
        self.assertEqual(section(brief, "question"), (brief.question,))

    def test_it_letters_the_options_and_marks_the_suggestion(self) -> None:
        data = ask_input(chosen=1)
        lines = section(compose_brief(data), "options")
        self.assertEqual(len(lines), len(data.options))
        self.assertEqual(lines[0], f"A. {data.options[0].explanation}")
        self.assertEqual(lines[1], f"B (my suggestion). {data.options[1].explanation}")
        self.assertEqual(sum("(my suggestion)" in line for line in lines), 1)

    def test_it_asks_which_should_move_without_a_suggestion(self) -> None:
        brief = compose_brief(ask_input())
        self.assertEqual(brief.question, "Which of these should move?")
        self.assertNotIn("(my suggestion)", brief.markdown)
        self.assertIn("Here are 5 ways through", section(brief, "bottom_line")[0])

    def test_it_lists_what_slips_and_what_becomes_late(self) -> None:
        lines = section(compose_brief(ask_input()), "displaced")
        self.assertEqual(
            lines,
            (
                "'Q3 board report': lands Tue 8 Dec instead of Fri 4 Dec (4 days later), "
                "after its due date of Mon 7 Dec.",
                "'Team rota': lands Wed 9 Dec instead of Mon 7 Dec (2 days later), "
                "still before its due date of Fri 18 Dec.",
            ),
        )

    def test_it_asks_what_comes_first_when_there_are_no_options(self) -> None:
        brief = compose_brief(ask_input(with_options=False))
        self.assertEqual(
            brief.question, "Which should come first: 'Vendor review' or 'Q3 board report'?"
        )
        self.assertNotIn("options", [s.key for s in brief.sections])
        self.assertIn("agree what comes first", section(brief, "bottom_line")[0])

    def test_it_says_when_the_ask_fits_and_what_it_costs(self) -> None:
        small = replace(VENDOR_REVIEW, remaining_minutes=240, due=date(2026, 12, 11))
        brief = compose_brief(ask_input(small))
        self.assertEqual(
            section(brief, "bottom_line"),
            (
                "Taking on 'Vendor review' by Fri 11 Dec fits: it lands on Mon 7 Dec, "
                "4 days before it is due, and everything else stays on time. It costs some "
                "slack: 'Team rota' finishes 1 day later and still has 10 days to spare.",
            ),
        )
        self.assertEqual(
            brief.question, "Shall I take on 'Vendor review' with a due date of Fri 11 Dec?"
        )
        self.assertNotIn("options", [s.key for s in brief.sections])

    def test_it_says_nothing_else_moves_when_the_ask_comes_last(self) -> None:
        later = replace(VENDOR_REVIEW, remaining_minutes=120, due=date(2026, 12, 23))
        brief = compose_brief(ask_input(later))
        self.assertTrue(section(brief, "bottom_line")[0].endswith("Nothing else moves."))
        self.assertEqual(section(brief, "displaced"), ("Nothing else moves.",))

    def test_it_describes_a_change_to_an_existing_assignment(self) -> None:
        items = [BOARD_REPORT, ROTA, VENDOR_REVIEW]
        bigger = replace(ROTA, remaining_minutes=40 * 60, priority=1)
        impact = impact_of(items, days(), bigger)
        changed = [bigger if i.id == ROTA.id else i for i in items]
        options = find_options(changed, days())
        brief = compose_brief(
            BriefInput("Alice Owner", "Zebulon Boss", TODAY, impact.after, impact, None, options)
        )
        self.assertEqual(brief.title, "Workload: the change to 'Team rota'")
        self.assertTrue(section(brief, "bottom_line")[0].startswith("This change moves "))
        self.assertTrue(brief.email_body.startswith("Hi Zebulon,\n\nHere is where my workload"))

    def test_it_states_the_weekly_load_in_plain_hours(self) -> None:
        overloaded = [item(1, "Q3 board report", 31, TODAY + timedelta(days=4))]
        lines = section(compose_brief(status_input(overloaded)), "load")
        self.assertIn(
            "This week: 31h of work due against 20h available (11h more than available)", lines
        )
        # The late work is still due the week after.
        self.assertIn("Next week: 11h of work due against 20h available", lines)
        self.assertIn("w/c 14 Dec: nothing due, 20h available", lines)

    def test_it_counts_open_late_and_at_risk_assignments(self) -> None:
        brief = compose_brief(ask_input())
        lines = section(brief, "load")
        self.assertEqual(lines[0], "The new ask, 'Vendor review', is 1d of work, due Fri 4 Dec.")
        self.assertIn("3 open assignments, 3d 6h of work in all, including the new ask.", lines)
        self.assertIn("Late: 'Q3 board report' (due Mon 7 Dec, lands Tue 8 Dec).", lines)

    def test_it_words_efforts_in_the_owners_working_days(self) -> None:
        lines = section(compose_brief(ask_input(day_minutes=360)), "load")
        self.assertEqual(lines[0], "The new ask, 'Vendor review', is 1d 2h of work, due Fri 4 Dec.")

    def test_it_gives_a_status_brief_that_asks_about_the_order(self) -> None:
        brief = compose_brief(status_input([BOARD_REPORT, ROTA]))
        self.assertEqual(brief.question, "Is this the right order?")
        self.assertEqual(brief.title, "Workload on Mon 30 Nov")
        self.assertEqual(
            section(brief, "bottom_line"),
            (
                "Everything lands on time: 2 open assignments, the next due is "
                "'Q3 board report' on Mon 7 Dec. 'Q3 board report' has little room to spare.",
            ),
        )
        self.assertIn(
            "In order: 'Q3 board report' (due Mon 7 Dec), then 'Team rota' (due Fri 18 Dec).",
            section(brief, "load"),
        )
        self.assertNotIn("displaced", [s.key for s in brief.sections])

    def test_it_offers_options_in_a_status_brief_with_late_work(self) -> None:
        brief = compose_brief(status_input([BOARD_REPORT, ROTA, VENDOR_REVIEW]))
        self.assertTrue(
            section(brief, "bottom_line")[0].startswith(
                "At the current load, 'Q3 board report' lands after its due date."
            )
        )
        self.assertEqual(brief.question, "Which of these should move?")

    def test_it_says_when_work_does_not_finish_within_the_plan(self) -> None:
        huge = item(1, "Data migration", 100, TODAY + timedelta(days=3))
        data = replace(status_input([huge]), plan=plan([huge], days(count=14)))
        lines = section(compose_brief(data), "load")
        self.assertIn("Late: 'Data migration' (due Thu 3 Dec, lands after Sun 13 Dec).", lines)

    def test_it_has_a_calm_status_brief_when_nothing_is_open(self) -> None:
        brief = compose_brief(status_input([]))
        self.assertIn("nothing open", section(brief, "bottom_line")[0])
        self.assertIn("No open assignments.", section(brief, "load"))

    def test_it_puts_the_bottom_line_first_by_default(self) -> None:
        summary_order = ["bottom_line", "options", "question", "load", "displaced"]
        for style in (None, Style.SUMMARY_FIRST):
            brief = compose_brief(ask_input(style=style))
            self.assertEqual([s.key for s in brief.sections], summary_order)

    def test_it_puts_the_numbers_first_for_a_partner_who_wants_detail(self) -> None:
        brief = compose_brief(ask_input(style=Style.DETAIL_FIRST))
        self.assertEqual(
            [s.key for s in brief.sections],
            ["load", "displaced", "options", "bottom_line", "question"],
        )
        headings = [line for line in brief.markdown.splitlines() if line.startswith("## ")]
        self.assertEqual(
            headings,
            ["## Current load", "## What moves", "## Options", "## In short", "## The question"],
        )

    def test_it_shows_more_weeks_for_detail(self) -> None:
        def week_lines(style: Style) -> list[str]:
            lines = section(compose_brief(ask_input(style=style)), "load")
            return [line for line in lines if "available" in line or "working time" in line]

        self.assertEqual(len(week_lines(Style.SUMMARY_FIRST)), 4)
        self.assertEqual(len(week_lines(Style.DETAIL_FIRST)), 8)

    def test_it_gives_the_next_eight_weeks_for_the_chart(self) -> None:
        brief = compose_brief(ask_input())
        self.assertEqual(len(brief.weeks), 8)
        self.assertEqual(brief.weeks[0].week_start, TODAY)
        self.assertEqual(brief.weeks[-1].week_start, TODAY + timedelta(weeks=7))

    def test_it_writes_markdown_with_headings_and_bullets(self) -> None:
        markdown = compose_brief(ask_input(chosen=0)).markdown
        self.assertTrue(
            markdown.startswith("# Workload: taking on 'Vendor review'\n\n## In short\n")
        )
        self.assertIn("\n- A (my suggestion). Move 'Vendor review' to Tue 8 Dec", markdown)
        self.assertIn("**Can we go with option A (move 'Vendor review' to Tue 8 Dec)?**", markdown)
        self.assertIn("\n- This week: ", markdown)

    def test_it_writes_an_email_from_owner_to_partner(self) -> None:
        brief = compose_brief(ask_input(chosen=0))
        self.assertEqual(brief.email_subject, "Workload: taking on 'Vendor review'")
        body = brief.email_body
        self.assertTrue(body.startswith("Hi Zebulon,\n\n"))
        self.assertTrue(body.endswith("\n\nThanks,\nAlice\n"))
        self.assertIn("\nOptions\n- A (my suggestion). ", body)
        self.assertIn(brief.question, body)
        self.assertNotIn("#", body)
        self.assertNotIn("**", body)

    def test_it_never_complains(self) -> None:
        small = replace(VENDOR_REVIEW, remaining_minutes=120, due=date(2026, 12, 11))
        heavy = [item(1, "Q3 board report", 31, TODAY + timedelta(days=4))]
        inputs = [
            ask_input(),
            ask_input(chosen=2, style=Style.DETAIL_FIRST),
            ask_input(with_options=False),
            ask_input(small),
            status_input([BOARD_REPORT, ROTA]),
            status_input([BOARD_REPORT, ROTA, VENDOR_REVIEW], chosen=0),
            status_input(heavy),
            status_input([]),
        ]
        for data in inputs:
            for text in every_text(compose_brief(data)):
                self.assertIsNone(COMPLAINTS.search(text), text)

    def test_it_is_deterministic(self) -> None:
        self.assertEqual(compose_brief(ask_input(chosen=1)), compose_brief(ask_input(chosen=1)))

    def test_it_rejects_a_suggestion_that_is_not_an_option(self) -> None:
        with self.assertRaises(ValueError):
            compose_brief(ask_input(chosen=5))
        with self.assertRaises(ValueError):
            compose_brief(ask_input(with_options=False, chosen=0))

    def test_it_rejects_an_ask_missing_from_the_plan(self) -> None:
        data = ask_input()
        with self.assertRaises(ValueError):
            compose_brief(replace(data, plan=data.impact.before))
