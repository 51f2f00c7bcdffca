"""What search says of each text it lists: its kind, and whether it is the text in force.

Read from the page marker `import` wrote into the built page (`PageIdentity`), never from a
generator's objects: an essay (of a newspaper page), a document (意见, 通知, 规划, a report) or a law
or regulation; a document's status as its card and status line show it (现行有效, 已废止, 尚未生效 from
the manifest), an earlier edition's as its banner does (已被修正(2022-06-24)); and the year of the text's date,
which a reader may narrow search to (an earlier edition's marker has no date: it is in no year range).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.common.page_marker import PageIdentity, PageKind

ESSAY = "文章"
DOCUMENT = "文件"
LAW = "法律法规"
#: An earlier edition of an essay, whose page states no status of its own.
EARLIER = "早期版本"
#: The kinds a reader may narrow search to, in the order the search box offers them.
KINDS = (LAW, DOCUMENT, ESSAY)
#: The statuses a reader may narrow search to, each with the statuses (before any "(date)") it takes in.
STATUS_SCOPES = (
    ("现行有效", ("现行有效",)),
    ("已被修订·已被修正", ("已被修订", "已被修正", "已被修改")),
    ("已废止", ("已废止",)),
    ("尚未生效", ("尚未生效",)),
)
_YEAR = re.compile(r"(\d{4})(?:-|$)")
_STATUS_WORD = re.compile(r"[^(（]*")
#: A document's genre (`build_tools/sources/genre.py`) → the kind search names.
_KINDS = {"regulation": LAW, "document": DOCUMENT, "report": DOCUMENT}


@dataclass(frozen=True)
class SearchLabel:
    """The kind and status search shows beside a page's title.

    Attributes:
        kind: 文章, 文件 or 法律法规.
        status: 现行有效, 已被修订(…), 已废止 … (empty for an essay: it is in force or not by no act).
        earlier: An earlier edition, not the text in force: listed after the current texts, marked apart.
        year: The year of the text's date, as its page marker says (None: not said).
    """

    kind: str
    status: str = ""
    earlier: bool = False
    year: int | None = None

    @property
    def status_scope(self) -> int | None:
        """Which of `STATUS_SCOPES` the status falls in (None: none, as an essay's)."""
        word = _STATUS_WORD.match(self.status)
        found = word.group(0).strip() if word else ""
        return next((n for n, (_, words) in enumerate(STATUS_SCOPES) if found in words), None)


def year_of(date: str | None) -> int | None:
    """The year of a marker's date (2021-12-07, 2021-12, 2021); None when it names none."""
    found = _YEAR.match(date or "")
    return int(found.group(1)) if found else None


#: A status as a page states it: its word, then what it says of dates in brackets.
_STATUS_DATE = re.compile(r"(?P<word>[^(]+)\((?P<date>\d{4}-\d{2}-\d{2})")


def brief_status(status: str) -> str:
    """A status as short as a result's row wants it: its word and its own date, the rest left to the page.

    已被修正(2022-06-24,新文本自2022-08-01起施行) is 已被修正(2022-06-24); 现行有效(新文本已于…通过,…), said of a
    text whose successor is not yet in force, is 现行有效.
    """
    dated = _STATUS_DATE.match(status)
    if dated:
        return f"{dated['word']}({dated['date']})"
    return status.split("(", 1)[0]


def search_label(identity: PageIdentity | None) -> SearchLabel | None:
    """The label of a text's page (an essay, a document, an earlier edition); None for any other page."""
    if identity is None:
        return None
    year = year_of(identity.date)
    if identity.kind == PageKind.ARTICLE:
        return SearchLabel(ESSAY, year=year)
    if identity.kind == PageKind.DOCUMENT:
        return SearchLabel(_KINDS.get(identity.genre or "", DOCUMENT), brief_status(identity.status or ""), year=year)
    if identity.kind == PageKind.EDITION:
        # A document's edition names its genre and status; an essay's edition neither.
        kind = _KINDS.get(identity.genre, DOCUMENT) if identity.genre else ESSAY
        return SearchLabel(kind, brief_status(identity.status or "") or EARLIER, earlier=True, year=year)
    return None
