"""The GitHub workflows: valid by actionlint, and the preview published without running a fork's code.

actionlint (a real linter, shipped as a binary in a wheel) checks syntax, expressions, the
inputs of each action used and each job's permissions. The other tests read the workflows as
data and hold the promises made in the editors' guide: pull requests are checked with
`--format github`; what runs with write access never checks out or runs their code.
"""

from __future__ import annotations

import re
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
    assert publish["with"]["target-folder"] == "pr-preview/pr-${{ needs.find.outputs.number }}"
    assert publish["with"]["folder"] == download["with"]["path"]
    # Outside the checkout of the default branch, so the download cannot replace the script that marks it.
    assert download["with"]["path"].startswith("${{ runner.temp }}/")


#: The one command the privileged job runs: a script of the default branch, standard library only, no install.
MARKING = 'python3 -S -E -m build_tools.finish.preview_banner "$PREVIEW" '


@pytest.mark.parametrize("name", ["pr-preview.yml", "pr-preview-remove.yml"])
def test_privileged_workflows_never_run_pull_request_code(name: str) -> None:
    data = workflow(name)
    assert set(data["on"]) <= {"workflow_run", "pull_request_target"}
    for step in steps(data):
        if str(step.get("uses", "")).startswith("actions/checkout"):
            # The default branch, or gh-pages: never the pull request's head.
            assert step.get("with", {}).get("ref") in (None, "gh-pages"), step
        run = step.get("run", "")
        if run.startswith(MARKING):
            assert run.count("\n") == 0 and "${{" not in run, "the title reaches the script as data, not as shell"
            continue
        for command in ("pip", "policy-reader", "mkdocs", "python", "npm", "make"):
            assert command not in run, f"{name} runs {command}"
        text = yaml.safe_dump(step)
        for untrusted in ("head_ref", "head_branch", "pull_request.title", "pull_request.body", "head.ref"):
            assert untrusted not in text, f"{name} reads {untrusted}, which a fork controls"


def job_steps(data: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return list(data["jobs"][job]["steps"])


def test_every_page_is_marked_before_it_is_published() -> None:
    publish = job_steps(workflow("pr-preview.yml"), "publish")
    kinds = [str(s.get("uses", "")).split("@")[0] or s["run"].split(" -m ")[-1].split()[0] for s in publish]
    assert kinds == [
        "actions/checkout",
        "actions/download-artifact",
        "build_tools.finish.preview_banner",
        "JamesIves/github-pages-deploy-action",
        "actions/github-script",
    ]
    (checkout, _download, marking, *_rest) = publish
    assert checkout.get("with", {}).get("persist-credentials") is False
    assert marking["run"].startswith(MARKING)
    assert marking["env"]["PR_TITLE"] == "${{ needs.find.outputs.title }}"
    assert marking["env"]["PREVIEW"] == _download["with"]["path"]


def github_condition(expression: str, **values: str) -> bool:
    """A GitHub `if:` expression of this workflow, evaluated with the given context values.

    Only what these conditions use: `always()`, `&&`, `||`, `==`, `!=`, string literals, and
    dotted names (empty string when not given), with GitHub's truthiness of strings.
    """
    text = " ".join(expression.split())
    parts = re.findall(r"always\(\)|&&|\|\||==|!=|\(|\)|'[^']*'|[A-Za-z_][\w.-]*", text)
    assert "".join(parts) == text.replace(" ", ""), f"unexpected syntax in {expression!r}"
    python = []
    for part in parts:
        if part == "always()":
            python.append("True")
        elif part in ("&&", "||"):
            python.append(" and " if part == "&&" else " or ")
        elif part in ("==", "!=", "(", ")") or part.startswith("'"):
            python.append(part)
        else:
            python.append(repr(values.get(part, "")))
    return bool(eval("".join(python)))  # noqa: S307 (the workflow's own condition, over literals only)


FIND_OK = {"needs.find.result": "success", "needs.find.outputs.number": "12"}
GATE = [
    # (trusted author, what became of the approval job, published)
    ("true", "skipped", True),
    ("false", "success", True),  # a maintainer approved this run
    ("false", "failure", False),  # rejected, or no required reviewers
    ("false", "cancelled", False),
    ("false", "skipped", False),
]


@pytest.mark.parametrize(("trusted", "approval", "published"), GATE)
def test_a_strangers_preview_waits_for_a_maintainer(trusted: str, approval: str, published: bool) -> None:
    jobs = workflow("pr-preview.yml")["jobs"]
    assert jobs["approve"]["environment"] == "pr-preview" and jobs["approve"]["needs"] == "find"
    assert github_condition(jobs["approve"]["if"], **FIND_OK, **{"needs.find.outputs.trusted": trusted}) == (
        trusted != "true"
    )
    assert set(jobs["publish"]["needs"]) == {"find", "approve"}
    values = {**FIND_OK, "needs.find.outputs.trusted": trusted, "needs.approve.result": approval}
    assert github_condition(jobs["publish"]["if"], **values) is published
    nothing_found = {**values, "needs.find.outputs.number": ""}
    assert github_condition(jobs["publish"]["if"], **nothing_found) is False


def test_trusted_means_this_repositorys_branches_and_its_owner_members_and_collaborators() -> None:
    (_checkout, find) = job_steps(workflow("pr-preview.yml"), "find")
    script = find["with"]["script"]
    assert '["OWNER", "MEMBER", "COLLABORATOR"].includes(pull.author_association)' in script
    assert "pull.head.repo.full_name === `${context.repo.owner}/${context.repo.repo}`" in script
    assert 'core.setOutput("title", pull.title)' in script


def test_the_approval_refuses_an_environment_nobody_reviews() -> None:
    data = workflow("pr-preview.yml")
    (gate,) = job_steps(data, "approve")
    assert 'rule.type === "required_reviewers"' in gate["with"]["script"] and "setFailed" in gate["with"]["script"]
    assert data["jobs"]["approve"]["permissions"] == {"actions": "read"}


def test_a_waiting_preview_holds_up_nothing_else_on_gh_pages() -> None:
    data = workflow("pr-preview.yml")
    assert "concurrency" not in data, "a run waiting for approval would block main's deploy"
    assert "concurrency" not in data["jobs"]["approve"]
    assert data["jobs"]["publish"]["concurrency"]["group"] == workflow("deploy.yml")["concurrency"]["group"]


def test_main_keeps_the_previews_when_it_publishes() -> None:
    (publish,) = (s for s in steps(workflow("deploy.yml")) if "github-pages-deploy-action" in str(s.get("uses", "")))
    assert publish["with"]["branch"] == "gh-pages"
    assert publish["with"]["clean-exclude"] == "pr-preview/"


def test_the_scripts_the_preview_requires_are_the_default_branchs_own() -> None:
    data = workflow("pr-preview.yml")
    for job in ("find", "publish"):
        job_all = job_steps(data, job)
        assert str(job_all[0]["uses"]).startswith("actions/checkout") and "ref" not in job_all[0].get("with", {})
        for step in job_all:
            for path in re.findall(r'require\("\./([^"]+)"\)', step.get("with", {}).get("script", "")):
                assert (ROOT / path).is_file(), path
                checked = subprocess.run(["node", "--check", str(ROOT / path)], capture_output=True, text=True)
                assert checked.returncode == 0, checked.stderr
