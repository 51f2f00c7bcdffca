"""What changed inside a paragraph, word by word: Google's diff-match-patch over the words jieba cuts.

Each distinct word stands for one private-use character while the diff runs (the
library's own line-mode technique), so an edit covers whole words: 主要途径 → 重要途径 is
one word replaced, never 主 → 重 inside it. Semantic cleanup is left out: it measures
equalities in characters, and over word-characters it swallows the short words (和, 的)
that tell two edits apart.
"""

from __future__ import annotations

import re
from typing import Literal

from diff_match_patch import diff_match_patch

from build_tools.glossary.segmentation import segmenter

Op = Literal["equal", "insert", "delete"]
_OPS: dict[int, Op] = {0: "equal", 1: "insert", -1: "delete"}
_PRIVATE_USE = 0xF0000  # plane 15: never in a published text, room for 65,534 distinct words
# A figure or a Latin word is one word: jieba cuts 1.2 into 1 . 2, and 1.2 → 2.4 would keep the 2.
_LATIN_RUN = re.compile(r"([0-9A-Za-z][0-9A-Za-z.%]*[0-9A-Za-z%]|[0-9A-Za-z])")


def words(text: str) -> list[str]:
    """`text` cut into the words a diff compares: jieba's words, figures and Latin words whole."""
    cut = segmenter().cut
    return [word for n, run in enumerate(_LATIN_RUN.split(text)) if run for word in ([run] if n % 2 else cut(run))]


def word_diff(old: str, new: str) -> list[tuple[Op, str]]:
    """`old` → `new` as runs of kept, inserted and deleted text; joined, the kept and deleted give `old`."""
    codes: dict[str, str] = {}

    def encode(text: str) -> str:
        return "".join(codes.setdefault(word, chr(_PRIVATE_USE + len(codes))) for word in words(text))

    old_codes, new_codes = encode(old), encode(new)
    decoded = {code: word for word, code in codes.items()}
    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # the exact diff: a paragraph is a few hundred words at most
    runs = engine.diff_main(old_codes, new_codes, False)
    return [(_OPS[op], "".join(decoded[c] for c in text)) for op, text in runs]
