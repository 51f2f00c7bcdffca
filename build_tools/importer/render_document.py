"""Write a report, document or regulation as one Markdown page, every clause anchored, every paragraph verbatim.

One page per document, with Material's contents list (parts and items) as its navigation: each
clause keeps one address to cite (``<id>/#part-4-item-2``), and find-in-page, print and the
offline zip hold the whole text. Paragraphs are `p<N>` blocks like an essay's, so glossary marks,
notes and search work on them unchanged.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import replace

from build_tools.common.markup import markdown_text
from build_tools.common.page_marker import PageIdentity, PageKind
from build_tools.importer.card import card_html, document_card
from build_tools.importer.editions.document_links import (
    current_status,
    date_attributes,
    document_head,
    edition_meta,
    in_force_dates,
    with_article_history,
)
from build_tools.importer.paragraphs import GENERATED_NOTE, URL_LABEL, front_matter, paragraph_block, provenance_list
from build_tools.importer.render_references import cited_by_block, linked_text
from build_tools.sources.model import Clause, DocLine, Document, Paragraph
from build_tools.sources.source import Source
from build_tools.sources.text_links import OtherText, TextReferences, text_references

#: Other clauses opening with a paragraph (points, an article's 款 and items) are anchored on that paragraph.
_HEADED_KINDS = frozenset({"part", "item", "book", "chapter", "section", "article", "annex"})
#: The class of a clause's block where ``pr-<kind>`` is taken: ``pr-para`` is every paragraph block's.
_BLOCK_CLASS = {"para": "pr-kuan"}
GENRE_NAMES = {"report": "报告", "document": "文件", "regulation": "法规"}


def _doc_line(line: DocLine) -> str:
    return f'<p class="pr-doc-line pr-doc-{line.role}">{html.escape(line.text, quote=False)}</p>\n'


def _doc_lines(lines: list[DocLine]) -> list[str]:
    """Head lines as published; a law's 题注 lines together, as the one parenthesised block a law prints."""
    out: list[str] = []
    history = [line for line in lines if line.role == "history"]
    for line in lines:
        if line.role != "history":
            out.append(_doc_line(line))
        elif line is history[0]:
            out.append(_history_block(history))
    return out


def _history_block(lines: list[DocLine]) -> str:
    """The 题注: its lines verbatim; the parentheses a copy lost are drawn by the style sheet, not added to the text."""
    first, last = lines[0].text, lines[-1].text
    shape = ("" if first.startswith(("（", "(")) else " pr-doc-history--open") + (
        "" if last.endswith(("）", ")")) else " pr-doc-history--close"
    )
    inner = "".join(_doc_line(line) for line in lines)
    return f'<div class="pr-doc-history-block{shape}" role="note" aria-label="题注">\n{inner}</div>\n'


def _heading(clause: Clause, level: int, run_in: bool = False) -> str:
    hashes = "#" * min(level, 6)
    hidden = f" .{RUN_IN_HEADING_CLASS}" if run_in else ""
    return f"\n{hashes} {markdown_text(clause.label)} {{#{clause.anchor} .pr-{clause.kind}{hidden}}}\n"


#: A heading printed as its paragraph's bold opening: kept for the contents list and its address, not shown again.
RUN_IN_HEADING_CLASS = "pr-runin-heading"
#: What may close a run-in heading: the stop after 加强考核评价 in （三）加强考核评价。各地区…….
_RUN_IN_STOPS = "。．.：:；;！!？?"


def _run_in_length(clause: Clause) -> int:
    """How many characters open the clause's first paragraph as its heading; 0 if it does not open so.

    An item's marker, title and the stop after it (（三）加强考核评价。各地区……), or its marker alone where
    no opening sentence titles it; an article's number (第十七条　经营者……), its first 款 opening with it.
    """
    first = clause.children[0] if clause.children else None
    if isinstance(first, Clause) and first.kind == "para" and first.children:
        first = first.children[0]
    opening = f"{clause.marker}{clause.title}"
    if clause.heading or not clause.marker or not isinstance(first, Paragraph) or not first.text.startswith(opening):
        return 0
    stop = first.text[len(opening) : len(opening) + 1]
    return len(opening) + (1 if stop and stop in _RUN_IN_STOPS else 0)


def _block(
    paragraph: Paragraph, refs: TextReferences, extra_class: str = "", anchor: str | None = None, run_in: int = 0
) -> str:
    links = refs.links.get(paragraph.number)
    inner = linked_text(paragraph.text, links) if links else None
    return paragraph_block(paragraph, extra_class, anchor, run_in, inner)


def _items(
    items: list[Clause | Paragraph],
    out: list[str],
    depth: int,
    refs: TextReferences,
    in_article: bool = False,
    run_in: int = 0,
) -> None:
    """Write `items`; the first paragraph written opens with a run-in heading of `run_in` characters."""
    for item in items:
        if isinstance(item, Paragraph):
            out += ["\n", _block(item, refs, run_in=run_in)]
            run_in = 0
            continue
        # One level below the heading it stands under (the title is h1): no level is skipped.
        level = depth + 1
        # An article's own items (（一）有……；) are list entries of its text, not headings of their own.
        if item.heading or (item.kind in _HEADED_KINDS and not in_article):
            # A heading that opens its paragraph (（三）加强考核评价。各地区……) is printed once, as that opening.
            opening = _run_in_length(item)
            out.append(_heading(item, level, run_in=bool(opening)))
            out += _doc_lines(item.head)
            _items(item.children, out, level, refs, in_article or item.kind == "article", opening)
            out.append(cited_by_block(refs.cited_by.get(item.anchor, [])))
            run_in = 0
            continue
        # A point (a 款, an item) opening with its paragraph: the paragraph carries the clause's address.
        first, *rest = item.children
        assert isinstance(first, Paragraph)  # a clause that is no heading opens with its paragraph
        css = _BLOCK_CLASS.get(item.kind, f"pr-{item.kind}")
        out += ["\n", _block(first, refs, f" pr-clause {css}", item.anchor, run_in)]
        run_in = 0
        _items(rest, out, depth, refs, in_article)


def render_document(
    source: Source, document: Document, others: Mapping[str, OtherText] | None = None, readings: str = ""
) -> str:
    """The Markdown page of a whole document; `others` are the site's texts it may name, by title.

    `readings` is its 解读 section: the site's essays interpreting it (see `library.readings_section`).
    """
    # A law's first paragraph is its first article: its 题注 is head, not text.
    first = document.paragraphs[0].text if document.paragraphs else document.title
    meta = {
        "title": source.manifest.title or document.title,
        "description": first[:120],
        "policy_reader": {
            "kind": PageKind.DOCUMENT,
            "genre": document.genre,
            "source": source.id,
            "article": source.id,
            "date": source.date,
            **edition_meta(source),
            "generated": GENERATED_NOTE,
        },
    }
    card = document_card(source.manifest.card, document) if document.genre != "report" else None
    status = current_status(source)
    if card is not None and not source.manifest.status and status.value != card.status:
        # Not yet in force by its own 施行 provision (or `in_force:`): the card says so as the status line would.
        card = replace(card, status=status.value, status_date=status.date)
    if card is not None:
        assert isinstance(meta["policy_reader"], dict)
        meta["policy_reader"]["card"] = card.to_json()
    identity = PageIdentity(
        PageKind.DOCUMENT, str(meta["title"]), source.id, source.id, status.text, document.genre, source.date
    )
    out = [
        front_matter(meta, identity),
        f"\n# {markdown_text(document.title)}\n",
        document_head(source, status=card is None),
        "\n",
    ]
    if card is not None:
        out.append(card_html(card, date_attributes(in_force_dates(source, "current"))) + "\n")
    out += _doc_lines(document.head)
    refs = text_references(document, others)
    _items(document.body, out, 1, refs)
    if document.closing:
        lines = "".join(_doc_line(line) for line in document.closing)
        out.append(f'\n<div class="pr-doc-closing">\n{lines}</div>\n')
    _items(list(document.annexes), out, 1, refs)
    out.append(readings)
    out.append(_provenance(source))
    return with_article_history(source, "".join(out))


def _provenance(source: Source) -> str:
    manifest = source.manifest
    shown = provenance_list(
        [("刊载", manifest.publication), ("日期", manifest.date), (URL_LABEL, manifest.url), ("说明", manifest.notes)]
    )
    return "\n## 来源 {#provenance .pr-provenance}\n\n" + shown if shown else ""
