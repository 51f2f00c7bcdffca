"""How sources fall into years, so the home page, the year pages and the navigation agree.

A theory page published weekly makes some fifty sources a year. Material repeats the
navigation in every page, and the home page lists the sources: past one year both would
grow with the archive, and every page with them. Once the sources span more than one
year, the home page lists the newest few and links to one page per year, and the
navigation groups sources under their year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: How many of the newest sources the home page lists once there are year pages.
HOME_SOURCES = 12
UNDATED = "undated"
#: The folder below ``docs/`` holding the year pages; no source may be named so.
ARCHIVE_DIR = "archive/"
_YEAR = re.compile(r"\d{4}")


def year_of(date: str | None) -> str:
    """The year of a manifest date (``2021-12-07``, ``2021-12``, ``2021``), or `UNDATED`."""
    found = _YEAR.match(date or "")
    return found.group() if found else UNDATED


def year_title(year: str) -> str:
    """How a year is named on the site."""
    return "日期不详" if year == UNDATED else f"{year}年"


def year_page(year: str) -> str:
    """The page listing a year's sources, below ``docs/``."""
    return f"{ARCHIVE_DIR}{year}/index.md"


def years_newest_first(dates: Iterable[str | None]) -> list[str]:
    """The years of these dates, newest first, undated last, each once."""
    years = {year_of(date) for date in dates}
    return sorted(years - {UNDATED}, reverse=True) + ([UNDATED] if UNDATED in years else [])


def spans_years(dates: Iterable[str | None]) -> bool:
    """Whether sources with these dates get year pages and year sections (more than one year)."""
    return len(years_newest_first(dates)) > 1
