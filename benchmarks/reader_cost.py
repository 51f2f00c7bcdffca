"""What the reader adds to the generator's build, side by side in one run, for MkDocs and Zensical (issue 36).

    python benchmarks/reader_cost.py                          # 300, 1,000 and 3,000 essays
    python benchmarks/reader_cost.py --sizes 300,1000 --repeat 1
    python benchmarks/reader_cost.py --write benchmarks/RESULTS.md

At each size (N essays, N glossary terms at least 40, N notes, as run.py makes them), in turn:
- MkDocs: a plain Material build of the pages (the plugin off) against `policy-reader build`;
- Zensical: the two Zensical builds of `.ci/zensical-build` alone against the whole script
  (import, the two builds, `finish --offline --zip` and `finish`), each from a fresh checkout's
  state (no site, no Zensical cache, no finish cache, docs/ not yet imported).
Each figure is wall seconds with the CPU seconds of the command and the processes it waited for
(workers, MkDocs under `policy-reader build`) in brackets: the machine may be shared, and CPU is
what a quiet machine's wall time would roughly be. Then where the reader's part goes: import,
each phase of `finish` (`FinishReport.phases`, CPU), the zip and the rest of the command (starting
Python, loading, the cache), and the largest process's peak memory of `finish`. The load average
is printed beside each size. Nothing here is a test: no figure fails anything.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import CorpusSize, write_project
from benchmarks.run import READER_SECTION, Figures, machine, table, write_results
from build_tools.importer.project import Project

RECORDED_FINISH = Path(__file__).resolve().parent / "recorded_finish.py"
#: What the plugin says at debug level once it has finished the site (see generators/mkdocs/plugin.py).
_PLUGIN_PHASES = re.compile(r"finish: CPU seconds by phase: (.*)$", re.M)
#: And the MkDocs process's own CPU, its workers apart (the build's critical path on an idle second core).
_MKDOCS_OWN_CPU = re.compile(r"finish: the MkDocs process's own CPU seconds: ([\d.]+)$", re.M)


@dataclass(frozen=True)
class Run:
    """One command's cost: wall seconds, CPU seconds (its own and its waited-for children's), peak memory."""

    wall: float
    cpu: float
    peak_mb: float = 0.0

    def __add__(self, other: Run) -> Run:
        return Run(self.wall + other.wall, self.cpu + other.cpu, max(self.peak_mb, other.peak_mb))


def measured(command: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None) -> tuple[Run, str]:
    """Run a command that must succeed; its cost and its standard error.

    `os.wait4` gives this child's own resource use (with the processes it waited for), where
    `getrusage(RUSAGE_CHILDREN)` would mix it with every earlier child's.
    """
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=environment, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{stderr[-3000:]}")
    # Linux gives ru_maxrss in KiB: the largest single process, not the sum of forked workers.
    run = Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
    # As it goes, so that a long run that is stopped still says what it measured.
    shown = " ".join(Path(word).name if os.sep in word else word for word in command[1:])
    print(f"  {shown}: {_cost(run)}, {run.peak_mb:.0f} MB (load {_load()})", file=sys.stderr, flush=True)
    return run, stderr


def fresh_checkout(project: Path, imported: bool) -> None:
    """The project as CI finds it: no site, no caches, no zip; docs/ imported or, with `imported` False, not."""
    for built in ("site", ".cache", ".policy-reader-cache", "policy-reader.zip"):
        path = project / built
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
    if not imported:
        for folder in (project / "docs").iterdir():
            if folder.is_dir() and (project / "sources" / f"{folder.name}.txt").exists():
                shutil.rmtree(folder)


def material_alone(project: Path) -> Run:
    """A plain Material build of the pages: the plugin off."""
    fresh_checkout(project, imported=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
    return measured(command, project, {"POLICY_READER_ENABLED": "false"})[0]


def policy_reader_build(project: Path) -> tuple[Run, dict[str, float], float]:
    """`policy-reader build` (verbose): finish's phases, and the MkDocs process's own CPU seconds (workers apart)."""
    fresh_checkout(project, imported=True)
    run, stderr = measured([sys.executable, "-m", "build_tools", "build", "--verbose"], project)
    said = _PLUGIN_PHASES.search(stderr)
    phases = {}
    for part in said.group(1).split(", ") if said else []:
        name, seconds = part.rsplit(" ", 1)
        phases[name] = float(seconds)
    own = _MKDOCS_OWN_CPU.search(stderr)
    return run, phases, float(own.group(1)) if own else 0.0


ZENSICAL = [sys.executable, "-m", "zensical", "build"]
#: The build for the offline zip links to page files, as `.ci/zensical-build` has it.
OFFLINE = {"POLICY_READER_DIRECTORY_URLS": "false"}


def zensical_alone(project: Path) -> Run:
    """The two Zensical builds of `.ci/zensical-build`, with nothing of ours."""
    fresh_checkout(project, imported=True)
    return measured(ZENSICAL, project, OFFLINE)[0] + measured(ZENSICAL, project)[0]


@dataclass
class ScriptRun:
    """`.ci/zensical-build`'s commands, each's cost, and what `finish` recorded."""

    steps: dict[str, Run]
    phases: dict[str, float]
    zip_cpu: float
    finish_peak_mb: float

    @property
    def total(self) -> Run:
        """The whole script's cost."""
        runs = list(self.steps.values())
        return sum(runs[1:], runs[0])


def zensical_with_reader(project: Path, work: Path) -> ScriptRun:
    """The commands of `.ci/zensical-build` from a fresh checkout, timed one by one."""
    fresh_checkout(project, imported=False)
    cli = [sys.executable, "-m", "build_tools"]
    records = [work / "finish-offline.json", work / "finish.json"]
    steps = {"import": measured([*cli, "import"], project)[0]}
    steps["Zensical build (offline)"] = measured(ZENSICAL, project, OFFLINE)[0]
    # Without a cache, as the script has them (`--no-cache`: each would find only the other's).
    offline = [sys.executable, str(RECORDED_FINISH), str(records[0]), "finish", "site/", "--offline", "--no-cache"]
    steps["finish --offline --zip"] = measured([*offline, "--zip", "policy-reader.zip"], project)[0]
    steps["Zensical build"] = measured(ZENSICAL, project)[0]
    hosted = [sys.executable, str(RECORDED_FINISH), str(records[1]), "finish", "site/", "--no-cache"]
    steps["finish"] = measured(hosted, project)[0]
    phases: dict[str, float] = {}
    zip_cpu = 0.0
    for record in (json.loads(path.read_text(encoding="utf-8")) for path in records):
        for name, seconds in record["phases"].items():
            phases[name] = phases.get(name, 0.0) + seconds
        zip_cpu += record["zip_cpu"]
    peak = max(steps["finish --offline --zip"].peak_mb, steps["finish"].peak_mb)
    return ScriptRun(steps, phases, zip_cpu, peak)


def _cost(run: Run) -> str:
    return f"{run.wall:.1f} ({run.cpu:.1f})"


def _median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.peak_mb for r in runs),
    )


def _load() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


GENERATORS = ("mkdocs", "zensical")


def measure(size: CorpusSize, repeat: int, work: Path, generators: Sequence[str] = GENERATORS) -> Figures:
    """Every figure at one size: the generators alone and with the reader, run alternately `repeat` times."""
    project = write_project(work / f"project-{size.essays}", size)
    Project(project).import_sources()
    load_before = _load()
    figures = Figures(size)
    values = figures.values
    values["load average (1/5/15 min) before"] = load_before
    plain: list[Run] = []
    ours: list[Run] = []
    alone: list[Run] = []
    script: list[ScriptRun] = []
    plugin_phases: list[dict[str, float]] = []
    mkdocs_own: list[float] = []
    for _ in range(repeat):
        if "mkdocs" in generators:
            plain.append(material_alone(project))
            run, phases, own_cpu = policy_reader_build(project)
            ours.append(run)
            plugin_phases.append(phases)
            mkdocs_own.append(own_cpu)
        if "zensical" in generators:
            alone.append(zensical_alone(project))
            script.append(zensical_with_reader(project, work))
    if plain:
        _mkdocs_figures(values, size, plain, ours, plugin_phases)
        own = statistics.median(mkdocs_own)
        values["MkDocs: policy-reader build, the MkDocs process alone (workers apart): CPU s, / plain"] = (
            f"{own:.1f}, {own / _median_run(plain).cpu:.2f}"
        )
    if script:
        _zensical_figures(values, size, alone, script)
    values["load average (1/5/15 min) after"] = _load()
    return figures


def _mkdocs_figures(
    values: dict[str, str], size: CorpusSize, plain: list[Run], ours: list[Run], plugin_phases: list[dict[str, float]]
) -> None:
    plain_run, ours_run = _median_run(plain), _median_run(ours)
    values["MkDocs: plain Material build, plugin off: wall s (CPU s)"] = _cost(plain_run)
    values["MkDocs: policy-reader build: wall s (CPU s)"] = _cost(ours_run)
    values["MkDocs: ratio build / plain, wall (CPU)"] = _ratio(ours_run, plain_run)
    for name in plugin_phases[len(plugin_phases) // 2]:
        seconds = statistics.median(p.get(name, 0.0) for p in plugin_phases)
        values[f"MkDocs: plugin's finish, {name} (CPU s)"] = f"{seconds:.1f}"
    values["MkDocs build: CPU per 1,000 essays (s)"] = f"{ours_run.cpu * 1000 / size.essays:.1f}"


def _zensical_figures(values: dict[str, str], size: CorpusSize, alone: list[Run], script: list[ScriptRun]) -> None:
    # The run whose total is the median: its steps and phases go together.
    middle = sorted(script, key=lambda s: s.total.wall)[len(script) // 2]
    alone_run, script_run = _median_run(alone), _median_run([s.total for s in script])
    values["Zensical: its two builds alone: wall s (CPU s)"] = _cost(alone_run)
    values["Zensical: the README's commands: wall s (CPU s)"] = _cost(script_run)
    values["Zensical: ratio commands / builds alone, wall (CPU)"] = _ratio(script_run, alone_run)
    builds = middle.steps["Zensical build (offline)"] + middle.steps["Zensical build"]
    reader = middle.total.cpu - builds.cpu
    values["Zensical: the reader's part (import, finish ×2, zip) / builds, CPU"] = f"{reader / builds.cpu:.2f}"
    for step, run in middle.steps.items():
        values[f"Zensical: step {step}: wall s (CPU s)"] = _cost(run)
    finishes = middle.steps["finish --offline --zip"] + middle.steps["finish"]
    for name, seconds in middle.phases.items():
        values[f"Zensical: both finish runs, {name} (CPU s)"] = f"{seconds:.1f}"
    values["Zensical: both finish runs, the zip (CPU s)"] = f"{middle.zip_cpu:.1f}"
    outside = finishes.cpu - sum(middle.phases.values()) - middle.zip_cpu
    values["Zensical: both finish runs, outside the phases: start, load, cache (CPU s)"] = f"{outside:.1f}"
    values["finish: peak memory, largest process (MB)"] = f"{middle.finish_peak_mb:.0f}"
    values["finish: CPU per 1,000 essays, both runs (s)"] = f"{finishes.cpu * 1000 / size.essays:.1f}"
    values["Zensical builds: CPU per 1,000 essays (s)"] = f"{builds.cpu * 1000 / size.essays:.1f}"


def _ratio(run: Run, base: Run) -> str:
    return f"{run.wall / base.wall:.2f} ({run.cpu / base.cpu:.2f})"


def main() -> None:
    """Parse options, measure each size, print (and optionally write) the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="300,1000,3000", help="numbers of essays, comma-separated")
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure, alternating; the median is shown")
    parser.add_argument(
        "--generators", default=",".join(GENERATORS), help="which to measure, comma-separated: mkdocs, zensical"
    )
    parser.add_argument("--keep", type=Path, help="make the projects here and keep them (default: a temporary folder)")
    parser.add_argument("--write", type=Path, help="also write the table into this Markdown file (RESULTS.md)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="policy-reader-cost-"))
    work.mkdir(parents=True, exist_ok=True)
    all_figures = []
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            print(f"measuring N = {n} … (load {_load()})", file=sys.stderr, flush=True)
            figures = measure(CorpusSize(n, max(40, n), n), args.repeat, work, args.generators.split(","))
            all_figures.append(figures)
            print(table([figures], {}), file=sys.stderr, flush=True)  # each size as soon as it is measured
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    command = "python benchmarks/reader_cost.py " + " ".join(sys.argv[1:])
    result = table(all_figures, {})
    print(result)
    print(f"\nmachine: {machine()}\ncommand: {command.strip()}")
    if args.write:
        write_results(args.write, READER_SECTION, result, command.strip())


if __name__ == "__main__":
    main()
