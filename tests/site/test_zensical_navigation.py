"""Zensical's navigation names each text by its title, as MkDocs' does: `import` writes `.zensical.yml`
(mkdocs.yml inherited, with the plugin's navigation), which `.ci/zensical-build` builds with."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import yaml

from build_tools.generators.zensical.config import zensical_config
from build_tools.navigation.nav import build_nav

PAGES = (
    "gansu-2021-digital-development/digital-government/index.html",
    "gov-opinion-government-new-media-2018/index.html",
)


def navigation_labels(page: Path) -> list[str]:
    """The labels of the site's navigation on `page` (its pages and sections, not the page's contents), each once."""
    tree = lxml.html.fromstring(page.read_bytes())
    labels = []
    for nav in tree.xpath('//nav[contains(concat(" ", @class, " "), " md-nav--primary ")]'):
        links = './/*[contains(concat(" ", @class, " "), " md-nav__link ")]'
        contents = 'ancestor::nav[contains(concat(" ", @class, " "), " md-nav--secondary ")]'
        for link in nav.xpath(f"{links}[not({contents})]"):
            text = " ".join(link.text_content().split())
            if text and text not in labels:
                labels.append(text)
    return labels


def test_each_text_and_year_is_named_in_zensicals_navigation_as_in_mkdocs(
    built_site: Path, zensical_project: Path
) -> None:
    for name in PAGES:
        mkdocs = navigation_labels(built_site / name)
        zensical = navigation_labels(zensical_project / "site" / name)
        assert {"2021年", "2018年"} <= set(mkdocs)
        assert "深入贯彻新发展理念 推动甘肃高质量发展" in mkdocs or "gansu" not in name  # its own page's section
        assert [label for label in mkdocs if label not in zensical] == [], zensical
        # Named after its folder, as Zensical does without the file: never.
        assert not any(label.lower().startswith(("gansu 2021", "gov opinion")) for label in zensical), zensical


def test_the_configuration_inherits_mkdocs_yml_and_holds_the_plugins_navigation_as_written(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "law").mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    # A title as `import` writes it: text made HTML, which both generators print as it stands.
    title = "&lt;b&gt;评论&lt;/b&gt; &amp; 'x': [y] # z"
    (docs / "law" / "index.md").write_text(
        f"---\ntitle: \"{title}\"\npolicy_reader:\n  kind: source\n  date: '2021-06-10'\n  articles: [one]\n---\n",
        encoding="utf-8",
    )
    config = yaml.safe_load(zensical_config(docs))
    assert config == {"INHERIT": "mkdocs.yml", "nav": build_nav(docs)}
    assert config["nav"] == ["index.md", {title: ["law/index.md", "law/one.md"]}]
