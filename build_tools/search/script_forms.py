"""Traditional and simplified characters read alike by search, from OpenCC's conversion tables.

A reader may type 數據沙箱 for an archive printed as 数据沙箱, or the other way round. The engine
reads both the query and the text with every traditional character as its simplified form
(OpenCC's ``t2s``, one character for one, so positions in the text stay where they were) and
then matches exactly as before. The index carries only the characters this corpus needs: those
that occur in its text, and the traditional forms of those that do.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import opencc

#: The ideographs a query or a text may hold (CJK Unified Ideographs, Extension A, Compatibility
#: Ideographs): all in the Basic Multilingual Plane, one UTF-16 unit each, as in JavaScript.
_IDEOGRAPHS = (range(0x3400, 0x4DC0), range(0x4E00, 0xA000), range(0xF900, 0xFB00))


@functools.cache
def _traditional_to_simplified() -> dict[str, str]:
    """Every ideograph OpenCC's t2s changes → its simplified form, character by character."""
    characters = [chr(code) for block in _IDEOGRAPHS for code in block]
    # One a line, so that OpenCC's phrase table never joins two neighbours into one phrase.
    converted = opencc.OpenCC("t2s.json").convert("\n".join(characters)).split("\n")
    return {t: s for t, s in zip(characters, converted, strict=True) if t != s and len(s) == 1}


def script_folds(texts: Iterable[str]) -> dict[str, str]:
    """Traditional character → simplified, for the characters a search of `texts` can need.

    A pair is kept when the texts hold its traditional side, or its simplified side as printed or as
    read: a traditional text is read as simplified, a traditional query finds a simplified text, and
    where two traditional characters share a simplified form (髮 and 發 are both 发), a text holding
    one is found by a query holding the other, as it would be were the text printed in simplified.
    """
    present: set[str] = set()
    for text in texts:
        present.update(text)
    folds = _traditional_to_simplified()
    read = present | {folds[c] for c in present if c in folds}
    return {t: s for t, s in folds.items() if t in present or s in read}
