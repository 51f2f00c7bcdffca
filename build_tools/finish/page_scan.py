"""A built page read for what the step needs of it: its content whole, and the few tags it reads or edits around it.

A theme may put its whole navigation into every page (Zensical does: a link per source page), so a page
grows with the archive, and reading each page whole costs the site the square of its size (issue 36). The
step needs the tree of the content only (the theme's content element, `themes.py`); around it, it reads or
edits a few tags: the head and the body (where the reader's tags go), the title, the metas (the theme, the
finished mark), the scripts (held until the first paint; the search box's configuration), the page marker,
an aside of notes and the footer's links. So `read_page` finds those in one compiled pattern over the page
(`next_landmark`: comments, scripts and attributes skipped as `scan` skips them, so a navigation holding
the same words fools nothing), reads the content element alone (`scan_element`), and gives a `Scan` that
answers every question the step asks of a page as `scan(page)` would. Where it could not be sure of
that (no content element, an end tag inside the content closing nothing there, more than one head or
body), it reads the page whole.
"""

from __future__ import annotations

from build_tools.common.html_scan import END, Element, Scan, next_landmark, scan, scan_element
from build_tools.common.page_marker import MARKER_CLASS
from build_tools.finish.footer_labels import FOOTER_LINK
from build_tools.finish.themes import THEMES

#: A page with notes (an ``<aside>`` of this class), whose margin its head script lays out before the first paint.
NOTES_CLASS = "pr-notes"
#: The start tags the step reads or edits around a page's content, and what their attributes hold as written.
_AROUND = (
    ("head", ""),
    ("body", ""),
    ("title", ""),
    ("meta", ""),
    ("script", ""),
    ("div", MARKER_CLASS),
    ("aside", NOTES_CLASS),
    ("a", FOOTER_LINK),
)
#: The end tags it reads there: where the reader's tags go.
_ENDS = ("head", "body")
_CONTENT = tuple(dict.fromkeys((theme.element, theme.content) for theme in THEMES))
_STARTS = tuple(dict.fromkeys(_AROUND + tuple((tag, classes[0]) for tag, classes in _CONTENT)))


def _is_content(element: Element) -> bool:
    return any(element.has(tag, None, classes) for tag, classes in _CONTENT)


def read_page(source: str) -> Scan:
    """`source` (a built page) read for the step: the tree of its content, the tags it reads around it.

    The elements around the content know their start tag only (their end is taken as where it ends), but the
    head and the body, whose end tags are read, and raw text elements (a script, the title), whose text is.
    """
    elements: list[Element] = []
    others = []
    ends: list[tuple[str, int, int]] = []
    content: Element | None = None
    at = 0
    while (found := next_landmark(source, at, _STARTS, _ENDS)) is not None:
        kind, name, element, start, end = found
        at = end
        if kind == END or element is None:
            ends.append((name, start, end))
            continue
        if content is None and _is_content(element):
            read = scan_element(source, start)
            content = read.elements[0]
            if not content.closed_by_tag or read.stray_end_tags:
                return scan(source)  # something inside reaches out of it: only the whole page tells
            elements += read.elements
            others += read.others
            at = content.end
            continue
        if not hasattr(element, "end"):
            element.close_start = element.end = element.open_end
        elements.append(element)
    if content is None:
        return scan(source)
    for tag in _ENDS:
        opened = [e for e in elements if e.tag == tag]
        if len(opened) != 1 or content.start <= opened[0].start < content.end:
            return scan(source)
        closing = next(((s, e) for name, s, e in ends if name == tag and s > opened[0].start), None)
        if closing is not None:
            opened[0].close_start, opened[0].end = closing
    return Scan(source, elements, others)
