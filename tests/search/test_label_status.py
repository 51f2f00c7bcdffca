"""A result's row states a status briefly: its word and its own date; the page says the rest."""

from __future__ import annotations

import pytest

from build_tools.search.labels import brief_status


@pytest.mark.parametrize(
    ("stated", "brief"),
    [
        # An earlier edition once its successor is in force: the date of the act that amended it.
        ("已被修正(2022-06-24,新文本自2022-08-01起施行)", "已被修正(2022-06-24)"),
        ("已被修订(2023-09-01)", "已被修订(2023-09-01)"),
        # Still in force while the newer text waits for its 施行 date: in force, nothing more on a row.
        ("现行有效(新文本已于2022-06-24通过,自2022-08-01起施行)", "现行有效"),
        ("现行有效", "现行有效"),
        ("已废止(2020-01-01)", "已废止(2020-01-01)"),
        ("尚未生效", "尚未生效"),
        ("", ""),
    ],
)
def test_a_status_is_its_word_and_its_own_date(stated: str, brief: str) -> None:
    assert brief_status(stated) == brief
