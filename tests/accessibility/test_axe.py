"""axe-core over every kind of page, light and dark, desktop and phone: no serious or critical violation.

Matrices run pairwise (`pytest.mark.pairwise`): every page, scheme, width and generator, and every pair of them.

The site is served at the address it was built for; the offline zip is opened from disk. A rule
the accessibility issue named (contrast, dialog name, focusable scrolling regions, links told apart
by colour alone, heading order) fails the test whatever impact axe gives it.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.accessibility.conftest import (
    PAGES,
    SCHEMES,
    SCREENSHOTS,
    WIDTHS,
    axe_violations,
    describe,
    page_url,
    reader,
    switch_scheme,
)
from tests.search.conftest import results_list, type_query, wait_for_results

pytestmark = pytest.mark.browser


#: Where a page is read: a desktop window, or a touch phone (no hover; the page's viewport honoured).
#: A narrow window with a mouse is not a device of its own: the reader's CSS and scripts ask for no hover or
#: pointer media, so at 390 px it lays out as the phone does, and what hover adds (Material making a
#: scrolling code block focusable) the desktop rows see; the touch phone is the stricter of the two.
DEVICES = ("desktop", "phone")


@pytest.mark.pairwise("kind", "scheme", "device", "generator")
@pytest.mark.parametrize(("kind", "scheme", "device"), list(itertools.product(PAGES, SCHEMES, DEVICES)))
def test_hosted_pages_have_no_serious_violation(
    browser: Browser, axe: Path, hosted: str, kind: str, scheme: str, device: str
) -> None:
    touch = device == "phone"
    with reader(browser, page_url(hosted, kind), scheme, WIDTHS[device], touch=touch) as page:
        # No hover on the phone: Material never makes a scrolling code block focusable there; the built HTML must.
        assert page.evaluate("matchMedia('(hover)').matches") != touch
        violations = axe_violations(page, axe)
    assert violations == [], f"{kind}, {scheme}, {device}:\n{describe(violations)}"


@pytest.mark.pairwise("kind", "scheme", "generator")
@pytest.mark.parametrize(("kind", "scheme"), list(itertools.product([k for k in PAGES if k != "404"], SCHEMES)))
def test_pages_from_the_zip_have_no_serious_violation(
    browser: Browser, axe: Path, unzipped: Path, kind: str, scheme: str
) -> None:
    with reader(browser, page_url(unzipped, kind), scheme) as page:
        violations = axe_violations(page, axe)
    assert violations == [], f"{kind} from disk, {scheme}:\n{describe(violations)}"


#: Whether two boxes (x, y, width, height, from `getBoundingClientRect`) overlap.
OVERLAP = """([a, b]) => {
  const [p, q] = [a, b].map(s => document.querySelector(s).getBoundingClientRect());
  return p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
}"""


@pytest.mark.pairwise("scheme", "width", "generator")
@pytest.mark.parametrize(("scheme", "width"), list(itertools.product(SCHEMES, WIDTHS)))
def test_an_essay_with_search_hits_a_cited_paragraph_and_its_panel_open_has_no_serious_violation(
    browser: Browser, axe: Path, hosted: str, scheme: str, width: str
) -> None:
    """States of the essay, each apart from the others, checked together by axe-core: the hits of a search
    for 数字 highlighted on the page (?h=, as a search result opens it), a paragraph with a
    quote in it chosen by its address (#pN, tinted as the target: a quote's highlight inside it once added
    to that tint and fell to 3.73:1 in the dark scheme) and the citation panel opened from the byline; on the
    desktop also a glossary term's tooltip opened by the keyboard, checked in both schemes (the page turned
    by the theme's palette switch), so each generator's tooltip is seen light and dark."""
    with reader(browser, page_url(hosted, "essay") + "?h=" + quote("数字"), scheme, WIDTHS[width]) as page:
        expect(page.locator("article mark.pr-hit").first).to_be_visible()
        paragraph = page.evaluate("document.querySelector('.pr-para:has(mark.pr-quote) > p[id]').id")
        page.evaluate("id => { location.hash = id; }", paragraph)
        expect(page.locator(f"#{paragraph}")).to_have_css("background-color", re.compile(r"rgba\("))
        page.get_by_role("button", name="引用", exact=True).click()
        expect(page.locator(".pr-cite__panel")).to_be_visible()
        found: dict[str, list[dict[str, Any]]] = {}
        for seen_in in [scheme, *(other for other in SCHEMES if other != scheme)][: 2 if width == "desktop" else 1]:
            switch_scheme(page, seen_in)
            what = f"essay with search hits, at #{paragraph}, its citation panel open, {seen_in}, {width}"
            if width == "desktop":
                open_a_tooltip_beside(page, paragraph)
                what += ", a tooltip open"
            found[what] = axe_violations(page, axe)
    assert found == {what: [] for what in found}, "\n".join(f"{what}:\n{describe(v)}" for what, v in found.items())


def open_a_tooltip_beside(page: Page, paragraph: str) -> None:
    """Focus a term well after `paragraph`, so its tooltip covers neither that paragraph nor the citation
    panel (axe cannot tell the contrast of text under another element, and would pass it unchecked)."""
    mark = page.locator(f".pr-para:has(> #{paragraph}) ~ .pr-para ~ .pr-para .pr-term").first
    mark.focus()
    tip = f"#{mark.get_attribute('aria-describedby')}"
    expect(page.locator(tip)).to_be_visible()
    for covered in (f"#{paragraph}", ".pr-cite__panel"):
        assert not page.evaluate(OVERLAP, [tip, covered]), f"the tooltip covers {covered}"


@pytest.mark.pairwise("scheme", "width", "generator")
@pytest.mark.parametrize(("scheme", "width"), list(itertools.product(SCHEMES, WIDTHS)))
def test_search_results_have_no_serious_violation(
    browser: Browser, axe: Path, hosted: str, scheme: str, width: str
) -> None:
    # 沙箱计算 is found only in parts: the results carry the 部分匹配 label. (The hits a result leads to, highlighted
    # on its page, are the previous test's.)
    with reader(browser, page_url(hosted, "essay"), scheme, WIDTHS[width]) as page:
        if width == "phone":
            page.locator("label[for=__search]").first.click()
        type_query(page, "数据 沙箱计算")
        wait_for_results(page)
        expect(page.locator(f"{results_list(page)} .pr-partial").first).to_be_visible()
        in_results = axe_violations(page, axe)
    assert in_results == [], f"search results, {scheme}, {width}:\n{describe(in_results)}"


def test_the_search_partial_is_materials_own_but_for_the_dialogs_name() -> None:
    """Our copy of Material's search partial differs from the installed theme's only by the accessible name."""
    import material

    theirs = (Path(material.__file__).parent / "templates" / "partials" / "search.html").read_text(encoding="utf-8")
    ours = (Path(__file__).resolve().parents[2] / "build_tools" / "theme" / "partials" / "search.html").read_text(
        encoding="utf-8"
    )
    named = ' role="dialog" aria-label="{{ lang.t(\'search\') }}">'
    assert named in ours
    assert template_body(ours).replace(named, ' role="dialog">') == template_body(theirs)


def template_body(template: str) -> str:
    """A Jinja template after its opening comment."""
    return template.split("-#}", 1)[1]


@pytest.mark.parametrize(("kind", "width"), list(itertools.product(["home", "essay"], WIDTHS)))
def test_screenshots_for_review(browser: Browser, hosted: str, kind: str, width: str) -> None:
    """The palette as a reader sees it, for a person to look at (tests/artifacts/screenshots/palette-*.png):
    light, then dark on the same page, turned by the theme's palette switch."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shots = {scheme: SCREENSHOTS / f"palette-{kind}-{scheme}-{width}.png" for scheme in SCHEMES}
    for shot in shots.values():
        shot.unlink(missing_ok=True)
    with reader(browser, page_url(hosted, kind), "light", WIDTHS[width]) as page:
        for scheme, shot in shots.items():
            switch_scheme(page, scheme)
            if kind == "essay":
                # A term's tooltip open with the keyboard on its glossary link, as a keyboard reader meets it.
                term = page.locator("article .pr-term").first
                term.focus()
                page.keyboard.press("Tab")
                page.evaluate("() => window.scrollBy(0, -120)")
            page.screenshot(path=str(shot))
    for shot in shots.values():
        assert shot.stat().st_size > 10_000
