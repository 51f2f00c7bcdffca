"""The one error type every bad input becomes: file, place, problem and fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class InputError(Exception):
    """A problem in a file an editor or maintainer wrote, with how to fix it.

    Attributes:
        path: The file at fault, as the user would type it.
        problem: What is wrong, in one sentence.
        fix: What to do about it, in one sentence.
        line: The 1-based line at fault, when known.
        key: The YAML key or item at fault, when known.
        end_line: The last line at fault, where the problem spans several.
        column: The 1-based column at fault, when known.
    """

    path: str | Path
    problem: str
    fix: str = ""
    line: int | None = None
    key: str | None = None
    end_line: int | None = None
    column: int | None = None

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        place = str(self.path)
        if self.line is not None:
            place += f":{self.line}"
        if self.key:
            place += f": {self.key}"
        text = f"{place}: {self.problem}"
        if self.fix:
            text += f"\n  fix: {self.fix}"
        return text


class InputErrors(Exception):
    """Several input errors found in one pass, reported together."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def display_path(path: Path, root: Path | None = None) -> str:
    """Return `path` relative to `root` (or the working directory) when it lies below it."""
    base = root or Path.cwd()
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)
