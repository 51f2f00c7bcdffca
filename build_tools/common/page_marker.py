"""What a page is, written into its HTML: the one thing the step over a built site learns from a generator.

`import` writes the marker into every page as a raw HTML block, which every Markdown renderer
passes through as it is; the step over the built site (`build_tools/finish/`) reads it back
from whatever HTML the generator made, so it never needs the generator's own page objects.
"""

from __future__ import annotations

import enum
import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from build_tools.common.errors import InputError
from build_tools.common.markup import html_text

MARKER_CLASS = "pr-page"


class PageKind(enum.StrEnum):
    """The kinds of page `import` writes, as the marker's ``data-pr-kind`` and the front matter's ``kind`` say.

    A member is equal to its text (``PageKind.ARTICLE == "article"``), so the HTML and YAML carry the words.
    """

    HOME = "home"
    YEAR = "year"
    LIBRARY = "library"
    SOURCE = "source"
    ARTICLE = "article"
    #: A report, government document or regulation: one page, read, marked and noted as an essay is.
    DOCUMENT = "document"
    GLOSSARY = "glossary"
    MEASURES = "measures"
    #: An earlier edition's text.
    EDITION = "edition"
    #: The comparison of an earlier edition with the current text.
    CHANGES = "changes"


#: Pages read, marked and noted as essays are: an essay, and a document (report, government document, regulation).
TEXT_KINDS = frozenset({PageKind.ARTICLE, PageKind.DOCUMENT})
#: Pages search does not list: the comparison of an earlier edition with the current text (both texts are listed,
#: the earlier one marked as not in force).
UNLISTED = frozenset({PageKind.CHANGES})
#: Where the step fills in a page made from what editors change (the glossary, the notes).
FILL = '<div class="pr-fill" data-pr-fill="{name}"></div>'
#: The same inside a block search skips (the 文库's list): Material's search parser tells elements apart by
#: their tag only, so a ``div`` closing there would end the skipped ``div`` around it.
FILL_IN_SKIPPED = '<p class="pr-fill" data-pr-fill="{name}"></p>'
#: The class of every reference link `import` writes in a text; ``pr-link`` gives it the preview card of notes' links.
REF_CLASS = "pr-link pr-ref"
#: The attribute naming the other text a reference link goes to, whose address the finish step writes.
TEXT_ID_ATTR = "data-text-id"
_MARKER = re.compile(r'<div class="pr-page" hidden((?: data-pr-[a-z]+="[^"]*")*)></div>')
_ATTRIBUTE = re.compile(r' data-pr-([a-z]+)="([^"]*)"')
#: A name, or a name and the id (HTML-escaped) of the text it is filled for (``readings-<document id>``).
_FILL = re.compile(r'<(?:div|p) class="pr-fill" data-pr-fill="([a-z]+(?:-[^"<>]+)?)"></(?:div|p)>')
#: A document's card (issuer, number, dates, topics, status) as the built page carries it.
#: The id of the 文库 page's data: every text's facts, as JSON (see build_tools/importer/library.py).
LIBRARY_DATA_ID = "pr-library-data"
_LIBRARY = re.compile(rf'<script type="application/json" id="{LIBRARY_DATA_ID}">(.*?)</script>', re.S)
_CARD = re.compile(r'<dl class="pr-doc-card[^"]*"[^>]*? data-pr-card="([^"]*)"')


@dataclass(frozen=True)
class PageIdentity:
    """Which page of the reader a built page is.

    Attributes:
        kind: What the page is.
        title: The page's title (its front matter's), as search lists it.
        source: The source page's id, for a source page or an essay.
        article: The essay's id, for an essay.
        status: Whether a document's text is in force: 现行有效, 已被修正 (2022-06-24) … (None: not said).
        genre: A document's genre (report, document, regulation), on its page and its editions' (None: not said).
        date: The text's date (2021-12-07, 2021-12, 2021), on an essay's and a document's page (search scopes by year).
    """

    kind: PageKind
    title: str
    source: str | None = None
    article: str | None = None
    status: str | None = None
    genre: str | None = None
    date: str | None = None


def page_marker(identity: PageIdentity) -> str:
    """The hidden element naming `identity`, as `import` writes it into a page."""
    values = {
        "kind": identity.kind,
        "title": identity.title,
        "source": identity.source,
        "article": identity.article,
        "status": identity.status,
        "genre": identity.genre,
        "date": identity.date,
    }
    listed = "".join(f' data-pr-{name}="{html_text(value)}"' for name, value in values.items() if value is not None)
    return f'<div class="{MARKER_CLASS}" hidden{listed}></div>'


def without_page_marker(markdown: str) -> str:
    """`markdown` with the page marker `import` wrote into it taken out, for a page made from another page."""
    return _MARKER.sub("", markdown, count=1)


def read_page_marker(page_html: str, path: str = "a page of the site") -> PageIdentity | None:
    """The identity a built page carries, or None for a page `import` did not write.

    Raises:
        InputError: The marker names a kind `import` does not write (a marker written by hand, or by another version).
    """
    found = _MARKER.search(page_html)
    if found is None:
        return None
    values = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(found.group(1))}
    try:
        kind = PageKind(values.get("kind", ""))
    except ValueError:
        raise InputError(
            path,
            f'its page marker says data-pr-kind="{values.get("kind", "")}", which is not a kind of page '
            f"`import` writes ({', '.join(PageKind)})",
            "run `policy-reader import` with this version and build the site again",
        ) from None
    return PageIdentity(
        kind,
        values.get("title", ""),
        values.get("source"),
        values.get("article"),
        values.get("status"),
        values.get("genre"),
        values.get("date"),
    )


def fill_places(page_html: str) -> list[str]:
    """The names of the fill places in `page_html` (``glossary``, ``measures``)."""
    return _FILL.findall(page_html)


def fill(page_html: str, name: str, content: str) -> str:
    """`page_html` with the fill place `name` replaced by `content`."""
    for place in (FILL, FILL_IN_SKIPPED):
        if place.format(name=name) in page_html:
            return page_html.replace(place.format(name=name), content, 1)
    return page_html


def card_data_attribute(facts: Mapping[str, object]) -> str:
    """The ``data-pr-card`` attribute holding a document card's facts as JSON, as `import` writes it on the card."""
    return f' data-pr-card="{html_text(json.dumps(dict(facts), ensure_ascii=False, sort_keys=True))}"'


def read_card(page_html: str) -> dict[str, object] | None:
    """The facts of the document card in a built page, or None for a page with no card.

    The keys: ``issuer`` (发文机关), ``number``, ``written``, ``published``, ``topics``, ``index_number``,
    ``status``, ``status_date`` (each only when the card has it).
    """
    found = _CARD.search(page_html)
    if found is None:
        return None
    facts = json.loads(html.unescape(found.group(1)))
    return facts if isinstance(facts, dict) else None


def read_library(page_html: str) -> list[dict[str, object]] | None:
    """The facts of every text as the 文库 page in `page_html` carries them, or None for any other page.

    Each entry's keys: ``id``, ``title``, ``kind`` (``essays``, ``law``, ``report``, or a document's type:
    意见, 通知, 规划 …), ``kind_name``, ``issuer``, ``date``, ``year``, ``status``, ``topics``, ``interprets``,
    ``interpreted_by`` (a fact not known is null).
    """
    found = _LIBRARY.search(page_html)
    if found is None:
        return None
    entries = json.loads(found.group(1))
    return entries if isinstance(entries, list) else None
