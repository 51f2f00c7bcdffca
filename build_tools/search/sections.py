"""Cut a page's HTML into the sections a reader can land on: each heading with an id starts one."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from build_tools.common.html_scan import Element, Scan, TextPass, read_text, scan
from build_tools.search.labels import SearchLabel

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Not the essay's words: editors' notes, tooltips, paragraph numbers, heading permalinks, an earlier
# edition's notes on where each paragraph stands now.
_SKIPPED_CLASSES = frozenset(
    {
        "pr-note",
        "pr-tooltips",
        "pr-para__link",
        "headerlink",
        "pr-note--backlink",
        "pr-counterpart",
        "pr-edition-notice",
    }
)
_SKIPPED_TAGS = frozenset({"script", "style", "template", "details", "button"})
_BLOCKS = frozenset({"p", "li", "div", "br", "tr", "td", "th", "dd", "dt", "blockquote", *_HEADINGS})
_SPACE = re.compile(r"\s+")


@dataclass
class Section:
    """A stretch of a page under one heading: where it is, what it is called, and its text.

    `essay` marks a text's sections (an essay, a document, an earlier edition), listed before other pages';
    `label` says what text it is (its page's, on every section of it).
    """

    location: str
    title: str
    text: str = ""
    essay: bool = False
    label: SearchLabel | None = None
    parts: list[str] = field(default_factory=list, repr=False)


def _skipped(stack: list[Element]) -> bool:
    return any(
        e.tag in _SKIPPED_TAGS or "data-search-exclude" in e.attrs or e.classes & _SKIPPED_CLASSES for e in stack
    )


def section_reader(
    page_url: str, page_title: str, essay: bool = False, label: SearchLabel | None = None
) -> tuple[TextPass, Callable[[], list[Section]]]:
    """A pass that reads a page's content into its sections (see `page_sections`), and what gives them once read."""
    sections = [Section(page_url, page_title, essay=essay, label=label)]
    heading: list[str] | None = None
    heading_id = ""

    def on_open(element: Element, stack: list[Element]) -> None:
        nonlocal heading, heading_id
        if element.tag in _HEADINGS and element.attrs.get("id") and element.tag != "h1":
            heading, heading_id = [], element.attrs["id"]
        elif element.tag in _BLOCKS and not _skipped(stack):
            sections[-1].parts.append("\n")
        elif element.classes & {"pr-author", "pr-author__post"}:
            # Each author, and each author's post, apart: no word runs from one into the next.
            sections[-1].parts.append(" ")

    def on_close(element: Element, stack: list[Element]) -> None:
        nonlocal heading
        if element.tag in _HEADINGS and heading is not None and element.attrs.get("id") == heading_id:
            title = _SPACE.sub(" ", "".join(heading)).strip()
            sections.append(Section(f"{page_url}#{heading_id}", title, essay=essay, label=label))
            heading = None

    def on_text(text: str, stack: list[Element]) -> str:
        if _skipped(stack):
            return text
        if heading is not None:
            heading.append(html_lib.unescape(text))
        elif not any(e.tag == "h1" for e in stack):
            sections[-1].parts.append(html_lib.unescape(text))
        return text

    def read() -> list[Section]:
        for section in sections:
            lines = (line.strip() for line in "".join(section.parts).split("\n"))
            section.text = "\n".join(line for line in lines if line)
            section.parts = []
        return [s for s in sections if s.text or s.location == page_url or s.title]

    return TextPass(on_text, on_open, on_close), read


def page_sections(
    content_html: str | Scan,
    page_url: str,
    page_title: str,
    essay: bool = False,
    label: SearchLabel | None = None,
    within: Element | None = None,
) -> list[Section]:
    """The sections of a page's content, the first (before any heading with an id) titled by the page.

    `essay` marks the sections of a text's page, which search lists before other pages; `label` says which text.
    The content is `content_html` whole, or what the element `within` of it holds.
    """
    reader, sections = section_reader(page_url, page_title, essay, label)
    read_text(content_html if isinstance(content_html, Scan) else scan(content_html), reader, within=within)
    return sections()
