"""The measures map: every measure of every essay, grouped by the tags of the notes that touch it.

Beside each measure stand the other essays' measures and the documents' clauses (parts, items,
articles) that its notes link it to.
"""

from __future__ import annotations

from collections import defaultdict

from build_tools.annotations.corpus import Corpus, EssayText
from build_tools.annotations.model import Anchor, ResolvedAnnotation
from build_tools.annotations.render import Linker
from build_tools.common.markup import html_text, markdown_text

UNTAGGED = "未归类"
MeasureKey = tuple[str, str]  # (essay key, measure anchor)
ClauseKey = tuple[str, str, str]  # (document key, clause anchor, the passage quoted in it)


def _measure_of(anchor: Anchor) -> MeasureKey | None:
    measure = anchor.essay.measure_of.get(anchor.paragraph)
    return (anchor.essay.key, measure) if measure else None


MEASURES_TITLE = "措施对照"


def _clause_of(anchor: Anchor) -> ClauseKey | None:
    clause = anchor.clause or anchor.essay.clause_of(anchor.paragraph)
    return (anchor.essay.key, clause, anchor.exact) if clause else None


def render_measures_page(corpus: Corpus, resolved: list[ResolvedAnnotation], page_url: str, link: Linker) -> str:
    """The measures map as Markdown: one section per tag, essays side by side, links between measures."""
    header = f"---\ntitle: {MEASURES_TITLE}\n---\n\n# {MEASURES_TITLE}\n\n"
    return header + measures_page_body(corpus, resolved, page_url, link)


def measures_page_body(corpus: Corpus, resolved: list[ResolvedAnnotation], page_url: str, link: Linker) -> str:
    """The measures map below its title, as Markdown."""
    tags: dict[MeasureKey, list[str]] = defaultdict(list)
    links: dict[MeasureKey, dict[MeasureKey, None]] = defaultdict(dict)
    clauses: dict[MeasureKey, dict[ClauseKey, None]] = defaultdict(dict)
    for item in resolved:
        touched = [m for m in (_measure_of(a) for a in (item.target, *item.related)) if m]
        echoed = [c for c in (_clause_of(a) for a in (item.target, *item.related)) if c]
        for measure in touched:
            clauses[measure].update(dict.fromkeys(echoed))
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
        "各篇文章提出的措施按主题并列;每项措施下列出编辑标注的、与其他文章相关的措施,"
        "以及它所呼应的政策文件条款。主题来自注释的标签。\n",
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
            items = "".join(
                _measure_item(corpus, essay, a, links.get((key, a), {}), clauses.get((key, a), {}), page_url, link)
                for a in anchors
            )
            out.append(
                f'<div class="pr-map__essay"><p class="pr-map__title">'
                f'<a href="{html_text(link(essay.url, page_url))}">{html_text(essay.title)}</a></p>'
                f'<ul class="pr-map__measures">{items}</ul></div>'
            )
        out.append("</div>\n")
    return "".join(out)


def _measure_item(
    corpus: Corpus,
    essay: EssayText,
    anchor: str,
    linked: dict[MeasureKey, None],
    echoed: dict[ClauseKey, None],
    page_url: str,
    link: Linker,
) -> str:
    number, title, _paragraph = essay.measures[anchor]
    related = "".join(
        f'<li><a href="{html_text(link(corpus.by_key[k].url, page_url))}#{m}">{html_text(corpus.by_key[k].title)} · '
        f"{corpus.by_key[k].measures[m][0]}. {html_text(corpus.by_key[k].measures[m][1])}</a></li>"
        for k, m in linked
    )
    related_html = f'<ul class="pr-map__links">{related}</ul>' if related else ""
    clauses = "".join(_clause_item(corpus, key, page_url, link) for key in echoed)
    clauses_html = f'<ul class="pr-map__clauses" aria-label="呼应的条款">{clauses}</ul>' if clauses else ""
    return (
        f'<li><a href="{html_text(link(essay.url, page_url))}#{anchor}">{number}. {html_text(title)}</a>'
        f"{related_html}{clauses_html}</li>"
    )


def _clause_item(corpus: Corpus, key: ClauseKey, page_url: str, link: Linker) -> str:
    """A clause a measure echoes: the document, the clause's number and title, and the words quoted from it."""
    document_key, clause, quoted = key
    document = corpus.by_key[document_key]
    label = document.clauses[clause][0]
    return (
        f'<li class="pr-map__clause"><a href="{html_text(link(document.url, page_url))}#{clause}">'
        f"{html_text(document.title)} · {html_text(document.clause_path(clause))} "
        f"{html_text(label.removeprefix(document.clause_marker(clause)))}</a> <q>{html_text(quoted)}</q></li>"
    )
