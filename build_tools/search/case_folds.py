"""Case as search reads it: Python's lower case, sent to the browser as a table of this corpus's letters.

Search finds a word in any case: the text and the query are read in lower case (`case_fold`), then
each traditional character as its simplified form (script_forms.py). Final and medial sigma are read
alike (ς as σ, as `str.casefold` reads them), so that a character's lower case never depends on its
neighbours: Σ is σ wherever it stands, which is what lets the browser fold a character at a time.

The browser must fold exactly so: on a server the engine looks a query up by keys Python folded
(grams.py). Its own `toLowerCase` does not: it folds by the browser's Unicode, which may be older
than Python's (a letter Python lowers, it keeps) or newer (Python 3.11 knows Unicode 14; Node 20 here
lowers 55 letters of Unicode 16 and 17 that Python keeps as they are, 8 of them in the Basic
Multilingual Plane). No list of "the letters a browser may fold otherwise" can be written from
Python's own data, which does not know the letters newer than its Unicode. So the engine never calls
its own: it folds by a table from Python alone, every letter of it (`case_folds`). The smallest such
table that is faithful is this corpus's, as for the traditional characters: the letters whose lower
case is that of a character in the texts (the letter itself, its other cases: a query in either case
finds it). A query's letter outside it occurs in no text in any case, so however it is read, it
finds nothing that Python's reading would.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable

#: After lower case: what is read as another lower-case letter (final sigma as sigma).
AFTER_LOWER = {"ς": "σ"}
_AFTER_LOWER = str.maketrans(AFTER_LOWER)
#: Code points looked at together while the table of every lower case is made.
_BLOCK = 256


def case_fold(text: str) -> str:
    """`text` in lower case as search reads it (`str.lower`, then final sigma as sigma): a character at a time."""
    return text.lower().translate(_AFTER_LOWER)


@functools.cache
def _folded_to_cased() -> dict[str, tuple[str, ...]]:
    """Each lower case that some other character folds to → those characters (every code point Python knows)."""
    found: dict[str, list[str]] = {}
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    for start in range(0, len(everything), _BLOCK):
        block = everything[start : start + _BLOCK]
        # Most blocks have no case at all: looked at a character at a time only where one has.
        if case_fold(block) == block:
            continue
        for char in block:
            if not 0xD800 <= ord(char) < 0xE000 and (folded := case_fold(char)) != char:
                found.setdefault(folded, []).append(char)
    return {folded: tuple(chars) for folded, chars in found.items()}


def case_folds(texts: Iterable[str]) -> dict[str, str]:
    """Character → its lower case, for every character whose lower case is that of a character in `texts`.

    The browser folds by this table alone (see the module's docstring): a character of the texts in
    any case, and the other cases of each, each to the lower case Python gives it.
    """
    present: set[str] = set()
    for text in texts:
        present.update(text)
    lowered = set(case_fold("".join(sorted(present))))
    # A lower case of more than one character (İ's, i and a dot above) is found where each of its characters is.
    return {
        char: folded
        for folded, chars in sorted(_folded_to_cased().items())
        if all(part in lowered for part in folded)
        for char in chars
    }
