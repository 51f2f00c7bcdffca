"""Golden tests of the importer: the structure it reads from whole pages.

Each page of ``tests/importer/pages/`` (small hand-written theory pages, one layout
feature each) and the two real pages, read in place, is loaded with its manifest
by `load_source` and its `Page.to_json()` compared with ``golden/<name>.json``.
Golden files are written by ``pytest --update-golden`` and reviewed by eye.

A second table holds essays whose paragraphs open with short, thesis-like
sentences that are ordinary prose: none of them may become measures.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from build_tools.sources.parse import parse_page
from build_tools.sources.source import load_source
from tests.importer.importer_support import GANSU, GOLDEN, JFJB, PAGES

HAND_MADE = sorted(PAGES.glob("*.txt"))
REAL = [GANSU, JFJB]


def test_hand_made_pages_exist() -> None:
    assert len(HAND_MADE) >= 5, f"expected the hand-made pages in {PAGES}"


@pytest.mark.parametrize("page", [*HAND_MADE, *REAL], ids=lambda p: p.stem)
def test_page_structure_matches_golden(page: Path, golden: Callable[[Path, object], None]) -> None:
    source = load_source(page, page.name)
    golden(GOLDEN / f"{page.stem}.json", source.page.to_json())


def test_every_golden_file_has_its_page() -> None:
    pages = {p.stem for p in [*HAND_MADE, *REAL]}
    orphans = sorted(g.name for g in GOLDEN.glob("*.json") if g.stem not in pages)
    assert orphans == [], "golden files whose page is gone; delete them"


NOT_MEASURES = {
    "one short opening in the middle": [
        "党的作风关系人心向背。作风建设永远在路上,任何时候都不能有松一松、歇一歇的想法。",
        "形式主义害人不浅。一些地方热衷于开会发文、填表报数,基层干部疲于应付,真正抓落实的时间反而少了。",
        "纠治形式主义,要从领导机关做起,从精简会议文件做起,把基层干部从繁文缛节中解脱出来。",
        "只有坚持不懈地改进作风,才能赢得群众的信任和支持,为各项事业发展营造良好环境。",
    ],
    "short openings not side by side": [
        "青年是国家的未来。当代青年生逢其时,施展才干的舞台无比广阔,实现梦想的前景无比光明。",
        "奋斗是青春最亮丽的底色。不少青年扎根西部、服务基层,在平凡岗位上书写了不平凡的人生。",
        "也要看到,一些青年面对就业、住房等现实压力,容易产生焦虑情绪,需要社会给予更多关心和帮助。",
        "路要一步一步走。只要脚踏实地、久久为功,每一份努力都不会被辜负。",
        "各级党组织要当好青年的知心朋友,帮助他们解决实际困难,引导他们在奋斗中实现人生价值。",
    ],
    "three short openings, then two prose paragraphs": [
        "能不能讲真话,是检验干部作风的重要标尺。",
        "言必信,行必果。说到就要做到,承诺了就要兑现,这是干部取信于民的基本要求。",
        "群众心里有杆秤。干部是不是真心为民,群众看得一清二楚。",
        "知易行难。讲真话有时要得罪人,要承担风险,需要有担当的勇气。",
        "有的干部遇到矛盾绕着走,碰到难题往上推,表面上一团和气,实际上贻误了工作。",
        "作为党员干部,就要始终把人民放在心中最高位置,说老实话、办老实事、做老实人。",
    ],
    "two short openings, then a conclusion": [
        "领导干部读书,不仅是个人爱好,更是一种政治责任。面对新形势新任务,不读书、不学习,本领就会落后。",
        "道理并不复杂。可现实中,一些干部总以工作忙为由,把读书当作可有可无的事情。",
        "时间是挤出来的。只要真正把读书当作一种责任,就总能在忙碌中找到读书的时间。",
        "有的干部读书浅尝辄止,满足于记几句名言、摘几段语录,遇到实际问题依然束手无策。",
    ],
}


@pytest.mark.parametrize("paragraphs", NOT_MEASURES.values(), ids=NOT_MEASURES.keys())
def test_prose_with_short_openings_has_no_measures(paragraphs: list[str]) -> None:
    text = "\n".join(["论作风建设", "张文华", *paragraphs, "(作者单位:甘肃省委党校)"]) + "\n"
    page = parse_page(text, "essay.txt")
    (article,) = page.articles
    assert [p.text for p in article.paragraphs] == paragraphs
    assert article.measures == []
