"""What a first reader noticed (issue 33, item 6), held in a real build and Debian's chromium.

The real site, built once by MkDocs and opened from ``file://`` on a desktop and a phone: a title
is as tall as its lines (the hidden ¶ takes no line of its own), choosing a paragraph to cite moves
none of its lines, the select-to-note draft never covers the words noted, two notes on one quote
are labelled apart, the measures map explains its signs and names texts by short labels, the
editors' guide is neither letter-spaced nor wider than a phone, the footer is Chinese, and a
document's page shows readers where it was published but not where maintainers took the file from.
Screenshots go to ``tests/artifacts/first-reader/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Locator, Page

from tests.conftest import ROOT, OpenedOnce, opened

ARTIFACTS = ROOT / "tests" / "artifacts" / "first-reader"
SCREENS = {"desktop": (1280, 900), "phone": (390, 844)}
ESSAY = "gansu-2021-digital-development/digital-government"
DOCUMENT = "gov-opinion-government-new-media-2018"
PAGES = [ESSAY, DOCUMENT, "measures", "editors", "glossary"]


def context(size: tuple[int, int]) -> dict[str, Any]:
    width, height = size
    phone = width < 600
    return {"viewport": {"width": width, "height": height}, "is_mobile": phone, "has_touch": phone}


#: The fonts loaded and two frames drawn: the page's scripts have placed what they place.
SETTLED = """() => document.fonts.ready.then(
  () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))))"""


@contextmanager
def reading(browser: Browser, site: Path, page: str, screen: str, query: str = "") -> Iterator[Page]:
    """`page` opened afresh, for a test that changes it."""
    url = (site / page / "index.html").as_uri() + query
    with opened(browser, url, **context(SCREENS[screen])) as opened_page:
        opened_page.evaluate(SETTLED)
        yield opened_page


def looking_at(pages: OpenedOnce, site: Path, page: str, screen: str) -> Page:
    """`page` as the module's tests that only read it share it (opened once for them all)."""
    shared = pages.open((site / page / "index.html").as_uri(), **context(SCREENS[screen]))
    shared.evaluate(SETTLED)
    return shared


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


# A heading's lines, counted from its text's own boxes (its ¶ left out), and its height. The heading
# is first narrowed to its text's widest line, so that its last line is full: a ¶ that takes room
# in the line then has to wrap onto a line of its own.
HEADING_LINES = """(heading) => {
  const text = document.createRange();
  text.setStart(heading, 0);
  const link = heading.querySelector(':scope > .headerlink');
  if (link) text.setEndBefore(link); else text.setEnd(heading, heading.childNodes.length);
  const widths = new Map();
  for (const r of text.getClientRects()) {
    if (!r.width) continue;
    const key = Math.round(r.top);
    widths.set(key, Math.max(widths.get(key) || 0, r.right - heading.getBoundingClientRect().left));
  }
  const width = heading.style.width;
  heading.style.width = Math.ceil(Math.max(...widths.values())) + 'px';
  const style = getComputedStyle(heading);
  const lines = new Set(Array.from(text.getClientRects()).filter(r => r.width).map(r => Math.round(r.top))).size;
  const content = heading.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  const found = {lines: lines, height: content, lineHeight: parseFloat(style.lineHeight)};
  heading.style.width = width;  // the page is shared: as it was
  return found;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("page_name", PAGES)
def test_a_heading_is_as_tall_as_its_lines(pages: OpenedOnce, built_site: Path, page_name: str, screen: str) -> None:
    page = looking_at(pages, built_site, page_name, screen)
    # A run-in heading (an item's opening, printed in bold in its paragraph) is kept out of sight on purpose.
    headings = page.locator("article :is(h1, h2, h3):not(.pr-runin-heading)")
    measured = headings.evaluate_all(f"headings => headings.map({HEADING_LINES})")  # one call for the page
    assert len(measured) > 0
    for n, found in enumerate(measured):
        expected = found["lines"] * found["lineHeight"]
        assert abs(found["height"] - expected) < 2, (
            f"{page_name} heading {n}: {found['height']:.0f}px tall for {found['lines']} line(s) of "
            f"{found['lineHeight']:.0f}px: its ¶ takes a line of its own"
        )


# A paragraph's lines: each line's offset from the paragraph's top and its width, from the text's boxes.
PARAGRAPH_LINES = """(p) => {
  const range = document.createRange(); range.selectNodeContents(p);
  const top = p.getBoundingClientRect().top; const lines = new Map();
  for (const r of range.getClientRects()) {
    if (!r.width) continue;
    const key = Math.round(r.top - top); const line = lines.get(key) || [Infinity, -Infinity];
    lines.set(key, [Math.min(line[0], r.left), Math.max(line[1], r.right)]);
  }
  return Array.from(lines, ([key, [l, r]]) => [key, Math.round(l), Math.round(r)]);
}"""


def box(locator: Locator) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None, "not rendered"
    return {
        "left": found["x"],
        "right": found["x"] + found["width"],
        "top": found["y"],
        "bottom": found["y"] + found["height"],
    }


def boxes_overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.browser
@pytest.mark.parametrize("screen", SCREENS)
def test_the_cite_button_moves_no_line_of_its_paragraph(browser: Browser, built_site: Path, screen: str) -> None:
    with reading(browser, built_site, ESSAY, screen, "#p5") as page:
        button = page.locator(".pr-cite__button--paragraph")
        assert button.is_visible() and button.inner_text() == "引用第 5 段"
        paragraph = page.locator("#p5")
        with_button = paragraph.evaluate(PARAGRAPH_LINES)
        assert not boxes_overlap(box(button), box(paragraph))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"cite-{screen}.png"))
        button.evaluate("b => b.remove()")
        assert paragraph.evaluate(PARAGRAPH_LINES) == with_button


# A whole paragraph selected, the range kept to measure later.
SELECT = """(p) => {
  const range = document.createRange(); range.selectNodeContents(p);
  window.__noted = range;
  getSelection().removeAllRanges(); getSelection().addRange(range);
}"""
NOTED = """() => { const r = window.__noted.getBoundingClientRect();
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }"""


@pytest.mark.browser
@pytest.mark.parametrize("place", ["start", "end"])
@pytest.mark.parametrize("screen", SCREENS)
def test_the_note_draft_never_covers_the_words_noted(
    browser: Browser, built_site: Path, screen: str, place: str
) -> None:
    with reading(browser, built_site, ESSAY, screen, "?annotate") as page:
        paragraph = page.locator("#p6")
        # At the window's top, or at its foot, where a panel in the window's corner would cover it.
        paragraph.evaluate(f"p => p.scrollIntoView({{block: '{place}'}})")
        paragraph.evaluate(SELECT)
        page.locator(".pr-annotate-pop__button").click()
        panel = page.locator(".pr-annotate-panel")
        assert panel.is_visible()
        page.evaluate(SETTLED)  # the panel placed
        noted, drawn = page.evaluate(NOTED), box(panel)
        assert not boxes_overlap(noted, drawn), f"the draft {drawn} covers the noted words {noted}"
        header = box(page.locator(".md-header"))
        in_view = noted["top"] >= header["bottom"] and noted["bottom"] <= SCREENS[screen][1]
        assert in_view, f"the noted words {noted} are out of view"
        assert drawn["left"] >= 0 and drawn["right"] <= SCREENS[screen][0]
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"annotate-{screen}-{place}.png"))


@pytest.mark.browser
@pytest.mark.parametrize("page_name", [ESSAY, "gansu-2021-digital-development/new-infrastructure"])
def test_two_notes_on_one_quote_are_labelled_apart(pages: OpenedOnce, built_site: Path, page_name: str) -> None:
    page = looking_at(pages, built_site, page_name, "desktop")
    labels: dict[str, list[str]] = {}
    notes = page.locator(".pr-note")
    for n in range(notes.count()):
        note = notes.nth(n)
        quoted = note.locator("summary q").inner_text()
        labels.setdefault(quoted, []).append(note.locator("summary").inner_text())
    shared = {quote: shown for quote, shown in labels.items() if len(shown) > 1}
    assert shared, "the page has no quote with two notes to tell apart"
    for quote, shown in shared.items():
        assert len(set(shown)) == len(shown), f"the notes on {quote} read the same: {shown}"


def test_the_measures_map_explains_its_signs_and_names_texts_by_short_labels(built_site: Path) -> None:
    soup = soup_of(built_site, "measures")
    legend = soup.select_one(".pr-map-legend")
    assert legend is not None
    signs = [dt.get_text() for dt in legend.select(".pr-map-legend__signs dt")]
    assert any(s.startswith("↔") for s in signs) and any(s.startswith("§") for s in signs)
    # Each short label is defined once, beside the text's full title and its link.
    defined = {dt.get_text(): dt.find_next_sibling("dd") for dt in legend.select(".pr-map-legend__texts dt")}
    titles = {dd.get_text() for dd in defined.values() if dd is not None and dd.find("a", href=True)}
    assert len(titles) == len(defined) >= 2
    used = {span.get_text() for span in soup.select(".pr-map .pr-map__label")}
    used |= {a.get_text() for a in soup.select(".pr-map__title a")}
    assert used and used <= set(defined)
    rows = soup.select(".pr-map__links li, .pr-map__clauses li, .pr-map__title")
    assert rows
    for row in rows:
        assert not any(title in row.get_text() for title in titles if len(title) > 10), row.get_text()


# In each line of the guide's opening paragraph, the step from one Chinese character to the next,
# against the font size: set ragged they touch (1.0); justified around a long code span they spread apart.
CHARACTER_STEPS = """(p) => {
  const steps = [];
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const size = parseFloat(getComputedStyle(p).fontSize);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('code')) continue;
    const boxes = [];
    for (let i = 0; i < node.length; i++) {
      if (!/[\\u4e00-\\u9fff]/.test(node.data[i])) { boxes.push(null); continue; }
      const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
      boxes.push(r.getBoundingClientRect());
    }
    for (let i = 1; i < boxes.length; i++) {
      const a = boxes[i - 1], b = boxes[i];
      if (a && b && Math.round(a.top) === Math.round(b.top)) steps.push((b.left - a.left) / size);
    }
  }
  return steps;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("screen", SCREENS)
def test_the_editors_guide_is_not_letter_spaced_nor_cut_off(pages: OpenedOnce, built_site: Path, screen: str) -> None:
    page = looking_at(pages, built_site, "editors", screen)
    steps = page.locator("article > p").first.evaluate(CHARACTER_STEPS)
    assert steps and max(steps) < 1.1, f"characters spread apart: {max(steps):.2f} em"
    blocks = page.locator("article pre")
    assert blocks.count() > 0
    for n in range(blocks.count()):
        fits = blocks.nth(n).evaluate("pre => pre.scrollWidth <= pre.clientWidth + 1")
        assert fits, f"code block {n} runs past the page"
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen][0]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"editors-{screen}.png"))


ENGLISH = re.compile(r"\b(Made with|Previous|Next)\b")


@pytest.mark.parametrize("page_name", PAGES)
def test_the_footer_is_chinese(site: Path, generator: str, page_name: str) -> None:
    """With either generator: MkDocs takes our template, Zensical (which has no overrides) mkdocs.yml's settings."""
    footer = soup_of(site, page_name).select_one("footer.md-footer")
    assert footer is not None
    text = " ".join(footer.get_text().split())
    assert not ENGLISH.search(text), text
    assert "版权" in text and "上一页" in text
    if generator == "mkdocs":
        assert "本站由 Material for MkDocs 生成" in text


def test_a_documents_page_shows_where_it_was_published_not_where_the_file_came_from(built_site: Path) -> None:
    manifest = yaml.safe_load((ROOT / "sources" / f"{DOCUMENT}.yaml").read_text(encoding="utf-8"))
    assert manifest["provenance"]
    heading = soup_of(built_site, DOCUMENT).select_one("#provenance")
    assert heading is not None
    shown = heading.find_next("ul")
    assert shown is not None
    text = shown.get_text()
    for word in re.findall(r"[0-9a-f]{40}|[\w./-]+\.sql|\w+/[\w.-]+", manifest["provenance"]):
        assert word not in text, f"the page shows maintainers' provenance: {word}"
    assert shown.find("a", href=manifest["url"]) is not None
    assert manifest["publication"] in text
