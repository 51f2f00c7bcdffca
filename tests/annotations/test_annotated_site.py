"""Annotations in the real site of a `mkdocs build --strict`: export, highlights, notes, links, measures map.

What the pages must show is worked out from the annotation files and the source
paragraphs, read here with plain YAML and the importer, never from the plugin's
own data: every quote stands in its paragraph and is highlighted, every
cross-essay note links both ways, the essays' text is untouched, and the measures
map lists every measure.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag

from build_tools.annotations.render import render_note_body
from build_tools.importer.project import Project
from tests.conftest import ROOT, copy_project, mkdocs_build

GANSU = "gansu-2021-digital-development"
ESSAYS = ("digital-government", "innovation-highland", "new-infrastructure")
PARAGRAPH_ID = re.compile(r"^p\d+$")
BASE = "https://site.invalid/"  # to resolve relative links; never fetched


def annotation_files() -> list[dict[str, Any]]:
    return [
        item
        for path in sorted((ROOT / "annotations").glob("*.yaml"))
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]


ANNOTATIONS = {item["id"]: item for item in annotation_files()}
IDS = sorted(ANNOTATIONS)


def whole_clause(selector: dict[str, Any]) -> bool:
    """A selector naming a document's whole clause: links go to its permalink (test_document_links)."""
    return "anchor" in selector and "quote" not in selector


CROSS_ESSAY = sorted(
    (id_, n)
    for id_, item in ANNOTATIONS.items()
    for n, related in enumerate(item.get("related", []), start=1)
    if related["article"] != item["target"]["article"] and not (whole_clause(item["target"]) or whole_clause(related))
)
SOURCES = Project(ROOT).load_sources()
#: Each essay's page, and each document's (its source's own page; `article:` is the source's id).
PAGE_OF = {a.id: f"{s.id}/{a.id}/" for s in SOURCES for a in s.page.articles} | {
    s.id: f"{s.id}/" for s in SOURCES if s.document
}
SOURCE_PARAGRAPHS = {
    f"{s.id}/{a.id}/": {p.anchor: p.text for p in a.paragraphs} for s in SOURCES for a in s.page.articles
}
MEASURES = {(f"{s.id}/{a.id}/", m.anchor) for s in SOURCES for a in s.page.articles for m in a.measures}


@cache
def page(site: Path, url: str) -> BeautifulSoup:
    """A built page from its address below the site root (a directory address means its index.html)."""
    path = site / urlsplit(url).path
    if url.endswith("/") or not path.suffix:
        path = path / "index.html"
    assert path.is_file(), f"{url} → {path} does not exist"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def paragraphs(soup: BeautifulSoup) -> dict[str, Tag]:
    return {p["id"]: p for p in soup.find_all("p", id=PARAGRAPH_ID)}


def link_target(from_url: str, href: str) -> tuple[str, str]:
    """(page address below the site root, fragment) that `href` on page `from_url` leads to."""
    absolute = urljoin(BASE + from_url, href)
    assert absolute.startswith(BASE), f"{href} leaves the site"
    parts = urlsplit(absolute)
    return parts.path.removeprefix("/"), parts.fragment


def internal_links(from_url: str, element: Tag) -> list[tuple[str, str]]:
    """Where the links inside `element` lead, leaving out those to other sites (a note's sources)."""
    hrefs = [a["href"] for a in element.find_all("a", href=True)]
    return [link_target(from_url, h) for h in hrefs if not urlsplit(h).scheme]


def canonical(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel="canonical")
    return link["href"] if link else None


@pytest.fixture(scope="module")
def site_root(site: Path) -> str:
    """The address the site is published at (its `site_url`), as the home page's canonical link says."""
    return canonical(page(site, "")) or ""


def source_page(site: Path, root: str, source: str) -> tuple[str, BeautifulSoup]:
    """The page an exported `source` names: its address below the site root, and its HTML."""
    assert source.startswith(root), f"{source} is not below the site root {root!r}"
    url = source.removeprefix(root)
    soup = page(site, url)
    assert canonical(soup) in (None, source)
    return url, soup


def quote_selector(target: dict[str, Any]) -> dict[str, Any] | None:
    """A target's TextQuoteSelector: the first of its two alternatives, or the one refining a clause's fragment
    (None: a whole clause)."""
    selector = target["selector"]
    if isinstance(selector, list):
        return selector[0]
    return selector.get("refinedBy") if selector["type"] == "FragmentSelector" else selector


def paragraph_fragment(target: dict[str, Any]) -> dict[str, Any] | None:
    """A target's paragraph fragment (``p3``) refined by the quote's position in it; None for a document's clause."""
    selector = target["selector"]
    return selector[1] if isinstance(selector, list) else None


@pytest.fixture(scope="module")
def export(site: Path) -> dict[str, Any]:
    return json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def items(export: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["id"].rsplit("#", 1)[1]: item for item in export["first"]["items"]}


# --- the export --------------------------------------------------------------------------------------------


def test_there_are_annotations_and_cross_essay_links() -> None:
    assert len(ANNOTATIONS) >= 40
    assert len(CROSS_ESSAY) >= 20


def test_export_is_a_w3c_annotation_collection(
    export: dict[str, Any], items: dict[str, dict[str, Any]], site_root: str
) -> None:
    assert export["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert export["id"] == f"{site_root}annotations.jsonld"
    assert export["type"] == "AnnotationCollection"
    assert export["total"] == len(ANNOTATIONS) == len(export["first"]["items"])
    assert export["first"]["type"] == "AnnotationPage"
    assert sorted(items) == IDS
    for item in items.values():
        assert item["type"] == "Annotation"
        assert item["motivation"] in ("commenting", "linking")
        assert any(b["type"] == "TextualBody" and b.get("purpose") == "commenting" for b in item["body"])
        for target in item["target"]:
            assert target["type"] == "SpecificResource"
            selector = target["selector"]
            if isinstance(selector, list):  # the quote in context, and the paragraph refined by a position
                quote, paragraph = selector
                assert quote["type"] == "TextQuoteSelector" and paragraph["type"] == "FragmentSelector"
                assert set(quote) == {"type", "exact", "prefix", "suffix"}
                assert paragraph["conformsTo"] == "http://tools.ietf.org/rfc/rfc3986"
                assert re.fullmatch(r"p\d+", paragraph["value"])
                assert paragraph["refinedBy"]["type"] == "TextPositionSelector"
            else:  # a document's clause, by its HTML id, refined by the quote inside it
                assert selector["type"] == "FragmentSelector"
                assert set(selector) <= {"type", "conformsTo", "value", "refinedBy"}
                assert selector["conformsTo"] == "http://tools.ietf.org/rfc/rfc3986"
                if "refinedBy" in selector:
                    assert set(selector["refinedBy"]) == {"type", "exact", "prefix", "suffix"}


@pytest.mark.parametrize("annotation", IDS)
def test_export_says_what_the_file_says(items: dict[str, dict[str, Any]], site_root: str, annotation: str) -> None:
    written, item = ANNOTATIONS[annotation], items[annotation]
    selectors = [written["target"], *written.get("related", [])]
    assert len(item["target"]) == len(selectors)
    assert item["motivation"] == ("linking" if written.get("related") else "commenting")
    for selector, target in zip(selectors, item["target"], strict=True):
        assert target["source"] == f"{site_root}{PAGE_OF[selector['article']]}"
        if "anchor" in selector:
            assert target["selector"]["type"] == "FragmentSelector"
            assert target["selector"]["value"] == selector["anchor"]
        quote = quote_selector(target)
        if "quote" in selector:
            assert quote is not None and quote["exact"] == selector["quote"]
        if "paragraph" in selector:
            fragment = paragraph_fragment(target)
            assert fragment is not None and fragment["value"] == f"p{selector['paragraph']}"
    bodies = [b["value"] for b in item["body"] if b.get("purpose") == "commenting"]
    assert bodies == [written["body"]]
    assert [b["value"] for b in item["body"] if b.get("purpose") == "tagging"] == written.get("tags", [])


@pytest.mark.parametrize("annotation", IDS)
def test_every_exported_selector_is_found_on_its_page(
    site: Path, site_root: str, items: dict[str, dict[str, Any]], annotation: str
) -> None:
    for target in items[annotation]["target"]:
        selector = quote_selector(target)
        if selector is None:
            _url, soup = source_page(site, site_root, target["source"])
            assert soup.find(id=target["selector"]["value"]) is not None
            continue
        fragment = paragraph_fragment(target)
        assert selector["exact"]
        whole = selector["prefix"] + selector["exact"] + selector["suffix"]
        _url, soup = source_page(site, site_root, target["source"])
        texts = [p.get_text() for p in paragraphs(soup).values()]
        assert any(whole in text for text in texts), f"{whole!r} is on no paragraph of {target['source']}"
        if fragment is not None:
            position = fragment["refinedBy"]
            [paragraph] = soup.find_all("p", id=fragment["value"])
            assert paragraph.get_text()[position["start"] : position["end"]] == selector["exact"]


# --- highlights --------------------------------------------------------------------------------------------


def anchor_ids(annotation: str) -> list[str]:
    return [f"quote-{annotation}"] + [
        f"quote-{annotation}-r{n}" for n in range(1, len(ANNOTATIONS[annotation].get("related", [])) + 1)
    ]


def highlighted_from(paragraph: Tag, element_id: str, annotation: str) -> tuple[int, str]:
    """Where the element `element_id` stands in the paragraph's text, and the text highlighted for
    `annotation` from there without a break."""
    offset, start, covered = 0, None, []
    for node in paragraph.descendants:
        if isinstance(node, Tag) and node.get("id") == element_id:
            start = offset
        if not isinstance(node, NavigableString):
            continue
        if start is not None:
            if not any(annotation in m.get("data-annotations", "").split() for m in node.find_parents("mark")):
                break
            covered.append(str(node))
        offset += len(node)
    assert start is not None
    return start, "".join(covered)


@pytest.mark.parametrize("annotation", IDS)
def test_every_quote_is_highlighted_in_its_paragraph(
    site: Path, site_root: str, items: dict[str, dict[str, Any]], annotation: str
) -> None:
    for element_id, target in zip(anchor_ids(annotation), items[annotation]["target"], strict=True):
        _url, soup = source_page(site, site_root, target["source"])
        [element] = soup.find_all(id=element_id)
        paragraph = element.find_parent("p", id=PARAGRAPH_ID)
        assert paragraph is not None
        start, highlighted = highlighted_from(paragraph, element_id, annotation)
        selector = quote_selector(target)
        if selector is None:  # a whole clause: its opening sentence, at the start of its paragraph
            assert start == 0 and highlighted and paragraph.get_text().startswith(highlighted)
            continue
        exact = selector["exact"]
        assert paragraph.get_text()[start : start + len(exact)] == exact
        assert highlighted.startswith(exact)
        assert paragraph.get_text()[:start].endswith(selector["prefix"])
        if (fragment := paragraph_fragment(target)) is not None:
            assert (paragraph["id"], start) == (fragment["value"], fragment["refinedBy"]["start"])


# --- notes and links both ways -----------------------------------------------------------------------------


@pytest.mark.parametrize(("annotation", "n"), CROSS_ESSAY, ids=[f"{a}-r{n}" for a, n in CROSS_ESSAY])
def test_cross_essay_annotation_links_both_ways(
    site: Path, site_root: str, items: dict[str, dict[str, Any]], annotation: str, n: int
) -> None:
    target_url, here = source_page(site, site_root, items[annotation]["target"][0]["source"])
    related_url, there = source_page(site, site_root, items[annotation]["target"][n]["source"])
    assert target_url != related_url

    note = here.find(id=f"note-{annotation}")
    assert note is not None and note.name == "details" and "pr-note--backlink" not in note["class"]
    assert (related_url, f"quote-{annotation}-r{n}") in internal_links(target_url, note)
    assert there.find(id=f"quote-{annotation}-r{n}") is not None

    backlink = there.find(id=f"note-{annotation}-r{n}")
    assert backlink is not None and backlink.name == "details" and "pr-note--backlink" in backlink["class"]
    assert (target_url, f"quote-{annotation}") in internal_links(related_url, backlink)
    assert here.find(id=f"quote-{annotation}") is not None


@pytest.mark.parametrize("essay", ESSAYS)
def test_paragraph_text_is_the_source_text(site: Path, essay: str) -> None:
    url = f"{GANSU}/{essay}/"
    shown = {anchor: p.get_text() for anchor, p in paragraphs(page(site, url)).items()}
    assert shown == SOURCE_PARAGRAPHS[url]


@pytest.mark.parametrize("essay", ESSAYS)
def test_notes_follow_their_paragraph_never_inside(site: Path, essay: str) -> None:
    soup = page(site, f"{GANSU}/{essay}/")
    notes = soup.select("details.pr-note")
    assert notes
    for note in notes:
        assert note.find_parent("p") is None
        assert all(not PARAGRAPH_ID.match(p.get("id", "")) for p in note.find_all("p"))
        # The paragraph's text, then an <aside> holding its notes, both in the paragraph's block.
        group = note.find_parent("aside", class_="pr-notes")
        assert group is not None
        text = group.find_previous_sibling("p", id=PARAGRAPH_ID)
        assert text is not None and text.parent is group.parent
        assert note["data-note"] in ANNOTATIONS
        # The note's paragraph holds the passage its summary quotes, and the quote names the note.
        quoted = note.summary.q.get_text()
        assert quoted in text.get_text()
        quote = text.find(id=note["data-quote"])
        assert quote is not None
        mark = quote if quote.name == "mark" else quote.find_parent("mark", class_="pr-quote")
        assert note["data-note"] in mark["data-annotations"].split()


@pytest.mark.parametrize("essay", ESSAYS)
def test_notes_are_numbered_down_the_page_and_their_quotes_carry_the_numbers(site: Path, essay: str) -> None:
    soup = page(site, f"{GANSU}/{essay}/")
    numbers = [int(note["data-number"]) for note in soup.select("details.pr-note")]
    assert numbers == list(range(1, len(numbers) + 1))
    refs = sorted(int(n) for mark in soup.select("mark.pr-quote[data-refs]") for n in mark["data-refs"].split(","))
    assert refs == numbers


@pytest.mark.parametrize(("annotation", "n"), CROSS_ESSAY, ids=[f"{a}-r{n}" for a, n in CROSS_ESSAY])
def test_a_link_to_another_essay_carries_the_passage_it_previews(site: Path, annotation: str, n: int) -> None:
    written = ANNOTATIONS[annotation]
    here = PAGE_OF[written["target"]["article"]]
    link = page(site, here).select_one(f"#note-{annotation} a.pr-link[href$='#quote-{annotation}-r{n}']")
    assert link is not None
    preview = link.find_next_sibling()
    assert preview is not None and preview.name == "template" and "pr-preview" in preview["class"]
    there, fragment = link_target(here, link["href"])
    quote = page(site, there).find(id=fragment)
    paragraph = quote.find_parent("p", id=PARAGRAPH_ID)
    # A template's strings are no text of the page to BeautifulSoup: read its content as a page of its own.
    text = BeautifulSoup(preview.decode_contents(), "html.parser").select_one(".pr-preview__text")
    assert text is not None and len(text.get_text()) > len(quote.get_text())
    # The quote is highlighted in it (a quote may be cut into several marks in the page: it starts the first).
    assert text.mark.get_text().startswith(quote.get_text())
    for piece in text.get_text().split("……"):
        assert piece in paragraph.get_text()
    assert preview["data-paragraph"] == paragraph["id"].removeprefix("p")


@pytest.mark.parametrize("annotation", IDS)
def test_each_annotation_has_one_note_per_passage(site: Path, annotation: str) -> None:
    written = ANNOTATIONS[annotation]
    target_page = page(site, PAGE_OF[written["target"]["article"]])
    assert len(target_page.find_all(id=f"note-{annotation}")) == 1
    for n, related in enumerate(written.get("related", []), start=1):
        backlink = page(site, PAGE_OF[related["article"]]).find_all(id=f"note-{annotation}-r{n}")
        assert len(backlink) == 1 and "pr-note--backlink" in backlink[0]["class"]


# --- the measures map --------------------------------------------------------------------------------------


def test_measures_map_lists_every_measure_under_a_tag(site: Path) -> None:
    assert len(MEASURES) == 21
    url = "measures/"
    soup = page(site, url)
    tags = {tag for item in ANNOTATIONS.values() for tag in item.get("tags", [])}
    listed: set[tuple[str, str]] = set()
    headings = soup.select("article h2")
    assert headings
    for h2 in headings:
        for permalink in h2.select("a.headerlink"):
            permalink.extract()
        assert h2.get_text() in tags, f"the section {h2.get_text()!r} is no tag of the annotations"
        section = h2.find_next_sibling()
        assert section is not None and "pr-map" in section.get("class", [])
        for a in section.select("ul.pr-map__measures > li > a"):
            target_url, fragment = link_target(url, a["href"])
            assert (target_url, fragment) in MEASURES
            assert page(site, target_url).find(id=fragment) is not None
            listed.add((target_url, fragment))
    assert listed == MEASURES
    assert "未归类" not in soup.get_text()


def test_measures_map_cross_links_resolve(site: Path) -> None:
    url = "measures/"
    links = page(site, url).select("ul.pr-map__links a")
    assert links
    for a in links:
        assert link_target(url, a["href"]) in MEASURES


# --- what notes may hold -----------------------------------------------------------------------------------

MARKDOWN_NOTE = """- id: markdown-note
  target: {article: innovation-highland, measure: measure-3}
  body: |
    这是**加粗**的说明,见[要素市场化配置的意见](https://www.gov.cn/zhengce/2020-04/09/content_5500622.htm)。

    - 第一点
    - 第二点
"""


@pytest.fixture(scope="module")
def markdown_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("markdown") / "project")
    (project / "annotations" / "markdown.yaml").write_text(MARKDOWN_NOTE, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_a_note_in_markdown_is_rendered(markdown_site: Path) -> None:
    note = page(markdown_site, f"{GANSU}/innovation-highland/").find(id="note-markdown-note")
    assert note is not None
    body = note.select_one(".pr-note__body")
    assert [s.get_text() for s in body.find_all("strong")] == ["加粗"]
    [link] = body.find_all("a")
    assert link["href"] == "https://www.gov.cn/zhengce/2020-04/09/content_5500622.htm"
    assert link.get_text() == "要素市场化配置的意见"
    assert [li.get_text() for li in body.select("ul > li")] == ["第一点", "第二点"]
    assert "**" not in body.get_text()


@pytest.mark.parametrize("essay", ESSAYS)
def test_no_note_holds_a_script(built_site: Path, markdown_site: Path, essay: str) -> None:
    for site in (built_site, markdown_site):
        notes = page(site, f"{GANSU}/{essay}/").select("details.pr-note")
        assert notes
        for note in notes:
            assert note.find("script") is None
            for element in note.find_all(True):
                assert not any(name.lower().startswith("on") for name in element.attrs)


HOSTILE = [
    "<script>alert(1)</script>",
    "一段文字<script>alert(1)</script>",
    "<div>\n<script>alert(1)</script>\n</div>",
    '<img src="x" onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "`<script>alert(1)</script>`",
]


@pytest.mark.parametrize("body", HOSTILE, ids=[f"hostile{n}" for n in range(len(HOSTILE))])
def test_note_markdown_never_makes_markup_from_html(body: str) -> None:
    # The loader refuses raw HTML; should any reach the renderer, it must come out as text.
    rendered = BeautifulSoup(render_note_body(body), "html.parser")
    assert rendered.find(["script", "img", "svg", "div"]) is None
    assert all(not name.startswith("on") for element in rendered.find_all(True) for name in element.attrs)
    assert "alert(1)" in rendered.get_text()
