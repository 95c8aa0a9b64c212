"""A week of one-on-ones: the owner notes a question, sets the rhythm, prepares an agenda from
her real record; her partner adds to it in his own browser; both write notes, a decision and
action items; once the meeting is over, what was not settled is on the next one by itself.
Neither ever sees the other's private notes, nor the partner what the owner kept back."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tandem.lib.dates import format_date
from tandem.oneonones.models import Meeting
from tandem.requests import services as request_services
from tandem.workload import services as workload_services
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Alice's record: late work, a request nobody answered, something she was asked lately.
LATE = "Q4 board report"
STALE = "Flexible hours on Fridays"
UNTOUCHED = "Refresh the onboarding checklist"
QUESTION = "Who covers the Henderson account while I am on leave?"
ALICE_ITEM = "How we handle urgent asks on Fridays"
BOB_ITEM = "Headcount for the spring launch"
ALICE_SHARED = "Board report: the finance figures come in late; we cut the appendix."
BOB_SHARED = "Henderson: Priya covers the account from 14 Dec."
DECISION = "Ship the board report without the appendix"
ALICE_ACTION = "Send Bob the outline of the board report"
BOB_ACTION = "Ask Priya to take on Henderson"
ALICE_PRIVATE = "alice-private-sentinel-4417: ask for the budget before Bob decides"
BOB_PRIVATE = "bob-private-sentinel-9083: Alice looks stretched; offer the contractor"


def log_in(page, base: str, email: str) -> None:
    page.goto(base + "/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def record_alices_week(partnership, today: dt.date) -> None:
    """What Alice's record holds: work due in two days that the plan cannot finish, a request
    asked six weeks ago without an answer (not shared), and a small ask from this week."""
    alice = partnership.owner
    workload_services.assignment_create(
        alice,
        partnership,
        workload_services.AssignmentDraft(
            title=LATE,
            effort_minutes=40 * 60,
            due=today + dt.timedelta(days=2),
            asked_on=today - dt.timedelta(days=30),
        ),
    )
    workload_services.assignment_create(
        alice,
        partnership,
        workload_services.AssignmentDraft(
            title=UNTOUCHED,
            effort_minutes=60,
            due=today + dt.timedelta(weeks=6),
            asked_on=today - dt.timedelta(days=2),
        ),
    )
    request_services.request_create(
        alice,
        partnership,
        request_services.RequestDraft(title=STALE, asked_on=today - dt.timedelta(weeks=6)),
    )


def said(page, section: str):
    """What a small form of the meeting page answered, in its own section."""
    return page.locator(f"#{section}-area .said")


def test_it_prepares_holds_and_carries_over_a_one_on_one(
    live_server, new_page, screenshot, accessible, partnership
):
    alice = partnership.owner
    base = live_server.url
    area_url = f"{base}/p/{partnership.pk}/one-on-ones/"
    today = alice.local_today()
    record_alices_week(partnership, today)

    owner = new_page()
    log_in(owner, base, alice.email)

    # 1. On her workload page, Alice notes a question for the next one-on-one.
    owner.goto(f"{base}/p/{partnership.pk}/workload/")
    capture = owner.locator("#capture-question")
    capture.get_by_label("For our next one-on-one").fill(QUESTION)
    capture.get_by_role("button", name="Note it for the next one-on-one").click()
    expect(capture.get_by_role("status")).to_contain_text(
        "Noted for your next one-on-one: only you see it until you put it on the agenda."
    )
    expect(owner.get_by_label("For our next one-on-one")).to_have_value("")
    expect(owner).to_have_url(re.compile(r"/workload/$"))

    # 2. One-on-ones, still empty: she sets a weekly rhythm whose first meeting is tomorrow.
    owner.get_by_role("navigation", name="Partnership").get_by_role(
        "link", name="One-on-ones"
    ).click()
    expect(owner.get_by_role("heading", name="Meet regularly, and come prepared")).to_be_visible()
    first_day = today + dt.timedelta(days=1)
    owner.get_by_label("How often").select_option(label="Weekly")
    owner.get_by_label("Day", exact=True).select_option(label=DAY_NAMES[first_day.weekday()])
    owner.get_by_label("Time (London)").fill("10:00")
    owner.get_by_label("Minutes").fill("30")
    owner.get_by_label("Starting").fill("today")
    owner.get_by_role("button", name="Plan the one-on-ones").click()

    first_when = f"{format_date(first_day, today)} at 10:00"
    expect(owner.get_by_text(re.compile(r"^One-on-ones set: weekly"))).to_be_visible()
    expect(owner.locator("#verdict")).to_have_text(
        f"Next one-on-one: {first_when} · nothing on the agenda yet"
    )
    next_card = owner.locator(".next-meeting")
    expect(next_card.get_by_text("Tomorrow", exact=True)).to_be_visible()
    accessible(owner, "the one-on-ones area, the first meeting planned")
    next_card.get_by_role("link", name="Prepare the agenda").click()
    expect(owner.get_by_role("heading", name=first_when, level=1)).to_be_visible()
    meeting_url = owner.url
    first_pk = int(re.search(r"/meetings/(\d+)/$", meeting_url).group(1))

    # 3. The agenda proposed from her record, each proposal with its reason.
    proposals = owner.locator("#proposals")
    expect(proposals).to_contain_text("Only you see these proposals")

    def proposal(title: str):
        return proposals.locator(".proposal").filter(
            has=owner.locator(".proposal-title").get_by_text(title, exact=True)
        )

    due = format_date(today + dt.timedelta(days=2), today)
    for title, kind, reason in (
        (QUESTION, "You noted", f"You noted it {format_date(today, today)}"),
        (LATE, "Late", re.compile(f"^Due {due}; the plan ")),
        (STALE, "Waiting too long", "Asked 42 days ago, no answer"),
    ):
        expect(proposal(title).locator(".proposal-kind")).to_have_text(kind)
        expect(proposal(title).locator(".muted")).to_have_text(reason)
    expect(proposal(UNTOUCHED)).to_have_count(1)

    # She accepts two, removes one, leaves the last for later, and adds her own item.
    proposal(LATE).get_by_role("button", name="Accept").click()
    expect(said(owner, "agenda")).to_have_text(f"“{LATE}” is on the agenda.")
    proposal(QUESTION).get_by_role("button", name="Accept").click()
    expect(said(owner, "agenda")).to_have_text(f"“{QUESTION}” is on the agenda.")
    proposal(STALE).get_by_role("button", name="Remove").click()
    expect(said(owner, "agenda")).to_have_text(f"Removed “{STALE}” from this meeting's proposals.")
    expect(proposals.locator(".proposal")).to_have_count(1)
    owner.get_by_label("Add to the agenda").fill(ALICE_ITEM)
    owner.get_by_role("button", name="Add", exact=True).click()
    expect(said(owner, "agenda")).to_have_text(f"Added “{ALICE_ITEM}” to the agenda.")
    agenda = owner.locator(".agenda-list")
    expect(agenda.locator(".agenda-title")).to_have_text([LATE, QUESTION, ALICE_ITEM])
    late_item = agenda.locator(".agenda-item").filter(has_text=LATE)
    expect(
        late_item.get_by_text(re.compile(f"^Added by you · Due {due}; the plan "))
    ).to_be_visible()
    accessible(owner, "the meeting page (owner), prepared")

    # 4. Bob, in his own browser, finds the shared agenda and adds to it.
    partner = new_page()
    seen_by_bob: list[tuple[str, str]] = []
    log_in(partner, base, "bob@example.com")
    partner.goto(area_url)
    expect(partner.locator("#verdict")).to_have_text(
        re.compile(r"^Next one-on-one: .* on the agenda$")
    )
    expect(partner.locator(".next-agenda li")).to_have_text([LATE, QUESTION, ALICE_ITEM])
    seen_by_bob.append((partner.url, partner.content()))
    partner.locator(".next-meeting").get_by_role("link", name="Prepare the agenda").click()
    expect(partner).to_have_url(meeting_url)
    bobs_agenda = partner.locator(".agenda-list")
    expect(bobs_agenda.locator(".agenda-title")).to_have_text([LATE, QUESTION, ALICE_ITEM])
    expect(bobs_agenda.get_by_text("Added by Alice Owner").first).to_be_visible()
    expect(partner.locator("#proposals")).to_have_count(0)
    seen_by_bob.append((partner.url, partner.content()))
    partner.get_by_label("Add to the agenda").fill(BOB_ITEM)
    partner.get_by_role("button", name="Add", exact=True).click()
    expect(said(partner, "agenda")).to_have_text(f"Added “{BOB_ITEM}” to the agenda.")
    expect(bobs_agenda.locator(".agenda-title")).to_have_text(
        [LATE, QUESTION, ALICE_ITEM, BOB_ITEM]
    )
    seen_by_bob.append((partner.url, partner.content()))
    accessible(partner, "the meeting page (partner)")
    screenshot(partner, "91-one-on-one-partner")

    # 5. Notes. Alice saves the shared notes first; Bob, writing on the page he opened before,
    # is told and keeps his text, then saves it on top of hers.
    owner.reload()
    expect(owner.locator(".agenda-title").filter(has_text=BOB_ITEM)).to_be_visible()
    owner.get_by_role("textbox", name="Shared notes", exact=True).fill(ALICE_SHARED)
    owner.get_by_role("button", name="Save the shared notes").click()
    expect(owner.get_by_text("Shared notes saved.")).to_be_visible()

    partner.get_by_role("textbox", name="Shared notes", exact=True).fill(BOB_SHARED)
    partner.get_by_role("button", name="Save the shared notes").click()
    expect(
        partner.get_by_text(re.compile(r"^The shared notes changed while you were writing\."))
    ).to_be_visible()
    expect(partner.get_by_label("The latest saved shared notes")).to_have_value(ALICE_SHARED)
    # His text stays in the notes form, to add to the latest notes and save.
    kept = partner.locator("#notes form").get_by_role("textbox")
    expect(kept).to_have_value(BOB_SHARED)
    seen_by_bob.append((partner.url, partner.content()))
    kept.fill(f"{ALICE_SHARED}\n{BOB_SHARED}")
    partner.get_by_role("button", name="Save the shared notes").click()
    expect(partner.get_by_text("Shared notes saved.")).to_be_visible()
    expect(partner.get_by_role("textbox", name="Shared notes", exact=True)).to_have_value(
        f"{ALICE_SHARED}\n{BOB_SHARED}"
    )

    partner.get_by_role("textbox", name="Your private notes").fill(BOB_PRIVATE)
    partner.get_by_role("button", name="Save my private notes").click()
    expect(partner.get_by_text("Private notes saved. Only you see them.")).to_be_visible()
    expect(partner.get_by_role("textbox", name="Your private notes")).to_have_value(BOB_PRIVATE)
    seen_by_bob.append((partner.url, partner.content()))

    seen_by_alice: list[tuple[str, str]] = []
    owner.get_by_role("textbox", name="Your private notes").fill(ALICE_PRIVATE)
    owner.get_by_role("button", name="Save my private notes").click()
    expect(owner.get_by_text("Private notes saved. Only you see them.")).to_be_visible()
    expect(owner.get_by_role("textbox", name="Your private notes")).to_have_value(ALICE_PRIVATE)
    expect(owner.get_by_role("textbox", name="Shared notes", exact=True)).to_have_value(
        f"{ALICE_SHARED}\n{BOB_SHARED}"
    )
    expect(owner.locator("#notes")).to_contain_text("Last saved by Bob Partner")
    seen_by_alice.append((owner.url, owner.content()))

    # 6. In the meeting: a decision by both, an action item each, an item discussed.
    decisions = owner.locator("form.decision-add")
    decisions.get_by_label("What was decided").fill(DECISION)
    decisions.get_by_role("radio", name="Both of you").check()
    decisions.get_by_role("button", name="Write it down").click()
    expect(said(owner, "decisions")).to_have_text("Decision written down.")
    decision = owner.locator("#decisions .decision").filter(has_text=DECISION)
    expect(decision.get_by_text("Decided by both of you · written down by you")).to_be_visible()

    actions = owner.locator("form.action-add")
    actions.get_by_label("Action item").fill(ALICE_ACTION)
    actions.get_by_role("radio", name="You", exact=True).check()
    actions.get_by_label("Due (optional)").fill("in 5 days")
    actions.get_by_role("button", name="Add the action item").click()
    expect(said(owner, "actions")).to_have_text(f"Action item for you: “{ALICE_ACTION}”.")
    action_due = format_date(today + dt.timedelta(days=5), today)
    expect(owner.locator("#actions .action-row").filter(has_text=ALICE_ACTION)).to_contain_text(
        f"You Open, due {action_due}"
    )

    partner.reload()
    expect(partner.locator("#decisions .decision")).to_contain_text(
        "Decided by both of you · written down by Alice Owner"
    )
    bobs_actions = partner.locator("form.action-add")
    bobs_actions.get_by_label("Action item").fill(BOB_ACTION)
    expect(bobs_actions.get_by_role("radio", name="You", exact=True)).to_be_checked()
    bobs_actions.get_by_role("button", name="Add the action item").click()
    expect(said(partner, "actions")).to_have_text(f"Action item for you: “{BOB_ACTION}”.")
    expect(partner.locator("#actions .action-row")).to_have_count(2)
    seen_by_bob.append((partner.url, partner.content()))

    agenda.locator(".agenda-item").filter(has_text=ALICE_ITEM).get_by_role(
        "button", name="Discussed"
    ).click()
    expect(said(owner, "agenda")).to_have_text(f"Marked “{ALICE_ITEM}” discussed.")
    expect(owner.locator(".agenda-settled")).to_contain_text(f"Discussed {ALICE_ITEM}")
    expect(owner.locator(".agenda-list .agenda-title")).to_have_text([LATE, QUESTION, BOB_ITEM])
    owner.reload()
    expect(owner.locator("#actions .action-row")).to_have_count(2)
    seen_by_alice.append((owner.url, owner.content()))
    screenshot(owner, "90-one-on-one-owner")

    # 7. The meeting is over. The live server runs on the real clock, so the meeting is moved
    # back to have ended just now, after everything above was written down in it.
    ended = timezone.now()
    first = Meeting.objects.get(pk=first_pk)
    Meeting.objects.filter(pk=first_pk).update(
        starts_at=ended - dt.timedelta(minutes=first.duration_minutes)
    )
    second_day = first_day + dt.timedelta(weeks=1)
    second_when = f"{format_date(second_day, today)} at 10:00"

    owner.goto(area_url)
    expect(owner.locator("#verdict")).to_have_text(
        f"Next one-on-one: {second_when} · 3 on the agenda · 2 action items open"
    )
    carried_tag = "carried over ×1"
    for title in (LATE, QUESTION, BOB_ITEM):
        expect(owner.locator(".next-agenda li").filter(has_text=title)).to_contain_text(carried_tag)
    expect(owner.locator(".next-agenda")).not_to_contain_text(ALICE_ITEM)
    expect(owner.locator("#actions .action-row")).to_have_count(2)
    held = owner.locator("#past .meeting-row")
    expect(held).to_have_count(1)
    expect(held.get_by_text("Held", exact=True)).to_be_visible()
    expect(held.get_by_role("link", name=re.compile(r"^Summary"))).to_be_visible()
    accessible(owner, "the one-on-ones area, after a meeting held")
    seen_by_alice.append((owner.url, owner.content()))

    owner.locator(".next-meeting").get_by_role("link", name="Prepare the agenda").click()
    expect(owner.get_by_role("heading", name=second_when, level=1)).to_be_visible()
    next_agenda = owner.locator(".agenda-list")
    expect(next_agenda.locator(".agenda-item")).to_have_count(3)
    for title in (LATE, QUESTION, BOB_ITEM):
        expect(next_agenda.locator(".agenda-item").filter(has_text=title)).to_contain_text(
            carried_tag
        )
    carried = owner.get_by_role("region", name=re.compile(r"^Action items from earlier meetings"))
    for title, outcome in (
        (ALICE_ACTION, f"Open, due {action_due}"),
        (BOB_ACTION, "Open, no date"),
    ):
        row = carried.locator(".action-row").filter(has_text=title)
        expect(row).to_contain_text(outcome)
        expect(row).to_contain_text(carried_tag)
    # Her private note and the shared notes belong to the meeting they were written in.
    expect(owner.get_by_role("textbox", name="Your private notes")).to_have_value("")
    expect(owner.get_by_role("textbox", name="Shared notes", exact=True)).to_have_value("")
    seen_by_alice.append((owner.url, owner.content()))

    # The meeting held offers what to send.
    owner.goto(meeting_url)
    expect(owner.locator(".meeting-state")).to_contain_text("Held")
    owner.get_by_role("link", name="Summary to send").click()
    expect(owner.get_by_role("heading", name="Summary to send")).to_be_visible()
    body = owner.get_by_label("Body")
    expect(body).to_have_value(re.compile(re.escape(DECISION)))
    expect(body).to_have_value(re.compile(re.escape(ALICE_ACTION)))
    expect(body).to_have_value(re.compile(re.escape(BOB_ACTION)))
    expect(owner.locator(".summary-record .decision")).to_contain_text(DECISION)
    accessible(owner, "the summary of the meeting held")
    assert ALICE_PRIVATE not in body.input_value()
    seen_by_alice.append((owner.url, owner.content()))

    # Bob finds the same after the meeting: the summary too.
    partner.goto(area_url)
    expect(partner.locator(".next-agenda li").first).to_contain_text(carried_tag)
    seen_by_bob.append((partner.url, partner.content()))
    partner.goto(meeting_url + "summary/")
    expect(partner.get_by_label("Body")).to_have_value(re.compile(re.escape(DECISION)))
    seen_by_bob.append((partner.url, partner.content()))

    # 8. Nothing private crossed over: not the other's private notes, nor what Alice kept back.
    assert len(seen_by_bob) == 8 and len(seen_by_alice) == 5
    for url, html in seen_by_bob:
        for private in (ALICE_PRIVATE, STALE, UNTOUCHED):
            assert private not in html, f"Bob sees {private!r} on {url}"
    for url, html in seen_by_alice:
        assert BOB_PRIVATE not in html, f"Alice sees Bob's private note on {url}"
