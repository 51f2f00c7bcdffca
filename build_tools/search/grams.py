"""The engine's character-bigram index: each query loads only the few shards its characters fall in.

A query of two characters or more occurs at position p of a section exactly when each of its
bigrams q[k:k+2] occurs at p+k: the postings of its bigrams, aligned, give every occurrence,
counted and placed in title or text, without the section's text. A single character is looked
up in a unigram table (per section: occurrences in the title, in the text). Latin words match at
word edges; ``EDGE`` bigrams mark the characters that start or end a Latin word, so an edge is
checked from postings too.

Keys are read as the engine reads text: lower case, each traditional character as its simplified
form, in UTF-16 units (JavaScript's string positions). Keys fall into shards by an FNV-1a hash of
their units; each shard is a script calling ``PolicyReaderSearch.grams(shard, json)``, so a page
opened from disk can load it too. A shard also carries the glossary entries whose folded form
starts with (the shard of its first key, see `term_key`), so a query that is a term loads its definition
with its postings, in a shard it loads anyway.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from build_tools.search.js_literals import compact_json, script_string

#: Where shard n is written, below the site root (search-worker.js names it the same way).
GRAMS_PATH = "search/grams/{}.js"
#: Marks a word edge in an edge key: before a Latin word's first character, after its last.
EDGE = "\u0001"
#: About how many postings one shard should hold; the count of shards is a power of two.
POSTINGS_PER_SHARD = 1000
_MIN_SHARDS, _MAX_SHARDS = 16, 4096
#: Characters JavaScript's \s matches: a query's words never hold one, so no key does either.
_SPACES = frozenset("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | frozenset(
    chr(c) for c in range(0x2000, 0x200B)
)
#: Characters of a Latin query word (the engine's LATIN_WORD, folded); edges are between [a-z0-9] and the rest.
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.+#-")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
#: The engine's LATIN_WORD, on a folded word.
_LATIN_WORD = re.compile(r"[a-z0-9][a-z0-9.+#-]*\Z")


def fold(text: str, folds: Mapping[str, str]) -> str:
    """`text` as the engine reads it (JavaScript's toLowerCase, then traditional → simplified), in UTF-16 units."""
    return _fold(text, _table(folds))


def _table(folds: Mapping[str, str]) -> dict[int, str]:
    return {ord(t): s for t, s in folds.items()}


def _fold(text: str, table: dict[int, str]) -> str:
    folded = text.lower().translate(table)
    if folded and max(folded) > "\uffff":
        units = folded.encode("utf-16-le", "surrogatepass")
        folded = "".join(chr(int.from_bytes(units[i : i + 2], "little")) for i in range(0, len(units), 2))
    return folded


def shard_path(n: int) -> str:
    """Where shard `n` is written, below the site root."""
    return GRAMS_PATH.format(n)


def shard_of(key: str, shards: int) -> int:
    """The shard holding `key`: FNV-1a over its UTF-16 units (search-worker.js computes the same)."""
    h = 2166136261
    for unit in key:
        h = ((h ^ ord(unit)) * 16777619) & 0xFFFFFFFF
    return h % shards


def shard_count(texts: Sequence[tuple[str, str]]) -> int:
    """How many shards the index of `texts` is cut into: about `POSTINGS_PER_SHARD` postings each (one a character)."""
    units = sum(len(title) + len(text) for title, text in texts)
    shards = _MIN_SHARDS
    while shards < _MAX_SHARDS and units / shards > POSTINGS_PER_SHARD:
        shards *= 2
    return shards


def term_key(form: str) -> str:
    """The key whose shard files the glossary entry `form`: the first key the engine looks its first word up by.

    The engine's keysOf: a word's first bigram; a lone character itself; a lone Latin letter or digit its edge.
    """
    word = "".join(itertools.takewhile(lambda unit: unit not in _SPACES, form))
    if len(word) > 1:
        return word[:2]
    return EDGE + word if _LATIN_WORD.match(word) else word


def _keys_at(folded: str, offset: int) -> list[tuple[str, int]]:
    """(key, position) for each bigram and Latin word edge of `folded`, its first unit at `offset`."""
    keys = []
    last = len(folded) - 1
    for i, unit in enumerate(folded):
        if unit in _SPACES:
            continue
        if i < last and folded[i + 1] not in _SPACES:
            keys.append((folded[i : i + 2], offset + i))
        if unit in _LATIN:
            if i == 0 or folded[i - 1] not in _ALNUM:
                keys.append((EDGE + unit, offset + i))
            if i == last or folded[i + 1] not in _ALNUM:
                keys.append((unit + EDGE, offset + i))
    return keys


def gram_shards(
    texts: Sequence[tuple[str, str]], folds: Mapping[str, str], glossary: Mapping[str, dict[str, Any]]
) -> list[str]:
    """The shards of the index of `texts` (each section's title and text, in section order), as scripts.

    A shard's data: ``g``, key → postings; ``t``, folded glossary form → entry (in its `term_key`'s
    shard). Postings of a bigram or edge key, per section holding it: the section's number less the
    previous one's, the count of positions, the first position, then each position less the one before. Title
    units sit at negative positions (the title ends at -2; -1 is a gap no bigram spans), text
    units from 0. Postings of a single character: per section, the number step, then its
    occurrences in the title and in the text.
    """
    postings: dict[str, dict[int, list[int]]] = defaultdict(dict)
    singles: dict[str, dict[int, list[int]]] = defaultdict(dict)
    table = _table(folds)  # once: it holds every traditional character the text uses
    for number, (title, text) in enumerate(texts):
        folded_title, folded_text = _fold(title, table), _fold(text, table)
        for key, at in _keys_at(folded_title, -len(folded_title) - 1) + _keys_at(folded_text, 0):
            postings[key].setdefault(number, []).append(at)
        for where, folded in enumerate((folded_title, folded_text)):
            for unit in folded:
                if unit not in _SPACES:
                    singles[unit].setdefault(number, [0, 0])[where] += 1
    shards = shard_count(texts)
    data: list[dict[str, dict[str, Any]]] = [{"g": {}, "t": {}} for _ in range(shards)]
    for key, by_section in postings.items():
        data[shard_of(key, shards)]["g"][key] = _encode(by_section, positions=True)
    for key, by_section in singles.items():
        data[shard_of(key, shards)]["g"][key] = _encode(by_section, positions=False)
    for form, entry in glossary.items():
        folded_form = fold(form, folds)
        data[shard_of(term_key(folded_form), shards)]["t"][folded_form] = entry
    return [f"PolicyReaderSearch.grams({n},{script_string(compact_json(d))});\n" for n, d in enumerate(data)]


def _encode(by_section: dict[int, list[int]], positions: bool) -> list[int]:
    flat: list[int] = []
    previous = 0
    for number in sorted(by_section):
        values = by_section[number]
        flat.append(number - previous)
        previous = number
        if positions:
            flat.append(len(values))
            flat.extend([values[0], *(b - a for a, b in itertools.pairwise(values))])
        else:
            flat.extend(values)
    return flat
