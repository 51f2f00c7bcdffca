"""Write a source's structure as Markdown pages for ``docs/``.

Paragraphs go out as raw HTML blocks, so Markdown never reinterprets a character
of the published text; headings stay Markdown so they reach the table of contents.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from build_tools.common.markup import markdown_text
from build_tools.common.page_marker import FILL, PageIdentity, PageKind
from build_tools.common.reader_pages import (
    GLOSSARY_PAGE,
    GLOSSARY_TITLE,
    LIBRARY_PAGE,
    LIBRARY_TITLE,
    MEASURES_PAGE,
    MEASURES_TITLE,
)
from build_tools.importer.editions.links import edition_bar, editions_section, nav_entries
from build_tools.importer.library import (
    interprets_line,
    kind_and_date,
    noted_place,
    readings_section,
    render_library,
)
from build_tools.importer.paragraphs import GENERATED_NOTE, URL_LABEL, front_matter, paragraph_block, provenance_list
from build_tools.importer.render_document import render_document
from build_tools.navigation.archive import HOME_SOURCES, by_year, year_page, year_title
from build_tools.sources.model import Article, Box, Caption, Heading
from build_tools.sources.source import Source
from build_tools.sources.text_links import OtherText, titles_of

__all__ = ["GENERATED_NOTE", "render_pages"]

#: What an essay's byline says when the copy lost it.
UNKNOWN_AUTHOR = "作者不详"


def _byline(article: Article) -> str:
    people = []
    for author in article.authors:
        post = f'<span class="pr-author__post">{html.escape(author.post)}</span>' if author.post else ""
        people.append(
            f'<span class="pr-author"><span class="pr-author__name">{html.escape(author.name)}</span>{post}</span>'
        )
    if not people:  # a copy that lost its byline: say so rather than leave the place empty
        people.append(f'<span class="pr-author pr-author--unknown">{UNKNOWN_AUTHOR}</span>')
    return f'<p class="pr-byline">{"".join(people)}</p>\n'


def box_block(box: Box) -> str:
    """A 内容提要 or 编者按 as a box: its label as printed, its text, its signature (——编者)."""
    text = "".join(f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in box.paragraphs)
    signature = f'<p class="pr-box__signature">{html.escape(box.signature, quote=False)}</p>' if box.signature else ""
    if not box.label:  # lines before the first essay that carry no label of their own
        return f'<div class="pr-box pr-box--{box.kind}" role="note">{text}{signature}</div>\n'
    label = html.escape(box.label, quote=True)
    return (
        f'<div class="pr-box pr-box--{box.kind}" role="note" aria-label="{label}">'
        f'<p class="pr-box__label">{html.escape(box.label, quote=False)}</p>{text}{signature}</div>\n'
    )


def caption_block(caption: Caption) -> str:
    """A picture's caption, addressed ``#caption-<N>``: not a numbered paragraph of the text."""
    return f'<p class="pr-caption" id="{caption.anchor}">{html.escape(caption.text, quote=False)}</p>\n'


def column_label(article: Article) -> str:
    """The essay's column label as printed after its title (（大家手笔）), to show beside it; "" if none."""
    if not article.column:
        return ""
    label = article.printed_title[len(article.title) :].strip()
    return f' <span class="pr-column">{html.escape(label, quote=False)}</span>'


def _title_heading(article: Article) -> str:
    return f"\n# {markdown_text(article.title)}{column_label(article)}\n\n"


def render_article(source: Source, article: Article, interprets: str = "") -> str:
    """The Markdown page of one essay; `interprets` names the documents its page interprets (under the byline)."""
    description = _summary_text(article) or article.paragraphs[0].text
    meta = {
        "title": article.title,
        "description": description[:120],
        "policy_reader": {
            "kind": PageKind.ARTICLE,
            "source": source.id,
            "article": article.id,
            "authors": [a.name for a in article.authors],
            "generated": GENERATED_NOTE,
        },
    }
    identity = PageIdentity(PageKind.ARTICLE, article.title, source.id, article.id, date=source.date)
    if article.column:
        meta["policy_reader"]["column"] = article.column  # type: ignore[index]
    out = [front_matter(meta, identity), _title_heading(article), _byline(article), interprets]
    out.append(edition_bar(source, article))
    if article.lead:
        out += ["\n", paragraph_block(article.lead, " pr-lead")]
    # A measure sits one level below the heading it stands under (h2 under the title, h3 under a section
    # heading), so no heading level is skipped: screen readers list headings as an outline.
    measure_level = "##"
    for item in article.body:
        if isinstance(item, Heading):
            out.append(f"\n## {markdown_text(item.title)}\n")
            measure_level = "###"
            continue
        if isinstance(item, Box):
            out += ["\n", box_block(item)]
            continue
        if isinstance(item, Caption):
            out += ["\n", caption_block(item)]
            continue
        if item.measure:
            measure = item.measure
            title = f"{measure.number}. {markdown_text(measure.title)}"
            out.append(f"\n{measure_level} {title} {{#{measure.anchor} .pr-measure}}\n")
        if item.submeasure:
            sub = item.submeasure
            out.append(f"\n{measure_level}# {markdown_text(sub.title)} {{#{sub.anchor} .pr-submeasure}}\n")
        out += ["\n", paragraph_block(item)]
    if article.affiliation_line:
        out.append(f'\n<p class="pr-affiliation">{html.escape(article.affiliation_line, quote=False)}</p>\n')
    return "".join(out)


def _summary_text(article: Article) -> str | None:
    """What sums the essay up: its lead, else its 内容提要."""
    if article.lead:
        return article.lead.text
    return "".join(article.summary.paragraphs) if article.summary else None


def _author_names(article: Article) -> str:
    return "、".join(a.name for a in article.authors) or UNKNOWN_AUTHOR


def render_source(source: Source, interprets: str = "") -> str:
    """The Markdown page of a whole source page: provenance, the documents it interprets, essays, related news."""
    page, manifest = source.page, source.manifest
    meta = {
        "title": source.title,
        "policy_reader": {
            "kind": PageKind.SOURCE,
            "source": source.id,
            "date": manifest.date,
            "articles": [a.id for a in page.articles],
            **({"editions": nav_entries(source)} if source.editions else {}),
            "generated": GENERATED_NOTE,
        },
    }
    out = [
        front_matter(meta, PageIdentity(PageKind.SOURCE, source.title, source.id)),
        f"\n# {markdown_text(source.title)}\n\n",
    ]
    facts = [
        ("原标题", page.original_title),
        ("刊载", manifest.publication),
        ("日期", manifest.date),
        (URL_LABEL, manifest.url),
        ("说明", manifest.notes),
    ]
    out.append(provenance_list(facts))
    out.append(interprets)
    if page.boxes:
        out += ["\n", *(box_block(box) for box in page.boxes)]
    elif page.preface:
        out.append("\n## 编者按\n\n")
        out += [f'<p class="pr-preface">{html.escape(text, quote=False)}</p>\n\n' for text in page.preface]
    out.append("\n## 本版文章\n")
    for article in page.articles:
        out.append(f"\n### [{markdown_text(article.title)}]({article.id}.md){column_label(article)}\n\n")
        out.append(f'<p class="pr-byline">{html.escape(_author_names(article))}</p>\n')
        if summary := _summary_text(article):
            out.append(f'\n<p class="pr-lead-summary">{html.escape(summary, quote=False)}</p>\n')
    out.append(editions_section(source))
    if page.related:
        out.append("\n## 相关新闻\n\n")
        for item in page.related:
            date = f"{item.date} " if item.date else ""
            out.append(f"- {date}{markdown_text(item.title)}\n")
    return "".join(out)


def _source_list(sources: Iterable[Source], to_root: str = "") -> list[str]:
    """Each source as a heading linking to it, and its essays with their authors below."""
    out = []
    for source in sources:
        out.append(f"\n## [{markdown_text(source.title)}]({to_root}{source.id}/index.md)\n\n")
        if source.document:
            out.append(f"- {markdown_text(_document_facts(source))}\n")
        for article in source.page.articles:
            link = f"[{markdown_text(article.title)}]({to_root}{source.id}/{article.id}.md)"
            out.append(f"- {link} · {markdown_text(_author_names(article))}\n")
    return out


def _document_facts(source: Source) -> str:
    """What the home page says of a document: its kind, its issuer or author, its number and date.

    The kind and the date are worded as the 文库 words them; a document with no date in its manifest
    keeps the date line it prints.
    """
    assert source.document
    document = source.document
    kind, date = kind_and_date(source)
    facts = [kind]
    facts += document.lines_of("author") or document.lines_of("signature")[:1]
    facts += document.lines_of("number")
    facts += [date] if date else document.lines_of("date")[:1]
    return " · ".join(f for f in facts if f)


def render_home(sources: list[Source]) -> str:
    """The site's home page: what the site is, then the sources (newest first) with their essays.

    Once the sources span more than one year, only the newest few are listed, then each
    year's page: the home page stays one screenful however large the archive grows.
    """
    meta = {"title": "首页", "policy_reader": {"kind": PageKind.HOME, "generated": GENERATED_NOTE}}
    out = [
        front_matter(meta, PageIdentity(PageKind.HOME, "首页")),
        "\n# 政策文本注读\n\n",
        "本站收录公开发表的政策与理论文章,逐篇呈现原文,并为术语、要点和文章之间的关联加上注释。"
        "每段原文都有固定链接,可按“文章 + 段落”引用。\n",
        f"\n按类型、发布机关、年份、时效性和主题查找全部文本:[{LIBRARY_TITLE}]({LIBRARY_PAGE})。\n",
    ]
    years = _by_year(sources)
    if len(years) <= 1:
        return "".join(out + _source_list(sources))
    out += _source_list(sources[:HOME_SOURCES])
    out.append("\n## 按年份浏览\n\n")
    for year, in_year in years.items():
        essays = sum(1 if s.document else len(s.page.articles) for s in in_year)  # a document is one text
        out.append(f"- [{year_title(year)}]({year_page(year)}) · {essays} 篇\n")
    return "".join(out)


def _by_year(sources: list[Source]) -> dict[str, list[Source]]:
    return by_year(sources, lambda source: source.date)


def render_year(year: str, sources: list[Source]) -> str:
    """The page of one year: its sources, newest first, with their essays."""
    meta = {"title": year_title(year), "policy_reader": {"kind": PageKind.YEAR, "generated": GENERATED_NOTE}}
    to_root = "../" * year_page(year).count("/")
    identity = PageIdentity(PageKind.YEAR, year_title(year))
    return "".join([front_matter(meta, identity), f"\n# {year_title(year)}\n", *_source_list(sources, to_root)])


def render_reader_page(kind: PageKind, title: str) -> str:
    """The page of the glossary or of the measures map: its title, and the place its content is filled in."""
    meta = {"title": title, "policy_reader": {"kind": kind, "generated": GENERATED_NOTE}}
    return f"{front_matter(meta, PageIdentity(kind, title))}\n# {title}\n\n{FILL.format(name=kind)}\n"


def render_pages(sources: list[Source]) -> dict[str, str]:
    """Every page `import` writes, by path relative to ``docs/``; `sources` come newest first."""
    pages = {"index.md": render_home(sources), GLOSSARY_PAGE: render_reader_page(PageKind.GLOSSARY, GLOSSARY_TITLE)}
    if sources:
        pages[MEASURES_PAGE] = render_reader_page(PageKind.MEASURES, MEASURES_TITLE)
        pages[LIBRARY_PAGE] = render_library(sources)
    by_id = {source.id: source for source in sources}
    years = _by_year(sources)
    if len(years) > 1:
        for year, in_year in years.items():
            pages[year_page(year)] = render_year(year, in_year)
    texts = titles_of([OtherText(s.id, s.document) for s in sources if s.document])
    for source in sources:
        if source.document:
            pages[f"{source.id}/index.md"] = render_document(
                source, source.document, texts, readings_section(source, sources) + noted_place("readings", source.id)
            )
            continue
        interprets = interprets_line(source, by_id, "../") + noted_place("interprets", source.id)
        pages[f"{source.id}/index.md"] = render_source(source, interprets)
        for article in source.page.articles:
            pages[f"{source.id}/{article.id}.md"] = render_article(source, article, interprets)
    return pages
