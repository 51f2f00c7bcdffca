"""The theme's footer links, their names escaped once.

`import` writes a page's title into its front matter HTML-escaped, as Material and Zensical print
it as HTML; their footer escapes it a second time in the links' ``aria-label`` (``| e``), so a
screen reader would read ``&amp;`` for ``&``. Only a label escaped twice is changed: once
unescaped it holds no character that is markup.
"""

from __future__ import annotations

import re

from build_tools.common.html_scan import Scan

FOOTER_LINK = "md-footer__link"
_MARKUP = re.compile(r"[<>\"']")


def footer_label_edits(page: Scan) -> list[tuple[int, int, str]]:
    """The changes that escape the theme's footer link names once, as `splice` takes them."""
    edits = []
    for link in page.find_all("a", {"aria-label": True}, (FOOTER_LINK,)):
        label = link.attrs["aria-label"]
        place = link.value_span("aria-label")
        if place is not None and not _MARKUP.search(label) and page.source[place[0] : place[1]] != label:
            edits.append((*place, label))
    return edits
