"""Links from one text of the site to another (《数据安全法》第二十一条) pointed at the page the other text has.

`import` writes such a link with the address the page has with directory URLs and the other text's id;
only this step knows the address each page has in the site built (a file's name offline, or a folder).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from build_tools.common.markup import html_text
from build_tools.common.page_marker import REF_CLASS, TEXT_ID_ATTR

_LINK = re.compile(rf'<a class="{REF_CLASS}" href="([^"#]*)#([^"]*)" {TEXT_ID_ATTR}="([^"]*)">')

#: The address, relative to the page at `here`, of the page of the text with an id; None if there is none.
TextUrl = Callable[[str], str | None]


def point_text_links(content: str, url_of: TextUrl) -> str:
    """`content` with each link to another text of the site going to that text's page as built."""

    def pointed(match: re.Match[str]) -> str:
        target = url_of(html.unescape(match.group(3)))
        if target is None:
            return match.group(0)
        fragment, text_id = match.group(2), match.group(3)
        return f'<a class="{REF_CLASS}" href="{html_text(target)}#{fragment}" {TEXT_ID_ATTR}="{text_id}">'

    return _LINK.sub(pointed, content)
