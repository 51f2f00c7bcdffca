"""The step over a built site: every page the generator wrote made a page of the reader.

`finish_site` runs in phases, each a function below and a row of `FinishReport.phases`:

1. `read_inputs`: the editors' files (glossary, notes, sources), checked before any page is read;
2. `read_pages`: what `import` wrote each page as (its marker), and which are finished already;
3. `anchor_notes_at_pages`: the notes anchored at the addresses the pages have, and what else all pages share;
4. `fingerprint_site`: what every page is finished from, as a digest of content (fingerprints.py);
5. and 6. `finish_and_write_pages`: page by page, each read again, its own fingerprint taken, finished on its
   own (`page.finish_page`, across the cores) unless the cache holds it finished from the same fingerprint,
   and written; its HTML then let go (the cache's store keeps it), so memory holds a few pages at a time and
   what the site gathers from each (its search sections, its terms), whatever the size of the site. The
   glossary page is written last, with its back-links to every essay;
7. `write_search_index`: the search index and its bigram shards, when what they are made from changed;
8. `write_site_files`: ``annotations.jsonld``, the citation files and the reader's assets.

The phases' CPU seconds count in `FinishReport.phases` under "inputs", "read pages", "anchor notes",
"fingerprint", "finish pages", "write pages", "search index" and "site files" (a page's reading and
fingerprint during 5–6 count towards "read pages" and "fingerprint"). Every file is written at the end, or
none (`staged_writes`): pages go into temporary files beside theirs as they are finished, put in place
together once every phase succeeded.
"""

from __future__ import annotations

import hashlib
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
from build_tools.finish.fingerprints import PageFingerprints, page_fingerprint, site_fingerprint, tooltip_fingerprints
from build_tools.finish.inputs import AnchoredNotes, ReaderInputs, anchor_notes, essay_urls, load_inputs
from build_tools.finish.page import NOT_FOUND, Shared, is_finished
from build_tools.finish.parallel import finish_pages
from build_tools.finish.settings import FinishSettings
from build_tools.finish.themes import Theme, theme_of
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

    _open: list[list[Any]] = field(default_factory=list, repr=False)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Count the CPU time spent inside the block towards `name`; a phase inside it counts its own time."""
        self._settle()
        self._open.append([name, time.process_time()])
        try:
            yield
        finally:
            self._settle()
            self._open.pop()
            if self._open:  # the phase around it counts again from now
                self._open[-1][1] = time.process_time()

    def _settle(self) -> None:
        """Count the time since the innermost open phase last counted towards it."""
        if self._open:
            now = time.process_time()
            name, since = self._open[-1]
            self.phases[name] = self.phases.get(name, 0.0) + now - since
            self._open[-1][1] = now


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


def _finished_entry(site: Path, path: str, on_disk: str, cache: FinishCache | None) -> Entry:
    """The cache's entry of a page that is finished already (the generator left it as it was).

    Raises:
        InputError: The cache does not know the page as it is.
    """
    entry = cache.entries.get(path) if cache else None
    if entry is None or entry.written != _digest(on_disk):
        raise InputError(
            str(site / path),
            "this page was finished already, and the step keeps no copy of it as the generator wrote it",
            "build the site again with the generator (a clean build), then run `policy-reader finish` once",
        )
    return entry


@dataclass(frozen=True)
class BuiltPages:
    """The pages of the built site, in the order MkDocs reads their sources (index first), as far as all need.

    A page's HTML is not kept: each is read again as it is finished and written (`finish_and_write_pages`).

    Attributes:
        paths: Each page's path below the site root.
        identities: What `import` wrote each page as (None for a page it did not write).
        urls: Each page's address below the site root.
        finished: The pages finished already (the generator left them as they were).
        theme: The theme that made the site, if the step knows it.
    """

    paths: list[str]
    identities: dict[str, PageIdentity | None]
    urls: dict[str, str]
    finished: frozenset[str]
    theme: Theme | None

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
    """Phase "read pages": what `import` wrote each page of `site` as, and which are finished already.

    Raises:
        InputError: A page is not UTF-8, or is finished already and the cache does not know it.
    """
    paths = _pages(site)
    identities, finished, theme = {}, set(), None
    for path in paths:
        text = _read_page(site / path)
        if is_finished(text):
            # As the page was when it was finished: its marker is the generator's.
            identities[path] = _finished_entry(site, path, text, cache).gathered.identity
            finished.add(path)
        else:
            identities[path] = read_page_marker(text)
        if theme is None:
            theme = theme_of(text)
    urls = {path: page_url(path, settings.directory_urls) for path in paths}
    return BuiltPages(paths, identities, urls, frozenset(finished), theme)


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
    return shared_by_pages(inputs, notes, settings, glossary_urls[0] if glossary_urls else None)


def shared_by_pages(
    inputs: ReaderInputs, notes: AnchoredNotes, settings: FinishSettings, glossary_url: str | None = None
) -> Shared:
    """What every page is finished with, the notes anchored; the glossary page at its usual address unless given."""
    if glossary_url is None:
        glossary_url = markdown_page_url(GLOSSARY_PAGE, settings.directory_urls)
    works = cited_works(inputs.sources, settings.site_url)
    return Shared(inputs, notes, glossary_url, lambda name, url: fill_html(name, url, inputs, notes), works)


def fingerprint_site(shared: Shared, settings: FinishSettings, cache: FinishCache) -> PageFingerprints:
    """Phase "fingerprint": what every page is finished from; each page's own is added as it is read.

    Empty for a cache that remembers nothing (`FinishCache.remembers`): nothing is compared, now or later.
    """
    if not cache.remembers():
        return PageFingerprints("", {}, {})
    return PageFingerprints(site_fingerprint(shared, settings), {}, tooltip_fingerprints(shared))


def finish_and_write_pages(
    site: Path,
    pages: BuiltPages,
    fingerprints: PageFingerprints,
    shared: Shared,
    cache: FinishCache,
    report: FinishReport,
    progress: Progress | None,
) -> dict[str, Entry]:
    """Phases "finish pages" and "write pages", page by page: each read, finished unless the cache has it, written.

    A page is finished afresh where what it is finished from changed (listed in `report.finished`), else taken
    from the cache (`report.kept`); worker processes' CPU time counts towards "finish pages". No page's HTML is
    held once it is written (the cache's store takes it: `FinishCache.keep`), but the glossary page's, which is
    written last with its back-links to every essay. The cache learns what was written, and forgets the pages
    the site no longer has. Returns the entries, in the site's order.
    """
    # A cache that remembers nothing keeps no page: no fingerprint is taken, none being compared now or later.
    remembers = cache.remembers()
    glossary: list[tuple[str, str, str]] = []  # (path, finished HTML, file on disk)
    in_flight: deque[tuple[str, str, str]] = deque()  # (path, the generator's HTML, file on disk)

    def write(path: str, text: str, on_disk: str, entry: Entry) -> None:
        identity = entry.gathered.identity
        if identity is not None and identity.kind == "glossary":
            glossary.append((path, text, on_disk))
        else:
            entry.written = _digest(text)
            _write(site / path, text, on_disk)

    def to_finish() -> Iterator[tuple[str, str]]:
        """Each page to finish afresh, as (the generator's HTML, path); the others written from the cache."""
        for path in pages.paths:
            with report.phase("read pages"):
                on_disk = _read_page(site / path)
                entry = cache.entries.get(path)
                raw = entry.raw if entry is not None and path in pages.finished else on_disk
            kept = False
            if remembers:
                with report.phase("fingerprint"):
                    identity, url = pages.identities[path], pages.urls[path]
                    fingerprints.pages[path] = page_fingerprint(fingerprints.site, path, raw, identity, url, shared)
                    kept = entry is not None and entry.fingerprint == fingerprints.of(path, entry.gathered)
            if entry is None or not kept:
                in_flight.append((path, raw, on_disk))
                yield raw, path
                continue
            report.kept.append(path)
            with report.phase("write pages"):
                if not entry.written or (entry.gathered.identity and entry.gathered.identity.kind == "glossary"):
                    write(path, entry.page.html, on_disk, entry)
                elif not is_finished(on_disk):
                    # A page kept from the cache is on disk as last written when the generator left it finished
                    # (its digest was checked as it was read); one the generator wrote afresh gets the cache's
                    # copy back.
                    write_atomically(site / path, entry.html_data())
                entry.forget()
            if progress:
                progress.advance()

    if progress:
        progress.start(len(pages.paths))
    with report.phase("finish pages"):
        for page, worker_cpu in finish_pages(to_finish(), shared):
            path, raw, on_disk = in_flight.popleft()
            entry = Entry(fingerprints.of(path, page) if remembers else "", raw, page, "")
            report.phases["finish pages"] = report.phases.get("finish pages", 0.0) + worker_cpu
            report.finished.append(path)
            with report.phase("write pages"):
                write(path, page.html, on_disk, entry)
                cache.keep(path, entry)
            if progress:
                progress.advance()
    if progress:
        progress.end()
    entries = {path: cache.entries[path] for path in pages.paths}
    with report.phase("write pages"):
        uses = _page_uses(entries)
        for path, html, on_disk in glossary:
            here = pages.urls[path]
            text = fill_uses(
                html, shared.inputs.glossary, [PageUse(relative_url(u.url, here), u.title, u.occurrences) for u in uses]
            )
            entries[path].written = _digest(text)
            _write(site / path, text, on_disk)
        for gone in set(cache.entries) - set(pages.paths):
            del cache.entries[gone]
    return entries


def _page_uses(entries: dict[str, Entry]) -> list[PageUse]:
    """The terms each essay uses, in the site's order."""
    return [entry.gathered.use for entry in entries.values() if entry.gathered.use is not None]


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

    def index_fingerprint() -> str:
        return fingerprint(
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
    for name, text in (pages.theme.search_files() if pages.theme else {}).items():
        _write(site / name, text)
    notes, works = shared.notes, shared.works
    _write(site / ANNOTATIONS_EXPORT, annotation_collection(notes.resolved, settings.site_url, settings.site_name))

    def works_fingerprint() -> str:
        return fingerprint(fingerprints.site, repr(sorted(works.items())))

    _write_kept_files(site, cache, "citations", works_fingerprint, lambda: citation_files(works.values()))
    copy_assets(site)


def _write_kept_files(
    site: Path, cache: FinishCache, name: str, made_from: Callable[[], str], make: Callable[[], dict[str, str]]
) -> None:
    """Write the site's files called `name`: made again when what they are made from changed, else the cache's.

    Files kept are written only where missing: a generator that empties the site (Zensical) removed them. What
    they are made from (`made_from`, a fingerprint) is taken only for a cache that remembers it.
    """
    kept = cache.site_files.get(name)
    made_from_now = made_from() if cache.remembers() else ""
    if kept is None or kept.fingerprint != made_from_now:
        files = make()
        for path, text in files.items():
            _write(site / path, text)
        if made_from_now:
            cache.keep_files(name, KeptFiles(made_from_now, {path: StoredText(text) for path, text in files.items()}))
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
    cache = cache if cache is not None else FinishCache.for_one_run()
    with report.phase("inputs"):
        inputs = inputs or read_inputs(settings)
    with report.phase("read pages"):
        pages = read_pages(site, settings, cache)
    with report.phase("anchor notes"):
        shared = anchor_notes_at_pages(inputs, notes, pages, settings)
    report.notices += inputs.notices
    with report.phase("fingerprint"):
        fingerprints = fingerprint_site(shared, settings, cache)
    # Every file of the run is put in place at the end, or none: a failure or Ctrl-C leaves the site as it was.
    # Pages are written as they are finished, into files beside theirs until then: memory holds none of them.
    with staged_writes():
        entries = finish_and_write_pages(site, pages, fingerprints, shared, cache, report, progress)
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
