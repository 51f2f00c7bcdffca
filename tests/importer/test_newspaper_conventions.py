"""Newspaper pages as they are printed: column labels, 内容提要 and 编者按 boxes, captions, lost bylines.

The pages are short texts written for these tests in the style of 人民日报 theory pages (real pages
are under copyright). Each convention is read from a real import (`parse_page` or `load_source`),
and every doubtful reading must come with a warning naming its line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.sources.model import Caption, Paragraph
from build_tools.sources.newspaper import split_column
from build_tools.sources.parse import parse_page
from build_tools.sources.source import load_source
from tests.conftest import policy_reader
from tests.importer.importer_support import GANSU, JFJB, PAGES

LOST_BYLINES = PAGES / "lost-bylines-columns-boxes.txt"


def _page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_a_page_whose_copy_lost_its_bylines_imports_as_its_three_essays() -> None:
    page = load_source(LOST_BYLINES, LOST_BYLINES.name).page
    assert [a.title for a in page.articles] == [
        "底气来自扎实的发展基础",
        "让制度优势更好转化为治理效能",
        "在基层实践中检验理论成果",
    ]
    assert [a.column for a in page.articles] == ["大家手笔", "新知新觉", "学术随笔"]
    assert page.articles[0].printed_title == "底气来自扎实的发展基础（大家手笔）"
    # The label is shown, but no part of the essay's address.
    assert page.articles[0].id == "di-qi-lai-zi-zha-shi-de-fa-zhan-ji-chu"
    assert all("da-jia" not in a.id and "xue-shu" not in a.id for a in page.articles)
    # No essay's author is a box label, and no essay title became a section heading.
    assert all(a.authors == [] and a.headings == [] for a in page.articles)
    assert [a.affiliation for a in page.articles] == [
        "作者为某大学经济学院教授",
        "作者单位：某省委党校",
        "作者为某社会科学院研究员",
    ]
    assert page.title is None and page.boxes == []


def test_each_essay_of_unknown_author_is_a_warning_naming_its_title_line() -> None:
    page = load_source(LOST_BYLINES, LOST_BYLINES.name).page
    assert [w.line for w in page.warnings] == [1, 12, 17]
    assert all("author is unknown" in w.problem for w in page.warnings)
    assert "底气来自扎实的发展基础（大家手笔）" in page.warnings[0].problem


def test_summary_box_is_the_essays_summary_not_its_text() -> None:
    first, _, third = load_source(LOST_BYLINES, LOST_BYLINES.name).page.articles
    assert first.summary is not None and first.summary.label == "内容提要"
    assert first.summary.paragraphs[0].startswith("面对复杂多变的外部环境")
    # The one-line form 内容提要：…… too.
    assert third.summary is not None and third.summary.paragraphs == [
        "理论来源于实践，也要回到实践中接受检验。基层是理论成果落地生根的土壤。"
    ]
    assert all("内容提要" not in p.text and "面对复杂多变" not in p.text for p in first.paragraphs)
    assert first.paragraphs[0].text.startswith("过去一年") and first.paragraphs[0].number == 1


def test_editors_box_after_an_essay_belongs_to_the_essay_it_precedes() -> None:
    first, second, _ = load_source(LOST_BYLINES, LOST_BYLINES.name).page.articles
    (box,) = second.boxes
    assert (box.kind, box.label, box.signature, box.line) == ("editor", "编者的话", "——编者", 9)
    assert box.paragraphs == [
        "治理现代化是一篇大文章。本期刊发的文章，从制度建设的角度谈谈如何让治理更有效率、更有温度。"
    ]
    assert first.boxes == [first.summary]
    assert all("编者" not in p.text for p in [*first.paragraphs, *second.paragraphs])


def test_captions_are_captions_not_numbered_paragraphs() -> None:
    first, _, third = load_source(LOST_BYLINES, LOST_BYLINES.name).page.articles
    assert [(c.anchor, c.line) for c in first.captions] == [("caption-1", 7)]
    assert [c.text for c in third.captions] == ["（图片来源：某市融媒体中心）"]
    assert [p.number for p in first.paragraphs] == [1, 2, 3]
    assert all("摄" not in p.text for p in first.paragraphs)


def test_the_same_page_with_its_bylines_reads_the_same_without_warnings(tmp_path: Path) -> None:
    lines = LOST_BYLINES.read_text(encoding="utf-8").splitlines()
    authors = {1: "■王立新", 12: "李明 张华", 17: "作者：赵文"}
    with_bylines = [line for number, text in enumerate(lines, 1) for line in [text, authors.get(number)] if line]
    path = tmp_path / "with-bylines.txt"
    path.write_text(_page(*with_bylines), encoding="utf-8")
    page = load_source(path, path.name).page
    lost = load_source(LOST_BYLINES, LOST_BYLINES.name).page
    assert [[x.name for x in a.authors] for a in page.articles] == [["王立新"], ["李明", "张华"], ["赵文"]]
    assert [(a.title, a.column, a.id) for a in page.articles] == [(a.title, a.column, a.id) for a in lost.articles]
    assert [[p.text for p in a.paragraphs] for a in page.articles] == [
        [p.text for p in a.paragraphs] for a in lost.articles
    ]
    assert [len(a.boxes) for a in page.articles] == [1, 1, 1]
    assert page.warnings == []


@pytest.mark.parametrize(
    ("line", "title", "column"),
    [
        ("有实力有底气有信心（大家手笔）", "有实力有底气有信心", "大家手笔"),
        ("保障“中国号”巨轮行稳致远（新知新觉）", "保障“中国号”巨轮行稳致远", "新知新觉"),
        ("把握新发展阶段的历史方位(人民观察)", "把握新发展阶段的历史方位", "人民观察"),
        ("在读书中涵养家国情怀（读书札记）", "在读书中涵养家国情怀", "读书札记"),  # the general rule
        ("论新时代的调查研究（上）", "论新时代的调查研究（上）", None),
        ("论新时代的调查研究（节选）", "论新时代的调查研究（节选）", None),
        ("中国经济发展报告（2020年版）", "中国经济发展报告（2020年版）", None),
        (
            "关于若干问题（其中一些问题涉及多个部门的职责分工）",
            "关于若干问题（其中一些问题涉及多个部门的职责分工）",
            None,
        ),
        ("发展新质生产力", "发展新质生产力", None),
        ("让人工智能更好服务发展（AI）", "让人工智能更好服务发展（AI）", None),
        ("乡村振兴促进办法（征求意见稿）", "乡村振兴促进办法（征求意见稿）", None),
        ("谈谈调查研究（下篇）", "谈谈调查研究（下篇）", None),
    ],
)
def test_column_label_is_a_short_parenthesised_phrase_ending_the_title(
    line: str, title: str, column: str | None
) -> None:
    assert split_column(line) == (title, column)


def test_a_label_below_a_title_is_never_its_author() -> None:
    text = _page(
        "数字经济赋能实体经济（人民要论）",
        "内容提要",
        "数字技术与实体经济深度融合，是推动高质量发展的重要途径。",
        "数字经济正在重塑生产方式。越来越多的企业把数据作为新的生产要素，用算法优化生产流程。",
        "实体经济是数字经济的根基。离开了制造业的支撑，数字技术就会成为无源之水。",
        "（作者为某研究院研究员）",
    )
    page = parse_page(text, "page.txt")
    (essay,) = page.articles
    assert essay.authors == [] and essay.title == "数字经济赋能实体经济" and page.title is None
    assert essay.summary is not None and len(essay.paragraphs) == 2
    assert [w.line for w in page.warnings] == [1]


def test_a_byline_that_names_the_papers_voice_is_read_with_a_warning() -> None:
    text = _page(
        "以钉钉子精神抓好落实",
        "本报评论员",
        "抓落实是干事创业的关键。蓝图已经绘就，关键在于一张蓝图绘到底。",
        "抓落实要有担当。面对困难不推诿、不回避，才能把各项任务落到实处。",
    )
    page = parse_page(text, "page.txt")
    assert [a.name for a in page.articles[0].authors] == ["本报评论员"]
    (warning,) = page.warnings
    assert warning.line == 2 and "本报评论员" in warning.problem


def test_a_heading_carrying_a_column_label_is_a_warning() -> None:
    text = _page(
        "激发创新活力",
        "■陈晓",
        "创新是引领发展的第一动力。要营造鼓励探索、宽容失败的良好环境。",
        "稳住农业基本盘（学术随笔）",
        "粮食安全是国之大者。要坚决守住耕地红线，把饭碗牢牢端在自己手中。",
    )
    page = parse_page(text, "page.txt")
    assert [h.title for h in page.articles[0].headings] == ["稳住农业基本盘（学术随笔）"]
    (warning,) = page.warnings
    assert warning.line == 4 and "学术随笔" in warning.problem and "section heading" in warning.problem


def test_an_essay_holding_two_closing_lines_is_a_warning_naming_the_first() -> None:
    text = _page(
        "让乡村留得住人才",
        "■周宁",
        "人才是乡村振兴的关键。近年来，各地出台政策吸引青年返乡创业。",
        "（作者为某农业大学教授）",
        "留住人才更要用好人才。要为返乡青年搭建平台，让他们的本事有用武之地。",
        "（作者单位：某县委党校）",
    )
    page = parse_page(text, "page.txt")
    (essay,) = page.articles
    assert essay.affiliation == "作者单位：某县委党校"
    (warning,) = page.warnings
    assert warning.line == 4 and "does not end it" in warning.problem


def test_a_theme_box_before_the_first_essay_belongs_to_the_page() -> None:
    text = _page(
        "理论版",
        "本期主题",
        "如何看待当前经济形势，是社会普遍关心的问题。",
        "本期两篇文章，分别从消费和投资的角度作出分析。",
        "——编者",
        "扩大内需要打好组合拳",
        "■孙立",
        "消费是经济增长的主引擎。要多渠道增加居民收入，增强消费能力。",
        "有效投资是稳增长的关键。要聚焦补短板、强弱项，提高投资效益。",
    )
    page = parse_page(text, "page.txt")
    assert page.title == "理论版"
    (box,) = page.boxes
    assert (box.label, box.signature, len(box.paragraphs)) == ("本期主题", "——编者", 2)
    assert page.articles[0].boxes == [] and len(page.articles[0].paragraphs) == 2
    assert page.warnings == []


@pytest.mark.parametrize(
    "caption",
    [
        "图为游客在古镇参观。新华社记者 李华 摄",
        "本报记者 张强摄",
        "（图片来源：视觉中国）",
        "上图：丰收时节的稻田。（资料图片）",
    ],
)
def test_caption_lines_are_captions(caption: str) -> None:
    text = _page(
        "守护好一江碧水",
        "■吴江",
        "生态保护是长江经济带发展的前提。要坚持共抓大保护、不搞大开发。",
        caption,
        "绿色发展要算长远账。保护好生态环境，就是保护好发展的根基。",
    )
    (essay,) = parse_page(text, "page.txt").articles
    assert [type(item) for item in essay.body] == [Paragraph, Caption, Paragraph]
    assert essay.captions[0].text == caption and [p.number for p in essay.paragraphs] == [1, 2]


def test_inspect_prints_the_parts_and_the_warnings() -> None:
    result = policy_reader(PAGES, "inspect", str(LOST_BYLINES))
    assert result.returncode == 0, result.stderr
    assert "column: 大家手笔" in result.stdout and "box (summary): 内容提要" in result.stdout
    assert "caption #caption-1" in result.stdout and "author:  (unknown)" in result.stdout
    assert f"{LOST_BYLINES.name}:12: the essay" in result.stderr


def test_check_reports_the_pages_warnings(project: Path) -> None:
    (project / "sources" / LOST_BYLINES.name).write_bytes(LOST_BYLINES.read_bytes())
    assert policy_reader(project, "import").returncode == 0
    result = policy_reader(project, "check")
    assert result.returncode == 0, result.stderr
    assert f"warning: sources/{LOST_BYLINES.name}:17: the essay" in result.stderr


def test_a_closing_line_below_the_byline_ends_no_essay() -> None:
    text = _page(
        "把握数字化转型的主动权",
        "■郑远",
        "（作者为某大学教授）",
        "以数据为关键要素",
        "数据已经成为新的生产要素。要加快数据确权、流通和交易制度建设，释放数据要素价值。",
        "以场景为牵引",
        "应用场景是技术落地的关键。要在制造、交通、医疗等领域开放更多场景，让新技术有用武之地。",
    )
    page = parse_page(text, "page.txt")
    (essay,) = page.articles
    assert essay.affiliation == "作者为某大学教授" and [a.name for a in essay.authors] == ["郑远"]
    assert [h.title for h in essay.headings] == ["以数据为关键要素", "以场景为牵引"]
    assert page.warnings == []


def test_a_two_character_name_spaced_to_three_is_one_author() -> None:
    text = _page(
        "守护好一江碧水",
        "李　明",
        "生态保护是长江经济带发展的前提。要坚持共抓大保护、不搞大开发。",
        "绿色发展要算长远账。保护好生态环境，就是保护好发展的根基。",
    )
    page = parse_page(text, "page.txt")
    assert [a.name for a in page.articles[0].authors] == ["李明"] and page.warnings == []


#: The warnings each page of essays in the tests is expected to give, by the lines they name.
EXPECTED_WARNINGS = {"lost-bylines-columns-boxes": [1, 12, 17]}


@pytest.mark.parametrize("page", [*sorted(PAGES.glob("*.txt")), GANSU, JFJB], ids=lambda p: p.stem)
def test_no_page_of_essays_is_read_with_a_doubt_left_unsaid(page: Path) -> None:
    read = load_source(page, page.name).page
    assert [w.line for w in read.warnings] == EXPECTED_WARNINGS.get(page.stem, [])


def test_a_box_between_title_and_byline_leaves_the_byline_its_author() -> None:
    text = _page(
        "标题之前的话",
        "■赵一",
        "开篇的这一段是正文。它讲述了一个完整的道理，供读者参考。",
        "（作者为某大学教授）",
        "让科技成果走出实验室",
        "编者按：科技成果转化率不高，是长期存在的问题。本文对此作一探讨。",
        "■钱二",
        "科技成果只有转化为现实生产力，才能真正造福社会。要打通从实验室到生产线的堵点。",
        "企业是创新的主体。要引导企业加大研发投入，与高校院所协同攻关。",
        "（作者单位：某科技大学）",
    )
    page = parse_page(text, "page.txt")
    second = page.articles[1]
    assert [a.name for a in second.authors] == ["钱二"] and second.headings == []
    assert [b.label for b in second.boxes] == ["编者按"] and len(second.paragraphs) == 2
    assert page.warnings == []


def test_a_copys_publication_line_inside_an_essay_is_a_warning() -> None:
    text = _page(
        "有实力有底气有信心（大家手笔）",
        "张三",
        "《 人民日报 》（ 2020年01月06日   09 版）",
        "发展的底气来自扎实的基础。我国经济韧性强、潜力足、回旋余地大。",
        "（作者为某大学教授）",
    )
    page = parse_page(text, "page.txt")
    (warning,) = page.warnings
    assert warning.line == 3 and "paper and date" in warning.problem and "manifest" in warning.fix
