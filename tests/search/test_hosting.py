"""The hosted build: a Chinese 404 page, the sitemap, and link previews (Open Graph) on essay pages."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from playwright.sync_api import Browser

from tests.conftest import SCRIPTS_STARTED
from tests.search import oracle
from tests.search.conftest import QuietHandler, RequestGuard, shown_results, type_query, wait_for_results


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> str:
    """The address the site is published at, as MkDocs reads it from mkdocs.yml (and SITE_URL)."""
    config = load_config(str(built_site.parent / "mkdocs.yml"))
    url = str(config.site_url)
    assert url.startswith(("https://", "http://")) and url.endswith("/")
    return url


def meta(page: BeautifulSoup, **attrs: str) -> str:
    tag = page.find("meta", attrs=attrs)
    assert tag is not None, f"no <meta {attrs}>"
    return str(tag.get("content", ""))


def test_the_404_page_is_in_chinese_and_links_home(built_site: Path, site_url: str) -> None:
    page = soup(built_site / "404.html")
    assert page.html is not None and page.html.get("lang") == "zh"
    article = page.select_one("article")
    assert article is not None
    assert [h.get_text(strip=True) for h in article.find_all("h1")] == ["页面不存在"]
    homes = [a for a in article.find_all("a") if a.get("href") == site_url]
    assert homes, "the 404 page does not link to the home page"
    assert "首页" in homes[0].get_text()
    assert "Not found" not in page.get_text() and "404 - " not in (page.title.string or "")


def test_the_404_page_loads_its_assets_from_the_site_root(built_site: Path, site_url: str) -> None:
    # A 404 page is served at any depth: every local asset must be addressed from the site's root path.
    root = urlsplit(site_url).path
    page = soup(built_site / "404.html")
    assets = [t["href"] for t in page.find_all("link", rel="stylesheet")]
    assets += [t["src"] for t in page.find_all("script", src=True)]
    assert assets
    for url in assets:
        assert url.startswith(root), f"{url} is relative: it breaks below the root"


@pytest.mark.parametrize("essay", oracle.essays(), ids=lambda e: e.id)
def test_the_sitemap_lists_each_essay_under_the_site_url(built_site: Path, site_url: str, essay: oracle.Essay) -> None:
    tree = ElementTree.parse(built_site / "sitemap.xml")  # noqa: S314 - our own build's output
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in tree.getroot().iterfind("s:url/s:loc", namespace)]
    assert all(loc and loc.startswith(site_url) for loc in locations)
    assert f"{site_url}{essay.url}" in locations


@pytest.mark.parametrize("essay", oracle.essays(), ids=lambda e: e.id)
def test_essay_pages_have_link_previews(built_site: Path, site_url: str, essay: oracle.Essay) -> None:
    page = soup(built_site / essay.url / "index.html")
    assert page.title is not None and essay.title in (page.title.string or "")
    assert essay.title in meta(page, property="og:title")
    assert meta(page, property="og:type") == "article"
    assert meta(page, property="og:url") == f"{site_url}{essay.url}"
    assert meta(page, property="og:locale") == "zh_CN"
    description = meta(page, name="description")
    assert description and meta(page, property="og:description") == description
    # The description is the essay's own words: its lead, as printed.
    assert any(description in line for line in essay.lines[1:]), description
    assert description != meta(soup(built_site / "index.html"), name="description")


@pytest.mark.parametrize("page_path", ["index.html", "glossary/index.html", "measures/index.html"])
def test_pages_that_are_no_essay_are_no_article(built_site: Path, page_path: str) -> None:
    page = soup(built_site / page_path)
    assert meta(page, property="og:type") == "website"
    assert meta(page, property="og:title")


class _PagesHandler(QuietHandler):
    """Like a static host: the site under its root path, and 404.html for any address that is not there."""

    root = "/"

    def send_head(self):  # type: ignore[no-untyped-def]
        path = urlsplit(self.path).path
        if path.startswith(self.root):
            self.path = "/" + path[len(self.root) :]
            local = Path(self.translate_path(self.path))
            if local.is_file() or (local / "index.html").is_file():
                return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@pytest.fixture(scope="module")
def host(built_site: Path, site_url: str) -> Iterator[str]:
    """The built site served as a static host would: under the site URL's path, with the 404 page."""
    handler_class = type("Handler", (_PagesHandler,), {"root": urlsplit(site_url).path})
    handler = functools.partial(handler_class, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{urlsplit(site_url).path}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.browser
def test_a_missing_address_deep_down_shows_the_styled_404_page_with_working_search(browser: Browser, host: str) -> None:
    origin = urlsplit(host)
    guard = RequestGuard((f"{origin.scheme}://{origin.netloc}/",))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(f"{host}no/such/essay/")
    assert response is not None and response.status == 404
    page.wait_for_function(SCRIPTS_STARTED)
    assert page.locator("article h1").inner_text() == "页面不存在"
    # Styled: Material's stylesheet was found from this depth.
    header = page.locator("header.md-header")
    assert header.evaluate("e => getComputedStyle(e).position") in {"sticky", "fixed"}
    type_query(page, "人工智能")
    wait_for_results(page)
    titles = {item[0].heading for item in shown_results(page)}
    expected = {e.title for e in oracle.essays() if e.id in oracle.essays_containing("人工智能")}
    assert expected and expected <= titles
    context.close()
    assert errors == []
    assert guard.blocked == [], guard.blocked
