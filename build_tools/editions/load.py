"""Read the earlier editions a manifest declares, each parsed as the current page is."""

from __future__ import annotations

from pathlib import Path

from build_tools.common.errors import InputError, InputErrors
from build_tools.editions.model import Edition
from build_tools.importer.decode import decode_page
from build_tools.importer.manifest import Manifest
from build_tools.importer.parse import parse_page
from build_tools.validation.folder import link_error, outside
from build_tools.validation.yamlfile import format_key


def load_editions(project_root: Path, manifest: Manifest) -> tuple[Edition, ...]:
    """The manifest's editions read from below ``sources/``, in the order it lists them.

    Raises:
        InputErrors: An edition's file is missing or holds no essay.
    """
    editions: list[Edition] = []
    errors: list[InputError] = []
    for index, entry in enumerate(manifest.editions):
        path = project_root / entry.file
        if path.is_symlink() and outside(path, project_root):
            errors.append(link_error(entry.file))
            continue
        try:
            data = path.read_bytes()
        except OSError as error:
            errors.append(
                InputError(
                    manifest.path or "",
                    f"the edition '{entry.label}' names {entry.file}, which cannot be read ({error.strerror})",
                    "save the earlier text there, one paragraph a line, or correct `file:`",
                    line=entry.line,
                    key=format_key(("editions", index, "file")),
                )
            )
            continue
        try:
            decoded = decode_page(data, entry.file)
            page = parse_page(decoded.text, entry.file, manifest.parse_options)
        except InputError as error:
            errors.append(error)
            continue
        editions.append(Edition(entry, entry.file, page))
    if errors:
        raise InputErrors(errors)
    return tuple(editions)
