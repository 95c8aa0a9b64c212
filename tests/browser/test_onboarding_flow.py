"""The guided start in a real browser: sign up, then hours, partner, three assignments, plan."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tandem.accounts.models import User
from tests.browser.test_partnership_flow import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_up(page, base: str) -> None:
    page.goto(base + "/signup/")
    page.get_by_label("Your name").fill("Maya Lopez")
    page.get_by_label("E-mail address").fill("maya@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)


def capture(page, title: str, effort: str, due: str) -> None:
    page.get_by_label("What was asked").fill(title)
    page.get_by_label("Effort").fill(effort)
    page.get_by_label("Due", exact=True).fill(due)
    page.get_by_role("button", name=re.compile(r"^Add")).click()
    expect(page.get_by_text(f"Added “{title}”.")).to_be_visible()


def test_it_leads_a_new_person_from_sign_up_to_their_plan(
    live_server, new_page, screenshot, accessible
):
    base = live_server.url
    page = new_page(timezone_id="Asia/Tokyo")
    sign_up(page, base)
    # The browser's zone is preselected in a list of zones, not typed.
    expect(page.get_by_label("Time zone")).to_have_value("Asia/Tokyo")
    accessible(page)
    screenshot(page, "50-signup")
    page.get_by_role("button", name="Create my account").click()

    expect(page.get_by_role("heading", name="When do you really work?")).to_be_visible()
    stepper = page.get_by_role("navigation", name="Getting started")
    expect(stepper).to_contain_text("step 1 of 4")
    expect(stepper.locator("[aria-current='step']")).to_have_text("1Your hours")
    expect(page.locator(".start-next")).to_contain_text("Next Your partner")
    expect(page.get_by_label("Time zone")).to_have_value("Asia/Tokyo")
    accessible(page)
    screenshot(page, "51-start-hours")
    page.get_by_label("Friday", exact=True).uncheck()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Who do you work with?")).to_be_visible()
    expect(stepper).to_contain_text("step 2 of 4")
    expect(page.get_by_text("Saved: 34 hours a week.")).to_be_visible()
    page.get_by_label("Partner's name").fill("Sam Okafor")
    page.get_by_label("My manager").check()
    accessible(page)
    screenshot(page, "52-start-partner")
    page.get_by_role("button", name="Create and continue").click()

    expect(page.get_by_role("heading", name="What has Sam Okafor asked of you?")).to_be_visible()
    expect(stepper).to_contain_text("step 3 of 4")
    accessible(page)
    screenshot(page, "53-start-assignments")
    capture(page, "Q3 board report", "1.5d", "next friday")
    capture(page, "Customer churn analysis", "6h", "in 2 weeks")
    expect(page.get_by_role("heading", name="Add 1 more")).to_be_visible()
    capture(page, "Hiring panel", "3h", "in 10 days")
    expect(page.get_by_text("That is three: enough for a first plan.")).to_be_visible()
    accessible(page)
    screenshot(page, "54-start-assignments-done")
    page.get_by_role("link", name="Show my plan").click()

    expect(page).to_have_url(re.compile(r"/p/\d+/workload/$"))
    expect(page.get_by_text("Step 4 of 4, your plan")).to_be_visible()
    expect(page.get_by_role("link", name="Q3 board report")).to_be_visible()
    accessible(page)
    screenshot(page, "55-start-plan")
    maya = User.objects.get(email="maya@example.com")
    assert maya.time_zone == "Asia/Tokyo"
    assert [day.weekday for day in maya.working_days.all()] == [0, 1, 2, 3]


def test_it_lets_every_step_be_skipped(live_server, new_page, accessible):
    page = new_page(viewport={"width": 390, "height": 844})
    sign_up(page, live_server.url)
    page.get_by_role("button", name="Create my account").click()

    page.get_by_role("link", name="Skip this step").click()
    expect(page.get_by_role("heading", name="Who do you work with?")).to_be_visible()
    page.get_by_role("link", name="Skip this step").click()
    expect(page.get_by_role("heading", name="Assignments belong to a partnership")).to_be_visible()
    accessible(page)
    page.get_by_role("link", name="Skip to the end").click()

    expect(page.get_by_role("heading", name="Start with the person you report to")).to_be_visible()
    expect(page.get_by_text("Your plan lives in a partnership")).to_be_visible()
