"""After the generator rewrites every page, a changed note or definition finishes again only the pages that show it.

The step knows what a page is finished from by a digest of content, never a file time (finish/fingerprints.py):
a real build, finished once with the cache, is built again (MkDocs and Zensical both write every page
afresh), an editor's change is saved, and the step runs again. The pages it finishes are the ones whose
finished HTML shows the change, found here in a clean finish of the same build (no cache), which the
incremental result must equal byte for byte. The cache goes through its file between runs, as with `finish`.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from benchmarks.corpus import CorpusSize, write_project
from build_tools.finish.assets import ASSET_DIR
from build_tools.finish.cache import FinishCache
from build_tools.finish.page import is_finished
from build_tools.finish.settings import settings_from_config
from build_tools.finish.site import FinishReport, finish_site
from build_tools.importer.project import Project
from tests.conftest import GENERATORS, run
from tests.finish.test_finish_step import plain_build

NOTE_CHANGE = "(编辑者改写的注释)"
DEFINITION_CHANGE = "(编辑者改写的定义)"


def build(project: Path, generator: str) -> Path:
    """The site built again into ``site/``: by plain Material (MkDocs) or Zensical, each writing every page."""
    site = project / "site"
    if generator == "mkdocs":
        plain_build(project, site)
    else:
        result = run([sys.executable, "-m", "zensical", "build"], cwd=project)
        assert result.returncode == 0, result.stderr
    return site


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def pages_showing(site: Path, text: str) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if text in p.read_text(encoding="utf-8")}


def finish_after_rebuild(project: Path, generator: str) -> tuple[FinishReport, Path]:
    """Build again, finish with the cache the last run saved (as `finish` does); a copy with none into ``fresh/``."""
    site = build(project, generator)
    assert not any(is_finished(p.read_text(encoding="utf-8")) for p in site.rglob("*.html"))  # every page rewritten
    fresh = project / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(site, fresh)
    settings = settings_from_config(project / "mkdocs.yml")
    cache_file = project / ".policy-reader-cache" / "finish.bin"
    cache = FinishCache.load(cache_file)
    report = finish_site(site, settings, cache=cache)
    cache.save(cache_file)
    finish_site(fresh, settings)
    assert files(site) == files(fresh)
    return report, fresh


def change_first_note(project: Path) -> None:
    path = project / "annotations" / "generated.yaml"
    notes = yaml.safe_load(path.read_text(encoding="utf-8"))
    notes[0]["body"] += NOTE_CHANGE
    path.write_text(yaml.safe_dump(notes, allow_unicode=True, sort_keys=False), encoding="utf-8")


def change_definition(project: Path, term: str) -> None:
    path = project / "glossary.yaml"
    glossary = yaml.safe_load(path.read_text(encoding="utf-8"))
    (entry,) = (t for t in glossary["terms"] if t["term"] == term)
    entry["definition"] += DEFINITION_CHANGE
    path.write_text(yaml.safe_dump(glossary, allow_unicode=True, sort_keys=False), encoding="utf-8")


def term_on_some_pages(site: Path) -> str:
    """A term whose tooltip some essays show and others do not."""
    glossary = yaml.safe_load((site.parent / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
    essays = [p.read_text(encoding="utf-8") for p in site.glob("page-*/essay-*/index.html")]
    for entry in glossary:
        showing = sum(f'<strong class="pr-tooltip__term">{entry["term"]}</strong>' in page for page in essays)
        if 0 < showing < len(essays):
            return str(entry["term"])
    raise AssertionError("no term is shown on some essays only")


@pytest.mark.parametrize("generator", GENERATORS)
def test_a_changed_note_or_definition_finishes_only_the_pages_showing_it(tmp_path: Path, generator: str) -> None:
    # Two source pages of three essays: a note's two essays, and a term shown on some essays and not others.
    project = write_project(tmp_path / "project", CorpusSize(6, 40, 6))
    Project(project).import_sources()
    report, fresh = finish_after_rebuild(project, generator)
    pages = set(report.finished)
    every_page = {
        path for p in fresh.rglob("*.html") if not (path := p.relative_to(fresh).as_posix()).startswith(ASSET_DIR)
    }
    assert pages == every_page and not report.kept

    report, fresh = finish_after_rebuild(project, generator)
    assert not report.finished and set(report.kept) == pages  # nothing changed: every page from the cache

    change_first_note(project)
    report, fresh = finish_after_rebuild(project, generator)
    showing = pages_showing(fresh, NOTE_CHANGE)
    assert showing and set(report.finished) == showing
    assert len(report.kept) == len(pages) - len(showing)

    term = term_on_some_pages(fresh)
    change_definition(project, term)
    report, fresh = finish_after_rebuild(project, generator)
    showing = pages_showing(fresh, DEFINITION_CHANGE)
    assert "glossary/index.html" in showing and any(p.startswith("page-") for p in showing)
    assert set(report.finished) == showing
    assert len(report.kept) == len(pages) - len(showing)


def test_the_benchmark_prints_how_soon_a_change_is_on_its_pages(tmp_path: Path) -> None:
    command = [sys.executable, "benchmarks/refinish.py", "--sizes", "6", "--keep", str(tmp_path)]
    result = run(command, cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr
    said = re.findall(
        r"one (note|definition) changed: .* `finish` [\d.]+ s, [\d.]+ s CPU \((\d+) page\(s\) finished, (\d+) kept\)",
        result.stdout,
    )
    assert [what for what, _finished, _kept in said] == ["note", "definition"], result.stdout
    assert all(0 < int(finished) < int(kept) for _what, finished, kept in said), result.stdout
    assert "search index" in result.stdout and "cache written" in result.stdout
