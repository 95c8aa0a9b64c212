"""Real-browser tests: Playwright driving Debian's Chromium against a live Tandem."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make
# between browser steps are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("TANDEM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Opens a page in a fresh browser context (its own cookies), failing on console errors.

    Context options go to Playwright, e.g. new_page(timezone_id="Europe/Berlin").
    """
    contexts = []
    errors: list[tuple[str, str]] = []
    # Pages a test opens on purpose that answer 404, 409 or 410: Chromium logs their status as
    # an error, but it is the answer under test, not a broken page.
    refused_pages: set[str] = set()

    def record(message) -> None:
        if message.type == "error":
            errors.append((message.text, message.location.get("url", "")))

    def note_refused(response) -> None:
        if response.request.is_navigation_request() and response.status in (404, 409, 410):
            refused_pages.add(response.url)

    def open_page(viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        page = context.new_page()
        page.on("console", record)
        page.on("response", note_refused)
        page.on("pageerror", lambda e: errors.append((str(e), "")))
        return page

    yield open_page
    for context in contexts:
        context.close()
    reported = [
        text
        for text, url in errors
        if not (text.startswith("Failed to load resource") and url in refused_pages)
    ]
    assert not reported, f"the browser reported errors: {reported}"


@pytest.fixture
def screenshot():
    """Saves a full-page screenshot at desktop and phone widths as a test artifact."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> None:
        original = page.viewport_size
        for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            # caret="initial": hiding the caret leaves style="" on every field, which htmx then
            # copies onto the fields it swaps in, and the CSP refuses inline styles.
            page.screenshot(
                path=SCREENSHOTS / f"{name}-{label}.png", full_page=True, caret="initial"
            )
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size["width"], f"{name} overflows sideways at {label} width"
        page.set_viewport_size(original)

    return take


# axe's own grading: "serious" and "critical" block people; "minor" and "moderate" are reported
# by axe but do not fail a test.
BLOCKING_IMPACTS = ("serious", "critical")


def _violation_lines(violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    {target}: {node.get('failureSummary', '').splitlines()[-1:]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return lines


@pytest.fixture
def accessible():
    """Runs axe-core (bundled, nothing from the network) on the page as it is now, and fails
    on any serious or critical violation, listing each with its rule and selectors."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, label: str = "") -> None:
        results = axe.run(page)
        blocking = [
            v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS
        ]
        where = label or page.url
        assert not blocking, f"axe found on {where}:\n" + "\n".join(_violation_lines(blocking))

    return check
