"""The one-on-ones pages as both partners use them: the series, the meeting, the summary, the
history, follow-through, and the "for our next one-on-one" capture on every partnership page.

Time is frozen on Tue 1 Dec 2026, 09:00 in London (04:00 in New York, where Bob lives). The
`series` meets on Thursdays at 10:00 London time; its first meeting is Thu 3 Dec.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from tandem.oneonones import services
from tandem.oneonones.models import (
    ActionItem,
    AgendaItem,
    Decision,
    Meeting,
    NotedQuestion,
    PrivateNote,
    Series,
)
from tandem.workload import services as workload
from tandem.workload.models import Assignment
from tests.conftest import field_errors, input_value, logged_in, overview, share, text_of
from tests.oneonones.conftest import (
    NOTED_SENTINEL,
    NOW,
    PRIVATE_NOTE_SENTINEL,
    day,
    during,
    meetings,
)

HTMX = {"HX-Request": "true"}


def area_url(partnership) -> str:
    return reverse("area-one-on-ones", args=[partnership.pk])


def meeting_url(meeting, name: str = "meeting") -> str:
    return reverse(name, args=[meeting.partnership_id, meeting.pk])


def url(name: str, partnership, *args) -> str:
    return reverse(name, args=[partnership.pk, *args])


def cadence(**fields) -> dict:
    return {
        "cadence": "weekly",
        "every_weeks": "",
        "weekday": "3",
        "time": "10:00",
        "duration_minutes": "30",
        "starts_on": "today",
        "ends_on": "",
    } | fields


def agenda_titles(response) -> list[str]:
    return [row.entry.title for row in response.context["agenda_rows"]]


def action(meeting, title: str, owned_by: str = "owner", due=None, *, by=None, now=None):
    actor = by or meeting.partnership.owner
    draft = services.ActionDraft(title=title, owned_by=owned_by, due=due)
    return services.action_item_add(actor, meeting, draft, now=now)


@pytest.fixture
def upcoming(series):
    """Thu 3 Dec at 10:00 London, as the area's page names it."""
    meeting = meetings(series)[0]
    meeting.partnership = series.partnership
    return meeting


@pytest.fixture
def last_held(held, partnership):
    """Thu 26 Nov, the latest meeting that took place."""
    meeting = held[-1]
    meeting.partnership = partnership
    return meeting


@pytest.fixture
def coming(past_series, partnership):
    """Thu 3 Dec, the next meeting of the series that began three weeks ago."""
    meeting = next(m for m in meetings(past_series) if not m.has_ended(NOW))
    meeting.partnership = partnership
    return meeting


# The area before a series.


def test_it_teaches_the_owner_what_a_one_on_one_is_with_the_cadence_form(alice, partnership):
    response = logged_in(alice).get(area_url(partnership))

    body = text_of(response)
    assert response.status_code == 200
    assert "Meet regularly, and come prepared" in body
    assert "weekly, Thursdays at 10:00, 30 minutes" in body
    form = response.context["cadence_form"]
    assert form["cadence"].value() == "weekly"
    assert form.fields["time"].label == "Time (London)"
    assert f'action="{url("one-on-ones-series", partnership)}"' in body


def test_it_tells_the_partner_the_owner_has_not_set_them_up(bob, partnership):
    response = logged_in(bob).get(area_url(partnership))

    body = text_of(response)
    assert "Alice Owner has not set up one-on-ones yet" in body
    assert "cadence_form" not in response.context
    assert 'name="cadence"' not in body


def test_it_sets_a_weekly_cadence_and_answers_with_the_next_meeting(alice, partnership):
    client = logged_in(alice)

    response = client.post(url("one-on-ones-series", partnership), cadence(), follow=True)

    series = Series.objects.get(partnership=partnership)
    assert (series.cadence, series.weekday, series.time) == ("weekly", 3, dt.time(10, 0))
    assert response.redirect_chain[-1][0] == area_url(partnership)
    body = text_of(response)
    assert (
        "One-on-ones set: weekly on Thursdays at 10:00, 30 minutes. "
        "The next is Thu 3 Dec at 10:00." in body
    )
    assert response.context["headline"] == (
        "Next one-on-one: Thu 3 Dec at 10:00 · nothing on the agenda yet"
    )


def test_it_meets_every_few_weeks_only_when_asked(alice, partnership):
    client = logged_in(alice)

    client.post(url("one-on-ones-series", partnership), cadence(every_weeks="999"))
    assert Series.objects.get(partnership=partnership).every_weeks == 1

    client.post(url("one-on-ones-series", partnership), cadence(cadence="custom", every_weeks="3"))
    assert Series.objects.get(partnership=partnership).every_weeks == 3


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"starts_on": "yesterday"}, "starts_on", "which is in the past"),
        ({"starts_on": "2026-11-20"}, "starts_on", "a new series starts today or later"),
        ({"starts_on": "9999-12-31"}, "starts_on", "more than 10 years from today"),
        ({"starts_on": "to\x00day"}, "starts_on", "Null characters are not allowed."),
        ({"starts_on": ""}, "starts_on", "Say when the series starts"),
        ({"duration_minutes": "0"}, "duration_minutes", "lasts 5 to 240 minutes"),
        ({"duration_minutes": "99999999999999999999"}, "duration_minutes", "5 to 240 minutes"),
        ({"duration_minutes": "half an hour"}, "duration_minutes", "in minutes, e.g. 30"),
        ({"cadence": "custom", "every_weeks": "0"}, "every_weeks", "would never meet"),
        ({"cadence": "custom", "every_weeks": "10" * 12}, "every_weeks", "half a year"),
        ({"cadence": "custom"}, "every_weeks", "Say every how many weeks"),
        ({"ends_on": "2026-12-02", "starts_on": "friday"}, "ends_on", "before it starts"),
        ({"time": "25:00"}, "time", "Give a time of day"),
        ({"weekday": "9"}, "weekday", "Choose a weekday"),
    ],
)
def test_it_refuses_a_cadence_that_makes_no_sense_and_keeps_the_input(
    alice, partnership, fields, field, message
):
    response = logged_in(alice).post(url("one-on-ones-series", partnership), cadence(**fields))

    assert response.status_code == 200
    assert not Series.objects.exists()
    body = text_of(response)
    errors = field_errors(body, f"cadence-{field}")
    assert errors and message in errors[0], errors
    # The first cadence is set on the area's own page, which shows the form again.
    assert (
        response.context["cadence_form"].data["duration_minutes"]
        == cadence(**fields)["duration_minutes"]
    )
    assert "Meet regularly, and come prepared" in body


def test_it_keeps_the_cadence_form_from_the_partner(bob, partnership, series):
    client = logged_in(bob)

    assert client.get(url("one-on-ones-series", partnership)).status_code == 404
    assert client.post(url("one-on-ones-series", partnership), cadence()).status_code == 404


def test_it_changes_the_cadence_and_says_what_happens_to_the_meetings(alice, partnership, series):
    client = logged_in(alice)

    page = client.get(url("one-on-ones-series", partnership))
    body = text_of(page)
    assert "Now: Weekly on Thursdays at 10:00, 30 minutes." in body
    assert "What was placed on them, agenda items and action items, moves to the next" in body
    assert input_value(body, "cadence-starts_on") == "Tue 1 Dec 2026"

    response = client.post(
        url("one-on-ones-series", partnership),
        cadence(weekday="4", time="15:30", starts_on="Tue 1 Dec 2026"),
        follow=True,
    )

    assert "Saved: weekly on Fridays at 15:30, 30 minutes. Meetings still to come follow it." in (
        text_of(response)
    )
    assert meetings(series)[0].starts_at == dt.datetime(2026, 12, 4, 15, 30, tzinfo=dt.UTC)


# The area with a series.


def test_it_answers_first_with_the_next_meeting_and_what_is_open(
    alice, partnership, coming, last_held
):
    services.agenda_item_add(alice, coming, "Who owns onboarding?")
    action(last_held, "Send Sam the draft budget", due=day(3), now=last_held.starts_at)

    response = logged_in(alice).get(area_url(partnership))

    assert response.context["headline"] == (
        "Next one-on-one: Thu 3 Dec at 10:00 · 1 on the agenda · 1 action item open"
    )
    body = text_of(response)
    assert f'href="{meeting_url(coming)}">Prepare the agenda</a>' in body
    assert "Weekly on Thursdays at 10:00, 30 minutes." in body
    assert [row.when for row in response.context["past"]] == [
        "Thu 26 Nov at 10:00",
        "Thu 19 Nov at 10:00",
        "Thu 12 Nov at 10:00",
    ]
    assert [row.state for row in response.context["past"]] == ["Held"] * 3
    assert response.context["upcoming"][0].state == "In 2 days"
    [row] = response.context["open_actions"]
    assert (row.view.title, row.view.owner_name, row.outcome) == (
        "Send Sam the draft budget",
        "You",
        "Open, due Fri 4 Dec",
    )
    assert row.view.carried == 1


def test_it_shows_the_partner_the_times_in_new_york(bob, partnership, series, upcoming):
    response = logged_in(bob).get(area_url(partnership))

    body = text_of(response)
    assert response.context["headline"].startswith("Next one-on-one: Thu 3 Dec at 05:00")
    assert "Times are in your time zone (New York)." in body
    assert "Weekly on Thursdays at 10:00 London time, 30 minutes." in body
    # The partner plans nothing: no move, skip, add or feed.
    for name in ("meeting-move", "meeting-skip"):
        assert url(name, partnership, upcoming.pk) not in body
    assert url("meeting-add", partnership) not in body
    assert url("one-on-ones-feed", partnership) not in body
    assert url("one-on-ones-ics", partnership) in body


def test_it_links_the_calendar_and_the_feed_for_the_owner(alice, partnership, series):
    body = text_of(logged_in(alice).get(area_url(partnership)))

    assert f'href="{url("one-on-ones-ics", partnership)}"' in body
    assert f'action="{url("one-on-ones-feed", partnership)}"' in body
    assert 'name="action" value="create"' in body

    series.feed_token_hash, series.feed_created_at = "x" * 64, NOW
    series.save()
    body = text_of(logged_in(alice).get(area_url(partnership)))
    assert "A feed link is active since Tue 1 Dec." in body
    assert 'name="action" value="revoke"' in body


def test_it_generates_the_next_meetings_when_the_area_is_opened(alice, partnership, series):
    series.meetings.filter(starts_at__gt=NOW + dt.timedelta(days=10)).delete()

    logged_in(alice).get(area_url(partnership))

    assert series.meetings.count() > 2


def test_it_moves_a_meeting_to_another_day_and_time(alice, partnership, upcoming):
    response = logged_in(alice).post(
        url("meeting-move", partnership, upcoming.pk),
        {"day": "friday", "time": "15:00", "duration_minutes": ""},
        follow=True,
    )

    upcoming.refresh_from_db()
    assert upcoming.starts_at == dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.UTC)
    assert upcoming.moved and upcoming.duration_minutes == 30
    assert "Moved to Fri 4 Dec at 15:00. Its agenda moved with it." in text_of(response)
    assert response.redirect_chain[-1][0] == area_url(partnership) + "#upcoming"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"day": "today", "time": "08:00"}, "That time has passed"),
        ({"day": "yesterday", "time": "10:00"}, "which is in the past"),
        ({"day": "9999-12-31", "time": "10:00"}, "more than 10 years from today"),
        ({"day": "fri\x00day", "time": "10:00"}, "Null characters are not allowed."),
        ({"day": "", "time": "10:00"}, "Say which day"),
        ({"day": "friday", "time": ""}, "Give a time."),
        ({"day": "friday", "time": "10:00", "duration_minutes": "0"}, "5 to 240 minutes"),
        ({"day": "friday", "time": "10:00", "duration_minutes": "9" * 30}, "5 to 240 minutes"),
    ],
)
def test_it_refuses_a_move_it_cannot_make_and_keeps_the_input(
    alice, partnership, upcoming, fields, message
):
    response = logged_in(alice).post(url("meeting-move", partnership, upcoming.pk), fields)

    assert response.status_code == 200
    upcoming.refresh_from_db()
    assert not upcoming.moved
    assert message in text_of(response)
    assert response.context["move_pk"] == upcoming.pk
    # The form stays open under its meeting, with what was typed.
    body = text_of(response)
    assert f'id="meeting-{upcoming.pk}"' in body
    assert input_value(body, f"move-{upcoming.pk}-day") == html.unescape(fields["day"])


def test_it_skips_a_meeting_and_takes_it_back(alice, partnership, upcoming):
    client = logged_in(alice)

    response = client.post(url("meeting-skip", partnership, upcoming.pk), {"action": "skip"})
    upcoming.refresh_from_db()
    assert upcoming.skipped
    assert response.url == area_url(partnership) + "#upcoming"

    page = client.get(area_url(partnership))
    assert page.context["headline"].startswith("Next one-on-one: Thu 10 Dec at 10:00")
    assert page.context["upcoming"][0].state == "Skipped"

    client.post(url("meeting-skip", partnership, upcoming.pk), {"action": "restore"})
    upcoming.refresh_from_db()
    assert not upcoming.skipped


def test_it_adds_an_extra_meeting_and_opens_it(alice, partnership, series):
    response = logged_in(alice).post(
        url("meeting-add", partnership),
        {"day": "tomorrow", "time": "16:30", "duration_minutes": "45"},
        follow=True,
    )

    extra = Meeting.objects.get(ad_hoc=True)
    assert extra.starts_at == dt.datetime(2026, 12, 2, 16, 30, tzinfo=dt.UTC)
    assert extra.duration_minutes == 45
    assert response.redirect_chain[-1][0] == meeting_url(extra)
    assert "Added a one-on-one on Wed 2 Dec at 16:30." in text_of(response)


def test_it_refuses_an_extra_meeting_in_the_past(alice, partnership, series):
    response = logged_in(alice).post(
        url("meeting-add", partnership), {"day": "today", "time": "07:00", "duration_minutes": ""}
    )

    assert response.status_code == 200
    assert not Meeting.objects.filter(ad_hoc=True).exists()
    assert "That time has passed" in text_of(response)
    assert response.context["add_form"].data["time"] == "07:00"


def test_it_lets_only_the_owner_plan_the_meetings(bob, partnership, upcoming):
    client = logged_in(bob)
    move = {"day": "friday", "time": "15:00"}

    assert client.post(url("meeting-move", partnership, upcoming.pk), move).status_code == 404
    assert client.post(url("meeting-skip", partnership, upcoming.pk)).status_code == 404
    assert client.post(url("meeting-add", partnership), move).status_code == 404
    upcoming.refresh_from_db()
    assert not upcoming.moved and not upcoming.skipped


def test_it_marks_an_open_action_item_done_from_the_area(alice, partnership, last_held):
    item = action(last_held, "Send Sam the draft budget", now=last_held.starts_at)
    back = area_url(partnership) + "#actions"

    response = logged_in(alice).post(
        url("action-update", partnership, item.pk), {"status": "done", "next": back}
    )

    assert response.url == back
    item.refresh_from_db()
    assert item.status == "done" and item.closed_on == day(0)


# One meeting.


def test_it_shows_the_meeting_head_and_the_agenda_for_both(alice, bob, partnership, coming, held):
    services.agenda_item_add(
        alice, held[1], "Flexible hours on Fridays", "Since October.", now=during(held[1])
    )
    services.agenda_item_add(bob, coming, "Priorities for December")

    for user, when in ((alice, "Thu 3 Dec at 10:00"), (bob, "Thu 3 Dec at 05:00")):
        response = logged_in(user).get(meeting_url(coming))
        body = text_of(response)
        assert response.context["when"] == when
        assert response.context["state"] == "In 2 days"
        assert "30 minutes, until" in body
        assert agenda_titles(response) == ["Flexible hours on Fridays", "Priorities for December"]
        first, second = (row.entry for row in response.context["agenda_rows"])
        assert first.carried == 2 and second.carried == 0
        assert "carried over ×2" in body
        assert "Since October." in body
    assert "Added by Bob Partner" in text_of(logged_in(alice).get(meeting_url(coming)))
    assert "Added by you" in text_of(logged_in(bob).get(meeting_url(coming)))


def test_it_puts_the_summary_near_the_top_of_a_held_meeting(alice, partnership, last_held):
    response = logged_in(alice).get(meeting_url(last_held))

    body = text_of(response)
    assert response.context["state"] == "Held"
    summary = body.index(meeting_url(last_held, "meeting-summary"))
    assert summary < body.index('id="agenda"')
    assert "New topics go on the" in body
    assert url("agenda-item-add", partnership, last_held.pk) not in body


def test_it_lets_both_add_to_the_agenda(alice, bob, partnership, upcoming):
    for user, title in ((alice, "Who owns onboarding?"), (bob, "Conference budget")):
        client = logged_in(user)
        response = client.post(
            url("agenda-item-add", partnership, upcoming.pk), {"title": title, "detail": ""}
        )
        assert response.url == meeting_url(upcoming) + "#agenda"
        assert f"Added “{title}” to the agenda." in text_of(client.get(response.url))

    response = logged_in(alice).get(meeting_url(upcoming))
    assert agenda_titles(response) == ["Who owns onboarding?", "Conference budget"]


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("", "Say what to talk about"),
        ("   ", "Say what to talk about"),
        ("Budget\x00", "Null characters are not allowed."),
        ("x" * 201, "Keep it under 200 characters."),
    ],
)
def test_it_refuses_an_empty_or_bad_agenda_item(alice, partnership, upcoming, title, message):
    response = logged_in(alice).post(
        url("agenda-item-add", partnership, upcoming.pk), {"title": title, "detail": "Kept"}
    )

    assert response.status_code == 200
    assert not AgendaItem.objects.exists()
    assert message in field_errors(text_of(response), "agenda-title")[0]
    assert response.context["agenda_form"].data["detail"] == "Kept"


def test_it_answers_htmx_with_the_agenda_section_only(alice, partnership, upcoming):
    response = logged_in(alice).post(
        url("agenda-item-add", partnership, upcoming.pk),
        {"title": "Who owns onboarding?"},
        headers=HTMX,
    )

    body = text_of(response)
    assert response.status_code == 200
    assert "<html" not in body
    assert 'id="agenda"' in body and 'id="notes"' not in body
    assert 'class="said" role="status">Added “Who owns onboarding?” to the agenda.' in body


def test_it_marks_an_item_discussed_drops_another_and_reopens(alice, partnership, last_held):
    placed = last_held.starts_at - dt.timedelta(hours=1)
    first = services.agenda_item_add(alice, last_held, "Budget", now=placed)
    second = services.agenda_item_add(alice, last_held, "Hiring", now=placed)
    client = logged_in(alice)
    update = url("agenda-item-update", partnership, first.pk)

    response = client.post(update, {"status": "discussed", "meeting": last_held.pk})
    assert response.url == meeting_url(last_held) + "#agenda"
    assert "Marked “Budget” discussed." in text_of(client.get(response.url))
    client.post(
        url("agenda-item-update", partnership, second.pk),
        {"status": "dropped", "meeting": last_held.pk},
    )

    page = client.get(meeting_url(last_held))
    assert agenda_titles(page) == []
    assert [(e.title, e.status_label) for e in page.context["settled"]] == [
        ("Budget", "Discussed"),
        ("Hiring", "Dropped"),
    ]
    assert "Marked “Budget” discussed." not in text_of(page)

    reopened = client.post(update, {"status": "open", "meeting": last_held.pk}, headers=HTMX)
    assert "“Budget” is open again." in text_of(reopened)
    assert agenda_titles(reopened) == ["Budget"]


def test_it_refuses_a_status_it_does_not_know(alice, partnership, upcoming):
    item = services.agenda_item_add(alice, upcoming, "Budget")

    response = logged_in(alice).post(
        url("agenda-item-update", partnership, item.pk),
        {"status": "finished", "meeting": upcoming.pk},
        follow=True,
    )

    assert "Choose one of: open, discussed, dropped." in text_of(response)
    item.refresh_from_db()
    assert item.status == "open"


def test_it_moves_an_item_up_and_down_the_agenda(alice, bob, partnership, upcoming):
    a, _, c = (services.agenda_item_add(alice, upcoming, t) for t in ("A", "B", "C"))
    client = logged_in(bob)
    order = url("agenda-reorder", partnership, upcoming.pk)

    response = client.post(order, {"item": c.pk, "direction": "up"})
    assert response.url == meeting_url(upcoming) + f"#item-{c.pk}"
    assert agenda_titles(client.get(meeting_url(upcoming))) == ["A", "C", "B"]

    moved = client.post(order, {"item": a.pk, "direction": "down"}, headers=HTMX)
    assert agenda_titles(moved) == ["C", "A", "B"]
    assert moved.context["focus_item"] == a.pk
    assert re.search(r'value="down"[^>]*autofocus', text_of(moved))
    # The first stays first; an item not on this agenda is refused with a message.
    client.post(order, {"item": c.pk, "direction": "up"})
    assert agenda_titles(client.get(meeting_url(upcoming))) == ["C", "A", "B"]
    refused = client.post(order, {"item": "99999", "direction": "up"}, follow=True)
    assert "not on this agenda any more" in text_of(refused)


def test_it_renames_an_item_and_keeps_a_blank_title_with_its_message(alice, partnership, upcoming):
    item = services.agenda_item_add(alice, upcoming, "Budget")
    client = logged_in(alice)
    rename = url("agenda-item-update", partnership, item.pk)

    client.post(rename, {"title": "Budget for Q1", "meeting": upcoming.pk})
    item.refresh_from_db()
    assert item.title == "Budget for Q1"

    response = client.post(rename, {"title": "  ", "meeting": upcoming.pk})
    assert response.status_code == 200
    assert response.context["title_pk"] == item.pk
    assert "An agenda item needs a title." in text_of(response)
    item.refresh_from_db()
    assert item.title == "Budget for Q1"


def test_it_proposes_the_owners_noted_question_and_accepts_it(alice, partnership, upcoming):
    services.question_note(alice, partnership, "Who owns onboarding?")
    client = logged_in(alice)

    page = client.get(meeting_url(upcoming))
    [(proposal, label)] = [p for p in page.context["proposals"] if p[0].kind == "noted"]
    assert label == "You noted"
    assert "accepting one puts its title and reason on the shared agenda" in text_of(page)

    response = client.post(
        url("proposal-respond", partnership, upcoming.pk),
        {"key": proposal.key, "action": "accept"},
    )
    assert response.url == meeting_url(upcoming) + "#proposals"
    page = client.get(meeting_url(upcoming))
    assert agenda_titles(page) == ["Who owns onboarding?"]
    assert proposal.key not in [p.key for p, _ in page.context["proposals"]]
    assert NotedQuestion.objects.get().settled_at is not None


def test_it_removes_a_proposal_from_this_meeting(alice, partnership, upcoming):
    services.question_note(alice, partnership, "Who owns onboarding?")
    key = f"noted:{NotedQuestion.objects.get().pk}"
    client = logged_in(alice)

    response = client.post(
        url("proposal-respond", partnership, upcoming.pk),
        {"key": key, "action": "dismiss"},
        headers=HTMX,
    )

    assert "Removed “Who owns onboarding?” from this meeting's proposals." in text_of(response)
    assert response.context["proposals"] == []
    again = client.post(
        url("proposal-respond", partnership, upcoming.pk),
        {"key": key, "action": "accept"},
        follow=True,
    )
    assert "That proposal is no longer offered" in text_of(again)
    assert not AgendaItem.objects.exists()


def test_it_keeps_each_members_noted_questions_their_own(alice, bob, partnership, upcoming):
    services.question_note(alice, partnership, f"Alice asks {NOTED_SENTINEL}")
    services.question_note(bob, partnership, "Bob asks about the offsite")

    partner_page = logged_in(bob).get(meeting_url(upcoming))
    owner_page = logged_in(alice).get(meeting_url(upcoming))

    assert NOTED_SENTINEL not in text_of(partner_page)
    assert [p.title for p, _ in partner_page.context["proposals"]] == ["Bob asks about the offsite"]
    assert "The questions you noted, and your agreement's review" in text_of(partner_page)
    assert "Bob asks about the offsite" not in text_of(owner_page)
    assert f"Alice asks {NOTED_SENTINEL}" in text_of(owner_page)


def test_it_saves_the_shared_notes_for_both(alice, bob, partnership, upcoming):
    response = logged_in(alice).post(
        url("shared-notes", partnership, upcoming.pk), {"text": "Budget by Friday", "version": 0}
    )

    assert response.url == meeting_url(upcoming) + "#notes"
    page = logged_in(bob).get(meeting_url(upcoming))
    assert page.context["notes_form"]["text"].value() == "Budget by Friday"
    assert page.context["notes_form"]["version"].value() == 1
    assert "Last saved by Alice Owner, Tue 1 Dec at 04:00." in text_of(page)


def test_it_keeps_the_typed_notes_when_the_other_saved_first(alice, bob, partnership, upcoming):
    logged_in(bob).post(
        url("shared-notes", partnership, upcoming.pk), {"text": "Bob's notes", "version": 0}
    )

    response = logged_in(alice).post(
        url("shared-notes", partnership, upcoming.pk), {"text": "Alice's notes", "version": 0}
    )

    assert response.status_code == 409
    body = text_of(response)
    assert "The shared notes changed while you were writing." in body
    form = response.context["notes_form"]
    assert form["text"].value() == "Alice's notes"
    assert "Your text, not saved yet" in body
    # Saving again now starts from the latest version.
    assert form["version"].value() == 1
    latest = body.index("The latest saved notes, by Bob Partner")
    assert latest < body.index("Alice's notes</textarea>")
    assert "Bob's notes</textarea>" in body
    # The page opens at the notes: the cursor is in the kept text.
    [tag] = [t for t in re.findall(r"<textarea[^>]*>", body) if 'id="shared-text"' in t]
    assert "autofocus" in tag
    upcoming.refresh_from_db()
    assert upcoming.shared_notes == "Bob's notes"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "Notes\x00", "version": "0"}, "Null characters are not allowed."),
        ({"text": "Notes", "version": ""}, "lost their version"),
        ({"text": "Notes", "version": "9" * 40}, "less than or equal to"),
        ({"text": "x" * 20_001, "version": "0"}, "Keep it under 20,000 characters."),
    ],
)
def test_it_refuses_notes_it_cannot_keep(alice, partnership, upcoming, data, message):
    response = logged_in(alice).post(url("shared-notes", partnership, upcoming.pk), data)

    assert response.status_code == 200
    assert message in text_of(response)
    upcoming.refresh_from_db()
    assert upcoming.shared_notes == ""


def test_it_keeps_private_notes_for_their_author_alone(alice, bob, partnership, last_held):
    response = logged_in(alice).post(
        url("private-note", partnership, last_held.pk), {"text": PRIVATE_NOTE_SENTINEL}
    )
    assert response.url == meeting_url(last_held) + "#private"

    owner_page = logged_in(alice).get(meeting_url(last_held))
    assert owner_page.context["private_form"]["text"].value() == PRIVATE_NOTE_SENTINEL
    assert "Only you see these." in text_of(owner_page)
    for page in ("meeting", "meeting-summary"):
        assert PRIVATE_NOTE_SENTINEL not in text_of(
            logged_in(bob).get(meeting_url(last_held, page))
        )
    for name in ("area-one-on-ones", "one-on-ones-history", "one-on-ones-follow-through"):
        assert PRIVATE_NOTE_SENTINEL not in text_of(logged_in(bob).get(url(name, partnership)))
    assert logged_in(bob).get(meeting_url(last_held)).context["private_form"]["text"].value() in (
        "",
        None,
    )


def test_it_refuses_a_private_note_with_a_null_character(alice, partnership, last_held):
    response = logged_in(alice).post(
        url("private-note", partnership, last_held.pk), {"text": "Mine\x00"}
    )

    assert response.status_code == 200
    assert "Null characters are not allowed." in text_of(response)
    assert not PrivateNote.objects.exists()


def test_it_writes_down_a_decision_with_who_decided(alice, bob, partnership, last_held):
    response = logged_in(alice).post(
        url("decision-add", partnership, last_held.pk),
        {"text": "Pause the Q3 report", "decided_by": "partner"},
    )
    assert response.url == meeting_url(last_held) + "#decisions"

    owner_page = text_of(logged_in(alice).get(meeting_url(last_held)))
    partner_page = text_of(logged_in(bob).get(meeting_url(last_held)))
    assert "Decided by Zebulon Boss · written down by you" in owner_page
    assert "Decided by you · written down by Alice Owner" in partner_page
    decision = Decision.objects.get()
    assert url("decision-delete", partnership, decision.pk) in owner_page
    assert url("decision-delete", partnership, decision.pk) not in partner_page


def test_it_removes_only_a_decision_one_wrote_down(alice, bob, partnership, last_held):
    decision = services.decision_record(alice, last_held, "Pause the Q3 report")

    refused = logged_in(bob).post(url("decision-delete", partnership, decision.pk), follow=True)
    assert "Only whoever wrote a decision down removes it." in text_of(refused)
    assert Decision.objects.exists()

    removed = logged_in(alice).post(url("decision-delete", partnership, decision.pk), headers=HTMX)
    assert "Decision removed." in text_of(removed)
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "", "decided_by": "both"}, "Write what was decided"),
        ({"text": "Pause\x00", "decided_by": "both"}, "Null characters are not allowed."),
        ({"text": "Pause it", "decided_by": "nobody"}, "Select a valid choice."),
    ],
)
def test_it_refuses_a_decision_it_cannot_record(alice, partnership, last_held, data, message):
    response = logged_in(alice).post(url("decision-add", partnership, last_held.pk), data)

    assert response.status_code == 200
    assert message in text_of(response)
    assert not Decision.objects.exists()


def test_it_agrees_an_action_item_with_an_owner_and_a_day(alice, bob, partnership, upcoming):
    client = logged_in(bob)
    response = client.post(
        url("action-add", partnership, upcoming.pk),
        {"title": "Confirm the headcount", "owned_by": "partner", "due": "next friday"},
    )
    assert response.url == meeting_url(upcoming) + "#actions"
    assert "Action item for you: “Confirm the headcount”." in text_of(client.get(response.url))

    item = ActionItem.objects.get()
    assert (item.owned_by, item.due, item.created_by) == ("partner", day(10), bob)
    page = logged_in(alice).get(meeting_url(upcoming))
    [row] = page.context["actions"]
    assert (row.view.owner_name, row.outcome) == ("Zebulon Boss", "Open, due Fri 11 Dec")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "Say what will be done"),
        ({"title": "x" * 201}, "Keep it under 200 characters."),
        ({"due": "yesterday"}, "which is in the past"),
        ({"due": "2026-11-20"}, "has passed: give a day still to come"),
        ({"due": "9999-12-31"}, "more than 10 years from today"),
        ({"due": "fri\x00day"}, "Null characters are not allowed."),
        ({"owned_by": "both"}, "Select a valid choice."),
        ({"assignment": "99999"}, "Choose one of the open assignments listed."),
    ],
)
def test_it_refuses_an_action_item_it_cannot_record_and_keeps_the_input(
    alice, partnership, upcoming, data, message
):
    fields = {"title": "Send the budget", "owned_by": "owner", "due": ""} | data

    response = logged_in(alice).post(url("action-add", partnership, upcoming.pk), fields)

    assert response.status_code == 200
    assert message in text_of(response)
    assert not ActionItem.objects.exists()
    assert response.context["action_form"].data["title"] == fields["title"]


def test_it_links_an_action_item_to_an_open_assignment(alice, bob, partnership, upcoming):
    report = workload.assignment_create(
        alice, partnership, workload.AssignmentDraft(title="Q3 board report", effort_minutes=240)
    )
    client = logged_in(alice)
    assert (report.pk, f"#{report.pk} Q3 board report") in (
        client.get(meeting_url(upcoming)).context["action_form"].fields["assignment"].choices
    )

    client.post(
        url("action-add", partnership, upcoming.pk),
        {"title": "Figures for the report", "owned_by": "owner", "assignment": report.pk},
    )

    assert ActionItem.objects.get().assignment == report
    body = text_of(client.get(meeting_url(upcoming)))
    assert f"assignment #{report.pk} Q3 board report" in body
    # The partner learns of the link, and its title only once the workload is shared.
    assert "linked to an assignment" in text_of(logged_in(bob).get(meeting_url(upcoming)))
    share(partnership, share_workload=True)
    assert f"assignment #{report.pk} Q3 board report" in text_of(
        logged_in(bob).get(meeting_url(upcoming))
    )


def test_it_turns_the_owners_action_item_into_an_assignment(alice, bob, partnership, upcoming):
    mine = action(upcoming, "Send Sam the draft budget", due=day(3))
    theirs = action(upcoming, "Confirm the headcount", "partner")
    page = text_of(logged_in(alice).get(meeting_url(upcoming)))
    assert url("action-to-assignment", partnership, mine.pk) in page
    assert url("action-to-assignment", partnership, theirs.pk) not in page

    response = logged_in(alice).post(
        url("action-to-assignment", partnership, mine.pk), {"meeting": upcoming.pk}, follow=True
    )

    assignment = Assignment.objects.get()
    assert (assignment.title, assignment.due) == ("Send Sam the draft budget", day(3))
    assert f"is assignment #{assignment.pk} now" in text_of(response)
    mine.refresh_from_db()
    assert mine.assignment == assignment
    assert logged_in(bob).post(url("action-to-assignment", partnership, mine.pk)).status_code == 404


def test_it_carries_open_action_items_to_the_next_meeting(alice, partnership, held, coming):
    old = action(held[0], "Draft the onboarding guide", due=day(-6), now=held[0].starts_at)

    page = logged_in(alice).get(meeting_url(coming))

    [row] = page.context["carried"]
    assert (row.view.title, row.view.carried, row.tone) == ("Draft the onboarding guide", 3, "late")
    assert row.outcome == "Overdue: due Wed 25 Nov"
    assert "carried over ×3" in text_of(page)

    done = logged_in(alice).post(
        url("action-update", partnership, old.pk),
        {"status": "done", "meeting": coming.pk},
        headers=HTMX,
    )
    assert "Done: “Draft the onboarding guide”." in text_of(done)
    # Done since the last meeting: it stays on this one, marked done, and can be reopened.
    [row] = done.context["carried"]
    assert row.view.status == "done" and "Reopen" in text_of(done)


def test_it_hides_the_forms_of_a_skipped_meeting(alice, partnership, upcoming):
    services.meeting_skip(alice, upcoming)

    body = text_of(logged_in(alice).get(meeting_url(upcoming)))

    assert "This meeting is skipped." in body
    for name in ("agenda-item-add", "decision-add", "action-add"):
        assert url(name, partnership, upcoming.pk) not in body


# After the meeting.


def test_it_summarises_the_meeting_as_an_e_mail(alice, bob, partnership, last_held):
    services.decision_record(alice, last_held, "Pause the Q3 report", "partner")
    action(last_held, "Send Sam the draft budget", due=day(3))
    services.private_note_save(alice, last_held, PRIVATE_NOTE_SENTINEL)
    partnership.partner_email = "zeb@example.com"
    partnership.save(update_fields=["partner_email"])

    response = logged_in(alice).get(meeting_url(last_held, "meeting-summary"))

    body = text_of(response)
    summary = response.context["summary"]
    assert summary.subject == "Our one-on-one on Thu 26 Nov: 1 decision, 1 action item"
    assert "- Pause the Q3 report (decided by Zebulon Boss)" in summary.body
    assert "Alice Owner — Send Sam the draft budget — by Fri 4 Dec" in summary.body
    assert 'data-copy="summary-body"' in body
    assert 'href="mailto:zeb@example.com?subject=' in body
    assert PRIVATE_NOTE_SENTINEL not in body
    partner = text_of(logged_in(bob).get(meeting_url(last_held, "meeting-summary")))
    assert "Pause the Q3 report" in partner and PRIVATE_NOTE_SENTINEL not in partner


def test_it_lists_every_decision_and_action_item_with_its_outcome(alice, partnership, held):
    first, second, last = held
    services.decision_record(alice, first, "Pause the Q3 report")
    services.decision_record(alice, last, "Budget goes to Finance first")
    done = action(first, "Send the budget", due=day(-18), now=first.starts_at)
    done.partnership = partnership
    services.action_item_update(
        alice, done, status="done", now=first.starts_at + dt.timedelta(days=5)
    )
    action(second, "Book the room", "partner", due=day(-3), now=second.starts_at)

    response = logged_in(alice).get(url("one-on-ones-history", partnership))

    body = text_of(response)
    assert response.status_code == 200
    assert "2 decisions and 2 action items, the latest first" in body
    days = [group.day for group in response.context["meetings"]]
    assert days == ["Thu 26 Nov", "Thu 19 Nov", "Thu 12 Nov"]
    outcomes = {
        row.view.title: row.outcome for g in response.context["meetings"] for row in g.actions
    }
    assert outcomes == {
        "Send the budget": "Done Tue 17 Nov, after its day (Fri 13 Nov)",
        "Book the room": "Overdue: due Sat 28 Nov",
    }


def test_it_searches_the_history(alice, partnership, last_held):
    services.decision_record(alice, last_held, "Pause the Q3 report")
    services.decision_record(alice, last_held, "Budget goes to Finance first")

    response = logged_in(alice).get(url("one-on-ones-history", partnership), {"q": "budget"})

    assert [d.text for d in response.context["history"].decisions] == [
        "Budget goes to Finance first"
    ]
    assert "1 decision and 0 action items match “budget”" in text_of(response)


@pytest.mark.parametrize(
    ("query", "message"),
    [("budget\x00", "Null characters are not allowed."), ("b" * 201, "up to 200 characters")],
)
def test_it_refuses_a_search_it_cannot_run(alice, partnership, last_held, query, message):
    services.decision_record(alice, last_held, "Pause the Q3 report")

    response = logged_in(alice).get(url("one-on-ones-history", partnership), {"q": query})

    assert response.status_code == 200
    body = text_of(response)
    assert message in body
    # Nothing is filtered by the refused text; the box keeps what can be shown of it.
    assert response.context["history"].query == ""
    assert "\x00" not in body
    assert len(input_value(body, "history-q")) <= 200


def test_it_teaches_what_the_history_holds_before_anything_is_written(bob, partnership, series):
    body = text_of(logged_in(bob).get(url("one-on-ones-history", partnership)))

    assert "Nothing written down yet" in body
    assert "Every decision and every action item from your one-on-ones gathers here" in body


def test_it_answers_who_followed_through_on_both_sides(alice, bob, partnership, held):
    first = held[0]
    for title, due, done_after in (("On time", -15, 2), ("Late", -18, 5)):
        item = action(first, title, due=day(due), now=first.starts_at)
        item.partnership = partnership
        services.action_item_update(
            alice, item, status="done", now=first.starts_at + dt.timedelta(days=done_after)
        )
    action(first, "Book the room", "partner", due=day(-1), by=bob, now=first.starts_at)

    owner = logged_in(alice).get(url("one-on-ones-follow-through", partnership))
    partner = logged_in(bob).get(url("one-on-ones-follow-through", partnership))

    assert owner.context["headline"] == "You did 1 of 2 on time; Zebulon Boss did 0 of 1 on time"
    assert partner.context["headline"] == "You did 0 of 1 on time; Alice Owner did 1 of 2 on time"
    you, other = owner.context["sides"]
    assert (you.name, you.reading) == ("You", "Did 1 of 2 on time")
    assert (other.name, other.reading) == ("Zebulon Boss", "1 overdue")
    assert [row.view.title for row in other.actions] == ["Book the room"]


def test_it_says_nothing_is_agreed_yet_on_follow_through(alice, partnership, series):
    response = logged_in(alice).get(url("one-on-ones-follow-through", partnership))

    assert "No action items agreed yet" in text_of(response)
    assert response.context["nothing_yet"]


# "For our next one-on-one", from any page of the partnership.


def test_it_notes_a_question_from_the_workload_page_and_goes_back(alice, partnership):
    client = logged_in(alice)
    workload_url = reverse("area-workload", args=[partnership.pk])
    page = text_of(client.get(workload_url))
    assert f'action="{url("question-note", partnership)}"' in page
    assert f'name="next" value="{workload_url}"' in page

    response = client.post(
        url("question-note", partnership),
        {"text": "Who owns onboarding?", "next": workload_url},
        follow=True,
    )

    assert response.redirect_chain == [(workload_url, 302)]
    assert (
        "Noted for your next one-on-one: only you see it until you put it on the agenda."
        in text_of(response)
    )
    question = NotedQuestion.objects.get()
    assert (question.author, question.text) == (alice, "Who owns onboarding?")


def test_it_lets_the_partner_note_a_question_too(bob, partnership):
    requests_url = reverse("area-requests", args=[partnership.pk])

    response = logged_in(bob).post(
        url("question-note", partnership), {"text": "The offsite?", "next": requests_url}
    )

    assert response.url == requests_url
    assert NotedQuestion.objects.get().author == bob


def test_it_answers_htmx_with_the_capture_in_place(alice, partnership):
    back = reverse("partnership", args=[partnership.pk])

    response = logged_in(alice).post(
        url("question-note", partnership),
        {"text": "Who owns onboarding?", "next": back},
        headers=HTMX,
    )

    body = text_of(response)
    assert body.startswith('<form class="capture-question"')
    assert 'role="status">Noted for your next one-on-one' in body
    assert f'name="next" value="{back}"' in body
    assert 'value=""' in body


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/p/1/", ""])
def test_it_goes_back_only_to_a_page_of_tandem(alice, partnership, target):
    response = logged_in(alice).post(
        url("question-note", partnership), {"text": "Who owns onboarding?", "next": target}
    )

    assert response.url == area_url(partnership)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write the question"),
        ("Who\x00", "Null characters are not allowed."),
        ("w" * 501, "Keep it under 500 characters."),
    ],
)
def test_it_keeps_a_question_it_cannot_note_with_its_message(alice, partnership, text, message):
    back = reverse("area-workload", args=[partnership.pk])

    response = logged_in(alice).post(
        url("question-note", partnership), {"text": text, "next": back}
    )

    assert response.status_code == 200
    assert not NotedQuestion.objects.exists()
    body = text_of(response)
    assert message in body
    assert f'name="next" value="{back}"' in body
    if text == "w" * 501:
        assert input_value(body, "question-text") == text
    htmx = logged_in(alice).post(
        url("question-note", partnership), {"text": text, "next": back}, headers=HTMX
    )
    assert message in text_of(htmx) and "<html" not in text_of(htmx)


def test_it_keeps_the_capture_from_a_stranger(charlie, partnership):
    response = logged_in(charlie).post(url("question-note", partnership), {"text": "Hello"})

    assert response.status_code == 404
    assert not NotedQuestion.objects.exists()


# The overview.


def test_it_shows_the_next_meeting_on_the_overview(alice, bob, partnership, coming, last_held):
    services.agenda_item_add(alice, coming, "Budget")
    action(last_held, "Overdue thing", due=day(-2), now=last_held.starts_at)

    owner = text_of(overview(alice, partnership))
    partner = text_of(overview(bob, partnership))

    assert "Your next one-on-one" in owner
    assert "Thursday 3 Dec at 10:00" in owner and "Thursday 3 Dec at 05:00" in partner
    assert "Next: <strong>Thu 3 Dec, 10:00</strong>" in owner
    assert "1 on the agenda · 1 action item open · " in owner
    assert "1 of yours overdue" in owner and "of yours overdue" not in partner
    assert f'href="{meeting_url(coming)}">Prepare the agenda</a>' in owner


def test_it_teaches_in_the_tile_before_a_series(alice, bob, partnership):
    assert "Set a rhythm, and Tandem prepares each agenda" in text_of(overview(alice, partnership))
    assert "Alice Owner has not set up one-on-ones yet." in text_of(overview(bob, partnership))


def test_a_past_meeting_tells_settled_there_from_settled_later(alice, partnership, held):
    first, _, third = held
    parking = services.agenda_item_add(alice, first, "Parking", now=during(first))
    hiring = services.agenda_item_add(alice, first, "Hiring plan", now=during(first))
    services.agenda_item_update(alice, parking, status="discussed", now=during(first, 20))
    services.agenda_item_update(alice, hiring, status="discussed", now=during(third, 20))

    page = logged_in(alice).get(meeting_url(first))

    assert [entry.title for entry in page.context["settled"]] == ["Parking"]
    assert [entry.title for entry in page.context["settled_later"]] == ["Hiring plan"]
    body = text_of(page)
    assert body.index("Settled in this meeting") < body.index("Parking")
    assert body.index("Carried on, settled at a later meeting") < body.index("Hiring plan")
    assert "Discussed later" in body


def test_an_item_added_in_place_updates_the_pages_jump_links(alice, partnership, upcoming):
    services.agenda_item_add(alice, upcoming, "Parking")

    response = logged_in(alice).post(
        url("agenda-item-add", partnership, upcoming.pk), {"title": "Hiring plan"}, headers=HTMX
    )

    body = text_of(response)
    assert 'id="meeting-jump"' in body and 'hx-swap-oob="true"' in body
    jump = body[body.index('id="meeting-jump"') :]
    assert re.search(r'href="#agenda">Agenda <span class="count-pill">2</span>', jump)
