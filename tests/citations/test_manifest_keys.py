"""What citations need from a manifest: validated, each error naming the file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.common.errors import InputErrors
from build_tools.sources.manifest import load_manifest

BASE = 'title: 标题\npublication: 甘肃日报\ndate: "2021-12-08"\n'


def test_the_citation_keys_are_read(tmp_path: Path) -> None:
    path = tmp_path / "page.yaml"
    path.write_text(BASE + "edition: 7\ndate_estimated: true\npublication_named: false\n", encoding="utf-8")
    manifest = load_manifest(path, "sources/page.yaml")
    assert (manifest.edition, manifest.date_estimated, manifest.publication_named) == ("7", True, False)


def test_without_them_a_manifest_means_what_it_says(tmp_path: Path) -> None:
    path = tmp_path / "page.yaml"
    path.write_text(BASE, encoding="utf-8")
    manifest = load_manifest(path, "sources/page.yaml")
    assert (manifest.edition, manifest.date_estimated, manifest.publication_named) == (None, False, True)


@pytest.mark.parametrize(
    ("lines", "line", "key", "problem", "fix"),
    [
        ('date: "2021年12月"\n', 3, "date", "'2021年12月' is not allowed", "YYYY, YYYY-MM or YYYY-MM-DD"),
        ('date: "2021-13"\n', 3, "date", "'2021-13' is not allowed", "YYYY-MM"),
        ("date: 2021-12-08\n", 3, "date", "expected text, found", "quote the value"),
        ("date_estimated: yes please\n", 4, "date_estimated", "expected true or false", "write true or false"),
        ("publication_named: 1\n", 4, "publication_named", "expected true or false", "write true or false"),
        ("edition: [7]\n", 4, "edition", "expected text or a number, found a list", "quote the value"),
        ("editon: 7\n", 4, "editon", "unknown key 'editon'", "did you mean 'edition'?"),
    ],
    ids=[
        "date-in-words",
        "month-13",
        "date-unquoted",
        "estimated-not-boolean",
        "named-not-boolean",
        "edition-list",
        "typo",
    ],
)
def test_a_bad_citation_key_is_named(tmp_path: Path, lines: str, line: int, key: str, problem: str, fix: str) -> None:
    path = tmp_path / "page.yaml"
    text = BASE.replace('date: "2021-12-08"\n', lines) if lines.startswith("date:") else BASE + lines
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputErrors) as raised:
        load_manifest(path, "sources/page.yaml")
    (error,) = raised.value.errors
    message = str(error)
    assert message.startswith(f"sources/page.yaml:{line}: {key}: "), message
    assert problem in message and fix in message, message
