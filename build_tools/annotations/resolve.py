"""Anchor quotes in the essays the way Hypothesis does: exactly, by context, or by closeness.

A quote is found exactly; where it occurs more than once, its prefix and suffix
pick one. Where the text has changed a little since the annotation was written,
the closest passage with a similarity of at least `REANCHOR_SIMILARITY` takes its
place, so notes survive corrections; anything further is an error that shows
the closest passage, so a corrected typo is one edit away.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from difflib import SequenceMatcher

from build_tools.annotations.corpus import Corpus, EssayText
from build_tools.annotations.model import Anchor, Selector

REANCHOR_SIMILARITY = 0.85
#: Shorter quotes are never re-anchored: one changed character says too little about where they went.
REANCHOR_MIN_CHARS = 8


@dataclass(eq=False)  # not frozen: Python sets attributes such as __traceback__ on exceptions
class ResolveError(Exception):
    """Why a selector could not be anchored, and what to write instead."""

    problem: str
    fix: str


def find_essay(corpus: Corpus, selector: Selector) -> EssayText:
    """The essay a selector names.

    Raises:
        ResolveError: No essay, or several, have that id.
    """
    found = corpus.find(selector.article)
    if len(found) == 1:
        return found[0]
    if not found:
        known = ", ".join(sorted({e.article_id for e in corpus.essays}))
        return _raise(f"there is no essay '{selector.article}'", f"use one of: {known}")
    keys = ", ".join(e.key for e in found)
    return _raise(
        f"the essay id '{selector.article}' is used by several source pages ({keys})",
        "write `article: source/article` to say which",
    )


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted string, to paste into a file as it is (text often holds ',' or ':')."""
    return json.dumps(text, ensure_ascii=False)


def _raise(problem: str, fix: str) -> EssayText:
    raise ResolveError(problem, fix)


def resolve(corpus: Corpus, selector: Selector) -> Anchor:
    """Anchor a selector in its essay.

    Raises:
        ResolveError: The essay or measure is unknown, or the quote is missing or ambiguous.
    """
    essay = find_essay(corpus, selector)
    if selector.measure is not None:
        return _measure_anchor(essay, selector.measure)
    quote = selector.quote or ""
    matches = _exact_matches(essay, quote)
    if not matches:
        return _closest_or_error(essay, quote)
    chosen = [m for m in matches if _fits_context(essay, m, selector)]
    if len(chosen) == 1:
        return chosen[0]
    if not chosen:
        places = ", ".join(f"¶{m.paragraph[1:]}" for m in matches)
        raise ResolveError(
            f"the quote 「{quote}」 is in essay '{essay.article_id}' ({places}), but not with the prefix/suffix given",
            "copy the prefix (text just before) and suffix (text just after) exactly from the essay",
        )
    places = ", ".join(f"¶{m.paragraph[1:]}" for m in chosen)
    raise ResolveError(
        f"the quote 「{quote}」 is found {len(chosen)} times in essay '{essay.article_id}' ({places})",
        _disambiguation_hint(essay, chosen),
    )


def _measure_anchor(essay: EssayText, measure: str) -> Anchor:
    if measure not in essay.measures:
        known = ", ".join(essay.measures) or "none"
        raise ResolveError(
            f"essay '{essay.article_id}' has no measure '{measure}'",
            f"use one of its measures: {known}",
        )
    _number, title, paragraph = essay.measures[measure]
    return Anchor(essay, paragraph, 0, len(title))


def _exact_matches(essay: EssayText, quote: str) -> list[Anchor]:
    matches = []
    for anchor, text in essay.paragraphs:
        start = text.find(quote)
        while start >= 0 and quote:
            matches.append(Anchor(essay, anchor, start, start + len(quote)))
            start = text.find(quote, start + 1)
    return matches


def _fits_context(essay: EssayText, match: Anchor, selector: Selector) -> bool:
    text = essay.text_of(match.paragraph)
    return text.endswith(selector.prefix, 0, match.start) and text.startswith(selector.suffix, match.end)


_OR_ANOTHER = "(or a prefix/suffix that picks another)"


def _disambiguation_hint(essay: EssayText, matches: list[Anchor]) -> str:
    """The shortest prefix (or suffix) that singles out the first occurrence."""
    first = matches[0]
    text = essay.text_of(first.paragraph)
    others = matches[1:]
    for width in range(2, 16):
        prefix = text[max(0, first.start - width) : first.start]
        if all(not essay.text_of(o.paragraph).endswith(prefix, 0, o.start) for o in others) and prefix:
            return f"add `prefix: {yaml_string(prefix)}` to pick ¶{first.paragraph[1:]} {_OR_ANOTHER}"
        suffix = text[first.end : first.end + width]
        if all(not essay.text_of(o.paragraph).startswith(suffix, o.end) for o in others) and suffix:
            return f"add `suffix: {yaml_string(suffix)}` to pick ¶{first.paragraph[1:]} {_OR_ANOTHER}"
    return "quote a longer passage, so it occurs only once"


def closest_passage(essay: EssayText, quote: str) -> Anchor | None:
    """The passage of `essay` most like `quote`, with its similarity (0–1)."""
    best: Anchor | None = None
    size = len(quote)
    for anchor, text in essay.paragraphs:
        matcher = SequenceMatcher(None, quote, text, autojunk=False)
        blocks = sorted(matcher.get_matching_blocks(), key=lambda b: -b.size)[:3]
        origins: dict[int, None] = {}
        for block in blocks:
            # The matcher aligns each piece with one place only; the quote may stand at another.
            piece = quote[block.a : block.a + block.size]
            if block.size:
                origins[block.b - block.a] = None
            at = text.find(piece) if block.size > 1 else -1
            while at >= 0:
                origins[at - block.a] = None
                at = text.find(piece, at + 1)
        for origin in origins:
            for start in range(max(0, origin - 3), min(len(text), origin + 4)):
                for length in range(max(1, size - 3), size + 4):
                    window = text[start : start + length]
                    ratio = SequenceMatcher(None, quote, window, autojunk=False).ratio()
                    if best is None or ratio > best.similarity:
                        best = Anchor(essay, anchor, start, start + len(window), ratio)
    return best


def _closest_or_error(essay: EssayText, quote: str) -> Anchor:
    best = closest_passage(essay, quote)
    if best and best.similarity >= REANCHOR_SIMILARITY and len(quote) >= REANCHOR_MIN_CHARS:
        return best
    if best is None:
        raise ResolveError(
            f"the quote 「{quote}」 is not in essay '{essay.article_id}'", "copy the quote exactly from the essay"
        )
    fix = "copy the quote exactly from the essay"
    if best.similarity >= 0.5:
        fix += f", e.g. `quote: {yaml_string(best.exact)}`"
    raise ResolveError(
        f"the quote 「{quote}」 is not in essay '{essay.article_id}'; the closest passage is "
        f"「{best.exact}」 in ¶{best.paragraph[1:]} (similarity {best.similarity:.0%})",
        fix,
    )
