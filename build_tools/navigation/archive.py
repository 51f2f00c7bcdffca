"""How sources fall into years, so the home page, the year pages and the navigation agree.

A theory page published weekly makes some fifty sources a year. Material repeats the
navigation in every page, and the home page lists the sources: past one year both would
grow with the archive, and every page with them. Once the sources span more than one
year, the home page lists the newest few and links to one page per year, and the
navigation groups sources under their year.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

#: How many of the newest sources the home page lists once there are year pages.
HOME_SOURCES = 12
UNDATED = "undated"
#: The folder below ``docs/`` holding the year pages; no source may be named so.
ARCHIVE_DIR = "archive/"
_YEAR = re.compile(r"\d{4}")
T = TypeVar("T")


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


def by_year(items: Iterable[T], date: Callable[[T], str | None]) -> dict[str, list[T]]:
    """`items` grouped by the year of their `date`: newest year first, undated last, order kept within a year.

    More than one group means year pages and year sections.
    """
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(year_of(date(item)), []).append(item)
    years = sorted(groups.keys() - {UNDATED}, reverse=True) + ([UNDATED] if UNDATED in groups else [])
    return {year: groups[year] for year in years}
