"""The importer finds the same structure when the Gansu page's layout changes.

Each variant is made in the test from the real page by a transformation (line
ends, byte-order mark, indentation, blank lines, punctuation width, dropped
blocks, essay order, fewer authors, and combinations), written to ``tmp_path``
as bytes, loaded with and without the manifest copied beside it, and compared
with the original page's structure. Only what the transformation changed is
adjusted in the expected structure. Every paragraph must also be its own line
of the variant, verbatim bar indentation.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

import pytest

from build_tools.sources.source import Source, load_source
from tests.importer.importer_support import GANSU, GANSU_IDS, GANSU_MANIFEST, GANSU_NAME, GANSU_TITLES

Text = Callable[[str], str]
Structure = dict[str, Any]

INDENT = "\u3000\u3000"
FULL_WIDTH = str.maketrans({",": "，", ":": "：", "(": "（", ")": "）", ";": "；"})


def structure(source: Source) -> Structure:
    """The page's `to_json()`, plus every paragraph's text and the paragraph each measure opens."""
    data: Structure = source.page.to_json()
    for entry, article in zip(data["articles"], source.page.articles, strict=True):
        entry["texts"] = [p.text for p in article.paragraphs]
        entry["measure_paragraphs"] = [m.paragraph for m in article.measures]
        entry["submeasure_paragraphs"] = [[s.paragraph for s in m.submeasures] for m in article.measures]
    return data


# --- transformations of the page text ------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _parts(text: str) -> tuple[list[str], list[list[str]], list[str]]:
    """The page's head, its essays (title line to affiliation line) and its related-news block."""
    lines = _lines(text)
    starts = sorted(lines.index(title) for title in GANSU_TITLES)
    related = lines.index("相关新闻")
    ends = [*starts[1:], related]
    return lines[: starts[0]], [lines[a:b] for a, b in zip(starts, ends, strict=True)], lines[related:]


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def bom(text: str) -> str:
    return "\ufeff" + text


def indent(text: str) -> str:
    return "\n".join(INDENT + line if line else line for line in _lines(text))


def indent_sentences(text: str) -> str:
    """Indent only the lines holding sentences: body paragraphs, as a newspaper sets them."""
    return "\n".join(INDENT + line if "。" in line else line for line in _lines(text))


def blank_lines(text: str) -> str:
    return "\n\n".join(_lines(text))


def full_width(text: str) -> str:
    return text.translate(FULL_WIDTH)


def no_original_title(text: str) -> str:
    return "\n".join(line for line in _lines(text) if not line.startswith("原标题"))


def no_related(text: str) -> str:
    head, essays, _related = _parts(text)
    return "\n".join([*head, *chain.from_iterable(essays)]) + "\n"


def order(*numbers: int) -> Text:
    """Put the essays, numbered in the original page's order, in the order given."""

    def reorder(text: str) -> str:
        head, essays, tail = _parts(text)
        by_title = {essay[0]: essay for essay in essays}
        return "\n".join([*head, *chain.from_iterable(by_title[GANSU_TITLES[n]] for n in numbers), *tail])

    return reorder


def one_author(text: str) -> str:
    """The first essay by 秦遇龙 alone, its affiliation line saying so."""
    two = "(作者分别为兰州市大数据管理局调研员,中共永登县委常委、政法委书记)"
    return text.replace("\n秦遇龙 吕江宇\n", "\n秦遇龙\n").replace(two, "(作者为兰州市大数据管理局调研员)")


# --- what each transformation changes in the structure --------------------------------------------


def _strings(value: Any, change: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_strings(v, change) for v in value]
    if isinstance(value, dict):
        return {k: _strings(v, change) for k, v in value.items()}
    return value


def same(data: Structure) -> Structure:
    return data


def full_width_strings(data: Structure) -> Structure:
    return _strings(data, lambda s: s.translate(FULL_WIDTH))


def without_original_title(data: Structure) -> Structure:
    return {**data, "original_title": None}


def without_related(data: Structure) -> Structure:
    return {**data, "related": []}


def ordered(*numbers: int) -> Callable[[Structure], Structure]:
    def reorder(data: Structure) -> Structure:
        by_title = {a["title"]: a for a in data["articles"]}
        return {**data, "articles": [by_title[GANSU_TITLES[n]] for n in numbers]}

    return reorder


def with_one_author(data: Structure) -> Structure:
    data = copy.deepcopy(data)
    (article,) = [a for a in data["articles"] if a["title"] == GANSU_TITLES[0]]
    article["authors"] = ["秦遇龙"]
    article["posts"] = ["兰州市大数据管理局调研员"]
    article["affiliation"] = "作者为兰州市大数据管理局调研员"
    return data


@dataclass(frozen=True)
class Variant:
    """A layout change: how the text changes and how the expected structure follows it."""

    text: tuple[Text, ...]
    expect: tuple[Callable[[Structure], Structure], ...]
    order: tuple[int, ...] = (0, 1, 2)

    def apply(self, text: str) -> str:
        for change in self.text:
            text = change(text)
        return text

    def expected(self, data: Structure) -> Structure:
        for change in self.expect:
            data = change(data)
        return data


VARIANTS = {
    "crlf": Variant((crlf,), (same,)),
    "bom": Variant((bom,), (same,)),
    "indent-u3000": Variant((indent,), (same,)),
    "indent-body-only": Variant((indent_sentences,), (same,)),
    "blank-lines": Variant((blank_lines,), (same,)),
    "full-width-punctuation": Variant((full_width,), (full_width_strings,)),
    "no-original-title": Variant((no_original_title,), (without_original_title,)),
    "no-related": Variant((no_related,), (without_related,)),
    "reversed": Variant((order(2, 1, 0),), (ordered(2, 1, 0),), order=(2, 1, 0)),
    "rotated": Variant((order(1, 2, 0),), (ordered(1, 2, 0),), order=(1, 2, 0)),
    "one-author": Variant((one_author,), (with_one_author,)),
    "crlf+bom+indent+blank-lines": Variant((indent, blank_lines, crlf, bom), (same,)),
    "full-width+reversed+no-related": Variant(
        (order(2, 1, 0), no_related, full_width), (ordered(2, 1, 0), without_related, full_width_strings), (2, 1, 0)
    ),
    "everything": Variant(
        (
            one_author,
            no_original_title,
            order(1, 0, 2),
            no_related,
            full_width,
            indent_sentences,
            blank_lines,
            crlf,
            bom,
        ),
        (with_one_author, without_original_title, ordered(1, 0, 2), without_related, full_width_strings),
        (1, 0, 2),
    ),
}


def load(folder: Path, data: bytes, with_manifest: bool) -> Source:
    folder.mkdir()
    page = folder / f"{GANSU_NAME}.txt"
    page.write_bytes(data)
    if with_manifest:
        shutil.copyfile(GANSU_MANIFEST, page.with_suffix(".yaml"))
    return load_source(page, page.name)


def test_transformations_change_the_page() -> None:
    original = GANSU.read_text(encoding="utf-8")
    for name, variant in VARIANTS.items():
        assert variant.apply(original) != original, name


@pytest.mark.parametrize("with_manifest", [True, False], ids=["manifest", "no-manifest"])
@pytest.mark.parametrize("variant", VARIANTS.values(), ids=VARIANTS.keys())
def test_variant_has_the_same_structure(variant: Variant, with_manifest: bool, tmp_path: Path) -> None:
    original = GANSU.read_bytes()
    reference = load(tmp_path / "original", original, with_manifest)
    changed = load(tmp_path / "variant", variant.apply(original.decode("utf-8")).encode("utf-8"), with_manifest)
    assert structure(changed) == variant.expected(structure(reference))
    ids = [a.id for a in changed.page.articles]
    if with_manifest:
        assert ids == [GANSU_IDS[n] for n in variant.order]
    else:
        assert ids == [reference.page.articles[n].id for n in variant.order]


@pytest.mark.parametrize("variant", VARIANTS.values(), ids=VARIANTS.keys())
def test_paragraphs_are_the_variants_own_lines(variant: Variant, tmp_path: Path) -> None:
    data = variant.apply(GANSU.read_text(encoding="utf-8")).encode("utf-8")
    source = load(tmp_path / "variant", data, with_manifest=False)
    lines = data.decode("utf-8-sig").splitlines()
    for article in source.page.articles:
        assert lines[article.line - 1].strip(INDENT + " ") == article.title
        for paragraph in article.paragraphs:
            assert lines[paragraph.line - 1].strip(INDENT + " ") == paragraph.text
        for heading in article.headings:
            assert lines[heading.line - 1].strip(INDENT + " ") == heading.title


@pytest.mark.parametrize(("variant", "encoding"), [("crlf", "utf-8"), ("bom", "utf-8-sig")])
def test_variant_bytes_are_real(variant: str, encoding: str, tmp_path: Path) -> None:
    data = VARIANTS[variant].apply(GANSU.read_text(encoding="utf-8")).encode("utf-8")
    source = load(tmp_path / "variant", data, with_manifest=True)
    assert source.encoding == encoding
    assert (b"\r\n" in data) == (variant == "crlf")
    assert data.startswith(b"\xef\xbb\xbf") == (variant == "bom")
