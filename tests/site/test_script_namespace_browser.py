"""In a real browser: the page's own scripts share one object, `window.policyReader`, and make no other global.

The essay as built, opened from disk with every reader script at work (select-to-note and a search's
highlight asked for in its address, a term's tooltip, a passage's card, the notes, the 引用 control)
and a search answered by the engine, its index's parts run by the page: the window's own keys after
are those before, and `policyReader`. The theme's scripts (inline, and
held until the first paint) are left out of the page: their globals are the theme's, not ours to judge.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, Page

from build_tools.finish.theme_scripts import HELD_TYPE
from tests.conftest import opened

pytestmark = pytest.mark.browser

ESSAY = "gansu-2021-digital-development/digital-government"
#: The window's names before any script of the page runs, its own and those it inherits (EventTarget's
#: addEventListener, ...), kept under a symbol, which `Object.getOwnPropertyNames` does not list.
RECORD_KEYS = """(() => {
  const inherited = [];
  for (let o = Object.getPrototypeOf(window); o; o = Object.getPrototypeOf(o)) {
    inherited.push(...Object.getOwnPropertyNames(o));
  }
  Object.defineProperty(window, Symbol.for("policy-reader-test:keys"),
    { value: { own: Object.getOwnPropertyNames(window), inherited: inherited } });
})();"""
#: The window's own names the page's scripts added: {new: names it never had, shadowing: names it inherited}.
NEW_KEYS = """() => {
  const before = window[Symbol.for("policy-reader-test:keys")];
  const added = Object.getOwnPropertyNames(window).filter(key => !before.own.includes(key)).sort();
  const inherited = key => before.inherited.includes(key);
  return { new: added.filter(key => !inherited(key)), shadowing: added.filter(inherited) };
}"""
#: What the scripts put on the namespace: the head script's parts, then the reader's.
SHARED = {
    "searchFiles": "the head script's prelude (build_tools/search/browser_rules.py)",
    "layout": "first-layout.js",
    "afterPaint": "after-first-paint.js",
    "searchScope": "search-shim.js",
    "rules": "the bundle's prelude (build_tools/search/browser_rules.py)",
    "annotate": "annotate.js",
    "editions": "editions.js",
    "floating": "floating.js",
    "searchHighlight": "search-highlight.js",
    "search": "search-worker.js (what the index's parts call), or search-shim.js handing them to the worker",
    "searchRules": "search-worker.js",
    "searchEngine": "search-worker.js, in a page on disk",
}
#: What a theme's search box does: ask for a worker at the address its configuration names (the step
#: wrote it: our engine), and send it a query; the page on disk runs the index's parts for it.
SEARCH = """async (query) => {
  const address = JSON.parse(document.getElementById("__config").textContent).search;
  const worker = new Worker(address);
  return await new Promise((resolve) => {
    worker.addEventListener("message", (event) => {
      if (event.data && event.data.type === 3) resolve(event.data.data.items.length);
    });
    worker.postMessage({ type: 2, data: query });
  });
}"""


def theirs(script: Tag) -> bool:
    """A script the theme runs: any but our head script (which fetches the reader's) and JSON data."""
    return not script.has_attr("data-reader") and script.get("type") != "application/json"


def without_theme_scripts(built_site: Path, folder: Path) -> Path:
    """The built essay in `folder/site`, its theme's scripts taken out, beside the built site's assets."""
    html = BeautifulSoup((built_site / ESSAY / "index.html").read_text(encoding="utf-8"), "html.parser")
    scripts = html.find_all("script")
    assert any(s.get("type") == HELD_TYPE for s in scripts), "no theme script held until the first paint"
    for script in filter(theirs, scripts):
        script.decompose()
    page = folder / "site" / ESSAY / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(str(html), encoding="utf-8")
    for shared in ("assets", "search"):
        (folder / "site" / shared).symlink_to(built_site / shared)
    return page


def use_every_script(page: Page) -> None:
    """What a reader does that makes each script act: hover a term, open a passage's card and a note, cite, select."""
    assert page.locator("mark.pr-hit").count() > 0, "search-highlight.js marked nothing"
    page.locator(".pr-term").first.hover()
    page.locator("a.pr-link").first.focus()
    page.keyboard.press("Escape")
    page.locator(".pr-note > summary").first.click()  # a note opened in the margin, laid out again
    page.locator(".pr-cite__button").first.click()
    page.keyboard.press("Escape")
    page.evaluate("""() => {
      const text = document.querySelector('.pr-para p[id^="p"]').firstChild;
      getSelection().setBaseAndExtent(text, 0, text, 4);
    }""")
    page.locator(".pr-annotate-pop__button").wait_for(state="visible")


def test_the_scripts_make_no_global_but_window_policy_reader(
    browser: Browser, built_site: Path, tmp_path: Path
) -> None:
    url = without_theme_scripts(built_site, tmp_path).as_uri() + "?annotate&h=数字"
    with opened(browser, url, init_script=RECORD_KEYS, viewport={"width": 1280, "height": 900}) as page:
        use_every_script(page)
        assert page.evaluate(SEARCH, "数字") > 0, "the engine answered no search"
        added = page.evaluate(NEW_KEYS)
        assert added["new"] == ["policyReader"]
        # after-first-paint.js hands a late DOMContentLoaded or load listener its event at once: no new name.
        assert added["shadowing"] == ["addEventListener"]
        shared = page.evaluate("Object.keys(window.policyReader)")
        assert sorted(shared) == sorted(SHARED), f"policyReader holds {shared}; expected each of {SHARED}"
