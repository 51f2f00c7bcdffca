"""Annotations as editors write them, and as they stand once anchored in the text."""

from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.annotations.corpus import EssayText
from build_tools.common.references import Citation


@dataclass(frozen=True)
class Selector:
    """Where an annotation points: a quote (W3C TextQuoteSelector), a whole measure, or a document's clause.

    Attributes:
        article: ``article`` or ``source/article``.
        quote: The exact text (TextQuoteSelector ``exact``).
        paragraph: The number of the paragraph the quote stands in (its permalink ``#p3`` is 3), so a
            phrase that repeats elsewhere (a lead repeats its body word for word) is found in that one.
        prefix: Text just before the quote, to tell repeats apart.
        suffix: Text just after the quote, likewise.
        measure: A measure's anchor (``measure-3``) instead of a quote.
        anchor: A document clause's anchor (``part-4-item-2``, ``article-12``): the whole clause,
            or, with `quote`, where in it the quote is looked for.
        key_path: Where the selector stands in its file, for messages.
        line: The line it starts on.
    """

    article: str
    quote: str | None = None
    paragraph: int | None = None
    prefix: str = ""
    suffix: str = ""
    measure: str | None = None
    anchor: str | None = None
    key_path: tuple[str | int, ...] = ()
    line: int | None = None


@dataclass(frozen=True)
class Annotation:
    """One annotation from a file under ``annotations/``."""

    id: str
    target: Selector
    body: str
    related: tuple[Selector, ...] = ()
    sources: tuple[Citation, ...] = ()
    tags: tuple[str, ...] = ()
    file: str = ""
    line: int | None = None


def paragraph_number(anchor: str) -> int:
    """The number of paragraph `anchor` (``p3`` → 3)."""
    return int(anchor.removeprefix("p"))


def paragraph_anchor(number: int) -> str:
    """The anchor of paragraph `number` (3 → ``p3``)."""
    return f"p{number}"


@dataclass(frozen=True)
class Anchor:
    """A selector found in an essay: ``text[start:end]`` of paragraph `paragraph`.

    Attributes:
        similarity: 1.0 for an exact match; lower where the text changed and the
            quote was re-anchored to the closest passage.
        clause: The document clause the selector named by its anchor, if any.
        whole: The selector named the whole clause (no quote): the anchor covers the clause's
            opening sentence and stands for the clause.
    """

    essay: EssayText
    paragraph: str
    start: int
    end: int
    similarity: float = 1.0
    clause: str | None = None
    whole: bool = False

    @property
    def exact(self) -> str:
        """The text the anchor covers now."""
        return self.essay.text_of(self.paragraph)[self.start : self.end]

    @property
    def paragraph_number(self) -> int:
        """The paragraph's number, as its permalink ``#p<N>`` and a note's ``paragraph:`` give it."""
        return paragraph_number(self.paragraph)

    def context(self, width: int = 32) -> tuple[str, str]:
        """The text before and after the anchor inside its paragraph, for an exported selector."""
        text = self.essay.text_of(self.paragraph)
        return text[max(0, self.start - width) : self.start], text[self.end : self.end + width]


@dataclass(frozen=True)
class ResolvedAnnotation:
    """An annotation with its target and related passages anchored."""

    annotation: Annotation
    target: Anchor
    related: tuple[Anchor, ...] = field(default_factory=tuple)

    def anchor_id(self, index: int | None = None) -> str:
        """The HTML id of the highlighted target (`index` None) or of related passage `index` (from 1)."""
        return f"quote-{self.annotation.id}" + (f"-r{index}" if index else "")
