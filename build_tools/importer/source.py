"""Load one source page with its manifest into a checked `Source`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.common.errors import InputError, InputErrors
from build_tools.editions.load import load_editions
from build_tools.editions.model import Edition
from build_tools.importer.archive import ARCHIVE_DIR
from build_tools.importer.decode import decode_page
from build_tools.importer.document import parse_document
from build_tools.importer.genre import DOCUMENT_GENRES, detect_genre
from build_tools.importer.manifest import Manifest, load_manifest, unmatched_titles
from build_tools.importer.model import Document, Page
from build_tools.importer.parse import parse_page, source_lines

_SOURCE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: Folders of the site that the build or `import` fill: a source of that name would collide.
RESERVED_IDS = frozenset({ARCHIVE_DIR.strip("/"), "assets", "glossary", "measures", "search", "includes", "cite"})


@dataclass(frozen=True)
class Source:
    """A source page, its manifest and what the importer read from it.

    Attributes:
        id: The page's stable id: its file name without ``.txt``; also its folder under ``docs/``.
        path: The page's file as shown in messages.
        page: The recognised structure.
        manifest: Provenance and layout hints (defaults when there is no manifest).
        encoding: The encoding the page was read in.
        editions: The earlier editions the manifest declares (the page itself is the current one).
        document: A report, document or regulation read as one document (then `page` holds no essays).
    """

    id: str
    path: str
    page: Page
    manifest: Manifest
    encoding: str
    editions: tuple[Edition, ...] = field(default=())
    document: Document | None = None

    @property
    def title(self) -> str:
        """The title to show: the manifest's, the page's, its original title, or its id."""
        return self.manifest.title or self.page.title or self.page.original_title or self.id

    @property
    def date(self) -> str | None:
        """When the source was published or the text dated: the manifest's date, else the date a document prints.

        A document prints its date (at its end, under its title, or in a law's 题注), so it is filed,
        sorted and named by it without a manifest.
        """
        if self.manifest.date:
            return self.manifest.date
        return self.document.printed_date if self.document else None

    @property
    def genre(self) -> str:
        """What the source is: essays, essay, report, document or regulation."""
        return self.page.genre


def load_source(path: Path, shown_as: str) -> Source:
    """Read, decode and parse a source page and its manifest beside it.

    Raises:
        InputError: The page cannot be read or holds no essay.
        InputErrors: The manifest is not valid or does not fit the page.
    """
    source_id = path.stem
    if not _SOURCE_ID.match(source_id):
        raise InputError(
            shown_as,
            f"the file name '{path.name}' is not a usable page id (it becomes the page's address)",
            "rename it to lower-case ASCII letters, digits and hyphens, e.g. gansu-2021-digital-development.txt",
        )
    if source_id in RESERVED_IDS:
        raise InputError(
            shown_as,
            f"the file name '{path.name}' is taken: the site's own {source_id}/ folder has that address",
            f"rename it, e.g. {source_id}-2021-page.txt (and its manifest beside it)",
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(shown_as, f"cannot read the file ({error.strerror})", "check the path") from None
    decoded = decode_page(data, shown_as)
    manifest_path = path.with_suffix(".yaml")
    manifest = load_manifest(manifest_path, str(Path(shown_as).with_suffix(".yaml")))
    genre = manifest.genre or detect_genre(source_lines(decoded.text))
    if genre in DOCUMENT_GENRES:
        document = parse_document(decoded.text, shown_as, genre)
        page = Page(shown_as, document.title, None, [], [], [], genre=genre)
        current_date = manifest.date or document.printed_date
        editions = load_editions(path.resolve().parent.parent, manifest, genre, current_date)
        return Source(source_id, shown_as, page, manifest, decoded.encoding, editions, document)
    page = parse_page(decoded.text, shown_as, manifest.parse_options)
    page.genre = "essay" if len(page.articles) == 1 else "essays"
    if manifest.genre == "essay" and len(page.articles) > 1:
        raise InputError(
            manifest.path or shown_as,
            f"the manifest says genre: essay (one essay), but the page holds {len(page.articles)} essays",
            "write genre: essays, or leave the key out and let `policy-reader inspect` tell the genre",
            line=manifest.genre_line,
            key="genre",
        )
    errors = unmatched_titles(manifest, [a.title for a in page.articles])
    if errors:
        raise InputErrors(errors)
    # sources/<id>.txt: the project is the folder above sources/, and editions' paths start from it.
    editions = load_editions(path.resolve().parent.parent, manifest, page.genre, manifest.date)
    return Source(source_id, shown_as, page, manifest, decoded.encoding, editions)
