"""The partnership agreement, in two browsers: Alice shapes the questions; she and Bob each
answer privately (drafts first, then submitted); both sets are revealed side by side; they
agree the texts and commitments, both confirm version 1, start version 2 and read what
changed. Then the version printed as a document to sign, and the forms without scripts."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tandem.agreeing import STANDARD_QUESTIONS, wording
from tandem.agreeing.document import document_date
from tandem.agreements import services
from tandem.agreements.models import Question
from tandem.partnerships.models import Side
from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS
from tests.browser.test_accessibility import SMALL_TARGETS, TAP_TARGETS
from tests.browser.test_one_on_ones_flow import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CUSTOM = "How do we share credit for the work we do together?"
CUSTOM_HINT = "Think of the last launch."
# Alice takes this standard question out of the set.
REMOVED = "values"
# Left empty by Alice: it is optional.
OPTIONAL = "great_before"
# What each one's answers carry, to look for where they must not be.
ALICE_MARK = "alice-answer-4417"
BOB_DRAFT_MARK = "bob-draft-9083"
ALICE_COMMITMENTS = "- Send the Friday update by 4 pm\n- Say early when a deadline slips"
BOB_COMMITMENTS = "Answer urgent asks the same day\nKeep our one-on-one every week"
AGREED_COMMUNICATING = "Messages for anything that can wait a day; a call when it cannot."
AGREED_ROUTINES = "A weekly one-on-one on Monday mornings, and a Friday update by 4 pm."
CHANGED_COMMUNICATING = (
    "Messages for anything that can wait a day; a call when it cannot; none after 7 pm."
)
ADDED_COMMITMENT = "Share the quarter's priorities in its first week"
REWORDED_COMMITMENT = "Say as soon as a deadline slips, not on the day"


def title(key: str) -> str:
    """A standard question's title, which names its section: the same for every reader."""
    return wording(key, "peer").title


def prompt(partnership, user, key: str) -> str:
    """A standard question as `user` reads it: "your manager" for Alice, "your report" for
    Bob."""
    return wording(key, partnership.kind_for(user)).prompt


def answer_keys() -> list[str]:
    return [q.key for q in STANDARD_QUESTIONS if q.key not in (REMOVED, OPTIONAL)]


def fill_answers(page, partnership, user, texts: dict[str, str]) -> None:
    """Types each answer into the field labelled with its question, as `user` reads it."""
    for key, text in texts.items():
        label = CUSTOM if key == "custom" else prompt(partnership, user, key)
        page.get_by_label(label, exact=True).fill(text)


# What a thumb taps on the agreement's pages, besides what every page has.
AGREEMENT_TARGETS = ", .agreement-links a, .version-list a, .tap, .print-back, .icon-button, .check"


def look(page, accessible, screenshot, name: str, what: str) -> None:
    """An agreement page as it is now: axe-clean, captured at 1280 and 390 px (the capture
    fails when the page is wider than the phone), every tap target 44 px high on a phone."""
    accessible(page, what)
    # A full-page capture draws sticky parts (the side navigation, the answers' buttons) where
    # the scrolled window has them: from the top, they stand where a reader first sees them.
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, f"agreement-flow-{name}")
    page.set_viewport_size(PHONE)
    small = page.evaluate(SMALL_TARGETS, TAP_TARGETS + AGREEMENT_TARGETS)
    page.set_viewport_size(DESKTOP)
    assert not small, f"tap targets under 44 px on {what}: {small}"


def said(page, where: str):
    return page.locator(f"{where} .said")


def section_id(page, key: str) -> str:
    """The id of the version's section titled after the question `key`."""
    heading = page.locator(".version-section h3").filter(has_text=re.compile(f"^{title(key)}$"))
    return heading.get_attribute("id").removesuffix("-title")


def confirmations(page):
    return page.locator("#confirm .confirm-list li")


def test_two_people_write_confirm_and_revise_their_agreement(
    live_server, new_page, screenshot, accessible, partnership
):
    alice, bob = partnership.owner, partnership.partner
    base = live_server.url
    area = f"{base}/p/{partnership.pk}/agreement/"
    confirmed_on = document_date(alice.local_today())

    # 1. Alice opens the agreement: nothing written yet, the page says what it is for.
    owner = new_page()
    log_in(owner, base, alice.email)
    owner.goto(area)
    expect(owner.locator("#standing-heading")).to_have_text(
        "Answer the questions — 0 of 14 drafted"
    )
    expect(owner.get_by_role("heading", name="How you want to work together")).to_be_visible()
    look(owner, accessible, screenshot, "01-area-first-visit", "the agreement, first visit")

    # 2. She shapes the questions: one of her own, moved up, and a standard one removed.
    owner.get_by_role("link", name="Add, remove or reorder questions").click()
    expect(owner.get_by_role("heading", name="The questions", level=1)).to_be_visible()
    expect(owner.locator(".verdict")).to_have_text("14 questions, 13 needing an answer")
    owner.get_by_label("Your question").fill(CUSTOM)
    owner.get_by_label("A hint (optional)").fill(CUSTOM_HINT)
    expect(owner.get_by_label("Needs an answer before submitting")).to_be_checked()
    owner.get_by_role("button", name="Add the question").click()
    expect(owner.get_by_role("status")).to_have_text(
        f"Added “{CUSTOM}”: it is the last question now."
    )
    prompts = owner.locator(".question-prompt")
    trust = prompt(partnership, alice, "trust")
    expect(prompts.last).to_have_text(CUSTOM)

    owner.get_by_role("button", name=f"Move “{CUSTOM}” up").click()
    expect(said(owner, "#question-list")).to_have_text(f"Moved “{CUSTOM}” up.")
    expect(prompts.nth(-2)).to_have_text(CUSTOM)
    expect(prompts.last).to_have_text(trust)

    owner.once("dialog", lambda dialog: dialog.accept())
    owner.get_by_role("button", name=f"Remove “{title(REMOVED)}”").click()
    expect(said(owner, "#question-list")).to_have_text(
        f"Removed “{prompt(partnership, alice, REMOVED)}” from the set."
    )
    expect(prompts).to_have_count(14)
    expect(owner.locator(".verdict")).to_have_text("14 questions, 13 needing an answer")
    expect(prompts.filter(has_text=prompt(partnership, alice, REMOVED))).to_have_count(0)
    look(owner, accessible, screenshot, "02-questions", "the questions, shaped by Alice")

    # 3. Alice answers: a draft of three, saved; she leaves, comes back, and it is there.
    owner.get_by_role("link", name="Answer them").click()
    expect(owner.get_by_role("heading", name="Your answers", level=1)).to_be_visible()
    alices = {key: f"{title(key)}: Alice's view ({ALICE_MARK})." for key in answer_keys()}
    alices["commitments"] = ALICE_COMMITMENTS
    alices["custom"] = f"Name who did the work in the update ({ALICE_MARK})."
    first_three = dict(list(alices.items())[:3])
    fill_answers(owner, partnership, alice, first_three)
    owner.get_by_role("button", name="Save draft").click()
    expect(said(owner, "#answers-said")).to_have_text(
        re.compile(
            r"^Draft saved at \d\d:\d\d: 3 of 14 answered\. Only you see it until you submit\.$"
        )
    )
    look(owner, accessible, screenshot, "03-answers-draft-saved", "Alice's answers, a draft")

    owner.get_by_role("link", name="Agreement", exact=True).first.click()
    expect(owner.locator("#standing-heading")).to_have_text(
        "Answer the questions — 3 of 14 drafted"
    )
    look(owner, accessible, screenshot, "04-area-drafting", "the agreement, Alice drafting")
    owner.get_by_role("link", name="Continue answering").click()
    for key, text in first_three.items():
        expect(owner.get_by_label(prompt(partnership, alice, key), exact=True)).to_have_value(text)

    # Submitting with a required answer empty is refused, naming it; nothing typed is lost.
    rest = {key: text for key, text in alices.items() if key not in first_three}
    without_trust = {key: text for key, text in rest.items() if key != "trust"}
    fill_answers(owner, partnership, alice, without_trust)
    owner.get_by_role("button", name="Submit my answers").click()
    expect(owner.locator("#answers-form [role=alert]")).to_have_text(
        f"Answer every required question before you submit: “{title('trust')}”. "
        "Your answers so far are saved."
    )
    trust_field = owner.get_by_label(trust, exact=True)
    expect(trust_field).to_have_attribute("aria-invalid", "true")
    expect(owner.locator(".answer-field", has=trust_field).locator(".errorlist")).to_have_text(
        "Needs an answer before you submit."
    )
    for key, text in without_trust.items():
        label = CUSTOM if key == "custom" else prompt(partnership, alice, key)
        expect(owner.get_by_label(label, exact=True)).to_have_value(text)
    look(owner, accessible, screenshot, "05-answers-refused", "Alice's answers, refused")

    trust_field.fill(alices["trust"])
    owner.get_by_role("button", name="Submit my answers").click()
    expect(owner).to_have_url(area)
    expect(owner.get_by_role("status")).to_have_text(
        "Submitted. Zebulon Boss sees nothing of it until they submit too; until then you can "
        "reopen your answers."
    )
    expect(owner.locator("#standing-heading")).to_have_text("Waiting for Zebulon Boss to submit")
    look(owner, accessible, screenshot, "06-area-waiting", "the agreement, Alice waiting")

    # 4. Bob answers in his own browser, worded from his side: a draft, then a refusal.
    partner = new_page()
    log_in(partner, base, bob.email)
    partner.goto(area)
    expect(partner.locator("#standing-heading")).to_have_text(
        "Answer the questions — 0 of 14 drafted"
    )
    expect(partner.locator(".agreement-detail")).to_have_text(
        "Alice Owner has submitted. Both sets are revealed as soon as you submit yours."
    )
    look(partner, accessible, screenshot, "07-area-partner", "the agreement, Bob's first visit")
    partner.get_by_role("link", name="Answer the questions").click()
    expect(partner.get_by_label(prompt(partnership, bob, "valued"), exact=True)).to_be_visible()
    assert "your report" in prompt(partnership, bob, "valued")
    bobs = {key: f"{title(key)}: Bob's draft ({BOB_DRAFT_MARK})." for key in answer_keys()}
    bobs["commitments"] = BOB_COMMITMENTS
    bobs["custom"] = f"Credit in the room, not only in writing ({BOB_DRAFT_MARK})."
    bobs_draft = {key: bobs[key] for key in ("works", "communicating", "custom")}
    fill_answers(partner, partnership, bob, bobs_draft)
    partner.get_by_role("button", name="Save draft").click()
    expect(said(partner, "#answers-said")).to_contain_text("3 of 14 answered")
    look(partner, accessible, screenshot, "08-answers-partner-draft", "Bob's answers, a draft")
    partner.goto(area)
    partner.get_by_role("link", name="Continue answering").click()
    expect(partner.get_by_label(CUSTOM, exact=True)).to_have_value(bobs["custom"])

    # Neither reads anything of the other's before both have submitted.
    owner.goto(area + "answers/both/")
    expect(owner.get_by_role("heading", name="Waiting for Zebulon Boss to submit")).to_be_visible()
    assert BOB_DRAFT_MARK not in owner.content()
    assert BOB_DRAFT_MARK not in owner.locator("body").inner_text()
    look(owner, accessible, screenshot, "09-both-before-reveal", "both answers, before the reveal")
    partner.goto(area + "answers/both/")
    expect(
        partner.get_by_role("heading", name="Alice Owner has submitted: your turn")
    ).to_be_visible()
    assert ALICE_MARK not in partner.content()
    assert ALICE_MARK not in partner.locator("body").inner_text()
    partner.go_back()

    fill_answers(partner, partnership, bob, {k: v for k, v in bobs.items() if k != "custom"})
    partner.get_by_label(CUSTOM, exact=True).fill("")
    partner.get_by_role("button", name="Submit my answers").click()
    expect(partner.locator("#answers-form [role=alert]")).to_contain_text(f"“{CUSTOM}”")
    expect(partner.get_by_label(prompt(partnership, bob, "trust"), exact=True)).to_have_value(
        bobs["trust"]
    )

    # 5. Bob submits: both sets are revealed, to both, side by side.
    partner.get_by_label(CUSTOM, exact=True).fill(bobs["custom"])
    partner.get_by_role("button", name="Submit my answers").click()
    expect(partner).to_have_url(area + "answers/both/")
    expect(partner.get_by_role("status")).to_have_text(
        "Both of you have submitted: here are both sets of answers, side by side."
    )
    custom_pair = partner.locator(".reveal-question").filter(has_text=CUSTOM)
    expect(custom_pair.locator(".reveal-answer.is-mine")).to_contain_text(bobs["custom"])
    expect(custom_pair.locator(".reveal-answer").last).to_contain_text(alices["custom"])
    expect(custom_pair.locator(".reveal-who")).to_have_text(["You", "Alice Owner"])
    look(partner, accessible, screenshot, "10-both-revealed-partner", "both answers, Bob")

    owner.reload()
    trust_pair = owner.locator(".reveal-question").filter(has_text=title("trust"))
    expect(trust_pair.locator(".reveal-who")).to_have_text(["You", "Zebulon Boss"])
    expect(trust_pair.locator(".reveal-answer.is-mine")).to_contain_text(alices["trust"])
    expect(trust_pair.locator(".reveal-answer").last).to_contain_text(bobs["trust"])
    look(owner, accessible, screenshot, "11-both-revealed-owner", "both answers, Alice")

    # 6. Version 1, pre-filled from both: Alice agrees a section's text and the commitments.
    owner.get_by_role("button", name="Start version 1 from these").click()
    expect(owner.get_by_role("heading", name="Version 1 Draft", level=1)).to_be_visible()
    communicating = owner.get_by_label(f"Agreed text of “{title('communicating')}”")
    expect(communicating).to_have_value(
        f"Alice Owner: {alices['communicating']}\n\nZebulon Boss: {bobs['communicating']}"
    )
    commitments = owner.locator("#commitments")
    expect(commitments.locator(".agreement-person").first.locator(".commitment-text")).to_have_text(
        ["Send the Friday update by 4 pm", "Say early when a deadline slips"]
    )
    expect(commitments.locator(".agreement-person").last.locator(".commitment-text")).to_have_text(
        ["Answer urgent asks the same day", "Keep our one-on-one every week"]
    )
    look(owner, accessible, screenshot, "12-version-1-started", "version 1, just started")

    communicating.fill(AGREED_COMMUNICATING)
    owner.get_by_role("button", name=f"Save “{title('communicating')}”").click()
    expect(said(owner, f"#{section_id(owner, 'communicating')}")).to_have_text(
        f"Saved “{title('communicating')}”."
    )
    commitments.get_by_label("New commitment").fill(ADDED_COMMITMENT)
    expect(commitments.get_by_role("radio", name="You")).to_be_checked()
    commitments.get_by_role("button", name="Add the commitment").click()
    expect(said(owner, "#commitments")).to_have_text("Added a commitment for you.")
    slipping = commitments.locator(".commitment-row").filter(
        has_text="Say early when a deadline slips"
    )
    slipping.locator("summary").click()
    slipping.get_by_label("Reworded").fill(REWORDED_COMMITMENT)
    slipping.get_by_role("button", name="Save the commitment").click()
    expect(said(owner, "#commitments")).to_have_text(f"Saved “{REWORDED_COMMITMENT}”.")
    expect(commitments.locator(".agreement-person").first.locator(".commitment-text")).to_have_text(
        ["Send the Friday update by 4 pm", REWORDED_COMMITMENT, ADDED_COMMITMENT]
    )
    look(owner, accessible, screenshot, "13-version-1-edited", "version 1, edited by Alice")

    # 7. Alice confirms; Bob then edits, which asks both to confirm again.
    owner.get_by_role("button", name="Confirm version 1").click()
    expect(owner.get_by_role("status")).to_have_text(
        "You confirmed version 1. It is agreed once Zebulon Boss confirms too."
    )
    expect(owner.locator(".verdict")).to_have_text("You confirmed it · waiting for Zebulon Boss")
    expect(confirmations(owner).first).to_contain_text(re.compile(r"You\s*confirmed "))
    look(
        owner, accessible, screenshot, "14-version-1-confirmed-by-one", "version 1, Alice confirmed"
    )

    partner.goto(area)
    expect(partner.locator("#standing-heading")).to_have_text("Version 1 is a draft: confirm it")
    expect(partner.locator(".agreement-confirmers")).to_contain_text("Alice Owner: confirmed")
    # Nothing is agreed yet: the side cards stand under the first one, no empty column beside.
    assert (
        partner.locator("#versions").bounding_box()["x"]
        == partner.locator(".agreement-standing").bounding_box()["x"]
    )
    look(partner, accessible, screenshot, "15-area-draft-partner", "the agreement, a draft, Bob")
    partner.get_by_role("link", name="Open version 1").click()
    expect(confirmations(partner).last).to_contain_text(re.compile(r"Alice Owner\s*confirmed "))
    routines = partner.get_by_label(f"Agreed text of “{title('routines')}”")
    routines.fill(AGREED_ROUTINES)
    partner.get_by_role("button", name=f"Save “{title('routines')}”").click()
    expect(said(partner, f"#{section_id(partner, 'routines')}")).to_have_text(
        f"Saved “{title('routines')}”."
    )
    expect(confirmations(partner).last).to_contain_text(re.compile(r"Alice Owner\s*not yet"))

    owner.reload()
    expect(owner.locator(".verdict")).to_have_text(
        "A draft: edit it together, then both confirm it"
    )
    expect(confirmations(owner).first).to_contain_text(re.compile(r"You\s*not yet"))
    expect(owner.get_by_label(f"Agreed text of “{title('routines')}”")).to_have_value(
        AGREED_ROUTINES
    )

    # 8. Both confirm: version 1 is agreed and never changes.
    owner.get_by_role("button", name="Confirm version 1").click()
    expect(owner.locator(".verdict")).to_have_text("You confirmed it · waiting for Zebulon Boss")
    partner.reload()
    partner.get_by_role("button", name="Confirm version 1").click()
    expect(partner.get_by_role("status")).to_have_text(
        re.compile(r"^Version 1 is agreed: it never changes now\. Review it by ")
    )
    expect(partner.get_by_role("heading", name="Version 1 Agreed", level=1)).to_be_visible()
    expect(partner.locator(".version-section textarea")).to_have_count(0)
    expect(partner.locator(f"#{section_id(partner, 'routines')}")).to_contain_text(AGREED_ROUTINES)
    look(partner, accessible, screenshot, "16-version-1-agreed", "version 1, agreed")

    owner.goto(area)
    expect(owner.locator("#standing-heading")).to_have_text(
        re.compile(r"^Version 1, agreed .+; review due ")
    )
    expect(owner.locator("#current .commitment-list li")).to_have_count(5)
    look(owner, accessible, screenshot, "17-area-agreed", "the agreement, version 1 agreed")

    # 9. Version 2: a copy of version 1; one section changed; what changed, line by line.
    owner.get_by_role("link", name="Read the agreement").click()
    owner.get_by_role("button", name="Start version 2").click()
    expect(owner.get_by_role("heading", name="Version 2 Draft", level=1)).to_be_visible()
    communicating = owner.get_by_label(f"Agreed text of “{title('communicating')}”")
    expect(owner.locator(".version-doc .card-sub")).to_contain_text("A copy of version 1")
    expect(communicating).to_have_value(AGREED_COMMUNICATING)
    communicating.fill(CHANGED_COMMUNICATING)
    owner.get_by_role("button", name=f"Save “{title('communicating')}”").click()
    expect(said(owner, f"#{section_id(owner, 'communicating')}")).to_have_text(
        f"Saved “{title('communicating')}”."
    )
    look(owner, accessible, screenshot, "18-version-2-draft", "version 2, a draft")
    owner.get_by_role("link", name="What changed since version 1").click()
    expect(owner.locator(".verdict")).to_have_text(
        "From version 1 to version 2: 1 line added, 1 removed"
    )
    expect(owner.locator(".diff-removed")).to_have_text(f"−Removed: {AGREED_COMMUNICATING}")
    expect(owner.locator(".diff-added")).to_have_text(f"+Added: {CHANGED_COMMUNICATING}")
    expect(owner.locator(".diff-same").first).to_be_visible()
    look(owner, accessible, screenshot, "19-difference", "what changed from version 1 to 2")

    # 10. Version 1 printed: a document to sign, without the site around it.
    owner.goto(area + "versions/1/")
    owner.get_by_role("link", name="Print").click()
    expect(owner.get_by_role("heading", name="Alice Owner & Zebulon Boss")).to_be_visible()
    look(owner, accessible, screenshot, "20-print-version-1", "version 1, printable")
    owner.emulate_media(media="print")
    expect(owner.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(owner.locator(".print-toolbar")).to_be_hidden()
    signatures = owner.locator(".signature")
    expect(signatures.locator(".signature-name")).to_have_text(["Alice Owner", "Zebulon Boss"])
    expect(signatures.locator(".signature-date")).to_have_text(
        [f"Confirmed in Tandem {confirmed_on}", f"Confirmed in Tandem {confirmed_on}"]
    )
    owner.screenshot(path=SCREENSHOTS / "agreement-flow-21-print-media.png", full_page=True)
    pdf = SCREENSHOTS.parent / "agreement-flow-version-1.pdf"
    owner.pdf(path=pdf, format="A4")
    assert pdf.stat().st_size > 0


def capture_without_scripts(page, name: str) -> None:
    """A capture at both widths for a page whose scripts are off: Playwright cannot evaluate
    anything in it, so axe and the width check ran on the same pages in the flow above."""
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(
            path=SCREENSHOTS / f"agreement-flow-{name}-{label}.png", full_page=True, caret="initial"
        )


def test_answers_and_confirmation_work_without_scripts(live_server, new_page, partnership):
    alice, bob = partnership.owner, partnership.partner
    base = live_server.url
    area = f"{base}/p/{partnership.pk}/agreement/"
    services.questions_ensure(partnership)
    texts = {q.pk: f"An answer to question {q.pk}." for q in Question.objects.all()}
    services.answers_submit(alice, partnership, Side.OWNER, texts)

    page = new_page(java_script_enabled=False)
    log_in(page, base, bob.email)
    page.goto(area + "answers/")
    works = page.get_by_label(prompt(partnership, bob, "works"), exact=True)
    works.fill("Short weekly check-ins.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status")).to_have_text(
        re.compile(r"^Draft saved at \d\d:\d\d: 1 of 14 answered\. Only you see it")
    )
    expect(works).to_have_value("Short weekly check-ins.")
    capture_without_scripts(page, "30-no-script-answers-saved")

    services.answers_submit(bob, partnership, Side.PARTNER, texts)
    services.version_start(alice, partnership)
    services.version_confirm(alice, partnership.agreement_versions.get())
    page.goto(area + "versions/1/")
    page.get_by_role("button", name="Confirm version 1").click()
    expect(page.get_by_role("status")).to_have_text(
        re.compile(r"^Version 1 is agreed: it never changes now\.")
    )
    expect(page.get_by_role("heading", name="Version 1 Agreed", level=1)).to_be_visible()
    capture_without_scripts(page, "31-no-script-agreed")
