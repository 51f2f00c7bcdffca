"""A preview rebuild (``mkdocs serve --dirty``) makes again only the pages a saved note touches.

The rebuilds here run as `mkdocs serve --dirty` runs them: the configuration (and so the
plugin) loaded afresh each time, into one site folder. The site a rebuild leaves must be,
file for file, the one a full build of the same files makes: the note on both of its
essays, the search index, the glossary page and the measures map whole.

The session's first build is made once for the module: each test goes on from a copy of its
project and site, with a copy of what the session remembered, as if it had made that build itself.
"""

from __future__ import annotations

import gzip
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from build_tools.finish.cache import FinishCache
from build_tools.generators.mkdocs.plugin import PolicyReaderPlugin, Preview
from build_tools.importer.project import Project
from tests.conftest import copy_project

GANSU = "gansu-2021-digital-development"
ESSAYS = ("digital-government", "innovation-highland", "new-infrastructure")
SERVE_URL = "http://127.0.0.1:8000/"
NOTE = """\
- id: preview-note
  target: {article: innovation-highland, measure: measure-2}
  related:
    - {article: digital-government, measure: measure-3}
  body: 预览中新写的注释。
"""


def site_build(project: Path, site: Path, *, dirty: bool, command: str = "serve") -> None:
    """A build as `mkdocs serve` (or `command`) makes it (`dirty`: with --dirty)."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command=command, dirty=dirty)
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL if command == "serve" else None, dirty=dirty)


def files_of(site: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found[path.relative_to(site).as_posix()] = gzip.decompress(data) if path.suffix == ".gz" else data
    return found


def written_times(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("*.html")}


def forget_previews(patch: pytest.MonkeyPatch) -> None:
    """A preview session of its own: nothing remembered from another build."""
    patch.setattr(PolicyReaderPlugin, "preview", Preview())
    patch.setattr(PolicyReaderPlugin, "serving", False)
    patch.setattr(PolicyReaderPlugin, "dirty", False)
    patch.setattr(PolicyReaderPlugin, "imported", None)
    patch.setenv("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def preview(monkeypatch: pytest.MonkeyPatch) -> None:
    """A preview session of its own: nothing remembered from another test's builds."""
    forget_previews(monkeypatch)


def remembered(preview: Preview) -> Preview:
    """A copy of what a session remembers, for another session to go on from: its records copied, the finished
    pages in them shared (a rebuild replaces a page's entry, never changes one)."""
    cache = FinishCache(entries=dict(preview.cache.entries), site_files=dict(preview.cache.site_files))
    return Preview(cache, dict(preview.rendered), dict(preview.titles))


@dataclass(frozen=True)
class Previewed:
    """The real project after a preview session's first build: `project/` and its site `preview/` in `root`,
    and what the session remembered of that build."""

    root: Path
    preview: Preview
    imported: tuple[tuple[str, int, int], ...] | None


@pytest.fixture(scope="module")
def previewed(tmp_path_factory: pytest.TempPathFactory) -> Previewed:
    with pytest.MonkeyPatch.context() as patch:
        forget_previews(patch)
        root = tmp_path_factory.mktemp("previewed")
        site_build(copy_project(root / "project"), root / "preview", dirty=True)
        return Previewed(root, remembered(PolicyReaderPlugin.preview), PolicyReaderPlugin.imported)


@pytest.fixture(scope="module")
def full_build_with_the_note(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every file of a full build, nothing remembered, of the real project with `NOTE` saved."""
    with pytest.MonkeyPatch.context() as patch:
        forget_previews(patch)
        root = tmp_path_factory.mktemp("full-with-note")
        project = copy_project(root / "project")
        (project / "annotations" / "zz-preview.yaml").write_text(NOTE, encoding="utf-8")
        site_build(project, root / "site", dirty=False, command="build")
        return files_of(root / "site")


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class Session:
    """A copy of the real project, previewed with `mkdocs serve --dirty`: its first build made (`previewed`)."""

    def __init__(self, root: Path, previewed: Previewed) -> None:
        # Copied with their times (MkDocs' --dirty and the session's memory of sources/ compare them).
        shutil.copytree(previewed.root, root / "session", symlinks=True)
        self.root = root
        self.project = root / "session" / "project"
        self.site = root / "session" / "preview"
        PolicyReaderPlugin.preview = remembered(previewed.preview)
        PolicyReaderPlugin.imported = previewed.imported

    def rebuild(self) -> set[str]:
        """Rebuild as after a save; return the pages written again."""
        before = written_times(self.site)
        site_build(self.project, self.site, dirty=True)
        return {page for page, time in written_times(self.site).items() if time != before.get(page)}

    def assert_as_full_build(self) -> None:
        PolicyReaderPlugin.preview = Preview()
        full = self.root / "full"
        site_build(self.project, full, dirty=False)
        assert files_of(self.site) == files_of(full)


@pytest.mark.usefixtures("preview")
def test_a_saved_note_remakes_its_two_essays_and_leaves_the_site_a_full_build_makes(
    tmp_path: Path, previewed: Previewed, full_build_with_the_note: dict[str, bytes]
) -> None:
    session = Session(tmp_path, previewed)
    (session.project / "annotations" / "zz-preview.yaml").write_text(NOTE, encoding="utf-8")
    remade = session.rebuild()
    essays = {f"{GANSU}/{essay}/index.html" for essay in ("innovation-highland", "digital-government")}
    assert essays <= remade, "both ends of the note"
    assert f"{GANSU}/new-infrastructure/index.html" not in remade, "an essay the note does not touch"
    assert "index.html" not in remade and f"{GANSU}/index.html" not in remade
    essay = (session.site / GANSU / "innovation-highland" / "index.html").read_text(encoding="utf-8")
    assert "预览中新写的注释" in essay
    assert files_of(session.site) == full_build_with_the_note


@pytest.mark.usefixtures("preview")
def test_a_changed_glossary_remakes_every_essay_showing_the_term(tmp_path: Path, previewed: Previewed) -> None:
    session = Session(tmp_path, previewed)
    essays = {f"{GANSU}/{essay}/index.html" for essay in ESSAYS}
    showing = {page for page in essays if "data sandbox<" in (session.site / page).read_text(encoding="utf-8")}
    assert showing, "an essay shows the term's tooltip"
    replace_once(session.project / "glossary.yaml", "english: data sandbox", "english: data sandboxes")
    remade = session.rebuild()
    assert showing <= remade
    # Every essay is finished again; one whose HTML comes out the same is not written again.
    assert not (essays - showing) & remade
    session.assert_as_full_build()


@pytest.mark.usefixtures("preview")
def test_a_saved_source_page_is_imported_again_and_its_essay_remade(tmp_path: Path, previewed: Previewed) -> None:
    session = Session(tmp_path, previewed)
    replace_once(session.project / "sources" / f"{GANSU}.txt", "共享平台体系", "共享平台体系建设")
    remade = session.rebuild()
    assert f"{GANSU}/new-infrastructure/index.html" in remade
    page = (session.project / "docs" / GANSU / "new-infrastructure.md").read_text(encoding="utf-8")
    assert "共享平台体系建设" in page
    essay = (session.site / GANSU / "new-infrastructure" / "index.html").read_text(encoding="utf-8")
    assert "共享平台体系建设" in BeautifulSoup(essay, "html.parser").get_text()
    session.assert_as_full_build()


@pytest.mark.usefixtures("preview")
def test_a_rebuild_with_nothing_saved_remakes_no_essay_and_imports_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, previewed: Previewed
) -> None:
    session = Session(tmp_path, previewed)
    imports: list[Path] = []
    import_sources = Project.import_sources

    def counted(project: Project, files: list[Path] | None = None) -> list[str]:
        imports.append(project.root)
        return import_sources(project, files)

    monkeypatch.setattr(Project, "import_sources", counted)
    remade = session.rebuild()
    assert not {page for page in remade if page.startswith(GANSU)}
    assert imports == [], "nothing under sources/ was saved"


@pytest.mark.usefixtures("preview")
def test_build_dirty_which_remembers_nothing_makes_every_page_again(
    tmp_path: Path, previewed: Previewed, full_build_with_the_note: dict[str, bytes]
) -> None:
    # The site a full build left (the session's first, made by a preview that remembered nothing), built on by
    # `build --dirty` in a process that remembers nothing either.
    shutil.copytree(previewed.root, tmp_path / "built", symlinks=True)
    project, site = tmp_path / "built" / "project", tmp_path / "built" / "preview"
    (project / "annotations" / "zz-preview.yaml").write_text(NOTE, encoding="utf-8")
    site_build(project, site, dirty=True, command="build")  # MkDocs' file times alone would keep every page
    assert files_of(site) == full_build_with_the_note
