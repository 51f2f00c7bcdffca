"""The GitHub workflows: valid by actionlint, and the preview published without running a fork's code.

actionlint (a real linter, shipped as a binary in a wheel) checks syntax, expressions, the
inputs of each action used and each job's permissions. The other tests read the workflows as
data and hold the promises made in the editors' guide: pull requests are checked with
`--format github`; what runs with write access never checks out or runs their code.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert found, "actionlint is missing: pip install -e '.[test]'"
    return found


def lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([actionlint(), *map(str, paths)], capture_output=True, text=True, check=False, cwd=ROOT)


def workflow(name: str) -> dict[str, Any]:
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in data["jobs"].values() for step in job["steps"]]


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_every_workflow_passes_actionlint(path: Path) -> None:
    result = lint(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_a_mistake(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = (WORKFLOWS / "pr-preview.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("target-folder:", "target-directory:"), encoding="utf-8")
    result = lint(broken)
    assert result.returncode == 1 and "target-directory" in result.stdout


def test_pull_requests_are_checked_with_problems_on_the_diff() -> None:
    data = workflow("pull-request.yml")
    assert "pull_request" in data["on"]
    assert data["permissions"] == {"contents": "read"}
    runs = [step.get("run", "") for step in steps(data)]
    assert "policy-reader check --format github" in runs
    uploads = [step for step in steps(data) if str(step.get("uses", "")).startswith("actions/upload-artifact")]
    assert [step["with"]["path"] for step in uploads] == ["site/"]


def test_the_preview_publishes_what_the_pull_request_built() -> None:
    build, preview = workflow("pull-request.yml"), workflow("pr-preview.yml")
    assert preview["on"]["workflow_run"]["workflows"] == [build["name"]]
    (upload,) = (s for s in steps(build) if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    (download,) = (s for s in steps(preview) if str(s.get("uses", "")).startswith("actions/download-artifact"))
    assert download["with"]["name"] == upload["with"]["name"]
    assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
    (publish,) = (s for s in steps(preview) if "github-pages-deploy-action" in str(s.get("uses", "")))
    assert publish["with"]["target-folder"] == "pr-preview/pr-${{ steps.pr.outputs.number }}"
    assert publish["with"]["folder"] == download["with"]["path"]


@pytest.mark.parametrize("name", ["pr-preview.yml", "pr-preview-remove.yml"])
def test_privileged_workflows_never_run_pull_request_code(name: str) -> None:
    data = workflow(name)
    assert set(data["on"]) <= {"workflow_run", "pull_request_target"}
    for step in steps(data):
        if str(step.get("uses", "")).startswith("actions/checkout"):
            # The default branch, or gh-pages: never the pull request's head.
            assert step.get("with", {}).get("ref") in (None, "gh-pages"), step
        run = step.get("run", "")
        for command in ("pip", "policy-reader", "mkdocs", "python"):
            assert command not in run, f"{name} runs {command}"
        text = yaml.safe_dump(step)
        for untrusted in ("head_ref", "head_branch", "pull_request.title", "pull_request.body", "head.ref"):
            assert untrusted not in text, f"{name} reads {untrusted}, which a fork controls"


def test_main_keeps_the_previews_when_it_publishes() -> None:
    (publish,) = (s for s in steps(workflow("deploy.yml")) if "github-pages-deploy-action" in str(s.get("uses", "")))
    assert publish["with"]["branch"] == "gh-pages"
    assert publish["with"]["clean-exclude"] == "pr-preview/"
