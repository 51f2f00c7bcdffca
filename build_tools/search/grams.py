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

import re
from collections.abc import Mapping, Sequence
from typing import Any

from build_tools.common.latin_words import LATIN_UNIT, WORD_CHARACTER, is_latin_word
from build_tools.search.case_folds import AFTER_LOWER
from build_tools.search.files import INDEX_CALL
from build_tools.search.files import shard_path as shard_path
from build_tools.search.js_literals import compact_json, script_string
from build_tools.search.postings import Edge, FoldedText, key_postings, unit_postings

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
#: A Latin word's edges: where, the rank among the keys at one unit (a bigram ranks 0), whether the edge
#: goes before the unit in the key (else after).
_EDGES: tuple[Edge, ...] = (
    (re.compile(f"(?<!{WORD_CHARACTER}){LATIN_UNIT}"), 1, True),
    (re.compile(f"{LATIN_UNIT}(?!{WORD_CHARACTER})"), 2, False),
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


def gram_shards(
    texts: Sequence[tuple[str, str]], folds: Mapping[str, str], glossary: Mapping[str, dict[str, Any]]
) -> list[str]:
    """The shards of the index of `texts` (each section's title and text, in section order), as scripts.

    A shard's data: ``g``, key → postings; ``t``, folded glossary form → entry (in its `term_key`'s
    shard). Postings of a bigram or edge key, per section holding it: the section's number less the
    previous one's, the count of positions, the first position, then each position less the one before. Title
    units sit at negative positions (the title ends at -2; -1 is a gap no bigram spans), text
    units from 0. Postings of a single character: per section, the number step, then its
    occurrences in the title and in the text. All of them are worked out at once (postings.py).
    """
    table = _table(folds)  # once: it holds every traditional character the text uses
    text = FoldedText.of([(_fold(title, table), _fold(body, table)) for title, body in texts])
    shards = shard_count(texts)
    keyed = key_postings(text, SPACES, _EDGES, ord(EDGE)).sharded(2, shards)
    single = unit_postings(text, SPACES).sharded(1, shards)
    terms: list[dict[str, Any]] = [{} for _ in range(shards)]
    for form, entry in glossary.items():
        folded_form = fold(form, folds)
        terms[shard_of(term_key(folded_form), shards)][folded_form] = entry
    # Each shard's data is made, written as JSON and let go in turn: only one shard's lists at a time.
    data = ({"g": {**dict(keyed.shard(n)), **dict(single.shard(n))}, "t": terms[n]} for n in range(shards))
    return [f"{INDEX_CALL}.grams({n},{script_string(compact_json(d))});\n" for n, d in enumerate(data)]
