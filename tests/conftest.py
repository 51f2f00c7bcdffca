"""Shared fixtures: the real project copied aside, a real `mkdocs build`, golden files."""

from __future__ import annotations

import contextlib
import fcntl
import inspect
import itertools
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import types
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route

from build_tools.search.index import GlossaryEntry, label_of_row
from build_tools.search.sections import Section

ROOT = Path(__file__).resolve().parent.parent
#: Real published pages the tests read besides the site's own sources (see its README).
REAL_PAGES = ROOT / "tests" / "data"
PROJECT_PARTS = ("mkdocs.yml", "docs", "sources", "glossary.yaml", "annotations")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite golden files from the code's current output instead of comparing",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[Path, object], None]:
    """Compare data with a golden JSON file; `--update-golden` rewrites the file instead."""
    update = request.config.getoption("--update-golden")

    def compare(path: Path, actual: object) -> None:
        text = json.dumps(actual, ensure_ascii=False, indent=2) + "\n"
        if update:
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"{path} is missing: run pytest --update-golden once and review it"
        assert json.loads(path.read_text(encoding="utf-8")) == actual

    return compare


def copy_project(target: Path) -> Path:
    """Copy the parts of the project a build reads into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.exists():
            shutil.copy2(source, target / part)
    return target


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a command of this project's environment, capturing its output."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run(args, cwd=cwd, env=environment, capture_output=True, text=True, check=False)


def mkdocs_build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """A real `mkdocs build --strict` of `project`."""
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", *extra], cwd=project)


def policy_reader(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real `policy-reader` command, run in `project`."""
    return run([sys.executable, "-m", "build_tools", *args], cwd=project)


@dataclass(frozen=True)
class Outcome:
    """What a command said of a project: its exit status and everything it printed."""

    status: int
    output: str


def policy_reader_in_process(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`policy-reader --root PROJECT ARGS` in this process (`cli.main`): (status, stdout, stderr); never a traceback."""
    from build_tools.commands.cli import main

    capsys.readouterr()
    status = main(["--root", str(project), *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    return status, out, err


def check_in_process(project: Path, capsys: pytest.CaptureFixture[str]) -> Outcome:
    """`policy-reader check` as the command line runs it in `project`'s folder (which paths are shown from)."""
    with contextlib.chdir(project):
        status, out, err = policy_reader_in_process(project, capsys, "check")
    return Outcome(status, err + out)


#: How a test runs the command line on a project: `policy_reader` (a real process) or `in_process`.
Runner = Callable[..., subprocess.CompletedProcess[str]]


def in_process(capsys: pytest.CaptureFixture[str]) -> Runner:
    """`policy_reader` run in this process instead, in the project's folder as the command runs: the same result
    (for import, check and inspect: a build in this process would escape the `site` marker)."""

    def policy_reader_here(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
        with contextlib.chdir(project):
            status, out, err = policy_reader_in_process(project, capsys, *args)
        return subprocess.CompletedProcess(["policy-reader", *args], status, out, err)

    return policy_reader_here


@pytest.fixture
def policy_reader_here(capsys: pytest.CaptureFixture[str]) -> Runner:
    """`policy_reader`, run in this process (`in_process`)."""
    return in_process(capsys)


def build_inputs_in_process(project: Path) -> Outcome:
    """What a build says of `project`'s inputs, read in this process as the plugin reads them before MkDocs
    renders a page (`load_inputs`, then `anchor_notes`): status 1 and its errors, one after another as
    `mkdocs build` prints them; or 0 and its notices."""
    from build_tools.common.errors import InputError, InputErrors
    from build_tools.finish.inputs import anchor_notes, essay_urls, load_inputs
    from build_tools.finish.settings import settings_from_config

    with contextlib.chdir(project):
        try:
            settings = settings_from_config(project / "mkdocs.yml")
            inputs = load_inputs(settings)
            anchor_notes(inputs, essay_urls(settings))
        except InputErrors as errors:
            return Outcome(1, "\n".join(str(e) for e in errors.errors))
        except InputError as error:
            return Outcome(1, str(error))
    return Outcome(0, "\n".join(inputs.notices))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# ── The `site` marker: tests that build a whole site or run the CLI in a subprocess ─────────────
#
# `pytest -m "not browser and not site"` is the fast lane. Nobody needs to mark a test `site` by hand: a
# test is marked when it, a function of the tests it calls, or a fixture it uses (however indirectly)
# reaches one of the subprocess helpers below, `sys.executable` or MkDocs' build in this process. What
# that reading misses the audit hook catches: a test not marked `site` that starts mkdocs, zensical or
# policy-reader fails, naming the marker.

#: Programs, modules (`python -m …`) and scripts that make a command line a build or a run of the CLI.
#: Matched by name, never inside a path: a clone may sit in a folder called policy-reader.
_SITE_PROGRAMS = frozenset({"mkdocs", "zensical", "policy-reader", "zensical-build"})
_SITE_MODULES = frozenset({"mkdocs", "zensical", "build_tools"})
_running: list[pytest.Item] = []


def _site_helpers() -> set[object]:
    return {run, mkdocs_build, policy_reader, zensical_build}


_verdicts: dict[types.CodeType, bool] = {}


def _reaches_a_subprocess(function: object, seen: set[int]) -> bool:
    """Whether `function` (or a function of the tests it names, in turn) runs a build or the CLI in a subprocess."""
    function = inspect.unwrap(function)  # type: ignore[arg-type]
    code = getattr(function, "__code__", None)
    if code is None or id(code) in seen:
        return False
    seen.add(id(code))
    if code not in _verdicts:
        _verdicts[code] = _names_a_subprocess(function, code, seen)
    return _verdicts[code]


def _names_a_subprocess(function: object, code: types.CodeType, seen: set[int]) -> bool:
    helpers = _site_helpers()
    namespace: dict[str, Any] = getattr(function, "__globals__", {})
    codes = [code]
    while codes:
        current = codes.pop()
        codes += [const for const in current.co_consts if isinstance(const, types.CodeType)]
        if "executable" in current.co_names and namespace.get("sys") is sys:
            return True
        for name in current.co_names:
            value = namespace.get(name)
            if any(value is helper for helper in helpers):
                return True
            # MkDocs' own commands (`mkdocs.commands.build.build`) build a whole site in this process.
            if callable(value) and getattr(value, "__module__", "").startswith("mkdocs.commands."):
                return True
            if not getattr(value, "__module__", "").startswith("tests"):
                continue
            inner = vars(value).values() if isinstance(value, type) else [value]  # a class: its methods
            if any(isinstance(f, types.FunctionType) and _reaches_a_subprocess(f, seen) for f in inner):
                return True
    return False


def _builds_a_site(item: pytest.Item) -> bool:
    seen: set[int] = set()
    if _reaches_a_subprocess(getattr(item, "function", None), seen):
        return True
    # The fixtures it uses, and those they ask for by name (`request.getfixturevalue("built_site")`).
    manager = item.session._fixturemanager
    names = list(getattr(item, "fixturenames", ()))
    asked: set[str] = set(names)
    while names:
        for definition in manager.getfixturedefs(names.pop(), item) or ():
            if _reaches_a_subprocess(definition.func, seen):
                return True
            for name in _fixtures_asked_for(definition.func):
                if name not in asked:
                    asked.add(name)
                    names.append(name)
    return False


def _fixtures_asked_for(function: object) -> list[str]:
    """The string constants of a fixture that calls `request.getfixturevalue`: the fixtures it may ask for."""
    code = getattr(inspect.unwrap(function), "__code__", None)  # type: ignore[arg-type]
    codes, names = [code] if code else [], []
    while codes:
        current = codes.pop()
        codes += [const for const in current.co_consts if isinstance(const, types.CodeType)]
        if "getfixturevalue" in current.co_names:
            names += [const for const in current.co_consts if isinstance(const, str) and const.isidentifier()]
    return names


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark `site` every test that builds a site or runs the CLI in a subprocess (see above); keep only
    the pairwise rows of a test marked `pairwise` (see `pairwise`)."""
    for item in items:
        if item.get_closest_marker("site") is None and _builds_a_site(item):
            item.add_marker(pytest.mark.site)
    _keep_pairwise_rows(config, items)
    # Workers take whole files in the order collected: the longest start first, or the run ends with one
    # worker busy on them while the other waits.
    items.sort(
        key=lambda item: LONGEST_FILES.index(item.path.name) if item.path.name in LONGEST_FILES else len(LONGEST_FILES)
    )


#: The files whose tests take longest together, longest first (the whole suite's JUnit times, 2026-12-08, after
#: pages were opened once a module): axe over the page matrix, the keyboard walks, the reading layout, the zips.
LONGEST_FILES = (
    "test_axe.py",
    "test_keyboard.py",
    "test_reading_layout.py",
    "test_offline_zip.py",
    "test_benchmarks.py",
    "test_select_to_note_browser.py",
)


# ── Pairwise matrices ─────────────────────────────────────────────────────────────────────────


def pairwise(*factors: list[Any]) -> list[tuple[Any, ...]]:
    """Rows of values, one per factor, holding every pair of values of any two factors at least once.

    Picked greedily from the whole product: each row is the one covering most pairs not yet covered,
    and of those, when that makes no more rows, the one whose values were chosen least (so each value
    is used about as often).
    """
    balanced, plain = _greedy_pairs(factors, balance=True), _greedy_pairs(factors, balance=False)
    return balanced if len(balanced) <= len(plain) else plain


def _greedy_pairs(factors: tuple[list[Any], ...], balance: bool) -> list[tuple[Any, ...]]:
    product = list(itertools.product(*factors))

    def pairs(row: tuple[Any, ...]) -> set[tuple[int, Any, int, Any]]:
        return {(i, row[i], j, row[j]) for i, j in itertools.combinations(range(len(row)), 2)}

    def overuse(row: tuple[Any, ...]) -> int:
        return sum(used.get((i, v), 0) for i, v in enumerate(row)) if balance else 0

    wanted = set().union(*(pairs(row) for row in product))
    used: dict[tuple[int, Any], int] = {}
    rows: list[tuple[Any, ...]] = []
    while wanted:
        best = max(product, key=lambda row: (len(pairs(row) & wanted), -overuse(row)))
        rows.append(best)
        wanted -= pairs(best)
        for value in enumerate(best):
            used[value] = used.get(value, 0) + 1
    return rows


def _keep_pairwise_rows(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test marked ``pairwise("kind", "scheme", …)`` runs for the pairwise rows of those parameters only
    (a fixture's params, such as `generator`'s, count too); the rest of the product is deselected."""
    groups: dict[tuple[str, str], list[pytest.Item]] = {}
    for item in items:
        if item.get_closest_marker("pairwise") is not None and hasattr(item, "callspec"):
            groups.setdefault((str(item.path), item.originalname), []).append(item)  # type: ignore[attr-defined]
    dropped: list[pytest.Item] = []
    for group in groups.values():
        names = group[0].get_closest_marker("pairwise").args  # type: ignore[union-attr]
        row_of = {item: tuple(item.callspec.params[name] for name in names) for item in group}  # type: ignore[attr-defined]
        factors = [sorted({row[n] for row in row_of.values()}) for n in range(len(names))]
        kept = set(pairwise(*factors))
        dropped += [item for item, row in row_of.items() if row not in kept]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        gone = set(dropped)
        items[:] = [item for item in items if item not in gone]


def _starts_a_build(argv: list[str]) -> bool:
    """Whether a command line runs a generator or the CLI: by its program's, module's or script's name."""
    names = [os.path.basename(word) for word in argv]
    if any(name in _SITE_PROGRAMS for name in names[:2]):  # the program, or the script a shell runs
        return True
    return any(flag == "-m" and module.split(".")[0] in _SITE_MODULES for flag, module in itertools.pairwise(names))


def _refuse_unmarked_builds(event: str, args: tuple[Any, ...]) -> None:
    if event != "subprocess.Popen" or not _running or _running[-1].get_closest_marker("site") is not None:
        return
    given = args[1]
    argv = [os.fspath(word) for word in given] if isinstance(given, list | tuple) else shlex.split(os.fspath(given))
    command = " ".join(argv)
    if _starts_a_build(argv):
        pytest.fail(
            f"{_running[-1].nodeid} runs `{command[:120]}` but is not marked `site`, so the fast lane would run it: "
            "add @pytest.mark.site (or reach the build through tests.conftest's helpers, which mark it)",
            pytrace=False,
        )


sys.addaudithook(_refuse_unmarked_builds)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    _running.append(item)
    try:
        return (yield)
    finally:
        _running.pop()


# ── Made once per run, whichever worker asks first ─────────────────────────────────────────────
#
# The suite runs on every core (pytest-xdist, `-n auto` in pyproject.toml), each worker a process of its
# own with its own session fixtures. A site many test files read is built once for all of them: the
# first worker to ask builds it under a lock in the folder the workers share; the others wait, then read it.


def shared_temp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder every worker of this run can see (a worker's own base folder is inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder `name`, filled by `make(folder)` once in this run: later callers, in any worker, get it as made.

    What `make` leaves is read-only to its users. If `make` fails, the next caller tries again from nothing.
    """
    folder = shared_temp(tmp_path_factory) / "made-once" / name
    folder.parent.mkdir(exist_ok=True)
    lock = folder.parent / f"{name}.lock"
    lock.touch()
    with one_worker_at_a_time(lock):
        done = folder.parent / f"{name}.done"
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            make(folder)
            done.touch()
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the real project, to change and build."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, built once by a real `mkdocs build --strict`; returns `site/`."""

    def build(folder: Path) -> None:
        result = mkdocs_build(copy_project(folder / "project"))
        assert result.returncode == 0, result.stderr

    return made_once(tmp_path_factory, "built", build) / "project" / "site"


#: The generators the site is built with: MkDocs (with the plugin) and Zensical (then `policy-reader finish`).
GENERATORS = ("mkdocs", "zensical")
#: The Zensical build ARCHITECTURE.md shows and `.ci/run` runs: import, the offline zip, the hosted site.
ZENSICAL_BUILD = ROOT / ".ci" / "zensical-build"


def zensical_build(project: Path, **env: str) -> None:
    """Run `.ci/zensical-build` in `project` with this environment's tools (so it installs nothing)."""
    tools = str(Path(sys.executable).parent)
    result = run(["bash", str(ZENSICAL_BUILD)], cwd=project, POLICY_READER_TOOLS=tools, **env)
    assert result.returncode == 0, f"{ZENSICAL_BUILD.name}\n{result.stdout[-2000:]}{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr, result.stderr


@pytest.fixture(scope="session")
def zensical_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project after `.ci/zensical-build`: `site/` as it is hosted, and the offline zip beside it."""
    made = made_once(tmp_path_factory, "zensical", lambda folder: zensical_build(copy_project(folder / "project")))
    return made / "project"


@pytest.fixture(scope="session", params=GENERATORS)
def generator(request: pytest.FixtureRequest) -> str:
    """Each generator the site is built with, in turn."""
    return str(request.param)


@pytest.fixture(scope="session")
def site(generator: str, request: pytest.FixtureRequest) -> Path:
    """The real project's `site/`, built by each generator: MkDocs, or `.ci/zensical-build` (Zensical then finish)."""
    if generator == "mkdocs":
        built: Path = request.getfixturevalue("built_site")
        return built
    project: Path = request.getfixturevalue("zensical_project")
    return project / "site"


@pytest.fixture(scope="session")
def unzipped(generator: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """The real offline zip, unzipped; returns its top folder.

    MkDocs: `policy-reader package`; Zensical: the zip `.ci/zensical-build` makes.
    """

    def package(base: Path) -> None:
        if generator == "zensical":
            output: Path = request.getfixturevalue("zensical_project") / "policy-reader.zip"
        else:
            project = copy_project(base / "project")
            output = base / "site.zip"
            result = run([sys.executable, "-m", "build_tools", "package", "--output", str(output)], cwd=project)
            assert result.returncode == 0, result.stderr
        with zipfile.ZipFile(output) as archive:
            archive.extractall(base / "unzipped")

    return made_once(tmp_path_factory, f"offline-{generator}", package) / "unzipped" / "policy-reader"


_INDEX_CALL = re.compile(r'^policyReader\.search\.load\((\d+),(\d+),(".*")\);\n$', re.S)


def search_index_parts(site: Path) -> list[str]:
    """The scripts of the engine's index in a built site, in order (part 0 names how many there are)."""
    first = (site / "search" / "part-0.js").read_text(encoding="utf-8")
    count = parse_index_part(first)["parts"]
    return [first, *((site / "search" / f"part-{n}.js").read_text(encoding="utf-8") for n in range(1, count))]


def read_search_index(site: Path) -> dict[str, Any]:
    """The engine's index in a built site, its parts joined: every part's fields and docs (part 0's fields first)."""
    parts = [parse_index_part(script) for script in search_index_parts(site)]
    fields = {key: value for part in reversed(parts) for key, value in part.items()}
    return {**fields, "docs": [doc for part in parts for doc in part["docs"]]}


def sections_of(index: dict[str, Any]) -> list[Section]:
    """The sections an index was made from, each with its page's label (the head's ``pages`` and ``labels``)."""
    labels = {page[0]: label_of_row(index["labels"][page[4]]) for page in index["pages"] if len(page) > 4}
    return [
        Section(d["location"], d["title"], d["text"], bool(d.get("essay")), labels.get(d["location"].split("#")[0]))
        for d in index["docs"]
    ]


def glossary_of(index: dict[str, Any]) -> dict[str, GlossaryEntry]:
    """The glossary an index was made from: each spelling → its entry."""
    return {
        form: GlossaryEntry(**{key: value for key, value in entry.items() if key != "forms"})
        for entry in index["glossary"]
        for form in entry["forms"]
    }


def parse_index_part(script: str) -> dict[str, Any]:
    """One part of the engine's index: its number (``part``), how many there are (``parts``) and its data."""
    call = _INDEX_CALL.match(script)
    assert call, f"an index part is not one policyReader.search.load(n, count, json) call: {script[:80]!r}"
    data: dict[str, Any] = json.loads(json.loads(call.group(3)))
    return {"part": int(call.group(1)), "parts": int(call.group(2)), **data}


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--allow-file-access-from-files",
]


# What the browser tests run, by the Debian package that brings it: the browser, the fonts it draws
# Chinese with, and poppler's pdftotext/pdftoppm, which read the printed pages.
DEBIAN_PACKAGES = {
    "chromium": CHROMIUM,
    "fonts-noto-cjk": Path("/usr/share/fonts/opentype/noto"),
    "poppler-utils": Path("/usr/bin/pdftotext"),
}


@contextmanager
def one_worker_at_a_time(path: Path) -> Iterator[None]:
    """Held by one process at a time (a lock on the existing file `path`): for installing what tests share."""
    with path.open("rb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def ensure_chromium() -> Path:
    """Debian's chromium (and the fonts and PDF tools the browser tests use), installed with apt-get when missing."""
    if all(path.exists() for path in DEBIAN_PACKAGES.values()):
        return CHROMIUM
    with one_worker_at_a_time(Path(__file__)):
        return _install_debian_packages()


def _install_debian_packages() -> Path:
    missing = [package for package, path in DEBIAN_PACKAGES.items() if not path.exists()]
    if not missing:
        return CHROMIUM
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.fail(f"browser tests need Debian's {', '.join(missing)}: run `sudo apt-get install {' '.join(missing)}`")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *missing]):
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            pytest.fail(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """A headless Debian chromium driven by playwright (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    executable = ensure_chromium()
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


#: The page's scripts are fetched once it has painted (assets/head/after-first-paint.js), which marks
#: <html data-pr-started> when they have all run; a page without the head script has nothing to wait for.
SCRIPTS_STARTED = (
    "() => !document.querySelector('script[data-reader]') || document.documentElement.hasAttribute('data-pr-started')"
)


def wait_for_scripts(page: Page) -> None:
    """Wait until the page now open has run its scripts, fetched after its first paint."""
    page.wait_for_function(SCRIPTS_STARTED)


def goto(page: Page, url: str) -> None:
    """Open `url` in `page` and wait until its scripts have run."""
    page.goto(url)
    wait_for_scripts(page)


class OpenedOnce:
    """Pages opened once for a module's read-only tests: `pages.open(url, **context)` returns the same page
    for the same address and context, so tests that only look at a page share one load of it.

    A test that changes its page (a click, a key, a scroll, a stored setting) opens its own with `opened`;
    a test that must start from a fresh page here calls `fresh=True`. Each page is closed when the module
    ends, which fails if any of them raised a JavaScript error.
    """

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.pages: dict[str, tuple[Page, list[str]]] = {}

    def open(self, url: str, fresh: bool = False, **context: object) -> Page:
        key = json.dumps([url, context], sort_keys=True, default=str)
        if fresh and key in self.pages:
            self._close(key)
        if key not in self.pages:
            page = self.browser.new_context(**context).new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            goto(page, url)
            self.pages[key] = (page, errors)
        page, errors = self.pages[key]
        assert errors == [], f"{url} raised JavaScript errors: {errors}"
        return page

    def _close(self, key: str) -> list[str]:
        page, errors = self.pages.pop(key)
        page.context.close()
        return errors

    def close_all(self) -> None:
        raised = {key: errors for key in list(self.pages) if (errors := self._close(key))}
        assert raised == {}, f"pages raised JavaScript errors: {raised}"


@pytest.fixture(scope="module")
def pages(browser: Browser) -> Iterator[OpenedOnce]:
    """Pages opened once for the module's tests that only read them (see `OpenedOnce`)."""
    pool = OpenedOnce(browser)
    yield pool
    pool.close_all()


@contextmanager
def opened(
    browser: Browser,
    url: str,
    route: Callable[[Route], None] | None = None,
    init_script: str | None = None,
    **context: object,
) -> Iterator[Page]:
    """`url` in a fresh browser context; fails if the page raised a JavaScript error.

    `route` sees every request of the context; `init_script` runs before any script of the page.
    """
    session = browser.new_context(**context)
    if route:
        session.route("**/*", route)
    if init_script:
        session.add_init_script(init_script)
    page = session.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        goto(page, url)
        yield page
    finally:
        session.close()
    assert errors == [], f"the page raised JavaScript errors: {errors}"
