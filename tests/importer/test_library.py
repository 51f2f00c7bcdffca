"""The 文库's facts and `interprets:`, in process: what each real source is filed under, how a wrong
`interprets:` entry is refused, and what `import` writes for the relation (the document's 解读, the essay's line)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from build_tools.common.errors import InputErrors
from build_tools.common.page_marker import read_library
from build_tools.common.reader_pages import LIBRARY_PAGE
from build_tools.importer.library import document_type, library_entries, render_library
from build_tools.importer.project import Project
from tests.conftest import REAL_PAGES, ROOT, copy_project

OPINION = "gov-opinion-government-new-media-2018"
ESSAY = "new-media-essay"
ESSAY_TEXT = REAL_PAGES / "library" / f"{ESSAY}.txt"


def _with_essay(project: Path, manifest: str) -> Path:
    """`project` with the test essay in sources/, its manifest as given."""
    shutil.copy(ESSAY_TEXT, project / "sources" / f"{ESSAY}.txt")
    (project / "sources" / f"{ESSAY}.yaml").write_text(manifest, encoding="utf-8")
    return project


def _errors(project: Path) -> list[str]:
    with pytest.raises(InputErrors) as raised:
        Project(project).load_sources()
    return [str(error) for error in raised.value.errors]


def test_each_real_source_is_filed_by_what_it_is() -> None:
    sources = Project(ROOT).load_sources()
    entries = {entry.id: entry for entry in library_entries(sources)}
    # Laws by their genre; a notice issuing a plan under the plan's type; an opinion as one; essays as essays.
    for source in sources:
        entry = entries[source.id]
        if source.document is None:
            assert (entry.kind, entry.status) == ("essays", None)
            assert entry.issuer == source.manifest.publication
        elif source.document.genre == "regulation":
            assert entry.kind == "law"
            assert entry.status == "现行有效"
        assert entry.date == source.date
        assert entry.topics == source.manifest.card.topics
    assert entries["digital-economy-plan-14th-2021"].kind == "规划"
    assert entries[OPINION].kind == "意见"
    assert entries[OPINION].issuer == "国务院办公厅"
    assert [e.id for e in entries.values()] == [s.id for s in sources]  # newest first, as loaded


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("国务院关于印发“十四五”数字经济发展规划的通知", "规划"),
        ("国务院办公厅关于转发《某部门关于加强某工作的意见》的通知", "意见"),
        ("国务院关于印发国务院工作规则的通知", "通知"),
        ("国务院办公厅关于推进政务新媒体健康有序发展的意见", "意见"),
        ("某某工作要点", "要点"),
        ("某某", None),
    ],
)
def test_a_documents_type_is_the_one_its_title_names(title: str, kind: str | None) -> None:
    assert document_type(title) == kind


def test_a_manifests_status_is_the_librarys(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    manifest = project / "sources" / "data-security-law-2021.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("status: 现行有效", "status: 已废止"), encoding="utf-8"
    )
    entries = {e.id: e for e in library_entries(Project(project).load_sources())}
    assert entries["data-security-law-2021"].status == "已废止"


def test_the_library_page_carries_every_entry_as_data_and_lists_every_text(tmp_path: Path) -> None:
    project = _with_essay(copy_project(tmp_path / "project"), f"interprets:\n  - {OPINION}\n")
    sources = Project(project).load_sources()
    page = render_library(sources)
    data = read_library(page)
    assert data == [entry.to_json() for entry in library_entries(sources)]
    by_id = {entry["id"]: entry for entry in data}
    assert by_id[ESSAY]["interprets"] == [OPINION]
    assert by_id[OPINION]["interpreted_by"] == [ESSAY]
    # Without scripts: each text a list item linking its page.
    for source in sources:
        assert f'data-pr-id="{source.id}"' in page
        assert f"]({source.id}/index.md)" in page


def test_text_from_a_manifest_is_escaped_in_the_data_and_in_the_list(tmp_path: Path) -> None:
    hostile = "</script><img src=x onerror=alert(1)>*强调*"
    project = _with_essay(copy_project(tmp_path / "project"), f'title: "{hostile}"\npublication: "A & <b>B</b>"\n')
    page = render_library(Project(project).load_sources())
    assert "</script><img" not in page
    assert "<b>B</b>" not in page
    assert {entry["title"] for entry in read_library(page) or []} >= {hostile}
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;\\*强调\\*" in page  # the list's link text


def test_import_writes_the_relation_both_ways_and_a_partial_import_keeps_the_document_in_step(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copy(REAL_PAGES / "documents" / f"{OPINION}.txt", project / "sources" / f"{OPINION}.txt")
    Project(project).import_sources()
    _with_essay(project, f"interprets:\n  - {OPINION}\n")
    written = Project(project).import_sources([project / "sources" / f"{ESSAY}.txt"])
    assert f"{OPINION}/index.md" in written  # the document's 解读 names the new essay
    assert LIBRARY_PAGE in written
    document = (project / "docs" / OPINION / "index.md").read_text(encoding="utf-8")
    readings = document[document.index("## 解读") : document.index("## 来源")]
    assert f"(../{ESSAY}/index.md)" in readings
    essay_page = next(p for p in (project / "docs" / ESSAY).glob("*.md") if p.name != "index.md")
    essay = essay_page.read_text(encoding="utf-8")
    line = essay[essay.index('<p class="pr-interprets"') :].split("\n")[0]
    assert f"(../{OPINION}/index.md)" in line
    assert essay.index('class="pr-byline"') < essay.index('class="pr-interprets"') < essay.index('class="pr-para')
    source_page = (project / "docs" / ESSAY / "index.md").read_text(encoding="utf-8")
    assert '<p class="pr-interprets" data-search-exclude="" markdown>解读：[' in source_page
    assert Project(project).check_docs(Project(project).load_sources()).errors == []


def test_an_unknown_id_is_refused_at_its_line_listing_the_documents(tmp_path: Path) -> None:
    project = _with_essay(copy_project(tmp_path / "project"), "publication: 某报\ninterprets:\n  - no-such-law\n")
    (message,) = _errors(project)
    assert f"sources/{ESSAY}.yaml:3" in message
    assert "no-such-law" in message
    for document in ("data-security-law-2021", OPINION, "digital-economy-plan-14th-2021"):
        assert document in message


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("gansu-2021-digital-development", "page of essays"),
        (ESSAY, "itself"),
        ("gov-opinion-government-new-media-201", "did you mean 'gov-opinion-government-new-media-2018'"),
    ],
)
def test_an_entry_naming_no_document_is_refused(tmp_path: Path, entry: str, problem: str) -> None:
    project = _with_essay(copy_project(tmp_path / "project"), f"interprets:\n  - {entry}\n")
    (message,) = _errors(project)
    assert f"sources/{ESSAY}.yaml:2" in message
    assert problem in message


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (f"[{OPINION}, {OPINION}]", "twice"),
        ("[Not An Id]", "not allowed"),
        ("[]", "may not be empty"),
        (OPINION, "expected a list"),
    ],
)
def test_a_badly_written_list_is_refused_by_the_schema(tmp_path: Path, value: str, problem: str) -> None:
    project = _with_essay(copy_project(tmp_path / "project"), f"publication: 某报\ninterprets: {value}\n")
    (message,) = _errors(project)
    assert f"sources/{ESSAY}.yaml:2" in message
    assert problem in message


def test_the_data_is_json_a_script_reads_whole(tmp_path: Path) -> None:
    sources = Project(ROOT).load_sources()
    page = render_library(sources)
    start = page.index('id="pr-library-data">') + len('id="pr-library-data">')
    assert json.loads(page[start : page.index("</script>", start)]) == read_library(page)
