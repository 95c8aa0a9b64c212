"""Time importing a 5 MB calendar export: the first import and re-imports, server side.

Run from the repository root:

    TANDEM_DATA_DIR=$(mktemp -d) .venv/bin/python bench/bench_calendar_import.py

(RUNS=7 in the environment for more runs than the 5 it makes.)
It migrates a fresh SQLite database in that directory, so never point it at real data.
The calendar looks like a Google export of a busy working life: about 5,000 occurrences
in the dates Tandem plans (single meetings with attendees, descriptions and alarms,
weekly series with exceptions, all-day days away) and two years of history before them,
which fills the file to 5 MB. Each figure is the whole `calendar_import` call: reading,
expanding and writing. Prints figures only; a slow machine gets slow numbers, not a failure.
Target: a median under 2 s for re-importing 5,000 events (the command line gives up at 10 s).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.test_settings")
os.environ.setdefault("TANDEM_DATA_DIR", tempfile.mkdtemp(prefix="tandem-bench-"))

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from tandem.accounts.models import User  # noqa: E402
from tandem.workload.models import CalendarEvent, TimeOff  # noqa: E402
from tandem.workload.services import MAX_ICS_BYTES, calendar_import  # noqa: E402

RUNS = int(os.environ.get("RUNS", "5"))
TARGET_S = 2.0
SINGLE_MEETINGS = 3800
SERIES = 20
DAYS_AWAY = 100
ZONE = """BEGIN:VTIMEZONE\r
TZID:Europe/Berlin\r
X-LIC-LOCATION:Europe/Berlin\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
TZNAME:CEST\r
DTSTART:19700329T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
TZNAME:CET\r
DTSTART:19701025T030000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
END:STANDARD\r
END:VTIMEZONE\r
"""
DESCRIPTION = (
    "Agenda: https://docs.example.com/document/d/1a2b3c4d5e6f/edit\\n\\n"
    + "Notes from last time and the decisions we need to take. " * 8
)


def _fold(line: str) -> str:
    parts = [line[:75]] + [line[i : i + 74] for i in range(75, len(line), 74)]
    return "\r\n ".join(parts) + "\r\n"


def _meeting(uid: str, start: dt.datetime, minutes: int, summary: str, extra: str = "") -> str:
    end = start + dt.timedelta(minutes=minutes)
    return (
        "BEGIN:VEVENT\r\n"
        f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}\r\n"
        f"DTEND;TZID=Europe/Berlin:{end:%Y%m%dT%H%M%S}\r\n"
        f"{extra}"
        "DTSTAMP:20260301T120000Z\r\n"
        f"UID:{uid}\r\n"
        "ORGANIZER;CN=alice@example.com:mailto:alice@example.com\r\n"
        + _fold(
            "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;"
            "CN=Bob Boss;X-NUM-GUESTS=0:mailto:bob@example.com"
        )
        + _fold(
            "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;"
            "CN=alice@example.com;X-NUM-GUESTS=0:mailto:alice@example.com"
        )
        + _fold(f"DESCRIPTION:{DESCRIPTION}")
        + "LOCATION:Room 4.12\r\n"
        "SEQUENCE:0\r\n"
        "STATUS:CONFIRMED\r\n"
        f"SUMMARY:{summary}\r\n"
        "TRANSP:OPAQUE\r\n"
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\n"
        "TRIGGER:-P0DT0H10M0S\r\nEND:VALARM\r\n"
        "END:VEVENT\r\n"
    )


def export(today: dt.date, *, moved: int = 0) -> bytes:
    """A calendar export; `moved` single meetings start an hour later than usual."""
    events = []
    for n in range(SINGLE_MEETINGS):
        day = today + dt.timedelta(days=-30 + n * 330 // SINGLE_MEETINGS)
        hour = 8 + n % 9 + (1 if n < moved else 0)
        start = dt.datetime.combine(day, dt.time(hour, 15 * (n % 4)))
        events.append(_meeting(f"meeting-{n}@example.com", start, 45, f"Meeting {n}"))
    for n in range(SERIES):
        first = dt.datetime.combine(today - dt.timedelta(days=40 + n), dt.time(9 + n % 8))
        exdate = first + dt.timedelta(weeks=8)
        rule = f"RRULE:FREQ=WEEKLY;COUNT={54 + n % 4}\r\n"
        rule += f"EXDATE;TZID=Europe/Berlin:{exdate:%Y%m%dT%H%M%S}\r\n"
        events.append(_meeting(f"series-{n}@example.com", first, 30, f"Weekly {n}", rule))
        original = first + dt.timedelta(weeks=10)
        recurrence = f"RECURRENCE-ID;TZID=Europe/Berlin:{original:%Y%m%dT%H%M%S}\r\n"
        events.append(
            _meeting(
                f"series-{n}@example.com",
                original + dt.timedelta(hours=2),
                30,
                f"Weekly {n} (moved)",
                recurrence,
            )
        )
    for n in range(DAYS_AWAY):
        day = today + dt.timedelta(days=3 * n + 1)
        events.append(
            "BEGIN:VEVENT\r\n"
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}\r\n"
            f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}\r\n"
            f"UID:away-{n}@example.com\r\nSUMMARY:Day away {n}\r\nEND:VEVENT\r\n"
        )
    head = (
        "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
        "VERSION:2.0\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
        "X-WR-CALNAME:alice@example.com\r\nX-WR-TIMEZONE:Europe/Berlin\r\n" + ZONE
    )
    body = "".join(events)
    history = []
    size = len(head) + len(body) + 20
    n = 0
    while size < MAX_ICS_BYTES - 2000:
        day = today - dt.timedelta(days=60 + n % 700)
        start = dt.datetime.combine(day, dt.time(8 + n % 9))
        event = _meeting(f"history-{n}@example.com", start, 60, f"Past meeting {n}")
        history.append(event)
        size += len(event)
        n += 1
    return (head + "".join(history) + body + "END:VCALENDAR\r\n").encode()


def timed(user: User, data: bytes) -> tuple[float, object]:
    started = time.perf_counter()
    report = calendar_import(user, data, all_day_as_time_off=True)
    return time.perf_counter() - started, report


def main() -> None:
    call_command("migrate", "--no-input", verbosity=0)
    today = dt.date.today()
    data = export(today)
    changed = export(today, moved=500)
    print(
        f"calendar import, a {len(data) / 1_000_000:.1f} MB export, {RUNS} runs, "
        "whole server-side call"
    )
    figures: dict[str, list[float]] = {"first": [], "again": [], "changed": []}
    report = None
    for run in range(RUNS):
        user = User.objects.create_user(
            f"bench{run}@example.com", "bench-password", time_zone="Europe/Berlin"
        )
        seconds, report = timed(user, data)
        figures["first"].append(seconds)
        seconds, again = timed(user, data)
        figures["again"].append(seconds)
        seconds, _ = timed(user, changed)
        figures["changed"].append(seconds)
    meetings = CalendarEvent.objects.filter(owner=user).count()
    days_off = TimeOff.objects.filter(owner=user).count()
    print(
        f"  imported {meetings:,} meetings and {days_off} periods of time off "
        f"({report.created:,} new; re-import: {again.updated:,} updated); "
        f"warnings: {list(report.warnings) or 'none'}"
    )
    for label, key in (
        ("first import", "first"),
        ("re-import of the same file", "again"),
        ("re-import with 500 meetings moved", "changed"),
    ):
        values = figures[key]
        print(
            f"  {label}: median {statistics.median(values):.2f} s   "
            f"min {min(values):.2f} s   max {max(values):.2f} s"
        )
    verdict = "meets" if statistics.median(figures["again"]) < TARGET_S else "misses"
    print(f"  the re-import {verdict} the target of a median under {TARGET_S:.0f} s")


if __name__ == "__main__":
    main()
