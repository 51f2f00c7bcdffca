"""The real site's 文库, built by each generator the README builds with (MkDocs; Zensical then finish): the
facts of every text read back from the built HTML, and the plain list linking each text's built page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from build_tools.common.page_marker import read_library
from build_tools.importer.library import library_entries
from build_tools.importer.project import Project
from tests.conftest import ROOT


def _library(site: Path) -> tuple[Path, str]:
    flat = site / "library.html"
    page = flat if flat.exists() else site / "library" / "index.html"
    return page, page.read_text(encoding="utf-8")


def test_every_texts_facts_are_metadata_of_the_built_page(site: Path) -> None:
    _path, page = _library(site)
    assert read_library(page) == [entry.to_json() for entry in library_entries(Project(ROOT).load_sources())]


def test_the_list_links_each_texts_built_page(site: Path) -> None:
    path, page = _library(site)
    items = BeautifulSoup(page, "html.parser").select(".pr-library__item")
    assert [item["data-pr-id"] for item in items] == [entry["id"] for entry in read_library(page) or []]
    for item in items:
        href = item.select_one(".pr-library__title a")["href"]
        target = Path(urljoin(path.as_uri(), href).removeprefix("file://"))
        assert (target / "index.html" if target.is_dir() else target).is_file(), href
