"""A document's card, as 国务院政策文件库 shows one: who issued it, its number, its dates, its topics, its status.

Each fact is the manifest's where it gives one (`issuer:`, `number:`, `written:`, `published:`,
`topics:`, `index_number:`, `status:`, `status_date:`), else what the text prints: the number line
under the title, the body signing the closing and its date (成文日期), a law's 题注 (its latest date,
when it was last adopted, amended or revised; the body that did so). Nothing the text does not print
is guessed: a fact neither gives is left off the card. The status is 现行有效 unless the manifest says
otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.common.markup import html_text
from build_tools.common.page_marker import card_data_attribute
from build_tools.sources.dates import printed_dates
from build_tools.sources.issuer import document_number, issuers
from build_tools.sources.manifest import STATUSES, CardFacts
from build_tools.sources.model import Document

DEFAULT_STATUS = STATUSES[0]


@dataclass(frozen=True)
class DocumentCard:
    """The facts a document's card shows; None (or empty) where neither manifest nor text gives one.

    Dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    """

    genre: str
    issuer: str | None
    number: str | None
    written: str | None
    published: str | None
    topics: tuple[str, ...]
    index_number: str | None
    status: str
    status_date: str | None

    def to_json(self) -> dict[str, object]:
        """The card as metadata (front matter, the built page's ``data-pr-card``): only the facts it has."""
        found: dict[str, object] = {
            "issuer": self.issuer,
            "number": self.number,
            "written": self.written,
            "published": self.published,
            "topics": list(self.topics),
            "index_number": self.index_number,
            "status": self.status,
            "status_date": self.status_date,
        }
        return {key: value for key, value in found.items() if value}


def _closing_date(document: Document) -> str | None:
    """The date the document is signed (its closing's date line, else its head's): its 成文日期."""
    for line in [*document.closing, *document.head]:
        if line.role == "date" and (found := printed_dates(line.text)):
            return found[0]
    return None


def _history_date(document: Document) -> str | None:
    """The latest date of a law's 题注 (or of the 题注 of a regulation a 令 promulgates)."""
    history = [line for line in document.head if line.role == "history"]
    history += [line for annex in document.annexes for line in annex.head if line.role == "history"]
    return max((date for line in history for date in printed_dates(line.text)), default=None)


def document_card(facts: CardFacts, document: Document) -> DocumentCard:
    """The card of `document`: the manifest's `facts` first, then what the text prints."""
    names = issuers(document) if document.genre != "report" else ()
    written = facts.written or _closing_date(document)
    # A law prints no signature: its 题注's latest date is when it was last passed (and 公布).
    published = facts.published or (_history_date(document) if not _closing_date(document) else None)
    return DocumentCard(
        genre=document.genre,
        issuer=facts.issuer or (" ".join(names) if names else None),
        number=facts.number or document_number(document),
        written=written,
        published=published,
        topics=facts.topics,
        index_number=facts.index_number,
        status=facts.status or DEFAULT_STATUS,
        status_date=facts.status_date,
    )


#: The card's facts in the order shown, with the label each is shown under.
_LABELS = (
    ("issuer", "发文机关"),
    ("number", "发文字号"),
    ("written", "成文日期"),
    ("published", "发布日期"),
    ("topics", "主题分类"),
    ("index_number", "索引号"),
    ("status", "时效性"),
)
#: A law is made (制定) and promulgated (公布), as the national database of laws says, not issued and released.
_LAW_LABELS = {"issuer": "制定机关", "published": "公布日期"}
_STATUS_CLASSES = {"现行有效": "current", "已被修改": "amended", "已废止": "repealed", "尚未生效": "pending"}


def shown_date(date: str) -> str:
    """``2018-12-07`` as a Chinese reader writes it: 2018年12月7日 (``2018-12``: 2018年12月)."""
    parts = [int(part) for part in date.split("-")]
    return "".join(f"{value}{unit}" for value, unit in zip(parts, "年月日", strict=False))


def card_facts_shown(card: DocumentCard) -> list[tuple[str, str, str]]:
    """(key, label, text) of each fact the card has, in the order shown."""
    shown: list[tuple[str, str, str]] = []
    for key, label in _LABELS:
        if card.genre == "regulation":
            label = _LAW_LABELS.get(key, label)
        value = getattr(card, key)
        if not value:
            continue
        if key in ("written", "published"):
            text = shown_date(value)
        elif key == "topics":
            text = "；".join(value)
        elif key == "status" and card.status_date:
            text = f"{value}（{shown_date(card.status_date)}）"
        else:
            text = str(value)
        shown.append((key, label, text))
    return shown


def card_html(card: DocumentCard, status_attributes: str = "") -> str:
    """The card as a raw HTML block: a definition list, its facts also in ``data-pr-card`` for the finish step.

    `status_attributes` go on the status as they would on the editions' status line (its in-force dates).
    """
    status = _STATUS_CLASSES.get(card.status, "current")
    # The status's value is marked as the editions' status line marks it: a card stands in for that line.
    marked = f' data-pr-status="{html_text(card.status)}"{status_attributes}'
    facts = "".join(
        f'<div class="pr-doc-card__fact pr-doc-card__{key.replace("_", "-")}">'
        f"<dt>{html_text(label)}</dt><dd{marked if key == 'status' else ''}>{html_text(text)}</dd></div>"
        for key, label, text in card_facts_shown(card)
    )
    return (
        f'<dl class="pr-doc-card pr-doc-card--{status}" aria-label="文件信息"{card_data_attribute(card.to_json())}>'
        f"{facts}</dl>\n"
    )
