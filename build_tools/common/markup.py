"""Escaping text for the two languages pages are written in: Markdown and HTML."""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|])")


def markdown_text(text: str) -> str:
    """Escape text so Markdown shows it exactly, inline."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def html_text(text: str) -> str:
    """Escape text (or an attribute value) for HTML: editors' text is never markup."""
    return html.escape(text, quote=True)
