r"""Find glossary terms in Chinese text, where no spaces mark the words.

Python-Markdown's ``abbr`` wraps terms with ``\b…\b``, and between two Han
characters there is no ``\b``: it never finds 数据沙箱 in ``运用数据沙箱、``.
Here every spelling is found at once with Aho-Corasick (the cost does not grow
with the number of terms), the longest match wins, and a match counts only
where jieba, with the glossary as its user dictionary, cuts the text at both of
its ends; Latin-letter terms must stand at Latin word edges. A text is read a sentence
at a time, and the matches of each sentence are remembered for when it comes again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ahocorasick_rs import AhoCorasick

from build_tools.common.latin_words import is_word_character
from build_tools.glossary.model import Glossary
from build_tools.glossary.segmentation import segmenter

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A line end (with its indentation) between two Han characters is not a space in Chinese.
_BROKEN_LINE = re.compile(rf"(?<=[{_HAN}])[ \t]*\n[ \t]*(?=[{_HAN}])")
# Text is matched and cut a sentence at a time: no spelling runs over this mark, so what a
# sentence holds depends on the sentence alone and is remembered.
_SENTENCE_END = "。"
# Sentences remembered per matcher, at most; past that the memory starts afresh.
_REMEMBERED = 1 << 16

#: A match as (start, end, term id): ``text[start:end]`` is the spelling found.
Span = tuple[int, int, str]


@dataclass(frozen=True)
class Match:
    """One occurrence of a term in a text: ``text[start:end]`` is the spelling found."""

    start: int
    end: int
    term_id: str


class TermMatcher:
    """Finds every glossary term and alias in a text, longest first, at word edges."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        forms = [form for term in glossary.terms for form in term.forms]
        self._segmenter = segmenter(forms)
        #: The term of each spelling, by its place in the automaton's list.
        self._term_ids = [term.id for term in glossary.terms for _form in term.forms]
        self._automaton = AhoCorasick(forms)
        self._sentence_end = None if any(_SENTENCE_END in form for form in forms) else _SENTENCE_END
        self._remembered: dict[str, tuple[Span, ...]] = {}

    def find(self, text: str) -> list[Match]:
        """Every occurrence of a term in `text`, in order, none overlapping another."""
        return [Match(start, end, term_id) for start, end, term_id in self.spans(text)]

    def spans(self, text: str) -> list[Span]:
        """What `find` finds, as (start, end, term id) tuples: quicker to make and to read."""
        if not self._term_ids:
            return []
        joined, offsets = _join_broken_lines(text)
        remembered = self._remembered
        found: list[Span] = []
        position = 0
        for sentence in joined.split(self._sentence_end) if self._sentence_end else (joined,):
            spans = remembered.get(sentence)
            if spans is None:
                spans = self._remember(sentence)
            if spans:
                found += [(position + start, position + end, term) for start, end, term in spans] if position else spans
            position += len(sentence) + 1
        if offsets is None:
            return found
        return [(offsets[start], offsets[end - 1] + 1, term) for start, end, term in found]

    def clear_cache(self) -> None:
        """Forget the sentences matched so far."""
        self._remembered.clear()

    def _remember(self, sentence: str) -> tuple[Span, ...]:
        if len(self._remembered) >= _REMEMBERED:
            self._remembered.clear()
        spans = self._remembered[sentence] = self._match(sentence)
        return spans

    def _match(self, text: str) -> tuple[Span, ...]:
        """Every occurrence of a term in `text`, which has no sentence end, in order."""
        # Longest first, then leftmost: 多方安全计算 wins over the 安全计算 inside it.
        candidates = sorted(
            (start - end, start, form)
            for form, start, end in self._automaton.find_matches_as_indexes(text, overlapping=True)
        )
        if not candidates:
            return ()
        edges: frozenset[int] | None = None  # where jieba cuts `text`, once a candidate needs it
        taken = 0  # a bit per character already in a match
        found = []
        for negative_length, start, form in candidates:
            end = start - negative_length
            span = ((1 << (end - start)) - 1) << start
            if taken & span or not _at_latin_edges(text, start, end):
                continue
            if edges is None:
                edges = self._segmenter.edges(text)
            if start not in edges or end not in edges:
                continue
            taken |= span
            found.append((start, end, self._term_ids[form]))
        found.sort()
        return tuple(found)


def _at_latin_edges(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` neither begins nor ends inside a run of Latin letters and digits."""
    if is_word_character(text[start]) and start > 0 and is_word_character(text[start - 1]):
        return False
    return not (is_word_character(text[end - 1]) and end < len(text) and is_word_character(text[end]))


def _join_broken_lines(text: str) -> tuple[str, list[int] | None]:
    """`text` without line breaks inside Chinese, and each kept character's offset in `text` (None: all kept)."""
    if "\n" not in text:
        return text, None
    kept: list[int] = []
    last = 0
    for gap in _BROKEN_LINE.finditer(text):
        kept += range(last, gap.start())
        last = gap.end()
    if last == 0:
        return text, None
    kept += range(last, len(text))
    return "".join(text[i] for i in kept), kept
