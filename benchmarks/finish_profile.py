"""Where `policy-reader finish` spends its time: CPU seconds by phase over a plain Material build.

    python benchmarks/finish_profile.py                 # 300 and 1,000 essays
    python benchmarks/finish_profile.py --sizes 300 --keep /tmp/bench

Makes a project of N essays as run.py does (N terms at least 40, N notes), imports it, builds it
with plain Material once (untimed), then finishes that site in this process with no cache and
prints each phase's CPU seconds (`FinishReport.phases`): CPU, not wall time, because the machine
is shared. Pages finished in worker processes count their workers' CPU too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import CorpusSize, write_project
from build_tools.finish.settings import settings_from_config
from build_tools.finish.site import PHASES, FinishReport, finish_site
from build_tools.importer.project import Project

PLAIN_SITE = "plain-site"


def built_project(size: CorpusSize, work: Path) -> Path:
    """A generated project of `size`, imported, with its plain Material build in `PLAIN_SITE` (made once)."""
    project = work / f"project-{size.essays}"
    if (project / PLAIN_SITE).is_dir():
        return project
    write_project(project, size)
    Project(project).import_sources()
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", PLAIN_SITE]
    env = {**os.environ, "POLICY_READER_ENABLED": "false", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(command, cwd=project, env=env, check=True)
    return project


def profile_finish(project: Path) -> tuple[FinishReport, float, float]:
    """Finish a fresh copy of the project's plain build with no cache: the report, CPU and wall seconds."""
    site = project / "finished-site"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(project / PLAIN_SITE, site)
    settings = settings_from_config(project / "mkdocs.yml")
    cpu, wall = time.process_time(), time.perf_counter()
    report = finish_site(site, settings)
    return report, time.process_time() - cpu, time.perf_counter() - wall


def phase_table(report: FinishReport, cpu: float, wall: float) -> str:
    """The phases' CPU seconds and shares of the whole, as lines of text."""
    total = sum(report.phases.values()) or 1.0
    lines = []
    for name in PHASES:
        seconds = report.phases.get(name, 0.0)
        lines.append(f"  {name:<14} {seconds:7.2f} s  {seconds / total:5.0%}")
    lines.append(f"  {'all phases':<14} {total:7.2f} s  (this process's CPU {cpu:.2f} s, wall {wall:.2f} s)")
    return "\n".join(lines)


def main() -> None:
    """Profile `finish` at each size asked for and print the phases."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="300,1000", help="essay counts, comma-separated")
    parser.add_argument("--keep", type=Path, help="make and keep the projects here (reused by the next run)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="finish-profile-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            project = built_project(CorpusSize(n, max(40, n), n), work)
            report, cpu, wall = profile_finish(project)
            print(f"finish, {n} essays, {len(report.finished)} pages, CPU seconds by phase:")
            print(phase_table(report, cpu, wall), flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
