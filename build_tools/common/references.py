"""A document that a definition or a note rests on, and how it is shown."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from build_tools.common.markup import html_text


@dataclass(frozen=True)
class Citation:
    """A cited document: its title and, where known, its address."""

    title: str
    url: str | None = None

    @classmethod
    def from_yaml(cls, data: dict[str, Any]) -> Citation:
        """A citation from a ``{title, url}`` mapping an editor wrote."""
        return cls(data["title"], data.get("url"))


def citations_html(citations: Iterable[Citation], css_class: str) -> str:
    """A list of citations, linked where they have an address; empty when there are none."""
    items = "".join(
        f'<li><a href="{html_text(c.url)}">{html_text(c.title)}</a></li>' if c.url else f"<li>{html_text(c.title)}</li>"
        for c in citations
    )
    return f'<ul class="{css_class}">{items}</ul>' if items else ""
