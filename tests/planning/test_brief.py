from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from unittest import TestCase

from tandem.planning.availability import DayCapacity
from tandem.planning.brief import OTHER_WORK, Brief, BriefInput, Section, Style, compose_brief
from tandem.planning.impact import impact_of
from tandem.planning.options import find_options
from tandem.planning.planner import WorkItem, plan

TODAY = date(2026, 11, 30)  # a Monday
COMPLAINTS = re.compile(
    r"overwhelm|too much|impossible|stress|unfair|exhaust|swamped|drowning|can't cope|!",
    re.IGNORECASE,
)
# "3h", "1d 2h", "45m": how an effort is typed, not how the brief says it.
SHORT_EFFORT = re.compile(r"\b\d+[dhm]\b")


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
# Eight reports due this week: far more than fits, with options of many moves.
REPORTS = [item(i, f"Report {i}", 10, TODAY + timedelta(days=i % 5 + 1)) for i in range(1, 9)]


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


def change_input(change: WorkItem, items: list[WorkItem], **fields) -> BriefInput:
    """A brief about a change to one of `items`, with the options the changed plan has."""
    impact = impact_of(items, days(), change)
    changed = [change if i.id == change.id else i for i in items]
    options = find_options(changed, days())
    return BriefInput(
        "Alice Owner", "Zebulon Boss", TODAY, impact.after, impact, None, options, **fields
    )


def first_screen(brief: Brief) -> list[Section]:
    """The sections before the detail, which the page folds away, and the question."""
    return [s for s in brief.sections if not s.folded]


def bullets(sections: list[Section]) -> int:
    return sum(len(s.lines) for s in sections if s.key not in ("bottom_line", "question"))


def every_input() -> list[BriefInput]:
    small = replace(VENDOR_REVIEW, remaining_minutes=120, due=date(2026, 12, 11))
    heavy = [item(1, "Q3 board report", 31, TODAY + timedelta(days=4))]
    return [
        ask_input(),
        ask_input(chosen=0),
        ask_input(chosen=2, style=Style.DETAIL_FIRST),
        ask_input(with_options=False),
        ask_input(small),
        ask_input(ask_is_new=False, chosen=1),
        ask_input(replace(VENDOR_REVIEW, remaining_minutes=17 * 60)),
        status_input([BOARD_REPORT, ROTA]),
        status_input([BOARD_REPORT, ROTA, VENDOR_REVIEW], chosen=0),
        status_input(heavy),
        status_input(REPORTS),
        status_input(REPORTS, chosen=0),
        status_input(REPORTS, chosen=1, style=Style.DETAIL_FIRST),
        status_input([]),
        change_input(replace(ROTA, remaining_minutes=40 * 60, priority=1), [BOARD_REPORT, ROTA]),
    ]


def every_text(brief: Brief) -> list[str]:
    texts = [brief.title, brief.question, brief.markdown, brief.email_subject, brief.email_body]
    for s in brief.sections:
        texts.append(s.heading)
        texts.append(s.lead)
        texts.extend(s.lines)
    return texts


class ComposeBriefTestCase(TestCase):
    def test_it_leads_with_what_the_ask_displaces_and_the_suggestion(self) -> None:
        brief = compose_brief(ask_input(chosen=0))
        self.assertEqual(
            section(brief, "bottom_line"),
            (
                "Taking on 'Vendor review' by Fri 4 Dec moves 'Q3 board report' past its due "
                "date. I suggest moving 'Vendor review' to Tue 8 Dec; everything then "
                "lands on time.",
            ),
        )

    def test_it_asks_about_the_suggested_option(self) -> None:
        brief = compose_brief(ask_input(chosen=0))
        self.assertEqual(
            brief.question, "Can we go with option A (move 'Vendor review' to Tue 8 Dec)?"
        )
        self.assertEqual(section(brief, "question"), (brief.question,))

    def test_it_keeps_the_first_screen_to_seven_bullets(self) -> None:
        for data in every_input():
            brief = compose_brief(data)
            if (data.style or Style.SUMMARY_FIRST) is Style.DETAIL_FIRST:
                continue
            first = first_screen(brief)
            keys = [s.key for s in first]
            self.assertLessEqual(
                set(keys), {"bottom_line", "nothing_changes", "proposal", "options", "question"}
            )
            self.assertLessEqual(bullets(first), 7, brief.markdown)
            # The detail comes after: the load by week and what moves are never on it.
            folded = [s.key for s in brief.sections if s.folded]
            self.assertLessEqual(
                {"load", "displaced"} & {s.key for s in brief.sections}, set(folded)
            )

    def test_it_lists_every_move_of_a_long_proposal_within_the_first_screen(self) -> None:
        brief = compose_brief(status_input(REPORTS, chosen=0))
        first = first_screen(brief)
        self.assertEqual(
            [s.key for s in first], ["bottom_line", "nothing_changes", "proposal", "question"]
        )
        self.assertEqual(bullets(first), 7)
        proposal = section(brief, "proposal")
        self.assertEqual(proposal[0], "#5 Report 5: due Tue 1 Dec → Wed 2 Dec")
        self.assertTrue(proposal[3].startswith("Also #2 Report 2: due Thu 3 Dec → Fri 11 Dec; "))
        self.assertTrue(proposal[3].endswith("#4 Report 4: due Sat 5 Dec → Fri 25 Dec"))
        self.assertEqual(
            proposal[4], "8 dates move, the latest by 20 days; everything lands on time."
        )

    def test_it_says_what_happens_if_nothing_changes_apart_from_the_proposal(self) -> None:
        brief = compose_brief(ask_input(chosen=0))
        self.assertEqual(
            section(brief, "nothing_changes"),
            ("'Q3 board report' lands Tue 8 Dec, 1 day after its due date of Mon 7 Dec.",),
        )
        proposal = next(s for s in brief.sections if s.key == "proposal")
        self.assertEqual(proposal.heading, "What I propose")
        self.assertEqual(proposal.lead, "Option A: Push #9 Vendor review to Tue 8 Dec")
        self.assertEqual(
            proposal.lines,
            (
                "#9 Vendor review: due Fri 4 Dec → Tue 8 Dec",
                "1 date moves, by 4 days; everything lands on time.",
            ),
        )
        keys = [s.key for s in brief.sections]
        self.assertEqual(keys.index("proposal"), keys.index("nothing_changes") + 1)
        self.assertIn("\n## If nothing changes\n\n- 'Q3 board report' lands", brief.markdown)

    def test_it_names_the_weeks_that_are_over(self) -> None:
        overloaded = [item(1, "Q3 board report", 31, TODAY + timedelta(days=4))]
        self.assertEqual(
            section(compose_brief(status_input(overloaded)), "nothing_changes"),
            (
                "'Q3 board report' lands Wed 9 Dec, 5 days after its due date of Fri 4 Dec.",
                "This week has 11 hours more work due than time to do it.",
            ),
        )
        self.assertEqual(
            section(compose_brief(status_input(REPORTS)), "nothing_changes"),
            (
                "8 items land after their due dates, among them 'Report 5', 'Report 1' and "
                "'Report 6'.",
                "Weeks with more work due than time: this week (about 8 days over), next week "
                "(5 days over) and the week of 14 Dec (about 3 days over).",
            ),
        )

    def test_it_offers_the_options_to_choose_from_without_a_suggestion(self) -> None:
        data = ask_input()
        brief = compose_brief(data)
        options = next(s for s in brief.sections if s.key == "options")
        self.assertEqual(options.heading, "What I propose")
        self.assertFalse(options.folded)
        self.assertEqual(len(options.lines), len(data.options))
        self.assertNotIn("proposal", [s.key for s in brief.sections])

    def test_it_letters_the_options_and_marks_the_suggestion(self) -> None:
        data = ask_input(chosen=1)
        brief = compose_brief(data)
        options = next(s for s in brief.sections if s.key == "options")
        self.assertEqual(options.heading, "The options")
        self.assertTrue(options.folded)
        self.assertEqual(len(options.lines), len(data.options))
        self.assertTrue(options.lines[0].startswith("A. Push #9 Vendor review to Tue 8 Dec — "))
        self.assertTrue(options.lines[1].startswith("B (my suggestion). Push #9 Vendor review"))
        self.assertEqual(sum("(my suggestion)" in line for line in options.lines), 1)

    def test_it_gives_each_option_a_headline_its_moves_and_its_cost(self) -> None:
        self.assertEqual(
            section(compose_brief(ask_input()), "options"),
            (
                "A. Push #9 Vendor review to Tue 8 Dec — due Fri 4 Dec → Tue 8 Dec. "
                "1 date moves, by 4 days; everything lands on time.",
                "B. Push #9 Vendor review to Wed 9 Dec — due Fri 4 Dec → Wed 9 Dec, starting "
                "Tue 8 Dec. 1 date moves, by 5 days; everything lands on time.",
                "C. Push #1 Q3 board report to Tue 8 Dec — due Mon 7 Dec → Tue 8 Dec. "
                "1 date moves, by 1 day; everything lands on time.",
                "D. Trim 4 hours from #1 Q3 board report — about 3 days → 16 hours of work. "
                "4 hours less work; everything lands on time.",
                "E. Trim 4 hours from #9 Vendor review — 8 hours → 4 hours of work. "
                "4 hours less work; everything lands on time.",
            ),
        )
        several = section(compose_brief(status_input(REPORTS)), "options")
        self.assertEqual(
            several[2],
            "C. Push #5 Report 5 to Fri 25 Dec, and 1 more change — #5 Report 5: due Tue 1 Dec "
            "→ Fri 25 Dec; #4 Report 4: due Sat 5 Dec → Wed 23 Dec. 2 dates move, the latest "
            "by 24 days; 5 items are still late.",
        )
        later_start = section(
            compose_brief(
                change_input(
                    replace(ROTA, remaining_minutes=40 * 60, priority=1),
                    [BOARD_REPORT, ROTA, VENDOR_REVIEW],
                )
            ),
            "options",
        )
        self.assertEqual(
            later_start[3],
            "D. Start #2 Team rota on Mon 7 Dec, and 1 more change — #2 Team rota: start Mon "
            "30 Nov → Mon 7 Dec, still due Fri 18 Dec; #9 Vendor review: 8 hours of work → "
            "handed off. 8 hours handed off, and a later start; everything lands on time.",
        )
        for data in every_input():
            for text in every_text(compose_brief(data)):
                self.assertNotRegex(text, r"\b0 (assignments|items)|makes 0")

    def test_it_never_numbers_work_the_partner_may_not_see(self) -> None:
        hidden = replace(BOARD_REPORT, title=OTHER_WORK)
        brief = compose_brief(status_input([hidden, ROTA, VENDOR_REVIEW], chosen=0))
        self.assertEqual(
            next(s.lead for s in brief.sections if s.key == "proposal"),
            "Option A: Push other work (not shared here) to Tue 8 Dec",
        )
        for text in every_text(brief):
            self.assertNotIn(f"#{hidden.id} ", text)

    def test_it_asks_which_should_move_without_a_suggestion(self) -> None:
        brief = compose_brief(ask_input())
        self.assertEqual(brief.question, "Which of these should move?")
        self.assertNotIn("(my suggestion)", brief.markdown)
        self.assertIn("Here are 5 ways through", section(brief, "bottom_line")[0])

    def test_it_asks_the_question_last_and_alone(self) -> None:
        for data in every_input():
            brief = compose_brief(data)
            question = brief.question
            self.assertEqual(brief.sections[-1], Section("question", "The question", (question,)))
            self.assertTrue(brief.markdown.endswith(f"\n\n## The question\n\n**{question}**\n"))
            self.assertTrue(brief.email_body.endswith(f"\n\n{question}\n\nThanks,\nAlice\n"))
            for text in (brief.markdown, brief.email_body):
                self.assertEqual(text.count(question), 1)

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

    def test_it_frames_work_already_on_the_list_as_finishing_it(self) -> None:
        brief = compose_brief(ask_input(ask_is_new=False, chosen=0))
        self.assertEqual(brief.title, "Workload: finishing 'Vendor review'")
        self.assertTrue(
            section(brief, "bottom_line")[0].startswith(
                "Finishing 'Vendor review' by Fri 4 Dec moves 'Q3 board report' past its due "
                "date. I suggest moving"
            )
        )
        self.assertEqual(
            section(brief, "load")[0],
            "'Vendor review', already on my list, has 8 hours of work left, due Fri 4 Dec.",
        )
        self.assertIn(
            "\n\nHere is how 'Vendor review' fits with the rest of my work.", brief.email_body
        )
        small = replace(VENDOR_REVIEW, remaining_minutes=240, due=date(2026, 12, 11))
        fits = compose_brief(ask_input(small, ask_is_new=False))
        self.assertEqual(fits.question, "Shall I carry on with 'Vendor review' as planned?")
        for text in every_text(brief) + every_text(fits):
            self.assertNotRegex(text.lower(), r"taking on|take on|new ask")

    def test_it_describes_a_change_to_an_existing_assignment(self) -> None:
        bigger = replace(ROTA, remaining_minutes=40 * 60, priority=1)
        brief = compose_brief(change_input(bigger, [BOARD_REPORT, ROTA, VENDOR_REVIEW]))
        self.assertEqual(brief.title, "Workload: the change to 'Team rota'")
        self.assertTrue(
            section(brief, "bottom_line")[0].startswith(
                "This change to 'Team rota' moves 'Vendor review' past its due date."
            )
        )
        self.assertEqual(
            section(brief, "load")[0],
            "The change to 'Team rota': 2 hours → 5 days of work; priority none → 1.",
        )
        self.assertTrue(
            brief.email_body.startswith(
                "Hi Zebulon,\n\nHere is what the change to 'Team rota' means for my other work."
            )
        )

    def test_it_reads_a_new_due_date_as_moving_the_assignment(self) -> None:
        budget = item(3, "Budget", 8, date(2026, 12, 10))
        earlier = replace(budget, due=date(2026, 12, 2))
        brief = compose_brief(change_input(earlier, [BOARD_REPORT, ROTA, budget]))
        self.assertTrue(
            section(brief, "bottom_line")[0].startswith(
                "Moving 'Budget' to Wed 2 Dec pushes 'Q3 board report' past its due date."
            ),
            section(brief, "bottom_line")[0],
        )
        self.assertEqual(
            section(brief, "load")[0], "The change to 'Budget': due Thu 10 Dec → Wed 2 Dec."
        )

    def test_it_says_efforts_the_way_people_speak(self) -> None:
        def ask_line(minutes: int, day_minutes: int) -> str:
            ask = replace(VENDOR_REVIEW, remaining_minutes=minutes)
            return section(compose_brief(ask_input(ask, day_minutes=day_minutes)), "load")[0]

        self.assertEqual(
            ask_line(23 * 60 + 27, 720),
            "The new ask, 'Vendor review', is about 23 hours of work, due Fri 4 Dec.",
        )
        self.assertEqual(
            ask_line(3 * 480 + 50, 480),
            "The new ask, 'Vendor review', is about 3 days of work, due Fri 4 Dec.",
        )
        self.assertEqual(
            ask_line(45, 480), "The new ask, 'Vendor review', is 45 minutes of work, due Fri 4 Dec."
        )

    def test_it_says_every_effort_one_way(self) -> None:
        # 17 hours is two of an eight-hour day: "about 2 days" wherever it is said.
        brief = compose_brief(ask_input(replace(VENDOR_REVIEW, remaining_minutes=17 * 60)))
        self.assertEqual(
            section(brief, "load")[0],
            "The new ask, 'Vendor review', is about 2 days of work, due Fri 4 Dec.",
        )
        self.assertIn(
            "E. Trim 13 hours from #9 Vendor review — about 2 days → 4 hours of work.",
            section(brief, "options")[4],
        )
        for text in (brief.markdown, brief.email_body):
            self.assertIn("'Vendor review', is about 2 days of work", text)
            self.assertIn("#9 Vendor review — about 2 days → 4 hours of work", text)
        for data in every_input():
            for text in every_text(compose_brief(data)):
                self.assertNotRegex(text, SHORT_EFFORT)

    def test_it_states_the_weekly_load_in_spoken_efforts(self) -> None:
        overloaded = [item(1, "Q3 board report", 31, TODAY + timedelta(days=4))]
        lines = section(compose_brief(status_input(overloaded, day_minutes=240)), "load")
        self.assertIn(
            "This week: about 8 days of work due against 5 days available "
            "(about 3 days more than available)",
            lines,
        )
        # The late work is still due the week after.
        self.assertIn("Next week: about 3 days of work due against 5 days available", lines)
        self.assertIn("w/c 14 Dec: nothing due, 5 days available", lines)

    def test_it_counts_open_and_at_risk_assignments(self) -> None:
        brief = compose_brief(ask_input())
        lines = section(brief, "load")
        self.assertEqual(
            lines[0], "The new ask, 'Vendor review', is 8 hours of work, due Fri 4 Dec."
        )
        self.assertIn(
            "3 open assignments, about 4 days of work in all, including the new ask.", lines
        )
        status = section(compose_brief(status_input([BOARD_REPORT, ROTA])), "load")
        self.assertIn("At risk: 'Q3 board report' (due Mon 7 Dec, lands Fri 4 Dec).", status)

    def test_it_words_efforts_in_the_owners_working_days(self) -> None:
        three_short_days = replace(VENDOR_REVIEW, remaining_minutes=18 * 60)
        lines = section(compose_brief(ask_input(three_short_days, day_minutes=360)), "load")
        self.assertEqual(
            lines[0], "The new ask, 'Vendor review', is 3 days of work, due Fri 4 Dec."
        )

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
        self.assertNotIn("nothing_changes", [s.key for s in brief.sections])

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
        lines = section(compose_brief(data), "nothing_changes")
        self.assertEqual(lines[0], "'Data migration', due Thu 3 Dec, is not done by Sun 13 Dec.")

    def test_it_has_a_calm_status_brief_when_nothing_is_open(self) -> None:
        brief = compose_brief(status_input([]))
        self.assertIn("nothing open", section(brief, "bottom_line")[0])
        self.assertIn("No open assignments.", section(brief, "load"))

    def test_it_puts_the_bottom_line_first_by_default(self) -> None:
        summary_order = ["bottom_line", "nothing_changes", "options", "load", "displaced"]
        for style in (None, Style.SUMMARY_FIRST):
            brief = compose_brief(ask_input(style=style))
            self.assertEqual([s.key for s in brief.sections], [*summary_order, "question"])
        proposed = compose_brief(ask_input(chosen=0))
        self.assertEqual(
            [(s.key, s.folded) for s in proposed.sections],
            [
                ("bottom_line", False),
                ("nothing_changes", False),
                ("proposal", False),
                ("load", True),
                ("displaced", True),
                ("options", True),
                ("question", False),
            ],
        )

    def test_it_puts_the_numbers_first_for_a_partner_who_wants_detail(self) -> None:
        brief = compose_brief(ask_input(style=Style.DETAIL_FIRST))
        self.assertEqual(
            [s.key for s in brief.sections],
            ["load", "displaced", "nothing_changes", "options", "bottom_line", "question"],
        )
        self.assertFalse(any(s.folded for s in brief.sections))
        headings = [line for line in brief.markdown.splitlines() if line.startswith("## ")]
        self.assertEqual(
            headings,
            [
                "## Load by week",
                "## What moves",
                "## If nothing changes",
                "## What I propose",
                "## In short",
                "## The question",
            ],
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
        self.assertIn(
            "\n## What I propose\n\n**Option A: Push #9 Vendor review to Tue 8 Dec**\n\n"
            "- #9 Vendor review: due Fri 4 Dec → Tue 8 Dec\n",
            markdown,
        )
        self.assertIn("\n- A (my suggestion). Push #9 Vendor review to Tue 8 Dec — ", markdown)
        self.assertIn("**Can we go with option A (move 'Vendor review' to Tue 8 Dec)?**", markdown)
        self.assertIn("\n- This week: ", markdown)

    def test_it_writes_an_email_from_owner_to_partner(self) -> None:
        brief = compose_brief(ask_input(chosen=0))
        self.assertEqual(brief.email_subject, "Workload: taking on 'Vendor review'")
        body = brief.email_body
        self.assertTrue(body.startswith("Hi Zebulon,\n\n"))
        self.assertTrue(body.endswith("\n\nThanks,\nAlice\n"))
        self.assertIn(
            "\nWhat I propose\nOption A: Push #9 Vendor review to Tue 8 Dec\n"
            "- #9 Vendor review: due Fri 4 Dec → Tue 8 Dec\n",
            body,
        )
        self.assertIn("\nThe options\n- A (my suggestion). ", body)
        self.assertIn(brief.question, body)
        self.assertNotRegex(body, r"(^|\s)#(\s|#)")
        self.assertNotIn("**", body)

    def test_it_never_complains(self) -> None:
        for data in every_input():
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
