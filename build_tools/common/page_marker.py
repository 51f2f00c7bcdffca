"""What a page is, written into its HTML: the one thing the step over a built site learns from a generator.

`import` writes the marker into every page as a raw HTML block, which every Markdown renderer
passes through as it is; the step over the built site (`build_tools/finish/`) reads it back
from whatever HTML the generator made, so it never needs the generator's own page objects.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from build_tools.common.errors import InputError
from build_tools.common.html_scan import Edit, Element, Scan, first_start_tag, scan, splice, start_tags
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
#: The marker as `page_marker` writes it, in Markdown.
_MARKER = re.compile(r'<div class="pr-page" hidden((?: data-pr-[a-z]+="[^"]*")*)></div>')
#: A name, or a name and the id of the text it is filled for (``readings-<document id>``).
_FILL_NAME = re.compile(r"[a-z]+(?:-.+)?", re.DOTALL)
_FILL_CLASS = "pr-fill"
_FILL_ATTR = "data-pr-fill"
#: The elements a fill place is: a ``div``, or a ``p`` inside a block search skips.
_FILL_TAGS = ("div", "p")
#: The id of the 文库 page's data: every text's facts, as JSON (see build_tools/importer/library.py).
LIBRARY_DATA_ID = "pr-library-data"
#: A document's card (issuer, number, dates, topics, status) as the built page carries it.
_CARD_CLASS = "pr-doc-card"


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


def _scanned(page: str | Scan) -> Scan:
    return page if isinstance(page, Scan) else scan(page)


def read_page_marker(page: str | Scan, path: str = "a page of the site") -> PageIdentity | None:
    """The identity a built page (its text, or the page scanned) carries, or None for a page `import` did not write.

    Raises:
        InputError: The marker names a kind `import` does not write (a marker written by hand, or by another version).
    """
    if isinstance(page, str):  # read for this alone: not worth the whole tree
        found = first_start_tag(page, "div", MARKER_CLASS, {"hidden": True}, (MARKER_CLASS,))
    else:
        found = page.find("div", {"hidden": True}, (MARKER_CLASS,))
    if found is None:
        return None
    values = found.attrs
    try:
        kind = PageKind(values.get("data-pr-kind", ""))
    except ValueError:
        raise InputError(
            path,
            f'its page marker says data-pr-kind="{values.get("data-pr-kind", "")}", which is not a kind of page '
            f"`import` writes ({', '.join(PageKind)})",
            "run `policy-reader import` with this version and build the site again",
        ) from None
    return PageIdentity(
        kind,
        values.get("data-pr-title", ""),
        values.get("data-pr-source"),
        values.get("data-pr-article"),
        values.get("data-pr-status"),
        values.get("data-pr-genre"),
        values.get("data-pr-date"),
    )


def _fill_places(page: str | Scan, within: Element | None = None) -> list[tuple[str, Element]]:
    """Each fill place of `page` (inside `within`): its name and element.

    A ``div``, or a ``p`` inside a block search skips.
    """
    if isinstance(page, str):  # read for its fill places alone (a page's fingerprint): not worth the whole tree
        found: Iterable[Element] = start_tags(page, _FILL_TAGS, _FILL_ATTR, {_FILL_ATTR: True}, (_FILL_CLASS,))
    else:
        found = (e for e in page.find_all(None, {_FILL_ATTR: True}, (_FILL_CLASS,), within) if e.tag in _FILL_TAGS)
    return [(e.attrs[_FILL_ATTR], e) for e in found if _FILL_NAME.fullmatch(e.attrs[_FILL_ATTR])]


def fill_places(page: str | Scan) -> list[str]:
    """The names of the fill places in `page` (``glossary``, ``measures``, ``readings-<text id>``)."""
    if isinstance(page, str) and _FILL_CLASS not in page:
        return []  # every Markdown page is asked, and few have one
    return [name for name, _element in _fill_places(page)]


def fill_edits(page: Scan, content_of: Callable[[str], str], within: Element | None = None) -> list[Edit]:
    """The changes that replace each fill place of `page` (inside `within`) by what `content_of` gives its name."""
    return [(e.start, e.end, content_of(name)) for name, e in _fill_places(page, within)]


def filled(page: str | Scan, content_of: Callable[[str], str], within: Element | None = None) -> str:
    """`page` (or what its element `within` holds) with each fill place replaced.

    What replaces a place is what `content_of` gives for its name.
    """
    if isinstance(page, str) and _FILL_CLASS not in page:
        return page
    found = _scanned(page)
    edits = fill_edits(found, content_of, within)
    return splice(found.source, edits, *((within.open_end, within.close_start) if within else (0, None)))


def card_data_attribute(facts: Mapping[str, object]) -> str:
    """The ``data-pr-card`` attribute holding a document card's facts as JSON, as `import` writes it on the card."""
    return f' data-pr-card="{html_text(json.dumps(dict(facts), ensure_ascii=False, sort_keys=True))}"'


def read_card(page: str | Scan) -> dict[str, object] | None:
    """The facts of the document card in a built page, or None for a page with no card.

    The keys: ``issuer`` (发文机关), ``number``, ``written``, ``published``, ``topics``, ``index_number``,
    ``status``, ``status_date`` (each only when the card has it).
    """
    found = _scanned(page).find("dl", {"data-pr-card": True}, (_CARD_CLASS,))
    if found is None:
        return None
    facts = json.loads(found.attrs["data-pr-card"])
    return facts if isinstance(facts, dict) else None


def read_library(page: str | Scan) -> list[dict[str, object]] | None:
    """The facts of every text as the 文库 page in `page` carries them, or None for any other page.

    Each entry's keys: ``id``, ``title``, ``kind`` (``essays``, ``law``, ``report``, or a document's type:
    意见, 通知, 规划 …), ``kind_name``, ``issuer``, ``date``, ``year``, ``status``, ``topics``, ``interprets``,
    ``interpreted_by`` (a fact not known is null).
    """
    scanned = _scanned(page)
    found = scanned.find("script", {"id": LIBRARY_DATA_ID, "type": "application/json"})
    if found is None:
        return None
    entries = json.loads(scanned.inner(found))
    return entries if isinstance(entries, list) else None
