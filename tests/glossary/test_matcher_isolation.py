"""One glossary's terms never change what another glossary's matcher finds.

Every matcher adds its terms to jieba's dictionary. A longer term of an earlier
glossary (the one before an editor removed it, in a `mkdocs serve` session) must
not hide a shorter term of a later one that stands alone in the text.
"""

from __future__ import annotations

import pytest

from build_tools.glossary.matcher import TermMatcher
from build_tools.glossary.model import Glossary, Term


def matcher(*terms: str) -> TermMatcher:
    return TermMatcher(Glossary([Term(id=f"t{n}", term=t, definition="释义。") for n, t in enumerate(terms)]))


def found(m: TermMatcher, text: str) -> list[str]:
    return [text[x.start : x.end] for x in m.find(text)]


@pytest.mark.parametrize(
    ("term", "text", "earlier"),
    [
        ("数据", "推动数据要素流通", "数据要素"),
        ("大数据中心", "建设一体化大数据中心协同创新体系", "一体化大数据中心协同创新体系"),
        ("算力", "提升算力服务品质", "算力服务"),
    ],
    ids=["shu-ju", "da-shu-ju-zhong-xin", "suan-li"],
)
def test_an_earlier_glossary_does_not_change_the_matches(term: str, text: str, earlier: str) -> None:
    first = matcher(term)
    assert found(first, text) == [term]
    assert found(matcher(earlier), text) == [earlier]
    assert found(matcher(term), text) == [term]
    assert found(first, text) == [term]
