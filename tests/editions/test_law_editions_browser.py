"""反垄断法 with its 2007 text in Chromium: the comparison article by article and the bar over the earlier text,
at desktop and phone widths, light and dark, in print; the as-of reading hosted and from the offline zip.

Screenshots go to ``tests/artifacts/editions/`` for review.
"""

from __future__ import annotations

import itertools
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.accessibility.conftest import SCHEMES, WIDTHS, axe_violations, describe, reader
from tests.conftest import pairwise, run, wait_for_scripts
from tests.editions.test_changes_browser import ARTIFACTS, shoot
from tests.editions.test_law_editions_site import CHANGES, CURRENT, EDITION

pytestmark = pytest.mark.browser


#: The rows of (page, scheme, width) axe-core checks the law's pages in: pairwise, every page in each scheme
#: and at each width, and each scheme at each width (the scheme changes only colours, the width only the
#: layout). The tests below still read and photograph every page in every scheme at every width.
AXE_ROWS = pairwise(["comparison", "earlier edition", "current text"], list(SCHEMES), list(WIDTHS))


def axe_if_paired(page: Page, axe: Path, row: tuple[str, str, str]) -> list[dict[str, Any]]:
    """axe-core's violations on `page` when `row` is one of AXE_ROWS; none to report otherwise."""
    return axe_violations(page, axe) if row in AXE_ROWS else []


@pytest.mark.parametrize(("scheme", "width"), list(itertools.product(SCHEMES, WIDTHS)))
def test_the_comparison_reads_article_by_article_at_each_width_and_scheme(
    browser: Browser, axe: Path, law_project: tuple[Path, str], scheme: str, width: str
) -> None:
    with reader(browser, law_project[1] + CHANGES + "#article-20", scheme, WIDTHS[width]) as page:
        section = page.locator("section#article-20")
        assert section.is_visible()
        where = section.locator(".pr-change__where").inner_text()
        assert "第十五条" in where and "第二十条" in where
        spoken = section.locator(".pr-change__text").first.aria_snapshot().replace(" ", "")
        assert "[新增:" in spoken
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        shoot(page, f"law-changes-{scheme}-{width}")
        violations = axe_if_paired(page, axe, ("comparison", scheme, width))
    assert violations == [], f"{scheme}, {width}:\n{describe(violations)}"


#: Scrolled past 3,000 px, and no longer scrolling (the same offset two frames running).
SCROLLED_AND_STILL = """() => {
  const still = window.lastScrollY === scrollY;
  window.lastScrollY = scrollY;
  return scrollY > 3000 && still;
}"""


@pytest.mark.parametrize(("scheme", "width"), list(itertools.product(SCHEMES, WIDTHS)))
def test_the_bar_over_an_earlier_edition_stays_in_view_and_leads_to_the_text_in_force(
    browser: Browser, axe: Path, law_project: tuple[Path, str], scheme: str, width: str
) -> None:
    with reader(browser, law_project[1] + EDITION, scheme, WIDTHS[width]) as page:
        banner = page.locator(".pr-edition-banner")
        # Before scrolling: scrolled, Material's contents list packs the links it has passed (not this page's).
        violations = axe_if_paired(page, axe, ("earlier edition", scheme, width))
        page.mouse.wheel(0, 4000)
        page.wait_for_function(SCROLLED_AND_STILL)
        box = banner.bounding_box()
        header = page.locator(".md-header").bounding_box()
        assert box is not None and header is not None
        # Scrolled far down, the bar is still on screen, just below the header, not hidden under it.
        assert header["y"] + header["height"] - 1 <= box["y"] <= header["y"] + header["height"] + 2
        assert page.evaluate("window.scrollY") > 3000
        shoot(page, f"law-edition-banner-{scheme}-{width}")
        banner.get_by_role("link").first.click()
        page.wait_for_url(f"**/{CURRENT}")
        wait_for_scripts(page)
        assert page.locator("dd[data-pr-status]").inner_text() == "现行有效"  # in the card
    assert violations == [], f"{scheme}, {width}:\n{describe(violations)}"


def test_print_shows_the_bar_once_and_the_changes_in_colour(
    browser: Browser, law_project: tuple[Path, str], tmp_path: Path
) -> None:
    with reader(browser, law_project[1] + EDITION) as page:
        page.emulate_media(media="print")
        assert page.evaluate("getComputedStyle(document.querySelector('.pr-edition-banner')).position") == "static"
        assert not page.locator(".pr-versions").is_visible()
        page.pdf(path=str(tmp_path / "edition.pdf"), format="A4")
    with reader(browser, law_project[1] + CHANGES) as page:
        page.emulate_media(media="print")
        assert page.evaluate("getComputedStyle(document.querySelector('ins')).printColorAdjust") == "exact"
        assert page.locator("section#article-20").is_visible()
        page.pdf(path=str(tmp_path / "changes.pdf"), format="A4")
    for name in ("edition", "changes"):
        assert (tmp_path / f"{name}.pdf").read_bytes().startswith(b"%PDF")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "law-changes.pdf").write_bytes((tmp_path / "changes.pdf").read_bytes())


@pytest.mark.parametrize(("as_of", "lands"), [("2015-01-01", EDITION), ("2023-03-01", CURRENT)])
def test_as_of_a_date_opens_the_edition_in_force_then(
    browser: Browser, law_project: tuple[Path, str], as_of: str, lands: str
) -> None:
    with reader(browser, law_project[1] + CURRENT + f"?as-of={as_of}") as page:
        page.wait_for_url(f"**/{lands}*")
        wait_for_scripts(page)
        assert page.url.split("?")[0].endswith(lands)
        assert (page.locator(".pr-edition-banner").count() == 1) == (lands == EDITION)


@pytest.fixture(scope="module")
def unzipped_law(law_project: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline zip of the project with the law, unpacked: its top folder."""
    folder = tmp_path_factory.mktemp("law-zip")
    output = folder / "site.zip"
    result = run([sys.executable, "-m", "build_tools", "package", "--output", str(output)], cwd=law_project[0])
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(output) as archive:
        archive.extractall(folder / "unzipped")
    return folder / "unzipped" / "policy-reader"


def test_as_of_works_from_the_offline_zip(browser: Browser, unzipped_law: Path) -> None:
    url = (unzipped_law / CURRENT / "index.html").as_uri() + "?as-of=2010-05-01"
    with reader(browser, url) as page:
        page.wait_for_url("**/editions/2007/index.html*")
        wait_for_scripts(page)
        # Read as of 2010 the 2007 text was the one in force: the banner says so, and what became of it later.
        banner = page.locator(".pr-edition-banner").inner_text()
        assert "截至 2010-05-01 仍为现行有效的文本" in banner and "已被修正(2022-06-24" in banner


@pytest.mark.parametrize("width", WIDTHS)
def test_as_of_a_date_between_adoption_and_entry_into_force_opens_the_text_still_in_force(
    browser: Browser, unzipped_law: Path, width: str
) -> None:
    """The 2022 修正 was adopted on 2022-06-24 and took effect on 2022-08-01: on 2022-07-01 the 2007 text was in force.

    From the offline build; screenshots at desktop and phone width go to tests/artifacts/editions/.
    """
    url = (unzipped_law / CURRENT / "index.html").as_uri() + "?as-of=2022-07-01"
    with reader(browser, url, "light", WIDTHS[width]) as page:
        page.wait_for_url("**/editions/2007/index.html*")
        wait_for_scripts(page)
        assert "as-of=2022-07-01" in page.url  # kept, so the page is told as of that date
        status = page.locator(".pr-status")
        assert status.get_attribute("data-pr-status") == "现行有效"
        assert status.inner_text() == "截至 2022-07-01:现行有效(新文本已于2022-06-24通过,自2022-08-01起施行)"
        banner = page.locator(".pr-edition-banner").inner_text()
        assert "此为2007年文本(2007-08-30),截至 2022-07-01 仍为现行有效的文本" in banner
        assert "不是现行有效" not in banner
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        shoot(page, f"law-as-of-before-in-force-{width}")
    # Without the date, the same page says what became of it.
    with reader(browser, (unzipped_law / EDITION / "index.html").as_uri(), "light", WIDTHS[width]) as page:
        wait_for_scripts(page)
        assert page.locator(".pr-status").inner_text() == "已被修正(2022-06-24,新文本自2022-08-01起施行)"


def test_as_of_a_day_the_first_text_was_adopted_but_not_in_force_says_none_was_yet(
    browser: Browser, law_project: tuple[Path, str]
) -> None:
    """反垄断法 was adopted on 2007-08-30 and took effect on 2008-08-01 (第五十七条)."""
    with reader(browser, law_project[1] + CURRENT + "?as-of=2008-01-01") as page:
        note = page.locator(".pr-as-of-note")
        note.wait_for()
        said = note.inner_text()
        assert "2008-01-01 时尚无生效的文本" in said and "2007-08-30 通过" in said and "自 2008-08-01 起施行" in said
        assert page.url.split("?")[0].endswith(CURRENT)
    # On the day it took effect, it is the text in force.
    with reader(browser, law_project[1] + CURRENT + "?as-of=2008-08-01") as page:
        page.wait_for_url(f"**/{EDITION}*")
        wait_for_scripts(page)
        assert page.locator(".pr-status").inner_text().startswith("截至 2008-08-01:现行有效")


def test_as_of_a_date_before_every_edition_says_so_and_stays(browser: Browser, law_project: tuple[Path, str]) -> None:
    with reader(browser, law_project[1] + EDITION + "?as-of=2000-01-01") as page:
        note = page.locator(".pr-as-of-note")
        note.wait_for()
        assert note.inner_text() == "本站所载最早的版本晚于 2000-01-01。"
        assert page.url.split("?")[0].endswith(EDITION)


def test_a_link_to_an_article_folded_in_a_kept_run_opens_it(browser: Browser, law_project: tuple[Path, str]) -> None:
    with reader(browser, law_project[1] + CHANGES) as page:
        assert not page.locator("#article-25").is_visible()
        page.evaluate("window.location.hash = 'article-25'")
        page.wait_for_function("document.getElementById('article-25').closest('details').open")
        assert page.locator("#article-25").is_visible()
        assert "第二十条 → 第二十五条" in page.locator("#article-25").inner_text()


@pytest.mark.parametrize(("scheme", "width"), [(s, w) for page, s, w in AXE_ROWS if page == "current text"])
def test_the_current_text_with_its_status_versions_and_histories_has_no_serious_violation(
    browser: Browser, axe: Path, law_project: tuple[Path, str], scheme: str, width: str
) -> None:
    with reader(browser, law_project[1] + CURRENT, scheme, WIDTHS[width]) as page:
        assert page.locator("dd[data-pr-status]").inner_text() == "现行有效"  # in the card
        assert page.locator(".pr-article-history").count() > 20
        violations = axe_violations(page, axe)
    assert violations == [], f"{scheme}, {width}:\n{describe(violations)}"
