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


def _imported_rooms(path: str) -> set[str]:
    import ast

    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    names = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    return {name.split(".")[1] for name in names if name.startswith("build_tools.")}


def test_the_mkdocs_adapter_reaches_the_reader_only_through_the_step_over_the_built_site() -> None:
    # Marking terms, placing notes, the search index: none of it is the plugin's own to call.
    rooms = _imported_rooms("build_tools/generators/mkdocs/plugin.py")
    assert "finish" in rooms
    assert not rooms & {"annotations", "search"}, rooms


def test_the_step_over_the_built_site_never_reaches_back_into_a_generator() -> None:
    for path in sorted((ROOT / "build_tools" / "finish").glob("*.py")):
        assert "generators" not in _imported_rooms(str(path.relative_to(ROOT))), path
