"""The 文库: every text of the site with the facts a reader filters by, and which texts interpret which.

Each source is one entry: its kind (a page of essays, a law, a report, or a document by the type
its title names: 意见, 通知, 规划 …), its issuer or publication, its date and year, whether it is in
force (documents and laws: the status their card shows), its topics (`topics:`), and the documents it
interprets (`interprets:`) or the sources interpreting it. `import` writes them into the 文库 page
as JSON in a ``<script>`` (read by its script, from a server or from disk alike, and by
`build_tools.common.page_marker.read_library` from any built page) under a plain list of every text,
which is the page without scripts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from build_tools.common.markup import html_text, markdown_text, script_json
from build_tools.common.page_marker import FILL, FILL_IN_SKIPPED, LIBRARY_DATA_ID, PageIdentity, PageKind
from build_tools.common.reader_pages import LIBRARY_TITLE
from build_tools.importer.card import document_card, shown_date
from build_tools.importer.editions.document_links import current_status
from build_tools.importer.paragraphs import GENERATED_NOTE, front_matter
from build_tools.navigation.archive import year_of
from build_tools.sources.source import Source

#: Kinds named by what the source is, not by the type its title names, with how the page shows each.
KIND_NAMES = {"essays": "理论文章", "law": "法律法规", "report": "报告", "document": "文件"}
#: The type a document's title ends in (……的意见), as 国务院政策文件库 files it.
_TYPE_WORD = re.compile(
    r"(意见|通知|决定|规划|纲要|方案|办法|规定|细则|批复|公告|通告|决议|建议|通报|指引|指南|措施|计划|要点|条例|报告)$"
)
#: A notice that issues or forwards another text: filed under the type of the text it issues.
_ISSUING = re.compile(r"关于(?:印发|转发|发布|颁布)(.+?)的通知$")
_QUOTES = '《》“”"「」 '


@dataclass(frozen=True)
class LibraryEntry:
    """One text of the 文库: what it is filed under (see the module's docstring); None where nothing says."""

    id: str
    title: str
    kind: str
    issuer: str | None
    date: str | None
    status: str | None
    topics: tuple[str, ...]
    interprets: tuple[str, ...]
    interpreted_by: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        """The entry as the page's data holds it (the kind's name beside its value, the year beside the date)."""
        year = year_of(self.date)
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "kind_name": KIND_NAMES.get(self.kind, self.kind),
            "issuer": self.issuer,
            "date": self.date,
            "year": year if self.date else None,
            "status": self.status,
            "topics": list(self.topics),
            "interprets": list(self.interprets),
            "interpreted_by": list(self.interpreted_by),
        }


def document_type(title: str) -> str | None:
    """The type a document's title names (意见, 通知, 规划 …); a notice issuing a text, that text's type."""
    title = "".join(title.split())
    issued = _ISSUING.search(title)
    if issued and (inner := _TYPE_WORD.search(issued.group(1).strip(_QUOTES))):
        return inner.group(1)
    found = _TYPE_WORD.search(title)
    return found.group(1) if found else None


def kind_and_date(source: Source) -> tuple[str, str | None]:
    """How the 文库, the home page and the year pages word a text's kind and date (法律法规, 2021年8月20日)."""
    kind = _kind(source)
    return KIND_NAMES.get(kind, kind), shown_date(source.date) if source.date else None


def _kind(source: Source) -> str:
    if source.document is None:  # a page of one essay is filed with the pages of several
        return "essays"
    if source.document.genre == "regulation":
        return "law"
    if source.document.genre == "report":
        return "report"
    return document_type(source.document.title) or "document"


def library_entries(sources: list[Source]) -> list[LibraryEntry]:
    """Each source as the 文库 files it, in the order given (newest first)."""
    readers: dict[str, list[str]] = {}
    for source in sources:
        for text_id, _line in source.manifest.interprets:
            readers.setdefault(text_id, []).append(source.id)
    entries = []
    for source in sources:
        document = source.document
        card = document_card(source.manifest.card, document) if document and document.genre != "report" else None
        issuer = (card.issuer if card else None) or source.manifest.publication
        if issuer is None and document is not None:
            issuer = next(iter(document.lines_of("author") or document.lines_of("signature")), None)
        entries.append(
            LibraryEntry(
                id=source.id,
                title=source.title,
                kind=_kind(source),
                issuer=" ".join(issuer.split()) if issuer else None,
                date=source.date,
                status=current_status(source).value if card is not None else None,
                topics=source.manifest.card.topics,
                interprets=tuple(text_id for text_id, _line in source.manifest.interprets),
                interpreted_by=tuple(readers.get(source.id, ())),
            )
        )
    return entries


def noted_place(kind: str, text_id: str) -> str:
    """Where the step fills in the 解读 relations notes imply for a text (`kind`: readings, interprets, library).

    Notes are read only when a site is finished (see build_tools/annotations/interprets.py).
    """
    place = FILL_IN_SKIPPED if kind == "library" else FILL
    return "\n" + place.format(name=f"{kind}-{html_text(text_id)}") + "\n"


def _link(source: Source, to_root: str) -> str:
    return f"[{markdown_text(source.title)}]({to_root}{source.id}/index.md)"


def interprets_line(source: Source, by_id: Mapping[str, Source], to_root: str) -> str:
    """What an essay (or its page) says under its byline: the documents it interprets, linked; "" if none."""
    links = [_link(by_id[text_id], to_root) for text_id, _line in source.manifest.interprets if text_id in by_id]
    if not links:
        return ""
    # The documents' titles are not the essay's words: search leaves the line out, as it does the 版本 line.
    return f'\n<p class="pr-interprets" data-search-exclude="" markdown>解读：{"、".join(links)}</p>\n'


def readings_section(source: Source, sources: list[Source]) -> str:
    """A document's 解读 section: the sources interpreting it and their essays, linked; "" if none."""
    readers = [s for s in sources if any(text_id == source.id for text_id, _line in s.manifest.interprets)]
    if not readers:
        return ""
    out = ["\n## 解读 {#readings .pr-readings}\n\n"]
    for reader in readers:
        essays = "、".join(f"[{markdown_text(a.title)}](../{reader.id}/{a.id}.md)" for a in reader.page.articles)
        out.append(f"- {_link(reader, '../')}" + (f"：{essays}" if essays else "") + "\n")
    return "".join(out)


def _facts_line(entry: LibraryEntry, source: Source) -> str:
    kind, date = kind_and_date(source)
    facts = [kind, entry.issuer, date, entry.status]
    return " · ".join(markdown_text(fact) for fact in facts if fact)


def render_library(sources: list[Source]) -> str:
    """The 文库 page: its data for the filters, and every text listed (newest first), as it reads without scripts."""
    meta = {"title": LIBRARY_TITLE, "policy_reader": {"kind": PageKind.LIBRARY, "generated": GENERATED_NOTE}}
    data = script_json([entry.to_json() for entry in library_entries(sources)])
    entries = library_entries(sources)
    by_id = {source.id: source for source in sources}
    out = [
        front_matter(meta, PageIdentity(PageKind.LIBRARY, LIBRARY_TITLE)),
        f"\n# {LIBRARY_TITLE}\n\n",
        # Out of search, as the list is: words such as 政府文件 would make the page a hit for every query on them.
        '<p class="pr-library__intro" data-search-exclude="">本站收录的全部文本:法律法规、政府文件、报告和理论文章。'
        "可按类型、发布机关或刊物、年份、时效性和主题筛选,筛选结果可通过本页地址分享。</p>\n\n",
        f'<script type="application/json" id="{LIBRARY_DATA_ID}">{data}</script>\n',
        '\n<div class="pr-library" data-search-exclude="" markdown>\n\n',
        '<ul class="pr-library__list" markdown>\n',
    ]
    for entry, source in zip(entries, sources, strict=True):
        out.append(f'<li class="pr-library__item" data-pr-id="{entry.id}" markdown>\n\n')
        out.append(f'<p class="pr-library__title" markdown>{_link(source, "")}</p>\n\n')
        out.append(f'<p class="pr-library__facts" markdown>{_facts_line(entry, source)}</p>\n\n')
        if source.page.articles:
            essays = "、".join(f"[{markdown_text(a.title)}]({source.id}/{a.id}.md)" for a in source.page.articles)
            out.append(f'<p class="pr-library__essays" markdown>本版文章：{essays}</p>\n\n')
        for label, ids in (("解读", entry.interprets), ("解读文章", entry.interpreted_by)):
            links = "、".join(_link(by_id[i], "") for i in ids if i in by_id)
            if links:
                out.append(f'<p class="pr-library__relation" markdown>{label}：{links}</p>\n\n')
        out.append(noted_place("library", entry.id) + "\n")
        out.append("</li>\n")
    out.append("</ul>\n\n</div>\n")
    return "".join(out)
