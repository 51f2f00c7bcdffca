"""Word diffs inside a paragraph, and how the comparison page marks them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from build_tools.importer.editions.diff import word_diff
from build_tools.importer.editions.render import marked


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param("统筹发展。", "统筹发展。", [("equal", "统筹发展。")], id="unchanged"),
        pytest.param(
            "是推进治理能力现代化的主要途径。",
            "是推进治理能力现代化的重要途径。",
            # jieba cuts 主要途径 as one word: the whole word is replaced, never 主 → 重 inside it.
            [("equal", "是推进治理能力现代化的"), ("delete", "主要途径"), ("insert", "重要途径"), ("equal", "。")],
            id="word-replaced-whole",
        ),
        pytest.param(
            "要明确全省数字化转型的总体要求。",
            "要进一步明确区域数字化转型的总体要求和时间表。",
            [
                ("equal", "要"),
                ("insert", "进一步"),
                ("equal", "明确"),
                ("delete", "全省"),
                ("insert", "区域"),
                ("equal", "数字化转型的总体要求"),
                ("insert", "和时间表"),
                ("equal", "。"),
            ],
            id="insertions-and-a-replacement",
        ),
        pytest.param(
            "坚持创新驱动,统筹协同,集约共享。",
            "坚持创新驱动,集约共享。",
            [("equal", "坚持创新驱动,"), ("delete", "统筹协同,"), ("equal", "集约共享。")],
            id="clause-deleted",
        ),
        pytest.param("", "新增一段。", [("insert", "新增一段。")], id="added-paragraph"),
        pytest.param(
            "建成5G基站1.2万个,占比35%。",
            "建成5G基站2.4万个,占比35.5%。",
            [
                ("equal", "建成5G基站"),
                ("delete", "1.2"),
                ("insert", "2.4"),
                ("equal", "万个,占比"),
                ("delete", "35%"),
                ("insert", "35.5%"),
                ("equal", "。"),
            ],
            id="figures-whole",
        ),
    ],
)
def test_words_are_diffed_whole(old: str, new: str, expected: list[tuple[str, str]]) -> None:
    diff = word_diff(old, new)
    assert diff == expected
    assert "".join(t for op, t in diff if op != "insert") == old
    assert "".join(t for op, t in diff if op != "delete") == new


@pytest.mark.parametrize(
    ("old", "new", "spoken", "shown"),
    [
        pytest.param(
            "推进数据共享", "推进数据共享平台", "推进数据共享[新增:平台]", "推进数据共享平台", id="insertion-announced"
        ),
        pytest.param("推进<b>数据", "推进", "推进[删除:<b>数据]", "推进<b>数据", id="deletion-announced-and-escaped"),
    ],
)
def test_marks_are_announced_and_escaped(old: str, new: str, spoken: str, shown: str) -> None:
    html = "".join(marked(word_diff(old, new)))
    soup = BeautifulSoup(f"<p>{html}</p>", "html.parser")
    assert soup.get_text() == spoken
    for hidden in soup.select(".pr-visually-hidden"):
        hidden.decompose()
    assert soup.get_text() == shown
    assert soup.find("b") is None  # the published text's "<b>" stays text
    assert soup.select("ins, del")
