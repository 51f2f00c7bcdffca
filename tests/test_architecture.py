"""The layers of build_tools/, checked by import-linter against the contracts in pyproject.toml.

Only the MkDocs adapter imports MkDocs, so the core outlives the theme; each folder imports only from
the folders below it (ARCHITECTURE.md, "The layers"). A broken contract fails with lint-imports' own
report, which names each import that breaks it and its line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

from tests.conftest import ROOT


def _lint(config: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    status = lint_imports(config_filenames=(str(config),), no_cache=True, no_logo=True)
    return status, capsys.readouterr().out


def test_every_import_keeps_the_layers_of_pyproject_toml(capsys: pytest.CaptureFixture[str]) -> None:
    status, report = _lint(ROOT / "pyproject.toml", capsys)
    assert status == 0, report
    assert "0 broken" in report and "KEPT" in report, report


def test_an_import_against_a_layer_fails_naming_the_import_and_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The same tool on the same code, with two layers swapped: common/ may not import anything of ours.
    config = tmp_path / "contracts.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "build_tools"\n\n'
        '[[tool.importlinter.contracts]]\nname = "sources below common"\ntype = "layers"\n'
        'layers = ["build_tools.common", "build_tools.sources"]\n',
        encoding="utf-8",
    )
    status, report = _lint(config, capsys)
    assert status != 0
    assert "build_tools.sources is not allowed to import build_tools.common" in report, report
    assert "build_tools.sources.model -> build_tools.common.errors (l." in report, report


def test_the_plugin_is_registered_as_an_entry_point() -> None:
    from importlib.metadata import entry_points

    (plugin,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "policy-reader"]
    assert plugin.value == "build_tools.generators.mkdocs.plugin:PolicyReaderPlugin"


def test_the_finish_step_importing_the_importer_breaks_its_contract(tmp_path: Path) -> None:
    # The real contracts over a copy of the package whose finish step imports the importer, as it once did.
    shutil.copytree(ROOT / "build_tools", tmp_path / "build_tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    site = tmp_path / "build_tools" / "finish" / "site.py"
    site.write_text(site.read_text(encoding="utf-8") + "\nimport build_tools.importer.project\n", encoding="utf-8")
    lines = len(site.read_text(encoding="utf-8").splitlines())
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "pyproject.toml", "--no-cache", "--no-logo"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path), "COLUMNS": "400"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0, result.stdout
    assert "never imports the importer: it reads sources/ through build_tools.sources BROKEN" in result.stdout, (
        result.stdout
    )
    assert f"build_tools.finish.site -> build_tools.importer.project (l.{lines})" in result.stdout, result.stdout
    # Only that contract breaks: the layers allow it (finish stands above the importer).
    assert result.stdout.count("BROKEN") == 1, result.stdout
