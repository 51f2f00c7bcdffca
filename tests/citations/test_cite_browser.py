"""The 引用 control in Chromium: one activation copies a paragraph's citation, hosted and from the zip.

The expected text is rendered from the sources (`cited_works` over `Project.load_sources`), with the
browser's own today as the date of citing, so the page's script must fill in exactly what the build left.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from build_tools.citations import gbt7714
from build_tools.citations.work import CitedWork, cited_works
from build_tools.importer.project import Project
from tests.conftest import ROOT, copy_project, mkdocs_build, opened
from tests.search.conftest import RequestGuard, serve

pytestmark = pytest.mark.browser

GANSU = "gansu-2021-digital-development"
ESSAY = "digital-government"
SITE_URL = "https://example.org/policy-reader/"
WORK: CitedWork = cited_works(Project(ROOT).load_sources(), SITE_URL)[f"{GANSU}/{ESSAY}"]
SCREENSHOTS = ROOT / "tests" / "artifacts" / "citations"
CLIPBOARD = ["clipboard-read", "clipboard-write"]


@pytest.fixture(scope="module")
def hosted(built_site: Path) -> Iterator[str]:
    with serve(built_site) as base:
        yield base


def today(page: Page) -> str:
    return str(
        page.evaluate(
            "(() => { const d = new Date(), p = n => String(n).padStart(2, '0');"
            " return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()); })()"
        )
    )


def expected(page: Page, edition: gbt7714.Edition, paragraph: int | None) -> str:
    return gbt7714.fill(gbt7714.reference(WORK, edition, paragraph), today(page))


def clipboard(page: Page) -> str:
    return str(page.evaluate("navigator.clipboard.readText()"))


def essay_url(where: str | Path, paragraph: int) -> str:
    if isinstance(where, str):
        return f"{where}{GANSU}/{ESSAY}/#p{paragraph}"
    return (where / GANSU / f"{ESSAY}.html").as_uri() + f"#p{paragraph}"


def copy_paragraph(page: Page, paragraph: int) -> None:
    button = page.locator(".pr-cite__button--paragraph")
    expect(button).to_have_text(f"引用第 {paragraph} 段")
    button.click()
    expect(page.locator(".pr-cite__status")).to_have_text(f"已复制第 {paragraph} 段的引文(GB/T 7714—2025)")


def test_one_activation_copies_a_paragraphs_citation_on_the_hosted_site(browser: Browser, hosted: str) -> None:
    copies_a_paragraphs_citation(browser, hosted, None, "hosted")


def test_one_activation_copies_a_paragraphs_citation_from_the_zip(browser: Browser, unzipped: Path) -> None:
    # Every generator's zip: the citation data is written into each page by the finish step.
    copies_a_paragraphs_citation(browser, unzipped, RequestGuard(("file://",)), "zip")


def copies_a_paragraphs_citation(browser: Browser, base: str | Path, guard: RequestGuard | None, where: str) -> None:
    with opened(
        browser, essay_url(base, 3), guard, permissions=CLIPBOARD, viewport={"width": 1280, "height": 900}
    ) as page:
        # Only the chosen paragraph gets a button.
        expect(page.locator(".pr-cite__button--paragraph")).to_have_count(1)
        copy_paragraph(page, 3)
        assert clipboard(page) == expected(page, "2025", 3)
        assert page.locator(".pr-cite__text").input_value() == expected(page, "2025", 3)
        # The other edition, chosen and copied by keyboard.
        page.get_by_role("radio", name="GB/T 7714—2015").check()
        page.locator(".pr-cite__copy").focus()
        page.keyboard.press("Enter")
        expect(page.locator(".pr-cite__status")).to_have_text("已复制第 3 段的引文(GB/T 7714—2015)")
        assert clipboard(page) == expected(page, "2015", 3)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(".pr-cite__panel").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"paragraph-{where}.png"))
    if guard:
        assert guard.blocked == []


def test_from_disk_without_the_clipboard_api_the_citation_is_selected_to_copy(browser: Browser, unzipped: Path) -> None:
    # Some browsers refuse the Clipboard API to pages opened from disk: the text box is selected instead.
    no_api = "Object.defineProperty(navigator, 'clipboard', {value: undefined});"
    with opened(browser, essay_url(unzipped, 5), RequestGuard(("file://",)), init_script=no_api) as page:
        page.locator(".pr-cite__button--paragraph").click()
        status = page.locator(".pr-cite__status")
        expect(status).not_to_have_text("")
        assert status.inner_text() in ("已复制第 5 段的引文(GB/T 7714—2025)", "请按 Ctrl+C(⌘C)复制已选中的引文")
        selected = page.evaluate(
            "(() => { const t = document.activeElement; return t.value.slice(t.selectionStart, t.selectionEnd); })()"
        )
        assert selected == expected(page, "2025", 5)


def test_the_essay_is_cited_by_keyboard_and_escape_returns_focus(browser: Browser, hosted: str) -> None:
    with opened(browser, f"{hosted}{GANSU}/{ESSAY}/", permissions=CLIPBOARD, color_scheme="dark") as page:
        toggle = page.get_by_role("button", name="引用", exact=True)
        toggle.focus()
        page.keyboard.press("Enter")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(page.locator(".pr-cite__status")).to_have_text("已复制本文的引文(GB/T 7714—2025)")
        assert clipboard(page) == expected(page, "2025", None)
        # No paragraph chosen: the panel offers the whole essay only.
        expect(page.get_by_role("radio", name="第 3 段")).to_have_count(0)
        outline = page.locator(".pr-cite__copy").evaluate("b => (b.focus(), getComputedStyle(b).outlineStyle)")
        assert outline == "solid"
        page.screenshot(path=str(SCREENSHOTS / "essay-dark.png"))
        page.keyboard.press("Escape")
        expect(page.locator(".pr-cite__panel")).to_be_hidden()
        assert page.evaluate("document.activeElement.textContent") == "引用"


def test_on_a_phone_the_paragraph_number_offers_the_citation(browser: Browser, hosted: str) -> None:
    with opened(
        browser,
        f"{hosted}{GANSU}/{ESSAY}/",
        permissions=CLIPBOARD,
        viewport={"width": 390, "height": 844},
        has_touch=True,
        is_mobile=True,
    ) as page:
        expect(page.locator(".pr-cite__button--paragraph")).to_have_count(0)
        page.locator('a.pr-para__link[href="#p4"]').tap()
        copy_paragraph_by_tap = page.locator(".pr-cite__button--paragraph")
        expect(copy_paragraph_by_tap).to_have_text("引用第 4 段")
        copy_paragraph_by_tap.tap()
        expect(page.locator(".pr-cite__status")).to_have_text("已复制第 4 段的引文(GB/T 7714—2025)")
        assert clipboard(page) == expected(page, "2025", 4)
        page.screenshot(path=str(SCREENSHOTS / "paragraph-phone.png"))


def test_print_hides_the_control_and_prints_the_citation_once(browser: Browser, hosted: str) -> None:
    with opened(browser, f"{hosted}{GANSU}/{ESSAY}/#p3") as page:
        page.emulate_media(media="print")
        expect(page.locator(".pr-cite")).to_be_hidden()
        expect(page.locator(".pr-cite__button--paragraph")).to_be_hidden()
        printed = page.locator(".pr-cite-print")
        expect(printed).to_have_count(1)
        expect(printed).to_be_visible()
        assert printed.inner_text() == "引用本文:" + expected(page, "2025", None)
        page.pdf(path=str(SCREENSHOTS / "print.pdf"))


@pytest.fixture(scope="module")
def named_paper(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, CitedWork]]:
    """The project with a manifest that names the newspaper and its page (版次), built and served."""
    project = copy_project(tmp_path_factory.mktemp("named") / "project")
    manifest = project / "sources" / f"{GANSU}.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("publication: 甘肃地方媒体理论版(刊物名称原文未载)", "publication: 甘肃日报\nedition: 7")
    manifest.write_text(text.replace("publication_named: false\n", ""), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    work = cited_works(Project(project).load_sources(), SITE_URL)[f"{GANSU}/{ESSAY}"]
    assert work.publication == "甘肃日报" and work.edition == "7"
    with serve(project / "site") as base:
        yield base, work


def test_where_the_paper_is_named_its_printed_form_is_offered(
    browser: Browser, named_paper: tuple[str, CitedWork]
) -> None:
    base, work = named_paper
    with opened(browser, f"{base}{GANSU}/{ESSAY}/", permissions=CLIPBOARD) as page:
        page.get_by_role("button", name="引用", exact=True).click()
        assert clipboard(page) == gbt7714.fill(gbt7714.reference(work, "2025"), today(page))
        assert "甘肃日报，[2021-12]（7）" in clipboard(page)
        page.get_by_role("radio", name="报纸原版").check()
        page.locator(".pr-cite__copy").click()
        expect(page.locator(".pr-cite__status")).to_have_text("已复制本文(报纸原版)的引文(GB/T 7714—2025)")
        assert clipboard(page) == gbt7714.print_reference(work, "2025")
        page.screenshot(path=str(SCREENSHOTS / "printed-paper.png"))
