"""First and largest paint of the essay with the most notes, ours against plain Material, by Lighthouse.

Lighthouse (npm, pinned by benchmarks/lighthouse/package-lock.json, installed by `npm ci` when
missing) runs Debian's Chromium as a phone on a slow 4G link (its default: mobile, simulated
throttling). Each build is served gzipped, as a static host serves it, from 127.0.0.1; the two
builds are measured in turn, `repeat` times each, and each figure is the median.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from benchmarks.corpus import ROOT
from benchmarks.slow_link import Link, slow_server

LIGHTHOUSE_DIR = ROOT / "benchmarks" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"


@dataclass
class Paint:
    """One Lighthouse run's figures (seconds, counts, bytes, 0–100), and what held up the first paint."""

    first_paint: float
    largest_paint: float
    #: What starting the reader after the first paint could cost: the text moving (CLS) and the page busy (TBT, s).
    layout_shift: float
    blocking_time: float
    requests: int
    bytes: int
    score: float
    render_blocking: list[str]


def ensure_lighthouse() -> Path:
    """Lighthouse as pinned by benchmarks/lighthouse/package-lock.json (`npm ci` when missing)."""
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_DIR, check=True, capture_output=True)
    return LIGHTHOUSE


def most_annotated_essay(site: Path) -> str:
    """The address (below the site root) of the essay page that carries the most notes."""
    pages = [p for p in site.rglob("index.html") if 'class="pr-notes' in p.read_text(encoding="utf-8")]
    best = max(pages, key=lambda p: p.read_text(encoding="utf-8").count('class="pr-note"'))
    return best.parent.relative_to(site).as_posix() + "/"


def lighthouse(url: str, work: Path) -> Paint:
    """One Lighthouse performance run of `url` as a phone on slow 4G."""
    report = work / "report.json"
    command = [
        str(ensure_lighthouse()),
        url,
        "--only-categories=performance",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
    data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    blocking = audits.get("render-blocking-resources", {}).get("details", {}).get("items", [])
    return Paint(
        first_paint=audits["first-contentful-paint"]["numericValue"] / 1000,
        largest_paint=audits["largest-contentful-paint"]["numericValue"] / 1000,
        layout_shift=audits["cumulative-layout-shift"]["numericValue"],
        blocking_time=audits["total-blocking-time"]["numericValue"] / 1000,
        requests=len(audits["network-requests"]["details"]["items"]),
        bytes=int(audits["total-byte-weight"]["numericValue"]),
        score=data["categories"]["performance"]["score"] * 100,
        render_blocking=[f"{urlsplit(item['url']).path} ({item.get('wastedMs', 0):.0f} ms)" for item in blocking],
    )


def paint(ours_site: Path, plain_site: Path, repeat: int) -> dict[str, str]:
    """Rows for the results table: medians of `repeat` runs of each build, in turn, on the same essay."""
    essay = most_annotated_essay(ours_site)
    runs: dict[str, list[Paint]] = {"ours": [], "plain Material": []}
    with tempfile.TemporaryDirectory(prefix="policy-reader-paint-") as temporary:
        work = Path(temporary)
        # Served as a static host serves it: gzipped, at full speed (Lighthouse simulates the link).
        with (
            slow_server(ours_site, Link(rate=1e12, latency=0)) as ours_url,
            slow_server(plain_site, Link(rate=1e12, latency=0)) as plain_url,
        ):
            for _ in range(repeat):
                runs["ours"].append(lighthouse(ours_url + essay, work))
                runs["plain Material"].append(lighthouse(plain_url + essay, work))
        shutil.rmtree(work, ignore_errors=True)
    rows: dict[str, str] = {}
    for label, name, fmt in (
        ("first paint (s)", "first_paint", "{:.2f}"),
        ("largest paint (s)", "largest_paint", "{:.2f}"),
        ("layout shift (CLS)", "layout_shift", "{:.3f}"),
        ("total blocking time (s)", "blocking_time", "{:.2f}"),
        ("requests", "requests", "{:.0f}"),
        ("bytes (KB)", "bytes", "{:.0f}"),
        ("Lighthouse score", "score", "{:.0f}"),
    ):
        for build, paints in runs.items():
            value = statistics.median(getattr(p, name) for p in paints)
            rows[f"phone, slow 4G, {build}: {label}"] = fmt.format(value / 1000 if name == "bytes" else value)
    for key in ("first_paint", "largest_paint"):
        ours = statistics.median(getattr(p, key) for p in runs["ours"])
        plain = statistics.median(getattr(p, key) for p in runs["plain Material"])
        rows[f"phone, slow 4G: {key.replace('_', ' ')}, ours / plain Material"] = f"{ours / plain:.2f}"
    rows["phone, slow 4G: essay measured"] = essay
    rows["phone, slow 4G, ours: render-blocking (first run)"] = "; ".join(runs["ours"][0].render_blocking) or "none"
    return rows
