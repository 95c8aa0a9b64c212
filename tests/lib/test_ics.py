from __future__ import annotations

import random
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.lib.ics import (
    CalendarError,
    CalendarEvent,
    CalendarImport,
    DueItem,
    due_dates_calendar,
    read_calendar,
)

FIXTURES = Path(__file__).parent / "fixtures"
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")


def read(
    source: str | bytes,
    *,
    tz: ZoneInfo = BERLIN,
    start: date = date(2026, 2, 1),
    end: date = date(2026, 3, 31),
    **limits: int,
) -> CalendarImport:
    data = (FIXTURES / source).read_bytes() if isinstance(source, str) else source
    return read_calendar(data, tz=tz, window_start=start, window_end=end, **limits)


def calendar(*events: str, header: str = "", footer: str = "END:VCALENDAR\r\n") -> bytes:
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{header}{''.join(events)}{footer}".encode()


def event(uid: str, *lines: str) -> str:
    body = "".join(f"{line}\r\n" for line in lines)
    return f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{uid}\r\n{body}END:VEVENT\r\n"


def named(result: CalendarImport, summary: str) -> list[CalendarEvent]:
    return [e for e in result.events if e.summary.startswith(summary)]


def utc(e: CalendarEvent) -> str:
    return e.start.astimezone(UTC).strftime("%m-%d %H:%M")


LUNCH = event("lunch", "DTSTART:20260305T120000Z", "DTEND:20260305T130000Z")


# Google, Outlook and Apple exports -------------------------------------------------------------


def test_it_expands_a_weekly_meeting_with_an_exception_and_a_moved_instance() -> None:
    one_on_ones = named(read("google.ics", end=date(2026, 3, 15)), "Alice / Bob 1:1")

    assert [(utc(e), e.instance) for e in one_on_ones] == [
        ("02-02 09:00", "2026-02-02T09:00:00Z"),
        ("02-09 09:00", "2026-02-09T09:00:00Z"),
        ("02-23 09:00", "2026-02-23T09:00:00Z"),
        ("03-03 13:00", "2026-03-02T09:00:00Z"),
        ("03-09 09:00", "2026-03-09T09:00:00Z"),
    ]
    moved = one_on_ones[3]
    assert moved.summary == "Alice / Bob 1:1 (moved)"
    assert moved.start == datetime(2026, 3, 3, 14, 0, tzinfo=BERLIN)
    assert moved.end == datetime(2026, 3, 3, 14, 30, tzinfo=BERLIN)
    assert moved.uid == "7kukuqrfedlm2f9t2vbmo8ko4c@google.com"
    assert all(e.busy and not e.all_day for e in one_on_ones)


def test_it_keeps_an_occurrences_identity_when_it_is_moved() -> None:
    text = (FIXTURES / "google.ics").read_bytes().decode()
    moved_block = text.index("DTSTART;TZID=Europe/Berlin:20260303T140000")
    before_the_move = (
        text[: text.rindex("BEGIN:VEVENT", 0, moved_block)]
        + text[text.index("END:VEVENT", moved_block) + len("END:VEVENT\r\n") :]
    )

    original = named(read(before_the_move.encode()), "Alice / Bob 1:1")
    moved = named(read("google.ics"), "Alice / Bob 1:1")

    assert [(e.uid, e.instance) for e in original] == [(e.uid, e.instance) for e in moved]
    assert [utc(e) for e in original if e.instance.startswith("2026-03-02")] == ["03-02 09:00"]


def test_it_leaves_out_cancelled_occurrences() -> None:
    days = [e.start.day for e in named(read("google.ics", start=date(2026, 3, 2)), "Stand-up")]

    assert days[:4] == [2, 3, 5, 6]


def test_it_reads_all_day_time_off_in_the_persons_zone() -> None:
    (vacation,) = named(read("google.ics", tz=NEW_YORK), "Vacation")

    assert vacation.all_day
    assert vacation.busy
    assert vacation.instance == ""
    assert vacation.start == datetime(2026, 3, 9, tzinfo=NEW_YORK)
    assert vacation.end == datetime(2026, 3, 12, tzinfo=NEW_YORK)


def test_it_marks_transparent_events_as_free() -> None:
    result = read("google.ics")

    assert [e.busy for e in named(result, "Focus time")] == [False]
    assert [e.busy for e in named(result, "Quarterly review")] == [True]


def test_it_unescapes_text_and_leaves_out_events_outside_the_window() -> None:
    result = read("google.ics")

    assert [e.summary for e in named(result, "Quarterly")] == ["Quarterly review, Q1"]
    assert named(result, "Old kick-off") == []
    assert result.warnings == []
    assert not result.truncated


def test_it_reads_outlook_windows_zone_names_across_a_change_to_summer_time() -> None:
    stand_ups = named(read("outlook.ics", start=date(2026, 3, 20), end=date(2026, 4, 2)), "Team")

    assert [(utc(e), e.start.strftime("%H:%M"), e.instance[:10]) for e in stand_ups] == [
        ("03-20 08:00", "09:00", "2026-03-20"),
        ("03-25 10:00", "11:00", "2026-03-25"),
        ("03-26 08:00", "09:00", "2026-03-26"),
        ("03-27 08:00", "09:00", "2026-03-27"),
        ("03-30 07:00", "09:00", "2026-03-30"),
        ("03-31 07:00", "09:00", "2026-03-31"),
        ("04-01 07:00", "09:00", "2026-04-01"),
        ("04-02 07:00", "09:00", "2026-04-02"),
    ]
    assert stand_ups[1].summary == "Team stand-up (late)"


def test_it_reads_zones_named_only_by_windows_or_defined_in_the_file() -> None:
    result = read("outlook.ics", tz=NEW_YORK, start=date(2026, 3, 26), end=date(2026, 3, 26))

    seattle, bengaluru = named(result, "Call with Seattle"), named(result, "Sync with Bengaluru")
    assert [(utc(e), e.busy) for e in seattle] == [("03-26 15:30", False)]
    assert [(utc(e), e.busy) for e in bengaluru] == [("03-26 10:30", True)]
    assert seattle[0].start.tzinfo is NEW_YORK


def test_it_reads_outlook_out_of_office_as_all_day() -> None:
    (away,) = named(read("outlook.ics", start=date(2026, 3, 31), end=date(2026, 4, 30)), "Out of")

    assert (away.all_day, away.start.date(), away.end.date()) == (
        True,
        date(2026, 3, 30),
        date(2026, 4, 1),
    )


def test_it_expands_apple_repeats_with_extra_dates_and_yearly_birthdays() -> None:
    result = read("apple.ics", tz=NEW_YORK, start=date(2026, 3, 1), end=date(2026, 3, 14))

    assert [e.start.strftime("%a %d %H:%M") for e in named(result, "School run")] == [
        "Tue 03 08:00",
        "Thu 05 08:00",
        "Tue 10 08:00",
    ]
    (birthday,) = named(result, "Mum's birthday")
    assert (birthday.all_day, birthday.busy, birthday.instance) == (True, False, "2026-03-10")


@pytest.mark.parametrize("tz", [BERLIN, TOKYO])
def test_it_reads_floating_times_in_the_persons_zone(tz: ZoneInfo) -> None:
    (lunch,) = named(read("apple.ics", tz=tz), "Lunch with Sam")

    assert lunch.start == datetime(2026, 3, 6, 12, 0, tzinfo=tz)
    assert lunch.end == datetime(2026, 3, 6, 13, 30, tzinfo=tz)


def test_it_reads_unknown_zones_in_the_persons_zone_and_says_so() -> None:
    result = read("apple.ics", tz=TOKYO)

    (dentist,) = named(result, "Dentist")
    assert dentist.start == datetime(2026, 3, 4, 15, 0, tzinfo=TOKYO)
    assert result.warnings == ["Unknown time zone 'Europe/Atlantis': its times were read in yours"]


@pytest.mark.parametrize("tzid", ["Europe", "x" * 300, "../../etc/passwd", ""])
def test_it_survives_time_zone_names_that_trip_up_zoneinfo(tzid: str) -> None:
    data = calendar(event("x", f"DTSTART;TZID={tzid}:20260305T100000"))

    (found,) = read(data).events

    assert found.start == datetime(2026, 3, 5, 10, 0, tzinfo=BERLIN)


def test_it_reads_floating_times_in_the_calendars_own_zone_when_it_names_one() -> None:
    data = calendar(
        event("x", "DTSTART:20260305T100000", "DURATION:PT1H"),
        header="X-WR-TIMEZONE:Pacific Standard Time\r\n",
    )

    (found,) = read(data).events

    assert utc(found) == "03-05 18:00"


def test_it_keeps_each_files_own_time_zone_definitions_apart() -> None:
    def custom(offset: str) -> bytes:
        zone = (
            "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\nBEGIN:STANDARD\r\n"
            f"DTSTART:16010101T000000\r\nTZOFFSETFROM:{offset}\r\nTZOFFSETTO:{offset}\r\n"
            "END:STANDARD\r\nEND:VTIMEZONE\r\n"
        )
        return calendar(
            event("x", "DTSTART;TZID=Customized Time Zone:20260305T120000"), header=zone
        )

    assert [utc(e) for e in read(custom("+0300")).events] == ["03-05 09:00"]
    assert [utc(e) for e in read(custom("-0700")).events] == ["03-05 19:00"]


# The window, the order and identities --------------------------------------------------------


def test_it_includes_both_ends_of_the_window_and_events_that_overlap_them() -> None:
    data = calendar(
        event("overnight", "DTSTART:20260228T220000Z", "DTEND:20260301T010000Z"),
        event("last-day", "DTSTART:20260331T200000Z", "DURATION:PT1H"),
        event("day-after", "DTSTART:20260331T230000Z", "DURATION:PT1H"),
        event("moment", "DTSTART:20260301T000000"),
        event("day-before", "DTSTART;VALUE=DATE:20260228"),
    )

    result = read(data, start=date(2026, 3, 1), end=date(2026, 3, 31))

    assert [e.summary for e in result.events] == ["overnight", "moment", "last-day"]


def test_it_sorts_events_by_start() -> None:
    result = read("google.ics")

    assert [e.start for e in result.events] == sorted(e.start for e in result.events)


def test_it_gives_events_without_a_uid_a_stable_one() -> None:
    data = calendar("BEGIN:VEVENT\r\nSUMMARY:No UID\r\nDTSTART:20260305T100000Z\r\nEND:VEVENT\r\n")

    first, second = read(data).events[0], read(data).events[0]

    assert first.uid == second.uid
    assert first.uid.startswith("tandem-")


def test_it_reads_several_calendars_in_one_file() -> None:
    data = calendar(event("a", "DTSTART:20260305T100000Z")) + calendar(
        event("b", "DTSTART:20260306T100000Z")
    )

    assert [e.summary for e in read(data).events] == ["a", "b"]


def test_it_reads_files_saved_in_windows_1252() -> None:
    data = calendar(event("x", "DTSTART:20260305T100000Z")).replace(
        b"SUMMARY:x", b"SUMMARY:Caf\xe9"
    )

    assert [e.summary for e in read(data).events] == ["Café"]


def test_it_gives_every_occurrence_of_a_series_changed_from_one_date_on_its_own_identity() -> None:
    result = read(
        "issue_75_range_parameter.ics", tz=UTC, start=date(2024, 9, 1), end=date(2024, 9, 30)
    )

    assert [(e.start.strftime("%d %H:%M"), e.instance, e.summary) for e in result.events] == [
        ("01 12:00", "2024-09-01T12:00:00Z", "ORIGINAL EVENT"),
        ("03 12:00", "2024-09-03T12:00:00Z", "ORIGINAL EVENT"),
        ("05 12:00", "2024-09-05T12:00:00Z", "ORIGINAL EVENT"),
        ("07 12:00", "2024-09-07T12:00:00Z", "ORIGINAL EVENT"),
        ("09 12:00", "2024-09-09T12:00:00Z", "ORIGINAL EVENT"),
        ("11 12:00", "2024-09-11T12:00:00Z", "ORIGINAL EVENT"),
        ("13 09:00", "2024-09-13T12:00:00Z", "MODIFIED EVENT"),
        ("14 06:00", "2024-09-14T09:00:00Z", "MODIFIED EVENT"),
        ("15 17:00", "2024-09-15T12:00:00Z", "MODIFIED EVENT"),
        ("17 09:00", "2024-09-17T12:00:00Z", "MODIFIED EVENT"),
        ("19 09:00", "2024-09-19T12:00:00Z", "MODIFIED EVENT"),
        ("22 14:22", "2024-09-21T12:00:00Z", "EDITED EVENT"),
        ("24 14:22", "2024-09-23T12:00:00Z", "EDITED EVENT"),
        ("26 14:22", "2024-09-25T12:00:00Z", "EDITED EVENT"),
        ("28 14:22", "2024-09-27T12:00:00Z", "EDITED EVENT"),
        ("30 14:22", "2024-09-29T12:00:00Z", "EDITED EVENT"),
    ]


def test_it_keeps_the_original_start_as_identity_across_a_change_to_summer_time() -> None:
    result = read(
        "issue_222_range_berlin_forward.ics", start=date(2026, 3, 25), end=date(2026, 4, 5)
    )

    assert [(e.start.strftime("%d %b %H:%M"), e.instance) for e in result.events] == [
        ("27 Mar 10:00", "2026-03-27T09:00:00Z"),
        ("30 Mar 10:00", "2026-03-28T09:00:00Z"),
        ("31 Mar 10:00", "2026-03-29T08:00:00Z"),
        ("01 Apr 10:00", "2026-03-30T08:00:00Z"),
    ]


def test_it_reads_holidays_with_an_empty_repeat_rule_as_single_days() -> None:
    result = read("Germany_Holidays.ics", start=date(2019, 12, 1), end=date(2020, 1, 31))

    assert [(e.summary, e.start.date(), e.end.date(), e.all_day) for e in result.events] == [
        ("Christmas Day", date(2019, 12, 25), date(2019, 12, 26), True),
        ("Boxing Day", date(2019, 12, 26), date(2019, 12, 27), True),
        ("New Year's Day", date(2020, 1, 1), date(2020, 1, 2), True),
        ("Epiphany (BW, BY & ST)", date(2020, 1, 6), date(2020, 1, 7), True),
    ]
    assert [e.instance for e in result.events] == ["", "", "", ""]
    assert result.warnings == [
        "4 events have an empty or unreadable repeat rule; each was read as happening once: "
        "'Christmas Day', 'Boxing Day', 'New Year's Day' and 1 more"
    ]


def test_it_reads_an_event_whose_repeat_rule_cannot_be_read_as_happening_once() -> None:
    result = read(
        "issue_1081_invalid_rrule_freq.ics", start=date(2024, 12, 1), end=date(2025, 3, 1)
    )

    assert [(e.summary, utc(e), e.instance) for e in result.events] == [
        ("Test Event", "01-01 10:00", "")
    ]
    assert result.warnings == [
        "1 event has an empty or unreadable repeat rule; it was read as happening once: "
        "'Test Event'"
    ]


def test_it_says_when_a_file_holds_only_to_dos() -> None:
    result = read("issue_1797_todo_completed.ics")

    assert result.events == []
    assert result.warnings == [
        "The file holds 1 to-do and no events; Tandem imports events (meetings and days away)"
    ]


def test_it_says_when_every_event_lies_outside_the_dates_it_plans() -> None:
    result = read("issue_1050_calendar_with_events_and_todos.ics")

    assert result.events == []
    assert result.warnings == [
        "None of the calendar's 2 events falls between Sun 1 Feb 2026 and Tue 31 Mar 2026, "
        "the dates Tandem plans"
    ]


def test_it_reads_the_latest_revision_of_an_event_even_when_it_moved_out_of_the_window() -> None:
    data = calendar(
        event("review", "SEQUENCE:0", "DTSTART:20260305T100000Z", "DURATION:PT1H"),
        event("review", "SEQUENCE:1", "DTSTART:20260505T100000Z", "DURATION:PT1H"),
    )

    assert read(data).events == []


def test_it_bounds_the_identity_of_events_with_very_long_uids() -> None:
    long_uid = "meeting-" + "x" * 400 + "@example.com"
    data = calendar(event(long_uid, "DTSTART:20260305T100000Z"))

    first, again = read(data).events[0], read(data).events[0]

    assert len(first.uid) <= 255
    assert first.uid == again.uid
    assert (
        first.uid != read(calendar(event(long_uid + "2", "DTSTART:20260305T100000Z"))).events[0].uid
    )


def test_it_names_the_calendar_it_read() -> None:
    google, apple = read("google.ics"), read("apple.ics")
    newer_google = read((FIXTURES / "google.ics").read_bytes().replace(b"70.9054", b"71.1234"))
    nameless = read(calendar(LUNCH))

    assert google.identity.startswith("name:")
    assert google.identity == newer_google.identity
    assert google.identity != apple.identity
    assert nameless.identity == ""
    assert nameless.uids == frozenset({"lunch"})


# Limits ----------------------------------------------------------------------------------------


def hundred_thousand_events() -> bytes:
    return calendar(
        *(
            f"BEGIN:VEVENT\r\nUID:{i}\r\nDTSTART:202603{1 + i % 28:02d}T{i % 24:02d}0000Z\r\n"
            "END:VEVENT\r\n"
            for i in range(100_000)
        )
    )


def test_it_refuses_a_file_over_the_size_limit() -> None:
    with pytest.raises(CalendarError, match="Tandem reads calendars up to 5 MB"):
        read(hundred_thousand_events())


def test_it_stops_at_the_event_limit_quickly() -> None:
    began = time.perf_counter()

    result = read(hundred_thousand_events(), max_bytes=100 * 1024 * 1024, max_events=100)

    assert time.perf_counter() - began < 10
    assert len(result.events) == 100
    assert result.truncated
    assert "Only the first 100 events were imported" in result.warnings


def test_it_keeps_the_earliest_events_when_there_are_too_many() -> None:
    starts = [datetime(2026, 3, 1, tzinfo=UTC) + timedelta(hours=i) for i in range(150)]
    shuffled = random.Random(4).sample(starts, len(starts))
    events = [event(f"e{i}", f"DTSTART:{s:%Y%m%dT%H%M%SZ}") for i, s in enumerate(shuffled)]

    result = read(calendar(*events), max_events=100)

    assert [e.start for e in result.events] == starts[:100]
    assert result.truncated
    assert result.warnings == ["Only the first 100 events were imported"]


def test_it_keeps_the_earliest_events_of_the_whole_file_when_there_are_far_too_many() -> None:
    starts = [datetime(2026, 3, 1, tzinfo=UTC) + timedelta(hours=i) for i in range(500)]
    latest_first = [event(f"e{i}", f"DTSTART:{s:%Y%m%dT%H%M%SZ}") for i, s in enumerate(starts)][
        ::-1
    ]

    result = read(calendar(*latest_first), max_events=100)

    assert [e.start for e in result.events] == starts[:100]
    assert result.truncated


def test_it_stops_a_single_series_at_the_event_limit() -> None:
    data = calendar(event("daily", "DTSTART:20260301T090000Z", "RRULE:FREQ=DAILY"))

    result = read(data, start=date(2026, 3, 1), end=date(2026, 3, 31), max_events=10)

    assert [e.start.day for e in result.events] == list(range(1, 11))
    assert result.truncated


def test_it_is_not_truncated_when_the_limit_is_met_exactly() -> None:
    data = calendar(event("daily", "DTSTART:20260301T090000Z", "RRULE:FREQ=DAILY;COUNT=10"))

    result = read(data, max_events=10)

    assert (len(result.events), result.truncated) == (10, False)


@pytest.mark.parametrize(
    ("rule", "start", "warning"),
    [
        ("FREQ=SECONDLY", "20260301T000000Z", "it repeats every minute or second"),
        ("FREQ=MINUTELY;INTERVAL=1", "20260301T000000Z", "it repeats every minute or second"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "19700101T000000Z", "never matches a date"),
        ("FREQ=HOURLY;BYMONTH=4;BYMONTHDAY=31", "19700101T000000Z", "never matches a date"),
        ("FREQ=DAILY;INTERVAL=0", "20260301T000000Z", "an interval below 1"),
        ("FREQ=HOURLY", "19700101T000000Z", "it repeats too often since 1970 to work out"),
        ("FREQ=DAILY", "11000101T000000Z", "it repeats too often since 1100 to work out"),
        (
            "FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYSETPOS=" + ",".join(map(str, range(1, 367))),
            "19700101T000000Z",
            "too complex",
        ),
        ("FREQ=DAILY;BYSETPOS=2", "20260301T000000Z", "never matches a date"),
        ("FREQ=WEEKLY;BYDAY=MO;BYSETPOS=3", "20260301T000000Z", "never matches a date"),
        ("FREQ=YEARLY;BYYEARDAY=366;BYMONTH=1", "20260301T000000Z", "BYYEARDAY and BYMONTH"),
        ("FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=15", "20260301T000000Z", "BYDAY and BYMONTHDAY"),
        ("FREQ=MONTHLY;BYDAY=6MO", "20260301T000000Z", "a weekday position that never exists"),
        ("FREQ=DAILY;BYMONTHDAY=32", "20260301T000000Z", "BYMONTHDAY=32, which is out of range"),
        ("FREQ=DAILY;BYHOUR=1,2,3,4,5;BYMINUTE=0,10,20,30,40,50", "20260301T000000Z", "hour"),
        ("FREQ=DAILY;BYEASTER=0", "20260301T000000Z", "uses BYEASTER, which Tandem does not"),
    ],
)
def test_it_skips_repeat_rules_that_would_run_for_too_long(
    rule: str, start: str, warning: str
) -> None:
    data = calendar(event("hostile", f"DTSTART:{start}", "DURATION:PT1H", f"RRULE:{rule}"), LUNCH)
    began = time.perf_counter()

    result = read(data)

    assert time.perf_counter() - began < 2
    assert [e.summary for e in result.events] == ["lunch"]
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("Skipped 'hostile': ")
    assert warning in result.warnings[0]


@pytest.mark.parametrize("rule", ["", "FREQ=FORTNIGHTLY", "COUNT=3", "garbage"])
def test_it_reads_an_event_whose_repeat_rule_says_nothing_as_happening_once(rule: str) -> None:
    data = calendar(
        event("once", "DTSTART:20260301T090000Z", "DURATION:PT1H", f"RRULE:{rule}"), LUNCH
    )

    result = read(data)

    assert [(e.summary, utc(e), e.instance) for e in result.events] == [
        ("once", "03-01 09:00", ""),
        ("lunch", "03-05 12:00", ""),
    ]
    assert result.warnings == [
        "1 event has an empty or unreadable repeat rule; it was read as happening once: 'once'"
    ]


def test_it_expands_frequent_rules_that_started_recently() -> None:
    data = calendar(event("pomodoro", "DTSTART:20260329T000000Z", "RRULE:FREQ=HOURLY;INTERVAL=4"))

    assert len(read(data).events) == 18


def test_it_ignores_time_zone_definitions_with_unsafe_rules() -> None:
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:Evil\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nRRULE:FREQ=SECONDLY\r\n"
        "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:19700101T000001\r\nRRULE:FREQ=SECONDLY\r\n"
        "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    )
    data = calendar(event("x", "DTSTART;TZID=Evil:20260305T100000"), header=zone)
    began = time.perf_counter()

    result = read(data)

    assert time.perf_counter() - began < 2
    assert [e.start for e in result.events] == [datetime(2026, 3, 5, 10, 0, tzinfo=BERLIN)]
    assert result.warnings == [
        "The time zone 'Evil' has a rule Tandem cannot read; its times were read in yours"
    ]


def custom_zone(first_year: str, rule_end: str = "") -> str:
    return (
        "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\n"
        f"BEGIN:STANDARD\r\nDTSTART:{first_year}1028T030000\r\n"
        f"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10{rule_end}\r\n"
        "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
        f"BEGIN:DAYLIGHT\r\nDTSTART:{first_year}0325T020000\r\n"
        f"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3{rule_end}\r\n"
        "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    )


@pytest.mark.parametrize("first_year", ["0002", "1601", "2025"])
def test_it_reads_time_zones_whose_rules_start_centuries_ago_quickly(first_year: str) -> None:
    moments = ["20260328T120000", "20260329T033000", "20261025T013000", "20261025T040000"]
    events = [
        event(f"e{i}", f"DTSTART;TZID=Customized Time Zone:{m}") for i, m in enumerate(moments)
    ]
    many = [
        event(f"many{i}", f"DTSTART;TZID=Customized Time Zone:2026{1 + i % 12:02d}15T100000")
        for i in range(2000)
    ]
    began = time.perf_counter()

    result = read(calendar(*events, *many, header=custom_zone(first_year)), end=date(2026, 12, 31))

    assert time.perf_counter() - began < 5
    assert [utc(e) for e in result.events if not e.summary.startswith("many")] == [
        "03-28 11:00",
        "03-29 01:30",
        "10-24 23:30",
        "10-25 03:00",
    ]
    assert result.warnings == []


def test_it_ignores_time_zone_rules_that_would_take_too_long() -> None:
    zone = custom_zone("0002", ";UNTIL=99991231T000000Z")
    data = calendar(event("x", "DTSTART;TZID=Customized Time Zone:20260305T100000"), header=zone)

    result = read(data)

    assert [e.start for e in result.events] == [datetime(2026, 3, 5, 10, 0, tzinfo=BERLIN)]
    assert result.warnings == [
        "The time zone 'Customized Time Zone' has a rule Tandem cannot read; "
        "its times were read in yours"
    ]


# Broken files ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (b"  \r\n", "The file is empty"),
        (bytes(range(256)) * 40, "it holds binary data"),
        (random.Random(1).randbytes(5000).replace(b"\0", b"."), "not a calendar file"),
        (b"<!DOCTYPE html><html><body>Sign in</body></html>", "not a calendar file"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nEND:VCARD\r\n", "not a calendar file"),
        (b"junk\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "not a calendar file"),
        (calendar(LUNCH, footer=""), "it may have been cut off"),
        (calendar(LUNCH)[:-40], "it may have been cut off"),
        (calendar(LUNCH.replace("END:VEVENT", "END:VTODO")), "END:VTODO inside VEVENT"),
        (calendar(LUNCH, footer="END:VCALENDAR\r\nEND:VCALENDAR\r\n"), "outside any BEGIN"),
        (
            calendar(
                "BEGIN:VTIMEZONE\r\nTZID:Broken\r\nBEGIN:STANDARD\r\nDTSTART:nonsense\r\n"
                "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n",
                event("x", "DTSTART;TZID=Broken:20260305T100000"),
            ),
            "damaged and cannot be read",
        ),
    ],
)
def test_it_refuses_files_that_are_not_calendars(data: bytes, message: str) -> None:
    with pytest.raises(CalendarError, match=message):
        read(data)


def test_it_ignores_damaged_lines_and_skips_events_it_cannot_read() -> None:
    data = calendar(
        LUNCH.replace("DTEND", "this line was folded badly\r\nDTEND"),
        event("broken start", "DTSTART:2026XX05T100000Z"),
        event("no start", "DTEND:20260305T100000Z"),
        event("backwards", "DTSTART:20260305T100000Z", "DTEND:20260305T090000Z"),
        event("ancient", "DTSTART:00010101T000000Z", "RRULE:FREQ=YEARLY"),
    )

    result = read(data)

    assert [e.summary for e in result.events] == ["lunch"]
    assert result.warnings == [
        "Ignored 1 damaged line",
        "Skipped 'broken start': its start cannot be read",
        "Skipped 'no start': it has no start",
        "Skipped 'backwards': it ends before it starts",
        "Skipped 'ancient': its start is not a usable date",
    ]
    assert not result.truncated


def test_it_caps_the_number_of_warnings() -> None:
    data = calendar(*(event(f"bad {i}", "DTSTART:nonsense") for i in range(50)))

    warnings = read(data).warnings

    assert len(warnings) == 21
    assert warnings[-1] == "…and 30 more problems"


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300))
def test_it_raises_only_calendar_errors_on_arbitrary_bytes(data: bytes) -> None:
    try:
        read(data)
    except CalendarError as error:
        assert str(error)


LINES = st.sampled_from(
    [
        "DTSTART:20260305T100000Z",
        "DTSTART;VALUE=DATE:20260305",
        "DTSTART;TZID=Europe/Paris:20260305T100000",
        "DTSTART;TZID=Nowhere:20260305T100000",
        "DTSTART:20260305",
        "DTEND:20260301T100000Z",
        "DURATION:PT1H",
        "DURATION:-P2D",
        "DURATION:nonsense",
        "RRULE:FREQ=WEEKLY;COUNT=3",
        "RRULE:FREQ=DAILY;UNTIL=20260310",
        "RRULE:FREQ=MONTHLY;BYDAY=-1FR;BYSETPOS=1",
        "RRULE:FREQ=SECONDLY",
        "RRULE:garbage",
        "RDATE:20260320T100000Z",
        "RDATE;VALUE=PERIOD:20260321T100000Z/PT2H",
        "EXDATE:20260312T100000Z",
        "RECURRENCE-ID:20260312T100000Z",
        "RECURRENCE-ID;RANGE=THISANDFUTURE:20260312T100000Z",
        "STATUS:CANCELLED",
        "TRANSP:TRANSPARENT",
        "SEQUENCE:x",
        "UID:same",
        "BEGIN:VALARM",
        "END:VALARM",
        "no colon here",
        'X-FOO;A="b:c":d',
    ]
)


@settings(max_examples=120, deadline=None)
@given(events=st.lists(st.lists(LINES, max_size=8), max_size=4))
def test_it_raises_only_calendar_errors_on_odd_events(events: list[list[str]]) -> None:
    data = calendar(*(event("same", *lines) for lines in events))
    try:
        result = read(data)
    except CalendarError as error:
        assert str(error)
    else:
        assert all(e.start.tzinfo is BERLIN and e.start <= e.end for e in result.events)


# Export ----------------------------------------------------------------------------------------

STAMP = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_it_exports_due_dates_as_free_all_day_events() -> None:
    items = [
        DueItem(uid="assignment-7@tandem", title="Board report, v2; final", due=date(2026, 3, 6)),
        DueItem(
            uid="assignment-9@tandem",
            title="Budget\x00",
            due=date(2026, 3, 9),
            description="Q2\nfigures",
        ),
    ]

    data = due_dates_calendar(items, stamp=STAMP)

    assert data == (
        b"BEGIN:VCALENDAR\r\n"
        b"VERSION:2.0\r\n"
        b"PRODID:-//Tandem//EN\r\n"
        b"CALSCALE:GREGORIAN\r\n"
        b"BEGIN:VEVENT\r\n"
        b"SUMMARY:Board report\\, v2\\; final\r\n"
        b"DTSTART;VALUE=DATE:20260306\r\n"
        b"DTEND;VALUE=DATE:20260307\r\n"
        b"DTSTAMP:20260301T120000Z\r\n"
        b"UID:assignment-7@tandem\r\n"
        b"TRANSP:TRANSPARENT\r\n"
        b"END:VEVENT\r\n"
        b"BEGIN:VEVENT\r\n"
        b"SUMMARY:Budget\r\n"
        b"DTSTART;VALUE=DATE:20260309\r\n"
        b"DTEND;VALUE=DATE:20260310\r\n"
        b"DTSTAMP:20260301T120000Z\r\n"
        b"UID:assignment-9@tandem\r\n"
        b"DESCRIPTION:Q2\\nfigures\r\n"
        b"TRANSP:TRANSPARENT\r\n"
        b"END:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    assert due_dates_calendar(items, stamp=STAMP) == data


def test_it_reads_back_the_due_dates_it_exports() -> None:
    items = [
        DueItem(uid=f"assignment-{n}@tandem", title=f"Report #{n}, draft", due=date(2026, 3, n))
        for n in range(1, 29)
    ]

    result = read(due_dates_calendar(items, prodid="-//Example//Tandem//EN"), tz=NEW_YORK)

    assert [(e.uid, e.instance, e.summary, e.start.date()) for e in result.events] == [
        (i.uid, "", i.title, i.due) for i in items
    ]
    assert all(e.all_day and not e.busy for e in result.events)
    assert result.warnings == []


def test_it_exports_an_empty_calendar() -> None:
    assert read(due_dates_calendar([])).events == []
