"""What a preview rebuild (``mkdocs serve --dirty``) may take over from the build before it.

Saving a note should not rebuild a thousand essays. A page is made again only when
something it is made from changed: its own text, the notes on it, or what every page
is made from (the glossary, the navigation, the configuration). What the site gathers
from every page (its search sections, the terms it uses) is kept per page, so a page
that is not made again still counts in the search index and on the glossary page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from build_tools.glossary.pages import PageUse
from build_tools.search.sections import Section


def fingerprint(*parts: str | bytes) -> str:
    """A digest of `parts`, which changes when any of them does."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))  # so that ("ab", "c") and ("a", "bc") differ
        digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True)
class PageRecord:
    """What one build gathered from a page, and the fingerprint of what the page was made from.

    Attributes:
        fingerprint: See `fingerprint`.
        title: The page's title, which the navigation of the pages made again shows.
        sections: The page's search sections.
        use: The terms the page uses, if it is an essay.
    """

    fingerprint: str
    title: str | None
    sections: tuple[Section, ...]
    use: PageUse | None


class PreviewMemory:
    """Records of the pages of the last build, by source path, kept across rebuilds."""

    def __init__(self) -> None:
        self._records: dict[str, PageRecord] = {}

    def is_current(self, path: str, digest: str) -> bool:
        """Whether the page at `path` was last made from inputs whose fingerprint is `digest`."""
        record = self._records.get(path)
        return record is not None and record.fingerprint == digest

    def record(self, path: str) -> PageRecord | None:
        """What the last build that made the page gathered from it."""
        return self._records.get(path)

    def remember(self, path: str, record: PageRecord) -> None:
        """Keep `record` for the page at `path`, in place of any older one."""
        self._records[path] = record
