"""The search engine itself, in a real browser: the built index and engine loaded into a blank page.

Expected essays come from the source text (see ``oracle``), never from the build: a query must
list exactly the essays one of whose paragraphs or headings holds all its words.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from build_tools.search.index import index_parts
from tests.conftest import glossary_of, parse_index_part, search_index_parts, sections_of
from tests.search import oracle
from tests.search.conftest import engine_page, large_archive_parts, plain, search, split_location

pytestmark = pytest.mark.browser

#: The issue's samples, then substrings, phrases with punctuation, several words, Latin words,
#: glossary terms and aliases, and words that occur in an essay only in different sections.
QUERIES = [
    *oracle.ISSUE_SAMPLES,
    # substrings of longer words and terms
    "学习",
    "数据沙箱",
    "丝绸之路",
    "新高地",
    "高质量发展",
    "数字化转型",
    # phrases with punctuation, as printed (full-width quotes, 、 and the source's ASCII comma)
    "“一网通办、一网统管、一网协同、一网兴业”",
    "一网通办、一网统管",
    "“数字甘肃”",
    "明确要求,立足全局",
    "互联网+",
    "“揭榜挂帅”",
    # several words: all must occur in one section
    "数字政府 数字经济",
    "黄河流域 河西走廊",
    "人工智能 区块链",
    "数字 甘肃",
    "揭榜挂帅 科技金融",
    "创新 人才",
    "5G IPv6",
    # Latin words: whole words, in any case
    "5G",
    "5g",
    "IPv6",
    "ipv6",
    "IP",
    "v6",
    "G",
    # glossary terms and aliases
    "张榜求帅",
    "产学研",
    "MPC",
    "东数西算",
    "科技金融",
    "十四五",
    "新基建",
]


@pytest.fixture(scope="module")
def results(engine: Page) -> dict[str, list[list[dict[str, Any]]]]:
    return {query: search(engine, query) for query in QUERIES}


def words_of(query: str) -> list[str]:
    return query.split()


def definition_group(group: list[dict[str, Any]]) -> bool:
    return any('class="pr-definition"' in doc["text"] for doc in group)


def group_page(group: list[dict[str, Any]]) -> str:
    return split_location(group[0]["location"])[0]


def listed_essays(items: list[list[dict[str, Any]]]) -> list[str]:
    """The essays listed, in order, by id."""
    by_url = {essay.url: essay.id for essay in oracle.essays()}
    return [by_url[group_page(g)] for g in items if not definition_group(g) and group_page(g) in by_url]


def full_text(doc: dict[str, Any]) -> str:
    return f"{doc['title']}\n{doc['text']}"


def matched_docs(group: list[dict[str, Any]], docs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The indexed documents a group lists as found: its sections, and its page when the page itself matched.

    A page shown only as the parent of its sections comes with no text.
    """
    found = []
    for doc in group:
        _page, location, _words = split_location(doc["location"])
        if "#" in location or doc["text"]:
            assert location in docs, f"{doc['location']} is not in the index"
            found.append(docs[location])
    return found


def test_the_oracle_reads_the_issue_samples_as_the_issue_states() -> None:
    # The issue's own expectations, checked against what the oracle computes from the source,
    # so that every other expectation here rests on a sound reading of the source.
    ids = [essay.id for essay in oracle.essays()]
    assert ids == ["digital-government", "innovation-highland", "new-infrastructure"]
    by_number = {n: ids[n - 1] for n in (1, 2, 3)}
    issue = {"联邦学习": [3], "揭榜挂帅": [2], "沙箱": [3], "一网通办": [1], "黄河流域": [1, 3], "人工智能": [1, 2, 3]}
    for query, numbers in issue.items():
        assert oracle.essays_containing(query) == {by_number[n] for n in numbers}, query


def test_the_table_is_large_and_exercises_each_rule() -> None:
    assert len(QUERIES) >= 25
    assert any(len(words_of(q)) > 1 and oracle.essays_containing(q) for q in QUERIES)
    # words that do occur in one essay, but never in one paragraph: the essay must not be listed
    assert any(oracle.essays_containing(q) != oracle.essays_holding_anywhere(q) for q in QUERIES)
    # a Latin word that occurs only inside a longer word that the essays do hold
    assert any(
        oracle.is_latin(q)
        and not oracle.essays_containing(q)
        and any(q.lower() in o.lower() and oracle.essays_containing(o) for o in QUERIES)
        for q in QUERIES
    )
    assert any(q in oracle.glossary_forms() for q in QUERIES)


@pytest.mark.parametrize("query", QUERIES)
def test_lists_exactly_the_essays_that_contain_the_query(results: dict[str, Any], query: str) -> None:
    items = results[query]
    listed = listed_essays(items)
    assert len(listed) == len(set(listed)), f"an essay is listed twice: {listed}"
    assert set(listed) == oracle.essays_containing(query)
    assert not any("pr-partial" in doc["text"] for group in items for doc in group), "a whole word is no partial match"


@pytest.mark.parametrize("query", QUERIES)
def test_every_listed_section_holds_every_word(
    results: dict[str, Any], docs_by_location: dict[str, dict[str, Any]], query: str
) -> None:
    checked = 0
    for group in results[query]:
        if definition_group(group):
            continue
        for doc in matched_docs(group, docs_by_location):
            assert oracle.holds_all(words_of(query), full_text(doc)), f"{doc['location']} lacks a word of {query!r}"
            checked += 1
    assert checked >= len(oracle.essays_containing(query))


@pytest.mark.parametrize("query", QUERIES)
def test_essays_come_first_then_other_pages(results: dict[str, Any], query: str) -> None:
    # Texts first: essays, and the documents and laws they interpret.
    text_urls = {essay.url for essay in oracle.essays()} | set(oracle.documents())
    groups = [g for g in results[query] if not definition_group(g)]
    kinds = [group_page(g) in text_urls for g in groups]
    assert kinds == sorted(kinds, reverse=True), f"a page that is no text comes before a text: {kinds}"
    pages = [group_page(g) for g in groups]
    assert len(pages) == len(set(pages)), "each page is one result"


def title_hit(doc: dict[str, Any], words: list[str]) -> bool | None:
    """True when the title holds every word, False when it holds none, None in between."""
    inside = [oracle.occurs(word, doc["title"]) for word in words]
    return True if all(inside) else False if not any(inside) else None


@pytest.mark.parametrize("query", QUERIES)
def test_sections_whose_title_holds_the_query_come_first(
    results: dict[str, Any], docs_by_location: dict[str, dict[str, Any]], query: str
) -> None:
    words = words_of(query)
    essay_groups = []
    for group in results[query]:
        if definition_group(group):
            continue
        sections = [d for d in matched_docs(group, docs_by_location) if "#" in d["location"]]
        hits = [title_hit(d, words) for d in sections]
        if True in hits and False in hits:
            assert hits.index(False) > max(i for i, h in enumerate(hits) if h), (
                f"{group_page(group)}: a section without {query!r} in its title comes before one with it"
            )
        if group_page(group) in {e.url for e in oracle.essays()}:
            found = [title_hit(d, words) for d in matched_docs(group, docs_by_location)]
            essay_groups.append(True if True in found else False if all(h is False for h in found) else None)
    if True in essay_groups and False in essay_groups:
        assert essay_groups.index(False) > max(i for i, h in enumerate(essay_groups) if h)


@pytest.mark.parametrize(
    "query",
    # Each has sections with the query in their title and sections with it only in their text.
    ["新高地", "数字化转型", "科技金融", "丝绸之路", "明确要求,立足全局"],
)
def test_title_ranking_is_exercised(
    results: dict[str, Any], docs_by_location: dict[str, dict[str, Any]], query: str
) -> None:
    docs = [d for g in results[query] if not definition_group(g) for d in matched_docs(g, docs_by_location)]
    hits = {title_hit(d, words_of(query)) for d in docs if "#" in d["location"]}
    assert {True, False} <= hits


_MARK = re.compile(r"<mark>(.*?)</mark>")


@pytest.mark.parametrize("query", QUERIES)
def test_snippets_mark_the_hits_and_quote_the_text(
    results: dict[str, Any], docs_by_location: dict[str, dict[str, Any]], query: str
) -> None:
    words = {w.lower() for w in words_of(query)}
    marked = 0
    for group in results[query]:
        if definition_group(group):
            continue
        for doc in group:
            if not doc["text"]:
                continue
            _page, location, highlight = split_location(doc["location"])
            assert {w.lower() for w in highlight} == words, "the page opened must highlight the query"
            indexed = docs_by_location[location]
            snippet = doc["text"]
            # What the snippet shows is a stretch of the section's own text.
            quoted = plain(snippet).removeprefix("…").removesuffix("…")
            assert quoted in indexed["text"].replace("\n", " "), f"{location}: the snippet is not the section's text"
            if any(oracle.occurs(w, indexed["text"]) for w in words):
                hits = _MARK.findall(snippet)
                assert hits, f"{location}: no <mark> in {snippet!r}"
                assert {plain(h).lower() for h in hits} <= words, f"{location}: marks other text: {hits}"
                marked += 1
    if oracle.essays_containing(query):
        assert marked > 0


def glossary_entry(query: str) -> dict[str, Any] | None:
    """The glossary entry a query names: a term or alias (Latin ones in any case)."""
    forms = {form.lower(): term for form, term in oracle.glossary_forms().items()}
    return forms.get(query.strip().lower())


@pytest.mark.parametrize("query", [*QUERIES, "数据沙盒", "安全多方计算", "mpc", "IoT"])
def test_a_glossary_term_or_alias_shows_its_definition_first(engine: Page, query: str) -> None:
    items = search(engine, query)
    entry = glossary_entry(query)
    if entry is None:
        assert not any(definition_group(g) for g in items), f"{query!r} is no glossary term"
        return
    assert items, f"{query!r} found nothing"
    first = items[0]
    assert definition_group(first), f"{query!r}: the first result is not the definition"
    assert not any(definition_group(g) for g in items[1:])
    definition = " ".join(str(entry["definition"]).split())
    assert definition in plain("".join(doc["text"] for doc in first))
    assert entry["term"] in first[0]["title"]
    assert split_location(first[-1]["location"])[0] == "glossary/"


PARTIAL = ["联邦学习系统", "数据沙箱安全", "人工智能农业"]


@pytest.mark.parametrize("query", PARTIAL)
def test_a_query_found_nowhere_whole_lists_sections_holding_its_pieces(
    engine: Page, index: dict[str, Any], docs_by_location: dict[str, dict[str, Any]], query: str
) -> None:
    assert not oracle.essays_containing(query)
    assert not any(query in full_text(doc) for doc in index["docs"]), "the query must occur nowhere whole"
    items = search(engine, query)
    assert items, f"the pieces of {query!r} occur, so something is listed"
    pieces: list[str] | None = None
    for group in items:
        for doc in group:
            _page, location, shown = split_location(doc["location"])
            pieces = shown if pieces is None else pieces
            assert shown == pieces, "every result highlights the same pieces"
            if doc["text"]:
                assert doc["text"].startswith('<span class="pr-partial">'), f"{location} is not labelled partial"
        for doc in matched_docs(group, docs_by_location):
            assert oracle.holds_all(pieces or [], full_text(doc)), f"{doc['location']} lacks a piece of {query!r}"
    assert pieces and len(pieces) >= 2
    # The pieces are stretches of the query, in its order, none overlapping.
    at = 0
    for piece in pieces:
        found = query.find(piece, at)
        assert found >= at and len(piece) >= 2, f"{piece!r} is no piece of {query!r}"
        at = found + len(piece)
    assert set(listed_essays(items)) == oracle.essays_containing(" ".join(pieces))


def test_a_partial_query_finds_the_essay_holding_all_pieces(engine: Page) -> None:
    # Not vacuous: at least one partial query lists an essay.
    assert any(listed_essays(search(engine, q)) for q in PARTIAL)


@pytest.mark.parametrize("query", ["恐龙化石", "火星探测器"])
def test_a_query_found_nowhere_lists_nothing(engine: Page, index: dict[str, Any], query: str) -> None:
    everything = "\n".join(full_text(doc) for doc in index["docs"])
    pairs = {query[i : i + 2] for i in range(len(query) - 1)}
    assert not any(pair in everything for pair in pairs), "no piece of the query may occur anywhere"
    assert search(engine, query) == []


@pytest.mark.parametrize("query", ["", " ", "   \t "])
def test_the_empty_query_lists_nothing(engine: Page, query: str) -> None:
    assert search(engine, query) == []


def test_no_whole_match_runs_across_two_authors_in_a_byline(engine: Page, index: dict[str, Any]) -> None:
    # The byline names 秦遇龙 (兰州市大数据管理局调研员) and then 吕江宇: one author's post and the
    # next author's name are apart, so a query running across them is at most a partial match.
    query = "调研员吕江宇"
    assert not oracle.essays_containing(query)
    assert not any(query in doc["text"] for doc in index["docs"])
    for group in search(engine, query):
        for doc in group:
            assert not doc["text"] or doc["text"].startswith('<span class="pr-partial">'), doc["location"]
    for author in ("秦遇龙", "吕江宇"):
        assert listed_essays(search(engine, author)) == ["digital-government"]


def test_latin_words_match_whole_and_in_any_case(engine: Page) -> None:
    assert listed_essays(search(engine, "ipv6")) == listed_essays(search(engine, "IPv6")) == ["new-infrastructure"]
    for inside in ("IP", "v6", "G"):
        assert oracle.essays_containing(inside) == set()
        assert listed_essays(search(engine, inside)) == [], f"{inside!r} matched inside a longer word"


def test_speaks_materials_worker_protocol(browser: Browser, built_site: Path) -> None:
    with engine_page(browser, built_site) as page:
        page.evaluate(
            """() => {
                window.replies = [];
                policyReader.search.handle({type: 2, data: "人工智能"}, m => replies.push(m));  // before the index
                policyReader.search.handle({type: 0, data: {config: {}, docs: []}}, m => replies.push(m));
            }"""
        )
        waiting = page.evaluate("() => replies.length")
        # In several parts, as a larger archive's text comes (the built site's is all in its head).
        parts = large_archive_parts(built_site)
        for part in parts:
            page.add_script_tag(content=part)
        replies = page.evaluate(
            """() => {
                policyReader.search.handle({type: 2, data: "人工智能"}, m => replies.push(m));
                policyReader.search.handle({type: 3, data: "ignored"}, m => replies.push(m));
                return replies;
            }"""
        )
        direct = page.evaluate("q => policyReader.search.search(q)", "人工智能")
    assert waiting == 0, "nothing may be answered before the index is in"
    # The waiting query is answered once the head is in, again as further parts come in (at once
    # when the last is in), then the query asked with every part in.
    types = [m["type"] for m in replies]
    assert types[:2] == [3, 1] and set(types[2:]) == {3} and 4 <= len(types) <= len(parts) + 2
    assert replies[-2]["data"] == replies[-1]["data"] == direct
    assert direct["total"] == len(direct["items"]) > 0


LOADING = "pr-search-loading"


def test_answers_from_the_first_parts_then_again_as_the_rest_comes_in(
    browser: Browser, built_site: Path, index: dict[str, Any]
) -> None:
    sections = sections_of(index)
    glossary = glossary_of(index)
    parts = index_parts(sections, glossary, part_bytes=20_000, eager_bytes=0)
    assert len(parts) >= 4, "the test needs an index in several parts"
    # The head holds no text: the answer comes with the first part of text.
    with engine_page(browser, built_site, parts[:2]) as page:
        first = page.evaluate(
            """() => {
                window.replies = [];
                policyReader.search.handle({type: 2, data: "人工智能"}, m => replies.push(m));
                return replies.slice();
            }"""
        )
        for part in parts[2:]:
            page.add_script_tag(content=part)
        replies = page.evaluate("() => replies")
        full = page.evaluate("q => policyReader.search.search(q)", "人工智能")

    assert [m["type"] for m in first] == [3]
    notice, *found = first[0]["data"]["items"]
    assert LOADING in notice[0]["title"] and notice[0]["location"] == "#"
    in_first = [d for d in parse_index_part(parts[1])["docs"] if d.get("essay") and "#" not in d["location"]]
    # Every page of text counts: the essays and the documents (a document is read as one page).
    pages = {d["location"] for d in index["docs"] if d.get("essay") and "#" not in d["location"]}
    assert len(pages) >= len(oracle.essays())
    assert f"已搜索 {len(in_first)} 篇,共 {len(pages)} 篇" in notice[0]["title"]
    assert all(LOADING not in doc["title"] for item in found for doc in item)
    first_pages = {doc["location"].split("#")[0] for doc in parse_index_part(parts[1])["docs"]}
    listed = {split_location(item[0]["location"])[0] for item in found if not item[0]["title"].startswith("术语 · ")}
    assert listed and listed <= first_pages
    # Further parts brought fresh answers, the last at once with the last part: the whole index's, with no notice.
    assert {m["type"] for m in replies} == {3} and 2 <= len(replies) <= len(parts) - 1
    assert replies[-1]["data"] == full
    assert all(LOADING not in doc["title"] for item in full["items"] for doc in item)
    assert [split_location(i[0]["location"])[0] for i in full["items"]] == [
        split_location(i[0]["location"])[0] for i in search_as_built(browser, built_site, "人工智能")
    ]


def search_as_built(browser: Browser, built_site: Path, query: str) -> list[list[dict[str, Any]]]:
    """The items for `query` from the index as built, every part in."""
    with engine_page(browser, built_site, search_index_parts(built_site)) as page:
        items: list[list[dict[str, Any]]] = page.evaluate("q => policyReader.search.search(q).items", query)
    return items
