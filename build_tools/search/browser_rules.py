"""The constants the browser's scripts share with Python, written once: here, and sent to the browser.

The search engine reads them from the index's head (``rules``), the page's scripts from the reader's
bundle, which opens by setting ``policyReader.rules`` (`rules_script`); neither writes them again.
The search engine's file names (files.py) reach the search shim and the engine's copy in a page on
disk through the head script, which opens by setting ``policyReader.searchFiles`` (`head_prelude`),
and the engine in a worker through the index's head (``files``).
"""

from __future__ import annotations

from build_tools.common.latin_words import LATIN_WORD, WORD_CHARACTER
from build_tools.common.markup import script_json
from build_tools.search.files import browser_files

#: The URL parameter that carries a query to the page it opens, so the page highlights it.
HIGHLIGHT_PARAM = "h"


def browser_rules() -> dict[str, str]:
    """What the engine and the highlighter read: the highlight parameter, the Latin-word patterns (RegExp sources)."""
    return {"highlightParam": HIGHLIGHT_PARAM, "latinWord": LATIN_WORD, "wordCharacter": WORD_CHARACTER}


def rules_script() -> str:
    """A script that sets ``policyReader.rules`` to `browser_rules`, run before the reader's own scripts."""
    return f"(window.policyReader=window.policyReader||{{}}).rules={script_json(browser_rules(), sort_keys=True)};"


def head_prelude() -> str:
    """A script that sets ``policyReader.searchFiles`` to `browser_files`, run before the head script's own parts."""
    files = script_json(browser_files(), sort_keys=True)
    return f"(window.policyReader=window.policyReader||{{}}).searchFiles={files};"
