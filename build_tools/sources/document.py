"""Read a report, speech, government document or regulation: head, numbered parts, closing, annexes.

The rules describe how Chinese official documents are laid out, not any one document:

- head: a title of one to three lines (it ends at a line ending in a genre word such as 意见 or
  报告), then any of a law's 题注 (its adoption, amendment and revision lines: 2007年8月30日……通过,
  or one block （……通过　根据……修正）) and 目录 (its chapters listed), a subtitle (——在……上的报告),
  a date line, an author or issuing body, a source line (来源:), a document number (国发〔2021〕29号),
  an addressee line (各省、……:) and a salutation (同志们:);
- body: numbered clauses 一、 → （一） → 1. → （1） (or 一是 …), the level of a kind of numbering
  being the order in which it first appears; regulations number 第一编 → 第一章 → 第一节 → 第一条,
  and each paragraph of an article is a 款 holding the items （一） that follow it;
- closing: the issuing body, the date and notes such as （此件公开发布）, after the last paragraph;
- annexes: from a line 附件 / 附件1 standing alone, each parsed like the body.

Numbers are read as printed and must run in order: a clause numbered out of turn means the
structure was not understood, and is an error naming the line and the number expected. Items may
also run on through the whole text (（五） opening part 二、 after （四） closed part 一、), as many
中央 and 国务院 documents number them; a new 款 starts its items again at （一）.
"""

from __future__ import annotations

import re
from itertools import pairwise, takewhile

from build_tools.common.errors import InputError
from build_tools.sources.model import Clause, DocLine, Document, Paragraph
from build_tools.sources.numbering import CN, DIVISIONS, Marker, chinese_numeral, has_articles, numbering
from build_tools.sources.parse import SPACE, SourceLine, is_heading_like, letters, source_lines
from build_tools.sources.tizhu import (
    CONTENTS,
    HISTORY,
    contents_entries,
    empty_contents,
    history,
    history_read_as_text,
    history_span,
)

#: Level names of general numbering, outermost first: anchors are ``part-4-item-2-point-1-sub-3``.
LEVELS = ("part", "item", "point", "sub", "sub")
_GENRE_WORD = re.compile(
    r"(意见|通知|决定|报告|规划|纲要|条例|办法|规定|方案|批复|公告|通告|细则|讲话|决议|建议|通报|指引|指南|措施|计划|要点|法|令|函)$"
)
_NUMBER = re.compile(r"^(?:\S{0,12}[〔\[【（(]\s*\d{4}\s*[〕\]】）)]\s*|\S{0,12}第\s*)\d+\s*号$")
_DATE = re.compile(rf"^[（(]?(?:\d{{4}}年\d{{1,2}}月\d{{1,2}}日|[{CN}]{{4}}年[{CN}]{{1,2}}月[{CN}]{{1,3}}日)[)）]?$")
_SUBTITLE = re.compile(r"^(?:——|--|─|—)")
_SOURCE = re.compile(r"^(?:来源|出处|发布机关|发文机关|发布单位)\s*[:：]")
SALUTATION = re.compile(r"^(?:同志们|各位代表|各位委员|同胞们|朋友们|女士们、先生们|各位来宾|全市人民)[，,:：!！]?$")
_PARENTHESISED = re.compile(r"^[（(].*[)）]$")
_ANNEX = re.compile(rf"^附\s*件\s*([\d{CN}]*)\s*[:：]?$")
_ANNEX_LIST = re.compile(r"^附\s*件\s*[:：]")
#: What a complete paragraph may end with; anything else may be a line cut off mid-sentence.
_CLOSING_PUNCTUATION = "。！？!?；;：:」』”’）)】…—.》"
_FIRST_SENTENCE = re.compile(r"^(.+?)[。！？!?；;：:]")
MAX_TITLE_LINES = 3
MAX_NAME_CHARS = 24
MAX_NOTE_CHARS = 40


def parse_document(text: str, path: str, genre: str) -> Document:
    """Recognise a document's head, clauses, closing and annexes.

    Args:
        text: The decoded text, one paragraph a line.
        path: The file, for messages.
        genre: ``report``, ``document`` or ``regulation``.

    Raises:
        InputError: The document is empty, or its numbering cannot be read (naming the line and what was expected).
    """
    lines = source_lines(text)
    if not lines:
        raise InputError(path, "the file is empty: it holds only blank lines and spaces", "put the text in it")
    annex_at = next((i for i, line in enumerate(lines) if i > 0 and _ANNEX.match(line.text)), len(lines))
    main, annex_lines = lines[:annex_at], lines[annex_at:]
    title_lines = _title(main)
    head, start = _head(main, len(title_lines))
    # A notice that issues a text (印发……的通知, 国务院令) signs and dates itself, then prints that text.
    signed = _signed_at(main, start)
    attached: list[SourceLine] = []
    if signed is not None:
        main, attached = main[:signed], main[signed:]
    closing_at = _closing_start(main, start)
    closing = [DocLine(_closing_role(line.text), line.text, line.number) for line in main[closing_at:]]
    body_lines = main[start:closing_at]
    if not body_lines:
        raise InputError(
            path,
            "found a title and head lines but no text below them",
            "put the document's paragraphs below its head, one a line",
            line=main[-1].number,
        )
    # Articles (第一条) are read wherever the text numbers them: a notice may issue a regulation.
    regulation = genre == "regulation" or has_articles(lines)
    reader = _ClauseReader(path, regulation)
    body = reader.read(body_lines, prefix="")
    annexes = [_attached_text(attached, reader)] if signed is not None else []
    annexes += _annexes(annex_lines, reader, first=len(annexes) + 1)
    document = Document(
        path=path,
        genre=genre,
        title="".join(line.text for line in title_lines),
        title_lines=[line.text for line in title_lines],
        head=head,
        body=body,
        closing=closing,
        annexes=annexes,
    )
    _check_unique_anchors(document)
    document.warnings = cut_off_lines([*body_lines, *attached, *annex_lines], path, regulation)
    document.warnings += reader.warnings + history_read_as_text(document) + empty_contents(document)
    document.warnings.sort(key=lambda warning: warning.line or 0)
    return document


def _check_unique_anchors(document: Document) -> None:
    seen: dict[str, Clause] = {}
    for clause in document.clauses:
        if clause.anchor in seen:
            first = seen[clause.anchor]
            raise InputError(
                document.path,
                f"the structure cannot be read here: 「{clause.marker}」 would have the address #{clause.anchor}, "
                f"which 「{first.marker}」 on line {first.line} already has",
                "check the numbering against the published text: the same number repeats at the same level",
                line=clause.line,
            )
        seen[clause.anchor] = clause


def _title(lines: list[SourceLine]) -> list[SourceLine]:
    """The title's lines: up to three heading-like lines.

    The title ends at a line that ends in a genre word (……的意见), or just before a head line
    (a subtitle ——在……上的报告, a date, a number).
    """
    title = [lines[0]]
    if _GENRE_WORD.search(lines[0].text):
        return title
    for at, line in enumerate(lines[1 : MAX_TITLE_LINES + 1], start=1):
        if _head_role(line.text) or (_PARENTHESISED.match(line.text) and not numbering(line.text, True)):
            return title
        if history_span(lines, at):
            return title
        if not is_heading_like(line.text) or numbering(line.text, True):
            break
        title.append(line)
        if _GENRE_WORD.search(line.text):
            return title
    # No line ends like a title: only the first line is certainly the title.
    return title[:1]


def _head_role(text: str) -> str | None:
    if HISTORY.match(text):
        return "history"
    if _SUBTITLE.match(text):
        return "subtitle"
    if _DATE.match(text):
        return "date"
    if _NUMBER.match(text):
        return "number"
    if _SOURCE.match(text):
        return "source"
    if SALUTATION.match(text):
        return "salutation"
    return None


def _is_name_line(text: str) -> bool:
    """An author or issuing body: 习近平, 甘肃省省长 任振鹤, 中共中央 国务院."""
    return is_heading_like(text) and len(letters(text)) <= MAX_NAME_CHARS and numbering(text, True) is None


def _head(lines: list[SourceLine], start: int) -> tuple[list[DocLine], int]:
    """The head lines after the title, and where the body starts."""
    head: list[DocLine] = []
    at = start
    while at < len(lines) - 1:
        text = lines[at].text
        if span := history_span(lines, at):
            head += [DocLine("history", line.text, line.number) for line in lines[at : at + span]]
            at += span
            continue
        role = _head_role(text)
        if role is None and _PARENTHESISED.match(text) and not numbering(text, True) and len(text) <= 200:
            role = "note"
        if role is None and text[-1] in ":：" and len(text) <= 200 and ("、" in text or text.startswith("各")):
            role = "addressee"
        if role is None and CONTENTS.match(text):
            entries = contents_entries(lines[at + 1 :])
            head += [DocLine("contents", text, lines[at].number)]
            head += [DocLine("contents-entry", line.text, line.number) for line in entries]
            at += 1 + len(entries)
            continue
        if role is None and _is_name_line(text) and not _ANNEX_LIST.match(text):
            role = "author"
        if role is None:
            break
        head.append(DocLine(role, text, lines[at].number))
        at += 1
        if role in {"addressee", "salutation"}:
            break
    return head, at


def _closing_role(text: str) -> str:
    if _DATE.match(text):
        return "date"
    if _ANNEX_LIST.match(text) or numbering(text):
        return "annex-list"
    if _PARENTHESISED.match(text):
        return "note"
    return "signature"


def _closes(text: str, last: bool) -> bool:
    """Whether a line at the end can belong to the closing: a date, a note, or (not last) an issuing body."""
    if _DATE.match(text) or (_PARENTHESISED.match(text) and len(text) <= MAX_NOTE_CHARS and not numbering(text)):
        return True
    return _is_name_line(text) and not last


def _closing_start(lines: list[SourceLine], start: int) -> int:
    """Where the closing starts: the issuing body, date and notes after the last paragraph."""
    at = len(lines)
    while at - 1 > start:
        text = lines[at - 1].text
        if not _closes(text, last=at == len(lines)):
            break
        at -= 1
    if at == len(lines):
        return at
    # A list of annexes (附件:1.…, 2.…) stands just above the signature.
    for back in range(at - 1, max(start, at - 30), -1):
        if _ANNEX_LIST.match(lines[back].text):
            if all(numbering(line.text) for line in lines[back + 1 : at]):
                return back
            break
    return at


def _signed_at(lines: list[SourceLine], start: int) -> int | None:
    """Where a text issued by a signed and dated notice starts, if the notice is followed by one."""
    for at in range(start + 1, len(lines) - 1):
        if _DATE.match(lines[at].text) and _is_name_line(lines[at - 1].text):
            after = at + 1
            while (
                after < len(lines) and _closes(lines[after].text, last=False) and not _is_name_line(lines[after].text)
            ):
                after += 1
            return after if after < len(lines) else None
    return None


def _attached_text(lines: list[SourceLine], reader: _ClauseReader) -> Clause:
    """The text a notice issues, as its first annex: its title, then its clauses."""
    title = _title(lines)
    annex = Clause("annex", 1, "", "".join(t.text for t in title), "annex-1", lines[0].number, heading=True)
    annex.head = history(lines[len(title) :])
    annex.children = reader.read(lines[len(title) + len(annex.head) :], prefix="annex-1-")
    return annex


def _annexes(lines: list[SourceLine], reader: _ClauseReader, first: int = 1) -> list[Clause]:
    starts = [i for i, line in enumerate(lines) if _ANNEX.match(line.text)]
    annexes = []
    for n, (begin, end) in enumerate(zip(starts, [*starts[1:], len(lines)], strict=False), start=first):
        marker_line, *rest = lines[begin:end]
        title = rest[0].text if rest and is_heading_like(rest[0].text) else ""
        annex = Clause("annex", n, marker_line.text, title, f"annex-{n}", marker_line.number, heading=True)
        content = rest[1:] if title else rest
        annex.head = history(content)
        content = content[len(annex.head) :]
        annex.children = reader.read(content, prefix=f"annex-{n}-") if content else []
        annexes.append(annex)
    return annexes


class _ClauseReader:
    """Builds the clause tree of a run of lines and numbers paragraphs across the whole document."""

    def __init__(self, path: str, regulation: bool) -> None:
        self.path = path
        self.regulation = regulation
        self.paragraphs = 0
        self.chapters_in_books = False
        self.warnings: list[InputError] = []

    def _paragraph(self, line: SourceLine) -> Paragraph:
        self.paragraphs += 1
        return Paragraph(self.paragraphs, line.text, line.number)

    def read(self, lines: list[SourceLine], prefix: str) -> list[Clause | Paragraph]:
        self.chapters_in_books = _chapters_restart_in_books(lines, self.regulation)
        root: list[Clause | Paragraph] = []
        # The open clauses, outermost first, each with the kind of numbering it opened with.
        stack: list[tuple[str, Clause]] = []
        last_number: dict[tuple[int, str], int] = {}  # (id of parent list, kind) → last number seen
        # (id of the list holding the parent, parent's kind, kind) → last number seen under any such parent:
        # items numbered through the whole text go on from the previous part's.
        through: dict[tuple[int, str, str], int] = {}
        regulation_last: dict[str, int] = {}
        for line in lines:
            marker = numbering(line.text, self.regulation)
            if marker is None:
                kinds = [kind for kind, _ in stack]
                if "article" in kinds:  # a paragraph of an article is a 款 of its own
                    del stack[kinds.index("article") + 1 :]
                    self._para(stack, line)
                else:
                    self._children(stack, root).append(self._paragraph(line))
                continue
            if marker.kind in {"book", "chapter", "section", "article"}:
                clause = self._division(line, marker, stack, root, prefix, regulation_last)
                continue
            kinds = [kind for kind, _ in stack]
            if marker.kind in kinds:
                del stack[kinds.index(marker.kind) :]
            parent = self._children(stack, root)
            key = (id(parent), marker.kind)
            expected = last_number.get(key, 0) + 1
            run_on = self._run_on_key(stack, root, marker)
            continues = expected == 1 and run_on is not None and marker.number == through.get(run_on, -1) + 1
            if marker.number != expected and not continues and self._rejoin_items(stack, marker):
                parent = self._children(stack, root)
                key = (id(parent), marker.kind)
                expected = last_number.get(key, 0) + 1
            if marker.number != expected and not continues:
                raise self._out_of_turn(line, marker, expected)
            last_number[key] = marker.number
            if run_on is not None:
                through[run_on] = marker.number
            clause = self._clause(line, marker, stack, prefix)
            parent.append(clause)
            stack.append((marker.kind, clause))
        return root

    def _run_on_key(
        self, stack: list[tuple[str, Clause]], root: list[Clause | Paragraph], marker: Marker
    ) -> tuple[int, str, str] | None:
        """Where numbering may run on from the previous sibling's, or None.

        Items may run on through a document's parts, points through its items, parts through its
        chapters (国务院工作规则: 五、 opens 第二章); an article's items, and a 款's, start at （一）.
        """
        if not stack or stack[-1][1].kind in {"article", "para", "annex"}:
            return None
        holder = self._children(stack[:-1], root)
        return (id(holder), stack[-1][1].kind, marker.kind)

    def _rejoin_items(self, stack: list[tuple[str, Clause]], marker: Marker) -> bool:
        """Read lines between an article's items as part of the item above them, when the items go on after them.

        A formula or a note under （三） (进项税额＝买价×扣除率) reads like a new 款, but （四） after it
        shows the list goes on: the lines join （三）, with a warning naming them. Returns whether they did.
        """
        if len(stack) < 2 or stack[-1][0] != "para" or stack[-2][0] != "article":
            return False
        article = stack[-2][1]
        paras = [c for c in article.children if isinstance(c, Clause)]
        between = list(takewhile(lambda p: all(isinstance(c, Paragraph) for c in p.children), paras[::-1]))
        if len(between) == len(paras):
            return False
        above = paras[-len(between) - 1]
        items = [c for c in above.children if isinstance(c, Clause)]
        last = numbering(items[-1].marker) if items else None
        if last is None or last.kind != marker.kind or last.number != marker.number - 1:
            return False
        lines = [p for para in reversed(between) for p in para.children if isinstance(p, Paragraph)]
        items[-1].children += lines
        article.children = [c for c in article.children if c not in between]
        stack[-1] = ("para", above)
        self.warnings.append(
            InputError(
                self.path,
                f"line {lines[0].line} 「{lines[0].text[:20]}…」 stands between {last.text} and {marker.text} of "
                f"{article.marker}: it is read as part of {last.text}, not as a 款 of its own",
                f"if it is a 款 of its own, the items after it must start again at （一）; "
                f"if it belongs to {last.text}, nothing needs doing",
                line=lines[0].line,
            )
        )
        return True

    def _children(self, stack: list[tuple[str, Clause]], root: list[Clause | Paragraph]) -> list[Clause | Paragraph]:
        return stack[-1][1].children if stack else root

    def _para(self, stack: list[tuple[str, Clause]], line: SourceLine) -> None:
        """Open the next 款 of the article on top of `stack` with `line`, its first paragraph."""
        article = stack[-1][1]
        number = sum(1 for child in article.children if isinstance(child, Clause) and child.kind == "para") + 1
        anchor = f"{article.anchor}-para-{number}"
        para = Clause("para", number, "", f"第{chinese_numeral(number)}款", anchor, line.number, heading=False)
        para.children.append(self._paragraph(line))
        article.children.append(para)
        stack.append(("para", para))

    def _clause(self, line: SourceLine, marker: Marker, stack: list[tuple[str, Clause]], prefix: str) -> Clause:
        general = [clause for kind, clause in stack if kind not in {"book", "chapter", "section"}]
        # A 款 is no level of numbering: its items are an article's items (article-12-item-3).
        levels = [clause for clause in general if clause.kind != "para"]
        articles = [n for n, clause in enumerate(levels) if clause.kind == "article"]
        # Depth 0 is a part; inside an article, numbering starts at the item level (article-12-item-3).
        depth = len(levels) - articles[-1] if articles else len(levels)
        level = LEVELS[min(depth, len(LEVELS) - 1)]
        if general:
            # The first 款's items keep the article's own addresses (article-12-item-3), the others' are
            # the 款's (article-12-para-2-item-1).
            first_para = general[-1].kind == "para" and general[-1].number == 1
            base = levels[-1] if first_para else general[-1]
            anchor = f"{base.anchor}-{level}-{marker.number}"
        else:  # a part of its own, or the first numbering inside a chapter or section of a plan
            outer = f"{stack[-1][1].anchor}-" if stack else prefix
            anchor = f"{outer}part-{marker.number}"
        rest = line.text[len(marker.text) :].strip(SPACE)
        # Inside an article, a numbered line (（四）合伙人、股东符合国家有关规定。) is an entry of its text.
        heading = not articles and _is_heading_line(rest)
        title = rest.rstrip("。.") if heading else _opening(rest)
        clause = Clause(level, marker.number, marker.text, title, anchor, line.number, heading)
        if not heading:
            clause.children.append(self._paragraph(line))
        return clause

    def _division(
        self,
        line: SourceLine,
        marker: Marker,
        stack: list[tuple[str, Clause]],
        root: list[Clause | Paragraph],
        prefix: str,
        last: dict[str, int],
    ) -> Clause:
        order = [kind for kind, _ in DIVISIONS]
        rank = order.index(marker.kind)
        while stack and (stack[-1][0] not in order or order.index(stack[-1][0]) >= rank):
            stack.pop()
        # Sections restart in each chapter, and chapters in each book where the text numbers them so
        # (刑法, 民法典); otherwise books, chapters and articles run through the whole text.
        book = next((clause for kind, clause in reversed(stack) if kind == "book"), None)
        within = ""
        if marker.kind == "section" and stack:
            within = stack[-1][1].anchor
        elif marker.kind == "chapter" and book is not None and self.chapters_in_books:
            within = book.anchor
        key = f"{marker.kind}/{within}" if within else marker.kind
        expected = last.get(key, 0) + 1
        if marker.number != expected:
            raise self._out_of_turn(line, marker, expected)
        last[key] = marker.number
        anchor = f"{within}-{marker.kind}-{marker.number}" if within else f"{prefix}{marker.kind}-{marker.number}"
        rest = line.text[len(marker.text) :].strip(SPACE)
        article = marker.kind == "article"
        clause = Clause(
            marker.kind, marker.number, marker.text, "" if article else rest, anchor, line.number, not article
        )
        self._children(stack, root).append(clause)
        stack.append((marker.kind, clause))
        if article:  # its line is its first 款
            self._para(stack, line)
        return clause

    def _out_of_turn(self, line: SourceLine, marker: Marker, expected: int) -> InputError:
        wanted = "the first of its kind (numbered 1)" if expected == 1 else f"number {expected}"
        return InputError(
            self.path,
            f"the structure cannot be read here: 「{marker.text}」 is numbered {marker.number}, "
            f"but at this place the numbering expects {wanted} ({line.text[:30]}…)",
            "check this line against the published text: a numbered line may have been lost, split or joined, "
            "or a paragraph that only starts like a number (e.g. 一是…) must not stand where a clause is expected",
            line=line.number,
        )


def _chapters_restart_in_books(lines: list[SourceLine], regulation: bool) -> bool:
    """Whether chapters are numbered anew in each book (第二编 opens with 第一章, as 刑法 and 民法典 do).

    A plan's books (第二篇) go on with the chapters' numbers instead (第四章); the first chapter after
    the first book tells which.
    """
    later_book = False
    for line in lines:
        marker = numbering(line.text, regulation)
        if marker is not None and marker.kind == "book":
            later_book = marker.number > 1
        elif marker is not None and marker.kind == "chapter" and later_book:
            return marker.number == 1
    return False


def _is_heading_line(rest: str) -> bool:
    """Whether what follows a marker is a heading of its own (总体要求, 指导思想。), not a paragraph."""
    if not rest:
        return True
    if is_heading_like(rest):
        return True
    body = rest.rstrip("。.")
    return body != rest and len(rest) - len(body) == 1 and is_heading_like(body)


def _opening(rest: str) -> str:
    """The opening thesis sentence of a clause's paragraph, when short enough to name it."""
    match = _FIRST_SENTENCE.match(rest)
    if match and len(letters(match.group(1))) <= 40:
        return match.group(1)
    return ""


def cut_off_lines(lines: list[SourceLine], path: str, regulation: bool = False) -> list[InputError]:
    """Warnings for lines that look cut off mid-sentence.

    Such a line has no closing punctuation, and the next line does not start a paragraph of its own
    (it is neither numbered nor a heading).
    """
    warnings = []
    for line, following in pairwise(lines):
        text = line.text
        if text[-1] in _CLOSING_PUNCTUATION or is_heading_like(text) or _ANNEX.match(text):
            continue
        if numbering(following.text, regulation) or is_heading_like(following.text) or _ANNEX.match(following.text):
            continue
        warnings.append(
            InputError(
                path,
                f"line {line.number} looks cut off mid-sentence: it ends 「…{text[-12:]}」 with no closing "
                f"punctuation, and line {following.number} 「{following.text[:12]}…」 does not start a paragraph",
                f"if one paragraph was broken over two lines, join lines {line.number} and {following.number}",
                line=line.number,
                end_line=following.number,
            )
        )
    return warnings
