"""How a Chinese reader names a part of a document when citing it: 第十七条第一款第三项, 三、（三）, 第二章第一节.

A law's parts are named in words, as 《立法技术规范》 has them cited: 条 (articles numbered through the
whole text, so no chapter is named), 款 (named only where the article has more than one; its number is
not printed), 项 and 目 (their printed （三） and 1. read as 第三项, 第一目). A document's general
numbering is named by its markers as printed, outermost first (三、（三）1), after the chapter it
stands in, if any. A part of an annex (a plan a notice issues) is named after the annex: 附件《规划》三、（二）.
"""

from __future__ import annotations

from collections.abc import Iterator

from build_tools.sources.model import Clause, Document, Paragraph
from build_tools.sources.numbering import chinese_numeral

#: Inside an article, numbering below the 款: its items are 项, their points 目.
_LEGAL_LEVELS = {"item": "项", "point": "目", "sub": "目"}
_DIVISIONS = frozenset({"book", "chapter", "section"})


def _chains(items: list[Clause | Paragraph], above: tuple[Clause, ...] = ()) -> Iterator[tuple[Clause, ...]]:
    """Every clause with the clauses that hold it, outermost first."""
    for item in items:
        if isinstance(item, Clause):
            chain = (*above, item)
            yield chain
            yield from _chains(item.children, chain)


def _marker(clause: Clause) -> str:
    return "".join(clause.marker.split())


def _kuan_count(article: Clause) -> int:
    return sum(1 for child in article.children if isinstance(child, Clause) and child.kind == "para")


def _legal_name(chain: tuple[Clause, ...]) -> str:
    """The name of a clause inside an article (the article first in `chain`): 第十七条第一款第三项."""
    article, *below = chain
    name = _marker(article)
    for clause in below:
        if clause.kind == "para":
            name += f"第{chinese_numeral(clause.number)}款" if _kuan_count(article) > 1 else ""
        elif clause.kind in _LEGAL_LEVELS:
            name += f"第{chinese_numeral(clause.number)}{_LEGAL_LEVELS[clause.kind]}"
        else:
            name += _marker(clause)
    return name


def _annex_name(annex: Clause, annexes: int) -> str:
    number = str(annex.number) if annexes > 1 else ""
    return f"附件{number}《{annex.title}》" if annex.title else f"附件{number or annex.number}"


def clause_name(chain: tuple[Clause, ...], annexes: int = 1) -> str:
    """The name of the last clause of `chain` (it and the clauses holding it, outermost first)."""
    prefix = ""
    if chain[0].kind == "annex":
        prefix, chain = _annex_name(chain[0], annexes), chain[1:]
        if not chain:
            return prefix
    articles = [n for n, clause in enumerate(chain) if clause.kind == "article"]
    if articles:  # articles number through the whole text: the chapter holding one is not named
        return prefix + _legal_name(chain[articles[-1] :])
    # Books and chapters number through the text, sections restart in each chapter: name them from the chapter.
    divisions = [clause for clause in chain if clause.kind in _DIVISIONS]
    start = next((n for n, clause in enumerate(divisions) if clause.kind == "chapter"), 0)
    named = [*divisions[start:], *(clause for clause in chain if clause.kind not in _DIVISIONS)]
    # The last marker's own stop is no part of the name: part 三、 is cited as 三, its point 1. as 三、（三）1.
    return prefix + "".join(_marker(clause) for clause in named).rstrip("、.．")


def clause_names(document: Document) -> dict[str, str]:
    """Every clause's name, by its anchor, in reading order."""
    annexes = len(document.annexes)
    return {chain[-1].anchor: clause_name(chain, annexes) for chain in _chains([*document.body, *document.annexes])}


def paragraph_clauses(document: Document) -> dict[int, str]:
    """The anchor of the innermost clause holding each paragraph; a paragraph outside every clause is left out."""
    return {
        child.number: clause.anchor
        for clause in document.clauses
        for child in clause.children
        if isinstance(child, Paragraph)
    }
