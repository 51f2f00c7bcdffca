"""Articles of two editions of a real law paired as a lawyer pairs them: by their text, not their number.

Each pairing asserted here was checked by reading both texts side by side (tests/data/documents).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.importer.editions.units import Pairing, Unit, document_units, final_provision, pair_units
from build_tools.sources.document import parse_document
from build_tools.sources.model import Document

DATA = Path(__file__).parents[1] / "data"


def law(name: str) -> Document:
    """A law of tests/data/documents, or of tests/data/editions (laws read only as editions of one another)."""
    path = DATA / "documents" / name if (DATA / "documents" / name).exists() else DATA / "editions" / name
    return parse_document(path.read_text(encoding="utf-8"), name, "regulation")


def paired(old_name: str, new_name: str) -> tuple[list[Unit], list[Unit], Pairing]:
    old, new = document_units(law(old_name)), document_units(law(new_name))
    return old, new, pair_units(old, new)


def by_name(old: list[Unit], new: list[Unit], pairing: Pairing) -> dict[str, tuple[str | None, str, bool]]:
    """Each earlier article's name → (its current name or None, the row's change, whether it moved)."""
    return {
        old[row.old].name: (new[row.new].name if row.new is not None else None, row.change, row.moved)
        for row in pairing.rows
        if row.old is not None
    }


@pytest.fixture(scope="module")
def anti_monopoly() -> tuple[list[Unit], list[Unit], Pairing]:
    return paired("anti-monopoly-law-2007.txt", "anti-monopoly-law-2022.txt")


def test_the_anti_monopoly_law_of_2007_pairs_each_article_with_its_renumbered_self(
    anti_monopoly: tuple[list[Unit], list[Unit], Pairing],
) -> None:
    old, new, pairing = anti_monopoly
    assert (len(old), len(new)) == (57, 70)
    rows = by_name(old, new, pairing)
    # Word for word, numbers moved on by the articles inserted before them.
    assert rows["第五条"] == ("第六条", "same", False)
    assert rows["第十五条"] == ("第二十条", "changed", False)  # 有下列情形之一的 … 鼓励创新 added
    assert rows["第二十条"] == ("第二十五条", "same", False)
    # One 款 kept, two added: the same article though its text tripled.
    assert rows["第二十一条"] == ("第二十六条", "changed", False)
    # 民事责任 gained its 公益诉讼 款.
    assert rows["第五十条"] == ("第六十条", "changed", False)
    assert rows["第五十七条"] == ("第七十条", "same", False)
    # Nothing of 2007 was dropped, and nothing moved out of order: the amendment inserted articles.
    assert all(current is not None and not moved for current, _change, moved in rows.values())


def test_articles_the_amendment_inserted_are_new_and_a_款_made_an_article_is_split_from_its_old_one(
    anti_monopoly: tuple[list[Unit], list[Unit], Pairing],
) -> None:
    old, new, pairing = anti_monopoly
    added = [new[row.new].name for row in pairing.rows if row.change == "added" and row.new is not None]
    assert added[:3] == ["第五条", "第九条", "第十一条"]  # 公平竞争审查, 数据和算法, 规则制度
    # Every 2007 article lives on, so 13 are new: among them 第十六条, which was 2007 第十三条's second 款.
    assert len(added) == 70 - 57
    assert "第十六条" in added
    sixteen = next(n for n, unit in enumerate(new) if unit.name == "第十六条")
    assert [old[o].name for o in pairing.split_from[sixteen]] == ["第十三条"]
    assert by_name(old, new, pairing)["第十三条"][0] == "第十七条"


def test_a_reordered_regulation_pairs_moved_articles_and_says_they_moved() -> None:
    old, new, pairing = paired("state-secrets-law-regulations-2014.txt", "state-secrets-law-regulations-2024.txt")
    assert (len(old), len(new)) == (45, 74)
    rows = by_name(old, new, pairing)
    # 2014 第三十四条 (泄密补救) and 第三十五条 (案件调查) changed places: 2024 第六十一条 and 第六十条.
    assert rows["第三十四条"] == ("第六十一条", "changed", True)
    assert rows["第三十五条"][:2] == ("第六十条", "changed")
    # 采购涉密工程 went from the middle of 第四章 to after 涉密业务: 2024 第四十九条.
    assert rows["第二十六条"] == ("第四十九条", "changed", True)
    assert rows["第七条"][0] == "第九条"  # 保密宣传教育, grown by a 款
    # 2014 第四条's three 款 became 2024 第七条 (基础设施, 研发) and 第八条 (经费).
    four = next(o for o, unit in enumerate(old) if unit.name == "第四条")
    taken = {rows["第四条"][0]} | {new[n].name for n, olds in pairing.split_from.items() if four in olds}
    assert taken == {"第七条", "第八条"}
    # The 施行 article of 2014 named the rules it repealed; 2024's says only its date: not the same words,
    # yet the same provision (each edition's last 施行 article).
    assert rows["第四十五条"] == ("第七十四条", "changed", False)
    assert sum(row.change == "removed" for row in pairing.rows) >= 5


@pytest.mark.parametrize(
    ("old_name", "new_name", "final"),
    [
        ("anti-monopoly-law-2007.txt", "anti-monopoly-law-2022.txt", ("第五十七条", "第七十条")),
        (
            "state-secrets-law-regulations-2014.txt",
            "state-secrets-law-regulations-2024.txt",
            ("第四十五条", "第七十四条"),
        ),
        # 本法自1999年10月1日起施行。……《行政复议条例》同时废止 → 本法自2024年1月1日起施行: 0.3 alike.
        ("administrative-review-law-2017.txt", "administrative-review-law-2023.txt", ("第四十三条", "第九十条")),
    ],
)
def test_the_final_provision_on_taking_effect_is_paired_however_reworded(
    old_name: str, new_name: str, final: tuple[str, str]
) -> None:
    old, new, pairing = paired(old_name, new_name)
    assert (old[final_provision(old) or 0].name, new[final_provision(new) or 0].name) == final
    assert by_name(old, new, pairing)[final[0]][0] == final[1]
    # It took no other article's place: every current article stands in one row only.
    assert sorted(row.new for row in pairing.rows if row.new is not None) == list(range(len(new)))


def test_a_rewrite_pairs_what_can_be_paired_and_says_the_rest_is_new() -> None:
    old, new, pairing = paired("administrative-review-law-2017.txt", "administrative-review-law-2023.txt")
    assert (len(old), len(new)) == (43, 90)
    rows = by_name(old, new, pairing)
    assert rows["第九条"][:2] == ("第二十条", "changed")  # 申请期限: 六十日, now after the new 第二节
    assert rows["第五条"][0] == "第十条"  # 对复议决定不服可以起诉
    assert rows["第四十一条"] == ("第八十九条", "same", False)  # 外国人 … 适用本法, word for word
    kept = [row for row in pairing.rows if row.old is not None and row.new is not None]
    added = [row for row in pairing.rows if row.change == "added"]
    # Most of 2017 lives on somewhere; most of 2023 is new.
    assert len(kept) >= 25 and len(added) == 90 - len(kept)
    assert sum(row.change == "removed" for row in pairing.rows) == 43 - len(kept)


def test_a_text_without_articles_is_compared_paragraph_by_paragraph() -> None:
    text = "关于某事的通知\n一、总体要求\n甲乙丙丁戊己庚辛。\n二、主要任务\n子丑寅卯辰巳午未申酉。\n"
    revised = (
        "关于某事的通知\n一、总体要求\n甲乙丙丁戊己庚辛壬癸。\n"
        "二、主要任务\n新增一段完全不同的文字内容。\n子丑寅卯辰巳午未申酉。\n"
    )
    old = document_units(parse_document(text, "a.txt", "document"))
    new = document_units(parse_document(revised, "b.txt", "document"))
    assert [unit.anchor for unit in new] == ["p1", "p2", "p3"]
    changes = [row.change for row in pair_units(old, new).rows]
    assert changes == ["changed", "added", "same"]
