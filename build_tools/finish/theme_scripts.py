"""The theme's own scripts at the end of a page, deferred: none of them is needed to show the text.

Material and Zensical end each page with their bundle, a plain `<script src>`. A phone on a slow link
fetches it beside the page's stylesheets and, counted as render-blocking, the first paint waits for
it. Deferred, it runs at the same moment (the page is read by then; both bundles start their parts at
DOMContentLoaded, which waits for deferred scripts) but no longer holds up the text. The reader's own
deferred script comes before it in the head, so the search shim it opens with is in place before the
theme asks for a worker.

A script is left alone where an inline script after it might expect it to have run.
"""

from __future__ import annotations

import re

# A `<script ...>` start tag and, for an inline script, whether it runs (JSON data does not).
_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>", re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_NOT_PLAIN = re.compile(r"\s(?:async|defer)(?:[\s=]|$)|\stype\s*=\s*[\"']?module", re.IGNORECASE)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def _runs_inline(attrs: str) -> bool:
    if _SRC.search(attrs):
        return False
    kind = _TYPE.search(attrs)
    return (kind[1].lower() if kind else "") in _SCRIPT_TYPES


def deferred_theme_scripts(html: str) -> str:
    """`html` with each plain external script in its body deferred, from the last inline script that runs on."""
    body = html.find("<body")
    if body < 0:
        return html
    tags = [m for m in _SCRIPT.finditer(html, body)]
    last_inline = max((m.end() for m in tags if _runs_inline(m["attrs"])), default=body)
    out, at = [], 0
    for match in tags:
        attrs = match["attrs"]
        if match.start() < last_inline or not _SRC.search(attrs) or _NOT_PLAIN.search(attrs):
            continue
        out += [html[at : match.start()], f"<script{attrs} defer>"]
        at = match.end()
    return "".join(out) + html[at:]
