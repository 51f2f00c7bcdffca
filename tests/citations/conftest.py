"""A real site holding documents to cite: the project with 反垄断法 (2007) added to its sources, imported and built."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_tools.citations.work import CitedWork, cited_works
from build_tools.importer.project import Project
from tests.conftest import REAL_PAGES, copy_project, made_once, mkdocs_build, policy_reader

SITE_URL = "https://example.org/policy-reader/"  # mkdocs.yml's address when SITE_URL is not set
#: The law added to the project: its 第十七条 has two 款, so its first is cited as 第十七条第一款.
LAW = "anti-monopoly-law-2007"
#: The opinion the project's own sources hold.
OPINION = "gov-opinion-government-new-media-2018"


@dataclass(frozen=True)
class DocumentSite:
    """The built site, and what each of its texts should be cited as (read from its sources, not from the build)."""

    site: Path
    works: dict[str, CitedWork]


@pytest.fixture(scope="session")
def document_site(tmp_path_factory: pytest.TempPathFactory) -> DocumentSite:

    def build(folder: Path) -> None:
        project = copy_project(folder / "project")
        shutil.copy(REAL_PAGES / "documents" / f"{LAW}.txt", project / "sources" / f"{LAW}.txt")
        imported = policy_reader(project, "import")
        assert imported.returncode == 0, imported.stderr
        built = mkdocs_build(project)
        assert built.returncode == 0, built.stderr

    project = made_once(tmp_path_factory, "cited-documents", build) / "project"
    return DocumentSite(project / "site", cited_works(Project(project).load_sources(), SITE_URL))
