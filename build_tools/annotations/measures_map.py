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
from build_tools.common.reader_pages import MEASURES_TITLE
from build_tools.sources.numbering import chinese_numeral

UNTAGGED = "未归类"
MeasureKey = tuple[str, str]  # (essay key, measure anchor)
ClauseKey = tuple[str, str, str]  # (document key, clause anchor, the passage quoted in it)


def _measure_of(anchor: Anchor) -> MeasureKey | None:
    measure = anchor.essay.measure_of.get(anchor.paragraph)
    return (anchor.essay.key, measure) if measure else None


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
    named = {essay.key for entries in groups.values() for essay, _ in entries}
    named |= {document for echoed in clauses.values() for document, _clause, _quoted in echoed}
    labels = short_labels(sorted((e for e in corpus.essays if e.key in named), key=lambda e: bool(e.clauses)))
    out = [_legend(corpus, labels, page_url, link)]
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
                _measure_item(
                    corpus, labels, essay, a, links.get((key, a), {}), clauses.get((key, a), {}), page_url, link
                )
                for a in anchors
            )
            out.append(
                f'<div class="pr-map__essay"><p class="pr-map__title">'
                f'<a href="{html_text(link(essay.url, page_url))}" title="{html_text(essay.title)}">'
                f"{html_text(labels[key])}</a></p>"
                f'<ul class="pr-map__measures">{items}</ul></div>'
            )
        out.append("</div>\n")
    return "".join(out)


#: A state's name that opens its laws' titles and that readers leave out (《数据安全法》).
_STATE = "中华人民共和国"
#: A title at most this long (once the state's name is left out) is its own short label.
_SHORT_TITLE = 10


def _numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 105 → 一百零五; past 999 in figures (an archive's map may name a thousand texts)."""
    return chinese_numeral(n) if n < 1000 else str(n)


def short_labels(texts: list[EssayText]) -> dict[str, str]:
    """A short label for each text, by key, for the map's rows; the legend gives each one's full title.

    A text with clauses (a document or law) whose title is short once the state's name is left out is
    called by it (数据安全法); any other is counted in order, essays as 文章一, documents as 文件一.
    """
    labels: dict[str, str] = {}
    counts = {"文章": 0, "文件": 0}
    for text in texts:
        short = text.title.removeprefix(_STATE)
        if text.clauses and len(short) <= _SHORT_TITLE:
            labels[text.key] = short
            continue
        kind = "文件" if text.clauses else "文章"
        counts[kind] += 1
        labels[text.key] = kind + _numeral(counts[kind])
    return labels


def _legend(corpus: Corpus, labels: dict[str, str], page_url: str, link: Linker) -> str:
    """What the map's signs mean, and the full title behind each short label."""
    texts = "".join(
        f'<dt>{html_text(label)}</dt><dd><a href="{html_text(link(corpus.by_key[key].url, page_url))}">'
        f"{html_text(corpus.by_key[key].title)}</a></dd>"
        for key, label in labels.items()
    )
    return (
        '<div class="pr-map-legend">\n'
        "<p>各篇文章提出的措施按主题(注释的标签)并列,每篇一栏。每项措施下面:</p>\n"
        '<dl class="pr-map-legend__signs">'
        "<dt>↔ 相关措施</dt><dd>编辑在注释中把它与另一篇文章的措施联系起来:那篇文章的简称、措施编号和标题;</dd>"
        "<dt>§ 呼应的条款</dt><dd>它呼应的政策文件或法律条款:文件简称、条款编号和标题,引号里是条款中的原话。</dd>"
        "</dl>\n"
        f'<p>简称:</p>\n<dl class="pr-map-legend__texts">{texts}</dl>\n'
        "</div>\n"
    )


def _measure_item(
    corpus: Corpus,
    labels: dict[str, str],
    essay: EssayText,
    anchor: str,
    linked: dict[MeasureKey, None],
    echoed: dict[ClauseKey, None],
    page_url: str,
    link: Linker,
) -> str:
    number, title, _paragraph = essay.measures[anchor]
    related = "".join(
        f'<li><a href="{html_text(link(corpus.by_key[k].url, page_url))}#{m}">'
        f'<span class="pr-map__label">{html_text(labels[k])}</span> '
        f"{corpus.by_key[k].measures[m][0]}. {html_text(corpus.by_key[k].measures[m][1])}</a></li>"
        for k, m in linked
    )
    related_html = f'<ul class="pr-map__links">{related}</ul>' if related else ""
    clauses = "".join(_clause_item(corpus, labels, key, page_url, link) for key in echoed)
    clauses_html = f'<ul class="pr-map__clauses" aria-label="呼应的条款">{clauses}</ul>' if clauses else ""
    return (
        f'<li><a href="{html_text(link(essay.url, page_url))}#{anchor}">{number}. {html_text(title)}</a>'
        f"{related_html}{clauses_html}</li>"
    )


def _clause_item(corpus: Corpus, labels: dict[str, str], key: ClauseKey, page_url: str, link: Linker) -> str:
    """A clause a measure echoes: the document's short label, the clause's number and title, the words quoted."""
    document_key, clause, quoted = key
    document = corpus.by_key[document_key]
    label = document.clauses[clause][0]
    return (
        f'<li class="pr-map__clause"><a href="{html_text(link(document.url, page_url))}#{clause}">'
        f'<span class="pr-map__label">{html_text(labels[document_key])}</span> '
        f"{html_text(document.clause_path(clause))} "
        f"{html_text(label.removeprefix(document.clause_marker(clause)))}</a> <q>{html_text(quoted)}</q></li>"
    )
