"""The theme's scripts at the end of a page are deferred, unless an inline script after them may need them."""

from __future__ import annotations

import pytest

from build_tools.finish.theme_scripts import deferred_theme_scripts

HEAD = '<html><head><script src="h.js"></script></head><body><p>正文</p>'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param('<script src="b.js"></script>', '<script src="b.js" defer></script>', id="theme-bundle"),
        pytest.param(
            '<script id="__config" type="application/json">{}</script><script src="b.js"></script>',
            '<script id="__config" type="application/json">{}</script><script src="b.js" defer></script>',
            id="after-json-data",
        ),
        pytest.param(
            '<script src="b.js"></script><script>use(b)</script>',
            '<script src="b.js"></script><script>use(b)</script>',
            id="an-inline-script-after-it-keeps-it",
        ),
        pytest.param('<script src="b.js" async></script>', '<script src="b.js" async></script>', id="async"),
        pytest.param(
            '<script type="module" src="m.js"></script>', '<script type="module" src="m.js"></script>', id="module"
        ),
        pytest.param('<script defer src="r.js"></script>', '<script defer src="r.js"></script>', id="deferred"),
    ],
)
def test_theme_scripts_after_the_text_are_deferred(body: str, expected: str) -> None:
    page = HEAD + body + "</body></html>"
    # The head is not touched: a script there may be needed before the text.
    assert deferred_theme_scripts(page) == HEAD + expected + "</body></html>"
