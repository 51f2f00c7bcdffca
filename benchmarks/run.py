"""Measure what policy-reader costs to build and to use, and print a table.

    python benchmarks/run.py                      # N = 3 (the real project), 300 and 1,000 essays
    python benchmarks/run.py --sizes 300 --repeat 5
    python benchmarks/run.py --write benchmarks/RESULTS.md

Every figure is the median of --repeat runs; the plugin-on and plugin-off builds run alternately,
so the ratio compares builds made under the same conditions. Nothing here is a test: no figure
fails anything.
"""

from __future__ import annotations

import argparse
import functools
import html
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from benchmarks.corpus import ROOT, CorpusSize, write_project
from benchmarks.paint import paint
from benchmarks.search_race import FURTHER_QUERIES, race
from build_tools.glossary.load import load_glossary
from build_tools.glossary.marking import MarkPolicy, mark_terms
from build_tools.glossary.matcher import TermMatcher
from build_tools.importer.project import Project

CHROMIUM = "/usr/bin/chromium"
QUERY = "联邦学习"
#: Notes, by the page's clock, when the query is typed, when its first result shows (not the
#: engine's row saying part of the index is still loading) and when that row is gone.
PAGE_CLOCK = """
new MutationObserver(() => {
  const now = performance.now();
  const box = document.querySelector("input[data-md-component=search-query]");
  if (window.__typed === undefined && box && box.value) window.__typed = now;
  const items = [...document.querySelectorAll(".md-search-result__item")];
  const loading = items.some((item) => item.querySelector(".pr-search-loading"));
  if (window.__shown === undefined && items.some((item) => !item.querySelector(".pr-search-loading"))) {
    window.__shown = now;
  }
  if (window.__shown !== undefined && window.__allSearched === undefined && !loading) window.__allSearched = now;
}).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
document.addEventListener("input", () => { if (window.__typed === undefined) window.__typed = performance.now(); }, true);
"""


@dataclass
class Figures:
    """The measurements at one size."""

    size: CorpusSize
    values: dict[str, str] = field(default_factory=dict)


def median_of(repeat: int, run: Callable[[], float]) -> float:
    """The median of `repeat` runs of `run`, which returns seconds."""
    return statistics.median(run() for _ in range(repeat))


def timed(command: list[str], cwd: Path, **env: str) -> float:
    """Seconds a command takes; it must succeed."""
    start = time.perf_counter()
    result = subprocess.run(
        command, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{result.stderr[-3000:]}")
    return elapsed


def project_for(size: CorpusSize, work: Path) -> Path:
    """The real project at N = 3 with its own glossary and notes; a generated one otherwise."""
    if size.essays == 3 and size.terms == 0:
        target = work / "project"
        target.mkdir()
        for part in ("mkdocs.yml", "docs", "sources", "glossary.yaml", "annotations"):
            source = ROOT / part
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
        return target
    project = write_project(work / "project", size)
    Project(project).import_sources()
    return project


def measure_builds(project: Path, repeat: int) -> tuple[float, float]:
    """Median full-build seconds with the plugin on and off, run alternately."""
    on, off = [], []
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
    for _ in range(repeat):
        off.append(timed(command, project, POLICY_READER_ENABLED="false"))
        on.append(timed(command, project, POLICY_READER_ENABLED="true"))
    return statistics.median(on), statistics.median(off)


_FINISHED = re.compile(r"(\d+) page\(s\) finished")


def measure_zensical(project: Path, repeat: int) -> dict[str, str]:
    """Zensical's own build (clean cache, then warm) and `policy-reader finish` over its output.

    Then one note is changed and the site rebuilt as an editor would (Zensical with its cache warm,
    then finish with its own): how long that takes and how many pages finish makes again.
    """
    zensical = [sys.executable, "-m", "zensical", "build"]
    finish = [sys.executable, "-m", "build_tools", "finish", "site/"]
    timed([sys.executable, "-m", "build_tools", "import"], project)
    clean, warm, step = [], [], []
    for _ in range(repeat):
        clean.append(timed([*zensical, "--clean"], project))
        step.append(timed([*finish, "--no-cache"], project))
        warm.append(timed(zensical, project))
    timed(finish, project)  # fills finish's cache for the change below
    again, pages = [], []
    for n in range(repeat):
        change_one_note(project, n)
        start = time.perf_counter()
        timed(zensical, project)
        result = subprocess.run(
            finish,
            cwd=project,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        again.append(time.perf_counter() - start)
        made = _FINISHED.search(result.stdout)
        pages.append(int(made.group(1)) if made else -1)
    c, w, f = statistics.median(clean), statistics.median(warm), statistics.median(step)
    return {
        "Zensical build alone, clean cache (s)": f"{c:.1f}",
        "Zensical build alone, cache warm (s)": f"{w:.1f}",
        "policy-reader finish over Zensical's site (s)": f"{f:.1f}",
        "Zensical clean build + finish (s)": f"{c + f:.1f}",
        "finish / Zensical clean build": f"{f / c:.2f}",
        "one note changed: Zensical (warm) + finish (s)": f"{statistics.median(again):.1f}",
        "one note changed: pages finish makes again": f"{statistics.median(pages):.0f}",
    }


def change_one_note(project: Path, n: int) -> None:
    """Reword the first note of the first annotation file (differently each time)."""
    path = sorted((project / "annotations").glob("*.yaml"))[0]
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    items[0]["body"] = f"{items[0]['body'].rstrip()}(修订 {n + 1})"
    path.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8")


def measure_finish(project: Path, repeat: int) -> tuple[float, float]:
    """Median seconds of `policy-reader finish` alone over a plain Material build, clean and after one note changed.

    Clean: every page finished afresh (``--no-cache`` on a fresh copy of the plain build, made untimed
    once: the plain build reads no note, and the step knows a page by its content, not its file's time).
    Incremental: one note added to an essay, then the step run again with its cache.
    """
    cli = [sys.executable, "-m", "build_tools", "finish"]
    built = project / "plain-build"
    timed(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", built.name],
        project,
        POLICY_READER_ENABLED="false",
    )
    note_file = project / "annotations" / "zz-bench.yaml"

    def fresh_plain_site() -> None:
        note_file.unlink(missing_ok=True)
        shutil.rmtree(project / "plain-site", ignore_errors=True)
        shutil.copytree(built, project / "plain-site")

    def clean() -> float:
        fresh_plain_site()
        return timed([*cli, "plain-site", "--no-cache"], project)

    def one_note_changed() -> float:
        fresh_plain_site()
        timed([*cli, "plain-site"], project)
        first = yaml.safe_load(sorted((project / "annotations").glob("*.yaml"))[0].read_text(encoding="utf-8"))[0]
        note_file.write_text(
            yaml.safe_dump([{**first, "id": "bench-changed", "body": "基准测试中改动的注释。"}], allow_unicode=True),
            encoding="utf-8",
        )
        return timed([*cli, "plain-site"], project)

    try:
        return median_of(repeat, clean), median_of(repeat, one_note_changed)
    finally:
        note_file.unlink(missing_ok=True)
        for folder in (built, project / "plain-site", project / ".policy-reader-cache"):
            shutil.rmtree(folder, ignore_errors=True)


def measure_import_and_check(project: Path, repeat: int) -> tuple[float, float]:
    """Median seconds of `policy-reader import` (docs/ emptied first) and `policy-reader check`."""
    cli = [sys.executable, "-m", "build_tools"]

    def fresh_import() -> float:
        for folder in (project / "docs").iterdir():
            if folder.is_dir() and (project / "sources" / f"{folder.name}.txt").exists():
                shutil.rmtree(folder)
        return timed([*cli, "import"], project)

    return median_of(repeat, fresh_import), median_of(repeat, lambda: timed([*cli, "check"], project))


def marking_throughput(terms: int, repeat: int, work: Path, essays: int = 60, dense: bool = False) -> float:
    """MB of essay text per second through the glossary marker, with a glossary of `terms` terms.

    The page holds `essays` essays: at 60 the three Gansu essays come 20 times each, and
    sentences seen before are remembered; at 3 every sentence is new, as on a real page.
    With `dense`, every generated term is a piece of these essays (see `write_project`).
    """
    project = write_project(work / f"marking-{terms}-{essays}", CorpusSize(essays, terms, 0, dense))
    glossary = load_glossary(project / "glossary.yaml").glossary
    matcher = TermMatcher(glossary)
    sources = Project(project).load_sources()
    paragraphs = [p for s in sources for a in s.page.articles for p in a.paragraphs]
    page = "".join(f'<p id="{p.anchor}">{html.escape(p.text, quote=False)}</p>\n' for p in paragraphs)
    megabytes = len("".join(p.text for p in paragraphs).encode("utf-8")) / 1e6

    def run() -> float:
        matcher.clear_cache()  # measure cold: no sentence's matches remembered from the previous run
        start = time.perf_counter()
        mark_terms(page, matcher, MarkPolicy.EVERY)
        return time.perf_counter() - start

    return megabytes / median_of(repeat, run)


def package(project: Path, work: Path) -> tuple[Path, int, int, float]:
    """Build the offline zip; return it, its size, the size of the search index and the median essay page size."""
    output = work / "site.zip"
    timed([sys.executable, "-m", "build_tools", "package", "--output", str(output)], project, SOURCE_DATE_EPOCH="0")
    with zipfile.ZipFile(output) as archive:
        infos = archive.infolist()
    index = sum(i.file_size for i in infos if re.fullmatch(r"policy-reader/search/part-\d+\.js", i.filename))
    essays = [i.file_size for i in infos if re.fullmatch(r"policy-reader/[^/]+/(?!index\.html)[^/]+\.html", i.filename)]
    return output, output.stat().st_size, index, statistics.median(essays)


@dataclass(frozen=True)
class SearchTimes:
    """What a reader opening the unzipped build and searching at once waits, in seconds.

    Attributes:
        opened: From opening the page to its load event.
        answered: From the key press to the first result.
        complete: From opening to results from every essay (the index loads in parts, newest first).
    """

    opened: float
    answered: float
    complete: float

    @property
    def total(self) -> float:
        """From opening the page to the first result: what a reader who types at once waits."""
        return self.opened + self.answered


def first_result_seconds(zip_path: Path, repeat: int, work: Path) -> SearchTimes:
    """Medians of opening the unzipped build (file://) and typing a query until the first result shows."""
    from playwright.sync_api import sync_playwright

    folder = work / "unzipped"
    shutil.rmtree(folder, ignore_errors=True)
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(folder)
    url = (folder / "policy-reader" / "index.html").as_uri()
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
    opened: list[float] = []
    answered: list[float] = []
    complete: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        for _ in range(repeat):
            page = browser.new_page()
            page.route(
                "**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort()
            )
            page.add_init_script(PAGE_CLOCK)
            page.goto(url)
            # The page's scripts (the theme's search box among them) come after its first paint.
            page.wait_for_function("() => document.documentElement.hasAttribute('data-pr-started')")
            field_ = page.locator("input[data-md-component=search-query]")
            field_.fill(QUERY)
            field_.press("End")  # Material searches on keyup
            page.wait_for_function("() => window.__allSearched !== undefined", timeout=60_000)
            # The page's own clock, from the start of navigation: Playwright's round trips left out.
            clock = page.evaluate(
                "() => [Math.max(performance.getEntriesByType('navigation')[0].loadEventEnd,"
                " performance.getEntriesByName('policy-reader:started')[0].startTime), __typed, __shown, __allSearched]"
            )
            ready, typed, shown, all_searched = (value / 1000 for value in clock)
            opened.append(ready)
            answered.append(shown - typed)
            complete.append(all_searched)
            page.close()
        browser.close()
    return SearchTimes(statistics.median(opened), statistics.median(answered), statistics.median(complete))


def serve_reload_seconds(project: Path, repeat: int, dirty: bool = False) -> float:
    """Median seconds from saving an annotation to `mkdocs serve` (`dirty`: --dirty) serving the page with it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # The first page of essays (documents and laws, first by name, have no measures to note).
    source = next(s for s in Project(project).load_sources() if s.page.articles)
    article = source.page.articles[0]
    notes = project / "annotations" / "zz-benchmark.yaml"

    def save(body: str) -> None:
        target = f"{{article: {source.id}/{article.id}, measure: measure-1}}"
        notes.write_text(f"- id: benchmark-note\n  target: {target}\n  body: {body}\n", encoding="utf-8")

    save("基准注释。")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])],
        cwd=project,
        # Served at the root, not under the published site's path.
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page_url = f"http://127.0.0.1:{port}/{source.id}/{article.id}/"
        _wait_for(page_url, "基准注释。")
        times = []
        for n in range(repeat):
            marker = f"基准注释{n + 1}。"
            save(marker)
            start = time.perf_counter()
            _wait_for(page_url, marker)
            times.append(time.perf_counter() - start)
        return statistics.median(times)
    finally:
        notes.unlink(missing_ok=True)
        server.terminate()
        server.wait(timeout=30)


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own local server
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, limit: float = 900) -> None:
    start = time.perf_counter()
    while text not in _get(url):
        if time.perf_counter() - start > limit:
            raise SystemExit(f"{url} did not show {text!r} within {limit:.0f} s")
        time.sleep(0.05)


#: One part of the benchmark: the rows it measures in `project` (scratch files in `work`), `repeat` runs each.
Producer = Callable[[Path, Path, int], dict[str, str]]


def search_race_rows(
    project: Path, work: Path, repeat: int, further: Sequence[str] = FURTHER_QUERIES
) -> dict[str, str]:
    """Ours against Pagefind on a slow link (see search_race.py), `further` queries typed after the first."""
    return race(project, repeat, further)


def paint_rows(project: Path, work: Path, repeat: int) -> dict[str, str]:
    """Lighthouse's paint figures of the two sites the search race built."""
    return paint(project / "site-ours", project / "site-plain", repeat)


def build_rows(project: Path, work: Path, repeat: int) -> dict[str, str]:
    """MkDocs with the plugin on and off, and the finish step alone over the plain build."""
    on, off = measure_builds(project, repeat)
    finished, again = measure_finish(project, repeat)
    return {
        "build, plugin on (s)": f"{on:.1f}",
        "build, plugin off: plain Material (s)": f"{off:.1f}",
        "ratio on / off": f"{on / off:.2f}",
        "finish step alone over a plain build (s)": f"{finished:.1f}",
        "… as a share of the plain build": f"{finished / off:.0%}",
        "finish step again, one note changed (s)": f"{again:.1f}",
    }


def zensical_rows(project: Path, work: Path, repeat: int) -> dict[str, str]:
    """Zensical's build and `finish` over it (see `measure_zensical`)."""
    return measure_zensical(project, repeat)


def import_and_check_rows(project: Path, work: Path, repeat: int) -> dict[str, str]:
    """`policy-reader import` and `check`."""
    imported, checked = measure_import_and_check(project, repeat)
    return {"policy-reader import (s)": f"{imported:.2f}", "policy-reader check (s)": f"{checked:.2f}"}


def offline_rows(project: Path, work: Path, repeat: int, browser: bool = True) -> dict[str, str]:
    """The offline zip's sizes and, with `browser`, how soon a reader opening it finds a result."""
    essays = sum(len(s.page.articles) for s in Project(project).load_sources())
    zip_path, zip_size, index_size, essay_page = package(project, work)
    rows = {
        "search index per essay (KB)": f"{index_size / essays / 1000:.1f}",
        "search index total (KB)": f"{index_size / 1000:.0f}",
        "essay page, median (KB)": f"{essay_page / 1000:.0f}",
        "offline zip (KB)": f"{zip_size / 1000:.0f}",
        "offline zip per essay (KB)": f"{zip_size / essays / 1000:.1f}",
    }
    if browser:
        times = first_result_seconds(zip_path, repeat, work)
        rows["file://: open to first result (ms)"] = f"{times.total * 1000:.0f}"
        rows["… of which opening the page (ms)"] = f"{times.opened * 1000:.0f}"
        rows["… of which typing to result (ms)"] = f"{times.answered * 1000:.0f}"
        rows["file://: open to results from every essay (ms)"] = f"{times.complete * 1000:.0f}"
    return rows


def serve_rows(project: Path, work: Path, repeat: int) -> dict[str, str]:
    """`mkdocs serve`, without and with --dirty: from saving a note to the page showing it."""
    return {
        "mkdocs serve: save note to reloaded page (s)": f"{serve_reload_seconds(project, repeat):.1f}",
        "mkdocs serve --dirty: save note to reloaded page (s)": f"{serve_reload_seconds(project, repeat, True):.1f}",
    }


def producers(
    browser: bool, search_only: bool = False, builds_only: bool = False, paints: bool = False
) -> list[Producer]:
    """The parts a run measures, in the order of the table's rows.

    `search_only`: only ours against Pagefind on a slow link; `builds_only`: only the MkDocs and Zensical builds;
    `paints`: Lighthouse too.
    """
    parts: list[Producer] = []
    if browser and not builds_only:
        parts.append(search_race_rows)
    if paints and browser:
        parts.append(paint_rows)
    if search_only:
        return parts
    parts += [build_rows, zensical_rows]
    if builds_only:
        return parts
    offline: Producer = offline_rows if browser else functools.partial(offline_rows, browser=False)
    return [*parts, import_and_check_rows, offline, serve_rows]


def measure(size: CorpusSize, repeat: int, parts: list[Producer]) -> Figures:
    """Every figure `parts` measure at one size, in a project of that size made for them."""
    figures = Figures(size)
    with tempfile.TemporaryDirectory(prefix="policy-reader-bench-") as temporary:
        work = Path(temporary)
        project = project_for(size, work)
        for produce in parts:
            figures.values.update(produce(project, work, repeat))
    return figures


def table(all_figures: list[Figures], extra: dict[str, str]) -> str:
    """The figures as a Markdown table, one column per size."""
    labels = [
        f"N = {f.size.essays} (M = {f.size.terms or 'real'}, K = {f.size.annotations or 'real'})" for f in all_figures
    ]
    lines = ["| measure | " + " | ".join(labels) + " |", "| --- |" + " ---: |" * len(all_figures)]
    for key in all_figures[0].values:
        lines.append(f"| {key} | " + " | ".join(f.values.get(key, "") for f in all_figures) + " |")
    for key, value in extra.items():
        lines.append(f"| {key} | {value} |" + " |" * (len(all_figures) - 1))
    return "\n".join(lines)


def machine() -> str:
    """One line saying what the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def main(argv: list[str] | None = None) -> None:
    """Parse options (`argv`, or the command line's), measure, print (and optionally write) the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sizes", default="3,300,1000", help="numbers of essays, comma-separated (3 = the real project)"
    )
    parser.add_argument(
        "--terms", type=int, help="glossary terms M (default: N, at least 40; the real glossary at N = 3)"
    )
    parser.add_argument("--annotations", type=int, help="annotations K (default: N; the real ones at N = 3)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is shown")
    parser.add_argument("--no-browser", action="store_true", help="skip the headless-Chromium search timing")
    parser.add_argument(
        "--search-only", action="store_true", help="only our search against Pagefind on a slow link (no builds timed)"
    )
    parser.add_argument(
        "--builds-only",
        action="store_true",
        help="only the builds: MkDocs with and without the plugin, Zensical + finish",
    )
    parser.add_argument(
        "--paint",
        action="store_true",
        help="also first and largest paint, requests and bytes of the essay with the most notes, ours against "
        "plain Material (Lighthouse, phone on slow 4G; needs the browser run, whose builds it measures)",
    )
    parser.add_argument(
        "--write",
        type=Path,
        help="also write the results as Markdown (benchmarks/RESULTS.md, which the README links to)",
    )
    args = parser.parse_args(argv)
    sizes = []
    for n in (int(s) for s in args.sizes.split(",")):
        real = n == 3 and args.terms is None and args.annotations is None
        m = 0 if real else (args.terms if args.terms is not None else max(40, n))
        k = 0 if real else (args.annotations if args.annotations is not None else n)
        sizes.append(CorpusSize(n, m, k))
    all_figures = []
    for size in sizes:
        print(f"measuring N = {size.essays} …", file=sys.stderr, flush=True)
        parts = producers(not args.no_browser, args.search_only, args.builds_only, args.paint)
        all_figures.append(measure(size, args.repeat, parts))
    extra = {} if args.search_only or args.builds_only else marking_figures(args.repeat)
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:] if argv is None else argv)
    result = table(all_figures, extra)
    print(result)
    print(f"\nmachine: {machine()}\ncommand: {command.strip()}")
    if args.write:
        section = (
            PAINT_SECTION
            if args.paint
            else SEARCH_SECTION
            if args.search_only
            else GENERATORS_SECTION
            if args.builds_only
            else BUILD_SECTION
        )
        write_results(args.write, section, result, command.strip())


#: The glossaries the marker is timed with: terms, whether they are cut from the essays (dense), and the row's words.
MARKING_GLOSSARIES = (
    (40, False, "40 terms"),
    (1000, False, "1,000 terms"),
    (1000, True, "1,000 terms all cut from these essays"),
)
#: The pages it marks: how many essays, and the row's words.
MARKING_PAGES = ((60, "60 essays (3 repeated)"), (3, "3 distinct essays"))


def marking_figures(
    repeat: int,
    glossaries: Sequence[tuple[int, bool, str]] = MARKING_GLOSSARIES,
    pages: Sequence[tuple[int, str]] = MARKING_PAGES,
) -> dict[str, str]:
    """Glossary marking throughput (MB/s) for small, large and dense glossaries, on repeated and distinct essays."""
    with tempfile.TemporaryDirectory() as temporary:
        return {
            f"term marking, {glossary}, {label} (MB/s)": (
                f"{marking_throughput(m, repeat, Path(temporary), n, dense):.1f}"
            )
            for m, dense, glossary in glossaries
            for n, label in pages
        }


RESULTS_INTRO = (
    "# Benchmark results\n\n"
    "What policy-reader costs to build and to use, as the archive grows, written by "
    "`python benchmarks/run.py --write benchmarks/RESULTS.md` (not part of the site). Each figure is the "
    'median of several runs; "plugin off" is a plain Material build of the same pages, the two run alternately. '
    "A run with `--search-only` rewrites only the first section, a full run only the second, "
    "`--builds-only` only the third, `--paint` only the fourth; `python benchmarks/reader_cost.py --write "
    'benchmarks/RESULTS.md` only "The reader beside the generator".\n\n'
    "The slow link is a local server (127.0.0.1) that sends at 200 KB/s shared by all requests, after 150 ms "
    "a request, gzipped; our index files are charged at the compression of real text (the published "
    "page's text gzips 2.45×; the generated archive repeats three essays and would gzip some 30×). "
    "Pagefind indexes the plain Material build of the same pages (`--force-language zh`, root `article`) "
    "and is asked through its JavaScript API; both are asked the moment the home page has loaded.\n"
)
SEARCH_SECTION = "## Search on a slow link: ours against Pagefind"
BUILD_SECTION = "## Building and using the site"
GENERATORS_SECTION = "## The builds alone: MkDocs and Zensical"
PAINT_SECTION = "## Paint on a phone and search on a small site (issue 22)"
READER_SECTION = "## The reader beside the generator (issue 36)"


def write_results(path: Path, heading: str, result: str, command: str) -> None:
    """Write `result` under `heading` in the Markdown file `path`, keeping its other sections."""
    body = (
        f"{heading}\n\n{result}\n\n"
        f"- machine: {machine()} (shared with other work while measured)\n"
        f"- date: {time.strftime('%Y-%m-%d')}\n- command: `{command}`\n"
    )
    sections = {SEARCH_SECTION: "", BUILD_SECTION: "", GENERATORS_SECTION: "", PAINT_SECTION: "", READER_SECTION: ""}
    if path.exists():
        for chunk in path.read_text(encoding="utf-8").split("\n## ")[1:]:
            title = "## " + chunk.split("\n", 1)[0]
            sections[title] = "## " + chunk.rstrip("\n") + "\n"
    sections[heading] = body
    path.write_text(RESULTS_INTRO + "".join(f"\n{text}" for text in sections.values() if text), encoding="utf-8")


if __name__ == "__main__":
    main()
