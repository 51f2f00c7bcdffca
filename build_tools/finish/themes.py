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

from build_tools.common.html_scan import Element, Scan, scan
from build_tools.search.index import index_script, material_index, zensical_index

#: The class of the element that holds a page's content in Material and in Zensical.
_MATERIAL_CONTENT = ("md-content__inner",)


@dataclass(frozen=True)
class Theme:
    """A theme the step knows.

    Attributes:
        name: What the README and errors call it.
        generator: What the page's ``<meta name="generator" content>`` says when this theme made it (from its start).
        element: The tag name of the element holding the page's content.
        content: That element's classes.
        search_files: The files the theme's search box reads, below the site root, and their text.
    """

    name: str
    generator: re.Pattern[str]
    element: str
    content: tuple[str, ...]
    search_files: Callable[[], dict[str, str]]


THEMES = (
    Theme(
        "Zensical",
        re.compile(r"zensical-"),
        "article",
        _MATERIAL_CONTENT,
        lambda: {"search.json": zensical_index(), "search.js": index_script(zensical_index())},
    ),
    Theme(
        "Material for MkDocs",
        re.compile(r"mkdocs-.*mkdocs-material-"),
        "article",
        _MATERIAL_CONTENT,
        lambda: {
            "search/search_index.json": material_index(),
            "search/search_index.js": index_script(material_index()),
        },
    ),
)


def _scanned(page: str | Scan) -> Scan:
    return page if isinstance(page, Scan) else scan(page)


def theme_of(page: str | Scan) -> Theme | None:
    """The theme that made `page` (its text, or the page scanned), by its generator tag."""
    found = _scanned(page).find("meta", {"name": "generator"})
    generator = found.attrs.get("content", "") if found else ""
    return next((theme for theme in THEMES if theme.generator.match(generator)), None)


def content_element(page: Scan) -> Element | None:
    """The element holding the content of `page`, or None if no theme's is found (or it has no end tag)."""
    theme = theme_of(page)
    for candidate in (theme,) if theme else THEMES:
        found = page.find(candidate.element, None, candidate.content)
        if found is not None and found.closed_by_tag:
            return found
    return None


def theme_names() -> str:
    """The themes the step knows, for messages."""
    return ", ".join(theme.name for theme in THEMES)
