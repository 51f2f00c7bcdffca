"""The citation files of a built site: one set per essay, and one for the whole archive."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from build_tools.citations.exports import bibtex, csl_json, ris
from build_tools.citations.work import CitedWork
from build_tools.common.files import write_atomically

CITE_DIR = "cite"
ARCHIVE = "archive"
#: Each format's file extension and writer.
FORMATS = {"json": csl_json, "bib": bibtex, "ris": ris}


def citation_path(name: str, extension: str) -> str:
    """Where a citation file sits below the site: ``cite/<source>/<article>.<ext>``, or ``cite/archive.<ext>``."""
    return f"{CITE_DIR}/{name}.{extension}"


def write_citation_files(site: Path, works: Iterable[CitedWork]) -> list[str]:
    """Write every essay's CSL-JSON, BibTeX and RIS below `site`, and the archive's; returns the paths written."""
    works = sorted(works, key=lambda work: work.id)
    written = []
    for name, group in [*((work.id, [work]) for work in works), (ARCHIVE, works)]:
        for extension, writer in FORMATS.items():
            path = citation_path(name, extension)
            target, text = site / path, writer(group)
            # A rerun rewrites only what changed.
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                write_atomically(target, text)
            written.append(path)
    return written
