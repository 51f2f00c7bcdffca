"""The navigation built from the imported pages' front matter: sources newest first, by year when needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.navigation.archive import UNDATED, year_title
from build_tools.navigation.nav import build_nav


def _write_source(docs: Path, folder: str, date: str | None, articles: list[str]) -> None:
    (docs / folder).mkdir(parents=True)
    dated = f"  date: '{date}'\n" if date else ""
    listed = "".join(f"  - {a}\n" for a in articles)
    (docs / folder / "index.md").write_text(
        f"---\ntitle: {folder} 标题\npolicy_reader:\n  kind: source\n{dated}  articles:\n{listed}---\n\n# {folder}\n",
        encoding="utf-8",
    )
    for article in articles:
        (docs / folder / f"{article}.md").write_text(f"# {article}\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        pytest.param(
            [("a", "2021-12", ["x", "y"])],
            [{"a 标题": ["a/index.md", "a/x.md", "a/y.md"]}],
            id="one-source-no-year-section",
        ),
        pytest.param(
            [("a", "2021-03-01", ["x"]), ("b", "2021-12-07", ["y"])],
            [{"b 标题": ["b/index.md", "b/y.md"]}, {"a 标题": ["a/index.md", "a/x.md"]}],
            id="one-year-newest-first",
        ),
        pytest.param(
            [("a", "2020-05", ["x"]), ("b", "2021-01-04", ["y"]), ("c", "2021-02", ["z"])],
            [
                {"2021年": [{"c 标题": ["c/index.md", "c/z.md"]}, {"b 标题": ["b/index.md", "b/y.md"]}]},
                {"2020年": [{"a 标题": ["a/index.md", "a/x.md"]}]},
            ],
            id="years-as-sections",
        ),
        pytest.param(
            [("a", None, ["x"]), ("b", "2021", ["y"])],
            [
                {"2021年": [{"b 标题": ["b/index.md", "b/y.md"]}]},
                {year_title(UNDATED): [{"a 标题": ["a/index.md", "a/x.md"]}]},
            ],
            id="undated-last",
        ),
    ],
)
def test_sources_grouped_by_year_when_they_span_years(
    tmp_path: Path, sources: list[tuple[str, str | None, list[str]]], expected: list[object]
) -> None:
    for folder, date, articles in sources:
        _write_source(tmp_path, folder, date, articles)
    assert build_nav(tmp_path) == expected


def test_home_first_then_extra_pages_then_hand_written(tmp_path: Path) -> None:
    _write_source(tmp_path, "a", "2021", ["x"])
    (tmp_path / "index.md").write_text("# 首页\n", encoding="utf-8")
    (tmp_path / "editors.md").write_text("# 编辑指南\n", encoding="utf-8")
    nav = build_nav(tmp_path, ["glossary.md"])
    assert nav == ["index.md", {"a 标题": ["a/index.md", "a/x.md"]}, "glossary.md", "editors.md"]


def test_the_library_follows_the_home_page(tmp_path: Path) -> None:
    _write_source(tmp_path, "a", "2021", ["x"])
    (tmp_path / "index.md").write_text("# 首页\n", encoding="utf-8")
    (tmp_path / "library.md").write_text("# 文库\n", encoding="utf-8")
    nav = build_nav(tmp_path, ["glossary.md"])
    assert nav == ["index.md", "library.md", {"a 标题": ["a/index.md", "a/x.md"]}, "glossary.md"]
