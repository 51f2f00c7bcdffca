"""The engine's index cut into parts: whole pages in each, the head in the first, safe inside a script."""

from __future__ import annotations

import pytest

from build_tools.search.index import GlossaryEntry, index_parts
from build_tools.search.sections import Section
from tests.conftest import parse_index_part


def _parts(sections: list[Section], part_bytes: int, eager_bytes: int = 0) -> list[dict[str, object]]:
    glossary = {"数据沙箱": GlossaryEntry("数据沙箱", "data sandbox", "隔离的数据环境。", "glossary/#shu-ju-sha-xiang")}
    return [parse_index_part(script) for script in index_parts(sections, glossary, part_bytes, eager_bytes)]


def _page(name: str, sections: int, text: str = "数据" * 50) -> list[Section]:
    return [Section(f"{name}/" + (f"#s{n}" if n else ""), f"{name} {n}", text, essay=True) for n in range(sections)]


@pytest.mark.parametrize(
    ("pages", "part_bytes", "expected"),
    [
        pytest.param([("a", 3)], 10_000, [["a"]], id="small-index-one-part"),
        pytest.param([("a", 3), ("b", 2), ("c", 1)], 10_000, [["a", "b", "c"]], id="all-fit"),
        # About 300 bytes a section: a part closes at the first page edge past 700 bytes.
        pytest.param([("a", 3), ("b", 2), ("c", 1)], 700, [["a"], ["b", "c"]], id="cut-at-page-edges"),
        pytest.param([("a", 5), ("b", 1)], 300, [["a"], ["b"]], id="a-page-never-split"),
        pytest.param([(p, 1) for p in "abcd"], 500, [["a", "b"], ["c", "d"]], id="every-part-alike"),
    ],
)
def test_text_parts_hold_whole_pages_in_order_after_the_head(
    pages: list[tuple[str, int]], part_bytes: int, expected: list[list[str]]
) -> None:
    sections = [s for name, count in pages for s in _page(name, count)]
    parts = _parts(sections, part_bytes)
    assert [p["part"] for p in parts] == list(range(len(parts)))
    assert parts[0]["docs"] == []
    shown = [list(dict.fromkeys(d["location"].split("/")[0] for d in p["docs"])) for p in parts[1:]]  # type: ignore[attr-defined]
    assert shown == expected
    assert [d for p in parts for d in p["docs"]] == [  # type: ignore[attr-defined]
        {"location": s.location, "title": s.title, "text": s.text, "essay": True} for s in sections
    ]
    # The head names where each part's sections start, and each page's first section.
    lengths = [len(p["docs"]) for p in parts[1:]]  # type: ignore[arg-type]
    assert parts[0]["starts"] == [sum(lengths[:n]) for n in range(len(lengths))]
    firsts = [n for n, s in enumerate(sections) if "#" not in s.location]
    assert parts[0]["pages"] == [[sections[n].location, sections[n].title, n, 1] for n in firsts]


@pytest.mark.parametrize("pages", [["a"], ["a", "b"], ["a", "b", "c"]])
def test_the_head_names_the_count_and_the_glossary_comes_last(pages: list[str]) -> None:
    # From disk every part is read, the glossary with the last; on a server terms come with the shards.
    parts = _parts([s for name in pages for s in _page(name, 3)], 600)
    assert parts[0]["parts"] == len(parts) == len(pages) + 1
    assert [("glossary" in p) for p in parts] == [n == len(parts) - 1 for n in range(len(parts))]
    assert parts[-1]["glossary"] == [
        {
            "term": "数据沙箱",
            "english": "data sandbox",
            "definition": "隔离的数据环境。",
            "url": "glossary/#shu-ju-sha-xiang",
            "forms": ["数据沙箱"],
        }
    ]
    assert all("essays" not in p and "folds" not in p and "grams" not in p for p in parts[1:])
    assert parts[0]["essays"] == len(pages)
    assert parts[0]["grams"] >= 16


def test_a_closing_script_tag_in_the_text_cannot_end_the_script() -> None:
    sections = [Section("a/", "a", '文本</script><script>alert(1)</script> "引号" \\ \u2028\u2029')]
    script = index_parts(sections, {})[-1]
    assert "</script" not in script
    assert "\u2028" not in script and "\u2029" not in script
    assert _parts(sections, 1000)[1]["docs"] == [{"location": "a/", "title": "a", "text": sections[0].text}]


@pytest.mark.parametrize(
    ("pages", "eager_bytes", "eager"),
    [
        pytest.param(1, 10_000, True, id="small-site-every-part-at-once"),
        pytest.param(20, 10_000, False, id="larger-site-shards-per-query"),
        pytest.param(1, 0, False, id="threshold-off"),
    ],
)
def test_the_head_says_whether_a_server_loads_every_part_at_once(pages: int, eager_bytes: int, eager: bool) -> None:
    sections = [s for n in range(pages) for s in _page(f"p{n}", 2)]  # about 600 bytes of text a page
    scripts = index_parts(sections, {}, 1_000, eager_bytes)
    head = parse_index_part(scripts[0])
    assert head["eager"] is eager
    # A small site's text is in the head, one request; a larger one's is cut at page edges, after a head
    # without text (about 600 bytes a page, parts of 1,000: two pages a part).
    assert len(scripts) == (1 if eager else 1 + max(1, pages // 2))
    docs = [doc for script in scripts for doc in parse_index_part(script)["docs"]]
    assert [d["location"] for d in docs] == [s.location for s in sections]
    assert len(head["docs"]) == (len(sections) if eager else 0)
