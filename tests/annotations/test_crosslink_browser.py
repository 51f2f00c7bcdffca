"""Cross-essay notes in a real browser: follow a note's link to the other essay and its backlink home.

Pages are opened from ``file://``. Following links between essays there needs the
offline build (``POLICY_READER_OFFLINE``: links to ``page.html`` files), since a folder
link opens no ``index.html`` from disk: the zip readers open from disk, `unzipped`, made
once for the run; pages that are only opened, not left, come from the ordinary `built_site`.
Screenshots go to ``tests/artifacts/screenshots/crosslink-*.png``.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.conftest import ROOT, OpenedOnce, opened, wait_for_scripts

pytestmark = pytest.mark.browser

GANSU = "gansu-2021-digital-development"
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
# (annotation, essay of its target, essay of its first related passage)
CROSSLINKS = [
    ("gov-data-sharing", "new-infrastructure", "digital-government"),
    ("latecomer-advantage", "digital-government", "innovation-highland"),
    ("ih-measure-6-fintech", "innovation-highland", "new-infrastructure"),
]
# Whether the centre of an element shows that element, not something drawn over it (the sticky header).
SHOWS_ITSELF = """e => {
  const r = e.getBoundingClientRect();
  const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  return !!hit && (e === hit || e.contains(hit) || hit.contains(e));
}"""


#: For a test reading `offline_site`: the zip `policy-reader package` makes of the real project (MkDocs' offline build).
OFFLINE = pytest.mark.parametrize("generator", ["mkdocs"], indirect=True)


@pytest.fixture
def offline_site(unzipped: Path) -> Path:
    """The real project built for reading from disk (links to ``page.html`` files): its offline zip, unzipped."""
    return unzipped


def essay_file(site: Path, essay: str) -> Path:
    """An essay's page in the offline build (``essay.html``) or the ordinary one (``essay/index.html``)."""
    flat = site / GANSU / f"{essay}.html"
    return flat if flat.exists() else site / GANSU / essay / "index.html"


def at(page: Page, site: Path, essay: str, fragment: str) -> None:
    """The page shows `essay` scrolled to `fragment`, and the element is really on screen."""
    page.wait_for_url(f"**#{fragment}")
    wait_for_scripts(page)
    address = urlsplit(page.url)
    assert address.scheme == "file"
    assert Path(address.path) == essay_file(site, essay)
    assert address.fragment == fragment
    target = page.locator(f"#{fragment}")
    expect(target).to_have_count(1)
    expect(target).to_be_visible()
    expect(target).to_be_in_viewport()
    assert target.evaluate(SHOWS_ITSELF), f"#{fragment} is covered"


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"crosslink-{name}.png")


def open_note(page: Page, note: str) -> None:
    """Open a note as a reader does: its paragraph's row of notes where they are folded, then the note."""
    details = page.locator(f"#{note}")
    row = details.locator("xpath=ancestor::aside[1]").locator(".pr-notes__toggle")
    if row.is_visible() and row.get_attribute("aria-expanded") == "false":
        row.scroll_into_view_if_needed()
        row.click()
    if details.get_attribute("open") is None:
        details.locator("summary").scroll_into_view_if_needed()
        details.locator("summary").click()


def related_link(page: Page, annotation: str) -> Locator:
    return page.locator(f"#note-{annotation} a.pr-link[href$='#quote-{annotation}-r1']")


def backlink(page: Page, annotation: str) -> Locator:
    return page.locator(f"#note-{annotation}-r1 a.pr-link[href$='#quote-{annotation}']")


@OFFLINE
@pytest.mark.parametrize(("annotation", "home", "other"), CROSSLINKS, ids=[c[0] for c in CROSSLINKS])
def test_follow_a_note_to_the_other_essay_and_back(
    browser: Browser, offline_site: Path, annotation: str, home: str, other: str
) -> None:
    with opened(browser, essay_file(offline_site, home).as_uri(), **DESKTOP) as page:
        link = related_link(page, annotation)
        expect(link).to_have_count(1)
        open_note(page, f"note-{annotation}")
        link.scroll_into_view_if_needed()
        expect(link).to_be_visible()
        link.click()
        at(page, offline_site, other, f"quote-{annotation}-r1")
        screenshot(page, f"{annotation}-related")

        back = backlink(page, annotation)
        expect(back).to_have_count(1)
        expect(back).to_be_visible()  # arriving at a quote opens its note
        back.scroll_into_view_if_needed()
        back.click()
        at(page, offline_site, home, f"quote-{annotation}")
        screenshot(page, f"{annotation}-back")


def folded(page: Page) -> dict[str, bool]:
    """Every note on the page: id → whether it is open."""
    return dict(page.eval_on_selector_all("details.pr-note", "notes => notes.map(n => [n.id, n.open])"))


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize(
    ("essay", "fragment"),
    [
        ("new-infrastructure", ""),
        ("new-infrastructure", "note-gov-data-sharing"),
        ("new-infrastructure", "note-breakthrough-point-r1"),
        ("digital-government", "note-dg-measure-1-overall"),
    ],
)
def test_notes_are_folded_but_the_one_in_the_address(
    pages: OpenedOnce, built_site: Path, essay: str, fragment: str, screen: dict[str, object]
) -> None:
    page = pages.open(essay_file(built_site, essay).as_uri() + (f"#{fragment}" if fragment else ""), **screen)
    notes = folded(page)
    assert len(notes) >= 5
    assert notes == {note: note == fragment for note in notes}
    if fragment:
        target = page.locator(f"#{fragment}")
        expect(target.locator(".pr-note__body")).to_be_visible()
        expect(target).to_be_in_viewport()
        screenshot(page, f"{'phone' if screen is PHONE else 'desktop'}-{fragment}")


@pytest.mark.parametrize("note", ["note-privacy-computing", "note-gov-data-sharing", "note-breakthrough-point-r1"])
def test_on_a_phone_tapping_a_summary_opens_the_note(pages: OpenedOnce, built_site: Path, note: str) -> None:
    # The page the folded-notes test reads, shared: the row is folded again at the end, and checked to be.
    page = pages.open(essay_file(built_site, "new-infrastructure").as_uri(), **PHONE)
    details = page.locator(f"#{note}")
    body = details.locator(".pr-note__body")
    expect(details).not_to_have_attribute("open", "")
    expect(body).to_be_hidden()
    row = details.locator("xpath=ancestor::aside[1]").locator(".pr-notes__toggle")
    row.scroll_into_view_if_needed()
    row.tap()
    summary = details.locator("summary")
    summary.scroll_into_view_if_needed()
    summary.tap()
    expect(details).to_have_attribute("open", "")
    expect(body).to_be_visible()
    expect(body).to_be_in_viewport()
    assert body.inner_text().strip()
    if note == "note-gov-data-sharing":
        screenshot(page, "phone-opened")
    summary.tap()
    expect(body).to_be_hidden()
    row.tap()
    expect(row).to_have_attribute("aria-expanded", "false")
    page.evaluate("scrollTo(0, 0)")
    assert not any(folded(page).values())


@OFFLINE
def test_on_a_phone_a_folded_note_still_leads_to_the_other_essay(browser: Browser, offline_site: Path) -> None:
    annotation, home, other = CROSSLINKS[0]
    with opened(browser, essay_file(offline_site, home).as_uri(), **PHONE) as page:
        link = related_link(page, annotation)
        expect(link).to_be_hidden()
        row = page.locator(f"#note-{annotation}").locator("xpath=ancestor::aside[1]").locator(".pr-notes__toggle")
        row.scroll_into_view_if_needed()
        row.tap()
        summary = page.locator(f"#note-{annotation} summary")
        summary.scroll_into_view_if_needed()
        summary.tap()
        expect(link).to_be_visible()
        # The first tap previews the passage; the card's link goes there.
        link.tap()
        page.locator(".pr-preview-card:visible").get_by_role("link", name=re.compile("^前往第")).tap()
        at(page, offline_site, other, f"quote-{annotation}-r1")
        screenshot(page, "phone-related")
