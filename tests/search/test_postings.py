"""The bigram index's shards hold what a character-by-character reading of each section says they hold.

The index is computed in bulk (search/postings.py); here every key's postings are worked out from
the definition, one section and one position at a time, and compared with the shards as written:
the keys, their order in each shard, each posting, and the shard each key is filed in.
"""

from __future__ import annotations

import itertools
import json
import random
import re
from typing import Any

import pytest

from build_tools.common.latin_words import LATIN_UNIT, is_word_character
from build_tools.search.grams import EDGE, SPACES, fold, gram_shards, shard_count, shard_of

_SHARD_CALL = re.compile(r"^policyReader\.search\.grams\((\d+),(\".*\")\);\n$", re.S)
#: Traditional → simplified, as the head's ``folds`` gives them.
FOLDS = {"數": "数", "據": "据", "開": "开", "發": "发"}
#: What the generated sections are made of: Chinese (some traditional), Latin word characters and the
#: marks a Latin word may hold, spaces of several kinds, a character outside the BMP (two UTF-16 units).
ALPHABET = ["数", "据", "數", "據", "开", "發", "共", "享", "。", "、", "5", "G", "g", "I", "p", "v", "6", "C", "+"]
ALPHABET += [".", "#", "-", " ", "\u3000", "\u00a0", "\U00020000", "\u201c"]


def _sections(count: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)  # noqa: S311 - picks characters, not secrets

    def text(longest: int) -> str:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, longest)))

    return [(text(8), text(60)) for _ in range(count)]


def _expected(sections: list[tuple[str, str]]) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Each key's postings, and each single unit's, read off the sections one position at a time.

    Keys in the order they first occur (section, then position, a bigram before the edges at one unit).
    """
    keys: dict[str, dict[int, list[int]]] = {}
    firsts: dict[str, tuple[int, int, int]] = {}
    singles: dict[str, dict[int, list[int]]] = {}
    for number, (title, text) in enumerate(sections):
        for part, folded in enumerate((fold(title, FOLDS), fold(text, FOLDS))):
            offset = -len(folded) - 1 if part == 0 else 0  # the title ends at -2, the text begins at 0
            for at, unit in enumerate(folded):
                place = (number, at + offset)
                if unit not in SPACES:
                    singles.setdefault(unit, {}).setdefault(number, [0, 0])[part] += 1
                found = []
                if at + 1 < len(folded) and not SPACES & set(folded[at : at + 2]):
                    found.append((folded[at : at + 2], 0))
                if re.fullmatch(LATIN_UNIT, unit):
                    if at == 0 or not is_word_character(folded[at - 1]):
                        found.append((EDGE + unit, 1))
                    if at + 1 == len(folded) or not is_word_character(folded[at + 1]):
                        found.append((unit + EDGE, 2))
                for key, rank in found:
                    keys.setdefault(key, {}).setdefault(number, []).append(place[1])
                    firsts.setdefault(key, (*place, rank))
    postings: dict[str, list[int]] = {}
    for key in sorted(keys, key=firsts.__getitem__):
        flat, last = [], 0
        for number, positions in keys[key].items():
            positions.sort()
            steps = [b - a for a, b in itertools.pairwise(positions)]
            flat += [number - last, len(positions), positions[0], *steps]
            last = number
        postings[key] = flat
    units: dict[str, list[int]] = {}
    for unit, counts in singles.items():
        flat, last = [], 0
        for number, (in_title, in_text) in counts.items():
            flat += [number - last, in_title, in_text]
            last = number
        units[unit] = flat
    return postings, units


def _as_read(key: str) -> str:
    """`key` as JSON gives it back: a pair of UTF-16 units (a character outside the BMP) as one character."""
    read: str = json.loads(json.dumps(key))
    return read


def _shards(scripts: list[str]) -> list[dict[str, Any]]:
    shards = []
    for n, script in enumerate(scripts):
        call = _SHARD_CALL.match(script)
        assert call and int(call.group(1)) == n, script[:80]
        shards.append(json.loads(json.loads(call.group(2))))
    return shards


@pytest.mark.parametrize("seed", range(6))
def test_every_shard_holds_the_postings_read_off_each_section(seed: int) -> None:
    sections = _sections(40 if seed else 1, seed)
    shards = _shards(gram_shards(sections, FOLDS, {}))
    assert len(shards) == shard_count(sections)
    postings, units = _expected(sections)
    for key, expected in [*postings.items(), *units.items()]:
        assert shards[shard_of(key, len(shards))]["g"][_as_read(key)] == expected, key
    for n, shard in enumerate(shards):
        # In each shard: the bigram and edge keys as they first occur, then the single units as they do.
        filed = [key for keys in (postings, units) for key in keys if shard_of(key, len(shards)) == n]
        assert list(shard["g"]) == list(map(_as_read, filed))


def test_an_index_of_nothing_has_empty_shards() -> None:
    shards = _shards(gram_shards([], FOLDS, {}))
    assert shards and all(shard == {"g": {}, "t": {}} for shard in shards)
    assert _shards(gram_shards([("", "")], FOLDS, {}))[0] == {"g": {}, "t": {}}


def test_latin_words_have_edges_and_a_character_outside_the_bmp_is_two_units() -> None:
    sections = [("5G网络", "IPv6 与 C++。\U00020000数據"), ("", "ipv6网")]
    shards = _shards(gram_shards(sections, FOLDS, {}))
    found = {key: value for shard in shards for key, value in shard["g"].items()}
    # Title units end at -2: "5G" is 5G's bigram at -5, its edges at -5 (before 5) and -4 (after G).
    assert found["5g"] == [0, 1, -5] and found[EDGE + "5"] == [0, 1, -5] and found["g" + EDGE] == [0, 1, -4]
    assert found["ip"] == [0, 1, 0, 1, 1, 0] and found["6" + EDGE] == [0, 1, 3, 1, 1, 3]
    assert "6 " not in found and " 与" not in found and "+。" in found
    assert found[_as_read("\ud840\udc00")] == [0, 1, 11] and found["数据"] == [0, 1, 13]
    assert found["据"] == [0, 0, 1] and "據" not in found
