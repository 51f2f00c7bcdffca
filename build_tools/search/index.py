"""The search index the browser engine reads, and pointing Material's search box at that engine."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from build_tools.glossary.model import Glossary
from build_tools.search.script_forms import script_folds
from build_tools.search.sections import Section

#: The engine, below the site root: speaks Material's SETUP/READY/QUERY/RESULT worker protocol.
WORKER_PATH = "assets/policy-reader/search-worker.js"
#: The URL parameter that carries a query to the page it opens, so the page highlights it.
HIGHLIGHT_PARAM = "h"
#: The engine's index: parts named part-0.js, part-1.js… in this folder below the site root.
INDEX_DIR = "search"
INDEX_PART = "part-{}.js"
#: About how much text goes into one part of the index.
PART_BYTES = 500_000
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


def material_index() -> str:
    """The index Material's search box reads: settings only, no documents.

    Material loads it late on ``file://`` (at the first focus of the search box) and hands it
    to the engine; the engine loads the documents itself (`index_parts`), as soon as a page
    opens, so the text is ready by the time a reader has typed.
    """
    return json.dumps({"config": {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": []}, "docs": []})


def index_script(index_json: str) -> str:
    """The index as a script for pages opened from disk, where Material reads the global ``__index``."""
    return f"var __index = {index_json}\n"


def in_reading_order(sections: Iterable[Section], page_urls: list[str]) -> list[Section]:
    """`sections` in the order of the navigation (newest source first), each page's sections kept in order.

    MkDocs renders pages in file order, the oldest source first; the index's first part, which
    answers while the rest loads, should hold the newest essays.
    """
    rank = {url: n for n, url in enumerate(page_urls)}
    return sorted(sections, key=lambda s: rank.get(s.location.split("#", 1)[0], len(rank)))


def index_parts(
    sections: Iterable[Section], glossary: dict[str, GlossaryEntry], part_bytes: int = PART_BYTES
) -> list[str]:
    """The engine's index: scripts of about `part_bytes` each (the first a quarter of that), whole pages.

    Scripts, not JSON, because a page opened from disk can load a script but not read a file;
    a worker loads the same scripts with ``importScripts``. Several parts keep each one a short
    task, so a page opened from disk stays responsive while they load, and the engine answers
    from the first parts while the others load. Each script calls
    ``PolicyReaderSearch.load(part, parts, json)``; the first part's data also carries the
    number of essays and the traditional characters the engine reads as simplified (``folds``:
    pairs, traditional then simplified, in one string). The glossary comes with the second part
    (the first, if it is the only one): the first part, which answers while the rest loads, is
    kept to the text (a glossary of 1,000 terms weighs about 300 KB).
    """
    parts: list[list[dict[str, Any]]] = [[]]
    size = 0
    page = None
    for section in sections:
        doc: dict[str, Any] = {"location": section.location, "title": section.title, "text": section.text}
        if section.essay:
            doc["essay"] = True
        this_page = section.location.split("#", 1)[0]
        # The first part, a quarter of the others, is in soonest: the newest essays answer at once.
        if this_page != page and size >= (part_bytes // 4 if len(parts) == 1 else part_bytes):
            parts.append([])
            size = 0
        page = this_page
        parts[-1].append(doc)
        size += len(section.text.encode("utf-8")) + len(section.title.encode("utf-8"))
    folds = script_folds(doc["title"] + doc["text"] for part in parts for doc in part)
    head: dict[str, Any] = {
        "essays": len(
            {doc["location"] for part in parts for doc in part if doc.get("essay") and "#" not in doc["location"]}
        ),
        "highlight_param": HIGHLIGHT_PARAM,
        "folds": "".join(t + s for t, s in folds.items()),
    }
    terms = {
        "glossary": {
            form: {"term": e.term, "english": e.english, "definition": e.definition, "url": e.url}
            for form, e in glossary.items()
        }
    }
    scripts = []
    for n, docs in enumerate(parts):
        fields = {**(head if n == 0 else {}), **(terms if n == min(1, len(parts) - 1) else {})}
        data = _script_string(_json({**fields, "docs": docs}))
        scripts.append(f"PolicyReaderSearch.load({n},{len(parts)},{data});\n")
    return scripts


def part_path(n: int) -> str:
    """Where part `n` of the engine's index is written, below the site root."""
    return f"{INDEX_DIR}/{INDEX_PART.format(n)}"


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _script_string(text: str) -> str:
    """`text` as a JavaScript string literal that is safe inside a script element.

    A part's data goes out as one string, not as an object literal: a browser reads a long
    string without building anything, and the page hands it on to the worker (which parses
    it) instead of building the whole index on the page's own thread.
    """
    # "</script>" in a text must not end the script; U+2028/9 end a line in older JavaScript.
    escaped = json.dumps(text, ensure_ascii=False).replace("</", "<\\/")
    return escaped.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def point_search_box_at_engine(page_html: str) -> str:
    """Make Material's search box talk to our engine: rewrite ``search`` in its ``__config`` JSON.

    Raises:
        ValueError: The page has no ``__config`` (the theme changed how it configures search).
    """
    match = _CONFIG_SCRIPT.search(page_html)
    if not match:
        raise ValueError("no <script id='__config'> in the page: the theme no longer configures search this way")
    config = json.loads(match.group(2))
    # The engine finds its index from its own address: ?index= is the first part, relative to it.
    first_part = posixpath.relpath(part_path(0), posixpath.dirname(WORKER_PATH))
    config["search"] = f"{config.get('base', '.').rstrip('/')}/{WORKER_PATH}?index={first_part}"
    config["features"] = [f for f in config.get("features", []) if f != "search.highlight"]
    replaced = json.dumps(config, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return page_html[: match.start(2)] + replaced + page_html[match.end(2) :]
