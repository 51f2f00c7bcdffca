"""GB/T 7714 text rendered by citeproc-py, against the standard's own examples and its rules for the unknown.

The 2025 examples are the standard's (GB/T 7714—2025, 示例文献 [41] and [45]) as zotero-chinese/styles
reproduces them in its test page for the style we ship («GB/T 7714—2025(顺序编码,双语)», index.md):

    [41]丁文详. 数字革命与竞争国际化[N]. 中国青年报，2000-11-20（15）.
    [45]陈缮真. 探索微观世界的无穷奥秘（科技大观）[N/OL]. 人民日报，2022-08-16（17）. http://paper.people.com.cn/rmrb/html/2022-08/16/nw.D110000renmrb_20220816_3-17.htm.

The 2015 style renders [41] (the same page of zotero-chinese/styles for the 2015 style) as the 2015
edition's rule for a newspaper article, 主要责任者. 题名[N]. 报纸名, 出版日期(版次).:

    [41]丁文详. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15).

The 2015 edition writes a newspaper article online as (GB/T 7714—2015, 4.4.1 and 8.8, with the
date of citing after the date and page of the paper):

    主要责任者. 题名[N/OL]. 报纸名, 出版日期(版次)[引用日期]. 获取和访问路径.
"""

from __future__ import annotations

import pytest

from build_tools.citations import gbt7714
from build_tools.citations.gbt7714 import Edition
from build_tools.citations.work import CitedWork

PEOPLE = "http://paper.people.com.cn/rmrb/html/2022-08/16/nw.D110000renmrb_20220816_3-17.htm"
STANDARD_N_OL = CitedWork(
    "rmrb/chen", "探索微观世界的无穷奥秘（科技大观）", ("陈缮真",), PEOPLE, "人民日报", "2022-08-16", edition="17"
)
SITE = "https://example.org/policy-reader/gansu-2021-digital-development/digital-government/"
# As the Gansu page's manifest says: no newspaper named, the month inferred.
GANSU = CitedWork(
    "gansu/digital-government",
    "加强“数字政府”建设 助推“数字经济”发展",
    ("秦遇龙", "吕江宇"),
    SITE,
    None,
    "2021-12",
    date_estimated=True,
)
FOUR_AUTHORS = CitedWork(
    "x/four",
    "题名",
    ("张三", "李四", "王五", "赵六"),
    "https://example.org/x/four/",
    "光明日报",
    "2012-05-31",
    edition="2",
)
UNDATED = CitedWork("x/undated", "题名", ("欧阳修",), "https://example.org/x/undated/", "甘肃日报", None)

STANDARD_N = CitedWork(
    "zqb/ding",
    "数字革命与竞争国际化",
    ("丁文详",),
    "https://example.org/zqb/ding/",
    "中国青年报",
    "2000-11-20",
    edition="15",
)
ACCESSED = "2026-12-03"

CASES = [
    pytest.param(
        STANDARD_N_OL,
        "2025",
        f"陈缮真. 探索微观世界的无穷奥秘（科技大观）[N/OL]. 人民日报，2022-08-16（17）. {PEOPLE}.",
        id="2025-standard-example-45",
    ),
    pytest.param(
        STANDARD_N_OL,
        "2015",
        f"陈缮真. 探索微观世界的无穷奥秘（科技大观）[N/OL]. 人民日报, 2022-08-16(17)[2026-12-03]. {PEOPLE}.",
        id="2015-rule-with-date-of-citing",
    ),
    pytest.param(
        GANSU,
        "2025",
        f"秦遇龙，吕江宇. 加强“数字政府”建设 助推“数字经济”发展[N/OL]. [出版者不详]，[2021-12]. {SITE}.",
        id="2025-two-authors-unknown-paper-estimated-date",
    ),
    pytest.param(
        GANSU,
        "2015",
        f"秦遇龙, 吕江宇. 加强“数字政府”建设 助推“数字经济”发展[N/OL]. [出版者不详], [2021-12][2026-12-03]. {SITE}.",
        id="2015-two-authors-unknown-paper-estimated-date",
    ),
    pytest.param(
        FOUR_AUTHORS,
        "2015",
        "张三, 李四, 王五, 等. 题名[N/OL]. 光明日报, 2012-05-31(2)[2026-12-03]. https://example.org/x/four/.",
        id="2015-more-than-three-authors",
    ),
    pytest.param(
        FOUR_AUTHORS,
        "2025",
        "张三，李四，王五，等. 题名[N/OL]. 光明日报，2012-05-31（2）. https://example.org/x/four/.",
        id="2025-more-than-three-authors",
    ),
    pytest.param(
        UNDATED,
        "2015",
        "欧阳修. 题名[N/OL]. 甘肃日报[2026-12-03]. https://example.org/x/undated/.",
        id="2015-no-date-none-given",
    ),
    # The newspaper as printed: no address, no date of citing.
    pytest.param(
        STANDARD_N,
        "2025",
        "丁文详. 数字革命与竞争国际化[N]. 中国青年报，2000-11-20（15）.",
        id="2025-printed-standard-example-41",
    ),
    pytest.param(
        STANDARD_N, "2015", "丁文详. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15).", id="2015-printed-example-41"
    ),
    pytest.param(
        GANSU,
        "2015",
        "秦遇龙, 吕江宇. 加强“数字政府”建设 助推“数字经济”发展[N]. [出版者不详], [2021-12].",
        id="2015-printed-unknown-paper",
    ),
]


@pytest.mark.parametrize(("work", "edition", "expected"), CASES)
def test_an_essay_is_cited_as_the_standard_writes_it(work: CitedWork, edition: Edition, expected: str) -> None:
    if "[N]" in expected:  # the printed paper's form; every other case cites this site's copy, [N/OL]
        assert gbt7714.print_reference(work, edition) == expected
    else:
        assert gbt7714.fill(gbt7714.reference(work, edition), ACCESSED) == expected


PARAGRAPH_CASES = [
    pytest.param(
        GANSU,
        "2025",
        f"秦遇龙，吕江宇. 加强“数字政府”建设 助推“数字经济”发展[N/OL]. [出版者不详]，[2021-12]：第3段. {SITE}#p3.",
        id="2025-no-edition",
    ),
    pytest.param(
        GANSU,
        "2015",
        "秦遇龙, 吕江宇. 加强“数字政府”建设 助推“数字经济”发展[N/OL]. "
        f"[出版者不详], [2021-12]: 第3段[2026-12-03]. {SITE}#p3.",
        id="2015-no-edition",
    ),
    pytest.param(
        STANDARD_N_OL,
        "2025",
        f"陈缮真. 探索微观世界的无穷奥秘（科技大观）[N/OL]. 人民日报，2022-08-16（17）：第3段. {PEOPLE}#p3.",
        id="2025-after-the-edition",
    ),
    pytest.param(
        STANDARD_N_OL,
        "2015",
        f"陈缮真. 探索微观世界的无穷奥秘（科技大观）[N/OL]. 人民日报, 2022-08-16(17): 第3段[2026-12-03]. {PEOPLE}#p3.",
        id="2015-after-the-edition",
    ),
]


@pytest.mark.parametrize(("work", "edition", "expected"), PARAGRAPH_CASES)
def test_a_paragraph_is_cited_with_its_address_and_number(work: CitedWork, edition: Edition, expected: str) -> None:
    assert gbt7714.fill(gbt7714.reference(work, edition, 3), ACCESSED) == expected


@pytest.mark.parametrize("edition", gbt7714.EDITIONS)
@pytest.mark.parametrize("work", [GANSU, STANDARD_N_OL, FOUR_AUTHORS, UNDATED], ids=lambda w: w.id)
def test_the_page_template_filled_in_is_the_paragraph_rendered_directly(work: CitedWork, edition: Edition) -> None:
    # The page carries one template per edition; its script fills in the paragraph's number.
    template = gbt7714.reference(work, edition, gbt7714.PARAGRAPH)
    for number in (1, 12):
        assert gbt7714.fill(template, ACCESSED, number) == gbt7714.fill(
            gbt7714.reference(work, edition, number), ACCESSED
        )


@pytest.mark.parametrize("edition", gbt7714.EDITIONS)
@pytest.mark.parametrize("work", [GANSU, STANDARD_N_OL, FOUR_AUTHORS, UNDATED], ids=lambda w: w.id)
def test_the_pages_two_texts_from_one_rendering_are_those_rendered_apart(work: CitedWork, edition: Edition) -> None:
    assert gbt7714.page_references(work, edition) == (
        gbt7714.reference(work, edition),
        gbt7714.reference(work, edition, gbt7714.PARAGRAPH),
    )


@pytest.mark.parametrize("edition", gbt7714.EDITIONS)
def test_a_chinese_name_is_never_split(edition: Edition) -> None:
    text = gbt7714.reference(GANSU, edition)
    assert text.startswith(("秦遇龙, 吕江宇. ", "秦遇龙，吕江宇. "))
    assert "秦 遇龙" not in text and "吕 江宇" not in text


def test_no_invented_publication_or_date() -> None:
    for edition in gbt7714.EDITIONS:
        text = gbt7714.fill(gbt7714.reference(UNDATED, edition), ACCESSED)
        # No date of publication appears: the 2025 style gives only the year of citing, bracketed, as an estimate.
        assert "[2026]" in text or "2026-12-03" in text
        assert "1111" not in text
        gansu = gbt7714.reference(GANSU, edition)
        assert gbt7714.UNKNOWN_PUBLICATION in gansu
