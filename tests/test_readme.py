"""The README's two set-up commands are the ones CI runs."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT, zensical_commands


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
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert all(command in ci for command in readme_commands())
    first_command = ci.index(readme_commands()[0])
    assert any("mktemp -d" in line for line in ci[:first_command])
    assert any(line.startswith("cd ") and "$empty" in line for line in ci[:first_command])


def test_ci_runs_them_under_debians_python_and_the_default_one() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "system_python=/usr/bin/python3" in ci
    assert 'default_python="$(command -v python3)"' in ci
    # Both Pythons: the whole suite under one, the tests without a browser under the other.
    assert re.search(r'readme_commands_under "\$full"', ci)
    assert re.search(r"PYTEST_ADDOPTS=\"-m 'not browser'\"; readme_commands_under \"\$default_python\"", ci)


PYTHONS = ["3.11.0", "3.11.2", "3.11.4", "3.11.5", "3.11.7", "3.11.9", "3.12.1", "3.13.0"]


def pins() -> list[tuple[str, str, str]]:
    """Each line of constraints.txt as (normalised name, version, marker or '')."""
    found = []
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            requirement, _, marker = line.partition(";")
            name, _, version = requirement.strip().partition("==")
            found.append((re.sub(r"[-_.]+", "-", name).lower(), version, marker.strip()))
    return found


@pytest.mark.parametrize("python", PYTHONS)
def test_every_package_has_exactly_one_pin_on_each_supported_python(python: str) -> None:
    from packaging.markers import Marker

    environment = {"python_full_version": python, "python_version": python.rsplit(".", 1)[0]}
    chosen: dict[str, list[str]] = {}
    for name, version, marker in pins():
        if not marker or Marker(marker).evaluate(environment):
            chosen.setdefault(name, []).append(version)
    doubled = {name: versions for name, versions in chosen.items() if len(versions) > 1}
    assert doubled == {}
    # A package pinned only for some platforms (librt: not on PyPy) may have no pin here.
    assert {name for name, _, marker in pins() if "platform" not in marker} <= set(chosen)


def test_this_python_runs_the_versions_pinned_for_it() -> None:
    import sys
    from importlib.metadata import PackageNotFoundError, version

    from packaging.markers import Marker

    wrong = {}
    for name, pinned, marker in pins():
        if marker and not Marker(marker).evaluate():
            continue
        try:
            installed = version(name)
        except PackageNotFoundError:
            continue  # an extra this environment did not install
        if installed != pinned:
            wrong[name] = (installed, pinned)
    assert wrong == {}, f"under Python {sys.version.split()[0]}, installed ≠ pinned: {wrong}"


def test_ci_runs_the_readme_zensical_commands_as_written() -> None:
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    commands = zensical_commands()
    assert "zensical build" in " ".join(commands) and "policy-reader finish site/" in " ".join(commands)
    assert all(command in ci for command in commands)
    # In the clone, after the MkDocs build and before the tests.
    assert ci.index(readme_commands()[0]) < ci.index(commands[0]) < ci.index(readme_commands()[1])


def test_zensical_is_installed_pinned_and_with_the_tests() -> None:
    pinned = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    version = re.search(r"^zensical==(\S+)$", pinned, re.M)
    assert version, "zensical is not pinned in constraints.txt"
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    for extra in ("zensical", "test", "bench"):
        assert f"zensical=={version.group(1)}" in extras[extra], f"the {extra} extra lacks zensical"


def climbs_above_the_repository(path: Path, text: str) -> bool:
    """Whether Python code at `path` names a folder above the repository's root."""
    depth = len(path.relative_to(ROOT).parts) - 1  # parents[depth] of the file is the root
    too_far = any(int(n) > depth for n in re.findall(r"\.parents\[(\d+)\]", text))
    return re.search(r"\bROOT\.parent\b|Path\(\s*[\"']\.\.", text) is not None or too_far


def test_nothing_in_the_repository_reads_a_path_beside_it() -> None:
    python = [p for folder in ("build_tools", "tests", "benchmarks") for p in (ROOT / folder).rglob("*.py")]
    offenders = [p.relative_to(ROOT).as_posix() for p in python if climbs_above_the_repository(p, p.read_text("utf-8"))]
    assert offenders == [], f"these files read a path outside the repository: {offenders}"
    # CI climbs from .ci/ to the root, and no further.
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.count("..") == 1
    assert '"$(dirname "$0")/.."' in ci
