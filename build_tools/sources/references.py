"""Find where a law's text names its own articles, 款 and 项 (本法第十七条, 前款第二项 …), or another text's.

Chinese laws cite their own provisions in a few fixed shapes: a scope word (本法, 本条例, 本办法 …)
or none at all (依照第二十条的规定), then 第X条, 第Y款, 第Z项 in that order; a relative word
(本条, 本款, 前条, 前款, 前两款); lists (第十七条、第十八条第一款, 第一项和第二项) and ranges
(第二项至第七项), where each member names only what differs from the one before it. A title in
book-title marks right before (《中华人民共和国数据安全法》第二十一条) names another text.

`find_references` is pure: it reads one paragraph's text, given the article and 款 it stands in,
and returns each span to link with what it names. Whether that exists is for the caller to judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.sources.numbering import chinese_number, chinese_numeral

_NUM = r"[零〇一二三四五六七八九十百千两\d]+"
#: Words by which a text names itself: 本法第十七条, 本条例第三条.
_SCOPE = r"本(?:法|条例|办法|规定|细则|规则|决定|准则)"
#: Characters that make a word with 前 (目前, 当前, 提前 …): 目前条件 is no 前条.
_BEFORE_QIAN = "目当提事此之以日生空眼面跟先超向从战史年月"
_TITLE = r"《(?P<title>[^《》]{1,60})》"
#: What a reference may start with: a title, a scope word, a relative word or 第N条/款/项.
_START = re.compile(
    rf"{_TITLE}(?=第{_NUM}条)"
    rf"|(?P<scope>{_SCOPE})(?=第{_NUM}条)"
    rf"|(?P<this>本条(?!例)|本款)"
    # 前款, not 当前款项 or 目前条件: words that only hold 前条 or 前款.
    rf"|(?<![{_BEFORE_QIAN}])前(?P<back>[一二两三四五六七八九十]?)(?P<back_unit>条(?!件)|款(?!项))"
    rf"|(?=第{_NUM}[条款项])"
)
_UNIT = re.compile(rf"第(?P<n>{_NUM})(?P<unit>[条款项])(?!之[一二三四五六七八九十])")
#: What joins the members of a list or a range: 第十七条、第十八条, 第一项和第二项, 第二项至第七项.
_JOIN = re.compile(r"(?P<join>、|和|或者|或|及|以及|与|至|到)(?=第)")
#: What a name of another text ends with when it is written without book-title marks (刑法第二十条):
#: a bare 第N条 right after it is that text's, not this one's.
_NAMED_BEFORE = re.compile(r"(?:法|典|条例|规定|办法|细则|规则|决定|准则|公约|章程)$")
_LEVELS = {"条": 0, "款": 1, "项": 2}


@dataclass(frozen=True)
class Target:
    """What a reference names: an article, a 款 of it, an item; in this text or in the one titled `title`."""

    article: int
    para: int | None = None
    item: int | None = None
    title: str | None = None

    @property
    def name(self) -> str:
        """The target as a Chinese reader names it: 第十七条第一款第二项."""
        out = f"第{chinese_numeral(self.article)}条"
        if self.para is not None:
            out += f"第{chinese_numeral(self.para)}款"
        if self.item is not None:
            out += f"第{chinese_numeral(self.item)}项"
        return out


@dataclass(frozen=True)
class Reference:
    """A span of a paragraph to link, and what it names.

    Attributes:
        start: Where the span starts in the paragraph's text.
        end: Where it ends.
        targets: What it names: one target, or several (前两款, or the members a range's end closes).
    """

    start: int
    end: int
    targets: tuple[Target, ...]

    @property
    def target(self) -> Target:
        """The target the link goes to: the first named."""
        return self.targets[0]


@dataclass(frozen=True)
class Place:
    """Where a paragraph stands: its article and 款 (None outside an article), and its own article marker's length."""

    article: int | None
    para: int | None
    skip: int = 0


def find_references(text: str, place: Place) -> list[Reference]:
    """Every reference `text` makes to an article, 款 or 项, in order; see the module's docstring."""
    found: list[Reference] = []
    at = place.skip
    while (start := _START.search(text, at)) is not None:
        chain = _chain(text, start, place)
        if not chain:
            at = start.end() + 1 if start.end() == start.start() else start.end()
            continue
        found += chain
        at = chain[-1].end
    return found


def _chain(text: str, start: re.Match[str], place: Place) -> list[Reference]:
    """The references a list or range starting at `start` makes; [] if it names nothing here."""
    title = start.group("title")
    head_start, pos = start.start(), start.end()
    if start.group("this"):
        base = _relative_this(start.group("this"), place)
    elif start.group("back_unit"):
        back = chinese_number(start.group("back")) if start.group("back") else 1
        base = _relative_back(start.group("back_unit"), back, place)
    else:
        base = None
        if not title and not start.group("scope") and _NAMED_BEFORE.search(text[:head_start]):
            return []  # 刑法第二十条: another text's article, named without book-title marks
    if start.group("this") or start.group("back_unit"):
        if base is None:
            return []
        named, end = _units(text, pos, base[-1])
        # 前款规定的, 本条所称: the relative word alone names what it stands for.
        first = Reference(head_start, pos, base) if named is None else Reference(head_start, end, (named,))
    else:
        if place.article is None and not title:
            return []  # outside an article, 第二条 names nothing of this text
        default = Target(place.article or 0, place.para, None, title)
        named, end = _units(text, pos, default)
        if named is None or (named.article == 0 and not title):
            return []
        first = Reference(head_start, end, (named,))
    chain = [first]
    while (join := _JOIN.match(text, chain[-1].end)) is not None:
        previous = chain[-1].targets[-1]
        named, end = _units(text, join.end(), previous)
        if named is None:
            break
        member = Reference(join.end(), end, (named,))
        if join.group("join") in {"至", "到"}:
            member = Reference(join.end(), end, (named, *_between(previous, named)))
        chain.append(member)
    return chain


def _relative_this(word: str, place: Place) -> tuple[Target, ...] | None:
    if place.article is None:
        return None
    if word == "本条":
        return (Target(place.article),)
    return (Target(place.article, place.para),) if place.para is not None else None


def _relative_back(unit: str, back: int, place: Place) -> tuple[Target, ...] | None:
    """前条 / 前款 / 前两款: the `back` articles or 款 before this one, nearest last."""
    if place.article is None:
        return None
    if unit == "条":
        first = place.article - back
        return tuple(Target(n) for n in range(first, place.article)) if first >= 1 else None
    if place.para is None or place.para - back < 1:
        return None
    return tuple(Target(place.article, n) for n in range(place.para - back, place.para))


def _units(text: str, pos: int, base: Target) -> tuple[Target | None, int]:
    """第N条第N款第N项 read from `pos`, each level below the first named taken afresh, those above from `base`.

    Returns (None, pos) when no unit is there.
    """
    article, para, item = base.article, base.para, base.item
    first_level = None
    end = pos
    last_level = -1
    while (unit := _UNIT.match(text, end)) is not None:
        level = _LEVELS[unit.group("unit")]
        if level <= last_level:
            break
        number = chinese_number(unit.group("n"))
        if first_level is None:
            first_level = level
            # A member names what differs: levels below the first it names start afresh.
            if level == 0:
                para = item = None
            elif level == 1:
                item = None
        if level == 0:
            article = number
        elif level == 1:
            para = number
        else:
            item = number
        last_level = level
        end = unit.end()
    if first_level is None:
        return None, pos
    return Target(article, para, item, base.title), end


def _between(low: Target, high: Target) -> list[Target]:
    """The members a range 第二项至第七项 covers strictly between its ends, at the level its ends differ."""
    if low.article != high.article:
        if low.para is None and high.para is None and low.item is None and high.item is None:
            return [Target(n, None, None, low.title) for n in range(low.article + 1, high.article)]
        return []
    if low.para != high.para and low.item is None and high.item is None and low.para and high.para:
        return [Target(low.article, n, None, low.title) for n in range(low.para + 1, high.para)]
    if low.para == high.para and low.item and high.item:
        return [Target(low.article, low.para, n, low.title) for n in range(low.item + 1, high.item)]
    return []
