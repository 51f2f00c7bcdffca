"""Helpers shared by the importer tests: the real pages, the CLI, snapshots of folders."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.conftest import REAL_PAGES, ROOT, Runner, policy_reader

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
GOLDEN = HERE / "golden"

GANSU_NAME = "gansu-2021-digital-development"
GANSU = ROOT / "sources" / f"{GANSU_NAME}.txt"
GANSU_MANIFEST = GANSU.with_suffix(".yaml")
JFJB = REAL_PAGES / "jfjb-xiuyang-2017.txt"

#: The Gansu page's essays, in page order, with the ids its manifest gives them.
GANSU_TITLES = (
    "加强“数字政府”建设 助推“数字经济”发展",
    "努力打造西部创新驱动发展新高地",
    "以“新基建”厚植甘肃经济发展新优势",
)
GANSU_IDS = ("digital-government", "innovation-highland", "new-infrastructure")

#: Where the project copy keeps the Gansu page and its generated pages.
PROJECT_GANSU = Path("sources") / f"{GANSU_NAME}.txt"
PROJECT_GANSU_MANIFEST = PROJECT_GANSU.with_suffix(".yaml")
PROJECT_GANSU_DOCS = Path("docs") / GANSU_NAME


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def file_identities(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file below `folder` with its inode and modification time: both change when a file is rewritten."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def import_ok(project: Path, *files: str, run: Runner | None = None) -> subprocess.CompletedProcess[str]:
    """Run `policy-reader import` (by `run`) in `project` and require it to succeed."""
    result = (run or policy_reader)(project, "import", *files)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def check(project: Path, run: Runner | None = None) -> subprocess.CompletedProcess[str]:
    """Run `policy-reader check` (by `run`) in `project`; it must never crash."""
    result = (run or policy_reader)(project, "check")
    assert "Traceback" not in result.stderr, result.stderr
    return result


def import_refused(
    project: Path, run: Callable[..., subprocess.CompletedProcess[str]] = policy_reader
) -> subprocess.CompletedProcess[str]:
    """Run `policy-reader import` (by `run`) and require it to fail with a message, leaving ``docs/`` as it was."""
    before = snapshot(project / "docs")
    result = run(project, "import")
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert snapshot(project / "docs") == before
    return result
