from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tandem.workload.models import Assignment, CalendarEvent, PriorityChange, Status, TimeOff
from tests.conftest import send, share
from tests.workload.conftest import CALENDAR, TRUNCATED, assign, day


@pytest.fixture
def api(client, alice, bearer):
    headers = bearer(alice)

    def call(method: str, path: str, body=None, *, as_headers=None):
        return send(client, method, path, as_headers or headers, body)

    return call


def test_it_captures_with_natural_dates_and_efforts(api, partnership):
    response = api(
        "POST",
        f"/api/partnerships/{partnership.pk}/assignments",
        {"title": "Q3 board report", "effort": "1.5d", "due": "next friday", "asked_by": "boss"},
    )

    assert response.status_code == 201
    created = response.json()
    assert created["title"] == "Q3 board report"
    assert created["due"] == "2026-11-13"
    assert created["effort_minutes"] == 765
    assert created["asked_by"] == "boss"
    assert created["asked_on"] == "2026-11-02"
    assert created["projected_finish"] == "2026-11-04"
    assert (created["late"], created["at_risk"], created["status"]) == (False, False, "accepted")
    assert "notes" not in created
    assert Assignment.objects.get().remaining_minutes == 765


def test_it_captures_a_proposed_ask_with_a_priority(alice, api, partnership):
    response = api(
        "POST",
        f"/api/partnerships/{partnership.pk}/assignments",
        {"title": "Vendor review", "effort": "90m", "proposed": True, "priority": 1},
    )

    created = response.json()
    assert (created["status"], created["priority"], created["rank"]) == ("proposed", 1, 1)
    assert created["why"] == "agreed priority 1"
    assert PriorityChange.objects.get().changed_by == alice


@pytest.mark.parametrize(
    "body,field,message",
    [
        ({"effort": "a while"}, "effort", "'a while' is not an effort; try 3h, 90m or 1.5d"),
        ({"effort": "3"}, "effort", "'3' has no unit; did you mean 3h?"),
        ({"effort": "0h"}, "effort", "'0h' is zero"),
        ({"due": "12/04"}, "due", "'12/04' could be 12 Apr or 4 Dec"),
        ({"due": "yesterday"}, "due", "which is in the past"),
        ({"title": "   "}, "title", "Give the assignment a title."),
    ],
)
def test_it_explains_what_was_wrong(api, partnership, body, field, message):
    response = api(
        "POST",
        f"/api/partnerships/{partnership.pk}/assignments",
        {"title": "Board pack", "effort": "2h"} | body,
    )

    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert response.json()["field"] == field
    assert not Assignment.objects.exists()


def test_it_refuses_a_missing_effort(api, partnership):
    response = api("POST", f"/api/partnerships/{partnership.pk}/assignments", {"title": "X"})

    assert response.status_code == 422
    assert response.json()["detail"].startswith("effort:")


def test_it_returns_the_plan_in_rank_order(api, partnership, busy_week):
    assign(partnership, "Undated", 60, asked_on=day(-1))
    assign(partnership, "Agreed first", 60, priority=1)

    response = api("GET", f"/api/partnerships/{partnership.pk}/plan")

    assert response.status_code == 200
    plan = response.json()
    assert plan["today"] == "2026-11-02"
    rows = [(r["rank"], r["title"], r["why"]) for r in plan["assignments"]]
    assert rows == [
        (1, "Agreed first", "agreed priority 1"),
        (2, "Budget inputs", "due Wed 4 Nov"),
        (3, "Pricing memo", "due Wed 11 Nov"),
        (4, "Undated", "asked yesterday"),
    ]
    assert plan["weeks"][0] == {
        "week_start": "2026-11-02",
        "capacity_minutes": 5 * 357,
        "planned_minutes": 840,
        "required_minutes": 480,
        "overloaded": False,
    }


def test_it_marks_a_finished_assignment_done(api, partnership, busy_week):
    path = f"/api/partnerships/{partnership.pk}/assignments/{busy_week.pk}"

    response = api("PATCH", path, {"status": "done"})

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["projected_finish"]) == ("done", None)
    plan = api("GET", f"/api/partnerships/{partnership.pk}/plan").json()
    assert [r["title"] for r in plan["assignments"]] == ["Pricing memo"]
    busy_week.refresh_from_db()
    assert (busy_week.status, busy_week.remaining_minutes) == (Status.DONE, 0)


def test_it_reopens_through_the_api(api, partnership, busy_week):
    path = f"/api/partnerships/{partnership.pk}/assignments/{busy_week.pk}"
    api("PATCH", path, {"status": "done"})

    response = api("PATCH", path, {"status": "accepted"})

    assert response.json()["effort_minutes"] == 480
    assert response.json()["projected_finish"] == "2026-11-03"


def test_it_changes_due_date_and_remaining_effort(api, partnership, busy_week):
    path = f"/api/partnerships/{partnership.pk}/assignments/{busy_week.pk}"

    response = api("PATCH", path, {"due": "in 3 weeks", "remaining": "2h"})

    assert (response.json()["due"], response.json()["effort_minutes"]) == ("2026-11-23", 120)


def test_it_refuses_an_empty_change(api, partnership, busy_week):
    path = f"/api/partnerships/{partnership.pk}/assignments/{busy_week.pk}"

    response = api("PATCH", path, {})

    assert response.status_code == 400
    assert response.json()["detail"] == "Send at least one field to change."


def test_it_shows_the_impact_of_an_ask_without_saving_it(api, partnership, busy_week):
    response = api(
        "POST",
        f"/api/partnerships/{partnership.pk}/whatif",
        {"title": "Board pack", "effort": "10h", "due": "tomorrow"},
    )

    assert response.status_code == 200
    impact = response.json()
    assert (impact["fits"], impact["ask_finish"], impact["ask_late"]) == (
        False,
        "2026-11-03",
        False,
    )
    assert [(s["title"], s["finish_after"], s["became_late"]) for s in impact["slips"]] == [
        ("Budget inputs", "2026-11-05", True),
        ("Pricing memo", "2026-11-05", False),
    ]
    assert impact["newly_late"] == ["Budget inputs"]
    assert impact["options"][0]["explanation"] == (
        "Move 'Board pack' to Thu 5 Nov: everything else lands on time."
    )
    assert all(option["fits"] for option in impact["options"])
    assert Assignment.objects.count() == 2
    assert not PriorityChange.objects.exists()


def test_it_says_when_an_ask_fits(api, partnership, busy_week):
    response = api(
        "POST",
        f"/api/partnerships/{partnership.pk}/whatif",
        {"title": "Thank-you note", "effort": "1h", "due": "in 2 weeks"},
    )

    impact = response.json()
    assert (impact["fits"], impact["slips"], impact["options"]) == (True, [], [])


def test_it_explains_a_bad_effort_in_a_whatif(api, partnership):
    response = api(
        "POST",
        f"/api/partnerships/{partnership.pk}/whatif",
        {"title": "Board pack", "effort": "lots"},
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "'lots' is not an effort; try 3h, 90m or 1.5d"


def test_it_imports_a_calendar_upload(client, alice, bearer):
    headers = bearer(alice)

    def upload(data: bytes, query: str = ""):
        upload = SimpleUploadedFile("calendar.ics", data, "text/calendar")
        return client.post(f"/api/calendar/import{query}", {"file": upload}, headers=headers)

    first = upload(CALENDAR)
    again = upload(CALENDAR)

    assert first.status_code == again.status_code == 200
    assert first.json() == {
        "summary": "Imported 3 new and updated 0 meetings, added 1 day of time off.",
        "created": 3,
        "updated": 0,
        "removed": 0,
        "time_off_days": 1,
        "time_off_added": 1,
        "time_off_updated": 0,
        "time_off_removed": 0,
        "warnings": [],
        "truncated": False,
    }
    assert (again.json()["created"], again.json()["updated"]) == (0, 3)
    assert CalendarEvent.objects.filter(owner=alice).count() == 3
    assert TimeOff.objects.filter(owner=alice).count() == 1


def test_it_keeps_all_day_events_out_of_time_off_when_asked(client, alice, bearer):
    upload = SimpleUploadedFile("calendar.ics", CALENDAR, "text/calendar")

    response = client.post(
        "/api/calendar/import?all_day_as_time_off=false", {"file": upload}, headers=bearer(alice)
    )

    assert response.json()["time_off_days"] == 0
    assert CalendarEvent.objects.count() == 4
    assert not TimeOff.objects.exists()


def test_it_refuses_a_damaged_calendar_upload(client, alice, bearer):
    upload = SimpleUploadedFile("calendar.ics", TRUNCATED, "text/calendar")

    response = client.post("/api/calendar/import", {"file": upload}, headers=bearer(alice))

    assert response.status_code == 400
    assert "ends in the middle of an entry" in response.json()["detail"]
    assert not CalendarEvent.objects.exists()


def test_it_hides_an_unshared_workload_from_the_partner(api, bob, bearer, partnership, busy_week):
    headers = bearer(bob)

    plan = api("GET", f"/api/partnerships/{partnership.pk}/plan", as_headers=headers)
    detail = api(
        "GET",
        f"/api/partnerships/{partnership.pk}/assignments/{busy_week.pk}",
        as_headers=headers,
    )

    assert plan.status_code == detail.status_code == 404


def test_it_shows_the_partner_a_shared_workload_of_this_partnership_only(
    api, bob, bearer, partnership, solo_partnership, busy_week
):
    share(partnership, share_workload=True)
    elsewhere = assign(solo_partnership, "Rita's appraisal", 60, priority=1)
    headers = bearer(bob)

    plan = api("GET", f"/api/partnerships/{partnership.pk}/plan", as_headers=headers)
    hidden = api(
        "GET",
        f"/api/partnerships/{partnership.pk}/assignments/{elsewhere.pk}",
        as_headers=headers,
    )

    assert plan.status_code == 200
    assert [r["title"] for r in plan.json()["assignments"]] == ["Budget inputs", "Pricing memo"]
    assert "Rita" not in plan.content.decode()
    assert hidden.status_code == 404


def test_it_lets_the_partner_change_only_the_priority_when_invited(
    api, bob, bearer, partnership, busy_week
):
    share(partnership, share_workload=True, partner_may_reorder=True)
    path = f"/api/partnerships/{partnership.pk}/assignments/{busy_week.pk}"
    headers = bearer(bob)

    done = api("PATCH", path, {"status": "done"}, as_headers=headers)
    reordered = api("PATCH", path, {"priority": 1}, as_headers=headers)

    assert done.status_code == 400
    assert done.json()["detail"] == "Only the owner changes anything but the priority."
    assert reordered.status_code == 200
    busy_week.refresh_from_db()
    assert (busy_week.status, busy_week.priority, busy_week.priority_set_by) == (
        Status.ACCEPTED,
        1,
        bob,
    )


def test_it_refuses_the_partner_a_reorder_without_an_invitation(
    api, bob, bearer, partnership, busy_week
):
    share(partnership, share_workload=True)
    path = f"/api/partnerships/{partnership.pk}/assignments/{busy_week.pk}"

    response = api("PATCH", path, {"priority": 1}, as_headers=bearer(bob))

    assert response.status_code == 400
    assert response.json()["detail"] == "You are not invited to change priorities here."
    busy_week.refresh_from_db()
    assert busy_week.priority is None


def test_it_never_lets_the_partner_capture_or_whatif(api, bob, bearer, partnership):
    share(partnership, share_workload=True)
    headers = bearer(bob)
    body = {"title": "Board pack", "effort": "2h"}

    created = api(
        "POST", f"/api/partnerships/{partnership.pk}/assignments", body, as_headers=headers
    )
    whatif = api("POST", f"/api/partnerships/{partnership.pk}/whatif", body, as_headers=headers)

    assert created.status_code == whatif.status_code == 404
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("title", ["   ", None])
def test_it_refuses_a_blank_title_in_a_change_as_the_form_does(api, partnership, busy_week, title):
    path = f"/api/partnerships/{partnership.pk}/assignments/{busy_week.pk}"

    response = api("PATCH", path, {"title": title, "remaining": "1h"})

    assert response.status_code == 400
    assert response.json() == {"detail": "Give the assignment a title.", "field": "title"}
    busy_week.refresh_from_db()
    assert (busy_week.title, busy_week.remaining_minutes) == ("Budget inputs", 480)


@pytest.mark.parametrize("field", ["title", "asked_by", "effort", "due"])
def test_it_refuses_a_nul_character_in_a_capture(api, partnership, field):
    body = {"title": "Board pack", "effort": "2h", "due": "friday", "asked_by": "Sam"}
    body[field] = f"{body[field]}\x00"

    response = api("POST", f"/api/partnerships/{partnership.pk}/assignments", body)

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert response.json()["detail"] == f"{field}: Null characters are not allowed."
    assert not Assignment.objects.exists()


def test_it_pages_the_plan_with_totals_of_everything(api, partnership, busy_week):
    assign(partnership, "Board pack", 600, due=day(1), asked_on=day(-1))
    assign(partnership, "Undated", 60, asked_on=day(-1))
    path = f"/api/partnerships/{partnership.pk}/plan"

    first = api("GET", f"{path}?limit=2").json()
    rest = api("GET", f"{path}?limit=2&offset=2").json()

    assert [r["title"] for r in first["assignments"]] == ["Board pack", "Budget inputs"]
    assert [r["title"] for r in rest["assignments"]] == ["Pricing memo", "Undated"]
    assert [r["rank"] for r in first["assignments"] + rest["assignments"]] == [1, 2, 3, 4]
    assert [(r["late"], r["at_risk"]) for r in first["assignments"]] == [
        (False, True),
        (True, True),
    ]
    totals = {key: first[key] for key in ("total", "late_count", "at_risk_count")}
    assert totals == {"total": 4, "late_count": 1, "at_risk_count": 1}
    assert {key: rest[key] for key in totals} == totals
    assert first["weeks"] == rest["weeks"]


def test_it_gives_the_first_hundred_of_a_long_plan_by_default(api, partnership):
    for number in range(105):
        assign(partnership, f"Task {number}", 30, asked_on=day(-1))

    plan = api("GET", f"/api/partnerships/{partnership.pk}/plan").json()
    beyond = api("GET", f"/api/partnerships/{partnership.pk}/plan?offset=200").json()

    assert (plan["total"], len(plan["assignments"])) == (105, 100)
    assert (beyond["total"], beyond["assignments"]) == (105, [])


@pytest.mark.parametrize(
    "query,field",
    [
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("offset=-1", "offset"),
        ("offset=x", "offset"),
    ],
)
def test_it_refuses_a_page_out_of_bounds(api, partnership, query, field):
    response = api("GET", f"/api/partnerships/{partnership.pk}/plan?{query}")

    assert response.status_code == 422
    assert response.json()["field"] == field


def test_it_counts_for_the_partner_only_what_the_partner_sees(
    api, bob, bearer, partnership, solo_partnership, busy_week
):
    share(partnership, share_workload=True)
    assign(solo_partnership, "Rita's appraisal", 600, due=day(1), priority=1)

    plan = api(
        "GET", f"/api/partnerships/{partnership.pk}/plan?limit=1", as_headers=bearer(bob)
    ).json()

    assert [r["title"] for r in plan["assignments"]] == ["Budget inputs"]
    assert (plan["total"], plan["other_work"]) == (2, {"count": 1, "effort_minutes": 600})
    assert "Rita" not in str(plan)
