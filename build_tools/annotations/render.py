"""HTML for annotations on essay pages: highlighted quotes, notes beside them, links both ways."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

import markdown

from build_tools.annotations.model import Anchor, ResolvedAnnotation
from build_tools.citation import citations_html
from build_tools.markup import html_text

#: Relative address from one page to another (page addresses below the site root).
Linker = Callable[[str, str], str]

_PARAGRAPH = re.compile(r'<p id="(p\d+)">(.*?)</p>', re.S)


def render_note_body(text: str) -> str:
    """A note's Markdown as HTML; raw HTML in it comes out as text, never as markup."""
    converter = markdown.Markdown(extensions=["sane_lists"])
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return str(converter.convert(text))


@dataclass
class PageAnnotations:
    """What one essay page shows: highlights per paragraph, and notes to put before paragraphs."""

    highlights: dict[str, list[tuple[int, int, str, str | None]]] = field(default_factory=lambda: defaultdict(list))
    notes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def _quote_link(anchor: Anchor, anchor_id: str, from_url: str, link: Linker) -> str:
    href = f"{link(anchor.essay.url, from_url)}#{anchor_id}" if anchor.essay.url != from_url else f"#{anchor_id}"
    return (
        f'<a class="pr-link" href="{html_text(href)}">'
        f'<span class="pr-link__essay">{html_text(anchor.essay.title)}</span>'
        f'<q class="pr-link__quote">{html_text(anchor.exact)}</q></a>'
    )


def _sources(item: ResolvedAnnotation) -> str:
    if not item.annotation.sources:
        return ""
    return '<p class="pr-note__label">依据</p>' + citations_html(item.annotation.sources, "pr-note__sources")


def _tags(item: ResolvedAnnotation) -> str:
    tags = "".join(f'<span class="pr-note__tag">{html_text(t)}</span>' for t in item.annotation.tags)
    return f'<p class="pr-note__tags">{tags}</p>' if tags else ""


def _note(item: ResolvedAnnotation, page_url: str, link: Linker) -> str:
    related = "".join(
        f"<li>{_quote_link(anchor, item.anchor_id(n), page_url, link)}</li>"
        for n, anchor in enumerate(item.related, start=1)
    )
    related_html = f'<p class="pr-note__label">相关段落</p><ul class="pr-note__links">{related}</ul>' if related else ""
    note_id = f"note-{item.annotation.id}"
    return (
        f'<details class="pr-note" id="{note_id}" open>'
        f"<summary>注释 · <q>{html_text(item.target.exact)}</q></summary>"
        f'<div class="pr-note__body">{render_note_body(item.annotation.body)}</div>'
        f"{related_html}{_sources(item)}{_tags(item)}</details>"
    )


def _backlink(item: ResolvedAnnotation, index: int, page_url: str, link: Linker) -> str:
    back = _quote_link(item.target, item.anchor_id(), page_url, link)
    return (
        f'<details class="pr-note pr-note--backlink" id="note-{item.annotation.id}-r{index}" open>'
        f"<summary>关联 · <q>{html_text(item.related[index - 1].exact)}</q></summary>"
        f'<p class="pr-note__label">另一端</p><ul class="pr-note__links"><li>{back}</li></ul>'
        f'<div class="pr-note__body">{render_note_body(item.annotation.body)}</div>{_tags(item)}</details>'
    )


def annotations_by_page(resolved: list[ResolvedAnnotation]) -> dict[str, list[ResolvedAnnotation]]:
    """The annotations touching each essay page (by its target or a related passage), by page address."""
    pages: dict[str, list[ResolvedAnnotation]] = defaultdict(list)
    for item in resolved:
        for url in dict.fromkeys(a.essay.url for a in (item.target, *item.related)):
            pages[url].append(item)
    return pages


def annotations_for_page(resolved: list[ResolvedAnnotation], page_url: str, link: Linker) -> PageAnnotations:
    """Highlights and notes that the essay at `page_url` shows, from the annotations touching it."""
    page = PageAnnotations()
    for item in resolved:
        target = item.target
        if target.essay.url == page_url:
            page.highlights[target.paragraph].append((target.start, target.end, item.annotation.id, item.anchor_id()))
            page.notes[target.paragraph].append(_note(item, page_url, link))
        for index, anchor in enumerate(item.related, start=1):
            if anchor.essay.url == page_url:
                page.highlights[anchor.paragraph].append(
                    (anchor.start, anchor.end, item.annotation.id, item.anchor_id(index))
                )
                page.notes[anchor.paragraph].append(_backlink(item, index, page_url, link))
    return page


def apply_to_page(page_html: str, page: PageAnnotations) -> str:
    """Highlight quoted passages inside the essay's paragraphs and put notes before those paragraphs.

    Runs on the paragraphs `import` writes (plain escaped text), before glossary terms are marked.
    """

    def paragraph(match: re.Match[str]) -> str:
        anchor, escaped = match.group(1), match.group(2)
        text = html.unescape(escaped)
        body = _highlight(text, page.highlights.get(anchor, []))
        notes = "".join(page.notes.get(anchor, []))
        return f'{notes}<p id="{anchor}">{body}</p>'

    return _PARAGRAPH.sub(paragraph, page_html)


def _highlight(text: str, spans: list[tuple[int, int, str, str | None]]) -> str:
    """`text` escaped, with each stretch covered by one or more annotations in a ``<mark>``."""
    if not spans:
        return html.escape(text, quote=False)
    cuts = sorted({0, len(text), *(s for s, _e, _a, _i in spans), *(e for _s, e, _a, _i in spans)})
    out = []
    opened: set[str] = set()
    for left, right in pairwise(cuts):
        piece = html.escape(text[left:right], quote=False)
        covering = [(a, i, s) for s, e, a, i in spans if s <= left and right <= e]
        if not covering:
            out.append(piece)
            continue
        ids = " ".join(sorted({a for a, _i, _s in covering}))
        starting = [i for _a, i, s in covering if s == left and i and i not in opened]
        opened.update(starting)
        id_attr = f' id="{starting[0]}"' if starting else ""
        extra = "".join(f'<span class="pr-anchor" id="{i}"></span>' for i in starting[1:])
        out.append(f'<mark class="pr-quote"{id_attr} data-annotations="{html_text(ids)}">{extra}{piece}</mark>')
    return "".join(out)
