"""Every real text the tests hold, and every source of the site, is read with no doubt left unsaid.

A doubtful reading (an author that is a known label, a 题注 read as text, a line cut off
mid-sentence …) is a warning naming its line; a real text gives none unless it is listed here
with the lines it names. The per-genre tests check what each text holds; this one only makes
sure no real text escapes the check, whatever folder it is added to.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools.sources.source import load_source

ROOT = Path(__file__).resolve().parents[2]
REAL_TEXTS = sorted([*(ROOT / "tests" / "data").rglob("*.txt"), *(ROOT / "sources").glob("*.txt")])
#: The warnings a real text is expected to give, by the lines they name (none so far).
EXPECTED_WARNINGS: dict[str, list[int]] = {}


@pytest.mark.parametrize("path", REAL_TEXTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_real_text_is_read_with_no_doubt_left_unsaid(path: Path, tmp_path: Path) -> None:
    # An edition's file (name.draft.txt) is read as the page it is an edition of would be.
    copy = tmp_path / (path.name.split(".")[0] + ".txt")
    shutil.copyfile(path, copy)
    source = load_source(copy, str(path.relative_to(ROOT)))
    warnings = source.document.warnings if source.document else source.page.warnings
    assert [w.line for w in warnings] == EXPECTED_WARNINGS.get(path.name, []), [str(w) for w in warnings]


def test_the_real_texts_are_found() -> None:
    names = {p.name for p in REAL_TEXTS}
    assert {"anti-monopoly-law-2022.txt", "jfjb-xiuyang-2017.txt", "gansu-2021-digital-development.txt"} <= names
