"""A request that stalled: the owner records it, reflects, prepares and sends a calm follow-up;
the partner answers it in their own browser, and never sees what the owner kept for themselves."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tandem.accounts.models import User
from tandem.lib.dates import format_date
from tandem.partnerships import services as partnership_services
from tandem.partnerships.models import Kind, Partnership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a calm and careful partner"
TITLE = "Flexible hours on Fridays"
SAID = "Could I start at 10 on Fridays? I would make up the hours on Mondays."
WHY = "Friday mornings are when I take my daughter to her swimming lesson."
WANT = "A settled Friday routine, agreed for the rest of the school year."
STORY = "my request slipped down the list behind the Q4 launch"
QUESTION = "How do you see this from where you sit?"
SENT_NOTE = "Sent it after the Tuesday stand-up, with the Monday rota attached."
ANSWER_NOTE = "Which Mondays would you stay late? Send me the team calendar first."
# What the owner wrote for themselves: the partner's pages never carry any of it.
PRIVATE = (SAID, WHY, WANT, STORY, SENT_NOTE)


def log_in(page, base: str, email: str) -> None:
    page.goto(base + "/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def joined_partnership() -> Partnership:
    """Maya owns a partnership with her manager Sam, who has joined it."""
    owner = User.objects.create_user(
        "maya@example.com", PASSWORD, display_name="Maya Lopez", time_zone="UTC"
    )
    partner = User.objects.create_user(
        "sam@example.com", PASSWORD, display_name="Sam Okafor", time_zone="UTC"
    )
    partnership = Partnership.objects.create(
        owner=owner,
        partner_name="Sam Okafor",
        partner_email="sam@example.com",
        kind=Kind.MY_MANAGER,
    )
    issued = partnership_services.invitation_create(partnership)
    partnership_services.invitation_accept(issued.token, partner)
    partnership.refresh_from_db()
    return partnership


def test_it_carries_a_stalled_request_to_a_follow_up_and_an_answer(
    live_server, new_page, screenshot, accessible
):
    partnership = joined_partnership()
    base = live_server.url
    requests_url = f"{base}/p/{partnership.pk}/requests/"
    today = partnership.owner.local_today()
    asked_on = today - dt.timedelta(weeks=6)
    waited = (today - asked_on).days
    asked, said_today = format_date(asked_on, today), format_date(today, today)

    owner = new_page(permissions=["clipboard-read", "clipboard-write"])
    log_in(owner, base, "maya@example.com")

    # 1. The owner records what she asked for, six weeks ago in a one-on-one, and shares it.
    owner.goto(requests_url)
    expect(owner.get_by_role("heading", name="Requests", exact=True)).to_be_visible()
    expect(owner.get_by_role("heading", name="Keep track of what you asked for")).to_be_visible()
    capture = owner.locator("#capture")
    capture.get_by_label("What you asked for").fill(TITLE)
    capture.get_by_label("When you asked").fill("6 weeks ago")
    capture.get_by_label("How", exact=True).select_option(label="In a one-on-one")
    capture.get_by_label("What you said", exact=True).fill(SAID)
    capture.get_by_role("checkbox", name=re.compile(r"^Share with Sam Okafor")).check()
    capture.get_by_role("button", name="Record the request").click()

    expect(owner.get_by_text(f"Recorded “{TITLE}”.")).to_be_visible()
    expect(owner.locator("#verdict")).to_have_text("1 request is waiting too long")
    stale_group = owner.locator(".request-group-stale")
    expect(
        stale_group.get_by_role("heading", name=re.compile(r"^Waiting too long"))
    ).to_be_visible()
    row = stale_group.locator(".request-row").filter(has_text=TITLE)
    expect(row.get_by_text(f"asked {waited} days ago, no answer")).to_be_visible()
    expect(
        row.get_by_text(f"Asked in a one-on-one, {asked} · shared with Sam Okafor")
    ).to_be_visible()
    accessible(owner, "the requests list, with a stale request")
    screenshot(owner, "80-requests")

    # 2. The overview leads with it: it has waited too long.
    owner.goto(f"{base}/p/{partnership.pk}/")
    panel = owner.locator(".waiting-panel")
    expect(panel.get_by_role("heading", name="Waiting too long")).to_be_visible()
    assert owner.locator("main .card, main .tiles").first.evaluate(
        "el => el.classList.contains('waiting-panel')"
    ), "the stale request does not come first on the overview"
    first = panel.locator(".request-row").first
    expect(first.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    expect(first.get_by_text(f"asked {waited} days ago, no answer")).to_be_visible()

    # 3. On the request page, then a private reflection before following up.
    first.get_by_role("link", name=TITLE, exact=True).click()
    expect(owner.get_by_role("heading", name=TITLE, exact=True)).to_be_visible()
    request_url = owner.url
    expect(owner.locator("#verdict")).to_have_text(
        f"Waiting too long asked {waited} days ago, no answer"
    )
    expect(owner.get_by_text(f"{asked}, in a one-on-one")).to_be_visible()
    expect(owner.get_by_text(SAID)).to_be_visible()
    accessible(owner, "the request page (owner)")
    owner.get_by_role("link", name=re.compile(r"^Reflect first")).click()
    expect(owner.get_by_role("heading", name="Reflect before you follow up")).to_be_visible()
    expect(owner.get_by_text("Private: only you see this.")).to_be_visible()
    owner.get_by_label("Why does this matter to you?").fill(WHY)
    owner.get_by_label("What do you really want?").fill(WANT)
    owner.get_by_role("button", name="Save my reflection").click()
    expect(owner.get_by_text("Reflection saved. It stays private to you.")).to_be_visible()
    expect(owner.get_by_label("Why does this matter to you?")).to_have_value(WHY)
    expect(owner.get_by_label("What do you really want?")).to_have_value(WANT)
    accessible(owner, "the reflection")

    # 4. The follow-up builder: the facts from the record, her story, an open question.
    owner.get_by_role("link", name="Next: prepare the follow-up →").click()
    expect(owner.get_by_role("heading", name="Prepare a follow-up")).to_be_visible()
    facts = owner.locator(".facts-list")
    expect(facts).to_contain_text(f"On {asked} I asked you about “{TITLE}” in a one-on-one.")
    expect(facts).to_contain_text(f"I said: “{SAID}”")
    expect(facts).to_contain_text(f"That was {waited} days ago.")
    owner.get_by_role("textbox", name="Your story (optional)").fill(STORY)
    owner.get_by_role("radio", name=re.compile(f"^{re.escape(QUESTION)}")).check()
    expect(owner.get_by_label("Your question, in your words")).to_have_value(QUESTION)
    accessible(owner, "the follow-up builder")
    owner.get_by_role("button", name="Save the draft").click()

    expect(
        owner.get_by_text("Draft saved. The talking points and e-mail follow it.")
    ).to_be_visible()
    expect(owner.get_by_role("textbox", name="Your story (optional)")).to_have_value(STORY)
    expect(owner.get_by_label("Subject")).to_have_value(f"Following up: {TITLE}")
    body = owner.get_by_label("Body")
    expect(body).to_have_value(re.compile(r"^Hi Sam,"))
    expect(body).to_have_value(re.compile(f"The story I'm making up is that {STORY}\\."))
    expect(body).to_have_value(re.compile(re.escape(QUESTION)))
    expect(body).to_have_value(re.compile(r"Thanks,\nMaya\n$"))
    expect(owner.locator(".talking-points")).to_contain_text(f"Ask: {QUESTION}")
    # The page opened at its outputs; from the top, the sticky side menu sits where it belongs.
    owner.evaluate("window.scrollTo(0, 0)")
    screenshot(owner, "81-follow-up-builder")

    # 5. Copy the e-mail, or open it in the e-mail program.
    email_body = body.input_value()
    copy = owner.get_by_role("button", name="Copy the e-mail")
    copy.click()
    # The button says so for a moment, then offers itself again.
    expect(owner.get_by_role("button", name="Copied")).to_be_visible()
    expect(copy).to_be_visible()
    assert owner.evaluate("navigator.clipboard.readText()") == email_body
    mailto = owner.get_by_role("link", name="Open in e-mail").get_attribute("href")
    assert mailto.startswith("mailto:sam@example.com?subject=Following%20up%3A%20Flexible%20")
    query = parse_qs(urlsplit(mailto).query)
    assert query["subject"] == [f"Following up: {TITLE}"]
    assert query["body"] == [email_body.replace("\n", "\r\n")]

    # 6. She sent it: recorded today, by e-mail, the clock starts again.
    record = owner.locator("#record")
    expect(record.get_by_label("When")).to_have_value("today")
    record.get_by_label("How", exact=True).select_option(label="By e-mail")
    record.get_by_label("Note").fill(SENT_NOTE)
    record.get_by_role("button", name="Record the follow-up").click()
    expect(owner.get_by_role("heading", name=TITLE, exact=True)).to_be_visible()
    expect(
        owner.get_by_text(
            f"Follow-up recorded for {said_today}. The clock starts again: Tandem tells you "
            "if 14 days pass without an answer."
        )
    ).to_be_visible()
    expect(owner.locator("#verdict")).to_have_text(
        f"Open asked {waited} days ago; followed up today"
    )
    expect(owner.locator("#verdict").get_by_text("Waiting too long")).to_have_count(0)
    followed_up = owner.locator("#history li").filter(has_text="Followed up")
    expect(followed_up.locator(".timeline-date")).to_have_text(said_today)
    expect(followed_up).to_contain_text("Followed up by e-mail")
    expect(followed_up.get_by_text(SENT_NOTE)).to_be_visible()
    owner.goto(requests_url)
    expect(owner.locator(".request-group-stale")).to_have_count(0)
    expect(owner.locator("#verdict")).to_have_text("Nothing waits too long; 1 request is open")

    # 7. The partner, in a browser of their own, finds it waiting for their answer.
    partner = new_page()
    seen: list[tuple[str, str]] = []
    log_in(partner, base, "sam@example.com")
    seen.append((partner.url, partner.content()))
    partner.goto(f"{base}/p/{partnership.pk}/")
    waiting = partner.locator(".waiting-panel")
    expect(waiting.get_by_role("heading", name="Waiting for your answer")).to_be_visible()
    expect(waiting.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    seen.append((partner.url, partner.content()))
    partner.goto(requests_url)
    expect(partner.locator("#verdict")).to_have_text("1 request waits for your answer")
    expect(
        partner.get_by_role("heading", name=re.compile(r"^Waiting for your answer"))
    ).to_be_visible()
    seen.append((partner.url, partner.content()))
    partner.get_by_role("link", name=f"Answer “{TITLE}”").click()
    expect(partner.get_by_role("heading", name=TITLE, exact=True)).to_be_visible()
    expect(partner.get_by_role("heading", name="Your answer")).to_be_visible()
    expect(partner.get_by_text(f"{asked}, in a one-on-one")).to_be_visible()
    seen.append((partner.url, partner.content()))
    accessible(partner, "the request page (partner)")
    screenshot(partner, "82-partner-request")

    partner.get_by_role("radio", name=re.compile(r"^Ask for more information")).check()
    partner.get_by_label("Note (optional)").fill(ANSWER_NOTE)
    partner.get_by_role("button", name="Send my answer").click()
    expect(partner.get_by_text("Thank you: Maya Lopez has your answer.")).to_be_visible()
    answered = partner.locator("#history li").filter(has_text="Asked for more information")
    expect(answered.locator(".timeline-date")).to_have_text(said_today)
    expect(answered.get_by_text("your answer")).to_be_visible()
    expect(answered.get_by_text(ANSWER_NOTE)).to_be_visible()
    seen.append((partner.url, partner.content()))
    # The next step is the owner's: it waits on her now, not on him.
    partner.goto(requests_url)
    expect(partner.locator("#verdict")).to_have_text("Nothing waits for your answer")
    expect(partner.get_by_role("heading", name=re.compile(r"^Answered"))).to_be_visible()
    expect(
        partner.get_by_text("You asked for more information; Maya Lopez will come back to you.")
    ).to_be_visible()
    seen.append((partner.url, partner.content()))

    # 8. The owner reloads the request: the answer, dated, with its note; the status follows.
    owner.goto(request_url)
    answer = owner.locator("#history li").filter(has_text="Asked for more information")
    expect(answer.locator(".timeline-date")).to_have_text(said_today)
    expect(answer.get_by_text("answered by Sam Okafor")).to_be_visible()
    expect(answer.get_by_text(ANSWER_NOTE)).to_be_visible()
    expect(owner.locator("#verdict")).to_have_text(
        f"Answered asked for more information on {said_today}"
    )

    # 9. Nothing the owner kept for herself reached any page the partner opened.
    assert len(seen) == 6
    for url, html in seen:
        for private in PRIVATE:
            assert private not in html, f"the partner sees {private!r} on {url}"
