"""Paragraph matching across editions: which paragraph became which, and which moved."""

from __future__ import annotations

import pytest

from build_tools.importer.editions.compare import compare_edition, same_essays
from build_tools.importer.editions.match import Row, match_paragraphs
from build_tools.sources.decode import decode_page
from build_tools.sources.editions.model import Edition, EditionEntry
from build_tools.sources.parse import parse_page
from build_tools.sources.source import load_source
from tests.conftest import ROOT
from tests.editions.conftest import DRAFT, GANSU

A = "数字政府建设是全省数字化建设改革发展的重点内容。"
B = "重视业务流程优化再造和模式创新,以建设数字政府为突破口。"
C = "把好集约化建设和服务效能的关口,讲求服务和运行效果。"
D = "坚持把数字政府建设作为催生数字经济新业态新模式的重要引擎。"
E = "坚持发展与安全并重,健全数字政府网络安全和数据安全制度。"
C2 = "把好集约化建设和服务效能的关口,讲求实际运行效果和群众满意度。"


def shape(rows: list[Row]) -> list[tuple[int | None, int | None, str, bool]]:
    return [(r.old, r.new, r.change, r.moved) for r in rows]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param([A, B], [A, B], [(0, 0, "same", False), (1, 1, "same", False)], id="unchanged"),
        pytest.param([A, C], [A, C2], [(0, 0, "same", False), (1, 1, "changed", False)], id="reworded"),
        pytest.param(
            [A, B], [A, E, B], [(0, 0, "same", False), (None, 1, "added", False), (1, 2, "same", False)], id="added"
        ),
        pytest.param(
            [A, E, B], [A, B], [(0, 0, "same", False), (1, None, "removed", False), (2, 1, "same", False)], id="removed"
        ),
        pytest.param([E, A], [A], [(0, None, "removed", False), (1, 0, "same", False)], id="removed-first"),
        pytest.param(
            [A, B, C, D],
            [C, D, A, B],
            # Of two equally long runs in order, the one earlier in the current text stays; the other moved.
            [(2, 0, "same", False), (3, 1, "same", False), (0, 2, "same", True), (1, 3, "same", True)],
            id="two-moved",
        ),
        pytest.param(
            [A, B, C],
            [A, C2, B],
            [(0, 0, "same", False), (2, 1, "changed", False), (1, 2, "same", True)],
            id="moved-and-reworded",
        ),
        pytest.param([], [A], [(None, 0, "added", False)], id="from-nothing"),
        pytest.param([A], [], [(0, None, "removed", False)], id="to-nothing"),
        pytest.param([A, A], [A], [(0, 0, "same", False), (1, None, "removed", False)], id="repeated-paragraph"),
    ],
)
def test_paragraphs_are_matched(old: list[str], new: list[str], expected: list[tuple[object, ...]]) -> None:
    assert shape(match_paragraphs(old, new)) == expected


def test_every_paragraph_of_both_editions_appears_once() -> None:
    old, new = [A, B, C, D, E], [D, C2, A, "另起一段全新的文字,与前文无关。"]
    rows = match_paragraphs(old, new)
    assert sorted(r.old for r in rows if r.old is not None) == list(range(len(old)))
    assert [r.new for r in rows if r.new is not None] == list(range(len(new)))


def draft_edition() -> Edition:
    entry = EditionEntry(f"sources/editions/{GANSU}/draft.txt", "2021-11", "征求意见稿")
    current = load_source(ROOT / "sources" / f"{GANSU}.txt", f"sources/{GANSU}.txt")
    text = decode_page(DRAFT.read_bytes(), "draft").text
    return Edition(entry, entry.file, parse_page(text, entry.file, current.manifest.parse_options))


def test_the_derived_draft_differs_from_the_final_text_as_its_readme_says() -> None:
    current = load_source(ROOT / "sources" / f"{GANSU}.txt", f"sources/{GANSU}.txt")
    by_id = {c.old.id: c for c in compare_edition(draft_edition(), current.page)}
    rows = by_id["digital-government"].rows
    assert [r.change for r in rows].count("changed") == 1
    assert [r.change for r in rows].count("added") == 1
    assert [r.change for r in rows].count("removed") == 1
    assert sum(r.moved for r in rows) == 2
    # ¶9 of the draft (突出高标准建设) is ¶6 now; the removed ¶8 has no counterpart.
    assert by_id["digital-government"].counterpart(9) == 6
    assert by_id["digital-government"].counterpart(8) is None
    assert not by_id["innovation-highland"].changed and not by_id["new-infrastructure"].changed


@pytest.mark.parametrize(
    ("old_title", "matched"),
    [
        pytest.param("加强“数字政府”建设 助推“数字经济”发展", "digital-government", id="same-title"),
        pytest.param("加强数字政府建设 推动数字经济发展", "digital-government", id="retitled"),
        pytest.param("关于黄河流域生态保护的几点思考", None, id="another-essay"),
    ],
)
def test_a_retitled_essay_is_the_same_essay(old_title: str, matched: str | None) -> None:
    current = load_source(ROOT / "sources" / f"{GANSU}.txt", f"sources/{GANSU}.txt")
    old = parse_page(f"{old_title}\n秦遇龙\n第一段正文,写明要求。\n", "old")
    found = same_essays(old, current.page)[old.articles[0].id]
    assert (found.id if found else None) == matched
