"""A measure that runs to a second paragraph keeps every measure of its essay.

The Gansu page as another paper (or a revised edition) would print it: an ordinary paragraph
inserted after a measure. Every measure, sub-measure and its paragraph must still be found; and
essays whose paragraphs open with short sentences here and there (the 解放军报 page, the essays
of test_golden's NOT_MEASURES, the page written below) must still have none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.annotations.corpus import corpus_of
from build_tools.sources.model import Page
from build_tools.sources.parse import parse_page
from build_tools.sources.source import load_source
from tests.importer.importer_support import GANSU, GANSU_TITLES, JFJB

#: An ordinary paragraph written for these tests: no thesis sentence of its own.
FURTHER = "这方面，各地已有不少探索可资借鉴，关键在于结合本地实际加以吸收转化，让好经验在更大范围落地见效。"

GANSU_LINES = GANSU.read_text(encoding="utf-8").splitlines()


def _measures(page: Page) -> list[list[object]]:
    return [[(m.title, [s.title for s in m.submeasures]) for m in a.measures] for a in page.articles]


def _measure_lines(page: Page) -> list[int]:
    """The source lines of every paragraph that opens a measure or sub-measure."""
    return [p.line for a in page.articles for p in a.paragraphs if p.measure or p.submeasure]


GANSU_PAGE = parse_page("\n".join(GANSU_LINES), GANSU.name)


def test_the_gansu_page_has_its_measures() -> None:
    assert [len(m) for m in _measures(GANSU_PAGE)] == [10, 6, 5]


@pytest.mark.parametrize("after", _measure_lines(GANSU_PAGE))
def test_a_paragraph_inserted_after_any_measure_keeps_every_measure(after: int) -> None:
    lines = [*GANSU_LINES[:after], FURTHER, *GANSU_LINES[after:]]
    page = parse_page("\n".join(lines), GANSU.name)
    assert _measures(page) == _measures(GANSU_PAGE)
    (essay,) = [a for a in page.articles if any(p.text == FURTHER for p in a.paragraphs)]
    further = next(p for p in essay.paragraphs if p.text == FURTHER)
    assert further.measure is None and further.submeasure is None
    # The paragraphs after it are numbered on; each measure still opens at its own paragraph.
    assert all(essay.paragraphs[m.paragraph - 1].measure is m for m in essay.measures)


def test_two_further_paragraphs_under_each_of_several_measures_keep_them() -> None:
    lines = list(GANSU_LINES)
    for after in sorted((line for line in range(25, 31)), reverse=True):  # 打造统筹谋划新高地 … 打造科技金融新高地
        lines[after:after] = [FURTHER]
    page = parse_page("\n".join(lines), GANSU.name)
    assert _measures(page) == _measures(GANSU_PAGE)


def test_the_jfjb_page_still_has_no_measures() -> None:
    page = parse_page(JFJB.read_text(encoding="utf-8"), JFJB.name)
    assert [a.measures for a in page.articles] == [[], [], []]


@pytest.mark.parametrize(
    "paragraphs",
    [
        # Two short openings with prose between: too few to tell from prose.
        [
            "路要一步一步走。只要脚踏实地、久久为功，每一份努力都不会被辜负。",
            "各级党组织要当好青年的知心朋友，帮助他们解决实际困难，引导他们在奋斗中实现人生价值。",
            "知易行难。讲真话有时要得罪人，要承担风险，需要有担当的勇气。",
            "有的干部遇到矛盾绕着走，碰到难题往上推，表面上一团和气，实际上贻误了工作。",
        ],
        # Three short openings, but more prose between them than openings.
        [
            "群众心里有杆秤。干部是不是真心为民，群众看得一清二楚。",
            "有的干部习惯于坐在办公室里听汇报、看材料，对基层的真实情况知之甚少。",
            "这样的作风，群众很难认可，工作也很难打开局面。",
            "知易行难。讲真话有时要得罪人，要承担风险，需要有担当的勇气。",
            "有的干部遇到矛盾绕着走，碰到难题往上推，表面上一团和气，实际上贻误了工作。",
            "长此以往，小问题拖成大问题，群众的意见也越来越大。",
            "言必信，行必果。说到就要做到，承诺了就要兑现，这是干部取信于民的基本要求。",
        ],
        # Three short openings side by side, then a long tail of prose: not a run that fills its block.
        [
            "言必信，行必果。说到就要做到，承诺了就要兑现，这是干部取信于民的基本要求。",
            "群众心里有杆秤。干部是不是真心为民，群众看得一清二楚。",
            "知易行难。讲真话有时要得罪人，要承担风险，需要有担当的勇气。",
            "有的干部遇到矛盾绕着走，碰到难题往上推，表面上一团和气，实际上贻误了工作。",
            "作为党员干部，就要始终把人民放在心中最高位置，说老实话、办老实事、做老实人。",
        ],
    ],
    ids=["two-openings-apart", "prose-between-openings", "openings-then-prose"],
)
def test_prose_with_short_openings_apart_has_no_measures(paragraphs: list[str]) -> None:
    intro = "作风建设永远在路上，任何时候都不能有松一松、歇一歇的想法，必须常抓不懈、久久为功。"
    text = "\n".join(["论作风建设", "张文华", intro, *paragraphs, "（作者单位：某省委党校）"]) + "\n"
    (essay,) = parse_page(text, "essay.txt").articles
    assert len(essay.paragraphs) == len(paragraphs) + 1
    assert essay.measures == []


def test_a_caption_inside_a_measure_leaves_its_paragraphs_to_that_measure(tmp_path: Path) -> None:
    """Notes on a measure's further paragraph belong to the measure: a picture between them changes nothing."""
    lines = list(GANSU_LINES)
    lines[25:25] = ["图为兰州新区一处数据中心。新华社记者 张明 摄", FURTHER]  # after 打造统筹谋划新高地
    path = tmp_path / "gansu-with-a-picture.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (essay,) = [e for e in corpus_of([load_source(path, path.name)]).essays if e.title == GANSU_TITLES[1]]
    further = next(anchor for anchor, text in essay.paragraphs if text == FURTHER)
    assert essay.measure_of.get(further) == "measure-1"
    assert len(essay.measures) == 6
