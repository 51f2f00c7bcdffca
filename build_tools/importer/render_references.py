"""A paragraph's references written as links, and an article's 本文引用此条 list.

The paragraph's text stays as published: each reference is only wrapped in a link, followed by the
preview card's ``<template>`` (passage-previews.js), which holds the passage named, so the card shows
from disk and with no fetch. A link to another text of the site carries that text's id: the step
over the built site points it at that page's address (`build_tools.finish.text_links`).
"""

from __future__ import annotations

import html

from build_tools.common.markup import html_text
from build_tools.common.page_marker import REF_CLASS, TEXT_ID_ATTR
from build_tools.sources.text_links import Citation, TextLink

CITED_BY_LABEL = "本文引用此条"


def _text(text: str) -> str:
    """Text in an attribute or in an element."""
    return html_text(text)


def _published(text: str) -> str:
    """The paragraph's own text, escaped as every paragraph block escapes it."""
    return html.escape(text, quote=False)


def _link(text: str, link: TextLink) -> str:
    if link.text_id is None:
        href, extra = f"#{link.anchor}", ""
    else:  # the address the page has with directory URLs; finish writes the one the site has
        href, extra = f"../{link.text_id}/#{link.anchor}", f' {TEXT_ID_ATTR}="{_text(link.text_id)}"'
    preview = "".join(f'<p class="pr-preview__text">{_text(p)}</p>' for p in link.preview)
    return (
        f'<a class="{REF_CLASS}" href="{_text(href)}"{extra}>{_published(text)}</a>'
        f'<template class="pr-preview" data-clause="{_text(link.name)}">'
        f'<p class="pr-preview__essay">{_text(link.name)}</p>{preview}</template>'
    )


def linked_text(text: str, links: list[TextLink]) -> str:
    """`text` escaped for HTML, each link's span wrapped in its link (spans in order, none overlapping)."""
    out, at = [], 0
    for link in sorted(links, key=lambda found: found.start):
        if link.start < at:
            continue
        out += [_published(text[at : link.start]), _link(text[link.start : link.end], link)]
        at = link.end
    out.append(_published(text[at:]))
    return "".join(out)


def cited_by_block(citations: list[Citation]) -> str:
    """The places of the text that cite an article, as links after it ("" when none does).

    Plain links in a line of their own: read without scripts and printed as they are; search leaves them out.
    """
    if not citations:
        return ""
    links = "、".join(f'<a href="#{_text(c.anchor)}">{_text(c.name)}</a>' for c in citations)
    return (
        f'\n<p class="pr-cited-by" data-search-exclude="" aria-label="{CITED_BY_LABEL}">'
        f'<span class="pr-cited-by__label">{CITED_BY_LABEL}:</span>{links}</p>\n'
    )
