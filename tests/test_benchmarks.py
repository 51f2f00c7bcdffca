"""The benchmark runs end to end at a tiny size, so it keeps working (its figures are not judged)."""

from __future__ import annotations

import concurrent.futures
import functools
import re
import sys
from pathlib import Path

import pytest
import yaml

from benchmarks import run as benchmark
from benchmarks.corpus import CorpusSize, write_project
from benchmarks.run import project_for
from benchmarks.search_race import FURTHER_QUERIES
from build_tools.glossary.load import load_glossary
from build_tools.importer.project import Project
from tests.conftest import ROOT, ensure_chromium, run

#: What each part of benchmarks/run.py measures: the rows every run prints (a few more, which may be 0, beside them).
ROWS = {
    "search_race_rows": tuple(
        f"slow link, {engine}: {figure}"
        for figure in (
            "open → first result (s)",
            "open → every essay searched (s)",
            "bytes to first result, all requests (KB)",
            "bytes of search files for the first query (KB)",
            "a further query → its first result (ms, median of 1)",
            "precision (per essay)",
            "recall (per essay)",
        )
        for engine in ("ours", "Pagefind")
    ),
    "build_rows": (
        "build, plugin on (s)",
        "build, plugin off: plain Material (s)",
        "ratio on / off",
        "finish step alone over a plain build (s)",
        "finish step again, one note changed (s)",
    ),
    "zensical_rows": (
        "Zensical build alone, clean cache (s)",
        "Zensical build alone, cache warm (s)",
        "policy-reader finish over Zensical's site (s)",
        "Zensical clean build + finish (s)",
        "finish / Zensical clean build",
        "one note changed: Zensical (warm) + finish (s)",
        "one note changed: pages finish makes again",
    ),
    "import_and_check_rows": ("policy-reader import (s)", "policy-reader check (s)"),
    "offline_rows": (
        "search index per essay (KB)",
        "essay page, median (KB)",
        "offline zip (KB)",
        "file://: open to first result (ms)",
        "… of which opening the page (ms)",
        "… of which typing to result (ms)",
        "file://: open to results from every essay (ms)",
    ),
    "serve_rows": (
        "mkdocs serve: save note to reloaded page (s)",
        "mkdocs serve --dirty: save note to reloaded page (s)",
    ),
}
#: The smallest size: three generated essays (one source page), 40 terms, three notes.
TINY = CorpusSize(3, 40, 3)


def measured(rows: dict[str, str], names: tuple[str, ...]) -> None:
    for name in names:
        assert name in rows, f"missing row {name!r}"
        assert float(rows[name]) > 0, f"{name}: {rows[name]!r} is not a measurement"


@pytest.fixture(scope="module")
def tiny_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A generated project at the smallest size, imported as run.py makes it; and a folder for scratch files.

    Every part of the benchmark works in it in turn, as in a run (each leaves it as a run's next part needs it).
    """
    work = tmp_path_factory.mktemp("bench")
    return project_for(TINY, work), work


def test_a_full_run_measures_every_part_in_the_order_of_the_table() -> None:
    """What `main` runs at each size; each of these parts has its test below."""
    parts = [getattr(part, "func", part).__name__ for part in benchmark.producers(browser=True)]
    assert parts == list(ROWS)
    assert [getattr(part, "func", part).__name__ for part in benchmark.producers(browser=True, search_only=True)] == [
        "search_race_rows"
    ]
    assert [getattr(part, "func", part).__name__ for part in benchmark.producers(browser=True, builds_only=True)] == [
        "build_rows",
        "zensical_rows",
    ]


@pytest.mark.parametrize("part", list(ROWS))
def test_each_part_measures_its_figures_at_the_smallest_size(tiny_project: tuple[Path, Path], part: str) -> None:
    if part in ("search_race_rows", "offline_rows"):
        ensure_chromium()
    produce = getattr(benchmark, part)
    if part == "search_race_rows":
        # One further query typed after the first (a run types five, for their median; each is asked the same way).
        produce = functools.partial(produce, further=FURTHER_QUERIES[:1])
    # In a thread of its own: the benchmark drives Chromium with Playwright's sync API, which refuses to start
    # in a thread whose event loop is running, as it is once this worker has opened the suite's `browser`.
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        rows = thread.submit(produce, *tiny_project, 1).result()
    measured(rows, ROWS[part])
    if part == "search_race_rows":
        # Our search is exact.
        for row in ("slow link, ours: precision (per essay)", "slow link, ours: recall (per essay)"):
            assert rows[row] == "1.00", rows


def test_marking_figures_name_each_glossary_and_page() -> None:
    glossaries = ((40, False, "40 terms"), (40, True, "40 terms all cut from these essays"))
    pages = ((6, "6 essays (3 repeated)"), (3, "3 distinct essays"))
    rows = benchmark.marking_figures(1, glossaries, pages)
    names = tuple(f"term marking, {glossary}, {page} (MB/s)" for _m, _d, glossary in glossaries for _n, page in pages)
    assert list(rows) == list(names)
    measured(rows, names)
    # A run's: 40 and 1,000 terms, and 1,000 cut from the essays; on 60 essays (3 repeated) and 3 distinct ones.
    assert [g for _m, _d, g in benchmark.MARKING_GLOSSARIES] == [
        "40 terms",
        "1,000 terms",
        "1,000 terms all cut from these essays",
    ]
    assert [(m, dense) for m, dense, _g in benchmark.MARKING_GLOSSARIES] == [(40, False), (1000, False), (1000, True)]
    assert benchmark.MARKING_PAGES == ((60, "60 essays (3 repeated)"), (3, "3 distinct essays"))


@pytest.mark.site  # its one part runs `policy-reader import` and `check`
def test_the_run_prints_its_table_and_writes_results_md(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table as `python benchmarks/run.py` prints it, once: with one part's real figures (each part has
    its own test above) and the marking figures at the smallest size."""
    monkeypatch.setattr(benchmark, "producers", lambda *_options: [benchmark.import_and_check_rows])
    small_marking = functools.partial(
        benchmark.marking_figures, glossaries=benchmark.MARKING_GLOSSARIES[:1], pages=benchmark.MARKING_PAGES[1:]
    )
    monkeypatch.setattr(benchmark, "marking_figures", small_marking)
    written = tmp_path / "RESULTS.md"
    sizes = ["--sizes", "3", "--terms", "40", "--annotations", "3"]
    benchmark.main([*sizes, "--repeat", "1", "--write", str(written)])
    out = capsys.readouterr().out
    rows = {line.split("|")[1].strip(): line for line in out.splitlines() if line.startswith("| ")}
    assert rows["measure"].startswith("| measure | N = 3 (M = 40, K = 3) |")
    names = (*ROWS["import_and_check_rows"], "term marking, 40 terms, 3 distinct essays (MB/s)")
    measured({name: line.split("|")[2].strip() for name, line in rows.items()}, names)
    assert "machine:" in out and f"command: python benchmarks/run.py {' '.join(sizes)}" in out
    # The figures go to a Markdown file in the repository, not to a page of the site.
    page = written.read_text(encoding="utf-8")
    assert page.startswith("# Benchmark results") and "## Building and using the site" in page
    assert rows["policy-reader import (s)"] in page
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
