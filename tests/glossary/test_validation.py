"""Bad glossaries, run through `policy-reader check` and the build.

Each case replaces ``glossary.yaml`` in a copy of the project. Both commands
must refuse it with exit status 1 and a message that names the file, the line and
the key at fault, and says how to fix it, never with a traceback. Every case goes
through both in this process (`check_in_process`, `build_inputs_in_process`); one
real `policy-reader check` and one real `mkdocs build --strict` prove the entry points.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import (
    Outcome,
    build_inputs_in_process,
    check_in_process,
    copy_project,
    mkdocs_build,
    policy_reader,
    read_search_index,
)


def glossary(body: str) -> str:
    """A glossary file: `body`, its indentation removed."""
    return textwrap.dedent(body).lstrip("\n")


@dataclass(frozen=True)
class Bad:
    """A bad glossary, and where its error must point: line, key path and what it says."""

    yaml: str
    line: int
    key: str | None
    says: str


BAD = {
    "term defined twice": Bad(
        glossary("""
            terms:
              - term: 数据沙箱
                definition: 隔离的数据环境。
              - term: 联邦学习
                definition: 数据不出本地的联合建模。
              - term: 数据沙箱
                definition: 又写了一遍。
        """),
        6,
        "terms[2].term",
        "'数据沙箱' is defined twice (first at line 2)",
    ),
    "alias equal to another term": Bad(
        glossary("""
            terms:
              - term: 数据沙箱
                definition: 隔离的数据环境。
              - term: 联邦学习
                aliases: [数据沙箱]
                definition: 数据不出本地的联合建模。
        """),
        5,
        "terms[1].aliases[0]",
        "the alias '数据沙箱' of '联邦学习' is itself a term (line 2)",
    ),
    "alias given to two terms": Bad(
        glossary("""
            terms:
              - term: 数据沙箱
                aliases: [隐私计算]
                definition: 隔离的数据环境。
              - term: 联邦学习
                aliases:
                  - 联合学习
                  - 隐私计算
                definition: 数据不出本地的联合建模。
        """),
        8,
        "terms[1].aliases[1]",
        "the alias '隐私计算' is given to two terms ('数据沙箱' and '联邦学习')",
    ),
    "empty definition": Bad(
        glossary("""
            terms:
              - term: 联邦学习
                definition: 数据不出本地的联合建模。
              - term: 数据沙箱
                definition: "  "
        """),
        5,
        "terms[1].definition",
        "the definition of '数据沙箱' is empty",
    ),
    "unknown see": Bad(
        glossary("""
            terms:
              - term: 联邦学习
                definition: 数据不出本地的联合建模。
              - term: 数据沙箱
                definition: 隔离的数据环境。
                see: [联邦学系]
        """),
        6,
        "terms[1].see[0]",
        "'联邦学系' in `see` of '数据沙箱' is not a term of the glossary",
    ),
    "url not http": Bad(
        glossary("""
            terms:
              - term: 数据沙箱
                definition: 隔离的数据环境。
                sources:
                  - title: 某份文件
                    url: ftp://example.org/sandbox.pdf
        """),
        6,
        "terms[0].sources[0].url",
        "'ftp://example.org/sandbox.pdf' is not allowed here",
    ),
    "unknown key": Bad(
        glossary("""
            terms:
              - term: 联邦学习
                definition: 数据不出本地的联合建模。
              - term: 数据沙箱
                definiton: 隔离的数据环境。
        """),
        5,
        "terms[1].definiton",
        "unknown key 'definiton'",
    ),
    "unclosed bracket": Bad(
        glossary("""
            terms:
              - term: 联邦学习
                definition: 数据不出本地的联合建模。
              - term: 数据沙箱
                aliases: [沙箱, 隔离环境
                definition: 隔离的数据环境。
        """),
        5,
        None,
        "this is not valid YAML",
    ),
    "a key indented too far": Bad(
        glossary("""
            terms:
              - term: 联邦学习
                definition: 数据不出本地的联合建模。
              - term: 数据沙箱
                    english: data sandbox
                definition: 隔离的数据环境。
        """),
        5,
        None,
        "this is not valid YAML",
    ),
    "duplicate key": Bad(
        glossary("""
            terms:
              - term: 联邦学习
                definition: 数据不出本地的联合建模。
              - term: 数据沙箱
                definition: 隔离的数据环境。
                definition: 第二个释义。
        """),
        6,
        "terms[1].definition",
        "the key 'definition' is given twice",
    ),
    "terms missing": Bad(
        glossary("""
            term:
              - term: 联邦学习
                definition: 数据不出本地的联合建模。
        """),
        1,
        "term",
        "unknown key 'term'",
    ),
    "aliases as a string": Bad(
        glossary("""
            terms:
              - term: 联邦学习
                definition: 数据不出本地的联合建模。
              - term: 数据沙箱
                aliases: 沙箱
                definition: 隔离的数据环境。
        """),
        5,
        "terms[1].aliases",
        "expected a list, found text",
    ),
}
# Besides the first error, what else a case's message must hold.
ALSO = {
    "unknown key": ["did you mean 'definition'?"],
    "terms missing": ["did you mean 'terms'?", "glossary.yaml:1: the required key 'terms' is missing"],
    "unclosed bracket": ["expected ',' or ']'"],
}


def with_glossary(project: Path, text: str) -> Path:
    (project / "glossary.yaml").write_text(text, encoding="utf-8")
    return project


def assert_refused(output: str, bad: Bad) -> None:
    place = f"glossary.yaml:{bad.line}: {bad.key}: " if bad.key else f"glossary.yaml:{bad.line}: "
    lines = output.splitlines()
    at = [n for n, line in enumerate(lines) if place in line and bad.says in line]
    assert at, output
    assert lines[at[0] + 1].startswith("  fix: "), output
    assert "Traceback" not in output, output


#: Runs a command on the shared project with glossary.yaml holding the given text.
Command = Callable[[str], Outcome]


@pytest.fixture(scope="module")
def shared_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the project for the in-process cases: each writes its glossary.yaml."""
    return copy_project(tmp_path_factory.mktemp("glossary-validation") / "project")


@pytest.fixture
def check(shared_project: Path, capsys: pytest.CaptureFixture[str]) -> Command:
    """`policy-reader check` as the command line runs it, in this process."""
    return lambda text: check_in_process(with_glossary(shared_project, text), capsys)


@pytest.fixture
def build_reads(shared_project: Path) -> Command:
    """What the build says of its inputs, read in this process as the plugin reads them."""
    return lambda text: build_inputs_in_process(with_glossary(shared_project, text))


@pytest.mark.parametrize("case", BAD, ids=str)
def test_check_refuses_a_bad_glossary(check: Command, case: str) -> None:
    result = check(BAD[case].yaml)
    assert result.status == 1, result.output
    assert_refused(result.output, BAD[case])
    for text in ALSO.get(case, []):
        assert text in result.output
    assert "check failed" in result.output


@pytest.mark.parametrize("case", BAD, ids=str)
def test_build_refuses_a_bad_glossary(build_reads: Command, case: str) -> None:
    result = build_reads(BAD[case].yaml)
    assert result.status == 1, result.output
    assert_refused(result.output, BAD[case])
    for text in ALSO.get(case, []):
        assert text in result.output


BAD_INDENTATION = glossary("""
    terms:
      - term: 联邦学习
        definition: 数据不出本地的联合建模。
      - term: 数据沙箱
        definition: 隔离的数据环境。
       english: data sandbox
""")
INDENTED_TOO_LITTLE = Bad(BAD_INDENTATION, 6, None, "this is not valid YAML")


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_key_indented_too_little_is_reported_on_its_line(check: Command, build_reads: Command, command: str) -> None:
    result = check(BAD_INDENTATION) if command == "check" else build_reads(BAD_INDENTATION)
    assert result.status == 1
    assert_refused(result.output, INDENTED_TOO_LITTLE)


def test_the_real_check_command_refuses_a_bad_glossary(project: Path) -> None:
    result = policy_reader(with_glossary(project, BAD_INDENTATION), "check")
    assert result.returncode == 1
    assert_refused(result.stderr, INDENTED_TOO_LITTLE)
    assert "check failed" in result.stderr


def test_a_real_build_refuses_a_bad_glossary_and_writes_no_glossary_page(project: Path) -> None:
    result = mkdocs_build(with_glossary(project, BAD_INDENTATION))
    assert result.returncode == 1, result.stderr
    assert_refused(result.stderr, INDENTED_TOO_LITTLE)
    assert not (project / "site" / "glossary").exists()


UNUSED = glossary("""
    terms:
      - term: 联邦学习
        definition: 数据不出本地的联合建模。
      - term: 量子霸权
        definition: 这几篇文章里没有的词。
""")


def test_check_warns_of_a_term_used_nowhere(check: Command) -> None:
    result = check(UNUSED)
    assert result.status == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning: ")]
    assert warnings == ["warning: glossary.yaml:4: the term '量子霸权' is used in no essay"]
    assert "check passed" in result.output


def test_build_of_a_term_used_nowhere_succeeds_and_lists_it_as_unused(project: Path) -> None:
    result = mkdocs_build(with_glossary(project, UNUSED))
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((project / "site" / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    entry = page.find(id="term-liang-zi-ba-quan").find_next_sibling("div")
    assert entry.select_one(".pr-uses--none") is not None


SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"
MARKUP = glossary(f"""
    terms:
      - term: 联邦学习
        definition: 数据不出本地的联合建模。
      - term: 数据沙箱
        definition: >-
          隔离的数据环境{SCRIPT}与{IMAGE}。
""")


def test_check_refuses_markup_in_a_definition(check: Command) -> None:
    result = check(MARKUP)
    assert result.status == 1
    assert_refused(result.output, Bad(MARKUP, 5, "terms[1].definition", "the definition of '数据沙箱' holds markup"))


@pytest.fixture(scope="module")
def site_with_markup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built once with markup in a definition (the tests below only read the site)."""
    project = copy_project(tmp_path_factory.mktemp("glossary-markup") / "project")
    result = mkdocs_build(with_glossary(project, MARKUP))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return project / "site"


@pytest.mark.parametrize(
    ("page", "selector"),
    [
        (
            "gansu-2021-digital-development/new-infrastructure/index.html",
            "#pr-tip-shu-ju-sha-xiang .pr-tooltip__definition",
        ),
        ("glossary/index.html", "#term-shu-ju-sha-xiang + .pr-glossary-entry .pr-glossary-entry__definition"),
    ],
)
def test_markup_in_a_definition_is_shown_as_text(site_with_markup: Path, page: str, selector: str) -> None:
    html = BeautifulSoup((site_with_markup / page).read_text(encoding="utf-8"), "html.parser")
    definition = html.select_one(selector)
    assert definition.get_text() == f"隔离的数据环境{SCRIPT}与{IMAGE}。"
    assert definition.find_all(True) == []
    assert [s for s in html.find_all("script") if "alert(1)" in s.get_text()] == []
    assert html.select("img[onerror]") == []


def test_markup_in_a_definition_is_text_in_the_search_index(site_with_markup: Path) -> None:
    index = read_search_index(site_with_markup)
    texts = [doc["text"] for doc in index["docs"] if "alert(1)" in doc["text"]]
    assert texts
    assert all(SCRIPT not in text and "<img" not in text for text in texts)
