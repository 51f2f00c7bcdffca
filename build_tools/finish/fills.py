"""The content of the reader's own pages (glossary, measures map), made from what editors change.

`import` writes only their place (a stub with a fill marker), so a pull request that edits
glossary.yaml or a note needs no re-import. The step fills the place in the built page;
a generator adapter that can hand the generator Markdown (MkDocs) fills it before
rendering instead, and the page then keeps the theme's table of contents.
"""

from __future__ import annotations

from build_tools.annotations.measures_map import measures_page_body
from build_tools.common.page_marker import fill, fill_places
from build_tools.common.urls import relative_url
from build_tools.finish.inputs import AnchoredNotes, ReaderInputs
from build_tools.finish.markdown import render_markdown
from build_tools.glossary.pages import glossary_page_body


def fill_markdown(name: str, page_url: str, inputs: ReaderInputs, notes: AnchoredNotes) -> str:
    """The Markdown of fill place `name` (``glossary`` or ``measures``) on the page at `page_url`."""
    if name == "glossary":
        return glossary_page_body(inputs.glossary)
    return measures_page_body(notes.corpus, notes.resolved, page_url, relative_url)


def fill_html(name: str, page_url: str, inputs: ReaderInputs, notes: AnchoredNotes) -> str:
    """`fill_markdown` rendered, for a page the generator has built already."""
    return render_markdown(fill_markdown(name, page_url, inputs, notes))


def filled_stub(stub: str, page_url: str, inputs: ReaderInputs, notes: AnchoredNotes) -> str:
    """A stub's Markdown with each fill place replaced by its Markdown: the whole page, for the generator."""
    for name in fill_places(stub):
        stub = fill(stub, name, fill_markdown(name, page_url, inputs, notes))
    return stub
