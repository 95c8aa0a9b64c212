from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tandem.workload.models import Assignment
from tests.conftest import logged_in, share, text_of

HTMX = {"HX-Request": "true"}


@pytest.fixture
def impact(alice, partnership):
    client = logged_in(alice)

    def get(**params):
        url = reverse("workload-impact", args=[partnership.pk])
        response = client.get(f"{url}?{urlencode(params)}", headers=HTMX)
        assert response.status_code == 200
        return text_of(response)

    return get


def _slips(panel: str) -> list[str]:
    """The "What moves" list, each assignment without its #id."""
    if "What moves" not in panel:
        return []
    moves = panel.split("What moves", 1)[1].split("</ul>", 1)[0]
    items = re.findall(r"<li><span>(.*?)</span> <span[^>]*>(.*?)</span></li>", moves)
    return [f"{re.sub(r'^#[0-9]+ ', '', title)}: {change}" for title, change in items]


def _options(panel: str) -> list[str]:
    """Each option's headline, as read."""
    headlines = re.findall(r'<p class="option-headline">(.*?)</p>', panel, re.DOTALL)
    return [" ".join(re.sub(r"<[^>]+>", " ", h).split())[2:] for h in headlines]


def test_it_lists_what_slips_and_what_becomes_late(busy_week, impact):
    panel = impact(title="Board pack", effort="10h", due="tomorrow")

    assert "Taking on 'Board pack' by Tue 3 Nov moves 'Budget inputs' past its due date." in panel
    assert "What moves" in panel
    assert _slips(panel) == [
        "Budget inputs: +2 days → Thu 5 Nov · late",
        "Pricing memo: +1 day → Thu 5 Nov",
    ]


def test_it_offers_ways_to_make_it_fit_when_something_becomes_late(busy_week, impact):
    panel = impact(title="Board pack", effort="10h", due="tomorrow")

    assert "Ways to make it fit" in panel
    options = _options(panel)
    assert options[0] == "Push 'Board pack' to Thu 5 Nov"
    assert len(options) > 1
    assert panel.count("Everything lands on time.") == len(options)
    assert "makes 0" not in panel
    assert panel.count("Propose this in a brief") == len(options)


def test_it_says_when_the_ask_itself_lands_late(busy_week, impact):
    panel = impact(title="Board pack", effort="3d", due="tomorrow")

    assert "and 'Board pack' itself would land on Fri 6 Nov." in panel


def test_it_says_when_the_ask_fits(busy_week, impact):
    panel = impact(title="Thank-you note", effort="1h", due="in 2 weeks")

    assert (
        "Taking on 'Thank-you note' by Mon 16 Nov fits: it lands on Wed 4 Nov, "
        "12 days before it is due, and everything else stays on time." in panel
    )
    assert "Ways to make it fit" not in panel


def test_it_shows_small_delays_that_make_nothing_late(busy_week, impact):
    panel = impact(title="Quick fix", effort="4h", due="tomorrow")

    assert "Taking on 'Quick fix' by Tue 3 Nov fits" in panel
    assert _slips(panel) == ["Budget inputs: +1 day → Wed 4 Nov"]
    assert "Ways to make it fit" not in panel


def test_it_explains_an_unreadable_effort(busy_week, impact):
    panel = impact(title="Board pack", effort="a while", due="tomorrow")

    assert "'a while' is not an effort; try 3h, 90m or 1.5d" in panel
    assert "What moves" not in panel


def test_it_explains_an_unreadable_due_date(busy_week, impact):
    panel = impact(title="Board pack", effort="2h", due="someday soon")

    assert "'someday soon' is not a date" in panel


def test_it_invites_an_effort_before_anything_is_typed(impact):
    panel = impact(title="Board pack")

    assert "Give an effort" in panel


def test_it_answers_with_the_panel_alone(busy_week, impact):
    panel = impact(title="Board pack", effort="10h", due="tomorrow")

    assert panel.lstrip().startswith('<section class="card impact" id="impact-panel"')
    assert "<html" not in panel


def test_it_saves_nothing(busy_week, impact):
    impact(title="Board pack", effort="10h", due="tomorrow")

    assert Assignment.objects.count() == 2


def test_it_keeps_what_was_typed_for_a_brief(busy_week, impact):
    panel = impact(title="Board pack", effort="10h", due="tomorrow", asked_by="Sam")

    form = panel.split('id="capture-with-option"', 1)[1]
    assert '<input type="hidden" name="title" value="Board pack">' in form
    assert '<input type="hidden" name="effort" value="10h">' in form
    assert '<input type="hidden" name="due" value="tomorrow">' in form
    assert '<input type="hidden" name="proposed" value="on">' in form


def test_it_captures_the_ask_and_opens_the_brief_with_the_chosen_option(
    alice, partnership, busy_week
):
    data = {"title": "Board pack", "effort": "10h", "due": "tomorrow", "proposed": "on"}

    response = logged_in(alice).post(
        reverse("assignment-create", args=[partnership.pk]), data | {"option": "1"}
    )

    ask = Assignment.objects.get(title="Board pack")
    assert ask.status == "proposed"
    assert response["Location"] == (
        reverse("workload-brief", args=[partnership.pk, ask.pk]) + "?option=1"
    )


def test_it_checks_ownership(bob, charlie, partnership):
    share(partnership, share_workload=True)
    url = reverse("workload-impact", args=[partnership.pk]) + "?title=X&effort=1h"

    for user in (bob, charlie):
        assert logged_in(user).get(url, headers=HTMX).status_code == 404


def test_it_shows_the_impact_before_a_title_is_typed(busy_week, impact):
    panel = impact(effort="10h", due="tomorrow")

    assert "moves 'Budget inputs' past its due date." in panel
    assert "This field is required." not in panel
