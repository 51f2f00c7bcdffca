"""`finish` shows its progress: redrawn in place on a terminal, one summary line in a log, nothing with --quiet."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from build_tools.common.progress import Progress
from tests.conftest import policy_reader


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_terminal_sees_pages_done_the_rate_and_what_is_left() -> None:
    terminal, clock = Terminal(), Clock()
    progress = Progress("finish", stream=terminal, clock=clock)
    progress.start(40)
    for _ in range(10):
        clock.now += 0.0625
        progress.advance()
    assert progress.line(clock.now) == "finish: 10/40 pages, 16 pages/s, 30 left, about 2 s"
    assert terminal.getvalue().split("\r\x1b[K")[-1].startswith("finish: 9/40 pages")  # drawn 0.1 s ago
    for _ in range(30):
        clock.now += 0.0625
        progress.advance()
    progress.end()
    lines = terminal.getvalue().split("\r\x1b[K")
    assert "finish: 40/40 pages, 16 pages/s, 0 left" in lines
    assert lines[-1] == "finish: 40 pages in 2.5 s (16 pages/s)\n"
    assert len(lines) < 40  # redrawn at most ten times a second, not once a page


def test_a_log_gets_one_summary_line_and_quiet_gets_nothing() -> None:
    log, clock = io.StringIO(), Clock()
    progress = Progress("finish", stream=log, clock=clock)
    progress.start(3)
    for _ in range(3):
        clock.now += 1
        progress.advance()
    assert log.getvalue() == ""
    progress.end()
    assert log.getvalue() == "finish: 3 pages in 3.0 s (1 pages/s)\n"
    quiet = Terminal()
    silent = Progress("finish", stream=quiet, quiet=True, clock=clock)
    silent.start(3)
    silent.advance(3)
    silent.end()
    assert quiet.getvalue() == ""


def test_the_command_prints_its_summary_unless_quiet(unfinished: Path) -> None:
    project = unfinished  # the real project, its plain build (made once for the run) copied
    for quiet in (False, True):
        site = project / f"progress-site-{quiet}"
        shutil.copytree(project / "plain-site", site)
        result = policy_reader(project, "finish", site.name, "--no-cache", *(["--quiet"] if quiet else []))
        assert result.returncode == 0, result.stderr
        summary = re.findall(r"^finish: (\d+) pages in [\d.]+ s \(\d+ pages/s\)$", result.stderr, re.M)
        assert summary == ([] if quiet else [re.search(r"(\d+) page\(s\) finished", result.stdout).group(1)])  # type: ignore[union-attr]
        assert "\r" not in result.stderr
