"""A policy document's page in a real build and a real browser: desktop, phone, print and dark.

The project is the real one with a real government document added to ``sources/`` and one note on
it, related to an essay: the page must read as an essay's does (glossary marks, notes both ways,
search sections, print without the chrome, axe-core finding no serious violation), with every
clause at its documented address.
Screenshots go to ``tests/artifacts/documents/``.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from build_tools.common.page_marker import read_card
from build_tools.sources.source import load_source
from tests.accessibility.conftest import axe_violations, describe, ensure_axe, reader
from tests.conftest import REAL_PAGES, ROOT, copy_project, goto, mkdocs_build, opened, policy_reader, read_search_index

ARTIFACTS = ROOT / "tests" / "artifacts" / "documents"
DOCUMENT = "gov-new-media-2018"
NOTE = """\
- id: new-media-open-government
  target: {article: gov-new-media-2018, quote: "推进政务公开，强化解读回应"}
  related:
    - {article: digital-government, quote: "促进政务信息共享共用"}
  body: |
    意见把政务公开和解读回应列为政务新媒体的首要功能。
"""
MANIFEST = """\
publication: 中国政府网
date: "2018-12-07"
url: http://www.gov.cn/zhengce/content/2018-12/27/content_5352666.htm
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    project = copy_project(tmp_path_factory.mktemp("document") / "project")
    shutil.copy(
        REAL_PAGES / "documents" / "gov-opinion-government-new-media-2018.txt", project / "sources" / f"{DOCUMENT}.txt"
    )
    (project / "sources" / f"{DOCUMENT}.yaml").write_text(MANIFEST, encoding="utf-8")
    (project / "annotations" / "document-test.yaml").write_text(NOTE, encoding="utf-8")
    imported = policy_reader(project, "import")
    assert imported.returncode == 0, imported.stderr
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield project / "site"


#: The element stands where a jump to it ends: the page no longer scrolling (the same position as at the frame
#: before: polled once a frame) and the element's top under the header, near the window's top.
LANDED = """selector => {
  const still = window.__lastScrollY === scrollY;
  window.__lastScrollY = scrollY;
  const top = document.querySelector(selector).getBoundingClientRect().top;
  return still && top >= 0 && top < 200;
}"""


def landed(page: Page, selector: str) -> None:
    """Wait until a jump to the element has ended with the element near the window's top."""
    page.wait_for_function(LANDED, arg=selector, polling="raf")


#: The page no longer scrolling: the same position as at the frame before (polled once a frame).
STILL = """() => {
  const still = window.__lastScrollY === scrollY;
  window.__lastScrollY = scrollY;
  return still;
}"""


#: Every entry the contents list marks as where the reader is names `heading`.
ACTIVE_ENTRY_NAMES = """heading => {
  const active = [...document.querySelectorAll('.md-nav--secondary .md-nav__link--active')];
  return active.length > 0 && active.every(a => a.textContent.includes(heading));
}"""


def _url(site: Path, fragment: str = "") -> str:
    return (site / DOCUMENT / "index.html").as_uri() + fragment


def test_desktop_every_clause_at_its_address(browser: Browser, site: Path) -> None:
    with opened(browser, _url(site), viewport={"width": 1280, "height": 900}) as page:
        assert page.inner_text("h1").startswith("国务院办公厅关于推进政务新媒体健康有序发展的意见")
        assert page.inner_text(".pr-doc-number") == "国办发〔2018〕123号"
        assert page.inner_text(".pr-doc-closing .pr-doc-date") == "2018年12月7日"
        assert page.eval_on_selector("#part-3", "e => e.tagName") == "H2"
        # A heading that opens its paragraph is that paragraph's bold opening, its words shown once.
        assert page.inner_text("#p12 .pr-runin") == "（一）推进政务公开，强化解读回应。"
        assert page.eval_on_selector("#part-1-item-3-point-2", "e => e.querySelector('p').id") == "p5"
        # The contents list names every part and item and leads to it (beside margin notes it stands
        # in the navigation, under the page's entry).
        toc = page.locator(".md-nav--secondary a[href$='#part-4-item-2']:visible")
        assert toc.count() == 1
        toc.click()
        landed(page, "#part-4-item-2")
        # Glossary marks and the note, as on an essay.
        assert page.locator(".pr-para .pr-term").count() > 0
        assert (
            page.locator(
                "#p12 ~ * [data-note='new-media-open-government'], [data-note='new-media-open-government']"
            ).count()
            >= 1
        )
        # Only for the screenshot, once the page is still (where a jump lands is checked above and below).
        goto(page, _url(site, "#part-3-item-1"))
        page.wait_for_function(STILL, polling="raf")
        page.screenshot(path=ARTIFACTS / "desktop.png")


def test_the_card_and_its_metadata_are_in_the_built_page_and_every_clause_is_there_once(site: Path) -> None:
    built = (site / DOCUMENT / "index.html").read_text(encoding="utf-8")
    # No card key in this manifest: what the opinion prints.
    assert read_card(built) == {
        "issuer": "国务院办公厅",
        "number": "国办发〔2018〕123号",
        "written": "2018-12-07",
        "status": "现行有效",
    }
    page = BeautifulSoup(built, "html.parser")
    card = page.select_one(".md-content h1 ~ dl.pr-doc-card")
    assert card is not None
    assert [(dt.get_text(), dd.get_text()) for dt, dd in zip(card.select("dt"), card.select("dd"), strict=True)] == [
        ("发文机关", "国务院办公厅"),
        ("发文字号", "国办发〔2018〕123号"),
        ("成文日期", "2018年12月7日"),
        ("时效性", "现行有效"),
    ]
    path = REAL_PAGES / "documents" / "gov-opinion-government-new-media-2018.txt"
    document = load_source(path, path.name).document
    assert document is not None
    ids = [tag["id"] for tag in page.select(".md-content [id]")]
    for clause in document.clauses:
        assert ids.count(clause.anchor) == 1, clause.anchor
    for paragraph in document.paragraphs:
        assert ids.count(paragraph.anchor) == 1, paragraph.anchor
    # The site's own copy: gov.cn's card from its manifest.
    own = read_card((site / "gov-opinion-government-new-media-2018" / "index.html").read_text(encoding="utf-8"))
    assert own is not None
    assert (own["topics"], own["index_number"], own["published"]) == (
        ["综合政务\\政务公开"],
        "000014349/2018-00221",
        "2018-12-27",
    )


@pytest.mark.browser
def test_an_item_heading_is_read_once_and_its_contents_entry_leads_to_it(browser: Browser, site: Path) -> None:
    with opened(browser, _url(site), viewport={"width": 1280, "height": 900}) as page:
        heading = "突出民生事项，优化掌上服务"
        assert page.inner_text("#p14").count(heading) == 1
        assert page.inner_text("#p14").startswith("（三）突出民生事项，优化掌上服务。强化政务新媒体办事服务功能")
        # Nothing else on the page shows the words: the heading the contents list needs takes no room.
        shown = page.eval_on_selector_all(
            ".md-content *",
            """(all, words) => all.filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.data.includes(words)))
                .map(e => e.getBoundingClientRect()).filter(r => r.width > 2 && r.height > 2).length""",
            heading,
        )
        assert shown == 1
        # Copying the paragraph gives its words once.
        copied = page.eval_on_selector(
            "#p14",
            """p => { const range = document.createRange(); range.selectNodeContents(p);
                const selection = getSelection(); selection.removeAllRanges(); selection.addRange(range);
                return selection.toString(); }""",
        )
        assert copied.count(heading) == 1
        # The bold opening and the paragraph share a line.
        same_line = page.eval_on_selector(
            "#p14",
            """p => { const bold = p.querySelector('.pr-runin').getClientRects()[0];
                const range = document.createRange(); const after = p.querySelector('.pr-runin').nextSibling;
                range.setStart(after, 0); range.setEnd(after, 1);
                const next = range.getClientRects()[0]; return Math.abs(bold.top - next.top) < 4; }""",
        )
        assert same_line
        toc = page.locator(".md-nav--secondary a[href$='#part-3-item-3']:visible")
        assert toc.count() == 1 and heading in toc.inner_text()
        toc.click()
        landed(page, "#p14")
        assert page.evaluate("location.hash") == "#part-3-item-3"
        # The contents list follows: the entry gone to is the one marked, not the item before it (once the
        # theme has seen the scroll end).
        with contextlib.suppress(PlaywrightTimeoutError):
            page.wait_for_function(ACTIVE_ENTRY_NAMES, arg=heading, timeout=5000)
        active = page.eval_on_selector_all(
            ".md-nav--secondary .md-nav__link--active", "links => links.map(a => a.textContent.trim())"
        )
        assert active and all(heading in text for text in active), active
        page.screenshot(path=ARTIFACTS / "run-in-heading.png")


def test_phone_reads_without_sideways_scrolling(browser: Browser, site: Path) -> None:
    with opened(browser, _url(site), viewport={"width": 390, "height": 844}, is_mobile=True) as page:
        page.evaluate("document.fonts.ready")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
        assert page.locator("#p1").is_visible()
        # With no byline to sit beside, the notes switch stands on its own line above the first paragraph
        # (floated, it once sat inside that paragraph's first line).
        switch = page.locator(".pr-notes-switch").bounding_box()
        first = page.locator("#p1").bounding_box()
        assert switch is not None and first is not None
        assert switch["y"] + switch["height"] <= first["y"] + 1, (switch, first)
        page.screenshot(path=ARTIFACTS / "phone.png")


@pytest.mark.parametrize("width", [1280, 390])
def test_three_digit_paragraph_numbers_stay_on_one_line_beside_the_text(
    browser: Browser, site: Path, width: int
) -> None:
    # A law runs past ¶99 (个人信息保护法: 171 paragraphs); "100" once broke into "10" over "0" on a phone.
    url = (site / "personal-information-protection-law-2021" / "index.html").as_uri() + "#p100"
    with opened(browser, url, viewport={"width": width, "height": 844}, is_mobile=width < 500) as page:
        page.evaluate("document.fonts.ready")
        for number in (9, 99, 100, 171):
            link = page.locator(f'.pr-para__link[href="#p{number}"]')
            box = link.bounding_box()
            text = page.locator(f"#p{number}").bounding_box()
            assert box is not None and text is not None
            line = float(link.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
            assert box["height"] < 1.5 * line, (number, box, line)
            assert link.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), number
            assert box["x"] + box["width"] <= text["x"], (number, box, text)
        if width < 500:
            page.screenshot(path=ARTIFACTS / "phone-paragraph-100.png")


def test_dark_scheme(browser: Browser, site: Path) -> None:
    with opened(browser, _url(site), viewport={"width": 1280, "height": 900}, color_scheme="dark") as page:
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        colour = page.eval_on_selector("#p1", "e => getComputedStyle(e).color")
        assert colour != "rgba(0, 0, 0, 0.87)"
        page.screenshot(path=ARTIFACTS / "dark.png")


def test_print_is_the_document_alone(browser: Browser, site: Path) -> None:
    with opened(browser, _url(site)) as page:
        page.emulate_media(media="print")
        assert not page.locator(".md-sidebar--primary").is_visible()
        assert not page.locator(".md-header").is_visible()
        assert page.locator("#part-5-item-3").is_visible()
        page.pdf(path=ARTIFACTS / "print.pdf", format="A4")
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(ARTIFACTS / "print.pdf"),
                str(ARTIFACTS / "print"),
            ],
            check=True,
        )


def test_the_note_links_document_and_essay_both_ways(site: Path) -> None:
    document = (site / DOCUMENT / "index.html").read_text(encoding="utf-8")
    essay = (site / "gansu-2021-digital-development" / "digital-government" / "index.html").read_text(encoding="utf-8")
    assert "digital-government/#quote-new-media-open-government-r1" in document
    assert f"{DOCUMENT}/#quote-new-media-open-government" in essay


def test_search_lists_the_document_by_part_and_item(site: Path) -> None:
    locations = {doc["location"] for doc in read_search_index(site)["docs"]}
    assert f"{DOCUMENT}/#part-3-item-1" in locations
    assert f"{DOCUMENT}/#part-1" in locations


# The offline zip conftest makes once for the run, of the real project: its copy of this document (the same
# 2018 opinion, imported from sources/ as this module's is) is what a reader opens from disk.
@pytest.mark.parametrize("generator", ["mkdocs"], indirect=True)
def test_offline_zip_holds_the_document_and_it_reads_from_disk(browser: Browser, unzipped: Path) -> None:
    page = unzipped / "gov-opinion-government-new-media-2018" / "index.html"
    assert page.exists(), sorted(p.name for p in unzipped.iterdir())
    with opened(browser, page.as_uri() + "#part-4-item-2", viewport={"width": 1280, "height": 900}) as opened_page:
        landed(opened_page, "#part-4-item-2")
        assert opened_page.inner_text("#part-4-item-2").startswith("（二）内容保障")
        assert opened_page.locator(".pr-para .pr-term").count() > 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_document_page_has_no_serious_accessibility_violation(
    browser: Browser, site: Path, scheme: str, width: int
) -> None:
    with reader(browser, _url(site), scheme, width) as page:
        violations = axe_violations(page, ensure_axe())
    assert violations == [], describe(violations)
