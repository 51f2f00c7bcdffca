"""Golden tests of term marking, in the style of pymdownx's tests.

Each ``golden/<case>.html`` is an HTML fragment; ``golden/<case>.expected.html`` is
what `mark_terms` makes of it with the small glossary ``golden/glossary.yaml``.
The policy is ``every`` unless the case's name names another one
(``…first-in-section…``, ``…first-on-page…``). Expected files are rewritten only by
``pytest --update-golden``, then reviewed by eye. The ``policy-…`` cases also keep
every occurrence found, marked or not, in ``golden/<case>.occurrences.json``: the
glossary page counts those.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import pytest

from build_tools.glossary.load import load_glossary
from build_tools.glossary.marking import MarkPolicy, mark_terms
from build_tools.glossary.matcher import TermMatcher

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(p for p in GOLDEN.glob("*.html") if not p.name.endswith(".expected.html"))
# A mark exactly as `mark_terms` writes it; marks hold text only, never tags.
MARK = re.compile(r'<span class="pr-term" data-term="([^"]+)" tabindex="0" aria-describedby="pr-tip-\1">([^<]*)</span>')


@pytest.fixture(scope="module")
def matcher() -> TermMatcher:
    return TermMatcher(load_glossary(GOLDEN / "glossary.yaml").glossary)


def policy_of(case: Path) -> MarkPolicy:
    for policy in MarkPolicy:
        if policy.value in case.stem:
            return policy
    return MarkPolicy.EVERY


def expected_path(case: Path) -> Path:
    return case.with_name(f"{case.stem}.expected.html")


def test_the_cases_are_there() -> None:
    names = {c.stem for c in CASES}
    assert len(CASES) >= 14
    assert {"policy-first-in-section", "policy-first-on-page", "entities", "line-break"} <= names


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_marking_matches_golden(case: Path, matcher: TermMatcher, request: pytest.FixtureRequest) -> None:
    actual = mark_terms(case.read_text(encoding="utf-8"), matcher, policy_of(case)).html
    expected = expected_path(case)
    if request.config.getoption("--update-golden"):
        expected.write_text(actual, encoding="utf-8")
        return
    assert expected.exists(), f"{expected.name} is missing: run pytest --update-golden once and review it"
    assert actual == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_unwrapping_the_marks_gives_back_the_input(case: Path, matcher: TermMatcher) -> None:
    source = case.read_text(encoding="utf-8")
    marked = mark_terms(source, matcher, policy_of(case)).html
    assert MARK.sub(r"\2", marked) == source


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_every_mark_names_a_term_of_the_glossary(case: Path, matcher: TermMatcher) -> None:
    marked = mark_terms(case.read_text(encoding="utf-8"), matcher, policy_of(case)).html
    for term_id, text in MARK.findall(marked):
        assert term_id in matcher.glossary.by_id
        assert " ".join(text.split()).replace(" ", "") in matcher.glossary.by_id[term_id].forms


@pytest.mark.parametrize("case", [c for c in CASES if c.stem.startswith("policy-")], ids=lambda p: p.stem)
def test_occurrences_match_golden(case: Path, matcher: TermMatcher, golden: Callable[[Path, object], None]) -> None:
    marked = mark_terms(case.read_text(encoding="utf-8"), matcher, policy_of(case))
    golden(case.with_name(f"{case.stem}.occurrences.json"), [asdict(o) for o in marked.occurrences])


def test_every_expected_file_has_its_case() -> None:
    cases = {c.stem for c in CASES}
    made = [*GOLDEN.glob("*.expected.html"), *GOLDEN.glob("*.occurrences.json")]
    orphans = sorted(p.name for p in made if p.name.split(".")[0] not in cases)
    assert orphans == [], "expected files whose case is gone; delete them"
