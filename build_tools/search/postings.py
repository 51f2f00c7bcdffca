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
themselves (1.55 s of CPU at 300 essays; 0.45 s now, of which writing the JSON is 0.21 s). NumPy is
the reference array library for Python, with wheels for every platform and Python this project supports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[Any]
#: The most units the run may hold: a row's place and rank share 32 bits of its sort key. A billion
#: characters, some 300,000 essays; places and counts then fit in 32-bit integers, which halve the memory.
MAX_UNITS = (1 << 30) - 1
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
        """The run of `folded` (each section's title and text, already folded to UTF-16 units).

        Raises:
            ValueError: The run is longer than `MAX_UNITS`.
        """
        joined = "".join(f"{title} {text} " for title, text in folded)
        if len(joined) > MAX_UNITS:
            raise ValueError(f"the search index holds at most {MAX_UNITS:,} characters of text, not {len(joined):,}")
        units = np.frombuffer(joined.encode("utf-16-le", "surrogatepass"), dtype="<u2")
        sizes = np.array([len(title) + len(text) + 2 for title, text in folded], dtype=np.int64)
        titles = np.array([len(title) for title, _ in folded], dtype=np.int64)
        zeros = (np.cumsum(sizes) - sizes + titles + 1).astype(np.int32)
        section = np.repeat(np.arange(len(folded), dtype=np.int32), sizes)
        return cls(joined, units, section, np.repeat(zeros, sizes))


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

    def sharded(self, units: int, shards: int) -> Sharded:
        """The keys (of `units` units each) filed in `shards` shards by `fnv_shards`, in each as they first occur."""
        shard = fnv_shards(self.codes, units, shards)
        order = np.lexsort((self.first, shard))
        lengths = np.diff(np.append(self.starts, len(self.flat)))[order]
        ends = np.cumsum(lengths)
        # The postings in the order of `order`, so that each shard's are one stretch of them.
        flat = self.flat[np.repeat(self.starts[order] - (ends - lengths), lengths) + np.arange(len(self.flat))]
        cut = np.searchsorted(shard[order], np.arange(shards + 1))
        return Sharded(self.codes[order], units, flat, ends, cut)


@dataclass(frozen=True)
class Sharded:
    """Keys in order of shard, then of first occurrence, and their postings in that order.

    Attributes:
        codes: Each key's code.
        units: How many units a key holds.
        flat: Their postings, one key after the other.
        ends: Where in `flat` each key's postings end.
        cut: Where in `codes` each shard's keys begin (one more: where the last one's end).
    """

    codes: Array
    units: int
    flat: Array
    ends: Array
    cut: Array

    def shard(self, n: int) -> Iterator[tuple[str, list[int]]]:
        """The keys of shard `n`, each with its postings, as Python lists (made only now: one shard at a time)."""
        low, high = int(self.cut[n]), int(self.cut[n + 1])
        if low == high:
            return iter(())
        offset = int(self.ends[low - 1]) if low else 0
        values = self.flat[offset : int(self.ends[high - 1])].tolist()
        bounds = (self.ends[low:high] - offset).tolist()
        lists = map(values.__getitem__, map(slice, [0, *bounds[:-1]], bounds))
        return zip(key_names(self.codes[low:high], self.units), lists, strict=True)


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
    section: Array
    new_key: npt.NDArray[np.bool_]
    new_run: npt.NDArray[np.bool_]
    run_starts: Array
    key_starts: Array
    first: Array

    @classmethod
    def sorted(cls, rows: npt.NDArray[np.uint64], text: FoldedText) -> _Rows:
        """`rows` (each made by `_rows`) sorted, which sorts them by key, then place and rank."""
        rows.sort()
        code = (rows >> np.uint64(32)).astype(np.uint32)
        at = rows & np.uint64(0xFFFFFFFF)
        place = (at >> np.uint64(2)).astype(np.int32)
        section = text.section[place]
        new_key = _differs(code)
        new_run = new_key | _differs(section)
        key_starts = np.flatnonzero(new_key)
        first = at[key_starts].astype(np.int64)  # where each key first occurs: place, then rank
        return cls(code, place, section, new_key, new_run, np.flatnonzero(new_run), key_starts, first)

    def run_lengths(self) -> Array:
        return np.diff(np.append(self.run_starts, len(self.code))).astype(np.int32)

    def section_steps(self) -> Array:
        """At each run, its section's number less that of its key's run before (less 0 at a key's first run)."""
        numbers = self.section[self.run_starts]
        before: Array = _shifted(numbers) * ~self.new_key[self.run_starts]
        return numbers - before

    def postings(self, flat: Array, starts: Array) -> Postings:
        return Postings(self.code[self.key_starts].astype(np.int64), self.first, flat, starts)


def _rows(codes: Array, places: Array, rank: int) -> npt.NDArray[np.uint64]:
    """One sortable number a row: the key's code (32 bits), then the place (30 bits) and rank (2 bits)."""
    place_rank = (places.astype(np.uint64) << np.uint64(2)) | np.uint64(rank)
    combined: npt.NDArray[np.uint64] = (codes.astype(np.uint64) << np.uint64(32)) | place_rank
    return combined


def _shifted(values: Array) -> Array:
    """`values` one place on: 0, then each but the last."""
    return np.concatenate((np.zeros(1, dtype=values.dtype), values[:-1]))[: len(values)]


def _differs(values: Array) -> npt.NDArray[np.bool_]:
    """Whether each value differs from the one before it (the first always does)."""
    return np.concatenate(([True], values[1:] != values[:-1]))[: len(values)]


def _spaces(units: Array, spaces: frozenset[str]) -> npt.NDArray[np.bool_]:
    return np.isin(units, np.array(sorted(map(ord, spaces)), dtype=np.uint16))


def _pair_codes(first: Array, second: Array) -> Array:
    return (first.astype(np.uint32) << np.uint32(16)) | second


def key_postings(text: FoldedText, spaces: frozenset[str], edges: Sequence[Edge], edge_unit: int) -> Postings:
    """The postings of every bigram and Latin word edge key holding no space (see `grams.gram_shards`).

    Per section holding the key: the section's number step, the count of positions, the first position,
    then each position less the one before. An edge key is the unit at the edge and `edge_unit`.
    """
    units = text.units
    spaced = _spaces(units, spaces)
    plain = np.flatnonzero(~(spaced[:-1] | spaced[1:]))
    parts = [_rows(_pair_codes(units[plain], units[plain + 1]), plain, 0)]
    for pattern, rank, before in edges:
        at = np.fromiter(map(re.Match.start, pattern.finditer(text.joined)), dtype=np.int64)
        edge = np.full(len(at), edge_unit, dtype=np.uint16)
        parts.append(_rows(_pair_codes(edge, units[at]) if before else _pair_codes(units[at], edge), at, rank))
    rows = _Rows.sorted(np.concatenate(parts), text)
    del parts, plain, spaced
    positions = rows.place - text.zero[rows.place]
    steps = positions - _shifted(positions) * ~rows.new_run
    # Each row takes one slot (its step); a run's first takes two more before it (section step, length).
    slots = np.arange(len(rows.code)) + 2 * np.cumsum(rows.new_run)
    flat = np.empty(len(rows.code) + 2 * len(rows.run_starts), dtype=np.int32)
    flat[slots] = steps
    flat[slots[rows.run_starts] - 2] = rows.section_steps()
    flat[slots[rows.run_starts] - 1] = rows.run_lengths()
    return rows.postings(flat, slots[rows.key_starts] - 2)


def unit_postings(text: FoldedText, spaces: frozenset[str]) -> Postings:
    """The postings of every single unit but a space (see `grams.gram_shards`).

    Per section holding the unit: the section's number step, its count in the title, its count in the text.
    """
    places = np.flatnonzero(~_spaces(text.units, spaces))
    rows = _Rows.sorted(_rows(text.units[places], places, 0), text)
    in_title = (rows.place < text.zero[rows.place]).astype(np.int32)
    titles = np.add.reduceat(in_title, rows.run_starts) if len(in_title) else in_title
    flat = np.column_stack((rows.section_steps(), titles, rows.run_lengths() - titles)).ravel()
    return rows.postings(flat, 3 * np.searchsorted(rows.run_starts, rows.key_starts))  # three numbers a run
