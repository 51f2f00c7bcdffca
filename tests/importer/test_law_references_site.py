"""A law's references to itself and to other laws of the site, imported and built as a maintainer would.

The real project with 个人信息保护法 and 数据安全法 added to ``sources/``, and a short rule of our own
that names both by title (no law on hand names another of the site by article): `policy-reader import`,
then a real `mkdocs build --strict`. Every reference link goes to an id of its page (or of the other
law's page), carries the passage named, and each cited article lists where it is cited.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import REAL_PAGES, copy_project, mkdocs_build, policy_reader

PRIVACY = "personal-information-protection-law-2021"
SECURITY = "data-security-law-2021"
RULE = "sample-data-export-rule"
#: A rule written for this test: it names two laws of the site, in full and in short, and itself.
RULE_TEXT = """示例数据出境管理规定
第一条　为了规范数据出境活动，\
根据《中华人民共和国数据安全法》第二十一条、《个人信息保护法》第十三条第一款第二项，制定本规定。
第二条　数据处理者应当依照本规定第一条所列规定开展数据出境活动。
第三条　本规定自公布之日起施行。
"""
RULE_MANIFEST = 'title: 示例数据出境管理规定\ndate: "2024-03-22"\ngenre: regulation\nnotes: 测试用的示例文本。\n'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("references") / "project")
    for name in (PRIVACY, SECURITY):
        shutil.copy(REAL_PAGES / "documents" / f"{name}.txt", project / "sources" / f"{name}.txt")
    (project / "sources" / f"{RULE}.txt").write_text(RULE_TEXT, encoding="utf-8")
    (project / "sources" / f"{RULE}.yaml").write_text(RULE_MANIFEST, encoding="utf-8")
    imported = policy_reader(project, "import")
    assert imported.returncode == 0, imported.stderr
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    return project / "site"


def _page(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name / "index.html").read_text(encoding="utf-8"), "html.parser")


def _text(tag: BeautifulSoup) -> str:
    return " ".join(p.get_text() for p in tag.select("p"))


def test_every_reference_of_the_law_goes_to_an_id_of_its_page_and_previews_it(site: Path) -> None:
    page = _page(site, PRIVACY)
    links = page.select(".md-content p a.pr-ref")
    assert len(links) >= 10
    for link in links:
        target = page.select_one(f"[id='{link['href'].removeprefix('#')}']")
        assert target is not None, link["href"]
        template = link.find_next_sibling()
        assert template.name == "template" and "pr-preview" in template["class"]
        assert template["data-clause"].startswith("第")
    # 第十八条: 前条第一款 is 第十七条's first 款, whose words the preview carries.
    link = next(a for a in links if a.get_text() == "前条第一款")
    assert link["href"] == "#article-17-para-1"
    assert link.find_parent("p").get_text().startswith("第十八条")
    preview = BeautifulSoup(link.find_next_sibling().decode_contents(), "html.parser")
    assert "第十七条 个人信息处理者在处理个人信息前" in _text(preview)


def test_each_cited_article_lists_the_places_that_cite_it(site: Path) -> None:
    page = _page(site, PRIVACY)
    # 第十七条 is cited by 第十八条 (前条第一款) and 第三十条 (本法第十七条第一款).
    heading = page.select_one("#article-17")
    cited = heading.find_next("p", class_="pr-cited-by")
    assert cited.find_previous(["h2", "h3", "h4", "h5", "h6"]) is heading
    assert [(a["href"], a.get_text()) for a in cited.select("a")] == [
        ("#article-18-para-1", "第十八条第一款"),
        ("#article-30-para-1", "第三十条"),
    ]
    for a in cited.select("a"):
        assert page.select_one(f"[id='{a['href'][1:]}']") is not None
    assert "data-search-exclude" in cited.attrs


def test_a_reference_to_another_law_of_the_site_links_to_its_page(site: Path) -> None:
    page = _page(site, RULE)
    links = {a.get_text(): a for a in page.select(".md-content p a.pr-ref")}
    assert set(links) == {
        "《中华人民共和国数据安全法》第二十一条",
        "《个人信息保护法》第十三条第一款第二项",
        "本规定第一条",
    }
    for text, (law, fragment) in {
        "《中华人民共和国数据安全法》第二十一条": (SECURITY, "article-21"),
        "《个人信息保护法》第十三条第一款第二项": (PRIVACY, "article-13-item-2"),
    }.items():
        href = urlsplit(links[text]["href"])
        assert href.path == f"../{law}/" and href.fragment == fragment
        other = _page(site, law)
        target = other.select_one(f"[id='{fragment}']")
        assert target is not None
        preview = BeautifulSoup(links[text].find_next_sibling().decode_contents(), "html.parser")
        # An article is a heading, its words in the 款 after it; a 款 or an item holds its words.
        words = target if target.name == "div" else target.find_next("div", class_="pr-para")
        assert words.select_one("p[id]").get_text()[:12] in _text(preview)
