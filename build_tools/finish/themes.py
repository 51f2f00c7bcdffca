"""What the step needs to know of each theme: where a page's content is, and the theme's own search files.

One small table, one row per theme; the rest of the step reads no theme's markup. Material
and Zensical (whose templates descend from Material's) both write a page's content into
``<article class="md-content__inner md-typeset">`` and configure their search box in
``<script id="__config">``; they differ in where their search box reads its index from,
which ours replaces with one that lists nothing (our engine answers every query).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from build_tools.search.index import index_script, material_index, zensical_index

_MATERIAL_CONTENT = re.compile(r'<article\b[^>]*\bclass="md-content__inner\b[^"]*"[^>]*>')


@dataclass(frozen=True)
class Theme:
    """A theme the step knows.

    Attributes:
        name: What the README and errors call it.
        generator: What the page's ``<meta name="generator">`` says when this theme made it.
        content: The opening tag of the element holding the page's content.
        element: That element's tag name, to find where it closes.
        search_files: The files the theme's search box reads, below the site root, and their text.
    """

    name: str
    generator: re.Pattern[str]
    content: re.Pattern[str]
    element: str
    search_files: Callable[[], dict[str, str]]


THEMES = (
    Theme(
        "Zensical",
        re.compile(r'<meta name="generator" content="zensical-'),
        _MATERIAL_CONTENT,
        "article",
        lambda: {"search.json": zensical_index(), "search.js": index_script(zensical_index())},
    ),
    Theme(
        "Material for MkDocs",
        re.compile(r'<meta name="generator" content="mkdocs-[^"]*mkdocs-material-'),
        _MATERIAL_CONTENT,
        "article",
        lambda: {
            "search/search_index.json": material_index(),
            "search/search_index.js": index_script(material_index()),
        },
    ),
)


def theme_of(page_html: str) -> Theme | None:
    """The theme that made `page_html`, by its generator tag."""
    return next((theme for theme in THEMES if theme.generator.search(page_html)), None)


def content_region(page_html: str) -> tuple[int, int] | None:
    """Where the content of `page_html` starts and ends (inside its element), or None if no theme's is found."""
    theme = theme_of(page_html)
    for candidate in (theme,) if theme else THEMES:
        opening = candidate.content.search(page_html)
        if opening is None:
            continue
        tags = re.compile(rf"<(/?){candidate.element}\b[^>]*>")
        depth = 1
        for tag in tags.finditer(page_html, opening.end()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                return opening.end(), tag.start()
    return None


def theme_names() -> str:
    """The themes the step knows, for messages."""
    return ", ".join(theme.name for theme in THEMES)
