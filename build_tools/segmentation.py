"""Chinese word edges from jieba, its dictionary loaded once per process and shared.

jieba is used for its dictionary, not for its `cut`: `Sentence` reads the same
dictionary the same way (``cut(…, HMM=False)``, step for step, the same sums in
the same order) but looks each word up once per text and keeps what it worked out,
where `cut` starts afresh for every window and reads the glossary's layer through
a slow `ChainMap`.
"""

from __future__ import annotations

import logging
import re
import threading
from bisect import bisect_left
from collections import ChainMap
from collections.abc import Iterable, Mapping
from math import inf, log

import jieba

_lock = threading.Lock()
_layers: dict[tuple[str, ...], jieba.Tokenizer] = {}
_CLAUSE_MARK = re.compile(r"[\s,，。、;；:：!！?？“”‘’\"'()（）《》〈〉【】\[\]—…·]")
# jieba segments runs of these characters (its `re_han_default`); any other character is a word of its own.
_JIEBA_RUN = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
# A word of one of these, beside another such word, is glued to it (jieba's `re_eng` buffer).
_GLUED = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
# Blocks remembered per dictionary, at most; past that the memory starts afresh.
_BLOCKS_REMEMBERED = 1 << 16
#: jieba's DAG of a text: at each offset, the words that begin there as (offset after, weight), once known.
_Dag = list[list[tuple[int, float]] | None]


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


class Dictionary:
    """jieba's dictionary with `words` added, as `tokenizer` makes it, read without a `ChainMap`."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.tokenizer = tokenizer(words)
        frequencies = self.tokenizer.FREQ
        # A layer's own words (and their prefixes) first, then jieba's, as the ChainMap reads them.
        self._own: Mapping[str, int]
        self._shared: Mapping[str, int]
        if isinstance(frequencies, ChainMap):
            self._own, self._shared = frequencies.maps
        else:
            self._own, self._shared = {}, frequencies
        # Most offsets begin none of the layer's own words: there one look-up per slice is enough.
        self._own_firsts = frozenset(word[0] for word in self._own if word)
        #: The word edges jieba puts inside a block (a run of the characters it cuts together,
        #: as a window holds it), by the block's text: they depend on nothing else.
        self.blocks: dict[str, frozenset[int]] = {}

    def clear_cache(self) -> None:
        """Forget the blocks cut so far."""
        self.blocks.clear()

    def sentence(self, text: str) -> Sentence:
        """`text`, ready to be asked where its words are."""
        return Sentence(text, self)

    def find_words(self, text: str, start: int, stop: int, run_end: int, log_total: float, into: _Dag) -> None:
        """Put in ``into[at]``, for each `at` from `start` to `stop` not yet there, the words that begin there.

        jieba's `get_DAG`: from `at`, it reads longer and longer slices (to `run_end` at most)
        while they begin some word, and keeps those that are words (a frequency above 0), as
        (offset after the word, weight). The weight is the word's log frequency less
        `log_total`, the term jieba's `calc` adds up.
        """
        own, shared = self._own, self._shared.get
        for at in range(start, stop):
            if into[at] is not None:
                continue
            found = []
            if text[at] in self._own_firsts:
                for after in range(at + 1, run_end + 1):
                    piece = text[at:after]
                    frequency = own.get(piece)
                    if frequency is None:
                        frequency = shared(piece)
                        if frequency is None:
                            break
                    if frequency:
                        found.append((after, log(frequency) - log_total))
            else:  # no word of this layer's own starts here: jieba's dictionary alone
                for after in range(at + 1, run_end + 1):
                    frequency = shared(text[at:after])
                    if frequency is None:
                        break
                    if frequency:
                        found.append((after, log(frequency) - log_total))
            into[at] = found


class Sentence:
    """One text, and the word edges jieba (dictionary words only, no guessing) puts in its windows.

    `is_word` segments, as before, only a window around the word in question: the clause
    around it, at most `reach` characters either side. Each window is cut as
    ``cut(window, HMM=False)`` would cut it, but the dictionary is read once per offset for
    the whole text and each best path once per window end, so the windows of the many
    candidates in one clause share their work.
    """

    def __init__(self, text: str, dictionary: Dictionary) -> None:
        self.text = text
        self._dictionary = dictionary
        self._log_total = log(dictionary.tokenizer.total)
        # Maximal runs of the characters jieba segments together; any other character is a word.
        self._runs = [(run.start(), run.end()) for run in _JIEBA_RUN.finditer(text)]
        self._run_starts = [start for start, _end in self._runs]
        self._marks: list[int] | None = None
        self._dag: _Dag = [None] * len(text)
        # By block end: for each offset, where the next word starts and the score of the best
        # path on from there, known from some offset on.
        self._paths: dict[int, list[int]] = {}
        self._scores: dict[int, list[float]] = {}
        self._known: dict[int, int] = {}

    def is_word(self, start: int, end: int, reach: int = 8) -> bool:
        """Whether ``text[start:end]`` stands as a whole word, not as part of a longer one.

        Only the clause around it, at most `reach` characters either side, is segmented:
        word edges do not depend on text further away, and this keeps matching fast.
        """
        start_run, end_run = self._run_around(start), self._run_around(end)
        if start_run is None and end_run is None:
            return True  # a text end, punctuation or a space: an edge whatever the words
        low, high = self._window(start, end, reach)
        return self._is_edge(start, start_run, low, high) and self._is_edge(end, end_run, low, high)

    def _run_around(self, at: int) -> tuple[int, int] | None:
        """The run of jieba's characters that has `at` strictly inside it, if any."""
        index = bisect_left(self._run_starts, at) - 1  # the last run that starts before `at`
        if index < 0:
            return None
        run = self._runs[index]
        return run if at < run[1] else None

    def _window(self, start: int, end: int, reach: int) -> tuple[int, int]:
        """The window segmented for ``text[start:end]``: `reach` characters either side, within the clause."""
        if self._marks is None:
            self._marks = [mark.start() for mark in _CLAUSE_MARK.finditer(self.text)]
        marks = self._marks
        low = max(0, start - reach)
        before = bisect_left(marks, start) - 1  # the last mark before `start`
        if before >= 0 and marks[before] >= low:
            low = marks[before] + 1
        high = min(len(self.text), end + reach)
        after = bisect_left(marks, end)  # the first mark at or after `end`
        if after < len(marks) and marks[after] < high:
            high = marks[after]
        return low, high

    def _is_edge(self, at: int, run: tuple[int, int] | None, low: int, high: int) -> bool:
        """Whether ``cut(text[low:high], HMM=False)`` puts a word edge at `at`, inside `run` if not None."""
        if at <= low or at >= high:
            return True
        if run is None:
            # Outside the runs every character is a word of its own, but for "\r\n", kept whole.
            return self.text[at - 1 : at + 1] != "\r\n"
        start = max(run[0], low)
        return at - start in self._block_edges(run, start, min(run[1], high))

    def _block_edges(self, run: tuple[int, int], start: int, end: int) -> frozenset[int]:
        """The word edges in ``text[start:end]``, a block jieba cuts on its own (part of `run`), from its start.

        jieba's `__cut_DAG_NO_HMM`: follow the best path from `start`, and glue single
        Latin letters and digits that come one after another into one word.
        """
        blocks = self._dictionary.blocks
        block = self.text[start:end]
        edges = blocks.get(block)
        if edges is None:
            path = self._best_path(run, start, end)
            found = set()
            glued = False
            at = start
            while at < end:
                following = path[at]
                single = following == at + 1 and self.text[at] in _GLUED
                if not (single and glued):
                    found.add(at - start)
                glued = single
                at = following
            if len(blocks) >= _BLOCKS_REMEMBERED:
                blocks.clear()
            edges = blocks[block] = frozenset(found)
        return edges

    def _best_path(self, run: tuple[int, int], start: int, end: int) -> list[int]:
        """For each offset from `start` on in a block ending at `end`, where jieba's most likely cut goes next.

        jieba's `calc`, from `end` back to `start`: the path from an offset does not depend on
        the text before it, so one path, lengthened when needed, serves every window ending at `end`.
        """
        known = self._known.get(end)
        if known is None:
            known = end
            self._paths[end], self._scores[end] = [0] * (end + 1), [0.0] * (end + 1)
        path = self._paths[end]
        if start >= known:
            return path
        scores, dag, log_total = self._scores[end], self._dag, self._log_total
        self._dictionary.find_words(self.text, start, known, run[1], log_total, dag)
        for at in range(known - 1, start - 1, -1):
            best_score, best_next = -inf, 0
            for following, weight in dag[at] or ():  # jieba's DAG entry at `at`, cut short at `end`
                if following > end:
                    break
                score = weight + scores[following]
                # max() over (score, last offset) in jieba: on a tie the longer word wins.
                if score >= best_score:
                    best_score, best_next = score, following
            if not best_next:  # no word fits: the character alone, weighed as log(1) less the log total
                best_score, best_next = (0.0 - log_total) + scores[at + 1], at + 1
            scores[at] = best_score
            path[at] = best_next
        self._known[end] = start
        return path
