"""`policy-reader check --format github`: problems on the pull request's diff, the whole report in the job summary.

Broken files go into a fresh copy of the project, which is run with the real command and
`GITHUB_STEP_SUMMARY` pointing at a file, as GitHub Actions runs it. The workflow commands are
read back the way GitHub's runner reads them (properties split at `,`, then unescaped).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.commands.report import github_lines, repository_prefix
from build_tools.common.errors import InputError
from build_tools.importer.project import Report
from tests.conftest import policy_reader, run

_COMMAND = re.compile(r"^::(error|warning) ([^:]*)::(.*)$")


def unescape(text: str) -> str:
    for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, plain)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the runner reads it: severity, properties, message."""
    match = _COMMAND.match(line)
    assert match, f"not one workflow command on one line: {line!r}"
    properties = dict(part.split("=", 1) for part in match.group(2).split(","))
    return match.group(1), {k: unescape(v) for k, v in properties.items()}, unescape(match.group(3))


NOT_IN_ESSAY = '- id: lost\n  target: {article: digital-government, quote: "这句话不在文章里,也不会在"}\n  body: 注释\n'
# A typo a few characters long: re-anchored with a warning, not an error.
TYPO = "- id: near\n  target: {article: digital-government, quote: 促进政务信息共享共享}\n  body: 注释\n"
BAD_ID = "- id: Not_A_Slug\n  target: {article: digital-government, quote: 以数字政府建设为突破口}\n  body: 100% 注释\n"


def check_github(project: Path, summary: str) -> subprocess.CompletedProcess[str]:
    """The real command as a workflow step runs it."""
    return run(
        [sys.executable, "-m", "build_tools", "check", "--format", "github"], project, GITHUB_STEP_SUMMARY=summary
    )


def write(project: Path, name: str, text: str) -> int:
    (project / "annotations" / name).write_text(text, encoding="utf-8")
    return 1


def test_broken_files_are_errors_on_their_lines_and_all_in_the_summary(project: Path, tmp_path: Path) -> None:
    write(project, "a, b: c.yaml", NOT_IN_ESSAY)  # a file name GitHub's property syntax must escape
    write(project, "typo.yaml", TYPO)
    write(project, "bad-id.yaml", BAD_ID)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")

    result = check_github(project, str(summary))

    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    commands = [parse(line) for line in result.stdout.splitlines() if line.startswith("::")]
    by_file = {props["file"]: (severity, props, message) for severity, props, message in commands}
    assert set(by_file) == {"annotations/a, b: c.yaml", "annotations/typo.yaml", "annotations/bad-id.yaml"}

    severity, props, message = by_file["annotations/a, b: c.yaml"]
    assert (severity, props["line"], props["endLine"]) == ("error", "2", "2")
    assert "这句话不在文章里,也不会在" in message and "\nfix: " in message
    assert props["title"].startswith("policy-reader check: ")

    severity, props, message = by_file["annotations/typo.yaml"]
    assert (severity, props["line"]) == ("warning", "2")
    assert "促进政务信息共享共用" in message

    severity, props, message = by_file["annotations/bad-id.yaml"]
    assert (severity, props["line"]) == ("error", "1")
    assert "Not_A_Slug" in message

    report = summary.read_text(encoding="utf-8")
    assert report.startswith("earlier step\n"), "the summary is appended to, never overwritten"
    assert "policy-reader check failed: 2 error(s), 1 warning(s)" in report
    rows = [line for line in report.splitlines() if line.startswith("| ❌") or line.startswith("| ⚠")]
    assert len(rows) == 3
    assert any("a, b: c.yaml" in row and "| 2 |" in row for row in rows)
    assert all(row.count(" | ") == 4 for row in rows), "a pipe or line break in a message must not break the table"


def test_a_valid_project_passes_with_an_empty_report(project: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = check_github(project, str(summary))
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert "policy-reader check passed: 0 error(s)" in summary.read_text(encoding="utf-8")


def test_without_a_summary_file_only_the_commands_are_written(project: Path) -> None:
    write(project, "lost.yaml", NOT_IN_ESSAY)
    result = check_github(project, "")
    assert result.returncode == 1
    assert [parse(line)[0] for line in result.stdout.splitlines() if line.startswith("::")] == ["error"]


def test_text_stays_the_default(project: Path) -> None:
    write(project, "lost.yaml", NOT_IN_ESSAY)
    result = policy_reader(project, "check")
    assert result.returncode == 1
    assert "::error" not in result.stdout + result.stderr
    assert "error: annotations/lost.yaml:2" in result.stderr


@pytest.mark.parametrize(
    ("error", "properties", "message"),
    [
        (
            InputError("a.yaml", "50% done\r\nnext", "fix it", line=3, end_line=5, column=7),
            {"file": "a.yaml", "line": "3", "endLine": "5", "col": "7", "title": "policy-reader check: a.yaml"},
            "50% done\r\nnext\nfix: fix it",
        ),
        (
            InputError("x,y:z%.yaml", "p", key="terms[2].see"),
            {"file": "x,y:z%.yaml", "title": "policy-reader check: terms[2].see"},
            "p",
        ),
        (
            InputError("docs/a.md", "::error:: inside", "", line=1),
            {"file": "docs/a.md", "line": "1", "endLine": "1", "title": "policy-reader check: a.md"},
            "::error:: inside",
        ),
    ],
)
def test_properties_and_message_survive_githubs_escaping(
    error: InputError, properties: dict[str, str], message: str
) -> None:
    (line,) = github_lines(Report(errors=[error]))
    assert "\n" not in line and "\r" not in line
    assert parse(line) == ("error", properties, message)


def test_paths_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "site-project").mkdir()
    assert repository_prefix(tmp_path / "repo" / "site-project") == "site-project/"
    assert repository_prefix(tmp_path / "repo") == ""
    (line,) = github_lines(Report(errors=[InputError("annotations/a.yaml", "p")]), "site-project/")
    assert parse(line)[1]["file"] == "site-project/annotations/a.yaml"
