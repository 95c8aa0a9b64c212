"""The one-on-ones as the outside world tries them: bad input in every form and API body,
another partnership's ids, words that must stay private, a partner who left, two clicks
at the same moment, and two time zones.

Time is frozen on Tue 1 Dec 2026, 09:00 in London (04:00 in New York, where Bob lives).
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse

import pytest
import time_machine
from django.urls import reverse

from tandem.lib.errors import Conflict
from tandem.meetings import Cadence
from tandem.oneonones import services
from tandem.oneonones.models import ActionItem, AgendaItem, Meeting, NotedQuestion, Series
from tandem.oneonones.privacy import (
    meeting_record_for,
    one_on_one_busy_time,
    proposals_for,
    summary_for,
)
from tandem.partnerships import services as partnerships
from tandem.workload.models import Assignment
from tests.conftest import logged_in, send, share, text_of
from tests.oneonones.conftest import at_once, day, during, meetings, weekly
from tests.requests.conftest import ask
from tests.workload.conftest import assign

HTMX = {"HX-Request": "true"}
# What people type that a form must refuse kindly (or take as it is), never with a 500.
TYPED = {
    "blank": "",
    "white space": "  \t ",
    "a NUL": "a\x00b",
    "10,000 characters": "x" * 10_000,
    "emoji and right-to-left text": "👩\u200d💻 مرحبا שלום \u202eabc",
    "the last day": "9999-12-31",
    "the first day": "0001-01-01",
    "yesterday": "yesterday",
    "5,000 digits": "9" * 5_000,
    "minus one": "-1",
    "zero": "0",
    "1e308": "1e308",
    "a wrong choice": "bogus",
}
SENT = {
    **TYPED,
    "-1 as a number": -1,
    "0 as a number": 0,
    "1e308 as a number": 1e308,
    "10**30": 10**30,
    "null": None,
    "a list": [],
    "an object": {},
    "true": True,
}
OWNERS_WORDS = "owners-own-words-3318"
PARTNERS_WORDS = "partners-own-words-6604"


def url(name: str, *args) -> str:
    return reverse(name, args=args)


@pytest.fixture
def world(alice, bob, partnership, past_series, held):
    """Three meetings held, the next on Thu 3 Dec with two items, a decision and an action
    item of Alice's."""
    upcoming = meetings(past_series)[3]
    first = services.agenda_item_add(alice, upcoming, "Friday cover")
    services.agenda_item_add(bob, upcoming, "Hiring plan")
    decision = services.decision_record(alice, upcoming, "Cover Fridays from January")
    action = services.action_item_add(alice, upcoming, services.ActionDraft("Draft the rota"))
    return {"meeting": upcoming, "item": first, "decision": decision, "action": action}


def page_forms(partnership, world) -> dict[tuple[str, tuple], dict]:
    """Every form of the area's pages, filled in as its page fills it in."""
    p, m = partnership.pk, world["meeting"].pk
    on_page = {"meeting": str(m), "next": url("meeting", p, m)}
    return {
        ("one-on-ones-series", (p,)): {
            "cadence": "weekly",
            "every_weeks": "",
            "weekday": "3",
            "time": "10:00",
            "duration_minutes": "30",
            "starts_on": "today",
            "ends_on": "",
        },
        ("meeting-add", (p,)): {"day": "next friday", "time": "11:00", "duration_minutes": "30"},
        ("meeting-move", (p, m)): {"day": "next friday", "time": "11:00", "duration_minutes": ""},
        ("meeting-skip", (p, m)): {"action": "skip", "next": url("area-one-on-ones", p)},
        ("agenda-item-add", (p, m)): {"title": "Parking", "detail": ""},
        ("proposal-respond", (p, m)): {"key": "noted:1", "action": "accept"},
        ("agenda-reorder", (p, m)): {"item": str(world["item"].pk), "direction": "down"},
        ("agenda-item-update", (p, world["item"].pk)): {"title": "Friday cover", **on_page},
        ("shared-notes", (p, m)): {"text": "Rota agreed.", "version": "0"},
        ("private-note", (p, m)): {"text": "Mine."},
        ("decision-add", (p, m)): {"text": "Pause the Q3 report", "decided_by": "both"},
        ("decision-delete", (p, world["decision"].pk)): on_page,
        ("action-add", (p, m)): {
            "title": "Send the rota",
            "owned_by": "owner",
            "due": "next friday",
            "assignment": "",
        },
        ("action-update", (p, world["action"].pk)): {"status": "open", **on_page},
        ("action-to-assignment", (p, world["action"].pk)): on_page,
        ("question-note", (p,)): {
            "text": "Who owns onboarding?",
            "next": url("area-one-on-ones", p),
        },
        ("one-on-ones-feed", (p,)): {"action": "revoke"},
    }


# Bad input: never a 500, and what was typed comes back with what to change.


def test_it_never_fails_on_anything_typed_into_a_form(alice, partnership, world):
    client = logged_in(alice)
    answered = set()
    for (name, args), filled in page_forms(partnership, world).items():
        for field in filled:
            for what, typed in TYPED.items():
                response = client.post(url(name, *args), {**filled, field: typed})
                assert response.status_code in (200, 302, 404, 409), (name, field, what)
                answered.add(response.status_code)
    search = url("one-on-ones-history", partnership.pk)
    for typed in TYPED.values():
        assert client.get(search, {"q": typed}).status_code == 200
    assert {200, 302} <= answered


@pytest.mark.parametrize(
    ("name", "field", "typed", "message"),
    [
        ("agenda-item-add", "title", "x" * 10_000, "Keep it under 200 characters."),
        ("agenda-item-add", "title", "  \t ", "Say what to talk about"),
        ("agenda-item-add", "title", "a\x00b", "Null characters are not allowed."),
        ("decision-add", "text", "y" * 20_001, "Keep it under 20,000 characters."),
        ("action-add", "due", "yesterday", "which is in the past"),
        ("action-add", "due", "9999-12-31", "is more than 10 years from today"),
        ("action-add", "due", "0001-01-01", "is more than 10 years from today"),
        ("private-note", "text", "w" * 20_001, "Keep it under 20,000 characters."),
        ("meeting-add", "day", "yesterday", "which is in the past"),
        ("meeting-add", "duration_minutes", "9" * 5_000, "Give the length in minutes"),
        ("meeting-add", "duration_minutes", "1e308", "Give the length in minutes"),
        ("meeting-add", "duration_minutes", "0", "A one-on-one lasts 5 to 240 minutes."),
        ("meeting-move", "day", "0001-01-01", "is more than 10 years from today"),
        ("one-on-ones-series", "every_weeks", "-1", "would never meet"),
        ("one-on-ones-series", "starts_on", "9999-12-31", "is more than 10 years from today"),
        ("one-on-ones-series", "ends_on", "yesterday", "which is in the past"),
    ],
)
def test_it_keeps_what_was_typed_and_says_what_to_change(
    alice, partnership, world, name, field, typed, message
):
    forms = {key[0]: (key[1], filled) for key, filled in page_forms(partnership, world).items()}
    args, filled = forms[name]
    data = {**filled, field: typed}
    if name == "one-on-ones-series":
        data["cadence"] = "custom"

    response = logged_in(alice).post(url(name, *args), data)

    body = text_of(response)
    assert response.status_code == 200
    assert message in body
    assert typed.replace("\x00", "") in body.replace("\x00", "").replace("\ufffd", "")


def test_it_sends_a_form_back_to_its_page_whatever_the_next_address_says(alice, partnership, world):
    client = logged_in(alice)
    area = url("area-one-on-ones", partnership.pk)

    for next_address in (
        "bogus",
        "9999-12-31",
        "logout",
        "https://evil.example/",
        "//evil.example",
    ):
        skipped = client.post(
            url("meeting-skip", partnership.pk, world["meeting"].pk),
            {"action": "skip", "next": next_address},
        )
        noted = client.post(
            url("question-note", partnership.pk), {"text": "Parking?", "next": next_address}
        )
        assert skipped.url == area + "#upcoming", next_address
        assert noted.url == area, next_address


def test_it_refuses_a_choice_no_button_offers(alice, partnership, world):
    client = logged_in(alice)
    noted = services.question_note(alice, partnership, "Who owns onboarding?")
    meeting = world["meeting"]

    answer = client.post(
        url("proposal-respond", partnership.pk, meeting.pk),
        {"key": f"noted:{noted.pk}", "action": "bogus"},
        headers=HTMX,
    )
    client.post(url("meeting-skip", partnership.pk, meeting.pk), {"action": "bogus"})

    assert "Choose to accept the proposal or to remove it." in text_of(answer)
    assert [p.key for p in proposals_for(alice, partnership, meeting)] == [f"noted:{noted.pk}"]
    assert not Meeting.objects.get(pk=meeting.pk).skipped


def api_bodies(partnership, world) -> list[tuple[str, str, dict]]:
    one = f"/api/partnerships/{partnership.pk}/one-on-ones"
    meeting = f"{one}/meetings/{world['meeting'].pk}"
    return [
        (
            "PUT",
            one + "/series",
            {
                "cadence": "weekly",
                "weekday": 3,
                "time": "10:00",
                "duration_minutes": 30,
                "starts_on": "today",
                "ends_on": None,
                "every_weeks": 1,
            },
        ),
        ("POST", one + "/meetings", {"starts_at": "2026-12-08T14:00", "duration_minutes": 30}),
        ("PATCH", meeting, {"starts_at": "2026-12-09T14:00", "duration_minutes": 30}),
        ("PATCH", meeting, {"skipped": False}),
        ("PUT", meeting + "/notes", {"text": "Rota agreed.", "version": 0}),
        ("PUT", meeting + "/private-note", {"text": "Mine."}),
        ("POST", meeting + "/agenda", {"title": "Parking", "detail": ""}),
        ("POST", meeting + "/agenda", {"proposal": "noted:1"}),
        ("PUT", meeting + "/agenda/order", {"ids": [world["item"].pk]}),
        ("POST", meeting + "/proposals/dismiss", {"key": "noted:1"}),
        (
            "PATCH",
            f"{one}/agenda/{world['item'].pk}",
            {"title": "Friday cover", "detail": "", "status": "open"},
        ),
        ("POST", meeting + "/decisions", {"text": "Pause the Q3 report", "decided_by": "both"}),
        (
            "POST",
            meeting + "/action-items",
            {"title": "Send the rota", "owned_by": "owner", "due": "friday", "assignment_id": None},
        ),
        (
            "PATCH",
            f"{one}/action-items/{world['action'].pk}",
            {"status": "open", "title": "Draft the rota", "due": "friday"},
        ),
        ("POST", f"{one}/action-items/{world['action'].pk}/assignment", {"effort": "2h"}),
        ("POST", one + "/notes", {"text": "Who owns onboarding?"}),
    ]


def test_it_answers_anything_sent_to_the_api_with_a_reason_never_a_500(
    client, alice, partnership, world, bearer
):
    headers = bearer(alice)
    answered = set()
    for method, path, body in api_bodies(partnership, world):
        for field in body:
            for what, value in SENT.items():
                response = send(client, method, path, headers, {**body, field: value})
                assert response.status_code < 500, (method, path, field, what)
                if response.status_code >= 400:
                    assert json.loads(response.content)["detail"], (method, path, field, what)
                answered.add(response.status_code)
        for raw in ("{", '{"title": ', "\x00"):
            assert send(client, method, path, headers, raw).status_code in (400, 422)
    one = f"/api/partnerships/{partnership.pk}/one-on-ones"
    for typed in TYPED.values():
        quoted = urllib.parse.quote(typed)
        for path in (f"{one}/history?q={quoted}", f"{one}/meetings?when={quoted}"):
            assert send(client, "GET", path, headers).status_code in (200, 422), path
    assert {200, 201, 204, 400, 404, 409, 422} <= answered


# Ids of another partnership's records: not there.


def test_it_finds_no_record_of_another_partnership(
    client, alice, bob, partnership, solo_partnership, world, bearer
):
    with_rita = services.series_save(alice, solo_partnership, weekly())
    theirs = meetings(with_rita)[0]
    item = services.agenda_item_add(alice, theirs, "Rita's review")
    decision = services.decision_record(alice, theirs, "Rita leads the launch")
    action = services.action_item_add(alice, theirs, services.ActionDraft("Book the room"))
    p = partnership.pk
    pages = [
        ("get", url("meeting", p, theirs.pk)),
        ("get", url("meeting-summary", p, theirs.pk)),
        ("post", url("meeting-move", p, theirs.pk)),
        ("post", url("meeting-skip", p, theirs.pk)),
        ("post", url("agenda-item-add", p, theirs.pk)),
        ("post", url("shared-notes", p, theirs.pk)),
        ("post", url("private-note", p, theirs.pk)),
        ("post", url("decision-add", p, theirs.pk)),
        ("post", url("action-add", p, theirs.pk)),
        ("post", url("agenda-item-update", p, item.pk)),
        ("post", url("decision-delete", p, decision.pk)),
        ("post", url("action-update", p, action.pk)),
        ("post", url("action-to-assignment", p, action.pk)),
    ]
    one = f"/api/partnerships/{p}/one-on-ones"
    routes = [
        ("GET", f"{one}/meetings/{theirs.pk}", None),
        ("PATCH", f"{one}/meetings/{theirs.pk}", {"skipped": True}),
        ("PUT", f"{one}/meetings/{theirs.pk}/notes", {"text": "x", "version": 0}),
        ("POST", f"{one}/meetings/{theirs.pk}/decisions", {"text": "x"}),
        ("PATCH", f"{one}/agenda/{item.pk}", {"status": "dropped"}),
        ("DELETE", f"{one}/decisions/{decision.pk}", None),
        ("PATCH", f"{one}/action-items/{action.pk}", {"status": "done"}),
        ("POST", f"{one}/action-items/{action.pk}/assignment", {}),
    ]

    for user in (alice, bob):
        browser = logged_in(user)
        for method, address in pages:
            assert getattr(browser, method)(address).status_code == 404, (user, address)
        for method, path, body in routes:
            assert send(client, method, path, bearer(user), body).status_code == 404, path
    # An item of this partnership named as the page it was sent from: still not there.
    mixed = logged_in(alice).post(
        url("action-update", p, world["action"].pk), {"status": "done", "meeting": theirs.pk}
    )
    assert mixed.status_code == 404
    assert ActionItem.objects.get(pk=world["action"].pk).status == "open"


# Privacy: what each writes for themselves reaches nobody else, by any way in.


@pytest.fixture
def private_words(alice, bob, partnership, world, held):
    """Each member's private notes and noted questions, and from Alice's record an unshared
    assignment that is late and a request waiting six weeks, all with their own words."""
    share(partnership, share_workload=False)
    for meeting in (held[-1], world["meeting"]):
        services.private_note_save(alice, meeting, f"Alice thinks {OWNERS_WORDS}")
        services.private_note_save(bob, meeting, f"Bob thinks {PARTNERS_WORDS}")
    services.question_note(alice, partnership, f"Ask about {OWNERS_WORDS}-question")
    services.question_note(bob, partnership, f"Ask about {PARTNERS_WORDS}-question")
    assign(partnership, f"Board report {OWNERS_WORDS}-late", 900, due=day(1), asked_on=day(-3))
    ask(partnership, f"Flexible hours {OWNERS_WORDS}-request", 42)
    return world


def everything_seen_by(user, partnership, held, world, client, headers) -> list[str]:
    """Every page, HTMX answer and API answer of the area the user reaches, as text."""
    p = partnership.pk
    browser = logged_in(user)
    meeting = world["meeting"]
    seen = []
    reads = [
        url("partnership", p),
        url("area-one-on-ones", p),
        url("one-on-ones-history", p),
        # A word only the private notes hold.
        url("one-on-ones-history", p) + "?q=thinks",
        url("one-on-ones-follow-through", p),
        url("one-on-ones-ics", p),
        url("area-workload", p),
    ]
    for held_or_next in (*held, meeting):
        reads += [url("meeting", p, held_or_next.pk), url("meeting-summary", p, held_or_next.pk)]
    for address in reads:
        response = browser.get(address)
        assert response.status_code in (200, 404), address
        seen.append(text_of(response))
    on_page = {"meeting": meeting.pk}
    writes = [
        (url("agenda-item-add", p, meeting.pk), {"title": "Parking"}),
        (url("agenda-reorder", p, meeting.pk), {"item": world["item"].pk, "direction": "down"}),
        (url("agenda-item-update", p, world["item"].pk), {"status": "open", **on_page}),
        (url("decision-add", p, meeting.pk), {"text": "Parking at the back"}),
        (url("action-add", p, meeting.pk), {"title": "Ask facilities", "owned_by": "owner"}),
        (url("action-update", p, world["action"].pk), {"status": "open", **on_page}),
        (url("proposal-respond", p, meeting.pk), {"key": "noted:0", "action": "accept"}),
        (url("question-note", p), {"text": "Offsite?"}),
    ]
    for address, data in writes:
        seen.append(text_of(browser.post(address, data, headers=HTMX)))
        seen.append(text_of(browser.post(address, data, follow=True)))
    one = f"/api/partnerships/{p}/one-on-ones"
    paths = [
        f"{one}/series",
        f"{one}/meetings",
        f"{one}/meetings?when=past",
        f"{one}/meetings/next",
        f"{one}/action-items",
        f"{one}/action-items?state=all",
        f"{one}/history?q=thinks",
        f"{one}/follow-through",
    ]
    for held_or_next in (*held, meeting):
        paths += [f"{one}/meetings/{held_or_next.pk}", f"{one}/meetings/{held_or_next.pk}/summary"]
    for path in paths:
        seen.append(send(client, "GET", path, headers).content.decode())
    return seen


def test_it_never_shows_the_partner_the_owners_own_words(
    client, alice, bob, partnership, held, private_words, bearer
):
    seen = everything_seen_by(bob, partnership, held, private_words, client, bearer(bob))

    assert not [text for text in seen if OWNERS_WORDS in text]
    # His own words are his: he finds them where he wrote them.
    assert any(f"Bob thinks {PARTNERS_WORDS}" in text for text in seen)


def test_it_never_shows_the_owner_the_partners_own_words(
    client, alice, bob, partnership, held, private_words, bearer
):
    seen = everything_seen_by(alice, partnership, held, private_words, client, bearer(alice))

    assert not [text for text in seen if PARTNERS_WORDS in text]
    assert any(f"Board report {OWNERS_WORDS}-late" in text for text in seen)


def test_it_leaves_a_partner_who_left_no_way_in(
    client, alice, bob, partnership, held, private_words, bearer
):
    headers = bearer(bob)
    partnerships.partnership_leave(partnership, bob)
    p, meeting = partnership.pk, private_words["meeting"]

    for address in (
        url("area-one-on-ones", p),
        url("meeting", p, meeting.pk),
        url("meeting-summary", p, meeting.pk),
        url("one-on-ones-history", p),
        url("one-on-ones-follow-through", p),
        url("one-on-ones-ics", p),
    ):
        assert logged_in(bob).get(address).status_code == 404, address
    for address, data in (
        (url("agenda-item-add", p, meeting.pk), {"title": "Still here?"}),
        (url("shared-notes", p, meeting.pk), {"text": "Still here?", "version": "0"}),
        (url("question-note", p), {"text": "Still here?"}),
    ):
        assert logged_in(bob).post(address, data).status_code == 404, address
    one = f"/api/partnerships/{p}/one-on-ones"
    for path in (f"{one}/series", f"{one}/meetings/next", f"{one}/meetings/{meeting.pk}"):
        assert send(client, "GET", path, headers).status_code == 404, path
    assert not AgendaItem.objects.filter(title="Still here?").exists()
    # Nor do the meetings take his time any more.
    assert one_on_one_busy_time(bob, day(0), day(14)) == []


def test_it_words_a_noted_question_on_the_agenda_for_both(alice, bob, partnership, world):
    services.question_note(alice, partnership, "Who owns onboarding?")
    [proposal] = proposals_for(alice, partnership, world["meeting"])

    services.proposal_accept(alice, world["meeting"], proposal)

    assert proposal.reason == "You noted it Tue 1 Dec"
    page = logged_in(bob).get(url("meeting", partnership.pk, world["meeting"].pk))
    assert "Added by Alice Owner · Noted Tue 1 Dec" in text_of(page)
    assert "You noted it" not in text_of(page)


# Time zones: Alice in London, Bob in New York.


def test_it_reads_the_partners_due_day_in_his_own_today(alice, bob, partnership, world):
    # 21:00 on Tue 1 Dec in New York: already Wed 2 Dec in London.
    with time_machine.travel(dt.datetime(2026, 12, 2, 2, 0, tzinfo=dt.UTC), tick=False):
        response = logged_in(bob).post(
            url("action-add", partnership.pk, world["meeting"].pk),
            {"title": "Send the rota", "owned_by": "partner", "due": "today"},
        )

    assert response.status_code == 302
    assert ActionItem.objects.get(title="Send the rota").due == day(0)


# A past meeting's summary says what was decided there, not later.


def test_it_leaves_out_of_a_summary_what_a_later_meeting_discussed(alice, partnership, held):
    first, second, third = held
    settled_there = services.agenda_item_add(alice, first, "Parking", now=during(first))
    carried = services.agenda_item_add(alice, first, "Hiring plan", now=during(first))
    services.agenda_item_update(
        alice, settled_there, status="discussed", now=first.starts_at + dt.timedelta(minutes=10)
    )
    services.agenda_item_update(
        alice, carried, status="discussed", now=third.starts_at + dt.timedelta(minutes=10)
    )

    def discussed(meeting) -> str:
        record = meeting_record_for(alice, partnership, meeting)
        body = summary_for(alice, partnership, meeting, record).body
        return body.split("We discussed\n", 1)[1].split("\n\n", 1)[0]

    assert discussed(first) == "- Parking"
    assert discussed(second) == "Nothing marked as discussed."
    assert discussed(third) == "- Hiring plan"


# A cadence changed under a meeting someone still has open.


def test_it_moves_the_items_of_a_meeting_a_new_cadence_drops(alice, bob, partnership, series):
    dropped, kept_notes = meetings(series)[:2]
    item = services.agenda_item_add(bob, dropped, "Parking")
    services.shared_notes_save(bob, kept_notes, "Prepared already.", 0)

    services.series_save(alice, partnership, weekly(weekday=1))

    browser = logged_in(bob)
    assert browser.get(url("meeting", partnership.pk, dropped.pk)).status_code == 404
    gone = browser.post(url("agenda-item-add", partnership.pk, dropped.pk), {"title": "Late"})
    assert gone.status_code == 404
    moved_to = AgendaItem.objects.get(pk=item.pk).meeting
    assert moved_to.starts_at.astimezone(alice.zone).weekday() == 1
    assert Meeting.objects.get(pk=kept_notes.pk).moved


def test_it_says_where_to_add_what_a_skipped_meeting_refuses(
    client, alice, partnership, world, bearer
):
    meeting = world["meeting"]
    services.meeting_skip(alice, meeting)
    one = f"/api/partnerships/{partnership.pk}/one-on-ones/meetings/{meeting.pk}"

    browser = logged_in(alice)
    page = browser.post(
        url("decision-add", partnership.pk, meeting.pk), {"text": "X", "decided_by": "both"}
    )
    api = send(client, "POST", one + "/agenda", bearer(alice), {"title": "X"})

    assert "This meeting is skipped: add to the next one instead." in text_of(browser.get(page.url))
    assert api.status_code == 409
    assert api.json()["detail"] == "This meeting is skipped: add to the next one instead."


def test_it_says_why_a_held_meeting_does_not_move(client, alice, partnership, held, bearer):
    meeting = held[-1]
    one = f"/api/partnerships/{partnership.pk}/one-on-ones/meetings/{meeting.pk}"

    page = logged_in(alice).post(
        url("meeting-move", partnership.pk, meeting.pk),
        {"day": "friday", "time": "10:00"},
        follow=True,
    )
    api = send(client, "PATCH", one, bearer(alice), {"starts_at": "2026-12-04T10:00"})

    assert "This meeting has taken place; it can no longer be moved." in text_of(page)
    assert api.status_code == 409


# Two clicks at the same moment: one outcome, never a 500.


@pytest.mark.django_db(transaction=True)
def test_it_makes_one_assignment_of_a_double_click(deployed, alice, bob, partnership):
    meeting = meetings(services.series_save(alice, partnership, weekly()))[0]
    item = services.action_item_add(alice, meeting, services.ActionDraft("Draft the rota"))
    copies = [ActionItem.objects.select_related("meeting").get(pk=item.pk) for _ in range(4)]

    outcomes = at_once(
        *(lambda copy=copy: services.action_item_to_assignment(alice, copy) for copy in copies)
    )

    assert sorted(type(outcome).__name__ for outcome in outcomes) == [
        "Assignment",
        *["Conflict"] * 3,
    ]
    [made] = Assignment.objects.all()
    assert ActionItem.objects.get(pk=item.pk).assignment == made


@pytest.mark.django_db(transaction=True)
def test_it_puts_a_proposal_on_once_for_a_double_click(deployed, alice, bob, partnership):
    meeting = meetings(services.series_save(alice, partnership, weekly()))[0]
    services.question_note(alice, partnership, "Who owns onboarding?")
    [proposal] = proposals_for(alice, partnership, meeting)

    outcomes = at_once(
        *(lambda: services.proposal_accept(alice, meeting, proposal) for _ in range(4))
    )

    assert sum(isinstance(outcome, AgendaItem) for outcome in outcomes) == 1
    assert all(isinstance(o, AgendaItem | Conflict) for o in outcomes), outcomes
    assert AgendaItem.objects.count() == 1
    assert NotedQuestion.objects.get().settled_at is not None


@pytest.mark.django_db(transaction=True)
def test_it_plans_one_series_for_a_double_click_on_the_first_cadence(
    deployed, alice, bob, partnership
):
    outcomes = at_once(
        *(lambda: services.series_save(alice, partnership, weekly()) for _ in range(3))
    )

    assert [type(outcome) for outcome in outcomes] == [Series] * 3
    assert Series.objects.count() == 1
    assert Meeting.objects.filter(starts_at__lt=dt.datetime(2027, 1, 1, tzinfo=dt.UTC)).count() == 5


def test_it_reads_a_monthly_series_without_writing(alice, partnership, django_assert_num_queries):
    """Its next meeting is always more than ten weeks off: keeping ahead finds nothing to add,
    and asks the database once."""
    series = services.series_save(alice, partnership, weekly(cadence=Cadence.MONTHLY))
    planned = list(series.meetings.values_list("starts_at", flat=True))

    with django_assert_num_queries(1):
        services.meetings_keep_ahead(series)

    assert list(series.meetings.values_list("starts_at", flat=True)) == planned


@pytest.mark.django_db(transaction=True)
def test_it_takes_a_double_click_on_save_the_shared_notes_as_one_save(
    deployed, alice, bob, partnership
):
    meeting = meetings(services.series_save(alice, partnership, weekly()))[0]

    outcomes = at_once(
        *(lambda: services.shared_notes_save(bob, meeting, "Rota agreed.", 0) for _ in range(3))
    )

    assert outcomes == [1, 1, 1]
    saved = Meeting.objects.get(pk=meeting.pk)
    assert (saved.shared_notes, saved.notes_version) == ("Rota agreed.", 1)
    # Other words from the same old version are still refused, the text kept for the writer.
    with pytest.raises(Conflict):
        services.shared_notes_save(alice, saved, "Hiring first.", 0)
