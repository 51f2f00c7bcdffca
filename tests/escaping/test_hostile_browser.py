"""The hostile project's pages in Chromium, hosted: opening every page and clicking every link of the note
fires no dialog (an injected handler or script address would call alert)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import wait_for_scripts
from tests.escaping.hostile_project import ESSAY_IDS, PAGE, SAFE_LINKS, SCRIPT_LINKS
from tests.search.conftest import RequestGuard

pytestmark = pytest.mark.browser


def _watched(browser: Browser, base: str) -> tuple[Page, list[str]]:
    """A page whose dialogs are recorded (and dismissed), and whose requests stay on the site."""
    context = browser.new_context()
    context.route("**/*", RequestGuard((base,)))
    page = context.new_page()
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message} on {page.url}")
        dialog.dismiss()

    page.on("dialog", record)
    return page, dialogs


#: A round trip through the page's task queue: a script address a click queued, or a handler a page's script set
#: off by a timer of no delay, has run by then; an alert it raised is recorded (and dismissed) before this returns.
NEXT_TASKS = "() => new Promise(done => setTimeout(() => requestAnimationFrame(() => setTimeout(done, 0)), 0))"


def test_no_page_of_the_site_fires_a_dialog(browser: Browser, hostile_site: tuple[Path, str]) -> None:
    project, base = hostile_site
    page, dialogs = _watched(browser, base)
    site = project / "site"
    paths = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert len(paths) >= 10
    for path in paths:
        page.goto(base + path.removesuffix("index.html"))
        wait_for_scripts(page)
        page.evaluate(NEXT_TASKS)
    page.context.close()
    assert dialogs == []


def test_clicking_every_link_of_the_note_fires_no_dialog(browser: Browser, hostile_site: tuple[Path, str]) -> None:
    _project, base = hostile_site
    essay = f"{base}{PAGE}/{ESSAY_IDS[0]}/"
    page, dialogs = _watched(browser, base)
    page.goto(essay)
    wait_for_scripts(page)
    body = ".pr-note:not(.pr-note--backlink) .pr-note__body"
    count = page.locator(f"{body} li > *, {body} p > span").count()
    # Each script link is left as its text; the others stay links.
    assert count == len(SCRIPT_LINKS) + 1 + len(SAFE_LINKS)
    opened = True
    for n in range(count):
        # The essay is opened again only after a link that leaves it (to another page, or out and blocked).
        if not opened:
            page.goto(essay)
            wait_for_scripts(page)
        note = page.locator(".pr-note:not(.pr-note--backlink)").first
        if note.get_attribute("open") is None:
            note.locator("summary").click()
        target = page.locator(f"{body} li > *, {body} p > span").nth(n)
        opened = not target.evaluate("e => e.matches('a[href]:not([href^=\"#\"])')")
        target.click()
        try:
            page.evaluate(NEXT_TASKS)
        except PlaywrightError:
            assert not opened, "a link within the essay replaced the page"
    page.context.close()
    assert dialogs == []
