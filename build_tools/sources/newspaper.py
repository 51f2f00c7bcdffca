"""What a newspaper theory page prints around its essays' text, told from a line alone.

Column labels after titles (有实力有底气有信心（大家手笔）), boxes (内容提要, 编者按 signed ——编者),
pictures' captions (图为……, 新华社记者 X 摄) and an essay's closing line (（作者为……）).
These rules describe the kind of page, not one page: a list of common labels plus a general shape.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from build_tools.sources.model import Box

_SPACE = " \t\u3000\u00a0\ufeff"

#: Column labels papers print after an essay's title; any other short parenthesised phrase counts too.
KNOWN_COLUMNS = frozenset(
    {
        "大家手笔", "新知新觉", "人民观察", "学术随笔", "思想纵横", "人民要论", "理论前沿", "学术前沿",
        "学苑论衡", "人民论坛", "人民观点", "人民时评", "金台随笔", "望海楼", "钟声", "党建理论",
        "学思践悟", "读书明理", "名家笔谈", "理论视野", "思想理论", "实践探索", "经济视点", "文化评析",
        "治国理政新理念新思想新战略", "深入学习贯彻习近平新时代中国特色社会主义思想",
    }
)  # fmt: skip
#: A longer parenthesised ending is part of the title, not a column.
MAX_COLUMN_CHARS = 12
#: Parenthesised endings that belong to the title: parts of a series, an excerpt.
_TITLE_ENDINGS = re.compile(
    r"^(?:[上中下续]篇?|节选|摘要|摘编|全文|试行|暂行|.*草案|.*稿|.*版|之?[一二三四五六七八九十]+)$"
)
_CHINESE = re.compile(r"^[\u4e00-\u9fff]+$")
_COLUMN = re.compile(r"^(?P<title>.*?[^\s\u3000（(])\s*[（(](?P<label>[^（）()]+)[)）]$")

_SUMMARY_LABELS = ("内容提要", "内容摘要", "核心提示", "核心阅读", "阅读提示", "提要", "导读")
_EDITOR_LABELS = ("编者按", "编者的话", "编辑的话", "编者附言", "本期主题", "编后语", "编后记", "编后")
_LABELS = "|".join(sorted((*_SUMMARY_LABELS, *_EDITOR_LABELS), key=len, reverse=True))
_BOX_LINE = re.compile(
    rf"^(?:[【\[〔]\s*(?P<bracketed>{_LABELS})\s*[】\]〕]|(?P<label>{_LABELS})(?=$|[\s:：]))[\s:：]*(?P<text>.*)$"
)
_SIGNATURE = re.compile(r"^(?P<text>.*?)\s*(?P<signature>(?:——|—|--|──)\s*编\s*者|[（(]\s*编\s*者\s*[)）])$")
#: An 编者按 runs on to its signature (——编者) when that comes within this many paragraphs.
MAX_BOX_PARAGRAPHS = 6

_CAPTION = re.compile(
    r"^(?:[上下左右中]?图[为：:]|[（(]?(?:图片来源|图片由|资料图片))"
    r"|(?:摄|供图|新华社发|资料图片|图片来源[:：].*)\s*[)）]?$"
)
#: The closing line of an essay: （作者为……）, （作者单位：……）, （本文作者……）.
CLOSING = re.compile(r"^[（(]\s*((?:本文)?作者.*?)\s*[)）]$")

#: A copy's line naming the paper, date and page: 《 人民日报 》（ 2020年01月06日   09 版）.
_PUBLICATION_LINE = re.compile(r"^《[^》]{1,20}》\s*[（(][^）)]*\d{4}\s*年[^）)]*[)）]$")

#: Bylines that name the paper's voice, not a person: read as the author, with a warning.
LABEL_BYLINES = frozenset({"本报评论员", "评论员", "特约评论员", "本刊评论员", "本报编辑部", "编辑部", "本报记者"})


def split_column(title: str) -> tuple[str, str | None]:
    """A title line without its column label, and the label (None when the line has none)."""
    match = _COLUMN.match(title)
    if not match:
        return title, None
    label = match["label"].strip(_SPACE)
    if label in KNOWN_COLUMNS or _column_shaped(label):
        return match["title"].rstrip(_SPACE), label
    return title, None


def _column_shaped(label: str) -> bool:
    """A short phrase of Chinese words alone (no digits, letters or punctuation), not a part of a series or a draft."""
    return 2 <= len(label) <= MAX_COLUMN_CHARS and bool(_CHINESE.match(label)) and not _TITLE_ENDINGS.match(label)


def box_label(text: str) -> str | None:
    """The label a box opens with (内容提要, 编者按 …), if `text` opens one."""
    match = _BOX_LINE.match(text)
    return (match["bracketed"] or match["label"]) if match else None


def is_publication_line(text: str) -> bool:
    """Whether a line names the paper, date and page the essay was printed on, as copies from a paper's site do."""
    return _PUBLICATION_LINE.match(text) is not None


def is_caption(text: str) -> bool:
    """Whether a line is a picture's caption or credit: 图为……, ……新华社记者 X 摄, （图片来源：……）."""
    return _CAPTION.search(text) is not None


@dataclass
class PrintedParts:
    """Where a page's boxes, captions and closing lines are, by index into its lines.

    Attributes:
        boxes: Each box by the index of its label line.
        box_lines: Every index a box covers, its label line included.
        captions: The indices of captions.
        closings: The indices of closing lines (（作者为……）).
    """

    boxes: dict[int, Box] = field(default_factory=dict)
    box_lines: set[int] = field(default_factory=set)
    captions: set[int] = field(default_factory=set)
    closings: set[int] = field(default_factory=set)

    def tagged(self, index: int) -> bool:
        """Whether the line is a box's or a caption: never a title, author, heading or paragraph."""
        return index in self.box_lines or index in self.captions

    def box_at(self, index: int) -> Box | None:
        """The box whose label line this is, if any."""
        return self.boxes.get(index)


def read_parts(texts: list[str], numbers: list[int], ends_box: Callable[[int], bool]) -> PrintedParts:
    """Find the boxes, captions and closing lines among a page's lines.

    Args:
        texts: The page's lines.
        numbers: Their 1-based line numbers in the source.
        ends_box: Whether the line at an index cannot be a box's text (a heading, a closing line …).
    """
    parts = PrintedParts()
    index = 0
    while index < len(texts):
        text = texts[index]
        if (label := box_label(text)) is not None:
            box, end = _read_box(texts, index, label, numbers[index], ends_box)
            parts.boxes[index] = box
            parts.box_lines.update(range(index, end))
            index = end
            continue
        if CLOSING.match(text):
            parts.closings.add(index)
        elif is_caption(text):
            parts.captions.add(index)
        index += 1
    return parts


def _read_box(texts: list[str], start: int, label: str, line: int, ends_box: Callable[[int], bool]) -> tuple[Box, int]:
    """The box opening at `start`, and the index after its last line.

    A box holds the text after its label (on the label's line, or the next line); an editor's box
    runs on to its signature (——编者) when one follows within a few paragraphs.
    """
    kind = "summary" if label in _SUMMARY_LABELS else "editor"
    match = _BOX_LINE.match(texts[start])
    assert match  # box_label found the label
    paragraphs = [match["text"].strip(_SPACE)] if match["text"].strip(_SPACE) else []
    end = start + 1
    if not paragraphs and end < len(texts) and not ends_box(end) and box_label(texts[end]) is None:
        paragraphs, end = [texts[end]], end + 1
    signed = paragraphs and _SIGNATURE.match(paragraphs[-1])
    if kind == "editor" and not signed:
        for ahead in range(end, min(end + MAX_BOX_PARAGRAPHS, len(texts))):
            if _SIGNATURE.match(texts[ahead]):
                paragraphs += texts[end : ahead + 1]
                end = ahead + 1
                break
            if ends_box(ahead) or box_label(texts[ahead]) is not None:
                break
    signature = None
    if paragraphs and (signed_at := _SIGNATURE.match(paragraphs[-1])):
        signature = signed_at["signature"]
        paragraphs[-1] = signed_at["text"]
        if not paragraphs[-1]:
            paragraphs.pop()
    return Box(kind, label, paragraphs, line, signature), end
