"""The measures map's short labels count the texts of an archive of any size."""

from __future__ import annotations

from build_tools.annotations.corpus import EssayText
from build_tools.annotations.measures_map import short_labels


def _essay(n: int) -> EssayText:
    return EssayText(source_id="page", article_id=f"essay-{n}", title=f"第{n}篇文章的长标题，不是短标题", paragraphs=())


def test_an_archive_of_hundreds_and_thousands_of_essays_is_labelled_in_order() -> None:
    labels = list(short_labels([_essay(n) for n in range(1, 1201)]).values())
    assert labels[:3] == ["文章一", "文章二", "文章三"]
    assert labels[99:101] == ["文章一百", "文章一百零一"]
    assert labels[999] == "文章1000"
    assert len(set(labels)) == len(labels)
