"""The matcher reads a text a sentence at a time and remembers each sentence's matches.

What a sentence holds does not depend on the text around it (no spelling runs over
its end, and word edges are looked for within the clause), so the remembered matches
of a sentence serve wherever it comes again. A glossary with a spelling that holds
"。" is read a whole text at a time.
"""

from __future__ import annotations

import pytest

from build_tools.glossary.matcher import TermMatcher
from build_tools.glossary.model import Glossary, Term


def matcher(*terms: str) -> TermMatcher:
    return TermMatcher(Glossary([Term(id=f"t{n}", term=t, definition="释义。") for n, t in enumerate(terms)]))


def found(m: TermMatcher, text: str) -> list[tuple[int, str]]:
    return [(x.start, text[x.start : x.end]) for x in m.find(text)]


@pytest.mark.parametrize(
    ("terms", "text", "expected"),
    [
        (("数据",), "数据。数据库。数据", [(0, "数据"), (7, "数据")]),
        (("数据",), "。。数据。", [(2, "数据")]),
        (("数据", "数据要素"), "推动数据要素流通。推动数据要素流通。", [(2, "数据要素"), (11, "数据要素")]),
        (("一网通办。",), "推进一网通办。加快一网通办", [(2, "一网通办。")]),
        (("。加快", "加快"), "推进一网通办。加快", [(6, "。加快")]),
        (("数据沙箱",), "运用数据\n    沙箱。运用数据\n沙箱", [(2, "数据\n    沙箱"), (14, "数据\n沙箱")]),
        (("5G",), "5G。5G基站。规划5GHz", [(0, "5G"), (3, "5G")]),
        (("数据",), "", []),
    ],
    ids=[
        "two-sentences",
        "empty-sentences",
        "repeated",
        "form-with-stop",
        "form-across-stop",
        "line-breaks",
        "latin",
        "empty",
    ],
)
def test_matches_in_each_sentence(terms: tuple[str, ...], text: str, expected: list[tuple[int, str]]) -> None:
    m = matcher(*terms)
    assert found(m, text) == expected
    assert found(m, text) == expected  # again, from what is remembered


def test_a_remembered_sentence_serves_another_text() -> None:
    m = matcher("数据", "数据中心")
    first = found(m, "建设数据中心。")
    assert first == [(2, "数据中心")]
    assert found(m, "推动数据要素流通。建设数据中心。") == [(2, "数据"), (11, "数据中心")]


def test_clear_cache_forgets_and_finds_the_same() -> None:
    m = matcher("算力")
    text = "提升算力服务。计算力。"
    before = found(m, text)
    m.clear_cache()
    assert found(m, text) == before == [(2, "算力")]
