"""What in an editors' folder the tool will not read: each such file is named, never skipped in silence."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_tools.common.errors import InputError

#: Names an editor may mean for a suffix the tool reads: refused with the right name, never skipped.
_MEANT = {".yml": ".yaml", ".text": ".txt"}


@dataclass
class FolderSurvey:
    """The files of a folder the tool reads, and what it will not read.

    Attributes:
        read: The files read, in name order.
        errors: Files that look meant to be read but are not (a wrong suffix or its case, a link
            leading out of the project).
        warnings: Other files, not read.
    """

    read: list[Path] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)


def outside(path: Path, root: Path) -> bool:
    """Whether `path`, its links followed, leads out of `root` (or nowhere): it is never read."""
    try:
        path.resolve(strict=True).relative_to(root.resolve())
    except (OSError, ValueError, RuntimeError):
        return True
    return False


def link_error(shown: str) -> InputError:
    """The error for a file that is a link leading out of the project."""
    return InputError(
        shown,
        "this is a link to a file outside the project (or to nothing); it is never read or published",
        "copy the file itself into the project instead of linking to it",
    )


def survey_folder(
    folder: Path, shown_folder: str, root: Path, suffixes: tuple[str, ...], *, subfolders: bool
) -> FolderSurvey:
    """Sort the files directly in `folder` into those read (ending in one of `suffixes`) and those not.

    Hidden files (``.gitkeep``) are passed over. `subfolders` says whether the folders in it are
    read by another way (the editions below ``sources/``); if not, each is warned about.
    """
    survey = FolderSurvey()
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        shown = f"{shown_folder}/{path.name}"
        if path.name.startswith("."):
            continue
        if outside(path, root):
            survey.errors.append(link_error(shown))
        elif path.is_dir():
            if not subfolders:
                survey.warnings.append(
                    InputError(shown, "the files in a folder here are not read", f"move them into {shown_folder}/")
                )
        elif path.suffix in suffixes:
            survey.read.append(path)
        elif (meant := _MEANT.get(path.suffix.lower(), path.suffix.lower())) in suffixes:
            survey.errors.append(
                InputError(
                    shown,
                    f"this file is not read: only names ending in {' or '.join(suffixes)} (lower case) are",
                    f"rename it to {path.stem}{meant}",
                )
            )
        else:
            survey.warnings.append(
                InputError(
                    shown,
                    f"this file is not read: only names ending in {' or '.join(suffixes)} are",
                    f"move it out of {shown_folder}/ if it is not meant to be read, or rename it",
                )
            )
    return survey
