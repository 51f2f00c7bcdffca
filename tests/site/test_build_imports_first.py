"""`policy-reader build` builds what sources/ says today: it imports again first when a source, a manifest,
the importer or the day changed since docs/ was imported, and not otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import copy_project, policy_reader
from tests.importer.importer_support import snapshot

MANIFEST = "sources/data-security-law-2021.yaml"
TITLE = "中华人民共和国数据安全法"
EDITED = "中华人民共和国数据安全法(编者改题)"


def built_title(project: Path) -> str:
    page = (project / "site" / "data-security-law-2021" / "index.html").read_text(encoding="utf-8")
    return EDITED if EDITED in page else TITLE


def test_a_manifest_edited_then_built_shows_the_edit_and_a_build_with_nothing_changed_imports_nothing(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "project")
    first = policy_reader(project, "build")
    assert first.returncode == 0, first.stderr
    assert "imported sources/ first" not in first.stderr  # the copied docs/ is what sources/ makes today
    docs = snapshot(project / "docs")

    manifest = project / MANIFEST
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(TITLE, EDITED, 1), encoding="utf-8")
    edited = policy_reader(project, "build")
    assert edited.returncode == 0, edited.stderr
    assert "imported sources/ first: " in edited.stderr, edited.stderr
    assert built_title(project) == EDITED
    assert snapshot(project / "docs") != docs

    docs = snapshot(project / "docs")
    again = policy_reader(project, "build")
    assert again.returncode == 0, again.stderr
    assert "imported sources/ first" not in again.stderr
    assert snapshot(project / "docs") == docs


def test_a_source_that_no_longer_imports_fails_the_build_at_its_line_and_leaves_the_site(
    built_site: Path, tmp_path: Path
) -> None:
    # The real project as a build left it (the one the suite builds once), to break and build again.
    project = tmp_path / "project"
    shutil.copytree(built_site.parent, project, symlinks=True)
    site, docs = snapshot(project / "site"), snapshot(project / "docs")
    manifest = project / MANIFEST
    manifest.write_text(manifest.read_text(encoding="utf-8") + "date: [\n", encoding="utf-8")
    broken = policy_reader(project, "build")
    assert broken.returncode != 0
    assert MANIFEST in broken.stderr and "Traceback" not in broken.stderr, broken.stderr
    assert snapshot(project / "site") == site and snapshot(project / "docs") == docs
