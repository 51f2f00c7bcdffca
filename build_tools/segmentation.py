"""Chinese word edges from jieba, its dictionary loaded once per process and shared."""

from __future__ import annotations

import logging
import re
import threading
from collections import ChainMap
from collections.abc import Iterable
from functools import lru_cache

import jieba

_lock = threading.Lock()
_layers: dict[tuple[str, ...], jieba.Tokenizer] = {}
_CLAUSE_MARK = re.compile(r"[\s,，。、;；:：!！?？“”‘’\"'()（）《》〈〉【】\[\]—…·]")


def tokenizer(words: Iterable[str] = ()) -> jieba.Tokenizer:
    """A jieba tokenizer with `words`, and no other added words, in its dictionary.

    Loading jieba's dictionary costs about half a second: it is loaded once and
    shared, and each list of words gets a thin layer of its own over it, so the
    words of one glossary never move the word edges another one sees (a rebuild
    of `mkdocs serve` after a term is removed, a test with its own glossary).
    """
    words = tuple(dict.fromkeys(words))
    with _lock:
        if not jieba.dt.initialized:
            jieba.setLogLevel(logging.WARNING)
            jieba.dt.initialize()
        if not words:
            return jieba.dt
        if words not in _layers:
            layer = jieba.Tokenizer()
            layer.FREQ, layer.total, layer.initialized = ChainMap({}, jieba.dt.FREQ), jieba.dt.total, True
            for word in words:
                layer.add_word(word)
            _layers[words] = layer
        return _layers[words]


@lru_cache(maxsize=65536)
def word_edges(window: str, segmenter: jieba.Tokenizer | None = None) -> frozenset[int]:
    """Offsets in `window` where jieba (dictionary words only, no guessing) puts a word edge."""
    edges = {0}
    position = 0
    for word in (segmenter or jieba.dt).cut(window, HMM=False):
        position += len(word)
        edges.add(position)
    return frozenset(edges)


# jieba segments runs of these characters; anything else (punctuation, spaces) is always a word edge.
_JIEBA_RUN = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")


def _certain_edge(text: str, at: int) -> bool:
    """Whether jieba puts a word edge at offset `at` whatever the words: a text end or a non-word character."""
    return at <= 0 or at >= len(text) or not _JIEBA_RUN.match(text[at - 1]) or not _JIEBA_RUN.match(text[at])


def is_word(text: str, start: int, end: int, reach: int = 8, segmenter: jieba.Tokenizer | None = None) -> bool:
    """Whether ``text[start:end]`` stands as a whole word, not as part of a longer one.

    Only the clause around it, at most `reach` characters either side, is segmented:
    word edges do not depend on text further away, and this keeps matching fast.
    """
    if _certain_edge(text, start) and _certain_edge(text, end):
        return True
    low = max(0, start - reach)
    high = min(len(text), end + reach)
    for mark in _CLAUSE_MARK.finditer(text, low, start):
        low = mark.end()
    after = _CLAUSE_MARK.search(text, end, high)
    if after:
        high = after.start()
    edges = word_edges(text[low:high], segmenter)
    return (start - low) in edges and (end - low) in edges
