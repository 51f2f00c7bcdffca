"""A law's references to its own articles, 款 and 项, found in real sentences and resolved in real laws.

Each sentence is read from its law in ``tests/data/documents/`` by its line, so it is the law's own
wording; the targets expected were checked by reading the article each names.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools.importer.project import Project
from build_tools.importer.render_document import render_document
from build_tools.sources.references import Place, Target, find_references
from build_tools.sources.source import load_source
from build_tools.sources.text_links import OtherText, text_references, titles_of
from tests.conftest import REAL_PAGES

LAWS = REAL_PAGES / "documents"


def _line(law: str, number: int) -> str:
    return (LAWS / f"{law}.txt").read_text(encoding="utf-8").splitlines()[number - 1]


def _found(text: str, place: Place) -> list[tuple[str, list[Target]]]:
    return [(text[r.start : r.end], list(r.targets)) for r in find_references(text, place)]


# (law, line, its article and 款, what is linked and what each names)
SENTENCES = [
    # 反垄断法 第二十条第二款: the first 款's items, then three articles of the law.
    (
        "anti-monopoly-law-2022",
        58,
        Place(20, 2),
        [
            ("前款第一项", [Target(20, 1, 1)]),
            ("第五项", [Target(20, 1, 5), Target(20, 1, 2), Target(20, 1, 3), Target(20, 1, 4)]),
            ("本法第十七条", [Target(17)]),
            ("第十八条第一款", [Target(18, 1)]),
            ("第十九条", [Target(19)]),
        ],
    ),
    # 反垄断法 第二十四条第二款: two items of the 款 before.
    ("anti-monopoly-law-2022", 82, Place(24, 2), [("前款第二项", [Target(24, 1, 2)]), ("第三项", [Target(24, 1, 3)])]),
    # 反垄断法 第二十六条第三款: 前两款 are its first and second.
    ("anti-monopoly-law-2022", 91, Place(26, 3), [("前两款", [Target(26, 1), Target(26, 2)])]),
    # 行政复议法 第二十六条: a 款 of one article and an item of another's only 款.
    (
        "administrative-review-law-2023",
        98,
        Place(26, 1, len("第二十六条")),
        [("本法第二十四条第二款", [Target(24, 2)]), ("本法第二十五条第一项", [Target(25, None, 1)])],
    ),
    # 行政复议法 第四十五条's item （五）: a list of items under one 款.
    (
        "administrative-review-law-2023",
        149,
        Place(45, 1),
        [
            ("本法第三十九条第一款第一项", [Target(39, 1, 1)]),
            ("第二项", [Target(39, 1, 2)]),
            ("第四项", [Target(39, 1, 4)]),
        ],
    ),
    # 个人信息保护法 第十八条: 前条 is 第十七条; its own marker is no reference.
    ("personal-information-protection-law-2021", 45, Place(18, 1, len("第十八条")), [("前条第一款", [Target(17, 1)])]),
    # 个人信息保护法 第六十条第三款.
    ("personal-information-protection-law-2021", 143, Place(60, 3), [("前两款", [Target(60, 1), Target(60, 2)])]),
]


@pytest.mark.parametrize(("law", "line", "place", "expected"), SENTENCES, ids=[f"{s[0]}:{s[1]}" for s in SENTENCES])
def test_references_in_real_sentences_name_what_the_law_means(
    law: str, line: int, place: Place, expected: list[tuple[str, list[Target]]]
) -> None:
    assert _found(_line(law, line), place) == expected


def test_another_laws_articles_and_words_that_only_look_alike_are_not_this_texts() -> None:
    place = Place(5, 1)
    assert _found("依照刑法第二十条的规定", place) == []  # another law, named without book-title marks
    assert _found("本条例所称专利代理", place) == []  # 本条例 is the text, not 本条
    assert _found("第一百二十条之一", place) == []  # an article inserted after 第一百二十条, not it
    assert _found("依照第二十条的规定", place) == [("第二十条", [Target(20)])]  # a bare article is this law's
    cited = _found("《中华人民共和国数据安全法》第二十一条、第二十二条第二款", place)
    assert cited == [
        ("《中华人民共和国数据安全法》第二十一条", [Target(21, title="中华人民共和国数据安全法")]),
        ("第二十二条第二款", [Target(22, 2, title="中华人民共和国数据安全法")]),
    ]
    assert _found("前款规定的", Place(5, 1)) == []  # a first 款 has none before it
    assert _found("目前条件下，当前款项提前拨付", Place(5, 2)) == []  # 目前, 当前, 款项: no 前条, no 前款


def _document(law: str):  # type: ignore[no-untyped-def]
    document = load_source(LAWS / f"{law}.txt", f"{law}.txt").document
    assert document is not None
    return document


def test_a_real_laws_references_go_to_clauses_it_has_and_each_article_knows_who_cites_it() -> None:
    document = _document("anti-monopoly-law-2022")
    refs = text_references(document)
    anchors = {clause.anchor for clause in document.clauses}
    by_line = {p.number: p.line for p in document.paragraphs}
    links = [(by_line[n], link.anchor) for n, found in refs.links.items() for link in found]
    assert all(anchor in anchors for _line, anchor in links)
    assert [a for line, a in links if line == 58] == [
        "article-20-item-1",
        "article-20-item-5",
        "article-17",
        "article-18-para-1",
        "article-19",
    ]
    assert (91, "article-26-para-1") in links
    # 第十七条 is cited by both 款 of 第二十条, 第五十六条 last by 第六十三条 (whose only 款 is the article).
    assert [c.name for c in refs.cited_by["article-17"]] == ["第二十条第一款", "第二十条第二款"]
    assert [(c.anchor, c.name) for c in refs.cited_by["article-56"]][-1] == ("article-63-para-1", "第六十三条")
    assert refs.warnings == []


def test_a_reference_to_an_article_the_text_lacks_is_a_warning_naming_its_line_and_stays_text(tmp_path: Path) -> None:
    law = tmp_path / "small-law.txt"
    law.write_text(
        "示例管理办法\n第一条　为了示例，制定本办法。\n第二条　依照本办法第一条的规定办理。\n"
        "违反本办法第九条规定的，依照前款处理。\n第三条　本办法自公布之日起施行。\n",
        encoding="utf-8",
    )
    source = load_source(law, "sources/small-law.txt")
    document = source.document
    assert document is not None
    assert [(w.path, w.line) for w in document.warnings] == [("sources/small-law.txt", 4)]
    assert "「本办法第九条」" in str(document.warnings[0]) and "第九条" in str(document.warnings[0])
    markdown = render_document(source, document)
    page = BeautifulSoup(markdown, "html.parser")
    assert [a["href"] for a in page.select("a.pr-ref")] == ["#article-1", "#article-2-para-1"]
    assert "本办法第九条" in page.select_one("p#p3").get_text()
    # 第一条 is cited by 第二条's first 款: the list stands under 第一条, before 第二条's heading.
    cited = page.select_one(".pr-cited-by")
    assert [(a["href"], a.get_text()) for a in cited.select("a")] == [("#article-2-para-1", "第二条第一款")]
    assert markdown.index("{#article-1 ") < markdown.index('class="pr-cited-by"') < markdown.index("{#article-2 ")


def test_rendering_keeps_each_paragraph_verbatim_apart_from_its_links(tmp_path: Path) -> None:
    for law in ("anti-monopoly-law-2022", "personal-information-protection-law-2021"):
        copy = tmp_path / f"{law}.txt"
        shutil.copy(LAWS / f"{law}.txt", copy)
        source = load_source(copy, copy.name)
        assert source.document is not None
        markdown = render_document(source, source.document)
        page = BeautifulSoup(markdown, "html.parser")
        # Ids of HTML blocks (款, items, paragraphs) and of Markdown headings (articles): {#article-17 .pr-article}.
        ids = {tag["id"] for tag in page.select("[id]")} | set(re.findall(r"\{#([\w-]+) ", markdown))
        for template in page.select("p template"):
            template.decompose()
        for paragraph in source.document.paragraphs:
            shown = page.select_one(f"p#{paragraph.anchor}")
            assert shown is not None
            assert shown.get_text() == paragraph.text
            # Only links inside (and an article's or item's run-in opening in bold): the published text, some wrapped.
            assert {child.name for child in shown.children if child.name} <= {"a", "strong"}
        hrefs = [a["href"] for a in page.select("p a.pr-ref")]
        assert hrefs and {href[1:] for href in hrefs} <= ids


def test_a_law_naming_another_text_of_the_site_links_to_that_texts_page() -> None:
    security = _document("data-security-law-2021")
    others = titles_of([OtherText("data-security-law-2021", security)])
    assert set(others) == {"中华人民共和国数据安全法", "数据安全法"}
    document = _document("anti-monopoly-law-2022")
    paragraph = document.paragraphs[0]
    paragraph.text += "依照《数据安全法》第二十一条、第九十九条。"
    refs = text_references(document, others)
    links = refs.links[paragraph.number]
    assert [(link.text_id, link.anchor, link.name) for link in links] == [
        ("data-security-law-2021", "article-21", "《中华人民共和国数据安全法》第二十一条")
    ]
    assert links[0].preview[0].startswith("第二十一条")
    # The security law has no 第九十九条: a warning, the words left as they are.
    assert len(refs.warnings) == 1 and "第九十九条" in str(refs.warnings[0])


def test_check_warns_of_an_article_another_text_of_the_site_lacks(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(LAWS / "data-security-law-2021.txt", sources / "data-security-law-2021.txt")
    (sources / "small-rule.txt").write_text(
        "示例管理规定\n第一条　根据《数据安全法》第二十一条、第九十九条，制定本规定。\n"
        "第二条　本规定由主管部门解释。\n第三条　本规定自公布之日起施行。\n",
        encoding="utf-8",
    )
    project = Project(tmp_path)
    warnings = project.check_docs(project.load_sources()).warnings
    named = [(w.path, w.line) for w in warnings if "第九十九条" in str(w)]
    assert named == [("sources/small-rule.txt", 2)]


def test_a_range_of_articles_links_both_ends_and_covers_those_between() -> None:
    # The statutory shape (no law on hand has one): 违反本法第二十七条至第二十九条规定的.
    found = _found("违反本法第二十七条至第二十九条规定的，依照本条第二款处理。", Place(40, 1))
    assert found == [
        ("本法第二十七条", [Target(27)]),
        ("第二十九条", [Target(29), Target(28)]),
        ("本条第二款", [Target(40, 2)]),
    ]


def test_a_document_without_articles_links_only_what_it_names_in_another_text() -> None:
    assert _found("第二条所列事项", Place(None, None)) == []
    assert _found("落实《数据安全法》第二十一条", Place(None, None)) == [
        ("《数据安全法》第二十一条", [Target(21, title="数据安全法")])
    ]
    security = _document("data-security-law-2021")
    plan = _document("digital-economy-plan-14th-2021")
    plan.paragraphs[3].text += "落实《数据安全法》第二十一条。"
    refs = text_references(plan, titles_of([OtherText("data-security-law-2021", security)]))
    assert [(link.text_id, link.anchor) for link in refs.links[plan.paragraphs[3].number]] == [
        ("data-security-law-2021", "article-21")
    ]
    assert refs.cited_by == {} and refs.warnings == []
