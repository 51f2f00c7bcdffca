"""CSL-JSON, BibTeX and RIS of an essay, read back by the libraries reference managers' formats are parsed with."""

from __future__ import annotations

import json

import bibtexparser
import pytest
import rispy

from build_tools.citations.exports import bibtex, csl_json, ris
from build_tools.citations.work import CitedWork

GANSU = CitedWork(
    "gansu/digital-government",
    "加强“数字政府”建设 助推“数字经济”发展",
    ("秦遇龙", "吕江宇"),
    "https://example.org/gansu/digital-government/",
    None,
    "2021-12",
    date_estimated=True,
)
PAPER = CitedWork(
    "paper/percent",
    "降费 5% & 提速_50{%}",
    ("丁文详",),
    "https://example.org/paper/percent/",
    "中国青年报",
    "2000-11-20",
    edition="15",
)


def test_csl_json_gives_names_whole_and_leaves_out_what_is_unknown() -> None:
    items = json.loads(csl_json([GANSU, PAPER]))
    gansu, paper = items
    assert gansu["author"] == [{"literal": "秦遇龙"}, {"literal": "吕江宇"}]
    assert gansu["type"] == "article-newspaper"
    assert "container-title" not in gansu  # the page names no newspaper
    assert gansu["issued"] == {"date-parts": [[2021, 12]], "circa": True}
    assert paper["container-title"] == "中国青年报"
    assert paper["issued"] == {"date-parts": [[2000, 11, 20]]}
    assert paper["page"] == "15"
    assert {item["URL"] for item in items} == {GANSU.url, PAPER.url}


@pytest.mark.parametrize("work", [GANSU, PAPER], ids=lambda w: w.id)
def test_bibtex_reads_back_with_each_author_whole(work: CitedWork) -> None:
    library = bibtexparser.parse_string(bibtex([work]))
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert entry.key == work.key
    assert entry["author"] == " and ".join("{" + name + "}" for name in work.authors)
    assert entry["url"] == work.url
    assert entry["year"] == work.date[:4]


def test_bibtex_escapes_latex_specials() -> None:
    entry = bibtexparser.parse_string(bibtex([PAPER])).entries[0]
    assert entry["title"] == r"降费 5\% \& 提速\_50\{\%\}"
    assert entry["journal"] == "中国青年报"
    assert entry["pages"] == "15"


def test_ris_reads_back_as_newspaper_articles() -> None:
    text = ris([GANSU, PAPER])
    assert not text.startswith("1.")
    gansu, paper = rispy.loads(text)
    assert gansu["type_of_reference"] == paper["type_of_reference"] == "NEWS"
    assert gansu["authors"] == ["秦遇龙", "吕江宇"]
    assert "secondary_title" not in gansu
    assert gansu["notes"] == ["出版日期为推定"]
    assert paper["secondary_title"] == "中国青年报"
    assert paper["date"] == "2000/11/20"
    assert paper["urls"] == [PAPER.url]
