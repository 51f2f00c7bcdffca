"""Glossary tooltips in a real browser: hover, keyboard, touch, Escape and the link to the glossary.

The essay as each generator builds it (MkDocs, or Zensical then `policy-reader finish`) is
opened from ``file://``. Following the tooltip's link needs a web server: ``glossary/`` is a
folder, which a browser only turns into its ``index.html`` over http.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from build_tools.glossary.load import load_glossary
from build_tools.glossary.model import Glossary
from tests.conftest import ROOT, OpenedOnce, opened, wait_for_scripts

pytestmark = pytest.mark.browser

ESSAY = "gansu-2021-digital-development/new-infrastructure/index.html"
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
# A box in page coordinates, so scrolling does not count as a shift.
PAGE_BOX = "e => { const r = e.getBoundingClientRect(); return [r.x + scrollX, r.y + scrollY, r.width, r.height]; }"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary.yaml").glossary


@pytest.fixture
def desktop(pages: OpenedOnce, site: Path) -> Iterator[Page]:
    """The essay at desktop width, opened once for the module's tests; each test leaves it as it found it."""
    page = pages.open((site / ESSAY).as_uri(), viewport={"width": 1280, "height": 900})
    yield page
    leave_as_found(page)


@pytest.fixture
def phone(pages: OpenedOnce, site: Path) -> Iterator[Page]:
    """The essay on a touch phone, opened once for the module's tests; each test leaves it as it found it."""
    page = pages.open((site / ESSAY).as_uri(), **PHONE)
    yield page
    leave_as_found(page)


def leave_as_found(page: Page) -> None:
    """Close any tooltip (Escape), take the focus and the pointer off the essay, scroll back to the top."""
    page.keyboard.press("Escape")
    page.evaluate("() => { document.activeElement.blur(); window.scrollTo(0, 0); }")
    page.mouse.move(0, 0)
    expect(page.locator(".pr-tooltip:visible")).to_have_count(0)


def mark(page: Page, term_id: str) -> Locator:
    """The term's mark in the paragraph of measure 2 (培育数据资源要素市场)."""
    return page.locator(f'#p4 .pr-term[data-term="{term_id}"]')


def tooltip(page: Page, term_id: str) -> Locator:
    return page.locator(f"#pr-tip-{term_id}")


@pytest.mark.parametrize("term", ["数据沙箱", "联邦学习", "东数西算"])
def test_hover_shows_the_tooltip_without_moving_the_text(desktop: Page, glossary: Glossary, term: str) -> None:
    entry = glossary.by_term[term]
    target, tip = mark(desktop, entry.id), tooltip(desktop, entry.id)
    target.scroll_into_view_if_needed()
    expect(tip).to_be_hidden()
    before = [desktop.locator(p).evaluate(PAGE_BOX) for p in ("#p3", "#p4", "#p5")]
    target.hover()
    expect(tip).to_be_visible()
    assert [desktop.locator(p).evaluate(PAGE_BOX) for p in ("#p3", "#p4", "#p5")] == before
    box = tip.bounding_box()
    centre = [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]
    assert desktop.evaluate("([x, y]) => !!document.elementFromPoint(x, y).closest('.pr-tooltip')", centre)
    text = tip.inner_text()
    assert entry.term in text and entry.english in text and entry.definition in text
    for part in (".pr-tooltip__definition", ".pr-tooltip__term", ".pr-tooltip__english"):
        size = tip.locator(part).evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 14, part
    if term == "数据沙箱":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        desktop.screenshot(path=SCREENSHOTS / "tooltip.png")
    desktop.mouse.move(0, 0)
    expect(tip).to_be_hidden()


def test_escape_closes_a_tooltip_opened_by_hover(desktop: Page) -> None:
    target, tip = mark(desktop, "shu-ju-sha-xiang"), tooltip(desktop, "shu-ju-sha-xiang")
    target.hover()
    expect(tip).to_be_visible()
    desktop.keyboard.press("Escape")
    assert tip.is_hidden()


# Focus the element just before `mark` in the page's tab order (links, notes' summaries, other marks…).
FOCUS_PRECEDING = """mark => {
  const focusable = [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")]
    .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0);
  const before = focusable[focusable.indexOf(mark) - 1];
  before.focus();
  return before === document.activeElement;
}"""


def test_tab_from_the_preceding_element_reaches_the_first_mark_and_opens_it(desktop: Page) -> None:
    first = desktop.locator("#p4 .pr-term").first
    assert first.evaluate(FOCUS_PRECEDING)
    expect(first).not_to_be_focused()
    desktop.keyboard.press("Tab")
    expect(first).to_be_focused()
    expect(tooltip(desktop, first.get_attribute("data-term"))).to_be_visible()


def test_tab_moves_from_mark_through_its_tooltip_to_the_next_mark_and_escape_closes(desktop: Page) -> None:
    # 数据沙箱、多方安全计算: two marks with nothing focusable between them.
    first, second = mark(desktop, "shu-ju-sha-xiang"), mark(desktop, "duo-fang-an-quan-ji-suan")
    first.focus()
    desktop.keyboard.press("Tab")
    expect(tooltip(desktop, "shu-ju-sha-xiang").get_by_role("link")).to_be_focused()
    desktop.keyboard.press("Tab")
    expect(second).to_be_focused()
    tip = tooltip(desktop, "duo-fang-an-quan-ji-suan")
    expect(tip).to_be_visible()
    expect(tooltip(desktop, "shu-ju-sha-xiang")).to_be_hidden()
    desktop.keyboard.press("Escape")
    assert tip.is_hidden()
    expect(second).to_be_focused()


def test_escape_in_the_tooltip_returns_focus_to_its_mark(desktop: Page) -> None:
    target, tip = mark(desktop, "lian-bang-xue-xi"), tooltip(desktop, "lian-bang-xue-xi")
    target.click()
    expect(tip).to_be_visible()
    tip.get_by_role("link").focus()
    desktop.keyboard.press("Escape")
    assert tip.is_hidden()
    expect(target).to_be_focused()


@pytest.mark.parametrize("term_id", ["shu-ju-sha-xiang", "lian-bang-xue-xi", "dong-shu-xi-suan"])
def test_tap_opens_the_tooltip_inside_the_phone_screen(phone: Page, term_id: str) -> None:
    target, tip = mark(phone, term_id), tooltip(phone, term_id)
    target.scroll_into_view_if_needed()
    target.tap()
    expect(tip).to_be_visible()
    box = tip.bounding_box()
    width = phone.evaluate("document.documentElement.clientWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    size = tip.locator(".pr-tooltip__definition").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 14
    if term_id == "lian-bang-xue-xi":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=SCREENSHOTS / "tooltip-phone.png")
    phone.locator("article h1").tap()
    expect(tip).to_be_hidden()


def test_a_second_tap_on_the_mark_closes_it(phone: Page) -> None:
    target, tip = mark(phone, "shu-ju-sha-xiang"), tooltip(phone, "shu-ju-sha-xiang")
    target.tap()
    expect(tip).to_be_visible()
    target.tap()
    expect(tip).to_be_hidden()


@pytest.fixture(scope="module")
def served_site(site: Path) -> Iterator[str]:
    """The built site over http on localhost, so folder links open their index.html."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("term_id", ["shu-ju-sha-xiang", "duo-fang-an-quan-ji-suan"])
def test_the_tooltip_link_opens_the_glossary_entry(browser: Browser, served_site: str, term_id: str) -> None:
    with opened(browser, served_site + ESSAY, viewport={"width": 1280, "height": 900}) as page:
        tip = tooltip(page, term_id)
        mark(page, term_id).click()
        link = tip.get_by_role("link")
        expect(link).to_contain_text("术语表")
        link.click()
        page.wait_for_url(f"**/glossary/#term-{term_id}")
        wait_for_scripts(page)
        entry = page.locator(f"#term-{term_id}")
        expect(entry).to_have_count(1)
        expect(entry).to_be_in_viewport()
