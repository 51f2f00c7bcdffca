"""What search must find, worked out from the source text alone (never from the built site).

An essay *contains* a query when some paragraph or heading of it (a line of the source, which
keeps one paragraph a line) holds every space-separated word of the query: Chinese and other
text as a plain substring, Latin words (``5G``, ``IPv6``) case-insensitively and only whole,
never inside a longer word.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import yaml

from build_tools.common.latin_words import found_at, is_latin_word
from tests.conftest import ROOT

SOURCE = "gansu-2021-digital-development"
SOURCE_TEXT = ROOT / "sources" / f"{SOURCE}.txt"
SOURCE_META = ROOT / "sources" / f"{SOURCE}.yaml"
GLOSSARY = ROOT / "glossary.yaml"
#: The heading after the last essay: what follows is the page's list of related news, no essay.
RELATED = "相关新闻"
#: The queries the search issue names: every search test tries them.
ISSUE_SAMPLES = ("联邦学习", "揭榜挂帅", "沙箱", "一网通办", "黄河流域", "人工智能")


@dataclass(frozen=True)
class Essay:
    """One essay of the source page: its id (the page's name), title and lines."""

    id: str
    title: str
    lines: tuple[str, ...]

    @property
    def url(self) -> str:
        """The essay's page below the site root (hosted layout)."""
        return f"{SOURCE}/{self.id}/"


@functools.cache
def essays() -> tuple[Essay, ...]:
    """The essays of the source page, each from its title line to the next essay (or related news)."""
    lines = [line.strip() for line in SOURCE_TEXT.read_text(encoding="utf-8").splitlines()]
    meta = yaml.safe_load(SOURCE_META.read_text(encoding="utf-8"))
    starts = [lines.index(article["title"]) for article in meta["articles"]]
    ends = [*starts[1:], lines.index(RELATED)]
    return tuple(
        Essay(article["id"], article["title"], tuple(line for line in lines[start:end] if line))
        for article, start, end in zip(meta["articles"], starts, ends, strict=True)
    )


@functools.cache
def documents() -> dict[str, str]:
    """The site's other texts, address → title: documents and laws, which search lists among the texts, as essays.

    Their titles are read by the importer (a title may run over several lines of the source).
    """
    from build_tools.sources.source import load_source

    return {
        f"{path.stem}/": load_source(path, path.name).title
        for path in sorted((ROOT / "sources").glob("*.txt"))
        if path.stem != SOURCE
    }


def is_latin(word: str) -> bool:
    return is_latin_word(word)


def occurs(word: str, text: str) -> bool:
    """Whether `word` occurs in `text`: Latin words whole and in any case, the rest verbatim."""
    return bool(found_at(word, text))


def holds_all(words: list[str], text: str) -> bool:
    return all(occurs(word, text) for word in words)


def essays_containing(query: str) -> set[str]:
    """The ids of the essays one of whose paragraphs or headings holds every word of `query`."""
    words = query.split()
    return {essay.id for essay in essays() if any(holds_all(words, line) for line in essay.lines)}


def essays_holding_anywhere(query: str) -> set[str]:
    """The ids of the essays that hold every word of `query` somewhere, not necessarily together."""
    words = query.split()
    return {essay.id for essay in essays() if holds_all(words, "\n".join(essay.lines))}


@functools.cache
def glossary_forms() -> dict[str, dict[str, object]]:
    """Each spelling of each glossary term (the term and its aliases) → its entry."""
    terms = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["terms"]
    return {form: term for term in terms for form in [term["term"], *(term.get("aliases") or [])]}
