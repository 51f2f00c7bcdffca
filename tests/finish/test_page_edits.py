"""What the step changes in a page, found by element whatever the order of the attributes, and nothing else."""

from __future__ import annotations

import json

from build_tools.common.html_scan import scan, splice
from build_tools.finish.footer_labels import footer_label_edits
from build_tools.finish.text_links import text_link_edits
from build_tools.importer.render_references import REF_CLASS, TEXT_ID_ATTR
from build_tools.search.index import WORKER_PATH, search_box_edit


def test_a_link_to_another_text_is_pointed_at_its_page_keeping_its_fragment_and_attributes() -> None:
    written = (
        f'<p><a class="{REF_CLASS}" href="../../law/#art-21" {TEXT_ID_ATTR}="law">第二十一条</a> and '
        f'<a {TEXT_ID_ATTR}="law" title="x > y" href="../../law/#art-3" class="{REF_CLASS}">第三条</a> and '
        f'<a class="{REF_CLASS}" href="../../gone/#art-1" {TEXT_ID_ATTR}="gone">gone</a></p>'
    )
    page = scan(written)
    pointed = splice(written, text_link_edits(page, lambda text_id: "../law.html" if text_id == "law" else None))
    assert pointed == written.replace("../../law/#", "../law.html#")


def test_a_footer_label_escaped_twice_is_escaped_once_whatever_the_attribute_order() -> None:
    written = (
        '<a href="../a/" class="md-footer__link md-footer__link--prev" aria-label="上一页: R&amp;amp;D">x</a>'
        '<a aria-label="下一页: &amp;lt;b&amp;gt;" class="md-footer__link" href="../b/">y</a>'
        '<a class="md-footer__link" aria-label="once: &lt;b&gt;">w</a>'
        '<a class="other" aria-label="R&amp;amp;D">z</a>'
    )
    edited = splice(written, footer_label_edits(scan(written)))
    # Not the label escaped once (unescaped it would be markup), nor a link of another class.
    assert edited == written.replace("上一页: R&amp;amp;D", "上一页: R&amp;D").replace("&amp;lt;b&amp;gt;", "&lt;b&gt;")


def test_the_search_box_is_pointed_at_the_engine_in_its_config_whatever_the_attribute_order() -> None:
    config = {"base": "..", "features": ["search.highlight", "navigation.tabs"], "search": "x.js"}
    written = f'<body><script type="application/json" id="__config">{json.dumps(config)}</script></body>'
    page = scan(written)
    start, end, text = search_box_edit(page)
    assert written[:start].endswith('id="__config">') and written[end:] == "</script></body>"
    changed = json.loads(text)
    assert changed["search"].startswith(f"../{WORKER_PATH}?index=")
    assert changed["features"] == ["navigation.tabs"]
