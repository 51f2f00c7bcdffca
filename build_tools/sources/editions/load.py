"""Read the earlier editions a manifest declares, each parsed as the current text is."""

from __future__ import annotations

from pathlib import Path

from build_tools.common.errors import InputError, InputErrors
from build_tools.sources.decode import decode_page
from build_tools.sources.document import parse_document
from build_tools.sources.editions.in_force import in_force, in_force_error
from build_tools.sources.editions.model import Edition, EditionEntry
from build_tools.sources.genre import DOCUMENT_GENRES, detect_genre
from build_tools.sources.manifest import Manifest
from build_tools.sources.model import Page
from build_tools.sources.parse import parse_page, source_lines
from build_tools.validation.folder import link_error, outside
from build_tools.validation.yamlfile import format_key


def load_editions(
    project_root: Path, manifest: Manifest, genre: str = "essays", current_date: str | None = None
) -> tuple[Edition, ...]:
    """The manifest's editions read from below ``sources/``, in the order it lists them.

    Each is read as the current text is: a page of essays as essays, a document (report, document,
    regulation) as a document of the same genre.

    Raises:
        InputErrors: An edition's file is missing, cannot be read as the current text's genre, or its
            date is taken by another edition or is not earlier than the current text's.
    """
    editions: list[Edition] = []
    errors = _date_errors(manifest, current_date)
    for index, entry in enumerate(manifest.editions):
        path = project_root / entry.file
        if path.is_symlink() and outside(path, project_root):
            errors.append(link_error(entry.file))
            continue
        try:
            data = path.read_bytes()
        except OSError as error:
            errors.append(
                _entry_error(
                    manifest,
                    index,
                    "file",
                    f"the edition '{entry.label}' names {entry.file}, which cannot be read ({error.strerror})",
                    "save the earlier text there, one paragraph a line, or correct `file:`",
                )
            )
            continue
        try:
            decoded = decode_page(data, entry.file)
            if genre in DOCUMENT_GENRES:
                edition_genre = detect_genre(source_lines(decoded.text))
                if edition_genre is None:
                    errors.append(
                        _entry_error(
                            manifest,
                            index,
                            "file",
                            f"the edition '{entry.label}' ({entry.file}) reads as a page of essays, "
                            f"but the current text is a {genre}: the two cannot be compared",
                            "give the earlier text of this same document, as published, one paragraph a line",
                        )
                    )
                    continue
                document = parse_document(decoded.text, entry.file, genre)
                if genre == "regulation" and not any(c.kind == "article" for c in document.clauses):
                    errors.append(
                        _entry_error(
                            manifest,
                            index,
                            "file",
                            f"the edition '{entry.label}' ({entry.file}) holds no article (第一条 …), "
                            "so it cannot be compared with the current text article by article",
                            "give the earlier text of this same law or regulation, one article a line as published",
                        )
                    )
                    continue
                page = Page(entry.file, document.title, None, [], [], [], genre=genre)
                effective, warnings = in_force(document, entry.date, entry.in_force)
                editions.append(Edition(entry, entry.file, page, document, effective.date, tuple(warnings)))
                continue
            edition_genre = detect_genre(source_lines(decoded.text))
            if edition_genre in DOCUMENT_GENRES and manifest.genre is None:
                errors.append(
                    _entry_error(
                        manifest,
                        index,
                        "file",
                        f"the edition '{entry.label}' ({entry.file}) reads as a {edition_genre}, "
                        "but the current text is a page of essays: the two cannot be compared",
                        "give the earlier text of this same page, or state the genre both share with `genre:`",
                    )
                )
                continue
            page = parse_page(decoded.text, entry.file, manifest.parse_options)
        except InputError as error:
            errors.append(error)
            continue
        editions.append(Edition(entry, entry.file, page))
    if errors:
        raise InputErrors(errors)
    return tuple(editions)


def _entry_error(manifest: Manifest, index: int, key: str, message: str, fix: str) -> InputError:
    entry = manifest.editions[index]
    return InputError(manifest.path or "", message, fix, line=entry.line, key=format_key(("editions", index, key)))


def _date_errors(manifest: Manifest, current_date: str | None) -> list[InputError]:
    """Two editions of one date, or an edition not older than the current text: each names its entry's line."""
    errors = []
    seen: dict[str, EditionEntry] = {}
    for index, entry in enumerate(manifest.editions):
        if entry.date in seen:
            errors.append(
                _entry_error(
                    manifest,
                    index,
                    "date",
                    f"the editions '{seen[entry.date].label}' and '{entry.label}' have the same date {entry.date}: "
                    "a reader asking for the text in force on that date would get either",
                    "give each edition the date it was adopted or published (YYYY-MM-DD), or remove the duplicate",
                )
            )
        seen.setdefault(entry.date, entry)
        if entry.in_force:
            key = format_key(("editions", index, "in_force"))
            error = in_force_error(manifest.path or "", entry.in_force, entry.date, entry.label, entry.line, key)
            if error:
                errors.append(error)
        if current_date and not _before(entry.date, current_date):
            errors.append(
                _entry_error(
                    manifest,
                    index,
                    "date",
                    f"the edition '{entry.label}' is dated {entry.date}, not before the current text ({current_date}); "
                    "the current text is always the newest",
                    f"make the newest text sources/<id>.txt and list the older ones under editions: "
                    f"(or correct the date{'' if manifest.date is None else ' here or the manifest `date:`'})",
                )
            )
    return errors


def _before(earlier: str, later: str) -> bool:
    """Whether the date `earlier` comes before `later`, compared at the precision both have (2021-11 < 2021-12-08)."""
    common = min(len(earlier), len(later))
    return earlier[:common] < later[:common]
