"""Tell a source's genre from its shape: a page of essays, one essay, a report or speech, a document, a regulation."""

from __future__ import annotations

import re
from typing import Literal, get_args

from build_tools.sources.document import SALUTATION
from build_tools.sources.numbering import has_articles, numbering
from build_tools.sources.parse import SourceLine

Genre = Literal["essays", "essay", "report", "document", "regulation"]
GENRES: tuple[str, ...] = get_args(Genre)
#: Genres read as one document (head, numbered clauses, closing) rather than as essays.
DOCUMENT_GENRES = frozenset({"report", "document", "regulation"})
#: How far into a source its head is looked for.
HEAD_LINES = 12

_SPEECH_SUBTITLE = re.compile(r"^(?:——|--|─).*(?:上的?|报告|讲话|致辞|发言)[)）]?$")
_DOCUMENT_NUMBER = re.compile(r"[〔\[【]\s*\d{4}\s*[〕\]】]\s*(?:第\s*)?\d+\s*号$")
_ADDRESSEE = re.compile(r"^各.{2,200}[:：]$")


def detect_genre(lines: list[SourceLine]) -> Genre | None:
    """The genre a source's shape shows, or None for a page of essays (the essay parser then decides how many).

    A report or speech has a salutation (同志们:) or a subtitle naming the occasion (——在……上的报告);
    a government document has a document number (国发〔2021〕29号) or an addressee line (各省、……:)
    in its head; a regulation numbers its articles 第一条 …; parts numbered 一、 二、 or chapters
    第一章 第二章 make a document too.
    """
    head = [line.text for line in lines[:HEAD_LINES]]
    if any(SALUTATION.match(text) or _SPEECH_SUBTITLE.match(text) for text in head):
        return "report"
    if any(_DOCUMENT_NUMBER.search(text) or _ADDRESSEE.match(text) for text in head):
        return "document"  # a notice, though it may issue a regulation
    if has_articles(lines):
        return "regulation"
    for kind in ("dun", "chapter"):  # parts 一、 二、, or a plan's chapters 第一章 第二章
        numbers = [m.number for line in lines if (m := numbering(line.text)) and m.kind == kind]
        if numbers[:2] == [1, 2]:
            return "document"
    return None
