"""What a Latin word is, where Chinese text holds one (5G, IPv6, C++, COVID-19): one rule for search and the glossary.

A query word made of ASCII letters, digits and ``.+#-``, beginning with a letter or a digit, is
*Latin*: it is found only whole, in any case, never inside a longer word (``5G`` is not found in
``15G``), where other words are found as plain substrings. A word edge is where an ASCII letter or
digit meets anything else. The browser reads the same two patterns from here (the search index's head
for the engine, the reader's bundle for the highlighter), so neither is written in JavaScript;
tests/vectors/latin_words.json holds the cases both languages must agree on.
"""

from __future__ import annotations

import re

# Patterns Python's `re` and JavaScript's `RegExp` read alike.
#: A character that continues a Latin word: a Latin word is found only where none touches it.
WORD_CHARACTER = r"[A-Za-z0-9]"
#: A character a Latin word may hold.
LATIN_UNIT = r"[A-Za-z0-9.+#-]"
#: A Latin word, whole (anchor it to use it).
LATIN_WORD = WORD_CHARACTER + LATIN_UNIT + "*"

_LATIN_WORD = re.compile(LATIN_WORD)
_WORD_CHARACTER = re.compile(WORD_CHARACTER)


def is_latin_word(word: str) -> bool:
    """Whether `word` is a Latin word, found only whole (at word edges) and in any case."""
    return _LATIN_WORD.fullmatch(word) is not None


def is_word_character(char: str) -> bool:
    """Whether `char` continues a Latin word (an ASCII letter or digit)."""
    return _WORD_CHARACTER.fullmatch(char) is not None


def found_at(word: str, text: str) -> list[int]:
    """Where `word` is found in `text`, as search counts and the highlighter marks it: left to right, none overlapping.

    In any case; a Latin word only where no word character touches it, any other word anywhere.
    """
    wanted, lower = word.lower(), text.lower()
    latin = is_latin_word(word)
    starts: list[int] = []
    at = lower.find(wanted) if wanted else -1
    while at >= 0:
        end = at + len(wanted)
        if not latin or not (_touches(lower, at - 1) or _touches(lower, end)):
            starts.append(at)
            at = lower.find(wanted, end)
        else:
            at = lower.find(wanted, at + 1)
    return starts


def _touches(text: str, at: int) -> bool:
    return 0 <= at < len(text) and is_word_character(text[at])
