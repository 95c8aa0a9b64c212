"""Areas join the overview through the registry: the overview never imports an area."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.urls import resolve, reverse

import tandem
from tandem import areas
from tandem.partnerships import views as partnership_views
from tandem.workload.overview import WorkloadFigures
from tests.conftest import logged_in, overview
from tests.workload.conftest import assign, day, frozen  # noqa: F401  (frozen time)

SOURCE = Path(tandem.__file__).parent
pytestmark = pytest.mark.usefixtures("frozen")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("module", sorted(p.name for p in (SOURCE / "partnerships").glob("*.py")))
def test_it_keeps_the_overview_free_of_imports_from_areas(module):
    imported = _imports(SOURCE / "partnerships" / module)

    assert not {
        name
        for name in imported
        if name.startswith(
            (
                "tandem.workload",
                "tandem.requests",
                "tandem.oneonones",
                "tandem.meetings",
                "tandem.agreements",
                "tandem.agreeing",
            )
        )
    }


@pytest.mark.parametrize("area", ["workload", "requests", "oneonones", "agreements"])
def test_it_keeps_areas_free_of_imports_from_the_overview(area):
    for path in (SOURCE / area).glob("*.py"):
        assert "tandem.partnerships.views" not in _imports(path), path.name


def test_it_keeps_the_agreement_free_of_imports_from_one_on_ones():
    """One-on-ones put the agreement's review on the agenda: they read the agreement, never
    the other way round."""
    one_on_ones = ("tandem.oneonones", "tandem.meetings")
    for path in [*(SOURCE / "agreements").glob("*.py"), *(SOURCE / "agreeing").glob("*.py")]:
        assert not [name for name in _imports(path) if name.startswith(one_on_ones)], path.name


def test_it_serves_a_built_area_from_its_own_app_never_the_placeholder():
    built = [area for area in areas.all_areas() if area.built]

    assert [area.slug for area in built] == ["workload", "requests", "one-on-ones", "agreement"]
    for area in built:
        match = resolve(reverse(f"area-{area.slug}", args=[1]))
        assert match.func is not partnership_views.area, f"{area.slug} is shadowed"


def test_it_drops_an_areas_placeholder_the_moment_its_app_registers(monkeypatch):
    monkeypatch.setattr(areas, "_registered", dict(areas._registered))

    areas.register("profile", figures=lambda viewer, p: None, tile_template="x.html")

    assert "profile" not in [area.slug for area in areas.planned_areas()]
    assert [a.slug for a in areas.all_areas()][:5] == [
        "workload",
        "requests",
        "one-on-ones",
        "agreement",
        "profile",
    ]


def test_it_puts_a_leading_panel_before_the_others_whenever_it_registered(monkeypatch):
    monkeypatch.setattr(areas, "_panels", {})
    nothing = lambda viewer, p: None  # noqa: E731

    areas.register_panel(areas.OverviewPanel("first", "a.html", nothing))
    areas.register_panel(areas.OverviewPanel("urgent", "b.html", nothing, lead=True))
    areas.register_panel(areas.OverviewPanel("second", "c.html", nothing))

    assert [p.name for p in areas.overview_panels()] == ["urgent", "first", "second"]


def test_it_refuses_an_area_that_is_not_on_the_roadmap_or_registers_twice(monkeypatch):
    monkeypatch.setattr(areas, "_registered", dict(areas._registered))

    with pytest.raises(ValueError, match="ROADMAP"):
        areas.register("gossip", figures=lambda viewer, p: None, tile_template="x.html")
    with pytest.raises(ValueError, match="twice"):
        areas.register("workload", figures=lambda viewer, p: None, tile_template="x.html")


def test_it_shows_each_built_areas_figures_on_the_overview(alice, partnership, solo_partnership):
    assign(partnership, "Q3 board report", 3000, due=day(2))
    assign(partnership, "Pricing memo", 60, due=day(30))
    assign(solo_partnership, "Team rota", 60)

    response = overview(alice, partnership)

    figures = dict(response.context["tiles"])
    workload = next(area for area in figures if area.slug == "workload")
    assert figures[workload] == WorkloadFigures(
        open_count=3, here_count=2, late_count=1, at_risk_count=0
    )
    assert "3</strong> open (2 for Zebulon Boss)" in response.content.decode()


def test_it_counts_late_work_on_the_overview_as_the_full_plan_does(alice, partnership):
    # Due dates far apart: the overview plans only up to the last one.
    for n, (minutes, due) in enumerate([(900, 1), (2000, 9), (60, 40), (60000, 200)]):
        assign(partnership, f"Item {n}", minutes, due=day(due))
    assign(partnership, "Undated", 9000)

    response = overview(alice, partnership)
    plan_page = logged_in(alice).get(reverse("area-workload", args=[partnership.pk]))

    figures = next(f for area, f in response.context["tiles"] if area.slug == "workload")
    full = plan_page.context["plan"]
    assert (figures.late_count, figures.at_risk_count) == (full.late_count, full.at_risk_count)
    assert figures.late_count >= 1
