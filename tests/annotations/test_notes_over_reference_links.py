"""A note quoting a law's sentence that holds reference links: the quote is marked, the links kept whole."""

from __future__ import annotations

from bs4 import BeautifulSoup

from build_tools.annotations.render import PageAnnotations, apply_to_page
from build_tools.importer.render_references import linked_text
from build_tools.sources.references import Place
from build_tools.sources.text_links import TextLink
from tests.conftest import REAL_PAGES

# 反垄断法 (2022) 第二十条第二款, as published.
SENTENCE = (REAL_PAGES / "documents" / "anti-monopoly-law-2022.txt").read_text(encoding="utf-8").splitlines()[57]


def _links() -> list[TextLink]:
    start = SENTENCE.index("本法第十七条")
    end = start + len("本法第十七条")
    assert Place(20, 2)  # the sentence stands in 第二十条第二款
    return [TextLink(start, end, "article-17", "第十七条", ("第十七条 禁止……",))]


def test_a_quote_across_a_reference_link_is_marked_on_both_sides_and_the_link_stays_whole() -> None:
    paragraph = f'<p id="p9">{linked_text(SENTENCE, _links())}</p>'
    quote_start = SENTENCE.index("不适用")
    quote_end = SENTENCE.index("第十八条")
    page = PageAnnotations()
    page.highlights["p9"].append((quote_start, quote_end, "note-a", "quote-note-a"))
    shown = BeautifulSoup(apply_to_page(paragraph, page), "html.parser")
    for template in shown.select("template"):
        template.decompose()
    assert shown.select_one("p#p9").get_text() == SENTENCE
    link = shown.select_one("a.pr-ref")
    assert link["href"] == "#article-17" and link.get_text() == "本法第十七条"
    marked = "".join(m.get_text() for m in shown.select("mark.pr-quote"))
    assert marked == SENTENCE[quote_start:quote_end]
    # The mark is cut at the link: the part inside the link is marked inside it.
    assert link.select_one("mark") is not None


def test_a_paragraph_with_links_and_no_notes_is_left_as_it_was() -> None:
    paragraph = f'<p id="p9">{linked_text(SENTENCE, _links())}</p>'
    assert apply_to_page(paragraph, PageAnnotations()) == paragraph
