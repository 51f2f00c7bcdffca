"""What the importer recognises in a source (a page of essays, or a document): plain data, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.common.errors import InputError
from build_tools.sources.dates import printed_dates


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
class Caption:
    """A picture's caption (图为……, ……新华社记者 X 摄): shown as a caption, never a numbered paragraph.

    Attributes:
        number: 1-based position among the essay's captions.
        text: The caption as published.
        line: 1-based line in the source page.
    """

    number: int
    text: str
    line: int

    @property
    def anchor(self) -> str:
        """The stable HTML id of this caption."""
        return f"caption-{self.number}"


@dataclass
class Box:
    """A boxed text printed with an essay or a page: a 内容提要 (summary) or an 编者按 (editor's note).

    Attributes:
        kind: ``summary`` (内容提要, 核心阅读 …) or ``editor`` (编者按, 编者的话, 本期主题 …).
        label: The label as printed: 内容提要, 编者按, 本期主题 …
        paragraphs: The box's text, one paragraph an entry, the label and signature removed.
        line: 1-based line of the label in the source page.
        signature: The signature as printed (``——编者``), if any.
    """

    kind: str
    label: str
    paragraphs: list[str]
    line: int
    signature: str | None = None


#: What an essay's body holds, in printed order.
BodyItem = Heading | Paragraph | Caption | Box


@dataclass
class Article:
    """One essay of a page.

    Attributes:
        title: The title, its column label (if any) removed.
        column: The column label printed after the title (大家手笔 in 有实力有底气有信心（大家手笔）).
        printed_title: The title line exactly as printed, column label included.
        body: Headings, paragraphs, captions and boxes (内容提要, 编者按), in printed order.
    """

    id: str
    title: str
    line: int
    authors: list[Author]
    affiliation: str | None
    affiliation_line: str | None
    lead: Paragraph | None
    body: list[BodyItem]
    column: str | None = None
    printed_title: str = ""

    @property
    def captions(self) -> list[Caption]:
        """The pictures' captions, in order."""
        return [b for b in self.body if isinstance(b, Caption)]

    @property
    def boxes(self) -> list[Box]:
        """The boxes printed with the essay (its 内容提要, an 编者按 before it), in order."""
        return [b for b in self.body if isinstance(b, Box)]

    @property
    def summary(self) -> Box | None:
        """The essay's 内容提要, if it has one."""
        return next((b for b in self.boxes if b.kind == "summary"), None)

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
    genre: str = "essays"
    boxes: list[Box] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """The structure `policy-reader inspect --json` prints.

        What older pages never hold (boxes, captions, column labels, warnings) is listed only when present,
        so the structure of a page without them reads as it always has.
        """
        found = {
            "genre": self.genre,
            "title": self.title,
            "original_title": self.original_title,
            "preface": self.preface,
            "articles": [_article_json(a) for a in self.articles],
            "related": [{"date": r.date, "title": r.title} for r in self.related],
            "boxes": [_box_json(b) for b in self.boxes],
            "warnings": [str(w) for w in self.warnings],
        }
        return {key: value for key, value in found.items() if value or key not in _ONLY_WHEN_PRESENT}


#: Keys of `inspect --json` left out when empty: the pages read before them had none.
_ONLY_WHEN_PRESENT = frozenset({"boxes", "warnings", "column", "captions"})


def _box_json(box: Box) -> dict[str, object]:
    return {"kind": box.kind, "label": box.label, "paragraphs": box.paragraphs, "signature": box.signature}


def _article_json(article: Article) -> dict[str, object]:
    found = _article_fields(article)
    return {key: value for key, value in found.items() if value or key not in _ONLY_WHEN_PRESENT}


def _article_fields(article: Article) -> dict[str, object]:
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
        "column": article.column,
        "boxes": [_box_json(b) for b in article.boxes],
        "captions": [c.text for c in article.captions],
    }


@dataclass
class DocLine:
    """A line of a document's head or closing, shown as published: its number, date, issuer or addressee.

    Attributes:
        role: What the line is: ``subtitle``, ``date``, ``author``, ``source``, ``number``, ``addressee``,
            ``salutation``, ``history`` (a law's 题注: when it was adopted, amended, revised), ``signature``
            or ``note``.
        text: The line as published, indentation removed.
        line: 1-based line in the source.
    """

    role: str
    text: str
    line: int


@dataclass
class Clause:
    """A numbered part of a document: a part (一、), item (（一）), point (1.), chapter, article (第十二条), annex.

    An article's paragraphs are its 款 (kind ``para``, numbered from 1 though not printed): each holds
    its paragraph and the items （一） that follow it.

    Attributes:
        kind: ``part``, ``item``, ``point``, ``sub``, ``book``, ``chapter``, ``section``, ``article``, ``para``
            or ``annex``.
        number: The number as printed (四、 is 4).
        marker: The numbering as printed: ``四、``, ``（二）``, ``第十二条``.
        title: The heading after the marker, or the clause's opening thesis sentence ("" when it has neither).
        anchor: The stable HTML id: ``part-4-item-2``, ``article-12``.
        line: 1-based line where the clause starts.
        heading: Whether that line is a heading of its own rather than a paragraph.
        children: What the clause holds, in order.
        head: Lines under an annex's title that are not its text: the 题注 of a regulation it prints.
    """

    kind: str
    number: int
    marker: str
    title: str
    anchor: str
    line: int
    heading: bool
    children: list[Clause | Paragraph] = field(default_factory=list)
    head: list[DocLine] = field(default_factory=list)

    @property
    def label(self) -> str:
        """How the clause is named in a heading or a contents list: its marker and title."""
        spaced = self.kind in _SPACED_KINDS and self.marker and self.title
        return f"{self.marker}{' ' if spaced else ''}{self.title}"


#: Clauses whose marker is a word of its own (第一章 总则), printed with a space before the title.
_SPACED_KINDS = frozenset({"book", "chapter", "section", "article", "annex"})


def _walk(items: list[Clause | Paragraph]) -> list[Clause | Paragraph]:
    out: list[Clause | Paragraph] = []
    for item in items:
        out.append(item)
        if isinstance(item, Clause):
            out += _walk(item.children)
    return out


@dataclass
class Document:
    """A whole report, speech, government document or regulation.

    Attributes:
        path: The source file, for messages.
        genre: ``report``, ``document`` or ``regulation``.
        title: The title, its lines joined.
        title_lines: The title as printed, line by line.
        head: The lines between title and body (subtitle, date, author, number, addressee, salutation …).
        body: The text: paragraphs and clauses, in order.
        closing: The lines after the body (issuing body, date, 此件公开发布 …).
        annexes: The 附件 after the closing, each a clause of kind ``annex``.
        warnings: Lines that look wrong but were read (a line that seems cut off mid-sentence).
    """

    path: str
    genre: str
    title: str
    title_lines: list[str]
    head: list[DocLine]
    body: list[Clause | Paragraph]
    closing: list[DocLine]
    annexes: list[Clause] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)

    def items(self) -> list[Clause | Paragraph]:
        """Every clause and paragraph, body then annexes, in reading order."""
        return _walk([*self.body, *self.annexes])

    @property
    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph, in reading order."""
        return [p for p in self.items() if isinstance(p, Paragraph)]

    @property
    def clauses(self) -> list[Clause]:
        """Every clause, in reading order."""
        return [c for c in self.items() if isinstance(c, Clause)]

    def clause(self, anchor: str) -> Clause | None:
        """The clause with this anchor, if any."""
        return next((c for c in self.clauses if c.anchor == anchor), None)

    @property
    def printed_date(self) -> str | None:
        """The document's own date as ``YYYY-MM-DD``: its closing date, else its head's, else its 题注's latest.

        A law's 题注 lists when it was adopted and each time it was amended or revised: the text is
        of its latest date. The 题注 of a regulation a notice promulgates counts when nothing else dates it.
        """
        for line in [*self.closing, *self.head]:
            if line.role == "date" and (found := printed_dates(line.text)):
                return found[0]
        history = [d for d in self.head if d.role == "history"]
        history += [d for annex in self.annexes for d in annex.head if d.role == "history"]
        dates = [date for line in history for date in printed_dates(line.text)]
        return max(dates, default=None)

    def lines_of(self, role: str) -> list[str]:
        """The text of the head and closing lines with this role."""
        return [d.text for d in [*self.head, *self.closing] if d.role == role]

    def to_json(self) -> dict[str, object]:
        """The structure `policy-reader inspect --json` prints: every line accounted for."""
        return {
            "genre": self.genre,
            "title": self.title_lines,
            "head": [{"role": d.role, "text": d.text, "line": d.line} for d in self.head],
            "body": [_item_json(i) for i in self.body],
            "closing": [{"role": d.role, "text": d.text, "line": d.line} for d in self.closing],
            "annexes": [_item_json(a) for a in self.annexes],
            "paragraphs": len(self.paragraphs),
            "warnings": [str(w) for w in self.warnings],
        }


def _item_json(item: Clause | Paragraph) -> dict[str, object]:
    if isinstance(item, Paragraph):
        return {"p": item.number, "line": item.line, "text": item.text[:24]}
    head = {"head": [{"role": d.role, "text": d.text, "line": d.line} for d in item.head]} if item.head else {}
    return {
        "anchor": item.anchor,
        "marker": item.marker,
        "title": item.title,
        "line": item.line,
        "heading": item.heading,
        **head,
        "children": [_item_json(c) for c in item.children],
    }
