"""A law and a notice dated only at its end, imported and built into the real site as a maintainer would.

The real project with 行政复议法 (2023) and 国办发〔2019〕3号 added to ``sources/`` without manifests:
`policy-reader import`, then a real `mkdocs build --strict`. The law's page carries every article,
款 and item at its address and its 题注 as the block under its title; the notice is filed, listed and
named by the date and title it prints.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from build_tools.common.page_marker import read_card
from build_tools.sources.source import load_source
from tests.conftest import REAL_PAGES, ROOT, copy_project, mkdocs_build, opened, policy_reader

LAW = "administrative-review-law-2023"
NOTICE = "notice-kindergartens-in-residential-areas-2019"
ARTIFACTS = ROOT / "tests" / "artifacts" / "documents"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("law") / "project")
    for name in (LAW, NOTICE):
        shutil.copy(REAL_PAGES / "documents" / f"{name}.txt", project / "sources" / f"{name}.txt")
    imported = policy_reader(project, "import")
    assert imported.returncode == 0, imported.stderr
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    return project / "site"


def _page(site: Path, *path: str) -> BeautifulSoup:
    return BeautifulSoup((site.joinpath(*path) / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_article_kuan_and_item_of_the_law_is_an_id_of_its_page(site: Path) -> None:
    path = REAL_PAGES / "documents" / f"{LAW}.txt"
    document = load_source(path, path.name).document
    assert document is not None
    page = _page(site, LAW)
    ids = [tag["id"] for tag in page.select(".md-content [id]")]
    for clause in document.clauses:
        assert ids.count(clause.anchor) == 1, clause.anchor
    # 第六十五条: two 款, each with its own （一）; the first 款's items keep the article's addresses.
    assert page.select_one("#article-65").name.startswith("h")
    assert page.select_one("#article-65-para-1 p").get_text().startswith("第六十五条 行政行为有下列情形之一的")
    assert page.select_one("#article-65-item-2 p").get_text().startswith("（二）程序轻微违法")
    assert page.select_one("#article-65-para-2 p").get_text().startswith("行政行为有下列情形之一，不需要撤销")
    assert page.select_one("#article-65-para-2-item-3 p").get_text().startswith("（三）被申请人不履行")
    assert "pr-kuan" in page.select_one("#article-65-para-2")["class"]


def test_the_laws_tizhu_stands_under_its_title_and_dates_it(site: Path) -> None:
    page = _page(site, LAW)
    block = page.select_one(".md-content h1 ~ .pr-doc-history-block")
    assert block is not None
    printed = (REAL_PAGES / "documents" / f"{LAW}.txt").read_text(encoding="utf-8").splitlines()
    assert [p.get_text() for p in block.select(".pr-doc-history")] == printed[1:5]
    assert printed[4].startswith("2023年9月1日")  # the latest, which dates the law
    description = page.select_one('meta[name="description"]')["content"]
    assert description.startswith("第一条 为了防止和纠正违法的或者不当的行政行为")
    year = _page(site, "archive", "2023")
    assert [a.get_text() for a in year.select(".md-content h2 a:not(.headerlink)")] == ["中华人民共和国行政复议法"]


def test_a_notice_is_filed_and_named_by_the_date_and_title_it_prints(site: Path) -> None:
    assert not (site / "archive" / "undated").exists()
    year = _page(site, "archive", "2019")
    assert [a.get_text() for a in year.select(".md-content h2 a:not(.headerlink)")] == [
        "国务院办公厅关于开展城镇小区配套幼儿园治理工作的通知"
    ]
    assert "2019年1月9日" in year.select_one(".md-content li").get_text()
    page = _page(site, NOTICE)
    links = page.select(f'.md-nav--primary a[href$="{NOTICE}/"], .md-nav--primary a[href="./"]')
    names = {" ".join(a.get_text().split()) for a in links}
    assert "国务院办公厅关于开展城镇小区配套幼儿园治理工作的通知" in names
    # Newest first on the home page: the 2023 law, the 2021 page, then this 2019 notice, then 2018.
    home = _page(site)
    listed = [a.get_text() for a in home.select(".md-content h2 a:not(.headerlink)")]
    assert listed.index("中华人民共和国行政复议法") < listed.index(
        "国务院办公厅关于开展城镇小区配套幼儿园治理工作的通知"
    )
    assert listed.index("国务院办公厅关于开展城镇小区配套幼儿园治理工作的通知") < listed.index(
        "国务院办公厅关于推进政务新媒体健康有序发展的意见"
    )


@pytest.mark.browser
def test_the_tizhu_prints_as_a_law_prints_it_and_a_kuan_address_lands_on_it(browser: Browser, site: Path) -> None:
    url = (site / LAW / "index.html").as_uri() + "#article-65-para-2-item-1"
    with opened(browser, url, viewport={"width": 1280, "height": 900}) as page:
        # Where the address scrolls the page: the item under the header, near the window's top.
        page.wait_for_function(
            "() => { const top = document.querySelector('#article-65-para-2-item-1').getBoundingClientRect().top;"
            " return top >= 0 && top < 200; }"
        )
        look = page.eval_on_selector(
            ".pr-doc-history-block",
            """block => {
                const line = block.querySelector('p'), body = document.querySelector('#p1');
                const style = getComputedStyle(line);
                return {
                    align: style.textAlign,
                    smaller: parseFloat(style.fontSize) < parseFloat(getComputedStyle(body).fontSize),
                    open: getComputedStyle(block.querySelector('p:first-child'), '::before').content,
                    close: getComputedStyle(block.querySelector('p:last-child'), '::after').content,
                    text: block.innerText,
                };
            }""",
        )
        assert (look["align"], look["smaller"], look["open"], look["close"]) == ("center", True, '"（"', '"）"')
        # The drawn parentheses are no part of the text copied from the page.
        assert look["text"].splitlines()[0].startswith("1999年4月29日")


def test_the_law_has_its_card_and_each_article_number_is_printed_once(site: Path) -> None:
    built = (site / LAW / "index.html").read_text(encoding="utf-8")
    assert read_card(built) == {"issuer": "全国人民代表大会常务委员会", "published": "2023-09-01", "status": "现行有效"}
    page = BeautifulSoup(built, "html.parser")
    # 第六十五条: a heading for the contents list, the number shown once, in bold at the start of its first 款.
    assert "pr-runin-heading" in page.select_one("#article-65")["class"]
    first = page.select_one("#article-65-para-1 p")
    assert first.select_one("strong.pr-runin").get_text() == "第六十五条"
    assert first.get_text().count("第六十五条") == 1


@pytest.mark.browser
def test_screenshots_of_the_law_page(browser: Browser, site: Path) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    url = (site / LAW / "index.html").as_uri()
    looks = {
        "law-desktop": {"viewport": {"width": 1280, "height": 900}},
        "law-phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True},
        "law-dark": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
    }
    for name, options in looks.items():
        with opened(browser, url, **options) as page:  # type: ignore[arg-type]
            page.evaluate("document.fonts.ready")
            card = page.locator(".pr-doc-card").bounding_box()
            assert card is not None and card["width"] <= page.viewport_size["width"]  # type: ignore[index]
            assert page.evaluate("document.scrollingElement.scrollWidth") <= page.viewport_size["width"]  # type: ignore[index]
            page.screenshot(path=ARTIFACTS / f"{name}.png")
            if name == "law-desktop":  # printed from the page already open: print media, as the browser prints
                page.emulate_media(media="print")
                assert page.locator(".pr-doc-card").is_visible()
                page.pdf(path=ARTIFACTS / "law-print.pdf", format="A4")
