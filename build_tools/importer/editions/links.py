"""Where an edition's pages are, and the links the current pages give to them."""

from __future__ import annotations

from build_tools.common.markup import markdown_text
from build_tools.importer.editions.compare import EssayComparison, compare_edition
from build_tools.sources.editions.model import CURRENT_LABEL
from build_tools.sources.model import Article
from build_tools.sources.source import Source


def text_page(source_id: str, slug: str, article_id: str) -> str:
    """Where an edition's essay text is written, below ``docs/``."""
    return f"{source_id}/editions/{slug}/{article_id}.md"


def changes_page(source_id: str, slug: str, article_id: str) -> str:
    """Where the comparison of an edition's essay with the current text is written, below ``docs/``."""
    return f"{source_id}/editions/{slug}/{article_id}/changes.md"


def current_name(source: Source) -> str:
    """What the current text is called: the manifest's `edition:`, or 现行文本."""
    return source.manifest.label or CURRENT_LABEL


def current_label(source: Source) -> str:
    """What the current text is called, with its date where known: 正式印发稿(2021-12)."""
    label = current_name(source)
    return f"{label}({source.manifest.date})" if source.manifest.date else label


def comparisons(source: Source) -> list[EssayComparison]:
    """Every earlier edition's essays compared with the current page, editions in the manifest's order."""
    return [c for edition in source.editions for c in compare_edition(edition, source.page)]


def nav_entries(source: Source) -> list[dict[str, object]]:
    """Each edition's pages (relative to the source's folder), for the source page's front matter."""
    entries: list[dict[str, object]] = []
    for edition in source.editions:
        pages: list[str] = []
        for comparison in compare_edition(edition, source.page):
            pages.append(text_page("", edition.slug, comparison.old.id).lstrip("/"))
            if comparison.new is not None and comparison.changed:
                pages.append(changes_page("", edition.slug, comparison.old.id).lstrip("/"))
        entries.append({"label": edition.label, "pages": pages})
    return entries


def edition_bar(source: Source, article: Article) -> str:
    """The line under an essay's byline naming its edition and linking to the earlier ones (empty if none)."""
    if not source.editions:
        return ""
    earlier = []
    for comparison in comparisons(source):
        if comparison.new is None or comparison.new.id != article.id:
            continue
        slug, old_id = comparison.edition.slug, comparison.old.id
        text = f"[{markdown_text(comparison.edition.label)}](editions/{slug}/{old_id}.md)"
        changes = f"[修改对照](editions/{slug}/{old_id}/changes.md)" if comparison.changed else "无改动"
        earlier.append(f"{text}({changes})")
    shown = "、".join(earlier) if earlier else "无(本文为此版新增)"
    line = f"本文为**{markdown_text(current_label(source))}**。早期版本:{shown}"
    # Not the essay's words: search leaves the line out.
    return f'\n{line}\n{{: .pr-editions data-search-exclude="" }}\n'


def editions_section(source: Source) -> str:
    """The source page's list of its editions, the current first, each earlier one with its essays."""
    if not source.editions:
        return ""
    out = ["\n## 版本\n\n", f"- {markdown_text(current_label(source))}:本页所列文章(现行文本)\n"]
    for edition in source.editions:
        essays = "、".join(
            f"[{markdown_text(c.old.title)}]({text_page('', edition.slug, c.old.id).lstrip('/')})"
            for c in compare_edition(edition, source.page)
        )
        out.append(f"- {markdown_text(edition.label)}:{essays}\n")
    return "".join(out)
