"""The theme's real search box (Material's, Zensical's) on the hosted layout, served over http on 127.0.0.1.

Queries are typed into the search box; the rendered result list must name exactly the essays
whose text holds the query (worked out from the source), and a result must open its page with
the hit highlighted. Every request that would leave 127.0.0.1 is blocked and counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.conftest import opened, wait_for_scripts
from tests.search import oracle
from tests.search.conftest import (
    RequestGuard,
    SearchPages,
    Shown,
    counted,
    essay_titles,
    href_words,
    is_definition,
    is_zensical,
    result_link,
    serve,
    shown_results,
    type_query,
    wait_for_results,
)

pytestmark = pytest.mark.browser

SAMPLES = [*oracle.ISSUE_SAMPLES, "数据沙箱", "IPv6", "ipv6"]


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    """Either generator's build (MkDocs, or Zensical then finish), served."""
    with serve(site) as url:
        yield url


@pytest.fixture
def guard(site_url: str) -> RequestGuard:
    return RequestGuard((site_url,))


DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def page(browser: Browser, site_url: str, guard: RequestGuard) -> Iterator[Page]:
    """The home page in a context of its own, for a test that clicks or navigates."""
    with opened(browser, site_url, guard, **DESKTOP) as page:
        yield page
    assert guard.seen, "the route saw no request"
    assert guard.blocked == [], f"requests left 127.0.0.1: {guard.blocked}"


@pytest.fixture
def home(search_pages: SearchPages, site_url: str) -> Page:
    """The home page, opened once for the module's tests that only search it and read what is drawn."""
    return search_pages.open(site_url, site_url, **DESKTOP)


def glossary_entry(query: str) -> dict[str, object] | None:
    return {form.lower(): term for form, term in oracle.glossary_forms().items()}.get(query.lower())


def holds(link: Shown, query: str) -> bool:
    return all(oracle.occurs(word, link.text) for word in query.split())


def drawn(search_pages: SearchPages, page: Page, query: str) -> list[list[Shown]]:
    """What the search box draws for `query` (typed once per page), its count line checked."""
    meta, shown = search_pages.results(page, query)
    return counted_in(page, meta, shown)


def search_box(page: Page, query: str) -> list[list[Shown]]:
    type_query(page, query)
    return counted_in(page, wait_for_results(page, query), shown_results(page))


def counted_in(page: Page, meta: str, shown: list[list[Shown]]) -> list[list[Shown]]:
    if shown:
        count = counted(page, shown)
        assert str(count) in meta or (count == 1 and "1" in meta), meta
    return shown


@pytest.mark.parametrize("query", SAMPLES)
def test_the_result_list_names_exactly_the_essays_holding_the_query(
    search_pages: SearchPages, home: Page, query: str
) -> None:
    shown = drawn(search_pages, home, query)
    titles = essay_titles()
    entry = glossary_entry(query)
    items = shown
    if entry is not None:
        assert is_definition(shown[0]), f"{query!r} is a glossary term: its definition comes first"
        assert " ".join(str(entry["definition"]).split()) in " ".join(link.text for link in shown[0])
        items = shown[1:]
    assert not any(is_definition(item) for item in items)
    headings = [item[0].heading for item in items]
    listed = [titles[h] for h in headings if h in titles]
    assert len(listed) == len(set(listed))
    assert set(listed) == oracle.essays_containing(query)
    # Texts first: essays, and the documents and laws they interpret.
    texts = set(titles) | set(oracle.documents().values())
    text_rows = [h in texts for h in headings]
    assert text_rows == sorted(text_rows, reverse=True), f"another page comes before a text: {headings}"


@pytest.mark.parametrize("query", SAMPLES)
def test_every_shown_section_holds_the_query(search_pages: SearchPages, home: Page, query: str) -> None:
    shown = drawn(search_pages, home, query)
    checked = 0
    for item in shown:
        if is_definition(item):
            continue
        for link in item:
            assert [w.lower() for w in href_words(link.href)] == [w.lower() for w in query.split()], link.href
            if link.page_heading and link.text.strip() == link.heading.strip():
                continue  # a page named only as the parent of its sections
            assert holds(link, query), f"{link.href}: {link.text[:80]!r} lacks {query!r}"
            in_heading = all(oracle.occurs(word, link.heading) for word in query.split())
            assert "<mark>" in link.html or in_heading, f"{link.href}: the hit is not marked"
            checked += 1
    assert checked >= len(oracle.essays_containing(query))


#: The first hit at or after the section a result opens, in the essay's own text (not in a note
#: beside it), and where it and the next heading are on screen.
FIRST_HIT = """() => {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    const after = e => target.contains(e) || (target.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
    const hit = Array.from(document.querySelectorAll('article mark.pr-hit'))
        .find(h => after(h) && !h.closest('.pr-note'));
    const next = Array.from(document.querySelectorAll('article h2[id], article h3[id], article h4[id]'))
        .find(h => h !== target && after(h));
    if (!hit) return null;
    const r = hit.getBoundingClientRect();
    return {text: hit.textContent, top: r.top, bottom: r.bottom, height: innerHeight,
            next: next ? next.getBoundingClientRect().top : null};
}"""
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def open_section_result(page: Page, query: str) -> None:
    """Search for `query` and follow the first section listed under the first essay."""
    shown = search_box(page, query)
    titles = essay_titles()
    item = next(i for i, row in enumerate(shown) if row[0].heading in titles)
    section = result_link(page, shown, item, 1)
    assert not shown[item][1].page_heading, "the second link of an essay's result is one of its sections"
    with page.expect_navigation():
        section.click()
    page.wait_for_load_state("load")
    wait_for_scripts(page)
    settle_scrolling(page)


#: Whether the page has kept still for `steady` ms: the scroll position last seen, and since when, is kept on `window`.
STILL = """steady => {
    const now = performance.now();
    const last = window.__prScrolled;
    if (!last || last.y !== scrollY) {
        window.__prScrolled = {y: scrollY, since: now};
        return false;
    }
    return now - last.since >= steady;
}"""


def settle_scrolling(page: Page) -> None:
    """Wait until the page stops scrolling (whatever scrolls it on load has done so)."""
    page.wait_for_function(STILL, arg=250, polling=50, timeout=10_000)


def assert_hit_in_view(page: Page, query: str) -> None:
    assert "?h=" in page.url and "#" in page.url
    assert [w.lower() for w in href_words(page.url)] == [w.lower() for w in query.split()]
    hits = page.locator("article mark.pr-hit")
    assert hits.count() > 0, "the hit is not highlighted"
    assert {t.lower() for t in hits.all_text_contents()} == {query.lower()}
    first = page.evaluate(FIRST_HIT)
    assert first is not None, "no hit in the essay's text at or after the section opened"
    assert first["next"] is None or first["top"] < first["next"], "the first hit lies beyond the section opened"
    assert first["top"] >= 0 and first["bottom"] <= first["height"], f"the hit is not in view: {first}"


#: A desktop opens the search box from its header; a phone from the search button first.
DEVICES = {"desktop": DESKTOP, "phone": PHONE}


#: Every query, generator and device, and each pair of them: a phone differs from a desktop in how the search box
#: opens and how the page scrolls to the hit, neither of which depends on the query or on which generator built it
#: together with the device; each query still opens on both generators and on both devices.
@pytest.mark.pairwise("generator", "device", "query")
@pytest.mark.parametrize("device", list(DEVICES))
@pytest.mark.parametrize("query", ["黄河流域", "揭榜挂帅", "ipv6", "人工智能", "联邦学习"])
def test_a_section_result_opens_its_page_with_the_hit_highlighted_in_view(
    browser: Browser, site_url: str, guard: RequestGuard, device: str, query: str
) -> None:
    with opened(browser, site_url, guard, **DEVICES[device]) as page:
        if device == "phone":
            page.locator("label[for=__search]").first.click()
        open_section_result(page, query)
        assert_hit_in_view(page, query)
    assert guard.blocked == [], f"requests left 127.0.0.1: {guard.blocked}"


def test_the_worker_loads_the_index_as_the_page_opens_not_at_the_first_search(page: Page, guard: RequestGuard) -> None:
    for _ in range(150):
        if any(url.endswith("/search/part-0.js") for url in guard.seen):
            break
        page.wait_for_timeout(100)
    assert any(url.endswith("/search/part-0.js") for url in guard.seen), guard.seen
    assert page.evaluate("() => document.activeElement.matches('input[data-md-component=search-query]')") is False


def test_the_still_loading_row_of_the_results_is_not_a_link(page: Page) -> None:
    if is_zensical(page):
        pytest.skip("Zensical draws its own rows, and no row of ours: search-results.js has nothing to guard there")
    # The engine adds this row while its index is in parts still loading (see test_engine.py).
    before = page.url
    page.evaluate(
        """() => {
            const row = document.createElement("a");
            row.className = "md-search-result__link";
            row.href = "#";
            row.innerHTML = '<article><h1><span class="pr-search-loading">正在载入其余文章…</span></h1></article>';
            document.body.appendChild(row);
        }"""
    )
    page.locator(".pr-search-loading").dispatch_event("click")
    assert page.url == before
