"""From an essay to the clause of a government document it echoes, and back, in a real browser.

Pages are opened from ``file://`` in the offline build (links to ``page.html`` files), as in
the zip. Screenshots go to ``tests/artifacts/screenshots/document-*.png``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.annotations.test_crosslink_browser import DESKTOP, OFFLINE, PHONE, SHOWS_ITSELF, offline_site, open_note
from tests.conftest import ROOT, opened, wait_for_scripts

pytestmark = pytest.mark.browser
__all__ = ["offline_site"]  # the fixture, shared

GANSU = "gansu-2021-digital-development"
DOCUMENT = "gov-opinion-government-new-media-2018"
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
# (annotation, essay, where its link in the essay goes on the document's page, what the card's link says,
#  the essay's passage, which the document's card marks)
TO_CLAUSES = [
    ("gnm-one-network", "digital-government", "quote-gnm-one-network-r1", "前往第", "超前谋划,注重深度"),
    ("gnm-data-security", "new-infrastructure", "part-4-item-3", "前往四、（三）", "探索建立公共数据开放利用安全评估"),
]


def page_file(site: Path, url: str) -> Path:
    """A page of the offline build (``x.html``) or the ordinary one (``x/index.html``) from its address."""
    flat = site / f"{url.rstrip('/')}.html"
    return flat if flat.exists() else site / url / "index.html"


def essay_url(essay: str) -> str:
    return f"{GANSU}/{essay}/"


def at(page: Page, site: Path, url: str, fragment: str) -> None:
    page.wait_for_url(f"**#{fragment}")
    wait_for_scripts(page)
    address = urlsplit(page.url)
    assert Path(address.path) == page_file(site, url)
    target = page.locator(f"[id='{fragment}']")
    expect(target).to_have_count(1)
    expect(target).to_be_in_viewport()
    assert target.evaluate(SHOWS_ITSELF), f"#{fragment} is covered"


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"document-{name}.png")


@OFFLINE
@pytest.mark.parametrize(
    ("annotation", "essay", "fragment", "go", "passage"), TO_CLAUSES, ids=[c[0] for c in TO_CLAUSES]
)
def test_preview_the_clause_follow_it_and_come_back(
    browser: Browser, offline_site: Path, annotation: str, essay: str, fragment: str, go: str, passage: str
) -> None:
    with opened(browser, page_file(offline_site, essay_url(essay)).as_uri(), **DESKTOP) as page:
        open_note(page, f"note-{annotation}")
        link = page.locator(f"#note-{annotation} a.pr-link[href$='#{fragment}']")
        expect(link).to_have_count(1)
        link.scroll_into_view_if_needed()
        link.hover()
        card = page.locator(".pr-preview-card:visible")
        expect(card).to_have_count(1)
        expect(card.locator(".pr-preview__essay")).to_contain_text("政务新媒体")
        expect(card.locator(".pr-preview__text mark")).not_to_be_empty()
        expect(card.get_by_role("link")).to_contain_text(go)
        screenshot(page, f"{annotation}-preview")
        link.click()
        at(page, offline_site, f"{DOCUMENT}/", fragment)
        screenshot(page, f"{annotation}-clause")

        # The document's end of the note links back to the essay, and previews the essay's passage.
        back = page.locator(f"#note-{annotation}-r1 a.pr-link[href$='#quote-{annotation}']")
        expect(back).to_have_count(1)
        open_note(page, f"note-{annotation}-r1")
        back.scroll_into_view_if_needed()
        back.focus()
        expect(page.locator(".pr-preview-card:visible .pr-preview__text mark")).to_contain_text(passage)
        back.click()
        at(page, offline_site, essay_url(essay), f"quote-{annotation}")


@OFFLINE
def test_on_a_phone_a_note_on_a_clause_leads_to_the_essay(browser: Browser, offline_site: Path) -> None:
    annotation = "gnm-social-governance"  # its target is the clause 三、（二）, its related passage an essay's
    with opened(browser, page_file(offline_site, f"{DOCUMENT}/").as_uri() + "#part-3-item-2", **PHONE) as page:
        open_note(page, f"note-{annotation}")
        link = page.locator(f"#note-{annotation} a.pr-link[href$='#quote-{annotation}-r1']")
        link.scroll_into_view_if_needed()
        link.tap()
        card = page.locator(".pr-preview-card:visible")
        expect(card.locator(".pr-preview__text mark")).to_contain_text("以数据为核心的协同社会治理体系")
        screenshot(page, "phone-preview")
        card.get_by_role("link", name="前往第", exact=False).tap()
        at(page, offline_site, essay_url("digital-government"), f"quote-{annotation}-r1")
