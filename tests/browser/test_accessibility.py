"""Every page of the workload area and of the account and partnership pages, as their owner
sees them, at desktop and phone widths: no serious or critical axe violation, tap targets a
thumb can hit, and colours that can be told apart."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template.loader import render_to_string
from playwright.sync_api import expect

from tandem.demo import DEMO_EMAIL, DEMO_PASSWORD, create_demo
from tandem.lib.dates import format_date
from tandem.partnerships import services as partnership_services
from tandem.partnerships.models import Partnership
from tandem.workload.models import Assignment
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])


def log_in(page, base: str) -> None:
    page.goto(base + "/login/")
    page.get_by_label("E-mail address").fill(DEMO_EMAIL)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def owner_pages(partnership: Partnership, assignment: Assignment) -> dict[str, str]:
    pk = partnership.pk
    return {
        "partnerships": "/",
        "new partnership": "/partnerships/new/",
        "overview": f"/p/{pk}/",
        "sharing & partner": f"/p/{pk}/settings/",
        "an area on its way": f"/p/{pk}/requests/",
        "workload": f"/p/{pk}/workload/",
        "assignment": f"/p/{pk}/workload/{assignment.pk}/",
        "brief": f"/p/{pk}/workload/{assignment.pk}/brief/?option=0",
        "availability": "/availability/",
        "availability from a partnership": f"/availability/?from={pk}",
        "settings": "/settings/",
        "password": "/settings/password/",
        "api tokens": "/settings/tokens/",
        "delete account": "/settings/delete/",
        "guided start: hours": "/start/hours/",
        "guided start: partner": "/start/partner/",
        "guided start: assignments": "/start/assignments/",
        "not found": "/no-such-page/",
    }


ANONYMOUS_PAGES = {
    "log in": "/login/",
    "sign up": "/signup/",
    "password reset": "/password/reset/",
    "not found": "/no-such-page/",
}


@pytest.fixture
def demo(live_server):
    create_demo()
    partnership = Partnership.objects.get(partner_name="Sam Okafor")
    assignment = Assignment.objects.get(title="Q3 board report")
    return partnership, assignment


@SIZES
def test_it_finds_no_serious_violation_on_the_owners_pages(
    live_server, new_page, accessible, demo, size
):
    partnership, assignment = demo
    page = new_page(viewport=size)
    log_in(page, live_server.url)
    found = []
    for name, path in owner_pages(partnership, assignment).items():
        page.goto(live_server.url + path)
        try:
            accessible(page, f"{name} ({path}) at {size['width']} px")
        except AssertionError as failure:
            found.append(str(failure).split("\nassert")[0])
    assert not found, "\n\n".join(found)


@SIZES
def test_it_finds_no_serious_violation_on_shared_and_public_pages(
    live_server, new_page, accessible, demo, size
):
    partnership, assignment = demo
    owner = new_page(viewport=size)
    log_in(owner, live_server.url)
    owner.goto(f"{live_server.url}/p/{partnership.pk}/workload/{assignment.pk}/brief/")
    owner.get_by_role("button", name="Create a read-only link").click()
    accessible(owner, f"brief with its new link at {size['width']} px")
    link = owner.get_by_label("Brief link").input_value()
    # The link gets a row of its own in a narrow box, not a sliver showing "http://12".
    field = owner.get_by_label("Brief link")
    box = field.evaluate("el => el.closest('.secret').getBoundingClientRect().width")
    assert field.bounding_box()["width"] >= min(box - 1, 240)
    owner.goto(f"{live_server.url}/p/{partnership.pk}/settings/")
    owner.get_by_role("button", name="Create an invitation link").click()
    accessible(owner, f"sharing with a new invitation link at {size['width']} px")
    invitation = owner.get_by_label("Invitation link").input_value()
    field = owner.get_by_label("Invitation link")
    box = field.evaluate("el => el.closest('.secret').getBoundingClientRect().width")
    assert field.bounding_box()["width"] >= min(box - 1, 240)
    if size == DESKTOP:
        assert field.evaluate("el => el.scrollWidth <= el.clientWidth"), "the link is cut"

    visitor = new_page(viewport=size)
    for name, path in {**ANONYMOUS_PAGES, "shared brief": link, "invitation": invitation}.items():
        visitor.goto(path if path.startswith("http") else live_server.url + path)
        accessible(visitor, f"{name} at {size['width']} px")


def test_it_fits_every_page_at_desktop_and_phone_widths(live_server, new_page, screenshot, demo):
    partnership, assignment = demo
    page = new_page()
    log_in(page, live_server.url)
    for number, (name, path) in enumerate(owner_pages(partnership, assignment).items(), 60):
        page.goto(live_server.url + path)
        screenshot(page, f"{number}-{re.sub(r'[^a-z]+', '-', name)}")


@SIZES
def test_it_styles_the_server_error_page_with_a_way_back(
    live_server, new_page, accessible, screenshot, size
):
    page = new_page(viewport=size)
    page.goto(live_server.url + "/login/")
    # What Django sends after a crash, shown at the site's address so its stylesheet loads.
    page.set_content(render_to_string("500.html"))

    expect(page.get_by_role("heading", name="Something went wrong on our side")).to_be_visible()
    expect(page.get_by_role("link", name="Back to Tandem")).to_have_attribute("href", "/")
    assert _style(page, ".card", "backgroundColor") == "rgb(255, 255, 255)"
    accessible(page)
    if size == DESKTOP:
        screenshot(page, "78-server-error")


def test_it_keeps_a_revoked_invitation_page_accessible(live_server, new_page, accessible, demo):
    partnership, _ = demo
    issued = partnership_services.invitation_create(partnership)
    partnership_services.invitation_revoke(issued.invitation)
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/invite/{issued.token}/")
    expect(page.get_by_role("heading", name="This invitation cannot be used")).to_be_visible()
    accessible(page)


# What a thumb taps: buttons, links styled as buttons, navigation, breadcrumbs, disclosures.
TAP_TARGETS = (
    "a.button, button:not([disabled]), .topnav a, .sidenav a, .eyebrow a, .settings-tabs a, "
    ".option-picker a, .stepper a, summary, .hours td.day label"
)
SMALL_TARGETS = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.checkVisibility() && !el.closest('.visually-hidden, .skip-link'))
  .map((el) => [el.textContent.trim().slice(0, 40) || el.getAttribute('aria-label'),
                Math.round(el.getBoundingClientRect().height)])
  .filter(([, height]) => height < 44)"""


def test_it_gives_every_tap_target_44_pixels_on_a_phone(live_server, new_page, demo):
    partnership, assignment = demo
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url)
    small = {}
    for name, path in owner_pages(partnership, assignment).items():
        page.goto(live_server.url + path)
        if found := page.evaluate(SMALL_TARGETS, TAP_TARGETS):
            small[name] = found
    assert not small, f"tap targets under 44 px: {small}"


def _rgb(css: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", css)[:3])


def _contrast(first: str, second: str) -> float:
    def luminance(rgb):
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted(luminance([c / 255 for c in _rgb(x)]) for x in (first, second))[::-1]
    return (light + 0.05) / (dark + 0.05)


def _style(page, selector: str, prop: str) -> str:
    return page.eval_on_selector(selector, "(el, p) => getComputedStyle(el)[p]", prop)


def test_it_draws_input_edges_and_focus_rings_at_3_to_1(live_server, new_page, demo):
    page = new_page()
    log_in(page, live_server.url)
    page.goto(live_server.url + "/settings/")
    paper = _style(page, ".card", "backgroundColor")
    canvas = _style(page, "body", "backgroundColor")

    for selector in ("#id_display_name", "#id_time_zone", "#id_day0-start"):
        assert _contrast(_style(page, selector, "borderTopColor"), paper) >= 3, selector
    page.focus("#id_display_name")
    assert _contrast(_style(page, "#id_display_name", "outlineColor"), paper) >= 3
    # A link reached from the keyboard, on the page's own background.
    page.keyboard.press("Shift+Tab")
    page.goto(live_server.url + "/settings/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand
    focused = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert page.evaluate("document.activeElement.matches(':focus-visible')")
    assert _contrast(focused, canvas) >= 3
    assert _contrast(_style(page, ".button-quiet, .settings-tabs a", "color"), canvas) >= 4.5


CHART_LABELS = """() => [...document.querySelectorAll('svg.load-chart')]
  .filter((svg) => svg.checkVisibility())
  .map((svg) => {
    const scale = svg.getScreenCTM().a;
    const texts = [...svg.querySelectorAll('text')];
    const boxes = texts.map((t) => t.getBBox());
    const view = svg.viewBox.baseVal;
    const overlaps = [];
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, j) => {
      const apart = a.x >= b.x + b.width || b.x >= a.x + a.width
        || a.y >= b.y + b.height || b.y >= a.y + a.height;
      if (!apart) overlaps.push([texts[i].textContent, texts[i + 1 + j].textContent]);
    }));
    return {
      smallest: Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale)),
      outside: texts.filter((t, i) => boxes[i].x < 0 || boxes[i].x + boxes[i].width > view.width)
        .map((t) => t.textContent),
      overlaps,
    };
  })"""


@SIZES
def test_it_writes_chart_labels_a_phone_can_read(live_server, new_page, demo, size):
    partnership, assignment = demo
    page = new_page(viewport=size)
    log_in(page, live_server.url)
    for path in (
        f"/p/{partnership.pk}/workload/",
        f"/p/{partnership.pk}/workload/{assignment.pk}/brief/",
    ):
        page.goto(live_server.url + path)
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        charts = page.evaluate(CHART_LABELS)
        assert charts, path
        for chart in charts:
            assert chart["smallest"] >= 12, (path, chart)
            assert chart["outside"] == [], (path, chart)
            assert chart["overlaps"] == [], (path, chart)


def test_it_keeps_the_charts_table_inside_its_card_on_a_phone(live_server, new_page, demo):
    partnership, _ = demo
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/p/{partnership.pk}/workload/")
    page.locator(".chart-table summary").click()

    table = page.locator(".chart-table table")
    card = page.locator(".card", has=page.locator(".chart-table"))
    assert table.bounding_box()["x"] + table.bounding_box()["width"] <= (
        card.bounding_box()["x"] + card.bounding_box()["width"]
    )


def test_it_shows_the_current_section_of_the_sidebar_on_a_phone(live_server, new_page, demo):
    partnership, _ = demo
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/p/{partnership.pk}/settings/")

    current = page.locator(".sidenav [aria-current='page']")
    expect(current).to_have_text("Sharing & partner")
    box = current.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]


def test_it_paints_late_work_in_one_colour(live_server, new_page, demo):
    partnership, _ = demo
    page = new_page()
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/p/{partnership.pk}/workload/")
    late = page.evaluate(
        "() => { const probe = document.createElement('span');"
        " probe.style.color = 'var(--late)'; document.body.append(probe);"
        " const colour = getComputedStyle(probe).color; probe.remove(); return colour; }"
    )

    painted = {
        "late tag": _style(page, ".plan-table .is-late .tag-late", "color"),
        "late count": _style(page, ".stat-warn .stat-value", "color"),
        "over-capacity bar": _style(page, ".chart .chart-over", "fill"),
    }
    assert {name: _rgb(colour) for name, colour in painted.items()} == dict.fromkeys(
        painted, _rgb(late)
    )


def test_it_lines_up_the_partnership_cards_on_home(live_server, new_page, demo):
    page = new_page()
    log_in(page, live_server.url)
    page.goto(live_server.url + "/")

    tops = [card.bounding_box()["y"] for card in page.locator(".partnership-card").all()]
    assert len(tops) == 2
    assert tops[0] == tops[1]


def test_it_writes_a_picked_date_in_tandems_words(live_server, new_page, demo):
    today = dt.date.today()
    picked = dt.date(today.year, 12, 1)
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url)
    page.goto(live_server.url + "/availability/")

    page.get_by_label("From", exact=True).fill(picked.isoformat())

    words = page.locator("#id_off-first_day + .day-words")
    expect(words).to_have_text(format_date(picked, today))
