"""What two editions of a document are compared by: its articles (第N条) where it has them, else its paragraphs.

A lawyer pairs articles by their text, not their number: after an amendment inserts articles early,
第十五条 of 2007 is 第二十条 of 2022. Articles are paired through their 款: every 款 of the earlier
text is paired with the most alike 款 of the current one (`match_paragraphs`, over the whole law), and
two articles are the same article when most of the shorter one's text went to the other. So an article
that grew 款 still pairs (2007 第二十一条 → 2022 第二十六条, one 款 kept, two added), and where its
款 went to two articles the second is shown split from it (保守国家秘密法实施条例 2014 第四条 → 2024
第七条 and 第八条); an article whose 款 went into an article paired with another was merged into it.
The last 施行 article (本法自……起施行) of each edition is the same provision, however reworded, and is paired so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from build_tools.importer.editions.match import Row, match_paragraphs, rows_from_pairs
from build_tools.sources.editions.in_force import takes_effect
from build_tools.sources.model import Clause, Document, Paragraph

#: Two articles are one from this share of the shorter one's characters found in the other (0–1).
SAME_ARTICLE = 0.6
#: A 款 that went to another article counts towards a split or merge from this share of it (0–1).
PART_OF = 0.5


@dataclass(frozen=True)
class Unit:
    """One article (or, in a text without articles, one paragraph) of a document's edition.

    Attributes:
        anchor: Its address on the page: ``article-15``, or ``p3``.
        name: How it is called: 第十五条, or 第 3 段.
        paragraphs: Its paragraphs (an article's 款 and items), in order.
        parts: Its 款, each the text of its paragraphs joined (the marker 第十五条 left out).
    """

    anchor: str
    name: str
    paragraphs: tuple[Paragraph, ...]
    parts: tuple[str, ...]

    @property
    def text(self) -> str:
        """Its text as compared: its 款, one a line, without its number."""
        return "\n".join(self.parts)


@dataclass(frozen=True)
class Pairing:
    """How the units of an earlier edition became the current ones.

    Attributes:
        rows: One row a unit, in the current order (a removed unit where it stood).
        split_from: A current unit added (or paired) that took 款 from earlier units other than its own.
        merged_into: An earlier unit removed (or paired) whose 款 went into current units other than its own.
    """

    rows: tuple[Row, ...]
    split_from: dict[int, tuple[int, ...]]
    merged_into: dict[int, tuple[int, ...]]


def _paragraphs(items: Sequence[Clause | Paragraph]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for item in items:
        out += [item] if isinstance(item, Paragraph) else _paragraphs(item.children)
    return out


def _without_marker(text: str, marker: str) -> str:
    return text[len(marker) :].lstrip(" \u3000") if marker and text.startswith(marker) else text


def document_units(document: Document) -> list[Unit]:
    """The document's articles in reading order, or its paragraphs when it has no article."""
    articles = [clause for clause in document.clauses if clause.kind == "article"]
    if not articles:
        return [Unit(p.anchor, f"第 {p.number} 段", (p,), (p.text,)) for p in document.paragraphs]
    units = []
    for article in articles:
        kuan = [c for c in article.children if isinstance(c, Clause) and c.kind == "para"] or [article]
        parts = tuple(_without_marker("\n".join(p.text for p in _paragraphs(k.children)), article.marker) for k in kuan)
        units.append(Unit(article.anchor, article.marker, tuple(_paragraphs(article.children)), parts))
    return units


def pair_units(old: Sequence[Unit], new: Sequence[Unit]) -> Pairing:
    """Pair the units of two editions by their text: whole units alike, else most of one's 款 in the other."""
    old_parts = [(u, k) for u, unit in enumerate(old) for k in range(len(unit.parts))]
    new_parts = [(u, k) for u, unit in enumerate(new) for k in range(len(unit.parts))]
    part_rows = match_paragraphs([old[u].parts[k] for u, k in old_parts], [new[u].parts[k] for u, k in new_parts])
    # How many characters of each earlier unit went into each current unit.
    shared: dict[tuple[int, int], float] = {}
    for row in part_rows:
        # A 款 barely alike (0.5–0.6: two penalty clauses' shared phrasing) says nothing of its article.
        if row.old is not None and row.new is not None and row.similarity >= SAME_ARTICLE:
            (o, k), (n, _k) = old_parts[row.old], new_parts[row.new]
            key = (o, n)
            shared[key] = shared.get(key, 0.0) + row.similarity * len(old[o].parts[k])
    for row in match_paragraphs([u.text for u in old], [u.text for u in new]):
        if row.old is not None and row.new is not None:
            key = (row.old, row.new)
            shared[key] = max(shared.get(key, 0.0), row.similarity * len(old[row.old].text))
    new_of: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    # An article is the one that took most of its text; among equals, the one nearest its own place.
    for (o, n), chars in sorted(shared.items(), key=lambda item: (-item[1], abs(item[0][0] - item[0][1]))):
        contained = chars / max(1, min(len(old[o].text), len(new[n].text)))
        if contained >= SAME_ARTICLE and o not in new_of and n not in taken:
            new_of[o] = (n, _similarity(old[o].text, new[n].text))
            taken.add(n)
    _pair_final_provisions(old, new, new_of, taken)
    rows = rows_from_pairs([u.text for u in old], [u.text for u in new], new_of)
    split: dict[int, list[int]] = {}
    merged: dict[int, list[int]] = {}
    for (o, n), chars in sorted(shared.items()):
        if new_of.get(o, (None,))[0] == n:
            continue
        if chars >= PART_OF * len(new[n].text) and n not in taken:
            split.setdefault(n, []).append(o)
        elif chars >= PART_OF * len(old[o].text) and o not in new_of:
            merged.setdefault(o, []).append(n)
    return Pairing(
        tuple(rows),
        {n: tuple(found) for n, found in split.items()},
        {o: tuple(found) for o, found in merged.items()},
    )


def _pair_final_provisions(
    old: Sequence[Unit], new: Sequence[Unit], new_of: dict[int, tuple[int, float]], taken: set[int]
) -> None:
    """Pair the two texts' last 施行 provisions (本法自……起施行), however reworded: each edition's is the same article.

    Its date and what it repeals change with each revision (行政复议法 2017 第四十三条 本法自1999年10月1日起施行。
    ……同时废止 → 2023 第九十条 本法自2024年1月1日起施行), so its text alone rarely pairs it. A unit either was paired
    with by its text gives that pair up.
    """
    o, n = final_provision(old), final_provision(new)
    if o is None or n is None or new_of.get(o, (None,))[0] == n:
        return
    for other in [k for k, (paired, _score) in new_of.items() if paired == n]:
        del new_of[other]
    if o in new_of:
        taken.discard(new_of[o][0])
    new_of[o] = (n, _similarity(old[o].text, new[n].text))
    taken.add(n)


def final_provision(units: Sequence[Unit]) -> int | None:
    """The index of the last article saying when the text itself takes effect (本法自……起施行), if any."""
    for index in reversed(range(len(units))):
        if units[index].anchor.startswith("article-") and takes_effect(units[index].text):
            return index
    return None


def _similarity(old: str, new: str) -> float:
    return fuzz.ratio(old, new) / 100
