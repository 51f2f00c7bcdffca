"""HTML for annotations on essay pages: highlighted quotes, notes after their paragraph, links both ways.

A paragraph's notes follow its text (reading order without scripts, in Tab order and in print);
the reader's scripts move them into the margin where the screen is wide enough.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise

from build_tools.annotations.model import Anchor, ResolvedAnnotation
from build_tools.annotations.note_body import render_note_body
from build_tools.common.html_scan import Edit, Element, Scan, scan, splice
from build_tools.common.markup import html_text
from build_tools.common.references import citations_html

#: Relative address from one page to another (page addresses below the site root).
Linker = Callable[[str, str], str]

#: The id of a paragraph `import` wrote (``p3``); a reference's preview template inside it holds paragraphs of
#: its own, which are not the essay's.
_PARAGRAPH_ID = re.compile(r"p\d+")
#: Markup inside a paragraph kept whole: a reference's preview, whose text is not the paragraph's.
_WHOLE = frozenset({"template"})
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
#: A preview longer than this shows only the sentences around the quote.
PREVIEW_CHARS = 220


#: A note waiting for its number on the page: where its quote starts, and its HTML given that number.
PendingNote = tuple[int, Callable[[int], str]]


@dataclass
class PageAnnotations:
    """What one essay page shows: highlights per paragraph, and the notes that follow each paragraph."""

    highlights: dict[str, list[tuple[int, int, str, str | None]]] = field(default_factory=lambda: defaultdict(list))
    notes: dict[str, list[PendingNote]] = field(default_factory=lambda: defaultdict(list))


def preview_excerpt(text: str, start: int, end: int) -> tuple[str, str, str, bool, bool]:
    """The part of a paragraph a preview shows: (before, quote, after, cut before, cut after).

    A short paragraph is shown whole; a long one keeps the sentences the quote touches and
    adds neighbouring sentences while the excerpt stays within `PREVIEW_CHARS`.
    """
    if len(text) <= PREVIEW_CHARS:
        return text[:start], text[start:end], text[end:], False, False
    bounds = [0, *(m.start() for m in _SENTENCE_END.finditer(text) if 0 < m.start() < len(text)), len(text)]
    first = max(i for i, b in enumerate(bounds) if b <= start)
    last = min(i for i, b in enumerate(bounds) if b >= end)
    while True:
        wider = [
            (first - 1, last) if first > 0 else None,
            (first, last + 1) if last < len(bounds) - 1 else None,
        ]
        grown = next((w for w in wider if w and bounds[w[1]] - bounds[w[0]] <= PREVIEW_CHARS), None)
        if grown is None:
            break
        first, last = grown
    left, right = bounds[first], bounds[last]
    return text[left:start], text[start:end], text[end:right], left > 0, right < len(text)


def _preview(anchor: Anchor) -> str:
    """The passage a link points to, carried in the page (no fetch, so it shows from disk too)."""
    before, quote, after, cut_before, cut_after = preview_excerpt(
        anchor.essay.text_of(anchor.paragraph), anchor.start, anchor.end
    )
    number = anchor.paragraph.removeprefix("p")
    clause = anchor.clause or anchor.essay.clause_of(anchor.paragraph)
    where = f"{anchor.essay.clause_path(clause)} " if clause else ""
    named = f' data-clause="{html_text(where.strip())}"' if anchor.whole else ""
    return (
        f'<template class="pr-preview" data-paragraph="{number}"{named}>'
        f'<p class="pr-preview__essay">{html_text(anchor.essay.title)} · {html_text(where)}第 {number} 段</p>'
        f'<p class="pr-preview__text">{"……" if cut_before else ""}{html_text(before)}'
        f"<mark>{html_text(quote)}</mark>{html_text(after)}{'……' if cut_after else ''}</p></template>"
    )


def _quote_link(anchor: Anchor, anchor_id: str, from_url: str, link: Linker) -> str:
    elsewhere = anchor.essay.url != from_url
    # A whole clause is cited by its own permalink, the address a reader would copy from the document.
    fragment = anchor.clause if anchor.whole and anchor.clause else anchor_id
    href = f"{link(anchor.essay.url, from_url)}#{fragment}" if elsewhere else f"#{fragment}"
    where = f" · {anchor.essay.clause_path(anchor.clause)}" if anchor.clause else ""
    return (
        f'<a class="pr-link" href="{html_text(href)}">'
        f'<span class="pr-link__essay">{html_text(anchor.essay.title + where)}</span>'
        f'<q class="pr-link__quote">{html_text(anchor.exact)}</q></a>' + (_preview(anchor) if elsewhere else "")
    )


def _sources(item: ResolvedAnnotation) -> str:
    if not item.annotation.sources:
        return ""
    return '<p class="pr-note__label">依据</p>' + citations_html(item.annotation.sources, "pr-note__sources")


def _tags(item: ResolvedAnnotation) -> str:
    tags = "".join(f'<span class="pr-note__tag">{html_text(t)}</span>' for t in item.annotation.tags)
    return f'<p class="pr-note__tags">{tags}</p>' if tags else ""


def _note_open(item: ResolvedAnnotation, anchor_id: str, kind: str, quote: str, number: int, backlink: bool) -> str:
    """A note's outer element and one-line summary (its number, kind and quote); folded until opened."""
    classes = "pr-note pr-note--backlink" if backlink else "pr-note"
    note_id = anchor_id.replace("quote-", "note-", 1)
    return (
        f'<details class="{classes}" id="{note_id}" data-note="{html_text(item.annotation.id)}" '
        f'data-quote="{anchor_id}" data-number="{number}">'
        # The number tells apart two notes on one quote, whose folded labels would otherwise read the same.
        f'<summary><span class="pr-note__kind">{kind}<span class="pr-note__number">{number}</span></span> '
        f"<q>{html_text(quote)}</q></summary>"
    )


def _note(item: ResolvedAnnotation, page_url: str, link: Linker, number: int) -> str:
    related = "".join(
        f"<li>{_quote_link(anchor, item.anchor_id(n), page_url, link)}</li>"
        for n, anchor in enumerate(item.related, start=1)
    )
    related_html = f'<p class="pr-note__label">相关段落</p><ul class="pr-note__links">{related}</ul>' if related else ""
    return (
        _note_open(item, item.anchor_id(), "注释", item.target.exact, number, backlink=False)
        + f'<div class="pr-note__body">{render_note_body(item.annotation.body)}</div>'
        f"{related_html}{_sources(item)}{_tags(item)}</details>"
    )


def _backlink(item: ResolvedAnnotation, index: int, page_url: str, link: Linker, number: int) -> str:
    back = _quote_link(item.target, item.anchor_id(), page_url, link)
    return (
        _note_open(item, item.anchor_id(index), "关联", item.related[index - 1].exact, number, backlink=True)
        + f'<p class="pr-note__label">另一端</p><ul class="pr-note__links"><li>{back}</li></ul>'
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
            page.notes[target.paragraph].append((target.start, partial(_note, item, page_url, link)))
        for index, anchor in enumerate(item.related, start=1):
            if anchor.essay.url == page_url:
                page.highlights[anchor.paragraph].append(
                    (anchor.start, anchor.end, item.annotation.id, item.anchor_id(index))
                )
                page.notes[anchor.paragraph].append((anchor.start, partial(_backlink, item, index, page_url, link)))
    return page


def essay_paragraphs(page: Scan, within: Element | None = None) -> Iterator[Element]:
    """The paragraphs `import` wrote (``<p id="p3">``), in order; not those inside a reference's preview."""
    for element in page.find_all("p", {"id": True}, (), within):
        if _PARAGRAPH_ID.fullmatch(element.attrs["id"]) and not element.inside("template"):
            yield element


def apply_to_page(page_html: str | Scan, page: PageAnnotations) -> str:
    """Highlight quoted passages inside the essay's paragraphs and put each paragraph's notes after it.

    Notes are numbered down the page in the order of their quotes; a quote carries its notes'
    numbers (``data-refs``), which print shows as markers. Runs on the paragraphs `import` writes
    (plain escaped text, a run-in heading's bold opening, a reference's link and its preview's template),
    before glossary terms are marked.
    """
    scanned = page_html if isinstance(page_html, Scan) else scan(page_html)
    return splice(scanned.source, annotation_edits(scanned, page))


def annotation_edits(
    scanned: Scan, page: PageAnnotations, within: Element | None = None, pending: Iterable[Edit] = ()
) -> list[Edit]:
    """What `apply_to_page` changes in `scanned` (inside `within`), as edits for `splice`, with `pending` ones.

    `pending` are changes made to the same text before (a link pointed elsewhere): one inside the markup of a
    paragraph whose text is rewritten goes into the new text, the others are returned as they are.
    """
    numbered = 0
    edits: list[Edit] = []
    pending = sorted(pending, key=lambda edit: (edit[0], edit[1]))
    for paragraph in essay_paragraphs(scanned, within):
        anchor = paragraph.attrs["id"]
        notes_here = sorted(page.notes.get(anchor, []), key=lambda note: note[0])
        spans = sorted(page.highlights.get(anchor, []), key=lambda span: span[0])
        if not notes_here and not spans:
            continue
        notes = "".join(render(numbered + n) for n, (_start, render) in enumerate(notes_here, start=1))
        refs = {anchor_id: numbered + n for n, (_s, _e, _a, anchor_id) in enumerate(spans, start=1) if anchor_id}
        numbered += len(notes_here)
        if spans:
            inside = [e for e in pending if paragraph.open_end <= e[0] and e[1] <= paragraph.close_start]
            pending = [e for e in pending if e not in inside]
            text, inline = _split_inline(scanned, paragraph, inside)
            edits.append((paragraph.open_end, paragraph.close_start, _highlight(text, spans, refs, inline)))
        if notes:
            number = anchor.removeprefix("p")
            notes_html = (
                f'<aside class="pr-notes" aria-label="第 {number} 段的注释">'
                f'<div class="pr-notes__list" id="notes-{anchor}">{notes}</div></aside>'
            )
            edits.append((paragraph.end, paragraph.end, notes_html))
    return [*pending, *edits]


def _split_inline(page: Scan, paragraph: Element, pending: list[Edit]) -> tuple[str, dict[int, list[str]]]:
    """A paragraph's text, and the markup inside it (links, templates) by where it stands in the text.

    Each of the `pending` changes inside the paragraph goes into the markup it is in.
    """
    source = page.source
    parts: list[str] = []
    inline: dict[int, list[str]] = defaultdict(list)
    at, length = paragraph.open_end, 0
    for start, end in page.markup_in(paragraph, _WHOLE):
        piece = html.unescape(source[at:start])
        parts.append(piece)
        length += len(piece)
        inline[length].append(splice(source, [e for e in pending if start <= e[0] and e[1] <= end], start, end))
        at = end
    parts.append(html.unescape(source[at : paragraph.close_start]))
    return "".join(parts), inline


def _highlight(
    text: str,
    spans: list[tuple[int, int, str, str | None]],
    refs: dict[str, int],
    inline: dict[int, list[str]] | None = None,
) -> str:
    """`text` escaped, with each stretch covered by one or more annotations in a ``<mark>``.

    The stretch where a quote ends names the numbers of the notes on it (`refs`: anchor id → number).
    `inline` markup (a reference's link) goes back where it stood; marks are cut at it, so the two nest.
    """
    inline = inline or {}
    cuts = sorted({0, len(text), *inline, *(s for s, _e, _a, _i in spans), *(e for _s, e, _a, _i in spans)})
    out = []
    opened: set[str] = set()
    for left, right in pairwise(cuts):
        out += inline.get(left, [])
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
        ending = sorted(refs[i] for s, e, _a, i in spans if e == right and s <= left and i in refs)
        refs_attr = f' data-refs="{",".join(map(str, ending))}"' if ending else ""
        out.append(
            f'<mark class="pr-quote"{id_attr}{refs_attr} data-annotations="{html_text(ids)}">{extra}{piece}</mark>'
        )
    out += inline.get(len(text), [])
    return "".join(out)
