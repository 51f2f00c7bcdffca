"""Write a report, document or regulation as one Markdown page, every clause anchored, every paragraph verbatim.

One page per document, with Material's contents list (parts and items) as its navigation: each
clause keeps one address to cite (``<id>/#part-4-item-2``), and find-in-page, print and the
offline zip hold the whole text. Paragraphs are `p<N>` blocks like an essay's, so glossary marks,
notes and search work on them unchanged.
"""

from __future__ import annotations

import html

from build_tools.common.markup import markdown_text
from build_tools.common.page_marker import PageIdentity
from build_tools.importer.model import Clause, DocLine, Document, Paragraph
from build_tools.importer.paragraphs import GENERATED_NOTE, URL_LABEL, front_matter, paragraph_block, provenance_list
from build_tools.importer.source import Source

#: Other clauses opening with a paragraph (points, an article's items) are anchored on that paragraph.
_HEADED_KINDS = frozenset({"part", "item", "book", "chapter", "section", "article", "annex"})
GENRE_NAMES = {"report": "报告", "document": "文件", "regulation": "法规"}


def _doc_line(line: DocLine) -> str:
    return f'<p class="pr-doc-line pr-doc-{line.role}">{html.escape(line.text, quote=False)}</p>\n'


def _heading(clause: Clause, level: int) -> str:
    hashes = "#" * min(level, 6)
    return f"\n{hashes} {markdown_text(clause.label)} {{#{clause.anchor} .pr-{clause.kind}}}\n"


def _items(items: list[Clause | Paragraph], out: list[str], depth: int, in_article: bool = False) -> None:
    for item in items:
        if isinstance(item, Paragraph):
            out += ["\n", paragraph_block(item)]
            continue
        # One level below the heading it stands under (the title is h1): no level is skipped.
        level = depth + 1
        # An article's own items (（一）有……；) are list entries of its text, not headings of their own.
        if item.heading or (item.kind in _HEADED_KINDS and not in_article):
            out.append(_heading(item, level))
            _items(item.children, out, level, in_article or item.kind == "article")
            continue
        # A point opening with its paragraph: the paragraph carries the clause's address.
        first, *rest = item.children
        assert isinstance(first, Paragraph)  # a clause that is no heading opens with its paragraph
        out += ["\n", paragraph_block(first, f" pr-clause pr-{item.kind}", item.anchor)]
        _items(rest, out, depth, in_article)


def render_document(source: Source, document: Document) -> str:
    """The Markdown page of a whole document."""
    date = source.manifest.date or next(iter(document.lines_of("date")), None)
    first = document.paragraphs[0].text if document.paragraphs else document.title
    meta = {
        "title": source.manifest.title or document.title,
        "description": first[:120],
        "policy_reader": {
            "kind": "document",
            "genre": document.genre,
            "source": source.id,
            "article": source.id,
            "date": date,
            "generated": GENERATED_NOTE,
        },
    }
    identity = PageIdentity("document", str(meta["title"]), source.id, source.id)
    out = [front_matter(meta, identity), f"\n# {markdown_text(document.title)}\n\n"]
    out += [_doc_line(line) for line in document.head]
    _items(document.body, out, 1)
    if document.closing:
        lines = "".join(_doc_line(line) for line in document.closing)
        out.append(f'\n<div class="pr-doc-closing">\n{lines}</div>\n')
    _items(list(document.annexes), out, 1)
    out.append(_provenance(source))
    return "".join(out)


def _provenance(source: Source) -> str:
    manifest = source.manifest
    shown = provenance_list(
        [("刊载", manifest.publication), ("日期", manifest.date), (URL_LABEL, manifest.url), ("说明", manifest.notes)]
    )
    return "\n## 来源 {#provenance .pr-provenance}\n\n" + shown if shown else ""
