"""Every region of a page that may scroll sideways takes the keyboard's focus, in the HTML as built.

A code block or a table wider than a phone scrolls; a reader without a pointer scrolls it by
focusing it and pressing the arrow keys (WCAG 2.1.1, axe's `scrollable-region-focusable`).
Material makes a code block focusable only after measuring it, and only where the device can
hover, so on a touch screen (a phone with a keyboard, a tablet) it never is; it wraps tables in
its scrolling box at run time, unfocusable. Here each is focusable from the start, whatever the
device and whether or not a script runs: the `<pre>` itself (accessibility.css makes it, not its
`<code>`, the box that scrolls, since Material takes the focus off the `<code>` on touch screens)
and a box of our own around each table. Both are named regions, so a screen reader says what
took the focus.
"""

from __future__ import annotations

import re

CODE_LABEL = "代码"
TABLE_LABEL = "表格"
#: The box around a table; accessibility.css makes it, not Material's wrapper inside it, scroll.
TABLE_BOX_CLASS = "pr-scroll"

# A code block as Python-Markdown and pymdownx.highlight write it: <pre> then <code>, maybe after
# pymdownx's empty <span></span>. Mermaid diagrams (<pre class="mermaid">) are drawn, not scrolled.
_CODE_BLOCK = re.compile(r"<pre(?P<attrs>(?:\s[^>]*)?)>(?=(?:<span></span>)?<code[\s>])")
# Markdown tables do not nest, so a table ends at the first </table>.
_TABLE = re.compile(r"<table[\s>].*?</table>", re.DOTALL)
_TABLE_BOX_OPEN = f'<div class="{TABLE_BOX_CLASS}" tabindex="0" role="region" aria-label="{TABLE_LABEL}">'


def _focusable_code_block(match: re.Match[str]) -> str:
    attrs = match["attrs"]
    if re.search(r"\stabindex\s*=", attrs) or re.search(r"""\sclass\s*=\s*["'][^"']*\bmermaid\b""", attrs):
        return match[0]
    return f'<pre{attrs} tabindex="0" role="region" aria-label="{CODE_LABEL}">'


def _boxed_table(html: str, match: re.Match[str]) -> str:
    if html.endswith(_TABLE_BOX_OPEN, 0, match.start()):
        return match[0]  # boxed already
    return f"{_TABLE_BOX_OPEN}{match[0]}</div>"


def focusable_scrolling_regions(html: str) -> str:
    """`html` (a page or its content) with every code block and table focusable; doing it twice changes nothing."""
    html = _CODE_BLOCK.sub(_focusable_code_block, html)
    return _TABLE.sub(lambda match: _boxed_table(html, match), html)
