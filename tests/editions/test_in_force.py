"""When a real law, regulation or document takes effect, read from its own 施行 provision (editions/in_force.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.sources.document import parse_document
from build_tools.sources.editions.in_force import in_force
from build_tools.sources.genre import detect_genre
from build_tools.sources.model import Document
from build_tools.sources.parse import source_lines

DATA = Path(__file__).parents[1] / "data"


def read(name: str) -> Document:
    path = DATA / "documents" / name if (DATA / "documents" / name).exists() else DATA / "editions" / name
    text = path.read_text(encoding="utf-8")
    return parse_document(text, name, detect_genre(source_lines(text)) or "document")


@pytest.mark.parametrize(
    ("name", "adopted", "effective", "how"),
    [
        # Adopted 2007-08-30, 第五十七条 本法自2008年8月1日起施行.
        ("anti-monopoly-law-2007.txt", "2007-08-30", "2008-08-01", "text"),
        # Revised 2023-09-01, 第九十条 本法自2024年1月1日起施行.
        ("administrative-review-law-2023.txt", "2023-09-01", "2024-01-01", "text"),
        # A 修正 keeps the first 施行 article (本法自2008年8月1日起施行): the edition counts from its own date.
        ("anti-monopoly-law-2022.txt", "2022-06-24", "2022-06-24", "edition date"),
        ("administrative-review-law-2017.txt", "2017-09-01", "2017-09-01", "edition date"),
        # A regulation a 国务院令 promulgates: its last article, not the order's sentence.
        ("regulation-patent-agency-2018.txt", "2018-11-06", "2019-03-01", "text"),
        # Rules a notice issues: 第三十二条 本办法自2019年1月1日起施行.
        ("notice-individual-income-tax-deductions-2018.txt", "2018-12-13", "2019-01-01", "text"),
        # A notice that says nothing of when it takes effect: from its date.
        ("gov-opinion-government-new-media-2018.txt", "2018-12-07", "2018-12-07", "edition date"),
    ],
)
def test_a_texts_in_force_date_is_what_its_last_provision_on_taking_effect_says(
    name: str, adopted: str, effective: str, how: str
) -> None:
    found, warnings = in_force(read(name), adopted)
    assert (found.date, found.how) == (effective, how)
    assert warnings == []


def test_the_manifests_date_wins_over_the_text() -> None:
    """反垄断法 2022: the 修正决定 (not in the consolidated text) says 本决定自2022年8月1日起施行."""
    found, _warnings = in_force(read("anti-monopoly-law-2022.txt"), "2022-06-24", "2022-08-01")
    assert (found.date, found.how) == ("2022-08-01", "manifest")


@pytest.mark.parametrize(
    ("closing", "effective", "how"),
    [
        ("本意见自印发之日起施行。", "2018-12-07", "issued"),
        ("本办法自二〇一九年一月一日起施行。", "2019-01-01", "text"),
        ("本规定自公布之日起施行，2010年1月1日发布的《某规定》同时废止。", "2018-12-07", "issued"),
    ],
)
def test_a_document_taking_effect_on_the_day_it_is_issued_is_in_force_from_its_date(
    closing: str, effective: str, how: str
) -> None:
    text = (DATA / "documents" / "gov-opinion-government-new-media-2018.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("国务院办公厅") and line.endswith("办公厅"))
    document = parse_document("\n".join([*lines[:at], closing, *lines[at:]]) + "\n", "opinion.txt", "document")
    found, warnings = in_force(document, "2018-12-07")
    assert (found.date, found.how, warnings) == (effective, how, [])
    assert found.line == at + 1


@pytest.mark.parametrize("said", ["本法自国务院规定之日起施行。", "本条例自公布之日起三十日后施行。"])
def test_a_provision_whose_time_is_not_understood_is_a_warning_naming_its_line(said: str) -> None:
    text = (DATA / "documents" / "anti-monopoly-law-2007.txt").read_text(encoding="utf-8")
    changed = text.replace("第五十七条 本法自2008年8月1日起施行。", f"第五十七条 {said}")
    assert changed != text
    line = 1 + text.splitlines().index("第五十七条 本法自2008年8月1日起施行。")
    found, warnings = in_force(parse_document(changed, "law.txt", "regulation"), "2007-08-30")
    assert (found.date, found.how) == ("2007-08-30", "edition date")
    assert len(warnings) == 1 and warnings[0].line == line and said.rstrip("。") in str(warnings[0])
    assert "in_force" in warnings[0].fix
