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
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, expect

from tests.accessibility.conftest import (
    PAGES,
    SCHEMES,
    SCREENSHOTS,
    WIDTHS,
    axe_violations,
    describe,
    page_url,
    reader,
)
from tests.conftest import goto
from tests.search.conftest import results_list, type_query, wait_for_results

pytestmark = pytest.mark.browser


@pytest.mark.pairwise("kind", "scheme", "width", "generator")
@pytest.mark.parametrize(
    ("kind", "scheme", "width"),
    list(itertools.product(PAGES, SCHEMES, WIDTHS)),
)
def test_hosted_pages_have_no_serious_violation(
    browser: Browser, axe: Path, hosted: str, kind: str, scheme: str, width: str
) -> None:
    with reader(browser, page_url(hosted, kind), scheme, WIDTHS[width]) as page:
        violations = axe_violations(page, axe)
    assert violations == [], f"{kind}, {scheme}, {width}:\n{describe(violations)}"


@pytest.mark.pairwise("kind", "scheme", "generator")
@pytest.mark.parametrize(("kind", "scheme"), list(itertools.product(PAGES, SCHEMES)))
def test_hosted_pages_on_a_touch_phone_have_no_serious_violation(
    browser: Browser, axe: Path, hosted: str, kind: str, scheme: str
) -> None:
    # No hover: Material never makes a scrolling code block focusable here; the built HTML must.
    with reader(browser, page_url(hosted, kind), scheme, WIDTHS["phone"], touch=True) as page:
        assert not page.evaluate("matchMedia('(hover)').matches")
        violations = axe_violations(page, axe)
    assert violations == [], f"{kind}, {scheme}, touch phone:\n{describe(violations)}"


@pytest.mark.pairwise("kind", "scheme", "generator")
@pytest.mark.parametrize(("kind", "scheme"), list(itertools.product([k for k in PAGES if k != "404"], SCHEMES)))
def test_pages_from_the_zip_have_no_serious_violation(
    browser: Browser, axe: Path, unzipped: Path, kind: str, scheme: str
) -> None:
    with reader(browser, page_url(unzipped, kind), scheme) as page:
        violations = axe_violations(page, axe)
    assert violations == [], f"{kind} from disk, {scheme}:\n{describe(violations)}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_an_open_glossary_tooltip_has_no_serious_violation(
    browser: Browser, axe: Path, hosted: str, scheme: str
) -> None:
    with reader(browser, page_url(hosted, "essay"), scheme) as page:
        mark = page.locator("article .pr-term").first
        mark.focus()
        tip = page.locator(f"#{mark.get_attribute('aria-describedby')}")
        expect(tip).to_be_visible()
        violations = axe_violations(page, axe)
    assert violations == [], f"essay with a tooltip open, {scheme}:\n{describe(violations)}"


@pytest.mark.pairwise("scheme", "width", "generator")
@pytest.mark.parametrize(("scheme", "width"), list(itertools.product(SCHEMES, WIDTHS)))
def test_an_open_citation_panel_has_no_serious_violation(
    browser: Browser, axe: Path, hosted: str, scheme: str, width: str
) -> None:
    # Opened from the byline; a paragraph opened by its address is the next test's.
    with reader(browser, page_url(hosted, "essay"), scheme, WIDTHS[width]) as page:
        page.get_by_role("button", name="引用", exact=True).click()
        expect(page.locator(".pr-cite__panel")).to_be_visible()
        violations = axe_violations(page, axe)
    assert violations == [], f"essay with the citation panel open, {scheme}, {width}:\n{describe(violations)}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_paragraph_opened_by_its_address_with_a_quote_in_it_has_no_serious_violation(
    browser: Browser, axe: Path, hosted: str, scheme: str
) -> None:
    # A cited paragraph (#pN) is tinted as the target; a quote's highlight inside it once added to that
    # tint and fell to 3.73:1 in the dark scheme.
    with reader(browser, page_url(hosted, "essay"), scheme) as page:
        paragraph = page.evaluate("document.querySelector('.pr-para:has(mark.pr-quote) > p[id]').id")
        goto(page, page_url(hosted, "essay") + "#" + paragraph)
        expect(page.locator(f"#{paragraph}")).to_have_css("background-color", re.compile(r"rgba\("))
        violations = axe_violations(page, axe)
    assert violations == [], f"essay opened at #{paragraph}, {scheme}:\n{describe(violations)}"


@pytest.mark.pairwise("scheme", "width", "generator")
@pytest.mark.parametrize(("scheme", "width"), list(itertools.product(SCHEMES, WIDTHS)))
def test_search_results_and_the_hits_on_a_page_have_no_serious_violation(
    browser: Browser, axe: Path, hosted: str, scheme: str, width: str
) -> None:
    # 沙箱计算 is found only in parts: the results carry the 部分匹配 label; 数字 is highlighted on the page.
    url = page_url(hosted, "essay") + "?h=" + quote("数字")
    with reader(browser, url, scheme, WIDTHS[width]) as page:
        expect(page.locator("article mark.pr-hit").first).to_be_visible()
        on_page = axe_violations(page, axe)
        if width == "phone":
            page.locator("label[for=__search]").first.click()
        type_query(page, "数据 沙箱计算")
        wait_for_results(page)
        expect(page.locator(f"{results_list(page)} .pr-partial").first).to_be_visible()
        in_results = axe_violations(page, axe)
    assert on_page == [], f"essay with search hits, {scheme}, {width}:\n{describe(on_page)}"
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


@pytest.mark.parametrize(("kind", "scheme", "width"), list(itertools.product(["home", "essay"], SCHEMES, WIDTHS)))
def test_screenshots_for_review(browser: Browser, hosted: str, kind: str, scheme: str, width: str) -> None:
    """The palette as a reader sees it, for a person to look at (tests/artifacts/screenshots/palette-*.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"palette-{kind}-{scheme}-{width}.png"
    shot.unlink(missing_ok=True)
    with reader(browser, page_url(hosted, kind), scheme, WIDTHS[width]) as page:
        if kind == "essay":
            # A term's tooltip open with the keyboard on its glossary link, as a keyboard reader meets it.
            term = page.locator("article .pr-term").first
            term.focus()
            page.keyboard.press("Tab")
            page.evaluate("() => window.scrollBy(0, -120)")
        page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
