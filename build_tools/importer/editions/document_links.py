"""A document's editions as its pages show them: its status, the 版本 control, each article's history.

Addresses, below the document's folder: the current text ``index.md``; an earlier edition's text
``editions/<edition>/index.md`` (so its ``#article-9`` is that edition's 第九条) and its comparison
with the current text ``editions/<edition>/changes.md``. Links are Markdown, so the generator writes
them for directory and file addresses alike (the zip is read from disk).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from build_tools.common.markup import markdown_text
from build_tools.importer.editions.compare import DocumentComparison, compare_document
from build_tools.sources.editions.model import CURRENT_LABEL, Edition
from build_tools.sources.model import Document
from build_tools.sources.source import Source

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
        date: Since when (None for 现行有效); for 现行有效 with a newer text adopted, the day that one was adopted.
        successor_in_force: When the newer text took (or takes) effect, where it did not on the day it was adopted.
    """

    value: str
    date: str | None = None
    successor_in_force: str | None = None

    @property
    def text(self) -> str:
        """As shown: 已被修正(2022-06-24) (…,新文本自2022-08-01起施行), 尚未生效(自2024-01-01起施行)."""
        if self.value == "现行有效" and self.date and self.successor_in_force:
            return f"现行有效(新文本已于{self.date}通过,自{self.successor_in_force}起施行)"
        if self.value == "尚未生效" and self.date:
            return f"尚未生效(自{self.date}起施行)"
        if self.date and self.successor_in_force and self.successor_in_force != self.date:
            return f"{self.value}({self.date},新文本自{self.successor_in_force}起施行)"
        return f"{self.value}({self.date})" if self.date else self.value


def today() -> str:
    """The day of the build (``YYYY-MM-DD``): a text is shown in force or not as of it; editions.js reads again."""
    return date.today().isoformat()


def _later(date_: str | None, than: str) -> bool:
    """Whether `date_` comes after `than`, at the precision both have."""
    return date_ is not None and date_[: len(than)] > than[: len(date_)]


def current_status(source: Source, on: str | None = None) -> Status:
    """The current text's status: the manifest's `status:`, else 尚未生效 until it takes effect, else 现行有效.

    It takes effect on its 施行 date (`Source.in_force`); `on` is the day asked about (the build's by default).
    """
    if source.manifest.status:
        return Status(*source.manifest.status)
    return status_as_of(in_force_dates(source, "current"), on or today()) or Status("现行有效")


def earlier_status(source: Source, index: int, on: str | None = None) -> Status:
    """An earlier edition's status: amended (修正) or revised (修订) on the next edition's date.

    The word is the one the newer text's 题注 uses on that date (根据……决定修正 / ……修订), else its label's,
    else 修订. Until the newer text takes effect (after `on`, the day of the build) the earlier one is still
    现行有效, and says when the newer one was adopted and takes effect.
    """
    told = status_as_of(in_force_dates(source, source.editions[index].slug), on or today())
    if told is not None:
        return told
    newer_date, newer_in_force = _newer_dates(source, index)
    in_force = newer_in_force if newer_in_force != newer_date else None
    return Status(revision_word(source, index), newer_date, in_force)


def status_as_of(dates: dict[str, str | None], day: str) -> Status | None:
    """What a text's dates (`in_force_dates`) say of it on `day`; None where they say nothing (its own status stands).

    尚未生效 before it took effect; 现行有效 until the newer text took effect, saying when that one was adopted
    once it was. editions.js tells it again as of the reader's day or ``?as-of=`` (its statusAsOf; the
    cases both must agree on are tests/vectors/status_as_of.json).
    """
    own, successor, until = dates.get("in-force"), dates.get("successor"), dates.get("until")
    if _later(own, day):
        return Status("尚未生效", own)
    if not _later(until, day):
        return None
    adopted = successor is not None and not _later(successor, day)
    return Status("现行有效", successor, until) if adopted else Status("现行有效")


def revision_word(source: Source, index: int) -> str:
    """已被修正 or 已被修订: what the text after the edition `index` did to it, as its 题注 or label says."""
    newer_date, _in_force = _newer_dates(source, index)
    newer_label = source.editions[index + 1].entry.label if index + 1 < len(source.editions) else current_name(source)
    document = source.document
    told = newer_label
    if document is not None and newer_date:
        printed = _printed(newer_date)
        told = " ".join(line.text for line in document.head if line.role == "history" and printed in line.text) or told
    return "已被修正" if "修正" in told and "修订" not in told else "已被修订"


def _newer_dates(source: Source, index: int) -> tuple[str | None, str | None]:
    """The date and in-force date of the text that followed the edition `index`."""
    if index + 1 < len(source.editions):
        newer = source.editions[index + 1]
        return newer.entry.date, newer.in_force
    return source.date, source.in_force


def in_force_dates(source: Source, here: str) -> dict[str, str | None]:
    """What editions.js needs to say, as of a date, whether the text shown was in force then.

    `here` is the text shown: ``current`` or an edition's slug. Each value is a date or None: when this
    text took effect (``in-force``), when the newer text was adopted (``successor``) and took effect (``until``).
    """
    slugs = [edition.slug for edition in source.editions]
    index = slugs.index(here) if here in slugs else len(slugs)
    own = source.editions[index].in_force if index < len(slugs) else source.in_force
    successor, until = _newer_dates(source, index) if index < len(slugs) else (None, None)
    return {"in-force": own, "successor": successor, "until": until}


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
    if source.in_force:
        meta["in_force"] = source.in_force
    if source.editions:
        meta["editions"] = [
            {
                "label": edition.label,
                "date": edition.entry.date,
                "in_force": edition.in_force,
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
    links = [_version_link(current, f"{to_folder}index.md", source.date, here == "current", source.in_force)]
    for edition in reversed(source.editions):
        text = TEXT.format(slug=edition.slug)
        links.append(
            _version_link(
                markdown_text(edition.label),
                to_folder + text,
                edition.entry.date,
                here == edition.slug,
                edition.in_force,
            )
        )
        links.append(f"[修改对照]({to_folder}{CHANGES.format(slug=edition.slug)}){{: .pr-versions__changes }}")
    return f'\n版本:{" · ".join(links)}\n{{: .pr-versions data-search-exclude="" }}\n'


def _version_link(text: str, target: str, date: str | None, current: bool, in_force: str | None = None) -> str:
    attributes = f' data-pr-date="{date}"' if date else ""
    # Dates are validated (YYYY[-MM[-DD]]) or read as digits: nothing here needs escaping.
    attributes += f' data-pr-in-force="{in_force}"' if in_force else ""
    attributes += ' aria-current="page"' if current else ""
    return f"[{text}]({target}){{{attributes} }}"


def date_attributes(dates: dict[str, str | None]) -> str:
    """`in_force_dates` as the attributes editions.js reads (dates are validated or read as digits: no escaping)."""
    return "".join(f' data-pr-{key}="{value}"' for key, value in dates.items() if value)


def status_line(status: Status, extra: str = "", dates: dict[str, str | None] | None = None) -> str:
    """The small line at the top of a text saying whether it is in force.

    `dates` (`in_force_dates`) let editions.js say it again as of the reader's day or ``?as-of=``.
    """
    told = date_attributes(dates or {})
    return (
        f'\n<p class="pr-status pr-status--{"current" if status.value == "现行有效" else "past"}" '
        f'data-pr-status="{status.value}"{told} data-search-exclude="" markdown>'
        f"<strong>{status.text}</strong>{extra}</p>\n"
    )


def document_head(source: Source, status: bool = True) -> str:
    """What the current text shows under its title: its status (unless a card shows it), and the 版本 control."""
    out = status_line(current_status(source), dates=in_force_dates(source, "current")) if status else ""
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
            newer_date, _in_force = _newer_dates(source, index)
            changes = CHANGES.format(slug=source.editions[index].slug)
            word = revision_word(source, index).removeprefix("已被")
            if row.change == "added" or row.old is None:
                entries.append(f"[{newer_date} {word}(新增)]({changes}#{unit.anchor})")
                break
            if row.change != "same" or row.moved:
                what = f"原{step.old[row.old].name}" + (",位置有变" if row.moved else "")
                entries.append(f"[{newer_date} {word}({what})]({changes}#{unit.anchor})")
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
