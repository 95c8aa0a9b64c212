from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tandem.demo import DEMO_EMAIL, DEMO_PASSWORD, create_demo
from tandem.partnerships.models import Partnership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str) -> None:
    page.goto(base + "/login/")
    page.get_by_label("E-mail address").fill(DEMO_EMAIL)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_it_shows_what_a_new_ask_displaces_and_shares_a_brief(
    live_server, new_page, screenshot, accessible
):
    create_demo()
    partnership = Partnership.objects.get(partner_name="Sam Okafor")
    base = live_server.url
    page = new_page()
    log_in(page, base)
    page.goto(f"{base}/p/{partnership.pk}/workload/")
    expect(page.get_by_role("heading", name="The plan")).to_be_visible()
    screenshot(page, "20-workload")
    accessible(page)

    page.get_by_label("What was asked").fill("Competitor deep-dive")
    page.get_by_label("Effort").fill("2d")
    page.get_by_label("Due", exact=True).fill("in 3 days")
    panel = page.locator("#impact-panel")
    expect(
        panel.get_by_text(re.compile(r"Taking on .Competitor deep-dive. by .* moves"))
    ).to_be_visible()
    expect(panel.get_by_role("heading", name="What moves")).to_be_visible()
    expect(panel.get_by_role("heading", name="Ways to make it fit")).to_be_visible()
    screenshot(page, "21-impact-panel")
    accessible(page)

    panel.get_by_role("button", name="Propose this in a brief").first.click()
    expect(page.get_by_role("heading", name="Brief for Sam Okafor")).to_be_visible()
    expect(page.locator(".brief-question")).to_contain_text("option A")
    screenshot(page, "22-brief")
    accessible(page)

    page.get_by_role("button", name="Create a read-only link").click()
    link = page.get_by_label("Brief link").input_value()
    assert "/b/brf_" in link

    stranger = new_page()
    stranger.goto(link)
    expect(stranger.locator(".brief-question")).to_be_visible()
    expect(stranger.get_by_text("Competitor deep-dive").first).to_be_visible()
    # Nothing else is reachable: no workspace navigation, no private notes.
    expect(stranger.get_by_role("navigation", name="Partnership")).to_have_count(0)
    screenshot(stranger, "23-shared-brief")
    accessible(stranger)


def test_it_rejects_an_unreadable_effort_and_keeps_the_input(live_server, new_page):
    create_demo()
    partnership = Partnership.objects.get(partner_name="Sam Okafor")
    page = new_page()
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/p/{partnership.pk}/workload/")
    page.get_by_label("What was asked").fill("Board pack")
    page.get_by_label("Effort").fill("a while")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#id_effort_error")).to_contain_text("'a while' is not an effort")
    expect(page.get_by_label("What was asked")).to_have_value("Board pack")
