from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a calm and careful partner"


def sign_up(page, base: str, name: str, email: str, path: str = "/signup/") -> None:
    page.goto(base + path)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()


def test_it_takes_a_person_from_sign_up_to_a_joined_partner(
    live_server, new_page, screenshot, accessible
):
    base = live_server.url
    owner = new_page()

    page = owner
    page.goto(base + "/")
    expect(page).to_have_url(re.compile(r"/login/"))
    accessible(page)
    screenshot(page, "01-login")

    sign_up(page, base, "Maya Lopez", "maya@example.com")
    # The guided start comes first; this flow takes its own way, through Settings.
    expect(page.get_by_role("heading", name="When do you really work?")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", name="Profile & working hours")).to_be_visible()
    accessible(page)
    screenshot(page, "02-settings")

    # Half day on Friday, and Wednesdays off.
    page.get_by_label("Friday end").fill("12:30")
    page.get_by_label("Wednesday", exact=True).uncheck()
    page.get_by_role("button", name="Save profile and hours").click()
    expect(page.get_by_text("Your profile and working hours are saved.")).to_be_visible()
    expect(page.get_by_text("29 hours a week")).to_be_visible()

    page.get_by_role("link", name="Partnerships").click()
    expect(page.get_by_role("heading", name="Start with the person you report to")).to_be_visible()
    accessible(page)
    screenshot(page, "03-home-empty")
    page.get_by_role("link", name="Create your first partnership").click()
    page.get_by_label("Partner's name").fill("Sam Okafor")
    page.get_by_label("My manager").check()
    accessible(page)
    screenshot(page, "04-create-partnership")
    page.get_by_role("button", name="Create partnership").click()
    expect(page.get_by_text("Working solo for now.")).to_be_visible()
    expect(page.locator(".sidenav-sub")).to_have_text("Not invited yet")
    accessible(page)
    screenshot(page, "05-dashboard-solo")

    page.get_by_role("link", name="Invite Sam Okafor").click()
    page.get_by_role("button", name="Create an invitation link").click()
    link = page.get_by_label("Invitation link").input_value()
    assert "/invite/inv_" in link
    # The whole link is in view, not "http://12".
    assert page.get_by_label("Invitation link").evaluate("el => el.scrollWidth <= el.clientWidth")
    expect(page.locator(".sidenav-sub")).to_have_text("Invitation sent")
    accessible(page)
    screenshot(page, "06-invite")

    partner = new_page()
    partner.goto(link)
    expect(partner.get_by_role("heading", name="Maya Lopez invited you to Tandem")).to_be_visible()
    accessible(partner)
    screenshot(partner, "07-invitation")
    partner.get_by_role("link", name="Create an account to join").click()
    sign_up(partner, base, "Sam Okafor", "sam@example.com", path=partner.url.replace(base, ""))
    expect(partner).to_have_url(re.compile(r"/invite/"))
    partner.get_by_role("button", name="Join as Sam Okafor").click()
    expect(partner.get_by_text("You joined Maya Lopez's partnership.")).to_be_visible()
    expect(partner.get_by_role("heading", name="Maya Lopez")).to_be_visible()
    # Nothing is shared yet: the partner sees no workload and none of the private areas.
    nav = partner.get_by_role("navigation", name="Partnership")
    expect(nav.get_by_role("link", name="Workload")).to_have_count(0)
    expect(nav.get_by_role("link", name="Partner profile")).to_have_count(0)
    accessible(partner)
    screenshot(partner, "08-partner-dashboard")

    owner.reload()
    expect(owner.get_by_role("button", name="Remove Sam Okafor")).to_be_visible()
    owner.get_by_role("link", name="Overview").click()
    expect(owner.get_by_text("Sam Okafor has joined.")).to_be_visible()
    accessible(owner)
    screenshot(owner, "09-dashboard-joined")


def test_it_keeps_what_was_typed_when_a_form_is_wrong(
    live_server, new_page, screenshot, accessible
):
    page = new_page()
    sign_up(page, live_server.url, "Maya Lopez", "not-an-email")
    # Said once, at the field.
    expect(page.get_by_text("Enter a valid email address.")).to_have_count(1)
    expect(page.get_by_label("Your name")).to_have_value("Maya Lopez")
    accessible(page)
    screenshot(page, "10-signup-error")
