"""The workload page answers first: the verdict, what is late or at risk, a plan in groups."""

from __future__ import annotations

from django.urls import reverse

from tandem.workload.models import Assignment, PriorityChange, Status
from tests.conftest import logged_in, share
from tests.workload.conftest import assign, day

HTMX = {"HX-Request": "true"}


def _page(user, partnership, **query):
    response = logged_in(user).get(reverse("area-workload", args=[partnership.pk]), query)
    assert response.status_code == 200
    return response


def _late_week(partnership):
    """Four days of work due tomorrow: it and what follows land late; this week is over."""
    late = assign(partnership, "Board pack", 4 * 480, due=day(1), asked_by="Sam")
    risky = assign(partnership, "Pricing memo", 300, due=day(4), asked_by="Priya")
    calm = assign(partnership, "Team offsite agenda", 60, due=day(25), asked_by="Sam")
    someday = assign(partnership, "Dashboard clean-up", 120)
    return late, risky, calm, someday


def test_it_opens_on_a_one_line_verdict(alice, partnership):
    _late_week(partnership)

    response = _page(alice, partnership)

    assert response.context["verdict"].startswith(
        "2 assignments will land late; the week of 2 Nov is "
    )
    assert response.context["verdict"].endswith(" over.")
    body = response.content.decode()
    assert body.index('id="verdict"') < body.index('id="capture"') < body.index('id="plan"')


def test_it_says_when_everything_lands_on_time(alice, partnership):
    assign(partnership, "Team offsite agenda", 60, due=day(25))

    assert _page(alice, partnership).context["verdict"] == "Everything lands on time."


def test_it_groups_the_plan_with_counts(alice, partnership):
    _late_week(partnership)

    groups = _page(alice, partnership).context["groups"]

    assert [(key, count) for key, _, count, _ in groups] == [
        ("late", 2),
        ("on_track", 1),
        ("no_due", 1),
    ]


def test_it_filters_by_group_and_by_who_asked(alice, partnership):
    late, risky, calm, _ = _late_week(partnership)

    only_late = _page(alice, partnership, show="late").context["rows"]
    from_sam = _page(alice, partnership, **{"from": "Sam"}).context["rows"]

    assert {row.assignment.pk for row in only_late} == {late.pk, risky.pk}
    assert {row.assignment.pk for row in from_sam} == {late.pk, calm.pk}
    assert _page(alice, partnership).context["askers"] == ["Priya", "Sam"]


def test_it_ignores_a_filter_it_does_not_know(alice, partnership):
    _late_week(partnership)

    response = _page(alice, partnership, show="²", **{"from": "nobody"})

    assert len(response.context["rows"]) == 4


def test_it_moves_an_assignment_up_from_the_keyboard(alice, partnership):
    _, _, calm, someday = _late_week(partnership)
    url = reverse("assignment-move", args=[partnership.pk, someday.pk])

    response = logged_in(alice).post(url, {"direction": "up"})

    assert response.status_code == 302
    assert response["Location"].endswith(f"?moved={someday.pk}&direction=up#row-{someday.pk}")
    page = _page(alice, partnership, moved=someday.pk, direction="up")
    order = [row.assignment.pk for row in page.context["rows"]]
    assert order.index(someday.pk) < order.index(calm.pk)
    assert f'aria-label="Move #{someday.pk} Dashboard clean-up up" autofocus' in (
        page.content.decode()
    )
    assert PriorityChange.objects.filter(assignment=someday, changed_by=alice).exists()


def test_it_refuses_a_move_by_a_partner_who_may_not_reorder(bob, partnership):
    share(partnership, share_workload=True)
    late, *_ = _late_week(partnership)
    url = reverse("assignment-move", args=[partnership.pk, late.pk])

    response = logged_in(bob).post(url, {"direction": "down"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "You are not invited to change priorities here."
    ]
    assert not PriorityChange.objects.exists()


def test_it_marks_done_inline_and_undoes_it(alice, partnership):
    late, *_ = _late_week(partnership)
    url = reverse("assignment-status", args=[partnership.pk, late.pk])
    client = logged_in(alice)

    done = client.post(url, {"action": "done"}, headers=HTMX)

    assert done.status_code == 200
    assert f"Done: #{late.pk} Board pack" in done.content.decode()
    assert "Undo" in done.content.decode()
    assert Assignment.objects.get(pk=late.pk).status == Status.DONE

    undone = client.post(url, {"action": "reopen"}, headers=HTMX)

    assert undone["HX-Refresh"] == "true"
    late.refresh_from_db()
    assert late.status == Status.ACCEPTED
    assert late.remaining_minutes == 4 * 480


def test_it_shows_options_as_headlines_with_their_moves_and_cost(alice, partnership):
    _late_week(partnership)
    url = reverse("workload-impact", args=[partnership.pk])

    response = logged_in(alice).get(
        url, {"title": "Vendor review", "effort": "1d", "due": "tomorrow"}, headers=HTMX
    )

    options = response.context["options"]
    assert options
    first = options[0]
    assert first.headline.startswith(("Push ", "Trim ", "Hand off ", "Start "))
    assert all(" → " not in who and before != after for who, before, after in first.moves)
    assert first.cost[0].isupper() or first.cost[0].isdigit()
    assert "<svg" in first.chart_svg
    body = response.content.decode()
    assert "makes 0" not in body
    assert body.count("<template data-option-svg>") == len(options)
