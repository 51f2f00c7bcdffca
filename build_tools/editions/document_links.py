"""A document's editions as its pages show them: its status, the 版本 control, each article's history.

Addresses, below the document's folder: the current text ``index.md``; an earlier edition's text
``editions/<edition>/index.md`` (so its ``#article-9`` is that edition's 第九条) and its comparison
with the current text ``editions/<edition>/changes.md``. Links are Markdown, so the generator writes
them for directory and file addresses alike (the zip is read from disk).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.common.markup import markdown_text
from build_tools.editions.compare import DocumentComparison, compare_document
from build_tools.editions.model import CURRENT_LABEL, Edition
from build_tools.importer.model import Document
from build_tools.importer.source import Source

#: An earlier edition's address and its comparison's, below the document's folder.
TEXT = "editions/{slug}/index.md"
CHANGES = "editions/{slug}/changes.md"
#: An article's heading line as `render_document` writes it (its classes may go on: .pr-runin-heading).
ARTICLE_HEADING = re.compile(r"^#+ .* \{#(article-\d+) \.pr-article[^}]*\}$")


@dataclass(frozen=True)
class Status:
    """Whether a text is in force.

    Attributes:
        value: 现行有效, 已被修正, 已被修订, 已废止 or 尚未生效.
        date: Since when (None for 现行有效).
    """

    value: str
    date: str | None = None

    @property
    def text(self) -> str:
        """As shown: 已被修正(2022-06-24)."""
        return f"{self.value}({self.date})" if self.date else self.value


def current_status(source: Source) -> Status:
    """The current text's status: the manifest's `status:` (已废止, 尚未生效), else 现行有效."""
    if source.manifest.status:
        return Status(*source.manifest.status)
    return Status("现行有效")


def earlier_status(source: Source, index: int) -> Status:
    """An earlier edition's status: amended (修正) or revised (修订) on the next edition's date.

    The word is the one the newer text's 题注 uses on that date (根据……决定修正 / ……修订), else its label's,
    else 修订.
    """
    newer_date = source.editions[index + 1].entry.date if index + 1 < len(source.editions) else source.date
    newer_label = source.editions[index + 1].entry.label if index + 1 < len(source.editions) else current_name(source)
    document = source.document
    told = newer_label
    if document is not None and newer_date:
        printed = _printed(newer_date)
        told = " ".join(line.text for line in document.head if line.role == "history" and printed in line.text) or told
    word = "已被修正" if "修正" in told and "修订" not in told else "已被修订"
    return Status(word, newer_date)


def _printed(date: str) -> str:
    """2022-06-24 as a 题注 prints it: 2022年6月24日 (2022年6月 for a month)."""
    parts = [int(p) for p in date.split("-")]
    return "".join(f"{n}{unit}" for n, unit in zip(parts, ("年", "月", "日"), strict=False))


def current_name(source: Source) -> str:
    """What the current text is called: the manifest's `label:`, or 现行文本."""
    return source.manifest.label or CURRENT_LABEL


#: Comparisons made this run, by the edition and the current text they compare (each is asked for by
#: every page of the document: the text's article histories, the edition's page and its comparison).
_MADE: dict[tuple[int, int], tuple[Edition, Document, DocumentComparison]] = {}


def _compared(edition: Edition, current: Document) -> DocumentComparison:
    made = _MADE.get((id(edition), id(current)))
    if made is None or made[0] is not edition or made[1] is not current:
        made = (edition, current, compare_document(edition, current))
        _MADE[(id(edition), id(current))] = made
    return made[2]


def document_comparisons(source: Source) -> list[DocumentComparison]:
    """Each earlier edition compared with the current text, in the manifest's order."""
    assert source.document is not None
    return [_compared(edition, source.document) for edition in source.editions]


def _next_text(source: Source, index: int) -> Document:
    """The text that followed the edition `index`: the next edition's, or the current one."""
    following = source.editions[index + 1].document if index + 1 < len(source.editions) else source.document
    assert following is not None
    return following


def edition_meta(source: Source) -> dict[str, object]:
    """What the current text's front matter says of its status and editions (navigation and finish read it)."""
    status = current_status(source)
    meta: dict[str, object] = {"status": {"value": status.value, "date": status.date}}
    if source.editions:
        meta["editions"] = [
            {
                "label": edition.label,
                "date": edition.entry.date,
                "pages": [TEXT.format(slug=edition.slug), CHANGES.format(slug=edition.slug)],
            }
            for edition in source.editions
        ]
    return meta


def versions_line(source: Source, here: str, to_folder: str) -> str:
    """The 版本 control: the current text, each earlier edition and its comparison, by date.

    `here` is the page showing it (``current`` or an edition's slug), `to_folder` the way from it to the
    document's folder. Each link carries its date, which the as-of reading (editions.js) picks from.
    """
    current = f"{markdown_text(current_name(source))}({source.date})" if source.date else current_name(source)
    links = [_version_link(current, f"{to_folder}index.md", source.date, here == "current")]
    for edition in reversed(source.editions):
        text = TEXT.format(slug=edition.slug)
        links.append(
            _version_link(markdown_text(edition.label), to_folder + text, edition.entry.date, here == edition.slug)
        )
        links.append(f"[修改对照]({to_folder}{CHANGES.format(slug=edition.slug)}){{: .pr-versions__changes }}")
    return f'\n版本:{" · ".join(links)}\n{{: .pr-versions data-search-exclude="" }}\n'


def _version_link(text: str, target: str, date: str | None, current: bool) -> str:
    attributes = f' data-pr-date="{date}"' if date else ""
    attributes += ' aria-current="page"' if current else ""
    return f"[{text}]({target}){{{attributes} }}"


def status_line(status: Status, extra: str = "") -> str:
    """The small line at the top of a text saying whether it is in force."""
    return (
        f'\n<p class="pr-status pr-status--{"current" if status.value == "现行有效" else "past"}" '
        f'data-pr-status="{status.value}" data-search-exclude="" markdown>'
        f"<strong>{status.text}</strong>{extra}</p>\n"
    )


def document_head(source: Source, status: bool = True) -> str:
    """What the current text shows under its title: its status (unless a card shows it), and the 版本 control."""
    out = status_line(current_status(source)) if status else ""
    return out + (versions_line(source, "current", "") if source.editions else "")


def article_history(source: Source) -> dict[str, list[str]]:
    """Each current article's changes, oldest first, by its anchor: 2022-06-24 修正(原第十五条), linked.

    Each revision is the step from one edition to the next, so an article left alone in 2015 and
    reworded in 2022 lists 2022 only; each entry links to that article in the comparison of the
    edition before the step with the current text.
    """
    assert source.document is not None
    history: dict[str, list[str]] = {}
    current = document_comparisons(source)
    for n, unit in enumerate(current[-1].new if current else ()):
        entries: list[str] = []
        here: int | None = n
        for index in reversed(range(len(source.editions))):
            step = _compared(source.editions[index], _next_text(source, index))
            row = step.row_of_new(here) if here is not None else None
            if row is None:
                break
            newer = earlier_status(source, index)
            changes = CHANGES.format(slug=source.editions[index].slug)
            word = newer.value.removeprefix("已被")
            if row.change == "added" or row.old is None:
                entries.append(f"[{newer.date} {word}(新增)]({changes}#{unit.anchor})")
                break
            if row.change != "same" or row.moved:
                what = f"原{step.old[row.old].name}" + (",位置有变" if row.moved else "")
                entries.append(f"[{newer.date} {word}({what})]({changes}#{unit.anchor})")
            here = row.old
        if entries:
            history[unit.anchor] = entries[::-1]
    return history


def with_article_history(source: Source, markdown: str) -> str:
    """The current text with, under each article heading, the editions in which that article changed."""
    if not source.editions or source.document is None:
        return markdown
    history = article_history(source)
    out = []
    for line in markdown.splitlines(keepends=True):
        out.append(line)
        found = ARTICLE_HEADING.match(line.rstrip("\n"))
        if found and found.group(1) in history:
            entries = "、".join(history[found.group(1)])
            out.append(f'\n修改沿革:{entries}\n{{: .pr-article-history data-search-exclude="" }}\n')
    return "".join(out)
