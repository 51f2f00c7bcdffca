"""The content of the reader's own pages (glossary, measures map), made from what editors change.

`import` writes only their place (a stub with a fill marker), so a pull request that edits
glossary.yaml or a note needs no re-import. The step fills the place in the built page;
a generator adapter that can hand the generator Markdown (MkDocs) fills it before
rendering instead, and the page then keeps the theme's table of contents.
"""

from __future__ import annotations

from build_tools.annotations.interprets import (
    noted_interpreted_by_markdown,
    noted_interprets_markdown,
    noted_readings_markdown,
)
from build_tools.annotations.measures_map import measures_page_body
from build_tools.common.page_marker import filled
from build_tools.common.urls import markdown_page_url, relative_url
from build_tools.finish.inputs import AnchoredNotes, ReaderInputs
from build_tools.finish.markdown import render_markdown
from build_tools.glossary.pages import glossary_page_body


def fill_markdown(name: str, page_url: str, inputs: ReaderInputs, notes: AnchoredNotes) -> str:
    """The Markdown of fill place `name` (``glossary`` or ``measures``) on the page at `page_url`."""
    if name == "glossary":
        return glossary_page_body(inputs.glossary)
    if name == "measures":
        return measures_page_body(notes.corpus, notes.resolved, page_url, relative_url)
    return _noted_markdown(name, page_url, inputs, notes)


def _noted_markdown(name: str, page_url: str, inputs: ReaderInputs, notes: AnchoredNotes) -> str:
    """A place for the 解读 relations notes imply (see build_tools/annotations/interprets.py); "" if none."""
    kind, _, text_id = name.partition("-")
    by_id = {source.id: source for source in inputs.sources}
    directory_urls = inputs.settings.directory_urls

    def link(path: str) -> str:
        return relative_url(markdown_page_url(path, directory_urls), page_url)

    if kind == "readings":
        declared = any(text_id == i for s in inputs.sources for i, _line in s.manifest.interprets)
        return noted_readings_markdown(text_id, notes.readings, by_id, link, declared)
    if kind == "interprets":
        return noted_interprets_markdown(text_id, notes.readings, by_id, link, "pr-interprets")
    if kind == "library":
        essays = noted_interprets_markdown(text_id, notes.readings, by_id, link, "pr-library__relation")
        return essays + noted_interpreted_by_markdown(text_id, notes.readings, by_id, link)
    return ""


def fill_html(name: str, page_url: str, inputs: ReaderInputs, notes: AnchoredNotes) -> str:
    """`fill_markdown` rendered, for a page the generator has built already."""
    return render_markdown(fill_markdown(name, page_url, inputs, notes), inputs.settings.markdown_extensions)


def filled_stub(stub: str, page_url: str, inputs: ReaderInputs, notes: AnchoredNotes) -> str:
    """A stub's Markdown with each fill place replaced by its Markdown: the whole page, for the generator."""
    return filled(stub, lambda name: fill_markdown(name, page_url, inputs, notes))
