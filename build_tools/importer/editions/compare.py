"""An earlier edition set against the current text: essay by essay and paragraph by paragraph, or article by article."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from build_tools.importer.editions.match import Row, counterparts, match_paragraphs
from build_tools.importer.editions.units import Pairing, Unit, document_units, pair_units
from build_tools.sources.editions.model import Edition
from build_tools.sources.model import Article, Document, Page

#: An essay retitled between editions is still the same essay from this title similarity (0–1) up.
SAME_TITLE = 0.6


@dataclass(frozen=True)
class EssayComparison:
    """One essay of an earlier edition and its counterpart in the current page (None: dropped).

    Attributes:
        edition: The earlier edition.
        old: The essay as that edition has it.
        new: The same essay in the current page.
        rows: The paragraphs compared, in the current order (empty when `new` is None).
    """

    edition: Edition
    old: Article
    new: Article | None
    rows: tuple[Row, ...] = ()

    def counterpart(self, number: int) -> int | None:
        """The current number of the earlier paragraph `number` (both 1-based); None when it was removed."""
        new = counterparts(self.rows).get(number - 1)
        return None if new is None else new + 1

    @property
    def summary(self) -> str:
        """How many paragraphs were reworded, added, removed, moved and kept (改动 1 段,新增 1 段…)."""
        rows = self.rows
        counts = [
            ("改动", sum(r.change == "changed" for r in rows)),
            ("新增", sum(r.change == "added" for r in rows)),
            ("删除", sum(r.change == "removed" for r in rows)),
            ("移动", sum(r.moved for r in rows)),
            ("未改", sum(r.change == "same" and not r.moved for r in rows)),
        ]
        return ",".join(f"{what} {n} 段" for what, n in counts if n) + "。"

    @property
    def changed(self) -> bool:
        """Whether anything differs: a word, a paragraph added, removed or moved, the title."""
        return (
            self.new is None
            or self.old.title != self.new.title
            or any(r.change != "same" or r.moved for r in self.rows)
        )


def same_essays(old: Page, new: Page) -> dict[str, Article | None]:
    """Each essay of `old` (by id) and the current essay it became: the same id, else the most alike title."""
    by_id = {article.id: article for article in new.articles}
    found: dict[str, Article | None] = {}
    taken: set[str] = set()
    for article in old.articles:
        if article.id in by_id:
            found[article.id] = by_id[article.id]
            taken.add(article.id)
    for article in old.articles:
        if article.id in found:
            continue
        scored = [
            (fuzz.ratio(article.title, other.title) / 100, other) for other in new.articles if other.id not in taken
        ]
        best = max(scored, key=lambda pair: pair[0], default=None)
        if best and best[0] >= SAME_TITLE:
            found[article.id] = best[1]
            taken.add(best[1].id)
        else:
            found[article.id] = None
    return found


def compare_edition(edition: Edition, current: Page) -> list[EssayComparison]:
    """Every essay of `edition` compared with its counterpart in `current`, in the edition's order."""
    comparisons = []
    essays = same_essays(edition.page, current)
    for article in edition.page.articles:
        new = essays[article.id]
        rows: tuple[Row, ...] = ()
        if new is not None:
            rows = tuple(match_paragraphs([p.text for p in article.paragraphs], [p.text for p in new.paragraphs]))
        comparisons.append(EssayComparison(edition, article, new, rows))
    return comparisons


@dataclass(frozen=True)
class DocumentComparison:
    """An earlier edition of a document set against the current text, article by article (else paragraph by paragraph).

    Attributes:
        edition: The earlier edition.
        old: Its articles (or paragraphs).
        new: The current text's.
        pairing: Which became which.
    """

    edition: Edition
    old: tuple[Unit, ...]
    new: tuple[Unit, ...]
    pairing: Pairing

    @property
    def rows(self) -> tuple[Row, ...]:
        """The units compared, in the current order (a removed one where it stood)."""
        return self.pairing.rows

    @property
    def measure(self) -> str:
        """What a unit is counted in: 条 for articles, 段 for paragraphs."""
        return "条" if self.new and self.new[0].anchor.startswith("article-") else "段"

    def counterpart(self, old_index: int) -> int | None:
        """The current index of the earlier unit `old_index` (0-based); None when it was removed."""
        return counterparts(self.rows).get(old_index)

    def row_of_new(self, new_index: int) -> Row:
        """The row of the current unit `new_index`."""
        return next(row for row in self.rows if row.new == new_index)

    def row_of_old(self, old_index: int) -> Row:
        """The row of the earlier unit `old_index`."""
        return next(row for row in self.rows if row.old == old_index)

    def renumbered(self, row: Row) -> bool:
        """Whether the unit is called otherwise now (第十五条 → 第二十条)."""
        return row.old is not None and row.new is not None and self.old[row.old].name != self.new[row.new].name

    @property
    def summary(self) -> str:
        """How many units were reworded, added, removed, moved, renumbered and kept (改动 10 条,新增 13 条…)."""
        rows, unit = self.rows, self.measure
        counts = [
            ("改动", sum(r.change == "changed" for r in rows)),
            ("新增", sum(r.change == "added" for r in rows)),
            ("删除", sum(r.change == "removed" for r in rows)),
            ("移动", sum(r.moved for r in rows)),
            ("未改", sum(r.change == "same" and not r.moved for r in rows)),
        ]
        renumbered = sum(self.renumbered(r) for r in rows)
        told = ",".join(f"{what} {n} {unit}" for what, n in counts if n)
        return told + (f";{renumbered} {unit}的条号有变" if renumbered and unit == "条" else "") + "。"

    @property
    def changed(self) -> bool:
        """Whether anything differs: a word, a unit added, removed, moved or renumbered."""
        return any(r.change != "same" or r.moved or self.renumbered(r) for r in self.rows)


def compare_document(edition: Edition, current: Document) -> DocumentComparison:
    """The earlier edition's document compared with the current one."""
    assert edition.document is not None  # a document's editions are read as documents (editions/load.py)
    old, new = tuple(document_units(edition.document)), tuple(document_units(current))
    return DocumentComparison(edition, old, new, pair_units(old, new))


def paragraph_counterparts(comparison: DocumentComparison) -> dict[str, str | None]:
    """Each paragraph of the earlier document (by anchor) and the current paragraph it became (None: removed).

    Paragraphs are paired inside each pair of units (an article's 款 and items with its counterpart's);
    a unit removed takes its paragraphs with it.
    """
    found: dict[str, str | None] = {}
    for row in comparison.rows:
        if row.old is None:
            continue
        old = comparison.old[row.old].paragraphs
        new = comparison.new[row.new].paragraphs if row.new is not None else ()
        inner = match_paragraphs([p.text for p in old], [p.text for p in new])
        for pair in inner:
            if pair.old is not None:
                found[old[pair.old].anchor] = new[pair.new].anchor if pair.new is not None else None
    return found
