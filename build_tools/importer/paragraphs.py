"""What every page `import` writes shares: its front matter, its generated-page note, its paragraph blocks."""

from __future__ import annotations

import html
from collections.abc import Mapping

import yaml

from build_tools.common.markup import html_text, markdown_text, one_line
from build_tools.common.page_marker import PageIdentity, PageKind, page_marker
from build_tools.sources.folder import GENERATED_NOTE as GENERATED_NOTE
from build_tools.sources.model import Paragraph
from build_tools.validation.yamlfile import SAFE_DUMPER

#: Front-matter keys the theme prints as HTML (Material and Zensical alike: the title in the navigation,
#: header, ``<title>`` and footer; the description in ``<meta>`` attributes): written escaped.
THEME_HTML_KEYS = ("title", "description")


class _FrontMatterDumper(SAFE_DUMPER):  # type: ignore[misc,valid-type]
    """YAML as `SAFE_DUMPER` writes it, and a page's kind as its word."""


_FrontMatterDumper.add_representer(PageKind, lambda dumper, kind: dumper.represent_str(str(kind)))


def front_matter(meta: Mapping[str, object], identity: PageIdentity) -> str:
    """A page's YAML front matter block, then the marker telling the step over the built site what the page is.

    `meta` holds plain text; the keys in `THEME_HTML_KEYS` are written as HTML, on one line.
    """
    written = {key: html_text(one_line(str(value))) if key in THEME_HTML_KEYS else value for key, value in meta.items()}
    matter = yaml.dump(written, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{matter}---\n\n{page_marker(identity)}\n"


#: The class of a run-in heading's words at the start of its paragraph (（三）加强考核评价。各地区……).
RUN_IN_CLASS = "pr-runin"


def paragraph_block(
    paragraph: Paragraph, extra_class: str = "", anchor: str | None = None, run_in: int = 0, inner: str | None = None
) -> str:
    """A published paragraph as raw HTML (Markdown never reinterprets its text), linked by its `p<N>` id.

    `anchor` gives the block an id of its own too: a clause (``part-1-item-3-point-2``) that opens with it.
    `run_in` characters at its start are its clause's heading, printed once, in bold, as the paragraph's opening.
    `inner` is the paragraph's text as HTML already (its references linked); by default, its text escaped.
    """
    label = f"第 {paragraph.number} 段的链接"
    block_id = f' id="{anchor}"' if anchor else ""
    link = f'<a class="pr-para__link" href="#{paragraph.anchor}" title="{label}" aria-label="{label}">'
    text = html.escape(paragraph.text, quote=False) if inner is None else inner
    opening = html.escape(paragraph.text[:run_in], quote=False)
    # A reference linked inside the opening would be cut by the bold: the opening stays plain then.
    if run_in and text.startswith(opening):
        text = f'<strong class="{RUN_IN_CLASS}">{opening}</strong>{text[len(opening) :]}'
        extra_class += " pr-runin-para"
    return (
        f'<div class="pr-para{extra_class}"{block_id}>{link}{paragraph.number}</a>'
        f'<p id="{paragraph.anchor}">{text}</p></div>\n'
    )


#: The provenance fact that is an address, linked rather than shown as text.
URL_LABEL = "原文地址"


def provenance_list(facts: list[tuple[str, str | None]]) -> str:
    """A source's provenance as a Markdown list, a fact a line; those with no value are left out.

    The address (validated whole as http(s) on reading) is written as an HTML link with its text
    escaped, never as a Markdown autolink ``<…>``, which a ``>`` in it would end.
    """
    lines = []
    for label, value in facts:
        if not value:
            continue
        if label == URL_LABEL:
            # The link's text is Markdown (a * or _ in it would be emphasis), its address an attribute.
            shown = f'<a href="{html_text(value)}">{markdown_text(value)}</a>'
        else:
            shown = markdown_text(" ".join(value.split()))
        lines.append(f"- **{label}**:{shown}\n")
    return "".join(lines)
