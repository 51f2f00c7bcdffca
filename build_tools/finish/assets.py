"""The reader's scripts and stylesheets: written into the site, and linked from every page.

The reader's one-concern-a-file sources reach the site as one stylesheet and one script (`bundle.py`),
started after the first paint by a small script inline in each page's head, which also holds the
search shim; the search engine keeps its own files, which its worker and shim load by name.
"""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path

from build_tools.common.files import write_atomically
from build_tools.finish.bundle import ReaderBundle, bundle_reader, minified_script, page_tags
from build_tools.search.browser_rules import head_prelude, rules_script
from build_tools.search.files import WORKER_PATH

PACKAGE = Path(__file__).resolve().parents[1]
READER_ASSETS = PACKAGE / "assets" / "reader"
SEARCH_ASSETS = PACKAGE / "assets" / "search"
HEAD_ASSETS = PACKAGE / "assets" / "head"
#: Where they go below the site root: the search engine's folder, where the search shim finds it beside the bundle.
ASSET_DIR = posixpath.dirname(WORKER_PATH) + "/"
#: Starts the search engine before the theme's own scripts ask for a worker (see search-shim.js): in
#: the head script, which runs before the theme's (held until the first paint, see theme_scripts.py).
SEARCH_SHIM = SEARCH_ASSETS / "search-shim.js"
#: The page's inline head script, in this order: the layout taken before the first paint, the scripts
#: started after it, then the shim.
HEAD_SCRIPT = (HEAD_ASSETS / "first-layout.js", HEAD_ASSETS / "after-first-paint.js", SEARCH_SHIM)
#: The reader's scripts (``assets/reader/``), in the order they run in its one script: every script in
#: that folder, once (the bundle refuses any other list). Each runs at once, in the page as the first
#: paint left it. What they share is on the one object ``window.policyReader``; the head script (above),
#: which always runs first, puts there ``layout`` (notes-switch.js, sidenotes.js) and ``searchScope``
#: (search-scope.js). Where no reason is given, a script depends on no other.
READER_SCRIPTS = (
    # First: it reads each paragraph's text as published, before any script below changes a paragraph
    # (search-highlight.js wraps the hits in marks, splitting the text it reads).
    "annotate.js",
    "cite.js",
    "editions.js",
    # Before the scripts that place their boxes with it (policyReader.floating).
    "floating.js",
    "glossary-tooltips.js",
    "library.js",
    "notes-switch.js",
    # Before sidenotes.js, whose first layout measures the notes as this one leaves them (behind their row).
    "notes.js",
    "passage-previews.js",
    "search-highlight.js",
    "search-results.js",
    "search-scope.js",
    "sidenotes.js",
)


@cache
def reader_bundle() -> ReaderBundle:
    """The reader's bundles, made once a process from the sources in ``assets/reader/``."""
    return bundle_reader(
        READER_ASSETS, READER_SCRIPTS, HEAD_SCRIPT, prelude=rules_script(), head_prelude=head_prelude()
    )


def _write_if_changed(target: Path, content: bytes) -> None:
    if not target.exists() or target.read_bytes() != content:
        write_atomically(target, content)


def copy_assets(site: Path) -> None:
    """Write the bundles and the search engine's files into `site`, only those that differ: a rerun rewrites nothing."""
    target = site / ASSET_DIR
    for asset in sorted(p for p in SEARCH_ASSETS.glob("*.js") if p != SEARCH_SHIM):
        # Minified: the worker asks for the index's head only once its script has come, so on a
        # phone's link each byte of it delays the first result (comments were 40% of it gzipped).
        _write_if_changed(target / asset.name, minified_script(asset).encode("utf-8"))
    for made in reader_bundle().files:
        _write_if_changed(target / made.name, made.content.encode("utf-8"))


def asset_tags(to_root: str, notes: bool = False) -> tuple[str, str]:
    """What a page at `to_root` (``../../``) from the site root loads: (end of its head, end of its body).

    `notes`: the page has notes, whose layout its head script takes before the first paint.

    All of it in the head: the stylesheet, and the inline script that starts the reader's script once
    the text has painted and sets up the search shim before the theme's scripts (held until then) ask for a worker.
    """
    return page_tags(reader_bundle(), to_root + ASSET_DIR, notes) + "\n", ""
