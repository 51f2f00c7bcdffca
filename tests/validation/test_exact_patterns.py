"""Every id, date, anchor and address is matched whole: a trailing newline is refused, field by field.

Python's `$` (and so a JSON Schema `pattern` checked by jsonschema) also matches before a final
newline: `id: "new-infrastructure\\n"` passed and became a file name holding a newline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.annotations.load import load_annotations
from build_tools.common.errors import InputError, InputErrors
from build_tools.glossary.load import load_glossary
from build_tools.sources.manifest import load_manifest
from build_tools.sources.source import load_source
from tests.conftest import policy_reader
from tests.importer.importer_support import GANSU, PROJECT_GANSU_MANIFEST, check, snapshot

MANIFEST = """title: 标题
date: {date}
url: {url}
articles:
  - title: 以“新基建”厚植甘肃经济发展新优势
    id: {id}
editions:
  - file: {file}
    date: "2021-10"
    label: 征求意见稿
"""
MANIFEST_GOOD = {
    "date": '"2021-12-08"',
    "url": '"https://www.gov.cn/a.htm"',
    "id": "new-infrastructure",
    "file": "sources/editions/gansu/draft.txt",
}
ANNOTATION = """- id: {id}
  target: {{article: digital-government, measure: {measure}}}
  body: 注释。
  sources:
    - {{title: 纲要, url: {url}}}
- id: second-note
  target: {{article: digital-government, anchor: {anchor}}}
  body: 注释。
"""
ANNOTATION_GOOD = {
    "id": "a-note",
    "measure": "measure-3",
    "url": '"https://www.gov.cn/a.htm"',
    "anchor": "part-1-item-2",
}
GLOSSARY = """terms:
  - term: 数字政府
    definition: 释义。
    sources:
      - {{title: 纲要, url: {url}}}
"""


def with_newline(value: str) -> str:
    """The value as YAML with a newline at its end (a quoted scalar keeps it)."""
    return '"' + value.strip('"') + '\\n"'


@pytest.mark.parametrize(
    ("field", "key"), [("date", "date"), ("url", "url"), ("id", "articles[0].id"), ("file", "editions[0].file")]
)
def test_a_manifest_field_with_a_trailing_newline_is_refused(tmp_path: Path, field: str, key: str) -> None:
    path = tmp_path / "page.yaml"
    path.write_text(MANIFEST.format(**MANIFEST_GOOD), encoding="utf-8")
    load_manifest(path, "sources/page.yaml")
    path.write_text(MANIFEST.format(**{**MANIFEST_GOOD, field: with_newline(MANIFEST_GOOD[field])}), encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_manifest(path, "sources/page.yaml")
    (error,) = caught.value.errors
    assert error.key == key
    assert error.line is not None
    assert "\\n" in error.problem  # the value is shown with its newline, so the editor sees it


@pytest.mark.parametrize(
    ("field", "key"),
    [
        ("id", "[0].id"),
        ("measure", "[0].target.measure"),
        ("url", "[0].sources[0].url"),
        ("anchor", "[1].target.anchor"),
    ],
)
def test_an_annotation_field_with_a_trailing_newline_is_refused(tmp_path: Path, field: str, key: str) -> None:
    folder = tmp_path / "annotations"
    folder.mkdir()
    path = folder / "notes.yaml"
    path.write_text(ANNOTATION.format(**ANNOTATION_GOOD), encoding="utf-8")
    assert load_annotations(folder)[1] == []
    path.write_text(
        ANNOTATION.format(**{**ANNOTATION_GOOD, field: with_newline(ANNOTATION_GOOD[field])}), encoding="utf-8"
    )
    errors = load_annotations(folder)[1]
    assert [e.key for e in errors] == [key]
    assert errors[0].path == "annotations/notes.yaml"


def test_a_glossary_address_with_a_trailing_newline_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(GLOSSARY.format(url='"https://www.gov.cn/a.htm"'), encoding="utf-8")
    load_glossary(path)
    path.write_text(GLOSSARY.format(url=with_newline("https://www.gov.cn/a.htm")), encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_glossary(path)
    assert [e.key for e in caught.value.errors] == ["terms[0].sources[0].url"]


def test_a_source_file_name_ending_in_a_newline_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sources" / "page\n.txt"
    path.parent.mkdir()
    path.write_bytes(GANSU.read_bytes())
    with pytest.raises(InputError) as caught:
        load_source(path, "sources/page\n.txt")
    assert "not a usable page id" in caught.value.problem


@pytest.mark.parametrize("command", ["check", "import"])
def test_the_commands_refuse_an_id_ending_in_a_newline(project: Path, command: str) -> None:
    manifest = project / PROJECT_GANSU_MANIFEST
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("id: new-infrastructure", 'id: "new-infrastructure\\n"'), encoding="utf-8")
    before = snapshot(project / "docs")
    result = check(project) if command == "check" else policy_reader(project, "import")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = text[: text.index("id: new-infrastructure")].count("\n") + 1
    assert f"{PROJECT_GANSU_MANIFEST}:{line}: articles[2].id" in result.stderr
    assert snapshot(project / "docs") == before
