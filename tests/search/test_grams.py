"""On a server the engine answers from its bigram index: each query loads only the shards of its
characters and the parts holding the results Material draws first, and lists exactly what the engine
reading every part (as from disk) lists, and what a brute-force scan of the sections finds.

The engine runs as Material runs it, in a worker started from the hosted site, and is spoken to
in Material's protocol; the server notes every path asked for.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from build_tools.common.latin_words import found_at, is_latin_word
from build_tools.search.grams import fold, query_keys, shard_of, shard_path
from build_tools.search.index import GlossaryEntry, index_parts, index_shards, part_path
from build_tools.search.sections import Section
from tests.conftest import opened, parse_index_part, read_search_index
from tests.search import oracle
from tests.search.conftest import WORKER, QuietHandler, engine_page, search, serve, sharded, split_location

pytestmark = pytest.mark.browser

#: Material's worker protocol: a query, answered by results (see search-worker.js), each but the
#: last saying a fuller one follows; all of them, in order.
ASK_ALL = """async (query) => {
  if (!window.__engine) window.__engine = new Worker("/WORKER?index=../../search/part-0.js");
  const answers = [];
  return await new Promise((resolve) => {
    window.__engine.onmessage = (event) => {
      if (event.data.type !== 3) return;
      answers.push(event.data.data);
      if (!event.data.data.pending) resolve(answers);
    };
    window.__engine.postMessage({ type: 2, data: query });
  });
}""".replace("WORKER", WORKER)
#: Named cases: punctuation, Latin words, single characters, traditional script, several words,
#: a query running past a glossary term, pieces of a word found nowhere whole, nothing at all.
QUERIES = [
    *oracle.ISSUE_SAMPLES,
    "数据沙箱",
    "數據沙箱",
    "营商环境",
    "營商環境",
    "用数据沙箱、多",
    "、联邦学习等",
    "数据沙箱等",
    "。",
    "、",
    "“",
    "”。",
    "，",
    ",",
    "(",
    "+",
    "互联网+",
    "5G",
    "5g",
    "G",
    "IPv6",
    "ipv6",
    "IP",
    "v6",
    "6",
    "MPC",
    "的",
    "數",
    "数字 甘肃",
    "5G IPv6",
    "沙箱 联邦学习",
    "联邦学习沙箱",
    "数据沙箱区块链联邦学习",
    "丝绸之路经济带人工智能",
    "量子引力波",
    "zzzz",
]


def _substrings() -> list[str]:
    """Substrings of the essays of 1 to 9 characters, from lines spread over the page (no spaces)."""
    lines = [line for essay in oracle.essays() for line in essay.lines]
    found: list[str] = []
    for n, line in enumerate(lines[:: max(1, len(lines) // 25)]):
        for length in (1, 2, 3, 4, 6, 9):
            start = (n * 7 + length * 3) % max(1, len(line) - length)
            piece = line[start : start + length].strip()
            if piece and not re.search(r"\s", piece) and piece not in found:
                found.append(piece)
    return found


SUBSTRINGS = _substrings()


class RecordingHandler(QuietHandler):
    """Serves the site and notes every path asked for."""

    asked: list[str]

    def do_GET(self) -> None:
        self.asked.append(self.path)
        super().do_GET()


@pytest.fixture(scope="module")
def sharded_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site, its index cut as a large archive's is."""
    return sharded(built_site, tmp_path_factory.mktemp("sharded") / "site")


@pytest.fixture(scope="module")
def hosted(sharded_site: Path) -> Iterator[tuple[str, list[str]]]:
    asked: list[str] = []
    with serve(sharded_site, type("Handler", (RecordingHandler,), {"asked": asked})) as url:
        yield url, asked


@pytest.fixture(scope="module")
def small(built_site: Path) -> Iterator[tuple[str, list[str]]]:
    """The built site as it is: small, so its head asks for every part at once."""
    asked: list[str] = []
    with serve(built_site, type("Handler", (RecordingHandler,), {"asked": asked})) as url:
        yield url, asked


@pytest.fixture(scope="module")
def asker(browser: Browser, hosted: tuple[str, list[str]]) -> Iterator[Page]:
    """A page of the hosted site holding the engine in its worker, as Material starts it."""
    with opened(browser, hosted[0] + "search/part-0.js") as page:
        yield page


def ask_all(page: Page, query: str) -> list[dict[str, Any]]:
    """Every answer to `query`, the full one last."""
    answers: list[dict[str, Any]] = page.evaluate(ASK_ALL, query)
    for answer in answers:
        assert answer["total"] == len(answer["items"])
    return answers


def ask(page: Page, query: str) -> dict[str, Any]:
    """The full answer to `query`."""
    return ask_all(page, query)[-1]


def ask_every_part_in(page: Page, query: str) -> dict[str, Any]:
    """The answer once the engine has read every part (before, a last row says it is still loading)."""
    for _ in range(100):
        result = ask(page, query)
        if "pr-search-loading" not in json.dumps(result):
            return result
        page.wait_for_timeout(100)
    raise AssertionError(f"{query}: the engine still says it is loading after 10 s")


@dataclass(frozen=True)
class Scan:
    """The index's sections as search reads them (folded once), to scan for a query by brute force."""

    folds: dict[str, str]
    texts: list[tuple[str, str]]

    @classmethod
    def of(cls, index: dict[str, Any]) -> Scan:
        folds = dict(zip(index["folds"][::2], index["folds"][1::2], strict=True))
        texts = [
            (doc["location"].split("#")[0], fold(doc["title"], folds) + "\u0000" + fold(doc["text"], folds))
            for doc in index["docs"]
        ]
        return cls(folds, texts)

    def pages(self, query: str) -> set[str]:
        """The pages one of whose sections holds every word: the title or text scanned, Latin words whole."""
        words = [fold(w, self.folds) for w in query.split()]
        return {page for page, text in self.texts if all(found_at(w, text) for w in words)}


@pytest.fixture(scope="module")
def scan(built_site: Path) -> Scan:
    return Scan.of(read_search_index(built_site))


def listed_pages(result: dict[str, Any]) -> set[str]:
    return {
        split_location(group[0]["location"])[0].lstrip("/")
        for group in result["items"]
        if not any('class="pr-definition"' in doc["text"] for doc in group)
    }


#: Pages the sharded engine lists with their sections (search-worker.js SHOWN): it loads the text of
#: these only; any page past them is listed alone, as Material shows it before it is opened.
SHOWN = 10


def as_listed(result: dict[str, Any]) -> dict[str, Any]:
    """`result` as the sharded engine can list it: past the first SHOWN pages, each page without its sections."""
    items = result["items"]
    later = [[{"page": group[0]["location"].split("#")[0], "title": group[0]["title"]}] for group in items[SHOWN:]]
    return {**result, "items": items[:SHOWN] + later}


#: Known defects of the sharded engine, each a (test, query) pair marked strict xfail, so the mark goes with the fix.
#: None now: a page listed alone past SHOWN is highlighted as search reads the query (數 as 数), as the engine reading
#: every part highlights it (`printed` in search-worker.js); 的 loads the parts of the sections it shows with text.
KNOWN_DEFECTS: dict[tuple[str, str], str] = {}


def _known_defect(request: pytest.FixtureRequest, test: str, query: str) -> None:
    if (reason := KNOWN_DEFECTS.get((test, query))) is not None:
        request.node.add_marker(pytest.mark.xfail(strict=True, reason=reason))


@pytest.mark.parametrize("query", QUERIES + SUBSTRINGS)
def test_lists_exactly_what_reading_every_part_lists(
    request: pytest.FixtureRequest, asker: Page, engine: Page, query: str
) -> None:
    _known_defect(request, "lists", query)
    assert as_listed(ask(asker, query)) == as_listed(engine.evaluate("q => policyReader.search.search(q)", query))


@pytest.mark.parametrize("query", QUERIES + SUBSTRINGS)
def test_lists_exactly_the_pages_a_brute_force_scan_finds(asker: Page, scan: Scan, query: str) -> None:
    expected = scan.pages(query)
    result = ask(asker, query)
    if expected:
        assert listed_pages(result) == expected
    else:
        # Found nowhere whole: only pages holding its pieces, each labelled a partial match.
        sections = [d for group in result["items"] for d in group if d["text"] and "pr-definition" not in d["text"]]
        assert all(d["text"].startswith('<span class="pr-partial">') for d in sections)


def test_the_table_exercises_every_kind_of_query(scan: Scan) -> None:
    found = {q: scan.pages(q) for q in QUERIES + SUBSTRINGS}
    assert len(SUBSTRINGS) > 100
    assert sum(1 for q in SUBSTRINGS if len(q) == 1) > 10
    # Some queries are found on every page, some on a few, some (the pieces cases) on none whole.
    assert {len(pages) for pages in found.values()} >= {0, 1, 2, 3}
    assert not found["数据沙箱区块链联邦学习"] and not found["量子引力波"] and found["联邦学习"]


def _keys(query: str, folds: dict[str, str]) -> set[str]:
    """What the engine looks `query` up by: each word's bigrams (a lone character itself), Latin words' edges."""
    return {key for word in query.split() for key, _ in query_keys(fold(word, folds), is_latin_word(word))}


def _shown_sections(result: dict[str, Any], docs: list[dict[str, Any]]) -> set[int]:
    """The sections the first SHOWN pages listed show with their text; the pages past them are listed alone, by the
    title the head holds, and need no text (`test_pages_past_the_first_ten_are_listed_without_loading_their_text`)."""
    numbers = {doc["location"]: n for n, doc in enumerate(docs)}
    pages = [group for group in result["items"] if not any('class="pr-definition"' in doc["text"] for doc in group)]
    return {numbers[split_location(doc["location"])[1].lstrip("/")] for group in pages[:SHOWN] for doc in group}


def _part_of(number: int, starts: list[int]) -> int:
    return max(n for n, start in enumerate(starts, start=1) if start <= number)


@pytest.mark.parametrize("query", ["联邦学习", "数据沙箱", "IPv6", "的", "數據沙箱 人工智能"])
def test_a_query_loads_only_its_shards_and_the_parts_of_what_it_shows(
    request: pytest.FixtureRequest, browser: Browser, hosted: tuple[str, list[str]], sharded_site: Path, query: str
) -> None:
    _known_defect(request, "loads", query)
    url, asked = hosted
    index = read_search_index(sharded_site)
    folds = dict(zip(index["folds"][::2], index["folds"][1::2], strict=True))
    with opened(browser, url + "search/part-0.js") as page:
        ask(page, "")
        asked.clear()
        result = ask(page, query)
        first = list(asked)
        asked.clear()
        assert ask_all(page, query) == [result], "asked again: one answer, with nothing to load"
    shards = {"/" + shard_path(shard_of(key, index["grams"])) for key in _keys(query, folds)}
    parts = {"/" + part_path(_part_of(n, index["starts"])) for n in _shown_sections(result, index["docs"])}
    assert sorted(first) == sorted(shards | parts)
    assert asked == [], "a query asked again loads nothing"


def test_a_small_site_loads_every_part_at_once_and_lists_what_the_shards_list(
    browser: Browser, small: tuple[str, list[str]], asker: Page, built_site: Path
) -> None:
    url, asked = small
    count = len(list(built_site.glob("search/part-*.js")))
    with opened(browser, url + "search/part-0.js") as page:
        ask(page, "")  # answered once the head is in; the text goes on loading
        # Until then a query is answered again as text comes in: an answer may come unasked. Once the
        # text is in (a query found, no loading row), late answers are let go by before asking on.
        while not ask_every_part_in(page, "数字")["items"]:
            page.wait_for_timeout(100)
        page.wait_for_timeout(500)
        results = {query: ask(page, query) for query in ("联邦学习", "數據沙箱 人工智能", "5G", "zzzz")}
        loaded = sorted({p for p in asked if p.startswith("/search/")})  # the page opened is the head too
    assert loaded == sorted("/" + part_path(n) for n in range(count)), "every part, no shard"
    for query, result in results.items():
        assert result == ask(asker, query), query


# ── More pages hold the query than Material draws at once ────────────────────────────────────

PAGES = 24


def _archive() -> list[Section]:
    """`PAGES` essays, each a page and two sections, every one holding 数据 (page n n+1 times)."""
    sections = []
    for n in range(PAGES):
        sections.append(Section(f"e{n}/", f"文章{n}", "数据" * (n + 1) + "。开放", essay=True))
        sections.append(Section(f"e{n}/#a", f"一节{n}", "数字经济。" * 30, essay=True))
        sections.append(Section(f"e{n}/#b", f"二节{n}", f"数据共享{n}", essay=True))
    return sections


@pytest.fixture(scope="module")
def archive(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str], list[str]]]:
    """The built site with its index replaced by `_archive`'s, a page a part; yields URL, paths asked, parts."""
    site = tmp_path_factory.mktemp("archive") / "site"
    shutil.copytree(built_site, site)
    shutil.rmtree(site / "search" / "grams")
    (site / "search" / "grams").mkdir()
    for stale in site.glob("search/part-*.js"):
        stale.unlink()
    glossary = {"数据共享": GlossaryEntry("数据共享", None, "共享数据。", "glossary/#s")}
    parts = index_parts(_archive(), glossary, part_bytes=100, eager_bytes=0)
    for n, part in enumerate(parts):
        (site / part_path(n)).write_text(part, encoding="utf-8")
    for n, shard in enumerate(index_shards(_archive(), glossary)):
        (site / shard_path(n)).write_text(shard, encoding="utf-8")
    asked: list[str] = []
    with serve(site, type("Handler", (RecordingHandler,), {"asked": asked})) as url:
        yield url, asked, parts


def test_pages_past_the_first_ten_are_listed_without_loading_their_text(
    browser: Browser, built_site: Path, archive: tuple[str, list[str], list[str]]
) -> None:
    url, asked, parts = archive
    assert len(parts) == PAGES + 1 and parse_index_part(parts[0])["docs"] == []
    with opened(browser, url + "search/part-0.js") as page:
        ask(page, "")
        asked.clear()
        items = ask(page, "数据")["items"]
    with engine_page(browser, built_site, parts) as full_page:
        full = search(full_page, "数据")
    assert len(items) == len(full) == PAGES
    assert items[:10] == full[:10]
    # Past the tenth, each page alone: its address, title and rank, as the full engine gives them.
    assert [[(d["location"], d["title"], d["score"]) for d in group] for group in items[10:]] == [
        [(g[0]["location"], g[0]["title"], g[0]["score"])] for g in full[10:]
    ]
    loaded = sorted(p for p in asked if "/part-" in p)
    # Most 数据 first: the newest pages hold it most, each page its own part.
    assert loaded == sorted(f"/{part_path(PAGES - n)}" for n in range(10))


def test_a_query_is_answered_from_the_text_in_hand_before_the_rest_of_its_text_comes(
    browser: Browser, archive: tuple[str, list[str], list[str]]
) -> None:
    url, asked, _parts = archive
    with opened(browser, url + "search/part-0.js") as page:
        ask(page, "")
        ask(page, "数据" * 20)  # the five newest pages hold it: their parts come in
        asked.clear()
        early, full = ask_all(page, "数据")
    assert early["pending"] is True and "pending" not in full
    titles = [[doc["title"] for doc in group] for group in full["items"]]
    assert [group[0]["title"] for group in early["items"]] == [group[0] for group in titles]
    # The five pages whose text is in are listed whole; the next five by title, until their parts come.
    assert early["items"][:5] == full["items"][:5]
    assert all(len(group) == 1 and group[0]["text"] == "" for group in early["items"][5:10])
    assert all(len(group) > 1 for group in full["items"][:10])
    assert sorted(p for p in asked if "/part-" in p) == sorted(f"/{part_path(PAGES - n)}" for n in range(5, 10))
