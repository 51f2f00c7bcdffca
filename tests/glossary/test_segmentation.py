"""`Sentence.is_word` gives what jieba's own `cut` of the same window gives.

`Sentence` reads jieba's dictionary itself, shares work between the windows of one
text and remembers blocks by their text across texts. The reference here is the plain
way: cut the window with ``Tokenizer.cut(window, HMM=False)`` and look for word edges
at both ends.
"""

from __future__ import annotations

import re

import pytest

from build_tools.segmentation import Dictionary, tokenizer

CLAUSE_MARK = re.compile(r"[\s,，。、;；:：!！?？“”‘’\"'()（）《》〈〉【】\[\]—…·]")
JIEBA_CHAR = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")
GLOSSARY = ("数据", "算力", "大数据中心", "数据中心", "大数据", "5G", "IPv6", "新基建", "多方安全计算", "安全计算")


def certain_edge(text: str, at: int) -> bool:
    return at <= 0 or at >= len(text) or not JIEBA_CHAR.match(text[at - 1]) or not JIEBA_CHAR.match(text[at])


def jieba_is_word(words: tuple[str, ...], text: str, start: int, end: int, reach: int = 8) -> bool:
    """The reference: the clause around the word, `reach` characters either side, cut by jieba."""
    if certain_edge(text, start) and certain_edge(text, end):
        return True
    low, high = max(0, start - reach), min(len(text), end + reach)
    for mark in CLAUSE_MARK.finditer(text, low, start):
        low = mark.end()
    after = CLAUSE_MARK.search(text, end, high)
    if after:
        high = after.start()
    edges, position = {0}, 0
    for word in tokenizer(words).cut(text[low:high], HMM=False):
        position += len(word)
        edges.add(position)
    return start - low in edges and end - low in edges


TEXTS = [
    "探索运用数据沙箱、多方安全计算等技术,建设一体化大数据中心协同创新体系。",
    "加快建设5G基站,规划5GHz频段,部署IPv6网络,推广IPv6地址,推进宽带网络、5G、IPv6建设。",
    "提升计算力和算力服务品质,推动数据库与数据要素市场化配置改革",
    "ab12 c\r\n数据、R&D投入%与a.b#c-d的x1y2z3数据中心\r\r\n新基建",
    "以习近平新时代中国特色社会主义思想为指导将数字化改革建设发展作为全省全面深化改革的主抓手",
    "数",
    "“数据”(大数据)【算力】《新基建》—数据中心…·5G",
]


@pytest.mark.parametrize("words", [GLOSSARY, ()], ids=["glossary", "jieba-alone"])
@pytest.mark.parametrize("reach", [8, 3, 0])
@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_is_word_agrees_with_jieba_cut_on_every_span(text: str, reach: int, words: tuple[str, ...]) -> None:
    sentence = Dictionary(words).sentence(text)
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 7) + 1):
            expected = jieba_is_word(words, text, start, end, reach)
            assert sentence.is_word(start, end, reach) == expected, (text[start:end], start, end)


@pytest.mark.parametrize(
    ("clause", "before", "after", "start", "end"),
    [
        ("推动数据要素流通", "我们要", "加快", 2, 4),
        ("数据库建设", "大数据", "", 0, 2),
        ("提升计算力", "", "和算力服务", 3, 5),
        ("部署IPv6网络", "规划5GHz频段", "推广", 2, 6),
    ],
    ids=["shu-ju", "inside-longer", "suan-li", "ipv6"],
)
def test_a_block_cut_in_one_text_serves_the_same_clause_in_another(
    clause: str, before: str, after: str, start: int, end: int
) -> None:
    dictionary = Dictionary(GLOSSARY)
    assert dictionary.sentence(clause).is_word(start, end) == jieba_is_word(GLOSSARY, clause, start, end)
    remembered = dict(dictionary.blocks)
    assert remembered, "the clause was cut"
    # The same clause between commas, further on in another text: the same block, from another offset.
    text = f"{before},{clause},{after}"
    shift = len(before) + 1
    got = dictionary.sentence(text).is_word(shift + start, shift + end)
    assert got == jieba_is_word(GLOSSARY, text, shift + start, shift + end)
    assert dictionary.blocks == remembered, "nothing new was cut"


def test_clear_cache_forgets_the_blocks() -> None:
    dictionary = Dictionary(GLOSSARY)
    dictionary.sentence("提升计算力和算力服务").is_word(2, 4)
    assert dictionary.blocks
    dictionary.clear_cache()
    assert not dictionary.blocks
