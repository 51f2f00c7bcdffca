"""`finish` holds a few pages at a time, not the site: memory flat with the archive (issue 36).

Pages go to the workers as they are ready for them, and a page's HTML, once finished and written,
stays in the cache's store on disk (or, with no cache file, nowhere), not in memory.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_tools.common.files import staged_writes
from build_tools.finish import parallel, site
from build_tools.finish.cache import FinishCache
from build_tools.finish.page import Shared
from build_tools.finish.settings import settings_from_config
from build_tools.finish.site import FinishReport, finish_site
from tests.finish.test_finish_output_unchanged import project  # noqa: F401 - the small archive, built
from tests.finish.test_page_scan import shared  # noqa: F401 - what its pages are finished with


def _held_texts(cache: FinishCache) -> list[str]:
    """The pages whose HTML (the generator's, or finished) an entry of `cache` holds in memory."""
    return [
        path
        for path, entry in cache.entries.items()
        if any(text._text is not None or text._data is not None for text in entry.texts())
    ]


def test_a_finished_page_is_let_go_once_written(project: Path, tmp_path: Path) -> None:  # noqa: F811
    site = tmp_path / "site"
    shutil.copytree(project / "plain-site", site)
    cache_file = tmp_path / "cache" / "finish.bin"
    cache = FinishCache.load(cache_file)
    with staged_writes():  # as `policy-reader finish` runs it: the cache's store goes in with the site
        report = finish_site(site, settings_from_config(project / "mkdocs.yml"), cache=cache)
        assert len(report.finished) > 20
        assert _held_texts(cache) == []
        cache.save(cache_file)
    again = FinishCache.load(cache_file)
    rerun = finish_site(site, settings_from_config(project / "mkdocs.yml"), cache=again)
    assert rerun.finished == [] and len(rerun.kept) == len(report.finished)
    assert _held_texts(again) == []


def test_a_run_without_a_cache_file_keeps_no_page(
    project: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site = tmp_path / "site"
    shutil.copytree(project / "plain-site", site)
    kept: list[FinishCache] = []
    for_one_run = FinishCache.for_one_run
    monkeypatch.setattr(FinishCache, "for_one_run", classmethod(lambda cls: kept.append(for_one_run()) or kept[-1]))
    finish_site(site, settings_from_config(project / "mkdocs.yml"))
    assert len(kept) == 1 and len(kept[0].entries) > 20
    assert _held_texts(kept[0]) == []


def test_workers_are_given_pages_as_they_are_ready_not_the_whole_site(
    project: Path,  # noqa: F811
    shared: Shared,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "MIN_PAGES", 4)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    pages = sorted((project / "plain-site").rglob("*.html"))
    page = [(p.read_text(encoding="utf-8"), p.relative_to(project / "plain-site").as_posix()) for p in pages[:3]]
    taken = 0

    def jobs() -> Iterator[tuple[str, str]]:
        nonlocal taken
        for job in itertools.islice(itertools.cycle(page), 400):
            taken += 1
            yield job

    finished = parallel.finish_pages(jobs(), shared)
    next(finished)
    ahead = parallel.MIN_PAGES + (parallel.AHEAD * 2 + 1) * parallel.CHUNK
    assert taken <= ahead
    assert sum(1 for _ in finished) == 399 and taken == 400


def test_a_phase_inside_another_counts_its_own_time_not_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page's reading, fingerprint and writing happen inside "finish pages": each second counts once."""
    clock = iter(range(100))
    monkeypatch.setattr(site.time, "process_time", lambda: float(next(clock)))
    report = FinishReport()  # each reading of the clock one second later than the last
    with report.phase("finish pages"):
        with report.phase("read pages"):
            pass
        with report.phase("write pages"):
            pass
        with report.phase("write pages"):
            pass
    # Each inner phase: the second from its start to its end; the outer one: the four seconds between them.
    assert report.phases == {"finish pages": 4.0, "read pages": 1.0, "write pages": 2.0}


def test_a_run_that_keeps_nothing_takes_no_fingerprint(
    project: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    taken: list[str] = []
    page_fingerprint = site.page_fingerprint
    monkeypatch.setattr(site, "page_fingerprint", lambda *args: taken.append(args[1]) or page_fingerprint(*args))
    for cache, fingerprinted in ((None, False), (FinishCache(), True)):  # without a cache file; with a cache kept
        folder = tmp_path / f"site-{fingerprinted}"
        shutil.copytree(project / "plain-site", folder)
        taken.clear()
        report = finish_site(folder, settings_from_config(project / "mkdocs.yml"), cache=cache)
        assert len(report.finished) > 20
        assert sorted(taken) == (sorted(report.finished) if fingerprinted else [])
