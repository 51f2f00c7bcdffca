"""Bad annotation files, through `policy-reader check` and the build.

Each case adds one ``annotations/bad.yaml`` to a copy of the project. Both
commands must fail with status 1 and print the file, the line (found here by
searching the case's own text), the key path, the problem and a ``fix:``, and never
a traceback. Every case goes through both in this process: `check` as the command
line runs it (`cli.main`), the build as the plugin reads its inputs (`load_inputs`,
then `anchor_notes`). One real `policy-reader check` and one real `mkdocs build`
(which must leave no ``site/`` behind) prove the entry points print the same.
Where a message suggests an edit, making that edit word for word must satisfy `check`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import (
    ROOT,
    Outcome,
    build_inputs_in_process,
    check_in_process,
    copy_project,
    mkdocs_build,
    policy_reader,
)

BAD = "annotations/bad.yaml"


@dataclass(frozen=True)
class Bad:
    """One bad input and what its message must say.

    Attributes:
        text: The content of annotations/bad.yaml.
        marker: Text on the line the message must point at.
        key: The key path the message must show (None where YAML cannot be read).
        says: Phrases the problem or fix must hold.
        located_in: The file the message is about, when not bad.yaml (its marker is searched there).
    """

    name: str
    text: str
    marker: str
    key: str | None
    says: tuple[str, ...]
    located_in: str = BAD


def line_of(text: str, marker: str) -> int:
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if marker in line]
    assert len(lines) == 1, f"{marker!r} is on {len(lines)} lines"
    return lines[0]


def similarity(a: str, b: str) -> str:
    return f"{SequenceMatcher(None, a, b, autojunk=False).ratio():.0%}"


CHANGED_TOO_MUCH = "完善数据交换分享平台体系"
IN_ESSAY = "完善数据共享平台体系"  # new-infrastructure ¶4
DUPLICATE_ID_IN = "annotations/data-infrastructure.yaml"
DOCUMENT = "gov-opinion-government-new-media-2018"

CASES = [
    Bad(
        "quote-not-found",
        f"# a note whose quote was mistyped\n- id: bad-quote\n  body: 一条注释。\n  target:\n"
        f"    article: new-infrastructure\n    quote: {CHANGED_TOO_MUCH}\n",
        "quote:",
        "[0].target",
        (
            "is not in essay 'new-infrastructure'",
            f"the closest passage is 「{IN_ESSAY}」 in ¶4",
            f"(similarity {similarity(CHANGED_TOO_MUCH, IN_ESSAY)})",
            f'`quote: "{IN_ESSAY}"`',
        ),
    ),
    Bad(
        "quote-found-more-than-once",
        "- id: bad-twice\n  body: 一条注释。\n  target:\n    article: digital-government\n    quote: 强省会\n",
        "quote:",
        "[0].target",
        (
            "「强省会」 is found 3 times in essay 'digital-government' (¶10, ¶11, ¶11)",
            "add `paragraph: 10` to pick ¶10",
        ),
    ),
    Bad(
        "unknown-essay",
        "- id: bad-essay\n  body: 一条注释。\n  target: {article: new-infra, quote: 完善数据共享平台体系}\n",
        "target:",
        "[0].target",
        ("there is no essay 'new-infra'", "digital-government, ", "innovation-highland, new-infrastructure"),
    ),
    Bad(
        "unknown-measure",
        "- id: bad-measure\n  body: 一条注释。\n  related:\n    - {article: innovation-highland, measure: measure-9}\n"
        "  target: {article: innovation-highland, measure: measure-1}\n",
        "measure-9",
        "[0].related[0]",
        ("essay 'innovation-highland' has no measure 'measure-9'", "measure-1, measure-2", "measure-6"),
    ),
    Bad(
        "duplicate-id",
        "# this id is also in data-infrastructure.yaml\n- id: gov-data-sharing\n  body: 一条注释。\n"
        "  target: {article: innovation-highland, measure: measure-1}\n",
        "id: gov-data-sharing",
        "[0].id",
        ("the id 'gov-data-sharing' is already used in annotations/bad.yaml:2", "an id of its own"),
        located_in=DUPLICATE_ID_IN,
    ),
    Bad(
        "url-not-http",
        "- id: bad-url\n  body: 一条注释。\n  target: {article: innovation-highland, measure: measure-1}\n"
        "  sources:\n    - title: 规划纲要\n      url: ftp://www.gov.cn/a.htm\n",
        "url:",
        "[0].sources[0].url",
        ("'ftp://www.gov.cn/a.htm' is not allowed here", "https://"),
    ),
    Bad(
        "unknown-key",
        "- id: bad-key\n  body: 一条注释。\n  target: {article: innovation-highland, measure: measure-1}\n"
        "  tag: [科技创新]\n",
        "tag:",
        "[0].tag",
        ("unknown key 'tag'", "did you mean 'tags'?"),
    ),
    Bad(
        "unknown-key-in-target",
        "- id: bad-key\n  body: 一条注释。\n  target:\n    article: new-infrastructure\n"
        '    quote: 完善数据共享平台体系\n    sufix: ",探索"\n',
        "sufix:",
        "[0].target.sufix",
        ("unknown key 'sufix'", "did you mean 'suffix'?"),
    ),
    Bad(
        "bad-yaml",
        "- id: bad-yaml\n  body: 一条注释。\n  target: {article: innovation-highland, measure: measure-1\n"
        "  tags: [科技创新]\n",
        "target:",
        None,
        ("not valid YAML",),
    ),
    Bad(
        "raw-html-in-note",
        "- id: bad-html\n  target: {article: innovation-highland, measure: measure-1}\n"
        "  body: |\n    一条注释。\n    <script>alert(1)</script>\n",
        "body:",
        "[0].body",
        ("holds raw HTML (<script>)", "Markdown"),
    ),
    Bad(
        "javascript-link-in-note",
        "- id: bad-js\n  target: {article: innovation-highland, measure: measure-1}\n"
        "  body: 一条[注释](javascript:alert(1))。\n",
        "body:",
        "[0].body",
        ("links to 'javascript:alert(1)', which is no web address", "https://"),
    ),
    Bad(
        "quote-and-measure",
        "- id: bad-both\n  body: 一条注释。\n  target:\n    article: new-infrastructure\n"
        "    quote: 完善数据共享平台体系\n    measure: measure-2\n",
        "target:",
        "[0].target",
        ("does not say what it points at in one way", "by `quote:`", "or by `measure:` alone"),
    ),
    Bad(
        "unknown-clause",
        f"- id: bad-clause\n  body: 一条注释。\n  target: {{article: digital-government, measure: measure-3}}\n"
        f"  related:\n    - {{article: {DOCUMENT}, anchor: part-3-item-9}}\n",
        "part-3-item-9",
        "[0].related[0]",
        (f"'{DOCUMENT}' has no clause 'part-3-item-9'", "its anchors are: part-1, part-1-item-1,", "part-5-item-3"),
    ),
    Bad(
        "quote-outside-its-clause",
        f"- id: bad-within\n  body: 一条注释。\n  target: {{article: digital-government, measure: measure-3}}\n"
        f"  related:\n    - article: {DOCUMENT}\n      anchor: part-1\n      quote: 一次认证、一网通办\n",
        "quote: 一次认证",
        "[0].related[0]",
        (f"「一次认证、一网通办」 is not in essay '{DOCUMENT}#part-1'",),
    ),
    Bad(
        "clause-of-an-essay",
        "- id: bad-essay-clause\n  body: 一条注释。\n  target: {article: new-infrastructure, anchor: part-1}\n",
        "target:",
        "[0].target",
        ("'new-infrastructure' has no numbered clauses", "by `quote:` (or `measure:`)"),
    ),
    Bad(
        "anchor-with-hash",
        f'- id: bad-hash\n  body: 一条注释。\n  target:\n    article: {DOCUMENT}\n    anchor: "#part-3-item-3"\n',
        "anchor:",
        "[0].target.anchor",
        ("'#part-3-item-3' is not allowed here", "`anchor: part-4-item-2`"),
    ),
    Bad(
        "anchor-and-measure",
        f"- id: bad-both-ways\n  body: 一条注释。\n  target:\n    article: {DOCUMENT}\n"
        "    anchor: part-3-item-3\n    measure: measure-2\n",
        "target:",
        "[0].target",
        ("does not say what it points at in one way", "`anchor:`"),
    ),
    Bad(
        "quote-not-in-its-paragraph",
        "- id: bad-paragraph\n  body: 一条注释。\n  target:\n    article: new-infrastructure\n"
        f"    paragraph: 3\n    quote: {IN_ESSAY}\n",
        "quote:",
        "[0].target",
        (f"「{IN_ESSAY}」 is not in ¶3 of essay 'new-infrastructure'; it is in ¶4", "`paragraph: 4` names where it is"),
    ),
    Bad(
        "no-such-paragraph",
        "- id: bad-paragraph\n  body: 一条注释。\n  target:\n    article: new-infrastructure\n"
        f"    paragraph: 400\n    quote: {IN_ESSAY}\n",
        "quote:",
        "[0].target",
        ("essay 'new-infrastructure' has no paragraph 400 (its paragraphs are ¶1–¶", "#p<N> gives `paragraph: N`"),
    ),
    Bad(
        "paragraph-zero",
        "- id: bad-paragraph\n  body: 一条注释。\n  target:\n    article: new-infrastructure\n"
        f"    paragraph: 0\n    quote: {IN_ESSAY}\n",
        "paragraph:",
        "[0].target.paragraph",
        ("the value 0 is too small", "#p3 gives `paragraph: 3`"),
    ),
    Bad(
        "paragraph-as-text",
        "- id: bad-paragraph\n  body: 一条注释。\n  target:\n    article: new-infrastructure\n"
        f"    paragraph: p4\n    quote: {IN_ESSAY}\n",
        "paragraph:",
        "[0].target.paragraph",
        ("expected a number, found text", "a whole number without quotes"),
    ),
    Bad(
        "paragraph-of-a-measure",
        "- id: bad-paragraph\n  body: 一条注释。\n  target:\n    article: innovation-highland\n"
        "    measure: measure-1\n    paragraph: 4\n",
        "paragraph:",
        "[0].target.paragraph",
        ("'paragraph' is given without 'quote'", "remove `paragraph`"),
    ),
]


def expected_place(case: Bad) -> str:
    """``file:line: key`` as the message must start."""
    text = (ROOT / case.located_in).read_text(encoding="utf-8") if case.located_in != BAD else case.text
    place = f"{case.located_in}:{line_of(text, case.marker)}"
    return f"{place}: {case.key}: " if case.key else f"{place}: "


def with_bad_file(project: Path, text: str) -> Path:
    (project / "annotations" / "bad.yaml").write_text(text, encoding="utf-8")
    return project


#: Runs a command on the shared project with bad.yaml holding the given text.
Command = Callable[[str], Outcome]


@pytest.fixture(scope="module")
def shared_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the project for the in-process cases: each writes bad.yaml, and it is removed after."""
    return copy_project(tmp_path_factory.mktemp("validation") / "project")


@pytest.fixture
def check(shared_project: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Command]:
    """`policy-reader check` as the command line runs it, in this process."""
    yield lambda text: check_in_process(with_bad_file(shared_project, text), capsys)
    (shared_project / BAD).unlink(missing_ok=True)


@pytest.fixture
def build_reads(shared_project: Path) -> Iterator[Command]:
    """What the build says of its inputs, read in this process as the plugin reads them."""
    yield lambda text: build_inputs_in_process(with_bad_file(shared_project, text))
    (shared_project / BAD).unlink(missing_ok=True)


def message_at(output: str, place: str) -> tuple[str, str]:
    """The problem text after `place`, and the `fix:` line under it."""
    lines = output.splitlines()
    found = [n for n, line in enumerate(lines) if place in line]
    assert len(found) == 1, f"{place!r} is not shown exactly once in:\n{output}"
    problem = lines[found[0]].split(place, 1)[1]
    assert found[0] + 1 < len(lines) and lines[found[0] + 1].startswith("  fix: "), output
    return problem, lines[found[0] + 1].removeprefix("  fix: ")


def assert_explained(output: str, case: Bad) -> None:
    assert "Traceback" not in output
    problem, fix = message_at(output, expected_place(case))
    assert problem and fix
    for phrase in case.says:
        assert phrase in f"{problem}\n{fix}", f"{phrase!r} missing from:\n{output}"
    assert BAD in output


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_check_explains_the_bad_input(check: Command, case: Bad) -> None:
    result = check(case.text)
    assert result.status == 1
    assert_explained(result.output, case)
    assert "check failed: 1 problem(s)" in result.output, "one mistake, one message"


#: Markup in a note is refused by `check`; as in the glossary, a build shows it as text and names it.
SHOWN_AS_TEXT = ("raw-html-in-note", "javascript-link-in-note")


@pytest.mark.parametrize("case", [c for c in CASES if c.name not in SHOWN_AS_TEXT], ids=lambda c: c.name)
def test_build_stops_on_the_bad_input(build_reads: Command, case: Bad) -> None:
    result = build_reads(case.text)
    assert result.status == 1
    assert_explained(result.output, case)


@pytest.mark.parametrize("case", [c for c in CASES if c.name in SHOWN_AS_TEXT], ids=lambda c: c.name)
def test_a_build_names_markup_in_a_note(build_reads: Command, case: Bad) -> None:
    result = build_reads(case.text)
    assert result.status == 0, result.output
    assert_explained(result.output, case)


QUOTE_NOT_FOUND = next(c for c in CASES if c.name == "quote-not-found")


def test_the_real_check_command_explains_the_bad_input(project: Path) -> None:
    result = policy_reader(with_bad_file(project, QUOTE_NOT_FOUND.text), "check")
    assert result.returncode == 1
    assert_explained(result.stderr, QUOTE_NOT_FOUND)
    assert "check failed: 1 problem(s)" in result.stderr


def test_a_real_build_fails_on_the_bad_input_and_leaves_no_site(project: Path) -> None:
    result = mkdocs_build(with_bad_file(project, QUOTE_NOT_FOUND.text))
    assert result.returncode == 1
    assert_explained(result.stdout + result.stderr, QUOTE_NOT_FOUND)
    assert not (project / "site").exists()


def test_a_real_build_shows_markup_in_a_note_as_text(project: Path) -> None:
    markup = [c for c in CASES if c.name in SHOWN_AS_TEXT]
    result = mkdocs_build(with_bad_file(project, "".join(case.text for case in markup)))
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(f"{BAD}:") == len(markup) and "Traceback" not in result.stderr
    page = (project / "site" / "gansu-2021-digital-development" / "innovation-highland" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "<script>alert(1)" not in page and 'href="javascript:' not in page
    assert "&lt;script&gt;alert(1)" in page


# --- following the messages' suggestions -------------------------------------------------------------------

TWICE_BLOCK = '- id: pick-one\n  body: 一条注释。\n  target:\n    article: {article}\n    quote: "{quote}"\n'
TWICE_FLOW = '- id: pick-one\n  body: 一条注释。\n  target: {{article: {article}, quote: "{quote}"}}\n'

REPEATS = [
    ("digital-government", "强省会"),
    ("innovation-highland", "新高地"),
    ("new-infrastructure", "打造智能制造产业集群"),
    ("digital-government", "“数字丝绸之路”"),
]


def with_suggestion(text: str, layout: str, suggestion: str) -> str:
    """Add a `key: value` suggestion to the target, as an editor would in this layout."""
    if layout == "block":
        return text + f"    {suggestion}\n"
    return text.replace("}\n", f", {suggestion}}}\n")


@pytest.mark.parametrize("layout", ["block", "flow"])
@pytest.mark.parametrize(("article", "quote"), REPEATS, ids=[f"repeat{n}" for n in range(len(REPEATS))])
def test_the_suggested_prefix_or_suffix_works_as_written(check: Command, layout: str, article: str, quote: str) -> None:
    text = (TWICE_BLOCK if layout == "block" else TWICE_FLOW).format(article=article, quote=quote)
    refused = check(text)
    assert refused.status == 1
    hint = re.search(r"add (`.+?`) to pick ¶\d+", refused.output)
    assert hint, refused.output
    for suggestion in re.findall(r"`([^`]+)`", hint.group(1)):
        text = with_suggestion(text, layout, suggestion)
    accepted = check(text)
    assert accepted.status == 0, accepted.output
    assert BAD not in accepted.output


@pytest.mark.parametrize("layout", ["block", "flow"])
def test_the_suggested_quote_works_as_written(check: Command, layout: str) -> None:
    quote = "完善〇据共享平台〇系,探索〇用〇据沙箱"  # four characters changed: too many to re-anchor
    text = (TWICE_BLOCK if layout == "block" else TWICE_FLOW).format(article="new-infrastructure", quote=quote)
    refused = check(text)
    assert refused.status == 1
    suggestion = re.search(r"e\.g\. `quote: ([^`]+)`", refused.output)
    assert suggestion, refused.output
    fixed = text.replace(f'"{quote}"', suggestion.group(1))
    accepted = check(fixed)
    assert accepted.status == 0, accepted.output
    assert BAD not in accepted.output


# --- a quote that changed a little -------------------------------------------------------------------------

SLIGHTLY = "完善数据分享平台体系"  # one character changed from IN_ESSAY
SLIGHTLY_CHANGED = (
    f"- id: changed-quote\n  body: 一条注释。\n  target: {{article: new-infrastructure, quote: {SLIGHTLY}}}\n"
)


def test_check_warns_about_a_slightly_changed_quote(check: Command) -> None:
    result = check(SLIGHTLY_CHANGED)
    assert result.status == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning: ")]
    [warning] = [w for w in warnings if BAD in w]
    assert warning.startswith(f"warning: {BAD}:{line_of(SLIGHTLY_CHANGED, 'target:')}: [0].target: ")
    assert f"anchored to 「{IN_ESSAY}」 in ¶4" in warning
    assert f"similarity {similarity(SLIGHTLY, IN_ESSAY)}" in warning
    assert f'`quote: "{IN_ESSAY}"`' in result.output


def test_build_keeps_a_slightly_changed_quote(project: Path) -> None:
    result = mkdocs_build(with_bad_file(project, SLIGHTLY_CHANGED))
    assert result.returncode == 0, result.stderr
    assert f"anchored to 「{IN_ESSAY}」" in result.stderr
    page = project / "site" / "gansu-2021-digital-development" / "new-infrastructure" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    mark = soup.find(id="quote-changed-quote")
    assert mark is not None and mark.name == "mark"
    marks = soup.select("mark.pr-quote")
    highlighted = "".join(m.get_text() for m in marks if "changed-quote" in m["data-annotations"].split())
    assert highlighted == IN_ESSAY
    assert mark.find_parent("p")["id"] == "p4"
