"""HTML and Markdown the glossary adds to a site: tooltips on essay pages, and the glossary page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from build_tools.common.html_scan import Element, scan, splice
from build_tools.common.markup import html_text, markdown_text
from build_tools.common.reader_pages import GLOSSARY_TITLE
from build_tools.glossary.marking import Occurrence
from build_tools.glossary.model import Glossary, Term

#: Where the glossary page's "used in" lists go, one per term, filled in once every essay is marked.
USES_PLACEHOLDER = '<div class="pr-uses" data-pr-uses="{id}"></div>'


def render_tooltips(terms: Iterable[Term], glossary_url: str) -> str:
    """One hidden ``role="tooltip"`` element per term, outside the essay's paragraphs.

    The marks point at these with ``aria-describedby``; keeping definitions out of
    the paragraphs means copying a paragraph copies the essay's words only.
    """
    tips = []
    for term in terms:
        english = (
            f'<span class="pr-tooltip__english" lang="en">{html_text(term.english)}</span>' if term.english else ""
        )
        tips.append(
            f'<div class="pr-tooltip" role="tooltip" id="pr-tip-{html_text(term.id)}" hidden>'
            f'<p class="pr-tooltip__head"><strong class="pr-tooltip__term">{html_text(term.term)}</strong>{english}</p>'
            f'<p class="pr-tooltip__definition">{html_text(term.definition)}</p>'
            f'<a class="pr-tooltip__more" href="{html_text(glossary_url)}#{term.anchor}">术语表中的条目</a>'
            "</div>"
        )
    if not tips:
        return ""
    return f'\n<div class="pr-tooltips" data-search-exclude>{"".join(tips)}</div>\n'


def render_glossary_page(glossary: Glossary) -> str:
    """The glossary page as Markdown: categories in file order, terms by pinyin within each."""
    return f"---\ntitle: {GLOSSARY_TITLE}\n---\n\n# {GLOSSARY_TITLE}\n\n" + glossary_page_body(glossary)


def glossary_page_body(glossary: Glossary) -> str:
    """The glossary page below its title, as Markdown."""
    by_category: dict[str, list[Term]] = defaultdict(list)
    for term in glossary.terms:
        by_category[term.category or "其他"].append(term)
    out = [
        f"本站文章中出现的 {len(glossary.terms)} 个政策与技术术语。"
        "文章里带虚线的词可以悬停、聚焦或轻点查看释义;每个条目下列出它在各篇文章中出现的位置。\n",
    ]
    for category, terms in by_category.items():
        out.append(f"\n## {markdown_text(category)}\n")
        for term in sorted(terms, key=lambda t: (t.id, t.term)):
            out.append(f"\n### {markdown_text(term.term)} {{#{term.anchor} .pr-glossary-term}}\n\n")
            out.append(_entry_html(term, glossary))
    return "".join(out)


def _entry_html(term: Term, glossary: Glossary) -> str:
    parts = ['<div class="pr-glossary-entry">']
    if term.english:
        parts.append(f'<p class="pr-glossary-entry__english" lang="en">{html_text(term.english)}</p>')
    if term.aliases:
        parts.append(f'<p class="pr-glossary-entry__aliases">又称:{html_text("、".join(term.aliases))}</p>')
    parts.append(f'<p class="pr-glossary-entry__definition">{html_text(term.definition)}</p>')
    if term.sources:
        items = "".join(
            f'<li><a href="{html_text(s.url)}">{html_text(s.title)}</a></li>'
            if s.url
            else f"<li>{html_text(s.title)}</li>"
            for s in term.sources
        )
        parts.append(f'<p class="pr-glossary-entry__label">依据</p><ul class="pr-glossary-entry__sources">{items}</ul>')
    if term.see:
        links = "、".join(
            f'<a href="#{glossary.by_term[name].anchor}">{html_text(name)}</a>'
            for name in term.see
            if name in glossary.by_term
        )
        parts.append(f'<p class="pr-glossary-entry__see">参见:{links}</p>')
    parts.append(USES_PLACEHOLDER.format(id=html_text(term.id)))
    parts.append("</div>\n")
    return "".join(parts)


@dataclass(frozen=True)
class PageUse:
    """The occurrences of terms on one essay page, and how to link to that page."""

    url: str
    title: str
    occurrences: tuple[Occurrence, ...]


def fill_uses(page_html: str, glossary: Glossary, uses: list[PageUse]) -> str:
    """Replace each term's placeholder with links to every section of every essay that uses it."""
    per_term: dict[str, list[tuple[PageUse, str | None, str | None, str, int]]] = defaultdict(list)
    for page in uses:
        sections: dict[tuple[str, str | None], list[Occurrence]] = defaultdict(list)
        for occurrence in page.occurrences:
            sections[(occurrence.term_id, occurrence.section_id)].append(occurrence)
        for (term_id, section_id), found in sections.items():
            first = found[0]
            per_term[term_id].append((page, section_id, first.section_title, first.paragraph_id, len(found)))
    blocks = {term.id: _uses_html(per_term.get(term.id, [])) for term in glossary.terms}
    # One pass over the page, whatever the number of terms.
    scanned = scan(page_html)
    places = scanned.find_all("div", {"data-pr-uses": True}, ("pr-uses",))
    return splice(page_html, [(p.start, p.end, blocks[p.attrs["data-pr-uses"]]) for p in places if _fills(p, blocks)])


def _fills(place: Element, blocks: dict[str, str]) -> bool:
    """Whether `place` is a term's empty placeholder that `blocks` has the links for."""
    return place.close_start == place.open_end and place.attrs["data-pr-uses"] in blocks


def _uses_html(places: list[tuple[PageUse, str | None, str | None, str, int]]) -> str:
    if not places:
        return '<p class="pr-uses pr-uses--none">本站文章中暂未出现。</p>'
    total = sum(p[4] for p in places)
    items = "".join(
        f'<li><a href="{html_text(page.url)}#{html_text(paragraph)}">'
        f'{html_text(page.title)}<span class="pr-uses__section"> › {html_text(title or "开篇")}</span></a>'
        f'<span class="pr-uses__count">×{count}</span></li>'
        for page, _section, title, paragraph, count in places
    )
    return (
        f'<div class="pr-uses"><p class="pr-glossary-entry__label">出现 {total} 次</p>'
        f'<ul class="pr-uses__list">{items}</ul></div>'
    )
