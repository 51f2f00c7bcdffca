"""Hostile strings through each escaping function and each writer that uses it, in-process.

A table: every string of `HOSTILE_TEXTS` (and the script-link variants) in every context text from
an input lands in: inline Markdown, HTML text and attributes, front matter the theme prints as HTML,
JSON inside ``<script>``, BibTeX, RIS, an address. Then every page `import` writes for the hostile
project, rendered as the generator renders it, holds no element or attribute from the input.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import bibtexparser
import jinja2
import pytest
import rispy
import yaml
from bs4 import BeautifulSoup

from build_tools.annotations.note_body import refused_links, render_note_body
from build_tools.citations.exports import bibtex, ris
from build_tools.citations.page import Downloads, cite_data, meta_tags
from build_tools.citations.work import CitedWork, essay_work
from build_tools.common.markup import html_text, markdown_text, one_line, script_json
from build_tools.common.page_marker import LIBRARY_DATA_ID, PageIdentity, read_page_marker
from build_tools.common.urls import is_safe_link, web_url_problem
from build_tools.finish.markdown import render_markdown
from build_tools.finish.settings import settings_from_config
from build_tools.importer.editions.render import edition_pages
from build_tools.importer.paragraphs import front_matter
from build_tools.importer.project import Project
from build_tools.importer.render import render_pages
from tests.conftest import ROOT
from tests.escaping.hostile_project import (
    HOSTILE_TEXTS,
    REFERENCE_LINK,
    SAFE_LINKS,
    SCRIPT_LINKS,
    write_hostile_project,
)

#: The Markdown extensions the site is rendered with (mkdocs.yml's).
SITE_MARKDOWN = settings_from_config(ROOT / "mkdocs.yml").markdown_extensions

#: How Material and Zensical print front matter: as HTML, no autoescaping (their base.html and main.html).
THEME = jinja2.Environment(autoescape=False).from_string(  # noqa: S701 - as the themes do: that is what is tested
    '<html><head><title>{{ meta.title }} - 站</title><meta name="description" content="{{ meta.description }}">'
    '<meta property="og:title" content="{{ meta.title }}"></head>'
    '<body><nav><a href="#">{{ meta.title }}</a></nav><h1>{{ meta.title }}</h1></body></html>'
)
WORK = CitedWork("page/essay", "标题", ("作者",), "https://example.org/page/essay/", "报", "2021-12-08", edition="7")


def _only_elements(html: str, *names: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    found = sorted({element.name for element in soup.find_all(True)})
    assert set(found) <= set(names), found
    return soup


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_inline_markdown_shows_the_text_on_one_line(text: str) -> None:
    html = render_markdown(
        f"## 前{markdown_text(text)}后 {{#here .pr-measure}}\n\n- **刊载**:{markdown_text(text)}\n", SITE_MARKDOWN
    )
    soup = _only_elements(html, "h2", "a", "ul", "li", "strong")
    heading = soup.find("h2")
    assert heading.get_text().rstrip("¶") == f"前{one_line(text)}后"
    assert heading.attrs == {"id": "here", "class": ["pr-measure"]}
    assert soup.find("li").get_text() == f"刊载:{one_line(text)}"


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_html_text_and_attributes_hold_the_text(text: str) -> None:
    soup = _only_elements(f'<p title="{html_text(text)}">{html_text(text)}</p><i></i>', "p", "i")
    paragraph = soup.find("p")
    assert paragraph["title"] == text and paragraph.get_text() == text
    assert paragraph.find_next_sibling("i") is not None


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_front_matter_is_printed_by_the_theme_as_the_text(text: str) -> None:
    written = front_matter({"title": text, "description": text}, PageIdentity("article", text, "s", "a"))
    matter = yaml.safe_load(written.split("---\n")[1])
    soup = _only_elements(THEME.render(meta=matter), "html", "head", "title", "meta", "body", "nav", "a", "h1")
    shown = one_line(text)
    assert soup.title.string == f"{shown} - 站"
    assert soup.find("meta", attrs={"name": "description"})["content"] == shown
    assert soup.find("meta", property="og:title")["content"] == shown
    assert soup.find("a").get_text() == soup.find("h1").get_text() == shown
    # The page marker keeps the text itself, for search.
    marker = read_page_marker(written)
    assert marker is not None and marker.title == text


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_json_in_a_script_ends_where_its_element_does(text: str) -> None:
    data = {"title": text, "list": [text]}
    written = script_json(data)
    assert not set(written) & set("<>\u2028\u2029")
    assert json.loads(written) == data
    soup = BeautifulSoup(f'<script type="application/json">{written}</script><p id="after">x</p>', "html.parser")
    assert json.loads(soup.find("script").string) == data and soup.find(id="after") is not None
    cite = BeautifulSoup(
        cite_data(replace(WORK, title=text, publication=text), Downloads("a", "b", "c")), "html.parser"
    )
    assert json.loads(cite.find("script").string)["title"] == text


CITED_FIELDS = ("title", "publication", "edition", "authors")


def _cited(field: str, text: str) -> CitedWork:
    return replace(WORK, authors=(text,)) if field == "authors" else replace(WORK, **{field: text})


def _latex_text(value: str) -> str:
    for escape, character in ((r"\textbackslash{}", "\\"), (r"\^{}", "^"), (r"\~{}", "~")):
        value = value.replace(escape, character)
    return re.sub(r"\\([{}%&$#_])", r"\1", value)


@pytest.mark.parametrize("field", CITED_FIELDS)
@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_bibtex_reads_back_one_entry_with_the_field_whole(field: str, text: str) -> None:
    library = bibtexparser.parse_string(bibtex([_cited(field, text)]))
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert set(entry.fields_dict) == {"title", "author", "url", "langid", "journal", "year", "month", "date", "pages"}
    name = {"publication": "journal", "edition": "pages", "authors": "author"}.get(field, field)
    value = entry[name].removeprefix("{").removesuffix("}") if field == "authors" else entry[name]
    assert _latex_text(value) == one_line(text)


@pytest.mark.parametrize("field", CITED_FIELDS)
@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_ris_reads_back_one_record_with_the_field_whole(field: str, text: str) -> None:
    (record,) = rispy.loads(ris([_cited(field, text)]))
    name = {"publication": "secondary_title", "edition": "start_page", "authors": "authors"}.get(field, field)
    value = record[name][0] if field == "authors" else record[name]
    # A reader strips the spaces at a field's ends, as it reads them.
    assert value == one_line(text).strip()
    assert {"title", "authors", "urls", "secondary_title", "start_page", "date"} <= set(record)


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_meta_tags_hold_the_text_in_their_attributes(text: str) -> None:
    soup = _only_elements(meta_tags(replace(WORK, title=text, publication=text, edition=text)), "meta")
    contents = {tag["name"]: tag["content"] for tag in soup.find_all("meta")}
    assert contents["citation_title"] == contents["citation_journal_title"] == contents["citation_firstpage"] == text


HOSTILE_URLS = [
    "https://x.org/><svg/onload=alert(1)>",
    "https://x.org/\n",
    'https://x.org/"onmouseover=alert(1)',
    "https://x.org/<script>",
    "https://x.org/a b",
    "https://x.org/\u2028",
    " https://x.org/",
    "https://x.org/{}",
    "https://x.org/\\",
    "javascript:alert(1)//https://x.org/",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://x.org/a",
    "https://",
    "https:x.org",
    "https://x.org:port/",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_an_address_is_judged_whole(url: str) -> None:
    assert web_url_problem(url) is not None


@pytest.mark.parametrize(
    "url", ["https://x.org/", "http://www.gov.cn/a/content_1.htm", "https://例子.中国/路径?a=1&b='2'#p3"]
)
def test_a_web_address_passes(url: str) -> None:
    assert web_url_problem(url) is None


@pytest.mark.parametrize("href", SCRIPT_LINKS)
def test_a_script_link_in_a_note_is_shown_as_its_text(href: str) -> None:
    body = f"见[此处]({href})。"
    assert not is_safe_link(href)
    soup = _only_elements(render_note_body(body), "p", "span")
    assert soup.get_text() == "见此处。"
    assert refused_links(body) == [href]


def test_a_reference_style_script_link_is_shown_as_its_text() -> None:
    soup = _only_elements(render_note_body(REFERENCE_LINK), "p", "span")
    assert soup.get_text().strip() == "参考"
    assert refused_links(REFERENCE_LINK) == ["javascript:alert(1)"]


@pytest.mark.parametrize("href", SAFE_LINKS)
def test_web_relative_and_fragment_links_stay_links(href: str) -> None:
    soup = _only_elements(render_note_body(f"[此处]({href})"), "p", "a")
    assert soup.find("a")["href"] == href
    assert refused_links(f"[此处]({href})") == []


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_a_note_body_shows_markup_as_text(text: str) -> None:
    soup = _only_elements(render_note_body(f"注{text}释"), "p", "br")
    assert "onerror" not in str(soup.find_all(True)[0].attrs)


@pytest.fixture(scope="module")
def hostile_sources(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return Project(write_hostile_project(tmp_path_factory.mktemp("hostile") / "project")).load_sources()


def test_every_page_import_writes_holds_no_markup_from_the_input(hostile_sources) -> None:  # type: ignore[no-untyped-def]
    pages = render_pages(hostile_sources)
    for source in hostile_sources:
        pages.update(edition_pages(source))
    assert len(pages) >= 10
    for name, markdown in pages.items():
        _, matter, body = markdown.split("---\n", 2)
        meta = yaml.safe_load(matter)
        for written in (render_markdown(body, SITE_MARKDOWN), THEME.render(meta=meta)):
            soup = BeautifulSoup(written, "html.parser")
            # The 文库's data is a script element of JSON, which no browser runs: the input's text in it is
            # escaped so that nothing ends the element (no "<" at all), and it reads back as JSON.
            for data in soup.find_all("script", id=LIBRARY_DATA_ID, type="application/json"):
                assert "<" not in data.string and json.loads(data.string), name
                data.decompose()
            assert soup.find(["img", "script", "svg"]) is None, name
            assert not [el.name for el in soup.find_all(True) if any(a.startswith("on") for a in el.attrs)], name
            assert all(is_safe_link(a["href"]) for a in soup.find_all(href=True)), name


def test_every_essay_citation_is_text(hostile_sources) -> None:  # type: ignore[no-untyped-def]
    works = [essay_work(s, a, f"https://example.org/{s.id}/{a.id}/") for s in hostile_sources for a in s.page.articles]
    assert len(works) == 2
    assert len(bibtexparser.parse_string(bibtex(works)).entries) == 2
    assert len(rispy.loads(ris(works))) == 2
    for work in works:
        assert _only_elements(meta_tags(work), "meta")
        assert "<" not in cite_data(work, Downloads("a", "b", "c")).split(">", 1)[1].rsplit("</", 1)[0]
