"""The tag scanner: elements found by tag, attributes and classes, with the exact places of their tags.

The cases HTML allows and regular expressions over it got wrong: attributes in any order, ``>`` inside a
quoted value, a table in a table, an ``<article>`` in an ``<article>``, a tag in a comment, tag-like text in a
script, elements left for the next one to close. The scanner's tree is held to lxml's over real built pages in
tests/finish/test_finish_output_unchanged.py.
"""

from __future__ import annotations

import pytest

from build_tools.common.html_scan import (
    END,
    START,
    Scan,
    first_start_tag,
    next_landmark,
    rewrite_text,
    scan,
    scan_element,
    splice,
)
from build_tools.finish.scrolling import focusable_scrolling_regions
from build_tools.finish.themes import content_element


def tags(page: Scan) -> list[tuple[str, str]]:
    """Each element as (tag, what it holds)."""
    return [(e.tag, page.inner(e)) for e in page.elements]


@pytest.mark.parametrize(
    "tag",
    [
        '<a class="pr-ref x" href="/a#b" data-pr-text="law">',
        '<a data-pr-text="law" href="/a#b" class="x pr-ref">',
        "<a href='/a#b'\n   CLASS=pr-ref data-pr-text=law>",
    ],
    ids=["as-written", "another-order", "single-quotes-unquoted-upper-case"],
)
def test_an_element_is_found_by_its_attributes_and_classes_in_any_order(tag: str) -> None:
    page = scan(f"<p>see {tag}第一条</a> here</p>")
    found = page.find("a", {"data-pr-text": "law", "href": True}, ("pr-ref",))
    assert found is not None
    assert page.start_tag(found) == tag
    assert page.inner(found) == "第一条"
    assert found.attrs["href"] == "/a#b"
    assert page.source[found.close_start : found.end] == "</a>"


def test_a_greater_than_sign_inside_a_quoted_value_does_not_end_the_tag() -> None:
    source = "<div title=\"a > b\" data-x='<p>'>text</div><p>after</p>"
    page = scan(source)
    assert tags(page) == [("div", "text"), ("p", "after")]
    assert page.elements[0].attrs == {"title": "a > b", "data-x": "<p>"}


def test_a_table_inside_a_table_ends_at_its_own_end_tag() -> None:
    source = "<table><tr><td><table><tr><td>inner</td></tr></table>after</td></tr></table><p>next</p>"
    page = scan(source)
    outer, inner = page.find_all("table")
    assert page.outer(outer) == source[: source.index("<p>")]
    assert page.inner(inner) == "<tr><td>inner</td></tr>"
    assert inner.parent is not None and inner.parent.tag == "td"


def test_a_table_inside_a_table_is_boxed_once_with_the_one_around_it() -> None:
    source = "<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table>"
    boxed = focusable_scrolling_regions(source)
    assert boxed.count('<div class="pr-scroll"') == 1
    assert boxed.endswith("</table></td></tr></table></div>")
    assert focusable_scrolling_regions(boxed) == boxed


def test_the_content_of_an_article_holding_an_article_ends_at_the_outer_end_tag() -> None:
    source = (
        '<html><head><meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.6.0"></head><body>'
        '<article class="md-typeset md-content__inner"><h1>T</h1><article><p>quoted</p></article><p>tail</p>'
        "</article><footer>f</footer></body></html>"
    )
    page = scan(source)
    content = content_element(page)
    assert content is not None
    assert page.inner(content) == "<h1>T</h1><article><p>quoted</p></article><p>tail</p>"


def test_a_tag_inside_a_comment_is_no_element() -> None:
    page = scan('<div><!-- <div class="pr-page" hidden> --><p>x</p><!--></div>')
    assert tags(page) == [("div", '<!-- <div class="pr-page" hidden> --><p>x</p><!-->'), ("p", "x")]
    assert first_start_tag(page.source, "div", "pr-page") is None


def test_end_tags_in_a_scripts_text_end_nothing() -> None:
    source = '<div><script>if (a</div>b) { s = "<p>" + "</DIV>"; }</script><p>x</p></div>'
    page = scan(source)
    assert tags(page) == [
        ("div", '<script>if (a</div>b) { s = "<p>" + "</DIV>"; }</script><p>x</p>'),
        ("script", 'if (a</div>b) { s = "<p>" + "</DIV>"; }'),
        ("p", "x"),
    ]


def test_a_paragraph_or_list_item_left_open_ends_where_html_ends_it() -> None:
    page = scan("<p>one<p>two<div>block</div><ul><li>a<li>b</ul><dl><dt>t<dd>d</dl>")
    assert tags(page) == [
        ("p", "one"),
        ("p", "two"),
        ("div", "block"),
        ("ul", "<li>a<li>b"),
        ("li", "a"),
        ("li", "b"),
        ("dl", "<dt>t<dd>d"),
        ("dt", "t"),
        ("dd", "d"),
    ]
    assert not page.elements[0].closed_by_tag


def test_a_paragraph_inside_a_template_inside_a_paragraph_does_not_end_it() -> None:
    source = '<p id="p1">text<template><p class="preview">other</p></template> more</p>'
    page = scan(source)
    outer = page.find("p", {"id": "p1"})
    assert outer is not None and page.outer(outer) == source


def test_void_and_self_closed_elements_hold_nothing() -> None:
    page = scan('<p>a<br>b<img src="x.png"/><svg><path d="M0 0"/><g>c</g></svg></p>')
    assert tags(page) == [
        ("p", '<p>a<br>b<img src="x.png"/><svg><path d="M0 0"/><g>c</g></svg>'[3:]),
        ("br", ""),
        ("img", ""),
        ("svg", '<path d="M0 0"/><g>c</g>'),
        ("path", ""),
        ("g", "c"),
    ]
    assert all(e.empty for e in page.elements if e.tag in ("br", "img", "path"))


def test_cdata_and_a_doctype_are_markup_not_text() -> None:
    source = "<!DOCTYPE html><svg><![CDATA[<p>not a tag</p>]]></svg>"
    assert [e.tag for e in scan(source).elements] == ["svg"]
    assert rewrite_text(source, lambda text, stack: text.upper()) == source


def test_splicing_changes_only_what_is_edited() -> None:
    source = '<div  class="a"\tid=x><p>one</p>\n<P>TWO</P></div>'
    page = scan(source)
    assert splice(source, []) == source
    second = page.elements[2]
    assert page.outer(second) == "<P>TWO</P>"
    edited = splice(source, [(second.open_end, second.close_start, "three"), (second.end, second.end, "<hr>")])
    assert edited == '<div  class="a"\tid=x><p>one</p>\n<P>three</P><hr></div>'
    with pytest.raises(ValueError, match="overlapping"):
        splice(source, [(0, 5, ""), (3, 4, "")])


def test_text_is_rewritten_run_by_run_and_references_stay_as_written() -> None:
    source = '<p title="R&amp;D">R&amp;D&#x4e2d; a & b <b>x</b></p><script>"<b>"</script>'
    seen: list[tuple[str, tuple[str, ...]]] = []

    def upper(text: str, stack: list) -> str:  # type: ignore[type-arg]
        seen.append((text, tuple(e.tag for e in stack)))
        return text if any(e.tag == "script" for e in stack) else text.upper()

    assert rewrite_text(source, upper) == '<p title="R&amp;D">R&amp;D&#x4e2d; A & B <b>X</b></p><script>"<b>"</script>'
    assert seen == [
        ("R", ("p",)),
        ("D", ("p",)),
        (" a ", ("p",)),
        ("&", ("p",)),
        (" b ", ("p",)),
        ("x", ("p", "b")),
        ('"<b>"', ("script",)),
    ]


def test_the_first_start_tag_is_found_without_the_tree_and_past_comments_and_scripts() -> None:
    source = (
        '<script>x = \'<div class="pr-page" hidden data-pr-kind="no">\'</script>'
        '<!-- <div class="pr-page" hidden data-pr-kind="no"> -->'
        '<div class="pr-pages" hidden data-pr-kind="no"></div>'
        '<div title="a > b" data-pr-kind="article" hidden class="pr-page"></div>'
    )
    found = first_start_tag(source, "div", "pr-page", {"hidden": True}, ("pr-page",))
    assert found is not None and found.attrs["data-pr-kind"] == "article"
    assert found.start == source.index('<div title="a > b"')


def test_an_element_read_alone_is_read_as_in_the_page_and_ends_at_its_end_tag() -> None:
    source = (
        "<div><p>before<article class=c><p>one<ul><li>a<li>b</ul><table><tr><td>x<td>y</table>"
        "<!-- </article> --><script>'</article>'</script></article><p>after</div>"
    )
    whole = scan(source)
    alone = scan_element(source, source.index("<article"))
    inside = [e for e in whole.elements if e.start >= source.index("<article") and e.start < source.index("<p>after")]
    assert [(e.tag, e.start, e.open_end, e.close_start, e.end) for e in alone.elements] == [
        (e.tag, e.start, e.open_end, e.close_start, e.end) for e in inside
    ]
    assert alone.elements[0].closed_by_tag and alone.elements[0].end == source.index("<p>after")
    assert alone.stray_end_tags == []


def test_an_end_tag_inside_an_element_read_alone_that_closes_nothing_there_is_told() -> None:
    """In the page `</div>` ends the article with the div around it; read alone, the article cannot tell."""
    source = "<div><article class=c><p>one</div><p>two</article></div>"
    alone = scan_element(source, source.index("<article"))
    assert [source[s:e] for s, e, _element, _kind in alone.stray_end_tags] == ["</div>"]
    whole = scan(source).find("article")
    assert whole is not None and whole.close_start == source.index("</div>")


def test_a_landmark_is_found_past_comments_scripts_and_attributes_holding_its_words() -> None:
    landmark = '<article class="md-content__inner md-typeset">'
    source = (
        f"<head><title>{landmark}</title></head><body><nav>"
        f"<!-- {landmark} --><script>var a = '{landmark}';</script>"
        f'<a href="x" title=\'{landmark}\'>md-content__inner &lt;article class="md-content__inner"&gt;</a>'
        f'<article class="md-content__inner-not">x</article>'
        f"</nav><main>{landmark}<p>text</p></article></main></body>"
    )
    starts = (("article", "md-content__inner"), ("title", ""))
    found, at = [], 0
    while (landmark_found := next_landmark(source, at, starts, ("head",))) is not None:
        found.append(landmark_found)
        at = landmark_found[4]
    kinds = [(kind, name, source[start:end]) for kind, name, _element, start, end in found]
    assert kinds == [
        (START, "title", f"<title>{landmark}"),
        (END, "head", "</head>"),
        (START, "article", '<article class="md-content__inner-not">'),
        (START, "article", landmark),
    ]
    title = found[0][2]
    assert title is not None and source[title.open_end : title.close_start] == landmark
    assert found[-1][3] == source.index(f"<main>{landmark}") + len("<main>")
