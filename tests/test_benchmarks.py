"""The benchmark runs end to end at a tiny size, so it keeps working (its figures are not judged)."""

from __future__ import annotations

import sys

from tests.conftest import ROOT, ensure_chromium, run

ROWS = (
    "build, plugin on (s)",
    "build, plugin off: plain Material (s)",
    "ratio on / off",
    "policy-reader import (s)",
    "policy-reader check (s)",
    "search index per essay (KB)",
    "essay page, median (KB)",
    "offline zip (KB)",
    "file://: open to first result (ms)",
    "… of which opening the page (ms)",
    "… of which typing to result (ms)",
    "file://: open to results from every essay (ms)",
    "mkdocs serve: save note to reloaded page (s)",
    "term marking, 40 terms, 60 essays (3 repeated) (MB/s)",
    "term marking, 40 terms, 3 distinct essays (MB/s)",
    "term marking, 1000 terms, 60 essays (3 repeated) (MB/s)",
    "term marking, 1000 terms, 3 distinct essays (MB/s)",
)


def test_benchmark_prints_every_figure_at_a_tiny_size() -> None:
    ensure_chromium()
    result = run([sys.executable, "benchmarks/run.py", "--sizes", "3", "--repeat", "1"], cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = {line.split("|")[1].strip(): line for line in result.stdout.splitlines() if line.startswith("| ")}
    for name in ROWS:
        assert name in rows, f"missing row {name!r}"
        value = rows[name].split("|")[2].strip()
        assert float(value) > 0, f"{name}: {value!r} is not a measurement"
    assert "machine:" in result.stdout and "command: python benchmarks/run.py" in result.stdout
