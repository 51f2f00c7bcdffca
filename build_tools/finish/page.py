"""One built page made a page of the reader: terms, notes, previews, the select-to-note marker, assets.

A pure function of the page's HTML and what every page shares, so pages can be finished in
any order, apart, and kept from one run to the next while neither changes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from build_tools.annotations.authoring import authoring_marker
from build_tools.annotations.render import annotations_for_page, apply_to_page
from build_tools.citations.page import Downloads, cite_data, with_meta_tags
from build_tools.citations.work import CitedWork
from build_tools.common.errors import InputError
from build_tools.common.page_marker import (
    TEXT_KINDS,
    UNLISTED,
    PageIdentity,
    PageKind,
    fill,
    fill_places,
    read_page_marker,
)
from build_tools.common.urls import page_url, relative_url, to_root
from build_tools.finish.assets import asset_tags
from build_tools.finish.footer_labels import footer_labels_escaped_once
from build_tools.finish.inputs import AnchoredNotes, ReaderInputs
from build_tools.finish.scrolling import focusable_scrolling_regions
from build_tools.finish.text_links import point_text_links
from build_tools.finish.theme_scripts import held_theme_scripts
from build_tools.finish.themes import content_region, theme_names
from build_tools.glossary.marking import mark_terms
from build_tools.glossary.pages import PageUse, render_tooltips
from build_tools.search.index import point_search_box_at_engine
from build_tools.search.labels import search_label
from build_tools.search.sections import Section, page_sections

#: In the head of every finished page: the step never adds the reader twice.
FINISHED = '<meta name="policy-reader" content="finished">'
#: The theme's page for a missing address: finished, but not a page search lists.
NOT_FOUND = "404.html"
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_CONFIG = '<script id="__config"'
#: A page with notes, whose margin its head script lays out before the first paint.
_NOTES = '<aside class="pr-notes"'
_BYLINE = '<p class="pr-byline"'
_PARAGRAPH = '<div class="pr-para'
_TOOLS_ROW = '<div class="pr-tools"></div>'
#: A heading below the title: a document's first part, chapter or article, above which its tools go.
_SUBHEADING = re.compile(r"<h[2-6][\s>]")

#: The content of a fill place (``glossary``, ``measures``) on the page at an address.
FillContent = Callable[[str, str], str]


@dataclass(frozen=True)
class Shared:
    """What every page of one site is finished with."""

    inputs: ReaderInputs
    notes: AnchoredNotes
    glossary_url: str
    fill_content: FillContent
    works: dict[str, CitedWork]


@dataclass(frozen=True)
class FinishedPage:
    """A finished page, and what it gives the whole site.

    Attributes:
        html: The page (on the glossary page, its back-links not yet filled in).
        identity: What `import` wrote the page as (None for a page it did not write).
        title: The page's title, as search lists it.
        sections: Its search sections.
        use: The terms it uses, if it is an essay.
    """

    html: str
    identity: PageIdentity | None
    title: str
    sections: tuple[Section, ...]
    use: PageUse | None


def is_finished(page_html: str) -> bool:
    """Whether the step has already finished this page."""
    return FINISHED in page_html


def _title(page_html: str, identity: PageIdentity | None, site_name: str) -> str:
    if identity and identity.title:
        return identity.title
    found = _TITLE.search(page_html)
    title = html.unescape(found.group(1)).strip() if found else ""
    return title.removesuffix(f" - {site_name}") if site_name else title


def _to_root(path: str, site_url: str) -> str:
    """How the page at `path` links the site root; the missing-page page (shown at any address) from the server root."""
    if path == NOT_FOUND:
        root = urlsplit(site_url or "/").path
        return root if root.endswith("/") else root + "/"
    return to_root(path)


def _insert_before(page_html: str, closing: str, text: str, path: str) -> str:
    at = page_html.rfind(closing)
    if at < 0:
        raise InputError(path, f"the page has no {closing}", "finish a site of complete HTML pages")
    return page_html[:at] + text + page_html[at:]


def finish_page(raw: str, path: str, shared: Shared) -> FinishedPage:
    """Finish the page the generator wrote to `path` (below the site root) as `raw`.

    Raises:
        InputError: A page `import` wrote has no content the step can find (an unknown theme).
    """
    settings = shared.inputs.settings
    identity = read_page_marker(raw)
    url = page_url(path, settings.directory_urls)
    title = _title(raw, identity, settings.site_name)
    region = content_region(raw)
    if region is None and identity is not None:
        raise InputError(
            path,
            "the page has no content element of a theme the reader knows",
            f"build with one of: {theme_names()}; or add the theme's row to build_tools/finish/themes.py",
        )
    use = None
    sections: tuple[Section, ...] = ()
    page_html = raw
    if region is not None:
        start, end = region
        content, extra = raw[start:end], ""
        for name in fill_places(content):
            content = fill(content, name, shared.fill_content(name, url))
        content = focusable_scrolling_regions(content)
        if identity is not None and identity.kind in TEXT_KINDS:
            content, extra, use = _essay(content, url, title, identity, shared)
        if path != NOT_FOUND and (identity is None or identity.kind not in UNLISTED):
            label = search_label(identity)
            sections = tuple(page_sections(content, url, title or url, label is not None, label))
        page_html = raw[:start] + content + extra + raw[end:]
    head, body = asset_tags(_to_root(path, settings.site_url), notes=_NOTES in page_html)
    page_html = _insert_before(page_html, "</head>", FINISHED + "\n" + head, path)
    if (work := _work(identity, shared)) is not None:
        page_html = with_meta_tags(page_html, work)
    page_html = held_theme_scripts(_insert_before(page_html, "</body>", body, path))
    page_html = footer_labels_escaped_once(page_html)
    if _CONFIG in page_html:
        page_html = point_search_box_at_engine(page_html)
    return FinishedPage(page_html, identity, title, sections, use)


def _essay(content: str, url: str, title: str, identity: PageIdentity, shared: Shared) -> tuple[str, str, PageUse]:
    """An essay's content with its notes and terms, what follows it (tooltips, select-to-note), its terms."""
    inputs, notes = shared.inputs, shared.notes
    on_page = annotations_for_page(notes.by_page.get(url, []), url, relative_url)
    content = point_text_links(content, lambda text_id: _text_url(text_id, url, notes))
    marked = mark_terms(apply_to_page(content, on_page), inputs.matcher, inputs.settings.glossary_marks)
    glossary_link = relative_url(shared.glossary_url, url)
    extra = render_tooltips((inputs.glossary.by_id[t] for t in marked.marked_terms), glossary_link)
    found = notes.corpus.find(f"{identity.source}/{identity.article}")
    if len(found) == 1:
        settings = inputs.settings
        extra += authoring_marker(notes.corpus, found[0], settings.repo_url, settings.edit_branch, settings.annotations)
    html = marked.html
    if (work := _work(identity, shared)) is not None:
        extra += cite_data(work, Downloads.of(work, lambda target: relative_url(target, url)))
    if work is not None or _NOTES in html:
        html = with_tools_row(html)
    return html, extra, PageUse(url, title or url, tuple(marked.occurrences))


def _text_url(text_id: str, here: str, notes: AnchoredNotes) -> str | None:
    """The address of the document `text_id` from the page at `here`, as the notes' links have it.

    A document is its source's one text, known to the notes by the source's id twice (``id/id``).
    """
    found = notes.corpus.find(f"{text_id}/{text_id}")
    return relative_url(found[0].url, here) if len(found) == 1 else None


def with_tools_row(content: str) -> str:
    """`content` with an empty row for the page's tools: before its byline, first paragraph or first subheading.

    A law's first chapter heading comes before its first paragraph: the row stays with the title, not between
    第一条 and its text. The 引用 button and the notes switch go there once the reader's script comes, after the
    first paint; the row, kept open for them from the start (notes.css), lets nothing below it move when they do.
    """
    heading = _SUBHEADING.search(content)
    found = (content.find(_BYLINE), content.find(_PARAGRAPH), heading.start() if heading else -1)
    at = min((i for i in found if i >= 0), default=-1)
    return content if at < 0 else content[:at] + _TOOLS_ROW + content[at:]


def _work(identity: PageIdentity | None, shared: Shared) -> CitedWork | None:
    """What an essay's or a document's page is cited as; None for any other page."""
    if identity is None or identity.kind not in TEXT_KINDS:
        return None
    if identity.kind == PageKind.DOCUMENT:  # a document is its source's one text, cited by the source's id
        return shared.works.get(identity.source or "")
    return shared.works.get(f"{identity.source}/{identity.article}")
