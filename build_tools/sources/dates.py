"""Dates as documents print them (2019年1月9日, 二〇一九年一月九日), read as ISO dates (2019-01-09)."""

from __future__ import annotations

import re

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0}
_CN = "〇零○ＯO一二三四五六七八九十"
_PART = rf"(\d{{1,2}}|[{_CN}]{{1,3}})"
PRINTED_DATE = re.compile(rf"(\d{{4}}|[{_CN}]{{4}})\s*年\s*{_PART}\s*月\s*{_PART}\s*日")


def _number(text: str) -> int:
    """12 → 12, 十二 → 12, 二〇一九 → 2019 (a year is read digit by digit)."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(_CN_DIGIT[c]) for c in text))
    tens, _, units = text.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


def printed_dates(text: str) -> list[str]:
    """Every valid date printed in `text`, as ``YYYY-MM-DD``, in the order printed."""
    found = []
    for match in PRINTED_DATE.finditer(text):
        year, month, day = (_number(part) for part in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append(f"{year:04d}-{month:02d}-{day:02d}")
    return found
