"""The theme's footer links, their names escaped once.

`import` writes a page's title into its front matter HTML-escaped, as Material and Zensical print
it as HTML; their footer escapes it a second time in the links' ``aria-label`` (``| e``), so a
screen reader would read ``&amp;`` for ``&``. Only a label escaped twice is changed: once
unescaped it holds no character that is markup.
"""

from __future__ import annotations

import html
import re

_FOOTER_LABEL = re.compile(r'(<a\b[^>]*?\bclass="md-footer__link[^"]*"[^>]*?\baria-label=")([^"]*)(")')
_MARKUP = re.compile(r"[<>\"']")


def footer_labels_escaped_once(page_html: str) -> str:
    """`page_html` with the theme's footer link names escaped once, as every other attribute is."""

    def once(match: re.Match[str]) -> str:
        label = html.unescape(match.group(2))
        return match.group(0) if _MARKUP.search(label) else match.group(1) + label + match.group(3)

    return _FOOTER_LABEL.sub(once, page_html)
