"""What the page of an essay or document carries for citing it: ``citation_*`` meta tags, the 引用 control's data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from build_tools.citations import gbt7714
from build_tools.citations.site import citation_path
from build_tools.citations.work import REPORT, CitedWork
from build_tools.common.markup import html_text, script_json


@dataclass(frozen=True)
class Downloads:
    """The essay's or document's citation files, as addresses relative to its page."""

    csl_json: str
    bibtex: str
    ris: str

    @classmethod
    def of(cls, work: CitedWork, relative: Callable[[str], str]) -> Downloads:
        """The files of `work`, each address below the site made relative to the page by `relative`."""
        return cls(*(relative(citation_path(work.id, extension)) for extension in ("json", "bib", "ris")))


def meta_tags(work: CitedWork) -> str:
    """Highwire Press tags, which Zotero's and Google Scholar's readers take: only what is known."""
    tags = [("citation_title", work.title)]
    tags += [("citation_author", name) for name in work.authors]
    if work.date:
        tags.append(("citation_publication_date", work.date.replace("-", "/")))
    if work.publication:
        # Highwire has no newspaper tag; Zotero reads a periodical's name from this one.
        tags.append(("citation_journal_title", work.publication))
    if work.edition:
        tags.append(("citation_firstpage", work.edition))
    if work.number and work.csl_type == REPORT:
        tags.append(("citation_technical_report_number", work.number))
    tags += [("citation_language", "zh"), ("citation_public_url", work.url), ("citation_fulltext_html_url", work.url)]
    return "".join(f'<meta name="{name}" content="{html_text(value)}">\n' for name, value in tags)


def _style_data(work: CitedWork, edition: gbt7714.Edition) -> dict[str, str]:
    essay, paragraph = gbt7714.page_references(work, edition)
    data = {"id": edition, "label": gbt7714.LABELS[edition], "essay": essay, "paragraph": paragraph}
    if work.clauses:
        data["clause"] = gbt7714.clause_reference(work, edition)
    if work.publication:
        # The newspaper as printed, offered only where the manifest names it.
        data["print"] = gbt7714.print_reference(work, edition)
    return data


def cite_data(work: CitedWork, downloads: Downloads) -> str:
    """The data cite.js shows and copies, rendered now so that it works from disk with nothing fetched."""
    data = {
        "title": work.title,
        "styles": [_style_data(work, edition) for edition in gbt7714.EDITIONS],
        "placeholders": {
            "accessed": gbt7714.ACCESSED,
            "accessedYear": gbt7714.ACCESSED_YEAR,
            "paragraph": gbt7714.PARAGRAPH,
            "clause": gbt7714.CLAUSE,
            "anchor": gbt7714.ANCHOR,
        },
        "downloads": [
            {"label": "CSL-JSON", "href": downloads.csl_json},
            {"label": "BibTeX", "href": downloads.bibtex},
            {"label": "RIS", "href": downloads.ris},
        ],
    }
    if work.clauses:
        # A document's parts: each named as cited (第十七条第一款), and each paragraph's innermost part, so that a
        # paragraph chosen is cited as the part it is in.
        data["clauses"] = dict(work.clauses)
        data["paragraphs"] = {str(number): anchor for number, anchor in work.paragraph_clauses}
        data["inline"] = gbt7714.inline_citation(work)
    return f'<script type="application/json" id="pr-cite-data">{script_json(data)}</script>'
