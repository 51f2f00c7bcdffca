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

from build_tools.common.errors import InputError
from build_tools.importer.model import Clause, Document, Paragraph
from build_tools.importer.parse import SPACE
from build_tools.importer.render_document import render_document
from build_tools.importer.source import load_source
from tests.conftest import REAL_PAGES
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


def test_an_articles_items_are_anchored_paragraphs_not_headings() -> None:
    path = DOCUMENTS / "regulation-patent-agency-2018.txt"
    source = load_source(path, path.name)
    assert source.document
    page = render_document(source, source.document)
    assert "{#annex-1-article-8 .pr-article}" in page
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
