"""Read the structure of a page of essays from its text alone.

The rules describe how Chinese newspaper theory pages are laid out, not any one
page: an essay is a title line followed by an author line; a line with no
sentence punctuation inside an essay is a section heading; a lead is a one-line
summary whose clauses the essay repeats; measures are the paragraphs of a block
that open with a short thesis sentence (``明确要求,立足全局。``), each with the ordinary
paragraphs after it; an essay ends with its closing line (``（作者为……）``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from slugify import slugify

from build_tools.common.errors import InputError
from build_tools.sources.essay_warnings import (
    heading_with_column,
    label_byline_warnings,
    publication_line_as_heading,
    stray_closing,
    unknown_author,
)
from build_tools.sources.model import (
    Article,
    Author,
    BodyItem,
    Box,
    Caption,
    Heading,
    Measure,
    Page,
    Paragraph,
    RelatedItem,
    SubMeasure,
)
from build_tools.sources.newspaper import (
    CLOSING,
    PrintedParts,
    box_label,
    is_publication_line,
    read_parts,
    split_column,
)

LeadMode = Literal["auto", "always", "never"]

#: A thesis sentence longer than this many characters (punctuation not counted) is ordinary prose.
MAX_THESIS_CHARS = 16
#: Measures that run to further paragraphs are told from prose only when there are this many.
MIN_MEASURES_WITH_FURTHER_PARAGRAPHS = 3
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
        The page's structure, with a warning for each doubtful reading.

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
    parts = _printed_parts(content)
    title, original_title, start = _page_head(content, parts)
    page_title_at = start - 1 if title is not None and original_title is None else None
    starts = _essay_starts(content, start, parts, page_title_at)
    if starts and starts[0] == page_title_at:
        title, start = None, page_title_at  # the page's first line was the title of an essay that lost its byline
    if not starts:
        raise _no_essay(path, content, start)
    ends = [*starts[1:], len(content)]
    spans = [list(range(begin, end)) for begin, end in zip(starts, ends, strict=True)]
    leading = _hand_on_boxes(spans, parts)
    preface = [line.text for line in content[start : starts[0]]]
    page_boxes = _page_boxes(content, range(start, starts[0]), parts)
    used_ids: set[str] = set()
    warnings: list[InputError] = []
    articles = [
        _article(EssayLines(content, span, parts, before), path, options, used_ids, warnings)
        for span, before in zip(spans, leading, strict=True)
    ]
    return Page(path, title, original_title, preface, articles, related, boxes=page_boxes, warnings=warnings)


def _page_boxes(content: list[SourceLine], preface: range, parts: PrintedParts) -> list[Box]:
    """The boxes printed before the first essay (编者按, 本期主题); any other lines there make a box without label."""
    boxes = [box for i in preface if (box := parts.box_at(i))]
    loose = [content[i] for i in preface if i not in parts.box_lines]
    if boxes and loose:
        boxes.append(Box("editor", "", [line.text for line in loose], loose[0].number))
    return boxes


def _printed_parts(content: list[SourceLine]) -> PrintedParts:
    """The page's boxes, captions and closing lines; a box's text stops at a heading, closing or byline."""

    def ends_box(index: int) -> bool:
        text = content[index].text
        return is_heading_like(text) or bool(CLOSING.match(text)) or author_names(text) is not None

    return read_parts([line.text for line in content], [line.number for line in content], ends_box)


def _page_head(content: list[SourceLine], parts: PrintedParts) -> tuple[str | None, str | None, int]:
    """Find the page title and 原标题 line; return them and where the rest begins."""
    if not content:
        return None, None, 0
    first = _ORIGINAL_TITLE.match(content[0].text)
    if first:
        return None, first.group(1).strip(SPACE), 1
    if not is_heading_like(content[0].text) or parts.tagged(0) or _is_essay_start(content, 0, parts):
        return None, None, 0
    if len(content) > 1 and (second := _ORIGINAL_TITLE.match(content[1].text)):
        return content[0].text, second.group(1).strip(SPACE), 2
    return content[0].text, None, 1


def _essay_starts(content: list[SourceLine], start: int, parts: PrintedParts, page_title_at: int | None) -> list[int]:
    """Where each essay's title is: above its byline, or after the closing line (（作者为……）) of the essay before.

    Every essay ends with its closing line even where a copy lost the bylines: the next title-like line
    after a closing line (boxes and captions aside) is the next essay's title. The first essay's title,
    when it has no byline, is the first title-like line of the page, or the page's own first line when
    what follows that is already an essay's text.
    """
    found = {i for i in range(start, len(content) - 1) if _is_essay_start(content, i, parts)}
    # A closing line right below a byline (printed there by some papers) ends no essay.
    closings = sorted(i for i in parts.closings if i >= start and i - 2 not in found)
    for closing in closings:
        if (title := _title_after(content, closing + 1, parts)) is not None:
            found.add(title)
    if closings and not any(i < closings[0] for i in found):
        title = _title_after(content, start, parts)
        if title is None and page_title_at is not None and _title_after(content, page_title_at, parts) is not None:
            title = page_title_at
        if title is not None:
            found.add(title)
    return sorted(found)


def _title_after(content: list[SourceLine], index: int, parts: PrintedParts) -> int | None:
    """The essay title at `index` or after the editor's boxes and captions there, if an essay's text follows it."""
    while index < len(content) and parts.tagged(index) and not _is_summary(parts, index):
        index += 1
    if index >= len(content) or parts.tagged(index) or not is_heading_like(content[index].text):
        return None
    for after in range(index + 1, len(content)):
        if after in parts.closings:
            return None
        if not parts.tagged(after) and not is_heading_like(content[after].text):
            return index
        if _is_summary(parts, after):
            return index
    return None


def _is_summary(parts: PrintedParts, index: int) -> bool:
    box = parts.box_at(index)
    return box is not None and box.kind == "summary"


def _hand_on_boxes(spans: list[list[int]], parts: PrintedParts) -> list[list[int]]:
    """Move the boxes after an essay's closing line to the essay after it: an 编者按 introduces what follows.

    Returns:
        For each essay, the indices of the boxes printed before its title.
    """
    leading: list[list[int]] = [[] for _ in spans]
    for number, span in enumerate(spans[:-1]):
        closing = max((i for i in span if i in parts.closings), default=None)
        if closing is None:
            continue
        moved = [i for i in span if i > closing and i in parts.box_lines]
        leading[number + 1] = moved
        span[:] = [i for i in span if i not in moved]
    return leading


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
        "(e.g. `秦遇龙 吕江宇` or `■刘师苑`), or ends with its closing line (`（作者为……）`); "
        "nor the shape of a report or speech (a salutation such as 同志们:), "
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
    if box_label(text) is not None:  # 内容提要, 编者按: a box's label, never a name
        return None
    names = [n for n in _NAME_SEPARATOR.split(_AUTHOR_MARK.sub("", text)) if n]
    if len(names) == 2 and all(len(n) == 1 for n in names):  # 李　明: a two-character name spaced to the width of three
        names = ["".join(names)]
    if 1 <= len(names) <= 6 and all(_AUTHOR_NAME.match(n) for n in names):
        return names
    return None


def _is_essay_start(content: list[SourceLine], i: int, parts: PrintedParts) -> bool:
    return (
        i + 2 < len(content)
        and not parts.tagged(i)
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


@dataclass(frozen=True)
class EssayLines:
    """The lines of one essay: indices into the page's lines, and the boxes printed before its title."""

    content: list[SourceLine]
    span: list[int]
    parts: PrintedParts
    before: list[int]


def _article(
    essay: EssayLines, path: str, options: ParseOptions, used_ids: set[str], warnings: list[InputError]
) -> Article:
    content, parts = essay.content, essay.parts
    title_line, rest = content[essay.span[0]], essay.span[1:]
    title, column = split_column(title_line.text)
    names: list[str] = []
    # The byline follows the title, or a box printed between them (an 编者按 under the title).
    byline = next((i for i in rest if not parts.tagged(i)), None)
    if byline is not None and (found := author_names(content[byline].text)) is not None:
        names, rest = found, [i for i in rest if i != byline]
        warnings += label_byline_warnings(path, names, content[byline])
    else:
        warnings.append(unknown_author(path, title_line))
    affiliation_at = _affiliation_at(rest, parts)
    warnings += [stray_closing(path, content[i], title) for i in rest if i in parts.closings and i != affiliation_at]
    affiliation = affiliation_line = None
    if affiliation_at is not None:
        affiliation_line = content[affiliation_at].text
        affiliation = CLOSING.match(affiliation_line).group(1)  # type: ignore[union-attr]
    kept = [i for i in rest if i != affiliation_at]
    body = [*_boxes(essay.before, parts), *_body(essay, kept, path, warnings)]
    if not any(isinstance(item, Paragraph) for item in body):
        raise InputError(
            path,
            f"the essay 「{title_line.text}」 has no paragraphs",
            "put the essay's paragraphs below its author line, one a line",
            line=title_line.number,
        )
    lead = _take_lead(body, options.lead)
    _number_paragraphs(lead, body)
    _find_measures(body)
    return Article(
        id=_article_id(title_line.text, title, options, used_ids),
        title=title,
        line=title_line.number,
        authors=_authors(names, affiliation),
        affiliation=affiliation,
        affiliation_line=affiliation_line,
        lead=lead,
        body=body,
        column=column,
        printed_title=title_line.text,
    )


def _boxes(indices: list[int], parts: PrintedParts) -> list[BodyItem]:
    return [box for i in indices if (box := parts.box_at(i))]


def _body(essay: EssayLines, indices: list[int], path: str, warnings: list[InputError]) -> list[BodyItem]:
    """Boxes, captions, section headings and paragraphs, in printed order."""
    body: list[BodyItem] = []
    captions = 0
    for index in indices:
        line, parts = essay.content[index], essay.parts
        if box := parts.box_at(index):
            body.append(box)
        elif index in parts.box_lines:
            continue
        elif index in parts.captions:
            captions += 1
            body.append(Caption(captions, line.text, line.number))
        elif is_heading_like(line.text):
            body.append(Heading(line.text, line.number))
            if (column := split_column(line.text)[1]) is not None:
                warnings.append(heading_with_column(path, line, column))
            elif is_publication_line(line.text):
                warnings.append(publication_line_as_heading(path, line))
        else:
            body.append(Paragraph(0, line.text, line.number))
    return body


def _affiliation_at(rest: list[int], parts: PrintedParts) -> int | None:
    """The essay's closing line: its last, boxes and captions aside, or the line below its byline."""
    closings = [i for i in rest if i in parts.closings]
    if closings and all(parts.tagged(i) for i in rest if i > closings[-1]):
        return closings[-1]
    if rest and rest[0] in parts.closings:
        return rest[0]
    return None


def _article_id(printed: str, title: str, options: ParseOptions, used: set[str]) -> str:
    """The manifest's id for the essay (named by its printed title or its title alone), else the title's slug."""
    named = options.article_ids.get(printed) or options.article_ids.get(title)
    base = named or slugify(title, max_length=60, word_boundary=True) or "essay"
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


def _take_lead(body: list[BodyItem], mode: LeadMode) -> Paragraph | None:
    """Remove and return the essay's lead: a first paragraph whose clauses the essay repeats.

    Boxes and captions printed before it (a 内容提要, a picture) do not count: the lead is the first text.
    """
    text = [item for item in body if isinstance(item, Paragraph | Heading)]
    first = text[0]
    if mode == "never" or not isinstance(first, Paragraph) or len(text) < 2:
        return None
    if mode == "auto":
        clauses = [c.strip(SPACE) for c in _CLAUSE_BREAK.split(first.text) if len(letters(c)) >= 4]
        rest = "".join(b.text if isinstance(b, Paragraph) else b.title for b in text[1:])
        if not clauses or sum(c in rest for c in clauses) / len(clauses) < 0.5:
            return None
    body.remove(first)
    return first


def _number_paragraphs(lead: Paragraph | None, body: list[BodyItem]) -> None:
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


def _find_measures(body: list[BodyItem]) -> None:
    """Mark the paragraphs that open measures and sub-measures; boxes and captions are passed over."""
    blocks: list[list[Paragraph]] = [[]]
    for item in body:
        if isinstance(item, Heading):
            blocks.append([])
        elif isinstance(item, Paragraph):
            blocks[-1].append(item)
    measures: list[Measure] = []
    # The paragraph after the lead introduces the essay; a section may open with one of its own.
    for index, block in enumerate(blocks):
        run = _measure_run(block[1:] if index == 0 else block, allow_intro=index > 0)
        current: Measure | None = None
        for paragraph in run:
            split = thesis(paragraph.text)
            if split is None:  # a measure's further paragraph
                continue
            head, rest = split
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
    """The paragraphs of a block that are measures, from the first thesis to the last.

    A run of measures fills its block, bar an intro and a conclusion, and opens with a thesis.
    Thesis paragraphs side by side (at least two) are measures. A measure may run to further
    paragraphs, but prose too has short openings here and there, so then the run needs what
    prose lacks: at least three theses, fewer paragraphs between them than theses (a measure runs
    to two paragraphs on average at most), and after the last thesis no more paragraphs than the
    longest measure before it had, plus a conclusion.
    """
    theses = [i for i, p in enumerate(block) if thesis(p.text) is not None]
    if len(theses) < 2 or theses[0] > (1 if allow_intro else 0):
        return []
    gaps = [after - before - 1 for before, after in pairwise(theses)]
    trailing = len(block) - theses[-1] - 1
    if any(gaps):
        fits = len(theses) >= MIN_MEASURES_WITH_FURTHER_PARAGRAPHS and sum(gaps) < len(theses)
        fits = fits and trailing <= max(gaps) + 1
    else:
        fits = trailing <= 1
    return block[theses[0] : theses[-1] + 1] if fits else []
