"""The theme's scripts at the end of a page, held until the text has painted: none of them is needed to show it.

Material and Zensical end each page with their bundle, a plain `<script src>`. A phone on a slow link
fetched it beside the page's stylesheets; deferred, it still ran just as the first frame was being
shown, and Lighthouse counted its download and its run against the largest paint. Each such script
becomes `<script type="policy-reader/after-paint" data-src>`, which the browser neither fetches nor
runs; the page's head script (assets/head/after-first-paint.js) adds it back, in order, once the first
contentful paint has happened, and calls the theme's DOMContentLoaded listeners, added late, at once.

A script is left alone where an inline script after it might expect it to have run, and so are
`async` scripts (in no order anyway) and modules.
"""

from __future__ import annotations

from build_tools.common.html_scan import Element, Scan, scan, splice

#: What the held scripts are marked with; the head script looks for it.
HELD_TYPE = "policy-reader/after-paint"

# The types of an inline script that runs (JSON data does not).
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def _runs_inline(script: Element) -> bool:
    return "src" not in script.attrs and script.attrs.get("type", "").lower() in _SCRIPT_TYPES


def _not_held(script: Element) -> bool:
    """An `async` script runs in no order anyway; a module is deferred already."""
    return "async" in script.attrs or script.attrs.get("type", "").lower().startswith("module")


def _held(page: Scan, script: Element) -> str:
    """`script`'s start tag held: no ``type`` nor ``defer``, ``src`` named ``data-src``, the rest as written."""
    edits, renamed = [], False
    for name, start, end, _value_start, _value_end in script.attribute_spans():
        if name in ("type", "defer"):
            edits.append((start - 1 - script.start, end - script.start, ""))  # with the space before it
        elif name == "src" and not renamed:
            edits.append((start - script.start, start + len(name) - script.start, "data-src"))
            renamed = True
    attributes = splice(page.start_tag(script), edits)[1 + len(script.tag) : -1]
    return f'<script type="{HELD_TYPE}"{attributes}>'


def held_script_edits(page: Scan) -> list[tuple[int, int, str]]:
    """The changes that hold the page's theme scripts, as `splice` takes them."""
    body = page.find("body")
    if body is None:
        return []
    scripts = [s for s in page.find_all("script") if s.start >= body.start]
    last_inline = max((s.open_end for s in scripts if _runs_inline(s)), default=body.start)
    return [
        (script.start, script.open_end, _held(page, script))
        for script in scripts
        if script.start >= last_inline and "src" in script.attrs and not _not_held(script)
    ]


def held_theme_scripts(html: str | Scan) -> str:
    """`html` with each external body script after the last inline script that runs held until the first paint."""
    page = html if isinstance(html, Scan) else scan(html)
    return splice(page.source, held_script_edits(page))
