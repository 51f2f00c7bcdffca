"""A built page is read for the step as it needs it: its content whole, a few tags around it (finish/page_scan.py).

Over real built pages, finishing a page read that way gives what finishing it read whole gives, and a
navigation holding the content's landmark (in a link's text or title, a comment, a script) fools nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.common import html_scan
from build_tools.common.errors import InputError
from build_tools.finish import page as page_module
from build_tools.finish.page import Shared, finish_page
from build_tools.finish.page_scan import read_page
from build_tools.finish.settings import settings_from_config
from build_tools.finish.site import anchor_notes_at_pages, read_inputs, read_pages
from build_tools.finish.themes import content_element
from tests.finish.test_finish_output_unchanged import project  # noqa: F401 - the small archive, built

ESSAY = "page-0002/essay-0005/index.html"
LANDMARK = '<article class="md-content__inner md-typeset">'


@pytest.fixture(scope="module")
def shared(project: Path) -> Shared:  # noqa: F811 - the fixture imported above
    """What every page of the small archive's plain build is finished with."""
    settings = settings_from_config(project / "mkdocs.yml")
    pages = read_pages(project / "plain-site", settings, None)
    return anchor_notes_at_pages(read_inputs(settings), None, pages, settings)


@pytest.fixture(scope="module")
def essay(project: Path) -> str:  # noqa: F811
    """An essay's page as the generator wrote it."""
    return (project / "plain-site" / ESSAY).read_text(encoding="utf-8")


def _finished_both_ways(raw: str, path: str, shared: Shared, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    by_parts = finish_page(raw, path, shared).html
    with monkeypatch.context() as patched:
        patched.setattr(page_module, "read_page", html_scan.scan)
        whole = finish_page(raw, path, shared).html
    return by_parts, whole


def test_every_page_finished_from_its_content_is_the_page_finished_whole(
    project: Path,  # noqa: F811
    shared: Shared,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pages = sorted((project / "plain-site").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        path = page.relative_to(project / "plain-site").as_posix()
        by_parts, whole = _finished_both_ways(raw, path, shared, monkeypatch)
        assert by_parts == whole, path
        read, scanned = read_page(raw), html_scan.scan(raw)
        found, expected = content_element(read), content_element(scanned)
        if expected is not None:
            assert found is not None and (found.start, found.end) == (expected.start, expected.end), path
            assert [(e.tag, e.start, e.end) for e in read.elements_in(found)] == [
                (e.tag, e.start, e.end) for e in scanned.elements_in(expected)
            ], path


def test_a_navigation_holding_the_contents_landmark_does_not_fool_the_step(
    essay: str, shared: Shared, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = essay
    content_at = raw.index(LANDMARK)
    lookalikes = (
        f"<nav class=\"md-nav\"><!-- {LANDMARK} --><script>var held = '{LANDMARK}';</script>"
        f'<a class="md-nav__link" href="#" title=\'{LANDMARK}\'>md-content__inner '
        f'&lt;article class="md-content__inner md-typeset"&gt;</a>'
        f'<textarea hidden>{LANDMARK}</textarea><article class="md-content__inner-draft">x</article></nav>'
    )
    raw = raw[:content_at] + lookalikes + raw[content_at:]
    found = content_element(read_page(raw))
    assert found is not None and found.start == content_at + len(lookalikes)
    by_parts, whole = _finished_both_ways(raw, ESSAY, shared, monkeypatch)
    assert by_parts == whole
    assert by_parts.count(lookalikes) == 1  # the navigation as the generator wrote it


def test_an_end_tag_in_the_content_closing_nothing_there_is_read_as_the_whole_page_reads_it(
    essay: str, shared: Shared, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read alone, the content cannot tell what a stray end tag closes: the whole page is read then."""
    raw = essay
    first_paragraph = raw.index("<p", raw.index(LANDMARK))
    # Closing nothing in the page either: ignored.
    ignored = raw[:first_paragraph] + "</section>" + raw[first_paragraph:]
    by_parts, whole = _finished_both_ways(ignored, ESSAY, shared, monkeypatch)
    assert by_parts == whole
    # Closing the theme's element around the content, and the content with it, before its own end tag.
    closing = raw[:first_paragraph] + "</div>" + raw[first_paragraph:]
    assert content_element(read_page(closing)) is None
    assert content_element(html_scan.scan(closing)) is None
    with pytest.raises(InputError, match="no content element of a theme"):
        finish_page(closing, ESSAY, shared)
