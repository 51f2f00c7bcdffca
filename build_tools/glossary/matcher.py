r"""Find glossary terms in Chinese text, where no spaces mark the words.

Python-Markdown's ``abbr`` wraps terms with ``\b…\b``, and between two Han
characters there is no ``\b``: it never finds 数据沙箱 in ``运用数据沙箱、``.
Here every spelling is found at once with Aho-Corasick (the cost does not grow
with the number of terms), the longest match wins, and a match counts only
where jieba, with the glossary as its user dictionary, puts word edges around
it; Latin-letter terms must stand at Latin word edges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from build_tools.glossary.model import Glossary
from build_tools.segmentation import is_word, tokenizer

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A line end (with its indentation) between two Han characters is not a space in Chinese.
_BROKEN_LINE = re.compile(rf"(?<=[{_HAN}])[ \t]*\n[ \t]*(?=[{_HAN}])")


@dataclass(frozen=True)
class Match:
    """One occurrence of a term in a text: ``text[start:end]`` is the spelling found."""

    start: int
    end: int
    term_id: str


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


class TermMatcher:
    """Finds every glossary term and alias in a text, longest first, at word edges."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._segmenter = tokenizer(form for term in glossary.terms for form in term.forms)
        self._automaton = ahocorasick.Automaton()
        for term in glossary.terms:
            for form in term.forms:
                self._automaton.add_word(form, (len(form), term.id))
        if glossary.terms:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """Every occurrence of a term in `text`, in order, none overlapping another."""
        if not self.glossary.terms:
            return []
        joined, offsets = _join_broken_lines(text)
        candidates = [(end + 1 - length, end + 1, term_id) for end, (length, term_id) in self._automaton.iter(joined)]
        # Longest first, then leftmost: 多方安全计算 wins over the 安全计算 inside it.
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken = bytearray(len(joined))
        found = []
        for start, end, term_id in candidates:
            if any(taken[start:end]) or not self._stands_alone(joined, start, end):
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(Match(offsets[start], offsets[end - 1] + 1, term_id))
        return sorted(found, key=lambda m: m.start)

    def _stands_alone(self, text: str, start: int, end: int) -> bool:
        if _is_latin(text[start]) and start > 0 and _is_latin(text[start - 1]):
            return False
        if _is_latin(text[end - 1]) and end < len(text) and _is_latin(text[end]):
            return False
        return is_word(text, start, end, segmenter=self._segmenter)


def _join_broken_lines(text: str) -> tuple[str, list[int]]:
    """`text` without line breaks inside Chinese, and each kept character's offset in `text`."""
    if "\n" not in text:
        return text, list(range(len(text)))
    kept: list[int] = []
    last = 0
    for gap in _BROKEN_LINE.finditer(text):
        kept += range(last, gap.start())
        last = gap.end()
    kept += range(last, len(text))
    return "".join(text[i] for i in kept), kept
