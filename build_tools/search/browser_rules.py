"""The constants the browser's scripts share with Python, written once: here, and sent to the browser.

The search engine reads them from the index's head (``rules``), the page's scripts from the reader's
bundle, which opens by setting ``policyReader.rules`` (`rules_script`); neither writes them again.
"""

from __future__ import annotations

from build_tools.common.latin_words import LATIN_WORD, WORD_CHARACTER
from build_tools.common.markup import script_json

#: The URL parameter that carries a query to the page it opens, so the page highlights it.
HIGHLIGHT_PARAM = "h"


def browser_rules() -> dict[str, str]:
    """What the engine and the highlighter read: the highlight parameter, the Latin-word patterns (RegExp sources)."""
    return {"highlightParam": HIGHLIGHT_PARAM, "latinWord": LATIN_WORD, "wordCharacter": WORD_CHARACTER}


def rules_script() -> str:
    """A script that sets ``policyReader.rules`` to `browser_rules`, run before the reader's own scripts."""
    return f"(window.policyReader=window.policyReader||{{}}).rules={script_json(browser_rules(), sort_keys=True)};"
