"""Importing a calendar again and again: what a person sees on the page and through the API.

The workload tests run on Monday 2 Nov 2026 (see conftest), so an import reads
2 Oct 2026 to 3 Nov 2027; tests of real calendars from other projects move the clock
to their dates.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.workload import services
from tandem.workload.models import CalendarEvent, TimeOff
from tandem.workload.planning import availability
from tests.conftest import logged_in, text_of
from tests.workload.conftest import CALENDAR, DAY_CAPACITY, day

FIXTURES = Path(__file__).parents[1] / "lib" / "fixtures"


def ics(*events: str, name: str | None = "Work", prodid: str = "-//Example Corp//Cal//EN") -> bytes:
    header = f"X-WR-CALNAME:{name}\r\n" if name is not None else ""
    body = "".join(events)
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{prodid}\r\n{header}{body}END:VCALENDAR\r\n"
    ).encode()


def meeting(uid: str, start: str, *lines: str, minutes: int = 60) -> str:
    begin = dt.datetime.strptime(start, "%Y%m%dT%H%M%SZ")
    end = begin + dt.timedelta(minutes=minutes)
    extra = "".join(f"{line}\r\n" for line in lines)
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{uid.title()}\r\nDTSTART:{start}\r\n"
        f"DTEND:{end:%Y%m%dT%H%M%SZ}\r\n{extra}END:VEVENT\r\n"
    )


def days_away(uid: str, first: dt.date, days: int = 1) -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{uid.title()}\r\n"
        f"DTSTART;VALUE=DATE:{first:%Y%m%d}\r\n"
        f"DTEND;VALUE=DATE:{first + dt.timedelta(days=days):%Y%m%d}\r\nEND:VEVENT\r\n"
    )


SYNC = meeting("sync", "20261104T140000Z")
LUNCH = meeting("lunch", "20261105T120000Z")


@pytest.fixture
def page(alice):
    """Import a file from the availability page; gives the page shown afterwards, as text."""
    browser = logged_in(alice)

    def import_file(data: bytes, *, as_time_off: bool = True) -> str:
        fields = {"file": SimpleUploadedFile("calendar.ics", data, "text/calendar")}
        if as_time_off:
            fields["all_day_as_time_off"] = "on"
        response = browser.post(reverse("calendar-import"), fields, follow=True)
        assert response.status_code == 200, response.status_code
        return text_of(response)

    return import_file


@pytest.fixture
def api(client, alice, bearer):
    """Import a file through the API; gives the response."""
    headers = bearer(alice)

    def import_file(data: bytes):
        upload = SimpleUploadedFile("calendar.ics", data, "text/calendar")
        return client.post("/api/calendar/import", {"file": upload}, headers=headers)

    return import_file


def capacity(user, first: dt.date, days: int = 7) -> dict[dt.date, int]:
    return {d.day: d.capacity_minutes for d in availability(user, first, days)}


def meetings(user) -> list[str]:
    return sorted(CalendarEvent.objects.filter(owner=user).values_list("title", flat=True))


# 14: a series changed "from this date on" --------------------------------------------------------


def test_it_imports_a_series_changed_from_one_date_on_and_again_without_duplicates(
    alice, api, frozen
):
    frozen.move_to(dt.datetime(2024, 9, 10, 9, tzinfo=dt.UTC))
    data = (FIXTURES / "issue_75_range_parameter.ics").read_bytes()

    first, again = api(data), api(data)

    assert first.status_code == again.status_code == 200, first.content[:200]
    count = CalendarEvent.objects.filter(owner=alice).count()
    assert first.json()["created"] == count > 150
    assert (again.json()["created"], again.json()["updated"]) == (0, count)
    moved = CalendarEvent.objects.get(owner=alice, instance="2024-09-17T12:00:00Z")
    assert (moved.title, moved.start) == (
        "MODIFIED EVENT",
        dt.datetime(2024, 9, 17, 9, tzinfo=dt.UTC),
    )


# 15: an empty repeat rule ------------------------------------------------------------------------


def test_it_takes_public_holidays_whose_events_have_an_empty_repeat_rule_as_time_off(
    alice, page, frozen
):
    frozen.move_to(dt.datetime(2019, 11, 4, 9, tzinfo=dt.UTC))

    body = page((FIXTURES / "Germany_Holidays.ics").read_bytes())

    assert "Imported 0 new and updated 0 meetings, added 19 days of time off." in body
    assert "each was read as happening once" in body
    assert TimeOff.objects.filter(owner=alice, reason="Christmas Day").exists()
    week = capacity(alice, dt.date(2019, 12, 23), 5)
    assert week[dt.date(2019, 12, 24)] == DAY_CAPACITY
    assert week[dt.date(2019, 12, 25)] == week[dt.date(2019, 12, 26)] == 0


# 16: a re-import replaces what the calendar brought before ---------------------------------------


def test_it_removes_a_meeting_deleted_from_the_calendar(alice, page):
    page(ics(SYNC, LUNCH))

    body = page(ics(SYNC))

    assert "Imported 0 new and updated 1 meetings, removed 1 no longer in the calendar." in body
    assert meetings(alice) == ["Sync"]
    assert capacity(alice, day(0))[day(3)] == DAY_CAPACITY


def test_it_removes_a_meeting_now_marked_cancelled(alice, page):
    page(ics(SYNC, LUNCH))

    body = page(ics(SYNC, LUNCH.replace("END:VEVENT", "STATUS:CANCELLED\r\nEND:VEVENT")))

    assert "removed 1 no longer in the calendar" in body
    assert meetings(alice) == ["Sync"]


def test_it_removes_time_off_whose_all_day_event_is_gone(alice, page):
    page(CALENDAR)
    assert capacity(alice, day(0))[day(4)] == 0

    body = page(CALENDAR.replace(b"SUMMARY:Conference", b"STATUS:CANCELLED"))

    assert "removed 1 period of time off no longer in the calendar" in body
    assert not TimeOff.objects.filter(owner=alice).exists()
    assert capacity(alice, day(0))[day(4)] == DAY_CAPACITY


def test_it_never_removes_time_off_entered_by_hand(alice, page):
    services.time_off_add(alice, day(4), day(4), TimeOff.Part.WHOLE, "Conference")
    services.time_off_add(alice, day(8), day(9), TimeOff.Part.WHOLE, "Dentist")
    page(CALENDAR)
    assert TimeOff.objects.filter(owner=alice).count() == 2

    page(ics(SYNC, name="Example"))
    page(CALENDAR.replace(b"SUMMARY:Conference", b"STATUS:CANCELLED"))

    assert sorted(TimeOff.objects.values_list("reason", flat=True)) == ["Conference", "Dentist"]


def test_it_keeps_each_calendars_meetings_apart(alice, page):
    page(ics(SYNC, days_away("holiday", day(10)), name="Work"))
    page(ics(LUNCH, days_away("school-trip", day(12)), name="Home"))

    body = page(ics(name="Work"))

    assert "removed 1 no longer in the calendar" in body
    assert meetings(alice) == ["Lunch"]
    assert list(TimeOff.objects.values_list("reason", flat=True)) == ["School-Trip"]


def test_it_recognises_a_calendar_without_a_name_by_its_events(alice, page):
    page(ics(SYNC, LUNCH, name=None))
    page(ics(meeting("dentist", "20261106T090000Z"), name=None))

    body = page(ics(SYNC, meeting("review", "20261110T090000Z"), name=None))

    assert "Imported 1 new and updated 1 meetings, removed 1 no longer in the calendar." in body
    assert meetings(alice) == ["Dentist", "Review", "Sync"]


def test_it_takes_over_meetings_imported_before_calendars_were_told_apart(alice, page):
    CalendarEvent.objects.create(
        owner=alice,
        uid="sync",
        instance="",
        title="Sync",
        start=dt.datetime(2026, 11, 4, 14, tzinfo=dt.UTC),
        end=dt.datetime(2026, 11, 4, 15, tzinfo=dt.UTC),
    )

    page(ics(SYNC, LUNCH))
    body = page(ics(LUNCH))

    assert "removed 1 no longer in the calendar" in body
    assert meetings(alice) == ["Lunch"]


def test_it_leaves_meetings_from_before_the_dates_it_plans_alone(alice, frozen):
    services.calendar_import(alice, ics(SYNC, LUNCH), all_day_as_time_off=True)
    frozen.move_to(dt.datetime(2027, 1, 4, 9, tzinfo=dt.UTC))

    report = services.calendar_import(alice, ics(SYNC, LUNCH), all_day_as_time_off=True)

    assert (report.created, report.updated, report.removed) == (0, 0, 0)
    assert meetings(alice) == ["Lunch", "Sync"]


def test_it_keeps_the_meetings_of_an_event_it_cannot_read_this_time(alice, page):
    weekly = meeting("weekly", "20261103T090000Z", "RRULE:FREQ=WEEKLY;COUNT=3")
    page(ics(weekly, SYNC))

    body = page(ics(weekly.replace("FREQ=WEEKLY", "FREQ=SECONDLY"), SYNC))

    assert "Skipped 'Weekly': it repeats every minute or second" in body
    assert "removed" not in body
    assert meetings(alice) == ["Sync", "Weekly", "Weekly", "Weekly"]


def test_it_reports_meetings_and_time_off_added_updated_and_removed(alice, api):
    api(ics(SYNC, LUNCH, days_away("holiday", day(10)), days_away("offsite", day(20), 2)))

    response = api(
        ics(
            SYNC.replace("SUMMARY:Sync", "SUMMARY:Sync (new room)"),
            meeting("review", "20261110T090000Z"),
            days_away("holiday", day(10)).replace("SUMMARY:Holiday", "SUMMARY:Bank holiday"),
            days_away("training", day(30)),
        )
    )

    assert response.status_code == 200
    assert response.json() == {
        "summary": "Imported 1 new and updated 1 meetings, removed 1 no longer in the calendar, "
        "added 1 day of time off, removed 1 period of time off no longer in the calendar.",
        "created": 1,
        "updated": 1,
        "removed": 1,
        "time_off_days": 1,
        "time_off_added": 1,
        "time_off_updated": 1,
        "time_off_removed": 1,
        "warnings": [],
        "truncated": False,
    }
    assert meetings(alice) == ["Review", "Sync (new room)"]
    assert sorted(TimeOff.objects.values_list("reason", flat=True)) == ["Bank holiday", "Training"]


# 18: in bulk, in a fixed number of queries -------------------------------------------------------


@pytest.mark.parametrize("size", [3, 150])
def test_it_imports_and_reimports_in_a_fixed_number_of_queries(alice, size):
    def export(title: str) -> bytes:
        events = [
            meeting(f"m{n}", f"{day(n % 60):%Y%m%d}T{8 + n % 8:02d}0000Z", f"SUMMARY:{title} {n}")
            for n in range(size)
        ]
        return ics(*events, *(days_away(f"away{n}", day(2 * n + 1)) for n in range(size)))

    with CaptureQueriesContext(connection) as first:
        services.calendar_import(alice, export("Meeting"), all_day_as_time_off=True)
    with CaptureQueriesContext(connection) as again:
        report = services.calendar_import(alice, export("Renamed"), all_day_as_time_off=True)

    assert (report.created, report.updated) == (0, size)
    assert TimeOff.objects.filter(owner=alice).count() == size
    assert len(first) <= 12
    assert len(again) <= 12


# 19: saying why nothing was imported -------------------------------------------------------------


def test_it_says_why_nothing_was_imported_from_a_file_of_to_dos(page, api):
    data = (FIXTURES / "issue_1797_todo_completed.ics").read_bytes()

    body = page(data)
    answer = api(data).json()

    assert "Nothing was imported." in body
    note = "The file holds 1 to-do and no events; Tandem imports events (meetings and days away)"
    assert note in body
    assert answer["warnings"] == [note]


def test_it_says_why_nothing_was_imported_when_every_event_lies_outside_the_dates_it_plans(page):
    body = page((FIXTURES / "issue_1050_calendar_with_events_and_todos.ics").read_bytes())

    assert "Nothing was imported." in body
    assert (
        "None of the calendar's 2 events falls between Fri 2 Oct 2026 and Wed 3 Nov 2027, "
        "the dates Tandem plans" in body
    )


# Identities that fit, answers in JSON ------------------------------------------------------------


def test_it_imports_events_whose_uid_is_longer_than_the_database_holds(alice, api):
    long_uid = "040000008200E00074C5B7101A82E008" * 12

    first = api(ics(meeting(long_uid, "20261104T140000Z")))
    again = api(ics(meeting(long_uid, "20261104T150000Z")))

    assert first.status_code == again.status_code == 200
    assert (again.json()["created"], again.json()["updated"]) == (0, 1)
    (stored,) = CalendarEvent.objects.filter(owner=alice)
    assert len(stored.uid) <= 255
    assert stored.start == dt.datetime(2026, 11, 4, 15, tzinfo=dt.UTC)


def test_it_answers_in_json_when_another_import_gets_in_the_way(alice, api, monkeypatch):
    def clash(*args, **kwargs):
        raise IntegrityError("UNIQUE constraint failed")

    monkeypatch.setattr(CalendarEvent.objects, "bulk_create", clash)

    response = api(ics(SYNC))

    assert response.status_code == 409
    assert response.json() == {
        "detail": "Another import of this calendar ran at the same time; import it again.",
        "field": "file",
    }
    assert not CalendarEvent.objects.exists()
