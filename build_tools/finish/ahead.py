"""Pages finished while the generator is still writing the others, on a core it leaves idle.

MkDocs writes its pages one at a time, on one core. A generator that hands each page's HTML over as
it writes it (built HTML, as its file will hold it) has it finished by a worker process meanwhile,
as `finish_site` would finish it, into a store of files, with the fingerprint of what it was finished
from (fingerprints.py). Once the site is written, `finish_site` runs over it as always, with those
pages as its cache: a page whose file holds what was handed over, finished from the same inputs, is
taken from the store, and any other is finished then. So the site is byte for byte what
`finish_site` alone makes, whatever was handed over, and the generator never waits: a page handed
over while the worker is behind is left for `finish_site`.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import shutil
import tempfile
import time
import weakref
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from build_tools.common.page_marker import read_page_marker
from build_tools.common.progress import Progress
from build_tools.common.urls import page_url
from build_tools.finish.cache import Entry, FinishCache, StoredText
from build_tools.finish.fingerprints import PageFingerprints, page_fingerprint, site_fingerprint, tooltip_fingerprints
from build_tools.finish.inputs import AnchoredNotes, ReaderInputs
from build_tools.finish.page import FinishedPage, Shared, finish_page, is_finished
from build_tools.finish.parallel import workers
from build_tools.finish.settings import FinishSettings
from build_tools.finish.site import FinishReport, finish_site, shared_by_pages

#: Pages sent to the worker at once: fewer round trips, and the generator's core spared their cost.
CHUNK = 4
#: Chunks handed over and not yet finished, at most: beyond, a page is left for `finish_site` (memory bounded).
QUEUED = 8

Job = tuple[str, str]  # (path below the site root, the page's HTML)
#: A page finished ahead: its path, what it gives the site (HTML left out), its fingerprint, its file in the store.
Done = tuple[str, FinishedPage, str, str]


@dataclass(frozen=True)
class _Work:
    """What the worker finishes pages with: inherited as it is forked, never pickled."""

    shared: Shared
    fingerprints: PageFingerprints
    directory_urls: bool
    store: Path


_work: _Work | None = None


def _finish_in_worker(jobs: list[Job]) -> tuple[list[Done], float]:
    """Pages finished, each HTML written to the store; a page that fails is left out (`finish_site` names its error)."""
    assert _work is not None  # set before the fork
    start = time.process_time()
    done: list[Done] = []
    for path, raw in jobs:
        try:
            identity = read_page_marker(raw)
            url = page_url(path, _work.directory_urls)
            _work.fingerprints.pages[path] = page_fingerprint(
                _work.fingerprints.site, path, raw, identity, url, _work.shared
            )
            page = finish_page(raw, path, _work.shared)
        except Exception:  # noqa: S112 - finished again by `finish_site`, which raises the error as it is
            continue
        data = page.html.encode("utf-8")
        key = hashlib.sha256(data).hexdigest()
        (_work.store / key).write_bytes(data)
        done.append((path, replace(page, html=""), _work.fingerprints.of(path, page), key))
    return done, time.process_time() - start


class FinishAhead:
    """Finishes the pages a generator hands over as it writes them (see the module's docstring).

    Use: `start`, `hand_over` each page as it is written, then `finish_site` once the site is; `close` if
    the generator fails.
    """

    def __init__(self, settings: FinishSettings, shared: Shared, count: int) -> None:
        self.settings = settings
        self.shared = shared
        self.store = Path(tempfile.mkdtemp(prefix="policy-reader-ahead-"))
        # Removed at exit too, should the build be stopped (Ctrl-C) before `finish_site` or `close`.
        self._remove_store = weakref.finalize(self, shutil.rmtree, self.store, ignore_errors=True)
        self.cache = FinishCache.for_one_run()
        self.worker_cpu = 0.0
        self.taken = 0  # pages `finish_site` took from those finished ahead
        self.handing_cpu = 0.0
        self._chunk: list[Job] = []
        self._queued: deque[Future[tuple[list[Done], float]]] = deque()
        global _work  # handed to the worker by inheritance, as it is forked at the first page handed over
        fingerprints = PageFingerprints(site_fingerprint(shared, settings), {}, tooltip_fingerprints(shared))
        _work = _Work(shared, fingerprints, settings.directory_urls, self.store)
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            count, mp_context=multiprocessing.get_context("fork")
        )

    @classmethod
    def start(cls, settings: FinishSettings, inputs: ReaderInputs, notes: AnchoredNotes) -> FinishAhead | None:
        """Workers on the cores the generator leaves idle (all but one), or None where there is none, or no fork."""
        count = workers() - 1
        if count < 1 or "fork" not in multiprocessing.get_all_start_methods():
            return None
        return cls(settings, shared_by_pages(inputs, notes, settings), count)

    def hand_over(self, path: str, html: str) -> None:
        """The page the generator writes to `path` (below the site root) as `html`: finished now if a worker is free."""
        started = time.process_time()
        self._take_back(wait=False)
        if self._pool is not None and len(self._queued) < QUEUED and not is_finished(html):
            self._chunk.append((path, html))
            if len(self._chunk) >= CHUNK:
                self._send()
        self.handing_cpu += time.process_time() - started

    def _send(self) -> None:
        if self._chunk and self._pool is not None:
            self._queued.append(self._pool.submit(_finish_in_worker, self._chunk))
        self._chunk = []

    def _take_back(self, wait: bool) -> None:
        """Keep the finished pages in the cache: those finished by now, or, with `wait`, all."""
        while self._queued and (wait or self._queued[0].done()):
            done, cpu = self._queued.popleft().result()
            self.worker_cpu += cpu
            for path, gathered, fingerprint, key in done:
                self.cache.keep(
                    path, Entry.finished_elsewhere(fingerprint, gathered, StoredText.in_store(self.store, key))
                )

    def finish_site(self, site: Path, order: list[str] | None, progress: Progress | None) -> FinishReport:
        """`finish_site` over the written site, with the pages finished ahead as its cache; the store removed after.

        The report counts those pages as finished, and the worker's CPU seconds in "finish pages".
        """
        try:
            self._send()
            self._take_back(wait=True)
            self._shut_down()
            ahead = set(self.cache.entries)
            report = finish_site(
                site,
                self.settings,
                inputs=self.shared.inputs,
                notes=self.shared.notes,
                cache=self.cache,
                order=order,
                progress=progress,
            )
        finally:
            self.close()
        report.phases["finish pages"] = report.phases.get("finish pages", 0.0) + self.worker_cpu + self.handing_cpu
        taken = [path for path in report.kept if path in ahead]
        self.taken = len(taken)
        report.kept = [path for path in report.kept if path not in ahead]
        report.finished = taken + report.finished
        return report

    def _shut_down(self) -> None:
        global _work
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        _work = None

    def close(self) -> None:
        """Stop the worker and remove the store (the generator failed, or the site is finished)."""
        self._shut_down()
        self._remove_store()
