"""Every key's postings over the whole text of a site at once, in array operations (NumPy): no Python step a row.

All sections' folded titles and texts go into one run of UTF-16 units, each closed by a space
(no key holds a space, so none spans two sections, nor a title and its text). Each occurrence of
a key is a row (key, unit in that run, rank); one sort orders the rows by key, then place, and
differences between neighbouring rows cut them into keys and runs (one key in one section), from
which the postings follow (see `grams.gram_shards` for their form). A key is coded as a number, its
units' 16 bits one after the other, the first highest; it sorts by that code, and is listed where it
first occurs (its first row's place and rank).

Why NumPy: the rows number about one a character of the archive (a million at 300 essays, ten at 3,000).
Built with Python steps per key and section, the index was the costliest part of `finish` after the pages
themselves (1.6 s of CPU at 300 essays, where these array operations take 0.15 s and writing the JSON the
rest). NumPy is the reference array library for Python, with wheels for every platform and Python this
project supports; nothing else here needs a compiled library for this.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.int64]
#: A Latin word edge: the pattern finding the units at one, the rank of its keys among those at one unit (a
#: bigram's is 0), and whether the edge comes before the unit (else after).
Edge = tuple[re.Pattern[str], int, bool]


@dataclass(frozen=True)
class FoldedText:
    """The sections' folded titles and texts as one run of UTF-16 units, each closed by a space.

    Attributes:
        joined: The run, as a string (one character a unit).
        units: Its units as numbers.
        section: The number of the section each unit belongs to.
        zero: Where that section's text begins in the run (the place of its position 0), at each unit.
    """

    joined: str
    units: Array
    section: Array
    zero: Array

    @classmethod
    def of(cls, folded: Sequence[tuple[str, str]]) -> FoldedText:
        """The run of `folded` (each section's title and text, already folded to UTF-16 units)."""
        joined = "".join(f"{title} {text} " for title, text in folded)
        units = np.frombuffer(joined.encode("utf-16-le", "surrogatepass"), dtype="<u2").astype(np.int64)
        sizes = np.array([len(title) + len(text) + 2 for title, text in folded], dtype=np.int64)
        titles = np.array([len(title) for title, _ in folded], dtype=np.int64)
        starts = np.cumsum(sizes) - sizes
        section = np.repeat(np.arange(len(folded), dtype=np.int64), sizes)
        return cls(joined, units, section, np.repeat(starts + titles + 1, sizes))


@dataclass(frozen=True)
class Postings:
    """Keys and their postings, one flat list cut at each key.

    Attributes:
        codes: Each key's code.
        first: Where each key first occurs: its place in the run and rank, as one sortable number.
        flat: Every key's postings, one key after the other.
        starts: Where in `flat` each key's postings begin.
    """

    codes: Array
    first: Array
    flat: Array
    starts: Array

    def by_shard(self, units: int, shards: int) -> Iterator[tuple[int, list[str], list[list[int]]]]:
        """Each shard holding keys (of `units` units each), with its keys and their postings, as they first occur."""
        shard = fnv_shards(self.codes, units, shards)
        order = np.lexsort((self.first, shard))
        lengths = np.diff(np.append(self.starts, len(self.flat)))[order]
        ends = np.cumsum(lengths)
        # The postings in the order of `order`, so that each shard's are one stretch of them.
        flat = self.flat[np.repeat(self.starts[order] - (ends - lengths), lengths) + np.arange(len(self.flat))]
        cut = np.searchsorted(shard[order], np.arange(shards + 1))
        for n in np.flatnonzero(cut[1:] > cut[:-1]).tolist():
            low, high = int(cut[n]), int(cut[n + 1])
            offset = int(ends[low] - lengths[low])
            values = flat[offset : int(ends[high - 1])].tolist()
            bounds = (ends[low:high] - offset).tolist()
            lists = list(map(values.__getitem__, map(slice, [0, *bounds[:-1]], bounds)))
            yield n, key_names(self.codes[order[low:high]], units), lists


def fnv_shards(codes: Array, units: int, shards: int) -> Array:
    """The shard of each key by its code: FNV-1a over its units (`grams.shard_of`), modulo `shards`."""
    hashes = np.full(len(codes), 2166136261, dtype=np.int64)
    for shift in range(16 * (units - 1), -1, -16):
        hashes = ((hashes ^ ((codes >> shift) & 0xFFFF)) * 16777619) & 0xFFFFFFFF
    return hashes % shards


def key_names(codes: Array, units: int) -> list[str]:
    """The keys, as strings, of `codes`."""
    if units == 1:
        return list(map(chr, codes.tolist()))
    return list(map(str.__add__, map(chr, (codes >> 16).tolist()), map(chr, (codes & 0xFFFF).tolist())))


@dataclass(frozen=True)
class _Rows:
    """Occurrences sorted by key, then place and rank, and where keys and runs (a key in one section) begin."""

    code: Array
    place: Array
    rank: Array
    section: Array
    new_key: npt.NDArray[np.bool_]
    new_run: npt.NDArray[np.bool_]
    run_starts: Array
    key_starts: Array

    @classmethod
    def sorted(cls, code: Array, place: Array, rank: Array, text: FoldedText) -> _Rows:
        at = place * 4 + rank  # no two rows of a key share a place and rank
        if len(at) and int(at.max()) >= 1 << 32:
            order = np.lexsort((at, code))
            code, at = code[order], at[order]
        else:  # one number a row, key then place and rank, sorts faster than the three
            rows = np.sort((code.astype(np.uint64) << np.uint64(32)) | at.astype(np.uint64))
            code, at = (rows >> np.uint64(32)).astype(np.int64), (rows & np.uint64(0xFFFFFFFF)).astype(np.int64)
        place, rank = at >> 2, at & 3
        section = text.section[place]
        new_key, new_run = _differs(code), _differs(code) | _differs(section)
        return cls(code, place, rank, section, new_key, new_run, np.flatnonzero(new_run), np.flatnonzero(new_key))

    def run_lengths(self) -> Array:
        return np.diff(np.append(self.run_starts, len(self.code)))

    def section_steps(self) -> Array:
        """At each run, its section's number less that of its key's run before (less 0 at a key's first run)."""
        numbers = self.section[self.run_starts]
        before: Array = np.concatenate(([0], numbers[:-1])) * ~self.new_key[self.run_starts]
        return numbers - before

    def first(self) -> Array:
        """Where each key first occurs: place then rank, as one number that sorts so."""
        return self.place[self.key_starts] * 4 + self.rank[self.key_starts]


def _differs(values: Array) -> npt.NDArray[np.bool_]:
    """Whether each value differs from the one before it (the first always does)."""
    return np.concatenate(([True], values[1:] != values[:-1]))[: len(values)]


def _spaces(units: Array, spaces: frozenset[str]) -> npt.NDArray[np.bool_]:
    return np.isin(units, np.array(sorted(map(ord, spaces)), dtype=np.int64))


def _pair_codes(first: Array, second: Array) -> Array:
    return (first << 16) | second


def key_postings(text: FoldedText, spaces: frozenset[str], edges: Sequence[Edge], edge_unit: int) -> Postings:
    """The postings of every bigram and Latin word edge key holding no space (see `grams.gram_shards`).

    Per section holding the key: the section's number step, the count of positions, the first position,
    then each position less the one before. An edge key is the unit at the edge and `edge_unit`.
    """
    units = text.units
    spaced = _spaces(units, spaces)
    plain = np.flatnonzero(~(spaced[:-1] | spaced[1:]))
    codes = [_pair_codes(units[plain], units[plain + 1])]
    places, ranks = [plain], [np.zeros(len(plain), dtype=np.int64)]
    for pattern, rank, before in edges:
        at = np.fromiter(map(re.Match.start, pattern.finditer(text.joined)), dtype=np.int64)
        edge = np.full(len(at), edge_unit, dtype=np.int64)
        codes.append(_pair_codes(edge, units[at]) if before else _pair_codes(units[at], edge))
        places.append(at)
        ranks.append(np.full(len(at), rank, dtype=np.int64))
    rows = _Rows.sorted(np.concatenate(codes), np.concatenate(places), np.concatenate(ranks), text)
    positions = rows.place - text.zero[rows.place]
    steps = positions - np.concatenate(([0], positions[:-1])) * ~rows.new_run
    # Each row takes one slot (its step); a run's first takes two more before it (section step, length).
    slots = np.arange(len(rows.code)) + 2 * np.cumsum(rows.new_run)
    flat = np.empty(len(rows.code) + 2 * len(rows.run_starts), dtype=np.int64)
    flat[slots] = steps
    flat[slots[rows.run_starts] - 2] = rows.section_steps()
    flat[slots[rows.run_starts] - 1] = rows.run_lengths()
    return Postings(rows.code[rows.key_starts], rows.first(), flat, slots[rows.key_starts] - 2)


def unit_postings(text: FoldedText, spaces: frozenset[str]) -> Postings:
    """The postings of every single unit but a space (see `grams.gram_shards`).

    Per section holding the unit: the section's number step, its count in the title, its count in the text.
    """
    places = np.flatnonzero(~_spaces(text.units, spaces))
    rows = _Rows.sorted(text.units[places], places, np.zeros(len(places), dtype=np.int64), text)
    in_title = (rows.place < text.zero[rows.place]).astype(np.int64)
    titles = np.add.reduceat(in_title, rows.run_starts) if len(in_title) else in_title
    flat = np.column_stack((rows.section_steps(), titles, rows.run_lengths() - titles)).ravel()
    starts = 3 * np.searchsorted(rows.run_starts, rows.key_starts)  # three numbers a run
    return Postings(rows.code[rows.key_starts], rows.first(), flat, starts)
