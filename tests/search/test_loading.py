"""On a slow link the engine answers without waiting for parts of its index it does not need.

On a server a query loads the shards of its characters and the parts holding what it shows; the
server holds back every other part: the query must be answered, complete, meanwhile. From disk
every part is read, and a query is answered from the parts in so far, again as each comes in.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from build_tools.search.index import index_parts
from tests.conftest import glossary_of, opened, parse_index_part, search_index_parts, sections_of
from tests.search import oracle
from tests.search.conftest import (
    QuietHandler,
    engine_page,
    essay_titles,
    search,
    serve,
    sharded,
    shown_results,
    type_query,
    wait_for_results,
)

pytestmark = pytest.mark.browser

QUERY = "人工智能"


class HoldingHandler(QuietHandler):
    """Serves the site, but holds requests to paths matching `hold` until `release` is set.

    Every path asked for is noted in `asked`; a request matching `frees` sets `release`; each held
    request notes in `waited` whether it was released (True) or gave up waiting (False).
    """

    hold: re.Pattern[str]
    frees: re.Pattern[str] | None
    release: threading.Event
    asked: list[str]
    waited: list[bool]

    def do_GET(self) -> None:
        self.asked.append(self.path)
        if self.frees and self.frees.search(self.path):
            self.release.set()
        if self.hold.search(self.path):
            self.waited.append(self.release.wait(timeout=20))
        super().do_GET()


@contextmanager
def holding_server(
    directory: Path, hold: re.Pattern[str], release: threading.Event, frees: re.Pattern[str] | None = None
) -> Iterator[tuple[str, list[str], list[bool]]]:
    """Serve `directory`, holding `hold` until `release` (or a request to `frees`).

    Yields the URL, the paths asked for and, per held request, whether it was released.
    """
    asked: list[str] = []
    waited: list[bool] = []
    attributes = {"hold": hold, "frees": frees, "release": release, "asked": asked, "waited": waited}
    handler = type("Handler", (HoldingHandler,), attributes)
    try:
        with serve(directory, handler) as url:
            yield url, asked, waited
    finally:
        release.set()  # before the server waits for its threads


@pytest.fixture(scope="module")
def small_parts(index: dict[str, Any]) -> list[str]:
    """The built index cut into small parts: the first holds the home page and the newest essay."""
    sections = sections_of(index)
    glossary = glossary_of(index)
    return index_parts(sections, glossary, part_bytes=20_000, eager_bytes=0)


def listed_essays(page: Page) -> tuple[list[str], bool]:
    """The essays the result list names, and whether its first row says the index is still loading."""
    titles = essay_titles()
    items = shown_results(page)
    loading = bool(items) and "正在载入其余文章" in items[0][0].text
    return [titles[item[0].heading] for item in items if item[0].heading in titles], loading


@pytest.mark.parametrize("query", ["黄河流域", "揭榜挂帅"])
def test_a_query_is_answered_while_the_parts_holding_none_of_its_results_are_held(
    browser: Browser, built_site: Path, tmp_path: Path, query: str
) -> None:
    site = sharded(built_site, tmp_path / "site")  # a site large enough to load shards per query
    parts = [parse_index_part(part) for part in search_index_parts(site)]
    unneeded = [
        n for n, part in enumerate(parts) if n and not any(query in d["title"] + d["text"] for d in part["docs"])
    ]
    assert unneeded, "the test needs a part that holds none of the results"
    hold = re.compile(r"/search/part-(" + "|".join(map(str, unneeded)) + r")\.js$")
    release = threading.Event()
    with holding_server(site, hold, release) as (url, asked, waited), opened(browser, url) as page:
        type_query(page, query)
        wait_for_results(page)
        listed, loading = listed_essays(page)
        release.set()
    assert waited == [] and not [p for p in asked if hold.search(p)], "a part holding no result was asked for"
    assert not loading
    assert set(listed) == oracle.essays_containing(query) and listed


MATERIAL_BUNDLE = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
FIRST_PART = re.compile(r"^/search/part-0\.js$")


def test_the_engine_starts_loading_its_index_before_materials_bundle_is_in(browser: Browser, built_site: Path) -> None:
    # Material's bundle, the page's last script, is held until the first part of the index is asked
    # for: that happens only if the engine started from the page's head, not when the bundle asked.
    release = threading.Event()
    with (
        holding_server(built_site, MATERIAL_BUNDLE, release, frees=FIRST_PART) as (url, asked, waited),
        opened(browser, url) as page,
    ):
        page.wait_for_function("() => document.readyState === 'complete'", timeout=40_000)
        type_query(page, QUERY)
        wait_for_results(page)
        listed, loading = listed_essays(page)
        worker_requests = [p for p in asked if "search-worker.js" in p]
    assert waited == [True], "the index was not asked for while Material's bundle was held"
    # Material was handed the worker already running: one worker, one copy of the index.
    assert len(worker_requests) == 1 and sum(bool(FIRST_PART.search(p)) for p in asked) == 1, "\n".join(asked)
    assert set(listed) == oracle.essays_containing(QUERY) and not loading


def test_from_disk_a_glossary_term_shows_its_definition_once_the_last_part_is_in(
    browser: Browser, built_site: Path, small_parts: list[str]
) -> None:
    # From disk the glossary travels with the last part: the parts before it are text only.
    with engine_page(browser, built_site, small_parts[:-1]) as page:
        early = search(page, "数据沙箱")
        page.add_script_tag(content=small_parts[-1])
        later = search(page, "数据沙箱")
    definitions = [any("pr-definition" in doc["text"] for doc in group) for group in later]
    assert not any("pr-definition" in doc["text"] for group in early for doc in group)
    assert definitions[0], "the definition first, the index complete"
