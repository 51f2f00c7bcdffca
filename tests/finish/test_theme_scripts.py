"""The theme's scripts at the end of a page wait for the first paint, unless an inline script after them needs them."""

from __future__ import annotations

import pytest

from build_tools.finish.theme_scripts import held_theme_scripts

HEAD = '<html><head><script src="h.js"></script></head><body><p>正文</p>'
HELD = '<script type="policy-reader/after-paint"'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param('<script src="b.js"></script>', f'{HELD} data-src="b.js"></script>', id="theme-bundle"),
        pytest.param(
            '<script id="__config" type="application/json">{}</script><script src="b.js"></script>',
            f'<script id="__config" type="application/json">{{}}</script>{HELD} data-src="b.js"></script>',
            id="after-json-data",
        ),
        pytest.param(
            '<script src="b.js"></script><script src="c.js" integrity="sha384-x" crossorigin></script>',
            f'{HELD} data-src="b.js"></script>{HELD} data-src="c.js" integrity="sha384-x" crossorigin></script>',
            id="in-order-with-their-attributes",
        ),
        pytest.param(
            '<script defer src="r.js"></script><script type="text/javascript" src="s.js"></script>',
            f'{HELD} data-src="r.js"></script>{HELD} data-src="s.js"></script>',
            id="deferred-and-typed-kept-in-order",
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
        pytest.param(f'{HELD} data-src="b.js"></script>', f'{HELD} data-src="b.js"></script>', id="held-already"),
    ],
)
def test_theme_scripts_after_the_text_are_held_until_the_first_paint(body: str, expected: str) -> None:
    page = HEAD + body + "</body></html>"
    # The head is not touched: a script there may be needed before the text.
    assert held_theme_scripts(page) == HEAD + expected + "</body></html>"
