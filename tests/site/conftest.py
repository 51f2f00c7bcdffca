"""A project with a site to finish (built once, copied for each test); a folder or a disk that refuses writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import copy_project, made_once, run


@pytest.fixture(scope="session")
def plain_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project with `plain-site/` built by MkDocs + Material alone (no plugin), as any generator leaves it."""

    def build(folder: Path) -> None:
        result = run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "plain-site"],
            cwd=copy_project(folder / "project"),
            POLICY_READER_ENABLED="false",
        )
        assert result.returncode == 0, result.stderr

    return made_once(tmp_path_factory, "plain", build) / "project"


@pytest.fixture
def unfinished(plain_built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the project and its plain site (`plain-site/`), for `finish` to work on."""
    project = tmp_path / "project"
    shutil.copytree(plain_built, project, symlinks=True)
    return project


def temporary_files(folder: Path) -> list[str]:
    """What a staged write leaves if it fails to clean up: hidden ``.NAME-….tmp`` files."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob(".*.tmp"))


@contextmanager
def refusing_writes(folder: Path) -> Iterator[None]:
    """Make `folder` refuse new files, for real: its mode for a user; for root, whom modes do not stop,
    the immutable attribute (`chattr +i`)."""
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(mode)
        return
    made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"root ignores modes, and chattr +i failed here: {made.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


@contextmanager
def small_disk(mount_point: Path, kib: int) -> Iterator[Path]:
    """A real disk of `kib` KiB at `mount_point` (a tmpfs: needs root's mount); skips where there is none."""
    mount_point.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a small disk of its own needs root's mount")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small disk here: {made.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=True)


def read_only(mount_point: Path) -> None:
    """Remount the small disk at `mount_point` read-only."""
    subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)


def folder_size_kib(folder: Path) -> int:
    """What the files below `folder` take, in KiB (rounded up per file, as a disk stores them)."""
    return sum(-(-p.stat().st_size // 4096) * 4 for p in folder.rglob("*") if p.is_file())
