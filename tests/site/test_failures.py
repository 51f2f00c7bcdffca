"""No traceback, ever: each way a run can fail ends in a message naming the file and the fix, and a non-zero exit.

Where the system must really refuse (a folder we may not write, a full or read-only disk), it
does: a folder made immutable (root) or read-only (a user), a small tmpfs of its own. Each
failed run must leave what it was writing as it was, with no temporary file behind.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.commands import actions
from build_tools.commands.cli import EXIT_CLOSED_PIPE, EXIT_INTERNAL
from build_tools.common.system_errors import os_error
from tests.conftest import copy_project, policy_reader, policy_reader_in_process
from tests.importer.importer_support import PROJECT_GANSU, PROJECT_GANSU_DOCS, PROJECT_GANSU_MANIFEST, snapshot
from tests.site.conftest import folder_size_kib, read_only, refusing_writes, small_disk, temporary_files

SITE = "plain-site"


def retitle_gansu(project: Path) -> None:
    """A manifest edit that changes pages in three folders of docs/: the home page, the year's, the source's."""
    manifest = project / PROJECT_GANSU_MANIFEST
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("推动甘肃高质量发展\n", "推动甘肃高质量发展(修订)\n", 1), encoding="utf-8")


def test_a_source_with_a_bom_and_a_bad_byte_is_named_with_its_line_and_offset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    good = "标题\n作者\n".encode()
    (project / "sources" / "damaged-page.txt").write_bytes(b"\xef\xbb\xbf" + good + "第三段".encode() + b"\xff\n")
    docs = snapshot(project / "docs")
    status, _out, err = policy_reader_in_process(project, capsys, "import")
    assert status == 1
    offset = 3 + len(good) + len("第三段".encode())
    assert "error: sources/damaged-page.txt:3: " in err
    assert f"byte 0xff at offset {offset} is not UTF-8" in err
    assert "fix: re-save the file as UTF-8" in err
    assert snapshot(project / "docs") == docs


def test_an_unwritable_folder_stops_import_before_any_page_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    retitle_gansu(project)
    docs = snapshot(project / "docs")
    with refusing_writes(project / PROJECT_GANSU_DOCS):
        status, _out, err = policy_reader_in_process(project, capsys, "import")
    assert status == 1
    assert f"error: {project / PROJECT_GANSU_DOCS}" in err or f"error: {PROJECT_GANSU_DOCS}" in err
    assert "fix: give your user write access" in err
    # The home page and the year's page were written before the source's folder refused: put back.
    assert snapshot(project / "docs") == docs
    assert temporary_files(project / "docs") == []
    status, out, _err = policy_reader_in_process(project, capsys, "import")
    assert status == 0
    # The source's page, the home page, the year's page and the 文库, which lists the new title too.
    assert "4 page(s) changed" in out


def test_an_unwritable_site_folder_leaves_the_site_unfinished_and_whole(
    unfinished: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = unfinished / SITE
    before = snapshot(site)
    with refusing_writes(site / "gansu-2021-digital-development" / "innovation-highland"):
        status, _out, err = policy_reader_in_process(unfinished, capsys, "finish", str(site))
    assert status == 1
    assert "innovation-highland" in err
    assert "fix: " in err
    assert snapshot(site) == before
    assert temporary_files(site) == []
    status, _out, err = policy_reader_in_process(unfinished, capsys, "finish", str(site))
    assert status == 0, err


def test_a_full_disk_leaves_the_site_as_it_was(
    unfinished: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = unfinished / SITE
    # Room for the site and a little more: finishing it writes about half as much again.
    with small_disk(tmp_path / "disk", folder_size_kib(plain) + 256) as disk:
        site = disk / "site"
        subprocess.run(["cp", "-a", str(plain), str(site)], check=True)
        before = snapshot(site)
        status, _out, err = policy_reader_in_process(unfinished, capsys, "finish", str(site))
        assert status == 1
        assert "No space left on device" in err
        assert f"error: {site}" in err
        assert "fix: free some space on that disk" in err
        assert snapshot(site) == before
        assert temporary_files(site) == []


def test_a_read_only_disk_is_named_with_the_fix(
    unfinished: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with small_disk(tmp_path / "disk", 16 * 1024) as disk:
        site = disk / "site"
        subprocess.run(["cp", "-a", str(unfinished / SITE), str(site)], check=True)
        before = snapshot(site)
        read_only(disk)
        status, _out, err = policy_reader_in_process(unfinished, capsys, "finish", str(site))
        assert status == 1
        assert "Read-only file system" in err
        assert "fix: that disk is mounted read-only" in err
        assert snapshot(site) == before


def test_a_write_failing_midway_leaves_the_site_as_it_was(
    unfinished: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Wherever no small disk can be mounted: the twentieth file the run writes fails as on a full disk."""
    site = unfinished / SITE
    before = snapshot(site)
    real_fchmod, calls = os.fchmod, []

    def fchmod(handle: int, mode: int) -> None:
        calls.append(handle)
        if len(calls) == 20:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(site / "full"))
        real_fchmod(handle, mode)

    monkeypatch.setattr(os, "fchmod", fchmod)
    status, _out, err = policy_reader_in_process(unfinished, capsys, "finish", str(site))
    monkeypatch.undo()
    assert status == 1
    assert "No space left on device" in err
    assert snapshot(site) == before
    assert temporary_files(site) == []


def test_finish_that_cannot_keep_or_write_its_cache_changes_no_page_and_runs_once_it_can(
    unfinished: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two cases, the second going on from the finished site and cache the first leaves: a run that cannot keep
    its cache fails before any page, and runs once it can; the cache is written last, so a run that could not
    write it must not have put its finished pages in."""
    site = unfinished / SITE
    before = snapshot(site)
    blocker = unfinished / ".policy-reader-cache"
    blocker.write_text("a file where finish keeps its cache folder\n", encoding="utf-8")
    status, _out, err = policy_reader_in_process(unfinished, capsys, "finish", str(site))
    assert status == 1
    assert ".policy-reader-cache" in err
    assert "--no-cache" in err
    assert snapshot(site) == before
    blocker.unlink()
    status, out, err = policy_reader_in_process(unfinished, capsys, "finish", str(site))
    assert status == 0, err
    assert "0 unchanged" in out
    status, out, err = policy_reader_in_process(unfinished, capsys, "finish", str(site))
    assert status == 0, err
    assert " 0 page(s) finished" in out

    # A cache that cannot be written, with a note added since the last run.
    cache_folder = unfinished / ".policy-reader-cache"
    (unfinished / "annotations" / "finish-note.yaml").write_text(
        "- id: a-new-note\n  target: {article: innovation-highland, measure: measure-2}\n  body: 新写的注释。\n",
        encoding="utf-8",
    )
    before = snapshot(site)
    with refusing_writes(cache_folder):
        status, _out, err = policy_reader_in_process(unfinished, capsys, "finish", str(site))
    assert status == 1
    assert f"error: {cache_folder}/finish-" in err
    assert "fix: give your user write access to it" in err
    assert snapshot(site) == before
    status, _out, err = policy_reader_in_process(unfinished, capsys, "finish", str(site))
    assert status == 0, err
    assert "a-new-note" in (site / "gansu-2021-digital-development/innovation-highland/index.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("command", ["package --output", "finish plain-site --zip"])
def test_an_output_that_is_a_folder_is_refused_before_any_work(
    unfinished: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    folder = unfinished / "out"
    folder.mkdir()
    site = snapshot(unfinished / SITE)
    *words, option = command.split()
    args = [str(unfinished / w) if w == SITE else w for w in words]
    status, out, err = policy_reader_in_process(unfinished, capsys, *args, option, str(folder))
    assert status == 1
    assert f"error: {folder}: this is a folder; the zip is written to a file" in err
    assert f"fix: name the zip file, e.g. {folder / 'policy-reader.zip'}" in err
    assert "finished" not in out
    assert snapshot(unfinished / SITE) == site
    assert list(folder.iterdir()) == []


def test_a_closed_pipe_ends_inspect_quietly(tmp_path: Path) -> None:
    """`policy-reader inspect --json | head`: the reader has gone before the command writes."""
    project = copy_project(tmp_path / "project")
    command = [sys.executable, "-m", "build_tools", "inspect", "--json", str(PROJECT_GANSU)]
    with subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        err = process.stderr.read().decode()
        assert process.wait(timeout=60) == EXIT_CLOSED_PIPE
    assert err == ""


def test_a_bug_of_ours_is_one_line_that_says_how_to_see_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")

    def broken(*_args: object) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(actions, "check", broken)
    monkeypatch.delenv("POLICY_READER_DEBUG", raising=False)
    status, _out, err = policy_reader_in_process(project, capsys, "check")
    assert status == EXIT_INTERNAL
    assert "failed unexpectedly (ZeroDivisionError: division by zero)" in err
    assert "POLICY_READER_DEBUG=1" in err


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (PermissionError(errno.EACCES, "Permission denied", "site/a.html"), "give your user write access"),
        (OSError(errno.ENOSPC, "No space left on device", "site/a.html"), "free some space"),
        (OSError(errno.EROFS, "Read-only file system", "site/a.html"), "mounted read-only"),
        (IsADirectoryError(errno.EISDIR, "Is a directory", "out"), "not a folder"),
    ],
)
def test_each_refusal_of_the_system_names_the_file_and_a_fix(error: OSError, says: str) -> None:
    message = str(os_error(error))
    assert message.startswith(f"{error.filename}: the system refused to read or write it: {error.strerror}")
    assert says in message


def test_a_build_that_fills_the_disk_names_the_file_and_keeps_the_last_site(tmp_path: Path) -> None:
    """MkDocs' own writes fail here (its traceback held back and said as ours), before the plugin's."""
    project = copy_project(tmp_path / "project")
    with small_disk(tmp_path / "disk", 1024) as disk:
        (disk / "site").mkdir()
        (disk / "site" / "index.html").write_text("the last site\n", encoding="utf-8")
        result = policy_reader(project, "build", "--site-dir", str(disk / "site"))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert f"{disk}/.site.building-" in result.stderr
        assert "the system refused to read or write it: No space left on device" in result.stderr
        assert "fix: free some space on that disk" in result.stderr
        assert snapshot(disk / "site") == {"index.html": b"the last site\n"}
        assert [p.name for p in disk.iterdir()] == ["site"]


def test_a_damaged_generated_page_is_named_by_check_and_written_again_by_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    page = project / PROJECT_GANSU_DOCS / "index.md"
    page.write_bytes(page.read_bytes()[:100] + b"\xff\xfe")
    status, _out, err = policy_reader_in_process(project, capsys, "check")
    assert status == 1
    assert f"error: {PROJECT_GANSU_DOCS}/index.md: this page is not UTF-8 text" in err
    assert "fix: run `policy-reader import` to write it" in err
    status, out, _err = policy_reader_in_process(project, capsys, "import")
    assert status == 0
    assert f"wrote {PROJECT_GANSU_DOCS}/index.md" in out
