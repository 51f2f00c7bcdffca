"""A real build with a law and a government opinion: each page carries its citation_* tags and its parts'
citation data, and each document has its CSL-JSON, BibTeX and RIS under cite/, read back as reference managers do.

What each document should be cited as comes from its source (`cited_works` over the project's sources).
"""

from __future__ import annotations

import json
from urllib.parse import urljoin

import bibtexparser
import pytest
import rispy
from bs4 import BeautifulSoup

from build_tools.citations import gbt7714
from tests.citations.conftest import LAW, OPINION, SITE_URL, DocumentSite


def _page(built: DocumentSite, source_id: str) -> BeautifulSoup:
    return BeautifulSoup((built.site / source_id / "index.html").read_text(encoding="utf-8"), "html.parser")


def _meta(page: BeautifulSoup, name: str) -> list[str]:
    return [tag["content"] for tag in page.find_all("meta", attrs={"name": name})]


def _cite_data(page: BeautifulSoup) -> dict:  # type: ignore[type-arg]
    tag = page.find("script", id="pr-cite-data")
    assert tag is not None
    return json.loads(tag.string)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("source_id", "author", "date"),
    [(LAW, "全国人民代表大会常务委员会", "2007/08/30"), (OPINION, "国务院办公厅", "2018/12/07")],
)
def test_a_documents_page_carries_its_meta_tags(
    document_site: DocumentSite, source_id: str, author: str, date: str
) -> None:
    head = _page(document_site, source_id).head
    work = document_site.works[source_id]
    assert _meta(head, "citation_title") == [work.title]
    assert _meta(head, "citation_author") == [author]
    assert _meta(head, "citation_publication_date") == [date]
    assert _meta(head, "citation_public_url") == [f"{SITE_URL}{source_id}/"]
    assert _meta(head, "citation_journal_title") == []  # a document is no newspaper's


@pytest.mark.parametrize("source_id", [LAW, OPINION])
def test_a_documents_page_carries_both_editions_and_every_part(document_site: DocumentSite, source_id: str) -> None:
    page = _page(document_site, source_id)
    work = document_site.works[source_id]
    data = _cite_data(page)
    assert [style["id"] for style in data["styles"]] == list(gbt7714.EDITIONS)
    for style in data["styles"]:
        assert style["essay"] == gbt7714.reference(work, style["id"])
        assert style["clause"] == gbt7714.clause_reference(work, style["id"])
    # Every part named, and each name's permalink an element of the page.
    ids = {tag["id"] for tag in page.select(".md-content [id]")}
    assert data["clauses"] == dict(work.clauses)
    assert set(data["clauses"]) <= ids
    assert all(data["clauses"][anchor] for anchor in data["clauses"])
    for number, anchor in data["paragraphs"].items():
        assert f"p{number}" in ids and anchor in data["clauses"]
    for download in data["downloads"]:
        assert (document_site.site / urljoin(f"{source_id}/index.html", download["href"])).is_file(), download


def test_the_laws_parts_are_named_as_cited(document_site: DocumentSite) -> None:
    data = _cite_data(_page(document_site, LAW))
    assert data["clauses"]["article-17-para-1"] == "第十七条第一款"
    assert data["clauses"]["article-17-item-3"] == "第十七条第一款第三项"
    assert data["inline"] == "《中华人民共和国反垄断法》" + gbt7714.CLAUSE
    opinion = _cite_data(_page(document_site, OPINION))
    assert opinion["clauses"]["part-3-item-3"] == "三、（三）"
    title = "《国务院办公厅关于推进政务新媒体健康有序发展的意见》"
    assert opinion["inline"] == f"{title}（国办发〔2018〕123号）{gbt7714.CLAUSE}"


def test_the_tools_row_stands_under_the_title_not_inside_the_first_article(document_site: DocumentSite) -> None:
    content = _page(document_site, LAW).select_one(".md-content")
    row = content.select_one(".pr-tools")
    assert row is not None
    # Above 第一章 and 第一条: nothing but the title and its 题注 before it.
    assert [tag.name for tag in row.find_all_previous(["h2", "h3"]) if content in tag.parents] == []


def test_each_document_has_csl_json_bibtex_and_ris_and_the_archive_holds_them(document_site: DocumentSite) -> None:
    cite = document_site.site / "cite"
    archive = json.loads((cite / "archive.json").read_text(encoding="utf-8"))
    assert sorted(item["id"] for item in archive) == sorted(document_site.works)
    for source_id in (LAW, OPINION):
        work = document_site.works[source_id]
        (item,) = json.loads((cite / f"{source_id}.json").read_text(encoding="utf-8"))
        assert item in archive
        assert item["type"] == "legislation" and item["author"] == [{"literal": work.authors[0]}]
        library = bibtexparser.parse_string((cite / f"{source_id}.bib").read_text(encoding="utf-8"))
        assert library.failed_blocks == []
        (entry,) = library.entries
        assert entry["author"] == "{" + work.authors[0] + "}" and entry["url"] == item["URL"]
        (record,) = rispy.loads((cite / f"{source_id}.ris").read_text(encoding="utf-8"))
        assert record["type_of_reference"] == "GOVDOC" and record["authors"] == list(work.authors)
        assert record.get("number") == work.number
    (opinion,) = rispy.loads((cite / f"{OPINION}.ris").read_text(encoding="utf-8"))
    assert opinion["number"] == "国办发〔2018〕123号"
