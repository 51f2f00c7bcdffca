"""A real build: every essay carries its citation_* meta tags and 引用 data, and the citation files exist.

What each essay should say comes from the sources themselves (`Project.load_sources`), not from the build.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import bibtexparser
import pytest
import rispy
from bs4 import BeautifulSoup

from build_tools.citations.gbt7714 import EDITIONS
from build_tools.importer.project import Project
from tests.conftest import ROOT

SITE_URL = "https://example.org/policy-reader/"  # mkdocs.yml's address when SITE_URL is not set
ESSAYS = [(source, article) for source in Project(ROOT).load_sources() for article in source.page.articles]
DOCUMENTS = [source.id for source in Project(ROOT).load_sources() if source.document is not None]


def page_of(site: Path, source_id: str, article_id: str) -> BeautifulSoup:
    return BeautifulSoup((site / source_id / article_id / "index.html").read_text(encoding="utf-8"), "html.parser")


def meta(page: BeautifulSoup, name: str) -> list[str]:
    return [tag["content"] for tag in page.find_all("meta", attrs={"name": name})]


@pytest.mark.parametrize(("source", "article"), ESSAYS, ids=lambda x: getattr(x, "id", ""))
def test_every_essay_carries_its_meta_tags(built_site: Path, source, article) -> None:  # type: ignore[no-untyped-def]
    page = page_of(built_site, source.id, article.id)
    head = page.head
    assert head is not None
    assert meta(head, "citation_title") == [article.title]
    assert meta(head, "citation_author") == [author.name for author in article.authors]
    assert meta(head, "citation_publication_date") == [source.manifest.date.replace("-", "/")]
    url = f"{SITE_URL}{source.id}/{article.id}/"
    assert meta(head, "citation_public_url") == meta(head, "citation_fulltext_html_url") == [url]
    # The Gansu page names no newspaper: no publication is invented for it.
    assert meta(head, "citation_journal_title") == (
        [] if not source.manifest.publication_named else [source.manifest.publication]
    )


@pytest.mark.parametrize(("source", "article"), ESSAYS, ids=lambda x: getattr(x, "id", ""))
def test_every_essay_carries_both_editions_and_its_downloads(built_site: Path, source, article) -> None:  # type: ignore[no-untyped-def]
    page = page_of(built_site, source.id, article.id)
    data_tag = page.find("script", id="pr-cite-data")
    assert data_tag is not None
    data = json.loads(data_tag.string)
    assert [style["id"] for style in data["styles"]] == list(EDITIONS)
    for style in data["styles"]:
        assert article.title in style["essay"] and "[N/OL]" in style["essay"]
        assert f"{SITE_URL}{source.id}/{article.id}/#p{{n}}" in style["paragraph"]
        assert "第{n}段" in style["paragraph"]
        # The printed paper is offered only where the manifest names it.
        assert ("print" in style) == source.manifest.publication_named
    page_url = f"{source.id}/{article.id}/index.html"
    for download in data["downloads"]:
        target = built_site / urljoin(page_url, download["href"])
        assert target.is_file(), download


def test_other_pages_carry_no_citation(built_site: Path) -> None:
    for page in (built_site / "index.html", built_site / "glossary" / "index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.find("meta", attrs={"name": "citation_title"}) is None
        assert soup.find("script", id="pr-cite-data") is None


def test_the_archive_and_each_essay_have_csl_json_bibtex_and_ris(built_site: Path) -> None:
    cite = built_site / "cite"
    essays = sorted(f"{source.id}/{article.id}" for source, article in ESSAYS)
    # The archive holds every text: the essays, and each document by its source's id.
    ids = sorted([*essays, *DOCUMENTS])
    archive = json.loads((cite / "archive.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in archive] == ids
    assert len(bibtexparser.parse_string((cite / "archive.bib").read_text(encoding="utf-8")).entries) == len(ids)
    assert len(rispy.loads((cite / "archive.ris").read_text(encoding="utf-8"))) == len(ids)
    for essay_id in ids:
        (item,) = json.loads((cite / f"{essay_id}.json").read_text(encoding="utf-8"))
        assert item in archive
        (entry,) = bibtexparser.parse_string((cite / f"{essay_id}.bib").read_text(encoding="utf-8")).entries
        assert entry["url"] == item["URL"]
        (record,) = rispy.loads((cite / f"{essay_id}.ris").read_text(encoding="utf-8"))
        assert record["title"] == item["title"]
