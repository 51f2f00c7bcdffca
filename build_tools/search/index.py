"""The search index the browser engine reads, and pointing Material's search box at that engine."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from build_tools.common.html_scan import Scan
from build_tools.common.markup import script_json
from build_tools.glossary.model import Glossary
from build_tools.search.browser_rules import browser_rules
from build_tools.search.case_folds import case_folds
from build_tools.search.files import INDEX_CALL, WORKER_PATH, browser_files, head_from_engine
from build_tools.search.files import part_path as part_path
from build_tools.search.grams import gram_shards, shard_count
from build_tools.search.js_literals import compact_json, script_string
from build_tools.search.labels import KINDS, STATUS_SCOPES, SearchLabel
from build_tools.search.script_forms import script_folds
from build_tools.search.sections import Section

#: About how much text goes into one part of the index: on a server a result's part is loaded to show
#: it, so parts are small (a page or two); from disk every part is read, one after the other.
PART_BYTES = 16_000
#: A site whose whole text (titles and sections, before escaping) is this small has it in the head
#: itself, which a server loads at once, searched as from disk: one request instead of the head, then
#: shards, then parts, for some 100 KB on the wire at most (text gzips about 2.5×). Larger archives
#: load, per query, only what it needs.
EAGER_BYTES = 256_000
#: The script that configures Material's and Zensical's search box: JSON.
CONFIG_SCRIPT = {"id": "__config", "type": "application/json"}


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


def zensical_index() -> str:
    """The index Zensical's search box reads (``search.json``): settings only, no items.

    Zensical's own lists the whole text of the site, which every page fetches as it opens;
    our engine answers its search box instead (see search-shim.js).
    """
    return json.dumps({"config": {"lang": ["zh"], "separator": r"[\s]+"}, "items": []})


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
    sections: Iterable[Section],
    glossary: dict[str, GlossaryEntry],
    part_bytes: int = PART_BYTES,
    eager_bytes: int = EAGER_BYTES,
) -> list[str]:
    """The engine's index: a head, then the text in scripts of about `part_bytes` each, whole pages.

    Scripts, not JSON, because a page opened from disk can load a script but not read a file;
    a worker fetches the same scripts. Each calls ``policyReader.search.load(part, parts, json)`` (files.py).
    The head (part 0) holds no text, unless the site is small: the number of essays, each letter's lower case
    (``cases``: the engine's whole case folding, see case_folds.py), the traditional
    characters the engine reads as simplified (``folds``: pairs, traditional then simplified, in one string), how many
    shards the bigram index has (``grams``, see grams.py), whether a server loads every part at once
    (``eager``, a small site, whose whole text the head then holds: see EAGER_BYTES), the pages (``pages``:
    address, title, first section, text or not, and for a text the number of its label), the labels (``labels``:
    kind, status, 1 for an earlier edition, the number of its status in ``statuses`` or -1, the year or 0; each
    once), the kinds and statuses a reader may narrow search to (``kinds``, ``statuses``) and the first section
    of each later part (``starts``).
    On a server the engine loads the head only, then per query the shards of its characters and the
    parts holding the results it shows (a small site: nothing more); from disk it reads every part,
    the glossary with the last.
    """
    sections = list(sections)
    eager = sum(len(s.text.encode("utf-8")) + len(s.title.encode("utf-8")) for s in sections) <= eager_bytes
    parts: list[list[dict[str, Any]]] = []
    starts: list[int] = []
    pages: list[list[Any]] = []
    labels: dict[SearchLabel, int] = {}
    size = 0
    for number, section in enumerate(sections):
        doc: dict[str, Any] = {"location": section.location, "title": section.title, "text": section.text}
        if section.essay:
            doc["essay"] = True
        page = section.location.split("#", 1)[0]
        if not pages or pages[-1][0] != page:
            pages.append([page, section.title, number, 1 if section.essay else 0])
            if section.label is not None:
                pages[-1].append(labels.setdefault(section.label, len(labels)))
            if not parts or size >= part_bytes:
                parts.append([])
                starts.append(number)
                size = 0
        parts[-1].append(doc)
        size += len(section.text.encode("utf-8")) + len(section.title.encode("utf-8"))
    folds = script_folds(s.title + s.text for s in sections)
    head: dict[str, Any] = {
        "essays": sum(1 for page in pages if page[3]),
        "rules": browser_rules(),
        "files": browser_files(),
        "cases": case_folds([*(s.title + s.text for s in sections), *glossary]),
        "folds": "".join(t + s for t, s in folds.items()),
        "grams": shard_count([(s.title, s.text) for s in sections]),
        "pages": pages,
        "labels": [_label_row(label) for label in labels],
        "kinds": list(KINDS),
        "statuses": [name for name, _ in STATUS_SCOPES],
        "starts": starts,
        "eager": eager,
        "docs": [],
    }
    if eager:
        # The head would only say where the text is: a request saved, on a slow link some 150 ms.
        head.update(docs=[doc for docs in parts for doc in docs], starts=[])
        parts = []
    datas = [head, *({"docs": docs} for docs in parts)]
    datas[-1]["glossary"] = glossary_list(glossary)
    count = len(datas)
    scripts = [script_string(compact_json(d)) for d in datas]
    return [f"{INDEX_CALL}.load({n},{count},{text});\n" for n, text in enumerate(scripts)]


def _label_row(label: SearchLabel) -> list[Any]:
    scope = label.status_scope
    return [label.kind, label.status, int(label.earlier), -1 if scope is None else scope, label.year or 0]


def label_of_row(row: list[Any]) -> SearchLabel:
    """The label a row of the head's ``labels`` was written from (its status group follows from its status)."""
    return SearchLabel(row[0], row[1], bool(row[2]), row[4] or None)


def _shown(entry: GlossaryEntry) -> dict[str, Any]:
    return {"term": entry.term, "english": entry.english, "definition": entry.definition, "url": entry.url}


def glossary_data(glossary: dict[str, GlossaryEntry]) -> dict[str, dict[str, Any]]:
    """Each spelling of each term → what the engine shows for it."""
    return {form: _shown(entry) for form, entry in glossary.items()}


def glossary_list(glossary: dict[str, GlossaryEntry]) -> list[dict[str, Any]]:
    """What the engine shows for each term, once, with the spellings (``forms``) that name it.

    In the index's parts, where an entry given per spelling would repeat a definition for each alias
    (a third of the Gansu site's glossary data, in the head a small site loads first).
    """
    forms: dict[GlossaryEntry, list[str]] = {}
    for form, entry in glossary.items():
        forms.setdefault(entry, []).append(form)
    return [{**_shown(entry), "forms": spellings} for entry, spellings in forms.items()]


def index_shards(sections: Iterable[Section], glossary: dict[str, GlossaryEntry]) -> list[str]:
    """The bigram index of `sections` (in the order given to `index_parts`), as shard scripts."""
    sections = list(sections)
    folds = script_folds(s.title + s.text for s in sections)
    return gram_shards([(s.title, s.text) for s in sections], folds, glossary_data(glossary))


def search_box_edit(page: Scan) -> tuple[int, int, str]:
    """The change that makes Material's search box talk to our engine: ``search`` in its ``__config`` JSON.

    Raises:
        ValueError: The page has no ``__config`` (the theme changed how it configures search).
    """
    found = page.find("script", CONFIG_SCRIPT)
    if found is None:
        raise ValueError("no <script id='__config'> in the page: the theme no longer configures search this way")
    config = json.loads(page.inner(found))
    # The engine finds its index from its own address: ?index= is the first part, relative to it.
    config["search"] = f"{config.get('base', '.').rstrip('/')}/{WORKER_PATH}?index={head_from_engine()}"
    config["features"] = [f for f in config.get("features", []) if f != "search.highlight"]
    return found.open_end, found.close_start, script_json(config, separators=(",", ":"))
