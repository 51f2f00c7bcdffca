"""Links from one text of the site to another (《数据安全法》第二十一条) pointed at the page the other text has.

`import` writes such a link with the address the page has with directory URLs and the other text's id;
only this step knows the address each page has in the site built (a file's name offline, or a folder).
"""

from __future__ import annotations

from collections.abc import Callable

from build_tools.common.html_scan import Edit, Element, Scan
from build_tools.common.markup import html_text
from build_tools.common.page_marker import REF_CLASS, TEXT_ID_ATTR

#: The address, relative to the page at `here`, of the page of the text with an id; None if there is none.
TextUrl = Callable[[str], str | None]


def text_link_edits(page: Scan, url_of: TextUrl, within: Element | None = None) -> list[Edit]:
    """The changes that point each link to another text (inside `within`) at that text's page, for `splice`.

    Only the address before the link's ``#`` changes; the fragment and the rest of the tag stay as written.
    """
    edits: list[Edit] = []
    for link in page.find_all("a", {TEXT_ID_ATTR: True, "href": True}, REF_CLASS.split(), within):
        href = link.value_span("href")
        target = url_of(link.attrs[TEXT_ID_ATTR])
        if href is None or target is None:
            continue
        address_end = page.source.find("#", *href)
        if address_end >= 0:
            edits.append((href[0], address_end, html_text(target)))
    return edits
