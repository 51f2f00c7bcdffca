"""Anchor quotes in the essays the way Hypothesis does: exactly, by context, or by closeness.

A quote is found exactly, once full-width and half-width punctuation and the
variants of quotation marks are folded together (an editor's `，` finds the essay's
`,`); where it occurs more than once, its prefix and suffix pick one. Where the
text has changed a little since the annotation was written, the closest passage
with a similarity of at least `REANCHOR_SIMILARITY` takes its place, so notes
survive corrections; anything further is an error that shows the closest passage,
so a corrected typo is one edit away.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher, get_close_matches

from rapidfuzz.distance import Levenshtein

from build_tools.annotations.corpus import Corpus, EssayText
from build_tools.annotations.model import Anchor, Selector, paragraph_anchor, paragraph_number

REANCHOR_SIMILARITY = 0.85
#: Shorter quotes are never re-anchored: one changed character says too little about where they went.
REANCHOR_MIN_CHARS = 8
#: The narrowest prefix or suffix tried to tell one occurrence from the others (`unique_context` widens
#: it up to the paragraph's edges). annotate.js (select-to-note) applies the same rule, so a note it
#: writes is what `check` would suggest.
FIRST_CONTEXT_WIDTH = 2

# One character for one: positions in the folded text are positions in the text.
_FOLDED = str.maketrans(
    {
        **{chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)},  # ！…～ → !…~
        "\u3000": " ",
        "\uff61": "。",
        "\uff62": "「",
        "\uff63": "」",
        "\uff64": "、",
        **dict.fromkeys("“”„‟〝〞〟″", '"'),
        **dict.fromkeys("‘’‚‛′", "'"),
    }
)


#: The fold table as annotate.js takes it from the page's marker: each character, then what it folds into.
FOLD_PAIRS = "".join(chr(code) + folded for code, folded in sorted(_FOLDED.items()))


def fold(text: str) -> str:
    """`text` with full-width ASCII punctuation made half-width and quotation marks made plain, length kept."""
    return text.translate(_FOLDED)


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
    if not found and (titled := _titled(corpus, selector.article)):
        ids = " or ".join(
            f"`article: {e.article_id if len(corpus.find(e.article_id)) == 1 else e.key}`" for e in titled
        )
        return _raise(
            f"'{selector.article}' is the title of an essay, and `article` takes the essay's id",
            f"write {ids}",
        )
    if not found:
        known = ", ".join(sorted({e.article_id for e in corpus.essays}))
        return _raise(f"there is no essay '{selector.article}'", f"use one of: {known}")
    keys = ", ".join(e.key for e in found)
    return _raise(
        f"the essay id '{selector.article}' is used by several source pages ({keys})",
        "write `article: source/article` to say which",
    )


def _titled(corpus: Corpus, title: str) -> list[EssayText]:
    wanted = _plain_title(title)
    return [essay for essay in corpus.essays if _plain_title(essay.title) == wanted]


def _plain_title(title: str) -> str:
    # A title is often copied with other quotation marks, or with its line break as a space.
    return "".join(fold(title).split())


#: What JSON leaves raw and YAML does not read as written: U+0085, U+2028 and U+2029 are line breaks to YAML
#: (a double-quoted string folds them into a space), DEL, the C1 controls, U+FFFE and U+FFFF are not
#: printable (a YAML reader refuses the file). `yaml_string` writes them as escapes, as annotate.js's yamlString does.
_YAML_UNSAFE = re.compile("[\u007f-\u009f\u2028\u2029\ufffe\uffff]")


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted string, to paste into a file as it is (text often holds ',' or ':')."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def _raise(problem: str, fix: str) -> EssayText:
    raise ResolveError(problem, fix)


def resolve(corpus: Corpus, selector: Selector) -> Anchor:
    """Anchor a selector in its essay.

    With `selector.paragraph` the quote is looked for in that paragraph only (exactly, then by
    closeness), so a phrase the essay repeats elsewhere, as a lead repeats its body, is found there.

    Raises:
        ResolveError: The essay, paragraph or measure is unknown, or the quote is missing or ambiguous.
    """
    essay = find_essay(corpus, selector)
    if selector.measure is not None:
        return _measure_anchor(essay, selector.measure)
    if selector.anchor is not None:
        _check_clause(essay, selector.anchor)
        if selector.quote is None:
            return _clause_anchor(essay, selector.anchor)
        within = _within_clause(essay, selector.anchor)
        return dataclasses.replace(_quote_anchor(within, selector), essay=essay, clause=selector.anchor)
    return _quote_anchor(essay, selector)


def _quote_anchor(essay: EssayText, selector: Selector) -> Anchor:
    quote = selector.quote or ""
    scope = _paragraph_scope(essay, selector.paragraph)
    everywhere = _exact_matches(essay, quote)
    matches = [m for m in everywhere if scope is None or m.paragraph == scope]
    if not matches:
        return _closest_or_error(essay, quote, scope, everywhere)
    chosen = [m for m in matches if _fits_context(essay, m, selector)]
    if len(chosen) == 1:
        return chosen[0]
    where = f"¶{scope[1:]} of essay '{essay.article_id}'" if scope else f"essay '{essay.article_id}'"
    if not chosen:
        places = ", ".join(f"¶{m.paragraph[1:]}" for m in matches)
        raise ResolveError(
            f"the quote 「{quote}」 is in {where} ({places}), but not with the prefix/suffix given",
            "copy the prefix (text just before) and suffix (text just after) exactly from the essay",
        )
    places = ", ".join(f"¶{m.paragraph[1:]}" for m in chosen)
    raise ResolveError(
        f"the quote 「{quote}」 is found {len(chosen)} times in {where} ({places})",
        _disambiguation_hint(essay, chosen, named=scope is not None),
    )


def _paragraph_scope(essay: EssayText, number: int | None) -> str | None:
    """The anchor of paragraph `number` of `essay`; None for no number."""
    if number is None:
        return None
    anchor = paragraph_anchor(number)
    if anchor not in dict(essay.paragraphs):
        numbers = [paragraph_number(a) for a, _ in essay.paragraphs]
        span = f"¶{min(numbers)}–¶{max(numbers)}"
        raise ResolveError(
            f"essay '{essay.article_id}' has no paragraph {number} (its paragraphs are {span})",
            "write the number of the paragraph's link (#p<N> gives `paragraph: N`), or leave `paragraph` out",
        )
    return anchor


#: At most this many anchors are listed when one is unknown; a long regulation has hundreds.
LISTED_ANCHORS = 24


def _check_clause(essay: EssayText, anchor: str) -> None:
    if anchor in essay.clauses:
        return
    if not essay.clauses:
        raise ResolveError(
            f"'{essay.article_id}' has no numbered clauses, so there is no anchor '{anchor}'",
            "name the passage by `quote:` (or `measure:`) instead of `anchor:`",
        )
    names = list(essay.clauses)
    close = get_close_matches(anchor, names, n=1, cutoff=0.6)
    shown = ", ".join(names[:LISTED_ANCHORS]) + (f", … ({len(names)} in all)" if len(names) > LISTED_ANCHORS else "")
    hint = f"did you mean `anchor: {close[0]}` ({essay.clauses[close[0]][0]})? " if close else ""
    raise ResolveError(
        f"'{essay.article_id}' has no clause '{anchor}'",
        f"{hint}its anchors are: {shown}",
    )


def _within_clause(essay: EssayText, clause: str) -> EssayText:
    """`essay` cut down to the paragraphs of `clause`, so a quote is looked for there alone."""
    keep = set(essay.clause_paragraphs(clause))
    return dataclasses.replace(
        essay,
        article_id=f"{essay.article_id}#{clause}",
        paragraphs=tuple(p for p in essay.paragraphs if p[0] in keep),
    )


def clause_opening(text: str) -> int:
    """Where the first sentence of `text` ends: the stretch a whole clause's anchor highlights."""
    ends = [at + 1 for at in (text.find(mark) for mark in "。！？；") if at >= 0]
    return min(ends, default=len(text))


def _clause_anchor(essay: EssayText, clause: str) -> Anchor:
    paragraph = essay.clauses[clause][1]
    return Anchor(essay, paragraph, 0, clause_opening(essay.text_of(paragraph)), clause=clause, whole=True)


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
    wanted = fold(quote)
    for anchor, text in essay.paragraphs:
        folded = fold(text)
        start = folded.find(wanted)
        while start >= 0 and wanted:
            matches.append(Anchor(essay, anchor, start, start + len(wanted)))
            start = folded.find(wanted, start + 1)
    return matches


def _fits_context(essay: EssayText, match: Anchor, selector: Selector) -> bool:
    return _has_prefix(essay, match, selector.prefix) and _has_suffix(essay, match, selector.suffix)


def _has_prefix(essay: EssayText, match: Anchor, prefix: str) -> bool:
    return fold(essay.text_of(match.paragraph)).endswith(fold(prefix), 0, match.start)


def _has_suffix(essay: EssayText, match: Anchor, suffix: str) -> bool:
    return fold(essay.text_of(match.paragraph)).startswith(fold(suffix), match.end)


def unique_context(essay: EssayText, matches: list[Anchor], chosen: Anchor) -> tuple[str, str] | None:
    """The shortest prefix, or else suffix, that tells `chosen` from the other `matches`, as ``(prefix, suffix)``.

    Widths are tried from the shortest up to the paragraph's edges, the prefix before the suffix
    at each width; then both together, up to the edges. Inside one paragraph that always tells
    two occurrences apart (the earlier one's whole prefix is too short for the later, its whole
    suffix too long for the earlier); None only when `matches` span paragraphs that read the same.
    """
    text = essay.text_of(chosen.paragraph)
    others = [m for m in matches if m != chosen]
    if not others:
        return "", ""
    for width in range(FIRST_CONTEXT_WIDTH, len(text) + 1):
        prefix = text[max(0, chosen.start - width) : chosen.start]
        if len(prefix) == width and not any(_has_prefix(essay, other, prefix) for other in others):
            return prefix, ""
        suffix = text[chosen.end : chosen.end + width]
        if len(suffix) == width and not any(_has_suffix(essay, other, suffix) for other in others):
            return "", suffix
    prefix, suffix = text[: chosen.start], text[chosen.end :]
    if not any(_has_prefix(essay, o, prefix) and _has_suffix(essay, o, suffix) for o in others):
        return prefix, suffix
    return None


_OR_ANOTHER = "(or one that picks another)"


def _disambiguation_hint(essay: EssayText, matches: list[Anchor], *, named: bool) -> str:
    """What singles out the first occurrence: its paragraph, and a prefix or suffix where the paragraph repeats it."""
    first = matches[0]
    same_paragraph = [m for m in matches if m.paragraph == first.paragraph]
    context = unique_context(essay, same_paragraph, first)
    if context is None:  # cannot happen inside one paragraph; kept so that a message is never wrong
        return "quote a longer passage, so it occurs only once"
    keys = [] if named else [f"`paragraph: {first.paragraph_number}`"]
    keys += [
        f"`{key}: {yaml_string(value)}`" for key, value in zip(("prefix", "suffix"), context, strict=True) if value
    ]
    return f"add {' and '.join(keys)} to pick ¶{first.paragraph[1:]} {_OR_ANOTHER}"


def closest_passage(essay: EssayText, quote: str, paragraph: str | None = None) -> Anchor | None:
    """The passage of `essay` (of its paragraph `paragraph`, when given) most like `quote`, with its similarity (0–1).

    The closest is the one fewest edits away; among those, the one of the quote's own
    length (a typo changes a character, it does not drop one), then the most similar.
    """
    best: Anchor | None = None
    best_rank: tuple[int, int, float] | None = None
    quote = fold(quote)
    size = len(quote)
    for anchor, original in essay.paragraphs:
        if paragraph is not None and anchor != paragraph:
            continue
        text = fold(original)
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
                    rank = (Levenshtein.distance(quote, window), abs(len(window) - size), -ratio)
                    if best_rank is None or rank < best_rank:
                        best, best_rank = Anchor(essay, anchor, start, start + len(window), ratio), rank
    return best


def _closest_or_error(essay: EssayText, quote: str, scope: str | None, elsewhere: list[Anchor]) -> Anchor:
    best = closest_passage(essay, quote, scope)
    if best and best.similarity >= REANCHOR_SIMILARITY and len(quote) >= REANCHOR_MIN_CHARS:
        return best
    if scope is not None:
        return _not_in_paragraph(essay, quote, scope, elsewhere)
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


def _not_in_paragraph(essay: EssayText, quote: str, scope: str, elsewhere: list[Anchor]) -> Anchor:
    where = f"¶{scope[1:]} of essay '{essay.article_id}'"
    if elsewhere:
        numbers = sorted({m.paragraph_number for m in elsewhere})
        places = ", ".join(f"¶{n}" for n in numbers)
        raise ResolveError(
            f"the quote 「{quote}」 is not in {where}; it is in {places}",
            " or ".join(f"`paragraph: {n}`" for n in numbers) + " names where it is",
        )
    best = closest_passage(essay, quote)
    if best is None or best.similarity < 0.5:
        raise ResolveError(f"the quote 「{quote}」 is not in {where}", "copy the quote exactly from the essay")
    raise ResolveError(
        f"the quote 「{quote}」 is not in {where}; the closest passage is 「{best.exact}」 "
        f"in ¶{best.paragraph[1:]} (similarity {best.similarity:.0%})",
        f"copy the quote exactly, e.g. `paragraph: {best.paragraph_number}` with `quote: {yaml_string(best.exact)}`",
    )
