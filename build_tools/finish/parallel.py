"""Pages finished across the machine's cores: each page is a pure function of its HTML and what all share.

Workers are forked (where the system can fork), so they start with what every page shares (the
glossary's matcher, the notes, the sources) already in memory, instead of each receiving a copy of
it. Only each page's HTML goes out and its `FinishedPage` comes back, in the order asked, so a run
gives the same site whatever the number of workers. Pages are taken from the caller as workers are
ready for them, a few chunks ahead, so no more than those are in memory at once however large the
site. Nothing is written in a worker: the caller writes, whole or not at all (`staged_writes`).
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from build_tools.finish.page import FinishedPage, Shared, finish_page

#: Below this many pages to finish, starting workers costs more than it saves.
MIN_PAGES = 48
#: Pages sent to a worker at once: fewer round trips, still an even share of the work.
CHUNK = 8
#: Chunks asked of each worker ahead of the one whose pages are being taken back: work queued, memory bounded.
AHEAD = 2

Job = tuple[str, str]

_shared: Shared | None = None


def workers() -> int:
    """How many processes can run at once here: the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _finish_in_worker(jobs: list[Job]) -> list[tuple[FinishedPage | None, float]]:
    """Pages finished in a worker, each with the CPU seconds it took; None for one that failed (see `finish_pages`)."""
    assert _shared is not None  # set before the fork
    done: list[tuple[FinishedPage | None, float]] = []
    for raw, path in jobs:
        start = time.process_time()
        try:
            page: FinishedPage | None = finish_page(raw, path, _shared)
        except Exception:  # finished again in the caller, which raises it as it is
            page = None
        done.append((page, time.process_time() - start))
    return done


def _failed_in_worker(raw: str, path: str, shared: Shared) -> FinishedPage:
    """Finish again here a page that failed in a worker: raises its error as it is."""
    finish_page(raw, path, shared)
    raise RuntimeError(f"{path}: finishing the page failed in a worker process but not in the main one")


def _taken_back(
    chunk: list[Job], future: Future[list[tuple[FinishedPage | None, float]]], shared: Shared
) -> Iterator[tuple[FinishedPage, float]]:
    for (raw, path), (page, cpu) in zip(chunk, future.result(), strict=True):
        yield (page if page is not None else _failed_in_worker(raw, path, shared)), cpu


def finish_pages(jobs: Iterable[Job], shared: Shared) -> Iterator[tuple[FinishedPage, float]]:
    """Each (raw HTML, path) in `jobs` finished, in order, with the CPU seconds workers spent on it.

    `jobs` is read as workers are ready for more (`AHEAD`), not all at once. A page that fails in a worker
    is finished again here, so its error is raised as it is (an `InputError` naming the page), with nothing
    written.
    """
    jobs = iter(jobs)
    first = list(itertools.islice(jobs, MIN_PAGES))
    count = workers()
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if count < 2 or len(first) < MIN_PAGES or not can_fork:
        for raw, path in itertools.chain(first, jobs):
            yield finish_page(raw, path, shared), 0.0
        return
    global _shared  # handed to the forked workers by inheritance, not pickled
    _shared = shared
    try:
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork")) as pool:
            waiting: deque[tuple[list[Job], Future[list[tuple[FinishedPage | None, float]]]]] = deque()
            pending = itertools.chain(first, jobs)
            while chunk := list(itertools.islice(pending, CHUNK)):
                waiting.append((chunk, pool.submit(_finish_in_worker, chunk)))
                if len(waiting) > AHEAD * count:
                    yield from _taken_back(*waiting.popleft(), shared)
            while waiting:
                yield from _taken_back(*waiting.popleft(), shared)
    finally:
        _shared = None
