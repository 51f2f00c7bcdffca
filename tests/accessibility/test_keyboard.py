"""The keyboard, in a real browser: skip to the essay, a term's tooltip and its glossary link, a visible focus.

Hosted (the site served at its own address) and from the offline zip on disk.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.accessibility.conftest import SCHEMES, WIDTHS, page_url, reader
from tests.conftest import wait_for_scripts

pytestmark = pytest.mark.browser

#: An element's focus indicator: its outline, and the colours behind it (the outline is drawn
#: outside the element, so from its parent up), innermost first.
FOCUS_STYLE = """e => {
  const shown = e.matches('.md-option') ? e.nextElementSibling : e;
  const style = getComputedStyle(shown);
  const behind = [];
  for (let n = shown.parentElement; n; n = n.parentElement) behind.push(getComputedStyle(n).backgroundColor);
  behind.push('rgb(255, 255, 255)');
  return {
    what: shown.tagName.toLowerCase() + (shown.className ? '.' + [...shown.classList].join('.') : ''),
    text: (shown.textContent || '').trim().slice(0, 20),
    outline: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor, behind,
  };
}"""
_RGBA = re.compile(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)")


def rgba(css: str) -> tuple[float, float, float, float]:
    match = _RGBA.fullmatch(css.strip())
    assert match, f"not an rgb() colour: {css}"
    red, green, blue, alpha = match.groups()
    return float(red), float(green), float(blue), float(alpha) if alpha is not None else 1.0


def over(top: tuple[float, float, float, float], bottom: tuple[float, float, float]) -> tuple[float, float, float]:
    """`top` painted over the opaque colour `bottom`."""
    alpha = top[3]
    return (
        top[0] * alpha + bottom[0] * (1 - alpha),
        top[1] * alpha + bottom[1] * (1 - alpha),
        top[2] * alpha + bottom[2] * (1 - alpha),
    )


def flatten(layers: list[str]) -> tuple[float, float, float]:
    """What the eye sees through stacked backgrounds, listed innermost first."""
    colour: tuple[float, float, float] = rgba(layers[-1])[:3]
    for layer in reversed(layers[:-1]):
        colour = over(rgba(layer), colour)
    return colour


def contrast(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    """WCAG 2.2 contrast ratio of two sRGB colours (0–255)."""

    def luminance(colour: tuple[float, float, float]) -> float:
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in colour)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    ("colours", "ratio"),
    [
        (("rgb(255, 255, 255)", "rgb(0, 0, 0)"), 21.0),
        (("rgb(239, 85, 82)", "rgb(255, 255, 255)"), 3.44),  # Material's red, as the issue measured it
        (("rgb(255, 110, 66)", "rgb(255, 255, 255)"), 2.78),  # Material's deep orange focus ring
    ],
)
def test_the_contrast_helper_agrees_with_the_measured_figures(colours: tuple[str, str], ratio: float) -> None:
    first, second = (rgba(c)[:3] for c in colours)
    assert contrast(first, second) == pytest.approx(ratio, abs=0.01)


def active(page: Page, selector: str) -> bool:
    return bool(page.evaluate("s => document.activeElement.matches(s)", selector))


def assert_focus_visible(page: Page) -> None:
    """The focused element draws an outline of 3:1 or more against what surrounds it."""
    assert_outline_visible(page.evaluate(f"({FOCUS_STYLE})(document.activeElement)"))


def assert_outline_visible(focus: dict[str, Any]) -> None:
    """`focus` (what FOCUS_STYLE reads of an element) draws an outline of 3:1 or more against what surrounds it."""
    where = f"{focus['what']} “{focus['text']}”"
    assert focus["outline"] != "none" and focus["width"] >= 1, f"{where} shows no focus outline"
    ratio = contrast(flatten([focus["color"], *focus["behind"]]), flatten(focus["behind"]))
    assert ratio >= 3, f"{where}: focus outline {focus['color']} is {ratio:.2f}:1 against its background"


@pytest.fixture(params=["hosted", "zip"])
def where(request: pytest.FixtureRequest, generator: str) -> str | Path:
    """The hosted site's base URL, or the unzipped offline site's folder, as `generator` built it.

    Naming `generator` here puts it among the test's fixtures, so each test runs once per generator.
    """
    return request.getfixturevalue("hosted" if request.param == "hosted" else "unzipped")  # type: ignore[no-any-return]


def test_the_skip_link_and_a_few_tabs_reach_the_first_term_whose_tooltip_link_tab_reaches_and_escape_leaves(
    browser: Browser, where: str | Path
) -> None:
    """One keyboard reader's way through an essay: the skip link, a few tabs to the first term; Tab into its
    tooltip's link, Escape back to the term; Shift+Tab from the link back to it too; Enter on the link opens
    the term's entry on the glossary page."""
    with reader(browser, page_url(where, "essay")) as page:
        page.keyboard.press("Tab")
        skip = page.locator(".md-skip")
        expect(skip).to_be_focused()
        expect(skip).to_be_in_viewport()
        page.keyboard.press("Enter")
        presses = 0
        # The notes switch, the 引用 button, the documents the essay interprets (its 解读 line under the byline),
        # the first paragraph's link, and on to its first term.
        allowed = 5 + page.locator(".pr-interprets a").count()
        while not active(page, ".pr-term"):
            presses += 1
            assert presses <= allowed, (
                f"Tab {presses} after the skip link: {page.evaluate('document.activeElement.outerHTML')[:90]}"
            )
            page.keyboard.press("Tab")
        reached = page.evaluate("[...document.querySelectorAll('.pr-term')].indexOf(document.activeElement)")
        term = page.locator(".pr-term").nth(reached)
        expect(term).to_be_focused()
        tip = page.locator(f"#{term.get_attribute('aria-describedby')}")
        expect(tip).to_be_visible()
        page.keyboard.press("Tab")
        link = tip.get_by_role("link")
        expect(link).to_be_focused()
        expect(tip).to_be_visible()
        assert_focus_visible(page)
        page.keyboard.press("Escape")
        expect(tip).to_be_hidden()
        expect(term).to_be_focused()
        # Shift+Tab from the link returns to its term, the tooltip still open.
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        page.keyboard.press("Shift+Tab")
        expect(term).to_be_focused()
        expect(tip).to_be_visible()
        # Enter on the link opens the term's entry on the glossary page.
        term_id = term.get_attribute("data-term")
        page.keyboard.press("Tab")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        wait_for_scripts(page)
        entry = page.locator(f"#term-{term_id}")
        expect(entry).to_be_in_viewport()


#: The kind of the focused element: its tag and first class (Material's focus-visible marker left out).
STOP_KIND = """(e => {
  const name = [...e.classList].find(c => c !== 'focus-visible');
  return e.tagName.toLowerCase() + (name ? '.' + name : '');
})(document.activeElement)"""
#: Kinds of focus stop (tag.first class) each page must have shown on its way, so the walk reached its text.
FOCUS_STOPS = {
    "essay": {"a.md-skip", "a.md-nav__link", "a.pr-para__link", "span.pr-term", "a.pr-tooltip__more", "summary"},
    "glossary": {"a.md-skip", "a.md-nav__link", "a.headerlink", "a"},
    "measures map": {"a.md-skip", "a.md-nav__link", "a"},
    "library": {"a.md-skip", "a.md-nav__link", "input", "select", "button.pr-library__clear", "a"},
}


#: Where one Tab press left the focus, read in one call: past the page's last stop (body), on the search box,
#: on Material's search results, or on a stop with its kind and focus style.
FOCUS_STOP = f"""() => {{
  const e = document.activeElement;
  if (e === document.body) return {{where: 'body'}};
  if (e.matches('input[data-md-component=search-query]')) return {{where: 'search'}};
  if (e.matches('.md-search__scrollwrap')) return {{where: 'results'}};
  return {{where: 'stop', kind: {STOP_KIND}, focus: ({FOCUS_STYLE})(e)}};
}}"""


@pytest.mark.pairwise("kind", "scheme", "generator")  # every page, scheme and generator, and each pair of them
@pytest.mark.parametrize(("kind", "scheme"), [(kind, scheme) for kind in FOCUS_STOPS for scheme in SCHEMES])
def test_every_focus_stop_shows_a_focus_outline_of_3_to_1(
    browser: Browser, hosted: str, kind: str, scheme: str
) -> None:
    with reader(browser, page_url(hosted, kind), scheme) as page:
        seen: set[str] = set()
        while not FOCUS_STOPS[kind] <= seen and len(seen) < 200:
            page.keyboard.press("Tab")
            stop = page.evaluate(FOCUS_STOP)
            if stop["where"] == "body":
                break  # past the page's last stop
            if stop["where"] == "search":
                # Focus on the search box opens Material's search dialog instead of drawing a ring (once it has
                # handled the focus: wait for it).
                expect(page.locator("#__search")).to_be_checked()
                continue
            if stop["where"] == "results":
                page.keyboard.press("Escape")
                continue
            assert_outline_visible(stop["focus"])
            seen.add(stop["kind"])
    assert FOCUS_STOPS[kind] <= seen, f"never reached {FOCUS_STOPS[kind] - seen}"


#: Whether any part of the focused element can be seen: some point of it is not under another element.
FOCUS_SEEN = """() => {
  const e = document.activeElement;
  return [...e.getClientRects()].some(r => {
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit && (e.contains(hit) || hit.contains(e));
  });
}"""


#: After a key, once the page has stopped scrolling (two frames alike) and the theme has answered the scroll
#: (the back-to-top button appears as the page scrolls up): whether the focus is on the essay's title, and
#: whether it can be seen.
AFTER_SCROLLING = f"""() => new Promise(done => {{
  let last = null;
  const frame = () => {{
    if (last !== scrollY) {{ last = scrollY; requestAnimationFrame(frame); return; }}
    setTimeout(() => done({{
      title: document.activeElement.matches('article h1 .headerlink'),
      seen: ({FOCUS_SEEN})(),
      what: {STOP_KIND} + ' ' + (document.activeElement.textContent || '').slice(0, 20),
    }}));
  }};
  requestAnimationFrame(frame);
}})"""


@pytest.mark.parametrize("width", WIDTHS)
def test_going_back_up_an_essay_with_shift_tab_never_hides_the_focus(browser: Browser, hosted: str, width: str) -> None:
    """WCAG 2.4.11: the sticky header and the back-to-top button never cover what has the focus."""
    with reader(browser, page_url(hosted, "essay"), width=WIDTHS[width]) as page:
        # From the footer's link to the next page, back up through the essay to its title.
        page.locator(".md-footer__link").last.focus()
        hidden: list[str] = []
        stops = 0
        focus = page.evaluate(AFTER_SCROLLING)
        while not focus["title"]:
            page.keyboard.press("Shift+Tab")
            stops += 1
            assert stops < 200, "Shift+Tab never reached the essay's title"
            focus = page.evaluate(AFTER_SCROLLING)
            if not focus["seen"]:
                hidden.append(focus["what"])
        assert stops > 20
        assert hidden == [], f"focused but covered: {hidden}"
