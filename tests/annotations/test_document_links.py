"""Notes linking the Gansu essays to the clauses of the site's documents and laws, in the real site.

Which links there must be is read from the annotation files with plain YAML; paragraphs and
measures from the importer; pages from a real `mkdocs build --strict`. Every link between an essay
and a document must be there at both ends, with a preview of the passage (for a whole clause:
its opening paragraph), the measures map must show each measure beside the clauses its notes link
it to, and the export must name each clause by an HTML fragment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from build_tools.importer.project import Project
from tests.annotations.test_annotated_site import ANNOTATIONS, internal_links, link_target, page
from tests.conftest import ROOT

GANSU = "gansu-2021-digital-development"
DOCUMENT = "gov-opinion-government-new-media-2018"
SOURCES = Project(ROOT).load_sources()
#: Every document and law on the site (the 2018 opinion, the digital economy plan, 数据安全法, 个人信息保护法 …).
DOCUMENTS = {s.id for s in SOURCES if s.document is not None}
ESSAYS = {a.id for s in SOURCES for a in s.page.articles}


def url_of(article: str) -> str:
    return f"{article}/" if article in DOCUMENTS else f"{GANSU}/{article}/"


@dataclass(frozen=True)
class End:
    """One end of a note: the page, the selector as written, and the id its highlight carries."""

    url: str
    selector: dict[str, Any]
    quote_id: str
    note_id: str

    @property
    def whole_clause(self) -> bool:
        return "anchor" in self.selector and "quote" not in self.selector

    @property
    def fragment(self) -> str:
        """Where a link to this end goes: the clause's permalink for a whole clause, else the highlight."""
        return self.selector["anchor"] if self.whole_clause else self.quote_id


def ends(annotation: str) -> list[End]:
    item = ANNOTATIONS[annotation]
    selectors = [item["target"], *item.get("related", [])]
    return [
        End(
            url_of(s["article"]),
            s,
            f"quote-{annotation}" + (f"-r{n}" if n else ""),
            f"note-{annotation}" + (f"-r{n}" if n else ""),
        )
        for n, s in enumerate(selectors)
    ]


# (annotation, n): the note's target and its related passage n, one in an essay and one in a document.
LINKS = sorted(
    (id_, n)
    for id_, item in ANNOTATIONS.items()
    for n, related in enumerate(item.get("related", []), start=1)
    if {item["target"]["article"], related["article"]} & DOCUMENTS
    and {item["target"]["article"], related["article"]} & ESSAYS
)
LINK_IDS = [f"{a}-r{n}" for a, n in LINKS]


def linked_documents(annotation: str, n: int) -> set[str]:
    item = ANNOTATIONS[annotation]
    return {item["target"]["article"], item["related"][n - 1]["article"]} & DOCUMENTS


def test_at_least_ten_links_join_the_essays_to_the_document() -> None:
    assert len([link for link in LINKS if DOCUMENT in linked_documents(*link)]) >= 10
    assert any("anchor" in ANNOTATIONS[a]["target"] for a, _n in LINKS), "no note targets a clause"
    whole = [e for a, n in LINKS for e in ends(a) if e.whole_clause]
    assert len(whole) >= 3, "few notes name a whole clause by its anchor"


def test_every_document_on_the_site_is_linked_to_the_essays() -> None:
    # The plan and the laws came to the site for the clauses the essays echo (issue 33): 20 links at least.
    linked = {document for link in LINKS for document in linked_documents(*link)}
    assert linked == DOCUMENTS, DOCUMENTS - linked
    assert len([link for link in LINKS if DOCUMENT not in linked_documents(*link)]) >= 20


def clause_paragraph(soup: BeautifulSoup, anchor: str) -> Tag:
    """The opening paragraph of the clause `anchor`: inside its element, or the first after its heading."""
    element = soup.find(id=anchor)
    assert element is not None, f"no #{anchor} on the document's page"
    inside = element.find("p", id=True)
    found = inside if inside is not None else element.find_next("p", id=lambda v: bool(v) and v[1:].isdigit())
    assert isinstance(found, Tag)
    return found


@pytest.mark.parametrize(("annotation", "n"), LINKS, ids=LINK_IDS)
def test_the_link_goes_both_ways(built_site: Path, annotation: str, n: int) -> None:
    here, there = ends(annotation)[0], ends(annotation)[n]
    for this, other in ((here, there), (there, here)):
        soup = page(built_site, this.url)
        note = soup.find(id=this.note_id)
        assert note is not None and note.name == "details", f"no note {this.note_id} on {this.url}"
        assert (other.url, other.fragment) in internal_links(this.url, note)
        assert page(built_site, other.url).find(id=other.fragment) is not None
        assert soup.find(id=this.quote_id) is not None


def preview_text(template: Tag) -> str:
    text = BeautifulSoup(template.decode_contents(), "html.parser").select_one(".pr-preview__text")
    assert text is not None
    return text.get_text()


@pytest.mark.parametrize(("annotation", "n"), LINKS, ids=LINK_IDS)
def test_each_end_previews_the_other(built_site: Path, annotation: str, n: int) -> None:
    here, there = ends(annotation)[0], ends(annotation)[n]
    for this, other in ((here, there), (there, here)):
        note = page(built_site, this.url).find(id=this.note_id)
        link = note.select_one(f"a.pr-link[href$='#{other.fragment}']")
        assert link is not None
        template = link.find_next_sibling()
        assert template is not None and template.name == "template" and "pr-preview" in template["class"]
        shown = preview_text(template)
        soup = page(built_site, other.url)
        if other.whole_clause:
            paragraph = clause_paragraph(soup, other.selector["anchor"])
            assert shown.startswith(paragraph.get_text()[:20])
            assert template.get("data-clause"), "a clause's preview names the clause"
        else:
            paragraph = soup.find(id=other.quote_id).find_parent("p", id=True)
            quoted = soup.find(id=other.quote_id).get_text()
            assert quoted in shown
        for piece in shown.split("……"):
            assert piece in paragraph.get_text()


def measure_of(end: End) -> str | None:
    """The measure an essay's end stands in, from the importer's paragraphs (the quote found with `str.find`)."""
    if "measure" in end.selector:
        return str(end.selector["measure"])
    essay = next(a for s in SOURCES for a in s.page.articles if f"{GANSU}/{a.id}/" == end.url)
    current = None
    for paragraph in essay.paragraphs:
        if paragraph.measure:
            current = paragraph.measure.anchor
        if end.selector["quote"] in paragraph.text:
            return current
    raise AssertionError(f"{end.selector['quote']} is in no paragraph of {end.url}")


def essay_and_document(annotation: str, n: int) -> tuple[End, End]:
    first, other = ends(annotation)[0], ends(annotation)[n]
    return (other, first) if first.selector["article"] in DOCUMENTS else (first, other)


MAPPED = [
    (a, n)
    for a, n in LINKS
    if "anchor" in essay_and_document(a, n)[1].selector and measure_of(essay_and_document(a, n)[0])
]


def test_most_links_put_a_measure_beside_a_clause() -> None:
    assert len(MAPPED) >= 8


@pytest.mark.parametrize(("annotation", "n"), MAPPED, ids=[f"{a}-r{n}" for a, n in MAPPED])
def test_the_measures_map_shows_the_measure_beside_its_clause(built_site: Path, annotation: str, n: int) -> None:
    essay_end, document_end = essay_and_document(annotation, n)
    measure, clause = measure_of(essay_end), document_end.selector["anchor"]
    soup = page(built_site, "measures/")
    items = [
        li
        for li in soup.select("ul.pr-map__measures > li")
        if link_target("measures/", li.a["href"]) == (essay_end.url, measure)
    ]
    assert items, f"{essay_end.url}#{measure} is not on the measures map"
    for li in items:
        clauses = [link_target("measures/", a["href"]) for a in li.select("ul.pr-map__clauses a")]
        assert (document_end.url, clause) in clauses
        assert page(built_site, document_end.url).find(id=clause) is not None


@pytest.fixture(scope="module")
def exported(built_site: Path) -> dict[str, Any]:
    export = json.loads((built_site / "annotations.jsonld").read_text(encoding="utf-8"))
    return {item["id"].rsplit("#", 1)[1]: item for item in export["first"]["items"]}


@pytest.mark.parametrize(("annotation", "n"), LINKS, ids=LINK_IDS)
def test_the_export_names_clauses_by_fragment(exported: dict[str, Any], annotation: str, n: int) -> None:
    for end, target in zip(ends(annotation), exported[annotation]["target"], strict=True):
        selector = target["selector"]
        assert target["source"].endswith(end.url)
        if "anchor" not in end.selector:  # the quote, or the paragraph refined by its position
            assert [s["type"] for s in selector] == ["TextQuoteSelector", "FragmentSelector"]
            continue
        assert selector["type"] == "FragmentSelector"
        assert selector["conformsTo"] == "http://tools.ietf.org/rfc/rfc3986"
        assert selector["value"] == end.selector["anchor"]
        if "quote" in end.selector:
            assert selector["refinedBy"]["type"] == "TextQuoteSelector"
            assert selector["refinedBy"]["exact"].replace("，", ",") == end.selector["quote"].replace("，", ",")
        else:
            assert "refinedBy" not in selector
