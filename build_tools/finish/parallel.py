"""Pages finished across the machine's cores: each page is a pure function of its HTML and what all share.

Workers are forked (where the system can fork), so they start with what every page shares (the
glossary's matcher, the notes, the sources) already in memory, instead of each receiving a copy of
it. Only each page's HTML goes out and its `FinishedPage` comes back, in the order asked, so a run
gives the same site whatever the number of workers. Nothing is written in a worker: the caller
writes, whole or not at all (`staged_writes`).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from build_tools.finish.page import FinishedPage, Shared, finish_page

#: Below this many pages to finish, starting workers costs more than it saves.
MIN_PAGES = 48
#: Pages sent to a worker at once: fewer round trips, still an even share of the work.
CHUNK = 8

_shared: Shared | None = None


def workers() -> int:
    """How many processes can run at once here: the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _finish_in_worker(job: tuple[str, str]) -> tuple[FinishedPage | None, float]:
    """One page finished in a worker, and the CPU seconds it took; None when it failed (see `finish_pages`)."""
    raw, path = job
    assert _shared is not None  # set before the fork
    start = time.process_time()
    try:
        page: FinishedPage | None = finish_page(raw, path, _shared)
    except Exception:  # finished again in the caller, which raises it as it is
        page = None
    return page, time.process_time() - start


def _failed_in_worker(raw: str, path: str, shared: Shared) -> FinishedPage:
    """Finish again here a page that failed in a worker: raises its error as it is."""
    finish_page(raw, path, shared)
    raise RuntimeError(f"{path}: finishing the page failed in a worker process but not in the main one")


def finish_pages(jobs: list[tuple[str, str]], shared: Shared) -> Iterator[tuple[FinishedPage, float]]:
    """Each (raw HTML, path) in `jobs` finished, in order, with the CPU seconds workers spent on it.

    A page that fails in a worker is finished again here, so its error is raised as it is (an
    `InputError` naming the page), with nothing written.
    """
    count = workers()
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if count < 2 or len(jobs) < MIN_PAGES or not can_fork:
        for raw, path in jobs:
            yield finish_page(raw, path, shared), 0.0
        return
    global _shared  # handed to the forked workers by inheritance, not pickled
    _shared = shared
    try:
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork")) as pool:
            for (raw, path), (page, cpu) in zip(jobs, pool.map(_finish_in_worker, jobs, chunksize=CHUNK), strict=True):
                yield (page if page is not None else _failed_in_worker(raw, path, shared)), cpu
    finally:
        _shared = None
