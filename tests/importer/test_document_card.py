"""A document's card (发文机关, 发文字号, dates, 主题分类, 索引号, status) and its headings printed once, in the
Markdown `import` writes: real documents and laws from ``tests/data/documents/``, manifests written here."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from build_tools.annotations.render import PageAnnotations, apply_to_page
from build_tools.common.errors import InputErrors
from build_tools.common.page_marker import read_card
from build_tools.importer.render_document import render_document
from build_tools.sources.model import Clause, Paragraph
from build_tools.sources.source import Source, load_source
from tests.conftest import REAL_PAGES

DOCUMENTS = REAL_PAGES / "documents"
OPINION = "gov-opinion-government-new-media-2018"
LAW = "administrative-review-law-2023"


def _source(folder: Path, name: str, manifest: str | None = None) -> Source:
    path = folder / f"{name}.txt"
    shutil.copy(DOCUMENTS / f"{name}.txt", path)
    if manifest is not None:
        path.with_suffix(".yaml").write_text(manifest, encoding="utf-8")
    return load_source(path, f"sources/{name}.txt")


def _page(source: Source) -> str:
    assert source.document is not None
    return render_document(source, source.document)


def _card(markdown: str) -> dict[str, str]:
    """The card's facts as shown: each label with its value, unescaped."""
    block = re.search(r'<dl class="pr-doc-card[^>]*>(.*?)</dl>', markdown, re.S)
    assert block is not None, "no card"
    pairs = re.findall(r"<dt>(.*?)</dt><dd[^>]*>(.*?)</dd>", block.group(1))
    return {html.unescape(label): html.unescape(value) for label, value in pairs}


def test_the_card_of_a_document_from_what_it_prints(tmp_path: Path) -> None:
    page = _page(_source(tmp_path, OPINION))
    assert _card(page) == {
        "发文机关": "国务院办公厅",
        "发文字号": "国办发〔2018〕123号",
        "成文日期": "2018年12月7日",
        "时效性": "现行有效",
    }
    # Above the text: after the title, before the number line the document prints.
    assert page.index("# 国务院办公厅关于") < page.index('<dl class="pr-doc-card') < page.index("pr-doc-number")
    assert read_card(page) == {
        "issuer": "国务院办公厅",
        "number": "国办发〔2018〕123号",
        "written": "2018-12-07",
        "status": "现行有效",
    }
    assert "  card:\n    issuer: 国务院办公厅\n" in page  # the front matter holds it too


def test_the_card_of_a_law_from_its_tizhu(tmp_path: Path) -> None:
    page = _page(_source(tmp_path, LAW))
    # 题注: …2023年9月1日第十四届全国人民代表大会常务委员会第五次会议修订: the latest entry dates and names it.
    assert _card(page) == {"制定机关": "全国人民代表大会常务委员会", "公布日期": "2023年9月1日", "时效性": "现行有效"}


def test_the_manifest_fills_and_overrides_the_card_and_everything_is_escaped(tmp_path: Path) -> None:
    manifest = """\
issuer: 国务院办公厅 <script>alert("x")</script> & 'co'
written: "2018-12"
published: "2018-12-27"
topics:
  - 综合政务\\政务公开
  - <b>数据</b>
index_number: 000014349/2018-00221
status: 已被修改
status_date: "2022-06-24"
"""
    page = _page(_source(tmp_path, OPINION, manifest))
    assert _card(page) == {
        "发文机关": "国务院办公厅 <script>alert(\"x\")</script> & 'co'",
        "发文字号": "国办发〔2018〕123号",
        "成文日期": "2018年12月",
        "发布日期": "2018年12月27日",
        "主题分类": "综合政务\\政务公开；<b>数据</b>",
        "索引号": "000014349/2018-00221",
        "时效性": "已被修改（2022年6月24日）",
    }
    # The front matter is YAML (the theme prints none of `policy_reader:`); the page's HTML is escaped.
    body = page.split("\n---\n", 1)[1]
    assert "<script>" not in body and "<b>数据" not in body
    facts = read_card(page)
    assert facts is not None
    assert facts["issuer"] == "国务院办公厅 <script>alert(\"x\")</script> & 'co'"
    assert facts["topics"] == ["综合政务\\政务公开", "<b>数据</b>"]
    assert (facts["status"], facts["status_date"]) == ("已被修改", "2022-06-24")
    assert "pr-doc-card--amended" in page


BAD_KEYS = {
    "an unknown status": ("status: 有效\n", "status", 1, "现行有效"),
    "a date not ISO": ('published: "2018年12月27日"\n', "published", 1, "YYYY-MM-DD"),
    "a number with a line break after it": ("number: |\n  国办发〔2018〕123号\n", "number", 1, "one line"),
    "topics not a list": ("topics: 综合政务\n", "topics", 1, "list"),
    "a status date with no status": ('title: 意见\nstatus_date: "2020-01-01"\n', "status_date", 2, "status"),
}


@pytest.mark.parametrize(("manifest", "key", "line", "fix"), BAD_KEYS.values(), ids=BAD_KEYS.keys())
def test_a_bad_card_key_is_an_error_naming_the_key_and_line(
    tmp_path: Path, manifest: str, key: str, line: int, fix: str
) -> None:
    with pytest.raises(InputErrors) as caught:
        _source(tmp_path, OPINION, manifest)
    (error,) = caught.value.errors
    assert error.path == f"sources/{OPINION}.yaml" and error.line == line
    assert key in str(error) and fix in str(error)


def _visible(block: str) -> str:
    """A paragraph block's text as shown: tags dropped, its ¶ number and references' preview templates left out."""
    shown = re.sub(r"<template[\s>].*?</template>", "", block, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<a class="pr-para__link"[^>]*>\d+</a>', "", shown)))


@pytest.mark.parametrize("name", [OPINION, "digital-economy-plan-14th-2021", LAW])
def test_each_heading_that_opens_its_paragraph_is_printed_once_in_bold(tmp_path: Path, name: str) -> None:
    source = _source(tmp_path, name)
    document = source.document
    assert document is not None
    page = _page(source)
    shown = page.split("\n")
    run_in = [c for c in document.clauses if f"{{#{c.anchor} .pr-{c.kind} .pr-runin-heading}}" in page]
    assert len(run_in) >= 3
    for clause in run_in:
        first = clause.children[0]
        paragraph = first.children[0] if isinstance(first, Clause) else first
        assert isinstance(paragraph, Paragraph)
        (block,) = [line for line in shown if f'<p id="{paragraph.anchor}">' in line]
        # The words once: the paragraph verbatim, its opening in bold.
        assert _visible(block) == paragraph.text
        bold = re.search(r'<strong class="pr-runin">(.*?)</strong>', block)
        assert bold is not None and paragraph.text.startswith(html.unescape(bold.group(1)))
        assert html.unescape(bold.group(1)).startswith(clause.marker)
        assert "pr-runin-para" in block
    # 三、（三）: the heading's words stand in the page once outside the hidden heading kept for the contents list.
    if name == OPINION:
        visible = "\n".join(line for line in shown if ".pr-runin-heading}" not in line)
        assert visible.count("突出民生事项，优化掌上服务") == 1


def test_a_heading_on_a_line_of_its_own_stays_a_heading(tmp_path: Path) -> None:
    page = _page(_source(tmp_path, OPINION))
    # （一）指导思想。 stands on its own line: a heading, its paragraph below without it.
    assert "{#part-1-item-1 .pr-item}" in page and ".pr-runin-heading}" not in page.split("{#part-1-item-1")[0]


def test_a_quote_across_the_run_in_heading_is_highlighted_once_and_the_text_kept() -> None:
    text = "（三）加强考核评价。各地区、各部门要将政务新媒体工作情况列入年度绩效考核。"
    bold = len("（三）加强考核评价。")
    block = f'<p id="p7"><strong class="pr-runin">{text[:bold]}</strong>{text[bold:]}</p>'
    annotations = PageAnnotations()
    start = text.index("考核评价")
    annotations.highlights["p7"].append((start, text.index("各部门"), "note-a", "quote-note-a"))
    out = apply_to_page(block, annotations)
    assert out.count('id="quote-note-a"') == 1
    assert re.sub(r"<[^>]+>", "", out) == text
    assert out.startswith('<p id="p7"><strong class="pr-runin">（三）加强<mark')
    # The quote runs on past the heading: a mark on each side of the </strong>, the id on the first.
    assert re.search(r"</mark></strong><mark [^>]*>各地区、</mark>", out)
