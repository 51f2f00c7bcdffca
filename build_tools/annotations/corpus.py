"""The essays' text as annotations see it: paragraphs, measures, and where each essay lives."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from build_tools.importer.editions.compare import paragraph_counterparts
from build_tools.importer.editions.document_links import document_comparisons
from build_tools.importer.editions.links import comparisons
from build_tools.sources.model import Clause, Document, Heading, Paragraph
from build_tools.sources.source import Source

#: The number a clause's label opens with, as printed: 四、 （二） 3. （1） 第十二条 第三章.
_NUMERAL = "〇零一二三四五六七八九十百千"
_MARKER = re.compile(rf"^(?:第[{_NUMERAL}\d]+[编章节条]|[{_NUMERAL}]+、|（[{_NUMERAL}]+）|\d+[.．、]|（\d+）)")


@dataclass(frozen=True)
class EarlierText:
    """An essay as an earlier edition had it, and where each of its paragraphs stands now.

    Attributes:
        label: The edition's name and date: 征求意见稿(2021-11).
        paragraphs: ``(anchor, text)`` pairs, anchors as they were then.
        counterpart: Earlier anchor → the current anchor (None where the paragraph was removed).
        places: Earlier anchor → the article it stood in then (第十条), for a law's edition.
    """

    label: str
    paragraphs: tuple[tuple[str, str], ...]
    counterpart: dict[str, str | None]
    places: dict[str, str] = field(default_factory=dict)


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
        clauses: For a document (report, government document, regulation): clause anchor →
            ``(label, first paragraph anchor)``, e.g. ``part-4-item-2`` → ``("（二）内容保障", "p12")``.
    """

    source_id: str
    article_id: str
    title: str
    paragraphs: tuple[tuple[str, str], ...]
    measures: dict[str, tuple[int, str, str]] = field(default_factory=dict)
    measure_of: dict[str, str] = field(default_factory=dict)
    url: str = ""
    earlier: tuple[EarlierText, ...] = ()
    clauses: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """``source/article``: unique across the site."""
        return f"{self.source_id}/{self.article_id}"

    def text_of(self, anchor: str) -> str:
        """The text of the paragraph `anchor`."""
        return dict(self.paragraphs)[anchor]

    def clause_paragraphs(self, clause: str) -> tuple[str, ...]:
        """The paragraphs of `clause` with its sub-clauses': from its first paragraph to the next clause outside it."""
        order = [anchor for anchor, _text in self.paragraphs]
        start = order.index(self.clauses[clause][1])
        end = len(order)
        names = list(self.clauses)
        for later in names[names.index(clause) + 1 :]:
            first = order.index(self.clauses[later][1])
            if not _within(later, clause) and first > start:
                end = first
                break
        return tuple(order[start:end])

    def clause_marker(self, clause: str) -> str:
        """The number `clause`'s label opens with as printed (``（三）``), or its whole label when it has none."""
        label = self.clauses[clause][0]
        marker = _MARKER.match(label)
        return marker.group() if marker else label

    def clause_path(self, clause: str) -> str:
        """The printed numbers of `clause` and the clauses above it, e.g. ``三、（三）`` for ``part-3-item-3``."""
        parts = clause.split("-")
        above = ("-".join(parts[:end]) for end in range(2, len(parts) + 1, 2))
        return "".join(self.clause_marker(a) for a in above if a in self.clauses)

    def clause_of(self, paragraph: str) -> str | None:
        """The innermost clause holding `paragraph`, if any."""
        holding = [c for c in self.clauses if paragraph in self.clause_paragraphs(c)]
        return max(holding, key=lambda c: (c.count("-"), list(self.clauses).index(c)), default=None)


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


def _within(inner: str, clause: str) -> bool:
    """Whether clause `inner` is inside `clause`: its address extends it, or it is an item of a first 款.

    An article's first 款 holds the items that keep the article's addresses (``article-12-item-3``
    is in ``article-12-para-1``); a later 款's items extend its own (``article-12-para-2-item-1``).
    """
    if inner.startswith(f"{clause}-"):
        return True
    article = clause.removesuffix("-para-1")
    return article != clause and inner.startswith(f"{article}-") and "-para-" not in inner[len(article) :]


#: The page name a document lives at: its source's own page, ``<source>/index.md``.
INDEX_PAGE = "index"


def directory_url(source_id: str, article_id: str) -> str:
    """An essay page's address when MkDocs uses directory URLs (its default); ``index`` is the source's own page."""
    return f"{source_id}/" if article_id == INDEX_PAGE else f"{source_id}/{article_id}/"


def corpus_of(sources: list[Source], url_of: Callable[[str, str], str] = directory_url) -> Corpus:
    """The corpus of the given sources; `url_of` gives each essay page's address from its ids.

    A document's page is its source's own: `url_of(source_id, INDEX_PAGE)`.
    """
    essays = []
    for source in sources:
        earlier = _earlier_texts(source)
        if source.document:
            document = _document_text(source.id, source.document, url_of(source.id, INDEX_PAGE))
            essays.append(replace(document, earlier=_earlier_documents(source)))
        for article in source.page.articles:
            measures: dict[str, tuple[int, str, str]] = {}
            measure_of: dict[str, str] = {}
            current: str | None = None
            for item in article.body:
                if isinstance(item, Heading):  # a section heading ends the measure above it
                    current = None
                if not isinstance(item, Paragraph):  # a box or a caption does not
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


def _earlier_documents(source: Source) -> tuple[EarlierText, ...]:
    """A document's earlier editions as notes see them, the newest first."""
    found = []
    for comparison in reversed(document_comparisons(source)):
        assert comparison.edition.document is not None
        paragraphs = tuple((p.anchor, p.text) for p in comparison.edition.document.paragraphs)
        counterpart = paragraph_counterparts(comparison)
        places = {
            p.anchor: unit.name
            for unit in comparison.old
            if unit.anchor.startswith("article-")
            for p in unit.paragraphs
        }
        found.append(EarlierText(comparison.edition.label, paragraphs, counterpart, places))
    return tuple(found)


def _first_paragraph(clause: Clause) -> str | None:
    for child in clause.children:
        found = child.anchor if isinstance(child, Paragraph) else _first_paragraph(child)
        if found:
            return found
    return None


def _document_text(source_id: str, document: Document, url: str) -> EssayText:
    """A document as annotations see it: its paragraphs, and where each clause starts.

    Its id is its source's (``article: <source id>`` in a note), its page the source's own.
    """
    clauses = {
        clause.anchor: (clause.label, first)
        for clause in document.clauses
        if (first := _first_paragraph(clause)) is not None
    }
    paragraphs = tuple((p.anchor, p.text) for p in document.paragraphs)
    return EssayText(source_id, source_id, document.title, paragraphs, url=url, clauses=clauses)
