"""JSON-Schema pieces shared by every file editors write: text, ids, addresses, citations."""

from __future__ import annotations

from typing import Any

TEXT: dict[str, Any] = {"type": "string", "minLength": 1}
# Every pattern ends in \Z, not $: Python's $ (and so jsonschema's) also matches before a final newline,
# and an id "new-infrastructure\n" would become a file name holding one.
#: An id: it becomes a file name and an address.
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*\Z"
SLUG: dict[str, Any] = {
    "type": "string",
    "pattern": SLUG_PATTERN,
    "description": "use lower-case ASCII letters, digits and single hyphens",
}
#: A web address, judged whole by `build_tools.common.urls.web_url_problem` (see `schema`).
URL: dict[str, Any] = {
    "type": "string",
    "format": "web-url",
    "description": "give the whole address as a browser shows it, starting with https:// (or http://)",
}
CITATIONS: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["title"],
        "properties": {"title": TEXT, "url": URL},
    },
}


def readable_citations(value: Any) -> bool:
    """Whether `value` is a list of citations that can be read, even if the schema refused a detail."""
    return isinstance(value, list) and all(isinstance(c, dict) and isinstance(c.get("title"), str) for c in value)
