"""A person's workload is one: the web page, the API and the command line show the same plan.

The owner sees all of their work, this partnership's marked; the partner sees this
partnership's work and only a total for the rest, never private notes.
"""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import logged_in, send, share
from tests.workload.conftest import assign, day


def _web_rows(user, partnership) -> list[tuple[int, int, bool]]:
    response = logged_in(user).get(reverse("area-workload", args=[partnership.pk]))
    assert response.status_code == 200
    return [
        (row.assignment.pk, row.scheduled.rank, row.assignment.in_this_partnership)
        for row in response.context["rows"]
    ]


def _api_plan(user, partnership, bearer) -> dict:
    response = send(
        logged_in(None), "GET", f"/api/partnerships/{partnership.pk}/plan", bearer(user)
    )
    assert response.status_code == 200
    return response.json()


def _work(partnership, solo_partnership):
    return [
        assign(partnership, "Q3 board report", 600, due=day(4)),
        assign(solo_partnership, "Team rota", 240, due=day(2), notes="Rita is struggling"),
        assign(partnership, "Pricing memo", 120, due=day(8)),
        assign(solo_partnership, "Hiring plan", 180),
    ]


def test_it_shows_the_owner_all_of_their_work_on_the_web_and_in_the_api(
    alice, partnership, solo_partnership, bearer
):
    report, rota, memo, hiring = _work(partnership, solo_partnership)

    web = _web_rows(alice, partnership)
    api = [
        (row["id"], row["rank"], row["in_this_partnership"])
        for row in _api_plan(alice, partnership, bearer)["assignments"]
    ]

    assert web == api
    assert [pk for pk, _, _ in web] == [rota.pk, report.pk, memo.pk, hiring.pk]
    assert [rank for _, rank, _ in web] == [1, 2, 3, 4], "ranks without gaps"
    assert [here for _, _, here in web] == [False, True, True, False]


def test_it_marks_the_owners_other_partnerships_work_with_its_partner(
    alice, partnership, solo_partnership
):
    _work(partnership, solo_partnership)

    response = logged_in(alice).get(reverse("area-workload", args=[partnership.pk]))

    labels = {
        row.assignment.title: row.assignment.partnership_label for row in response.context["rows"]
    }
    assert labels["Team rota"] == "Rita Report"
    assert "for Rita Report" in response.content.decode()


def test_it_links_each_row_to_the_assignment_in_its_own_partnership(
    alice, partnership, solo_partnership
):
    _, rota, _, _ = _work(partnership, solo_partnership)

    response = logged_in(alice).get(reverse("area-workload", args=[partnership.pk]))
    row = next(row for row in response.context["rows"] if row.assignment.pk == rota.pk)

    assert row.url == reverse("assignment", args=[solo_partnership.pk, rota.pk])
    assert logged_in(alice).get(row.url).status_code == 200


def test_it_shows_the_partner_this_partnerships_work_and_a_total_for_the_rest(
    bob, partnership, solo_partnership, bearer
):
    share(partnership, share_workload=True)
    report, _, memo, _ = _work(partnership, solo_partnership)

    web = logged_in(bob).get(reverse("area-workload", args=[partnership.pk]))
    api = _api_plan(bob, partnership, bearer)

    assert [r.assignment.pk for r in web.context["rows"]] == [report.pk, memo.pk]
    assert [row["id"] for row in api["assignments"]] == [report.pk, memo.pk]
    assert (web.context["plan"].other_count, web.context["plan"].other_minutes) == (2, 420)
    assert api["other_work"] == {"count": 2, "effort_minutes": 420}
    body = web.content.decode()
    assert "Team rota" not in body and "Rita is struggling" not in body


def test_it_never_hands_the_partners_page_an_assignments_notes(bob, partnership):
    share(partnership, share_workload=True)
    report = assign(partnership, "Q3 board report", 600, notes="Boss keeps moving this")

    plan = logged_in(bob).get(reverse("area-workload", args=[partnership.pk]))
    detail = logged_in(bob).get(reverse("assignment", args=[partnership.pk, report.pk]))

    assert not any(hasattr(row.assignment, "notes") for row in plan.context["rows"])
    assert not hasattr(detail.context["assignment"], "notes")
    assert detail.context["form"] is None
    assert "Boss keeps moving this" not in detail.content.decode()
