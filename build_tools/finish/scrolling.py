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

from build_tools.common.html_scan import Edit, Element, Scan, scan, splice

CODE_LABEL = "代码"
TABLE_LABEL = "表格"
#: The box around a table; accessibility.css makes it, not Material's wrapper inside it, scroll.
TABLE_BOX_CLASS = "pr-scroll"

_TABLE_BOX_OPEN = f'<div class="{TABLE_BOX_CLASS}" tabindex="0" role="region" aria-label="{TABLE_LABEL}">'
_CODE_REGION = f' tabindex="0" role="region" aria-label="{CODE_LABEL}"'


def _is_code_block(page: Scan, elements: list[Element], number: int) -> bool:
    """Whether the ``<pre>`` that is element `number` of `elements` (of `page`) is a code block that scrolls.

    As Python-Markdown and pymdownx.highlight write one: ``<pre>`` then ``<code>``, maybe after pymdownx's
    empty ``<span></span>``. Mermaid diagrams (``<pre class="mermaid">``) are drawn, not scrolled.
    """
    pre = elements[number]
    if "tabindex" in pre.attrs or "mermaid" in pre.classes:
        return False
    following = elements[number + 1 : number + 3]
    at = pre.open_end
    if following and following[0].has("span") and following[0].start == at and not page.inner(following[0]):
        at = following[0].end
        following = following[1:]
    return bool(following) and following[0].has("code") and following[0].start == at


def _boxed(table: Element) -> bool:
    box = table.parent
    return box is not None and box.has("div", None, (TABLE_BOX_CLASS,)) and box.open_end == table.start


def scrolling_edits(page: Scan, within: Element | None = None) -> list[Edit]:
    """The changes that make every code block and table of `page` (inside `within`) focusable, for `splice`.

    A table inside a table scrolls with the one around it.
    """
    edits: list[Edit] = []
    elements = page.elements_in(within)
    for number, element in enumerate(elements):
        if element.tag == "pre" and _is_code_block(page, elements, number):
            edits.append((element.open_end - 1, element.open_end - 1, _CODE_REGION))
        elif element.tag == "table" and not _boxed(element) and not element.inside("table"):
            edits += [(element.start, element.start, _TABLE_BOX_OPEN), (element.end, element.end, "</div>")]
    return edits


def focusable_scrolling_regions(html: str | Scan) -> str:
    """`html` (a page or its content) with every code block and table focusable; doing it twice changes nothing."""
    page = html if isinstance(html, Scan) else scan(html)
    return splice(page.source, scrolling_edits(page))
