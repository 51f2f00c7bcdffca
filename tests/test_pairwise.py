"""`pairwise`, which cuts the browser matrices: every value and every pair of values of any two factors stays."""

from __future__ import annotations

import itertools

import pytest

from tests.conftest import pairwise


@pytest.mark.parametrize(
    "factors",
    [
        [
            ["home", "essay", "glossary", "404", "map", "guide", "doc"],
            ["light", "dark"],
            ["desk", "phone"],
            ["mk", "z"],
        ],
        [["essay", "glossary", "map"], ["light", "dark"], ["mk", "z"]],
        [["light", "dark"], ["desk", "phone"], ["mk", "z"]],
        [["a", "b", "c"], ["x"], ["1", "2", "3", "4"]],
    ],
)
def test_every_pair_of_values_is_in_some_row(factors: list[list[str]]) -> None:
    rows = pairwise(*factors)
    for (i, first), (j, second) in itertools.combinations(enumerate(factors), 2):
        for a, b in itertools.product(first, second):
            assert any(row[i] == a and row[j] == b for row in rows), (a, b)
    assert len(rows) < len(list(itertools.product(*factors))) or len(factors[1]) == 1
    # No more rows than the two largest factors need, give or take what a greedy choice adds.
    largest, second = sorted(map(len, factors))[-2:][::-1]
    assert len(rows) <= largest * second + 2
