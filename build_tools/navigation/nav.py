"""The site's navigation, read from the front matter `import` writes: home, then source → essays.

Material repeats the whole navigation in every page: with a weekly page of essays, a
flat list of sources would make every page grow with the archive (and the site with its
square). Sources of more than one year are grouped by year (see `archive`), and
`navigation.prune` in mkdocs.yml renders only the open branch, so a page carries the
years, its year's sources and its own source's essays.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from build_tools.common.markup import html_text, one_line
from build_tools.common.page_marker import PageKind
from build_tools.common.reader_pages import GLOSSARY_PAGE, LIBRARY_PAGE, MEASURES_PAGE
from build_tools.navigation.archive import by_year, year_page, year_title
from build_tools.validation.yamlfile import compose_bounded

NavItem = str | dict[str, Any]


def front_matter(path: Path) -> dict[str, Any]:
    """The YAML front matter of a Markdown page, or an empty mapping."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    if end < 0:
        return {}
    # Hand-written pages may use anchors, as MkDocs allows; "\n" keeps the lines the file's.
    _node, data = compose_bounded("\n" + text[4:end], str(path), aliases=True)
    return data if isinstance(data, dict) else {}


def build_nav(docs_dir: Path, extra_pages: list[str] | None = None) -> list[NavItem]:
    """Home first; then each source as a section (its page, then its essays in page order).

    Sources are ordered newest first by their manifest date, under one section per
    year when they span more than one (undated ones last). `extra_pages` (the reader's
    own pages; default: the glossary and the measures map where `import` wrote them)
    follow, then pages written by hand, in name order.
    """
    if extra_pages is None:
        extra_pages = [name for name in (GLOSSARY_PAGE, MEASURES_PAGE) if (docs_dir / name).exists()]
    # The 文库 follows the home page: every text, filtered, is the way into the archive.
    library = [LIBRARY_PAGE] if (docs_dir / LIBRARY_PAGE).exists() else []
    sources = []
    for index in docs_dir.glob("*/index.md"):
        matter = front_matter(index)
        meta = matter.get("policy_reader") or {}
        if meta.get("kind") in {PageKind.SOURCE, PageKind.DOCUMENT}:
            sources.append((str(meta.get("date") or ""), index, matter))
    nav: list[NavItem] = ["index.md"] if (docs_dir / "index.md").exists() else []
    nav += library
    listed = {"index.md", *library}
    sources.sort(key=lambda s: (s[0], s[1].parent.name), reverse=True)
    years = by_year(sources, lambda source: source[0])
    for year, in_year in years.items():
        items: list[NavItem] = []
        for _date, index, matter in in_year:
            folder = index.parent.name
            articles = matter["policy_reader"].get("articles", [])
            children: list[NavItem] = [f"{folder}/index.md", *(f"{folder}/{article}.md" for article in articles)]
            for edition in matter["policy_reader"].get("editions", []):
                pages = [f"{folder}/{page}" for page in edition["pages"]]
                # A section's title is printed as HTML, as the pages' front-matter titles are written.
                children.append({html_text(f"早期版本:{one_line(edition['label'])}"): pages})
                listed.update(pages)
            # A document is one page: it stands in the navigation by itself, not as a section.
            items.append({str(matter.get("title") or folder): children} if len(children) > 1 else children[0])
            listed.update(c for c in children if isinstance(c, str))
        if len(years) > 1:
            index_page = [year_page(year)] if (docs_dir / year_page(year)).exists() else []
            nav.append({year_title(year): [*index_page, *items]})
            listed.update(index_page)
        else:
            nav += items
    nav += extra_pages
    listed.update(extra_pages)
    for page in sorted(docs_dir.rglob("*.md")):
        name = page.relative_to(docs_dir).as_posix()
        if name not in listed and not name.startswith(("assets/", "includes/")):
            nav.append(name)
    return nav
