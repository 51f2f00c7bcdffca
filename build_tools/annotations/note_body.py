"""A note's body: Markdown an editor wrote, shown as HTML with no markup and no link but to the web or the site.

Raw HTML comes out as text. A link stays a link only if `is_safe_link` allows its address as a
browser reads it (character references decoded, whitespace dropped): http(s), relative or ``#…``.
Any other link (``javascript:``, ``java&#115;cript:``, ``data:``…) is shown as its text alone, and
`refused_links` names it so `check` can say so.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from build_tools.common.urls import is_safe_link

#: The attributes of a note's HTML that hold an address.
_ADDRESSES = ("href", "src")


class _LinkFilter(Treeprocessor):  # type: ignore[misc]
    """Turns each link or image whose address is refused into plain text, and keeps the refused addresses."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.refused: list[str] = []

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for name in _ADDRESSES:
                # Markdown writes the "&" of the references it makes itself (an e-mail link) as a placeholder.
                value = (element.get(name) or "").replace(AMP_SUBSTITUTE, "&")
                if name in element.attrib and not is_safe_link(value):
                    self.refused.append(value)
                    self._as_text(element)

    @staticmethod
    def _as_text(element: ET.Element) -> None:
        alt = element.get("alt", "")
        element.tag = "span"
        element.attrib.clear()
        if alt and not element.text:
            element.text = alt


def _converter() -> tuple[markdown.Markdown, _LinkFilter]:
    converter = markdown.Markdown(extensions=["sane_lists"])
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    links = _LinkFilter(converter)
    # After every other step, the unescaping of backslash escapes included: the address as it will be written.
    converter.treeprocessors.register(links, "policy-reader-links", -10)
    return converter, links


def render_note_body(text: str) -> str:
    """A note's Markdown as HTML; raw HTML in it comes out as text, never as markup, and no script address is linked."""
    converter, _links = _converter()
    return str(converter.convert(text))


def refused_links(text: str) -> list[str]:
    """The addresses of the links in a note's Markdown that `render_note_body` does not link."""
    converter, links = _converter()
    converter.convert(text)
    return links.refused
