"""Rewrite the text of an HTML fragment, leaving every tag exactly as it was."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser

VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])


@dataclass(frozen=True)
class Element:
    """An open element around the text being read."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)

    @cached_property
    def classes(self) -> frozenset[str]:
        """The element's classes (read once: every text run inside the element asks)."""
        return frozenset(self.attrs.get("class", "").split())


#: Called for each run of text with the open elements around it; returns raw HTML to put in its place.
TextHandler = Callable[[str, list[Element]], str]
#: Called when an element opens or closes, with the open elements (the element included on open).
TagHandler = Callable[[Element, list[Element]], None]


class _Rewriter(HTMLParser):
    def __init__(
        self, source: str, on_text: TextHandler, on_open: TagHandler | None, on_close: TagHandler | None
    ) -> None:
        # Entities stay raw and apart, so the output repeats the input byte for byte where untouched.
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", source))]
        self.out: list[str] = []
        self.stack: list[Element] = []
        self.on_text, self.on_open, self.on_close = on_text, on_open, on_close

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")
        element = Element(tag, {k: v or "" for k, v in attrs})
        if tag in VOID:
            return
        self.stack.append(element)
        if self.on_open:
            self.on_open(element, self.stack)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].tag == tag:
                closed = self.stack[depth]
                if self.on_close:
                    self.on_close(closed, self.stack)
                del self.stack[depth:]
                break

    def handle_data(self, data: str) -> None:
        self.out.append(self.on_text(data, self.stack))

    def handle_entityref(self, name: str) -> None:
        self.out.append(self._reference("&", name))

    def handle_charref(self, name: str) -> None:
        self.out.append(self._reference("&#", name))

    def _reference(self, opener: str, name: str) -> str:
        """A reference as it was written: HTMLParser also reports ``&D`` of ``R&D``, which has no ``;``."""
        line, column = self.getpos()
        end = self.line_starts[line - 1] + column + len(opener) + len(name)
        return f"{opener}{name}{';' if self.source.startswith(';', end) else ''}"

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


def rewrite_text(
    html: str,
    on_text: TextHandler,
    on_open: TagHandler | None = None,
    on_close: TagHandler | None = None,
) -> str:
    """Pass every text run of `html` through `on_text`; tags and entities are kept as they were."""
    parser = _Rewriter(html, on_text, on_open, on_close)
    parser.feed(html)
    parser.close()
    return "".join(parser.out)
