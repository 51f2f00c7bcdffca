"""Targets that name a document's clause by its anchor (`anchor: part-3-item-2`), on a hand-made document.

The document copies the shape of a State Council opinion: parts 一、 with a heading of their own,
items （一） whose thesis opens their first paragraph, and points 1. below an item. Expected
paragraphs and spans are read off the hand-made text itself (`str.find`, the first 。), never
from the resolver's output.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from build_tools.annotations.corpus import Corpus, EssayText
from build_tools.annotations.export import annotation_collection
from build_tools.annotations.model import Annotation, ResolvedAnnotation, Selector
from build_tools.annotations.render import annotations_for_page, apply_to_page
from build_tools.annotations.resolve import LISTED_ANCHORS, ResolveError, resolve

PARAGRAPHS = (
    ("p1", "政务新媒体是联系群众的重要渠道。为推动其健康发展,现提出如下意见。"),
    ("p2", "以新思想为指导,实施网络强国战略,加强统筹规划,完善体制机制。"),
    ("p3", "1.坚持需求引领。围绕公众需要,增强群众获得感。"),
    ("p4", "2.坚持互联融合。推动互联互通,实现数据同源、服务同根。"),
    ("p5", "各地区要明确定位,为群众提供便捷实用的移动服务。"),
    ("p6", "（一）推进政务公开,强化解读回应。积极运用政务新媒体,实现数据同源。"),
    ("p7", "（二）优化掌上服务。聚合办事入口,实现一次认证、一网通办。"),
    ("p8", "国务院办公厅"),
)
CLAUSES = {
    "part-1": ("一、总体要求", "p2"),
    "part-1-item-1": ("（一）指导思想。", "p2"),
    "part-1-item-2": ("（二）基本原则。", "p3"),
    "part-1-item-2-point-1": ("1.坚持需求引领", "p3"),
    "part-1-item-2-point-2": ("2.坚持互联融合", "p4"),
    "part-2": ("二、加强功能建设", "p5"),
    "part-2-item-1": ("（一）推进政务公开,强化解读回应", "p6"),
    "part-2-item-2": ("（二）优化掌上服务", "p7"),
}
DOCUMENT = EssayText("opinion", "opinion", "关于推进政务新媒体的意见", PARAGRAPHS, url="opinion/", clauses=CLAUSES)
ESSAY = EssayText("page", "essay", "甲文", (("p1", "实现一网通办,建设服务型政府。"),), url="page/essay/")
CORPUS = Corpus([DOCUMENT, ESSAY])


def text(paragraph: str) -> str:
    return dict(PARAGRAPHS)[paragraph]


# --- the clauses of a document -----------------------------------------------------------------------------

SPANS = [
    ("part-1", ("p2", "p3", "p4")),
    ("part-1-item-1", ("p2",)),
    ("part-1-item-2", ("p3", "p4")),
    ("part-1-item-2-point-1", ("p3",)),
    ("part-1-item-2-point-2", ("p4",)),
    ("part-2", ("p5", "p6", "p7", "p8")),
    ("part-2-item-2", ("p7", "p8")),
]


@pytest.mark.parametrize(("clause", "paragraphs"), SPANS)
def test_a_clause_holds_its_paragraphs_and_its_sub_clauses(clause: str, paragraphs: tuple[str, ...]) -> None:
    assert DOCUMENT.clause_paragraphs(clause) == paragraphs


INNERMOST = [("p1", None), ("p2", "part-1-item-1"), ("p4", "part-1-item-2-point-2"), ("p5", "part-2")]


@pytest.mark.parametrize(("paragraph", "clause"), INNERMOST)
def test_a_paragraph_belongs_to_its_innermost_clause(paragraph: str, clause: str | None) -> None:
    assert DOCUMENT.clause_of(paragraph) == clause


PATHS = [("part-2", "二、"), ("part-2-item-1", "二、（一）"), ("part-1-item-2-point-2", "一、（二）2.")]


@pytest.mark.parametrize(("clause", "path"), PATHS)
def test_a_clause_is_shown_by_its_printed_numbers(clause: str, path: str) -> None:
    assert DOCUMENT.clause_path(clause) == path


# --- resolving ---------------------------------------------------------------------------------------------

WHOLE = ["part-1", "part-1-item-2-point-1", "part-2", "part-2-item-1", "part-2-item-2"]


@pytest.mark.parametrize("clause", WHOLE)
def test_an_anchor_alone_stands_for_the_clause_at_its_opening_sentence(clause: str) -> None:
    anchor = resolve(CORPUS, Selector("opinion", anchor=clause))
    opening = CLAUSES[clause][1]
    assert (anchor.paragraph, anchor.start) == (opening, 0)
    assert anchor.exact == text(opening)[: text(opening).index("。") + 1]
    assert (anchor.clause, anchor.whole) == (clause, True)


WITHIN = [
    # 数据同源 stands in part-1 (p4) and in part-2 (p6): the anchor says which.
    ("part-1-item-2-point-2", "数据同源", "p4"),
    ("part-2-item-1", "数据同源", "p6"),
    ("part-2", "一网通办", "p7"),
]


@pytest.mark.parametrize(("clause", "quote", "paragraph"), WITHIN)
def test_a_quote_with_an_anchor_is_looked_for_inside_that_clause(clause: str, quote: str, paragraph: str) -> None:
    anchor = resolve(CORPUS, Selector("opinion", quote=quote, anchor=clause))
    assert (anchor.paragraph, anchor.start, anchor.exact) == (paragraph, text(paragraph).find(quote), quote)
    assert (anchor.essay, anchor.clause, anchor.whole) == (DOCUMENT, clause, False)


def test_without_an_anchor_the_repeated_quote_is_ambiguous() -> None:
    with pytest.raises(ResolveError) as caught:
        resolve(CORPUS, Selector("opinion", quote="数据同源"))
    assert "¶4" in caught.value.problem and "¶6" in caught.value.problem


BAD = [
    # (selector, phrases the problem or fix must hold)
    (Selector("opinion", anchor="part-2-item-3"), ("no clause 'part-2-item-3'", "`anchor: part-2-item-2`")),
    (Selector("opinion", anchor="part-9"), ("no clause 'part-9'", "its anchors are: part-1, part-1-item-1")),
    (Selector("opinion", quote="一网通办", anchor="part-1"), ("「一网通办」 is not in", "opinion#part-1")),
    (Selector("essay", anchor="part-1"), ("'essay' has no numbered clauses", "name the passage by `quote:`")),
]


@pytest.mark.parametrize(("selector", "says"), BAD, ids=lambda v: getattr(v, "anchor", None) or "")
def test_a_bad_anchor_is_explained(selector: Selector, says: tuple[str, ...]) -> None:
    with pytest.raises(ResolveError) as caught:
        resolve(CORPUS, selector)
    message = f"{caught.value.problem} | {caught.value.fix}"
    for phrase in says:
        assert phrase in message


def test_a_long_list_of_anchors_is_cut_and_counted() -> None:
    many = {f"article-{n}": (f"第{n}条", "p1") for n in range(1, 101)}
    regulation = EssayText("reg", "reg", "条例", (("p1", "第一条 为了规范管理,制定本条例。"),), clauses=many)
    with pytest.raises(ResolveError) as caught:
        resolve(Corpus([regulation]), Selector("reg", anchor="article-0"))
    listed = caught.value.fix.split("its anchors are: ")[1]
    assert listed.count("article-") == LISTED_ANCHORS
    assert "(100 in all)" in listed


# --- the W3C export ----------------------------------------------------------------------------------------


def test_the_export_names_a_clause_by_an_html_fragment_refined_by_its_quote() -> None:
    whole = resolve(CORPUS, Selector("opinion", anchor="part-2-item-2"))
    quoted = resolve(CORPUS, Selector("opinion", quote="数据同源", anchor="part-2-item-1"))
    essay = resolve(CORPUS, Selector("essay", quote="一网通办"))
    note = Annotation("n", Selector("essay", quote="一网通办"), "正文")
    export = json.loads(annotation_collection([ResolvedAnnotation(note, essay, (whole, quoted))], "https://x/", "t"))
    essay_target, whole_target, quoted_target = export["first"]["items"][0]["target"]
    assert [s["type"] for s in essay_target["selector"]] == ["TextQuoteSelector", "FragmentSelector"]
    assert whole_target["source"] == "https://x/opinion/"
    assert whole_target["selector"] == {
        "type": "FragmentSelector",
        "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
        "value": "part-2-item-2",
    }
    assert quoted_target["selector"]["value"] == "part-2-item-1"
    refined = quoted_target["selector"]["refinedBy"]
    assert (refined["type"], refined["exact"]) == ("TextQuoteSelector", "数据同源")
    assert text("p6").endswith(refined["prefix"] + "数据同源" + refined["suffix"])


# --- the links in a page -----------------------------------------------------------------------------------


def essay_notes(related: Selector) -> BeautifulSoup:
    """The essay's page with one note linking its passage to `related`, as the build writes it."""
    note = Annotation("n", Selector("essay", quote="一网通办"), "正文", related=(related,))
    resolved = ResolvedAnnotation(note, resolve(CORPUS, note.target), (resolve(CORPUS, related),))
    page = annotations_for_page([resolved], ESSAY.url, lambda to, _from: f"../../{to}")
    return BeautifulSoup(apply_to_page(f'<p id="p1">{text_of_essay()}</p>', page), "html.parser")


def text_of_essay() -> str:
    return ESSAY.text_of("p1")


LINKED = [
    # (related passage, where its link goes, its paragraph, the clause the card names, the card's clause label)
    (Selector("opinion", anchor="part-2-item-2"), "#part-2-item-2", "p7", "二、（二）", "二、（二）"),
    (Selector("opinion", quote="数据同源", anchor="part-2-item-1"), "#quote-n-r1", "p6", "二、（一）", None),
    (Selector("opinion", quote="增强群众获得感"), "#quote-n-r1", "p3", "一、（二）1.", None),
]


@pytest.mark.parametrize(("related", "fragment", "paragraph", "clause", "label"), LINKED, ids=["whole", "in", "quote"])
def test_a_link_to_a_clause_goes_to_its_permalink_and_names_it(
    related: Selector, fragment: str, paragraph: str, clause: str, label: str | None
) -> None:
    link = essay_notes(related).select_one("#note-n a.pr-link")
    assert link is not None
    assert link["href"] == f"../../opinion/{fragment}"
    template = link.find_next_sibling("template")
    card = BeautifulSoup(template.decode_contents(), "html.parser")
    heading = f"{DOCUMENT.title} · {clause} 第 {paragraph.removeprefix('p')} 段"
    assert card.select_one(".pr-preview__essay").get_text() == heading
    assert template.get("data-clause") == label
    assert card.select_one(".pr-preview__text").get_text() == text(paragraph)  # short: shown whole
