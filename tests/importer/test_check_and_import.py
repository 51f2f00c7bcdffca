"""`policy-reader check` and `import` keeping ``docs/`` in step with ``sources/``, on a project copy.

Check passes on the committed tree and fails, naming page and line, when a
generated page is edited by hand or a source changes without a re-import; import
repairs both, writes nothing the second time, keeps essay ids and URLs when an
essay is added, and removes pages whose essay is gone. A page without a
manifest is a warning only.

The committed tree is checked by a real `policy-reader check` and imported by a real `import`; the
other cases run the command line in this process (`policy_reader_here`), which prints the same.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.importer.importer_support import (
    GANSU_IDS,
    GANSU_TITLES,
    PAGES,
    PROJECT_GANSU,
    PROJECT_GANSU_DOCS,
    PROJECT_GANSU_MANIFEST,
    Runner,
    check,
    file_identities,
    import_ok,
    snapshot,
)

NEW_ESSAY = [
    "以数字技术赋能乡村治理",
    "杨晓东",
    "数字技术正在深刻改变乡村治理的方式。一些地方建设村级综合服务平台,村民足不出户就能办理社保、医保等事项,村务公开也从“墙上”搬到了“网上”。",
    "推进数字乡村建设,要补齐农村网络基础设施短板,加强基层干部数字技能培训,让数字技术真正成为服务群众的好帮手。",
    "(作者单位:甘肃省农业农村厅)",
]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def first_line_holding(path: Path, marker: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if marker in line)


def test_check_passes_on_the_committed_tree(project: Path) -> None:
    result = check(project)
    assert result.returncode == 0, result.stderr
    assert "check passed" in result.stdout
    assert "error:" not in result.stderr


@pytest.mark.parametrize(
    ("page", "marker"),
    [
        (f"{PROJECT_GANSU_DOCS}/innovation-highland.md", "打造筑巢引凤新高地。"),
        (f"{PROJECT_GANSU_DOCS}/digital-government.md", "pr-affiliation"),
        (f"{PROJECT_GANSU_DOCS}/index.md", "## 相关新闻"),
        ("docs/index.md", "# 政策文本注读"),
    ],
    ids=["paragraph", "affiliation", "source-index", "home"],
)
def test_hand_edited_page_fails_check_at_its_line(
    project: Path, policy_reader_here: Runner, page: str, marker: str
) -> None:
    path = project / page
    line = first_line_holding(path, marker)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(marker, marker + "(编辑注)", 1)
    path.write_text("".join(lines), encoding="utf-8")

    result = check(project, policy_reader_here)
    assert result.returncode == 1
    assert f"error: {page}:{line}: " in result.stderr
    assert "fix: " in result.stderr
    assert "check failed: 1 problem(s)" in result.stderr


def test_source_change_fails_check_until_import(project: Path, policy_reader_here: Runner) -> None:
    page = project / PROJECT_GANSU_DOCS / "innovation-highland.md"
    old, new = "科技创新是推动高质量发展的第一动力。", "科技创新是引领高质量发展的第一动力。"
    replace_in(project / PROJECT_GANSU, old, new)

    failed = check(project, policy_reader_here)
    assert failed.returncode == 1
    assert f"error: {PROJECT_GANSU_DOCS}/innovation-highland.md:{first_line_holding(page, old)}: " in failed.stderr
    assert "check failed: 1 problem(s)" in failed.stderr

    imported = import_ok(project, run=policy_reader_here)
    assert imported.stdout.splitlines() == [f"wrote {PROJECT_GANSU_DOCS}/innovation-highland.md", "1 page(s) changed"]
    assert new in page.read_text(encoding="utf-8")
    assert old not in page.read_text(encoding="utf-8")
    assert check(project, policy_reader_here).returncode == 0


def test_import_writes_nothing_when_up_to_date(project: Path) -> None:
    before = file_identities(project / "docs")
    result = import_ok(project)
    assert result.stdout.strip() == "docs/ is up to date"
    assert file_identities(project / "docs") == before


def test_second_import_after_a_change_writes_nothing(project: Path, policy_reader_here: Runner) -> None:
    replace_in(project / PROJECT_GANSU, "发挥区位优势。", "发挥通道优势。")
    first = import_ok(project, run=policy_reader_here)
    assert "wrote" in first.stdout
    written = snapshot(project / "docs")
    identities = file_identities(project / "docs")

    second = import_ok(project, run=policy_reader_here)
    assert second.stdout.strip() == "docs/ is up to date"
    assert snapshot(project / "docs") == written
    assert file_identities(project / "docs") == identities


@pytest.mark.parametrize("with_id", [True, False], ids=["manifest-id", "no-manifest-id"])
@pytest.mark.parametrize("where", ["end", "start"])
def test_added_essay_keeps_existing_ids_and_pages(
    project: Path, policy_reader_here: Runner, where: str, with_id: bool
) -> None:
    source = project / PROJECT_GANSU
    docs = project / PROJECT_GANSU_DOCS
    before = snapshot(docs)
    essay = "\n".join(NEW_ESSAY) + "\n"
    if where == "end":
        replace_in(source, "\n相关新闻\n", "\n" + essay + "相关新闻\n")
    else:
        replace_in(source, "\n" + GANSU_TITLES[0] + "\n", "\n" + essay + GANSU_TITLES[0] + "\n")
    if with_id:
        manifest = project / PROJECT_GANSU_MANIFEST
        manifest.write_text(
            manifest.read_text(encoding="utf-8") + f"  - title: {NEW_ESSAY[0]}\n    id: rural-governance\n",
            encoding="utf-8",
        )

    import_ok(project, run=policy_reader_here)
    after = snapshot(docs)
    for essay_id in GANSU_IDS:
        assert after[f"{essay_id}.md"] == before[f"{essay_id}.md"]
    (added,) = set(after) - set(before)
    assert set(before) - set(after) == set()
    if with_id:
        assert added == "rural-governance.md"
    assert f"title: {NEW_ESSAY[0]}\n" in after[added].decode("utf-8")
    assert f"]({added})" in after["index.md"].decode("utf-8")
    assert check(project, policy_reader_here).returncode == 0


def test_page_of_removed_essay_is_flagged_then_removed(project: Path, policy_reader_here: Runner) -> None:
    # The essay removed is one added for the test, so the committed annotations, which
    # point at the three real essays, stay valid and `check` can pass at the end.
    source = project / PROJECT_GANSU
    original = source.read_text(encoding="utf-8")
    replace_in(source, "\n相关新闻\n", "\n" + "\n".join(NEW_ESSAY) + "\n相关新闻\n")
    before = snapshot(project / "docs")
    import_ok(project, run=policy_reader_here)
    (added,) = set(snapshot(project / "docs")) - set(before)
    stale = f"docs/{added}"

    source.write_text(original, encoding="utf-8")
    failed = check(project, policy_reader_here)
    assert failed.returncode == 1
    assert f"error: {stale}: this page was written by `policy-reader import` but no source produces it" in failed.stderr

    imported = import_ok(project, run=policy_reader_here)
    assert f"removed {stale}" in imported.stdout.splitlines()
    assert f"wrote {stale}" not in imported.stdout
    assert not (project / stale).exists()
    assert snapshot(project / "docs") == before
    passed = check(project, policy_reader_here)
    assert passed.returncode == 0, passed.stderr


def test_page_without_manifest_is_a_warning(project: Path, policy_reader_here: Runner) -> None:
    shutil.copyfile(PAGES / "county-economy-shared-unit.txt", project / "sources" / "county-economy-shared-unit.txt")
    import_ok(project, run=policy_reader_here)
    result = check(project, policy_reader_here)
    assert result.returncode == 0, result.stderr
    assert "check passed" in result.stdout
    assert "warning: sources/county-economy-shared-unit.txt: this page has no manifest" in result.stderr
    assert "fix: add sources/county-economy-shared-unit.yaml" in result.stderr
    assert "error:" not in result.stderr
