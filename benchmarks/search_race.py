"""Our search against Pagefind on the same pages, over a link as slow as a phone's (see `slow_link`).

Ours is the site as built (plugin on); Pagefind indexes the plain Material build of the same
pages (plugin off, Material's own search left in the page but unused), with Chinese forced,
and is driven through its JavaScript API the moment the page has loaded, as our search box is.
Precision and recall are per essay against an oracle read from the sources: an essay should be
listed when its title, a paragraph or a heading holds the query.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.corpus import ROOT
from benchmarks.slow_link import Link, gzip_ratio, slow_server
from build_tools.importer.project import Project

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-quic"]
#: The first query typed on opening the page.
QUERY = "联邦学习"
#: Queries whose answers are checked against the oracle.
CHECKED = ("联邦学习", "营商环境", "数据沙箱", "人工智能", "揭榜挂帅", "黄河流域")
#: Typed one after the other once the first is answered, each once the one before has settled: a
#: further query's figures are their medians (one query alone says more about which of its pages an
#: earlier query happened to load than about the engine).
FURTHER_QUERIES = CHECKED[1:]
#: How long a further query is left to settle (every file it asked for in) before the next.
SETTLE = 1.0
#: Our index files, charged at the compression ratio of real text.
OURS_INDEX = re.compile(r"^/search/")
PAGEFIND = re.compile(r"^/pagefind/")
#: Notes, by the page's clock, when the query is typed, when the first result listed (not the engine's
#: row saying part of the index is still loading, nor a glossary definition) shows `__expect` marked
#: in its text, as Pagefind's first result's data holds it, and when the loading row is gone.
PAGE_CLOCK = """
window.__expect = %r;
new MutationObserver(() => {
  const now = performance.now();
  const items = [...document.querySelectorAll(".md-search-result__item")];
  const loading = items.some((item) => item.querySelector(".pr-search-loading"));
  const top = items.find((item) => !item.querySelector(".pr-search-loading, .pr-definition"));
  const found = top && [...top.querySelectorAll("mark")].some((m) => m.textContent === window.__expect);
  if (window.__shown === undefined && found) window.__shown = now;
  if (window.__shown !== undefined && window.__allSearched === undefined && !loading) window.__allSearched = now;
}).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
document.addEventListener("input", () => { if (window.__typed === undefined) window.__typed = performance.now(); }, true);
// Typed by the page itself (no round trip to the test driver between the input and Material's keyup).
window.__typeQuery = (query) => {
  const box = document.querySelector("input[data-md-component=search-query]");
  box.focus();
  box.value = query;
  box.dispatchEvent(new Event("input", { bubbles: true }));
  box.dispatchEvent(new KeyboardEvent("keyup", { key: "End", bubbles: true }));
};
window.addEventListener("load", () => window.__typeQuery(window.__expect));
"""
PAGEFIND_QUERY = """async (query) => {
  const asked = performance.now();
  const pagefind = await import("/pagefind/pagefind.js");
  await pagefind.init();
  const search = await pagefind.search(query);
  const searched = performance.now();
  if (search.results.length) await search.results[0].data();
  return [asked, searched, performance.now()];
}"""
#: Pagefind asked the moment the page has loaded, as our search box is.
PAGEFIND_AT_LOAD = "window.addEventListener('load', () => (%s)(%r).then((times) => { window.__pagefind = times; }));"
PAGEFIND_ALL = """async (query) => {
  const pagefind = await import("/pagefind/pagefind.js");
  const search = await pagefind.search(query);
  return Promise.all(search.results.map(async (r) => (await r.data()).url));
}"""


@dataclass
class Race:
    """One engine's figures at one size (seconds, bytes, fractions)."""

    first_result: float = 0.0
    all_searched: float = 0.0
    bytes_to_first: int = 0
    bytes_per_query: int = 0
    query_to_result: float = 0.0
    bytes_next_query: int = 0
    precision: float = 0.0
    recall: float = 0.0


def essay_texts(project: Path) -> dict[str, str]:
    """Each essay's address below the site root → its title, lead, paragraphs and headings, one a line."""
    texts = {}
    for source in Project(project).load_sources():
        for article in source.page.articles:
            lines = [article.title, *([article.lead.text] if article.lead else [])]
            lines += [getattr(item, "text", None) or getattr(item, "title", "") for item in article.body]
            texts[f"{source.id}/{article.id}/"] = "\n".join(lines)
    return texts


def build_sites(project: Path) -> tuple[Path, Path]:
    """Ours (plugin on) and plain Material with a Pagefind index, built from `project`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1/"}
    ours, plain = project / "site-ours", project / "site-plain"
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir"]
    for site, enabled in ((ours, "true"), (plain, "false")):
        subprocess.run([*mkdocs, str(site)], cwd=project, env={**env, "POLICY_READER_ENABLED": enabled}, check=True)
    pagefind = [sys.executable, "-m", "pagefind", "--site", str(plain), "--force-language", "zh"]
    subprocess.run([*pagefind, "--root-selector", "article"], check=True, capture_output=True)
    return ours, plain


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _essay_of(url: str, essays: dict[str, str]) -> str | None:
    path = re.sub(r"^(https?://[^/]+)?/", "", url).split("?")[0].split("#")[0]
    return path if path in essays else None


def _scores(listed: set[str], expected: set[str]) -> tuple[float, float]:
    precision = len(listed & expected) / len(listed) if listed else 1.0
    recall = len(listed & expected) / len(expected) if expected else 1.0
    return precision, recall


#: Our engine in the page with every part of the index in, to ask it directly.
LOAD_WHOLE_INDEX = """async () => {
    const script = (src) => new Promise((resolve) => {
        const s = document.createElement("script"); s.src = src; s.onload = resolve; document.head.append(s);
    });
    let parts = 0;
    (window.policyReader = window.policyReader || {}).search = { load: (n, count) => { parts = count; } };
    await script("search/part-0.js");
    await script("assets/policy-reader/search-worker.js");
    for (let n = 0; n < parts; n++) await script(`search/part-${n}.js`);
}"""


def _ours_listed(page: Any, query: str) -> list[str]:
    # What the engine sends Material, every part in.
    items = page.evaluate("q => policyReader.search.search(q).items", query)
    return [group[0]["location"] for group in items]


def _pagefind_listed(page: Any, query: str) -> list[str]:
    return list(page.evaluate(PAGEFIND_ALL, query))


def race_ours(
    browser: Any, site: Path, essays: dict[str, str], real_ratio: float, further: Sequence[str] = FURTHER_QUERIES
) -> Race:
    """Our search box on the site's home page, typed into as soon as the page has loaded."""
    link = Link()
    race = Race()
    searching = re.compile(r"^/search/|/search-worker\.js$")
    with slow_server(site, link, lambda path: bool(OURS_INDEX.match(path)), real_ratio) as url:
        context = browser.new_context()
        page = context.new_page()
        page.add_init_script(PAGE_CLOCK % QUERY)
        link.clear()
        page.goto(url)
        page.wait_for_function("() => window.__allSearched !== undefined", timeout=600_000)
        origin, shown, all_searched = page.evaluate("() => [performance.timeOrigin / 1000, __shown, __allSearched]")
        race.first_result, race.all_searched = shown / 1000, all_searched / 1000
        race.bytes_to_first = link.sent(origin + race.first_result)
        race.bytes_per_query = link.sent(origin + race.all_searched, lambda p: bool(searching.search(p)))
        page.wait_for_timeout(SETTLE * 1000)

        def ask(query: str) -> float:
            page.evaluate(
                "query => { window.__shown = undefined; window.__typed = undefined; window.__expect = query; "
                "window.__typeQuery(query); }",
                query,
            )
            page.wait_for_function("() => window.__shown !== undefined", timeout=600_000)
            typed, shown = page.evaluate("() => [__typed, __shown]")
            return float(shown - typed) / 1000

        race.query_to_result, race.bytes_next_query = further_queries(page, link, ask, further)
        context.close()
    race.precision, race.recall = exactness(browser, site, _ours_listed, essays, LOAD_WHOLE_INDEX)
    return race


def further_queries(
    page: Any, link: Link, ask: Callable[[str], float], further: Sequence[str] = FURTHER_QUERIES
) -> tuple[float, int]:
    """Median seconds from typing to the first result and median bytes, over the `further` queries."""
    seconds, sent = [], []
    for query in further:
        before = link.sent()
        seconds.append(ask(query))
        page.wait_for_timeout(SETTLE * 1000)
        sent.append(link.sent() - before)
    return statistics.median(seconds), int(statistics.median(sent))


def exactness(
    browser: Any, site: Path, listed: Callable[[Any, str], list[str]], essays: dict[str, str], setup: str = ""
) -> tuple[float, float]:
    """Mean precision and recall, per essay, over the checked queries, against the sources (no slow link here)."""
    with slow_server(site, Link(rate=1e12, latency=0)) as url:
        page = browser.new_page()
        page.goto(url)
        if setup:
            page.evaluate(setup)
        scores = []
        for query in CHECKED:
            found = {e for e in (_essay_of(u, essays) for u in listed(page, query)) if e}
            scores.append(_scores(found, {e for e, text in essays.items() if query in text}))
        page.close()
    return statistics.mean(p for p, _ in scores), statistics.mean(r for _, r in scores)


def race_pagefind(browser: Any, site: Path, essays: dict[str, str], further: Sequence[str] = FURTHER_QUERIES) -> Race:
    """Pagefind's API on the plain site's home page, asked as soon as the page has loaded."""
    link = Link()
    race = Race()
    with slow_server(site, link) as url:
        context = browser.new_context()
        page = context.new_page()
        page.add_init_script(PAGEFIND_AT_LOAD % (PAGEFIND_QUERY, QUERY))
        link.clear()
        page.goto(url)
        page.wait_for_function("() => window.__pagefind", timeout=600_000)
        origin, (_asked, searched, first) = page.evaluate("() => [performance.timeOrigin / 1000, window.__pagefind]")
        race.first_result, race.all_searched = first / 1000, searched / 1000
        race.bytes_to_first = link.sent(origin + race.first_result)
        race.bytes_per_query = link.sent(origin + race.first_result, lambda p: bool(PAGEFIND.match(p)))
        page.wait_for_timeout(SETTLE * 1000)

        def ask(query: str) -> float:
            asked, _searched, first = page.evaluate(PAGEFIND_QUERY, query)
            return float(first - asked) / 1000

        race.query_to_result, race.bytes_next_query = further_queries(page, link, ask, further)
        context.close()
    race.precision, race.recall = exactness(browser, site, _pagefind_listed, essays)
    return race


def real_text_ratio() -> float:
    """How well the published page's text gzips: what an archive of different essays compresses to."""
    return gzip_ratio((ROOT / "sources" / "gansu-2021-digital-development.txt").read_text(encoding="utf-8"))


def race(project: Path, repeat: int, further: Sequence[str] = FURTHER_QUERIES) -> dict[str, str]:
    """The side-by-side rows at one size: medians of `repeat` runs of each engine, `further` queries typed after the first."""
    ours_site, plain_site = build_sites(project)
    essays = essay_texts(project)
    ratio = real_text_ratio()
    with chromium() as browser:
        ours = [race_ours(browser, ours_site, essays, ratio, further) for _ in range(repeat)]
        theirs = [race_pagefind(browser, plain_site, essays, further) for _ in range(repeat)]

    def median(runs: list[Race], name: str) -> float:
        return float(statistics.median(getattr(r, name) for r in runs))

    rows = {}
    for label, name, scale, digits in (
        ("open → first result (s)", "first_result", 1, 2),
        ("open → every essay searched (s)", "all_searched", 1, 2),
        ("bytes to first result, all requests (KB)", "bytes_to_first", 1e-3, 0),
        ("bytes of search files for the first query (KB)", "bytes_per_query", 1e-3, 0),
        (f"a further query → its first result (ms, median of {len(further)})", "query_to_result", 1000, 0),
        (f"bytes for a further query (KB, median of {len(further)})", "bytes_next_query", 1e-3, 0),
        ("precision (per essay)", "precision", 1, 2),
        ("recall (per essay)", "recall", 1, 2),
    ):
        for engine, runs in (("ours", ours), ("Pagefind", theirs)):
            rows[f"slow link, {engine}: {label}"] = f"{median(runs, name) * scale:.{digits}f}"
    return rows
