"""A law's references to its own articles (and to other texts of the site) resolved to addresses.

`find_references` reads what a paragraph names; here each name is looked up in the text's clauses:
the address to link, the paragraphs a preview shows, and for each article, the places that cite it.
A name the text does not have is a warning naming its line, and stays plain text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from build_tools.common.errors import InputError
from build_tools.sources.model import Clause, Document, Paragraph
from build_tools.sources.references import Place, Target, find_references

#: A preview shows at most this many characters of the passage named.
PREVIEW_CHARS = 300
#: Prefixes of the full titles of national laws, left out in short titles (《数据安全法》).
_TITLE_PREFIXES = ("中华人民共和国",)


@dataclass(frozen=True)
class OtherText:
    """A text of the site another may name: its id (its folder) and its document."""

    id: str
    document: Document


@dataclass(frozen=True)
class TextLink:
    """A span of a paragraph made a link.

    Attributes:
        start, end: The span in the paragraph's text.
        anchor: The id it goes to on the target's page.
        name: What it names as a reader says it (第十七条第一款), with the other text's title if any.
        preview: The text named, paragraph by paragraph, for the preview card (cut after `PREVIEW_CHARS`).
        text_id: The other text's id (its folder), None on the same page.
    """

    start: int
    end: int
    anchor: str
    name: str
    preview: tuple[str, ...]
    text_id: str | None = None


@dataclass(frozen=True)
class Citation:
    """A place of the text that cites an article: its address and its name (第二十条第二款)."""

    anchor: str
    name: str


@dataclass
class TextReferences:
    """Every reference a document makes: links by paragraph number, citing places by article anchor, warnings."""

    links: dict[int, list[TextLink]] = field(default_factory=lambda: defaultdict(list))
    cited_by: dict[str, list[Citation]] = field(default_factory=lambda: defaultdict(list))
    warnings: list[InputError] = field(default_factory=list)


def short_title(title: str) -> str:
    """A law's title as it is cited in short: 中华人民共和国数据安全法 → 数据安全法."""
    for prefix in _TITLE_PREFIXES:
        if title.startswith(prefix) and len(title) > len(prefix):
            return title[len(prefix) :]
    return title


def _paragraphs(clause: Clause) -> list[Paragraph]:
    out: list[Paragraph] = []
    for child in clause.children:
        out += [child] if isinstance(child, Paragraph) else _paragraphs(child)
    return out


class _Text:
    """One text's articles, by number, under one prefix (``annex-1-`` for a regulation a notice issues)."""

    def __init__(self, document: Document) -> None:
        self.clauses = {clause.anchor: clause for clause in document.clauses}

    def resolve(self, target: Target, prefix: str) -> Clause | None:
        base = f"{prefix}article-{target.article}"
        if target.para is None and target.item is None:
            return self.clauses.get(base)
        if target.item is None:
            return self.clauses.get(f"{base}-para-{target.para}")
        if target.para not in (None, 1):
            return self.clauses.get(f"{base}-para-{target.para}-item-{target.item}")
        if (found := self.clauses.get(f"{base}-item-{target.item}")) is not None or target.para == 1:
            return found
        # 第十条第二项 in an article whose items stand under a later 款: the one 款 that has them.
        article = self.clauses.get(base)
        paras = _kids(article) if article is not None else []
        held = [self.clauses.get(f"{base}-para-{p.number}-item-{target.item}") for p in paras if p.number > 1]
        found_in = [clause for clause in held if clause is not None]
        return found_in[0] if len(found_in) == 1 else None


def _kids(para: Clause) -> list[Clause]:
    return [c for c in para.children if isinstance(c, Clause)]


def _preview(clause: Clause) -> tuple[str, ...]:
    shown: list[str] = []
    left = PREVIEW_CHARS
    for paragraph in _paragraphs(clause):
        if left <= 0:
            break
        shown.append(paragraph.text if len(paragraph.text) <= left else paragraph.text[:left] + "……")
        left -= len(paragraph.text)
    return tuple(shown)


def _places(document: Document) -> list[tuple[Paragraph, Place, str, Clause | None, Clause | None]]:
    """Each paragraph: its place, its article's prefix, its article and its 款 (None outside an article).

    Outside an article (a plan, a notice's own text), a paragraph can name only another text's articles.
    """
    out: list[tuple[Paragraph, Place, str, Clause | None, Clause | None]] = []
    in_articles: set[int] = set()
    for article in (c for c in document.clauses if c.kind == "article"):
        prefix = article.anchor[: -len(f"article-{article.number}")]
        for para in _kids(article):
            for n, paragraph in enumerate(_paragraphs(para)):
                own = len(article.marker) if para.number == 1 and n == 0 else 0
                out.append((paragraph, Place(article.number, para.number, own), prefix, article, para))
                in_articles.add(paragraph.number)
    out += [(p, Place(None, None), "", None, None) for p in document.paragraphs if p.number not in in_articles]
    return out


def text_references(document: Document, others: Mapping[str, OtherText] | None = None) -> TextReferences:
    """Resolve every reference `document` makes; `others` are the site's texts by title (full or short)."""
    others = others or {}
    found = TextReferences()
    own = _Text(document)
    other_texts: dict[str, _Text] = {}
    own_titles = {document.title, short_title(document.title)}
    for paragraph, place, prefix, article, para in _places(document):
        for reference in find_references(paragraph.text, place):
            target = reference.target
            other = None if target.title is None or target.title in own_titles else others.get(target.title)
            if target.title is not None and target.title not in own_titles and other is None:
                continue  # a text the site does not hold: left as it is printed
            text = own if other is None else other_texts.setdefault(other.id, _Text(other.document))
            clause = text.resolve(target, prefix if other is None else "")
            shown = paragraph.text[reference.start : reference.end]
            if clause is None:
                found.warnings.append(_missing(document, paragraph, shown, target))
                continue
            name = target.name if other is None else f"《{other.document.title}》{target.name}"
            text_id = other.id if other else None
            link = TextLink(reference.start, reference.end, clause.anchor, name, _preview(clause), text_id)
            found.links[paragraph.number].append(link)
            if other is not None or article is None or para is None:
                continue
            one_para = len(_kids(article)) == 1
            citing = Citation(para.anchor, Target(article.number, None if one_para else para.number).name)
            for named in reference.targets:
                cited = own.resolve(Target(named.article), prefix)
                if cited is not None and cited is not article and citing not in found.cited_by[cited.anchor]:
                    found.cited_by[cited.anchor].append(citing)
    return found


def _missing(document: Document, paragraph: Paragraph, shown: str, target: Target) -> InputError:
    where = f"《{target.title}》" if target.title else "this text"
    return InputError(
        document.path,
        f"「{shown}」 names {target.name} of {where}, which has no such article, 款 or 项: it is left as plain text",
        "check the reference against the published text (a 款 or item may have been joined to the one before it)",
        line=paragraph.line,
    )


def titles_of(texts: list[OtherText]) -> dict[str, OtherText]:
    """The site's texts by full and short title, for `text_references`; a short title two texts share names neither."""
    by_title: dict[str, OtherText] = {}
    shared: set[str] = set()
    for text in texts:
        for title in {text.document.title, short_title(text.document.title)}:
            if title in by_title and by_title[title].id != text.id:
                shared.add(title)
            by_title[title] = text
    return {title: text for title, text in by_title.items() if title not in shared}
