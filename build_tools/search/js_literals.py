"""The engine's index files as scripts: data handed over as one JSON string, safe inside a script element."""

from __future__ import annotations

import json
import re

from build_tools.common.markup import script_json

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def compact_json(data: object) -> str:
    """`data` as JSON without spaces; a lone surrogate (half a UTF-16 pair, which UTF-8 cannot carry) as an escape."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def script_string(text: str) -> str:
    """`text` as a JavaScript string literal that is safe inside a script element.

    An index file's data goes out as one string, not as an object literal: a browser reads a long
    string without building anything, and the page hands it on to the worker (which parses
    it) instead of building the whole index on the page's own thread.
    """
    return script_json(text)
