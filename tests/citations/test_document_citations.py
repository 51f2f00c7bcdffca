"""Documents, reports and laws cited in GB/T 7714 (both editions), as whole texts and by their parts.

What is rendered is checked against the standard's own examples where it has them:

- GB/T 7714—2015, 电子资源 (4.8), a government notice online, cited as 档案 [A] (quoted from the standard;
  no copy of it was at hand to check this one against, unlike the report below, which zotero-chinese
  reproduces):

      北京市人民政府办公厅. 关于转发北京市企业投资项目核准暂行实施办法的通知: 京政办发〔2005〕37号[A/OL].
      (2005-07-12)[2011-07-12]. http://china.findlaw.cn/fagui/p_1/39934.html.

- a report online, in the 2015 edition (4.8) and the 2025 edition (示例文献 [78], as zotero-chinese/styles
  reproduces the standard's examples in the test page of the style we ship):

      中国互联网络信息中心. 第29次中国互联网络发展状况统计报告[R/OL]. (2012-01-16)[2013-03-26]. http://….
      中国互联网络信息中心. 第29次中国互联网络发展状况统计报告[R/OL]. 2012-01-16. http://….

The 2025 edition has no example of a government document or law; the notice below is rendered as
citeproc-js renders the same style (the 《法学引注手册》 section of that test page, zotero-chinese/styles
commit 34e21ea7): 国务院. 国务院关于在全国建立农村最低生活保障制度的通知：国发〔2007〕19号[EB/OL].
（2007-07-11）[2022-10-17]. https://www.pkulaw.com/chl/dc46bb66e13150b8bdfb.html.

The real texts are read from `tests/data/documents/` and `sources/` by the importer, as a build reads them.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import bibtexparser
import pytest
import rispy

from build_tools.citations import gbt7714
from build_tools.citations.exports import bibtex, csl_json, ris
from build_tools.citations.gbt7714 import Edition
from build_tools.citations.work import LEGISLATION, REPORT, CitedWork, cited_works
from build_tools.sources.issuer import issuers
from build_tools.sources.source import Source, load_source
from tests.conftest import REAL_PAGES, ROOT

SITE = "https://example.org/policy-reader/"
ACCESSED = "2026-12-03"


def _source(path: Path) -> Source:
    return load_source(path, path.name)


def _work(path: Path) -> CitedWork:
    source = _source(path)
    return cited_works([source], SITE)[source.id]


LAW_2022 = _work(REAL_PAGES / "documents" / "anti-monopoly-law-2022.txt")
LAW_2007 = _work(REAL_PAGES / "documents" / "anti-monopoly-law-2007.txt")
REVIEW_LAW = _work(REAL_PAGES / "documents" / "administrative-review-law-2023.txt")
OPINION = _work(ROOT / "sources" / "gov-opinion-government-new-media-2018.txt")
REPORT_2025 = _work(REAL_PAGES / "documents" / "gansu-government-work-report-2025.txt")
PATENT_ORDER = _work(REAL_PAGES / "documents" / "regulation-patent-agency-2018.txt")

BEIJING_URL = "http://china.findlaw.cn/fagui/p_1/39934.html"
STANDARD_NOTICE = CitedWork(
    "bj/notice",
    "关于转发北京市企业投资项目核准暂行实施办法的通知",
    ("北京市人民政府办公厅",),
    BEIJING_URL,
    None,
    "2005-07-12",
    csl_type=LEGISLATION,
    number="京政办发〔2005〕37号",
)
PKULAW = "https://www.pkulaw.com/chl/dc46bb66e13150b8bdfb.html"
LAW_GUIDE_NOTICE = CitedWork(
    "gov/2007-19",
    "国务院关于在全国建立农村最低生活保障制度的通知",
    ("国务院",),
    PKULAW,
    None,
    "2007-07-11",
    csl_type=LEGISLATION,
    number="国发〔2007〕19号",
)
CNNIC_URL = "https://www.cnnic.net.cn/NMediaFile/old_attach/P020120612484958777344.pdf"
STANDARD_REPORT = CitedWork(
    "cnnic/29",
    "第29次中国互联网络发展状况统计报告",
    ("中国互联网络信息中心",),
    CNNIC_URL,
    None,
    "2012-01-16",
    csl_type=REPORT,
)

WHOLE = [
    pytest.param(
        STANDARD_NOTICE,
        "2015",
        "2011-07-12",
        "北京市人民政府办公厅. 关于转发北京市企业投资项目核准暂行实施办法的通知: 京政办发〔2005〕37号[A/OL]. "
        f"(2005-07-12)[2011-07-12]. {BEIJING_URL}.",
        id="2015-standard-example-government-notice",
    ),
    pytest.param(
        LAW_GUIDE_NOTICE,
        "2025",
        "2022-10-17",
        "国务院. 国务院关于在全国建立农村最低生活保障制度的通知：国发〔2007〕19号[EB/OL]. "
        f"（2007-07-11）[2022-10-17]. {PKULAW}.",
        id="2025-notice-as-citeproc-js-renders-the-style",
    ),
    pytest.param(
        STANDARD_REPORT,
        "2015",
        "2013-03-26",
        f"中国互联网络信息中心. 第29次中国互联网络发展状况统计报告[R/OL]. (2012-01-16)[2013-03-26]. {CNNIC_URL}.",
        id="2015-standard-example-report",
    ),
    pytest.param(
        STANDARD_REPORT,
        "2025",
        "2013-03-26",
        f"中国互联网络信息中心. 第29次中国互联网络发展状况统计报告[R/OL]. 2012-01-16. {CNNIC_URL}.",
        id="2025-standard-example-78-report",
    ),
    pytest.param(
        LAW_2022,
        "2015",
        ACCESSED,
        "全国人民代表大会常务委员会. 中华人民共和国反垄断法[A/OL]. (2022-06-24)[2026-12-03]. "
        f"{SITE}anti-monopoly-law-2022/.",
        id="2015-law-dated-by-its-latest-amendment",
    ),
    pytest.param(
        LAW_2022,
        "2025",
        ACCESSED,
        "全国人民代表大会常务委员会. 中华人民共和国反垄断法[EB/OL]. （2022-06-24）[2026-12-03]. "
        f"{SITE}anti-monopoly-law-2022/.",
        id="2025-law-dated-by-its-latest-amendment",
    ),
    pytest.param(
        OPINION,
        "2015",
        ACCESSED,
        "国务院办公厅. 国务院办公厅关于推进政务新媒体健康有序发展的意见: 国办发〔2018〕123号[A/OL]. "
        f"(2018-12-07)[2026-12-03]. {SITE}gov-opinion-government-new-media-2018/.",
        id="2015-opinion-with-its-number",
    ),
    pytest.param(
        OPINION,
        "2025",
        ACCESSED,
        "国务院办公厅. 国务院办公厅关于推进政务新媒体健康有序发展的意见：国办发〔2018〕123号[EB/OL]. "
        f"（2018-12-07）[2026-12-03]. {SITE}gov-opinion-government-new-media-2018/.",
        id="2025-opinion-with-its-number",
    ),
    pytest.param(
        REPORT_2025,
        "2015",
        ACCESSED,
        f"任振鹤. 2025年甘肃省政府工作报告[R/OL]. (2025-01-20)[2026-12-03]. {SITE}gansu-government-work-report-2025/.",
        id="2015-report-under-its-speaker",
    ),
    pytest.param(
        REPORT_2025,
        "2025",
        ACCESSED,
        f"任振鹤. 2025年甘肃省政府工作报告[R/OL]. 2025-01-20. {SITE}gansu-government-work-report-2025/.",
        id="2025-report-under-its-speaker",
    ),
]


@pytest.mark.parametrize(("work", "edition", "accessed", "expected"), WHOLE)
def test_a_document_is_cited_as_the_standard_writes_it(
    work: CitedWork, edition: Edition, accessed: str, expected: str
) -> None:
    assert gbt7714.fill(gbt7714.reference(work, edition), accessed) == expected


def test_what_a_document_is_cited_with_comes_from_what_it_prints() -> None:
    # The opinion: signed by 国务院办公厅, numbered 国办发〔2018〕123号, dated 2018年12月7日.
    assert (OPINION.authors, OPINION.number, OPINION.date, OPINION.csl_type) == (
        ("国务院办公厅",),
        "国办发〔2018〕123号",
        "2018-12-07",
        LEGISLATION,
    )
    # A law: the body of its latest 题注 entry (修正 2022-06-24), and that date.
    assert (LAW_2022.authors, LAW_2022.number, LAW_2022.date) == (("全国人民代表大会常务委员会",), None, "2022-06-24")
    assert LAW_2007.date == "2007-08-30"
    # A report: its speaker, not the post printed before the name; the date its subtitle prints.
    assert (REPORT_2025.authors, REPORT_2025.date, REPORT_2025.csl_type) == (("任振鹤",), "2025-01-20", REPORT)
    # An order signed by the premier is issued by the body its title names, not by the signatory.
    assert PATENT_ORDER.authors == ("中华人民共和国国务院",) and PATENT_ORDER.number == "第706号"


@pytest.mark.parametrize("edition", gbt7714.EDITIONS)
def test_a_chinese_body_is_never_split(edition: Edition) -> None:
    text = gbt7714.reference(OPINION, edition)
    assert text.startswith("国务院办公厅. ")
    # citeproc-py printed a stray version label for a document online (…[EB/OL]. V. （2018-12-07）).
    assert " V. " not in text and "[出版者不详]" not in text


CLAUSES = [
    pytest.param(
        LAW_2007,
        "article-17-para-1",
        "2015",
        "全国人民代表大会常务委员会. 中华人民共和国反垄断法[A/OL]. (2007-08-30): 第十七条第一款[2026-12-03]. "
        f"{SITE}anti-monopoly-law-2007/#article-17-para-1.",
        "《中华人民共和国反垄断法》第十七条第一款",
        id="2015-a-kuan-of-a-law",
    ),
    pytest.param(
        LAW_2007,
        "article-17-para-1",
        "2025",
        "全国人民代表大会常务委员会. 中华人民共和国反垄断法[EB/OL]. （2007-08-30）：第十七条第一款[2026-12-03]. "
        f"{SITE}anti-monopoly-law-2007/#article-17-para-1.",
        "《中华人民共和国反垄断法》第十七条第一款",
        id="2025-a-kuan-of-a-law",
    ),
    pytest.param(
        OPINION,
        "part-3-item-3",
        "2015",
        "国务院办公厅. 国务院办公厅关于推进政务新媒体健康有序发展的意见: 国办发〔2018〕123号[A/OL]. "
        f"(2018-12-07): 三、（三）[2026-12-03]. {SITE}gov-opinion-government-new-media-2018/#part-3-item-3.",
        "《国务院办公厅关于推进政务新媒体健康有序发展的意见》（国办发〔2018〕123号）三、（三）",
        id="2015-an-item-of-an-opinion",
    ),
    pytest.param(
        OPINION,
        "part-3-item-3",
        "2025",
        "国务院办公厅. 国务院办公厅关于推进政务新媒体健康有序发展的意见：国办发〔2018〕123号[EB/OL]. "
        f"（2018-12-07）：三、（三）[2026-12-03]. {SITE}gov-opinion-government-new-media-2018/#part-3-item-3.",
        "《国务院办公厅关于推进政务新媒体健康有序发展的意见》（国办发〔2018〕123号）三、（三）",
        id="2025-an-item-of-an-opinion",
    ),
    pytest.param(
        REPORT_2025,
        "part-1",
        "2025",
        f"任振鹤. 2025年甘肃省政府工作报告[R/OL]. 2025-01-20：一. {SITE}gansu-government-work-report-2025/#part-1.",
        "《2025年甘肃省政府工作报告》一",
        id="2025-a-part-of-a-report-no-date-of-citing",
    ),
]


@pytest.mark.parametrize(("work", "anchor", "edition", "reference", "inline"), CLAUSES)
def test_a_part_is_cited_by_its_name_and_permalink(
    work: CitedWork, anchor: str, edition: Edition, reference: str, inline: str
) -> None:
    # The page carries the templates; its script fills in the part's anchor and name.
    part = (anchor, dict(work.clauses)[anchor])
    assert gbt7714.fill(gbt7714.clause_reference(work, edition), ACCESSED, clause=part) == reference
    assert gbt7714.fill(gbt7714.inline_citation(work), ACCESSED, clause=part) == inline


@pytest.mark.parametrize(
    ("work", "anchor", "name"),
    [
        (LAW_2007, "article-17", "第十七条"),
        (LAW_2007, "article-17-para-2", "第十七条第二款"),
        # An article of one 款 names no 款; its items are 项.
        (LAW_2022, "article-17-para-1", "第十七条"),
        (LAW_2022, "article-17-item-3", "第十七条第三项"),
        (REVIEW_LAW, "article-65-item-2", "第六十五条第一款第二项"),
        (REVIEW_LAW, "article-65-para-2-item-3", "第六十五条第二款第三项"),
        (REVIEW_LAW, "chapter-3", "第三章"),
        (OPINION, "part-1-item-3-point-2", "一、（三）2"),
        (OPINION, "part-3", "三"),
        (PATENT_ORDER, "annex-1-article-3-para-1", "附件《专利代理条例》第三条第一款"),
    ],
    ids=lambda x: x if isinstance(x, str) else x.id,
)
def test_each_part_is_named_as_a_chinese_reader_cites_it(work: CitedWork, anchor: str, name: str) -> None:
    assert dict(work.clauses)[anchor] == name


def test_every_paragraph_in_a_part_is_cited_as_that_part() -> None:
    paragraphs = dict(LAW_2007.paragraph_clauses)
    names = dict(LAW_2007.clauses)
    # 第十七条's first paragraph opens its first 款; its items are paragraphs of their own.
    assert names[paragraphs[47]] == "第十七条第一款"
    assert names[paragraphs[48]] == "第十七条第一款第一项"
    # The opinion's opening paragraph stands in no part: it is cited by its number.
    assert 1 not in dict(OPINION.paragraph_clauses)


def test_a_documents_files_read_back_with_its_issuer_number_and_type() -> None:
    (item,) = json.loads(csl_json([OPINION]))
    assert item["type"] == "legislation"
    assert item["author"] == [{"literal": "国务院办公厅"}]
    assert item["number"] == "国办发〔2018〕123号"
    assert item["issued"] == {"date-parts": [[2018, 12, 7]]}
    assert "container-title" not in item
    library = bibtexparser.parse_string(bibtex([OPINION, REPORT_2025]))
    assert library.failed_blocks == []
    opinion, report = library.entries
    assert opinion["author"] == "{国务院办公厅}" and opinion["number"] == "国办发〔2018〕123号"
    assert report.entry_type == "techreport" and report["author"] == "{任振鹤}"
    opinion_ris, law_ris, report_ris = rispy.loads(ris([OPINION, LAW_2022, REPORT_2025]))
    assert opinion_ris["type_of_reference"] == law_ris["type_of_reference"] == "GOVDOC"
    assert opinion_ris["number"] == "国办发〔2018〕123号" and opinion_ris["authors"] == ["国务院办公厅"]
    assert law_ris["date"] == "2022/06/24" and "number" not in law_ris
    assert report_ris["type_of_reference"] == "RPRT"


def test_joint_issuers_named_in_a_title_are_each_an_author() -> None:
    # The opinion's source with its title as a jointly issued document prints it (and no signature).
    source = _source(ROOT / "sources" / "gov-opinion-government-new-media-2018.txt")
    assert source.document is not None
    document = replace(
        source.document,
        title="中共中央办公厅 国务院办公厅关于推进政务新媒体健康有序发展的意见",
        closing=[line for line in source.document.closing if line.role != "signature"],
    )
    assert issuers(document) == ("中共中央办公厅", "国务院办公厅")
