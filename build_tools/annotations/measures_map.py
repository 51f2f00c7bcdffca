"""The measures map: every measure of every essay, grouped by the tags of the notes that touch it."""

from __future__ import annotations

from collections import defaultdict

from build_tools.annotations.corpus import Corpus, EssayText
from build_tools.annotations.model import Anchor, ResolvedAnnotation
from build_tools.annotations.render import Linker
from build_tools.common.markup import html_text, markdown_text

UNTAGGED = "未归类"
MeasureKey = tuple[str, str]  # (essay key, measure anchor)


def _measure_of(anchor: Anchor) -> MeasureKey | None:
    measure = anchor.essay.measure_of.get(anchor.paragraph)
    return (anchor.essay.key, measure) if measure else None


MEASURES_TITLE = "措施对照"


def render_measures_page(corpus: Corpus, resolved: list[ResolvedAnnotation], page_url: str, link: Linker) -> str:
    """The measures map as Markdown: one section per tag, essays side by side, links between measures."""
    header = f"---\ntitle: {MEASURES_TITLE}\n---\n\n# {MEASURES_TITLE}\n\n"
    return header + measures_page_body(corpus, resolved, page_url, link)


def measures_page_body(corpus: Corpus, resolved: list[ResolvedAnnotation], page_url: str, link: Linker) -> str:
    """The measures map below its title, as Markdown."""
    tags: dict[MeasureKey, list[str]] = defaultdict(list)
    links: dict[MeasureKey, dict[MeasureKey, None]] = defaultdict(dict)
    for item in resolved:
        touched = [m for m in (_measure_of(a) for a in (item.target, *item.related)) if m]
        for measure in touched:
            for tag in item.annotation.tags:
                if tag not in tags[measure]:
                    tags[measure].append(tag)
            for other in touched:
                if other != measure:
                    links[measure][other] = None
    groups: dict[str, list[tuple[EssayText, str]]] = defaultdict(list)
    for essay in corpus.essays:
        for anchor in essay.measures:
            for tag in tags.get((essay.key, anchor)) or [UNTAGGED]:
                groups[tag].append((essay, anchor))
    out = [
        "各篇文章提出的措施按主题并列;每项措施下列出编辑标注的、与其他文章相关的措施。主题来自注释的标签。\n",
    ]
    order = sorted(groups, key=lambda t: (t == UNTAGGED, -len(groups[t]), t))
    for tag in order:
        out.append(f'\n## {markdown_text(tag)}\n\n<div class="pr-map">')
        by_essay: dict[str, list[str]] = defaultdict(list)
        essays = {}
        for essay, anchor in groups[tag]:
            by_essay[essay.key].append(anchor)
            essays[essay.key] = essay
        for key, anchors in by_essay.items():
            essay = essays[key]
            items = "".join(_measure_item(corpus, essay, a, links.get((key, a), {}), page_url, link) for a in anchors)
            out.append(
                f'<div class="pr-map__essay"><p class="pr-map__title">'
                f'<a href="{html_text(link(essay.url, page_url))}">{html_text(essay.title)}</a></p>'
                f'<ul class="pr-map__measures">{items}</ul></div>'
            )
        out.append("</div>\n")
    return "".join(out)


def _measure_item(
    corpus: Corpus, essay: EssayText, anchor: str, linked: dict[MeasureKey, None], page_url: str, link: Linker
) -> str:
    number, title, _paragraph = essay.measures[anchor]
    related = "".join(
        f'<li><a href="{html_text(link(corpus.by_key[k].url, page_url))}#{m}">{html_text(corpus.by_key[k].title)} · '
        f"{corpus.by_key[k].measures[m][0]}. {html_text(corpus.by_key[k].measures[m][1])}</a></li>"
        for k, m in linked
    )
    related_html = f'<ul class="pr-map__links">{related}</ul>' if related else ""
    return (
        f'<li><a href="{html_text(link(essay.url, page_url))}#{anchor}">{number}. {html_text(title)}</a>'
        f"{related_html}</li>"
    )
