"""In a real browser: no script is fetched before the text has painted, and the theme and the reader still start.

The page's inline head script (assets/head/after-first-paint.js) fetches the reader's script and the
theme's held bundle once the first contentful paint has happened; the theme's bundle waits for a
DOMContentLoaded that has fired by then, which the head script hands it at once.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, Route

from tests.accessibility.conftest import hosted, page_url
from tests.conftest import OpenedOnce, opened

pytestmark = pytest.mark.browser
__all__ = ["hosted"]

TIMING = """() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const scripts = performance.getEntriesByType("resource").filter(r => new URL(r.name).pathname.endsWith(".js"));
  return { paint: paint ? paint.startTime : null, scripts: scripts.map(r => [new URL(r.name).pathname, r.startTime]) };
}"""
# Material's bundle sets document$ up; Zensical's draws its search button. Both only once DOMContentLoaded reaches them.
THEME_STARTED = """() => typeof window.document$ !== "undefined"
  || !!document.querySelector(".md-search > .md-search__button, body > *:not(.md-container) dialog")
  || [...document.body.children].some(e => e.shadowRoot)"""


def loaded(pages: OpenedOnce, hosted: str, kind: str, width: int) -> Page:
    """A kind of page at `width`, loaded and its scripts run (<html data-pr-started>): only read here, so the
    module's tests at that width share one load of it (what a load recorded, its timings and shifts, stays)."""
    page = pages.open(page_url(hosted, kind), color_scheme="light", viewport={"width": width, "height": 900})
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize(("kind", "width"), [("essay", 1280), ("essay", 390), ("home", 1280)])
def test_scripts_start_after_the_first_paint_and_the_theme_and_reader_still_start(
    pages: OpenedOnce, hosted: str, kind: str, width: int
) -> None:
    page = loaded(pages, hosted, kind, width)
    timing = page.evaluate(TIMING)
    assert timing["paint"] is not None
    names = [name for name, _ in timing["scripts"]]
    assert any("/assets/policy-reader/reader." in n for n in names), names
    assert any("/assets/javascripts/bundle." in n for n in names), names
    early = [(name, start) for name, start in timing["scripts"] if start < timing["paint"]]
    assert early == [], f"fetched before the first paint at {timing['paint']:.0f} ms: {early}"
    assert page.evaluate(THEME_STARTED), "the theme's bundle did not start"
    if kind == "essay":
        # The reader's script ran: margin notes on a wide screen, each paragraph's notes folded on a phone.
        if width > 1000:
            assert page.evaluate("document.documentElement.classList.contains('pr-margin')")
        else:
            assert page.locator(".pr-notes__toggle").count() > 0


# Layout shifts from the first paint until the page has settled (not those a reader's input caused).
LAYOUT_SHIFT = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => done(total), 500);
})"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_text_does_not_move_when_the_scripts_arrive(pages: OpenedOnce, hosted: str, width: int) -> None:
    # The margin, and the column narrowed for it, are laid out before the first paint by the head script; before,
    # they came with the reader's script and moved the whole essay (Lighthouse: CLS 0.215 on a desktop).
    # Every shift since the first paint is buffered: a page loaded for an earlier test still shows them all.
    assert loaded(pages, hosted, "essay", width).evaluate(LAYOUT_SHIFT) < 0.01


def test_the_margin_and_the_hidden_notes_are_chosen_before_any_script_comes(browser: Browser, hosted: str) -> None:
    def no_scripts(route: Route) -> None:
        if route.request.resource_type == "script":
            route.abort()
        else:
            route.continue_()

    hidden = "localStorage.setItem('policy-reader.notes', 'hidden')"
    desktop = {"width": 1280, "height": 900}
    with opened(browser, page_url(hosted, "essay"), no_scripts, hidden, viewport=desktop) as page:
        page.wait_for_load_state("load")
        classes = page.evaluate("[...document.documentElement.classList]")
        assert "pr-margin" in classes and "pr-notes-off" in classes, classes
        # Not yet placed beside their quotes, the margin's notes are not shown.
        assert page.locator(".pr-note").first.evaluate("e => getComputedStyle(e).visibility") == "hidden"
