"""The warnings of a page of essays: readings the importer made but a maintainer should check.

Each names the line at fault, says what was read and how to make the page read without doubt.
"""

from __future__ import annotations

from typing import Protocol

from build_tools.common.errors import InputError
from build_tools.sources.newspaper import LABEL_BYLINES


class NumberedLine(Protocol):
    """A line of the source and its 1-based number."""

    @property
    def number(self) -> int:
        """The line's 1-based number in the source."""

    @property
    def text(self) -> str:
        """The line's text."""


def unknown_author(path: str, title_line: NumberedLine) -> InputError:
    """An essay with no byline, found by its closing line (a copy that lost the bylines)."""
    return InputError(
        path,
        f"the essay 「{title_line.text}」 has no author line below its title, so its author is unknown "
        "(the essay was told from the others by its closing line （作者为……）)",
        "if the published page names the author, put the name on its own line below the title (e.g. `■张三`)",
        line=title_line.number,
    )


def label_byline_warnings(path: str, names: list[str], line: NumberedLine) -> list[InputError]:
    """Names on a byline that are the paper's voice (本报评论员), not a person."""
    return [
        InputError(
            path,
            f"the author line 「{line.text}」 names {name}, the paper's voice rather than a person",
            "nothing to do if the page prints it so; otherwise put the author's name on this line",
            line=line.number,
        )
        for name in names
        if name in LABEL_BYLINES
    ]


def stray_closing(path: str, line: NumberedLine, title: str) -> InputError:
    """A closing line （作者为……） inside an essay rather than at its end."""
    return InputError(
        path,
        f"the essay 「{title}」 holds a closing line 「{line.text}」 that does not end it: "
        "an essay ends with its （作者为……） line, so two essays may have been read as one",
        "check that the line after each （作者为……） line is the next essay's title, on a line of its own",
        line=line.number,
    )


def heading_with_column(path: str, line: NumberedLine, column: str) -> InputError:
    """A section heading ending in a column label: likely an essay's title."""
    return InputError(
        path,
        f"the section heading 「{line.text}」 carries the column label （{column}）: "
        "it may be the title of an essay read as part of the essay before",
        "put the essay's author line below its title, or end the essay before with its （作者为……） line",
        line=line.number,
    )


def publication_line_as_heading(path: str, line: NumberedLine) -> InputError:
    """A copy's 《人民日报》（2020年01月06日 09版） line, read as a section heading."""
    return InputError(
        path,
        f"the line 「{line.text}」 names the paper and date the essay was printed in, "
        "but stands in the essay, where it is read as a section heading",
        "remove it from the page and give the paper, date and page in the manifest (publication, date, edition)",
        line=line.number,
    )
