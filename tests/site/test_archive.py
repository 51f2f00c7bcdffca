"""An archive of more than one year: a short home page, one page per year, navigation by year.

Built for real from a generated project (the Gansu essays recombined, one source a week for
55 weeks: 2021 and 2022), imported with `policy-reader import` and built with `mkdocs build`.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from benchmarks.corpus import ESSAYS_PER_PAGE, CorpusSize, write_project
from build_tools.navigation.archive import HOME_SOURCES
from tests.conftest import mkdocs_build, policy_reader

WEEKS = 55


@pytest.fixture(scope="module")
def archive_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = write_project(tmp_path_factory.mktemp("archive") / "project", CorpusSize(WEEKS * ESSAYS_PER_PAGE, 40, 0))
    imported = policy_reader(project, "import")
    assert imported.returncode == 0, imported.stderr
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    return project / "site"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def source_headings(page: BeautifulSoup) -> list[str]:
    """The text of each h2 that links to a source (the permalink aside)."""
    return [a.get_text() for h in page.select("article h2") for a in h.select("a:not(.headerlink)")]


def article_links(page: BeautifulSoup) -> list[str]:
    return [a["href"] for a in page.select("article a[href]") if not a.get("class")]


def resolves(site: Path, page_url: str, href: str) -> bool:
    path = urlsplit(urljoin(page_url, href)).path.lstrip("/")
    return (site / path).is_file() or (site / path / "index.html").is_file()


def test_the_home_page_lists_the_newest_sources_then_the_years(archive_site: Path) -> None:
    home = soup(archive_site / "index.html")
    sources = source_headings(home)
    assert len(sources) == HOME_SOURCES
    assert sources[0] == "理论版第五五期"  # the newest
    years = home.select("article h2#按年份浏览 + ul a")
    assert [a.get_text() for a in years] == ["2022年", "2021年"]
    for link in article_links(home):
        assert resolves(archive_site, "/", link), link


def test_each_year_page_lists_that_years_sources_and_essays(archive_site: Path) -> None:
    page_2021 = soup(archive_site / "archive" / "2021" / "index.html")
    sources = source_headings(page_2021)
    assert len(sources) == 52  # Mondays of 2021, from 4 January
    assert sources[0] == "理论版第五二期" and sources[-1] == "理论版第一期"
    assert len(page_2021.select("article li a")) == 52 * ESSAYS_PER_PAGE
    for link in article_links(page_2021):
        assert resolves(archive_site, "/archive/2021/", link), link


def test_an_essay_page_carries_only_its_own_year_in_the_navigation(archive_site: Path) -> None:
    page = soup(archive_site / "page-0001" / "essay-0001" / "index.html")
    navigation = page.select_one("nav.md-nav--primary")
    labels = [link.get_text(" ", strip=True) for link in navigation.select(".md-nav__link")]
    assert "2022年" in labels and "2021年" in labels
    listed = {urlsplit(urljoin("/page-0001/essay-0001/", a["href"])).path for a in navigation.select("a[href]")}
    assert "/page-0002/" in listed  # a source of 2021, the page's year
    assert "/page-0053/" not in listed  # a source of 2022: that branch is pruned
    assert len(listed) < 52 + 15
