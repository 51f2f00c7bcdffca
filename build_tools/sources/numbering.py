"""How official texts number their parts: the markers (一、 （一） 1. 第一章 第十二条 …) and their values."""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.sources.parse import SourceLine

CN = "零〇一二三四五六七八九十百两"
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
#: Kinds of numbering, by the pattern of their marker; the marker's number is group 1.
_NUMBERINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dun", re.compile(rf"^([{CN}]+)、")),
    ("paren", re.compile(rf"^[（(]([{CN}]+)[)）]")),
    ("shi", re.compile(rf"^([{CN}]+)是(?=[\u4e00-\u9fff“])")),
    ("arabic", re.compile(r"^(\d{1,2})(?:[.．](?!\d)|、)")),
    ("arabic-paren", re.compile(r"^[（(](\d{1,2})[)）]")),
    ("circled", re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")),
)
#: Divisions: each kind and its anchor word, outermost first. A plan (规划) has books, chapters and
#: sections (第一篇, 第一章, 第一节) too; articles (第一条) are read only where a text numbers several.
DIVISIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("book", re.compile(rf"^第([{CN}]+)[编篇](?:[\s\u3000]|$)")),
    ("chapter", re.compile(rf"^第([{CN}]+)章(?:[\s\u3000]|$)")),
    ("section", re.compile(rf"^第([{CN}]+)节(?:[\s\u3000]|$)")),
    ("article", re.compile(rf"^第([{CN}]+)条(?:[\s\u3000]|$)")),
)
ARTICLE = DIVISIONS[3][1]
#: A text with this many lines opening 第…条 numbers articles.
MIN_ARTICLES = 3


@dataclass(frozen=True)
class Marker:
    """A numbering as a line opens with it: its kind, its value and how it is printed."""

    kind: str
    number: int
    text: str  # the marker as printed, e.g. "（二）"


def chinese_number(text: str) -> int:
    """The value of a Chinese numeral as used in numbering: 四 → 4, 十二 → 12, 一百零五 → 105."""
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for char in text:
        if char == "百":
            total, digit = total + max(digit, 1) * 100, 0
        elif char == "十":
            total, digit = total + max(digit, 1) * 10, 0
        else:
            digit = _CN_DIGITS[char]
    return total + digit


def chinese_numeral(number: int) -> str:
    """How a number up to 999 is written in words: 2 → 二, 12 → 十二, 20 → 二十, 105 → 一百零五."""
    digits = "零一二三四五六七八九"
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    out = f"{digits[hundreds]}百" if hundreds else ""
    if tens:
        out += f"{digits[tens] if tens > 1 or hundreds else ''}十"
    elif hundreds and units:
        out += "零"
    return out + (digits[units] if units or not number else "")


def _circled(char: str) -> int:
    return ord(char) - ord("①") + 1


def numbering(text: str, regulation: bool = False) -> Marker | None:
    """The numbering a line opens with (一、, （一）, 1., 第一章, and with `regulation` 第十二条 …), if any."""
    patterns = (*(DIVISIONS if regulation else DIVISIONS[:3]), *_NUMBERINGS)
    for kind, pattern in patterns:
        if match := pattern.match(text):
            value = match.group(1)
            number = _circled(value) if kind == "circled" else chinese_number(value)
            shown = match.group(0).rstrip(" \u3000") if kind not in {"shi"} else match.group(0)
            return Marker(kind, number, shown)
    return None


def has_articles(lines: list[SourceLine]) -> bool:
    """Whether a text numbers articles (第一条 …), as a regulation does."""
    return sum(1 for line in lines if ARTICLE.match(line.text)) >= MIN_ARTICLES
