"""`policy-reader finish` exactly as the command runs it, recording where its time went (for reader_cost.py).

    python benchmarks/recorded_finish.py OUT.json finish site/ --offline --zip policy-reader.zip

Runs the command line after OUT.json unchanged, in this process, and writes to OUT.json the run's
`FinishReport.phases` (CPU seconds by phase, workers' CPU included), the pages it finished and the
CPU and wall seconds of writing the zip. Nothing of the command's behaviour changes: the two
functions are only wrapped where the command calls them.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_tools.commands import actions, cli
from build_tools.finish.package import Package
from build_tools.finish.site import FinishReport


def main(argv: list[str]) -> int:
    """Run `policy-reader ARGV[1:]`, then write what it recorded to ARGV[0]."""
    out, command = Path(argv[0]), argv[1:]
    record: dict[str, Any] = {"phases": {}, "pages": 0, "zip_cpu": 0.0, "zip_wall": 0.0}
    finish_site, write_zip = actions.finish_site, actions.write_zip

    def recorded_finish_site(*args: Any, **kwargs: Any) -> FinishReport:
        report = finish_site(*args, **kwargs)
        record["phases"], record["pages"] = dict(report.phases), len(report.finished)
        return report

    def recorded_write_zip(*args: Any, **kwargs: Any) -> Package:
        cpu, wall = time.process_time(), time.perf_counter()
        written = write_zip(*args, **kwargs)
        record["zip_cpu"], record["zip_wall"] = time.process_time() - cpu, time.perf_counter() - wall
        return written

    actions.finish_site, actions.write_zip = recorded_finish_site, recorded_write_zip  # type: ignore[assignment]
    status = cli.main(command)
    out.write_text(json.dumps(record), encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
