"""The engine's character-bigram index: each query loads only the few shards its characters fall in.

A query of two characters or more occurs at position p of a section exactly when each of its
bigrams q[k:k+2] occurs at p+k: the postings of its bigrams, aligned, give every occurrence,
counted and placed in title or text, without the section's text. A single character is looked
up in a unigram table (per section: occurrences in the title, in the text). Latin words match at
word edges; ``EDGE`` bigrams mark the characters that start or end a Latin word, so an edge is
checked from postings too.

Keys are read as the engine reads text: lower case (case_folds.py), each traditional character as its simplified
form, in UTF-16 units (JavaScript's string positions). Keys fall into shards by an FNV-1a hash of
their units; each shard is a script calling ``policyReader.search.grams(shard, json)``, so a page
opened from disk can load it too. A shard also carries the glossary entries whose folded form
starts with (the shard of its first key, see `term_key`), so a query that is a term loads its definition
with its postings, in a shard it loads anyway.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from build_tools.common.latin_words import LATIN_UNIT, WORD_CHARACTER, is_latin_word
from build_tools.search.case_folds import AFTER_LOWER
from build_tools.search.files import INDEX_CALL
from build_tools.search.files import shard_path as shard_path
from build_tools.search.js_literals import compact_json, script_string

#: Marks a word edge in an edge key: before a Latin word's first character, after its last.
EDGE = "\u0001"
#: About how many postings one shard should hold; the count of shards is a power of two.
POSTINGS_PER_SHARD = 1000
_MIN_SHARDS, _MAX_SHARDS = 16, 4096
#: Characters JavaScript's \s matches: a query's words never hold one, so no key does either.
SPACES = frozenset("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | frozenset(
    chr(c) for c in range(0x2000, 0x200B)
)
_SPACE_RUN = re.compile("[" + re.escape("".join(sorted(SPACES))) + "]+")
#: A unit of a Latin query word; edges are between word characters and the rest (common/latin_words.py).
_LATIN_UNIT = re.compile(LATIN_UNIT)
#: A Latin word's edges: (where, rank among the keys at one unit, what goes before and after the unit in
#: the key); a bigram ranks 0.
_EDGES = (
    (re.compile(f"(?<!{WORD_CHARACTER}){LATIN_UNIT}"), 1, EDGE, ""),
    (re.compile(f"{LATIN_UNIT}(?!{WORD_CHARACTER})"), 2, "", EDGE),
)


def fold(text: str, folds: Mapping[str, str]) -> str:
    """`text` as the engine reads it: lower case (case_folds.py), then traditional → simplified, in UTF-16 units.

    The browser folds by tables Python sends: the head's ``cases`` and ``folds``.
    """
    return _fold(text, _table(folds))


def _table(folds: Mapping[str, str]) -> dict[int, str]:
    # After `str.lower`: final sigma as sigma (case_folds.py), then the traditional characters.
    return {ord(c): lower for c, lower in AFTER_LOWER.items()} | {ord(t): s for t, s in folds.items()}


def _fold(text: str, table: dict[int, str]) -> str:
    folded = text.lower().translate(table)
    if folded and max(folded) > "\uffff":
        units = folded.encode("utf-16-le", "surrogatepass")
        folded = "".join(chr(int.from_bytes(units[i : i + 2], "little")) for i in range(0, len(units), 2))
    return folded


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


def query_keys(folded: str, latin: bool) -> list[tuple[str, int]]:
    """The keys the engine finds a query word by (search-worker.js's keysOf), each with its offset in the word.

    `folded` is the word as the engine reads it, `latin` whether it is a Latin word: its bigrams, and a Latin
    word's first and last units as edges; a lone character other than a Latin one is its own key.
    """
    if len(folded) == 1 and not latin:
        return [(folded, 0)]
    keys = [(folded[k : k + 2], k) for k in range(len(folded) - 1)]
    if latin:
        keys += [(EDGE + folded[0], 0), (folded[-1] + EDGE, len(folded) - 1)]
    return keys


def query_words(query: str) -> list[str]:
    """The words of `query` as the engine reads them (search-worker.js's queryWords): split at spaces."""
    return [word for word in _SPACE_RUN.split(query) if word]


def term_key(form: str) -> str:
    """The key whose shard files the glossary entry `form` (folded): the first key its first word is looked up by."""
    words = query_words(form)
    keys = query_keys(words[0], is_latin_word(words[0])) if words else []
    return keys[0][0] if keys else ""


def _keys_of(title: str, text: str) -> dict[str, list[int]]:
    """Each bigram and Latin word edge key of a section's folded `title` and `text` → its positions.

    Title units sit at negative positions (the title ends at -2), text units from 0. Keys in the
    order of their first occurrence, a bigram before the edges at the same unit. The bigrams come
    from C-level string slicing (``map(operator.add, …)``); the one Python step per bigram is
    the append of its position.
    """
    keys: defaultdict[str, list[int]] = defaultdict(list)
    pieces = ((title, -len(title) - 1), (text, 0))
    grams = [(list(map(operator.add, folded, folded[1:])), offset) for folded, offset in pieces]
    for bigrams, offset in grams:
        for at, key in enumerate(bigrams, offset):
            keys[key].append(at)
    for (folded, _), (bigrams, _) in zip(pieces, grams, strict=True):
        for match in _SPACE_RUN.finditer(folded):  # no key holds a space: drop the bigrams that touch one
            for at in range(max(match.start() - 1, 0), min(match.end(), len(bigrams))):
                keys.pop(bigrams[at], None)
    if not (_LATIN_UNIT.search(title) or _LATIN_UNIT.search(text)):
        return keys
    first = {key: (positions[0], 0) for key, positions in keys.items()}  # (unit, rank) where a key first occurs
    for folded, offset in pieces:
        for pattern, rank, before, after in _EDGES:
            for match in pattern.finditer(folded):
                key, at = before + match.group() + after, offset + match.start()
                keys[key].append(at)
                first[key] = min(first.get(key, (at, rank)), (at, rank))
    return {key: sorted(keys[key]) for key in sorted(keys, key=first.__getitem__)}


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
    postings: dict[str, tuple[list[int], list[int]]] = {}  # key → (its last section's number, its postings)
    singles: dict[str, tuple[list[int], list[int]]] = {}
    table = _table(folds)  # once: it holds every traditional character the text uses
    for number, (title, text) in enumerate(texts):
        folded_title, folded_text = _fold(title, table), _fold(text, table)
        for key, positions in _keys_of(folded_title, folded_text).items():
            last, flat = postings.setdefault(key, ([0], []))
            flat += (number - last[0], len(positions), positions[0])
            flat += map(operator.sub, positions[1:], positions[:-1])
            last[0] = number
        in_title, in_text = Counter(folded_title), Counter(folded_text)
        for unit in dict.fromkeys(itertools.chain(in_title, in_text)):
            if unit not in SPACES:
                last, flat = singles.setdefault(unit, ([0], []))
                flat += (number - last[0], in_title[unit], in_text[unit])
                last[0] = number
    shards = shard_count(texts)
    data: list[dict[str, dict[str, Any]]] = [{"g": {}, "t": {}} for _ in range(shards)]
    for keyed in (postings, singles):
        for key, (_, flat) in keyed.items():
            data[shard_of(key, shards)]["g"][key] = flat
    for form, entry in glossary.items():
        folded_form = fold(form, folds)
        data[shard_of(term_key(folded_form), shards)]["t"][folded_form] = entry
    return [f"{INDEX_CALL}.grams({n},{script_string(compact_json(d))});\n" for n, d in enumerate(data)]
