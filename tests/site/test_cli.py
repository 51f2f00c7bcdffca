"""The maintainer's command line: help, version, a project or a refusal, modes the umask says, the site's address."""

from __future__ import annotations

import runpy
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from build_tools.commands.cli import EXIT_USAGE, main
from build_tools.commands.site_url import is_placeholder
from tests.conftest import ROOT, policy_reader_in_process
from tests.site.test_failures import SITE

COMMANDS = ("inspect", "import", "check", "build", "serve", "finish", "package")


def test_run_alone_it_prints_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out.startswith("usage: policy-reader")
    assert all(f"\n    {command} " in out for command in COMMANDS), out
    assert "COMMAND --help" in out
    assert err == ""


def test_python_m_build_tools_is_the_command_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # In this process (the tests that run `python -m build_tools` itself build sites, outside the fast lane).
    monkeypatch.setattr(sys, "argv", ["build_tools", "--version"])
    with pytest.raises(SystemExit) as exit_:
        runpy.run_module("build_tools", run_name="__main__")
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"policy-reader {version('policy-reader')}\n"


def test_version_is_the_installed_package_s(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"policy-reader {version('policy-reader')}\n"


@pytest.mark.parametrize(("command", "says"), [("build", "--site-dir"), ("serve", "--dev-addr")])
def test_build_and_serve_have_help_of_their_own(capsys: pytest.CaptureFixture[str], command: str, says: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: policy-reader {command}")
    assert f"Any further option goes to `mkdocs {command}`" in out
    assert says in out


@pytest.mark.parametrize(
    "args",
    [("import",), ("check",), ("build",), ("serve",), ("package", "-o", "site.zip"), ("finish", "site")],
    ids=lambda args: args[0],
)
def test_outside_a_project_every_command_refuses_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    elsewhere = tmp_path / "not-a-project"
    elsewhere.mkdir()
    (elsewhere / "site").mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(list(args)) == 1
    err = capsys.readouterr().err
    assert f"error: mkdocs.yml: there is no mkdocs.yml in {elsewhere} or any folder above it" in err
    assert "fix: run policy-reader in the project's folder (the one holding mkdocs.yml), or name it with --root" in err
    assert sorted(p.name for p in elsewhere.rglob("*")) == ["site"]
    assert main(["--root", str(elsewhere), *args]) == 1
    assert "fix: name the folder holding the project's mkdocs.yml with --root" in capsys.readouterr().err
    assert sorted(p.name for p in elsewhere.rglob("*")) == ["site"]


def test_inspect_reads_a_page_from_anywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["inspect", str(ROOT / "sources" / "gansu-2021-digital-development.txt")]) == 0
    assert "essay 1: 加强“数字政府”建设" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("url", "placeholder"),
    [
        ("https://example.org/policy-reader/", True),
        ("https://www.example.com/", True),
        ("http://docs.example.net/a/", True),
        ("https://reader.example/", True),
        ("https://site.test/", True),
        ("https://you.github.io/policy-reader/", False),
        ("https://example.org.cn/", False),
        ("https://notexample.org/", False),
        ("", False),
    ],
)
def test_a_placeholder_address_is_a_host_reserved_for_examples(url: str, placeholder: bool) -> None:
    assert is_placeholder(url) == placeholder


def test_finish_warns_of_the_placeholder_address_and_writes_the_zip_as_the_umask_says(unfinished: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "finish", SITE, "--offline", "--zip", "reader.zip"],
        cwd=unfinished,
        capture_output=True,
        text=True,
        check=False,
        umask=0o027,
    )
    assert result.returncode == 0, result.stderr
    assert "warning: mkdocs.yml: site_url is https://example.org/policy-reader/, an address reserved" in result.stderr
    assert "SITE_URL=https://you.github.io/policy-reader/ policy-reader finish plain-site" in result.stderr
    assert (unfinished / "reader.zip").stat().st_mode & 0o777 == 0o640
    written = unfinished / SITE / "annotations.jsonld"  # a file the step adds
    assert written.stat().st_mode & 0o777 == 0o640


def test_a_real_address_is_not_warned_of(
    unfinished: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITE_URL", "https://reader.gov.cn/policy/")
    status, _out, err = policy_reader_in_process(unfinished, capsys, "finish", str(unfinished / SITE))
    assert status == 0, err
    assert "site_url" not in err
    assert "https://reader.gov.cn/policy/" in (unfinished / SITE / "annotations.jsonld").read_text(encoding="utf-8")
