"""The step over a built site: every page the generator wrote made a page of the reader.

`finish_site` runs in phases, each a function below and a row of `FinishReport.phases`:

1. `read_inputs`: the editors' files (glossary, notes, sources), checked before any page is read;
2. `read_pages`: each page as the generator wrote it, and what `import` wrote it as (its marker);
3. `anchor_notes_at_pages`: the notes anchored at the addresses the pages have, and what else all pages share;
4. `fingerprint_pages`: what each page is finished from, as a digest of content (fingerprints.py);
5. `finish_changed_pages`: each page on its own (`page.finish_page`, across the cores), but those the cache
   holds finished from the same fingerprint;
6. `write_pages`: the pages that changed, the glossary page with its back-links to every essay;
7. `write_search_index`: the search index and its bigram shards, when what they are made from changed;
8. `write_site_files`: ``annotations.jsonld``, the citation files and the reader's assets.

Every file is written at the end, or none (`staged_writes`).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.annotations.corpus import INDEX_PAGE
from build_tools.annotations.export import annotation_collection
from build_tools.citations.site import citation_files
from build_tools.citations.work import cited_works
from build_tools.common.errors import InputError, display_path
from build_tools.common.files import staged_writes, write_atomically
from build_tools.common.page_marker import TEXT_KINDS, PageIdentity, read_page_marker
from build_tools.common.progress import Progress
from build_tools.common.urls import markdown_page_url, page_url, relative_url
from build_tools.finish.assets import ASSET_DIR, copy_assets
from build_tools.finish.cache import Entry, FinishCache, KeptFiles, StoredText, fingerprint
from build_tools.finish.fills import fill_html
from build_tools.finish.fingerprints import (
    PageFingerprints,
    page_fingerprint,
    site_fingerprint,
    tooltip_fingerprints,
)
from build_tools.finish.inputs import AnchoredNotes, ReaderInputs, anchor_notes, essay_urls, load_inputs
from build_tools.finish.page import NOT_FOUND, Shared, is_finished
from build_tools.finish.parallel import finish_pages
from build_tools.finish.settings import FinishSettings
from build_tools.finish.themes import theme_of
from build_tools.glossary.pages import PageUse, fill_uses
from build_tools.navigation.nav import NavItem, build_nav
from build_tools.search.grams import shard_path
from build_tools.search.index import (
    GlossaryEntry,
    glossary_entries,
    in_reading_order,
    index_parts,
    index_shards,
    part_path,
)
from build_tools.search.sections import Section

ANNOTATIONS_EXPORT = "annotations.jsonld"
GLOSSARY_PAGE = "glossary.md"
MEASURES_PAGE = "measures.md"


@dataclass
class FinishReport:
    """What a run did: pages finished afresh, pages taken over from the cache, notices for the user.

    `phases` is where the run's time went: CPU seconds by phase (`PHASES`), which the benchmark prints.
    """

    finished: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Count the CPU time spent inside the block towards `name`."""
        start = time.process_time()
        try:
            yield
        finally:
            self.phases[name] = self.phases.get(name, 0.0) + time.process_time() - start


#: The phases of a run, in order, as `FinishReport.phases` names them: one function each (see the module's docstring).
PHASES = (
    "inputs",
    "read pages",
    "anchor notes",
    "fingerprint",
    "finish pages",
    "write pages",
    "search index",
    "site files",
)


def _pages(site: Path) -> list[str]:
    """The HTML pages of `site`, below its root, in the order MkDocs reads their sources (index first)."""
    found = [p.relative_to(site).as_posix() for p in site.rglob("*.html")]
    found = [p for p in found if not p.startswith(ASSET_DIR)]
    return sorted(found, key=lambda p: tuple("" if part == "index.html" else part for part in p.split("/")))


def _flatten(nav: Iterable[NavItem]) -> list[str]:
    out: list[str] = []
    for item in nav:
        if isinstance(item, str):
            out.append(item)
        else:
            for children in item.values():
                out += _flatten(children) if isinstance(children, list) else [str(children)]
    return out


def reading_order(settings: FinishSettings) -> list[str]:
    """Page addresses in the navigation's order (newest source first), which the search index follows."""
    nav = build_nav(settings.docs_dir, [GLOSSARY_PAGE, MEASURES_PAGE]) if settings.docs_dir.is_dir() else []
    return [markdown_page_url(name, settings.directory_urls) for name in _flatten(nav)]


def _write(path: Path, text: str, now: str | None = None) -> None:
    """Write `text` to `path` unless it holds it already (`now`, when known): a rerun rewrites nothing it need not."""
    if now is None and path.exists():
        now = path.read_text(encoding="utf-8")
    if now != text:
        write_atomically(path, text)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_page(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            display_path(path),
            f"this page is not UTF-8 (byte {error.object[error.start]:#04x} at offset {error.start})",
            "build the site again with the generator, writing pages as UTF-8",
        ) from None


def _generator_html(site: Path, paths: list[str], cache: FinishCache | None) -> tuple[dict[str, str], dict[str, str]]:
    """Each page as the generator wrote it (from the cache where the page is finished already), and as it is on disk.

    Raises:
        InputError: A page is finished already and the cache does not know it.
    """
    raw, on_disk = {}, {}
    for path in paths:
        text = on_disk[path] = _read_page(site / path)
        if is_finished(text):
            entry = cache.entries.get(path) if cache else None
            if entry is None or entry.written != _digest(text):
                raise InputError(
                    str(site / path),
                    "this page was finished already, and the step keeps no copy of it as the generator wrote it",
                    "build the site again with the generator (a clean build), then run `policy-reader finish` once",
                )
            text = entry.raw
        raw[path] = text
    return raw, on_disk


@dataclass(frozen=True)
class BuiltPages:
    """The pages of the built site, in the order MkDocs reads their sources (index first).

    Attributes:
        paths: Each page's path below the site root.
        raw: Each page's HTML as the generator wrote it.
        on_disk: Each page's file as it is now (finished already, when the generator left it as it was).
        identities: What `import` wrote each page as (None for a page it did not write).
        urls: Each page's address below the site root.
    """

    paths: list[str]
    raw: dict[str, str]
    on_disk: dict[str, str]
    identities: dict[str, PageIdentity | None]
    urls: dict[str, str]

    def of_kind(self, kind: str) -> list[str]:
        """The paths of the pages `import` wrote as `kind`."""
        return [path for path, identity in self.identities.items() if identity is not None and identity.kind == kind]


def read_inputs(settings: FinishSettings) -> ReaderInputs:
    """Phase "inputs": the glossary, the notes and the sources, read and checked before any page is.

    Raises:
        InputError, InputErrors: A file is bad; every message names it.
    """
    return load_inputs(settings)


def read_pages(site: Path, settings: FinishSettings, cache: FinishCache | None) -> BuiltPages:
    """Phase "read pages": every page of `site` as the generator wrote it, and what `import` wrote it as.

    Raises:
        InputError: A page is not UTF-8, or is finished already and the cache does not know it.
    """
    paths = _pages(site)
    raw, on_disk = _generator_html(site, paths, cache)
    identities = {path: read_page_marker(text) for path, text in raw.items()}
    urls = {path: page_url(path, settings.directory_urls) for path in paths}
    return BuiltPages(paths, raw, on_disk, identities, urls)


def anchor_notes_at_pages(
    inputs: ReaderInputs, notes: AnchoredNotes | None, pages: BuiltPages, settings: FinishSettings
) -> Shared:
    """Phase "anchor notes": what every page is finished with, the notes anchored at the addresses the pages have.

    `notes` anchored already (by a caller that knew the usual addresses) are kept when the pages are there.

    Raises:
        InputErrors: A note's quote or measure is not found.
    """
    # A document's page is its source's own (`docs/<source>/index.md`), as the corpus addresses it.
    text_urls = {
        (i.source or "", INDEX_PAGE if i.kind == "document" else i.article or ""): pages.urls[path]
        for path, i in pages.identities.items()
        if i is not None and i.kind in TEXT_KINDS
    }
    usual = essay_urls(settings)
    if notes is None or any(usual(*key) != url for key, url in text_urls.items()):
        notes = anchor_notes(inputs, lambda source, article: text_urls.get((source, article)) or usual(source, article))
    glossary_urls = [pages.urls[path] for path in pages.of_kind("glossary")]
    glossary_url = glossary_urls[0] if glossary_urls else markdown_page_url(GLOSSARY_PAGE, settings.directory_urls)
    works = cited_works(inputs.sources, settings.site_url)
    return Shared(inputs, notes, glossary_url, lambda name, url: fill_html(name, url, inputs, notes), works)


def fingerprint_pages(pages: BuiltPages, shared: Shared, settings: FinishSettings) -> PageFingerprints:
    """Phase "fingerprint": what each page is finished from (see fingerprints.py)."""
    site_fp = site_fingerprint(shared, settings)
    page_fps = {
        path: page_fingerprint(site_fp, path, pages.raw[path], pages.identities[path], pages.urls[path], shared)
        for path in pages.paths
    }
    return PageFingerprints(site_fp, page_fps, tooltip_fingerprints(shared))


def finish_changed_pages(
    pages: BuiltPages,
    fingerprints: PageFingerprints,
    shared: Shared,
    cache: FinishCache,
    report: FinishReport,
    progress: Progress | None,
) -> dict[str, Entry]:
    """Phase "finish pages": each page's cache entry, finished afresh where what it is finished from changed.

    Pages finished are cached and listed in `report.finished`, the others in `report.kept`; worker processes'
    CPU time counts towards the phase. The entries come in the site's order.
    """
    to_finish = []
    for path in pages.paths:
        entry = cache.entries.get(path)
        if entry is not None and entry.fingerprint == fingerprints.of(path, entry.gathered):
            report.kept.append(path)
        else:
            to_finish.append(path)
    jobs = [(pages.raw[path], path) for path in to_finish]
    if progress:
        progress.start(len(jobs))
    for path, (page, worker_cpu) in zip(to_finish, finish_pages(jobs, shared), strict=True):
        cache.entries[path] = Entry(fingerprints.of(path, page), pages.raw[path], page, "")
        report.finished.append(path)
        report.phases["finish pages"] = report.phases.get("finish pages", 0.0) + worker_cpu
        if progress:
            progress.advance()
    if progress:
        progress.end()
    return {path: cache.entries[path] for path in pages.paths}


def _page_uses(entries: dict[str, Entry]) -> list[PageUse]:
    """The terms each essay uses, in the site's order."""
    return [entry.gathered.use for entry in entries.values() if entry.gathered.use is not None]


def write_pages(
    site: Path, pages: BuiltPages, entries: dict[str, Entry], report: FinishReport, shared: Shared, cache: FinishCache
) -> None:
    """Phase "write pages": each finished page to its file (the glossary page with its back-links), where it changed.

    The cache learns what was written, and forgets the pages the site no longer has.
    """
    uses = _page_uses(entries)
    finished_now = set(report.finished)
    for path, entry in entries.items():
        identity, on_disk = entry.gathered.identity, pages.on_disk[path]
        if identity is not None and identity.kind == "glossary":
            here = pages.urls[path]
            text = fill_uses(
                entry.page.html,
                shared.inputs.glossary,
                [PageUse(relative_url(u.url, here), u.title, u.occurrences) for u in uses],
            )
        elif path in finished_now or not entry.written:
            text = entry.page.html
        else:
            # A page kept from the cache is on disk as last written when the generator left it finished (its
            # digest was checked as it was read); one the generator wrote afresh gets the cache's copy back.
            if not is_finished(on_disk):
                write_atomically(site / path, entry.html_data())
            continue
        entry.written = _digest(text)
        _write(site / path, text, on_disk)
    for gone in set(cache.entries) - set(pages.paths):
        del cache.entries[gone]


def write_search_index(
    site: Path,
    pages: BuiltPages,
    entries: dict[str, Entry],
    shared: Shared,
    fingerprints: PageFingerprints,
    cache: FinishCache,
    reading_urls: list[str],
) -> None:
    """Phase "search index": the engine's index of every listed page's sections, in reading order.

    Made again only when what it is made from changed; otherwise its files are written again, as the cache
    keeps them, where missing (a generator that empties the site before it builds).
    """
    listed = [path for path in pages.paths if path != NOT_FOUND]
    glossary = glossary_entries(shared.inputs.glossary, shared.glossary_url)
    index_fingerprint = fingerprint(
        fingerprints.site,
        repr(reading_urls),
        repr(glossary),
        *(f"{path}\n{entries[path].sections_fingerprint}" for path in listed),
    )

    def make() -> dict[str, str]:
        sections = [section for path in listed for section in entries[path].gathered.sections]
        return _index_files(in_reading_order(sections, reading_urls), glossary)

    _write_kept_files(site, cache, "search index", index_fingerprint, make)


def write_site_files(
    site: Path,
    pages: BuiltPages,
    shared: Shared,
    fingerprints: PageFingerprints,
    cache: FinishCache,
    settings: FinishSettings,
) -> None:
    """Phase "site files": the theme's own search files, ``annotations.jsonld``, the citation files, the assets."""
    theme = next((t for t in map(theme_of, pages.raw.values()) if t is not None), None)
    for name, text in (theme.search_files() if theme else {}).items():
        _write(site / name, text)
    notes, works = shared.notes, shared.works
    _write(site / ANNOTATIONS_EXPORT, annotation_collection(notes.resolved, settings.site_url, settings.site_name))
    works_fingerprint = fingerprint(fingerprints.site, repr(sorted(works.items())))
    _write_kept_files(site, cache, "citations", works_fingerprint, lambda: citation_files(works.values()))
    copy_assets(site)


def _write_kept_files(
    site: Path, cache: FinishCache, name: str, made_from: str, make: Callable[[], dict[str, str]]
) -> None:
    """Write the site's files called `name`: made again when what they are made from changed, else the cache's.

    Files kept are written only where missing: a generator that empties the site (Zensical) removed them.
    """
    kept = cache.site_files.get(name)
    if kept is None or kept.fingerprint != made_from:
        files = make()
        for path, text in files.items():
            _write(site / path, text)
        cache.site_files[name] = KeptFiles(made_from, {path: StoredText(text) for path, text in files.items()})
        return
    for path, stored in kept.files.items():
        if not (site / path).exists():
            write_atomically(site / path, stored.data())


def unused_term_notices(inputs: ReaderInputs, entries: dict[str, Entry], settings: FinishSettings) -> list[str]:
    """A notice for each term no essay uses, naming its line in the glossary."""
    used = {o.term_id for use in _page_uses(entries) for o in use.occurrences}
    return [
        f"{settings.glossary}:{term.line}: the term '{term.term}' is used in no essay"
        for term in inputs.glossary.terms
        if term.id not in used
    ]


def finish_site(
    site: Path,
    settings: FinishSettings,
    *,
    inputs: ReaderInputs | None = None,
    notes: AnchoredNotes | None = None,
    cache: FinishCache | None = None,
    order: list[str] | None = None,
    progress: Progress | None = None,
) -> FinishReport:
    """Finish every page of the built site in `site`, phase by phase; see the module's docstring.

    Args:
        site: The folder the generator wrote.
        settings: See `FinishSettings`.
        inputs: The editors' files, when the caller has read them already.
        notes: The notes anchored at this site's addresses, when the caller has anchored them.
        cache: What the last run left; updated in place.
        order: Page addresses in reading order (default: the navigation `import`'s pages make).
        progress: Shows the pages finished as they are.

    Raises:
        InputError, InputErrors: A bad input or page; nothing is written then.
    """
    if not site.is_dir():
        raise InputError(str(site), "there is no built site here", "build the site first (e.g. `mkdocs build`)")
    report = FinishReport()
    cache = cache if cache is not None else FinishCache()
    with report.phase("inputs"):
        inputs = inputs or read_inputs(settings)
    with report.phase("read pages"):
        pages = read_pages(site, settings, cache)
    with report.phase("anchor notes"):
        shared = anchor_notes_at_pages(inputs, notes, pages, settings)
    report.notices += inputs.notices
    with report.phase("fingerprint"):
        fingerprints = fingerprint_pages(pages, shared, settings)
    with report.phase("finish pages"):
        entries = finish_changed_pages(pages, fingerprints, shared, cache, report, progress)
    # Every file of the run is put in place at the end, or none: a failure or Ctrl-C leaves the site as it was.
    with staged_writes():
        with report.phase("write pages"):
            write_pages(site, pages, entries, report, shared, cache)
        with report.phase("search index"):
            reading_urls = order if order is not None else reading_order(settings)
            write_search_index(site, pages, entries, shared, fingerprints, cache, reading_urls)
        with report.phase("site files"):
            write_site_files(site, pages, shared, fingerprints, cache, settings)
    report.notices += unused_term_notices(inputs, entries, settings)
    return report


def _index_files(sections: list[Section], entries: dict[str, GlossaryEntry]) -> dict[str, str]:
    """The engine's search index, by path below the site root: its parts and bigram shards."""
    files = {part_path(n): part for n, part in enumerate(index_parts(sections, entries))}
    files.update((shard_path(n), shard) for n, shard in enumerate(index_shards(sections, entries)))
    return files
