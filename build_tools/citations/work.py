"""What a citation of an essay or a document (report, government document, law) is made from, and its CSL-JSON item."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from build_tools.citations.clauses import clause_names, paragraph_clauses
from build_tools.sources.dates import printed_dates
from build_tools.sources.issuer import document_number, issuers
from build_tools.sources.model import Article, Document
from build_tools.sources.source import Source

#: CSL item types by what is cited.
NEWSPAPER_ARTICLE = "article-newspaper"
# GB/T 7714—2015 files laws, regulations and government documents (意见, 通知, 规划 a notice issues)
# as 档案 [A]: "文件和材料，如…法律法规、政府文件" (the CSL style's note on its type A), and cites a
# notice online as 北京市人民政府办公厅. 关于转发…的通知: 京政办发〔2005〕37号[A/OL]. (2005-07-12)[…].
# CSL's type for them is `legislation`, which that style renders [A]; the 2025 style, whose [A] is kept
# for archives held by an archive (with their 档号), renders it as what it is online, [EB/OL].
LEGISLATION = "legislation"
# A report or speech (政府工作报告, 关于…的说明) is 报告 [R] in both editions, CSL's `report`; CSL's `speech`
# would be 其他 [Z].
REPORT = "report"
CSL_TYPES = {"report": REPORT, "document": LEGISLATION, "regulation": LEGISLATION}


@dataclass(frozen=True)
class CitedWork:
    """One citable essay, with only what its source and manifest say.

    Attributes:
        id: ``<source>/<article>``, also the CSL item id and the key of its downloads.
        title: The essay's title as published.
        authors: The authors' names as printed (Chinese names are never split into family and given).
        url: The essay's address on the site (absolute when the site's address is configured).
        publication: The newspaper's name; None when the page does not name it.
        date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None when unknown.
        date_estimated: The date is inferred rather than printed.
        edition: 版次, the newspaper page, when known.
        csl_type: The CSL item type (``article-newspaper``; a document would be ``legislation`` or ``report``).
        authority: The issuing body of a document (None for essays).
        number: A document's number, e.g. 国发〔2021〕1号 (None for essays).
        clauses: A document's citable parts: each anchor with the part's name (第十七条第一款, 三、（三）).
        paragraph_clauses: Each paragraph's number with the anchor of the innermost part holding it.
    """

    id: str
    title: str
    authors: tuple[str, ...]
    url: str
    publication: str | None
    date: str | None
    date_estimated: bool = False
    edition: str | None = None
    csl_type: str = NEWSPAPER_ARTICLE
    authority: str | None = None
    number: str | None = None
    clauses: tuple[tuple[str, str], ...] = ()
    paragraph_clauses: tuple[tuple[int, str], ...] = ()

    @property
    def date_parts(self) -> list[int] | None:
        """The date as CSL date-parts: [year, month?, day?]."""
        return [int(part) for part in self.date.split("-")] if self.date else None

    @property
    def key(self) -> str:
        """A citation key for BibTeX and RIS: the id with its slash as a colon."""
        return self.id.replace("/", ":")


def essay_work(source: Source, article: Article, url: str) -> CitedWork:
    """The citable essay `article` of `source`, found at `url`."""
    manifest = source.manifest
    return CitedWork(
        id=f"{source.id}/{article.id}",
        title=article.title,
        authors=tuple(author.name for author in article.authors),
        url=url,
        publication=manifest.publication if manifest.publication_named else None,
        date=manifest.date,
        date_estimated=manifest.date_estimated,
        edition=manifest.edition,
    )


def _document_date(source: Source, document: Document) -> str | None:
    """The manifest's date, else the one the text prints; a speech's, else, from its subtitle (——2025年1月20日在…上)."""
    subtitles = [date for line in document.lines_of("subtitle") for date in printed_dates(line)]
    return source.date or (subtitles[0] if subtitles else None)


def document_work(source: Source, document: Document, url: str) -> CitedWork:
    """The citable document of `source`, found at `url`, under the body (or speaker) it names."""
    names = issuers(document)
    return CitedWork(
        id=source.id,
        title=source.title,
        authors=names,
        url=url,
        publication=None,
        date=_document_date(source, document),
        date_estimated=source.manifest.date_estimated,
        csl_type=CSL_TYPES.get(document.genre, LEGISLATION),
        authority=names[0] if names and document.genre != "report" else None,
        number=document_number(document),
        clauses=tuple(clause_names(document).items()),
        paragraph_clauses=tuple(paragraph_clauses(document).items()),
    )


def cited_works(sources: Iterable[Source], site_url: str) -> dict[str, CitedWork]:
    """Every essay and document of `sources` at its address below `site_url` (its hosted one).

    Essays are keyed ``<source>/<article>``, a document ``<source>``. The address is the hosted site's even in
    the offline zip: a citation points where others can follow it.
    """
    base = site_url.rstrip("/") + "/" if site_url else ""
    works: dict[str, CitedWork] = {}
    for source in sources:
        if source.document is not None:
            works[source.id] = document_work(source, source.document, f"{base}{source.id}/")
        for article in source.page.articles:
            works[f"{source.id}/{article.id}"] = essay_work(source, article, f"{base}{source.id}/{article.id}/")
    return works


def csl_item(work: CitedWork) -> dict[str, Any]:
    """The CSL-JSON item of `work`: only what is known, nothing filled in for what is not."""
    item: dict[str, Any] = {
        "id": work.id,
        "type": work.csl_type,
        "language": "zh-CN",
        "title": work.title,
        # A Chinese name as one literal: CSL would otherwise print 张 三, family and given apart.
        "author": [{"literal": name} for name in work.authors],
        "URL": work.url,
    }
    if work.authority:
        item["authority"] = work.authority
    if work.number:
        item["number"] = work.number
    if work.publication:
        item["container-title"] = work.publication
    if work.date_parts:
        item["issued"] = {"date-parts": [work.date_parts], **({"circa": True} if work.date_estimated else {})}
    if work.edition:
        item["page"] = work.edition
    return item
