"""The Markdown an essay page becomes: column label beside the title, boxes, captions (rendered in process)."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from build_tools.importer.render import render_pages
from build_tools.sources.source import load_source
from tests.importer.importer_support import PAGES

LOST_BYLINES = PAGES / "lost-bylines-columns-boxes.txt"


def _pages(path: Path) -> dict[str, str]:
    return render_pages([load_source(path, path.name)])


def _html(markdown: str) -> BeautifulSoup:
    """The raw HTML blocks of a page's Markdown, as a browser would read them."""
    return BeautifulSoup(markdown.split("---", 2)[2], "html.parser")


def test_essay_page_shows_its_column_label_beside_the_title() -> None:
    page = _pages(LOST_BYLINES)["lost-bylines-columns-boxes/di-qi-lai-zi-zha-shi-de-fa-zhan-ji-chu.md"]
    assert '\n# 底气来自扎实的发展基础 <span class="pr-column">（大家手笔）</span>\n' in page
    assert "title: 底气来自扎实的发展基础\n" in page and "column: 大家手笔\n" in page


def test_summary_box_is_a_note_with_its_label_before_the_text() -> None:
    page = _pages(LOST_BYLINES)["lost-bylines-columns-boxes/di-qi-lai-zi-zha-shi-de-fa-zhan-ji-chu.md"]
    soup = _html(page)
    (box,) = soup.select(".pr-box")
    assert box["class"] == ["pr-box", "pr-box--summary"] and box["aria-label"] == "内容提要"
    assert box["role"] == "note"  # not an <aside>: a landmark may not stand inside the page's <main>
    assert [p.get_text() for p in box.find_all("p")] == [
        "内容提要",
        "面对复杂多变的外部环境，我国经济顶住压力稳中有进。发展的底气，来自完整的产业体系、超大规模的市场和不断增强的创新能力。",
    ]
    # The box comes before the first numbered paragraph, and is none of them.
    assert page.index("pr-box--summary") < page.index('id="p1"')
    assert all("面对复杂多变" not in p.get_text() for p in soup.select(".pr-para"))


def test_editors_box_keeps_its_signature_and_precedes_its_essay() -> None:
    page = _pages(LOST_BYLINES)[
        "lost-bylines-columns-boxes/rang-zhi-du-you-shi-geng-hao-zhuan-hua-wei-zhi-li-xiao-neng.md"
    ]
    (box,) = _html(page).select(".pr-box--editor")
    assert box.select_one(".pr-box__label").get_text() == "编者的话"
    assert box.select_one(".pr-box__signature").get_text() == "——编者"


def test_caption_is_a_caption_with_its_own_address_not_a_numbered_paragraph() -> None:
    page = _pages(LOST_BYLINES)["lost-bylines-columns-boxes/di-qi-lai-zi-zha-shi-de-fa-zhan-ji-chu.md"]
    soup = _html(page)
    (caption,) = soup.select("p.pr-caption")
    assert caption["id"] == "caption-1" and caption.get_text() == "图为某地一家智能工厂的生产线。新华社记者 王明 摄"
    assert [p["id"] for p in soup.select(".pr-para > p")] == ["p1", "p2", "p3"]


def test_source_page_lists_column_labels_and_shows_the_pages_box(tmp_path: Path) -> None:
    path = tmp_path / "theme-page.txt"
    path.write_text(
        "\n".join(
            [
                "理论版",
                "本期主题：<b>经济形势</b>与“R&D”投入",
                "本期两篇文章，分别从消费和投资的角度作出分析。——编者",
                "扩大内需要打好组合拳（人民观察）",
                "■孙立",
                "消费是经济增长的主引擎。要多渠道增加居民收入，增强消费能力。",
                "有效投资是稳增长的关键。要聚焦补短板、强弱项，提高投资效益。",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    index = _pages(path)["theme-page/index.md"]
    # Text from the page is escaped: it is shown, never read as markup.
    assert "&lt;b&gt;经济形势&lt;/b&gt;与“R&amp;D”投入" in index and "<b>" not in index
    (box,) = _html(index).select(".pr-box--editor")
    assert [p.get_text() for p in box.find_all("p")] == [
        "本期主题",
        "<b>经济形势</b>与“R&D”投入",
        "本期两篇文章，分别从消费和投资的角度作出分析。",
        "——编者",
    ]
    link = "[扩大内需要打好组合拳](kuo-da-nei-xu-yao-da-hao-zu-he-quan.md)"
    heading = f'\n### {link} <span class="pr-column">（人民观察）</span>\n'
    assert heading in index


def test_an_essay_of_unknown_author_says_so_in_its_byline() -> None:
    pages = _pages(LOST_BYLINES)
    essay = pages["lost-bylines-columns-boxes/di-qi-lai-zi-zha-shi-de-fa-zhan-ji-chu.md"]
    assert _html(essay).select_one(".pr-byline").get_text() == "作者不详"
    assert "authors: []" in essay
    assert (
        "- [底气来自扎实的发展基础](lost-bylines-columns-boxes/di-qi-lai-zi-zha-shi-de-fa-zhan-ji-chu.md) · 作者不详\n"
        in pages["index.md"]
    )


def test_the_summary_box_describes_the_essay_where_it_has_no_lead() -> None:
    pages = _pages(LOST_BYLINES)
    essay = pages["lost-bylines-columns-boxes/di-qi-lai-zi-zha-shi-de-fa-zhan-ji-chu.md"]
    assert "description: 面对复杂多变的外部环境，我国经济顶住压力稳中有进。" in essay
    index = _html(pages["lost-bylines-columns-boxes/index.md"])
    assert [p.get_text()[:8] for p in index.select(".pr-lead-summary")] == ["面对复杂多变的外", "理论来源于实践，"]
