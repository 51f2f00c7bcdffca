"""The glossary in the real site: marks, tooltips and the glossary page of a `mkdocs build --strict`.

Counts on the glossary page are checked against an independent recount: the
source paragraphs (from ``sources/``), grouped by the section headings of the built
page, searched with `TermMatcher.find`.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from build_tools.glossary.load import load_glossary
from build_tools.glossary.matcher import TermMatcher
from build_tools.glossary.model import Glossary
from build_tools.sources.source import load_source
from tests.conftest import ROOT

GANSU = "gansu-2021-digital-development"
ESSAYS = ("digital-government", "innovation-highland", "new-infrastructure")
#: The government documents among the sources: a page each, at the source's own address.
DOCUMENTS = tuple(
    path.stem for path in sorted((ROOT / "sources").glob("*.txt")) if load_source(path, path.name).document is not None
)
PARAGRAPH_ID = re.compile(r"^p\d+$")
SECTION_HEADINGS = ("h2", "h3", "h4")
NEVER_MARKED_IN = ("h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def essay_path(site: Path, essay: str) -> Path:
    """An essay's page, or a document's (the page its source has of its own)."""
    return site / essay / "index.html" if essay in DOCUMENTS else site / GANSU / essay / "index.html"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary.yaml").glossary


@pytest.fixture(scope="module")
def source_paragraphs() -> dict[str, dict[str, str]]:
    """Essay id → paragraph id → the paragraph's text as published."""
    source = load_source(ROOT / "sources" / f"{GANSU}.txt", f"{GANSU}.txt")
    essays = {a.id: {p.anchor: p.text for p in a.paragraphs} for a in source.page.articles}
    for document in DOCUMENTS:
        read = load_source(ROOT / "sources" / f"{document}.txt", f"{document}.txt").document
        assert read is not None
        essays[document] = {p.anchor: p.text for p in read.paragraphs}
    return essays


def sections_of(page: BeautifulSoup) -> dict[str, str | None]:
    """Paragraph id → id of the h2–h4 heading above it (None before the first)."""
    found: dict[str, str | None] = {}
    section = None
    for element in page.select_one("article").find_all([*SECTION_HEADINGS, "p"]):
        if element.name in SECTION_HEADINGS and element.get("id"):
            section = element["id"]
        elif element.name == "p" and PARAGRAPH_ID.match(element.get("id", "")):
            found[element["id"]] = section
    return found


@pytest.fixture(scope="module")
def essay_sections(site: Path) -> dict[str, dict[str, str | None]]:
    """Essay id → paragraph id → section id, read from the built pages."""
    return {essay: sections_of(soup(essay_path(site, essay))) for essay in (*ESSAYS, *DOCUMENTS)}


# --- the measure 培育数据资源要素市场 of the new-infrastructure essay ------------------------


@pytest.fixture(scope="module")
def measure_2_paragraph(site: Path) -> Tag:
    heading = soup(essay_path(site, "new-infrastructure")).select_one("#measure-2")
    assert heading is not None and "培育数据资源要素市场" in heading.get_text()
    paragraph = heading.find_next("p", id=PARAGRAPH_ID)
    assert paragraph is not None
    return paragraph


@pytest.mark.parametrize("term", ["数据沙箱", "多方安全计算", "联邦学习", "东数西算"])
def test_measure_2_terms_are_marked(measure_2_paragraph: Tag, glossary: Glossary, term: str) -> None:
    marks = [m for m in measure_2_paragraph.select("[data-term]") if m.get_text() == term]
    assert marks, f"{term} is not marked in {measure_2_paragraph['id']}"
    assert marks[0]["data-term"] == glossary.by_term[term].id


def test_xin_ji_jian_is_not_in_the_measure_2_text_but_marked_on_that_page(
    measure_2_paragraph: Tag, glossary: Glossary, site: Path
) -> None:
    # The issue expects 新基建 marked in this measure's text; no spelling of it occurs there at all.
    term = glossary.by_term["新基建"]
    assert not any(form in measure_2_paragraph.get_text() for form in term.forms)
    page = soup(essay_path(site, "new-infrastructure"))
    marked_in = [m.find_parent("p", id=PARAGRAPH_ID)["id"] for m in page.select(f'[data-term="{term.id}"]')]
    assert marked_in[:2] == ["p2", "p3"]  # first in the opening, first in measure 1


# --- marks and tooltips everywhere in the site ---------------------------------------------


def test_essay_pages_have_marks(site: Path) -> None:
    for essay in ESSAYS:
        assert len(soup(essay_path(site, essay)).select(".pr-term")) >= 10, essay


def test_no_mark_in_headings_links_or_code(site: Path) -> None:
    for page in sorted(site.rglob("*.html")):
        for mark in soup(page).select(".pr-term"):
            wrong = mark.find_parent(NEVER_MARKED_IN)
            assert wrong is None, f"{page}: a mark inside <{wrong.name}>"


def test_no_mark_inside_another(site: Path) -> None:
    for page in sorted(site.rglob("*.html")):
        assert soup(page).select(".pr-term .pr-term") == [], page


@pytest.mark.parametrize("essay", ESSAYS)
def test_every_mark_describes_itself_by_a_tooltip_on_its_page(site: Path, essay: str) -> None:
    page = soup(essay_path(site, essay))
    for mark in page.select(".pr-term"):
        assert mark.name == "span" and mark["tabindex"] == "0"
        assert mark.find_parent("p", id=PARAGRAPH_ID) is not None
        tip = page.find(id=mark["aria-describedby"])
        assert tip is not None, mark["aria-describedby"]
        assert tip["role"] == "tooltip"
        assert tip["id"] == f"pr-tip-{mark['data-term']}"


@pytest.mark.parametrize("essay", ESSAYS)
def test_every_tooltip_belongs_to_a_mark_and_shows_its_term(site: Path, essay: str, glossary: Glossary) -> None:
    page = soup(essay_path(site, essay))
    described = {m["aria-describedby"] for m in page.select(".pr-term")}
    tips = page.select(".pr-tooltips > .pr-tooltip")
    assert {t["id"] for t in tips} == described
    for tip in tips:
        term = glossary.by_id[tip["id"].removeprefix("pr-tip-")]
        assert tip.has_attr("hidden")
        assert tip.select_one(".pr-tooltip__term").get_text() == term.term
        assert tip.select_one(".pr-tooltip__definition").get_text() == term.definition


@pytest.mark.parametrize("essay", ESSAYS)
def test_tooltips_sit_outside_every_paragraph_after_the_text(site: Path, essay: str) -> None:
    page = soup(essay_path(site, essay))
    container = page.select_one("article .pr-tooltips")
    assert container is not None
    assert container.find_parent("p") is None
    assert container.find_all_next("p", id=PARAGRAPH_ID) == []
    for paragraph in page.find_all("p", id=PARAGRAPH_ID):
        assert paragraph.select('[role="tooltip"]') == [], paragraph["id"]


@pytest.mark.parametrize("essay", ESSAYS)
def test_paragraph_text_is_the_published_text(
    site: Path, essay: str, source_paragraphs: dict[str, dict[str, str]]
) -> None:
    page = soup(essay_path(site, essay))
    paragraphs = {p["id"]: p.get_text() for p in page.find_all("p", id=PARAGRAPH_ID)}
    assert paragraphs == source_paragraphs[essay]


# --- the glossary page -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def glossary_page(site: Path) -> BeautifulSoup:
    return soup(site / "glossary" / "index.html")


def heading_text(heading: Tag) -> str:
    return "".join(heading.find_all(string=True, recursive=False)).strip()


def test_every_term_has_its_entry_under_its_category(glossary_page: BeautifulSoup, glossary: Glossary) -> None:
    for term in glossary.terms:
        entry = glossary_page.find(id=term.anchor)
        assert entry is not None, term.anchor
        assert entry.name == "h3" and heading_text(entry) == term.term
        assert heading_text(entry.find_previous("h2")) == (term.category or "其他")
    entries = glossary_page.select("article h3.pr-glossary-term")
    assert len(entries) == len(glossary.terms)


def test_categories_are_listed_once_in_file_order(glossary_page: BeautifulSoup, glossary: Glossary) -> None:
    categories = [heading_text(h) for h in glossary_page.select("article h2")]
    assert categories == list(dict.fromkeys(t.category or "其他" for t in glossary.terms))


def target_of(page: Path, href: str, site: Path) -> tuple[Path, str]:
    """The file a relative link of `page` opens, and its fragment."""
    parts = urlsplit(href)
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    assert site.resolve() in target.parents or target == site.resolve(), href
    return target, unquote(parts.fragment)


def test_every_link_on_the_glossary_page_resolves(site: Path, glossary_page: BeautifulSoup) -> None:
    page = site / "glossary" / "index.html"
    ids: dict[Path, set[str]] = {}
    links = [a["href"] for a in glossary_page.find_all("a", href=True)]
    internal = [h for h in links if not urlsplit(h).scheme]
    assert len(internal) > 100
    assert all(urlsplit(h).scheme in ("http", "https") for h in links if h not in internal)
    for href in internal:
        target, fragment = target_of(page, href, site)
        assert target.is_file(), f"{href}: {target} does not exist"
        if fragment:
            if target not in ids:
                ids[target] = {e["id"] for e in soup(target).find_all(id=True)}
            assert fragment in ids[target], f"{href}: no id {fragment!r} in {target}"


def recount(
    glossary: Glossary, paragraphs: dict[str, dict[str, str]], sections: dict[str, dict[str, str | None]]
) -> Counter[tuple[str, ...]]:
    """(term id, essay, section id or '') → occurrences, from the source text."""
    matcher = TermMatcher(glossary)
    counts: Counter[tuple[str, ...]] = Counter()
    for essay in (*ESSAYS, *DOCUMENTS):
        for paragraph_id, text in paragraphs[essay].items():
            for match in matcher.find(text):
                counts[(match.term_id, essay, sections[essay][paragraph_id] or "")] += 1
    return counts


def shown_counts(
    glossary_page: BeautifulSoup, glossary: Glossary, site: Path, sections: dict[str, dict[str, str | None]]
) -> Counter[tuple[str, ...]]:
    """(term id, essay, section id or '') → the ×N the glossary page shows."""
    page = site / "glossary" / "index.html"
    shown: Counter[tuple[str, ...]] = Counter()
    for term in glossary.terms:
        entry = glossary_page.find(id=term.anchor).find_next_sibling("div", class_="pr-glossary-entry")
        items = entry.select(".pr-uses__list > li")
        total = sum(int(li.select_one(".pr-uses__count").get_text().removeprefix("×")) for li in items)
        if items:
            label = entry.select_one(".pr-uses .pr-glossary-entry__label").get_text()
            assert label == f"出现 {total} 次", term.term
        for li in items:
            target, paragraph_id = target_of(page, li.a["href"], site)
            essay = target.parent.name
            key = (term.id, essay, sections[essay][paragraph_id] or "")
            assert key not in shown, f"{key} listed twice"
            shown[key] = int(li.select_one(".pr-uses__count").get_text().removeprefix("×"))
    return shown


def test_counts_on_the_glossary_page_equal_a_recount_of_the_source(
    glossary_page: BeautifulSoup,
    glossary: Glossary,
    site: Path,
    source_paragraphs: dict[str, dict[str, str]],
    essay_sections: dict[str, dict[str, str | None]],
) -> None:
    expected = recount(glossary, source_paragraphs, essay_sections)
    assert sum(expected.values()) > 100
    assert shown_counts(glossary_page, glossary, site, essay_sections) == expected


def test_each_use_links_to_the_first_paragraph_of_its_section_holding_the_term(
    glossary_page: BeautifulSoup,
    glossary: Glossary,
    site: Path,
    source_paragraphs: dict[str, dict[str, str]],
    essay_sections: dict[str, dict[str, str | None]],
) -> None:
    matcher = TermMatcher(glossary)
    page = site / "glossary" / "index.html"
    for term in glossary.terms:
        entry = glossary_page.find(id=term.anchor).find_next_sibling("div", class_="pr-glossary-entry")
        for link in entry.select(".pr-uses__list > li > a"):
            target, paragraph_id = target_of(page, link["href"], site)
            essay = target.parent.name
            sections = essay_sections[essay]
            same_section = [p for p, s in sections.items() if s == sections[paragraph_id]]
            holding = [
                p for p in same_section if any(m.term_id == term.id for m in matcher.find(source_paragraphs[essay][p]))
            ]
            assert holding[0] == paragraph_id, (term.term, link["href"])


def test_terms_used_nowhere_say_so(glossary_page: BeautifulSoup, glossary: Glossary) -> None:
    for term in glossary.terms:
        entry = glossary_page.find(id=term.anchor).find_next_sibling("div", class_="pr-glossary-entry")
        used = entry.select(".pr-uses__list > li")
        none = entry.select(".pr-uses--none")
        assert bool(used) != bool(none), term.term
