"""Pages finished while the generator writes the others (`finish/ahead.py`) make the site `finish_site` alone makes.

The same small generated archive as the guard (test_finish_output_unchanged.py), built with plain Material: its
pages are handed over as a generator would hand them, and the site is compared with the guard's digests; then
MkDocs with the plugin, on two cores and on one (where nothing is finished ahead), writes the same files.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from build_tools.common.errors import InputError
from build_tools.finish import ahead as ahead_module
from build_tools.finish.ahead import FinishAhead
from build_tools.finish.inputs import anchor_notes, essay_urls, load_inputs
from build_tools.finish.settings import FinishSettings, settings_from_config
from build_tools.finish.site import FinishReport
from tests.conftest import run
from tests.finish.test_finish_output_unchanged import GOLDEN, _digests, finish_output
from tests.finish.test_finish_output_unchanged import project as project


def _start(settings: FinishSettings, monkeypatch: pytest.MonkeyPatch) -> FinishAhead:
    monkeypatch.setattr(ahead_module, "workers", lambda: 2)  # a worker even on a machine of one core
    inputs = load_inputs(settings)
    started = FinishAhead.start(settings, inputs, anchor_notes(inputs, essay_urls(settings)))
    assert started is not None
    return started


def _hand_over_and_finish(
    site: Path, settings: FinishSettings, ahead: FinishAhead, html_of: Callable[[Path], str]
) -> FinishReport:
    for page in sorted(site.rglob("*.html")):
        ahead.hand_over(page.relative_to(site).as_posix(), html_of(page))
    return ahead.finish_site(site, None, None)


def test_pages_finished_ahead_are_those_finish_site_makes(
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    golden: Callable[[Path, object], None],
) -> None:
    monkeypatch.setattr(ahead_module, "QUEUED", 1000)  # every page finished ahead, however slow the worker
    site = tmp_path / "site"
    shutil.copytree(project / "plain-site", site)
    settings = settings_from_config(project / "mkdocs.yml")
    ahead = _start(settings, monkeypatch)
    report = _hand_over_and_finish(site, settings, ahead, lambda page: page.read_text(encoding="utf-8"))
    golden(GOLDEN, finish_output(_digests(project / "plain-site"), _digests(site)))
    pages = len(list(site.rglob("*.html")))
    assert ahead.taken == pages
    assert len(report.finished) == pages and not report.kept
    assert not ahead.store.exists()


def test_a_page_handed_over_unlike_its_file_is_finished_from_the_file(
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    golden: Callable[[Path, object], None],
) -> None:
    monkeypatch.setattr(ahead_module, "QUEUED", 1000)
    site = tmp_path / "site"
    shutil.copytree(project / "plain-site", site)
    settings = settings_from_config(project / "mkdocs.yml")
    ahead = _start(settings, monkeypatch)

    def html_of(page: Path) -> str:
        text = page.read_text(encoding="utf-8")
        # What a later plugin might change after this one was handed the page.
        return text.replace("</article>", "<p>changed later</p></article>") if "essay-0003" in str(page) else text

    _hand_over_and_finish(site, settings, ahead, html_of)
    golden(GOLDEN, finish_output(_digests(project / "plain-site"), _digests(site)))
    assert ahead.taken == len(list(site.rglob("*.html"))) - 1  # all but the page handed over otherwise


def test_a_page_that_fails_ahead_is_the_error_naming_it(
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site = tmp_path / "site"
    shutil.copytree(project / "plain-site", site)
    page = site / "page-0002" / "essay-0005" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("md-content__inner", "other-theme"), encoding="utf-8")
    before = _digests(site)
    ahead = _start(settings_from_config(project / "mkdocs.yml"), monkeypatch)
    with pytest.raises(InputError, match="the page has no content element of a theme") as raised:
        _hand_over_and_finish(site, ahead.settings, ahead, lambda page: page.read_text(encoding="utf-8"))
    assert raised.value.path == "page-0002/essay-0005/index.html"
    assert _digests(site) == before  # nothing written
    assert not ahead.store.exists()


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2, reason="needs 2 cores")
def test_the_plugin_writes_the_same_site_with_pages_finished_ahead_or_not(
    project: Path,
    tmp_path: Path,
) -> None:
    built: dict[str, dict[str, str]] = {}
    for cores in ("two", "one"):
        site = tmp_path / cores
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--verbose", "--site-dir", str(site)]
        if cores == "one":  # no idle core: nothing finished ahead
            result = run([sys.executable, "-c", _ONE_CORE, *command], cwd=project)
        else:
            result = run(command, cwd=project)
        assert result.returncode == 0, result.stderr
        said = re.search(r"finish: (\d+) of (\d+) pages finished while MkDocs wrote the others", result.stderr)
        if cores == "two":
            assert said is not None and int(said.group(1)) > 0, result.stderr
        else:
            assert said is None, result.stderr
        built[cores] = _digests(site)
    assert built["two"] == built["one"]


#: Runs the command after it on one core (as `taskset` would, without needing it installed).
_ONE_CORE = (
    "import os, sys; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); os.execv(sys.argv[1], sys.argv[1:])"
)
