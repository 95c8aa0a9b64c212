"""The one-on-ones in a calendar: the .ics download and the feed behind a secret address."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tandem.lib.ics import read_calendar
from tandem.oneonones import services
from tandem.oneonones.models import Series
from tests.conftest import logged_in
from tests.oneonones.conftest import (
    NOTED_SENTINEL,
    NOW,
    PRIVATE_NOTE_SENTINEL,
    TODAY,
    day,
    meetings,
    weekly,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def download(user, partnership):
    return logged_in(user).get(reverse("one-on-ones-ics", args=[partnership.pk]))


def events(content: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(content).walk("VEVENT"))


def starts(content: bytes) -> list[dt.datetime]:
    return [event["DTSTART"].dt for event in events(content)]


def unfolded(content: bytes) -> str:
    """The file's text with its long lines joined again, so no word hides across a fold."""
    return content.decode().replace("\r\n ", "")


def feed_address(owner, partnership) -> str:
    """The address the owner is shown once, after making a feed."""
    response = logged_in(owner).post(
        reverse("one-on-ones-feed", args=[partnership.pk]), {"action": "create"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("area-one-on-ones", args=[partnership.pk])
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    return re.search(r"https?://\S+\.ics", message)[0]


def path_of(address: str) -> str:
    return address.split("testserver", 1)[1]


def test_it_downloads_the_series_with_each_meeting_at_its_utc_time(alice, partnership, series):
    response = download(alice, partnership)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="tandem-one-on-ones.ics"' in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "One-on-ones: Alice Owner & Zebulon Boss"
    first, *rest = events(response.content)
    assert first["DTSTART"].dt == dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)
    assert first["DTEND"].dt == dt.datetime(2026, 12, 3, 10, 30, tzinfo=dt.UTC)
    assert str(first["SUMMARY"]) == "One-on-one: Alice Owner & Zebulon Boss"
    assert "TRANSP" not in first  # it blocks the time
    assert len(rest) + 1 == series.meetings.count()


def test_it_names_each_meeting_by_a_uid_that_stays_and_links_its_page(
    alice, partnership, series, next_meeting
):
    first = download(alice, partnership).content
    again = download(alice, partnership).content

    [uid, *_] = [str(event["UID"]) for event in events(first)]
    assert uid == f"meeting-{next_meeting.pk}@tandem"
    assert [str(e["UID"]) for e in events(first)] == [str(e["UID"]) for e in events(again)]
    page = reverse("meeting", kwargs={"pk": partnership.pk, "meeting_pk": next_meeting.pk})
    event = events(first)[0]
    assert str(event["URL"]) == f"http://testserver{page}"
    assert f"http://testserver{page}" in str(event["DESCRIPTION"])


def test_it_reads_back_with_tandems_own_calendar_reader(alice, partnership, series):
    content = download(alice, partnership).content

    read = read_calendar(content, tz=LONDON, window_start=TODAY, window_end=day(90))

    assert not read.warnings
    assert [event.start.time() for event in read.events] == [dt.time(10, 0)] * len(read.events)
    assert [event.start.date() for event in read.events[:3]] == [day(2), day(9), day(16)]
    assert all(event.busy and not event.all_day for event in read.events)
    assert read.events[0].end - read.events[0].start == dt.timedelta(minutes=30)


def test_it_keeps_the_owners_wall_clock_time_across_the_clock_change(alice, partnership):
    # Set up on Thu 1 Oct, in British summer time; the clocks went back on Sun 25 Oct.
    then = dt.datetime(2026, 10, 1, 8, 0, tzinfo=dt.UTC)
    services.series_save(alice, partnership, weekly(starts_on=day(-61)), now=then)

    content = download(alice, partnership).content

    assert starts(content)[:4] == [
        dt.datetime(2026, 10, 8, 9, 0, tzinfo=dt.UTC),
        dt.datetime(2026, 10, 15, 9, 0, tzinfo=dt.UTC),
        dt.datetime(2026, 10, 22, 9, 0, tzinfo=dt.UTC),
        dt.datetime(2026, 10, 29, 10, 0, tzinfo=dt.UTC),
    ]
    in_london = read_calendar(content, tz=LONDON, window_start=day(-60), window_end=day(90))
    assert {event.start.time() for event in in_london.events} == {dt.time(10, 0)}
    # New York changes its clocks a week later: Bob's calendar shows the shift honestly.
    in_new_york = read_calendar(content, tz=NEW_YORK, window_start=day(-60), window_end=day(0))
    assert [(e.start.date(), e.start.time()) for e in in_new_york.events[2:5]] == [
        (dt.date(2026, 10, 22), dt.time(5, 0)),
        (dt.date(2026, 10, 29), dt.time(6, 0)),
        (dt.date(2026, 11, 5), dt.time(5, 0)),
    ]


def test_it_reaches_eight_weeks_back_and_as_far_ahead_as_meetings_are_planned(alice, partnership):
    then = NOW - dt.timedelta(weeks=12)
    services.series_save(alice, partnership, weekly(starts_on=day(-84)), now=then)

    found = starts(download(alice, partnership).content)

    assert found[0] == dt.datetime(2026, 10, 8, 9, 0, tzinfo=dt.UTC)
    # Planned ahead again when the calendar is read: twelve weeks from today.
    assert found[-1].date() == dt.date(2027, 2, 18)


def test_it_leaves_out_a_skipped_meeting_and_shows_a_moved_one_at_its_new_time(
    alice, partnership, series
):
    first, second, *_ = meetings(series)
    services.meeting_skip(alice, first)
    moved_to = dt.datetime(2026, 12, 11, 15, 0, tzinfo=dt.UTC)
    services.meeting_move(alice, second, moved_to)

    content = download(alice, partnership).content

    uids = [str(event["UID"]) for event in events(content)]
    assert f"meeting-{first.pk}@tandem" not in uids
    assert starts(content)[0] == moved_to


def test_the_partner_downloads_it_too(bob, partnership, series):
    response = download(bob, partnership)

    assert response.status_code == 200
    assert len(events(response.content)) == series.meetings.count()


def test_it_is_not_there_for_a_stranger_or_before_a_series_exists(
    alice, charlie, partnership, series, solo_partnership
):
    assert download(charlie, partnership).status_code == 404
    assert download(alice, solo_partnership).status_code == 404
    anonymous = download(None, partnership)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))


@pytest.fixture
def private_world(alice, bob, partnership, series, next_meeting):
    """Everything written in and around the next meeting that has no place in a calendar."""
    services.agenda_item_add(alice, next_meeting, "Agenda-title-sentinel", "Detail-sentinel")
    services.shared_notes_save(bob, next_meeting, "Shared-notes-sentinel", 0)
    services.private_note_save(alice, next_meeting, PRIVATE_NOTE_SENTINEL)
    services.decision_record(alice, next_meeting, "Decision-sentinel")
    services.action_item_add(alice, next_meeting, services.ActionDraft("Action-sentinel"))
    services.question_note(alice, partnership, NOTED_SENTINEL)
    return (
        "Agenda-title-sentinel",
        "Detail-sentinel",
        "Shared-notes-sentinel",
        PRIVATE_NOTE_SENTINEL,
        "Decision-sentinel",
        "Action-sentinel",
        NOTED_SENTINEL,
    )


def test_neither_the_download_nor_the_feed_carries_anything_written_in_a_meeting(
    alice, bob, partnership, private_world
):
    address = feed_address(alice, partnership)

    for content, title in (
        (download(alice, partnership).content, "One-on-one: Alice Owner & Zebulon Boss"),
        # The partner reads his own name, not the owner's name for him.
        (download(bob, partnership).content, "One-on-one: Alice Owner & Bob Partner"),
        (logged_in(None).get(path_of(address)).content, "One-on-one: Alice Owner & Zebulon Boss"),
    ):
        text = unfolded(content)
        assert title in text
        for sentinel in private_world:
            assert sentinel not in text


def test_the_owner_makes_a_feed_anyone_with_its_address_can_subscribe_to(
    alice, partnership, series
):
    address = feed_address(alice, partnership)

    response = logged_in(None).get(path_of(address))

    assert logged_in(None).head(path_of(address)).status_code == 200
    assert address.startswith("http://testserver/o/cal_")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "Content-Disposition" not in response
    assert len(events(response.content)) == series.meetings.count()


def test_it_keeps_only_a_hash_of_the_feeds_secret(alice, partnership, series):
    address = feed_address(alice, partnership)

    stored = Series.objects.get(pk=series.pk)
    secret = address.rsplit("/", 1)[1].removesuffix(".ics")
    assert stored.feed_token_hash and secret not in stored.feed_token_hash
    assert stored.feed_created_at == NOW


def test_a_new_feed_address_retires_the_old_one(alice, partnership, series):
    old = feed_address(alice, partnership)

    new = feed_address(alice, partnership)

    assert new != old
    assert logged_in(None).get(path_of(old)).status_code == 404
    assert logged_in(None).get(path_of(new)).status_code == 200


def test_a_revoked_feed_answers_not_found(alice, partnership, series):
    address = feed_address(alice, partnership)

    response = logged_in(alice).post(
        reverse("one-on-ones-feed", args=[partnership.pk]), {"action": "revoke"}
    )

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The calendar feed is off: its address no longer works."
    ]
    assert logged_in(None).get(path_of(address)).status_code == 404
    assert Series.objects.get(pk=series.pk).feed_token_hash == ""


@pytest.mark.parametrize("token", ["cal_nothing-like-it", "nothing", "brief_abc", "cal_", "%00"])
def test_an_unknown_feed_address_answers_not_found(series, token):
    assert logged_in(None).get(f"/o/{token}.ics").status_code == 404


def test_only_the_owner_makes_or_revokes_a_feed(alice, bob, charlie, partnership, series):
    feed_address(alice, partnership)
    before = Series.objects.get(pk=series.pk).feed_token_hash

    for user in (bob, charlie):
        for action in ("create", "revoke"):
            response = logged_in(user).post(
                reverse("one-on-ones-feed", args=[partnership.pk]), {"action": action}
            )
            assert response.status_code == 404

    assert Series.objects.get(pk=series.pk).feed_token_hash == before


def test_the_feed_service_refuses_the_partner(bob, series):
    with pytest.raises(services.TandemError) as refused:
        services.feed_create(bob, series)

    assert refused.value.message == ("Only Alice Owner shares the one-on-ones as a calendar feed.")
    assert Series.objects.get(pk=series.pk).feed_token_hash == ""


def test_an_unknown_feed_action_changes_nothing(alice, partnership, series):
    response = logged_in(alice).post(
        reverse("one-on-ones-feed", args=[partnership.pk]), {"action": "share"}
    )

    assert response.status_code == 302
    assert Series.objects.get(pk=series.pk).feed_token_hash == ""
