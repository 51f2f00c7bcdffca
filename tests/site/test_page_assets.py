"""What a built page loads: one stylesheet, one script fetched after the first paint; scrolling regions focusable."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools.finish.assets import HEAD_SCRIPT, READER_SCRIPTS
from build_tools.finish.bundle import HASH_DIGITS, bundle_reader, inline_script, minified_script, page_tags
from build_tools.finish.scrolling import focusable_scrolling_regions
from build_tools.finish.theme_scripts import HELD_TYPE
from tests.conftest import ROOT

READER_SOURCES = ROOT / "build_tools" / "assets" / "reader"
ESSAY = "gansu-2021-digital-development/digital-government/index.html"
BUNDLE_NAME = re.compile(rf"assets/policy-reader/reader\.([0-9a-f]{{{HASH_DIGITS}}})\.min\.(css|js)$")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def ours(url: str) -> bool:
    return "assets/policy-reader/" in url


@pytest.mark.parametrize("page", [ESSAY, "index.html", "glossary/index.html", "editors/index.html", "404.html"])
def test_a_page_loads_the_reader_as_one_stylesheet_and_one_script_after_the_first_paint(
    built_site: Path, page: str
) -> None:
    html = soup(built_site / page)
    sheets = [link["href"] for link in html.find_all("link", rel="stylesheet") if ours(link["href"])]
    assert len(sheets) == 1, sheets
    # No script of ours is fetched by the HTML: the one inline head script fetches the reader's after the first
    # paint, and holds the search shim, which must be in place before the theme's bundle asks for a worker.
    assert [s["src"] for s in html.find_all("script", src=True) if ours(s["src"])] == []
    (head_script,) = html.find_all("script", attrs={"data-reader": True})
    bundle = BUNDLE_NAME.search(head_script["data-reader"])
    assert head_script.find_parent("head") is not None and bundle and (built_site / bundle[0]).is_file()
    code = head_script.string or ""
    # Python's names of the search engine's files first (the prelude), the shim, which reads them, last.
    assert 0 <= code.find(".searchFiles=") < code.find("first-contentful-paint") < code.find('"?index="')
    # The theme's bundle is held until then too: neither fetched nor run by the HTML.
    assert html.find_all("script", src=True) == []
    held = html.find_all("script", type=HELD_TYPE)
    assert held and all(s["data-src"].endswith(".js") for s in held), held


def test_each_bundle_is_named_by_the_hash_of_what_it_holds(built_site: Path) -> None:
    html = soup(built_site / ESSAY)
    urls = [link["href"] for link in html.find_all("link", rel="stylesheet")]
    urls += [s["data-reader"] for s in html.find_all("script", attrs={"data-reader": True})]
    found = 0
    for url in urls:
        if match := BUNDLE_NAME.search(url):
            content = (built_site / match[0]).read_bytes()
            assert hashlib.sha256(content).hexdigest()[:HASH_DIGITS] == match[1]
            found += 1
    assert found == 2
    # The one-concern-a-file sources are not copied beside the bundles.
    assert not (built_site / "assets" / "policy-reader" / "floating.js").exists()


def test_a_changed_source_gives_a_new_name_and_the_others_keep_theirs(tmp_path: Path) -> None:
    sources = shutil.copytree(READER_SOURCES, tmp_path / "reader")
    before = bundle_reader(sources, READER_SCRIPTS)
    (sources / "notes.js").write_text((sources / "notes.js").read_text(encoding="utf-8") + "\n;", encoding="utf-8")
    (sources / "print.css").write_text(
        (sources / "print.css").read_text(encoding="utf-8") + "\n@media print { .x { color: red } }", encoding="utf-8"
    )
    after = bundle_reader(sources, READER_SCRIPTS)
    assert before.script.name != after.script.name
    assert before.stylesheet.name != after.stylesheet.name
    assert bundle_reader(sources, READER_SCRIPTS) == after  # the same sources, the same bytes


def test_the_bundles_are_smaller_than_their_sources_and_keep_every_source() -> None:
    bundle = bundle_reader(READER_SOURCES, READER_SCRIPTS)
    for made, suffix in ((bundle.stylesheet, "css"), (bundle.script, "js")):
        sources = sorted(READER_SOURCES.glob(f"*.{suffix}"))
        assert len(made.content) < 0.85 * sum(len(p.read_text(encoding="utf-8")) for p in sources)
    # A string each source alone holds survives (floating.js before its users).
    markers = [".floating={beside:beside}", "window.policyReader.floating.beside(tip", "pr-notes-switched"]
    at = [bundle.script.content.find(marker) for marker in markers]
    assert -1 not in at and at[0] < at[1], at
    assert "@media print{" in bundle.stylesheet.content


def test_the_bundle_runs_the_scripts_in_the_one_order_assets_py_gives() -> None:
    assert READER_SCRIPTS[0] == "annotate.js"  # it reads the paragraphs before any other script changes them
    users = ["glossary-tooltips.js", "passage-previews.js"]
    assert READER_SCRIPTS.index("floating.js") < min(map(READER_SCRIPTS.index, users))
    bundle = bundle_reader(READER_SOURCES, READER_SCRIPTS).script.content
    at = [bundle.find(minified_script(READER_SOURCES / name)[:120]) for name in READER_SCRIPTS]
    assert -1 not in at and at == sorted(at), dict(zip(READER_SCRIPTS, at, strict=True))
    # Another order, another bundle: the order given is the order run, whatever the files' names.
    assert bundle_reader(READER_SOURCES, READER_SCRIPTS[::-1]).script.content != bundle


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ("add", "not in the order (add each where it must run): zz-new.js"),
        ("remove", "in the order but not in the folder: notes.js"),
        ("repeat", "in the order twice: cite.js"),
    ],
)
def test_a_script_missing_from_the_order_or_ordered_but_missing_is_an_error(
    tmp_path: Path, change: str, named: str
) -> None:
    sources = shutil.copytree(READER_SOURCES, tmp_path / "reader")
    order = READER_SCRIPTS
    if change == "add":
        (sources / "zz-new.js").write_text("(function () {})();\n", encoding="utf-8")
    elif change == "remove":
        (sources / "notes.js").unlink()
    else:
        order = (*READER_SCRIPTS, "cite.js")
    with pytest.raises(ValueError, match="the reader's script order does not match") as raised:
        bundle_reader(sources, order)
    assert named in str(raised.value)


@pytest.mark.skipif(shutil.which("node") is None, reason="node checks the script's syntax")
@pytest.mark.parametrize("part", ["script", "head_script"])
def test_the_scripts_are_valid_javascript(tmp_path: Path, part: str) -> None:
    bundle = bundle_reader(READER_SOURCES, READER_SCRIPTS, HEAD_SCRIPT)
    script = tmp_path / "script.js"
    script.write_text(bundle.script.content if part == "script" else bundle.head_script, encoding="utf-8")
    result = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_page_tags_point_at_both_bundles_from_the_page() -> None:
    bundle = bundle_reader(READER_SOURCES, READER_SCRIPTS, HEAD_SCRIPT)
    tags = page_tags(bundle, "../../assets/policy-reader")
    assert tags == (
        f'<link rel="stylesheet" href="../../assets/policy-reader/{bundle.stylesheet.name}">\n'
        f'<script data-reader="../../assets/policy-reader/{bundle.script.name}">{bundle.head_script}</script>'
    )


def test_the_head_script_cannot_end_its_element_early(tmp_path: Path) -> None:
    source = tmp_path / "a.js"
    source.write_text('var closing = "</script><script>alert(1)</SCRIPT>";', encoding="utf-8")
    script = inline_script([source])
    assert "</script" not in script.lower()
    assert script == 'var closing="<\\/script><script>alert(1)<\\/SCRIPT>";'


CODE = '<pre tabindex="0" role="region" aria-label="代码">'
BOX = '<div class="pr-scroll" tabindex="0" role="region" aria-label="表格">'


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<pre><code class="language-sh">ls</code></pre>', f'{CODE}<code class="language-sh">ls</code></pre>'),
        # pymdownx.highlight's form, with a class on the <pre>
        (
            '<pre class="x"><span></span><code>a</code></pre>',
            '<pre class="x" tabindex="0" role="region" aria-label="代码"><span></span><code>a</code></pre>',
        ),
        ('<pre tabindex="-1"><code>a</code></pre>', '<pre tabindex="-1"><code>a</code></pre>'),
        ('<pre class="mermaid"><code>graph</code></pre>', '<pre class="mermaid"><code>graph</code></pre>'),
        ("<pre>plain</pre>", "<pre>plain</pre>"),
        ("<p>a</p><table><tr><td>1</td></tr></table>", f"<p>a</p>{BOX}<table><tr><td>1</td></tr></table></div>"),
        (
            '<table class="t"></table><table>\n</table>',
            f'{BOX}<table class="t"></table></div>{BOX}<table>\n</table></div>',
        ),
        ("<tablet>", "<tablet>"),
    ],
)
def test_scrolling_regions_are_focusable_in_the_html(html: str, expected: str) -> None:
    assert focusable_scrolling_regions(html) == expected
    assert focusable_scrolling_regions(expected) == expected


def test_the_built_guide_has_every_code_block_focusable(built_site: Path) -> None:
    blocks = soup(built_site / "editors" / "index.html").select("pre:has(> code)")
    assert blocks
    assert all(pre.get("tabindex") == "0" and pre.get("aria-label") for pre in blocks)
