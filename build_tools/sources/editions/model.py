"""Editions as a manifest declares them and as they stand once read: plain data."""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.common.errors import InputError
from build_tools.sources.model import Document, Page

#: What the current text is called when the manifest does not say.
CURRENT_LABEL = "现行文本"


@dataclass(frozen=True)
class EditionEntry:
    """One earlier edition named in a manifest's ``editions:``.

    Attributes:
        file: The edition's text, a path below ``sources/`` as written in the manifest.
        date: When that edition was published.
        label: What it is called, e.g. 征求意见稿.
        line: The manifest line the entry starts on, for messages.
        in_force: When it took effect, where the manifest says (else its 施行 provision tells).
    """

    file: str
    date: str
    label: str
    line: int | None = None
    in_force: str | None = None

    @property
    def slug(self) -> str:
        """The edition's address below ``<source>/editions/``: its file name without ``.txt``."""
        return self.file.rsplit("/", 1)[-1].removesuffix(".txt")


@dataclass(frozen=True)
class Edition:
    """An earlier edition read and parsed like the current page.

    Attributes:
        entry: What the manifest says of it.
        path: Its file as shown in messages.
        page: The structure the importer recognised in it.
        document: The edition read as a document, when the current text is one (report, document, regulation).
        in_force: When it took effect (`editions.in_force`): the manifest's, its 施行 provision's, else its date.
        warnings: What the importer reports of it (a 施行 provision not understood).
    """

    entry: EditionEntry
    path: str
    page: Page
    document: Document | None = None
    in_force: str | None = None
    warnings: tuple[InputError, ...] = ()

    @property
    def slug(self) -> str:
        """Its address below ``<source>/editions/``."""
        return self.entry.slug

    @property
    def label(self) -> str:
        """What it is called, with its date: 征求意见稿(2021-10)."""
        return f"{self.entry.label}({self.entry.date})"
