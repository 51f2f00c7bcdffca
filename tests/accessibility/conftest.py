"""Helpers for the accessibility tests: axe-core from npm, the site hosted at its own address and unzipped from disk."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.conftest import ROOT, copy_project, one_worker_at_a_time, opened, run, zensical_build
from tests.search.conftest import RequestGuard, serve

BROWSER_PACKAGES = ROOT / "tests" / "browser_packages"
AXE = BROWSER_PACKAGES / "node_modules" / "axe-core" / "axe.min.js"
GANSU = "gansu-2021-digital-development"
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"

#: Every kind of page, hosted (folder addresses) and from the zip (file names).
PAGES: dict[str, tuple[str, str]] = {
    "home": ("", "index.html"),
    "source page": (f"{GANSU}/", f"{GANSU}/index.html"),
    "essay": (f"{GANSU}/new-infrastructure/", f"{GANSU}/new-infrastructure.html"),
    "library": ("library/", "library.html"),
    "glossary": ("glossary/", "glossary.html"),
    "measures map": ("measures/", "measures.html"),
    "editors' guide": ("editors/", "editors.html"),
    "404": ("404.html", "404.html"),
}
SCHEMES = {"light": "default", "dark": "slate"}
WIDTHS = {"desktop": 1280, "phone": 390}
#: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices (dialog names, heading order…).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
#: Rules the accessibility issue named; they fail the test whatever impact axe gives them.
NAMED_RULES = frozenset(
    {"aria-dialog-name", "scrollable-region-focusable", "link-in-text-block", "heading-order", "color-contrast"}
)


def ensure_axe() -> Path:
    """axe-core as pinned by tests/browser_packages/package-lock.json, installed with `npm ci` when missing."""
    if AXE.exists():
        return AXE
    with one_worker_at_a_time(BROWSER_PACKAGES / "package-lock.json"):
        return _install_axe()


def _install_axe() -> Path:
    if AXE.exists():  # installed by another worker while this one waited
        return AXE
    npm = shutil.which("npm")
    if npm is None and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-qq", "npm"], env=env, capture_output=True, check=False)
        npm = shutil.which("npm")
    if npm is None:
        pytest.fail("accessibility tests need npm to install axe-core: run `sudo apt-get install npm`")
    result = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund"], cwd=BROWSER_PACKAGES, capture_output=True, text=True
    )
    if result.returncode != 0 or not AXE.exists():
        pytest.fail(f"npm ci in {BROWSER_PACKAGES} failed:\n{result.stderr[-2000:]}")
    return AXE


@pytest.fixture(scope="session")
def axe() -> Path:
    return ensure_axe()


@pytest.fixture(scope="session")
def hosted(generator: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built for, and served at, its own address (so the 404 page's absolute links resolve).

    Built by each generator: MkDocs, or `.ci/zensical-build`.
    """
    project = copy_project(tmp_path_factory.mktemp("hosted") / "project")
    with serve(project / "site") as base:
        if generator == "zensical":
            zensical_build(project, SITE_URL=base)
        else:
            result = run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, SITE_URL=base)
            assert result.returncode == 0, result.stderr
        yield base


def page_url(where: str | Path, page: str) -> str:
    """The address of a kind of page: `where` is the hosted base URL or the unzipped folder."""
    hosted_path, file_path = PAGES[page]
    return where + hosted_path if isinstance(where, str) else (where / file_path).as_uri()


@contextmanager
def reader(browser: Browser, url: str, scheme: str = "light", width: int = 1280, touch: bool = False) -> Iterator[Page]:
    """`url` in the given colour scheme (the reader's system setting, which mkdocs.yml follows) and width;
    with `touch`, as a phone shows it (a touch screen, no hover, the page's viewport honoured).

    From disk, every request that is not file:// is aborted and fails the test.
    """
    guard = RequestGuard(("file://",)) if url.startswith("file://") else None
    device = {"has_touch": True, "is_mobile": True} if touch else {}
    viewport = {"width": width, "height": 844 if touch else 900}
    with opened(browser, url, guard, color_scheme=scheme, viewport=viewport, **device) as page:
        page.wait_for_load_state("load")
        settle(page)
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
        yield page
    if guard:
        assert guard.blocked == [], f"requests left the disk: {guard.blocked}"


#: The theme's palette switch: the label that turns the page to each scheme (shown while the other is on).
PALETTE_TOGGLE = {"light": "切换到浅色模式", "dark": "切换到深色模式"}


def switch_scheme(page: Page, scheme: str) -> None:
    """Turn the open page to `scheme` with the theme's own palette switch, as a reader does (the theme reads
    the system setting only as the page loads); waits until the theme has coloured the page by it.
    The click moves the focus to the switch."""
    if page.evaluate("document.body.dataset.mdColorScheme") != SCHEMES[scheme]:
        page.locator(f'[data-md-component=palette] label[title="{PALETTE_TOGGLE[scheme]}"]').click()
    page.wait_for_function("scheme => document.body.dataset.mdColorScheme === scheme", arg=SCHEMES[scheme])
    settle(page)


#: Material makes a code block that scrolls focusable (tabindex=0) once it has measured it, after load.
SCROLLING_CODE_FOCUSABLE = """() => [...document.querySelectorAll('pre > code')]
  .every(code => code.scrollWidth <= code.clientWidth || code.tabIndex === 0)"""


def settle(page: Page) -> None:
    """Let the theme's scripts finish what they do after load: two animation frames, and up to 5 s for
    Material to make scrolling code blocks focusable (if it never does, axe reports them)."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(SCROLLING_CODE_FOCUSABLE, timeout=5000)


def axe_violations(page: Page, axe: Path) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it stands that fail WCAG 2.2 AA here: serious or critical, or named."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical") or v["id"] in NAMED_RULES]


def describe(violations: list[dict[str, Any]], limit: int = 8) -> str:
    """Violations as a reader can act on them: rule, impact, what it asks, and the first elements with why."""
    lines: list[str] = []
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(f"{violation['id']} ({violation['impact']}, {len(nodes)} elements): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in nodes[:limit]:
            why = " ".join(node["failureSummary"].split())
            lines.append(f"  - {' '.join(map(str, node['target']))}: {why}")
        if len(nodes) > limit:
            lines.append(f"  … and {len(nodes) - limit} more")
    return "\n".join(lines)
