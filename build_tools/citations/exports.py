"""A citation of an essay or document as the files reference managers import: CSL-JSON, BibTeX and RIS."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

import rispy
from bibtexparser import model
from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library

from build_tools.citations.work import NEWSPAPER_ARTICLE, CitedWork, csl_item

# LaTeX's special characters, escaped so a title with % or & survives BibTeX.
_LATEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
_LATEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}
_BIBTEX_TYPES = {NEWSPAPER_ARTICLE: "article", "legislation": "misc", "report": "techreport"}
_RIS_TYPES = {NEWSPAPER_ARTICLE: "NEWS", "legislation": "GOVDOC", "report": "RPRT"}


class _RisWithoutCounts(rispy.RisWriter):  # type: ignore[misc]
    """RIS as EndNote writes it: rispy numbers each reference (``1.``) by default."""

    def set_header(self, count: int) -> str:
        return ""


def csl_json(works: Iterable[CitedWork]) -> str:
    """A CSL-JSON array of `works` (Zotero, Mendeley and pandoc read it)."""
    return json.dumps([csl_item(work) for work in works], ensure_ascii=False, indent=2) + "\n"


def _latex(text: str) -> str:
    return _LATEX_SPECIAL.sub(lambda m: _LATEX_ESCAPES.get(m.group(1), "\\" + m.group(1)), text)


def bibtex(works: Iterable[CitedWork]) -> str:
    """A BibTeX file of `works`; each Chinese name is braced whole, so BibTeX never splits it."""
    library = Library()
    for work in works:
        fields = [
            model.Field("title", _latex(work.title)),
            model.Field("author", " and ".join("{" + _latex(name) + "}" for name in work.authors)),
            model.Field("url", work.url),
            model.Field("langid", "chinese"),
        ]
        if work.publication:
            fields.append(model.Field("journal", _latex(work.publication)))
        if work.date:
            year, *rest = work.date.split("-")
            fields.append(model.Field("year", year))
            if rest:
                fields.append(model.Field("month", str(int(rest[0]))))
            fields.append(model.Field("date", work.date))
        if work.edition:
            fields.append(model.Field("pages", work.edition))
        if work.date_estimated:
            fields.append(model.Field("note", "出版日期为推定"))
        if work.number:  # a document's number (发文字号)
            fields.append(model.Field("number", _latex(work.number)))
        library.add(model.Entry(_BIBTEX_TYPES.get(work.csl_type, "misc"), work.key, fields))
    return write_string(library)


def ris(works: Iterable[CitedWork]) -> str:
    """An RIS file of `works` (EndNote, Zotero, NoteExpress read it)."""
    entries = []
    for work in works:
        entry: dict[str, object] = {
            "type_of_reference": _RIS_TYPES.get(work.csl_type, "GEN"),
            "id": work.key,
            "title": work.title,
            "authors": list(work.authors),
            "urls": [work.url],
            "language": "zh",
        }
        if work.publication:
            entry["secondary_title"] = work.publication
        if work.date:
            year, *_ = work.date.split("-")
            entry["year"] = year
            entry["date"] = work.date.replace("-", "/")
        if work.edition:
            entry["start_page"] = work.edition
        if work.date_estimated:
            entry["notes"] = ["出版日期为推定"]
        if work.number:  # a document's number (发文字号)
            entry["number"] = work.number
        entries.append(entry)
    return str(rispy.dumps(entries, implementation=_RisWithoutCounts))
