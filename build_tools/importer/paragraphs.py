"""What every page `import` writes shares: its front matter, its generated-page note, its paragraph blocks."""

from __future__ import annotations

import html
from collections.abc import Mapping

import yaml

from build_tools.common.page_marker import PageIdentity, page_marker
from build_tools.importer.model import Paragraph
from build_tools.validation.yamlfile import SAFE_DUMPER

#: Marks a page as written by `policy-reader import`, so `check` knows it may compare it.
GENERATED_NOTE = "written by `policy-reader import`: edit the source under sources/ and re-import, not this file"


def front_matter(meta: Mapping[str, object], identity: PageIdentity) -> str:
    """A page's YAML front matter block, then the marker telling the step over the built site what the page is."""
    matter = yaml.dump(meta, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{matter}---\n\n{page_marker(identity)}\n"


def paragraph_block(paragraph: Paragraph, extra_class: str = "", anchor: str | None = None) -> str:
    """A published paragraph as raw HTML (Markdown never reinterprets its text), linked by its `p<N>` id.

    `anchor` gives the block an id of its own too: a clause (``part-1-item-3-point-2``) that opens with it.
    """
    label = f"第 {paragraph.number} 段的链接"
    block_id = f' id="{anchor}"' if anchor else ""
    link = f'<a class="pr-para__link" href="#{paragraph.anchor}" title="{label}" aria-label="{label}">'
    return (
        f'<div class="pr-para{extra_class}"{block_id}>{link}{paragraph.number}</a>'
        f'<p id="{paragraph.anchor}">{html.escape(paragraph.text, quote=False)}</p></div>\n'
    )
