"""The benchmark runs end to end at a tiny size, so it keeps working (its figures are not judged)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from benchmarks.corpus import CorpusSize, write_project
from build_tools.glossary.load import load_glossary
from build_tools.importer.project import Project
from tests.conftest import ROOT, ensure_chromium, run

ROWS = (
    "build, plugin on (s)",
    "build, plugin off: plain Material (s)",
    "ratio on / off",
    "finish step alone over a plain build (s)",
    "finish step again, one note changed (s)",
    "Zensical build alone, clean cache (s)",
    "Zensical build alone, cache warm (s)",
    "policy-reader finish over Zensical's site (s)",
    "Zensical clean build + finish (s)",
    "finish / Zensical clean build",
    "one note changed: Zensical (warm) + finish (s)",
    "one note changed: pages finish makes again",
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
    "mkdocs serve --dirty: save note to reloaded page (s)",
    *(
        f"slow link, {engine}: {figure}"
        for figure in (
            "open → first result (s)",
            "open → every essay searched (s)",
            "bytes to first result, all requests (KB)",
            "bytes of search files for the first query (KB)",
            "a further query → its first result (ms, median of 5)",
            "precision (per essay)",
            "recall (per essay)",
        )
        for engine in ("ours", "Pagefind")
    ),
    "term marking, 40 terms, 60 essays (3 repeated) (MB/s)",
    "term marking, 40 terms, 3 distinct essays (MB/s)",
    "term marking, 1,000 terms, 60 essays (3 repeated) (MB/s)",
    "term marking, 1,000 terms, 3 distinct essays (MB/s)",
    "term marking, 1,000 terms all cut from these essays, 60 essays (3 repeated) (MB/s)",
    "term marking, 1,000 terms all cut from these essays, 3 distinct essays (MB/s)",
)


def test_benchmark_prints_every_figure_at_a_tiny_size(tmp_path: Path) -> None:
    ensure_chromium()
    written = tmp_path / "RESULTS.md"
    command = [sys.executable, "benchmarks/run.py", "--sizes", "3", "--repeat", "1", "--write", str(written)]
    result = run(command, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = {line.split("|")[1].strip(): line for line in result.stdout.splitlines() if line.startswith("| ")}
    for name in ROWS:
        assert name in rows, f"missing row {name!r}"
        value = rows[name].split("|")[2].strip()
        assert float(value) > 0, f"{name}: {value!r} is not a measurement"
    assert "machine:" in result.stdout and "command: python benchmarks/run.py" in result.stdout
    # Our search is exact; the figures go to a Markdown file in the repository, not to a page of the site.
    for row in ("slow link, ours: precision (per essay)", "slow link, ours: recall (per essay)"):
        assert rows[row].split("|")[2].strip() == "1.00", rows[row]
    page = written.read_text(encoding="utf-8")
    assert page.startswith("# Benchmark results") and rows[ROWS[0]] in page
    assert not (ROOT / "docs" / "benchmarks.md").exists(), "the benchmark figures are not a page of the site"


@pytest.mark.parametrize("dense", [False, True], ids=["dictionary-words", "dense"])
def test_generated_glossary_is_valid_and_as_dense_as_asked(tmp_path: Path, dense: bool) -> None:
    project = write_project(tmp_path / "project", CorpusSize(3, 300, 0, dense))
    loaded = load_glossary(project / "glossary.yaml")
    terms = loaded.glossary.terms
    assert len(terms) == 300
    real = {t["term"] for t in yaml.safe_load((ROOT / "glossary.yaml").read_text(encoding="utf-8"))["terms"]}
    generated = [t for t in terms if t.term not in real]
    text = "\n".join(p.text for s in Project(project).load_sources() for a in s.page.articles for p in a.paragraphs)
    present = sum(t.term in text for t in generated) / len(generated)
    # Dense: pieces of the essays' own text. Otherwise, as in a glossary for a whole archive,
    # few of its words are in any one essay.
    assert present > 0.8 if dense else present < 0.2


READER_COST_ROWS = (
    "MkDocs: plain Material build, plugin off: wall s (CPU s)",
    "MkDocs: policy-reader build: wall s (CPU s)",
    "MkDocs: ratio build / plain, wall (CPU)",
    "Zensical: its two builds alone: wall s (CPU s)",
    "Zensical: the README's commands: wall s (CPU s)",
    "Zensical: ratio commands / builds alone, wall (CPU)",
    "Zensical: the reader's part (import, finish ×2, zip) / builds, CPU",
    *(
        f"Zensical: step {step}: wall s (CPU s)"
        for step in ("import", "Zensical build (offline)", "finish --offline --zip", "Zensical build", "finish")
    ),
    "Zensical: both finish runs, the zip (CPU s)",
    "Zensical: both finish runs, outside the phases: start, load, cache (CPU s)",
    "finish: peak memory, largest process (MB)",
    "finish: CPU per 1,000 essays, both runs (s)",
    "Zensical builds: CPU per 1,000 essays (s)",
    "MkDocs build: CPU per 1,000 essays (s)",
)


def test_reader_cost_prints_both_generators_alone_and_with_the_reader(tmp_path: Path) -> None:
    written = tmp_path / "RESULTS.md"
    command = [sys.executable, "benchmarks/reader_cost.py", "--sizes", "6", "--repeat", "1", "--write", str(written)]
    result = run(command, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = {
        line.split("|")[1].strip(): line.split("|")[2].strip()
        for line in result.stdout.splitlines()
        if line.startswith("| ")
    }
    for name in READER_COST_ROWS:
        assert name in rows, f"missing row {name!r}"
        # "12.3" or "12.3 (10.1)": wall and CPU seconds (a small part may round to 0.0 at this size).
        assert all(float(figure.strip("()")) >= 0 for figure in rows[name].split()), f"{name}: {rows[name]!r}"
    for name in READER_COST_ROWS[:6]:  # the builds, alone and with the reader, and their ratios: measured
        assert all(float(figure.strip("()")) > 0 for figure in rows[name].split()), f"{name}: {rows[name]!r}"
    # Where the reader's time goes: each phase of finish (`FinishReport.phases`), through the plugin and the command.
    for generator in ("MkDocs: plugin's finish", "Zensical: both finish runs"):
        phases = {name: rows[name] for name in rows if name.startswith(f"{generator}, ") and name.endswith("(CPU s)")}
        phases = {name: value for name, value in phases.items() if name not in READER_COST_ROWS}
        assert len(phases) >= 3 and all(float(value) >= 0 for value in phases.values()), phases
    for moment in ("before", "after"):
        assert re.fullmatch(r"[\d.]+/[\d.]+/[\d.]+", rows[f"load average (1/5/15 min) {moment}"])
    page = written.read_text(encoding="utf-8")
    assert "## The reader beside the generator (issue 36)" in page and rows[READER_COST_ROWS[0]] in page
