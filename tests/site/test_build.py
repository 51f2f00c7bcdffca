"""A real `mkdocs build --strict` of the project, its HTML parsed and checked."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from build_tools.common.files import write_atomically
from build_tools.sources.source import load_source
from tests.conftest import ROOT

GANSU = "gansu-2021-digital-development"
ESSAY_IDS = ("digital-government", "innovation-highland", "new-infrastructure")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_paragraph_appears_exactly_as_published(built_site: Path) -> None:
    checked = 0
    for page_file in sorted((ROOT / "sources").glob("*.txt")):
        source = load_source(page_file, page_file.name)
        for article in source.page.articles:
            html = soup(built_site / source.id / article.id / "index.html")
            for paragraph in article.paragraphs:
                element = html.find("p", id=paragraph.anchor)
                assert element is not None, f"{article.id}#{paragraph.anchor} missing"
                assert element.get_text() == paragraph.text, f"{article.id}#{paragraph.anchor} differs"
                checked += 1
    assert checked == 29  # 12 + 8 + 9 paragraphs in the Gansu page


@pytest.mark.parametrize(
    ("article", "measures"),
    [("digital-government", 10), ("innovation-highland", 6), ("new-infrastructure", 5)],
)
def test_essay_pages_have_readable_urls_and_measure_anchors(built_site: Path, article: str, measures: int) -> None:
    html = soup(built_site / GANSU / article / "index.html")
    ids = [h["id"] for h in html.select(".pr-measure")]
    assert ids == [f"measure-{n}" for n in range(1, measures + 1)]
    assert html.select_one(".pr-lead > p#p1") is not None
    assert html.select_one(".pr-byline .pr-author__name") is not None


def test_submeasures_sit_below_their_measure(built_site: Path) -> None:
    html = soup(built_site / GANSU / "new-infrastructure" / "index.html")
    subs = html.select(".pr-submeasure")
    assert [h["id"] for h in subs] == ["measure-3-1", "measure-3-2", "measure-3-3"]
    assert subs[0].find_previous(class_="pr-measure")["id"] == "measure-3"


def test_authors_show_their_own_posts(built_site: Path) -> None:
    html = soup(built_site / GANSU / "digital-government" / "index.html")
    pairs = [
        (a.select_one(".pr-author__name").get_text(), a.select_one(".pr-author__post").get_text())
        for a in html.select(".pr-byline .pr-author")
    ]
    assert pairs == [("秦遇龙", "兰州市大数据管理局调研员"), ("吕江宇", "中共永登县委常委、政法委书记")]


def test_navigation_lists_source_then_essays_in_page_order(built_site: Path) -> None:
    # Pruned navigation: a source's essays are listed on the pages of that source.
    html = soup(built_site / GANSU / "index.html")
    links = [a["href"] for a in html.select("nav.md-nav--primary a.md-nav__link[href]")]
    assert [h for h in links if h.rstrip("/") in ESSAY_IDS] == [f"{essay}/" for essay in ESSAY_IDS]


def test_navigation_prunes_branches_not_open(built_site: Path) -> None:
    html = soup(built_site / "glossary" / "index.html")
    links = [a["href"] for a in html.select("nav.md-nav--primary a.md-nav__link[href]")]
    # The source, or once the sources span several years, the year that holds it (its archive page).
    assert f"../{GANSU}/" in links or "../archive/2021/" in links
    assert not [h for h in links if h.rstrip("/").endswith(ESSAY_IDS)]


def test_source_page_lists_essays_and_related_news(built_site: Path) -> None:
    html = soup(built_site / GANSU / "index.html")
    text = html.select_one("article").get_text()
    for date in ("2018-03-16", "2021-12-07", "2021-11-18", "2021-11-15"):
        assert date in text
    assert len(html.select('article a[href$="/"]')) >= 3


def site_path_prefix(built_site: Path) -> str:
    """The path the site is published under (from its canonical address), for root-absolute links."""
    canonical = soup(built_site / "index.html").find("link", rel="canonical")
    return urlsplit(canonical["href"]).path if canonical else "/"


def test_no_internal_link_or_anchor_is_broken(built_site: Path) -> None:
    prefix = site_path_prefix(built_site)
    pages = sorted(built_site.rglob("*.html"))
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in pages:
        html = soup(page)
        ids[page] = {tag["id"] for tag in html.find_all(id=True)}
    for page in pages:
        for link in soup(page).find_all(["a", "link", "script", "img"]):
            target = link.get("href") or link.get("src")
            if not target or target.startswith(("mailto:", "javascript:")):
                continue
            parts = urlsplit(target)
            if parts.scheme or parts.netloc:
                continue
            relative = unquote(parts.path)
            if relative.startswith("/"):
                assert relative.startswith(prefix), f"{page}: {target} is outside the site"
                relative, base = relative[len(prefix) :], built_site
            else:
                base = page.parent
            path = (base / relative).resolve() if parts.path else page
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{page.relative_to(built_site)} -> {target}")
            elif parts.fragment and path.suffix == ".html":
                if path not in ids:
                    ids[path] = {tag["id"] for tag in soup(path).find_all(id=True)}
                if unquote(parts.fragment) not in ids[path]:
                    broken.append(f"{page.relative_to(built_site)} -> {target}")
    assert broken == []
    assert len(pages) >= 6


def test_no_web_fonts_or_outside_stylesheets(built_site: Path) -> None:
    fetched = {"stylesheet", "preload", "preconnect", "prefetch", "dns-prefetch", "icon", "modulepreload"}
    for page in built_site.rglob("*.html"):
        html = soup(page)
        for tag in html.find_all("link", href=True):
            if fetched & set(tag.get("rel", [])):
                assert not urlsplit(tag["href"]).netloc, f"{page}: {tag['href']}"
        for tag in html.find_all(["script", "img"], src=True):
            assert not urlsplit(tag["src"]).netloc, f"{page}: {tag['src']}"
        assert "fonts.googleapis" not in str(html)


def test_chinese_headings_get_unicode_anchors(built_site: Path) -> None:
    html = soup(built_site / GANSU / "digital-government" / "index.html")
    assert [h["id"] for h in html.select("article h2")] == [
        "坚持全省一盘棋统筹一体化全面推进",
        "突出两高两化加快数字政府建设",
        "着力发挥三大优势赋能数字经济",
    ]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_every_file_is_as_readable_as_a_file_written_plainly(built_site: Path) -> None:
    # A web server reads the site as another user: no page may be its writer's alone.
    expected = 0o666 & ~_umask()
    files = [path for path in built_site.rglob("*") if path.is_file()]
    modes = {path.relative_to(built_site).as_posix(): stat.S_IMODE(path.stat().st_mode) for path in files}
    assert {name: oct(mode) for name, mode in modes.items() if mode != expected} == {}


def test_a_file_written_again_keeps_its_mode(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    write_atomically(page, "<p>一</p>")
    assert stat.S_IMODE(page.stat().st_mode) == 0o666 & ~_umask()
    page.chmod(0o640)
    write_atomically(page, "<p>二</p>")
    assert stat.S_IMODE(page.stat().st_mode) == 0o640 and page.read_text() == "<p>二</p>"
