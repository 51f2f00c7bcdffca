"""The 文库 page in a real build and a real browser: from the offline zip (file://) and from a server,
on a desktop and a phone, by mouse and by keyboard, without scripts, in both schemes and in print.

The hosted project is the real one with a short essay of our own (tests/data/library) that `interprets:`
the 2018 opinion on government new media, so the relation shows; the offline zip is the real project's,
made once for the run. Screenshots go to ``tests/artifacts/library/``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from build_tools.common.page_marker import read_library
from tests.accessibility.conftest import axe_violations, describe, ensure_axe, reader
from tests.conftest import REAL_PAGES, ROOT, copy_project, mkdocs_build, opened, policy_reader
from tests.search.conftest import serve

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts" / "library"
OPINION = "gov-opinion-government-new-media-2018"
ESSAY = "new-media-essay"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
#: How many newspapers the copies of the essay are said to be from: with the real sources', more than 8.
MORE_PUBLICATIONS = 6


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project and the test essay interpreting the opinion, imported and built (to be hosted)."""
    project = copy_project(tmp_path_factory.mktemp("library") / "project")
    shutil.copy(REAL_PAGES / "library" / f"{ESSAY}.txt", project / "sources" / f"{ESSAY}.txt")
    (project / "sources" / f"{ESSAY}.yaml").write_text(
        f'publication: 测试用文章(本测试自撰)\ndate: "2019-01-10"\ninterprets:\n  - {OPINION}\n', encoding="utf-8"
    )
    # More publications than a facet shows at first: copies of the essay, each from a newspaper of its own.
    for n in range(1, MORE_PUBLICATIONS + 1):
        shutil.copy(REAL_PAGES / "library" / f"{ESSAY}.txt", project / "sources" / f"{ESSAY}-{n}.txt")
        (project / "sources" / f"{ESSAY}-{n}.yaml").write_text(
            f'publication: 测试报{n}\ndate: "2019-02-{n:02d}"\n', encoding="utf-8"
        )
    for result in (policy_reader(project, "import"), mkdocs_build(project)):
        assert result.returncode == 0, result.stderr
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return project


#: For a test reading `offline_library`: the offline zip conftest makes once for the run, of the real project
#: (`policy-reader package`). Its 文库 lists laws in force among other texts, which is what those tests need.
OFFLINE = pytest.mark.parametrize("generator", ["mkdocs"], indirect=True)


@pytest.fixture
def offline_library(unzipped: Path) -> Path:
    """The 文库 page of the real project's offline zip, unzipped."""
    return unzipped / "library.html"


@pytest.fixture(scope="module")
def hosted(project: Path) -> Iterator[str]:
    with serve(project / "site") as base:
        yield base


def _shown(page: Page) -> list[str]:
    return page.eval_on_selector_all(".pr-library__item:not([hidden])", "items => items.map(item => item.dataset.prId)")


def _query(page: Page) -> dict[str, list[str]]:
    """The page's address as its script left it (``page.url`` follows a replaced address only later)."""
    return parse_qs(urlsplit(page.evaluate("location.href")).query)


def _entries(project: Path) -> list[dict[str, object]]:
    """The texts the built project's 文库 lists."""
    return _listed(project / "site" / "library" / "index.html")


def _listed(library: Path) -> list[dict[str, object]]:
    """The texts a 文库 page lists (its marker)."""
    entries = read_library(library.read_text(encoding="utf-8"))
    assert entries is not None
    return entries


def _laws_in_force(entries: list[dict[str, object]]) -> list[str]:
    return [str(e["id"]) for e in entries if e["kind"] == "law" and e["status"] == "现行有效"]


def _two_clicks_to_laws_in_force(page: Page, entries: list[dict[str, object]]) -> None:
    page.get_by_role("checkbox", name="法律法规").click()
    page.get_by_role("checkbox", name="现行有效").click()
    in_force = _laws_in_force(entries)
    assert sorted(_shown(page)) == sorted(in_force) != []
    assert len(in_force) < len(entries)  # the choice leaves texts out
    # Said to screen readers (role=status) and printed with the list: how many, chosen how.
    status = page.get_by_role("status")
    assert status.inner_text() == f"共 {len(in_force)} 项(类型:法律法规;时效性:现行有效)"
    query = _query(page)
    assert query == {"kind": ["law"], "status": ["现行有效"]}


@OFFLINE
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_laws_in_force_are_two_clicks_from_disk_and_the_address_keeps_them(
    browser: Browser, offline_library: Path, device: str
) -> None:
    context = PHONE if device == "phone" else DESKTOP
    entries = _listed(offline_library)
    with opened(browser, offline_library.as_uri(), **context) as page:
        assert len(_shown(page)) == len(entries)
        _two_clicks_to_laws_in_force(page, entries)
        kept = page.evaluate("location.href")
        page.screenshot(path=str(ARTIFACTS / f"laws-in-force-{device}.png"), full_page=True)
    # The address, opened afresh, shows the same choice.
    with opened(browser, kept, **context) as page:
        assert sorted(_shown(page)) == sorted(_laws_in_force(entries))
        assert page.get_by_role("checkbox", name="法律法规").is_checked()


def test_counts_combine_across_facets_and_the_sort_is_kept(browser: Browser, project: Path, hosted: str) -> None:
    entries = _entries(project)
    with opened(browser, hosted + "library/?year=2021", **DESKTOP) as page:
        in_2021 = [e for e in entries if e["year"] == "2021"]
        assert sorted(_shown(page)) == sorted(str(e["id"]) for e in in_2021)
        # Each kind's count is what it would show alongside the year chosen.
        law = page.locator("label.pr-library__value", has=page.locator("input[name=kind][value=law]"))
        assert law.locator(".pr-library__count").inner_text() == str(sum(e["kind"] == "law" for e in in_2021))
        page.select_option("select[name=sort]", "title")
        assert _query(page) == {"year": ["2021"], "sort": ["title"]}
        titles = page.eval_on_selector_all(
            ".pr-library__item:not([hidden]) .pr-library__title", "items => items.map(item => item.textContent)"
        )
        order = page.evaluate("titles => titles.slice().sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'))", titles)
        assert titles == order
        page.get_by_role("button", name="清除筛选").click()
        assert len(_shown(page)) == len(entries)
        assert _query(page) == {"sort": ["title"]}


def test_the_filters_work_by_keyboard(browser: Browser, project: Path, hosted: str) -> None:
    with opened(browser, hosted + "library/", **DESKTOP) as page:
        page.get_by_role("checkbox", name="法律法规").focus()
        page.keyboard.press("Space")
        assert _query(page) == {"kind": ["law"]}
        assert all(e in _laws_in_force(_entries(project)) for e in _shown(page))
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.name")
        assert focused in ("kind", "issuer")  # the next value, in the page's order


@OFFLINE
def test_without_scripts_every_text_is_listed_and_linked(browser: Browser, offline_library: Path) -> None:
    # `opened` waits for the page's scripts, which never run here: a plain context instead.
    session = browser.new_context(java_script_enabled=False, **DESKTOP)
    try:
        page = session.new_page()
        page.goto(offline_library.as_uri())
        items = page.locator(".pr-library__item")
        assert items.count() == len(_listed(offline_library))
        assert all(items.nth(n).is_visible() for n in range(items.count()))
        assert page.locator(".pr-library__filters").count() == 0
        link = page.locator(f".pr-library__item[data-pr-id='{OPINION}'] .pr-library__title a")
        assert link.get_attribute("href") == f"{OPINION}/index.html"
    finally:
        session.close()


def test_the_relation_shows_on_both_pages_and_in_the_library(browser: Browser, project: Path, hosted: str) -> None:
    with opened(browser, hosted + "library/", **DESKTOP) as page:
        relation = page.locator(f".pr-library__item[data-pr-id='{ESSAY}'] .pr-library__relation")
        assert "国务院办公厅关于推进政务新媒体健康有序发展的意见" in relation.inner_text()
    with opened(browser, hosted + f"{OPINION}/", **DESKTOP) as page:
        readings = page.locator("#readings ~ ul").first
        readings.locator("a").first.click()
        page.wait_for_load_state("load")
        assert urlsplit(page.url).path == f"/{ESSAY}/"
    essay_page = next(p.stem for p in (project / "docs" / ESSAY).glob("*.md") if p.name != "index.md")
    with opened(browser, hosted + f"{ESSAY}/{essay_page}/", **DESKTOP) as page:
        line = page.locator(".pr-interprets")
        assert line.locator("a").inner_text() == "国务院办公厅关于推进政务新媒体健康有序发展的意见"
        # Under the byline, above the text.
        assert page.evaluate(
            "() => document.querySelector('.pr-byline')"
            ".compareDocumentPosition(document.querySelector('.pr-interprets')) & Node.DOCUMENT_POSITION_FOLLOWING"
        )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_axe_violation_and_screenshots(
    browser: Browser, project: Path, hosted: str, scheme: str, width: int
) -> None:
    axe = ensure_axe()
    with reader(browser, hosted + "library/?kind=law", scheme=scheme, width=width, touch=width < 500) as page:
        violations = axe_violations(page, axe)
        assert violations == [], describe(violations)
        device = "phone" if width < 500 else "desktop"
        page.screenshot(path=str(ARTIFACTS / f"library-{device}-{scheme}.png"), full_page=True)


def test_print_shows_the_list_chosen_without_the_filters(browser: Browser, project: Path, hosted: str) -> None:
    with opened(browser, hosted + "library/?kind=law", **DESKTOP) as page:
        page.emulate_media(media="print")
        assert not page.locator(".pr-library__filters").is_visible()
        assert page.locator(".pr-library__shown").inner_text().endswith("(类型:法律法规)")
        assert sorted(_shown(page)) == sorted(str(e["id"]) for e in _entries(project) if e["kind"] == "law")
        page.screenshot(path=str(ARTIFACTS / "library-print.png"), full_page=True)
        page.pdf(path=str(ARTIFACTS / "library-print.pdf"))


def test_a_long_facet_shows_its_first_values_and_the_chosen_until_opened(
    browser: Browser, project: Path, hosted: str
) -> None:
    issuers = {str(e["issuer"]) for e in _entries(project) if e["issuer"]}
    assert len(issuers) > 8
    with opened(browser, hosted + "library/", **DESKTOP) as page:
        values = page.locator(".pr-library__facet--issuer label.pr-library__value")
        assert values.locator("input:visible").count() == 8
        beyond = values.locator("input:not(:visible)").first.get_attribute("value")
        assert beyond in issuers
    with opened(browser, hosted + f"library/?issuer={quote(beyond)}", **DESKTOP) as page:
        facet = page.locator(".pr-library__facet--issuer")
        # The first 8, and the one chosen though it is not among them.
        assert facet.locator("input:visible").count() == 9
        assert facet.get_by_role("checkbox", name=beyond).is_checked()
        more = facet.get_by_role("button", name=f"显示全部 {len(issuers)} 项")
        assert more.get_attribute("aria-expanded") == "false"
        more.focus()
        page.keyboard.press("Enter")
        assert facet.locator("input:visible").count() == len(issuers)
        assert facet.get_by_role("button", name="收起").get_attribute("aria-expanded") == "true"
