"""The Markdown pages `import` writes for earlier editions: each essay's earlier text, and its comparison.

Addresses, below a source's folder: ``editions/<edition>/<essay>.md`` (the earlier text,
each paragraph keeping its ``#p<N>`` of then and linking to its counterpart now) and
``editions/<edition>/<essay>/changes.md`` (the comparison). Links between pages are
Markdown, so the generator writes them for directory and file addresses alike; the
published text stays raw HTML, never read as Markdown. Neither page is searched: search
lists the current text only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from build_tools.common.markup import markdown_text
from build_tools.common.page_marker import PageIdentity, PageKind, without_page_marker
from build_tools.importer.editions.compare import EssayComparison
from build_tools.importer.editions.diff import Op, word_diff
from build_tools.importer.editions.links import changes_page, comparisons, current_label, current_name, text_page
from build_tools.importer.editions.match import Row
from build_tools.importer.paragraphs import GENERATED_NOTE, front_matter
from build_tools.importer.render import render_article
from build_tools.sources.model import Article
from build_tools.sources.source import Source

_PARAGRAPH_LINE = re.compile(r'<p id="p(\d+)">')
# Spoken before each marked run: most screen readers do not announce <ins> and <del>.
_SPOKEN = {"insert": ("ins", "新增:"), "delete": ("del", "删除:")}


def edition_pages(source: Source) -> dict[str, str]:
    """The pages of every earlier edition of `source`, by path below ``docs/``."""
    pages = {}
    for comparison in comparisons(source):
        slug, old = comparison.edition.slug, comparison.old
        pages[text_page(source.id, slug, old.id)] = render_edition_text(source, comparison)
        if comparison.new is not None and comparison.changed:
            pages[changes_page(source.id, slug, old.id)] = render_changes(source, comparison)
    return pages


def _meta(title: str, kind: PageKind, source_id: str, article_id: str, slug: str) -> dict[str, object]:
    """Front matter of an edition's page: kept out of search, which lists the current text only."""
    return {
        "title": title,
        "search": {"exclude": True},
        "policy_reader": {
            "kind": kind,
            "source": source_id,
            "article": article_id,
            "edition": slug,
            "generated": GENERATED_NOTE,
        },
    }


def render_edition_text(source: Source, comparison: EssayComparison) -> str:
    """An earlier edition's essay: its paragraphs with their numbers of then, each linking to its counterpart."""
    edition, old, new = comparison.edition, comparison.old, comparison.new
    meta = _meta(f"{old.title}({edition.label})", PageKind.EDITION, source.id, old.id, edition.slug)
    # The essay as render_article writes it, less the current page's links to its editions.
    article_page = render_article(replace(source, editions=()), old)
    body = without_page_marker(article_page[article_page.index("\n---\n", 3) + 5 :])
    if new is None:
        notice = f"这是{markdown_text(edition.label)}中的文章,现行文本已无此文。"
    else:
        current = f"[{markdown_text(current_label(source))}](../../{new.id}.md)"
        changes = f"[修改对照]({old.id}/changes.md)" if comparison.changed else "两版文字相同"
        notice = (
            f"这是{markdown_text(edition.label)}的文本,已由{current}取代:{changes}。每段后注明它在现行文本中的位置。"
        )
    out = [front_matter(meta, PageIdentity(PageKind.EDITION, str(meta["title"]), source.id, old.id))]
    for line in body.splitlines(keepends=True):
        out.append(line)
        if 'class="pr-byline"' in line:
            out.append(f'\n<p class="pr-edition-notice" markdown>{notice}</p>\n')
        found = _PARAGRAPH_LINE.search(line)
        if found and new is not None:
            out.append(_counterpart(source, comparison, int(found.group(1)), new))
    return "".join(out)


def _counterpart(source: Source, comparison: EssayComparison, number: int, new: Article) -> str:
    now = comparison.counterpart(number)
    if now is None:
        removed = f"{html.escape(current_name(source))}删去了此段"
        return f'\n<p class="pr-counterpart pr-counterpart--removed">{removed}</p>\n'
    row = next(r for r in comparison.rows if r.old == number - 1)
    how = "有改动" if row.change == "changed" else "文字相同"
    if row.moved:
        how += ",位置有变"
    name = markdown_text(current_name(source))
    return f"\n[{name}第 {now} 段({how})](../../{new.id}.md#p{now})\n{{: .pr-counterpart }}\n"


def render_changes(source: Source, comparison: EssayComparison) -> str:
    """The comparison page: each paragraph of the current text beside what it was, words marked."""
    edition, old, new = comparison.edition, comparison.old, comparison.new
    assert new is not None  # a dropped essay has no comparison page
    meta = _meta(f"修改对照:{new.title}", PageKind.CHANGES, source.id, new.id, edition.slug)
    then, now = markdown_text(edition.label), markdown_text(current_label(source))
    name = markdown_text(current_name(source))
    out = [
        front_matter(meta, PageIdentity(PageKind.CHANGES, str(meta["title"]), source.id, new.id)),
        f"\n# 修改对照:{markdown_text(new.title)}\n\n",
        f"[{then}](../{old.id}.md) → [{now}](../../../{new.id}.md)。{comparison.summary}\n",
        "{: .pr-changes-summary }\n\n",
        '<p class="pr-changes-legend" aria-hidden="true"><ins>新增的字词</ins> <del>删去的字词</del></p>\n',
    ]
    if old.title != new.title:
        title = "".join(marked(word_diff(old.title, new.title)))
        out.append(f'\n<p class="pr-change__title">标题:{title}</p>\n')
    for row in folded(comparison.rows):
        out.append(_row(row, comparison, old, new, name) if isinstance(row, Row) else _unchanged(row, new))
    return "".join(out)


def folded(rows: Iterable[Row], foldable: Callable[[Row], bool] = lambda row: True) -> Iterator[Row | list[Row]]:
    """The rows, with each run kept word for word and in place (and `foldable`) as one list."""
    run: list[Row] = []
    for row in rows:
        if row.change == "same" and not row.moved and foldable(row):
            run.append(row)
            continue
        if run:
            yield run
            run = []
        yield row
    if run:
        yield run


def marked(diff: list[tuple[Op, str]]) -> Iterator[str]:
    """Each run of the diff as HTML: inserted and deleted words marked, with the words screen readers speak."""
    for op, text in diff:
        if op == "equal":
            yield html.escape(text, quote=False)
            continue
        tag, spoken = _SPOKEN[op]
        words = html.escape(text, quote=False)
        yield f"<{tag}>{_hidden(f'[{spoken}')}{words}{_hidden(']')}</{tag}>"


def _hidden(text: str) -> str:
    """Words for screen readers only."""
    return f'<span class="pr-visually-hidden">{text}</span>'


_KIND = {"changed": "改动", "added": "新增段落", "removed": "删除段落", "same": "文字相同"}


def _row(row: Row, comparison: EssayComparison, old: Article, new: Article, now: str) -> str:
    places = []
    if row.old is not None:
        places.append(
            f"[{markdown_text(comparison.edition.entry.label)}第 {row.old + 1} 段](../{old.id}.md#p{row.old + 1})"
        )
    if row.new is not None:
        places.append(f"[{now}第 {row.new + 1} 段](../../../{new.id}.md#p{row.new + 1})")
    kind = _KIND[row.change] + (",位置有变" if row.moved else "")
    before = old.paragraphs[row.old].text if row.old is not None else ""
    after = new.paragraphs[row.new].text if row.new is not None else ""
    text = "".join(marked(word_diff(before, after)))
    return (
        f'\n<section class="pr-change pr-change--{row.change}{" pr-change--moved" if row.moved else ""}" markdown>\n\n'
        f"{' → '.join(places)} · {kind}\n{{: .pr-change__where }}\n\n"
        f'<p class="pr-change__text">{text}</p>\n\n</section>\n'
    )


def _unchanged(run: list[Row], new: Article) -> str:
    first, last = (run[0].new or 0) + 1, (run[-1].new or 0) + 1
    span = f"第 {first} 段" if first == last else f"第 {first}–{last} 段"
    texts = "".join(
        f"\n[第 {(r.new or 0) + 1} 段](../../../{new.id}.md#p{(r.new or 0) + 1})\n{{: .pr-change__where }}\n\n"
        f'<p class="pr-change__text">{html.escape(new.paragraphs[r.new or 0].text, quote=False)}</p>\n'
        for r in run
    )
    summary = f"<summary>{span}未改动</summary>"
    return f'\n<details class="pr-change pr-change--same" markdown>\n{summary}\n{texts}\n</details>\n'
