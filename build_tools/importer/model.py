"""What the importer recognises in a page: plain data, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Author:
    """An author and, when the page says it, that author's own post or unit."""

    name: str
    post: str | None = None


@dataclass
class SubMeasure:
    """A numbered point inside a measure, e.g. 一要加快农业数字化转型."""

    number: int
    title: str
    paragraph: int
    measure: int

    @property
    def anchor(self) -> str:
        """The stable HTML id of this sub-measure's heading."""
        return f"measure-{self.measure}-{self.number}"


@dataclass
class Measure:
    """A paragraph that opens with a short thesis sentence, such as ``明确要求,立足全局。``."""

    number: int
    title: str
    paragraph: int
    submeasures: list[SubMeasure] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The stable HTML id of this measure's heading."""
        return f"measure-{self.number}"


@dataclass
class Paragraph:
    """One published paragraph, its text exactly as published.

    Attributes:
        number: 1-based position among the essay's paragraphs (the lead is 1).
        text: The paragraph as published, indentation removed.
        line: 1-based line in the source page.
        measure: The measure this paragraph opens, if any.
        submeasure: The sub-measure this paragraph opens, if any.
    """

    number: int
    text: str
    line: int
    measure: Measure | None = None
    submeasure: SubMeasure | None = None

    @property
    def anchor(self) -> str:
        """The stable HTML id of this paragraph."""
        return f"p{self.number}"


@dataclass
class Heading:
    """A section heading inside an essay."""

    title: str
    line: int


@dataclass
class Article:
    """One essay of a page."""

    id: str
    title: str
    line: int
    authors: list[Author]
    affiliation: str | None
    affiliation_line: str | None
    lead: Paragraph | None
    body: list[Heading | Paragraph]

    @property
    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph of the essay, lead first."""
        body = [b for b in self.body if isinstance(b, Paragraph)]
        return [self.lead, *body] if self.lead else body

    @property
    def headings(self) -> list[Heading]:
        """The section headings, in order."""
        return [b for b in self.body if isinstance(b, Heading)]

    @property
    def measures(self) -> list[Measure]:
        """The numbered measures, in order."""
        return [p.measure for p in self.paragraphs if p.measure]


@dataclass
class RelatedItem:
    """An entry of the page's related-news list."""

    date: str | None
    title: str


@dataclass
class Page:
    """A whole source page."""

    path: str
    title: str | None
    original_title: str | None
    preface: list[str]
    articles: list[Article]
    related: list[RelatedItem]

    def to_json(self) -> dict[str, object]:
        """The structure `policy-reader inspect --json` prints."""
        return {
            "title": self.title,
            "original_title": self.original_title,
            "preface": self.preface,
            "articles": [_article_json(a) for a in self.articles],
            "related": [{"date": r.date, "title": r.title} for r in self.related],
        }


def _article_json(article: Article) -> dict[str, object]:
    return {
        "id": article.id,
        "title": article.title,
        "authors": [a.name for a in article.authors],
        "posts": [a.post for a in article.authors],
        "affiliation": article.affiliation,
        "lead": article.lead.text if article.lead else None,
        "headings": [h.title for h in article.headings],
        "measures": [
            {"title": m.title, "submeasures": [s.title for s in m.submeasures]} if m.submeasures else m.title
            for m in article.measures
        ],
        "paragraphs": len(article.paragraphs),
    }
