from __future__ import annotations

from datetime import date, timedelta
from unittest import TestCase
from xml.etree import ElementTree

from tandem.planning.chart import OVER, ChartRow, load_chart, week_label
from tandem.planning.planner import WeekLoad

SVG = "{http://www.w3.org/2000/svg}"
MONDAY = date(2026, 11, 23)


def week(offset: int, required_hours: float, capacity_hours: float) -> WeekLoad:
    required, capacity = round(required_hours * 60), round(capacity_hours * 60)
    return WeekLoad(
        week_start=MONDAY + timedelta(weeks=offset),
        capacity_minutes=capacity,
        planned_minutes=min(required, capacity),
        required_minutes=required,
        overloaded=required > capacity,
    )


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


class LoadChartTestCase(TestCase):
    def setUp(self) -> None:
        self.weeks = [week(0, 31, 24), week(1, 12, 24), week(2, 6, 16.8), week(3, 0, 24)]
        self.chart = load_chart(self.weeks, today=MONDAY)
        self.root = ElementTree.fromstring(self.chart.svg)

    def bars(self, css_class: str) -> list[ElementTree.Element]:
        group = next(g for g in self.root.iter(f"{SVG}g") if g.get("class") == "chart-bars")
        return [
            rect
            for rect in group.iter(f"{SVG}rect")
            if css_class in (rect.get("class") or "").split()
        ]

    def test_it_is_well_formed_svg_that_scales_to_a_phone(self) -> None:
        self.assertEqual(self.root.tag, f"{SVG}svg")
        self.assertEqual(self.root.get("width"), "100%")
        self.assertEqual(self.root.get("viewBox"), "0 0 400 260")
        self.assertIsNone(self.root.get("height"))

    def test_it_labels_itself_with_title_and_desc(self) -> None:
        self.assertEqual(self.root.get("role"), "img")
        title = self.root.find(f"{SVG}title")
        desc = self.root.find(f"{SVG}desc")
        self.assertEqual(title.text, "Work due versus time available, per week")
        self.assertIn("w/c 23 Nov to w/c 14 Dec", desc.text)
        labelled_by = self.root.get("aria-labelledby").split()
        self.assertEqual(labelled_by, [title.get("id"), desc.get("id")])

    def test_it_uses_no_inline_styles(self) -> None:
        for element in self.root.iter():
            self.assertNotEqual(element.tag, f"{SVG}style")
            self.assertNotIn("style", element.attrib)
        self.assertNotIn("style", self.chart.svg)

    def test_it_draws_bar_heights_in_proportion_to_hours(self) -> None:
        required = self.bars("chart-required")
        capacity = self.bars("chart-capacity")
        self.assertEqual(len(required), 4)
        self.assertEqual(len(capacity), 4)
        per_hour = float(required[0].get("height")) / 31
        for bar, load in zip(required, self.weeks, strict=True):
            self.assertAlmostEqual(
                float(bar.get("height")), per_hour * load.required_minutes / 60, delta=0.02
            )
        for bar, load in zip(capacity, self.weeks, strict=True):
            self.assertAlmostEqual(
                float(bar.get("height")), per_hour * load.capacity_minutes / 60, delta=0.02
            )

    def test_it_stands_bars_on_the_same_baseline(self) -> None:
        bottoms = {
            round(float(bar.get("y")) + float(bar.get("height")), 2)
            for bar in self.bars("chart-required") + self.bars("chart-capacity")
        }
        self.assertEqual(len(bottoms), 1)

    def test_it_marks_overloaded_weeks_in_colour_and_in_words(self) -> None:
        required = self.bars("chart-required")
        self.assertIn("chart-over", required[0].get("class").split())
        self.assertEqual(required[0].get("fill"), OVER)
        self.assertNotIn("chart-over", required[1].get("class").split())
        labels = [t for t in self.root.iter(f"{SVG}text") if t.get("class") == "chart-over-label"]
        self.assertEqual([label.text for label in labels], ["over"])
        self.assertIn("7h more than available", required[0].find(f"{SVG}title").text)
        desc = self.root.find(f"{SVG}desc").text
        self.assertIn("One week has more work due than time available: w/c 23 Nov", desc)

    def test_it_uses_a_warning_colour_with_enough_contrast(self) -> None:
        # Graphical objects need 3:1 against their background (WCAG 1.4.11).
        ratio = (1 + 0.05) / (luminance(OVER) + 0.05)
        self.assertGreaterEqual(ratio, 3)

    def test_it_has_a_legend_and_an_hour_scale(self) -> None:
        texts = [t.text for t in self.root.iter(f"{SVG}text")]
        for expected in ("Work due", "Time available", "Over capacity", "Hours", "0h", "40h"):
            self.assertIn(expected, texts)
        self.assertIn("23 Nov", texts)

    def test_it_gives_rows_as_the_text_equivalent(self) -> None:
        self.assertEqual(
            self.chart.rows[0],
            ChartRow(
                label="w/c 23 Nov",
                required_minutes=31 * 60,
                capacity_minutes=24 * 60,
                overloaded=True,
            ),
        )
        self.assertEqual(self.chart.rows[2].capacity_minutes, 1008)
        self.assertEqual([row.overloaded for row in self.chart.rows], [True, False, False, False])

    def test_it_escapes_hostile_text(self) -> None:
        hostile = '<script>alert("x")</script> & </title><title>'
        chart = load_chart(self.weeks, today=MONDAY, title=hostile, id_prefix='a" onload="x')
        root = ElementTree.fromstring(chart.svg)
        self.assertEqual(root.find(f"{SVG}title").text, hostile)
        self.assertNotIn("<script", chart.svg)
        self.assertIsNone(root.get("onload"))

    def test_it_says_so_when_there_is_no_load_yet(self) -> None:
        chart = load_chart([], today=MONDAY)
        root = ElementTree.fromstring(chart.svg)
        self.assertEqual(chart.rows, ())
        self.assertEqual(root.get("role"), "img")
        self.assertIsNotNone(root.find(f"{SVG}title"))
        self.assertIn("No load yet", root.find(f"{SVG}desc").text)
        self.assertIn("No load yet", root.find(f"{SVG}text").text)
        self.assertNotIn("style", chart.svg)

    def test_it_draws_weeks_with_no_hours_at_all(self) -> None:
        chart = load_chart([week(0, 0, 0)], today=MONDAY)
        root = ElementTree.fromstring(chart.svg)
        heights = [float(r.get("height")) for r in root.iter(f"{SVG}rect") if r.get("data-minutes")]
        self.assertEqual(heights, [0, 0])

    def test_it_thins_week_labels_when_there_are_many_weeks(self) -> None:
        weeks = [week(offset, 10, 20) for offset in range(16)]
        root = ElementTree.fromstring(load_chart(weeks, today=MONDAY).svg)
        ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("aria-hidden") == "true"]
        self.assertEqual(len(ticks), 8)

    def test_it_names_weeks_by_their_monday_with_the_year_when_it_differs(self) -> None:
        self.assertEqual(week_label(date(2026, 11, 23), MONDAY), "w/c 23 Nov")
        self.assertEqual(week_label(date(2027, 1, 4), MONDAY), "w/c 4 Jan 2027")
