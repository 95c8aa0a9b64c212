"""The workload page in a real browser: the answer first, options that move the chart,
done with undo, and reordering from the keyboard."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from tandem.demo import create_demo
from tandem.partnerships.models import Partnership
from tandem.workload import services
from tandem.workload.models import Assignment, Status
from tests.browser.test_workload_flow import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fifty(live_server):
    """The demo account with fifty open assignments from three people."""
    user = create_demo()
    partnership = Partnership.objects.get(owner=user, partner_name="Sam Okafor")
    today = user.local_today()
    for n in range(50 - Assignment.objects.filter(owner=user).exclude(status=Status.DONE).count()):
        services.assignment_create(
            user,
            partnership,
            services.AssignmentDraft(
                title=f"Request {n + 1:02d}",
                effort_minutes=60 + 30 * (n % 5),
                due=today + dt.timedelta(days=3 + n % 40),
                asked_by=("Sam", "Priya (HR)", "Finance")[n % 3],
            ),
        )
    return partnership


def _open(new_page, live_server, partnership, viewport=None):
    page = new_page(viewport) if viewport else new_page()
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/p/{partnership.pk}/workload/")
    return page


def test_it_answers_first_with_fifty_assignments(
    live_server, new_page, fifty, screenshot, accessible
):
    page = _open(new_page, live_server, fifty)

    verdict = page.locator("#verdict")
    expect(verdict).to_contain_text("will land late")
    box = verdict.bounding_box()
    assert box["y"] < 250, "the verdict is the first thing on the page"
    expect(page.locator(".plan-group-late .group-head")).to_contain_text("Late")
    page.get_by_role("link", name="will land late").click()
    expect(page.locator(".plan-group-on_track")).to_have_count(0)
    page.goto(f"{live_server.url}/p/{fifty.pk}/workload/")
    page.get_by_label("Asked by whom").select_option("Finance")
    expect(page.get_by_text("asked by Finance")).to_be_visible()
    page.goto(f"{live_server.url}/p/{fifty.pk}/workload/")
    screenshot(page, "24-workload-fifty")
    page.screenshot(path="artifacts/screenshots/24-workload-fifty-first-screen.png")
    accessible(page, "the workload page")

    phone = _open(new_page, live_server, fifty, {"width": 390, "height": 844})
    first_row = phone.locator(".plan-table tbody tr:not(.group-head)").first
    phone.screenshot(path="artifacts/screenshots/24-workload-fifty-phone-first-screen.png")
    # The first row starts on the first screen, its title readable.
    assert first_row.bounding_box()["y"] < 844 - 40, "on a phone the plan is on the first screen"


def test_it_shows_the_chart_with_an_option_applied(live_server, new_page, fifty, screenshot):
    page = _open(new_page, live_server, fifty)
    page.get_by_label("What was asked").fill("Competitor deep-dive")
    page.get_by_label("Effort").fill("2d")
    page.get_by_label("Due", exact=True).fill("in 3 days")
    panel = page.locator("#impact-panel")
    expect(panel.get_by_role("heading", name="Ways to make it fit")).to_be_visible()
    chart = panel.locator("[data-option-chart]")
    before = chart.inner_html()

    panel.locator(".option").first.focus()

    expect(panel.locator("[data-option-caption]")).to_contain_text("with option A")
    assert chart.inner_html() != before
    screenshot(page, "25-option-chart")
    page.locator(".option").first.focus()
    page.screenshot(path="artifacts/screenshots/25-option-chart-first-screen.png")
    panel.locator(".option").first.blur()
    page.mouse.move(0, 0)
    expect(panel.locator("[data-option-caption]")).not_to_contain_text("with option A")


def test_it_marks_done_inline_and_undoes_it(live_server, new_page, fifty):
    page = _open(new_page, live_server, fifty)
    first = Assignment.objects.filter(title="Request 01").get()

    page.get_by_role("button", name=f"Mark #{first.pk} Request 01 done").click()

    expect(
        page.get_by_role("status").filter(has_text=f"Done: #{first.pk} Request 01")
    ).to_be_visible()
    assert Assignment.objects.get(pk=first.pk).status == Status.DONE
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("button", name=f"Mark #{first.pk} Request 01 done")).to_be_visible()
    assert Assignment.objects.get(pk=first.pk).status == Status.ACCEPTED


def test_it_reorders_from_the_keyboard(live_server, new_page, fifty):
    page = _open(new_page, live_server, fifty)
    rows = page.locator(".plan-table tbody tr:not(.group-head) td:nth-child(2) a")
    second = rows.nth(1).inner_text()
    moved = Assignment.objects.get(title=second, owner=fifty.owner)

    up = page.get_by_role("button", name=f"Move #{moved.pk} {second} up")
    up.focus()
    page.keyboard.press("Enter")

    expect(rows.first).to_have_text(second)
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == f"Move #{moved.pk} {second} up", "the same button keeps the focus"
