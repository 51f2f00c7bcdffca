"""The real site's document, built by each generator the site is built with (MkDocs; Zensical then finish):
its card's facts are read back from the built HTML, and each run-in heading stays a contents entry at its address."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from build_tools.common.page_marker import read_card
from build_tools.sources.source import load_source
from tests.conftest import ROOT

OPINION = "gov-opinion-government-new-media-2018"


def _page(site: Path) -> str:
    flat = site / f"{OPINION}.html"
    return (flat if flat.exists() else site / OPINION / "index.html").read_text(encoding="utf-8")


def test_the_card_is_metadata_of_the_built_page(site: Path) -> None:
    facts = read_card(_page(site))
    assert facts is not None
    # gov.cn's card, from the manifest in sources/.
    assert facts == {
        "issuer": "国务院办公厅",
        "number": "国办发〔2018〕123号",
        "written": "2018-12-07",
        "published": "2018-12-27",
        "topics": ["综合政务\\政务公开"],
        "index_number": "000014349/2018-00221",
        "status": "现行有效",
    }


def test_each_run_in_heading_is_in_the_contents_list_and_its_words_shown_once(site: Path) -> None:
    page = BeautifulSoup(_page(site), "html.parser")
    source = load_source(ROOT / "sources" / f"{OPINION}.txt", f"sources/{OPINION}.txt")
    assert source.document is not None
    run_in = page.select("h3.pr-runin-heading[id]")
    assert len(run_in) >= 10
    toc = {a["href"].split("#")[-1] for a in page.select(".md-nav--secondary a[href*='#']")}
    for heading in run_in:
        anchor = heading["id"]
        assert anchor in toc, anchor
        assert len(page.select(f"[id='{anchor}']")) == 1
        clause = source.document.clause(anchor)
        assert clause is not None
        opening = heading.find_next("p")
        assert opening.select_one("strong.pr-runin").get_text().startswith(clause.marker + clause.title)
