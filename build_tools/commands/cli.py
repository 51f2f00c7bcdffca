"""The `policy-reader` command: inspect, import and check source pages; build, preview and package the site.

Every failure ends in a message naming the file and the fix, and a non-zero exit, never a traceback.
This module loads little, so that help comes at once; the commands themselves are in `actions.py`.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from build_tools.commands.report import FORMATS
from build_tools.common.errors import InputError, InputErrors, display_path
from build_tools.common.system_errors import os_error

if TYPE_CHECKING:
    from build_tools.importer.project import Project

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2
#: A bug of ours: said in a line, the traceback shown only when asked for (sysexits' EX_SOFTWARE).
EXIT_INTERNAL = 70
#: As a shell reports a command stopped by the signal: 128 + its number (SIGTERM's is 143).
EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_CLOSED_PIPE = 128 + signal.SIGPIPE
CONFIG_FILE = "mkdocs.yml"
DEBUG_VARIABLE = "POLICY_READER_DEBUG"
#: Commands that run outside a project too: `inspect` reads one page, wherever it is.
OUTSIDE_A_PROJECT = {"inspect"}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("policy-reader")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    """The command line, with one sub-command per job; each sub-command names the function in `actions.py` it runs."""
    parser = argparse.ArgumentParser(
        prog="policy-reader",
        description=__doc__.split("\n\n")[0],
        epilog="run `policy-reader COMMAND --help` for a command's options. "
        "Commands run in the project's folder (the one holding mkdocs.yml) or below it.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("--root", type=Path, help="project folder (default: the one holding mkdocs.yml above here)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    inspect = commands.add_parser(
        "inspect",
        help="show what the importer recognises in a page; writes nothing",
        description="Show what the importer recognises in a source page (.txt), writing nothing.",
    )
    inspect.add_argument("file", help="a source page (.txt)")
    inspect.add_argument("--json", action="store_true", help="print the structure as JSON")
    inspect.set_defaults(run="inspect")
    importer = commands.add_parser(
        "import",
        help="write docs/ pages from source pages",
        description="Write the docs/ pages of the source pages: every page, or none if any source is bad.",
    )
    importer.add_argument("files", nargs="*", help="source pages under sources/ (default: all)")
    _quiet_option(importer)
    importer.set_defaults(run="import_pages")
    check = commands.add_parser(
        "check",
        help="fail if docs/ is not what import would write",
        description="Check every input (sources, manifests, glossary, annotations) and that docs/ is what "
        "`import` writes; fail on any error.",
    )
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), or github: workflow commands that GitHub shows on a pull request's diff, "
        "and a table in the job summary when $GITHUB_STEP_SUMMARY is set",
    )
    check.set_defaults(run="check")
    build = commands.add_parser(
        "build",
        help="build the site into site/ (mkdocs build --strict)",
        description="Build the site with `mkdocs build --strict` into a folder beside site/, which replaces "
        "site/ only when the build succeeds.",
        epilog="Any further option goes to `mkdocs build` (e.g. --quiet, --verbose, --dirty); "
        "`python -m mkdocs build --help` lists them.",
    )
    build.add_argument("-f", "--config-file", help="the MkDocs configuration (default: mkdocs.yml)")
    build.add_argument("-d", "--site-dir", help="where the site goes (default: site_dir in mkdocs.yml, or site/)")
    build.set_defaults(run="build", passes_on=True)
    serve = commands.add_parser(
        "serve",
        help="preview while editing (mkdocs serve --dirty)",
        description="Preview the site while editing, with `mkdocs serve --dirty`: a saved source, note or "
        "term rebuilds only the pages it changes.",
        epilog="Any further option goes to `mkdocs serve` (e.g. --dev-addr 127.0.0.1:8001, --no-livereload); "
        "`python -m mkdocs serve --help` lists them.",
    )
    serve.set_defaults(run="serve", passes_on=True)
    finish = commands.add_parser(
        "finish",
        help="add the reader (terms, notes, search, assets) to a site any generator built",
        description="Add the reader (terms, notes, search, citations, assets) to a site any generator built: "
        "every file of it is put in place at the end, or none.",
    )
    finish.add_argument("site", help="the built site's folder, e.g. site/")
    finish.add_argument("--config", help="the mkdocs.yml to read settings from (default: the project's)")
    finish.add_argument("--site-url", help="the site's published address (default: site_url in mkdocs.yml)")
    finish.add_argument(
        "--offline", action="store_true", help="the site links to page files (page.html), for reading from disk"
    )
    finish.add_argument("--zip", help="then zip the site for reading from disk into this file")
    finish.add_argument(
        "--no-cache", action="store_true", help="finish every page afresh, and keep nothing for the next run"
    )
    _quiet_option(finish)
    finish.set_defaults(run="finish")
    package = commands.add_parser(
        "package",
        help="build the site as a zip that works from disk, offline",
        description="Build the site for reading from disk, offline, and zip it.",
    )
    package.add_argument("--output", "-o", required=True, help="the zip file to write, e.g. policy-reader.zip")
    _quiet_option(package)
    package.set_defaults(run="package")
    return parser


def _quiet_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--quiet", action="store_true", help="show no progress (on a terminal) and no timing line (elsewhere)"
    )


def _project(args: argparse.Namespace) -> Project:
    """The project the command works on: `--root`, or the folder holding mkdocs.yml here or above.

    Raises:
        InputError: There is none, and the command needs one.
    """
    from build_tools.importer.project import Project

    here = Path.cwd()
    if args.root is not None:
        found: Path | None = args.root.resolve() if (args.root / CONFIG_FILE).is_file() else None
        fix = f"name the folder holding the project's {CONFIG_FILE} with --root"
    else:
        found = next((folder for folder in (here, *here.parents) if (folder / CONFIG_FILE).is_file()), None)
        fix = f"run policy-reader in the project's folder (the one holding {CONFIG_FILE}), or name it with --root"
    if found is not None:
        return Project(found)
    needed = args.run not in OUTSIDE_A_PROJECT and not (args.run == "finish" and args.config)
    if needed:
        where = display_path(args.root) if args.root is not None else f"{here} or any folder above it"
        raise InputError(CONFIG_FILE, f"there is no {CONFIG_FILE} in {where}: this is not a policy-reader project", fix)
    return Project(here)


class _Stops:
    """Ctrl-C and SIGTERM (a stopped CI job, `kill`) while a command runs: both stop it as Ctrl-C does.

    Whether one came is remembered: a library interrupted while it loads may say so as an error of
    its own (opencc reports an ImportError), which is then the stop, not a bug.
    """

    def __init__(self) -> None:
        self.signal: int | None = None

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        self.signal = signum
        raise KeyboardInterrupt  # what the command was writing is discarded on the way out

    @contextmanager
    def handled(self) -> Iterator[None]:
        """Stop on either signal while the block runs (signals reach Python's main thread only)."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        before = {signum: signal.signal(signum, self) for signum in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for signum, handler in before.items():
                signal.signal(signum, handler)


def _run(args: argparse.Namespace) -> int:
    from build_tools.commands import actions

    action: Callable[[argparse.Namespace, Project], int] = getattr(actions, args.run)
    return int(action(args, _project(args)))


def _report(errors: list[InputError]) -> int:
    for each in errors:
        print(f"error: {each}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _quiet_on_a_closed_pipe() -> int:
    """`policy-reader inspect --json | head`: the reader left; stop as Unix tools do, without a word."""
    # Python flushes standard output once more on its way out: point it where a write cannot fail.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_CLOSED_PIPE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; every failure becomes a message and a non-zero exit, never a traceback."""
    stops = _Stops()
    command = "(starting)"
    try:
        with stops.handled():
            parser = build_parser()
            # `build` and `serve` hand any further options on to MkDocs (`--dev-addr`, `--quiet` …).
            args, passed_on = parser.parse_known_args(argv)
            if args.command is None:
                parser.print_help()
                return EXIT_USAGE
            command = args.command
            args.mkdocs_args = passed_on
            if passed_on and not getattr(args, "passes_on", False):
                parser.error(f"unrecognized arguments: {' '.join(passed_on)}")
            args.command_line = " ".join(["policy-reader", *(sys.argv[1:] if argv is None else argv)])
            status = _run(args)
            sys.stdout.flush()  # here, where a closed pipe is caught, rather than on the way out
            return status
    except BaseException as error:  # each kind becomes its message and exit status below
        if stops.signal is not None or isinstance(error, KeyboardInterrupt):
            print(
                f"\npolicy-reader {command}: stopped; nothing is half-written (each file is as it was, "
                "or as this run finished it): run it again to finish",
                file=sys.stderr,
            )
            return 128 + (stops.signal or signal.SIGINT)  # as a shell reports a command the signal stopped
        return _failed(error, command)


def _failed(error: BaseException, command: str) -> int:
    """The message and exit status for an error that ended `command`."""
    if isinstance(error, InputError):
        return _report([error])
    if isinstance(error, InputErrors):
        return _report(error.errors)
    if isinstance(error, BrokenPipeError):
        return _quiet_on_a_closed_pipe()
    if isinstance(error, OSError):
        return _report([os_error(error)])
    if not isinstance(error, Exception) or os.environ.get(DEBUG_VARIABLE):
        raise error  # SystemExit and the like; or the traceback, when asked for
    print(
        f"error: policy-reader {command} failed unexpectedly ({type(error).__name__}: {error})\n"
        f"  fix: this is a bug in policy-reader: run it again with {DEBUG_VARIABLE}=1 to see where, "
        "and report that with the command you ran",
        file=sys.stderr,
    )
    return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
