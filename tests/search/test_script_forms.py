"""Traditional and simplified queries find the same sections, in a real browser on the built index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import opencc
import pytest
from playwright.sync_api import Browser, Page

from build_tools.search.index import index_parts
from build_tools.search.script_forms import script_folds
from build_tools.search.sections import Section
from tests.conftest import opened
from tests.search import oracle
from tests.search.conftest import (
    engine_page,
    search,
    serve,
    shown_results,
    split_location,
    type_query,
    wait_for_results,
)

pytestmark = pytest.mark.browser

#: The issue's traditional queries and their simplified forms, and others of the published page.
PAIRS = [
    ("數據沙箱", "数据沙箱"),
    ("聯邦學習", "联邦学习"),
    ("營商環境", "营商环境"),
    ("數字政府 數字經濟", "数字政府 数字经济"),
    ("黃河流域", "黄河流域"),
    ("揭榜掛帥", "揭榜挂帅"),
]


def shown(items: list[list[dict[str, Any]]]) -> list[list[tuple[str, str, str]]]:
    """What a reader sees of a result list: each link's address, heading and snippet."""
    return [[(doc["location"], doc["title"], doc["text"]) for doc in group] for group in items]


def test_the_pairs_are_opencc_conversions_and_the_simplified_ones_occur() -> None:
    to_traditional = opencc.OpenCC("s2t.json")
    for traditional, simplified in PAIRS:
        assert to_traditional.convert(simplified) == traditional
        assert oracle.essays_containing(simplified), simplified


@pytest.mark.parametrize(("traditional", "simplified"), PAIRS)
def test_a_traditional_query_finds_exactly_what_its_simplified_form_finds(
    engine: Page, traditional: str, simplified: str
) -> None:
    found = search(engine, traditional)
    assert shown(found) == shown(search(engine, simplified))
    assert not any("pr-partial" in doc["text"] for group in found for doc in group), "no partial match"
    # The page opened from a result highlights the words as the page prints them.
    for group in found:
        if any("pr-definition" in doc["text"] for doc in group):
            continue  # the term's definition, which highlights nothing
        for doc in group:
            assert split_location(doc["location"])[2] == simplified.split(), doc["location"]


def test_a_glossary_term_typed_in_traditional_shows_its_definition(engine: Page) -> None:
    assert shown(search(engine, "數據沙箱"))[0] == shown(search(engine, "数据沙箱"))[0]
    assert "pr-definition" in search(engine, "數據沙箱")[0][1]["text"]


#: A text published in traditional script, searched with either script.
TRADITIONAL_TEXT = [
    Section("tw/", "數據治理", "運用數據沙箱、聯邦學習等技術,優化營商環境。", essay=True),
    Section("tw/#s1", "其他", "發展數字經濟。", essay=True),
]


@pytest.mark.parametrize(
    ("query", "sections"),
    [
        ("数据沙箱", ["tw/"]),
        ("數據沙箱", ["tw/"]),
        ("营商环境", ["tw/"]),
        ("数字经济", ["tw/#s1"]),
        ("数据 发展", []),  # all words in one section, as ever
        ("沙箱环境", []),  # exact, not pieces: found whole nowhere, so a partial match
    ],
)
def test_a_text_in_traditional_script_is_found_by_either_script(
    browser: Browser, built_site: Path, query: str, sections: list[str]
) -> None:
    with engine_page(browser, built_site, index_parts(TRADITIONAL_TEXT, {})) as page:
        items = search(page, query)
    found = [
        split_location(doc["location"])[1]
        for group in items
        for doc in group
        if doc["text"] and "pr-partial" not in doc["text"]
    ]
    assert found == sections


def test_the_index_carries_only_the_characters_its_text_needs() -> None:
    folds = script_folds(["数据沙箱"])
    assert folds == {t: s for t, s in folds.items() if s in "数据沙箱"}
    assert {"數", "據"} <= folds.keys() and "學" not in folds
    assert script_folds(["聯邦學習"])["學"] == "学"


def test_a_traditional_character_sharing_its_simplified_form_with_one_in_the_text_is_carried() -> None:
    # 髮 (hair) and 發 (to issue) are both 发: a text printing 髮 is read as 发, so a query typed with 發
    # must be read as 发 too, though neither 發 nor 发 occurs in the text.
    assert opencc.OpenCC("t2s.json").convert("髮\n發") == "发\n发"
    folds = script_folds(["理髮"])
    assert folds["髮"] == folds["發"] == "发"
    # Nothing else: only what reads as a character of the text (理 has a compatibility form, U+F9E4).
    assert set(folds.values()) == {"发", "理"}, folds


@pytest.mark.parametrize("query", ["理髮", "理發", "理发"])
def test_a_text_printing_one_of_two_traditional_forms_is_found_by_the_other(
    browser: Browser, built_site: Path, query: str
) -> None:
    text = [Section("tw/", "服務", "理髮店。", essay=True)]
    with engine_page(browser, built_site, index_parts(text, {})) as page:
        items = search(page, query)
    assert [split_location(doc["location"])[1] for group in items for doc in group if doc["text"]] == ["tw/"]


@pytest.mark.parametrize(("traditional", "simplified"), PAIRS[:3])
def test_the_search_box_shows_the_same_list_for_either_script(
    browser: Browser, built_site: Path, traditional: str, simplified: str
) -> None:
    with serve(built_site) as url, opened(browser, url, viewport={"width": 1280, "height": 900}) as page:
        lists = []
        for query in (simplified, traditional):
            type_query(page, query)
            wait_for_results(page)
            lists.append([[(link.href, link.text) for link in item] for item in shown_results(page)])
    assert lists[0], f"{simplified} finds nothing"
    assert lists[1] == lists[0]
