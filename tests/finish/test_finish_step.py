"""`policy-reader finish` over a plain Material build gives the reader the plugin build gives.

The plain build is MkDocs + Material with the plugin switched off (`POLICY_READER_ENABLED=false`),
as any generator that runs no plugin leaves the site: the step must find everything it needs in
the HTML and the project's plain files.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from build_tools.common.urls import relative_url
from tests.conftest import ROOT, copy_project, read_search_index, run

GANSU = "gansu-2021-digital-development"
#: Where `plain_built` has its plain Material build.
SITE = "plain-site"
ESSAYS = ("digital-government", "innovation-highland", "new-infrastructure")
NOTE = """\
- id: finish-note
  target: {article: innovation-highland, measure: measure-2}
  related:
    - {article: digital-government, measure: measure-3}
  body: 完成步骤中新写的注释。
"""


def plain_build(project: Path, site: Path) -> None:
    result = run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
        cwd=project,
        POLICY_READER_ENABLED="false",
    )
    assert result.returncode == 0, result.stderr


def finish(project: Path, site: Path, *args: str) -> tuple[int, str, str]:
    result = run([sys.executable, "-m", "build_tools", "finish", str(site), *args], cwd=project)
    return result.returncode, result.stdout, result.stderr


@pytest.fixture(scope="module")
def finished(plain_built: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of the project, built with plain Material, then finished once: (project, site)."""
    project = tmp_path_factory.mktemp("finish") / "project"
    shutil.copytree(plain_built, project, symlinks=True)
    site = project / "plain-site"
    status, out, err = finish(project, site)
    assert status == 0, err
    assert "0 unchanged" in out
    return project, site


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def essay_features(site: Path, essay: str) -> dict[str, object]:
    page = soup(site, f"{GANSU}/{essay}/index.html")
    return {
        "terms": [mark["data-term"] for mark in page.select(".pr-term")],
        "tooltips": sorted(tip["id"] for tip in page.select(".pr-tooltip")),
        "notes": [note["data-note"] for note in page.select("[data-note]")],
        "quotes": len(page.select("mark.pr-quote")),
        "previews": len(page.select("template.pr-preview")),
        "authoring": page.select_one("#pr-annotate")["data-essay"],  # type: ignore[index]
        "stylesheets": sorted(link["href"] for link in page.select('link[href*="policy-reader/"]')),
        "scripts": sorted(script["src"] for script in page.select('script[src*="policy-reader/"]')),
    }


@pytest.mark.parametrize("essay", ESSAYS)
def test_an_essay_finished_after_plain_material_is_the_plugin_builds_essay(
    finished: tuple[Path, Path], built_site: Path, essay: str
) -> None:
    _project, site = finished
    features = essay_features(site, essay)
    assert features["terms"] and features["notes"], "terms marked and notes placed"
    assert features == essay_features(built_site, essay)


def test_search_index_and_export_are_the_plugin_builds(finished: tuple[Path, Path], built_site: Path) -> None:
    _project, site = finished
    assert read_search_index(site) == read_search_index(built_site)
    exported = (site / "annotations.jsonld").read_text(encoding="utf-8")
    assert exported == (built_site / "annotations.jsonld").read_text(encoding="utf-8")
    written = sum(len(yaml.safe_load(f.read_text(encoding="utf-8"))) for f in (ROOT / "annotations").glob("*.yaml"))
    assert written >= 50
    assert f'"total": {written}' in exported


@pytest.mark.parametrize(
    ("page", "selector"),
    [
        ("glossary/index.html", ".pr-uses__list li a"),
        ("glossary/index.html", "h3.pr-glossary-term[id]"),
        ("measures/index.html", ".pr-map__measures li a"),
    ],
)
def test_glossary_page_and_measures_map_are_filled_in(
    finished: tuple[Path, Path], built_site: Path, page: str, selector: str
) -> None:
    _project, site = finished
    ours = [(a.get("href"), a.get("id"), a.get_text()) for a in soup(site, page).select(selector)]
    assert ours, f"{selector} on {page}"
    assert ours == [(a.get("href"), a.get("id"), a.get_text()) for a in soup(built_site, page).select(selector)]


def test_every_page_links_the_reader_once_and_search_is_pointed_at_our_engine(finished: tuple[Path, Path]) -> None:
    _project, site = finished
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert text.count('<meta name="policy-reader" content="finished">') == 1, path
        assert "search-shim.js" not in text, path  # the shim is in the page's head script
        assert "policy-reader/search-worker.js?index=" in text, path
    (stylesheet,) = (site / "assets" / "policy-reader").glob("reader.*.min.css")
    (script,) = (site / "assets" / "policy-reader").glob("reader.*.min.js")
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert text.count(stylesheet.name) == 1 and text.count("<script data-reader=") == 1, path
        assert script.name in text, path


def test_finishing_again_is_a_no_op(finished: tuple[Path, Path]) -> None:
    project, site = finished
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    status, out, err = finish(project, site)
    assert status == 0, err
    assert " 0 page(s) finished" in out
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_finished_page_the_step_keeps_no_copy_of_is_a_clear_error(finished: tuple[Path, Path]) -> None:
    project, site = finished
    status, _out, err = finish(project, site, "--no-cache")
    assert status == 1
    assert "index.html: this page was finished already" in err
    assert "build the site again with the generator" in err
    assert "Traceback" not in err


def test_a_changed_note_refinishes_its_essays_only_and_gives_a_fresh_finish(unfinished: Path, tmp_path: Path) -> None:
    project = unfinished
    site = project / SITE
    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh)  # the plain build, which no note changes (the plugin is off)
    assert finish(project, site)[0] == 0
    times = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    (project / "annotations" / "zz-finish.yaml").write_text(NOTE, encoding="utf-8")
    status, out, err = finish(project, site)
    assert status == 0, err
    # The note's two essays and the measures map; no other page is finished again.
    assert " 3 page(s) finished" in out
    rewritten = {p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.stat().st_mtime_ns != times[p]}
    assert {f"{GANSU}/innovation-highland/index.html", f"{GANSU}/digital-government/index.html"} <= rewritten
    assert f"{GANSU}/new-infrastructure/index.html" not in rewritten
    assert "完成步骤中新写的注释" in (site / GANSU / "innovation-highland" / "index.html").read_text(encoding="utf-8")
    assert finish(project, fresh, "--no-cache")[0] == 0
    ours = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file() and p.suffix != ".gz"}
    theirs = {p.relative_to(fresh): p.read_bytes() for p in fresh.rglob("*") if p.is_file() and p.suffix != ".gz"}
    assert ours == theirs


def test_a_bad_note_stops_the_step_before_it_writes_anything(unfinished: Path) -> None:
    project = unfinished
    site = project / SITE
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    bad = NOTE.replace("measure: measure-2", "quote: 这句话不在任何文章里出现")
    (project / "annotations" / "zz-bad.yaml").write_text(bad, encoding="utf-8")
    status, _out, err = finish(project, site)
    assert status == 1
    assert "annotations/zz-bad.yaml" in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_page_of_an_unknown_theme_is_an_error_naming_it(unfinished: Path) -> None:
    project = unfinished
    site = project / SITE
    page = site / GANSU / "digital-government" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("md-content__inner", "other-theme"), encoding="utf-8")
    status, _out, err = finish(project, site)
    assert status == 1
    assert f"{GANSU}/digital-government/index.html: the page has no content element of a theme" in err


def test_an_offline_finish_zips_a_site_that_links_files(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = project / "site"
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    plain_build(project, site)
    status, _out, err = finish(project, site, "--offline", "--zip", str(tmp_path / "reader.zip"))
    assert status == 0, err
    assert (tmp_path / "reader.zip").stat().st_size > 100_000
    index = read_search_index(site)
    assert f"{GANSU}/digital-government.html" in {page[0] for page in index["pages"]}
    glossary = soup(site, "glossary.html")
    assert glossary.select_one(".pr-uses__list a")["href"].startswith(f"{GANSU}/")  # type: ignore[index]
    shutil.rmtree(site)


@pytest.mark.parametrize(
    ("url", "other"),
    [
        ("glossary/", "a/b/"),
        ("glossary.html", "a/b.html"),
        ("", "a/b/"),
        ("a/c/", "a/b/"),
        ("a/b/", "a/b/"),
        ("index.html", "index.html"),
        ("x/y.html", ""),
        ("measures/", "measures/"),
    ],
)
def test_relative_url_is_mkdocs_own(url: str, other: str) -> None:
    from mkdocs.utils import get_relative_url

    assert relative_url(url, other) == get_relative_url(url, other)
