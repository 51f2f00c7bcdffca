"""Search narrowed to a kind, a status and a range of years, on the server and from the offline zip.

The project of test_status_labels.py (the Gansu essays, the documents, 反垄断法 with its 2007 edition), built
and packaged once; the choices are made in the row under Material's search box as a reader makes them
(a press, a select, by keyboard), and the drawn rows read. What each text is and its year come from its
built page's marker, which the test reads itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from build_tools.common.page_marker import read_page_marker
from build_tools.search.labels import year_of
from tests.accessibility.conftest import axe_violations, describe, ensure_axe
from tests.conftest import opened, read_search_index
from tests.search import test_status_labels as status_labels
from tests.search.conftest import (
    RequestGuard,
    Shown,
    serve,
    settle_animations,
    shown_results,
    type_query,
    wait_for_results,
)
from tests.search.test_status_labels import (
    CURRENT_LAW,
    DESKTOP,
    EDITION,
    LAW_QUERY,
    SCREENSHOTS,
    TEXTS_QUERY,
    Built,
)

# The same project, built and packaged once for this module too.
built = status_labels.built
hosted = status_labels.hosted

SCOPE = ".pr-search-scope"


def where(built: Built, hosted: str, place: str) -> tuple[str, str]:
    """The home page's address and where its requests may go, on the server or from the zip."""
    return (hosted, hosted) if place == "server" else ((built.unzipped / "index.html").as_uri(), "file://")


def pages(shown: list[list[Shown]]) -> list[Shown]:
    return [item[0] for item in shown]


def choose(page: Page, name: str, label: str) -> None:
    page.locator(f"{SCOPE} select[data-scope={name}]").select_option(label=label)


def found_in(count_line: str) -> int:
    """The number of pages Material's count line says were found."""
    return int(re.sub(r"\D", "", count_line))


def settled(page: Page) -> list[list[Shown]]:
    wait_for_results(page)
    return shown_results(page)


@pytest.fixture()
def searched(browser: Browser, built: Built, hosted: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    url, allowed = where(built, hosted, request.param)
    guard = RequestGuard((allowed,))
    with opened(browser, url, guard, **DESKTOP) as page:
        yield page
    assert guard.blocked == [], f"requests left {allowed}: {guard.blocked}"


@pytest.mark.browser
@pytest.mark.parametrize("searched", ["server", "zip"], indirect=True)
def test_narrowed_to_laws_in_force_a_query_lists_only_the_laws_in_force(searched: Page) -> None:
    page = searched
    type_query(page, TEXTS_QUERY)
    count_line = wait_for_results(page, TEXTS_QUERY)
    everything = pages(shown_results(page))
    assert {row.label for row in everything} >= {"文章", CURRENT_LAW}, "the query finds essays and a law"
    laws_in_force = [row.heading for row in everything if row.label == CURRENT_LAW]

    choose(page, "kind", "法律法规")
    page.locator(f"{SCOPE} .pr-search-scope__current").click()  # 现行有效: one press
    expect(page.locator(f"{SCOPE} .pr-search-scope__current")).to_have_attribute("aria-pressed", "true")
    narrowed = pages(settled(page))
    assert [row.heading for row in narrowed] == laws_in_force
    assert "中华人民共和国数据安全法" in laws_in_force
    expect(page.locator(f"{SCOPE} .pr-search-scope__note")).to_have_text(
        f"范围内 {len(laws_in_force)} 篇,共 {found_in(count_line)} 篇"
    )

    # The choice holds while the reader types on.
    type_query(page, "数据")
    assert {row.label for row in pages(settled(page))} == {CURRENT_LAW}

    page.locator(f"{SCOPE} .pr-search-scope__clear").click()
    assert "文章" in {row.label for row in pages(settled(page))}


@pytest.mark.browser
@pytest.mark.parametrize("searched", ["server", "zip"], indirect=True)
def test_a_year_range_that_leaves_nothing_says_so(searched: Page, built: Built) -> None:
    page = searched
    law = read_page_marker((built.site / "anti-monopoly-law" / "index.html").read_text(encoding="utf-8"))
    assert law is not None
    law_year = year_of(law.date)
    assert law_year is not None, "the law's page marker carries its date"
    type_query(page, LAW_QUERY)
    found = len(settled(page))
    assert found >= 1
    years = [
        int(y)
        for y in page.locator(f"{SCOPE} select[data-scope=from] option").evaluate_all(
            "options => options.map(o => o.value)"
        )
        if int(y)
    ]
    before = [y for y in years if y < law_year]
    assert before, f"some text is older than the law ({law_year}): {years}"
    choose(page, "from", f"{before[0]}年")
    choose(page, "to", f"{before[-1]}年")
    wait_for_results(page)
    assert shown_results(page) == []
    expect(page.locator(f"{SCOPE} .pr-search-scope__note")).to_have_text(f"所选范围内没有结果(不限范围共 {found} 篇)")
    # The law's own year lists it again; its earlier edition, whose marker names no date, is in no range.
    choose(page, "to", f"{law_year}年")
    listed = pages(settled(page))
    assert "中华人民共和国反垄断法" in [row.heading for row in listed]
    assert not any(EDITION in row.href for row in listed)


@pytest.mark.browser
def test_the_row_is_reached_and_used_by_keyboard(browser: Browser, hosted: str) -> None:
    with opened(browser, hosted, **DESKTOP) as page:
        type_query(page, TEXTS_QUERY)
        settled(page)
        for _ in range(6):  # the search box's own buttons, then the row
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.closest('.pr-search-scope') !== null"):
                break
        assert page.evaluate("document.activeElement.classList.contains('pr-search-scope__current')")
        page.keyboard.press("Enter")
        assert {row.label for row in pages(settled(page))} <= {"文件 · 现行有效", CURRENT_LAW}
        page.keyboard.press("Tab")
        page.keyboard.press("ArrowDown")  # the kind's select: the first kind
        assert page.locator(f"{SCOPE} select[data-scope=kind]").input_value() != ""
        expect(page.locator("[data-md-toggle=search]")).to_be_checked()


def test_the_index_gives_each_text_the_year_of_its_marker(built: Built) -> None:
    index = read_search_index(built.site)
    dated = 0
    for page in index["pages"]:
        if len(page) < 5:
            continue
        marker = read_page_marker((built.site / page[0] / "index.html").read_text(encoding="utf-8"))
        assert marker is not None
        assert index["labels"][page[4]][4] == (year_of(marker.date) or 0), page[0]
        dated += bool(marker.date)
    assert dated >= 5, "essays and documents are dated"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_row_is_seen_and_accessible_on_a_desktop_and_a_phone(
    browser: Browser, hosted: str, width: int, scheme: str
) -> None:
    """Screenshots: tests/artifacts/screenshots/search-scope-<width>-<scheme>.png."""
    with opened(browser, hosted, color_scheme=scheme, viewport={"width": width, "height": 844}) as page:
        if width < 600:
            page.locator("label[for=__search]").first.click()
        type_query(page, TEXTS_QUERY)
        settled(page)
        page.locator(f"{SCOPE} .pr-search-scope__current").click()
        choose(page, "kind", "法律法规")
        settled(page)
        expect(page.locator(SCOPE)).to_be_visible()
        settle_animations(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "nothing wider than the screen"
        violations = axe_violations(page, ensure_axe())
        assert violations == [], describe(violations)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"search-scope-{width}-{scheme}.png"))


@pytest.mark.browser
def test_each_generators_search_box_is_narrowed_alike(browser: Browser, site: Path) -> None:
    """Material's search box and Zensical's dialog (the real project, as each generator builds it)."""
    with serve(site) as url, opened(browser, url, **DESKTOP) as page:
        type_query(page, TEXTS_QUERY)
        everything = pages(settled(page))
        assert "文章" in {row.label for row in everything}
        page.locator(f"{SCOPE} .pr-search-scope__current").click()
        choose(page, "kind", "法律法规")
        narrowed = pages(settled(page))
        assert narrowed, "a law in force holds the query"
        assert {row.label for row in narrowed} == {CURRENT_LAW}
        assert {row.heading for row in narrowed} == {row.heading for row in everything if row.label == CURRENT_LAW}


@pytest.mark.browser
@pytest.mark.parametrize("searched", ["server", "zip"], indirect=True)
def test_the_scope_holds_on_the_page_a_result_opens(searched: Page) -> None:
    page = searched
    type_query(page, TEXTS_QUERY)
    settled(page)
    page.locator(f"{SCOPE} .pr-search-scope__current").click()
    choose(page, "kind", "法律法规")
    law = pages(settled(page))[0]
    page.locator(".md-search-result__link").first.click()
    page.wait_for_url(f"**{law.href.split('?')[0].lstrip('.')}*")
    type_query(page, TEXTS_QUERY)
    assert {row.label for row in pages(settled(page))} == {CURRENT_LAW}
    expect(page.locator(f"{SCOPE} .pr-search-scope__current")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"{SCOPE} select[data-scope=kind]")).to_have_value("法律法规")
