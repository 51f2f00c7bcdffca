"""How soon an editor's change is on the page: a note or a definition saved, the site built again, `finish` again.

    python benchmarks/refinish.py                           # 1,000 essays, Zensical
    python benchmarks/refinish.py --sizes 300,1000 --generator mkdocs --keep /tmp/bench

Makes a project of N essays (N notes, N/5 terms, at least 200), builds it with the generator and
finishes it once with the cache (untimed). Then, for a note and for a term's definition in turn:
the change is saved, the generator builds the site again (it writes every page afresh; timed apart,
as the generator's own cost), and `policy-reader finish site/` runs as an editor runs it. The figure is
that run's wall time, from the rebuilt site to the changed pages finished on disk, and its CPU time,
which a shared machine changes less. A second change of each kind is then finished in this process, to
print where the time goes (CPU seconds by phase, `FinishReport.phases`; the cache's own reading and
writing as wall seconds).
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import CorpusSize, write_project
from benchmarks.finish_profile import phase_table
from benchmarks.run import change_one_note, timed
from build_tools.finish.cache import FinishCache, default_cache_file
from build_tools.finish.settings import settings_from_config
from build_tools.finish.site import finish_site
from build_tools.importer.project import Project

_FINISHED = re.compile(r"(\d+) page\(s\) finished, (\d+) unchanged")


def build_command(generator: str) -> list[str]:
    """The generator's build of ``site/``, as an editor runs it (MkDocs plain Material: the step adds the reader)."""
    if generator == "zensical":
        return [sys.executable, "-m", "zensical", "build"]
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"]


def rebuild(project: Path, generator: str) -> float:
    """Build the site again; the seconds it took."""
    return timed(build_command(generator), project, POLICY_READER_ENABLED="false")


def change_one_definition(project: Path, n: int) -> str:
    """Reword the definition of the glossary's first term (differently each time); the term."""
    path = project / "glossary.yaml"
    glossary = yaml.safe_load(path.read_text(encoding="utf-8"))
    term = glossary["terms"][0]
    term["definition"] = f"{term['definition'].rstrip()}(修订 {n + 1})"
    path.write_text(yaml.safe_dump(glossary, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(term["term"])


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def finish_by_command(project: Path) -> tuple[float, float, str]:
    """`policy-reader finish site/` as an editor runs it: its wall and CPU seconds, and what it says it finished."""
    cpu = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "finish", "site/", "--quiet"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed, cpu = time.perf_counter() - start, _children_cpu() - cpu
    said = _FINISHED.search(result.stdout)
    return elapsed, cpu, f"{said.group(1)} page(s) finished, {said.group(2)} kept" if said else result.stdout.strip()


def finish_in_process(project: Path) -> str:
    """What `finish` does, in this process: its phases' CPU seconds, and the cache's reading and writing."""
    settings = settings_from_config(project / "mkdocs.yml")
    site = project / "site"
    cache_file = default_cache_file(settings.root, site.resolve())
    start = time.perf_counter()
    cache = FinishCache.load(cache_file)
    loaded = time.perf_counter()
    cpu, wall = time.process_time(), time.perf_counter()
    report = finish_site(site, settings, cache=cache)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    saving = time.perf_counter()
    cache.save(cache_file)
    saved = time.perf_counter()
    return "\n".join(
        [
            f"  {len(report.finished)} page(s) finished, {len(report.kept)} kept",
            f"  {'cache read':<14} {loaded - start:7.2f} s wall",
            phase_table(report, cpu, wall),
            f"  {'cache written':<14} {saved - saving:7.2f} s wall",
        ]
    )


def measure(project: Path, generator: str, what: str, change: Callable[[Path, int], object]) -> None:
    """Change one `what` twice, each time rebuilt: once finished by the command (timed), once here (profiled)."""
    change(project, 1)
    build = rebuild(project, generator)
    seconds, cpu, said = finish_by_command(project)
    print(
        f"one {what} changed: {generator} rebuilt in {build:.1f} s; then `finish` {seconds:.2f} s, {cpu:.2f} s CPU ({said})"
    )
    change(project, 2)
    rebuild(project, generator)
    print(f"  the same again, finished in this process, by phase:\n{finish_in_process(project)}", flush=True)


def main() -> None:
    """Measure, at each size asked for, how soon a changed note and a changed definition are on their pages."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000", help="essay counts, comma-separated")
    parser.add_argument("--generator", choices=("zensical", "mkdocs"), default="zensical")
    parser.add_argument("--keep", type=Path, help="make and keep the projects here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="refinish-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            project = write_project(work / f"project-{n}", CorpusSize(n, max(200, n // 5), n))
            Project(project).import_sources()
            build = rebuild(project, args.generator)
            first = timed([sys.executable, "-m", "build_tools", "finish", "site/", "--quiet"], project)
            print(f"{n} essays, {args.generator}: built in {build:.1f} s, finished the first time in {first:.1f} s")
            measure(project, args.generator, "note", change_one_note)
            measure(project, args.generator, "definition", change_one_definition)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
