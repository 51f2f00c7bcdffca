"""The hostile project (see `hostile_project`), imported, built once by a real `mkdocs build --strict`, served."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import policy_reader, run
from tests.escaping.hostile_project import write_hostile_project
from tests.search.conftest import serve


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The hostile project after `import` and a build for the address it is served at: (project, base URL)."""
    project = write_hostile_project(tmp_path_factory.mktemp("hostile") / "project")
    imported = policy_reader(project, "import")
    assert imported.returncode == 0, imported.stderr
    with serve(project / "site") as base:
        built = run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, SITE_URL=base)
        assert built.returncode == 0, built.stderr
        assert "Traceback" not in built.stderr
        yield project, base
