"""What each sub-command of `policy-reader` does, once its arguments are read and its project found.

Each writing command holds the project's lock, and writes whole or nothing (see `common/files.py`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from build_tools.commands.checks import run_checks
from build_tools.commands.outline import document_outline, page_outline
from build_tools.commands.report import github_lines, repository_prefix, step_summary, text_lines
from build_tools.commands.site_url import placeholder_warning
from build_tools.common.errors import InputError, InputErrors, display_path
from build_tools.common.files import staged_writes
from build_tools.common.progress import Progress
from build_tools.common.project_lock import project_lock
from build_tools.finish.cache import FinishCache, default_cache_file
from build_tools.finish.package import TOP_FOLDER, check_zip_output, source_date_epoch, write_zip
from build_tools.finish.settings import read_config, settings_from_config
from build_tools.finish.site import finish_site
from build_tools.generators.mkdocs.command import become_mkdocs, build_site
from build_tools.generators.mkdocs.package import package_site
from build_tools.generators.zensical.config import write_zensical_config
from build_tools.importer.editions.links import comparisons
from build_tools.importer.project import Project, Report
from build_tools.sources.source import load_source

EXIT_OK, EXIT_BAD_INPUT = 0, 1
CONFIG_FILE = "mkdocs.yml"


def inspect(args: argparse.Namespace, project: Project) -> int:
    """Print what the importer recognises in one page."""
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


def import_pages(args: argparse.Namespace, project: Project) -> int:
    """Write docs/ from sources/, every page or none."""
    files = [Path(f) for f in args.files] or None
    with project_lock(project.root, args.command_line):
        changed, warnings = project.import_and_report(files, Progress("import", "source pages", quiet=args.quiet))
        write_zensical_config(project.root, project.docs_dir)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for name in changed:
        target = project.docs_dir / name
        print(f"{'wrote' if target.exists() else 'removed'} {project.shown(target)}")
    print(f"{len(changed)} page(s) changed" if changed else "docs/ is up to date")
    return EXIT_OK


def check(args: argparse.Namespace, project: Project) -> int:
    """Report every problem in the inputs and docs/; fail on any error."""
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


def _warn_of_placeholder(site_url: str, config: Path, how: str) -> None:
    warning = placeholder_warning(site_url, display_path(config), how)
    if warning is not None:
        print(f"warning: {warning}", file=sys.stderr)


def package(args: argparse.Namespace, project: Project) -> int:
    """Build the offline site and zip it."""
    config = project.root / CONFIG_FILE
    _warn_of_placeholder(settings_from_config(config).site_url, config, "package")
    with project_lock(project.root, args.command_line):
        _import_first(project)
        written = package_site(project.root, Path(args.output).resolve(), None if args.quiet else sys.stderr)
    print(f"wrote {args.output}: {written.files} files, {written.size / 1024:.0f} KiB ({written.size} bytes)")
    print(f"open {TOP_FOLDER}/index.html from the unzipped folder; it needs no network")
    return EXIT_OK


def _import_first(project: Project) -> None:
    """Import sources/ again when they (or the importer, or the day) changed since docs/ was imported.

    The site is built from docs/: without this, a manifest edited and then built would show the old text, silently.
    """
    imported = project.import_if_changed()
    if imported is None:
        return
    changed, warnings = imported
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if changed:
        print(f"imported sources/ first: {len(changed)} page(s) of docs/ changed", file=sys.stderr)


def _cache_folder_made(cache_file: Path) -> None:
    """Make the cache's folder before any page is finished, so that a run that cannot keep one fails at once."""
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(
            display_path(cache_file.parent),
            f"cannot make the folder where `finish` keeps what it needs for the next run ({error.strerror})",
            "make the project folder writable, or run `policy-reader finish --no-cache`",
        ) from None


def finish(args: argparse.Namespace, project: Project) -> int:
    """Add the reader to a built site: every page and file of it, or none."""
    site = Path(args.site).resolve()
    config = Path(args.config).resolve() if args.config else project.root / CONFIG_FILE
    offline = True if args.offline else None
    settings = settings_from_config(config, site_url=args.site_url, directory_urls=False if offline else None)
    _warn_of_placeholder(settings.site_url, config, f"finish {args.site}")
    if args.zip:
        check_zip_output(Path(args.zip).resolve())  # before the site is finished, not after
    with project_lock(settings.root, args.command_line):
        cache_file = None if args.no_cache else default_cache_file(settings.root, site)
        if cache_file:
            _cache_folder_made(cache_file)
        cache = FinishCache.load(cache_file) if cache_file else None
        # The cache goes in with the site: a site finished without it could not be finished again.
        with staged_writes():
            report = finish_site(site, settings, cache=cache, progress=Progress("finish", quiet=args.quiet))
            if cache_file and cache is not None:
                cache.save(cache_file)
        for notice in report.notices:
            print(notice, file=sys.stderr)
        print(
            f"finished {site}: {len(report.finished)} page(s) finished, {len(report.kept)} unchanged since the last run"
        )
        if args.zip:
            zipping = Progress("zip", "files", quiet=args.quiet)
            written = write_zip(site, Path(args.zip).resolve(), source_date_epoch(settings.root), zipping)
            print(f"wrote {args.zip}: {written.files} files, {written.size / 1024:.0f} KiB ({written.size} bytes)")
    return EXIT_OK


def build(args: argparse.Namespace, project: Project) -> int:
    """`mkdocs build --strict` into a folder beside the site, swapped in whole when it succeeds."""
    config = Path(args.config_file).resolve() if args.config_file else project.root / CONFIG_FILE
    settings = read_config(config)
    site_dir = (
        Path(args.site_dir).resolve() if args.site_dir else config.parent / str(settings.get("site_dir") or "site")
    )
    _warn_of_placeholder(settings_from_config(config).site_url, config, "build")
    with project_lock(project.root, args.command_line):
        _import_first(project)
        return build_site(project.root, config, site_dir, args.mkdocs_args)


def serve(args: argparse.Namespace, project: Project) -> int:
    """`mkdocs serve --dirty`, in this process."""
    with project_lock(project.root, args.command_line):
        _import_first(project)
    become_mkdocs(project.root, ["serve", "--dirty", *args.mkdocs_args])
