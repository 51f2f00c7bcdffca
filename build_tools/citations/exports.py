"""A citation of an essay or document as the files reference managers import: CSL-JSON, BibTeX and RIS."""

from __future__ import annotations

import json
from collections.abc import Iterable

import rispy
from bibtexparser import model
from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library

from build_tools.citations.work import NEWSPAPER_ARTICLE, CitedWork, csl_item
from build_tools.common.markup import bibtex_value, ris_value

_BIBTEX_TYPES = {NEWSPAPER_ARTICLE: "article", "legislation": "misc", "report": "techreport"}
_RIS_TYPES = {NEWSPAPER_ARTICLE: "NEWS", "legislation": "GOVDOC", "report": "RPRT"}


class _RisWithoutCounts(rispy.RisWriter):  # type: ignore[misc]
    """RIS as EndNote writes it: rispy numbers each reference (``1.``) by default."""

    def set_header(self, count: int) -> str:
        return ""


def csl_json(works: Iterable[CitedWork]) -> str:
    """A CSL-JSON array of `works` (Zotero, Mendeley and pandoc read it)."""
    return json.dumps([csl_item(work) for work in works], ensure_ascii=False, indent=2) + "\n"


def bibtex(works: Iterable[CitedWork]) -> str:
    """A BibTeX file of `works`; each Chinese name is braced whole, so BibTeX never splits it.

    Every value from an input goes through `bibtex_value`: no brace, backslash or line break in it
    can close its field or open another field or entry.
    """
    library = Library()
    for work in works:
        fields = [
            model.Field("title", bibtex_value(work.title)),
            model.Field("author", " and ".join("{" + bibtex_value(name) + "}" for name in work.authors)),
            # Verbatim (the url package reads it so): the site's address and ids, no editor's text.
            model.Field("url", work.url),
            model.Field("langid", "chinese"),
        ]
        if work.publication:
            fields.append(model.Field("journal", bibtex_value(work.publication)))
        if work.date:
            year, *rest = work.date.split("-")
            fields.append(model.Field("year", bibtex_value(year)))
            if rest:
                fields.append(model.Field("month", str(int(rest[0]))))
            fields.append(model.Field("date", bibtex_value(work.date)))
        if work.edition:
            fields.append(model.Field("pages", bibtex_value(work.edition)))
        if work.date_estimated:
            fields.append(model.Field("note", "出版日期为推定"))
        if work.number:  # a document's number (发文字号)
            fields.append(model.Field("number", bibtex_value(work.number)))
        library.add(model.Entry(_BIBTEX_TYPES.get(work.csl_type, "misc"), work.key, fields))
    return write_string(library)


def ris(works: Iterable[CitedWork]) -> str:
    """An RIS file of `works` (EndNote, Zotero, NoteExpress read it).

    A field ends at the end of its line: every value from an input goes through `ris_value`, so none
    starts a new tag or record.
    """
    entries = []
    for work in works:
        entry: dict[str, object] = {
            "type_of_reference": _RIS_TYPES.get(work.csl_type, "GEN"),
            "id": ris_value(work.key),
            "title": ris_value(work.title),
            "authors": [ris_value(name) for name in work.authors],
            "urls": [ris_value(work.url)],
            "language": "zh",
        }
        if work.publication:
            entry["secondary_title"] = ris_value(work.publication)
        if work.date:
            year, *_ = work.date.split("-")
            entry["year"] = ris_value(year)
            entry["date"] = ris_value(work.date.replace("-", "/"))
        if work.edition:
            entry["start_page"] = ris_value(work.edition)
        if work.date_estimated:
            entry["notes"] = ["出版日期为推定"]
        if work.number:  # a document's number (发文字号)
            entry["number"] = ris_value(work.number)
        entries.append(entry)
    return str(rispy.dumps(entries, implementation=_RisWithoutCounts))
