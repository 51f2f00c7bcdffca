"""Wrap glossary terms in an essay page's HTML, and record where each one is used."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from build_tools.common.html_scan import Element, Scan, TextPass, read_text, scan
from build_tools.common.markup import html_text
from build_tools.glossary.matcher import TermMatcher

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
SECTION_HEADINGS = frozenset({"h2", "h3", "h4"})
# Terms are never marked inside these: a heading, a link, code, or a mark of their own.
NEVER_INSIDE = frozenset(
    {"a", "code", "pre", "kbd", "samp", "script", "style", "button", "textarea", "template", *HEADINGS}
)
TERM_CLASS = "pr-term"
_ESSAY_PARAGRAPH = re.compile(r"^p\d+$")


class MarkPolicy(StrEnum):
    """Which occurrences of a term get a tooltip."""

    EVERY = "every"
    FIRST_IN_SECTION = "first-in-section"
    FIRST_ON_PAGE = "first-on-page"


@dataclass(frozen=True)
class Occurrence:
    """A term found in an essay paragraph.

    Attributes:
        term_id: The term.
        section_id: The id of the heading above (None before the first heading).
        section_title: That heading's text.
        paragraph_id: The paragraph's id, for a link straight to it.
        marked: Whether it got a tooltip (the policy may leave repeats plain).
    """

    term_id: str
    section_id: str | None
    section_title: str | None
    paragraph_id: str
    marked: bool


@dataclass
class MarkedPage:
    """A page's HTML with its terms marked, and every occurrence found."""

    html: str
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def marked_terms(self) -> list[str]:
        """The ids of the terms that got a tooltip, in order of first appearance."""
        return list(dict.fromkeys(o.term_id for o in self.occurrences if o.marked))


def essay_paragraph(element: Element) -> str | None:
    """The id of `element` if it is an essay paragraph (``<p id="p3">``)."""
    if element.tag == "p" and _ESSAY_PARAGRAPH.match(element.attrs.get("id", "")):
        return element.attrs["id"]
    return None


#: What the text inside an element is: (its essay paragraph, whether terms are never marked there,
#: whether it is in a section heading, whether it is in a link).
_Context = tuple[str | None, bool, bool, bool]
_OUTSIDE: _Context = (None, False, False, False)


def _context(element: Element, outer: _Context) -> _Context:
    """The context of the text inside `element`, which is itself in `outer`."""
    paragraph, never, heading, link = outer
    return (
        essay_paragraph(element) or paragraph,
        never or element.tag in NEVER_INSIDE or TERM_CLASS in element.classes,
        heading or element.tag in SECTION_HEADINGS,
        link or element.tag == "a",
    )


def mark_terms(
    html: str | Scan,
    matcher: TermMatcher,
    policy: MarkPolicy = MarkPolicy.FIRST_IN_SECTION,
    readers: Iterable[TextPass] = (),
) -> MarkedPage:
    """Wrap the terms in the essay paragraphs of `html` in focusable ``data-term`` elements.

    `readers` read the same text in the same pass (the page's search sections).
    """
    page = html if isinstance(html, Scan) else scan(html)
    result = MarkedPage(page.source)
    section: dict[str, str | None] = {"id": None, "title": None}
    heading_text: list[str] = []
    seen: set[tuple[str, str | None]] = set()
    places: dict[tuple[str | None, str | None, str, bool], _Occurrences] = {}
    opening_tags = _OpeningTags()
    # Each open element's context, by depth: worked out once as it opens, not from the whole stack for each text.
    contexts: list[_Context] = []

    def on_open(element: Element, stack: list[Element]) -> None:
        if element.tag in SECTION_HEADINGS:
            heading_text.clear()
        del contexts[len(stack) - 1 :]  # those of elements closed since
        contexts.append(_context(element, contexts[-1] if contexts else _OUTSIDE))

    def on_close(element: Element, stack: list[Element]) -> None:
        if element.tag in SECTION_HEADINGS and element.attrs.get("id"):
            section["id"], section["title"] = element.attrs["id"], "".join(heading_text).strip()

    def occurrences_at(paragraph: str, marked: bool) -> _Occurrences:
        place = (section["id"], section["title"], paragraph, marked)
        if place not in places:
            places[place] = _Occurrences(*place)
        return places[place]

    def on_text(text: str, stack: list[Element]) -> str:
        if not stack:
            return text  # between elements: no heading, no paragraph
        paragraph, never, heading, link = contexts[len(stack) - 1]
        if heading and not link:
            heading_text.append(text)
        if paragraph is None or never:
            return text
        spans = matcher.spans(text)
        if not spans:
            return text
        every = policy is MarkPolicy.EVERY
        scope = None if policy is MarkPolicy.FIRST_ON_PAGE else section["id"]
        marked_here, plain_here = occurrences_at(paragraph, True), occurrences_at(paragraph, False)
        found = result.occurrences
        out: list[str] = []
        last = 0
        for start, end, term_id in spans:
            if not every:
                if (term_id, scope) in seen:
                    found.append(plain_here[term_id])
                    continue
                seen.add((term_id, scope))
            found.append(marked_here[term_id])
            out += (text[last:start], opening_tags[term_id], text[start:end], "</span>")
            last = end
        return "".join(out) + text[last:] if out else text

    result.html = read_text(page, TextPass(on_text, on_open, on_close), readers)
    return result


class _Occurrences(dict[str, Occurrence]):
    """The occurrences of terms at one place (section, paragraph, marked or not), by term.

    Occurrences are frozen, so the equal ones are one object: looking it up costs far
    less than making a new dataclass, and a dense page has thousands.
    """

    def __init__(self, section_id: str | None, section_title: str | None, paragraph_id: str, marked: bool) -> None:
        super().__init__()
        self.place = (section_id, section_title, paragraph_id, marked)

    def __missing__(self, term_id: str) -> Occurrence:
        occurrence = self[term_id] = Occurrence(term_id, *self.place)
        return occurrence


class _OpeningTags(dict[str, str]):
    """The tag that opens each term's mark, written once per page."""

    def __missing__(self, term_id: str) -> str:
        term = html_text(term_id)
        tag = self[term_id] = (
            f'<span class="{TERM_CLASS}" data-term="{term}" tabindex="0" aria-describedby="pr-tip-{term}">'
        )
        return tag
