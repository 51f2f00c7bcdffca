"""Wrap glossary terms in an essay page's HTML, and record where each one is used."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from build_tools.glossary.matcher import TermMatcher
from build_tools.html_stream import Element, rewrite_text
from build_tools.markup import html_text

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
SECTION_HEADINGS = frozenset({"h2", "h3", "h4"})
# Terms are never marked inside these: a heading, a link, code, or a mark of their own.
NEVER_INSIDE = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "button", "textarea", *HEADINGS})
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


def in_essay_paragraph(stack: list[Element]) -> str | None:
    """The id of the essay paragraph (``<p id="p3">``) around the text, if it is in one."""
    for element in reversed(stack):
        if element.tag == "p" and _ESSAY_PARAGRAPH.match(element.attrs.get("id", "")):
            return element.attrs["id"]
    return None


def mark_terms(html: str, matcher: TermMatcher, policy: MarkPolicy = MarkPolicy.FIRST_IN_SECTION) -> MarkedPage:
    """Wrap the terms in the essay paragraphs of `html` in focusable ``data-term`` elements."""
    result = MarkedPage(html)
    section: dict[str, str | None] = {"id": None, "title": None}
    heading_text: list[str] = []
    seen: set[tuple[str, str | None]] = set()

    def on_open(element: Element, stack: list[Element]) -> None:
        if element.tag in SECTION_HEADINGS:
            heading_text.clear()

    def on_close(element: Element, stack: list[Element]) -> None:
        if element.tag in SECTION_HEADINGS and element.attrs.get("id"):
            section["id"], section["title"] = element.attrs["id"], "".join(heading_text).strip()

    def on_text(text: str, stack: list[Element]) -> str:
        if any(e.tag in SECTION_HEADINGS for e in stack) and not any(e.tag == "a" for e in stack):
            heading_text.append(text)
        paragraph = in_essay_paragraph(stack)
        if paragraph is None or any(e.tag in NEVER_INSIDE or TERM_CLASS in e.classes for e in stack):
            return text
        out, last = [], 0
        for match in matcher.find(text):
            scope = None if policy is MarkPolicy.FIRST_ON_PAGE else section["id"]
            key = (match.term_id, scope)
            marked = policy is MarkPolicy.EVERY or key not in seen
            seen.add(key)
            result.occurrences.append(Occurrence(match.term_id, section["id"], section["title"], paragraph, marked))
            if marked:
                out += [text[last : match.start], _mark(match.term_id, text[match.start : match.end])]
                last = match.end
        return "".join(out) + text[last:] if out else text

    result.html = rewrite_text(html, on_text, on_open, on_close)
    return result


def _mark(term_id: str, raw_text: str) -> str:
    term = html_text(term_id)
    return (
        f'<span class="{TERM_CLASS}" data-term="{term}" tabindex="0" aria-describedby="pr-tip-{term}">{raw_text}</span>'
    )
