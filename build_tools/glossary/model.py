"""Glossary terms as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.common.references import Citation


@dataclass(frozen=True)
class Term:
    """One glossary entry.

    Attributes:
        id: Stable ASCII id (the transliterated term): ``data-term`` values and glossary anchors.
        term: The term as it is written in the essays.
        definition: Plain text, in Chinese; never HTML.
        english: The usual English name.
        category: The group the glossary page lists it under.
        aliases: Other spellings, marked like the term itself.
        sources: What the definition rests on.
        see: Related terms, by their `term`.
        line: Where the entry starts in ``glossary.yaml``.
    """

    id: str
    term: str
    definition: str
    english: str | None = None
    category: str | None = None
    aliases: tuple[str, ...] = ()
    sources: tuple[Citation, ...] = ()
    see: tuple[str, ...] = ()
    line: int | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        """Every spelling that is marked in the text: the term, then its aliases."""
        return (self.term, *self.aliases)

    @property
    def anchor(self) -> str:
        """The term's id on the glossary page."""
        return f"term-{self.id}"


@dataclass
class Glossary:
    """Every term, in file order, with look-ups by spelling and by id."""

    terms: list[Term] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_form = {form: term for term in self.terms for form in term.forms}
        self.by_id = {term.id: term for term in self.terms}
        self.by_term = {term.term: term for term in self.terms}
