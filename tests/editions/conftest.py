"""A copy of the real project with an earlier edition of the Gansu page (the derived 征求意见稿 in tests/data)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.accessibility.conftest import ensure_axe
from tests.conftest import REAL_PAGES, Runner, copy_project, policy_reader, run
from tests.search.conftest import serve

GANSU = "gansu-2021-digital-development"
DRAFT = REAL_PAGES / f"{GANSU}.draft.txt"
DRAFT_FILE = f"sources/editions/{GANSU}/draft.txt"
#: Addresses below the site root, as the hosted site has them.
ESSAY = f"{GANSU}/digital-government/"
EDITION = f"{GANSU}/editions/draft/digital-government/"
CHANGES = f"{GANSU}/editions/draft/digital-government/changes/"
MANIFEST_LINES = f"""label: 定稿
editions:
  - {{file: {DRAFT_FILE}, date: "2021-11", label: 征求意见稿}}
"""


#: A note written when the draft was current, on its ¶6 (¶8 now): the build re-anchors it by itself.
NOTE_ON_THE_DRAFT = ("on-the-draft", "efficiency-then", "把好集约化建设和服务效能的关口")


def write_note(project: Path, file: str, note: str, quote: str) -> None:
    """One note on the digital-government essay, in annotations/FILE.yaml."""
    target = f'{{article: digital-government, quote: "{quote}"}}'
    text = f"- id: {note}\n  target: {target}\n  body: 一条注释。\n"
    (project / "annotations" / f"{file}.yaml").write_text(text, encoding="utf-8")


def add_draft(project: Path, run: Runner | None = None) -> None:
    """Declare the 征求意见稿 as the page's earlier edition, as a maintainer would, and re-import (by `run`)."""
    target = project / DRAFT_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(DRAFT, target)
    manifest = project / "sources" / f"{GANSU}.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + MANIFEST_LINES, encoding="utf-8")
    result = (run or policy_reader)(project, "import")
    assert result.returncode == 0, result.stderr


# ── A law with its earlier edition (反垄断法 2022, amended from 2007) ─────────────────────────────

DOCUMENTS = REAL_PAGES / "documents"
LAW = "anti-monopoly-law"
LAW_EDITION_FILE = f"sources/editions/{LAW}/2007.txt"
# The 修正决定 of 2022-06-24 took effect on 2022-08-01 (本决定自2022年8月1日起施行), a date the consolidated
# text does not print (its 第七十条 keeps 本法自2008年8月1日起施行): the manifest gives it.
LAW_MANIFEST = f"""label: 2022年修正文本
in_force: "2022-08-01"
editions:
  - {{file: {LAW_EDITION_FILE}, date: "2007-08-30", label: 2007年文本}}
"""
LAW_CURRENT = f"{LAW}/"
LAW_EDITION = f"{LAW}/editions/2007/"
LAW_CHANGES = f"{LAW}/editions/2007/changes/"


def add_law(project: Path, manifest: str = LAW_MANIFEST, earlier: str = "anti-monopoly-law-2007.txt") -> None:
    """The 2022 text as the source, the 2007 text as its earlier edition, as the README tells a maintainer."""
    shutil.copy2(DOCUMENTS / "anti-monopoly-law-2022.txt", project / "sources" / f"{LAW}.txt")
    target = project / LAW_EDITION_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(DOCUMENTS / earlier, target)
    (project / "sources" / f"{LAW}.yaml").write_text(manifest, encoding="utf-8")


@pytest.fixture(scope="session")
def law_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The project with the law and its earlier edition, built for and served at its own address: (folder, base URL)."""
    project = copy_project(tmp_path_factory.mktemp("law") / "project")
    add_law(project)
    assert policy_reader(project, "import").returncode == 0
    with serve(project / "site") as base:
        result = run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, SITE_URL=base)
        assert result.returncode == 0, result.stderr
        yield project, base


@pytest.fixture(scope="session")
def edition_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, str]]:
    """The project with the draft (and `NOTE_ON_THE_DRAFT`), built for and served at its own address:
    (folder, base URL, build log)."""
    project = copy_project(tmp_path_factory.mktemp("editions") / "project")
    add_draft(project)
    write_note(project, *NOTE_ON_THE_DRAFT)
    with serve(project / "site") as base:
        result = run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, SITE_URL=base)
        assert result.returncode == 0, result.stderr
        yield project, base, result.stderr


@pytest.fixture(scope="session")
def axe() -> Path:
    """axe-core, as the accessibility tests install it."""
    return ensure_axe()
