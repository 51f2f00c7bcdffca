"""Real policy documents, as published, import whole: genre, head, clauses, closing, annexes, permalinks.

Each file of ``tests/data/documents/`` (see its README for where it was published) is loaded by
`load_source` as a maintainer's ``policy-reader inspect`` would, its `Document.to_json()` compared
with ``golden/documents/<name>.json`` (rewritten only by ``pytest --update-golden``), and every
non-blank line of the file must be accounted for: a title line, a head or closing line, a clause's
own heading line, or a paragraph, verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from build_tools.annotations.corpus import corpus_of
from build_tools.common.errors import InputError
from build_tools.importer.render_document import render_document
from build_tools.sources.model import Clause, Document, Paragraph
from build_tools.sources.numbering import chinese_number, chinese_numeral, numbering
from build_tools.sources.parse import SPACE
from build_tools.sources.source import load_source
from tests.conftest import REAL_PAGES, policy_reader
from tests.importer.importer_support import GOLDEN

DOCUMENTS = REAL_PAGES / "documents"
#: Each real document, the genre its shape shows, and how many clauses and paragraphs it holds
#: (an article's 款 are clauses: a law of 57 articles, 80 款 and 72 items has 217 in all, with its chapters).
EXPECTED = {
    "gov-opinion-government-new-media-2018": ("document", 22, 21),
    "gansu-government-work-report-2025": ("report", 17, 50),
    "notice-government-website-pilot-2018": ("document", 24, 22),
    "notice-individual-income-tax-deductions-2018": ("document", 100, 59),
    "regulation-patent-agency-2018": ("regulation", 100, 63),
    "notice-vocational-education-reform-2019": ("document", 28, 25),
    "notice-kindergartens-in-residential-areas-2019": ("document", 13, 12),
    "digital-economy-plan-14th-2021": ("document", 49, 58),
    "notice-state-council-work-rules-2004": ("document", 71, 60),
    "anti-monopoly-law-2007": ("regulation", 217, 152),
    "anti-monopoly-law-2022": ("regulation", 255, 177),
    "personal-information-protection-law-2021": ("regulation", 256, 171),
    "data-security-law-2021": ("regulation", 136, 74),
    "administrative-review-law-2023": ("regulation", 356, 250),
    "state-secrets-law-2024": ("regulation", 211, 140),
}


def _load(name: str) -> Document:
    path = DOCUMENTS / f"{name}.txt"
    document = load_source(path, path.name).document
    assert document is not None, f"{name} was not read as a document"
    return document


def test_every_document_file_is_listed() -> None:
    assert sorted(p.stem for p in DOCUMENTS.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", EXPECTED)
def test_document_structure_matches_golden(name: str, golden: Callable[[Path, object], None]) -> None:
    golden(GOLDEN / "documents" / f"{name}.json", _load(name).to_json())


@pytest.mark.parametrize(("name", "expected"), EXPECTED.items())
def test_document_genre_and_size(name: str, expected: tuple[str, int, int]) -> None:
    document = _load(name)
    assert (document.genre, len(document.clauses), len(document.paragraphs)) == expected
    assert document.warnings == []


def _first_line(items: list[Clause | Paragraph]) -> int | None:
    for item in items:
        return item.line
    return None


@pytest.mark.parametrize("name", EXPECTED)
def test_every_line_is_accounted_for(name: str) -> None:
    document = _load(name)
    lines = (DOCUMENTS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    text = {n: line.strip(SPACE) for n, line in enumerate(lines, start=1) if line.strip(SPACE)}
    seen: list[int] = list(range(1, len(document.title_lines) + 1))
    seen += [line.line for line in [*document.head, *document.closing]]
    for paragraph in document.paragraphs:
        assert paragraph.text == text[paragraph.line], f"paragraph {paragraph.number} is not verbatim"
        seen.append(paragraph.line)
    for clause in document.clauses:
        if clause.kind == "annex":  # its marker and title lines, up to its text
            end = _first_line(clause.children) or clause.line + 1
            seen += range(clause.line, end)
        elif clause.heading:
            assert text[clause.line].startswith(clause.marker)
            seen.append(clause.line)
    assert sorted(seen) == sorted(text), "lines read twice or not at all"
    assert document.title == "".join(text[n] for n in range(1, len(document.title_lines) + 1))


PERMALINKS = {
    "gov-opinion-government-new-media-2018": {
        "part-3": "三、加强功能建设",
        "part-3-item-1": "（一）推进政务公开，强化解读回应",
        "part-1-item-3-point-2": "2.坚持需求引领",
        "part-5-item-3": "（三）加强考核评价",
    },
    "gansu-government-work-report-2025": {"part-3-item-2": "二是大力推进新型工业化，加快构建现代化产业体系"},
    "regulation-patent-agency-2018": {
        "annex-1-chapter-2": "第二章 专利代理机构和专利代理师",
        "annex-1-article-12": "第十二条",
    },
    "notice-government-website-pilot-2018": {"annex-1": "政府网站集约化试点工作方案"},
    "notice-vocational-education-reform-2019": {
        "annex-1-part-1-item-4": "（四）完善高层次应用型人才培养体系",
        "annex-1-part-2-item-5": "（五）完善教育教学相关标准",
        "annex-1-part-7-item-20": "（二十）完善国务院职业教育工作部际联席会议制度",
    },
    "digital-economy-plan-14th-2021": {"annex-1-part-11": "十一、保障措施", "annex-1-part-2-item-3": "（三）发展目标"},
    "notice-state-council-work-rules-2004": {
        "annex-1-chapter-1-part-4": "四、",
        "annex-1-chapter-2-part-5": "五、国务院由下列人员组成",
        "annex-1-chapter-10-part-54": "五十四、",
    },
    "administrative-review-law-2023": {
        "chapter-2-section-3": "第三节 申请的提出",
        "article-65-item-2": "（二）程序轻微违法",
        "article-65-para-2": "第二款",
        "article-65-para-2-item-1": "（一）行政行为违法，但是不具有可撤销内容",
        "article-65-para-2-item-3": "（三）被申请人不履行或者拖延履行法定职责",
    },
    "personal-information-protection-law-2021": {"chapter-2-section-3": "第三节 国家机关处理个人信息的特别规定"},
    "anti-monopoly-law-2022": {"chapter-8": "第八章 附 则", "article-70": "第七十条"},
}


@pytest.mark.parametrize(("name", "anchors"), PERMALINKS.items())
def test_clauses_have_their_documented_permalinks(name: str, anchors: dict[str, str]) -> None:
    document = _load(name)
    for anchor, label in anchors.items():
        clause = document.clause(anchor)
        assert clause is not None and clause.label.startswith(label), anchor


@pytest.mark.parametrize("name", EXPECTED)
def test_every_clause_and_paragraph_is_anchored_once_on_the_page(name: str) -> None:
    path = DOCUMENTS / f"{name}.txt"
    source = load_source(path, path.name)
    assert source.document
    page = render_document(source, source.document)
    ids = re.findall(r'id="([^"]+)"', page) + re.findall(r"\{#([\w-]+)", page)
    expected = [c.anchor for c in source.document.clauses] + [p.anchor for p in source.document.paragraphs]
    assert sorted(ids) == sorted([*expected, *(["provenance"] if "{#provenance" in page else [])])
    for paragraph in source.document.paragraphs:
        assert f'<p id="{paragraph.anchor}">' in page


def test_anchors_come_from_the_printed_numbers_not_from_counting(tmp_path: Path) -> None:
    original = DOCUMENTS / "gov-opinion-government-new-media-2018.txt"
    lines = original.read_text(encoding="utf-8").splitlines()
    # An editor's extra paragraph before part 一 moves every paragraph number, and no clause's address.
    changed = tmp_path / "changed.txt"
    changed.write_text("\n".join([*lines[:5], "本文另加一段说明。", *lines[5:]]) + "\n", encoding="utf-8")
    before = load_source(original, "a.txt").document
    after = load_source(changed, "b.txt").document
    assert before and after
    assert [c.anchor for c in before.clauses] == [c.anchor for c in after.clauses]
    assert [p.number + 1 for p in before.paragraphs] == [p.number for p in after.paragraphs[1:]]


# The heads of documents of each kind, as they print (the 二十大报告's own opening lines), each with
# a body of two parts: what the head holds, role by role, and where the body starts.
HEADS = {
    "report to a congress": (
        [
            "高举中国特色社会主义伟大旗帜",
            "为全面建设社会主义现代化国家而团结奋斗",
            "——在中国共产党第二十次全国代表大会上的报告",
            "（2022年10月16日）",
            "习近平",
            "同志们：",
            "现在，我代表第十九届中央委员会向大会作报告。",
        ],
        "report",
        2,
        ["subtitle", "date", "author", "salutation"],
    ),
    "State Council document": (
        [
            "国务院关于印发“十四五”数字经济发展规划的通知",
            "国发〔2021〕29号",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            "现将《“十四五”数字经济发展规划》印发给你们，请认真贯彻执行。",
        ],
        "document",
        1,
        ["number", "addressee"],
    ),
    "Party and State document": (
        [
            "中共中央 国务院关于构建数据基础制度更好发挥数据要素作用的意见",
            "（2022年12月2日）",
            "数据作为新型生产要素，是数字化、网络化、智能化的基础。",
        ],
        "document",
        1,
        ["date"],
    ),
}


@pytest.mark.parametrize(("lines", "genre", "title_lines", "roles"), HEADS.values(), ids=HEADS.keys())
def test_document_heads_of_each_kind(
    tmp_path: Path, lines: list[str], genre: str, title_lines: int, roles: list[str]
) -> None:
    body = ["一、第一部分", "第一部分的正文。", "二、第二部分", "第二部分的正文。"]
    path = tmp_path / "document.txt"
    path.write_text("\n".join([*lines, *body]) + "\n", encoding="utf-8")
    document = load_source(path, path.name).document
    assert document is not None
    assert document.genre == genre
    assert document.title_lines == lines[:title_lines]
    assert [line.role for line in document.head] == roles
    assert [c.anchor for c in document.clauses] == ["part-1", "part-2"]
    assert document.paragraphs[0].text == lines[-1] or document.paragraphs[0].text == "第一部分的正文。"


def _rendered(name: str) -> str:
    """The Markdown page `import` writes for the real document `name`."""
    path = DOCUMENTS / f"{name}.txt"
    source = load_source(path, path.name)
    assert source.document
    return render_document(source, source.document)


def test_an_articles_items_are_anchored_paragraphs_not_headings() -> None:
    page = _rendered("regulation-patent-agency-2018")
    assert "{#annex-1-article-8 .pr-article .pr-runin-heading}" in page
    assert '<div class="pr-para pr-clause pr-item" id="annex-1-article-8-item-1">' in page
    assert "{#annex-1-article-8-item-1" not in page


def test_a_page_of_one_essay_is_an_essay_and_of_several_essays(tmp_path: Path) -> None:
    single = tmp_path / "single.txt"
    single.write_text(
        "论作风建设\n张文华\n作风建设永远在路上，任何时候都不能松劲。\n只有坚持不懈，才能赢得信任。\n", encoding="utf-8"
    )
    assert load_source(single, single.name).genre == "essay"
    jfjb = REAL_PAGES / "jfjb-xiuyang-2017.txt"
    assert load_source(jfjb, jfjb.name).genre == "essays"


def test_a_manifest_calling_a_page_of_essays_one_essay_names_the_key(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes((REAL_PAGES / "jfjb-xiuyang-2017.txt").read_bytes())
    page.with_suffix(".yaml").write_text("publication: 解放军报\ngenre: essay\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_source(page, "sources/page.txt")
    assert (caught.value.key, caught.value.line) == ("genre", 2)
    assert "holds 3 essays" in caught.value.problem and "genre: essays" in caught.value.fix


def test_a_plan_numbers_parts_inside_its_chapters_and_sections(tmp_path: Path) -> None:
    lines = [
        "“十四五”示范发展规划",
        "第一篇　开启新征程",
        "第一章　发展环境",
        "第一节　发展基础",
        "一、基础扎实",
        "基础的正文。",
        "二、成效明显",
        "成效的正文。",
        "第二节　面临形势",
        "一、机遇",
        "机遇的正文。",
        "专栏1　主要指标",
        "第二章　总体要求",
        "总体要求的正文。",
    ]
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    document = load_source(path, path.name).document
    assert document is not None and document.genre == "document"
    assert [c.anchor for c in document.clauses] == [
        "book-1",
        "chapter-1",
        "chapter-1-section-1",
        "chapter-1-section-1-part-1",
        "chapter-1-section-1-part-2",
        "chapter-1-section-2",
        "chapter-1-section-2-part-1",
        "chapter-2",
    ]
    assert [p.text for p in document.paragraphs][-2:] == ["专栏1　主要指标", "总体要求的正文。"]


#: Each law: how many 题注 lines it prints under its title and the date of its text (the latest of
#: them), then what the text itself shows (lines opening 第…章, 第…节, 第…条 and （…）, counted by
#: hand with grep): chapters, sections, articles and items.
LAWS = {
    "anti-monopoly-law-2007": (1, "2007-08-30", 8, 0, 57, 72),
    "anti-monopoly-law-2022": (2, "2022-06-24", 8, 0, 70, 75),
    "personal-information-protection-law-2021": (1, "2021-08-20", 8, 3, 74, 62),
    "data-security-law-2021": (1, "2021-06-10", 7, 0, 55, 0),
    "administrative-review-law-2023": (4, "2023-09-01", 7, 9, 90, 95),
    "state-secrets-law-2024": (3, "2024-02-27", 6, 0, 65, 32),
}


def _source_text(name: str) -> dict[int, str]:
    lines = (DOCUMENTS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return {n: line.strip(SPACE) for n, line in enumerate(lines, start=1) if line.strip(SPACE)}


@pytest.mark.parametrize(("name", "expected"), LAWS.items())
def test_a_laws_tizhu_is_its_head_and_dates_it(name: str, expected: tuple[int, str, int, int, int, int]) -> None:
    history, date, chapters, sections, articles, items = expected
    document = _load(name)
    text = _source_text(name)
    assert [(line.role, line.line, line.text) for line in document.head] == [
        ("history", n, text[n]) for n in range(2, 2 + history)
    ]
    assert document.printed_date == date
    # The text starts at the first article: no 题注 line is a paragraph, and the page's description is 第一条.
    assert document.paragraphs[0].text.startswith("第一条")
    kinds = [clause.kind for clause in document.clauses]
    assert [kinds.count(k) for k in ("chapter", "section", "article", "item")] == [chapters, sections, articles, items]
    path = DOCUMENTS / f"{name}.txt"
    source = load_source(path, path.name)
    assert source.date == date
    page = render_document(source, document)
    assert f"  date: '{date}'" in page
    assert f"description: {document.paragraphs[0].text[:20]}" in page


def _articles(document: Document) -> list[Clause]:
    return [clause for clause in document.clauses if clause.kind == "article"]


@pytest.mark.parametrize(
    "name", [*LAWS, "regulation-patent-agency-2018", "notice-individual-income-tax-deductions-2018"]
)
def test_every_article_kuan_and_item_is_at_its_address(name: str) -> None:
    """Articles run 1…N; each paragraph of an article is a 款 numbered from 1; the first 款's items are
    the article's (``article-3-item-2``), a later 款's its own (``article-65-para-2-item-1``), each
    numbered from （一） as printed."""
    document = _load(name)
    text = _source_text(name)
    articles = _articles(document)
    prefix = "annex-1-" if document.annexes else ""
    assert [a.anchor for a in articles] == [f"{prefix}article-{n}" for n in range(1, len(articles) + 1)]
    for article in articles:
        assert all(isinstance(c, Clause) and c.kind == "para" for c in article.children), article.anchor
        for m, para in enumerate(article.children, start=1):
            assert isinstance(para, Clause)
            assert (para.anchor, para.label) == (f"{article.anchor}-para-{m}", f"第{chinese_numeral(m)}款")
            first, *items = para.children
            assert isinstance(first, Paragraph) and first.line == para.line
            assert numbering(first.text, regulation=m == 1) == (
                None if m > 1 else numbering(text[article.line], regulation=True)
            )
            base = article.anchor if m == 1 else para.anchor
            for k, item in enumerate(items, start=1):
                assert isinstance(item, Clause)
                assert (item.kind, item.number, item.anchor) == ("item", k, f"{base}-item-{k}")
                assert text[item.line].startswith(item.marker)


def test_an_article_whose_kuan_each_carry_items_is_read_whole() -> None:
    """行政复议法 第六十五条: two 款, each with its own （一）（二）."""
    article = _load("administrative-review-law-2023").clause("article-65")
    assert article is not None
    shape = [
        (para.anchor, [item.anchor for item in para.children if isinstance(item, Clause)])
        for para in article.children
        if isinstance(para, Clause)
    ]
    assert shape == [
        ("article-65-para-1", ["article-65-item-1", "article-65-item-2"]),
        ("article-65-para-2", [f"article-65-para-2-item-{k}" for k in (1, 2, 3)]),
    ]


def test_items_numbered_through_the_document_keep_their_printed_numbers() -> None:
    document = _load("notice-vocational-education-reform-2019")
    items = [clause for clause in document.clauses if clause.kind == "item"]
    assert [item.number for item in items] == list(range(1, 21))
    parts = [clause for clause in document.clauses if clause.kind == "part"]
    assert [[c.number for c in part.children if isinstance(c, Clause)] for part in parts] == [
        [1, 2, 3, 4],
        [5, 6, 7, 8],
        [9, 10, 11, 12],
        [13, 14],
        [15, 16],
        [17, 18],
        [19, 20],
    ]


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "text.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _read(tmp_path: Path, lines: list[str]) -> Document:
    """The document a text of these lines is read as."""
    document = load_source(_write(tmp_path, lines), "text.txt").document
    assert document is not None
    return document


NUMBERED_THROUGH = ["一、总体要求", "（一）指导思想。", "正文。", "（二）基本原则。", "正文。", "二、主要任务"]


@pytest.mark.parametrize(
    ("first_item", "accepted"),
    [("（三）", True), ("（一）", True), ("（四）", False), ("（二）", False)],
)
def test_items_of_a_part_start_at_one_or_go_on_from_the_previous_part(
    tmp_path: Path, first_item: str, accepted: bool
) -> None:
    path = _write(tmp_path, ["关于示范工作的意见", *NUMBERED_THROUGH, f"{first_item}完善制度。", "正文。"])
    if accepted:
        document = load_source(path, path.name).document
        assert document is not None
        number = chinese_number(first_item.strip("（）"))
        assert document.clause(f"part-2-item-{number}") is not None
        return
    with pytest.raises(InputError) as caught:
        load_source(path, path.name)
    assert caught.value.line == len(NUMBERED_THROUGH) + 2
    assert "expects the first of its kind (numbered 1)" in caught.value.problem


def test_an_articles_items_never_run_on_from_the_previous_article(tmp_path: Path) -> None:
    lines = ["示范条例", "第一条 有下列情形之一的：", "（一）甲；", "（二）乙。", "第二条 另有下列情形：", "（三）丙。"]
    lines += ["第三条 本条例自公布之日起施行。"]
    with pytest.raises(InputError) as caught:
        load_source(_write(tmp_path, lines), "text.txt")
    assert caught.value.line == 6


#: The 题注 as the official text prints it: one parenthesised block, amendments joined by 　根据 (劳动法).
OFFICIAL_TIZHU = (
    "（1994年7月5日第八届全国人民代表大会常务委员会第八次会议通过　根据2009年8月27日第十一届全国人民代表大会"
    "常务委员会第十次会议《关于修改部分法律的决定》第一次修正　根据2018年12月29日第十三届全国人民代表大会常务委员会"
    "第七次会议《关于修改〈中华人民共和国劳动法〉等七部法律的决定》第二次修正）"
)
LAW_BODY = ["第一章　总则", "第一条　为了保护劳动者的合法权益，制定本法。", "第二条　本法适用于境内的企业。"]
LAW_BODY += ["第三条　劳动者享有下列权利：", "（一）取得劳动报酬；", "（二）休息休假。", "劳动者应当完成劳动任务。"]


def test_the_official_tizhu_block_is_the_head_and_prints_as_one_block(tmp_path: Path) -> None:
    # As the official text prints a law: the 题注 block, then its 目录 listing the chapters the text repeats.
    contents = ["目　　录", "第一章　总　　则"]
    path = _write(tmp_path, ["中华人民共和国劳动法", OFFICIAL_TIZHU, *contents, *LAW_BODY])
    source = load_source(path, path.name)
    document = source.document
    assert document is not None and document.genre == "regulation"
    assert [(line.role, line.line) for line in document.head] == [
        ("history", 2),
        ("contents", 3),
        ("contents-entry", 4),
    ]
    assert [c.anchor for c in document.clauses if c.kind in {"chapter", "article"}] == [
        "chapter-1",
        *(f"article-{n}" for n in (1, 2, 3)),
    ]
    assert (document.printed_date, source.date) == ("2018-12-29", "2018-12-29")
    assert document.warnings == []
    page = render_document(source, document)
    # Printed with its own parentheses: none is drawn around it.
    assert '<div class="pr-doc-history-block" role="note" aria-label="题注">' in page
    assert f'<p class="pr-doc-line pr-doc-history">{OFFICIAL_TIZHU}</p>' in page
    assert document.clause("article-3-para-2") is not None


def test_tizhu_lines_that_lost_their_parentheses_get_them_drawn_not_written() -> None:
    page = _rendered("anti-monopoly-law-2007")
    assert 'class="pr-doc-history-block pr-doc-history--open pr-doc-history--close"' in page
    assert (
        '<p class="pr-doc-line pr-doc-history">2007年8月30日 第十届全国人民代表大会常务委员会第二十九次会议通过</p>'
        in page
    )


def test_chapters_that_never_come_again_are_the_text_not_a_contents_list(tmp_path: Path) -> None:
    path = _write(tmp_path, ["中华人民共和国示范法", OFFICIAL_TIZHU, "目　　录", *LAW_BODY])
    document = load_source(path, path.name).document
    assert document is not None
    assert [line.role for line in document.head] == ["history", "contents"]
    assert document.clause("chapter-1") is not None and document.clause("article-3-para-2") is not None
    assert [(w.line, "table of contents" in w.problem) for w in document.warnings] == [(3, True)]


def test_a_tizhu_line_read_as_text_is_a_warning_naming_it(tmp_path: Path) -> None:
    # A 题注 line that strayed below the first chapter heading is text there, and said to be doubtful.
    stray = "2022年6月24日第十三届全国人民代表大会常务委员会第三十五次会议修正"
    path = _write(tmp_path, ["中华人民共和国示范法", "第一章　总则", stray, *LAW_BODY[1:]])
    document = load_source(path, path.name).document
    assert document is not None
    assert document.paragraphs[0].text == stray
    assert [(w.line, "题注" in w.problem) for w in document.warnings] == [(3, True)]
    assert "line 3" in document.warnings[0].problem


def test_a_regulation_promulgated_by_an_order_keeps_its_tizhu_under_its_title() -> None:
    document = _load("regulation-patent-agency-2018")
    (annex,) = document.annexes
    assert [(line.role, line.line) for line in annex.head] == [("history", 7)]
    # The order's own date (its closing) dates the text, not the regulation's 题注.
    assert document.printed_date == "2018-11-06"


def test_a_documents_printed_date_dates_it_unless_a_manifest_does(tmp_path: Path) -> None:
    path = DOCUMENTS / "notice-kindergartens-in-residential-areas-2019.txt"
    assert load_source(path, path.name).date == "2019-01-09"
    copy = tmp_path / "notice.txt"
    copy.write_bytes(path.read_bytes())
    copy.with_suffix(".yaml").write_text('date: "2019-01-22"\n', encoding="utf-8")
    assert load_source(copy, copy.name).date == "2019-01-22"


#: 刑法 as printed: its 题注 lists the 修正案 that amended it; chapters start again in each 编.
CRIMINAL_LAW = [
    "中华人民共和国刑法",
    "1979年7月1日 第五届全国人民代表大会第二次会议通过",
    "1997年3月14日 第八届全国人民代表大会第五次会议修订",
    "1999年12月25日 第九届全国人民代表大会常务委员会第十三次会议通过的《中华人民共和国刑法修正案》",
    "2023年12月29日 第十四届全国人民代表大会常务委员会第七次会议通过的《中华人民共和国刑法修正案（十二）》",
    "第一编 总则",
    "第一章 刑法的任务、基本原则和适用范围",
    "第一条 为了惩罚犯罪，保护人民，根据宪法，结合我国同犯罪作斗争的具体经验及实际情况，制定本法。",
    "第二章 犯罪",
    "第一节 犯罪和刑事责任",
    "第二条 明知自己的行为会发生危害社会的结果，并且希望或者放任这种结果发生，因而构成犯罪的，是故意犯罪。",
    "第二编 分则",
    "第一章 危害国家安全罪",
    "第三条 勾结外国，危害中华人民共和国的主权、领土完整和安全的，处无期徒刑或者十年以上有期徒刑。",
]


def test_chapters_start_again_in_each_book_where_the_text_numbers_them_so(tmp_path: Path) -> None:
    document = load_source(_write(tmp_path, CRIMINAL_LAW), "text.txt").document
    assert document is not None and document.warnings == []
    assert [line.role for line in document.head] == ["history"] * 4
    assert document.printed_date == "2023-12-29"
    divisions = [c.anchor for c in document.clauses if c.kind in {"book", "chapter", "section", "article"}]
    assert divisions == [
        "book-1",
        "book-1-chapter-1",
        "article-1",
        "book-1-chapter-2",
        "book-1-chapter-2-section-1",
        "article-2",
        "book-2",
        "book-2-chapter-1",
        "article-3",
    ]


def test_a_plans_chapters_run_on_through_its_books(tmp_path: Path) -> None:
    lines = [
        "“十四五”示范规划",
        "第一篇　发展环境",
        "第一章　发展基础",
        "正文。",
        "第二篇　主要任务",
        "第二章　创新",
        "正文。",
    ]
    document = _read(tmp_path, lines)
    assert [c.anchor for c in document.clauses] == ["book-1", "chapter-1", "book-2", "chapter-2"]
    # Once the chapters have run on into a second book, a third that starts again is out of turn.
    bad = [*lines, "第三篇　保障措施", "第一章　保障", "正文。"]
    with pytest.raises(InputError) as caught:
        load_source(_write(tmp_path, bad), "text.txt")
    assert caught.value.line == 9
    assert "expects number 3" in caught.value.problem


def test_a_line_between_items_that_go_on_after_it_joins_the_item_above_with_a_warning(tmp_path: Path) -> None:
    # 增值税暂行条例 第八条: a formula under （三）, then （四）.
    lines = [
        "中华人民共和国增值税暂行条例",
        "第一条 在中华人民共和国境内销售货物的单位和个人，应当依照本条例缴纳增值税。",
        "第二条 下列进项税额准予从销项税额中抵扣：",
        "(一)从销售方取得的增值税专用发票上注明的增值税额。",
        "(二)从海关取得的海关进口增值税专用缴款书上注明的增值税额。",
        "(三)购进农产品，按照农产品收购发票上注明的农产品买价和11%的扣除率计算的进项税额，计算公式为：",
        "进项税额＝买价×扣除率",
        "(四)自境外单位或者个人购进劳务，从税务机关或者扣缴义务人取得的代扣代缴税款的完税凭证上注明的增值税额。",
        "准予抵扣的项目和扣除率的调整，由国务院决定。",
        "第三条 本条例自2009年1月1日起施行。",
    ]
    document = _read(tmp_path, lines)
    item = document.clause("article-2-item-3")
    assert item is not None and [p.line for p in item.children if isinstance(p, Paragraph)] == [6, 7]
    assert document.clause("article-2-item-4") is not None
    assert document.clause("article-2-para-2") is not None and document.clause("article-2-para-3") is None
    assert [(w.line, "part of (三)" in w.problem) for w in document.warnings] == [(7, True)]


def test_a_tizhu_a_copy_broke_over_lines_is_still_the_head_and_dates_nothing_the_closing_dates() -> None:
    document = _load("notice-state-council-work-rules-2004")
    (annex,) = document.annexes
    assert [(line.role, line.line) for line in annex.head] == [("history", 9), ("history", 10)]
    assert "".join(line.text for line in annex.head) == "（二○○四年六月十六日国务院第54次常务会议修订通过）"
    # The notice is dated in words at its end: that is its date, not the rules' revision.
    assert document.printed_date == "2004-06-26"
    parts = [c for c in document.clauses if c.kind == "part"]
    assert [c.number for c in parts] == list(range(1, 55))


def test_a_tizhu_line_broken_in_copying_joins_the_head_not_the_text(tmp_path: Path) -> None:
    # 选举法 as one copy has it: the title of the amending decision broken over three lines.
    tizhu = [
        "1979年7月1日 第五届全国人民代表大会第二次会议通过",
        "2015年8月29日 第十二届全国人民代表大会常务委员会第十六次会议《关于修改",
        "〈中华人民共和国全国人民代表大会和地方各级人民代表大会选举法〉、",
        "〈中华人民共和国全国人民代表大会和地方各级人民代表大会代表法〉的决定》第五次修正",
        "2020年10月17日 第十三届全国人民代表大会常务委员会第二十二次会议《关于修改〈中华人民共和国"
        "全国人民代表大会和地方各级人民代表大会选举法〉的决定》第六次修正",
    ]
    document = _read(tmp_path, ["中华人民共和国全国人民代表大会和地方各级人民代表大会选举法", *tizhu, *LAW_BODY])
    assert [(line.role, line.line) for line in document.head] == [("history", n) for n in range(2, 7)]
    assert (document.printed_date, document.warnings) == ("2020-10-17", [])
    # A line that only starts like an entry and never reaches its verb is no 题注: it is text, with a warning.
    broken = ["中华人民共和国示范法", "2015年8月29日 第十二届全国人民代表大会常务委员会第十六次会议通过的", *LAW_BODY]
    # A copy that ends an entry with the 根据 opening the next (重庆市人民代表大会常务委员会议事规则).
    dangling = ["重庆市示范条例", "2005年11月25日 重庆市第二届人民代表大会常务委员会第二十次会议修订  根据", tizhu[-1]]
    assert [line.role for line in _read(tmp_path, [*dangling, *LAW_BODY]).head] == ["history", "history"]
    misread = _read(tmp_path, broken)
    assert misread.head == [] and [w.line for w in misread.warnings] == [2]


def test_a_note_on_a_kuan_covers_its_items_and_no_other_kuan() -> None:
    """Annotations see a 款 as a clause holding its items, the first 款's too (their addresses are the article's)."""
    path = DOCUMENTS / "administrative-review-law-2023.txt"
    text = corpus_of([load_source(path, path.name)]).essays[0]
    document = _load("administrative-review-law-2023")
    lines = {p.anchor: p.line for p in document.paragraphs}
    covered = {anchor: [lines[p] for p in text.clause_paragraphs(anchor)] for anchor in text.clauses}
    assert covered["article-65-para-1"] == [227, 228, 229]
    assert covered["article-65-para-2"] == [230, 231, 232, 233]
    assert covered["article-65"] == list(range(227, 234))
    assert text.clause_of(document.paragraphs[-1].anchor) == "article-90-para-1"
    assert text.clause_path("article-65-para-2-item-3") == "第六十五条第二款（三）"


def test_inspect_shows_the_tizhu_the_kuan_their_items_and_a_doubtful_line(tmp_path: Path) -> None:
    stray = "2022年6月24日第十三届全国人民代表大会常务委员会第三十五次会议修正"
    path = _write(tmp_path, ["中华人民共和国劳动法", OFFICIAL_TIZHU, *LAW_BODY, stray])
    result = policy_reader(tmp_path, "inspect", str(path))
    assert result.returncode == 0, result.stderr
    assert f"history:        {OFFICIAL_TIZHU[:60]}   [line 2]" in result.stdout
    assert "第二款   [#article-3-para-2, line 9, opens ¶]" in result.stdout
    assert "（一）取得劳动报酬   [#article-3-item-1, line 7, opens ¶]" in result.stdout
    assert "printed date:   2018-12-29" in result.stdout
    assert "warning:" in result.stderr and "line 10" in result.stderr and "题注" in result.stderr
