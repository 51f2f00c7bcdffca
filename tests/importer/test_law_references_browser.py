"""A law's references in a real browser: hovering or focusing one shows the passage it names; another law's opens.

The project of `test_law_references_site`, built for reading from disk (links to ``page.html`` files, as
in the zip), opened from ``file://``. Screenshots go to ``tests/artifacts/screenshots/references-*.png``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.annotations.test_crosslink_browser import DESKTOP, PHONE
from tests.conftest import REAL_PAGES, ROOT, copy_project, opened, policy_reader, run, wait_for_scripts
from tests.importer.test_law_references_site import PRIVACY, RULE, RULE_MANIFEST, RULE_TEXT, SECURITY

pytestmark = pytest.mark.browser
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
#: 第十七条's first 款, which 第十八条 names as 前条第一款.
NAMED_WORDS = "个人信息处理者在处理个人信息前"


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("references-offline") / "project")
    for name in (PRIVACY, SECURITY):
        shutil.copy(REAL_PAGES / "documents" / f"{name}.txt", project / "sources" / f"{name}.txt")
    (project / "sources" / f"{RULE}.txt").write_text(RULE_TEXT, encoding="utf-8")
    (project / "sources" / f"{RULE}.yaml").write_text(RULE_MANIFEST, encoding="utf-8")
    imported = policy_reader(project, "import")
    assert imported.returncode == 0, imported.stderr
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict"], project, POLICY_READER_OFFLINE="true")
    assert result.returncode == 0, result.stderr
    return project / "site"


def _file(site: Path, name: str) -> str:
    flat = site / f"{name}.html"
    return (flat if flat.exists() else site / name / "index.html").as_uri()


@pytest.mark.parametrize(("width", "context"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_a_reference_shows_the_passage_it_names_in_a_card(
    browser: Browser, offline_site: Path, width: str, context: dict[str, object]
) -> None:
    with opened(browser, _file(offline_site, PRIVACY), **context) as page:
        link = page.locator("#article-18-para-1 a.pr-ref", has_text="前条第一款")
        expect(link).to_have_count(1)
        link.scroll_into_view_if_needed()
        if width == "phone":
            link.tap()  # the first tap opens the card, and does not leave the place
        else:
            link.hover()
        card = page.locator(".pr-preview-card:visible")
        expect(card).to_have_count(1)
        expect(card.locator(".pr-preview__essay")).to_have_text("第十七条第一款")
        expect(card.locator(".pr-preview__text").first).to_contain_text(NAMED_WORDS)
        expect(card.get_by_role("link")).to_have_text("前往第十七条第一款")
        box, viewport = card.bounding_box(), page.viewport_size
        assert box is not None and viewport is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"references-{width}.png")
        page.keyboard.press("Escape")
        expect(card).to_have_count(0)
        # From the keyboard: focusing the link (Escape left the focus on it) shows the card too.
        page.evaluate("document.activeElement.blur()")
        link.focus()
        expect(page.locator(".pr-preview-card:visible")).to_contain_text(NAMED_WORDS)


def test_a_reference_to_another_law_opens_its_article_from_disk(browser: Browser, offline_site: Path) -> None:
    with opened(browser, _file(offline_site, RULE), **DESKTOP) as page:
        link = page.locator("a.pr-ref", has_text="《中华人民共和国数据安全法》第二十一条")
        link.hover()
        expect(page.locator(".pr-preview-card:visible")).to_contain_text("国家建立数据分类分级保护制度")
        link.click()
        page.wait_for_url("**#article-21")
        wait_for_scripts(page)
        assert page.url.split("#")[0] == _file(offline_site, SECURITY)
        expect(page.locator("[id='article-21']")).to_be_in_viewport()
