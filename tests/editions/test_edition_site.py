"""A real import and build of the Gansu page with an earlier edition: its pages, links, search and notes.

`import`, `check` and `inspect` run in this process (`policy_reader_here`); builds are real `mkdocs` processes.
"""

from __future__ import annotations

import re
import shutil
import sys
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from build_tools.search.index import label_of_row
from tests.conftest import REAL_PAGES, Runner, read_search_index, run
from tests.editions.conftest import CHANGES, EDITION, ESSAY, GANSU, add_draft, write_note

#: Only in the draft: the paragraph the final text removed.
DRAFT_ONLY = "建设全省统一的安全监测和应急处置平台"


@cache
def parsed(page: Path) -> BeautifulSoup:
    """A built page, parsed once: many links lead to the same page, and the tests only read it."""
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def soup_of(site: Path, address: str) -> BeautifulSoup:
    return parsed(site / address / "index.html")


def resolve(site: Path, page: str, href: str) -> tuple[Path, str]:
    """The file a link of `page` leads to, and its fragment."""
    target = urlparse(urljoin(f"http://site/{page}", href))
    path = site / unquote(target.path).lstrip("/")
    return (path / "index.html" if path.is_dir() else path), target.fragment


def test_the_earlier_edition_keeps_its_paragraph_links_and_leads_to_their_counterparts(
    edition_project: tuple[Path, str, str],
) -> None:
    site = edition_project[0] / "site"
    page = soup_of(site, EDITION)
    # The draft's own numbering: ¶8 is the paragraph the final text removed, ¶9 is ¶6 now.
    assert DRAFT_ONLY in page.select_one("#p8").get_text()
    assert page.select_one("#p9").get_text().startswith("突出高标准建设")
    counterparts = {}
    for paragraph in page.select(".pr-para > p[id]"):
        following = paragraph.parent.find_next_sibling("p")
        counterparts[paragraph["id"]] = following
    assert "删去了此段" in counterparts["p8"].get_text()
    link = counterparts["p9"].select_one("a.pr-counterpart") or counterparts["p9"].find("a")
    target, fragment = resolve(site, EDITION, link["href"])
    assert fragment == "p6"
    current = parsed(target)
    assert current.select_one("#p6").get_text().startswith("突出高标准建设")
    for anchor, paragraph in counterparts.items():
        for href in (a["href"] for a in paragraph.find_all("a")):
            target, fragment = resolve(site, EDITION, href)
            found = parsed(target).find(id=fragment)
            assert found is not None, f"{anchor}'s counterpart link {href} leads nowhere"


def test_the_essay_names_its_edition_and_links_to_the_earlier_one_and_the_comparison(
    edition_project: tuple[Path, str, str],
) -> None:
    site = edition_project[0] / "site"
    bar = soup_of(site, ESSAY).select_one(".pr-editions")
    assert "定稿(2021-12)" in bar.get_text() and "征求意见稿(2021-11)" in bar.get_text()
    targets = {resolve(site, ESSAY, a["href"])[0] for a in bar.find_all("a")}
    assert targets == {site / EDITION / "index.html", site / CHANGES / "index.html"}
    # The navigation lists the earlier edition under the source, after its essays.
    nav = soup_of(site, ESSAY).select_one("nav.md-nav--primary").get_text(" ", strip=True)
    assert "早期版本:征求意见稿(2021-11)" in nav


def test_the_comparison_marks_changed_words_and_shows_added_removed_and_moved_paragraphs(
    edition_project: tuple[Path, str, str],
) -> None:
    site = edition_project[0] / "site"
    page = soup_of(site, CHANGES)
    assert "改动 1 段,新增 1 段,删除 1 段,移动 2 段" in page.select_one(".pr-changes-summary").get_text()
    changed = page.select_one(".pr-change--changed .pr-change__text")
    assert [i.get_text() for i in changed.select("ins")][:2] == ["[新增:进一步]", "[新增:区域]"]
    assert [d.get_text() for d in changed.select("del")] == ["[删除:全省]"]
    removed = page.select_one(".pr-change--removed")
    assert DRAFT_ONLY in removed.select_one("del").get_text() and not removed.select("ins")
    added = page.select_one(".pr-change--added")
    assert added.select_one("ins").get_text().startswith("[新增:发挥政策优势。")
    moved = [row.select_one(".pr-change__where").get_text() for row in page.select(".pr-change--moved")]
    assert moved == [
        "征求意见稿第 6 段 → 定稿第 8 段 · 文字相同,位置有变",
        "征求意见稿第 7 段 → 定稿第 9 段 · 文字相同,位置有变",
    ]
    for link in page.select(".pr-change__where a"):
        target, fragment = resolve(site, CHANGES, link["href"])
        assert parsed(target).find(id=fragment) is not None


def test_from_disk_the_links_lead_to_files_too(edition_project: tuple[Path, str, str], tmp_path: Path) -> None:
    """The offline zip's pages link to files (page.html): the editions' links are the generator's to write."""
    project = edition_project[0]
    site = tmp_path / "offline"
    result = run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        POLICY_READER_OFFLINE="true",
    )
    assert result.returncode == 0, result.stderr
    changes = site / (CHANGES.rstrip("/") + ".html")
    page = BeautifulSoup(changes.read_text(encoding="utf-8"), "html.parser")
    links = page.select(".pr-change__where a, .pr-changes-summary a")
    assert links
    for link in links:
        target = (changes.parent / link["href"].split("#")[0]).resolve()
        assert target.is_file(), link["href"]
        fragment = link["href"].partition("#")[2]
        if fragment:
            assert parsed(target).find(id=fragment) is not None


def test_inspect_says_what_changed_in_each_essay(
    edition_project: tuple[Path, str, str], policy_reader_here: Runner
) -> None:
    result = policy_reader_here(edition_project[0], "inspect", f"sources/{GANSU}.txt")
    assert result.returncode == 0, result.stderr
    assert (
        "edition 征求意见稿(2021-11), digital-government → digital-government: "
        "改动 1 段,新增 1 段,删除 1 段,移动 2 段,未改 8 段。"
    ) in result.stdout
    assert "edition 征求意见稿(2021-11), innovation-highland → innovation-highland: 未改 8 段。" in result.stdout


def test_search_lists_the_earlier_text_apart_and_not_the_comparison(edition_project: tuple[Path, str, str]) -> None:
    index = read_search_index(edition_project[0] / "site")
    locations = [doc["location"] for doc in index["docs"]]
    assert not [where for where in locations if "/changes/" in where]
    assert any(where.startswith(ESSAY) for where in locations)
    current = "\n".join(doc["text"] for doc in index["docs"] if "/editions/" not in doc["location"])
    earlier = "\n".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(EDITION))
    assert DRAFT_ONLY not in current and DRAFT_ONLY in earlier
    # The lines naming the editions, and where each paragraph of the earlier text stands now, are not its words.
    assert "早期版本" not in current and "定稿第" not in earlier
    assert "依托国家“智慧城市”试点" in current  # the paragraph the final text added
    # The earlier essay is labelled so: listed after the texts in force (search-worker.js).
    labels = {page[0]: label_of_row(index["labels"][page[4]]) for page in index["pages"] if len(page) > 4}
    assert (labels[EDITION].kind, labels[EDITION].status, labels[EDITION].earlier) == ("文章", "早期版本", True)
    assert (labels[ESSAY].kind, labels[ESSAY].status, labels[ESSAY].earlier) == ("文章", "", False)


def test_the_build_says_how_many_notes_moved(edition_project: tuple[Path, str, str]) -> None:
    log = edition_project[2]
    found = re.search(r"(\d+) note\(s\) moved with a revised text", log)
    assert found, log[-2000:]
    # four-integrations quotes ¶9 of the draft, ¶6 now; dg-two-wheel-drive stays in ¶2 (its suffix picks it).
    assert "four-integrations: 征求意见稿(2021-11) ¶9 → ¶6" in log
    assert "dg-two-wheel-drive" not in log
    listed = log[found.end() :].split("\n", 1)[0]
    notes = {way.split(":")[0].strip() for way in listed.split(", re-anchored to the current one:")[1].split(";")}
    assert int(found.group(1)) == len(notes)


def test_a_note_whose_quote_is_gone_is_reported_with_where_it_was_last_found(
    project: Path, policy_reader_here: Runner
) -> None:
    add_draft(project, policy_reader_here)
    write_note(project, "draft-only", "draft-security", DRAFT_ONLY)
    result = policy_reader_here(project, "check")
    assert result.returncode == 1
    place = "annotations/draft-only.yaml:2: [0].target: annotation 'draft-security'"
    assert f"{place}: the quote 「{DRAFT_ONLY}」" in result.stderr
    assert "the closest passage is 「" in result.stderr
    assert "it was last found in the 征求意见稿(2021-11), ¶8 (a paragraph the current text removed)" in result.stderr


def test_a_note_written_on_the_draft_re_anchors_by_itself(
    edition_project: tuple[Path, str, str], policy_reader_here: Runner
) -> None:
    # Written when the draft was current: its ¶6 then, ¶8 now (`NOTE_ON_THE_DRAFT`, in the project the build made).
    project, _base, log = edition_project
    result = policy_reader_here(project, "check")
    assert result.returncode == 0, result.stderr
    assert "efficiency-then: 征求意见稿(2021-11) ¶6 → ¶8" in log
    page = soup_of(project / "site", ESSAY)
    assert page.select_one("#p8 mark#quote-efficiency-then") is not None


@pytest.mark.parametrize(
    ("manifest_tail", "message"),
    [
        pytest.param(
            'editions:\n  - {file: sources/editions/gansu/missing.txt, date: "2021-11", label: 征求意见稿}\n',
            "the edition '征求意见稿' names sources/editions/gansu/missing.txt, which cannot be read",
            id="missing-file",
        ),
        pytest.param(
            'editions:\n  - {file: sources/draft.txt, date: "2021-11", label: 征求意见稿}\n',
            "a .txt directly in sources/ is a page of its own",
            id="file-beside-the-pages",
        ),
        pytest.param(
            "editions:\n  - {file: sources/editions/gansu/draft.txt, label: 征求意见稿}\n",
            "editions[0]: the required key 'date' is missing",
            id="no-date",
        ),
        pytest.param(
            'editions:\n  - {file: sources/editions/a/draft.txt, date: "2021-10", label: 一}\n'
            '  - {file: sources/editions/b/draft.txt, date: "2021-11", label: 二}\n',
            "two editions have the file name 'draft.txt'",
            id="same-address",
        ),
        pytest.param(
            'editions:\n  - {file: sources/editions/gansu/draft.txt, date: "2021年11月", label: 征求意见稿}\n',
            "editions[0].date: ",
            id="date-not-iso",
        ),
        pytest.param(
            'editions:\n  - {file: sources/editions/gansu/law.txt, date: "2021-11", label: 征求意见稿}\n',
            "reads as a regulation, but the current text is a page of essays",
            id="a-law-for-essays",
        ),
    ],
)
def test_a_bad_edition_entry_is_reported_at_its_manifest_line(
    project: Path, manifest_tail: str, message: str, policy_reader_here: Runner
) -> None:
    manifest = project / "sources" / f"{GANSU}.yaml"
    law = project / "sources" / "editions" / "gansu" / "law.txt"
    law.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REAL_PAGES / "documents" / "anti-monopoly-law-2007.txt", law)
    before = manifest.read_text(encoding="utf-8")
    manifest.write_text(before + manifest_tail, encoding="utf-8")
    docs_before = sorted(p.relative_to(project) for p in (project / "docs").rglob("*"))
    result = policy_reader_here(project, "import")
    assert result.returncode == 1
    assert f"sources/{GANSU}.yaml:" in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(project) for p in (project / "docs").rglob("*")) == docs_before
