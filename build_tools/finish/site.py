"""The step over a built site: every page the generator wrote made a page of the reader.

`finish_site` reads what each page is from the marker `import` wrote into it, finishes each
page on its own (`page.finish_page`), then writes what the whole site gathers from them:
the glossary page's back-links, the search index, ``annotations.jsonld`` and the reader's
assets. With a cache, a rerun finishes again only the pages whose inputs changed.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.annotations.corpus import INDEX_PAGE
from build_tools.annotations.export import annotation_collection
from build_tools.citations.site import write_citation_files
from build_tools.citations.work import cited_works
from build_tools.common.errors import InputError, display_path
from build_tools.common.files import staged_writes, write_atomically
from build_tools.common.page_marker import TEXT_KINDS, read_page_marker
from build_tools.common.progress import Progress
from build_tools.common.urls import markdown_page_url, page_url, relative_url
from build_tools.finish.assets import ASSET_DIR, asset_tags, copy_assets
from build_tools.finish.cache import Entry, FinishCache, code_fingerprint, fingerprint
from build_tools.finish.fills import fill_html
from build_tools.finish.inputs import AnchoredNotes, ReaderInputs, anchor_notes, essay_urls, load_inputs
from build_tools.finish.page import NOT_FOUND, FinishedPage, Shared, is_finished
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


#: The phases of a run, in order, as `FinishReport.phases` names them.
PHASES = ("inputs", "read pages", "fingerprint", "finish pages", "search index", "write")


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
    """Finish every page of the built site in `site`; see the module's docstring.

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
    with report.phase("inputs"):
        inputs = inputs or load_inputs(settings)
    with report.phase("read pages"):
        paths = _pages(site)
        raw, on_disk = _generator_html(site, paths, cache)
        identities = {path: read_page_marker(text) for path, text in raw.items()}
    urls = {path: page_url(path, settings.directory_urls) for path in paths}
    # A document's page is its source's own (`docs/<source>/index.md`), as the corpus addresses it.
    essays = {
        (i.source or "", INDEX_PAGE if i.kind == "document" else i.article or ""): urls[path]
        for path, i in identities.items()
        if i is not None and i.kind in TEXT_KINDS
    }
    usual = essay_urls(settings)
    with report.phase("inputs"):
        if notes is None or any(usual(*key) != url for key, url in essays.items()):
            notes = anchor_notes(
                inputs, lambda source, article: essays.get((source, article)) or usual(source, article)
            )
    glossary_url = next(
        (urls[p] for p, i in identities.items() if i is not None and i.kind == "glossary"),
        markdown_page_url(GLOSSARY_PAGE, settings.directory_urls),
    )

    works = cited_works(inputs.sources, settings.site_url)
    shared = Shared(inputs, notes, glossary_url, lambda name, url: fill_html(name, url, inputs, notes), works)
    report.notices += inputs.notices
    finished: dict[str, FinishedPage] = {}
    cache = cache if cache is not None else FinishCache()
    with report.phase("fingerprint"):
        every_page = fingerprint(
            code_fingerprint(),
            inputs.glossary_bytes,
            repr(settings),
            glossary_url,
            "".join(asset_tags("")),
            repr(sorted(works.items())),  # a manifest's publication or date changes every essay's citation
            repr(notes.readings),  # a note linking an essay with a document: both pages and the 文库 say so
        )
        measures = (
            fingerprint(repr(notes.resolved)) if any(i and i.kind == "measures" for i in identities.values()) else ""
        )
        made_from = {}
        for path in paths:
            identity = identities[path]
            on_page = repr(notes.by_page.get(urls[path], [])) if identity and identity.kind in TEXT_KINDS else ""
            made_from[path] = fingerprint(
                every_page, path, raw[path], on_page, measures if identity and identity.kind == "measures" else ""
            )
    with report.phase("finish pages"):
        to_finish = []
        for path in paths:
            entry = cache.entries.get(path)
            if entry is not None and entry.fingerprint == made_from[path]:
                finished[path] = entry.page
                report.kept.append(path)
            else:
                to_finish.append(path)
        jobs = [(raw[path], path) for path in to_finish]
        if progress:
            progress.start(len(jobs))
        for path, (page, worker_cpu) in zip(to_finish, finish_pages(jobs, shared), strict=True):
            finished[path] = page
            cache.entries[path] = Entry(made_from[path], raw[path], page, "")
            report.finished.append(path)
            report.phases["finish pages"] = report.phases.get("finish pages", 0.0) + worker_cpu
            if progress:
                progress.advance()
        if progress:
            progress.end()
        finished = {path: finished[path] for path in paths}  # in the site's order, as before
    uses = [page.use for page in finished.values() if page.use is not None]
    # Every file of the run is put in place at the end, or none: a failure or Ctrl-C leaves the site as it was.
    with staged_writes():
        with report.phase("write"):
            for path, page in finished.items():
                text = page.html
                if page.identity is not None and page.identity.kind == "glossary":
                    here = urls[path]
                    text = fill_uses(
                        text,
                        inputs.glossary,
                        [PageUse(relative_url(u.url, here), u.title, u.occurrences) for u in uses],
                    )
                cache.entries[path].written = _digest(text)
                _write(site / path, text, on_disk[path])
            for gone in set(cache.entries) - set(paths):
                del cache.entries[gone]
        with report.phase("search index"):
            sections = [s for path in paths if path != NOT_FOUND for s in finished[path].sections]
            reading = in_reading_order(sections, order if order is not None else reading_order(settings))
            entries = glossary_entries(inputs.glossary, glossary_url)
            index = fingerprint(every_page, repr(reading), repr(entries))
            index_files = (
                _index_files(reading, entries) if index != cache.index or not (site / part_path(0)).exists() else {}
            )
        with report.phase("write"):
            for name, text in index_files.items():
                _write(site / name, text)
            cache.index = index
            theme = next((t for t in map(theme_of, raw.values()) if t is not None), None)
            for name, text in (theme.search_files() if theme else {}).items():
                _write(site / name, text)
            _write(
                site / ANNOTATIONS_EXPORT, annotation_collection(notes.resolved, settings.site_url, settings.site_name)
            )
            write_citation_files(site, works.values())
            copy_assets(site)
    used = {o.term_id for use in uses for o in use.occurrences}
    report.notices += [
        f"{settings.glossary}:{term.line}: the term '{term.term}' is used in no essay"
        for term in inputs.glossary.terms
        if term.id not in used
    ]
    return report


def _index_files(sections: list[Section], entries: dict[str, GlossaryEntry]) -> dict[str, str]:
    """The engine's search index, by path below the site root: its parts and bigram shards."""
    files = {part_path(n): part for n, part in enumerate(index_parts(sections, entries))}
    files.update((shard_path(n), shard) for n, shard in enumerate(index_shards(sections, entries)))
    return files
