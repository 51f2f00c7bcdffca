"""Documents whose structure cannot be read: an error naming the line and what was expected; a line cut off
mid-sentence: a warning naming both lines; a bad `genre:`: an error naming the key. Nothing is half written."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from build_tools.common.errors import InputError, InputErrors
from build_tools.sources.source import load_source
from tests.conftest import REAL_PAGES, policy_reader
from tests.importer.importer_support import snapshot

NEW_MEDIA = REAL_PAGES / "documents" / "gov-opinion-government-new-media-2018.txt"


def _lines() -> list[str]:
    return NEW_MEDIA.read_text(encoding="utf-8").splitlines()


def _write(folder: Path, lines: list[str], name: str = "opinion.txt") -> Path:
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# Line numbers below are 1-based, as messages give them.
UNREADABLE = {
    "a part left out": (lambda lines: lines[:15] + lines[19:], 16, "「三、」 is numbered 3", "expects number 2"),
    "an item numbered twice": (
        lambda lines: [*lines[:23], lines[22], *lines[24:]],
        24,
        "「（二）」 is numbered 2",
        "expects number 3",
    ),
    "a list that starts at 2": (lambda lines: lines[:11] + lines[12:], 12, "「2.」 is numbered 2", "(numbered 1)"),
}


@pytest.mark.parametrize(("change", "line", "found", "expected"), UNREADABLE.values(), ids=UNREADABLE.keys())
def test_unreadable_structure_names_the_line_and_what_was_expected(
    tmp_path: Path, change: Callable[[list[str]], list[str]], line: int, found: str, expected: str
) -> None:
    path = _write(tmp_path, change(_lines()))
    with pytest.raises(InputError) as caught:
        load_source(path, "sources/opinion.txt")
    error = caught.value
    assert (error.path, error.line) == ("sources/opinion.txt", line)
    assert found in error.problem and expected in error.problem
    assert "structure cannot be read" in error.problem and error.fix


def test_a_paragraph_broken_over_two_lines_is_warned_about_naming_both(tmp_path: Path) -> None:
    lines = _lines()
    paragraph = lines[16]  # 本意见所称政务新媒体，是指……等。 (line 17)
    cut = paragraph.index("，") + 1
    path = _write(tmp_path, [*lines[:16], paragraph[:cut], paragraph[cut:], *lines[17:]])
    document = load_source(path, "opinion.txt").document
    assert document is not None
    (warning,) = document.warnings
    assert (warning.line, warning.end_line) == (17, 18)
    assert "line 17 looks cut off mid-sentence" in warning.problem and "line 18" in warning.problem
    assert "join lines 17 and 18" in warning.fix
    # Read all the same, both halves verbatim.
    assert [p.text for p in document.paragraphs if p.line in (17, 18)] == [paragraph[:cut], paragraph[cut:]]


def test_inspect_prints_the_cut_off_warning(tmp_path: Path) -> None:
    lines = _lines()
    paragraph = lines[16]
    cut = paragraph.index("，") + 1
    path = _write(tmp_path, [*lines[:16], paragraph[:cut], paragraph[cut:], *lines[17:]])
    result = policy_reader(tmp_path, "inspect", str(path))
    assert result.returncode == 0, result.stderr
    assert "warning:" in result.stderr and "line 17 looks cut off" in result.stderr
    assert "[#part-2, line 16, heading]" in result.stdout


def test_check_reports_the_cut_off_line_as_a_warning(project: Path) -> None:
    lines = _lines()
    paragraph = lines[16]
    cut = paragraph.index("，") + 1
    _write(project / "sources", [*lines[:16], paragraph[:cut], paragraph[cut:], *lines[17:]], "gov-new-media-2018.txt")
    assert policy_reader(project, "import").returncode == 0
    result = policy_reader(project, "check")
    assert result.returncode == 0, result.stderr
    assert "sources/gov-new-media-2018.txt:17" in result.stderr and "looks cut off" in result.stderr


def test_a_complete_document_gives_no_warning() -> None:
    document = load_source(NEW_MEDIA, NEW_MEDIA.name).document
    assert document is not None and document.warnings == []


def test_an_unknown_genre_in_the_manifest_names_the_key(tmp_path: Path) -> None:
    path = _write(tmp_path, _lines())
    path.with_suffix(".yaml").write_text("publication: 中国政府网\ngenre: law\n", encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_source(path, "sources/opinion.txt")
    (error,) = caught.value.errors
    assert error.line == 2 and "genre" in str(error) and "regulation" in error.fix


def test_the_manifest_genre_overrides_the_shape(tmp_path: Path) -> None:
    path = _write(tmp_path, _lines())
    path.with_suffix(".yaml").write_text("genre: report\n", encoding="utf-8")
    document = load_source(path, "opinion.txt").document
    assert document is not None and document.genre == "report"


def test_a_broken_document_writes_nothing(project: Path) -> None:
    broken = _lines()
    del broken[15]  # 二、明确工作职责
    _write(project / "sources", broken, "gov-new-media-2018.txt")
    before = snapshot(project / "docs")
    result = policy_reader(project, "import")
    assert result.returncode == 1
    assert "gov-new-media-2018.txt:19" in result.stderr and "expects number 2" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project / "docs") == before


def test_a_document_imports_beside_the_essays(project: Path) -> None:
    shutil.copy(NEW_MEDIA, project / "sources" / "gov-new-media-2018.txt")
    result = policy_reader(project, "import")
    assert result.returncode == 0, result.stderr
    page = (project / "docs" / "gov-new-media-2018" / "index.md").read_text(encoding="utf-8")
    assert "kind: document" in page and "{#part-3-item-1 .pr-item .pr-runin-heading}" in page
    home = (project / "docs" / "index.md").read_text(encoding="utf-8")
    assert "(gov-new-media-2018/index.md)" in home and "国办发〔2018〕123号" in home
    check = policy_reader(project, "check")
    assert check.returncode == 0, check.stderr
