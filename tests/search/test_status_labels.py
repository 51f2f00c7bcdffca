"""Each text a search lists says what it is and whether it is in force, on the server and from the offline zip.

A real project with a law and its earlier edition (反垄断法 2022, amended from the 2007 text, as
tests/editions import it), built by `mkdocs build` and served, and packaged by `policy-reader package`
and opened from disk; queries are typed into Material's search box and the drawn rows read. The labels
come from each built page's marker (`build_tools/search/labels.py`), never from the generator.
"""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from build_tools.common.page_marker import read_page_marker
from build_tools.search.index import index_parts
from build_tools.search.labels import SearchLabel, search_label
from build_tools.search.sections import Section
from tests.accessibility.conftest import axe_violations, describe, ensure_axe
from tests.conftest import (
    ROOT,
    copy_project,
    made_once,
    mkdocs_build,
    opened,
    policy_reader,
    read_search_index,
    run,
)
from tests.editions.test_law_editions_site import add_law
from tests.search import oracle
from tests.search.conftest import (
    SearchPages,
    Shown,
    engine_page,
    serve,
    settle_animations,
    type_query,
    wait_for_results,
)

LAW_TITLE = "中华人民共和国反垄断法"
EDITION = "anti-monopoly-law/editions/2007/"
#: In both texts of the law (2007 第二十条, 2022 第二十五条), in no essay.
LAW_QUERY = "经营者集中"
#: In the Gansu essays, the plan, the 意见 and 数据安全法.
TEXTS_QUERY = "政务"
CURRENT_LAW = "法律法规 · 现行有效"
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"


@dataclass(frozen=True)
class Built:
    """The project with the law's two editions: `site/` as hosted, and the offline zip unzipped."""

    site: Path
    unzipped: Path


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Built and packaged once in a run, for this module and test_search_scope.py (which only read it)."""

    def build(base: Path) -> None:
        project = copy_project(base / "project")
        add_law(project)
        imported = policy_reader(project, "import")
        assert imported.returncode == 0, imported.stderr
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr
        output = base / "site.zip"
        packaged = run([sys.executable, "-m", "build_tools", "package", "--output", str(output)], cwd=project)
        assert packaged.returncode == 0, packaged.stderr
        with zipfile.ZipFile(output) as archive:
            archive.extractall(base / "unzipped")

    base = made_once(tmp_path_factory, "labels", build)
    return Built(base / "project" / "site", base / "unzipped" / "policy-reader")


@pytest.fixture(scope="module")
def hosted(built: Built) -> Iterator[str]:
    with serve(built.site) as url:
        yield url


def results(search_pages: SearchPages, url: str, query: str, allowed: str) -> list[list[Shown]]:
    """The rows the search box draws for `query` on the page at `url`; nothing may load from outside `allowed`.

    One page for the server and one for the zip, each searched for the law and for the texts in turn.
    """
    page = search_pages.open(url, allowed, **DESKTOP)
    return search_pages.results(page, query)[1]


def law_rows(shown: list[list[Shown]]) -> tuple[Shown, Shown]:
    """The law's current text's row and its earlier edition's, which must come after it."""
    pages = [item[0] for item in shown]
    current = [n for n, row in enumerate(pages) if row.heading == LAW_TITLE]
    earlier = [n for n, row in enumerate(pages) if EDITION in row.href]
    assert len(current) == 1 and len(earlier) == 1, [(row.heading, row.href) for row in pages]
    assert current[0] < earlier[0], "the text in force is listed before its earlier edition"
    return pages[current[0]], pages[earlier[0]]


def assert_law_labelled(shown: list[list[Shown]]) -> None:
    current, earlier = law_rows(shown)
    assert current.label == CURRENT_LAW
    # The 2022 text's 题注 says the 2007 text was amended (修正) on 2022-06-24.
    assert earlier.label == "法律法规 · 已被修正(2022-06-24)"
    assert 'class="pr-result-label pr-result-label--earlier"' in earlier.html
    assert "pr-result-label--earlier" not in current.html


@pytest.mark.browser
def test_on_the_server_a_law_says_it_is_in_force_and_its_earlier_edition_that_it_was_amended(
    search_pages: SearchPages, hosted: str
) -> None:
    assert_law_labelled(results(search_pages, hosted, LAW_QUERY, hosted))


@pytest.mark.browser
def test_from_the_zip_a_law_says_it_is_in_force_and_its_earlier_edition_that_it_was_amended(
    search_pages: SearchPages, built: Built
) -> None:
    assert_law_labelled(results(search_pages, (built.unzipped / "index.html").as_uri(), LAW_QUERY, "file://"))


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_labels_are_seen_and_accessible_on_a_desktop_and_a_phone(
    browser: Browser, hosted: str, width: int, scheme: str
) -> None:
    """Screenshots: tests/artifacts/screenshots/search-labels-<width>-<scheme>.png."""
    with opened(browser, hosted, color_scheme=scheme, viewport={"width": width, "height": 844}) as page:
        if width < 600:
            page.locator("label[for=__search]").first.click()  # a phone's header shows the search button
        type_query(page, LAW_QUERY)
        wait_for_results(page, LAW_QUERY)
        labels = page.locator(".md-search-result .pr-result-label")
        expect(labels.first).to_be_visible()
        expect(page.locator(".md-search-result .pr-result-label--earlier")).to_contain_text("已被修正")
        settle_animations(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "nothing wider than the screen"
        violations = axe_violations(page, ensure_axe())
        assert violations == [], describe(violations)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"search-labels-{width}-{scheme}.png"))
        # The earlier edition's row, below the current text's sections.
        page.locator(".pr-result-label--earlier").evaluate("label => label.scrollIntoView({block: 'center'})")
        page.screenshot(path=str(SCREENSHOTS / f"search-labels-earlier-{width}-{scheme}.png"))


@pytest.mark.browser
@pytest.mark.parametrize("where", ["server", "zip"])
def test_every_text_listed_says_its_kind_and_other_pages_say_nothing(
    search_pages: SearchPages, built: Built, hosted: str, where: str
) -> None:
    url, allowed = (hosted, hosted) if where == "server" else ((built.unzipped / "index.html").as_uri(), "file://")
    shown = results(search_pages, url, TEXTS_QUERY, allowed)
    essays = {essay.title for essay in oracle.essays()}
    documents = set(oracle.documents().values())
    labels = {item[0].heading: item[0].label for item in shown}
    assert {title for title in labels if title in essays}, "the query is in essays"
    for title, label in labels.items():
        if title in essays:
            assert label == "文章", title
        elif title in documents:
            assert label in {"文件 · 现行有效", CURRENT_LAW}, title
        else:
            assert label == "", f"{title}: a page that is no text has no label"
    assert labels["中华人民共和国数据安全法"] == CURRENT_LAW
    assert labels["国务院办公厅关于推进政务新媒体健康有序发展的意见"] == "文件 · 现行有效"
    # Only a page's row says it, once: its sections' rows sit under it.
    assert all(link.label == "" for item in shown for link in item[1:])


def test_the_index_labels_each_page_as_its_built_html_marks_it(built: Built) -> None:
    index = read_search_index(built.site)
    checked = set()
    for page in index["pages"]:
        html = (built.site / page[0] / "index.html").read_text(encoding="utf-8")
        expected = search_label(read_page_marker(html))
        given = index["labels"][page[4]] if len(page) > 4 else None
        assert (given and given[:3]) == (
            None if expected is None else [expected.kind, expected.status, int(expected.earlier)]
        ), page
        checked.add(None if given is None else given[0])
    assert checked == {None, "文章", "文件", "法律法规"}
    # The earlier edition is listed, its comparison is not.
    assert any(page[0] == EDITION for page in index["pages"])
    assert not any("/changes/" in page[0] for page in index["pages"])


def test_a_label_is_escaped_as_text(browser: Browser, built: Built) -> None:
    label = SearchLabel("<i>文</i>", "<img src=x>", earlier=True)
    sections = [Section("a/", "<b>标题</b>", "数据沙箱", essay=True, label=label)]
    with engine_page(browser, built.site, index_parts(sections, {})) as page:
        found = page.evaluate("q => policyReader.search.search(q)", "数据沙箱")["items"]
    assert found[0][0]["title"] == (
        '&lt;b&gt;标题&lt;/b&gt; <span class="pr-result-label pr-result-label--earlier">'
        "&lt;i&gt;文&lt;/i&gt; · &lt;img src=x&gt;</span>"
    )
