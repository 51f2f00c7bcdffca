"""The citation files of a built site: one set per essay, and one for the whole archive."""

from __future__ import annotations

from collections.abc import Iterable

from build_tools.citations.exports import bibtex, csl_json, ris
from build_tools.citations.work import CitedWork

CITE_DIR = "cite"
ARCHIVE = "archive"
#: Each format's file extension and writer.
FORMATS = {"json": csl_json, "bib": bibtex, "ris": ris}


def citation_path(name: str, extension: str) -> str:
    """Where a citation file sits below the site: ``cite/<source>/<article>.<ext>``, or ``cite/archive.<ext>``."""
    return f"{CITE_DIR}/{name}.{extension}"


def citation_files(works: Iterable[CitedWork]) -> dict[str, str]:
    """Every essay's CSL-JSON, BibTeX and RIS, and the archive's, by path below the site."""
    works = sorted(works, key=lambda work: work.id)
    return {
        citation_path(name, extension): writer(group)
        for name, group in [*((work.id, [work]) for work in works), (ARCHIVE, works)]
        for extension, writer in FORMATS.items()
    }
