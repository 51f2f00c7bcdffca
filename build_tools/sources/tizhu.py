"""A law's 题注 (when it was adopted, amended, revised) and 目录 (its chapters listed), under its title.

The 题注 is printed as one parenthesised block （……通过　根据……修正）; copies print it one dated
line each, keep a stray ）, list the amending acts (……通过的《刑法修正案（二）》、), break an entry
over lines or end one with the 根据 that opens the next. Each is read as the head, never as text;
a line that reads like one but stands in the text is a warning.
"""

from __future__ import annotations

import re

from build_tools.common.errors import InputError
from build_tools.sources.dates import PRINTED_DATE
from build_tools.sources.model import DocLine, Document
from build_tools.sources.numbering import numbering
from build_tools.sources.parse import SourceLine, is_heading_like

#: A law's table of contents (目　录), listing its chapters before the text repeats them.
CONTENTS = re.compile(r"^目\s*录$")
#: What a 题注 line records: a law adopted (通过), amended (修正), revised (修订), promulgated (公布, 发布).
_HISTORY_VERB = r"(?:通过|修正|修订|公布|发布|施行|批准)"
#: A 题注 line, or the whole 题注 as one block: a date (根据 a date, for an amendment) up to its verb,
#: with no sentence inside; or a line of a list of amending acts (……会议通过的《刑法修正案（二）》、).
#: A copy may keep the block's closing ） on the last line only, or end a line with the 根据 that
#: opens the next entry (……修订  根据 / 2023年……修正).
HISTORY = re.compile(
    rf"^[（(]?(?:根据)?\s*{PRINTED_DATE.pattern}[^。；;！？]*{_HISTORY_VERB}(?:的?《[^。；;！？]*》[、，,和]?)?"
    r"(?:[\s\u3000]*根据)?[)）]?$"
)
#: How a 题注 entry starts: a date, after （ or 根据, with no full stop in the line.
_HISTORY_START = re.compile(rf"^[（(]?(?:根据)?\s*{PRINTED_DATE.pattern}[^。]*$")
#: A copy may break one 题注 entry over up to this many lines.
MAX_HISTORY_LINES = 4
#: A line that reads like a 题注 wherever it stands: a date, then an adoption or amendment, no full stop.
_HISTORY_LIKE = re.compile(rf"^[（(]?(?:根据)?\s*{PRINTED_DATE.pattern}[^。！？]*?{_HISTORY_VERB}")


def history(lines: list[SourceLine]) -> list[DocLine]:
    """The 题注 lines a text opens with (under the title of a regulation a notice promulgates)."""
    at = 0
    while span := history_span(lines, at):
        at += span
    return [DocLine("history", line.text, line.number) for line in lines[:at]]


def history_span(lines: list[SourceLine], at: int) -> int:
    """How many lines from `at` make one 题注 entry: 1, more where a copy broke it over lines, 0 if none.

    A broken entry starts like one (a date, or （ and a date) and ends in its verb a few lines on;
    no line between starts an entry of its own or a numbered clause. The text itself must follow.
    """
    if at >= len(lines) - 1 or not _HISTORY_START.match(lines[at].text):
        return 0
    if HISTORY.match(lines[at].text):
        return 1
    joined = lines[at].text
    for span in range(2, MAX_HISTORY_LINES + 1):
        if at + span >= len(lines):
            return 0
        following = lines[at + span - 1].text
        if _HISTORY_START.match(following) or numbering(following, True):
            return 0
        joined += following
        if HISTORY.match(joined):
            return span
    return 0


def contents_entries(lines: list[SourceLine]) -> list[SourceLine]:
    """The entries of a law's 目录: its chapters (and books, sections) listed up to where the first comes again."""
    entries: list[SourceLine] = []
    for line in lines:
        marker = numbering(line.text, True)
        if marker is None or marker.kind not in {"book", "chapter", "section"} or not is_heading_like(line.text):
            break
        if entries and _unspaced(line.text) == _unspaced(entries[0].text):
            return entries
        entries.append(line)
    # The 目录 never reaches its text again: these divisions are the text's own, not a list of them.
    return []


def _unspaced(text: str) -> str:
    return "".join(text.split())


def empty_contents(document: Document) -> list[InputError]:
    """A 目录 line under which no chapter list was found: the text's own chapters follow it at once."""
    roles = [line.role for line in document.head]
    return [
        InputError(
            document.path,
            f"line {line.line} 「{line.text}」 opens a table of contents, but the chapters below it never "
            "come again, so they are read as the text's own and the 目录 as an empty list",
            "if the copy lost the text's own chapter lines, restore them; if the 目录 lists no chapters, remove it",
            line=line.line,
        )
        for at, line in enumerate(document.head)
        if line.role == "contents" and roles[at + 1 : at + 2] != ["contents-entry"]
    ]


def history_read_as_text(document: Document) -> list[InputError]:
    """Warnings for paragraphs that read like a 题注 line (a date, then 通过 or 修正) yet stand in the text.

    A 题注 is read only directly under its law's title; one found elsewhere, or broken so that it no
    longer ends in its verb, is shown as a numbered paragraph, which is likely not what was printed.
    """
    return [
        InputError(
            document.path,
            f"line {paragraph.line} 「{paragraph.text[:30]}…」 reads like a 题注 (when the text was adopted or "
            f"amended), but it is read as paragraph {paragraph.number} of the text",
            "if it is the 题注, put it directly under the title, one dated line each (or the whole "
            "（……通过　根据……修正） block on one line), ending in its 通过/修正/修订/公布; if it is text, ignore this",
            line=paragraph.line,
        )
        for paragraph in document.paragraphs
        if _HISTORY_LIKE.match(paragraph.text)
    ]
