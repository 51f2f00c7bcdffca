"""The core never imports MkDocs: only the plugin package does, so the core outlives the theme."""

from __future__ import annotations

import pkgutil
import sys

import build_tools
from tests.conftest import ROOT, run

CORE = sorted(
    m.name
    for m in pkgutil.walk_packages(build_tools.__path__, "build_tools.")
    if not m.name.startswith("build_tools.generators.mkdocs") and m.name != "build_tools.__main__"
)


def test_core_modules_load_without_mkdocs() -> None:
    assert len(CORE) > 20
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith(('mkdocs.', 'material')))\n"
        "print(loaded)\n"
    )
    result = run([sys.executable, "-c", code], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_plugin_is_registered_as_an_entry_point() -> None:
    from importlib.metadata import entry_points

    (plugin,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "policy-reader"]
    assert plugin.value == "build_tools.generators.mkdocs.plugin:PolicyReaderPlugin"
