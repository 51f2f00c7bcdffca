"""The README's two set-up commands are the ones CI runs."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text, re.S)
    assert block, "the README has no ```sh block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_starts_with_exactly_two_commands() -> None:
    build, test = readme_commands()
    assert "policy-reader build" in build and "pip install" in build
    assert "pytest" in test and ".[test]" in test


@pytest.mark.parametrize("command", readme_commands(), ids=["build", "test"])
def test_both_install_the_pinned_set(command: str) -> None:
    assert "-c constraints.txt" in command
    pinned = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    for package in ("mkdocs", "mkdocs-material", "pymdown-extensions"):
        assert re.search(rf"^{package}==\d", pinned, re.M | re.I), f"{package} is not pinned in constraints.txt"


def test_ci_runs_both_readme_commands_in_a_copy_placed_in_an_empty_folder() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert all(command in ci for command in readme_commands())
    first_command = ci.index(readme_commands()[0])
    assert any("mktemp -d" in line for line in ci[:first_command])
    assert any(line.startswith("cd ") and "$empty" in line for line in ci[:first_command])


def test_nothing_in_the_repository_reads_a_path_beside_it() -> None:
    beside = "../" + "shared"  # spelt in two, so that this file does not name it
    ours = [ROOT / ".ci" / "run", ROOT / "mkdocs.yml", ROOT / "pyproject.toml"]
    for folder in ("build_tools", "tests", "benchmarks", ".github"):
        ours += [p for p in (ROOT / folder).rglob("*") if p.suffix in {".py", ".js", ".yml", ".yaml", ".json"}]
    offenders = []
    for path in ours:
        name = path.relative_to(ROOT).as_posix()
        if "node_modules" not in path.parts:
            text = path.read_text(encoding="utf-8", errors="replace")
            if beside in text or re.search(r"\.parent\s*/\s*\"shared\"", text):
                offenders.append(name)
    assert offenders == [], f"these files read a path outside the repository: {offenders}"
