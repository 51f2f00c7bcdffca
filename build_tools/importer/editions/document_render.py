"""The pages `import` writes for a document's earlier editions: each text as it stood, and its comparison (对照版).

The earlier text is the document as `render_document` writes any document, so each article keeps
the address it had then (``#article-9`` is that edition's 第九条), with a banner that stays in view
saying it is not the text in force and, under each article, where it stands now. The comparison
goes article by article in the current order: old number → new number, 款 by 款 with the words
changed marked as the essays' comparison marks them, articles added, removed, moved, split and
merged labelled, runs of articles kept word for word folded into one line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import replace

from build_tools.common.markup import markdown_text
from build_tools.common.page_marker import PageIdentity, PageKind, without_page_marker
from build_tools.importer.editions.compare import DocumentComparison
from build_tools.importer.editions.diff import word_diff
from build_tools.importer.editions.document_links import (
    ARTICLE_HEADING,
    CHANGES,
    TEXT,
    current_name,
    document_comparisons,
    earlier_status,
    in_force_dates,
    status_line,
    versions_line,
)
from build_tools.importer.editions.match import Row, match_paragraphs
from build_tools.importer.editions.render import folded, marked
from build_tools.importer.editions.units import Unit
from build_tools.importer.paragraphs import GENERATED_NOTE, front_matter
from build_tools.importer.render_document import render_document
from build_tools.sources.source import Source

_UNIT_LINE = re.compile(ARTICLE_HEADING.pattern + r'|<p id="(p\d+)">')
#: From an edition's pages (``<id>/editions/<slug>/…``) to the document's folder.
_UP = "../../"


def document_edition_pages(source: Source) -> dict[str, str]:
    """The text and the comparison of every earlier edition of a document, by path below ``docs/``."""
    pages = {}
    for index, comparison in enumerate(document_comparisons(source)):
        slug = comparison.edition.slug
        pages[f"{source.id}/{TEXT.format(slug=slug)}"] = render_document_edition(source, index, comparison)
        pages[f"{source.id}/{CHANGES.format(slug=slug)}"] = render_document_changes(source, index, comparison)
    return pages


def _meta(title: str, kind: PageKind, source: Source, slug: str, status: dict[str, object]) -> dict[str, object]:
    """Front matter of an edition's page: kept out of search, which lists the current text only."""
    return {
        "title": title,
        "search": {"exclude": True},
        "policy_reader": {
            "kind": kind,
            "source": source.id,
            "article": source.id,
            "edition": slug,
            "status": status,
            "generated": GENERATED_NOTE,
        },
    }


def render_document_edition(source: Source, index: int, comparison: DocumentComparison) -> str:
    """An earlier edition's text at its own addresses, each article followed by its counterpart now."""
    edition = comparison.edition
    assert edition.document is not None
    status = earlier_status(source, index)
    # The manifest's title, address, notes and status are the current text's: the earlier one has its date only.
    as_then = replace(
        source,
        manifest=replace(source.manifest, title=None, date=edition.entry.date, url=None, notes=None, status=None),
        editions=(),
    )
    page = render_document(as_then, edition.document)
    body = without_page_marker(page[page.index("\n---\n", 3) + 5 :])
    title = f"{edition.document.title}({edition.entry.label},{edition.entry.date})"
    meta = _meta(title, PageKind.EDITION, source, edition.slug, {"value": status.value, "date": status.date})
    current = f"[阅读{markdown_text(current_name(source))}]({_UP}index.md)"
    changes = "[修改对照](changes.md)"
    # Until the newer text takes effect this one is still in force (editions.js says it again as of the reader's day).
    said = "仍为现行有效的文本,新文本尚未生效" if status.value == "现行有效" else "不是现行有效的文本"
    banner = (
        f'\n<div class="pr-edition-banner" role="note" aria-label="历史文本" data-search-exclude="" markdown>\n\n'
        f"**此为{markdown_text(edition.label)},{said}**:{status.text}。{current} · {changes}\n\n</div>\n"
    )
    head = status_line(status, dates=in_force_dates(source, edition.slug)) + versions_line(source, edition.slug, _UP)
    identity = PageIdentity(PageKind.EDITION, title, source.id, source.id, status.text, edition.document.genre)
    out = [front_matter(meta, identity), banner]
    titled = False
    for line in body.splitlines(keepends=True):
        if not titled and line.startswith("# "):
            out.append(line + head)
            titled = True
            continue
        if "pr-status" in line or "pr-versions" in line:
            continue  # the current text's own status and 版本 lines: this page has its own
        out.append(line)
        found = _UNIT_LINE.search(line)
        if found:
            anchor = found.group(1) or found.group(2)
            old_index = next((n for n, unit in enumerate(comparison.old) if unit.anchor == anchor), None)
            if old_index is not None:
                out.append(_counterpart(source, comparison, old_index))
    return "".join(out)


def _counterpart(source: Source, comparison: DocumentComparison, old_index: int) -> str:
    """Under an earlier article: where it stands in the current text, or that it was removed."""
    row = comparison.row_of_old(old_index)
    name = markdown_text(current_name(source))
    merged = comparison.pairing.merged_into.get(old_index, ())
    if row.new is None:
        into = "、".join(f"[{comparison.new[n].name}]({_UP}index.md#{comparison.new[n].anchor})" for n in merged)
        said = f"{name}删去了此{comparison.measure}" + (f",内容并入{into}" if into else "")
        where = f"changes.md#was-{comparison.old[old_index].anchor}"
        return f"\n{said}([对照]({where}))\n{{: .pr-counterpart .pr-counterpart--removed }}\n"
    unit = comparison.new[row.new]
    how = _how(comparison, row)
    parts = [n for n, olds in comparison.pairing.split_from.items() if old_index in olds]
    also = "、".join(f"[{comparison.new[n].name}]({_UP}index.md#{comparison.new[n].anchor})" for n in parts)
    also = f";部分内容现为{also}" if also else ""
    return (
        f"\n现为[{name}{unit.name}]({_UP}index.md#{unit.anchor})({how},[对照](changes.md#{unit.anchor}){also})\n"
        "{: .pr-counterpart }\n"
    )


def _how(comparison: DocumentComparison, row: Row) -> str:
    """What became of a paired unit, in words: 有改动,位置有变."""
    how = {"same": "文字未改", "changed": "有改动", "added": "新增", "removed": "删除"}[row.change]
    if comparison.renumbered(row):
        how += ",条号有变" if comparison.measure == "条" else ",段号有变"
    if row.moved:
        how += ",位置有变"
    return how


def render_document_changes(source: Source, index: int, comparison: DocumentComparison) -> str:
    """The comparison: each article of the current text beside what it was, words marked."""
    edition = comparison.edition
    assert source.document is not None
    title = f"修改对照:{source.document.title}"
    meta = _meta(title, PageKind.CHANGES, source, edition.slug, {"value": "修改对照", "date": None})
    then, now = markdown_text(edition.entry.label), markdown_text(current_name(source))
    out = [
        front_matter(meta, PageIdentity(PageKind.CHANGES, title, source.id, source.id)),
        f"\n# 修改对照:{markdown_text(source.document.title)}\n",
        versions_line(source, "changes", _UP),
        f"\n[{then}](index.md) → [{now}]({_UP}index.md)。{comparison.summary}\n",
        "{: .pr-changes-summary }\n\n",
        '<p class="pr-changes-legend" aria-hidden="true"><ins>新增的字词</ins> <del>删去的字词</del></p>\n',
    ]
    for item in _folded(comparison):
        out.append(_row(comparison, item, then, now) if isinstance(item, Row) else _unchanged(comparison, item))
    return "".join(out)


def _folded(comparison: DocumentComparison) -> Iterator[Row | list[Row]]:
    """The rows, each run of units kept word for word and in place (though renumbered, not split) as one list."""
    return folded(comparison.rows, lambda row: row.new not in comparison.pairing.split_from)


def _place(unit: Unit, label: str, target: str) -> str:
    return f"[{label}{unit.name}]({target}#{unit.anchor})"


def _row(comparison: DocumentComparison, row: Row, then: str, now: str) -> str:
    places = []
    if row.old is not None:
        places.append(_place(comparison.old[row.old], then, "index.md"))
    if row.new is not None:
        places.append(_place(comparison.new[row.new], now, f"{_UP}index.md"))
    whole = "条文" if comparison.measure == "条" else "段落"
    kinds = [_how(comparison, row) if row.change not in {"added", "removed"} else f"{_how(comparison, row)}{whole}"]
    split = comparison.pairing.split_from.get(row.new, ()) if row.new is not None else ()
    if split:
        kinds.append("拆分自" + "、".join(f"{then}{comparison.old[o].name}" for o in split))
    merged = comparison.pairing.merged_into.get(row.old, ()) if row.old is not None else ()
    if merged:
        kinds.append("并入" + "、".join(f"{now}{comparison.new[n].name}" for n in merged))
    anchor = comparison.new[row.new].anchor if row.new is not None else f"was-{comparison.old[row.old or 0].anchor}"
    css = f"pr-change pr-change--{row.change}{' pr-change--moved' if row.moved else ''}"
    old = comparison.old[row.old] if row.old is not None else None
    new = comparison.new[row.new] if row.new is not None else None
    texts = "".join(f'<p class="pr-change__text">{text}</p>\n' for text in _paragraph_diffs(old, new))
    return (
        f'\n<section class="{css}" id="{anchor}" markdown>\n\n'
        f"{' → '.join(places)} · {','.join(kinds)}\n{{: .pr-change__where }}\n\n{texts}\n</section>\n"
    )


def _texts(unit: Unit | None) -> list[str]:
    """A unit's paragraphs as compared: its number left out (第十五条 → 第二十条 is told above, not marked)."""
    if unit is None:
        return []
    texts = [p.text for p in unit.paragraphs]
    if texts and unit.anchor.startswith("article-") and texts[0].startswith(unit.name):
        texts[0] = texts[0][len(unit.name) :].lstrip(" \u3000")
    return texts


def _paragraph_diffs(old: Unit | None, new: Unit | None) -> Iterator[str]:
    """Each paragraph (款, item) of the pair, in the current order, its words marked."""
    before, after = _texts(old), _texts(new)
    for row in match_paragraphs(before, after):
        was = before[row.old] if row.old is not None else ""
        now = after[row.new] if row.new is not None else ""
        yield "".join(marked(word_diff(was, now)))


def _unchanged(comparison: DocumentComparison, run: list[Row]) -> str:
    first, last = comparison.new[run[0].new or 0], comparison.new[run[-1].new or 0]
    span = first.name if first is last else f"{first.name}至{last.name}"
    texts = "".join(
        f'\n<p class="pr-change__where" id="{comparison.new[r.new or 0].anchor}">'
        f"{_renumbering(comparison, r)}</p>\n"
        f'<p class="pr-change__text">{html.escape(" ".join(_texts(comparison.new[r.new or 0])), quote=False)}</p>\n'
        for r in run
    )
    summary = f"<summary>{html.escape(span, quote=False)}文字未改</summary>"
    return f'\n<details class="pr-change pr-change--same" markdown>\n{summary}\n{texts}\n</details>\n'


def _renumbering(comparison: DocumentComparison, row: Row) -> str:
    """第二十一条, or 2007年文本第十六条 → 第二十一条 where the number changed."""
    new, old = comparison.new[row.new or 0].name, comparison.old[row.old or 0].name
    shown = new if old == new else f"{comparison.edition.entry.label}{old} → {new}"
    return html.escape(shown, quote=False)
