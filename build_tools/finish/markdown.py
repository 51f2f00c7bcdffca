"""The Markdown of the pages the step fills in itself, rendered as mkdocs.yml renders the rest.

A generator that runs no plugin renders the stubs `import` writes for the glossary page and
the measures map; their content, made from files editors change in pull requests, is
rendered here, with the extensions mkdocs.yml names for headings (ids, permalinks, slugs).
"""

from __future__ import annotations

import markdown
from markdown.extensions.toc import TocExtension
from pymdownx.slugs import slugify


def render_markdown(text: str) -> str:
    """`text` (Markdown with raw HTML blocks and heading attributes) as HTML."""
    toc = TocExtension(permalink=True, permalink_title="本节链接", slugify=slugify(case="lower"))
    converter = markdown.Markdown(extensions=["attr_list", "md_in_html", toc])
    return str(converter.convert(text))
