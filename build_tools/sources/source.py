"""Load one source page with its manifest into a checked `Source`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.common.errors import InputError, InputErrors
from build_tools.navigation.archive import ARCHIVE_DIR
from build_tools.sources.decode import decode_page
from build_tools.sources.document import parse_document
from build_tools.sources.editions.in_force import in_force, in_force_error
from build_tools.sources.editions.load import load_editions
from build_tools.sources.editions.model import CURRENT_LABEL, Edition
from build_tools.sources.genre import DOCUMENT_GENRES, detect_genre
from build_tools.sources.manifest import (
    RESERVED_ESSAY_IDS,
    Manifest,
    displaced_ids,
    load_manifest,
    unmatched_titles,
)
from build_tools.sources.model import Document, Page
from build_tools.sources.parse import parse_page, source_lines
from build_tools.sources.text_links import text_references
from build_tools.validation.fields import SLUG_PATTERN

_SOURCE_ID = re.compile(SLUG_PATTERN)
#: A source page larger than this (about 700,000 Chinese characters in UTF-8) is warned about.
LARGE_SOURCE_BYTES = 2 * 1024 * 1024
#: Folders of the site that the build or `import` fill: a source of that name would collide.
RESERVED_IDS = frozenset(
    {ARCHIVE_DIR.strip("/"), "assets", "glossary", "measures", "library", "search", "includes", "cite", "404", "index"}
)


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
        size: The page's file size in bytes.
        in_force: When a document took effect (`editions.in_force`): the manifest's, its 施行 provision's, or its date.
    """

    id: str
    path: str
    page: Page
    manifest: Manifest
    encoding: str
    editions: tuple[Edition, ...] = field(default=())
    document: Document | None = None
    size: int = 0
    in_force: str | None = None

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
        document.warnings += text_references(document).warnings
        page = Page(shown_as, document.title, None, [], [], [], genre=genre)
        current_date = manifest.date or document.printed_date
        editions = load_editions(path.resolve().parent.parent, manifest, genre, current_date)
        effective, warnings = in_force(document, current_date, manifest.in_force)
        if manifest.in_force and current_date:
            label = manifest.label or CURRENT_LABEL
            too_early = in_force_error(
                manifest.path or "", manifest.in_force, current_date, label, manifest.in_force_line
            )
            if too_early:
                raise too_early
        document.warnings += warnings + [w for edition in editions for w in edition.warnings]
        return Source(
            source_id, shown_as, page, manifest, decoded.encoding, editions, document, len(data), effective.date
        )
    page = parse_page(decoded.text, shown_as, manifest.parse_options)
    page.genre = "essay" if len(page.articles) == 1 else "essays"
    taken = [article for article in page.articles if article.id in RESERVED_ESSAY_IDS]
    if taken and taken[0].title not in manifest.article_ids:
        raise InputError(
            shown_as,
            f"the essay 「{taken[0].title}」 would get the id '{taken[0].id}', "
            f"the address of the page's own {taken[0].id}",
            f"give it an id in {Path(shown_as).with_suffix('.yaml')}: articles: - title: …, id: another-id",
            line=taken[0].line,
        )
    if manifest.genre == "essay" and len(page.articles) > 1:
        raise InputError(
            manifest.path or shown_as,
            f"the manifest says genre: essay (one essay), but the page holds {len(page.articles)} essays",
            "write genre: essays, or leave the key out and let `policy-reader inspect` tell the genre",
            line=manifest.genre_line,
            key="genre",
        )
    errors = unmatched_titles(manifest, [t for a in page.articles for t in (a.printed_title, a.title)])
    # The manifest may name an essay as printed (with its column label) or by its title alone.
    named = [(a.printed_title if a.printed_title in manifest.article_ids else a.title, a.id) for a in page.articles]
    errors += displaced_ids(manifest, named)
    if errors:
        raise InputErrors(errors)
    # sources/<id>.txt: the project is the folder above sources/, and editions' paths start from it.
    editions = load_editions(path.resolve().parent.parent, manifest, page.genre, manifest.date)
    return Source(source_id, shown_as, page, manifest, decoded.encoding, editions, size=len(data))


def large_source_warnings(sources: list[Source]) -> list[InputError]:
    """A warning for each source page larger than a reader's page serves well."""
    return [
        InputError(
            source.path,
            f"this page is {source.size / 1024 / 1024:.1f} MB, more than a web page serves well "
            f"(up to {LARGE_SOURCE_BYTES // 1024 // 1024} MB): it builds slowly and loads slowly",
            "split it into several source pages (one per part or chapter), or check that it holds only the text",
        )
        for source in sources
        if source.size > LARGE_SOURCE_BYTES
    ]
