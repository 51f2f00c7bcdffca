"""`policy-reader build` and `serve`: MkDocs for this project, without Material's end-of-life notice."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import free_port, policy_reader

NOTICE = "end of life"


def as_a_user_runs(project: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """`python -m COMMAND` in `project` with NO_MKDOCS_2_WARNING not set, as a user runs it."""
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=project, env=env, capture_output=True, text=True, check=False
    )


def test_plain_mkdocs_prints_the_notice_our_build_leaves_out_and_is_given_further_options(project: Path) -> None:
    plain = as_a_user_runs(project, "mkdocs", "build", "--site-dir", "plain")
    # Should Material stop printing it, this wrapper and its README paragraph can go.
    assert NOTICE in plain.stderr + plain.stdout
    # One build proves both: the notice left out, and a further option (--site-dir) passed on to `mkdocs build`.
    ours = as_a_user_runs(project, "build_tools", "build", "--site-dir", "elsewhere")
    assert ours.returncode == 0, ours.stderr
    assert NOTICE not in ours.stderr + ours.stdout
    assert (project / "elsewhere" / "index.html").is_file()
    assert not (project / "site").exists()


def test_other_commands_refuse_unknown_options(project: Path) -> None:
    result = policy_reader(project, "check", "--site-dir", "x")
    assert result.returncode == 2
    assert "unrecognized arguments: --site-dir x" in result.stderr


def test_a_broken_input_fails_the_build_with_its_file_named(project: Path) -> None:
    (project / "glossary.yaml").write_text("terms: [\n", encoding="utf-8")
    result = policy_reader(project, "build")
    assert result.returncode == 1
    assert "glossary.yaml:" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_previews_the_site_quietly(project: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    command = [sys.executable, "-m", "build_tools", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-livereload"]
    server = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        page = b""
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/policy-reader/", timeout=2) as response:
                    page = response.read()
                break
            except OSError:
                time.sleep(0.5)
        assert "政策文本注读".encode() in page
    finally:
        server.terminate()
        printed, _ = server.communicate(timeout=30)
    assert NOTICE not in printed
