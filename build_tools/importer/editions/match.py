"""Which paragraph became which between two editions of an essay: kept, reworded, moved, added, removed.

Every paragraph of the earlier text is compared with every paragraph of the current one
(RapidFuzz's normalised Indel similarity, over characters); the most similar pairs are
taken first, each paragraph once, down to `SAME_PARAGRAPH`. Of the pairs, those that
keep their order form the longest increasing run of current positions; the others moved.
Of several runs as long, the one standing earliest in the current text stays in place
(A B C D → C D A B: A and B moved, not C and D).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

#: Two paragraphs are one paragraph reworded from this similarity (0–1) up. Different paragraphs
#: of the Gansu essays are at most 0.36 alike; a reworded one keeps most of its characters.
SAME_PARAGRAPH = 0.5

Change = Literal["same", "changed", "added", "removed"]


@dataclass(frozen=True)
class Row:
    """One step of the comparison, in the current text's order (a removed paragraph where it stood).

    Attributes:
        old: 0-based index in the earlier text, or None for an added paragraph.
        new: 0-based index in the current text, or None for a removed one.
        change: Kept word for word, reworded, added or removed.
        moved: Whether the paragraph left its place relative to the others.
        similarity: How alike the two texts are (1.0 the same, 0 for added or removed).
    """

    old: int | None
    new: int | None
    change: Change
    moved: bool = False
    similarity: float = 0.0


def match_paragraphs(old: Sequence[str], new: Sequence[str]) -> list[Row]:
    """The rows comparing `old` with `new`: every paragraph of both, once."""
    new_of = _identical(old, new)
    taken = {j for j, _similarity in new_of.values()}
    # Only what is left is compared all with all: a revision keeps most paragraphs word for word.
    left_old = [i for i in range(len(old)) if i not in new_of]
    left_new = [j for j in range(len(new)) if j not in taken]
    cutoff = SAME_PARAGRAPH * 100
    scores = ((fuzz.ratio(old[i], new[j], score_cutoff=cutoff) / 100, i, j) for i in left_old for j in left_new)
    candidates = sorted(
        (score for score in scores if score[0]),
        # The most alike first; among equals, the pair nearest its own place.
        key=lambda c: (-c[0], abs(c[1] - c[2]), c[1]),
    )
    for similarity, i, j in candidates:
        if i not in new_of and j not in taken:
            new_of[i] = (j, similarity)
            taken.add(j)
    return rows_from_pairs(old, new, new_of)


def rows_from_pairs(old: Sequence[str], new: Sequence[str], new_of: dict[int, tuple[int, float]]) -> list[Row]:
    """The comparison's rows from the pairs found (earlier index → current index and similarity)."""
    in_order = _keeping_order([new_of[i][0] for i in sorted(new_of)])
    rows: list[Row] = []
    for j in range(len(new)):
        rows.append(Row(None, j, "added"))
    by_new = {j: (i, s) for i, (j, s) in new_of.items()}
    for j, (i, similarity) in by_new.items():
        rows[j] = Row(i, j, "same" if old[i] == new[j] else "changed", j not in in_order, similarity)
    # A removed paragraph stands after the current counterpart of the nearest paragraph before it.
    for i in sorted(set(range(len(old))) - set(new_of), reverse=True):
        before = [new_of[k][0] for k in range(i) if k in new_of and new_of[k][0] in in_order]
        at = next(n for n, row in enumerate(rows) if row.new == before[-1]) + 1 if before else 0
        while at < len(rows) and rows[at].change == "removed" and (rows[at].old or 0) < i:
            at += 1
        rows.insert(at, Row(i, None, "removed"))
    return rows


def _identical(old: Sequence[str], new: Sequence[str]) -> dict[int, tuple[int, float]]:
    """Paragraphs kept word for word, paired in order (the k-th copy of a text with its k-th copy now)."""
    places: dict[str, list[int]] = {}
    for j, text in enumerate(new):
        places.setdefault(text, []).append(j)
    pairs: dict[int, tuple[int, float]] = {}
    for i, text in enumerate(old):
        if places.get(text):
            pairs[i] = (places[text].pop(0), 1.0)
    return pairs


def _keeping_order(positions: list[int]) -> set[int]:
    """The longest increasing run of `positions` (in their order): the paragraphs that did not move."""
    tails: list[int] = []
    tail_at: list[int] = []
    before: list[int | None] = []
    for n, value in enumerate(positions):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(n)
        else:
            tails[k] = value
            tail_at[k] = n
        before.append(tail_at[k - 1] if k else None)
    kept: set[int] = set()
    at: int | None = tail_at[-1] if tail_at else None
    while at is not None:
        kept.add(positions[at])
        at = before[at]
    return kept


def counterparts(rows: Sequence[Row]) -> dict[int, int | None]:
    """Each earlier paragraph's current index (None: removed), from the comparison's rows."""
    return {row.old: row.new for row in rows if row.old is not None}
