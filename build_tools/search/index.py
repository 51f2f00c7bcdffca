"""The search index the browser engine reads, and pointing Material's search box at that engine."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from build_tools.glossary.model import Glossary
from build_tools.search.sections import Section

#: The engine, below the site root: speaks Material's SETUP/READY/QUERY/RESULT worker protocol.
WORKER_PATH = "assets/policy-reader/search-worker.js"
#: The URL parameter that carries a query to the page it opens, so the page highlights it.
HIGHLIGHT_PARAM = "h"
_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


@dataclass(frozen=True)
class GlossaryEntry:
    """What a search for a glossary term shows above the results."""

    term: str
    english: str | None
    definition: str
    url: str


def glossary_entries(glossary: Glossary, glossary_url: str) -> dict[str, GlossaryEntry]:
    """Each spelling of each term (term and aliases) → its entry, linking to the glossary page."""
    return {
        form: GlossaryEntry(term.term, term.english, term.definition, f"{glossary_url}#{term.anchor}")
        for term in glossary.terms
        for form in term.forms
    }


def search_index(sections: Iterable[Section], glossary: dict[str, GlossaryEntry]) -> str:
    """The index as JSON: Material's shape (``config``, ``docs``), our extras inside ``config``.

    Material's search box hands only ``config`` and ``docs`` to the worker, so the glossary rides
    in ``config``; ``lang``, ``separator`` and ``pipeline`` keep Material's own worker working too.
    """
    index = {
        "config": {
            "lang": ["en"],
            "separator": r"[\s\-]+",
            "pipeline": [],
            "policy_reader": {
                "highlight_param": HIGHLIGHT_PARAM,
                "glossary": {
                    form: {"term": e.term, "english": e.english, "definition": e.definition, "url": e.url}
                    for form, e in glossary.items()
                },
            },
        },
        "docs": [
            {"location": s.location, "title": s.title, "text": s.text, **({"essay": True} if s.essay else {})}
            for s in sections
        ],
    }
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def index_script(index_json: str) -> str:
    """The index as a script for pages opened from disk, where Material reads the global ``__index``."""
    return f"var __index = {index_json}\n"


def point_search_box_at_engine(page_html: str) -> str:
    """Make Material's search box talk to our engine: rewrite ``search`` in its ``__config`` JSON.

    Raises:
        ValueError: The page has no ``__config`` (the theme changed how it configures search).
    """
    match = _CONFIG_SCRIPT.search(page_html)
    if not match:
        raise ValueError("no <script id='__config'> in the page: the theme no longer configures search this way")
    config = json.loads(match.group(2))
    config["search"] = f"{config.get('base', '.').rstrip('/')}/{WORKER_PATH}"
    config["features"] = [f for f in config.get("features", []) if f != "search.highlight"]
    replaced = json.dumps(config, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return page_html[: match.start(2)] + replaced + page_html[match.end(2) :]
