"""Read the structure of a page of essays from its text alone.

The rules describe how Chinese newspaper theory pages are laid out, not any one
page: an essay is a title line followed by an author line; a line with no
sentence punctuation inside an essay is a section heading; a lead is a one-line
summary whose clauses the essay repeats; measures are the paragraphs of a block
that all open with a short thesis sentence (``明确要求,立足全局。``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from slugify import slugify

from build_tools.common.errors import InputError
from build_tools.importer.model import (
    Article,
    Author,
    Heading,
    Measure,
    Page,
    Paragraph,
    RelatedItem,
    SubMeasure,
)

LeadMode = Literal["auto", "always", "never"]

#: A thesis sentence longer than this many characters (punctuation not counted) is ordinary prose.
MAX_THESIS_CHARS = 16
#: A line with more characters than this is never a heading or a title.
MAX_HEADING_CHARS = 40

SPACE = " \t\u3000\u00a0\ufeff"
_SENTENCE_END = re.compile(r"[。！？!?]")
_CLAUSE_BREAK = re.compile(r"[,，;；:：。！？!?]")
_NOT_LETTER = re.compile(r"[\W_]")
_HEADING_FORBIDDEN = re.compile(r"[。！？!?；;…]")
_ORIGINAL_TITLE = re.compile(r"^原标题\s*[:：]\s*(.+)$")
_RELATED = re.compile(r"^(相关新闻|相关阅读|延伸阅读|相关报道|相关文章)\s*[:：]?$")
_RELATED_ITEM = re.compile(r"^[-*•·]?\s*(?:(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?)?\s*(.+)$")
_AFFILIATION = re.compile(r"^[（(]\s*((?:本文)?作者.*?)\s*[)）]$")
_AUTHOR_MARK = re.compile(r"^(?:[■□●◆▲★]+|文\s*[/｜|]|作者\s*[:：])\s*")
_AUTHOR_NAME = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff·•]{1,5}$")
_NAME_SEPARATOR = re.compile(r"[\s\u3000、,，]+")
_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+[要是]|第[一二三四五六七八九十]+[,，、是要]?|其[一二三四五六七八九十]|[（(][一二三四五六七八九十]+[)）])"
)
_PROSE = re.compile(r"[是的了吗呢吧着]|并不|不再|也要|就要")
_FIRST_ORDINAL = re.compile(r"^(?:一[要是]|第一|其一|[（(]一[)）])")
_POSTS_EACH = re.compile(r"^(?:本文)?作者分别[为系是][:：]?(.+)$")
_POST_ALL = re.compile(r"^(?:本文)?作者(?:单位)?\s*(?:[为系是:：])\s*(.+)$")
_POST_SEPARATOR = re.compile(r"[,，;；]")


@dataclass(frozen=True)
class ParseOptions:
    """What a page's manifest may tell the importer.

    Attributes:
        lead: Whether essays open with a lead: detect it (``auto``) or force it.
        article_ids: Stable ids for essays, by essay title.
    """

    lead: LeadMode = "auto"
    article_ids: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceLine:
    """A non-blank line of a source, indentation removed, with its 1-based line number."""

    number: int
    text: str


def source_lines(text: str) -> list[SourceLine]:
    """The non-blank lines of a source's text, stripped of (full-width) indentation."""
    return [
        SourceLine(number, stripped)
        for number, raw in enumerate(text.splitlines(), start=1)
        if (stripped := raw.strip(SPACE))
    ]


def parse_page(text: str, path: str, options: ParseOptions | None = None) -> Page:
    """Recognise the title, essays and related news of a page.

    Args:
        text: The page's decoded text, one paragraph a line.
        path: The page's file name, for messages.
        options: Hints from the page's manifest.

    Returns:
        The page's structure.

    Raises:
        InputError: The page has no recognisable essay, or an essay is empty.
    """
    options = options or ParseOptions()
    lines = source_lines(text)
    if not lines:
        raise InputError(
            path,
            "the file is empty: it holds only blank lines and spaces",
            "put the page's text in it, one paragraph a line",
        )
    related_at = next((i for i, line in enumerate(lines) if _RELATED.match(line.text)), len(lines))
    related = [_related_item(line) for line in lines[related_at + 1 :]]
    content = lines[:related_at]
    title, original_title, start = _page_head(content)
    starts = [i for i in range(start, len(content) - 1) if _is_essay_start(content, i)]
    if not starts:
        raise _no_essay(path, content, start)
    preface = [line.text for line in content[start : starts[0]]]
    ends = [*starts[1:], len(content)]
    used_ids: set[str] = set()
    articles = [_article(content[begin:end], path, options, used_ids) for begin, end in zip(starts, ends, strict=True)]
    return Page(path, title, original_title, preface, articles, related)


def _page_head(content: list[SourceLine]) -> tuple[str | None, str | None, int]:
    """Find the page title and 原标题 line; return them and where the rest begins."""
    if not content:
        return None, None, 0
    first = _ORIGINAL_TITLE.match(content[0].text)
    if first:
        return None, first.group(1).strip(SPACE), 1
    if not is_heading_like(content[0].text) or _is_essay_start(content, 0):
        return None, None, 0
    if len(content) > 1 and (second := _ORIGINAL_TITLE.match(content[1].text)):
        return content[0].text, second.group(1).strip(SPACE), 2
    return content[0].text, None, 1


def _no_essay(path: str, content: list[SourceLine], start: int) -> InputError:
    if start >= len(content):
        return InputError(
            path,
            "the page holds only a title and no essays",
            "add the essays below the title: each a title line, an author line, then one paragraph a line",
            line=content[-1].number if content else None,
        )
    return InputError(
        path,
        "found no essay: an essay starts with its title on one line and its author(s) on the next "
        "(e.g. `秦遇龙 吕江宇` or `■刘师苑`); nor the shape of a report or speech (a salutation such as 同志们:), "
        "a government document (a number such as 国发〔2021〕29号, an addressee line, parts 一、 二、) "
        "or a regulation (第一条 …)",
        "check that each essay's title and author line stand on lines of their own; if this is a document, "
        "say which kind in its manifest (genre: report, document or regulation); "
        "then run `policy-reader inspect` on the page again",
        line=content[start].number,
    )


def letters(text: str) -> str:
    """`text` without punctuation, spaces and symbols: what counts towards a length."""
    return _NOT_LETTER.sub("", text)


def is_heading_like(text: str) -> bool:
    """Whether `text` could be a heading or title: short, with no sentence punctuation."""
    return (
        not _HEADING_FORBIDDEN.search(text)
        and 0 < len(letters(text)) <= MAX_HEADING_CHARS
        and text[-1] not in ",，、:："
        and text[0] not in "(（-*•·"
    )


def author_names(text: str) -> list[str] | None:
    """The names on an author line (``秦遇龙 吕江宇``, ``■刘师苑``), or None if it is not one."""
    names = [n for n in _NAME_SEPARATOR.split(_AUTHOR_MARK.sub("", text)) if n]
    if 1 <= len(names) <= 6 and all(_AUTHOR_NAME.match(n) for n in names):
        return names
    return None


def _is_essay_start(content: list[SourceLine], i: int) -> bool:
    return (
        i + 2 < len(content)
        and is_heading_like(content[i].text)
        and author_names(content[i + 1].text) is not None
        and author_names(content[i + 2].text) is None
    )


def _related_item(line: SourceLine) -> RelatedItem:
    match = _RELATED_ITEM.match(line.text)
    assert match  # the pattern's last group accepts any text
    year, month, day, title = match.groups()
    date = f"{year}-{int(month):02d}-{int(day):02d}" if year else None
    return RelatedItem(date, title.strip(SPACE))


def _article(lines: list[SourceLine], path: str, options: ParseOptions, used_ids: set[str]) -> Article:
    title_line, author_line, *rest = lines
    names = author_names(author_line.text) or []
    affiliation = affiliation_line = None
    for at in (len(rest) - 1, 0):
        if rest and (match := _AFFILIATION.match(rest[at].text)):
            affiliation, affiliation_line = match.group(1), rest[at].text
            del rest[at]
            break
    if not rest:
        raise InputError(
            path,
            f"the essay 「{title_line.text}」 has no paragraphs",
            "put the essay's paragraphs below its author line, one a line",
            line=title_line.number,
        )
    body: list[Heading | Paragraph] = []
    for line in rest:
        if is_heading_like(line.text):
            body.append(Heading(line.text, line.number))
        else:
            body.append(Paragraph(len(body) + 1, line.text, line.number))
    lead = _take_lead(body, options.lead)
    _number_paragraphs(lead, body)
    _find_measures(body)
    return Article(
        id=_article_id(title_line.text, options, used_ids),
        title=title_line.text,
        line=title_line.number,
        authors=_authors(names, affiliation),
        affiliation=affiliation,
        affiliation_line=affiliation_line,
        lead=lead,
        body=body,
    )


def _article_id(title: str, options: ParseOptions, used: set[str]) -> str:
    base = options.article_ids.get(title) or slugify(title, max_length=60, word_boundary=True) or "essay"
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


def _authors(names: list[str], affiliation: str | None) -> list[Author]:
    if affiliation and (each := _POSTS_EACH.match(affiliation)):
        posts = [p.strip(SPACE) for p in _POST_SEPARATOR.split(each.group(1))]
        if len(posts) == len(names):
            return [Author(n, p) for n, p in zip(names, posts, strict=True)]
        return [Author(n) for n in names]
    if affiliation and (shared := _POST_ALL.match(affiliation)):
        return [Author(n, shared.group(1).strip(SPACE)) for n in names]
    return [Author(n) for n in names]


def _take_lead(body: list[Heading | Paragraph], mode: LeadMode) -> Paragraph | None:
    """Remove and return the essay's lead: a first paragraph whose clauses the essay repeats."""
    first = body[0]
    if mode == "never" or not isinstance(first, Paragraph) or len(body) < 2:
        return None
    if mode == "auto":
        clauses = [c.strip(SPACE) for c in _CLAUSE_BREAK.split(first.text) if len(letters(c)) >= 4]
        rest = "".join(b.text if isinstance(b, Paragraph) else b.title for b in body[1:])
        if not clauses or sum(c in rest for c in clauses) / len(clauses) < 0.5:
            return None
    body.pop(0)
    return first


def _number_paragraphs(lead: Paragraph | None, body: list[Heading | Paragraph]) -> None:
    number = 1
    if lead:
        lead.number, number = 1, 2
    for item in body:
        if isinstance(item, Paragraph):
            item.number, number = number, number + 1


def thesis(text: str) -> tuple[str, str] | None:
    """Split a paragraph into its short opening thesis sentence and the rest, if it has one.

    A thesis reads like a heading (突出高标准建设, 一要加快农业数字化转型), not like a
    sentence of prose: copulas and particles (是, 的, 了, 并不 …) mark the latter.
    """
    end = _SENTENCE_END.search(text)
    if not end:
        return None
    head, rest = text[: end.start()], text[end.end() :]
    if not rest.strip(SPACE) or len(letters(head)) > MAX_THESIS_CHARS:
        return None
    if _PROSE.search(_ORDINAL.sub("", head)):
        return None
    return head, rest


def _find_measures(body: list[Heading | Paragraph]) -> None:
    """Mark the paragraphs that open measures and sub-measures."""
    blocks: list[list[Paragraph]] = [[]]
    for item in body:
        if isinstance(item, Heading):
            blocks.append([])
        else:
            blocks[-1].append(item)
    measures: list[Measure] = []
    # The paragraph after the lead introduces the essay; a section may open with one of its own.
    for index, block in enumerate(blocks):
        run = _measure_run(block[1:] if index == 0 else block, allow_intro=index > 0)
        current: Measure | None = None
        for paragraph in run:
            head, rest = thesis(paragraph.text) or ("", "")
            if current and _ORDINAL.match(head):
                sub = SubMeasure(len(current.submeasures) + 1, head, paragraph.number, current.number)
                current.submeasures.append(sub)
                paragraph.submeasure = sub
                continue
            current = Measure(len(measures) + 1, head, paragraph.number)
            measures.append(current)
            paragraph.measure = current
            inner = thesis(rest.strip(SPACE))
            if inner and _FIRST_ORDINAL.match(inner[0]):
                paragraph.submeasure = SubMeasure(1, inner[0], paragraph.number, current.number)
                current.submeasures.append(paragraph.submeasure)


def _measure_run(block: list[Paragraph], allow_intro: bool) -> list[Paragraph]:
    """The paragraphs of a block that are measures: all of it, bar an intro and a conclusion."""
    flags = [thesis(p.text) is not None for p in block]
    if True not in flags:
        return []
    first = flags.index(True)
    last = len(flags) - flags[::-1].index(True)
    if last - first >= 2 and all(flags[first:last]) and first <= (1 if allow_intro else 0) and len(flags) - last <= 1:
        return block[first:last]
    return []
