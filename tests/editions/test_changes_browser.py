"""The comparison and the earlier edition in Chromium: desktop, phone, print and dark, and axe-core over them.

Screenshots of each go to ``tests/artifacts/editions/`` for review.
"""

from __future__ import annotations

import itertools
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.accessibility.conftest import SCHEMES, WIDTHS, axe_violations, describe, reader
from tests.conftest import ROOT, wait_for_scripts
from tests.editions.conftest import CHANGES, EDITION, ESSAY

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "tests" / "artifacts" / "editions"
#: The marks' backgrounds, as editions.css gives them in each scheme.
MARK_BACKGROUNDS = {
    "light": {"ins": "rgb(212, 237, 218)", "del": "rgb(253, 226, 225)"},
    "dark": {"ins": "rgb(31, 74, 44)", "del": "rgb(90, 29, 29)"},
}
MARKS = """() => ['ins', 'del'].map(tag => {
  const mark = document.querySelector('.pr-change__text ' + tag);
  const style = getComputedStyle(mark);
  const hidden = getComputedStyle(mark.querySelector('.pr-visually-hidden'));
  return {tag, line: style.textDecorationLine, background: style.backgroundColor,
          hiddenShown: hidden.display !== 'none' && hidden.visibility !== 'hidden'};
})"""


def shoot(page: Page, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


@pytest.mark.parametrize(("scheme", "width"), list(itertools.product(SCHEMES, WIDTHS)))
def test_changed_words_are_marked_in_both_schemes_and_spoken(
    browser: Browser, edition_project: tuple[Path, str, str], scheme: str, width: str
) -> None:
    with reader(browser, edition_project[1] + CHANGES, scheme, WIDTHS[width]) as page:
        marks = {m["tag"]: m for m in page.evaluate(MARKS)}
        assert "underline" in marks["ins"]["line"] and "line-through" in marks["del"]["line"]
        assert {tag: m["background"] for tag, m in marks.items()} == MARK_BACKGROUNDS[scheme]
        # Screen readers read the words that say what a mark is; they are in the page, not shown.
        assert marks["ins"]["hiddenShown"] and marks["del"]["hiddenShown"]
        # Chromium names the roles too (insertion, deletion); the words say it to readers that do not.
        spoken = page.locator(".pr-change--changed .pr-change__text").aria_snapshot().replace(" ", "")
        assert 'insertion:"[新增:进一步]"' in spoken and 'deletion:"[删除:全省]"' in spoken
        # A phone reads the page without scrolling sideways.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        shoot(page, f"changes-{scheme}-{width}", full_page=width == "desktop")


#: The pages an earlier edition adds or changes, by a name for the test's id.
EDITION_PAGES = {"comparison": CHANGES, "edition": EDITION, "essay": ESSAY}


# Pairwise: every page in each scheme and at each width, and each scheme at each width. The scheme changes
# only colours and the width only the layout: the three together prove nothing their pairs do not.
@pytest.mark.pairwise("view", "scheme", "width")
@pytest.mark.parametrize(("view", "scheme", "width"), list(itertools.product(EDITION_PAGES, SCHEMES, WIDTHS)))
def test_the_comparison_the_earlier_edition_and_the_essay_naming_it_have_no_serious_violation(
    browser: Browser, axe: Path, edition_project: tuple[Path, str, str], view: str, scheme: str, width: str
) -> None:
    address = EDITION_PAGES[view]
    with reader(browser, edition_project[1] + address, scheme, WIDTHS[width]) as page:
        violations = axe_violations(page, axe)
    assert violations == [], f"{address}, {scheme}, {width}:\n{describe(violations)}"


def test_a_kept_run_opens_and_closes_from_the_keyboard(
    browser: Browser, edition_project: tuple[Path, str, str]
) -> None:
    with reader(browser, edition_project[1] + CHANGES) as page:
        summary = page.locator("details.pr-change--same > summary").first
        text = page.locator("details.pr-change--same .pr-change__text").first
        assert not text.is_visible()
        summary.focus()
        page.keyboard.press("Enter")
        assert text.is_visible()


def test_an_old_paragraph_link_leads_to_its_counterpart_now(
    browser: Browser, edition_project: tuple[Path, str, str]
) -> None:
    with reader(browser, edition_project[1] + EDITION + "#p9") as page:
        assert page.evaluate("document.querySelector(':target').id") == "p9"
        shoot(page, "edition-p9")
        page.locator("#p9").locator("xpath=../following-sibling::p[1]/a").click()
        page.wait_for_url("**/digital-government/#p6")
        wait_for_scripts(page)
        assert page.url.endswith(ESSAY + "#p6")
        assert page.evaluate("document.querySelector(':target').textContent").startswith("突出高标准建设")


def ppm_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a binary PPM (what pdftoppm writes)."""
    data = path.read_bytes()
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P6" and fields[3] == b"255"
    return int(fields[1]), int(fields[2]), fields[4]


def test_print_keeps_the_marks_and_leaves_out_the_kept_runs(
    browser: Browser, edition_project: tuple[Path, str, str], tmp_path: Path
) -> None:
    with reader(browser, edition_project[1] + CHANGES) as page:
        page.emulate_media(media="print")
        assert page.evaluate("getComputedStyle(document.querySelector('ins')).printColorAdjust") == "exact"
        assert not page.locator("details.pr-change--same .pr-change__text").first.is_visible()
        assert page.locator("details.pr-change--same > summary").first.is_visible()
        pdf = tmp_path / "changes.pdf"
        page.pdf(path=str(pdf), format="A4")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(ARTIFACTS / "changes-print")], check=True
    )
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    _width, _height, pixels = ppm_pixels(next(tmp_path.glob("page*.ppm")))
    colours = {bytes(pixels[n : n + 3]) for n in range(0, len(pixels), 3)}
    # The inserted and deleted words' backgrounds reach the paper (anti-aliasing aside, the fill is exact).
    assert bytes((212, 237, 218)) in colours and bytes((253, 226, 225)) in colours
