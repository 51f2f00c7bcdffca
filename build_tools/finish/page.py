"""One built page made a page of the reader: terms, notes, previews, the select-to-note marker, assets.

A pure function of the page's HTML and what every page shares, so pages can be finished in
any order, apart, and kept from one run to the next while neither changes.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from build_tools.annotations.authoring import authoring_marker
from build_tools.annotations.render import annotation_edits, annotations_for_page, essay_paragraphs
from build_tools.citations.page import Downloads, cite_data, meta_tags
from build_tools.citations.work import CitedWork
from build_tools.common.errors import InputError
from build_tools.common.html_scan import Edit, Element, Scan, first_start_tag, scan, splice
from build_tools.common.page_marker import (
    TEXT_KINDS,
    UNLISTED,
    PageIdentity,
    PageKind,
    fill_edits,
    read_page_marker,
)
from build_tools.common.urls import page_url, relative_url, to_root
from build_tools.finish.assets import asset_tags
from build_tools.finish.footer_labels import footer_label_edits
from build_tools.finish.inputs import AnchoredNotes, ReaderInputs
from build_tools.finish.page_scan import NOTES_CLASS, read_page
from build_tools.finish.scrolling import scrolling_edits
from build_tools.finish.text_links import text_link_edits
from build_tools.finish.theme_scripts import held_script_edits
from build_tools.finish.themes import content_element, theme_names
from build_tools.glossary.marking import mark_terms
from build_tools.glossary.pages import PageUse, render_tooltips
from build_tools.search.index import CONFIG_SCRIPT, search_box_edit
from build_tools.search.labels import SearchLabel, search_label
from build_tools.search.sections import Section, page_sections, section_reader

#: In the head of every finished page: the step never adds the reader twice.
FINISHED = '<meta name="policy-reader" content="finished">'
#: The theme's page for a missing address: finished, but not a page search lists.
NOT_FOUND = "404.html"
_TOOLS_ROW = '<div class="pr-tools"></div>'
#: A heading below the title: a document's first part, chapter or article, above which its tools go.
_SUBHEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})

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
    """Whether the step has already finished this page: its head has the step's meta element.

    The step writes it as `FINISHED`: a page without that text was not finished, and the page is read for the
    element only when it has it (not in a comment, say).
    """
    marked = {"name": "policy-reader", "content": "finished"}
    return FINISHED in page_html and first_start_tag(page_html, "meta", "policy-reader", marked) is not None


def _title(page: Scan, identity: PageIdentity | None, site_name: str) -> str:
    if identity and identity.title:
        return identity.title
    found = page.find("title")
    title = html.unescape(page.inner(found)).strip() if found else ""
    return title.removesuffix(f" - {site_name}") if site_name else title


def _to_root(path: str, site_url: str) -> str:
    """How the page at `path` links the site root; the missing-page page (shown at any address) from the server root."""
    if path == NOT_FOUND:
        root = urlsplit(site_url or "/").path
        return root if root.endswith("/") else root + "/"
    return to_root(path)


def _before_end_tag(page: Scan, tag: str, path: str) -> int:
    """Where the end tag of the page's `tag` (``head``, ``body``) starts."""
    found = next((e for e in page.find_all(tag) if e.closed_by_tag), None)
    if found is None:
        raise InputError(path, f"the page has no </{tag}>", "finish a site of complete HTML pages")
    return found.close_start


@dataclass
class _Content:
    """A page's content as finished: its new text, what follows it, its search sections, its terms, its notes."""

    html: str
    extra: str = ""
    sections: tuple[Section, ...] = ()
    use: PageUse | None = None
    notes: bool = False


def finish_page(raw: str, path: str, shared: Shared) -> FinishedPage:
    """Finish the page the generator wrote to `path` (below the site root) as `raw`.

    The page is read once (`scan`); what the step changes around its content is spliced into the text as the
    generator wrote it, and its content is read once more only when it is an essay's or a document's.

    Raises:
        InputError: A page `import` wrote has no content the step can find (an unknown theme).
    """
    settings = shared.inputs.settings
    page = read_page(raw)
    identity = read_page_marker(page)
    url = page_url(path, settings.directory_urls)
    title = _title(page, identity, settings.site_name)
    article = content_element(page)
    if article is None and identity is not None:
        raise InputError(
            path,
            "the page has no content element of a theme the reader knows",
            f"build with one of: {theme_names()}; or add the theme's row to build_tools/finish/themes.py",
        )
    edits: list[Edit] = []
    content = _Content("")
    if article is not None:
        content = _content(page, article, url, title, identity, shared, listed=path != NOT_FOUND)
        edits.append((article.open_end, article.close_start, content.html + content.extra))
    notes = content.notes or page.find("aside", None, (NOTES_CLASS,)) is not None
    head, body = asset_tags(_to_root(path, settings.site_url), notes=notes)
    head_end = _before_end_tag(page, "head", path)
    if (work := _work(identity, shared)) is not None:
        head += meta_tags(work)
    edits.append((head_end, head_end, FINISHED + "\n" + head))
    body_end = _before_end_tag(page, "body", path)
    if body:
        edits.append((body_end, body_end, body))
    # The theme's own elements, around the content: what is inside it was finished above.
    content_at = (article.open_end, article.close_start) if article is not None else (0, 0)
    theme_edits = held_script_edits(page) + footer_label_edits(page)
    if page.find("script", {"id": CONFIG_SCRIPT["id"]}) is not None:
        theme_edits.append(search_box_edit(page))
    edits += [edit for edit in theme_edits if edit[1] <= content_at[0] or edit[0] >= content_at[1]]
    return FinishedPage(splice(raw, edits), identity, title, content.sections, content.use)


def _content(
    page: Scan, article: Element, url: str, title: str, identity: PageIdentity | None, shared: Shared, listed: bool
) -> _Content:
    """The content of a page (what `article` holds), finished."""
    listed = listed and (identity is None or identity.kind not in UNLISTED)
    label = search_label(identity) if listed else None
    within: Element | None = article
    fills = fill_edits(page, lambda name: shared.fill_content(name, url), article)
    if any(text for _start, _end, text in fills):  # what is filled in is read with the rest
        page, within, fills = scan(splice(page.source, fills, article.open_end, article.close_start)), None, []
    if identity is not None and identity.kind in TEXT_KINDS:
        return _essay(page, within, url, title, identity, shared, listed, label, fills)
    html = splice(page.source, scrolling_edits(page, within) + fills, *_bounds(page, within))
    # Read with an empty fill place still there: a block holding no text, where the page's text is cut anyway.
    sections = page_sections(page, url, title or url, label is not None, label, within) if listed else []
    return _Content(html, sections=tuple(sections), notes=False)


def _bounds(page: Scan, within: Element | None) -> tuple[int, int]:
    return (within.open_end, within.close_start) if within else (0, len(page.source))


def _essay(
    page: Scan,
    within: Element | None,
    url: str,
    title: str,
    identity: PageIdentity,
    shared: Shared,
    listed: bool,
    label: SearchLabel | None,
    fills: list[Edit],
) -> _Content:
    """An essay's content with its notes and terms, what follows it (tooltips, select-to-note), its terms.

    `fills` empty its fill places (nothing to fill in them).
    """
    inputs, notes = shared.inputs, shared.notes
    on_page = annotations_for_page(notes.by_page.get(url, []), url, relative_url)
    links = text_link_edits(page, lambda text_id: _text_url(text_id, url, notes), within)
    edits = annotation_edits(page, on_page, within, scrolling_edits(page, within) + links + fills)
    has_notes = any(on_page.notes.get(p.attrs["id"]) for p in essay_paragraphs(page, within))
    work = _work(identity, shared)
    if work is not None or has_notes or page.find("aside", None, (NOTES_CLASS,), within) is not None:
        edits += _tools_row(page, within)
    annotated = scan(splice(page.source, edits, *_bounds(page, within)))
    reader, read_sections = section_reader(url, title or url, label is not None, label)
    marked = mark_terms(annotated, inputs.matcher, inputs.settings.glossary_marks, [reader] if listed else [])
    glossary_link = relative_url(shared.glossary_url, url)
    extra = render_tooltips((inputs.glossary.by_id[t] for t in marked.marked_terms), glossary_link)
    found = notes.corpus.find(f"{identity.source}/{identity.article}")
    if len(found) == 1:
        settings = inputs.settings
        extra += authoring_marker(notes.corpus, found[0], settings.repo_url, settings.edit_branch, settings.annotations)
    if work is not None:
        extra += cite_data(work, Downloads.of(work, lambda target: relative_url(target, url)))
    sections = tuple(read_sections()) if listed else ()
    use = PageUse(url, title or url, tuple(marked.occurrences))
    return _Content(marked.html, extra, sections, use, has_notes)


def _text_url(text_id: str, here: str, notes: AnchoredNotes) -> str | None:
    """The address of the document `text_id` from the page at `here`, as the notes' links have it.

    A document is its source's one text, known to the notes by the source's id twice (``id/id``).
    """
    found = notes.corpus.find(f"{text_id}/{text_id}")
    return relative_url(found[0].url, here) if len(found) == 1 else None


def _tools_row(page: Scan, within: Element | None) -> list[Edit]:
    """An empty row for the page's tools: before its byline, first paragraph or first subheading.

    A law's first chapter heading comes before its first paragraph: the row stays with the title, not between
    第一条 and its text. The 引用 button and the notes switch go there once the reader's script comes, after the
    first paint; the row, kept open for them from the start (notes.css), lets nothing below it move when they do.
    """
    for element in page.elements_in(within):
        if (
            element.tag in _SUBHEADINGS
            or element.has("p", None, ("pr-byline",))
            or element.has("div", None, ("pr-para",))
        ):
            return [(element.start, element.start, _TOOLS_ROW)]
    return []


def _work(identity: PageIdentity | None, shared: Shared) -> CitedWork | None:
    """What an essay's or a document's page is cited as; None for any other page."""
    if identity is None or identity.kind not in TEXT_KINDS:
        return None
    if identity.kind == PageKind.DOCUMENT:  # a document is its source's one text, cited by the source's id
        return shared.works.get(identity.source or "")
    return shared.works.get(f"{identity.source}/{identity.article}")
