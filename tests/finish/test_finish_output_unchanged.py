"""`policy-reader finish` writes, byte for byte, what it wrote when the golden digests were taken.

A guard for work on the step's speed (a compiled parser, pages finished in parallel, the search
index built another way): every file the step writes or changes (every page, the search index and
its shards, ``annotations.jsonld``, the citation files) is compared by its SHA-256 with
``golden/finished-site.json``. A page names the reader's assets by their content's fingerprint
(``reader.2d1f0ac88d.min.js``); the digest is taken with the fingerprint masked, since a change to
the reader's script is a change to its own files, not to what the step writes. The project is a
small generated archive (benchmarks/corpus.py: 12 essays, 40 terms, 12 notes), built with plain
Material. When a change *means* to change the output, review it and take the digests again with
``pytest --update-golden``.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest

from benchmarks.corpus import CorpusSize, write_project
from build_tools.common.errors import InputError
from build_tools.common.html_scan import scan
from build_tools.finish import parallel
from build_tools.finish.assets import ASSET_DIR
from build_tools.finish.settings import settings_from_config
from build_tools.finish.site import finish_site
from build_tools.importer.project import Project
from tests.conftest import policy_reader
from tests.finish.test_finish_step import plain_build

GOLDEN = Path(__file__).parent / "golden" / "finished-site.json"
FINGERPRINT = re.compile(rb"(" + re.escape(ASSET_DIR.encode()) + rb"[\w-]+)\.[0-9a-f]{10}\.")


def _digest(path: Path) -> str:
    content = path.read_bytes()
    if path.suffix == ".html":
        content = FINGERPRINT.sub(rb"\1.FINGERPRINT.", content)
    return hashlib.sha256(content).hexdigest()


def _digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): _digest(p) for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small generated archive, imported and built with plain Material into ``plain-site``."""
    project = write_project(tmp_path_factory.mktemp("unchanged") / "project", CorpusSize(12, 40, 12))
    Project(project).import_sources()
    plain = project / "plain-site"
    plain_build(project, plain)
    return project


@pytest.fixture(scope="module")
def plain_and_finished(project: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Digests of every file of the plain build, and of the same site once `policy-reader finish` ran over it."""
    plain = project / "plain-site"
    site = project / "site"
    shutil.copytree(plain, site)
    result = policy_reader(project, "finish", "site", "--no-cache")
    assert result.returncode == 0, result.stderr
    return _digests(plain), _digests(site)


def finish_output(plain: dict[str, str], finished: dict[str, str]) -> dict[str, str]:
    """What the step wrote: each file it added or changed, but the reader's own assets (copies of its files)."""
    return {
        path: digest
        for path, digest in finished.items()
        if plain.get(path) != digest and not path.startswith(ASSET_DIR)
    }


def test_every_file_the_step_writes_is_as_it_was(
    plain_and_finished: tuple[dict[str, str], dict[str, str]], golden: Callable[[Path, object], None]
) -> None:
    output = finish_output(*plain_and_finished)
    assert any(path.endswith(".html") for path in output)
    assert {"annotations.jsonld", "search/part-0.js", "search/grams/0.js"} <= set(output)
    golden(GOLDEN, output)


def test_pages_finished_in_parallel_are_the_same(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, golden: Callable[[Path, object], None]
) -> None:
    monkeypatch.setattr(parallel, "MIN_PAGES", 1)  # workers even for a small site
    monkeypatch.setattr(parallel, "workers", lambda: 2)  # and on a machine of one core
    site = tmp_path / "site"
    shutil.copytree(project / "plain-site", site)
    finish_site(site, settings_from_config(project / "mkdocs.yml"))
    golden(GOLDEN, finish_output(_digests(project / "plain-site"), _digests(site)))


def test_a_page_that_fails_in_a_worker_is_the_error_naming_it(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "MIN_PAGES", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    site = tmp_path / "site"
    shutil.copytree(project / "plain-site", site)
    page = site / "page-0002" / "essay-0005" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("md-content__inner", "other-theme"), encoding="utf-8")
    before = _digests(site)
    with pytest.raises(InputError, match="the page has no content element of a theme") as raised:
        finish_site(site, settings_from_config(project / "mkdocs.yml"))
    assert raised.value.path == "page-0002/essay-0005/index.html"
    assert _digests(site) == before  # nothing written


def _tree(page: Path) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Each element of `page` as (tag, depth) in document order: as the step's scanner reads it, and as lxml does."""
    text = page.read_text(encoding="utf-8")
    scanned = []
    for element in scan(text).elements:
        depth, parent = 0, element.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        scanned.append((element.tag, depth))
    parsed: list[tuple[str, int]] = []

    def walk(element: lxml.html.HtmlElement, depth: int) -> None:
        if isinstance(element.tag, str):  # not a comment
            parsed.append((element.tag, depth))
            for child in element:
                walk(child, depth + 1)

    walk(lxml.html.document_fromstring(text), 0)
    return scanned, parsed


def test_the_steps_tag_scanner_reads_every_page_as_lxml_does(
    project: Path, plain_and_finished: tuple[dict[str, str], dict[str, str]]
) -> None:
    """The scanner the step finds tags with (build_tools/common/html_scan.py) is its own tokenizer, since no
    parser gives where an element ends: over every page the generator and the step wrote, it builds the tree
    libxml2's HTML parser builds."""
    pages = sorted((project / "plain-site").rglob("*.html")) + sorted((project / "site").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        scanned, parsed = _tree(page)
        assert scanned == parsed, page
