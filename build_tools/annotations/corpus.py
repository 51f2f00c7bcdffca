"""The essays' text as annotations see it: paragraphs, measures, and where each essay lives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from build_tools.editions.links import comparisons
from build_tools.importer.model import Paragraph
from build_tools.importer.source import Source


@dataclass(frozen=True)
class EarlierText:
    """An essay as an earlier edition had it, and where each of its paragraphs stands now.

    Attributes:
        label: The edition's name and date: 征求意见稿(2021-11).
        paragraphs: ``(anchor, text)`` pairs, anchors as they were then.
        counterpart: Earlier anchor → the current anchor (None where the paragraph was removed).
    """

    label: str
    paragraphs: tuple[tuple[str, str], ...]
    counterpart: dict[str, str | None]


@dataclass(frozen=True)
class EssayText:
    """One essay's paragraphs and measures, addressed by their anchors.

    Attributes:
        source_id: The source page's id.
        article_id: The essay's id.
        title: The essay's title.
        paragraphs: ``(anchor, text)`` pairs in reading order.
        measures: Measure anchor → ``(number, title, paragraph anchor)``.
        measure_of: Paragraph anchor → the anchor of the measure it belongs to.
        url: The essay page's address below the site root.
        earlier: The essay in earlier editions, the newest first.
    """

    source_id: str
    article_id: str
    title: str
    paragraphs: tuple[tuple[str, str], ...]
    measures: dict[str, tuple[int, str, str]] = field(default_factory=dict)
    measure_of: dict[str, str] = field(default_factory=dict)
    url: str = ""
    earlier: tuple[EarlierText, ...] = ()

    @property
    def key(self) -> str:
        """``source/article``: unique across the site."""
        return f"{self.source_id}/{self.article_id}"

    def text_of(self, anchor: str) -> str:
        """The text of the paragraph `anchor`."""
        return dict(self.paragraphs)[anchor]


@dataclass
class Corpus:
    """Every essay of the site, looked up by ``article`` or ``source/article``."""

    essays: list[EssayText]

    def __post_init__(self) -> None:
        self.by_key = {e.key: e for e in self.essays}
        self.by_article: dict[str, list[EssayText]] = {}
        for essay in self.essays:
            self.by_article.setdefault(essay.article_id, []).append(essay)

    def find(self, reference: str) -> list[EssayText]:
        """The essays `reference` may mean: one, none, or several when an id repeats across sources."""
        if reference in self.by_key:
            return [self.by_key[reference]]
        return self.by_article.get(reference, [])


def directory_url(source_id: str, article_id: str) -> str:
    """An essay page's address when MkDocs uses directory URLs (its default)."""
    return f"{source_id}/{article_id}/"


def corpus_of(sources: list[Source], url_of: Callable[[str, str], str] = directory_url) -> Corpus:
    """The corpus of the given sources; `url_of` gives each essay page's address from its ids."""
    essays = []
    for source in sources:
        earlier = _earlier_texts(source)
        for article in source.page.articles:
            measures: dict[str, tuple[int, str, str]] = {}
            measure_of: dict[str, str] = {}
            current: str | None = None
            for item in article.body:
                if not isinstance(item, Paragraph):  # a section heading ends the measure above it
                    current = None
                    continue
                if item.measure:
                    current = item.measure.anchor
                    measures[current] = (item.measure.number, item.measure.title, item.anchor)
                if current:
                    measure_of[item.anchor] = current
            essays.append(
                EssayText(
                    source.id,
                    article.id,
                    article.title,
                    tuple((p.anchor, p.text) for p in article.paragraphs),
                    measures,
                    measure_of,
                    url_of(source.id, article.id),
                    tuple(earlier.get(article.id, [])),
                )
            )
    return Corpus(essays)


def _earlier_texts(source: Source) -> dict[str, list[EarlierText]]:
    """The earlier texts of each current essay, by its id, the newest edition first."""
    found: dict[str, list[EarlierText]] = {}
    for comparison in reversed(comparisons(source)):
        if comparison.new is None:
            continue
        counterpart = {}
        for paragraph in comparison.old.paragraphs:
            now = comparison.counterpart(paragraph.number)
            counterpart[paragraph.anchor] = None if now is None else f"p{now}"
        paragraphs = tuple((p.anchor, p.text) for p in comparison.old.paragraphs)
        found.setdefault(comparison.new.id, []).append(EarlierText(comparison.edition.label, paragraphs, counterpart))
    return found
