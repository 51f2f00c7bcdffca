"""Which pages of essays interpret which documents because notes link them (issue 37), and where it shows.

In process: the real sources and notes (`noted_readings`), and notes of our own written as `Annotation`s.
Then a real build: the Gansu essays, whose manifest names no document, are listed under the 2018
opinion's 解读 from the notes alone, marked 据注释; with those notes gone they are not, and no
re-import is needed for either.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools.annotations.corpus import corpus_of
from build_tools.annotations.interprets import (
    NotedReading,
    noted_interprets_markdown,
    noted_readings,
    noted_readings_markdown,
)
from build_tools.annotations.load import load_annotations
from build_tools.annotations.model import Annotation, Selector
from build_tools.finish.markdown import render_markdown
from build_tools.finish.settings import settings_from_config
from build_tools.importer.project import Project
from tests.conftest import ROOT, copy_project, mkdocs_build, policy_reader

#: The Markdown extensions the site is rendered with (mkdocs.yml's).
SITE_MARKDOWN = settings_from_config(ROOT / "mkdocs.yml").markdown_extensions

GANSU = "gansu-2021-digital-development"
OPINION = "gov-opinion-government-new-media-2018"
OPINION_NOTES = ROOT / "annotations" / "policy-government-new-media.yaml"
SOURCES = Project(ROOT).load_sources()
CORPUS = corpus_of(SOURCES)


def _note(note_id: str, *articles: str) -> Annotation:
    target, *related = (Selector(article) for article in articles)
    return Annotation(note_id, target, "正文", tuple(related))


def _gansu_manifest_names_no_document() -> None:
    gansu = next(s for s in SOURCES if s.id == GANSU)
    assert gansu.manifest.interprets == ()


def test_the_real_notes_imply_the_gansu_essays_interpret_the_2018_opinion() -> None:
    _gansu_manifest_names_no_document()
    annotations, problems = load_annotations(ROOT / "annotations")
    assert problems == []
    by_pair = {(r.essays, r.document): r.notes for r in noted_readings(annotations, CORPUS, SOURCES)}
    # Each note of the opinion's file links a Gansu essay with the opinion: every one of them is counted.
    ids = re.findall(r"^- id: (\S+)$", OPINION_NOTES.read_text(encoding="utf-8"), re.M)
    assert by_pair[(GANSU, OPINION)] == tuple(ids) != ()
    # Only essays interpret; a document never does, nor is a page of essays interpreted.
    documents = {s.id for s in SOURCES if s.document is not None}
    assert all(essays not in documents and document in documents for essays, document in by_pair)


def test_a_note_between_an_essay_and_a_document_implies_it_either_way_round() -> None:
    essay_first = noted_readings([_note("a", "digital-government", OPINION)], CORPUS, SOURCES)
    document_first = noted_readings([_note("b", OPINION, "new-infrastructure")], CORPUS, SOURCES)
    assert essay_first == [NotedReading(GANSU, OPINION, ("a",))]
    assert document_first == [NotedReading(GANSU, OPINION, ("b",))]


def test_notes_between_essays_or_between_documents_imply_nothing() -> None:
    laws = ("data-security-law-2021", "personal-information-protection-law-2021")
    notes = [_note("essays", "digital-government", "new-infrastructure"), _note("laws", *laws)]
    assert noted_readings(notes, CORPUS, SOURCES) == []


def test_a_relation_the_manifest_declares_is_not_implied_again(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    manifest = project / "sources" / f"{GANSU}.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + f"interprets:\n  - {OPINION}\n", encoding="utf-8")
    sources = Project(project).load_sources()
    notes = [_note("a", "digital-government", OPINION), _note("b", "digital-government", "data-security-law-2021")]
    assert noted_readings(notes, corpus_of(sources), sources) == [NotedReading(GANSU, "data-security-law-2021", ("b",))]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, imported and built."""
    project = copy_project(tmp_path_factory.mktemp("noted") / "project")
    for result in (policy_reader(project, "import"), mkdocs_build(project)):
        assert result.returncode == 0, result.stderr
    return project


def _soup(project: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((project / "site" / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def _readings(project: Path) -> str:
    """The text of the opinion's 解读 section (its heading to the next heading), "" if it has none."""
    heading = _soup(project, OPINION).find(id="readings")
    if heading is None:
        return ""
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(sibling.get_text())
    return "".join(parts)


def test_the_opinion_lists_the_gansu_essays_under_its_readings_from_the_notes_alone(built: Path) -> None:
    _gansu_manifest_names_no_document()
    readings = _readings(built)
    gansu = next(s for s in SOURCES if s.id == GANSU)
    assert "据注释" in readings
    assert gansu.title in readings and all(a.title in readings for a in gansu.page.articles)
    count = len(re.findall(r"^- id: ", OPINION_NOTES.read_text(encoding="utf-8"), re.M))
    assert f"（{count} 条注释）" in readings
    # MkDocs is handed the section with the page's Markdown: it is in the page's table of contents.
    assert _soup(built, OPINION).select_one('.md-nav--secondary a[href="#readings"]') is not None
    # Each essay's byline line names the opinion, marked as inferred, linked to its page.
    for article in gansu.page.articles:
        line = _soup(built, f"{GANSU}/{article.id}").select_one(".pr-interprets.pr-noted")
        assert line is not None and line.get_text().startswith("解读（据注释）：")
        assert any(a["href"] == f"../../{OPINION}/" for a in line.select("a"))
    # The 文库 says it both ways, apart from the declared relations.
    library = _soup(built, "library")
    essays_entry = library.select_one(f'[data-pr-id="{GANSU}"] .pr-noted')
    opinion_entry = library.select_one(f'[data-pr-id="{OPINION}"] .pr-noted')
    assert essays_entry is not None and "国务院办公厅关于推进政务新媒体健康有序发展的意见" in essays_entry.get_text()
    assert opinion_entry is not None and gansu.title in opinion_entry.get_text()
    assert not library.select(f'[data-pr-id="{GANSU}"] .pr-library__relation:not(.pr-noted)')


def test_without_those_notes_the_opinion_lists_no_readings_and_needs_no_reimport(built: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    (project / "annotations" / OPINION_NOTES.name).unlink()
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert _readings(project) == ""
    assert policy_reader(project, "check").returncode == 0


def test_titles_in_implied_links_are_text_never_markup() -> None:
    hostile = '<script>alert(1)</script> *强调* [链接](javascript:x) & "引号"'
    document = next(s for s in SOURCES if s.id == OPINION)
    gansu = next(s for s in SOURCES if s.id == GANSU)
    by_id = {s.id: replace(s, manifest=replace(s.manifest, title=hostile)) for s in (gansu, document)}
    readings = [NotedReading(GANSU, OPINION, ("a",))]
    for markdown in (
        noted_readings_markdown(OPINION, readings, by_id, lambda path: path, declared=False),
        noted_interprets_markdown(GANSU, readings, by_id, lambda path: path, "pr-interprets"),
    ):
        soup = BeautifulSoup(render_markdown(markdown, SITE_MARKDOWN), "html.parser")
        assert soup.find("script") is None and soup.find("em") is None
        assert hostile in [a.get_text() for a in soup.find_all("a")]
