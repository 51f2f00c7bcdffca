"""The 引用 control on a law's page in Chromium: a 款 chosen by its permalink or by its paragraph's number is
cited by its name (第十七条第一款), as a reference or in running text; a part's heading link chooses the part.

The expected text is rendered from the law's source (`cited_works`), with the browser's own today as the
date of citing, so the page's script must fill in exactly what the build left.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from build_tools.citations import gbt7714
from build_tools.citations.work import cited_works
from build_tools.importer.project import Project
from tests.accessibility.conftest import AXE_TAGS, NAMED_RULES, SCHEMES, describe, ensure_axe, reader
from tests.citations.conftest import LAW, OPINION, SITE_URL, DocumentSite
from tests.citations.test_cite_browser import CLIPBOARD, SCREENSHOTS, clipboard, today
from tests.conftest import ROOT, opened
from tests.search.conftest import RequestGuard, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hosted(document_site: DocumentSite) -> Iterator[str]:
    with serve(document_site.site) as base:
        yield base


def test_a_kuan_is_cited_by_its_name_and_permalink(browser: Browser, hosted: str, document_site: DocumentSite) -> None:
    work = document_site.works[LAW]
    part = ("article-17-para-1", "第十七条第一款")
    with opened(browser, f"{hosted}{LAW}/#article-17-para-1", permissions=CLIPBOARD) as page:
        button = page.locator(".pr-cite__button--paragraph")
        expect(button).to_have_count(1)
        expect(button).to_have_text("引用第十七条第一款")
        button.click()
        status = page.locator(".pr-cite__status")
        expect(status).to_have_text("已复制第十七条第一款的引文(GB/T 7714—2025)")
        expected = gbt7714.fill(gbt7714.clause_reference(work, "2025"), today(page), clause=part)
        assert clipboard(page) == page.locator(".pr-cite__text").input_value() == expected
        assert expected.endswith(f"：第十七条第一款[{today(page)}]. {work.url}#article-17-para-1.")
        # The 2015 edition, then the 款's name in running text.
        page.get_by_role("radio", name="GB/T 7714—2015").check()
        page.locator(".pr-cite__copy").click()
        expect(status).to_have_text("已复制第十七条第一款的引文(GB/T 7714—2015)")
        assert clipboard(page) == gbt7714.fill(gbt7714.clause_reference(work, "2015"), today(page), clause=part)
        page.get_by_role("radio", name="行文引注").check()
        page.locator(".pr-cite__copy").click()
        expect(status).to_have_text("已复制第十七条第一款的行文引注")
        assert clipboard(page) == "《中华人民共和国反垄断法》第十七条第一款"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "law-kuan.png"))


def test_a_paragraphs_number_chooses_the_part_it_is_in(browser: Browser, hosted: str) -> None:
    with opened(browser, f"{hosted}{LAW}/", permissions=CLIPBOARD) as page:
        expect(page.locator(".pr-cite__button--paragraph")).to_have_count(0)
        page.locator('a.pr-para__link[href="#p48"]').click()  # （一）of 第十七条's first 款
        button = page.locator(".pr-cite__button--paragraph")
        expect(button).to_have_text("引用第十七条第一款第一项")
        button.click()
        expect(page.locator(".pr-cite__status")).to_have_text("已复制第十七条第一款第一项的引文(GB/T 7714—2025)")
        assert clipboard(page).endswith("#article-17-item-1.")


def test_a_parts_heading_link_chooses_the_part(browser: Browser, hosted: str) -> None:
    with opened(browser, f"{hosted}{OPINION}/", permissions=CLIPBOARD) as page:
        # 三、（三） opens its paragraph (a run-in heading): its link is the contents list's entry.
        page.locator('.md-nav--secondary a[href$="#part-3-item-3"]:visible').click()
        button = page.locator(".pr-cite__button--paragraph")
        expect(button).to_have_text("引用三、（三）")
        button.click()
        assert "：三、（三）[" in clipboard(page) and clipboard(page).endswith("#part-3-item-3.")
        page.get_by_role("radio", name="行文引注").check()
        page.locator(".pr-cite__copy").click()
        opinion = "《国务院办公厅关于推进政务新媒体健康有序发展的意见》"
        assert clipboard(page) == f"{opinion}（国办发〔2018〕123号）三、（三）"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_parts_open_panel_has_no_serious_violation(browser: Browser, hosted: str, scheme: str) -> None:
    # The law's page with a 款's panel open, its form choice shown: axe-core over the control and its panel, with
    # the rules every page of the site is checked by (the law page's own contents list is not this test's).
    with reader(browser, f"{hosted}{LAW}/#article-17-para-1", scheme) as page:
        page.locator(".pr-cite__button--paragraph").click()
        expect(page.get_by_role("radio", name="行文引注")).to_be_visible()
        page.add_script_tag(path=str(ensure_axe()))
        result = page.evaluate(
            "tags => axe.run({include: [['.pr-cite__panel'], ['.pr-cite__button--paragraph'], ['.pr-tools']]},"
            " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
    violations = [v for v in result["violations"] if v["impact"] in ("serious", "critical") or v["id"] in NAMED_RULES]
    assert violations == [], f"law with a part's citation panel open, {scheme}:\n{describe(violations)}"


def test_from_the_zip_a_part_of_the_opinion_is_cited_with_its_hosted_address(browser: Browser, unzipped: Path) -> None:
    # Every generator's zip (MkDocs, and Zensical then `policy-reader finish`): the data is in the page itself.
    work = cited_works(Project(ROOT).load_sources(), SITE_URL)[OPINION]
    url = (unzipped / OPINION / "index.html").as_uri() + "#part-3-item-3"
    guard = RequestGuard(("file://",))
    with opened(browser, url, guard, permissions=CLIPBOARD) as page:
        button = page.locator(".pr-cite__button--paragraph")
        expect(button).to_have_text("引用三、（三）")
        button.click()
        status = page.locator(".pr-cite__status")
        expect(status).not_to_have_text("")
        part = ("part-3-item-3", "三、（三）")
        expected = gbt7714.fill(gbt7714.clause_reference(work, "2025"), today(page), clause=part)
        assert page.locator(".pr-cite__text").input_value() == expected
        assert expected.endswith(f"{SITE_URL}{OPINION}/#part-3-item-3.")
    assert guard.blocked == []
