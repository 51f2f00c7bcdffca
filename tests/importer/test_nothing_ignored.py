"""Every input the tool will not read is named: a wrong suffix, an orphan manifest, a link out of the
project, a taken id, a mistyped path in mkdocs.yml; `check` reads what the build reads; a removed
source's pages go.

The loaders are called in-process; `check` (and `import`, for what it reads) per kind of input shows
the command's exit status and message, with no traceback: the command line run in this process for
every kind, and as a real `policy-reader` process for one, which proves the entry point prints the same.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from build_tools.annotations.load import LONG_NOTE_BYTES, load_annotations, long_note_notices
from build_tools.commands.checks import run_checks
from build_tools.common.errors import InputError, InputErrors
from build_tools.finish.inputs import load_inputs
from build_tools.finish.settings import PLUGIN_OPTIONS, settings_from_config
from build_tools.generators.mkdocs.config import PolicyReaderConfig
from build_tools.importer.project import Project
from build_tools.sources.manifest import load_manifest
from build_tools.sources.source import LARGE_SOURCE_BYTES, large_source_warnings, load_source
from tests.conftest import policy_reader
from tests.importer.importer_support import (
    GANSU,
    GANSU_NAME,
    PROJECT_GANSU,
    PROJECT_GANSU_MANIFEST,
    Runner,
    check,
    import_refused,
)

DOCUMENT = "gov-opinion-government-new-media-2018"
Change = Callable[[Path], None]


def rename(old: str, new: str) -> Change:
    return lambda project: (project / old).rename(project / new)


def write(relative: str, text: str) -> Change:
    return lambda project: (project / relative).write_text(text, encoding="utf-8")


def link_outside(relative: str, outside_text: str) -> Change:
    def change(project: Path) -> None:
        target = project.parent / "outside" / Path(relative).name
        target.parent.mkdir(exist_ok=True)
        target.write_text(outside_text, encoding="utf-8")
        os.symlink(target, project / relative)

    return change


def edit(relative: str, old: str, new: str) -> Change:
    def change(project: Path) -> None:
        text = (project / relative).read_text(encoding="utf-8")
        assert old in text
        (project / relative).write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def plugin_option(option: str) -> Change:
    return edit("mkdocs.yml", "  - policy-reader:\n", f"  - policy-reader:\n      {option}\n")


def a_second_gansu_page(name: str) -> Change:
    return lambda project: shutil.copyfile(project / PROJECT_GANSU, project / "sources" / name)


#: Each bad input: the change, the file the message names, a piece of it, and whether `import` reads it.
CASES: dict[str, tuple[Change, str, str, bool]] = {
    "page in upper case": (a_second_gansu_page("second.TXT"), "sources/second.TXT", "rename it to second.txt", True),
    "page as .text": (a_second_gansu_page("second.text"), "sources/second.text", "rename it to second.txt", True),
    "manifest as .yml": (
        rename(str(PROJECT_GANSU_MANIFEST), f"sources/{GANSU_NAME}.yml"),
        f"sources/{GANSU_NAME}.yml",
        f"rename it to {GANSU_NAME}.yaml",
        True,
    ),
    "orphan manifest": (
        rename(str(PROJECT_GANSU_MANIFEST), "sources/gansu-2021-digital-developmen.yaml"),
        "sources/gansu-2021-digital-developmen.yaml",
        "there is no page gansu-2021-digital-developmen.txt beside it",
        True,
    ),
    "page linking outside": (
        link_outside("sources/secret.txt", "外部文件的内容。\n"),
        "sources/secret.txt",
        "a link to a file outside the project",
        True,
    ),
    "essay id index": (
        edit(str(PROJECT_GANSU_MANIFEST), "id: innovation-highland", "id: index"),
        f"{PROJECT_GANSU_MANIFEST}:13: articles[1].id",
        "the id 'index' is taken",
        True,
    ),
    "source named after a hand-written page": (
        a_second_gansu_page("editors.txt"),
        "sources/editors.txt",
        "docs/editors.md, a page written by hand",
        True,
    ),
    "source named after a site folder": (
        a_second_gansu_page("search.txt"),
        "sources/search.txt",
        "the site's own search/ folder",
        True,
    ),
    "notes as .yml": (
        rename("annotations/industry.yaml", "annotations/industry.yml"),
        "annotations/industry.yml",
        "rename it to industry.yaml",
        False,
    ),
    "notes linking outside": (
        link_outside("annotations/more.yaml", "- id: x\n"),
        "annotations/more.yaml",
        "a link to a file outside the project",
        False,
    ),
    "mistyped glossary path": (
        plugin_option("glossary: glosary.yaml"),
        "mkdocs.yml: plugins.policy-reader.glossary",
        "'glosary.yaml' is not a file of the project",
        False,
    ),
    "mistyped annotations path": (
        plugin_option("annotations: notes"),
        "mkdocs.yml: plugins.policy-reader.annotations",
        "'notes' is not a folder of the project",
        False,
    ),
    "glossary outside the project": (
        lambda project: (
            shutil.copyfile(project / "glossary.yaml", project.parent / "glossary.yaml"),
            plugin_option("glossary: ../glossary.yaml")(project),
        ),
        "mkdocs.yml: plugins.policy-reader.glossary",
        "leads outside the project",
        False,
    ),
}


def problems(project: Path) -> list[str]:
    """Every error `check` finds in `project`, read in-process."""
    try:
        report, _sources = run_checks(Project(project))
    except InputErrors as unreadable:
        return [str(e) for e in unreadable.errors]
    return [str(e) for e in report.errors]


@pytest.mark.parametrize("case", CASES)
def test_check_names_the_input_it_will_not_read(project: Path, case: str) -> None:
    change, named, says, _read_by_import = CASES[case]
    assert problems(project) == []
    change(project)
    found = [p for p in problems(project) if p.startswith(named)]
    assert found, problems(project)
    assert says in found[0]
    assert "fix:" in found[0]


@pytest.mark.parametrize("case", ["notes as .yml", "mistyped glossary path", "glossary outside the project"])
def test_the_build_refuses_what_check_refuses(project: Path, case: str) -> None:
    change, named, says, _ = CASES[case]
    change(project)
    with pytest.raises((InputError, InputErrors)) as caught:
        load_inputs(settings_from_config(project / "mkdocs.yml"))
    errors = caught.value.errors if isinstance(caught.value, InputErrors) else [caught.value]
    assert any(str(e).startswith(named) and says in str(e) for e in errors)


def assert_the_commands_name_the_input(project: Path, case: str, run: Runner) -> None:
    change, named, says, read_by_import = CASES[case]
    change(project)
    result = check(project, run)
    assert result.returncode == 1
    assert f"error: {named}" in result.stderr
    assert says in result.stderr
    if read_by_import:
        assert f"error: {named}" in import_refused(project, run).stderr


@pytest.mark.parametrize("case", CASES)
def test_the_commands_name_the_input_with_no_traceback(project: Path, case: str, policy_reader_here: Runner) -> None:
    assert_the_commands_name_the_input(project, case, policy_reader_here)


def test_the_real_commands_name_the_input_with_no_traceback(project: Path) -> None:
    assert_the_commands_name_the_input(project, "page in upper case", policy_reader)


def test_check_reads_the_glossary_the_build_reads(project: Path, policy_reader_here: Runner) -> None:
    # A glossary named in mkdocs.yml with a broken entry: the build refuses it, and so must `check`
    # (which read glossary.yaml whatever the plugin said).
    (project / "terms.yaml").write_text("terms:\n  - term: 数字政府\n", encoding="utf-8")
    plugin_option("glossary: terms.yaml")(project)
    result = check(project, policy_reader_here)
    assert result.returncode == 1
    assert "error: terms.yaml:2: terms[0]" in result.stderr
    assert "'definition' is missing" in result.stderr


def test_a_file_not_meant_to_be_read_is_a_warning(project: Path, policy_reader_here: Runner) -> None:
    write("sources/README.md", "说明\n")(project)
    write("annotations/notes.txt", "草稿\n")(project)
    result = check(project, policy_reader_here)
    assert result.returncode == 0, result.stderr
    assert "warning: sources/README.md: this file is not read" in result.stderr
    assert "warning: annotations/notes.txt: this file is not read" in result.stderr


def test_a_removed_source_is_unpublished_by_import_and_named_by_check(
    project: Path, policy_reader_here: Runner
) -> None:
    for suffix in (".txt", ".yaml"):
        (project / "sources" / f"{DOCUMENT}{suffix}").unlink()
    stale = project / "docs" / DOCUMENT / "index.md"
    result = check(project, policy_reader_here)
    assert result.returncode == 1
    assert f"error: docs/{DOCUMENT}/index.md: this page was written by `policy-reader import`" in result.stderr
    # A page written by hand in that folder is not import's to remove.
    (project / "docs" / DOCUMENT / "notes.md").write_text("# 手写\n", encoding="utf-8")
    result = policy_reader_here(project, "import")
    assert result.returncode == 0, result.stderr
    assert f"removed docs/{DOCUMENT}/index.md" in result.stdout
    assert not stale.exists()
    assert (project / "docs" / DOCUMENT / "notes.md").exists()
    assert DOCUMENT not in (project / "docs" / "index.md").read_text(encoding="utf-8")
    result = check(project, policy_reader_here)
    assert "no source produces it" not in result.stderr


def test_a_renamed_source_leaves_no_folder_behind(project: Path, policy_reader_here: Runner) -> None:
    for suffix in (".txt", ".yaml"):
        rename(f"sources/{GANSU_NAME}{suffix}", f"sources/gansu-2021-digital{suffix}")(project)
    result = policy_reader_here(project, "import")
    assert result.returncode == 0, result.stderr
    assert not (project / "docs" / GANSU_NAME).exists()
    assert (project / "docs" / "gansu-2021-digital" / "index.md").exists()


def test_sizes_a_site_cannot_serve_well_are_warned_about(tmp_path: Path) -> None:
    [source] = [s for s in Project(Path(__file__).parents[2]).load_sources() if s.id == GANSU_NAME]
    assert large_source_warnings([source]) == []
    (warning,) = large_source_warnings([dataclasses.replace(source, size=LARGE_SOURCE_BYTES + 1)])
    assert warning.path == str(PROJECT_GANSU)
    assert "split it" in warning.fix
    folder = tmp_path / "annotations"
    folder.mkdir()
    body = "注" * (LONG_NOTE_BYTES // 3 + 1)
    (folder / "long.yaml").write_text(
        f"- id: short\n  target: {{article: a, quote: q}}\n  body: 注释。\n"
        f"- id: long\n  target: {{article: a, quote: q}}\n  body: {body}\n",
        encoding="utf-8",
    )
    annotations, errors = load_annotations(folder)
    assert errors == []
    (notice,) = long_note_notices(annotations)
    assert (notice.path, notice.line, notice.key) == ("annotations/long.yaml", 4, "long.body")


def test_an_essay_listed_twice_in_a_manifest_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "page.yaml"
    path.write_text("articles:\n  - {title: 标题, id: first-id}\n  - {title: 标题, id: second-id}\n", encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_manifest(path, "sources/page.yaml")
    (error,) = caught.value.errors
    assert (error.line, error.key) == (3, "articles[1].title")
    assert "listed twice" in error.problem


def test_a_misspelt_plugin_option_is_an_error_naming_the_right_one(project: Path, policy_reader_here: Runner) -> None:
    plugin_option("glosary: terms.yaml")(project)
    result = check(project, policy_reader_here)
    assert result.returncode == 1
    assert "error: mkdocs.yml: plugins.policy-reader.glosary:" in result.stderr
    assert "did you mean 'glossary'?" in result.stderr


def test_the_options_read_from_mkdocs_yml_are_the_plugins_own() -> None:
    assert set(PLUGIN_OPTIONS) == set(PolicyReaderConfig().keys())


def test_an_id_the_manifest_gives_that_another_essay_took_is_an_error(tmp_path: Path) -> None:
    # The first essay, not listed, gets its id from its title; the manifest gives that id to the second.
    (tmp_path / "sources").mkdir()
    page = tmp_path / PROJECT_GANSU
    shutil.copyfile(GANSU, page)
    first_id = "jia-qiang-shu-zi-zheng-fu-jian-she-zhu-tui-shu-zi-jing-ji-fa"
    page.with_suffix(".yaml").write_text(
        f"articles:\n  - title: 努力打造西部创新驱动发展新高地\n    id: {first_id}\n", encoding="utf-8"
    )
    with pytest.raises(InputErrors) as caught:
        load_source(page, str(PROJECT_GANSU))
    (error,) = caught.value.errors
    assert (error.path, error.line) == (str(PROJECT_GANSU_MANIFEST), 2)
    assert f"the id '{first_id}' is already the id of the essay 「加强“数字政府”建设" in error.problem
