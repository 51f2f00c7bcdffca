"""One real build of a project holding hostile text in every field: the HTML runs nothing and shows each value
as text; the citation files read back as one entry each, every field intact; `check` names every refusal."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bs4 import BeautifulSoup, Tag

from build_tools.common.markup import one_line
from build_tools.common.page_marker import read_library
from build_tools.common.urls import is_safe_link
from tests.conftest import policy_reader
from tests.escaping.hostile_project import (
    AUTHORS,
    DOCUMENT,
    DOCUMENT_FIELDS,
    DOCUMENT_TITLE_MARK,
    EDITION_FIELDS,
    ESSAY_IDS,
    ESSAY_TITLES,
    FIRST_PARAGRAPH,
    GLOSSARY_FIELDS,
    MANIFEST_FIELDS,
    NOTE_SOURCE,
    NOTE_TAG,
    NOTE_TEXT,
    PAGE,
    SAFE_LINKS,
    SCRIPT_LINKS,
    URL,
    write_hostile_project,
)

#: Attributes only the hostile text could have brought (the theme's own pages hold no image and no handler).
_EVENT = re.compile(r"^on", re.I)


def _page(project: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((project / "site" / path).read_text(encoding="utf-8"), "html.parser")


def _pages(project: Path) -> list[Path]:
    return sorted((project / "site").rglob("*.html"))


def test_no_page_holds_an_element_an_attribute_or_a_link_from_the_input(hostile_site: tuple[Path, str]) -> None:
    project, _base = hostile_site
    pages = _pages(project)
    assert len(pages) >= 12
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        name = path.relative_to(project).as_posix()
        assert soup.find("img") is None and soup.find(src="x") is None, name
        assert [el.name for el in soup.find_all(attrs={_EVENT: True})] == [], name
        for element in soup.find_all(True):
            assert not any(_EVENT.match(attribute) for attribute in element.attrs), (name, element.name)
        for script in soup.find_all("script"):
            text = script.string or ""
            # Data carries the text, escaped so that no "<" can end or comment out its element; code never does.
            assert ("<" not in text) if script.get("type") == "application/json" else ("alert(" not in text), name
        for link in soup.find_all(href=True):
            assert is_safe_link(link["href"]) or link["href"].startswith("mailto:"), (name, link["href"])
        # Nothing cut the page short: its end is still there.
        assert soup.find("footer") is not None, name


def test_titles_reach_every_place_the_theme_prints_them_as_text(hostile_site: tuple[Path, str]) -> None:
    project, _base = hostile_site
    title = ESSAY_TITLES[0]
    essay = _page(project, f"{PAGE}/{ESSAY_IDS[0]}/index.html")
    assert essay.title is not None and essay.title.string == f"{title} - 政策文本注读"
    assert essay.h1 is not None and essay.h1.get_text().rstrip("¶") == title
    assert essay.find("meta", property="og:title")["content"] == f"{title} - 政策文本注读"
    assert essay.find("meta", attrs={"name": "citation_title"})["content"] == title
    header = essay.select_one(".md-header__topic[data-md-component=header-topic] .md-ellipsis")
    assert header is not None and header.get_text(strip=True) == title
    nav = [link.get_text(" ", strip=True) for link in essay.select("nav.md-nav--primary .md-nav__link")]
    assert title in nav and ESSAY_TITLES[1] in nav
    assert one_line(MANIFEST_FIELDS["title"]) in nav  # the source's section
    edition = f"早期版本:{EDITION_FIELDS['label']}({EDITION_FIELDS['date']})"
    assert edition in nav
    # The next page's footer link, by its text and by the name a screen reader reads: escaped once.
    following = _page(project, f"{PAGE}/{ESSAY_IDS[1]}/index.html").select_one("a.md-footer__link--prev")
    assert following is not None
    assert following.get_text(" ", strip=True).endswith(title)
    assert following["aria-label"].endswith(f": {title}")


def test_the_description_is_the_first_paragraph_whole(hostile_site: tuple[Path, str]) -> None:
    project, _base = hostile_site
    essay = _page(project, f"{PAGE}/{ESSAY_IDS[0]}/index.html")
    description = FIRST_PARAGRAPH[:120]
    assert essay.find("meta", attrs={"name": "description"})["content"] == description
    assert essay.find("meta", property="og:description")["content"] == description


def test_a_document_title_line_and_its_provenance_are_text(hostile_site: tuple[Path, str]) -> None:
    project, _base = hostile_site
    document = _page(project, f"{DOCUMENT}/index.html")
    assert document.h1 is not None and DOCUMENT_TITLE_MARK in document.h1.get_text()
    assert document.title is not None and DOCUMENT_TITLE_MARK in document.title.string
    provenance = document.find(id="provenance").find_next("ul").get_text(" ")
    assert DOCUMENT_FIELDS["publication"] in provenance
    assert one_line(DOCUMENT_FIELDS["notes"]).strip() in provenance


def test_every_manifest_field_on_the_source_page_is_text(hostile_site: tuple[Path, str]) -> None:
    project, _base = hostile_site
    source = _page(project, f"{PAGE}/index.html")
    facts = {
        item.find("strong").get_text(): item for item in source.select("article li") if item.find("strong") is not None
    }
    assert facts["刊载"].get_text().removeprefix("刊载:") == " ".join(MANIFEST_FIELDS["publication"].split())
    assert facts["说明"].get_text().removeprefix("说明:") == " ".join(MANIFEST_FIELDS["notes"].split())
    (link,) = facts["原文地址"].find_all("a")
    assert link["href"] == link.get_text() == URL
    assert one_line(MANIFEST_FIELDS["label"]) in source.get_text()


def test_notes_glossary_and_citation_data_are_text(hostile_site: tuple[Path, str]) -> None:
    project, _base = hostile_site
    essay = _page(project, f"{PAGE}/{ESSAY_IDS[0]}/index.html")
    body = essay.select_one(".pr-note__body")
    assert body is not None and NOTE_TEXT in body.get_text()
    assert [a["href"] for a in body.find_all("a")] == list(SAFE_LINKS)
    assert len(body.find_all("span")) == len(SCRIPT_LINKS) + 1  # the reference-style link too
    assert [tag.get_text() for tag in essay.select(".pr-note__tag")] == [NOTE_TAG]
    (source,) = essay.select(".pr-note__sources a")
    assert (source.get_text(), source["href"]) == (NOTE_SOURCE, URL)
    tooltip = essay.select_one(".pr-tooltip__english")
    assert tooltip is not None and tooltip.get_text() == GLOSSARY_FIELDS["english"]
    cite = essay.find("script", id="pr-cite-data")
    assert cite is not None and json.loads(cite.string)["title"] == ESSAY_TITLES[0]
    # The data ended where its element did: what follows it is still the page's.
    assert isinstance(cite.find_next("footer"), Tag)
    glossary = _page(project, "glossary/index.html").select_one(".pr-glossary-entry")
    assert glossary is not None
    text = glossary.get_text()
    for key in ("english", "definition", "alias", "source"):
        assert GLOSSARY_FIELDS[key] in text, key


def test_bibtex_and_ris_read_back_as_one_entry_with_each_field_whole(hostile_site: tuple[Path, str]) -> None:
    project, _base = hostile_site
    folder = project / "site" / "cite" / PAGE
    library = bibtexparser.parse_string((folder / f"{ESSAY_IDS[0]}.bib").read_text(encoding="utf-8"))
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert set(entry.fields_dict) == {"title", "author", "url", "langid", "journal", "year", "month", "date", "pages"}
    assert _latex_text(entry["journal"]) == one_line(MANIFEST_FIELDS["publication"])
    assert _latex_text(entry["pages"]) == MANIFEST_FIELDS["edition"]
    assert _latex_text(entry["title"]) == ESSAY_TITLES[0]
    (record,) = rispy.loads((folder / f"{ESSAY_IDS[0]}.ris").read_text(encoding="utf-8"))
    assert record["secondary_title"] == one_line(MANIFEST_FIELDS["publication"]).strip()
    assert record["start_page"] == MANIFEST_FIELDS["edition"]
    assert record["title"] == ESSAY_TITLES[0] and record["authors"] == [AUTHORS[0]]


def _latex_text(value: str) -> str:
    """A BibTeX value as the text it stands for (the escapes `bibtex_value` writes undone)."""
    for escape, character in ((r"\textbackslash{}", "\\"), (r"\^{}", "^"), (r"\~{}", "~")):
        value = value.replace(escape, character)
    return re.sub(r"\\([{}%&$#_])", r"\1", value)


def test_check_names_every_refused_value_and_import_writes_text(tmp_path: Path) -> None:
    project = write_hostile_project(tmp_path / "project")
    result = policy_reader(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for link in [*SCRIPT_LINKS, "javascript:alert(1)"]:
        assert f"links to {link!r}, which is no web address" in result.stderr
    assert "holds raw HTML" in result.stderr
    assert "the definition of '本领' holds markup" in result.stderr


@pytest.mark.parametrize(
    "url",
    [
        "https://x.org/><svg/onload=alert(1)>",
        "https://x.org/\n",
        'https://x.org/"onmouseover=alert(1)',
        "javascript:alert(1)//https://x",
    ],
)
def test_a_manifest_address_that_could_break_out_is_refused(tmp_path: Path, url: str) -> None:
    project = write_hostile_project(tmp_path / "project")
    manifest = project / "sources" / f"{PAGE}.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace(f"url: {json.dumps(URL, ensure_ascii=False)}", f"url: {json.dumps(url)}"), encoding="utf-8"
    )
    assert json.dumps(url) in manifest.read_text(encoding="utf-8")
    result = policy_reader(project, "import")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"sources/{PAGE}.yaml" in result.stderr and "url: the value" in result.stderr
    assert not (project / "docs" / PAGE).exists()


def test_the_library_lists_each_title_as_text_and_its_data_reads_back_intact(hostile_site: tuple[Path, str]) -> None:
    project, _base = hostile_site
    path = project / "site" / "library" / "index.html"
    entries = {entry["id"]: entry for entry in read_library(path.read_text(encoding="utf-8")) or []}
    assert entries[PAGE]["title"] == MANIFEST_FIELDS["title"]
    assert entries[PAGE]["issuer"] == " ".join(MANIFEST_FIELDS["publication"].split())
    shown = _page(project, "library/index.html").select_one(f'[data-pr-id="{PAGE}"] .pr-library__title a')
    assert shown is not None and shown.get_text() == one_line(MANIFEST_FIELDS["title"])
