"""Which pages of essays interpret which documents because a note links them (issue 37).

A manifest's `interprets:` is an editor's declaration; a note whose one end is a passage of an
essay and another a passage or clause of a document or law implies the same relation. The implied
ones are shown apart from the declared (marked 据注释, with the notes that imply them), so a reader
can tell an editor's word from an inference.

They are computed when a site is finished, not by `import`: the notes are read only there (their
folder is a setting of the build, and editing a note must never need a re-import), and there both
the sources and the anchored notes are at hand. `import` writes fill places where they go (a
document's 解读, an essay's byline, each text of the 文库) and the step fills them (the MkDocs plugin
before MkDocs renders the page, so the 解读 heading is in its table of contents).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from build_tools.annotations.corpus import Corpus
from build_tools.annotations.model import Annotation
from build_tools.common.markup import html_text, markdown_text
from build_tools.sources.source import Source

#: The address of a page made from a Markdown file below ``docs/``, as written on the page being filled.
PageLink = Callable[[str], str]
#: How an implied relation is marked, wherever it is shown.
NOTED = "据注释"


@dataclass(frozen=True)
class NotedReading:
    """A page of essays that notes link with a document its manifest does not name.

    Attributes:
        essays: The id of the page of essays.
        document: The id of the document or law.
        notes: The ids of the notes linking them, in the order read.
    """

    essays: str
    document: str
    notes: tuple[str, ...]


def noted_readings(annotations: list[Annotation], corpus: Corpus, sources: list[Source]) -> list[NotedReading]:
    """Each (page of essays, document) pair some note links and no `interprets:` declares, in a stable order."""
    documents = {s.id for s in sources if s.document is not None}
    declared = {(s.id, text_id) for s in sources for text_id, _line in s.manifest.interprets}
    found: dict[tuple[str, str], list[str]] = {}
    for note in annotations:
        ends = {essay.source_id for end in (note.target, *note.related) for essay in corpus.find(end.article)}
        for essays in sorted(ends - documents):
            for document in sorted(ends & documents):
                if (essays, document) not in declared:
                    found.setdefault((essays, document), []).append(note.id)
    return [NotedReading(e, d, tuple(notes)) for (e, d), notes in sorted(found.items())]


def _anchor(title: str, path: str, link: PageLink) -> str:
    # An HTML link to the built page, not a Markdown link to its file: the same whether MkDocs renders it
    # (which checks only links to .md files) or the step fills a page a generator built already.
    return f'<a href="{html_text(link(path))}">{markdown_text(title)}</a>'


def _title_link(source: Source, link: PageLink) -> str:
    return _anchor(source.title, f"{source.id}/index.md", link)


def _notes(reading: NotedReading) -> str:
    # The count, not the notes' ids: ids are for editors; the notes themselves stand beside the essays' text.
    return f'<span class="pr-noted__notes">（{len(reading.notes)} 条注释）</span>'


def noted_readings_markdown(
    document: str, readings: list[NotedReading], by_id: dict[str, Source], link: PageLink, declared: bool
) -> str:
    """A document's 解读 from notes: the heading too when no manifest declares one; "" if none."""
    mine = [r for r in readings if r.document == document and r.essays in by_id]
    if not mine:
        return ""
    out = [] if declared else ["## 解读 {#readings .pr-readings}\n\n"]
    out.append(f'<p class="pr-noted__intro">以下{NOTED}推断：注释把这些文章的段落与本文件的条款相联系。</p>\n\n')
    for reading in mine:
        source = by_id[reading.essays]
        essays = "、".join(_anchor(a.title, f"{source.id}/{a.id}.md", link) for a in source.page.articles)
        out.append(f"- {_title_link(source, link)}" + (f"：{essays}" if essays else "") + f" {_notes(reading)}\n")
    return "".join(out) + "\n"


def noted_interprets_markdown(
    essays: str, readings: list[NotedReading], by_id: dict[str, Source], link: PageLink, css_class: str
) -> str:
    """What a page of essays (or one of its essays, or its 文库 entry) says of the documents notes link it with."""
    links = "、".join(
        _title_link(by_id[r.document], link) for r in readings if r.essays == essays and r.document in by_id
    )
    # The documents' titles are not the essays' words: search leaves the line out.
    if not links:
        return ""
    return f'<p class="{css_class} pr-noted" data-search-exclude="" markdown>解读（{NOTED}）：{links}</p>\n'


def noted_interpreted_by_markdown(
    document: str, readings: list[NotedReading], by_id: dict[str, Source], link: PageLink
) -> str:
    """A document's 文库 entry: the pages of essays notes link it with."""
    links = "、".join(
        _title_link(by_id[r.essays], link) for r in readings if r.document == document and r.essays in by_id
    )
    return f'<p class="pr-library__relation pr-noted" markdown>解读文章（{NOTED}）：{links}</p>\n' if links else ""
