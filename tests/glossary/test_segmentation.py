"""`Segmenter` cuts as jieba's own `cut(…, HMM=False)` cuts, with the same user words.

`Segmenter` is jieba-rs (compiled); the reference is jieba's Python code, given the same
words at the frequencies the segmenter gave them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import jieba
import pytest

from build_tools.glossary.load import load_glossary
from build_tools.glossary.segmentation import Segmenter, segmenter
from tests.conftest import REAL_PAGES, ROOT

GLOSSARY = ("数据", "算力", "大数据中心", "数据中心", "大数据", "5G", "IPv6", "新基建", "多方安全计算", "安全计算")
TEXTS = [
    "探索运用数据沙箱、多方安全计算等技术,建设一体化大数据中心协同创新体系。",
    "加快建设5G基站,规划5GHz频段,部署IPv6网络,推广IPv6地址,推进宽带网络、5G、IPv6建设。",
    "提升计算力和算力服务品质,推动数据库与数据要素市场化配置改革",
    "ab12 c\r\n数据、R&D投入%与a.b#c-d的x1y2z3数据中心\r\r\n新基建",
    "以习近平新时代中国特色社会主义思想为指导将数字化改革建设发展作为全省全面深化改革的主抓手",
    "数",
    "",
    "“数据”(大数据)【算力】《新基建》—数据中心…·5G",
]


def python_jieba(words: Segmenter) -> jieba.Tokenizer:
    """jieba's Python tokenizer with the segmenter's words, at the frequencies it gave them."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word, frequency in words.frequencies.items():
        tokenizer.add_word(word, frequency)
    return tokenizer


@pytest.fixture(scope="module")
def real_glossary() -> tuple[str, ...]:
    glossary = load_glossary(ROOT / "glossary.yaml").glossary
    return tuple(form for term in glossary.terms for form in term.forms)


def windows(text: str) -> Iterator[str]:
    """Every piece of `text` of up to 24 characters that starts at a multiple of 3."""
    for start in range(0, len(text), 3):
        for length in (1, 2, 5, 11, 24):
            yield text[start : start + length]


def published_lines() -> list[str]:
    pages = [ROOT / "sources" / "gansu-2021-digital-development.txt", REAL_PAGES / "jfjb-xiuyang-2017.txt"]
    return [line for page in pages for line in page.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("words", [GLOSSARY, ()], ids=["glossary", "jieba-alone"])
def test_cuts_as_jieba_cuts_every_window_of_odd_texts(words: tuple[str, ...]) -> None:
    segments = Segmenter(words)
    reference = python_jieba(segments)
    for text in TEXTS:
        for window in [text, *windows(text)]:
            assert segments.cut(window) == list(reference.cut(window, HMM=False)), window


def test_cuts_the_published_pages_as_jieba_does_with_the_real_glossary(real_glossary: tuple[str, ...]) -> None:
    segments = Segmenter(real_glossary)
    reference = python_jieba(segments)
    lines = published_lines()
    assert len(lines) > 60, "both published pages were read (47 and 26 lines)"
    for line in lines:
        assert segments.cut(line) == list(reference.cut(line, HMM=False)), line
        for window in windows(line):
            assert segments.cut(window) == list(reference.cut(window, HMM=False)), window


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", {0}),
        ("数据库建设", {0, 3, 5}),
        ("运用数据沙箱、", {0, 2, 6, 7}),
        ("部署IPv6网络", {0, 2, 6, 8}),
    ],
)
def test_edges_are_where_words_begin_and_end(text: str, expected: set[int]) -> None:
    assert segmenter(("数据沙箱",)).edges(text) == expected


def test_a_glossary_word_moves_the_edges_only_of_its_own_segmenter() -> None:
    assert segmenter(("数据沙箱",)).edges("运用数据沙箱") == {0, 2, 6}
    assert 4 in segmenter().edges("运用数据沙箱"), "jieba alone cuts 数据|沙箱"


def test_the_same_words_give_the_same_segmenter() -> None:
    assert segmenter(["数据", "算力", "数据"]) is segmenter(("数据", "算力"))
