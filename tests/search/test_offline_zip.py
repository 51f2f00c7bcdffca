"""The offline zip: the real `policy-reader package`, unzipped and opened from disk with no network.

Every request the browser makes that is not a ``file://`` URL is aborted and counted; the count
must stay zero. Expected essays come from the source text (``oracle``).
"""

from __future__ import annotations

import re
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect

from tests.conftest import ROOT, copy_project, opened, policy_reader, run, wait_for_scripts
from tests.search import oracle
from tests.search.conftest import (
    RequestGuard,
    SearchPages,
    essay_titles,
    href_words,
    is_definition,
    result_link,
    shown_results,
    type_query,
    wait_for_results,
)

TOP = "policy-reader"
EPOCH = 1700000000  # 2023-11-14 22:13:20 UTC
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
GANSU = "gansu-2021-digital-development"
QUERIES = [
    *oracle.ISSUE_SAMPLES,
    # more
    "数据沙箱",
    "IPv6",
    "5g",
    "新高地",
    "数字丝绸之路",
    "一带一路",
    "东数西算",
    "数字政府 数字经济",
]


@dataclass(frozen=True)
class Packaged:
    project: Path
    zips: tuple[Path, Path]
    outputs: tuple[str, str]
    site: Path


def package(project: Path, output: Path, **env: str) -> str:
    result = run([sys.executable, "-m", "build_tools", "package", "--output", str(output)], cwd=project, **env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def packaged(tmp_path_factory: pytest.TempPathFactory) -> Packaged:
    """The project (a copy, no git repository) packaged twice into two files, and the first unzipped."""
    base = tmp_path_factory.mktemp("offline")
    project = copy_project(base / "project")
    first, second = base / "out" / "a.zip", base / "again" / "b.zip"
    outputs = (
        package(project, first, SOURCE_DATE_EPOCH=str(EPOCH)),
        package(project, second, SOURCE_DATE_EPOCH=str(EPOCH)),
    )
    with zipfile.ZipFile(first) as archive:
        archive.extractall(base / "unzipped")
    return Packaged(project, (first, second), outputs, base / "unzipped" / TOP)


# ── The zip ──────────────────────────────────────────────────────────────────────────────────


def test_two_packages_of_the_same_project_are_byte_identical(packaged: Packaged) -> None:
    first, second = packaged.zips
    assert first.read_bytes() == second.read_bytes()


def test_the_command_names_the_zip_and_its_size(packaged: Packaged) -> None:
    for path, output in zip(packaged.zips, packaged.outputs, strict=True):
        size = path.stat().st_size
        with zipfile.ZipFile(path) as archive:
            files = len(archive.namelist())
        assert path.name in output
        assert f"({size} bytes)" in output, output
        assert f"{files} files" in output, output
        assert f"{size / 1024:.0f} KiB" in output


def test_everything_sits_in_one_top_folder_with_index_html(packaged: Packaged) -> None:
    with zipfile.ZipFile(packaged.zips[0]) as archive:
        names = archive.namelist()
        infos = archive.infolist()
    assert f"{TOP}/index.html" in names
    assert all(name.startswith(f"{TOP}/") and ".." not in name.split("/") for name in names)
    for essay in oracle.essays():
        assert f"{TOP}/{GANSU}/{essay.id}.html" in names
    assert {f"{TOP}/search/search_index.js", f"{TOP}/search/part-0.js"} <= set(names)
    assert not any(name.endswith(".map") or "/lunr/" in name or "/search/grams/" in name for name in names)
    # Times come from SOURCE_DATE_EPOCH, not from the clock.
    assert {info.date_time for info in infos} == {time.gmtime(EPOCH)[:6]}


def test_the_build_date_inside_comes_from_source_date_epoch(packaged: Packaged) -> None:
    tree = ElementTree.parse(packaged.site / "sitemap.xml")  # noqa: S314 - our own build's output
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    dates = {d.text for d in tree.getroot().iterfind("s:url/s:lastmod", namespace)}
    assert dates == {time.strftime("%Y-%m-%d", time.gmtime(EPOCH))}


def test_without_git_or_source_date_epoch_the_zip_is_stamped_1980(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The project copy is no git repository, so there is no commit time to use.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert run(["git", "-C", str(project), "rev-parse"], cwd=project).returncode != 0
    output = tmp_path / "plain.zip"
    result = policy_reader(project, "package", "--output", str(output))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(output) as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {(1980, 1, 1, 0, 0, 0)}


def test_a_broken_glossary_stops_the_package_with_the_glossary_message(project: Path, tmp_path: Path) -> None:
    glossary = project / "glossary.yaml"
    twice = "\n  - term: 十四五\n    definition: 同一个术语写了两次。\n"
    glossary.write_text(glossary.read_text(encoding="utf-8") + twice, encoding="utf-8")
    output = tmp_path / "out" / "broken.zip"
    result = policy_reader(project, "package", "--output", str(output))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "glossary.yaml" in result.stderr
    assert "十四五" in result.stderr and "defined twice" in result.stderr
    assert not output.exists()
    assert not output.parent.exists() or not list(output.parent.iterdir()), "a partial zip was left behind"


# ── Nothing fetched from outside ─────────────────────────────────────────────────────────────

#: Where HTML, CSS and JS make a browser fetch a URL.
FETCHING_LINK_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
}
REMOTE = re.compile(r"^\s*(?:https?:)?//", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?\s*((?:https?:)?//[^'")\s]+)""", re.I)
CSS_IMPORT = re.compile(r"""@import\s+['"]((?:https?:)?//[^'"]+)""", re.I)
IMPORT_SCRIPTS = re.compile(r"""importScripts\(\s*[`'"]((?:https?:)?//[^`'"]+)""")


def remote_fetches(site: Path) -> list[str]:
    found = []
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for tag in page.find_all(src=True):
                if REMOTE.match(tag["src"]):
                    found.append(f"{name}: <{tag.name} src={tag['src']}>")
            for tag in page.find_all("link", href=True):
                if FETCHING_LINK_RELS & {r.lower() for r in tag.get("rel", [])} and REMOTE.match(tag["href"]):
                    found.append(f"{name}: <link rel={tag.get('rel')} href={tag['href']}>")
            styles = [t.get_text() for t in page.find_all("style")] + [t["style"] for t in page.find_all(style=True)]
            for style in styles:
                found += [f"{name}: {m}" for m in CSS_URL.findall(style) + CSS_IMPORT.findall(style)]
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8")
            found += [f"{name}: {m}" for m in CSS_URL.findall(text) + CSS_IMPORT.findall(text)]
        elif path.suffix == ".js":
            found += [f"{name}: {m}" for m in IMPORT_SCRIPTS.findall(path.read_text(encoding="utf-8"))]
    return found


def test_no_file_makes_the_browser_fetch_from_the_internet(packaged: Packaged) -> None:
    assert remote_fetches(packaged.site) == []


def test_the_scan_would_see_a_remote_fetch(tmp_path: Path) -> None:
    # The scan itself, on a page, a stylesheet and a script that each fetch from outside.
    (tmp_path / "a.html").write_text(
        '<link rel="stylesheet" href="https://cdn.example/x.css"><link rel="canonical" href="https://e.org/">'
        '<script src="//cdn.example/x.js"></script><div style="background:url(\'https://e.org/i.png\')"></div>',
        encoding="utf-8",
    )
    (tmp_path / "b.css").write_text(
        "a{background:url(\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>\")}"
        "@import 'https://fonts.example/f.css';",
        encoding="utf-8",
    )
    (tmp_path / "c.js").write_text('importScripts("https://cdn.example/worker.js")', encoding="utf-8")
    assert len(remote_fetches(tmp_path)) == 5


def test_every_local_link_in_the_zip_leads_to_a_file_in_it(packaged: Packaged) -> None:
    broken = []
    for path in sorted(packaged.site.rglob("*.html")):
        if path.name == "404.html":
            continue  # served by a web host at any address; it never opens from disk
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in page.find_all(tag, attrs={attribute: True}):
                url = element[attribute]
                parts = urlsplit(url)
                if parts.scheme or url.startswith(("//", "#")):
                    continue
                if not (path.parent / unquote(parts.path)).resolve().is_file():
                    broken.append(f"{path.relative_to(packaged.site)}: {url}")
    assert broken == []


# ── In the browser, from disk ────────────────────────────────────────────────────────────────


@contextmanager
def offline(browser: Browser, url: str, init_script: str | None = None, **context: object) -> Iterator[Page]:
    """`url` (file://) in a fresh context where every request that is not file:// is aborted and counted."""
    guard = RequestGuard(("file://",))
    with opened(browser, url, guard, init_script, **context) as page:
        yield page
    assert guard.seen, "the route saw no request"
    assert guard.blocked == [], f"requests left the disk: {guard.blocked}"


DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES)
def test_search_from_disk_lists_exactly_the_essays_holding_the_query(
    search_pages: SearchPages, unzipped: Path, query: str
) -> None:
    # The zip of each generator: `policy-reader package`, or `.ci/zensical-build`'s. One page each, searched in turn.
    page = search_pages.open((unzipped / "index.html").as_uri(), "file://", **DESKTOP)
    _meta, shown = search_pages.results(page, query)
    titles = essay_titles()
    items = [item for item in shown if not is_definition(item)]
    listed = [titles[item[0].heading] for item in items if item[0].heading in titles]
    assert sorted(listed) == sorted(oracle.essays_containing(query))
    # Texts first: essays, and the documents and laws they interpret.
    texts = set(titles) | set(oracle.documents().values())
    rows = [item[0].heading in texts for item in items]
    assert rows == sorted(rows, reverse=True), "another page comes before a text"
    for item in items:
        for link in item:
            assert link.href.startswith("file://") and ".html" in link.href, link.href
            assert [w.lower() for w in href_words(link.href)] == [w.lower() for w in query.split()]
            if link.page_heading and link.text.strip() == link.heading.strip():
                continue
            # Each shown section holds the query: every word (a snippet may show only the first).
            assert any(oracle.occurs(word, link.text) for word in query.split()), f"{link.href} lacks {query!r}"
            if len(query.split()) == 1:
                assert oracle.occurs(query, link.text), f"{link.href} lacks {query!r}"


@pytest.mark.browser
def test_a_result_from_disk_opens_its_page_highlighted(browser: Browser, unzipped: Path) -> None:
    query = "揭榜挂帅"
    with offline(browser, (unzipped / "index.html").as_uri(), **DESKTOP) as page:
        type_query(page, query)
        wait_for_results(page, query)
        titles = essay_titles()
        shown = shown_results(page)
        row = next(i for i, item in enumerate(shown) if item[0].heading in titles)
        link = result_link(page, shown, row, 1)
        with page.expect_navigation():
            link.click()
        page.wait_for_load_state("load")
        wait_for_scripts(page)
        assert page.url.startswith("file://") and "?h=" in page.url
        hits = page.locator("article mark.pr-hit")
        assert hits.count() > 0
        assert set(hits.all_text_contents()) == {query}
        expect(page.locator("article mark.pr-hit:not(.pr-note mark)").first).to_be_in_viewport()


def definition_of(term_text: str) -> str:
    entry = oracle.glossary_forms()[term_text]
    return " ".join(str(entry["definition"]).split())


@pytest.mark.browser
def test_tooltips_open_on_hover_and_on_keyboard_focus(browser: Browser, unzipped: Path) -> None:
    essay = unzipped / GANSU / "new-infrastructure.html"
    with offline(browser, essay.as_uri(), **DESKTOP) as page:
        mark = page.locator("article .pr-term").first
        tip = page.locator(f"#{mark.get_attribute('aria-describedby')}")
        expect(tip).to_be_hidden()
        mark.scroll_into_view_if_needed()
        mark.hover()
        expect(tip).to_be_visible()
        term = tip.locator(".pr-tooltip__term").inner_text()
        assert definition_of(term) in " ".join(tip.inner_text().split())
        page.mouse.move(0, 0)
        expect(tip).to_be_hidden()
        # Keyboard: Tab from the top of the page until a glossary term has the focus.
        page.evaluate("() => window.scrollTo(0, 0)")
        page.locator("body").focus()
        for _ in range(300):
            page.keyboard.press("Tab")
            if page.evaluate("() => !!document.activeElement.closest('.pr-term')"):
                break
        else:
            pytest.fail("Tab never reached a glossary term")
        focused = page.locator(".pr-term:focus")
        focused_tip = page.locator(f"#{focused.get_attribute('aria-describedby')}")
        expect(focused_tip).to_be_visible()
        term = focused_tip.locator(".pr-tooltip__term").inner_text()
        assert definition_of(term) in " ".join(focused_tip.inner_text().split())
        page.keyboard.press("Escape")
        expect(focused_tip).to_be_hidden()


@pytest.mark.browser
def test_a_cross_link_in_a_note_leads_to_the_quote_in_the_other_essay(browser: Browser, unzipped: Path) -> None:
    essay = unzipped / GANSU / "digital-government.html"
    with offline(browser, essay.as_uri(), **DESKTOP) as page:
        # A link to another essay of the same page (a document's page lies outside the source's folder).
        link = page.locator('.pr-note a.pr-link[href*="#quote-"]:not([href^=".."])').first
        link.locator("xpath=ancestor::details[1]/summary").click()  # notes stand folded until opened
        href = link.get_attribute("href") or ""
        target_file, anchor = href.split("#")
        assert target_file != essay.name and anchor.startswith("quote-")
        quoted = link.locator(".pr-link__quote").inner_text()
        link.scroll_into_view_if_needed()
        with page.expect_navigation():
            link.click()
        page.wait_for_load_state("load")
        wait_for_scripts(page)
        assert page.url.startswith("file://") and page.url.endswith(f"{target_file}#{anchor}")
        other = {e.title: e for e in oracle.essays() if e.id != "digital-government"}
        title = page.locator("article h1").first.evaluate(
            "h => { const c = h.cloneNode(true); c.querySelectorAll('.headerlink').forEach(e => e.remove());"
            " return c.textContent.trim(); }"
        )
        assert title in other
        quote = page.locator(f'[id="{anchor}"]')
        expect(quote).to_have_count(1)
        expect(quote).to_be_in_viewport()
        # The link quotes the other essay's own words, and the anchor holds them.
        words = quoted.strip("“”")
        assert quote.inner_text() == words
        assert any(words in line for line in other[title].lines)


@pytest.mark.browser
def test_the_glossary_page_loads_from_disk_with_every_term(search_pages: SearchPages, packaged: Packaged) -> None:
    page = search_pages.open((packaged.site / "glossary.html").as_uri(), "file://", **DESKTOP)
    expect(page.locator("article h1").first).to_have_text(re.compile("术语表"))
    text = page.locator("article").inner_text()
    terms = {str(entry["term"]) for entry in oracle.glossary_forms().values()}
    assert terms and [t for t in terms if t not in text] == []


@pytest.mark.browser
def test_the_measures_page_loads_from_disk_and_links_each_essay(browser: Browser, packaged: Packaged) -> None:
    with offline(browser, (packaged.site / "measures.html").as_uri(), **DESKTOP) as page:
        expect(page.locator("article h1").first).to_have_text(re.compile("措施对照"))
        hrefs = page.locator("article a").evaluate_all("links => links.map(a => a.href)")
        for essay in oracle.essays():
            assert any(f"/{GANSU}/{essay.id}.html" in h for h in hrefs), essay.id


# ── Screenshots for review ───────────────────────────────────────────────────────────────────


@pytest.mark.browser
def test_screenshots_for_review(browser: Browser, search_pages: SearchPages, packaged: Packaged) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    names = ["offline-home.png", "offline-search.png", "offline-essay.png", "offline-glossary.png"]
    for name in names:
        (SCREENSHOTS / name).unlink(missing_ok=True)
    # The home page before and after a search; the glossary page as the glossary test opened it.
    with offline(browser, (packaged.site / "index.html").as_uri(), **DESKTOP) as page:
        page.screenshot(path=str(SCREENSHOTS / "offline-home.png"))
        type_query(page, "人工智能")
        wait_for_results(page, "人工智能")
        assert page.locator(".md-search-result__item").count() > 0
        page.screenshot(path=str(SCREENSHOTS / "offline-search.png"))
    with offline(browser, (packaged.site / GANSU / "new-infrastructure.html").as_uri(), **DESKTOP) as page:
        page.screenshot(path=str(SCREENSHOTS / "offline-essay.png"))
    glossary = search_pages.open((packaged.site / "glossary.html").as_uri(), "file://", **DESKTOP)
    glossary.screenshot(path=str(SCREENSHOTS / "offline-glossary.png"))
    for name in names:
        assert (SCREENSHOTS / name).stat().st_size > 10_000, name


@pytest.mark.browser
def test_from_disk_the_index_loads_once_the_page_has_loaded_into_a_worker(browser: Browser, packaged: Packaged) -> None:
    scripts = "() => [...document.scripts].map(s => s.src && new URL(s.src).pathname)"
    with offline(browser, (packaged.site / "index.html").as_uri(), **DESKTOP) as page:
        page.wait_for_function(f"() => ({scripts})().some(s => s && s.endsWith('/search/part-0.js'))")
        # Before any search: the search box was never focused.
        assert page.evaluate("() => document.activeElement.matches('input[data-md-component=search-query]')") is False
        assert len([s for s in page.evaluate(scripts) if s and s.endswith("/search/part-0.js")]) == 1
        # The page only hands the parts on: the engine that reads them runs in a worker.
        assert page.evaluate("() => typeof policyReader.search.load === 'function'") is True
        assert page.evaluate("() => typeof policyReader.search.search") == "undefined"
        type_query(page, "联邦学习")
        wait_for_results(page, "联邦学习")
        assert any(item[0].heading in essay_titles() for item in shown_results(page))


#: A browser that refuses even blob: workers to a page on disk.
NO_BLOB_WORKERS = """
(() => {
  const Native = window.Worker;
  window.Worker = function (url, options) {
    if (String(url).startsWith("blob:")) throw new DOMException("refused", "SecurityError");
    return new Native(url, options);
  };
})();
"""


@pytest.mark.browser
def test_from_disk_without_any_worker_the_engine_runs_in_the_page(browser: Browser, packaged: Packaged) -> None:
    with offline(browser, (packaged.site / "index.html").as_uri(), NO_BLOB_WORKERS, **DESKTOP) as page:
        type_query(page, "揭榜挂帅")
        wait_for_results(page, "揭榜挂帅")
        listed = [essay_titles()[i[0].heading] for i in shown_results(page) if i[0].heading in essay_titles()]
        assert sorted(listed) == sorted(oracle.essays_containing("揭榜挂帅"))
        assert page.evaluate("() => typeof policyReader.search.search") == "function"
