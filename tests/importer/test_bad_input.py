"""Bad source pages and manifests, through the `inspect` and `import` commands.

Each case puts one bad input into a fresh copy of the project. Every command must
exit with status 1 and a message that names the file (and the line, where there is
one), says how to fix it and shows no traceback; `import` must leave ``docs/`` and
``sources/`` byte for byte as they were. A page in GBK, by contrast, is decoded and
imported like its UTF-8 original. Every case runs the command line in this process (the GBK and
Latin-1 pages too); one real `policy-reader` process per command proves the entry point prints the same.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import Runner, policy_reader, policy_reader_in_process
from tests.importer.importer_support import (
    GANSU,
    PROJECT_GANSU,
    PROJECT_GANSU_MANIFEST,
    check,
    import_ok,
    snapshot,
)

FRENCH = "Le développement numérique a été présenté à Lanzhou; les élèves étaient très intéressés.\n"
PROSE = (
    "近年来,我省坚持把发展经济的着力点放在实体经济上,推动传统产业转型升级。\n"
    "与此同时,新兴产业加快布局,数字经济规模不断扩大,成为拉动增长的重要力量。\n"
    "面向未来,还要在科技创新和人才培养上持续用力,为高质量发展积蓄后劲。\n"
)


def page(name: str, data: bytes) -> Callable[[Path], None]:
    """Write a page of these bytes into the project's sources/."""

    def write(project: Path) -> None:
        (project / "sources" / name).write_bytes(data)

    return write


def copy_of_gansu(relative: str) -> Callable[[Path], None]:
    """Copy the real page to another place in the project."""

    def write(project: Path) -> None:
        target = project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(GANSU, target)

    return write


def manifest_edit(old: str, new: str) -> Callable[[Path], None]:
    """Replace one piece of the Gansu page's manifest."""

    def write(project: Path) -> None:
        manifest = project / PROJECT_GANSU_MANIFEST
        text = manifest.read_text(encoding="utf-8")
        assert old in text
        manifest.write_text(text.replace(old, new, 1), encoding="utf-8")

    return write


@dataclass(frozen=True)
class Case:
    """One bad input.

    Attributes:
        write: Puts the bad input into the project.
        page: The page handed to the command, relative to the project.
        named: The file the message must name.
        line: The line the message must name, when the problem has one: a number, or a
            piece of text whose last line in the named file (once written) is meant.
        says: A piece of the problem's description.
        commands: The commands that must refuse it.
    """

    write: Callable[[Path], None]
    page: str
    named: str
    line: int | str | None
    says: str
    commands: tuple[str, ...] = ("inspect", "import", "import-all")


CASES = {
    "empty": Case(page("empty-page.txt", b""), "sources/empty-page.txt", "sources/empty-page.txt", None, "empty"),
    "whitespace-only": Case(
        page("blank-page.txt", b"  \n\t\n\n   \n"), "sources/blank-page.txt", "sources/blank-page.txt", None, "empty"
    ),
    "full-width-spaces-only": Case(
        page("blank-page.txt", "\u3000\u3000\n \n\u3000\n".encode()),
        "sources/blank-page.txt",
        "sources/blank-page.txt",
        None,
        "empty",
    ),
    "binary": Case(
        page("image-page.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"IHDR" + bytes(range(256))),
        "sources/image-page.txt",
        "sources/image-page.txt",
        None,
        "binary",
    ),
    "latin-1": Case(
        page("french-page.txt", b"Rapport sur la Chine\n" + FRENCH.encode("latin-1")),
        "sources/french-page.txt",
        "sources/french-page.txt",
        2,
        "iconv",
    ),
    "random-high-bytes": Case(
        page("noise-page.txt", "标题\n作者\n".encode() + bytes(range(0x80, 0x100)) * 4),
        "sources/noise-page.txt",
        "sources/noise-page.txt",
        3,
        "iconv",
    ),
    "title-only": Case(
        page("title-page.txt", "深入贯彻新发展理念 推动甘肃高质量发展\n".encode()),
        "sources/title-page.txt",
        "sources/title-page.txt",
        1,
        "only a title",
    ),
    "prose-only": Case(
        page("prose-page.txt", PROSE.encode()), "sources/prose-page.txt", "sources/prose-page.txt", 1, "found no essay"
    ),
    "bad-file-name": Case(
        copy_of_gansu("sources/Bad Name.txt"),
        "sources/Bad Name.txt",
        "sources/Bad Name.txt",
        None,
        "not a usable page id",
    ),
    "reserved-file-name": Case(
        copy_of_gansu("sources/glossary.txt"),
        "sources/glossary.txt",
        "sources/glossary.txt",
        None,
        "the site's own glossary/ folder",
    ),
    "manifest-unknown-key": Case(
        manifest_edit("publication:", "autor: 秦遇龙\npublication:"),
        str(PROJECT_GANSU),
        str(PROJECT_GANSU_MANIFEST),
        "autor:",
        "unknown key 'autor'",
    ),
    "manifest-bad-yaml": Case(
        manifest_edit("title: 深入贯彻新发展理念", "title: 深入贯彻: 新发展理念"),
        str(PROJECT_GANSU),
        str(PROJECT_GANSU_MANIFEST),
        "深入贯彻: 新发展理念",
        "not valid YAML",
    ),
    "manifest-id-not-slug": Case(
        manifest_edit("id: innovation-highland", "id: Innovation_Highland"),
        str(PROJECT_GANSU),
        str(PROJECT_GANSU_MANIFEST),
        "Innovation_Highland",
        "'Innovation_Highland' is not allowed",
    ),
    "manifest-duplicate-id": Case(
        manifest_edit("id: new-infrastructure", "id: digital-government"),
        str(PROJECT_GANSU),
        str(PROJECT_GANSU_MANIFEST),
        "id: digital-government",
        "given to two essays",
    ),
    "manifest-title-not-on-page": Case(
        manifest_edit("title: 努力打造西部创新驱动发展新高地", "title: 努力打造西部创新发展新高地"),
        str(PROJECT_GANSU),
        str(PROJECT_GANSU_MANIFEST),
        "努力打造西部创新发展新高地",
        "which the page does not hold",
    ),
    "outside-sources": Case(
        copy_of_gansu("drafts/new-page.txt"),
        "drafts/new-page.txt",
        "drafts/new-page.txt",
        None,
        "sources/ only",
        commands=("import",),
    ),
    "missing-page": Case(
        lambda project: None,
        "sources/no-such-page.txt",
        "sources/no-such-page.txt",
        None,
        "cannot read the file",
        commands=("inspect", "import"),
    ),
}
RUNS = [
    pytest.param(case, command, id=f"{name}-{command}") for name, case in CASES.items() for command in case.commands
]
ARGS = {"inspect": ("inspect",), "import": ("import",), "import-all": ("import",)}


#: A command line run on the project: (status, stdout, stderr).
Run = Callable[..., tuple[int, str, str]]


def assert_refused_with_a_located_fix(case: Case, command: str, project: Path, run: Run) -> None:
    case.write(project)
    before = {"docs": snapshot(project / "docs"), "sources": snapshot(project / "sources")}
    args = ARGS[command] + (() if command == "import-all" else (case.page,))
    status, out, err = run(*args)
    assert status == 1, out + err
    assert "Traceback" not in err
    line = case.line
    if isinstance(line, str):
        lines = (project / case.named).read_text(encoding="utf-8").splitlines()
        line = max(number for number, text in enumerate(lines, start=1) if line in text)
    place = f"{case.named}:{line}:" if line else f"{case.named}: "
    assert f"error: {place}" in err
    assert case.says in err
    assert "\n  fix: " in err
    assert "wrote" not in out
    assert {"docs": snapshot(project / "docs"), "sources": snapshot(project / "sources")} == before


@pytest.mark.parametrize(("case", "command"), RUNS)
def test_bad_input_is_refused_with_a_located_fix(
    case: Case, command: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def in_process(*args: str) -> tuple[int, str, str]:
        with contextlib.chdir(project):  # as the real command runs, in the project's folder
            return policy_reader_in_process(project, capsys, *args)

    assert_refused_with_a_located_fix(case, command, project, in_process)


#: For each command, the first case run through it.
REAL_RUNS = [next(run for run in RUNS if run.values[1] == command) for command in ARGS]


@pytest.mark.parametrize(("case", "command"), REAL_RUNS)
def test_the_real_command_refuses_bad_input_with_a_located_fix(case: Case, command: str, project: Path) -> None:
    def real(*args: str) -> tuple[int, str, str]:
        result = policy_reader(project, *args)
        return result.returncode, result.stdout, result.stderr

    assert_refused_with_a_located_fix(case, command, project, real)


def test_latin_1_message_says_how_to_convert(project: Path, policy_reader_here: Runner) -> None:
    CASES["latin-1"].write(project)
    result = policy_reader_here(project, "inspect", "sources/french-page.txt")
    assert "not UTF-8" in result.stderr
    assert "iconv -f GBK -t UTF-8" in result.stderr


def test_gbk_page_is_decoded_and_imported(project: Path, policy_reader_here: Runner) -> None:
    gansu = project / PROJECT_GANSU
    utf8 = policy_reader_here(project, "inspect", "--json", str(PROJECT_GANSU))
    assert utf8.returncode == 0, utf8.stderr
    import_ok(project, run=policy_reader_here)
    docs = snapshot(project / "docs")

    gbk = gansu.read_text(encoding="utf-8").encode("gbk")
    assert gbk != gansu.read_bytes()
    gansu.write_bytes(gbk)
    result = policy_reader_here(project, "inspect", "--json", str(PROJECT_GANSU))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(utf8.stdout)
    assert "(gb18030)" in policy_reader_here(project, "inspect", str(PROJECT_GANSU)).stdout

    imported = import_ok(project, run=policy_reader_here)
    assert "docs/ is up to date" in imported.stdout
    assert snapshot(project / "docs") == docs
    assert gansu.read_bytes() == gbk
    assert check(project, policy_reader_here).returncode == 0
