"""The boss answers a shared brief without an account; the owner sees it where they work."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tandem.demo import DEMO_EMAIL, DEMO_PASSWORD, create_demo
from tandem.partnerships.models import Partnership
from tandem.workload.models import Assignment, BriefAnswer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str) -> None:
    page.goto(base + "/login/")
    page.get_by_label("E-mail address").fill(DEMO_EMAIL)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def test_it_carries_the_bosses_answer_to_the_owner(live_server, new_page, screenshot, accessible):
    create_demo()
    partnership = Partnership.objects.get(partner_name="Sam Okafor")
    ask = Assignment.objects.get(title="Vendor review")
    base = live_server.url
    owner = new_page()
    log_in(owner, base)
    owner.goto(f"{base}/p/{partnership.pk}/workload/{ask.pk}/brief/")
    owner.get_by_role("button", name="Create a read-only link").click()
    link = owner.get_by_label("Brief link").input_value()

    # The boss, in a browser of their own with no account, reads the brief and answers it.
    boss = new_page()
    boss.goto(link)
    expect(boss.get_by_text("Maya Lopez would like your answer.")).to_be_visible()
    expect(boss.get_by_role("navigation", name="Partnership")).to_have_count(0)
    screenshot(boss, "30-shared-brief-to-answer")
    accessible(boss, "the shared brief, before answering")
    boss.get_by_role("link", name="Answer", exact=True).click()
    boss.get_by_role("radio", name=re.compile(r"^Option A")).check()
    boss.get_by_label("Note (optional)").fill("Fine by me. Tell Finance the reforecast moves.")
    boss.get_by_role("button", name="Send my answer").click()

    expect(
        boss.get_by_role("heading", name="Thank you. Maya Lopez has your answer.")
    ).to_be_visible()
    expect(boss.get_by_text("Tell Finance the reforecast moves.")).to_be_visible()
    expect(boss.get_by_role("button", name="Send my answer")).to_have_count(0)
    screenshot(boss, "31-shared-brief-answered")
    accessible(boss, "the shared brief, answered")
    answer = BriefAnswer.objects.get()
    assert (answer.assignment, answer.option, answer.answered_by) == (ask, 0, None)

    # The owner finds it on the assignment page, with who, what and when.
    owner.goto(f"{base}/p/{partnership.pk}/workload/{ask.pk}/")
    card = owner.locator("#answers")
    expect(card.get_by_role("heading", name="Answers")).to_be_visible()
    expect(card.get_by_text("chose option A")).to_be_visible()
    expect(card.get_by_text("Tell Finance the reforecast moves.")).to_be_visible()
    expect(card.get_by_text("through the shared link")).to_be_visible()
    screenshot(owner, "32-assignment-answers")
    accessible(owner, "the assignment page with its answer")

    # And on the overview, until it is handled.
    owner.goto(f"{base}/p/{partnership.pk}/")
    panel = owner.locator(".answers-panel")
    expect(panel.get_by_role("heading", name="New answers from Sam Okafor")).to_be_visible()
    expect(panel.get_by_text("Tell Finance the reforecast moves.")).to_be_visible()
    screenshot(owner, "33-overview-answers")
    accessible(owner, "the overview with a new answer")

    # The owner reopens the question: the same link takes one more answer.
    owner.goto(f"{base}/p/{partnership.pk}/workload/{ask.pk}/")
    owner.once("dialog", lambda dialog: dialog.accept())
    owner.get_by_role("button", name="Allow another answer").click()
    expect(
        owner.get_by_text("Sam Okafor can answer once more through the same link.")
    ).to_be_visible()
    boss.reload()
    expect(boss.get_by_text("Maya Lopez asked for another answer.")).to_be_visible()
    boss.get_by_role("radio", name="Let's talk").check()
    boss.get_by_role("button", name="Send my answer").click()
    expect(boss.get_by_text("Let's talk", exact=True)).to_be_visible()
    assert BriefAnswer.objects.count() == 2
