"""The `policy-reader` command: inspect, import and check source pages; build, preview and package the site."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from build_tools.commands.checks import run_checks
from build_tools.commands.outline import document_outline, page_outline
from build_tools.commands.report import FORMATS, github_lines, repository_prefix, step_summary, text_lines
from build_tools.common.errors import InputError, InputErrors
from build_tools.editions.links import comparisons
from build_tools.finish.cache import FinishCache, default_cache_file
from build_tools.finish.package import TOP_FOLDER, source_date_epoch, write_zip
from build_tools.finish.settings import settings_from_config
from build_tools.finish.site import finish_site
from build_tools.generators.mkdocs.command import become_mkdocs
from build_tools.generators.mkdocs.package import package_site
from build_tools.importer.project import Project, Report
from build_tools.importer.source import load_source

EXIT_OK, EXIT_BAD_INPUT = 0, 1


def _inspect(args: argparse.Namespace, project: Project) -> int:
    path = Path(args.file)
    source = load_source(path, project.shown(path))
    document = source.document
    if args.json:
        print(json.dumps(document.to_json() if document else source.page.to_json(), ensure_ascii=False, indent=2))
    elif document:
        print(document_outline(document, source.encoding))
    else:
        print(page_outline(source.page, source.encoding))
        for comparison in comparisons(source):
            new = comparison.new.id if comparison.new else "(not in the current text)"
            print(f"edition {comparison.edition.label}, {comparison.old.id} → {new}: {comparison.summary}")
    for warning in document.warnings if document else source.page.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return EXIT_OK


def _import(args: argparse.Namespace, project: Project) -> int:
    files = [Path(f) for f in args.files] or None
    changed = project.import_sources(files)
    for name in changed:
        target = project.docs_dir / name
        print(f"{'wrote' if target.exists() else 'removed'} {project.shown(target)}")
    print(f"{len(changed)} page(s) changed" if changed else "docs/ is up to date")
    return EXIT_OK


def _check(args: argparse.Namespace, project: Project) -> int:
    try:
        report, sources = run_checks(project)
    except InputErrors as unreadable:
        report, sources = Report(errors=unreadable.errors), []
    if args.format == "github":
        prefix = repository_prefix(project.root)
        # Workflow commands are read from standard output.
        print("\n".join(github_lines(report, prefix)))
        if summary := os.environ.get("GITHUB_STEP_SUMMARY"):
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(step_summary(report, prefix))
    else:
        for line in text_lines(report):
            print(line, file=sys.stderr)
    if report.errors:
        print(f"check failed: {len(report.errors)} problem(s)", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"check passed: {len(sources)} source page(s), docs/ up to date, glossary and annotations valid")
    return EXIT_OK


def _package(args: argparse.Namespace, project: Project) -> int:
    written = package_site(project.root, Path(args.output).resolve())
    print(f"wrote {args.output}: {written.files} files, {written.size / 1024:.0f} KiB ({written.size} bytes)")
    print(f"open {TOP_FOLDER}/index.html from the unzipped folder; it needs no network")
    return EXIT_OK


def _finish(args: argparse.Namespace, project: Project) -> int:
    site = Path(args.site).resolve()
    config = Path(args.config).resolve() if args.config else project.root / "mkdocs.yml"
    offline = True if args.offline else None
    settings = settings_from_config(config, site_url=args.site_url, directory_urls=False if offline else None)
    cache_file = None if args.no_cache else default_cache_file(settings.root, site)
    cache = FinishCache.load(cache_file) if cache_file else None
    report = finish_site(site, settings, cache=cache)
    if cache_file and cache is not None:
        cache.save(cache_file)
    for notice in report.notices:
        print(notice, file=sys.stderr)
    print(f"finished {site}: {len(report.finished)} page(s) finished, {len(report.kept)} unchanged since the last run")
    if args.zip:
        epoch = source_date_epoch(settings.root)
        written = write_zip(site, Path(args.zip).resolve(), epoch)
        print(f"wrote {args.zip}: {written.files} files, {written.size / 1024:.0f} KiB ({written.size} bytes)")
    return EXIT_OK


def _build(args: argparse.Namespace, project: Project) -> int:
    become_mkdocs(project.root, ["build", "--strict", *args.mkdocs_args])


def _serve(args: argparse.Namespace, project: Project) -> int:
    become_mkdocs(project.root, ["serve", "--dirty", *args.mkdocs_args])


def build_parser() -> argparse.ArgumentParser:
    """The command line, with one sub-command per job."""
    parser = argparse.ArgumentParser(
        prog="policy-reader", description=__doc__, epilog="build and serve pass any further options on to mkdocs"
    )
    parser.add_argument("--root", type=Path, help="project folder (default: the one holding mkdocs.yml above here)")
    commands = parser.add_subparsers(dest="command", required=True)
    inspect = commands.add_parser("inspect", help="show what the importer recognises in a page; writes nothing")
    inspect.add_argument("file", help="a source page (.txt)")
    inspect.add_argument("--json", action="store_true", help="print the structure as JSON")
    inspect.set_defaults(run=_inspect)
    importer = commands.add_parser("import", help="write docs/ pages from source pages")
    importer.add_argument("files", nargs="*", help="source pages under sources/ (default: all)")
    importer.set_defaults(run=_import)
    check = commands.add_parser("check", help="fail if docs/ is not what import would write")
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), or github: workflow commands that GitHub shows on a pull request's diff, "
        "and a table in the job summary when $GITHUB_STEP_SUMMARY is set",
    )
    check.set_defaults(run=_check)
    build = commands.add_parser("build", help="build the site into site/ (mkdocs build --strict)")
    build.set_defaults(run=_build, passes_on=True)
    serve = commands.add_parser("serve", help="preview while editing (mkdocs serve --dirty)")
    serve.set_defaults(run=_serve, passes_on=True)
    finish = commands.add_parser(
        "finish", help="add the reader (terms, notes, search, assets) to a site any generator built"
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
    finish.set_defaults(run=_finish)
    package = commands.add_parser("package", help="build the site as a zip that works from disk, offline")
    package.add_argument("--output", "-o", required=True, help="the zip file to write, e.g. policy-reader.zip")
    package.set_defaults(run=_package)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; bad input becomes a message and exit status 1, never a traceback."""
    parser = build_parser()
    # `build` and `serve` hand any further options on to MkDocs (`--site-dir`, `--dev-addr` …).
    args, passed_on = parser.parse_known_args(argv)
    args.mkdocs_args = passed_on
    if passed_on and not getattr(args, "passes_on", False):
        parser.error(f"unrecognized arguments: {' '.join(passed_on)}")
    project = Project(args.root.resolve()) if args.root else Project.find()
    try:
        return int(args.run(args, project))
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
    except InputErrors as many:
        for each in many.errors:
            print(f"error: {each}", file=sys.stderr)
    return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
