"""Who issued a document (its card's 发文机关, a citation's 主要责任者 in GB/T 7714), from what it prints.

A government document is cited under the body that issued it: the body signing its closing
(国务院办公厅), else the body its title names before 关于 (国务院关于印发…的通知), or before 令
(中华人民共和国国务院令). A law or regulation is cited under the body that last adopted, amended or
revised it, as its 题注 says (…第十三届全国人民代表大会常务委员会第三十五次会议…修正 → 全国人民代表
大会常务委员会). A report or speech is cited under its speaker (甘肃省省长 任振鹤 → 任振鹤). What the
text does not print is not guessed: the work then has no author, as the standard allows.
"""

from __future__ import annotations

import re

from build_tools.sources.dates import PRINTED_DATE, printed_dates
from build_tools.sources.model import DocLine, Document

_CN_NUMBER = "一二三四五六七八九十百零〇"
#: The title of a document its issuer names: 国务院办公厅关于…, 中华人民共和国国务院令.
_TITLE_ISSUER = re.compile(r"^(.{2,40}?)(?:关于|令$)")
#: In a 题注 entry, after its date: (第十三届)全国人民代表大会常务委员会第三十五次会议, 国务院第23次常务会议,
#: 中华人民共和国国务院令第76号.
_HISTORY_BODY = re.compile(rf"^\s*(?:第[{_CN_NUMBER}]+届)?(\S+?)(?:第[\d{_CN_NUMBER}]+次|令第|(?:全体|常务)?会议)")
_SPACE = re.compile(r"[\s\u3000]+")


def _body_of_history(lines: list[DocLine]) -> str | None:
    """The body of the latest dated entry of a 题注."""
    entries = []
    for line in lines:
        dates = list(PRINTED_DATE.finditer(line.text))
        for date, after in zip(dates, [*dates[1:], None], strict=True):
            entry = line.text[date.end() : after.start() if after else None]
            if (found := printed_dates(date.group(0))) and (body := _HISTORY_BODY.match(entry)):
                entries.append((found[0], body.group(1)))
    return max(entries)[1] if entries else None


def issuers(document: Document) -> tuple[str, ...]:
    """The names `document` is cited under, as it prints them; empty when it prints none."""
    if document.genre == "report":
        # 甘肃省省长 任振鹤: the speaker's name is the last word of the line (the post comes first).
        return tuple(_SPACE.split(line.strip())[-1] for line in document.lines_of("author") if line.strip())
    # A signature with a space in it is a person's (总理　李克强), who signs for the body: not the issuer.
    bodies = tuple(line.strip() for line in document.lines_of("signature") if not _SPACE.search(line.strip()))
    if bodies:
        return bodies
    if found := _TITLE_ISSUER.match(document.title):
        # Joint issuers are named side by side: 中共中央办公厅 国务院办公厅关于…
        return tuple(_SPACE.split(found.group(1).strip()))
    history = [line for line in document.head if line.role == "history"]
    history += [line for annex in document.annexes for line in annex.head if line.role == "history"]
    body = _body_of_history(history)
    return (body,) if body else ()


def document_number(document: Document) -> str | None:
    """The document's number as printed (发文字号, 国办发〔2018〕123号), without spaces; None if it prints none."""
    numbers = document.lines_of("number")
    return _SPACE.sub("", numbers[0]) if numbers else None
