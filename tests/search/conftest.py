"""Helpers for the search and offline tests: the engine in a blank page, a local web server, the search box."""

from __future__ import annotations

import functools
import html
import http.server
import json
import re
import shutil
import threading
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from build_tools.search.index import index_parts, part_path
from tests.conftest import glossary_of, opened, read_search_index, search_index_parts, sections_of
from tests.search import oracle

WORKER = "assets/policy-reader/search-worker.js"
SEARCH_INPUT = "input[data-md-component=search-query]"
_TAG = re.compile(r"<[^>]+>")


# ── The index the build wrote ────────────────────────────────────────────────────────────────


@pytest.fixture(scope="session")
def index(built_site: Path) -> dict[str, Any]:
    """The engine's index of the hosted build, its parts joined."""
    return read_search_index(built_site)


@pytest.fixture(scope="session")
def docs_by_location(index: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {doc["location"]: doc for doc in index["docs"]}


def split_location(location: str) -> tuple[str, str, list[str]]:
    """A result's location → (page, location in the index, highlighted words from ``?h=``)."""
    parts = urlsplit(location)
    words = parse_qs(parts.query).get("h", [""])[0].split()
    indexed = parts.path + (f"#{parts.fragment}" if parts.fragment else "")
    return parts.path, indexed, words


def plain(fragment: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded."""
    return html.unescape(_TAG.sub("", fragment))


# ── The engine, loaded into a blank page ─────────────────────────────────────────────────────


@contextmanager
def engine_page(browser: Browser, built_site: Path, parts: Iterable[str] = ()) -> Iterator[Page]:
    """A blank page holding the built engine, then these parts of an index; fails on a JavaScript error."""
    with opened(browser, "about:blank") as page:
        page.set_content("<!doctype html><html><head><meta charset='utf-8'><title>engine</title></head></html>")
        page.add_script_tag(content=(built_site / WORKER).read_text(encoding="utf-8"))
        for part in parts:
            page.add_script_tag(content=part)
        yield page


@pytest.fixture(scope="session")
def engine(browser: Browser, built_site: Path) -> Iterator[Page]:
    """A blank page holding the built engine and the built index, set up by a SETUP message."""
    with engine_page(browser, built_site, search_index_parts(built_site)) as page:
        replies = page.evaluate(
            "() => { const r = []; policyReader.search.handle({type: 0, data: {}}, m => r.push(m)); return r; }"
        )
        assert replies == [{"type": 1}], "SETUP must be answered by READY"
        yield page


def search(engine: Page, query: str) -> list[list[dict[str, Any]]]:
    """The engine's result items for `query`: one list of documents per page, as Material gets them."""
    result = engine.evaluate("q => policyReader.search.search(q)", query)
    assert result["total"] == len(result["items"])
    return result["items"]


# ── A web server for the hosted layout ───────────────────────────────────────────────────────


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path, handler_class: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """Serve `directory` over http on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# ── Requests that leave the machine ──────────────────────────────────────────────────────────


@dataclass
class RequestGuard:
    """Aborts and records every request whose URL does not start with one of `allowed`."""

    allowed: tuple[str, ...]
    blocked: list[str] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)

    def __call__(self, route: Route) -> None:
        url = route.request.url
        self.seen.append(url)
        if url.startswith(self.allowed):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


class SearchPages:
    """A module's search pages, opened once: `open(url, allowed, **context)` returns the same page for the same
    address and context, in a context that aborts and counts every request outside `allowed`; `results(page, query)`
    types `query` there once and keeps its count line and drawn results, which tests only read.

    A test that clicks, navigates or chooses a scope opens its own page. At the module's end each page is closed,
    which fails if it raised a JavaScript error or asked for nothing or for anything outside `allowed`.
    """

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.closing = ExitStack()
        self.opened: dict[str, tuple[Page, RequestGuard]] = {}
        self.drawn: dict[tuple[str, str], tuple[str, list[list[Shown]]]] = {}

    def open(self, url: str, allowed: str, init_script: str | None = None, **context: Any) -> Page:
        key = json.dumps([url, allowed, init_script, context], sort_keys=True)
        if key not in self.opened:
            guard = RequestGuard((allowed,))
            self.closing.callback(self._nothing_left, guard)
            self.opened[key] = (
                self.closing.enter_context(opened(self.browser, url, guard, init_script, **context)),
                guard,
            )
        page, guard = self.opened[key]
        self._nothing_left(guard)
        return page

    @staticmethod
    def _nothing_left(guard: RequestGuard) -> None:
        assert guard.seen, "the route saw no request"
        assert guard.blocked == [], f"requests left {guard.allowed}: {guard.blocked}"

    def results(self, page: Page, query: str) -> tuple[str, list[list[Shown]]]:
        """The count line and the drawn results of `query` typed into `page`'s search box (typed once per page)."""
        key, guard = next((key, guard) for key, (known, guard) in self.opened.items() if known is page)
        if (key, query) not in self.drawn:
            type_query(page, query)
            self.drawn[key, query] = (wait_for_results(page, query), shown_results(page))
        self._nothing_left(guard)
        return self.drawn[key, query]

    def close_all(self) -> None:
        self.opened.clear()
        self.closing.close()


@pytest.fixture(scope="module")
def search_pages(browser: Browser) -> Iterator[SearchPages]:
    pool = SearchPages(browser)
    yield pool
    pool.close_all()


# ── The theme's search box: Material's, or Zensical's (a dialog in a shadow root) ────────────────

#: Zensical's header holds a button that opens its search dialog; Material's holds the form itself.
ZENSICAL_SEARCH_BUTTON = ".md-search > button.md-search__button"


@dataclass(frozen=True)
class Shown:
    """One link of a rendered result: where it goes, its heading, and its text (the heading, a newline, the rest).

    `heading` is the title alone; `label` what the engine says of the text after it (文章, 法律法规 · 现行有效 …).
    """

    href: str
    heading: str
    page_heading: bool
    text: str
    html: str
    label: str = ""


#: The heading's text without the label the engine adds after a text's title, and the label's text.
_HEADING_AND_LABEL = """heading => {
    if (!heading) return ['', ''];
    const title = heading.cloneNode(true);
    title.querySelectorAll('.pr-result-label').forEach(label => label.remove());
    const label = heading.querySelector('.pr-result-label');
    return [title.textContent.trim(), label ? label.textContent : ''];
}"""


def is_zensical(page: Page) -> bool:
    """Whether the page's search box is Zensical's."""
    return page.locator(ZENSICAL_SEARCH_BUTTON).count() > 0


def results_list(page: Page) -> str:
    """The element that holds the drawn results (Zensical's dialog lives in a shadow root: locators pierce it)."""
    return "dialog[aria-label=Search]" if is_zensical(page) else ".md-search-result"


def type_query(page: Page, query: str) -> None:
    """Type `query` into the search box and release a key (Material sends a query on keyup)."""
    if is_zensical(page):
        if page.locator("dialog[aria-label=Search][open]").count() == 0:
            page.locator(ZENSICAL_SEARCH_BUTTON).click()
        box = page.locator("dialog[aria-label=Search] input[type=text], dialog[aria-label=Search] input:not([type])")
        box.first.fill(query)
        box.first.press("End")
        return
    box = page.locator(SEARCH_INPUT)
    box.click()
    box.fill(query)
    box.press("End")


#: Whether the drawn results have settled: a count line that answers, no row saying the index is still loading,
#: every link that names what it highlights naming `query`'s words (so an earlier query's list, still shown, is
#: not taken for this one's), and the count line and links unchanged for `steady` ms. Zensical draws in a shadow
#: root, which the walk enters. The last state seen is kept on `window` between polls.
RESULTS_SETTLED = """([zensical, query, steady]) => {
    const all = selector => {
        const found = [];
        const walk = root => {
            found.push(...root.querySelectorAll(selector));
            for (const element of root.querySelectorAll('*')) if (element.shadowRoot) walk(element.shadowRoot);
        };
        walk(document);
        return found;
    };
    const meta = all(zensical ? 'dialog [role=status]' : '.md-search-result__meta')[0];
    const text = meta ? meta.textContent.trim() : '';
    const none = text.startsWith('没有') || text.startsWith('No results');
    if (!(/\\d/.test(text) || none) || all('.pr-search-loading').length) return false;
    const links = all(zensical ? 'dialog a[role=option]' : '.md-search-result__link').map(a => a.href);
    if (query !== null) {
        const words = w => w.split(/\\s+/).filter(Boolean).map(x => x.toLowerCase()).join(' ');
        const named = links.map(href => new URL(href, location.href).searchParams.get('h')).filter(h => h);
        if (named.some(h => words(h) !== words(query)) || (!links.length && !none)) return false;
    }
    const state = JSON.stringify([query, text, links]);
    const now = performance.now();
    const last = window.__prResults;
    if (!last || last.state !== state) {
        window.__prResults = {state, since: now};
        return false;
    }
    return now - last.since >= steady;
}"""


def wait_for_results(page: Page, query: str | None = None, timeout: float = 15.0, steady: int = 150) -> str:
    """Wait until the result list settles (`RESULTS_SETTLED`), for `query` if given; returns the count line."""
    zensical = is_zensical(page)
    page.evaluate("() => { delete window.__prResults; }")
    try:
        page.wait_for_function(RESULTS_SETTLED, arg=[zensical, query, steady], polling=50, timeout=timeout * 1000)
    except PlaywrightTimeoutError as error:
        raise AssertionError(f"search results did not settle for {query!r}") from error
    meta = page.locator("dialog [role=status]" if zensical else ".md-search-result__meta")
    return (meta.text_content() or "").strip()


#: Whether every finite CSS transition and animation has ended (a phone's search box slides in over the page).
ANIMATIONS_DONE = """() => document.getAnimations().every(
    a => a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity
)"""


def settle_animations(page: Page) -> None:
    """Wait until the page has stopped moving, before measuring its layout."""
    page.wait_for_function(ANIMATIONS_DONE, polling="raf")


def shown_results(page: Page) -> list[list[Shown]]:
    """The rendered result list: per item, its links (the page first, then its sections).

    Zensical draws one row a link; a row naming no page above it starts the next item.
    """
    if is_zensical(page):
        rows = page.eval_on_selector_all(
            "dialog a[role=option]",
            """rows => rows.map(a => {
                const heading = a.querySelector('h2');
                const [title, label] = (HEADING_AND_LABEL)(heading);
                const excerpt = heading.parentElement.querySelector(':scope > div');
                return {
                    href: a.href,
                    heading: title,
                    page_heading: !a.querySelector('menu'),
                    text: title + '\\n' + (excerpt ? excerpt.textContent : ''),
                    html: heading.innerHTML + (excerpt ? excerpt.innerHTML : ''),
                    label: label,
                };
            })""".replace("HEADING_AND_LABEL", _HEADING_AND_LABEL),
        )
        items: list[list[Shown]] = []
        for row in rows:
            if row["page_heading"] or not items:
                items.append([])
            items[-1].append(Shown(**row))
        return items
    data = page.eval_on_selector_all(
        ".md-search-result__item",
        """items => items.map(item => Array.from(item.querySelectorAll('.md-search-result__link')).map(a => {
            const heading = a.querySelector('h1, h2');
            const [title, label] = (HEADING_AND_LABEL)(heading);
            const article = a.querySelector('article');
            const body = article.cloneNode(true);
            body.querySelectorAll('h1, h2').forEach(h => h.remove());
            return {
                href: a.getAttribute('href'),
                heading: title,
                page_heading: !!a.querySelector('h1'),
                text: title + '\\n' + body.textContent,
                html: article.innerHTML,
                label: label,
            };
        }))""".replace("HEADING_AND_LABEL", _HEADING_AND_LABEL),
    )
    return [[Shown(**link) for link in item] for item in data]


def result_link(page: Page, shown: list[list[Shown]], item: int, n: int) -> Locator:
    """The `n`-th link of the `item`-th result as drawn (Zensical draws them all as one list of rows)."""
    if is_zensical(page):
        return page.locator("dialog a[role=option]").nth(sum(len(i) for i in shown[:item]) + n)
    return page.locator(".md-search-result__item").nth(item).locator(".md-search-result__link").nth(n)


def counted(page: Page, shown: list[list[Shown]]) -> int:
    """What the count line counts: Material's items (a page with its sections), Zensical's rows."""
    return sum(len(item) for item in shown) if is_zensical(page) else len(shown)


def essay_titles() -> dict[str, str]:
    """Essay title → essay id."""
    return {essay.title: essay.id for essay in oracle.essays()}


def is_definition(item: list[Shown]) -> bool:
    """The item a glossary term's search shows first: the term, then its definition."""
    return bool(item) and item[0].heading.startswith("术语 · ") and "pr-definition" in "".join(s.html for s in item)


def href_words(href: str) -> list[str]:
    return parse_qs(urlsplit(href).query).get("h", [""])[0].split()


def large_archive_parts(built_site: Path) -> list[str]:
    """The built site's index cut as a large archive's is: text in parts of a page or two, after a head
    that says the site is not small, so the engine loads shards and parts per query."""
    index = read_search_index(built_site)
    assert index["eager"] and index["parts"] == 1, "the built site is small: its text is in the head, loaded at once"
    sections = sections_of(index)
    glossary = glossary_of(index)
    return index_parts(sections, glossary, eager_bytes=0)


def sharded(built_site: Path, target: Path) -> Path:
    """A copy of the built site with its index cut as a large archive's is (`large_archive_parts`)."""
    site = shutil.copytree(built_site, target)
    parts = large_archive_parts(site)
    for part in (site / part_path(0)).parent.glob("part-*.js"):
        part.unlink()
    for n, script in enumerate(parts):
        (site / part_path(n)).write_text(script, encoding="utf-8")
    return site
