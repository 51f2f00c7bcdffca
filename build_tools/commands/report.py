"""How `policy-reader check` shows what it found: plain text for a terminal, or for GitHub Actions.

In a GitHub workflow each problem becomes a workflow command (``::error file=…,line=…::…``),
which GitHub shows on the pull request's diff, at the line at fault. GitHub shows at most ten
errors and ten warnings of a step that way, so the whole report also goes, as a Markdown table,
into the job's summary (the file named by ``$GITHUB_STEP_SUMMARY``).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from build_tools.common.errors import InputError

if TYPE_CHECKING:  # `policy-reader --help` reads FORMATS without loading the importer
    from build_tools.importer.project import Report

FORMATS = ("text", "github")


@dataclass(frozen=True)
class Problem:
    """One problem of a report, with its severity (``error`` or ``warning``)."""

    severity: str
    error: InputError


def problems_of(report: Report) -> Iterator[Problem]:
    """Errors first, then warnings, each in the report's order."""
    yield from (Problem("error", e) for e in report.errors)
    yield from (Problem("warning", w) for w in report.warnings)


def text_lines(report: Report) -> list[str]:
    """The report for a terminal: warnings, then errors (the last lines seen are what fails)."""
    return [f"warning: {w}" for w in report.warnings] + [f"error: {e}" for e in report.errors]


def _escape_data(text: str) -> str:
    # The escaping of GitHub's @actions/core (command.ts): a message may not break the command's line.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def short_title(error: InputError) -> str:
    """The annotation's title: where in the file, or which file."""
    return f"policy-reader check: {error.key or PurePosixPath(str(error.path)).name}"


def workflow_command(problem: Problem, prefix: str = "") -> str:
    """The problem as a GitHub workflow command; `prefix` leads from the repository root to the project."""
    error = problem.error
    properties = {"file": prefix + PurePosixPath(str(error.path)).as_posix()}
    if error.line is not None:
        properties["line"] = str(error.line)
        properties["endLine"] = str(error.end_line or error.line)
        if error.column is not None:
            properties["col"] = str(error.column)
    properties["title"] = short_title(error)
    listed = ",".join(f"{name}={_escape_property(value)}" for name, value in properties.items())
    message = error.problem + (f"\nfix: {error.fix}" if error.fix else "")
    return f"::{problem.severity} {listed}::{_escape_data(message)}"


def github_lines(report: Report, prefix: str = "") -> list[str]:
    """Every problem of the report as a workflow command (errors as ``::error``, warnings as ``::warning``)."""
    return [workflow_command(p, prefix) for p in problems_of(report)]


def _cell(text: str) -> str:
    # Markdown in a job summary renders HTML, and a pipe or line break would end the cell.
    return html.escape(text, quote=False).replace("|", "&#124;").replace("\r", "").replace("\n", "<br>")


def step_summary(report: Report, prefix: str = "") -> str:
    """The whole report as Markdown for the job summary: a count, then one table row a problem."""
    errors, warnings = len(report.errors), len(report.warnings)
    verdict = "failed" if errors else "passed"
    lines = [f"## policy-reader check {verdict}: {errors} error(s), {warnings} warning(s)", ""]
    if not errors and not warnings:
        return "\n".join([*lines, "Every source page, generated page, glossary term and annotation is valid.", ""])
    lines += ["| | file | line | problem | how to fix it |", "| --- | --- | ---: | --- | --- |"]
    for problem in problems_of(report):
        error = problem.error
        place = prefix + PurePosixPath(str(error.path)).as_posix() + (f" ({error.key})" if error.key else "")
        mark = "❌ error" if problem.severity == "error" else "⚠️ warning"
        line = "" if error.line is None else str(error.line)
        lines.append(f"| {mark} | {_cell(place)} | {line} | {_cell(error.problem)} | {_cell(error.fix)} |")
    return "\n".join([*lines, ""])


def repository_prefix(project_root: Path) -> str:
    """The path from the repository's root (the folder holding ``.git``) to the project, ending in ``/``.

    GitHub places annotations by the file's path in the repository; the project need not be at its root.
    """
    root = project_root.resolve()
    for folder in (root, *root.parents):
        if (folder / ".git").exists():
            inside = root.relative_to(folder).as_posix()
            return "" if inside == "." else inside + "/"
    return ""
