"""Select-to-note in a real browser, as an editor uses it: select, take the YAML, save it, run `check`.

The project is copied with a `repo_url`, built, and its essay pages opened with `?annotate`
from disk and over http. Phrases that repeat are found in the essays' own text here, the
passage to select is the one the test picks, and where the note lands is read back from the
real resolver, never from the script under test.
Screenshots go to ``tests/artifacts/screenshots/annotate-*.png``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag
from playwright.sync_api import Browser, Page, expect

from build_tools.annotations.authoring import PLACEHOLDER_BODY
from build_tools.annotations.corpus import EssayText, corpus_of
from build_tools.annotations.load import load_annotations, resolve_annotations
from build_tools.annotations.model import Anchor
from build_tools.annotations.resolve import fold, unique_context
from build_tools.importer.project import Project
from tests.conftest import ROOT, OpenedOnce, check_in_process, copy_project, free_port, goto, mkdocs_build, opened, run
from tests.search.conftest import serve

pytestmark = pytest.mark.browser

GANSU = "gansu-2021-digital-development"
REPO = "https://github.com/example-org/policy-reader"
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
CORPUS = corpus_of(Project(ROOT).load_sources())

# Selects text [start, end) of paragraph `id` as a mouse would, counting the characters of its text nodes
# (those not inside an element that matches `skip`, when given).
SELECT = """([id, start, end, skip]) => {
  const walker = document.createTreeWalker(document.getElementById(id), NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (skip && node.parentElement.closest(skip) ? 2 : 1),
  });
  const range = document.createRange();
  let seen = 0, node;
  while ((node = walker.nextNode())) {
    const next = seen + node.data.length;
    if (start >= seen && start < next) range.setStart(node, start - seen);
    if (end > seen && end <= next) { range.setEnd(node, end - seen); break; }
    seen = next;
  }
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}"""
# SELECT, then wait until the browser has told the page of the new selection (`selectionchange`).
SELECT_AND_WAIT = f"""args => new Promise(done => {{
  document.addEventListener('selectionchange', () => setTimeout(done), {{once: true}});
  ({SELECT})(args);
}})"""
# From the middle of one paragraph to the middle of the next.
SELECT_ACROSS = """([first, second]) => {
  const text = (id) => document.createTreeWalker(document.getElementById(id), NodeFilter.SHOW_TEXT).nextNode();
  const a = text(first), b = text(second);
  const range = document.createRange();
  range.setStart(a, Math.floor(a.data.length / 2));
  range.setEnd(b, Math.floor(b.data.length / 2));
  getSelection().removeAllRanges();
  getSelection().addRange(range);
}"""


def essay(article: str) -> EssayText:
    (found,) = CORPUS.find(article)
    return found


def places(text: EssayText, phrase: str) -> list[tuple[str, int]]:
    """Every (paragraph, start) of `phrase` in the essay, as `check` matches (folded punctuation)."""
    found = []
    for anchor, paragraph in text.paragraphs:
        folded, at = fold(paragraph), fold(paragraph).find(fold(phrase))
        while at >= 0:
            found.append((anchor, at))
            at = folded.find(fold(phrase), at + 1)
    return found


def repeated_phrases(article: str, length: int) -> Iterator[tuple[str, str, int]]:
    """Phrases of `length` characters, without punctuation, that stand exactly twice in the essay.

    Yields (phrase, paragraph, start) of the second occurrence.
    """
    text, seen = essay(article), set()
    for _anchor, paragraph in text.paragraphs:
        for start in range(len(paragraph) - length + 1):
            phrase = paragraph[start : start + length]
            if phrase in seen or not re.fullmatch(r"[\u4e00-\u9fff]+", phrase):
                continue
            seen.add(phrase)
            found = places(text, phrase)
            if len(found) == 2:
                yield phrase, *found[1]


def second_occurrences() -> list[tuple[str, str, int]]:
    """A few phrases that repeat once in digital-government: short and long, close and far apart."""
    chosen: list[tuple[str, str, int]] = []
    for length in (4, 6, 9):
        chosen += list(repeated_phrases("digital-government", length))[:2]
    return chosen


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, with a repository address, built once."""
    project = copy_project(tmp_path_factory.mktemp("annotate") / "project")
    config = project / "mkdocs.yml"
    config.write_text(f"repo_url: {REPO}\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict"], project)
    assert result.returncode == 0, result.stderr
    return project


def page_url(project: Path, article: str) -> str:
    return (project / "site" / GANSU / article / "index.html").as_uri() + "?annotate"


def note_from_selection(page: Page, paragraph: str, start: int, end: int, button: str = "写注释") -> str:
    """Select, press the control by the selection, and return the YAML the page offers."""
    page.evaluate(SELECT, [paragraph, start, end])
    control = page.get_by_role("button", name=re.compile(button))
    expect(control).to_be_visible()
    control.click()
    box = page.get_by_role("textbox", name="注释的 YAML")
    expect(box).to_be_visible()
    return box.input_value()


def anchors_of(project: Path, name: str) -> list[Anchor]:
    """Where the notes of annotations/`name` land, by the real loader and resolver."""
    annotations, errors = load_annotations(project / "annotations")
    assert errors == []
    result = resolve_annotations([a for a in annotations if a.file.endswith(name)], CORPUS)
    assert result.errors == []
    (resolved,) = result.resolved
    return [resolved.target, *resolved.related]


def save_and_check(
    project: Path, text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, list[Anchor]]:
    """Save the offered YAML unchanged as the file it names, in a fresh copy of the project; `check` must pass.

    `check` runs in this process, as the command line runs it (the command itself is tested in tests/commands).
    """
    note = yaml.safe_load(text)
    copy = copy_project(tmp_path / "copy")
    path = copy / "annotations" / f"{note[0]['id']}.yaml"
    assert not path.exists()
    path.write_text(text, encoding="utf-8")
    checked = check_in_process(copy, capsys)
    assert checked.status == 0, checked.output
    assert "still the placeholder" in checked.output, "the unchanged placeholder body is pointed out"
    return path, anchors_of(copy, path.name)


def annotating(pages: OpenedOnce, project: Path) -> Page:
    """digital-government with `?annotate` at desktop width, shared by the module's tests: each discards
    the draft it made (which also leaves the tab's stored draft empty), so the next finds the page as opened."""
    page = pages.open(page_url(project, "digital-government"), **DESKTOP)
    expect(page.locator(".pr-annotate-panel")).to_be_hidden()
    return page


def discard_draft(page: Page) -> None:
    page.get_by_role("button", name="放弃草稿").click()
    expect(page.locator(".pr-annotate-panel")).to_be_hidden()


@pytest.mark.parametrize(("phrase", "paragraph", "start"), second_occurrences())
def test_a_note_on_the_second_occurrence_passes_check_and_lands_there(
    pages: OpenedOnce,
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    phrase: str,
    paragraph: str,
    start: int,
) -> None:
    page = annotating(pages, project)
    text = note_from_selection(page, paragraph, start, start + len(phrase))
    discard_draft(page)
    note = yaml.safe_load(text)
    assert len(note) == 1 and set(note[0]) == {"id", "target", "body"}
    target = note[0]["target"]
    assert target["article"] == "digital-government" and target["quote"] == phrase
    assert target["paragraph"] == int(paragraph[1:]), "the note names the paragraph it was written in"
    assert note[0]["body"].strip() == PLACEHOLDER_BODY
    _path, (anchor,) = save_and_check(project, text, tmp_path, capsys)
    assert (anchor.paragraph, anchor.start, anchor.end) == (paragraph, start, start + len(phrase))


def rule_cases() -> list[tuple[str, int, int]]:
    """Passages of digital-government: unique ones, and each occurrence of repeated ones."""
    text = essay("digital-government")
    cases = [(anchor, 0, 6) for anchor, _ in text.paragraphs[:3]]
    for phrase, _paragraph, _start in [*repeated_phrases("digital-government", 2)][:6]:
        cases += [(anchor, at, at + len(phrase)) for anchor, at in places(text, phrase)]
    # Repeated inside one paragraph, and shared by the lead and the body.
    for phrase in ("强省会", "数字经济"):
        cases += [(anchor, at, at + len(phrase)) for anchor, at in places(text, phrase)]
    return cases


def test_prefix_and_suffix_follow_the_rule_check_applies(pages: OpenedOnce, project: Path) -> None:
    text = essay("digital-government")
    page = annotating(pages, project)
    for paragraph, start, end in rule_cases():
        quote = text.text_of(paragraph)[start:end]
        matches = [Anchor(text, p, at, at + len(quote)) for p, at in places(text, quote) if p == paragraph]
        expected = unique_context(text, matches, Anchor(text, paragraph, start, end))
        offered = yaml.safe_load(note_from_selection(page, paragraph, start, end))[0]["target"]
        discard_draft(page)
        assert offered["paragraph"] == int(paragraph[1:])
        assert (offered.get("prefix", ""), offered.get("suffix", "")) == expected, (paragraph, start, quote)


def lead_and_body_places() -> list[tuple[str, str, int]]:
    """Every occurrence of phrases the lead of digital-government shares with its body: (phrase, paragraph, start)."""
    text = essay("digital-government")
    lead = text.text_of("p1")
    cases = []
    for phrase in ("数字经济", lead[-9:-1]):  # a term the essay repeats, and the lead's last words
        found = places(text, phrase)
        assert "p1" in {p for p, _ in found} and len(found) > 1, phrase
        cases += [(phrase, anchor, at) for anchor, at in found]
    return cases


def highlighted_at(page_html: str, note_id: str) -> tuple[str, int]:
    """The paragraph and offset in its text where the built page highlights note `note_id`."""
    soup = BeautifulSoup(page_html, "html.parser")
    mark = soup.find(id=f"quote-{note_id}")
    assert isinstance(mark, Tag), f"no highlight of {note_id}"
    paragraph = mark.find_parent("p")
    assert isinstance(paragraph, Tag)
    offset = 0
    for node in paragraph.descendants:
        if node is mark:
            return str(paragraph["id"]), offset
        if isinstance(node, NavigableString):
            offset += len(node)
    raise AssertionError(f"the highlight of {note_id} is not in a paragraph")


def test_every_occurrence_in_the_lead_and_the_body_is_noted_where_it_stands(
    pages: OpenedOnce, project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = lead_and_body_places()
    notes: list[str] = []
    page = annotating(pages, project)
    for phrase, paragraph, start in cases:
        notes.append(note_from_selection(page, paragraph, start, start + len(phrase)))
        if paragraph == "p1" and phrase != cases[0][0]:  # the lead's last words, noted in the lead
            page.screenshot(path=str(SCREENSHOTS / "annotate-lead-desktop.png"))
        discard_draft(page)
    copy = copy_project(tmp_path / "copy")
    ids = []
    for text in notes:
        note_id = yaml.safe_load(text)[0]["id"]
        (copy / "annotations" / f"{note_id}.yaml").write_text(text, encoding="utf-8")
        ids.append(note_id)
    assert len(set(ids)) == len(ids)
    checked = check_in_process(copy, capsys)
    assert checked.status == 0, checked.output
    built = mkdocs_build(copy)
    assert built.returncode == 0, built.stderr
    page_html = (copy / "site" / GANSU / "digital-government" / "index.html").read_text(encoding="utf-8")
    for note_id, (_phrase, paragraph, start) in zip(ids, cases, strict=True):
        assert highlighted_at(page_html, note_id) == (paragraph, start)


def test_the_lead_is_noted_on_a_phone(browser: Browser, project: Path) -> None:
    phrase, paragraph, start = lead_and_body_places()[0]
    assert paragraph == "p1"
    with opened(browser, page_url(project, "digital-government"), **PHONE) as page:
        page.evaluate(SELECT, [paragraph, start, start + len(phrase)])
        expect(page.get_by_role("button", name="写注释")).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / "annotate-lead-phone.png"))


def test_the_github_link_carries_the_file_name_and_the_note(pages: OpenedOnce, project: Path) -> None:
    phrase, paragraph, start = second_occurrences()[0]
    page = annotating(pages, project)
    text = note_from_selection(page, paragraph, start, start + len(phrase))
    link = page.get_by_role("link", name="在 GitHub 上新建这个文件")
    href = link.get_attribute("href") or ""
    page.screenshot(path=str(SCREENSHOTS / "annotate-desktop.png"))
    discard_draft(page)
    address = urlsplit(href)
    assert f"{address.scheme}://{address.netloc}{address.path}" == f"{REPO}/new/main"
    query = parse_qs(address.query)
    note_id = yaml.safe_load(text)[0]["id"]
    assert query["filename"] == [f"annotations/{note_id}.yaml"]
    assert query["value"] == [text]


def test_a_selection_across_two_paragraphs_is_refused_with_a_reason(browser: Browser, project: Path) -> None:
    with opened(browser, page_url(project, "digital-government"), **PHONE) as page:
        page.evaluate(SELECT_ACROSS, ["p3", "p4"])
        message = page.get_by_role("alert")
        expect(message).to_contain_text("一个段落")
        expect(page.get_by_role("button", name="写注释")).to_be_hidden()
        message.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "annotate-across-phone.png"))


def test_a_second_passage_in_another_essay_is_added_as_related(
    browser: Browser, project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Hosted: the draft and the mode follow the editor to another essay of the same tab.
    target, related = "以数字政府建设为突破口", "积极探索以“新基建”为突破口的高质量发展之路"
    (target_place,) = places(essay("digital-government"), target)
    (related_place,) = places(essay("new-infrastructure"), related)
    with serve(project / "site") as base:
        context = {**DESKTOP, "permissions": ["clipboard-read", "clipboard-write"]}
        with opened(browser, f"{base}{GANSU}/digital-government/?annotate", **context) as page:
            first = note_from_selection(page, target_place[0], target_place[1], target_place[1] + len(target))
            assert page.evaluate("navigator.clipboard.readText()") == first
            goto(page, f"{base}{GANSU}/new-infrastructure/")
            expect(page.get_by_role("textbox", name="注释的 YAML")).to_have_value(first)
            start = related_place[1]
            text = note_from_selection(page, related_place[0], start, start + len(related), button="相关段落")
            assert page.evaluate("navigator.clipboard.readText()") == text
            page.screenshot(path=str(SCREENSHOTS / "annotate-related-desktop.png"))
    note = yaml.safe_load(text)[0]
    assert note["related"] == [
        {"article": "new-infrastructure", "paragraph": int(related_place[0][1:]), "quote": related}
    ]
    _path, (on_target, on_related) = save_and_check(project, text, tmp_path, capsys)
    assert (on_target.essay.article_id, on_target.paragraph, on_target.start) == ("digital-government", *target_place)
    assert (on_related.essay.article_id, on_related.paragraph, on_related.start) == (
        "new-infrastructure",
        *related_place,
    )


def test_without_annotate_the_page_offers_nothing(browser: Browser, project: Path) -> None:
    phrase, paragraph, start = second_occurrences()[0]
    with opened(browser, page_url(project, "digital-government").removesuffix("?annotate"), **DESKTOP) as page:
        # What the mode shows is put in the page when its script runs (hidden until a selection), and the
        # scripts have run: none of it is there, before the selection or after it was made.
        assert page.locator(".pr-annotate-pop, .pr-annotate-panel, .pr-annotate-idle").count() == 0
        page.evaluate(SELECT_AND_WAIT, [paragraph, start, start + len(phrase)])
        assert page.locator(".pr-annotate-pop, .pr-annotate-panel, .pr-annotate-idle").count() == 0


# Puts into paragraph `id`, before character `before`, what is not the essay's text: a note, a tooltip,
# and text a script added with no class at all.
NOT_ESSAY_TEXT = """([id, before]) => {
  const paragraph = document.getElementById(id);
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  let seen = 0, node;
  while ((node = walker.nextNode()) && seen + node.data.length < before) seen += node.data.length;
  const rest = node.splitText(before - seen);
  const note = Object.assign(document.createElement("aside"), {className: "pr-note", textContent: "页边注释"});
  const tip = Object.assign(document.createElement("span"), {className: "pr-tooltip", textContent: "术语释义"});
  const added = Object.assign(document.createElement("b"), {textContent: "脚本加的字"});
  rest.before(note, tip, added);
}"""


def test_the_quote_is_the_essays_text_only(
    browser: Browser, project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Notes moved into a paragraph, tooltips and text added by scripts never reach the quote."""
    phrase, paragraph, start = second_occurrences()[-1]
    middle = start + len(phrase) // 2
    with opened(browser, page_url(project, "digital-government"), **DESKTOP) as page:
        page.evaluate(NOT_ESSAY_TEXT, [paragraph, middle])
        page.evaluate(SELECT, [paragraph, start, start + len(phrase), ".pr-note, .pr-tooltip, b"])
        page.get_by_role("button", name="写注释").click()
        text = page.get_by_role("textbox", name="注释的 YAML").input_value()
    assert yaml.safe_load(text)[0]["target"]["quote"] == phrase
    _path, (anchor,) = save_and_check(project, text, tmp_path, capsys)
    assert (anchor.paragraph, anchor.start) == (paragraph, start)


def test_it_works_in_mkdocs_serve(browser: Browser, project: Path) -> None:
    address = f"127.0.0.1:{free_port()}"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", address],
        cwd=project,
        # mkdocs serve serves below the path of site_url.
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://{address}/"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # It says so once it has built the site and listens; its log ending first means it failed.
        said = []
        assert server.stderr is not None
        for line in server.stderr:
            said.append(line)
            if "Serving on" in line:
                break
        else:
            raise AssertionError("mkdocs serve stopped before serving:\n" + "".join(said[-20:]))
        phrase, paragraph, start = second_occurrences()[0]
        with opened(browser, f"http://{address}/{GANSU}/digital-government/?annotate", **DESKTOP) as page:
            text = note_from_selection(page, paragraph, start, start + len(phrase))
        assert yaml.safe_load(text)[0]["target"]["quote"] == phrase
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_enter_notes_the_selection_without_reaching_for_the_button(pages: OpenedOnce, project: Path) -> None:
    phrase, paragraph, start = second_occurrences()[0]
    page = annotating(pages, project)
    page.evaluate(SELECT, [paragraph, start, start + len(phrase)])
    expect(page.get_by_role("button", name="写注释")).to_be_visible()
    page.keyboard.press("Enter")
    box = page.get_by_role("textbox", name="注释的 YAML")
    expect(box).to_be_visible()
    assert yaml.safe_load(box.input_value())[0]["target"]["quote"] == phrase
    discard_draft(page)
