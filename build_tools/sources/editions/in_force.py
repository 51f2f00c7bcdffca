"""When a text took (or takes) effect, as its own words say: the last 施行 provision, read as a date.

A law, regulation or document ends with when it takes effect: 本法自2008年8月1日起施行 (a date),
本意见自印发之日起施行 or 自公布之日起施行 (the day it was issued: the date it prints, its closing
date or its 题注's latest), or a 题注 line says it (2014年3月1日 施行). The last such provision is read.

The rule for an amended text (修正): the consolidated text keeps the 施行 article of the law as first
passed (反垄断法 2022: 本法自2008年8月1日起施行), since the 修正决定's own 施行 article (本决定自
2022年8月1日起施行) is not part of it. A date printed before the edition's own date is that first
date, not this edition's: the edition is then taken to be in force from its own date (its 题注's
latest), and the manifest's ``in_force:`` gives the decision's date where it is known to be later.
A 施行 provision whose time is not understood (自国务院规定之日起施行) is a warning naming its line,
and the edition's own date is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from build_tools.common.errors import InputError
from build_tools.sources.dates import PRINTED_DATE, printed_dates
from build_tools.sources.model import Document

#: A provision on when the text itself takes effect: 本法 (本条例, 本意见, 本决定 …) 自 (于, 从) … 施行 (生效 …).
_SUBJECT_TAKES_EFFECT = re.compile(
    r"本(?:(?!施行)[\u4e00-\u9fff]){1,8}?(?:自|于|从)[^。；;]*?(?:施行|生效|实施|执行|试行)"
)
#: Its time, where it is understood: 自<when>起施行.
_TAKES_EFFECT = re.compile(r"自(?P<when>[^，,。；;]{2,40}?)起(?:施行|生效|实施|执行|试行)$")
#: The day the text is issued, as a 施行 provision names it: 自公布之日, 自印发之日, 自发布之日 …
_ISSUED = re.compile(r"^(?:本\S{0,6}?)?(?:公布|发布|印发|颁布|下发|发文|签发|批准|通过)(?:之日|当日)$")
#: A 题注 line that gives the date the text took effect: 2014年3月1日 施行.
_HISTORY_IN_FORCE = re.compile(rf"^[（(]?{PRINTED_DATE.pattern}\s*(?:起)?施行[)）]?$")

How = Literal["manifest", "text", "issued", "edition date"]


@dataclass(frozen=True)
class InForce:
    """When a text takes effect and what says so.

    Attributes:
        date: ``YYYY-MM-DD`` (or the edition's own date, as precise as it is); None when nothing dates it.
        how: ``manifest`` (its ``in_force:``), ``text`` (a date its 施行 provision prints), ``issued``
            (自公布之日起施行: the date the text was issued), ``edition date`` (nothing else dates this edition).
        line: The line of the 施行 provision read, if any.
    """

    date: str | None
    how: How
    line: int | None = None


def in_force(document: Document, own_date: str | None, declared: str | None = None) -> tuple[InForce, list[InputError]]:
    """When `document` takes effect; the warnings for a 施行 provision not understood.

    `own_date` is the edition's date (adopted, or the latest amendment's), `declared` the manifest's ``in_force:``.
    """
    if declared:
        return InForce(declared, "manifest"), []
    found = _provision(document)
    if found is None:
        return InForce(own_date, "edition date"), []
    said, line, text = found
    # A 题注 line (2014年3月1日 施行) is its date; a provision is read for its 自<when>起施行.
    understood = _TAKES_EFFECT.search(said) if said.startswith("本") else None
    when = understood.group("when") if understood else said
    dates = printed_dates(when) if understood or not said.startswith("本") else []
    if dates:
        date = dates[0]
        if own_date and date[: len(own_date)] < own_date[: len(date)]:
            # An amended text keeps the first 施行 date: this edition is in force from its own date.
            return InForce(own_date, "edition date", line), []
        return InForce(date, "text", line), []
    if understood and _ISSUED.match(when.strip()):
        issued = document.printed_date or own_date
        return InForce(issued, "issued", line), []
    warning = InputError(
        document.path,
        f"line {line} 「{text[:40]}」 says when the text takes effect ({said}), but not as a date (自……起施行) "
        f"or as the day it was issued: it is taken to be in force from its own date ({own_date or 'unknown'})",
        'if it took effect on another day, give the edition\'s `in_force: "YYYY-MM-DD"` in the manifest',
        line=line,
    )
    return InForce(own_date, "edition date", line), [warning]


def takes_effect(text: str) -> bool:
    """Whether `text` says when the text it stands in takes effect (本法自……起施行, 本意见自印发之日起施行)."""
    return _SUBJECT_TAKES_EFFECT.search(text) is not None


def _provision(document: Document) -> tuple[str, int, str] | None:
    """The last 施行 provision: what it says (本法自……起施行), its line and text."""
    for paragraph in reversed(document.paragraphs):
        said = _SUBJECT_TAKES_EFFECT.search(paragraph.text)
        if said:
            return said.group(0), paragraph.line, paragraph.text
    for annex in reversed(document.annexes):
        for line in annex.head:
            if line.role == "history" and _HISTORY_IN_FORCE.match(line.text):
                return line.text, line.line, line.text
    for line in document.head:
        if line.role == "history" and _HISTORY_IN_FORCE.match(line.text):
            return line.text, line.line, line.text
    return None


def in_force_error(
    path: str, declared: str, own_date: str, label: str, line: int | None, key: str = "in_force"
) -> InputError | None:
    """A manifest's ``in_force:`` before the date of the text it is given for: a text takes effect once adopted."""
    if declared[: len(own_date)] >= own_date[: len(declared)]:
        return None
    return InputError(
        path,
        f"the text '{label}' is said to take effect on {declared}, before its own date {own_date}",
        "give the date it took effect, on or after its date (YYYY-MM-DD), or remove `in_force:`",
        line=line,
        key=key,
    )
