"""Chinese word edges from jieba, its dictionary loaded once per process and shared."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from functools import lru_cache

import jieba

_lock = threading.Lock()
_added: set[str] = set()
_CLAUSE_MARK = re.compile(r"[\s,，。、;；:：!！?？“”‘’\"'()（）《》〈〉【】\[\]—…·]")


def tokenizer(words: Iterable[str] = ()) -> jieba.Tokenizer:
    """The shared jieba tokenizer, initialised once, with `words` in its dictionary.

    Loading jieba's dictionary costs about half a second: every user (the glossary
    matcher, a search indexer) shares this one instance instead of loading another.
    """
    with _lock:
        if not jieba.dt.initialized:
            jieba.setLogLevel(logging.WARNING)
            jieba.dt.initialize()
        fresh = [w for w in words if w not in _added]
        for word in fresh:
            jieba.dt.add_word(word)
            _added.add(word)
        if fresh:
            word_edges.cache_clear()
    return jieba.dt


@lru_cache(maxsize=65536)
def word_edges(window: str) -> frozenset[int]:
    """Offsets in `window` where jieba (dictionary words only, no guessing) puts a word edge."""
    edges = {0}
    position = 0
    for word in jieba.dt.cut(window, HMM=False):
        position += len(word)
        edges.add(position)
    return frozenset(edges)


def is_word(text: str, start: int, end: int, reach: int = 8) -> bool:
    """Whether ``text[start:end]`` stands as a whole word, not as part of a longer one.

    Only the clause around it, at most `reach` characters either side, is segmented:
    word edges do not depend on text further away, and this keeps matching fast.
    """
    low = max(0, start - reach)
    high = min(len(text), end + reach)
    for mark in _CLAUSE_MARK.finditer(text, low, start):
        low = mark.end()
    after = _CLAUSE_MARK.search(text, end, high)
    if after:
        high = after.start()
    edges = word_edges(text[low:high])
    return (start - low) in edges and (end - low) in edges
