"""On a slow link the engine answers from the first part of its index while the later parts are still on their way.

The built site is served over http with its index re-cut into several small parts, and the server
holds back every part after the first until the test lets it go: a query typed meanwhile must be
answered from the first part (the newest essay), and answered again, complete, once the rest is in.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from build_tools.search.index import GlossaryEntry, index_parts, part_path
from build_tools.search.sections import Section
from tests.conftest import opened, parse_index_part
from tests.search import oracle
from tests.search.conftest import (
    QuietHandler,
    engine_page,
    essay_titles,
    search,
    serve,
    shown_results,
    type_query,
    wait_for_results,
)

pytestmark = pytest.mark.browser

QUERY = "人工智能"
#: True once the result list holds a result (not only the row saying the index is still loading).
ANSWERED = "[...document.querySelectorAll('.md-search-result__item')].some(i => !i.querySelector('.pr-search-loading'))"
LATER_PART = re.compile(r"/search/part-[1-9]\d*\.js$")


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
    sections = [Section(d["location"], d["title"], d["text"], bool(d.get("essay"))) for d in index["docs"]]
    glossary = {form: GlossaryEntry(**entry) for form, entry in index["glossary"].items()}
    return index_parts(sections, glossary, part_bytes=20_000)


@pytest.fixture(scope="module")
def site_in_parts(built_site: Path, small_parts: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site with its index in `small_parts`."""
    site = tmp_path_factory.mktemp("parts") / "site"
    shutil.copytree(built_site, site)
    for old in (site / "search").glob("part-*.js"):
        old.unlink()
    parts = small_parts
    for n, part in enumerate(parts):
        (site / part_path(n)).write_text(part, encoding="utf-8")
    first = {d["location"].split("#")[0] for d in parse_index_part(parts[0])["docs"]}
    assert len(parts) > 2 and sum(e.url in first for e in oracle.essays()) == 1, "one essay in the first part"
    return site


def listed_essays(page: Page) -> tuple[list[str], bool]:
    """The essays the result list names, and whether its first row says the index is still loading."""
    titles = essay_titles()
    items = shown_results(page)
    loading = bool(items) and "正在载入其余文章" in items[0][0].text
    return [titles[item[0].heading] for item in items if item[0].heading in titles], loading


def test_a_query_is_answered_from_the_first_part_before_the_others_arrive(
    browser: Browser, site_in_parts: Path
) -> None:
    release = threading.Event()
    first_essay = next(e.id for e in oracle.essays() if e.url.endswith("digital-government/"))
    with holding_server(site_in_parts, LATER_PART, release) as (url, asked, _waited), opened(browser, url) as page:
        type_query(page, QUERY)
        page.wait_for_function(f"() => {ANSWERED}", timeout=15_000)
        early, loading = listed_essays(page)
        held = [path for path in asked if LATER_PART.search(path)]
        assert not release.is_set() and held, "the later parts were not asked for, or not held"
        assert loading, "the first row must say the rest of the index is still loading"
        assert early == [first_essay]
        release.set()
        page.wait_for_function("() => !document.querySelector('.pr-search-loading')", timeout=15_000)
        wait_for_results(page)
        complete, loading = listed_essays(page)
    assert not loading
    assert set(complete) == oracle.essays_containing(QUERY) and len(complete) == 3


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


def test_a_glossary_term_shows_its_definition_once_the_part_carrying_the_glossary_is_in(
    browser: Browser, built_site: Path, small_parts: list[str]
) -> None:
    # The glossary travels with the second part, so that the first is text only.
    with engine_page(browser, built_site, small_parts[:1]) as page:
        early = search(page, "数据沙箱")
        page.add_script_tag(content=small_parts[1])
        later = search(page, "数据沙箱")
    definitions = [any("pr-definition" in doc["text"] for doc in group) for group in later]
    assert not any("pr-definition" in doc["text"] for group in early for doc in group)
    assert definitions[:2] == [False, True], "the loading row, then the definition"
