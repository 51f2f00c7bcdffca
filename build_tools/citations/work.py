"""What a citation of an essay (or, later, a document) is made from, and its CSL-JSON item."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from build_tools.importer.model import Article
from build_tools.importer.source import Source

#: CSL item types by what is cited: a newspaper essay now; documents (reports, 意见, 规划) fit as legislation or report.
NEWSPAPER_ARTICLE = "article-newspaper"


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


def essay_works(sources: Iterable[Source], site_url: str) -> dict[str, CitedWork]:
    """Every essay of `sources`, by ``<source>/<article>``, at its address below `site_url` (its hosted one).

    The address is the hosted site's even in the offline zip: a citation points where others can follow it.
    """
    base = site_url.rstrip("/") + "/" if site_url else ""
    return {
        f"{source.id}/{article.id}": essay_work(source, article, f"{base}{source.id}/{article.id}/")
        for source in sources
        for article in source.page.articles
    }


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
