"""A pull request's preview says what it is: `noindex`, and a banner naming the pull request.

`mark_page` runs over the real built site, as the privileged publishing job runs it over the
preview it downloaded; the title is the one thing in the banner a stranger writes, so hostile
titles must come out as the very text they are. The marked pages are opened in Chromium, which
parses them as a reader's browser would, at desktop and phone widths, light and dark, and
printed; axe-core checks the banner as it checks every page. Screenshots go to
``tests/artifacts/screenshots/preview-banner-*.png``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, expect

from build_tools.finish.preview_banner import BANNER_CLASS, NOINDEX, STYLE, PullRequest, banner, mark_page, mark_site
from tests.accessibility.conftest import SCHEMES, axe_violations, describe, ensure_axe, switch_scheme
from tests.conftest import ROOT, opened

GANSU = "gansu-2021-digital-development"
PULL = PullRequest(12, "加一条注释:数字经济", "https://example-org.github.io/policy-reader/")
PAGES = ["index.html", f"{GANSU}/digital-government/index.html", "glossary/index.html", "404.html"]
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
HOSTILE_TITLES = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</p></div><a href=javascript:alert(1)>点我</a>",
    "$(rm -rf ~) `id` ${{ github.token }}",
    "&amp; &lt;b&gt; 已转义的字",
    "<!-- 注释 --> ]]> <![CDATA[",
]


def banner_of(soup: BeautifulSoup) -> Tag:
    body = soup.body
    assert body is not None
    first = body.find(True)
    assert isinstance(first, Tag) and BANNER_CLASS in (first.get("class") or []), "the banner opens the body"
    return first


@pytest.mark.parametrize("name", PAGES)
def test_a_built_page_is_marked_and_otherwise_unchanged(built_site: Path, name: str) -> None:
    original = (built_site / name).read_text(encoding="utf-8")
    marked = mark_page(original, PULL)
    soup = BeautifulSoup(marked, "html.parser")
    assert soup.head is not None
    robots = soup.head.find_all("meta", attrs={"name": "robots"})
    assert [m["content"] for m in robots] == ["noindex, nofollow"]
    found = banner_of(soup)
    assert found["role"] == "region" and found["aria-label"] == "预览说明"
    text = found.get_text()
    assert "pull request #12「加一条注释:数字经济」" in text and "不是正式发布的网站" in text
    assert PULL.published in text
    assert marked.replace(NOINDEX + STYLE, "", 1).replace(banner(PULL), "", 1) == original


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_the_title_is_text_never_markup(built_site: Path, title: str) -> None:
    original = (built_site / PAGES[1]).read_text(encoding="utf-8")
    marked = mark_page(original, PullRequest(7, title, PULL.published))
    soup, before = BeautifulSoup(marked, "html.parser"), BeautifulSoup(original, "html.parser")
    found = banner_of(soup)
    assert f"「{title}」" in found.get_text()
    assert [child.name for child in found.find_all(True)] == ["p"]
    for tag in ("script", "img", "a", "meta"):
        assert len(soup.find_all(tag)) == len(before.find_all(tag)) + (tag == "meta")


# Pages a pull request's build might make instead of the theme's: the marks must still land in head and body.
ODD_PAGES = [
    "<!doctype html><html><head><title>t</title></head><body><p>正文</p></body></html>",
    "<!DOCTYPE html>\n<p>没有 head 和 body</p>",
    "<html><body class='x'><p>没有 head</p></body></html>",
    "<head><title>没有 body</title></head><p>正文</p>",
    "<p>连 doctype 也没有</p>",
    "<!doctype html><html><head><script>var s = '<body>';</script></head><body><p>正文</p></body></html>",
    "<!doctype html><html><head><!-- <body> --></head><body><p>正文</p></body></html>",
]


def test_odd_pages_are_marked_where_a_browser_reads_head_and_body(browser: Browser) -> None:
    with opened(browser, "about:blank") as page:
        for odd in ODD_PAGES:
            page.set_content(mark_page(odd, PULL))
            where = page.evaluate(
                """(name) => [
                  !!document.head.querySelector('meta[name="robots"][content="noindex, nofollow"]'),
                  document.body.firstElementChild.className === name,
                  document.querySelectorAll('.' + name).length,
                ]""",
                BANNER_CLASS,
            )
            assert where == [True, True, 1], odd


def marking(site: Path, pull: PullRequest) -> subprocess.CompletedProcess[str]:
    """The command the publishing job runs (-S: no site-packages, as the job installs nothing; -E: no PYTHON*)."""
    args = ["--number", str(pull.number), "--title", pull.title, "--published", pull.published]
    return subprocess.run(
        [sys.executable, "-S", "-E", "-m", "build_tools.finish.preview_banner", str(site), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_command_marks_a_site_with_the_standard_library_only(built_site: Path, tmp_path: Path) -> None:
    site = shutil.copytree(built_site, tmp_path / "preview")
    pages = sorted(site.rglob("*.html"))
    done = marking(site, PULL)
    assert done.returncode == 0, done.stderr
    assert f"marked {len(pages)} page(s)" in done.stdout
    for path in pages:
        assert banner(PULL) in path.read_text(encoding="utf-8"), path


def test_nothing_to_mark_is_an_error(tmp_path: Path) -> None:
    for folder in (tmp_path / "missing", tmp_path):
        done = marking(folder, PULL)
        assert done.returncode == 1 and "error:" in done.stderr and "fix:" in done.stderr
        assert "Traceback" not in done.stderr


@pytest.fixture(scope="module")
def marked_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = shutil.copytree(built_site, tmp_path_factory.mktemp("preview") / "site")
    assert mark_site(site, PULL) >= len(PAGES)
    return site


@pytest.mark.parametrize("width", [1280, 390])
def test_the_banner_is_seen_and_accessible(browser: Browser, marked_site: Path, width: int) -> None:
    """At each width, light then dark on the same page (turned by the theme's palette switch)."""
    url = (marked_site / PAGES[1]).as_uri()
    with opened(browser, url, color_scheme="light", viewport={"width": width, "height": 844}) as page:
        for scheme in SCHEMES:
            switch_scheme(page, scheme)
            region = page.get_by_role("region", name="预览说明")
            expect(region).to_be_visible()
            expect(region).to_contain_text("不是正式发布的网站")
            box = region.bounding_box()
            assert box is not None and box["y"] == 0 and box["width"] == width
            assert page.evaluate("document.documentElement.scrollWidth") <= width, "nothing wider than the screen"
            violations = axe_violations(page, ensure_axe())
            assert violations == [], f"{scheme}:\n{describe(violations)}"
            page.screenshot(path=str(SCREENSHOTS / f"preview-banner-{width}-{scheme}.png"))


def test_the_banner_is_printed(browser: Browser, marked_site: Path, tmp_path: Path) -> None:
    with opened(browser, (marked_site / PAGES[1]).as_uri()) as page:
        page.emulate_media(media="print")
        expect(page.get_by_role("region", name="预览说明")).to_be_visible()
        pdf = tmp_path / "printed.pdf"
        page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "不是正式发布的网站" in "".join(text.split())
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-l", "1", str(pdf), str(SCREENSHOTS / "preview-banner-print")])
