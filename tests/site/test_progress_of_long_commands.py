"""`import` and `package` show their progress as `finish` does: redrawn on a terminal, one summary line in a
log, nothing with --quiet. `package`'s MkDocs runs in a process of its own, whose output is captured: its
progress still reaches the terminal the command was started from."""

from __future__ import annotations

import io
import os
import pty
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from build_tools.common.progress import Progress, counted
from tests.conftest import policy_reader
from tests.finish.test_progress import Clock, Terminal

#: A summary line, as `Progress.end` writes it: step, count, unit.
SUMMARY = re.compile(r"^([\w ,]+): (\d+) ([\w ]+) in [\d.]+ s \(\d+ [\w ]+/s\)$", re.M)


def test_counted_advances_once_an_item_is_dealt_with() -> None:
    terminal, clock = Terminal(), Clock()
    progress = Progress("import", "source pages", stream=terminal, clock=clock)
    seen = []
    for item in counted(["a", "b", "c"], progress):
        seen.append((item, progress.done))  # not yet counted while the loop works on it
        clock.now += 1
    assert seen == [("a", 0), ("b", 1), ("c", 2)]
    assert (progress.total, progress.done) == (3, 3)
    assert terminal.getvalue().endswith("import: 3/3 source pages, 1 source pages/s, 0 left")


def test_a_failed_step_leaves_no_half_line_before_its_error() -> None:
    terminal, clock = Terminal(), Clock()
    progress = Progress("import", "source pages", stream=terminal, clock=clock)
    progress.start(10)
    progress.advance()
    progress.abandon()
    assert terminal.getvalue().endswith("\r\x1b[K")  # the error is printed from the start of a clean line
    log = io.StringIO()
    in_log = Progress("import", stream=log)
    in_log.start(10)
    in_log.advance()
    in_log.abandon()
    assert log.getvalue() == ""


def test_import_prints_the_source_pages_it_read_unless_quiet(project: Path) -> None:
    sources = len(list((project / "sources").glob("*.txt")))
    shutil.rmtree(project / "docs" / "gansu-2021-digital-development")
    result = policy_reader(project, "import")
    assert result.returncode == 0, result.stderr
    assert "wrote docs/gansu-2021-digital-development/index.md" in result.stdout
    assert SUMMARY.findall(result.stderr) == [("import", str(sources), "source pages")]
    assert "\r" not in result.stderr
    quiet = policy_reader(project, "import", "--quiet")
    assert quiet.returncode == 0 and "docs/ is up to date" in quiet.stdout
    assert SUMMARY.findall(quiet.stderr) == []


def _zip_files(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return len(archive.infolist())


def test_package_prints_each_step_in_a_log_and_nothing_when_quiet(project: Path) -> None:
    result = policy_reader(project, "package", "-o", "site.zip")
    assert result.returncode == 0, result.stderr
    steps = SUMMARY.findall(result.stderr)
    assert [step for step, _count, _unit in steps] == ["MkDocs, Markdown", "MkDocs, pages", "finish", "zip"]
    pages = len(list((project / "docs").rglob("*.md")))
    assert steps[0][1:] == steps[1][1:] == (str(pages), "pages")
    assert steps[3][1:] == (str(_zip_files(project / "site.zip")), "files")
    assert "\r" not in result.stderr
    quiet = policy_reader(project, "package", "-o", "quiet.zip", "--quiet")
    assert quiet.returncode == 0, quiet.stderr
    assert SUMMARY.findall(quiet.stderr) == [] and "pages/s" not in quiet.stderr


def test_package_on_a_terminal_redraws_mkdocs_progress_there(project: Path) -> None:
    leader, follower = pty.openpty()
    command = [sys.executable, "-m", "build_tools", "package", "-o", "site.zip"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=follower) as process:
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the command has ended and closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        assert process.wait() == 0, shown.decode("utf-8", "replace")[-3000:]
    os.close(leader)
    text = shown.decode("utf-8")
    pages = len(list((project / "docs").rglob("*.md")))
    # Drawn in place by MkDocs' process, on the terminal the command was started from …
    assert f"\r\x1b[KMkDocs, pages: {pages}/{pages} pages, " in text
    assert re.search(r"\r\x1b\[Kfinish: \d+/\d+ pages, \d+ pages/s, \d+ left", text)
    # … each step ending in its summary, in place of its line.
    summaries = [line.rsplit("\x1b[K", 1)[-1] for line in text.replace("\r\n", "\n").split("\n")]
    steps = [match.group(1) for line in summaries if (match := SUMMARY.match(line))]
    assert steps == ["MkDocs, Markdown", "MkDocs, pages", "finish", "zip"]
