"""Facts the README and the guides state that must stay true: the README's two set-up commands are the ones
CI runs, every link leads to a file, every dependency is there for a stated reason. Not their wording."""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT, ZENSICAL_BUILD

README = ROOT / "README.md"
#: The README and the guides it sends each reader to.
GUIDES = ("README.md", "CONTRIBUTING.md", "ARCHITECTURE.md", "MAINTAINING.md", "EDITING.md", "benchmarks/RESULTS.md")
_FENCED = re.compile(r"^```.*?^```", re.M | re.S)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def readme_commands() -> list[str]:
    """The lines of the README's first code block: the set-up commands."""
    block = re.search(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert block, "the README has no ```sh block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_starts_with_exactly_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert text.index("```sh") == text.index("```"), "the set-up commands are not the README's first code block"
    build, test = readme_commands()
    assert "policy-reader build" in build and "pip install" in build
    assert "pytest" in test and ".[test]" in test


def test_the_readme_is_at_most_200_lines() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 200, f"README.md has {len(lines)} lines: move the detail into a guide it links to"


@pytest.mark.parametrize("command", readme_commands(), ids=["build", "test"])
def test_both_install_the_pinned_set(command: str) -> None:
    assert "-c constraints.txt" in command
    pinned = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    for package in ("mkdocs", "mkdocs-material", "pymdown-extensions"):
        assert re.search(rf"^{package}==\d", pinned, re.M | re.I), f"{package} is not pinned in constraints.txt"


def ci_lines() -> list[str]:
    return [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]


def test_ci_runs_both_readme_commands_in_a_copy_placed_in_an_empty_folder() -> None:
    ci = ci_lines()
    assert all(command in ci for command in readme_commands())
    first_command = ci.index(readme_commands()[0])
    assert any("mktemp -d" in line for line in ci[:first_command])
    assert any(line.startswith("cd ") and "$empty" in line for line in ci[:first_command])


def test_ci_runs_them_under_debians_python_and_the_default_one() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "system_python=/usr/bin/python3" in ci
    assert 'default_python="$(command -v python3)"' in ci
    # Both Pythons: the whole suite under one, both builds and the fast lane under the other.
    assert re.search(r'readme_commands_under "\$full"', ci)
    fast_lane = r"PYTEST_ADDOPTS=\"-m 'not browser and not site'\"; readme_commands_under \"\$default_python\""
    assert re.search(fast_lane, ci)


def test_ci_lints_the_browser_scripts_before_the_slow_suite() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert '"$repo/.ci/lint-js"' in ci
    assert ci.index('"$repo/.ci/lint-js"') < ci.index('(readme_commands_under "$full" full)')
    lint = (ROOT / ".ci" / "lint-js").read_text(encoding="utf-8")
    assert "npm ci" in lint and "eslint.config.mjs" in lint and "build_tools/assets" in lint


def markdown_links(path: Path) -> list[str]:
    """The targets of the links and images in a Markdown file, code left out."""
    text = _INLINE_CODE.sub("", _FENCED.sub("", path.read_text(encoding="utf-8")))
    return _LINK.findall(text)


def heading_anchors(path: Path) -> set[str]:
    """The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as hyphens."""
    headings = re.findall(r"^#+ (.+)$", _FENCED.sub("", path.read_text(encoding="utf-8")), re.M)
    return {re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-") for heading in headings}


@pytest.mark.parametrize("guide", GUIDES)
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(guide: str) -> None:
    source = ROOT / guide
    broken = []
    for target in markdown_links(source):
        if re.match(r"[a-z]+:", target):
            continue  # an address on the web
        file_part, _, anchor = target.partition("#")
        linked = (source.parent / file_part).resolve() if file_part else source
        if not linked.exists() or ROOT.resolve() not in [linked, *linked.parents]:
            broken.append(f"{target}: no such file in the repository")
        elif anchor and linked.suffix == ".md" and anchor not in heading_anchors(linked):
            broken.append(f"{target}: {linked.name} has no heading with that anchor")
    assert broken == [], f"{guide} links to what is not there: {broken}"


def test_the_readme_links_to_each_guide() -> None:
    linked = {target.partition("#")[0] for target in markdown_links(README)}
    assert set(GUIDES) - {"README.md"} <= linked


#: A package's name in the table: a PyPI name, or an npm one, maybe scoped (@eslint/js).
_PACKAGE_NAME = r"@?[A-Za-z][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_.-]+)?"


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


#: Folders no package.json of ours is in: installed packages, environments, caches and built sites.
_NOT_OURS = {".git", ".venv", "node_modules", "site", ".cache", ".policy-reader-cache", "__pycache__"}


def npm_package_files() -> list[Path]:
    """Every package.json of the repository (the browser tests', the benchmark's, the linter's)."""
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in _NOT_OURS]
        found += [Path(folder) / "package.json"] if "package.json" in files else []
    return found


def npm_dependencies() -> set[str]:
    names: set[str] = set()
    for path in npm_package_files():
        package = json.loads(path.read_text(encoding="utf-8"))
        names |= {*package.get("dependencies", {}), *package.get("devDependencies", {})}
    return names


def test_every_dependency_is_in_the_table_with_its_reason() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = [
        *project["build-system"]["requires"],
        *project["project"]["dependencies"],
        *(r for extra in project["project"]["optional-dependencies"].values() for r in extra),
    ]
    names = {normalised(re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0]) for requirement in requirements}
    # npm packages too: each package.json's, the linter's in .ci/js as much as the tests' and the benchmark's.
    assert len(npm_package_files()) >= 3
    names |= {normalised(name) for name in npm_dependencies()}
    table = README.read_text(encoding="utf-8").split("\n## Dependencies and why\n", 1)
    assert len(table) == 2, "the README has no section 'Dependencies and why'"
    named: dict[str, str] = {}
    for row in re.findall(r"^\| (.+?) \| (.*?) \|$", table[1], re.M):
        for package in re.findall(_PACKAGE_NAME, re.sub(r"\(.*?\)|\[.*?\]", "", row[0])):
            named[normalised(package)] = row[1].strip()
    missing = sorted(name for name in names if not named.get(name))
    assert missing == [], f"no row of the README's dependencies table says why these are there: {missing}"


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


def test_ci_runs_the_zensical_build_the_architecture_guide_shows() -> None:
    script = ZENSICAL_BUILD.read_text(encoding="utf-8")
    assert script.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail" in script
    assert os.access(ZENSICAL_BUILD, os.X_OK)
    assert '/zensical" build' in script and '/policy-reader" finish site/' in script
    assert ".ci/zensical-build" in (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    ci = ci_lines()
    # In the clone, after the MkDocs build and before the tests.
    # As a new user runs it: installing its own tools, whatever the environment says.
    assert (
        ci.index(readme_commands()[0])
        < ci.index("POLICY_READER_TOOLS= .ci/zensical-build")
        < ci.index(readme_commands()[1])
    )


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
