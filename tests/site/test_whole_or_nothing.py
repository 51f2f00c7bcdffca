"""Whole or nothing: `import`, `finish` and `build` put a run's files in place together or not at all, one at a time.

Stopped (Ctrl-C, a failure) the site and docs/ are as the last whole run left them, and the next
run works; a second run while one is writing is refused with a message naming the first.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_tools.commands.cli import EXIT_INTERRUPTED, main
from build_tools.common.project_lock import LOCK_FILE, project_lock
from build_tools.finish.page import is_finished
from tests.conftest import copy_project
from tests.importer.importer_support import snapshot
from tests.site.conftest import temporary_files
from tests.site.test_failures import SITE, policy_reader_in_process, retitle_gansu

NOTE = "- id: a-new-note\n  target: {article: innovation-highland, measure: measure-2}\n  body: 新写的注释。\n"


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "build_tools", *args]


def finished_pages(site: Path) -> dict[str, bool]:
    return {
        p.relative_to(site).as_posix(): is_finished(p.read_text(encoding="utf-8"))
        for p in site.rglob("*.html")
        if "assets" not in p.parts
    }


def wait_until_it_holds_the_lock(project: Path, run: subprocess.Popen[str]) -> None:
    """Until `run` has started its work: it names itself in the project's lock file."""
    lock = project / LOCK_FILE
    for _ in range(6000):
        if run.poll() is not None or (lock.exists() and f"process {run.pid}:" in lock.read_text(encoding="utf-8")):
            return
        time.sleep(0.01)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_ctrl_c_during_finish_leaves_the_site_as_it_was_and_the_next_run_works(
    unfinished: Path, stop: signal.Signals
) -> None:
    plain = snapshot(unfinished / SITE)
    interrupted = 0
    # Ctrl-C at three moments of the run once it holds the project, each on a fresh copy of the site, which
    # fall in different phases of `finish_site` as the suite runs it: at once (the inputs being read, nothing
    # staged), at 0.3 s (the inputs' end, or the pages being read and anchored) and at 0.8 s (the pages being
    # finished and staged; on a quiet machine perhaps done, which is checked as done whole). Moments between
    # these fall in one of the same phases, so they prove nothing more; the writing itself is stopped exactly
    # by the test below.
    for attempt, delay in enumerate((0.0, 0.3, 0.8)):
        site = unfinished / f"site-{attempt}"
        subprocess.run(["cp", "-a", str(unfinished / SITE), str(site)], check=True)
        with subprocess.Popen(
            command("finish", str(site), "--no-cache"),
            cwd=unfinished,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ) as run:
            wait_until_it_holds_the_lock(unfinished, run)
            time.sleep(delay)
            run.send_signal(stop)
            _out, err = run.communicate(timeout=120)
        assert "Traceback" not in err, err
        if run.returncode in (0, -stop):
            # Done before the signal came: finished whole. A signal in the instant between the command's
            # end (its handler given back) and the process's exit kills it as any process is (-stop).
            assert "stopped; nothing is half-written" not in err
            assert all(finished_pages(site).values()), err
            assert temporary_files(site) == []
            continue
        interrupted += 1
        assert run.returncode == 128 + stop, err
        assert "stopped; nothing is half-written" in err
        assert snapshot(site) == plain
        assert temporary_files(site) == []
        again = subprocess.run(
            command("finish", str(site), "--no-cache"), cwd=unfinished, capture_output=True, text=True, check=False
        )
        assert again.returncode == 0, again.stderr
        assert all(finished_pages(site).values())
    assert interrupted, "no Ctrl-C came while finish was running: each run ended before it"


def test_ctrl_c_while_the_files_are_written_leaves_the_last_finished_site(
    unfinished: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C exactly while the run writes its files (the second of them), over a site finished before."""
    site = unfinished / SITE
    assert policy_reader_in_process(unfinished, capsys, "finish", str(site))[0] == 0
    finished = snapshot(site)
    (unfinished / "annotations" / "new-note.yaml").write_text(NOTE, encoding="utf-8")
    real_fchmod, calls = os.fchmod, []

    def fchmod(handle: int, mode: int) -> None:
        calls.append(handle)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_fchmod(handle, mode)

    monkeypatch.setattr(os, "fchmod", fchmod)
    status, _out, err = policy_reader_in_process(unfinished, capsys, "finish", str(site))
    monkeypatch.undo()
    assert len(calls) == 2
    assert status == EXIT_INTERRUPTED
    assert "stopped" in err
    assert snapshot(site) == finished
    assert temporary_files(site) == []
    status, _out, err = policy_reader_in_process(unfinished, capsys, "finish", str(site))
    assert status == 0, err
    assert "a-new-note" in (site / "gansu-2021-digital-development/innovation-highland/index.html").read_text(
        encoding="utf-8"
    )


def test_ctrl_c_during_import_leaves_docs_as_they_were(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")
    retitle_gansu(project)
    docs = snapshot(project / "docs")
    real_fchmod = os.fchmod
    calls: list[int] = []

    def fchmod(handle: int, mode: int) -> None:
        calls.append(handle)
        if len(calls) == 3:  # the third of the three pages the edit changes
            raise KeyboardInterrupt
        real_fchmod(handle, mode)

    monkeypatch.setattr(os, "fchmod", fchmod)
    status, _out, _err = policy_reader_in_process(project, capsys, "import")
    monkeypatch.undo()
    assert status == EXIT_INTERRUPTED
    assert snapshot(project / "docs") == docs
    assert temporary_files(project / "docs") == []


@pytest.mark.parametrize(
    "args", [("import",), ("finish", SITE), ("build",), ("package", "--output", "out.zip")], ids=lambda a: a[0]
)
def test_a_second_run_is_refused_while_another_holds_the_project(
    unfinished: Path, args: tuple[str, ...], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # In this process: the lock is the kernel's on an open file, which a second opening here contends for as
    # another process's would (the two runs at once below are two processes).
    retitle_gansu(unfinished)
    monkeypatch.chdir(unfinished)
    with project_lock(unfinished, "policy-reader build (held by the test)"):
        before = snapshot(unfinished)
        status, _out, err = policy_reader_in_process(unfinished, capsys, *args)
        assert snapshot(unfinished) == before
    assert status == 1
    assert f"error: {LOCK_FILE}: another policy-reader command is writing in this project now" in err
    assert f"(process {os.getpid()}: policy-reader build (held by the test), since " in err
    assert "fix: wait for it to end (or stop it), then run this command again" in err


def test_two_builds_at_once_one_builds_the_whole_site_and_the_other_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    runs = [
        subprocess.Popen(command("build"), cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [(run.communicate(timeout=300)[1], run.returncode)[::-1] for run in runs]
    assert sorted(status for status, _err in results) == [0, 1], results
    refused = next(err for status, err in results if status == 1)
    assert "another policy-reader command is writing in this project now (process " in refused
    assert "policy-reader build, since" in refused
    pages = finished_pages(project / "site")
    assert len(pages) > 10 and all(pages.values())
    assert (project / "site").stat().st_mode & 0o777 == 0o777 & ~current_umask()
    assert sorted(p.name for p in project.iterdir() if ".building-" in p.name) == []


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_ctrl_c_during_build_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the site as the last build left it\n", encoding="utf-8")
    with subprocess.Popen(
        command("build"), cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as run:
        for _ in range(600):  # until MkDocs has begun writing the new site beside the old
            if any(".site.building-" in p.name for p in project.iterdir()) or run.poll() is not None:
                break
            time.sleep(0.05)
        time.sleep(0.5)
        run.send_signal(signal.SIGINT)
        _out, err = run.communicate(timeout=120)
    assert run.returncode == EXIT_INTERRUPTED, err
    assert "Traceback" not in err
    assert snapshot(project / "site") == {"index.html": b"the site as the last build left it\n"}
    assert [p.name for p in project.iterdir() if ".building-" in p.name] == []


@pytest.mark.site  # `build` in this process runs mkdocs in a subprocess
def test_a_failed_build_leaves_the_site_as_it_was(project: Path, capfd: pytest.CaptureFixture[str]) -> None:
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the site as the last build left it\n", encoding="utf-8")
    (project / "glossary.yaml").write_text("terms: [\n", encoding="utf-8")
    status = main(["--root", str(project), "build", "--quiet"])
    assert status == 1
    assert "glossary.yaml:" in capfd.readouterr().err
    assert snapshot(project / "site") == {"index.html": b"the site as the last build left it\n"}
    assert [p.name for p in project.iterdir() if ".building-" in p.name] == []
