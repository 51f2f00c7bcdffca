"""Chinese word edges: where jieba, with a glossary's terms as user words, cuts a text.

The cutting is jieba-rs's, through the `rjieba` package: jieba's own dictionary and
jieba's ``cut(…, HMM=False)``, compiled, about 17 times as fast as jieba's Python code
(9 against 0.5 MB/s on the benchmarks' machine); finding where terms stand alone is
mostly cutting. A test holds it to jieba's `cut`, word for word, with the same user words.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from itertools import accumulate

import rjieba

_lock = threading.Lock()
# A loaded dictionary takes about 24 MB: a build needs one, a test run a few at a time.
_KEPT = 4
_segmenters: dict[tuple[str, ...], Segmenter] = {}


class Segmenter:
    """jieba's dictionary with `words` added (in that order, as jieba's `add_word` adds them)."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._jieba = rjieba.Jieba()
        #: The frequency each added word was given: what jieba's `suggest_freq` gives it.
        self.frequencies = {word: self._jieba.add_word(word, None, None) for word in dict.fromkeys(words)}

    def cut(self, text: str) -> list[str]:
        """`text` cut into words, with no guessing at words the dictionary lacks."""
        return self._jieba.cut(text, False)

    def edges(self, text: str) -> frozenset[int]:
        """The offsets in `text` where a word begins or ends, its two ends included."""
        return frozenset(accumulate(map(len, self.cut(text)), initial=0))


def segmenter(words: Iterable[str] = ()) -> Segmenter:
    """The segmenter with `words` added, made once: loading jieba's dictionary takes about 0.3 s.

    Each list of words has a dictionary of its own, so the words of one glossary never move
    the word edges another one sees (a rebuild of `mkdocs serve` after a term is removed,
    a test with its own glossary).
    """
    key = tuple(dict.fromkeys(words))
    with _lock:
        found = _segmenters.pop(key, None) or Segmenter(key)
        _segmenters[key] = found  # the most recently used last
        while len(_segmenters) > _KEPT:
            del _segmenters[next(iter(_segmenters))]
        return found
