from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.partnerships.models import Partnership
from tandem.workload.models import CalendarEvent, Commitment, Status, TimeOff
from tandem.workload.planning import availability
from tests.conftest import field_errors, input_value, logged_in, share, text_of
from tests.workload.conftest import CALENDAR, DAY_CAPACITY, TODAY, TRUNCATED, assign, day, page


def _capacity(user, first: dt.date = TODAY, days: int = 28) -> dict[dt.date, int]:
    return {d.day: d.capacity_minutes for d in availability(user, first, days)}


@pytest.fixture
def client(alice):
    return logged_in(alice)


def _time_off(client, **fields):
    data = {"form": "time-off", "off-part": "whole", "off-reason": ""}
    data |= {f"off-{name}": value for name, value in fields.items()}
    return client.post(reverse("availability"), data, follow=True)


def _commitment(client, **fields):
    data = {"form": "commitment", "commitment-every_weeks": "1"}
    data |= {f"commitment-{name}": value for name, value in fields.items()}
    return client.post(reverse("availability"), data, follow=True)


def _import(client, data: bytes, *, as_time_off: bool = True):
    fields = {"file": SimpleUploadedFile("calendar.ics", data, "text/calendar")}
    if as_time_off:
        fields["all_day_as_time_off"] = "on"
    return client.post(reverse("calendar-import"), fields, follow=True)


def test_it_plans_a_normal_week_at_the_focus_factor(alice):
    week = _capacity(alice, days=7)

    assert list(week.values()) == [DAY_CAPACITY] * 5 + [0, 0]


def test_it_takes_whole_days_off(alice, client):
    response = _time_off(client, first_day="2026-11-04", last_day="2026-11-05", reason="Dentist")

    assert "Time off added; nothing is planned then." in text_of(response)
    capacity = _capacity(alice)
    assert capacity[day(1)] == DAY_CAPACITY
    assert capacity[day(2)] == capacity[day(3)] == 0
    assert capacity[day(4)] == DAY_CAPACITY


def test_it_takes_half_days_off(alice, client):
    _time_off(client, first_day="2026-11-04", last_day="2026-11-04", part="morning")
    _time_off(client, first_day="2026-11-05", last_day="2026-11-05", part="afternoon")

    capacity = _capacity(alice)
    assert capacity[day(2)] == int(270 * 0.7)  # 13:00–17:30 left
    assert capacity[day(3)] == int(240 * 0.7)  # 09:00–13:00 left


def test_it_refuses_time_off_that_ends_before_it_starts(client):
    response = _time_off(client, first_day="2026-11-05", last_day="2026-11-04", reason="Holiday")

    body = text_of(response)
    # Said once, at the field: no banner repeating that something is wrong.
    assert body.count("Time off ends before it starts.") == 1
    assert 'class="message error"' not in body
    assert field_errors(body, "id_off-last_day") == ["Time off ends before it starts."]
    assert input_value(body, "id_off-first_day") == "2026-11-05"
    assert input_value(body, "id_off-last_day") == "2026-11-04"
    assert input_value(body, "id_off-reason") == "Holiday"
    assert not TimeOff.objects.exists()


def test_it_blocks_a_weekly_commitment(alice, client):
    response = _commitment(client, title="School run", weekday="1", start="08:00", end="10:00")

    assert "“School run” is blocked every week." in text_of(response)
    capacity = _capacity(alice)
    tuesdays = [d for d in capacity if d.weekday() == 1]
    assert {capacity[d] for d in tuesdays} == {int(450 * 0.7)}  # 09:00–10:00 overlaps
    assert capacity[day(0)] == capacity[day(2)] == DAY_CAPACITY


def test_it_lists_each_commitment_with_its_day_and_time(client):
    _commitment(client, title="School run", weekday="1", start="08:00", end="10:00")
    _commitment(
        client, title="Evening class", weekday="2", start="16:30", end="17:30", every_weeks="2"
    )

    body = page(client, reverse("availability"))

    assert 'School run</span> <span class="small muted">every Tuesday, 08:00–10:00' in body
    assert 'Evening class</span> <span class="small muted">every 2 weeks on Wednesday, ' in body
    assert "16:30–17:30" in body


def test_it_shows_availability_in_settings_when_not_reached_from_a_partnership(client):
    response = client.get(reverse("availability"))

    assert response.context["section"] == "availability"
    assert "partnership" not in response.context
    body = text_of(response)
    assert '<nav class="settings-tabs" aria-label="Settings">' in body
    assert 'aria-label="Partnership"' not in body


def test_it_keeps_the_partnerships_sidebar_when_reached_from_one(client, partnership):
    from_param = client.get(reverse("availability"), {"from": partnership.pk})
    workload = reverse("area-workload", args=[partnership.pk])
    referred = client.get(
        reverse("availability"), headers={"Referer": f"http://testserver{workload}"}
    )

    for response in (from_param, referred):
        assert response.context["partnership"] == partnership
        assert response.context["current"] == "workload"
        body = text_of(response)
        assert '<nav class="sidenav" aria-label="Partnership">' in body
        assert "settings-tabs" not in body
        # Its forms come back to the same layout.
        assert f'action="{reverse("availability")}?from={partnership.pk}"' in body


def test_it_keeps_the_sidebar_after_saving_from_a_partnerships_page(client, partnership):
    here = f"http://testserver{reverse('availability')}?from={partnership.pk}"

    response = client.post(
        f"{reverse('availability')}?from={partnership.pk}",
        {
            "form": "commitment",
            "commitment-title": "School run",
            "commitment-weekday": "1",
            "commitment-start": "08:00",
            "commitment-end": "10:00",
            "commitment-every_weeks": "1",
        },
        headers={"Referer": here},
        follow=True,
    )

    assert response.context["partnership"] == partnership


@pytest.mark.parametrize(
    "referer",
    ["http://evil.example/p/{pk}/", "http://testserver/p/{pk}x/", "http://testserver/settings/"],
)
def test_it_ignores_a_referer_that_is_not_a_partnership_page_here(client, partnership, referer):
    response = client.get(
        reverse("availability"), headers={"Referer": referer.format(pk=partnership.pk)}
    )

    assert "partnership" not in response.context


def test_it_never_shows_a_strangers_partnership(charlie, partnership):
    response = logged_in(charlie).get(reverse("availability"), {"from": partnership.pk})

    assert response.status_code == 200
    assert "partnership" not in response.context
    assert "Zebulon Boss" not in text_of(response)


def test_it_blocks_a_commitment_every_other_week(alice, client):
    _commitment(
        client, title="Evening class", weekday="2", start="16:30", end="17:30", every_weeks="2"
    )

    capacity = _capacity(alice)
    assert capacity[day(2)] == int(450 * 0.7)
    assert capacity[day(9)] == DAY_CAPACITY
    assert capacity[day(16)] == int(450 * 0.7)


def test_it_refuses_a_commitment_that_ends_before_it_starts(client):
    response = _commitment(client, title="School run", weekday="1", start="10:00", end="08:00")

    body = text_of(response)
    assert field_errors(body, "id_commitment-end") == ["It ends before it starts (10:00–08:00)."]
    assert input_value(body, "id_commitment-title") == "School run"
    assert input_value(body, "id_commitment-start") == "10:00"
    assert not Commitment.objects.exists()


def test_it_imports_a_calendar_with_repeats_and_exceptions(alice, client):
    response = _import(client, CALENDAR)

    body = text_of(response)
    assert "Imported 3 new and updated 0 meetings, added 1 day of time off." in body
    starts = [e.start for e in CalendarEvent.objects.order_by("start")]
    assert starts == [
        dt.datetime(2026, 11, d, 14, tzinfo=dt.UTC) for d in (4, 18, 25)
    ]  # 11 Nov was cancelled
    assert TimeOff.objects.get().first_day == dt.date(2026, 11, 6)
    capacity = _capacity(alice)
    assert capacity[day(2)] == int(450 * 0.7)
    assert capacity[day(9)] == DAY_CAPACITY
    assert capacity[day(4)] == 0


def test_it_keeps_all_day_events_as_free_time_unless_asked(alice, client):
    _import(client, CALENDAR, as_time_off=False)

    assert not TimeOff.objects.exists()
    assert CalendarEvent.objects.get(title="Conference").busy is False
    assert _capacity(alice)[day(4)] == DAY_CAPACITY


def test_it_updates_on_reimport_instead_of_duplicating(client):
    _import(client, CALENDAR)

    moved = CALENDAR.replace(b"SUMMARY:Team sync", b"SUMMARY:Team sync (new room)")
    response = _import(client, moved)

    assert "Imported 0 new and updated 3 meetings." in text_of(response)
    assert CalendarEvent.objects.count() == 3
    assert set(CalendarEvent.objects.values_list("title", flat=True)) == {"Team sync (new room)"}
    assert TimeOff.objects.count() == 1


def test_it_removes_occurrences_no_longer_in_the_calendar(client):
    _import(client, CALENDAR)

    shorter = CALENDAR.replace(b"COUNT=4", b"COUNT=3")
    response = _import(client, shorter)

    assert "removed 1 no longer in the calendar" in text_of(response)
    assert CalendarEvent.objects.count() == 2


def test_it_imports_nothing_from_a_damaged_file_and_loses_nothing(client):
    _import(client, CALENDAR)

    response = _import(client, TRUNCATED)

    body = text_of(response)
    assert "Nothing was imported: The calendar file ends in the middle of an entry" in body
    assert CalendarEvent.objects.count() == 3
    assert TimeOff.objects.count() == 1


def test_it_imports_nothing_from_a_file_that_is_not_a_calendar(client):
    response = _import(client, b"Name,Start\nTeam sync,2026-11-04\n")

    assert "Nothing was imported: This is not a calendar file" in text_of(response)
    assert not CalendarEvent.objects.exists()


def test_it_asks_for_a_file(client):
    response = client.post(reverse("calendar-import"), {}, follow=True)

    assert "Nothing was imported: This field is required." in text_of(response)


def test_it_keeps_each_persons_calendar_apart(alice, bob, client):
    _import(client, CALENDAR)
    _import(logged_in(bob), CALENDAR)

    assert CalendarEvent.objects.filter(owner=alice).count() == 3
    assert CalendarEvent.objects.filter(owner=bob).count() == 3


def test_it_shows_this_weeks_hours(client):
    _commitment(client, title="School run", weekday="1", start="08:00", end="10:00")

    body = page(client, reverse("availability"))

    assert "41h 30m free of meetings and commitments" in body
    assert "School run" in body


def test_it_exports_the_requesters_open_due_dates(alice, bob, partnership):
    share(partnership, share_workload=True)
    assign(partnership, "Board pack", 60, due=day(4))
    assign(partnership, "Pricing memo", 60, due=day(9), status=Status.PROPOSED)
    assign(partnership, "Dashboard clean-up", 60)
    done = assign(partnership, "Vendor summary", 60, due=day(3))
    done.status = Status.DONE
    done.save()
    bobs = Partnership.objects.create(owner=bob, partner_name="Pat Peer", kind="peer")
    assign(bobs, "Bob's own deadline", 60, due=day(5))

    mine = logged_in(alice).get(reverse("due-dates-ics"))
    his = logged_in(bob).get(reverse("due-dates-ics")).content.decode()

    assert mine["Content-Type"] == "text/calendar; charset=utf-8"
    assert "tandem-due-dates.ics" in mine["Content-Disposition"]
    calendar = mine.content.decode()
    assert "SUMMARY:Due: Board pack" in calendar
    assert "DTSTART;VALUE=DATE:20261106" in calendar
    assert "SUMMARY:Due: Pricing memo" in calendar
    assert "Dashboard clean-up" not in calendar
    assert "Vendor summary" not in calendar
    assert "Bob's own deadline" not in calendar
    assert "SUMMARY:Due: Bob's own deadline" in his
    assert "Board pack" not in his


def test_it_checks_ownership_of_removals(alice, bob):
    off = TimeOff.objects.create(owner=alice, first_day=day(2), last_day=day(2))
    run = Commitment.objects.create(
        owner=alice, title="School run", weekday=1, start=dt.time(8), end=dt.time(10)
    )
    client = logged_in(bob)

    assert client.post(reverse("time-off-delete", args=[off.pk])).status_code == 404
    assert client.post(reverse("commitment-delete", args=[run.pk])).status_code == 404
    assert TimeOff.objects.exists() and Commitment.objects.exists()
