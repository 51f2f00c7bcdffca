"""Kinder anchoring: punctuation variants match exactly, typos re-anchor to the quote's own length, titles get ids.

Every case is an editor's near-miss on the real essays. The expected passage is found in
the essay's text with `str.find`, never taken from the resolver.
"""

from __future__ import annotations

import contextlib

import pytest

from build_tools.annotations.corpus import EssayText, corpus_of
from build_tools.annotations.model import Selector
from build_tools.annotations.resolve import ResolveError, fold, resolve
from build_tools.importer.project import Project
from tests.conftest import ROOT

REAL = corpus_of(Project(ROOT).load_sources())


def essay(article: str) -> EssayText:
    (found,) = REAL.find(article)
    return found


def place(article: str, passage: str) -> tuple[str, int, int]:
    """Where `passage` stands in the essay: its only occurrence, found by plain search."""
    hits = [(anchor, text.find(passage)) for anchor, text in essay(article).paragraphs if passage in text]
    assert len(hits) == 1, f"{passage!r} must stand once in {article}"
    anchor, start = hits[0]
    return anchor, start, start + len(passage)


# (as the editor typed it, as the essay prints it): every variant is an exact match.
PUNCTUATION_VARIANTS = [
    ("双轮驱动模式，大力提升全省数据建设服务能力", "双轮驱动模式,大力提升全省数据建设服务能力"),  # full-width comma
    ('加快建设"数字中国"的时代需要', "加快建设“数字中国”的时代需要"),  # straight quotation marks
    ("加快建设「数字中国」的时代需要", None),  # corner brackets are other punctuation, not quotation marks
    ("加快建设＂数字中国＂的时代需要", "加快建设“数字中国”的时代需要"),  # full-width straight quotation marks
    ("“数字政府”建设是落实网络强国战略，加快建设", None),  # the essay has 、 here: a different character
]


@pytest.mark.parametrize(("typed", "printed"), PUNCTUATION_VARIANTS)
def test_punctuation_variants_match_exactly(typed: str, printed: str | None) -> None:
    selector = Selector("digital-government", quote=typed)
    if printed is None:
        with contextlib.suppress(ResolveError):  # refused, or at most re-anchored: never an exact match
            assert resolve(REAL, selector).similarity < 1.0, "a different character must not count as exact"
        return
    anchor = resolve(REAL, selector)
    assert (anchor.paragraph, anchor.start, anchor.end) == place("digital-government", printed)
    assert anchor.similarity == 1.0, "folded punctuation is an exact match, with no warning"
    assert anchor.exact == printed, "the page highlights the text as published"


def test_folding_keeps_every_position() -> None:
    for _anchor, text in essay("digital-government").paragraphs:
        assert len(fold(text)) == len(text)
    assert fold("，：；！？（）“”‘’＂　") == ',:;!?()""\'\'" '


# (quote with a typo, the passage it must anchor to)
TYPOS = [
    ("促进政务信息共享共享", "促进政务信息共享共用"),  # the last character changed: keep the quote's length
    ("促进政务信息共享共享和业务流程", "促进政务信息共享共用和业务流程"),
    ("促进政务信息享共用和业务流程", "促进政务信息共享共用和业务流程"),  # a character dropped
    ("促进政务信息共享共共用和业务流程", "促进政务信息共享共用和业务流程"),  # a character doubled
    ("职能融合、技术融合、业务融合与数剧融合", "职能融合、技术融合、业务融合与数据融合"),
]


@pytest.mark.parametrize(("typed", "meant"), TYPOS)
def test_typos_anchor_to_the_passage_meant(typed: str, meant: str) -> None:
    anchor = resolve(REAL, Selector("digital-government", quote=typed))
    assert (anchor.paragraph, anchor.start, anchor.end) == place("digital-government", meant)
    assert anchor.similarity < 1.0


TITLES = [
    ("加强“数字政府”建设 助推“数字经济”发展", "digital-government"),
    ('加强"数字政府"建设 助推"数字经济"发展', "digital-government"),
    ("加强“数字政府”建设助推“数字经济”发展", "digital-government"),
]


@pytest.mark.parametrize(("title", "article_id"), TITLES)
def test_an_essay_named_by_its_title_gets_its_id_as_the_fix(title: str, article_id: str) -> None:
    with pytest.raises(ResolveError) as raised:
        resolve(REAL, Selector(title, quote="以数字政府建设为突破口"))
    assert "title" in raised.value.problem
    assert f"`article: {article_id}`" in raised.value.fix
    anchor = resolve(REAL, Selector(article_id, quote="以数字政府建设为突破口"))
    assert anchor.essay.article_id == article_id


def test_an_unknown_name_still_lists_the_ids() -> None:
    with pytest.raises(ResolveError) as raised:
        resolve(REAL, Selector("no-such-essay", quote="以数字政府建设为突破口"))
    assert "digital-government" in raised.value.fix and "title" not in raised.value.problem


def test_a_prefix_typed_with_full_width_punctuation_still_picks_its_occurrence() -> None:
    text = essay("digital-government")
    # The lead's words again in ¶2, after a comma: `,充分发挥` picks ¶2 only.
    anchor, paragraph = next((a, t) for a, t in text.paragraphs if ",充分发挥" in t)
    start = paragraph.find(",充分发挥") + len(",充分发")
    assert sum(t.count("挥数") for _a, t in text.paragraphs) == 2
    found = resolve(REAL, Selector("digital-government", quote="挥数", prefix="，充分发"))
    assert (found.paragraph, found.start, found.similarity) == (anchor, start, 1.0)
