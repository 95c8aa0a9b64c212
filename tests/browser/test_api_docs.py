"""The API's interactive documentation, in a real browser under Tandem's own CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_lists_the_operations_on_the_docs_page(live_server, new_page, screenshot):
    page = new_page()
    outside = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server.url) else outside.append(request.url)
        ),
    )

    page.goto(live_server.url + "/api/docs")

    expect(page.get_by_role("heading", name="Tandem API")).to_be_visible()
    plan = page.locator(".opblock-summary-path", has_text="/api/partnerships/{partnership_id}/plan")
    expect(plan).to_be_visible()
    expect(page.locator(".opblock-summary-path", has_text="/api/me").first).to_be_visible()
    # Opening an operation shows its documented answers, the error shape among them.
    plan.click()
    expect(page.locator(".responses-table").first).to_contain_text("404")
    assert outside == [], f"the docs page reached outside Tandem: {outside}"
    screenshot(page, "40-api-docs")
