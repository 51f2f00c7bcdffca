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

import re

#: What the held scripts are marked with; the head script looks for it.
HELD_TYPE = "policy-reader/after-paint"

# A `<script ...>` start tag and, for an inline script, whether it runs (JSON data does not).
_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>", re.IGNORECASE)
_SRC = re.compile(r"(\s)src(\s*=)", re.IGNORECASE)
_NOT_HELD = re.compile(r"\sasync(?:[\s=]|$)|\stype\s*=\s*[\"']?module", re.IGNORECASE)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)["']?""", re.IGNORECASE)
_DEFER = re.compile(r"""\sdefer(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?(?=[\s/]|$)""", re.IGNORECASE)
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def _runs_inline(attrs: str) -> bool:
    if _SRC.search(attrs):
        return False
    kind = _TYPE.search(attrs)
    return (kind[1].lower() if kind else "") in _SCRIPT_TYPES


def _held(attrs: str) -> str:
    attrs = _SRC.sub(r"\1data-src\2", _DEFER.sub("", _TYPE.sub("", attrs)), count=1)
    return f'<script type="{HELD_TYPE}"{attrs}>'


def held_theme_scripts(html: str) -> str:
    """`html` with each external body script after the last inline script that runs held until the first paint."""
    body = html.find("<body")
    if body < 0:
        return html
    tags = list(_SCRIPT.finditer(html, body))
    last_inline = max((m.end() for m in tags if _runs_inline(m["attrs"])), default=body)
    out, at = [], 0
    for match in tags:
        attrs = match["attrs"]
        if match.start() < last_inline or not _SRC.search(attrs) or _NOT_HELD.search(attrs):
            continue
        out += [html[at : match.start()], _held(attrs)]
        at = match.end()
    return "".join(out) + html[at:]
