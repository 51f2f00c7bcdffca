"""Hostile YAML: anchors and aliases, deep nesting and huge files are refused with the file and line.

The loader's own functions are tested in-process; one real `policy-reader check` and one
`import` per kind of input prove the command gives the message and exit status 1, no traceback.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from build_tools.common.errors import InputError
from build_tools.finish.settings import settings_from_config
from build_tools.validation.yamlfile import MAX_DEPTH, MAX_YAML_BYTES, load_yaml, parse_yaml
from tests.importer.importer_support import PROJECT_GANSU_MANIFEST, import_refused


def billion_laughs(key: str = "laughs") -> str:
    """Nine levels of nine aliases each: under 500 bytes that expand to 9**9 strings."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join(f'*{previous}' for _ in range(9))}]")
    lines.append(f"{key}: *i")
    return "\n".join(lines) + "\n"


def nested(depth: int) -> str:
    """A mapping holding lists nested `depth` deep, one a line (block style)."""
    return "terms:\n" + "".join(f"{'  ' * level}- \n" for level in range(1, depth))


def refusal(text: str, shown: str = "glossary.yaml") -> InputError:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, shown)
    return caught.value


def test_billion_laughs_is_refused_at_its_first_anchor_in_milliseconds_and_little_memory() -> None:
    text = billion_laughs()
    assert len(text.encode()) < 500
    tracemalloc.start()
    started = time.perf_counter()
    error = refusal(text, "annotations/laughs.yaml")
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 0.1
    assert peak < 1024 * 1024
    assert (error.path, error.line) == ("annotations/laughs.yaml", 1)
    assert "anchor &a" in error.problem
    assert "write the value out in full" in error.fix


def test_an_alias_is_refused_on_its_own_line() -> None:
    error = refusal("terms:\n  - term: 数字政府\n    definition: *defined\n")
    assert error.line == 3
    assert "alias *defined" in error.problem
    assert "must be quoted" in error.fix


def test_nesting_is_refused_past_the_limit_at_its_line_and_allowed_up_to_it() -> None:
    parse_yaml(nested(MAX_DEPTH), "glossary.yaml")
    error = refusal(nested(MAX_DEPTH + 1))
    assert error.line == MAX_DEPTH + 1
    assert f"more than {MAX_DEPTH} levels" in error.problem


@pytest.mark.parametrize("depth", [1000, 100_000])
def test_flow_nesting_thousands_deep_is_a_message_not_a_recursion_error(depth: int) -> None:
    error = refusal("terms: " + "[" * depth + "]" * depth + "\n")
    assert error.line == 1
    assert "levels deep" in error.problem


def test_a_file_over_the_size_limit_is_refused_without_being_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    entry = "  - term: 术语\n    definition: 释义。\n"
    path.write_text("terms:\n" + entry * (MAX_YAML_BYTES // len(entry.encode()) + 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_yaml(path, "glossary.yaml")
    assert "larger than" in caught.value.problem
    # The line where the limit is reached: every line before it was within the limit.
    text = path.read_bytes()[:MAX_YAML_BYTES]
    assert caught.value.line == text.count(b"\n") + 1


def test_mkdocs_yml_keeps_its_aliases_but_not_a_billion_laughs(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: &name 政策文本注读\nsite_description: *name\n", encoding="utf-8")
    assert settings_from_config(config).site_name == "政策文本注读"
    config.write_text("site_name: 政策文本注读\n" + billion_laughs("extra"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        settings_from_config(config)
    assert caught.value.path == "mkdocs.yml"
    assert "repeat more than" in caught.value.problem
    assert caught.value.line is not None and caught.value.line <= 11


def _limited_memory() -> None:
    # Far below what the billion laughs takes expanded (gigabytes), well above the command's own needs.
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


def policy_reader_limited(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command, in a process that may take no more than 2 GB of memory."""
    return subprocess.run(
        [sys.executable, "-m", "build_tools", *args],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_limited_memory,  # the limit applies to the command only, set before it starts
        timeout=120,
    )


@pytest.mark.parametrize(
    ("relative", "text", "says", "line"),
    [
        ("annotations/laughs.yaml", billion_laughs(), "anchor &a", 1),
        ("glossary.yaml", "terms: " + "[" * 5000 + "]" * 5000 + "\n", "levels deep", 1),
        (str(PROJECT_GANSU_MANIFEST), "title: &t 标题\nnotes: *t\n", "anchor &t", 1),
    ],
)
def test_check_refuses_hostile_yaml_with_the_file_and_line(
    project: Path, relative: str, text: str, says: str, line: int
) -> None:
    (project / relative).write_text(text, encoding="utf-8")
    started = time.perf_counter()
    result = policy_reader_limited(project, "check")
    assert time.perf_counter() - started < 30
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert f"{relative}:{line}" in result.stderr
    assert says in result.stderr
    assert "fix:" in result.stderr


def test_import_refuses_an_anchored_manifest_and_writes_nothing(project: Path) -> None:
    (project / PROJECT_GANSU_MANIFEST).write_text(billion_laughs("notes"), encoding="utf-8")
    result = import_refused(project, policy_reader_limited)
    assert f"{PROJECT_GANSU_MANIFEST}:1" in result.stderr
