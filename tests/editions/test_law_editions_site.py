"""A real import and build of a law with its earlier edition (反垄断法 2022, amended from 2007): old addresses,
counterparts, the comparison article by article, status, the 版本 line and each article's history; bad manifests.

The site is a real `import` and `mkdocs build` (`law_project`, which the browser tests may share); the
cases that need no site run `import` and `check` in this process (`policy_reader_here`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools.common.page_marker import read_page_marker
from tests.conftest import Runner, copy_project
from tests.editions.conftest import DOCUMENTS, LAW, add_law
from tests.editions.conftest import LAW_CHANGES as CHANGES
from tests.editions.conftest import LAW_CURRENT as CURRENT
from tests.editions.conftest import LAW_EDITION as EDITION
from tests.editions.conftest import LAW_MANIFEST as MANIFEST
from tests.editions.test_edition_site import parsed, resolve


@pytest.fixture(scope="module")
def site(law_project: tuple[Path, str]) -> Path:
    return law_project[0] / "site"


def soup_of(site: Path, address: str) -> BeautifulSoup:
    return parsed(site / address / "index.html")


def follow(site: Path, page: str, href: str) -> BeautifulSoup:
    """The element a link of `page` leads to (its page must exist, its fragment be an id there)."""
    target, fragment = resolve(site, page, href)
    found = parsed(target).find(id=fragment)
    assert found is not None, f"{href} from {page} leads nowhere"
    return found


def text_after(heading: BeautifulSoup) -> str:
    """The first paragraph of the article under `heading`."""
    return heading.find_next("p", id=True).get_text()


def test_the_earlier_edition_keeps_its_own_article_addresses_and_links_each_to_its_counterpart(site: Path) -> None:
    page = soup_of(site, EDITION)
    # #article-15 is 2007's 第十五条 (经营者能够证明…), which is 第二十条 now.
    assert text_after(page.find(id="article-15")).startswith("第十五条 经营者能够证明所达成的协议属于下列情形之一")
    counterpart = page.find(id="article-15").find_next("p", class_="pr-counterpart")
    assert "有改动" in counterpart.get_text() and "条号有变" in counterpart.get_text()
    now = follow(site, EDITION, counterpart.find("a")["href"])
    assert now["id"] == "article-20" and text_after(now).startswith("第二十条 经营者能够证明")
    compared = follow(site, EDITION, counterpart.find("a", string="对照")["href"])
    assert compared.name == "section" and compared["id"] == "article-20"
    # Every article of 2007 says where it stands now, and every such link resolves.
    notes = page.select("p.pr-counterpart")
    assert len(notes) == 57
    for note in notes:
        for link in note.find_all("a"):
            follow(site, EDITION, link["href"])
    # The 2007 第十三条 gave its second 款 to 第十六条: the earlier text says so.
    thirteen = page.find(id="article-13").find_next("p", class_="pr-counterpart")
    assert "部分内容现为第十六条" in thirteen.get_text()


def test_the_comparison_goes_article_by_article_with_numbers_changes_and_new_articles_labelled(site: Path) -> None:
    page = soup_of(site, CHANGES)
    summary = page.select_one(".pr-changes-summary").get_text()
    assert "新增 13 条" in summary and "删除" not in summary
    twenty = page.find("section", id="article-20")
    where = twenty.select_one(".pr-change__where").get_text()
    assert "2007年文本第十五条 → 2022年修正文本第二十条" in where and "有改动" in where
    assert "pr-change--changed" in twenty["class"]
    inserted = [ins.get_text() for ins in twenty.find_all("ins")]
    assert any(text.startswith("[新增:") for text in inserted)  # the words screen readers speak
    assert "第十五条" not in twenty.select_one(".pr-change__text").get_text()  # the number is told, not marked
    added = page.find("section", id="article-5")
    assert "pr-change--added" in added["class"] and "新增条文" in added.get_text()
    split = page.find("section", id="article-16")
    assert "拆分自2007年文本第十三条" in split.get_text()
    # Runs of articles kept word for word fold into one line, each still addressable, renumbering told.
    folded = page.find(id="article-25").find_parent("details")
    assert "文字未改" in folded.summary.get_text()
    assert "第二十条 → 第二十五条" in page.find(id="article-25").get_text()


def test_status_versions_and_history_are_shown_and_written_for_finish_and_search(site: Path) -> None:
    current = soup_of(site, CURRENT)
    assert current.select_one("dd[data-pr-status]")["data-pr-status"] == "现行有效"  # in the card
    # The page marker says it too, for the step over a built site (finish) and search.
    for address, status in ((CURRENT, "现行有效"), (EDITION, "已被修正(2022-06-24,新文本自2022-08-01起施行)")):
        marker = read_page_marker((site / address / "index.html").read_text(encoding="utf-8"))
        assert marker is not None and marker.status == status
    versions = {a.get_text(): a for a in current.select(".pr-versions a")}
    assert versions["2022年修正文本(2022-06-24)"]["aria-current"] == "page"
    assert versions["2007年文本(2007-08-30)"]["data-pr-date"] == "2007-08-30"
    follow(site, CURRENT, versions["2007年文本(2007-08-30)"]["href"] + "#article-1")
    # 第二十条 changed in 2022: its history links to that article of the comparison.
    history = current.find(id="article-20").find_next("p", class_="pr-article-history")
    assert "2022-06-24 修正(原第十五条)" in history.get_text()
    assert follow(site, CURRENT, history.find("a")["href"])["id"] == "article-20"
    assert current.find(id="article-21").find_next("p").get("class") != ["pr-article-history"]  # unchanged
    earlier = soup_of(site, EDITION)
    assert earlier.select_one(".pr-status")["data-pr-status"] == "已被修正"  # the 2022 题注 says 修正
    banner = earlier.select_one(".pr-edition-banner")
    assert (
        "不是现行有效的文本" in banner.get_text()
        and "已被修正(2022-06-24,新文本自2022-08-01起施行)" in banner.get_text()
    )
    assert follow(site, EDITION, banner.find("a")["href"] + "#article-1").get_text().startswith("第一条")


def test_each_version_carries_the_date_it_took_effect_which_the_as_of_reading_follows(site: Path) -> None:
    """2007: adopted 2007-08-30, in force 2008-08-01 (第五十七条); 2022: adopted 06-24, in force 08-01 (manifest)."""
    for address in (CURRENT, EDITION, CHANGES):
        links = {a.get_text(): a for a in soup_of(site, address).select(".pr-versions a[data-pr-date]")}
        taken = {text: (a["data-pr-date"], a["data-pr-in-force"]) for text, a in links.items()}
        assert taken == {
            "2022年修正文本(2022-06-24)": ("2022-06-24", "2022-08-01"),
            "2007年文本(2007-08-30)": ("2007-08-30", "2008-08-01"),
        }
    # The status line of the 2007 text, and the current text's card, carry the dates editions.js tells them by.
    line = soup_of(site, EDITION).select_one(".pr-status")
    assert (line["data-pr-in-force"], line["data-pr-successor"], line["data-pr-until"]) == (
        "2008-08-01",
        "2022-06-24",
        "2022-08-01",
    )
    card = soup_of(site, CURRENT).select_one("dd[data-pr-status]")
    assert card["data-pr-in-force"] == "2022-08-01" and not card.has_attr("data-pr-until")


def test_a_text_adopted_but_not_yet_in_force_says_so_and_the_earlier_one_is_still_in_force(
    tmp_path: Path, policy_reader_here: Runner
) -> None:
    """反垄断法 as if its 2022 text took effect in 2999: the 2022 text is 尚未生效, the 2007 text 现行有效."""
    project = copy_project(tmp_path / "project")
    add_law(project, MANIFEST.replace("2022-08-01", "2999-01-01"))
    result = policy_reader_here(project, "import")
    assert result.returncode == 0, result.stderr
    current = (project / "docs" / LAW / "index.md").read_text(encoding="utf-8")
    assert "value: 尚未生效" in current.split("\n---\n")[0]
    assert 'data-pr-status="尚未生效" data-pr-in-force="2999-01-01"' in current  # the card's 时效性
    earlier = (project / "docs" / LAW / "editions" / "2007" / "index.md").read_text(encoding="utf-8")
    assert "value: 现行有效" in earlier.split("\n---\n")[0]
    assert "**此为2007年文本(2007-08-30),仍为现行有效的文本,新文本尚未生效**" in earlier
    assert "现行有效(新文本已于2022-06-24通过,自2999-01-01起施行)" in earlier


def test_front_matter_carries_the_status(tmp_path: Path, policy_reader_here: Runner) -> None:
    project = copy_project(tmp_path / "project")
    add_law(project, MANIFEST + 'status: 已废止\nstatus_date: "2030-01-01"\n')
    assert policy_reader_here(project, "import").returncode == 0
    head = (project / "docs" / LAW / "index.md").read_text(encoding="utf-8").split("\n---\n")[0]
    assert "status:\n    value: 已废止\n    date: '2030-01-01'" in head
    edition = (project / "docs" / LAW / "editions" / "2007" / "index.md").read_text(encoding="utf-8")
    assert "value: 已被修正" in edition.split("\n---\n")[0]


@pytest.mark.parametrize(
    ("manifest", "earlier", "line", "said"),
    [
        (
            MANIFEST
            + '  - {file: sources/editions/anti-monopoly-law/other.txt, date: "2007-08-30", label: 另一文本}\n',
            "anti-monopoly-law-2007.txt",
            5,
            "have the same date 2007-08-30",
        ),
        (MANIFEST.replace("2007-08-30", "2023-01-01"), "anti-monopoly-law-2007.txt", 4, "not before the current text"),
        (MANIFEST, "../../data/jfjb-xiuyang-2017.txt", 4, "reads as a page of essays"),
        (MANIFEST + 'status: 已撤销\nstatus_date: "2030-01-01"\n', "anti-monopoly-law-2007.txt", 5, "status"),
        (
            MANIFEST.replace("label: 2007年文本}", 'label: 2007年文本, in_force: "2007-01-01"}'),
            "anti-monopoly-law-2007.txt",
            4,
            "take effect on 2007-01-01, before its own date 2007-08-30",
        ),
        (MANIFEST.replace("2022-08-01", "2022-06-01"), "anti-monopoly-law-2007.txt", 2, "before its own date"),
        (MANIFEST.replace('"2022-08-01"', "2022年8月1日"), "anti-monopoly-law-2007.txt", 2, 'e.g. in_force: "'),
        # A text takes effect on a day: a month alone, which `date:` allows, is refused with the fix for `in_force`.
        (MANIFEST.replace('"2022-08-01"', '"2022-08"'), "anti-monopoly-law-2007.txt", 2, "as YYYY-MM-DD (quoted)"),
    ],
    ids=[
        "same-date",
        "newer-than-current",
        "not-a-law",
        "unknown-status",
        "edition-in-force",
        "in-force",
        "bad-date",
        "month-only",
    ],
)
def test_an_edition_the_importer_cannot_use_is_an_error_at_the_manifests_line(
    tmp_path: Path, manifest: str, earlier: str, line: int, said: str, policy_reader_here: Runner
) -> None:
    project = copy_project(tmp_path / "project")
    add_law(project, manifest, earlier)
    other = project / "sources" / "editions" / LAW / "other.txt"
    shutil.copy2(DOCUMENTS / "anti-monopoly-law-2007.txt", other)
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*.md")}
    result = policy_reader_here(project, "import")
    assert result.returncode != 0
    assert f"sources/{LAW}.yaml:{line}" in result.stderr and said in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in (project / "docs").rglob("*.md")} == before  # nothing half-written


def test_notes_on_a_law_follow_its_articles_across_editions(tmp_path: Path, policy_reader_here: Runner) -> None:
    project = copy_project(tmp_path / "project")
    add_law(project)
    assert policy_reader_here(project, "import").returncode == 0
    # 2007 第十条 named 国务院规定的承担反垄断执法职责的机构, gone from 2022 第十三条;
    # 第十五条's opening survives as 第二十条's.
    notes = (
        "- id: law-exemption\n"
        '  target: {article: anti-monopoly-law, quote: "经营者能够证明所达成的协议属于下列情形之一的"}\n'
        "  body: 豁免。\n"
        "- id: law-gone\n"
        '  target: {article: anti-monopoly-law, quote: "国务院规定的承担反垄断执法职责的机构"}\n'
        "  body: 执法机构。\n"
    )
    (project / "annotations" / "law.yaml").write_text(notes, encoding="utf-8")
    result = policy_reader_here(project, "check")
    assert result.returncode != 0
    gone = next(line for line in result.stderr.splitlines() if "law-gone" in line)
    assert gone.startswith("error: annotations/law.yaml:5: ")
    assert "last found in the 2007年文本(2007-08-30), ¶20, 第十条 (reworded in the current ¶25)" in gone
    assert "law-exemption" not in result.stderr  # its quote re-anchors by itself


def test_an_articles_history_lists_each_revision_that_changed_it(tmp_path: Path, policy_reader_here: Runner) -> None:
    """Three editions: 2007, a text of 2015 (2007's with its 施行 article reworded, made here), and 2022."""
    project = copy_project(tmp_path / "project")
    add_law(
        project,
        MANIFEST
        + '  - {file: sources/editions/anti-monopoly-law/2015.txt, date: "2015-01-01", label: 假设的2015年文本}\n',
    )
    text = (DOCUMENTS / "anti-monopoly-law-2007.txt").read_text(encoding="utf-8")
    reworded = text.replace(
        "第五十七条 本法自2008年8月1日起施行。", "第五十七条 本法自2008年8月1日起施行，2015年修改。"
    )
    assert reworded != text
    (project / "sources" / "editions" / LAW / "2015.txt").write_text(reworded, encoding="utf-8")
    result = policy_reader_here(project, "import")
    assert result.returncode == 0, result.stderr
    page = (project / "docs" / LAW / "index.md").read_text(encoding="utf-8")

    def history(article: str) -> str:
        after = page[page.index(f"{{#{article} .pr-article") :]
        following = after[: after.index("<div")]
        return following.split("修改沿革:")[1].split("\n")[0] if "修改沿革:" in following else ""

    # 第七十条 (2007 第五十七条) changed in 2015 and back in 2022; 第二十条 in 2022 only; 第二条 never.
    assert history("article-70") == (
        "[2015-01-01 修订(原第五十七条)](editions/2007/changes.md#article-70)、"
        "[2022-06-24 修正(原第五十七条)](editions/2015/changes.md#article-70)"
    )
    assert history("article-20") == "[2022-06-24 修正(原第十五条)](editions/2015/changes.md#article-20)"
    assert history("article-2") == ""


def test_a_revised_regulation_is_已被修订_and_its_reordered_articles_are_labelled_moved(
    tmp_path: Path, policy_reader_here: Runner
) -> None:
    project = copy_project(tmp_path / "project")
    editions = DOCUMENTS.parent / "editions"
    shutil.copy2(editions / "state-secrets-law-regulations-2024.txt", project / "sources" / "secrets-regulations.txt")
    earlier = project / "sources" / "editions" / "secrets-regulations" / "2014.txt"
    earlier.parent.mkdir(parents=True)
    shutil.copy2(editions / "state-secrets-law-regulations-2014.txt", earlier)
    manifest = (
        'editions:\n  - {file: sources/editions/secrets-regulations/2014.txt, date: "2014-01-17", label: 2014年文本}\n'
    )
    (project / "sources" / "secrets-regulations.yaml").write_text(manifest, encoding="utf-8")
    result = policy_reader_here(project, "import")
    assert result.returncode == 0, result.stderr
    folder = project / "docs" / "secrets-regulations" / "editions" / "2014"
    text = (folder / "index.md").read_text(encoding="utf-8")
    # The 2024 题注 says 国务院令第786号修订; its 第七十四条 本条例自2024年9月1日起施行.
    assert "已被修订(2024-07-10,新文本自2024-09-01起施行)" in text
    changes = (folder / "changes.md").read_text(encoding="utf-8")
    sixty_one = changes[changes.index('id="article-61"') :].split("</section>")[0]
    assert "2014年文本第三十四条](index.md#article-34) → [现行文本第六十一条]" in sixty_one
    assert "位置有变" in sixty_one
    seven = changes[changes.index('id="article-7"') :].split("</section>")[0]
    assert "拆分自2014年文本第四条" in seven
