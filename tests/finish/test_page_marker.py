"""The page marker's kinds: written by `import` as words, read back by the step over the built site as `PageKind`."""

from __future__ import annotations

import pytest
import yaml

from build_tools.common.errors import InputError
from build_tools.common.html_scan import scan
from build_tools.common.page_marker import PageIdentity, PageKind, fill_places, read_page_marker
from build_tools.importer.paragraphs import front_matter


@pytest.mark.parametrize("kind", list(PageKind))
def test_each_kind_is_written_as_its_word_and_read_back_as_itself(kind: PageKind) -> None:
    page = front_matter({"title": "题", "policy_reader": {"kind": kind}}, PageIdentity(kind, "题", "s", "a"))
    matter = yaml.safe_load(page.split("---\n")[1])
    assert type(matter["policy_reader"]["kind"]) is str and matter["policy_reader"]["kind"] == kind.value
    assert f'data-pr-kind="{kind.value}"' in page
    identity = read_page_marker(page)
    assert identity is not None and identity.kind is kind


def test_a_marker_of_a_kind_import_does_not_write_is_an_error_naming_the_page_and_the_kinds() -> None:
    page = '<div class="pr-page" hidden data-pr-kind="essay" data-pr-title="题"></div><p>text</p>'
    with pytest.raises(InputError) as raised:
        read_page_marker(page, "site/a/index.html")
    message = str(raised.value)
    assert message.startswith("site/a/index.html: ")
    assert 'data-pr-kind="essay"' in message and "home, year, library, source, article, document" in message
    assert "policy-reader import" in raised.value.fix


def test_a_page_without_a_marker_has_no_identity() -> None:
    assert read_page_marker("<h1>written by hand</h1>") is None


def test_a_pages_fill_places_read_from_its_text_alone_are_those_the_whole_tree_finds() -> None:
    """A page's fingerprint reads its fill places without the tree: the same places, in the same order."""
    page = (
        '<!-- <div class="pr-fill" data-pr-fill="commented"></div> -->'
        '<script>var s = \'<div class="pr-fill" data-pr-fill="scripted"></div>\';</script>'
        '<DIV data-pr-fill="glossary" class="pr-fill"></DIV>'
        '<span class="pr-fill" data-pr-fill="spanned"></span>'
        "<div class='x pr-fill' data-pr-fill='readings-a&amp;b'></div>"
        '<p class="pr-fill" data-pr-fill="measures"></p>'
        '<div class="pr-fill-not" data-pr-fill="other-class"></div>'
        '<div class="pr-fill" data-pr-fill="Bad Name"></div>'
    )
    assert fill_places(page) == fill_places(scan(page)) == ["glossary", "readings-a&b", "measures"]
