"""The reading layout of every essay in a real browser: notes never push the text apart.

Every essay of the real site, opened from ``file://`` in Debian's chromium at three desktop
sizes and a phone: the notes add at most a fifth to the page's height, no blank of more than
120 px opens between the essay's paragraphs and headings, the essay column holds 30-40
Chinese characters a line on desktops, each margin note stands beside or below its quote
without covering another, the notes switch hides every note and is remembered, a link to a
passage of another essay previews it, and an essay prints in reading order on at most twice
the pages of the bare essay. Screenshots go to ``tests/artifacts/reader/``.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Locator, Page, expect

from tests.conftest import ROOT, OpenedOnce, goto, opened, wait_for_scripts

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts" / "reader"
DESKTOPS = {"1280x900": (1280, 900), "1440x900": (1440, 900), "1920x1080": (1920, 1080)}
PHONE = {"390x844": (390, 844)}
SCREENS = {**DESKTOPS, **PHONE}
MAX_GROWTH = 1.2  # page height with notes / page height with notes hidden
MAX_BLANK = 120  # px between two consecutive paragraphs or headings of the essay
MEASURE = (30, 40)  # Chinese characters a line on desktops
SWITCH = re.compile("注释")
# What shows of the notes: the notes themselves, or on a phone the rows that open them.
NOTES_SHOWN = "[data-note]:visible, .pr-notes__toggle:visible"
HANZI = re.compile(r"[\u4e00-\u9fff]")


def essay_ids() -> list[str]:
    """The essays' addresses, read from the pages `import` wrote (the built site is made once, later)."""
    docs = ROOT / "docs"
    return sorted(
        f"{md.parent.name}/{md.stem}"
        for md in docs.glob("*/*.md")
        if md.name != "index.md" and "kind: article" in md.read_text(encoding="utf-8")
    )


ESSAYS = essay_ids()


#: The checks made with both generators run for the pairwise rows of generator, essay and screen: every essay at
#: every screen, and each of them with each generator. The generator is the theme around the same essay (its
#: column, margin and header at a width); the essay is the same text and notes whichever theme lays it out.
#: The MkDocs pages at every essay and screen are still all read by test_no_blank_opens_between_paragraphs.
GENERATOR_PAIRS = pytest.mark.pairwise("generator", "essay", "screen")


def screen_context(size: tuple[int, int]) -> dict[str, Any]:
    width, height = size
    phone = width < 600
    return {"viewport": {"width": width, "height": height}, "is_mobile": phone, "has_touch": phone}


#: Two frames drawn: what the page's scripts do on a change (place the notes, follow the switch) is on screen.
SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def settle(page: Page) -> None:
    page.evaluate(SETTLED)


@contextmanager
def essay_page(pages: OpenedOnce, site: Path, essay: str, size: tuple[int, int]) -> Iterator[Page]:
    """The essay opened from disk at `size`, its fonts loaded and its notes placed: opened once for the module's
    tests at that size, so each test leaves it as it found it (what it opened closed, scrolled back, its notes
    shown), which is checked when the test is done."""
    page = pages.open((site / essay / "index.html").as_uri(), **screen_context(size))
    page.evaluate("document.fonts.ready")
    settle(page)
    before = page.evaluate(STATE)
    yield page
    put_back(page, before)


# What a test may change on a shared page and must put back: the scroll, the notes switch, notes and rows
# opened, a preview card, lit quotes, the focus, a selection; and where every note and block stands.
STATE = """() => ({
  scroll: [scrollX, scrollY],
  notesOff: document.documentElement.classList.contains('pr-notes-off'),
  open: Array.from(document.querySelectorAll('details[open]'), d => d.id),
  unfolded: Array.from(document.querySelectorAll('.pr-notes:not(.pr-notes--folded) .pr-notes__list'), l => l.id),
  cards: Array.from(document.querySelectorAll('.pr-preview-card')).filter(c => c.getClientRects().length).length,
  lit: document.querySelectorAll('.pr-note--lit, .pr-quote--lit').length,
  focused: document.activeElement === document.body || document.activeElement === null,
  selected: String(getSelection()),
  places: Array.from(document.querySelectorAll('.pr-note, article .pr-para > p[id], article h2'),
    e => { const r = e.getBoundingClientRect(); return [Math.round(r.top + scrollY), Math.round(r.left)]; }),
})"""

# Undo what a reader does to a page: close the notes, rows and cards opened since, show the notes, scroll back.
RESTORE = """(before) => {
  if (document.documentElement.classList.contains('pr-notes-off') !== before.notesOff)
    document.querySelector('.pr-notes-switch button').click();
  for (const d of document.querySelectorAll('details[open]')) if (!before.open.includes(d.id)) d.open = false;
  for (const l of document.querySelectorAll('.pr-notes:not(.pr-notes--folded) .pr-notes__list'))
    if (!before.unfolded.includes(l.id)) l.closest('.pr-notes').querySelector('.pr-notes__toggle').click();
  if (document.activeElement) document.activeElement.blur();
  getSelection().removeAllRanges();
  scrollTo(before.scroll[0], before.scroll[1]);
}"""


def put_back(page: Page, before: dict[str, Any]) -> None:
    """Put the page back as `before` found it, and fail if it will not go back (the next test would read it)."""
    page.keyboard.press("Escape")  # a preview card open
    page.mouse.move(0, 0)  # nothing hovered
    page.evaluate(RESTORE, before)
    deadline = time.monotonic() + 5
    while (now := page.evaluate(STATE)) != before and time.monotonic() < deadline:
        settle(page)
    changed = {key: (before[key], now[key]) for key in before if key != "places" and before[key] != now[key]}
    assert now == before, f"the test left its shared page changed: {json.dumps(changed, ensure_ascii=False)[:500]}"


def switch(page: Page) -> Locator:
    button = page.get_by_role("button", name=SWITCH).and_(page.locator(".pr-notes-switch button"))
    expect(button).to_have_count(1)
    return button


def hide_notes(page: Page) -> None:
    switch(page).click()
    expect(page.locator(NOTES_SHOWN)).to_have_count(0)
    settle(page)


def page_height(page: Page) -> float:
    return float(page.evaluate("document.documentElement.scrollHeight"))


# The essay's own blocks, in document order: title, byline, headings, paragraphs' text.
# The essay's blocks: title, byline, the documents it interprets (解读 line), headings, paragraphs.
BLOCKS = """() => Array.from(document.querySelectorAll(
  'article h1, article .pr-byline, article .pr-interprets, article h2, article h3, article h4, '
  + 'article .pr-para > p[id]'))
  .map(e => { const r = e.getBoundingClientRect();
    return {id: e.id || e.tagName, top: r.top + scrollY, bottom: r.bottom + scrollY}; })"""

# Each paragraph's widest line in characters: its lines' widths from the text's own boxes.
LINE_CHARS = """() => Array.from(document.querySelectorAll('article .pr-para > p[id]')).map(p => {
  const range = document.createRange(); range.selectNodeContents(p);
  const lines = new Map();
  for (const r of range.getClientRects()) {
    if (!r.width) continue;
    const key = Math.round(r.top); const line = lines.get(key) || [Infinity, -Infinity];
    lines.set(key, [Math.min(line[0], r.left), Math.max(line[1], r.right)]);
  }
  const widest = Math.max(...Array.from(lines.values(), ([l, r]) => r - l));
  return {id: p.id, lines: lines.size, chars: widest / parseFloat(getComputedStyle(p).fontSize)};
})"""

# Every note in the margin, with its paragraph, its quote's first line and the text column's right edge.
MARGIN_NOTES = """() => Array.from(document.querySelectorAll('.pr-note')).map(n => {
  const r = n.getBoundingClientRect(); const q = document.getElementById(n.dataset.quote);
  const p = n.closest('.pr-para').querySelector(':scope > p[id]').getBoundingClientRect();
  return {id: n.id, top: r.top, bottom: r.bottom, left: r.left, right: r.right,
          quote: q.getClientRects()[0].top, text_right: p.right};
})"""


@GENERATOR_PAIRS
@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("essay", ESSAYS)
def test_notes_add_at_most_a_fifth_to_the_page(pages: OpenedOnce, site: Path, essay: str, screen: str) -> None:
    with essay_page(pages, site, essay, SCREENS[screen]) as page:
        expect(page.locator(NOTES_SHOWN).first).to_be_visible()
        with_notes = page_height(page)
        hide_notes(page)
        bare = page_height(page)
    assert with_notes <= MAX_GROWTH * bare, f"{with_notes:.0f} px with notes, {bare:.0f} px without"


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("essay", ESSAYS)
def test_no_blank_opens_between_paragraphs(pages: OpenedOnce, built_site: Path, essay: str, screen: str) -> None:
    with essay_page(pages, built_site, essay, SCREENS[screen]) as page:
        blocks = page.evaluate(BLOCKS)
    assert len(blocks) > 5
    gaps = {f"{a['id']}→{b['id']}": b["top"] - a["bottom"] for a, b in pairwise(blocks)}
    assert all(gap >= 0 for gap in gaps.values()), f"blocks out of order: {gaps}"
    too_wide = {pair: round(gap) for pair, gap in gaps.items() if gap > MAX_BLANK}
    assert too_wide == {}


@GENERATOR_PAIRS
@pytest.mark.parametrize("screen", DESKTOPS)
@pytest.mark.parametrize("essay", ESSAYS)
def test_the_essay_keeps_a_reading_measure(pages: OpenedOnce, site: Path, essay: str, screen: str) -> None:
    with essay_page(pages, site, essay, DESKTOPS[screen]) as page:
        paragraphs = [p for p in page.evaluate(LINE_CHARS) if p["lines"] >= 3]
    assert paragraphs
    narrow = {p["id"]: round(p["chars"], 1) for p in paragraphs if not MEASURE[0] <= p["chars"] <= MEASURE[1] + 1}
    assert narrow == {}, f"characters a line outside {MEASURE}"


@GENERATOR_PAIRS
@pytest.mark.parametrize("screen", DESKTOPS)
@pytest.mark.parametrize("essay", ESSAYS)
def test_margin_notes_stand_beside_their_quote(
    pages: OpenedOnce, site: Path, generator: str, essay: str, screen: str
) -> None:
    with essay_page(pages, site, essay, DESKTOPS[screen]) as page:
        notes = page.evaluate(MARGIN_NOTES)
        width = page.evaluate("document.documentElement.clientWidth")
        save_densest_screen(page, notes, f"{generator}-{essay.replace('/', '-')}-{screen}")
    assert notes
    for note in notes:
        assert note["left"] > note["text_right"], f"{note['id']} covers the text"
        assert note["right"] <= width, f"{note['id']} leaves the window"
        assert note["top"] >= note["quote"] - 1, f"{note['id']} stands above its quote"
    for upper, lower in pairwise(notes):
        assert lower["top"] >= upper["bottom"], f"{upper['id']} and {lower['id']} overlap"


def save_densest_screen(page: Page, notes: list[dict[str, Any]], name: str) -> None:
    """A screenshot of the window's height holding the most notes."""
    height = page.viewport_size["height"] if page.viewport_size else 900
    offset = page.evaluate("scrollY")
    best = max(notes, key=lambda n: sum(n["top"] <= other["top"] < n["top"] + height - 100 for other in notes))
    page.evaluate(f"scrollTo(0, {offset + best['top'] - 80})")
    settle(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"densest-{name}.png")


@pytest.mark.parametrize("essay", ESSAYS)
def test_on_a_phone_a_paragraphs_notes_fold_into_one_row_after_it(
    pages: OpenedOnce, site: Path, generator: str, essay: str
) -> None:
    with essay_page(pages, site, essay, PHONE["390x844"]) as page:
        groups = page.locator("aside.pr-notes")
        assert groups.count() > 0
        for n in range(groups.count()):
            group = groups.nth(n)
            notes = group.locator("[data-note]")
            row = group.get_by_role("button", name=f"{notes.count()} 条注释", exact=True)
            expect(row).to_have_attribute("aria-expanded", "false")
            expect(notes.first).to_be_hidden()
            # After the paragraph's text, in the page and on screen.
            assert group.evaluate("g => g.parentNode.querySelector(':scope > p[id]').compareDocumentPosition(g) & 4")
            text_bottom = group.evaluate(
                "g => g.parentNode.querySelector(':scope > p[id]').getBoundingClientRect().bottom"
            )
            assert row.bounding_box()["y"] >= text_bottom  # type: ignore[index]
        densest = max(range(groups.count()), key=lambda n: groups.nth(n).locator("[data-note]").count())
        group = groups.nth(densest)
        row = group.locator(".pr-notes__toggle")
        row.scroll_into_view_if_needed()
        row.tap()
        expect(row).to_have_attribute("aria-expanded", "true")
        for note in group.locator("[data-note]").all():
            expect(note).to_be_visible()
        summary = group.locator("[data-note] > summary").first
        summary.tap()
        expect(group.locator("[data-note] .pr-note__body").first).to_be_visible()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("scrollBy(0, -200)")
        page.screenshot(path=ARTIFACTS / f"phone-{generator}-{essay.replace('/', '-')}.png")


#: One screen of each layout: notes in the margin (every desktop here is wider than its 76.25em), notes after
#: their paragraph (a phone). Whether the notes are hidden is kept in the browser whatever the width; that the
#: switch hides them at every other width `test_notes_add_at_most_a_fifth_to_the_page` shows.
LAYOUTS = {screen: SCREENS[screen] for screen in ("1280x900", "390x844")}


@pytest.mark.parametrize("screen", LAYOUTS)
def test_the_switch_hides_every_note_and_is_remembered(browser: Browser, built_site: Path, screen: str) -> None:
    first, second = ESSAYS[0], ESSAYS[-1]
    session = browser.new_context(**screen_context(SCREENS[screen]))
    try:
        page = session.new_page()
        goto(page, (built_site / first / "index.html").as_uri())
        expect(page.locator(NOTES_SHOWN).first).to_be_visible()
        expect(switch(page)).to_have_accessible_name("隐藏注释")
        hide_notes(page)
        expect(switch(page)).to_have_accessible_name(re.compile("^显示注释"))
        page.reload()
        wait_for_scripts(page)
        expect(page.locator(".pr-notes-switch button")).to_have_count(1)
        expect(page.locator(NOTES_SHOWN)).to_have_count(0)
        # Remembered on the other essays too, from disk.
        goto(page, (built_site / second / "index.html").as_uri())
        expect(page.locator(".pr-notes-switch button")).to_have_count(1)
        expect(page.locator(NOTES_SHOWN)).to_have_count(0)
        switch(page).click()
        expect(page.locator(NOTES_SHOWN).first).to_be_visible()
        page.reload()
        wait_for_scripts(page)
        expect(page.locator(NOTES_SHOWN).first).to_be_visible()
        expect(switch(page)).to_have_accessible_name("隐藏注释")
    finally:
        session.close()


def passage_of(site: Path, page_url: str, href: str) -> tuple[str, str]:
    """The text of the paragraph a link points to, and of the quote there, read from the built page."""
    target, fragment = href.split("#")
    path = (site / page_url / target).resolve() / "index.html"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    quote = soup.find(id=fragment)
    assert quote is not None
    paragraph = quote.find_parent("p", id=re.compile(r"^p\d+$"))
    assert paragraph is not None
    return paragraph.get_text(), quote.get_text()


def within_viewport(page: Page, card: Locator) -> None:
    box = card.bounding_box()
    assert box is not None
    size = page.viewport_size or {"width": 0, "height": 0}
    assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


def assert_previews(card: Locator, paragraph: str, quote: str) -> None:
    text = card.locator(".pr-preview__text").inner_text()
    assert quote in text
    for piece in text.split("……"):
        assert piece in paragraph, f"{piece!r} is not the other essay's text"
    assert len(text.replace("……", "")) >= min(len(paragraph), 60)


@pytest.mark.parametrize("screen", DESKTOPS)
@pytest.mark.parametrize("essay", ESSAYS)
def test_hovering_a_link_previews_the_other_passage(
    pages: OpenedOnce, built_site: Path, essay: str, screen: str
) -> None:
    with essay_page(pages, built_site, essay, DESKTOPS[screen]) as page:
        links = page.locator(".pr-note a.pr-link:has(+ template.pr-preview)")
        assert links.count() > 0
        link = links.last
        link.locator("xpath=ancestor::details[1]/summary").click()
        link.scroll_into_view_if_needed()
        link.hover()
        card = page.locator(".pr-preview-card:visible")
        expect(card).to_have_count(1)
        paragraph, quote = passage_of(built_site, essay + "/", link.get_attribute("href") or "")
        assert_previews(card, paragraph, quote)
        within_viewport(page, card)
        expect(link).to_have_attribute("aria-expanded", "true")
        # The card can be entered on the way to its link, and Escape closes it.
        go = card.get_by_role("link", name=re.compile("^前往第"))
        go.hover()
        page.wait_for_timeout(500)  # longer than the card's 300 ms delay before it hides: it must not hide
        expect(card).to_be_visible()
        assert go.get_attribute("href") == link.get_attribute("href")
        page.keyboard.press("Escape")
        expect(card).to_have_count(0)
        # From the keyboard: focus shows the card, Tab enters it.
        link.focus()
        expect(card).to_have_count(1)
        page.keyboard.press("Tab")
        assert card.evaluate("c => c.contains(document.activeElement)")
        page.keyboard.press("Escape")
        expect(card).to_have_count(0)


@pytest.mark.parametrize("essay", ESSAYS)
def test_on_a_phone_a_tap_opens_the_preview_card(pages: OpenedOnce, built_site: Path, essay: str) -> None:
    with essay_page(pages, built_site, essay, PHONE["390x844"]) as page:
        link = page.locator(".pr-note a.pr-link:has(+ template.pr-preview)").first
        group = link.locator("xpath=ancestor::aside[1]")
        group.locator(".pr-notes__toggle").tap()
        link.locator("xpath=ancestor::details[1]/summary").tap()
        link.scroll_into_view_if_needed()
        address = page.url
        link.tap()
        card = page.locator(".pr-preview-card:visible")
        expect(card).to_have_count(1)
        assert page.url == address
        paragraph, quote = passage_of(built_site, essay + "/", link.get_attribute("href") or "")
        assert_previews(card, paragraph, quote)
        within_viewport(page, card)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"phone-preview-{essay.replace('/', '-')}.png")
        card.get_by_role("button", name="关闭").tap()
        expect(card).to_have_count(0)


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("essay", ESSAYS)
def test_an_essay_prints_in_order_on_at_most_twice_its_pages(
    pages: OpenedOnce, built_site: Path, tmp_path: Path, essay: str
) -> None:
    name = essay.replace("/", "-")
    with essay_page(pages, built_site, essay, DESKTOPS["1280x900"]) as page:
        paragraphs = page.eval_on_selector_all("article .pr-para > p[id]", "ps => ps.map(p => p.textContent)")
        headings = page.eval_on_selector_all("article h2, article h3, article h4", "hs => hs.map(h => h.textContent)")
        with_notes = tmp_path / "notes.pdf"
        page.pdf(path=with_notes, format="A4")
        hide_notes(page)
        bare = tmp_path / "bare.pdf"
        page.pdf(path=bare, format="A4")
    assert pdf_pages(with_notes) <= 2 * pdf_pages(bare), f"{pdf_pages(with_notes)} pages against {pdf_pages(bare)}"
    text = pdf_text(with_notes)
    # Compared on Chinese characters only: the PDF's text has its own spaces and quotation marks.
    hanzi = "".join(HANZI.findall(text))
    positions = [hanzi.find("".join(HANZI.findall(p))[:16]) for p in paragraphs]
    assert -1 not in positions and positions == sorted(positions), "paragraphs missing or out of order"
    for banned in ("搜索", "编辑指南", "隐藏注释", "条注释"):
        assert banned not in text
    # A heading never ends a page: its paragraph follows it there. (pdftotext ends each page with a form feed.)
    printed = text.split("\f")[: pdf_pages(with_notes)]
    assert len(printed) == pdf_pages(with_notes)
    for n, page_text in enumerate(printed, start=1):
        lines = page_text.split("\n")
        last = next((line.strip() for line in reversed(lines) if line.strip()), "")
        assert last not in {h.replace("¶", "").strip() for h in headings}, f"page {n} ends with the heading {last!r}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(with_notes),
            str(ARTIFACTS / f"print-{name}"),
        ],
        check=True,
    )


@pytest.mark.parametrize("essay", ESSAYS)
def test_a_quote_and_its_note_light_up_together(pages: OpenedOnce, built_site: Path, essay: str) -> None:
    with essay_page(pages, built_site, essay, DESKTOPS["1280x900"]) as page:
        note = page.locator(".pr-note[data-quote]").nth(2)
        quote = page.locator(f"[id='{note.get_attribute('data-quote')}']")
        mark = quote.locator("xpath=ancestor-or-self::mark[1]")
        mark.hover()
        expect(note).to_have_class(re.compile("pr-note--lit"))
        page.mouse.move(0, 0)
        expect(note).not_to_have_class(re.compile("pr-note--lit"))
        note.locator("summary").hover()
        expect(mark).to_have_class(re.compile("pr-quote--lit"))
        page.mouse.move(0, 0)
        expect(mark).not_to_have_class(re.compile("pr-quote--lit"))
        note.locator("summary").focus()
        expect(mark).to_have_class(re.compile("pr-quote--lit"))


@pytest.mark.parametrize("screen", DESKTOPS)
def test_opening_a_margin_note_moves_no_line_of_the_essay(pages: OpenedOnce, built_site: Path, screen: str) -> None:
    essay = ESSAYS[-1]
    with essay_page(pages, built_site, essay, DESKTOPS[screen]) as page:
        before = page.evaluate(BLOCKS)
        note = page.locator(".pr-note").nth(3)
        note.locator("summary").click()
        expect(note.locator(".pr-note__body")).to_be_visible()
        settle(page)
        assert page.evaluate(BLOCKS) == before
        notes = page.evaluate(MARGIN_NOTES)
        for upper, lower in pairwise(notes):
            assert lower["top"] >= upper["bottom"], f"{upper['id']} and {lower['id']} overlap once opened"


@pytest.mark.parametrize("screen", SCREENS)
def test_a_paragraphs_notes_come_after_its_text_in_tab_order(pages: OpenedOnce, built_site: Path, screen: str) -> None:
    essay = ESSAYS[-1]
    with essay_page(pages, built_site, essay, SCREENS[screen]) as page:
        paragraph = page.locator(".pr-para:has(> .pr-notes):has(> p[id] .pr-term)").first
        paragraph.locator("> p[id] .pr-term").last.focus()
        # Tab first enters the term's tooltip (its glossary link), then goes on in reading order.
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.pr-tooltip')")
        page.keyboard.press("Tab")
        assert paragraph.locator("> .pr-notes").evaluate("g => g.contains(document.activeElement)")


# The offline zip of `policy-reader package` (tests/conftest.py's, made once for the run): pages are ``essay.html``.
@pytest.mark.parametrize("generator", ["mkdocs"], indirect=True)
def test_the_switch_is_remembered_in_the_zip_on_disk(browser: Browser, unzipped: Path) -> None:
    first, second = (unzipped / f"{essay}.html" for essay in (ESSAYS[0], ESSAYS[-1]))
    with opened(browser, first.as_uri(), **screen_context(DESKTOPS["1280x900"])) as page:
        hide_notes(page)
        goto(page, second.as_uri())
        expect(page.locator(".pr-notes-switch button")).to_have_count(1)
        expect(page.locator(NOTES_SHOWN)).to_have_count(0)
        switch(page).click()
        goto(page, first.as_uri())
        expect(page.locator(NOTES_SHOWN).first).to_be_visible()
