"""The structure `policy-reader inspect` reports for the two real pages, asserted field by field.

The Gansu page (``sources/``) and the 解放军报 page (tests/data/) go
through the real command line. Every expected value is written out here as the
issue specifies it, not taken from a golden file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, policy_reader
from tests.importer.importer_support import GANSU, GANSU_IDS, GANSU_TITLES, JFJB


def inspect_json(page: Path) -> dict[str, Any]:
    assert page.exists(), f"{page} is missing"
    result = policy_reader(ROOT, "inspect", "--json", str(page))
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture(scope="module")
def gansu() -> dict[str, Any]:
    return inspect_json(GANSU)


@pytest.fixture(scope="module")
def jfjb() -> dict[str, Any]:
    return inspect_json(JFJB)


GANSU_ESSAYS = [
    {
        "id": "digital-government",
        "title": "加强“数字政府”建设 助推“数字经济”发展",
        "authors": ["秦遇龙", "吕江宇"],
        "posts": ["兰州市大数据管理局调研员", "中共永登县委常委、政法委书记"],
        "affiliation": "作者分别为兰州市大数据管理局调研员,中共永登县委常委、政法委书记",
        "headings": [
            "坚持全省“一盘棋”统筹,“一体化”全面推进",
            "突出“两高、两化”,加快“数字政府”建设",
            "着力发挥“三大优势”,赋能数字经济",
        ],
        "measures": [
            "明确要求,立足全局",
            "高位推进,突出特色",
            "超前谋划,注重深度",
            "突出高标准建设",
            "突出高质量建设",
            "突出效能化建设",
            "突出特色化建设",
            "发挥产业优势",
            "发挥政策优势",
            "发挥区位优势",
        ],
        # 15 lines between the author line and the affiliation, 3 of them headings.
        "paragraphs": 12,
    },
    {
        "id": "innovation-highland",
        "title": "努力打造西部创新驱动发展新高地",
        "authors": ["简景龙"],
        "posts": ["甘肃省委办公厅"],
        "affiliation": "作者单位:甘肃省委办公厅",
        "headings": [],
        "measures": [
            "打造统筹谋划新高地",
            "打造简政放权新高地",
            "打造产业发展新高地",
            "打造技术研发新高地",
            "打造筑巢引凤新高地",
            "打造科技金融新高地",
        ],
        "paragraphs": 8,
    },
    {
        "id": "new-infrastructure",
        "title": "以“新基建”厚植甘肃经济发展新优势",
        "authors": ["郝希亮"],
        "posts": ["甘肃省社会科学院区域经济所助理研究员"],
        "affiliation": "作者为甘肃省社会科学院区域经济所助理研究员",
        "headings": [],
        "measures": [
            "推进数字基础设施建设",
            "培育数据资源要素市场",
            {
                "title": "加快产业数字化转型",
                "submeasures": ["一要加快农业数字化转型", "二要加快工业数字化转型", "三要加快服务业数字转型"],
            },
            "持续提升社会数字化发展水平",
            "推进“数字丝绸之路”建设",
        ],
        "paragraphs": 9,
    },
]
FIELDS = ("id", "title", "authors", "posts", "affiliation", "headings", "measures", "paragraphs")


def test_gansu_page_head(gansu: dict[str, Any]) -> None:
    assert gansu["title"] == "深入贯彻新发展理念 推动甘肃高质量发展"
    assert gansu["original_title"] == "深入贯彻新发展理念 推动甘肃高质量发展"
    assert gansu["preface"] == []
    assert [a["title"] for a in gansu["articles"]] == list(GANSU_TITLES)
    assert [a["id"] for a in gansu["articles"]] == list(GANSU_IDS)


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("number", range(len(GANSU_ESSAYS)), ids=[e["id"] for e in GANSU_ESSAYS])
def test_gansu_essay(gansu: dict[str, Any], number: int, field: str) -> None:
    assert gansu["articles"][number][field] == GANSU_ESSAYS[number][field]


@pytest.mark.parametrize("number", range(len(GANSU_TITLES)), ids=GANSU_IDS)
def test_gansu_lead_is_first_paragraph_after_author_line(gansu: dict[str, Any], number: int) -> None:
    lines = GANSU.read_text(encoding="utf-8").splitlines()
    title_at = lines.index(GANSU_TITLES[number])
    assert gansu["articles"][number]["lead"] == lines[title_at + 2]


def test_gansu_essay_premise_is_not_a_measure(gansu: dict[str, Any]) -> None:
    measures = gansu["articles"][1]["measures"]
    assert not any(m.startswith("科技创新") for m in measures)


def test_gansu_related_news(gansu: dict[str, Any]) -> None:
    assert [r["date"] for r in gansu["related"]] == ["2018-03-16", "2021-12-07", "2021-11-18", "2021-11-15"]
    assert [r["title"] for r in gansu["related"]] == [
        "【理论】宪法修改:为伟大复兴提供根本保障",
        "【领导干部论坛】甘肃省交通运输厅党组书记、厅长刘建勋:奋力开拓交通强国甘肃新征程",
        "深刻认识全会重大现实意义和深远历史意义",
        "奋力打造西部地区创新驱动发展新高地",
    ]


JFJB_ESSAYS = [
    ("党内应该“打开天窗说亮话”", "刘师苑", "作者单位：无锡联勤保障中心", 5),
    ("实践要义在于“老实”", "廖福安", "作者单位：武警安徽省总队", 5),
    ("有一种忠诚叫坦诚", "赵建雄", "作者单位：国防大学联合指挥与参谋学院", 6),
]


def test_jfjb_page_head(jfjb: dict[str, Any]) -> None:
    first_line = JFJB.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("编者按：")
    assert jfjb["title"] is None
    assert jfjb["original_title"] is None
    assert jfjb["preface"] == [first_line]
    assert jfjb["related"] == []
    assert [a["title"] for a in jfjb["articles"]] == [e[0] for e in JFJB_ESSAYS]


@pytest.mark.parametrize(("number", "essay"), list(enumerate(JFJB_ESSAYS)), ids=[e[1] for e in JFJB_ESSAYS])
def test_jfjb_essay(jfjb: dict[str, Any], number: int, essay: tuple[str, str, str, int]) -> None:
    title, author, affiliation, paragraphs = essay
    article = jfjb["articles"][number]
    assert article["title"] == title
    assert article["authors"] == [author]
    assert article["affiliation"] == affiliation
    assert article["posts"] == [affiliation.removeprefix("作者单位：")]
    assert article["paragraphs"] == paragraphs
    assert article["lead"] is None
    assert article["headings"] == []
    assert article["measures"] == []


@pytest.mark.parametrize(
    ("page", "titles"),
    [(GANSU, list(GANSU_TITLES)), (JFJB, [e[0] for e in JFJB_ESSAYS])],
    ids=["gansu", "jfjb"],
)
def test_text_outline_names_each_essay(page: Path, titles: list[str]) -> None:
    result = policy_reader(ROOT, "inspect", str(page))
    assert result.returncode == 0, result.stderr
    for number, title in enumerate(titles, start=1):
        assert f"essay {number}: {title}" in result.stdout
    assert f"essay {len(titles) + 1}:" not in result.stdout
