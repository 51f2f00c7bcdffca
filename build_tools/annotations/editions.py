"""Notes across editions: where a note's quote stood in an earlier text, and which notes moved with a revision."""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.annotations.corpus import EarlierText, EssayText
from build_tools.annotations.model import Anchor, Selector
from build_tools.annotations.resolve import fold


@dataclass(frozen=True)
class MovedNote:
    """A note whose passage stands elsewhere in the current text than in the edition it was last found in.

    Attributes:
        annotation: The note's id.
        edition: That earlier edition's name and date.
        was: The paragraph anchor there.
        now: The paragraph anchor in the current text.
    """

    annotation: str
    edition: str
    was: str
    now: str


def last_found(essay: EssayText, selector: Selector) -> tuple[EarlierText, str] | None:
    """The newest earlier edition of `essay` holding the quote word for word, and the paragraph it is in.

    Where the quote repeats there, the selector's prefix and suffix pick the occurrence, as in the current text.
    """
    wanted, prefix, suffix = fold(selector.quote or ""), fold(selector.prefix), fold(selector.suffix)
    for earlier in essay.earlier:
        first: str | None = None
        for anchor, original in earlier.paragraphs:
            text = fold(original)
            at = text.find(wanted) if wanted else -1
            while at >= 0:
                first = first or anchor
                if text.endswith(prefix, 0, at) and text.startswith(suffix, at + len(wanted)):
                    return earlier, anchor
                at = text.find(wanted, at + 1)
        if first is not None:
            return earlier, first
    return None


def moved(annotation: str, selector: Selector, anchor: Anchor) -> MovedNote | None:
    """Whether the note's quote changed paragraph, or wording, since the newest earlier edition holding it."""
    if selector.quote is None:
        return None
    found = last_found(anchor.essay, selector)
    if found is None:
        return None
    earlier, was = found
    if was == anchor.paragraph and anchor.similarity == 1.0:
        return None
    return MovedNote(annotation, earlier.label, was, anchor.paragraph)


def gone_since(essay: EssayText, selector: Selector) -> str:
    """Where a quote missing from the current text was last found, as a clause for the message ('' if nowhere)."""
    found = last_found(essay, selector)
    quote = fold(selector.quote or "")
    if found is None or any(quote in fold(text) for _anchor, text in essay.paragraphs):
        return ""
    earlier, was = found
    now = earlier.counterpart.get(was)
    then = "a paragraph the current text removed" if now is None else f"reworded in the current ¶{now[1:]}"
    article = f", {earlier.places[was]}" if was in earlier.places else ""
    return f"; it was last found in the {earlier.label}, ¶{was[1:]}{article} ({then})"


def moved_summary(moved_notes: list[MovedNote]) -> str:
    """The build's line saying how many notes moved, and each one's way."""
    notes = len({m.annotation for m in moved_notes})
    ways = "; ".join(f"{m.annotation}: {m.edition} ¶{m.was[1:]} → ¶{m.now[1:]}" for m in moved_notes)
    return f"{notes} note(s) moved with a revised text, re-anchored to the current one" + (f": {ways}" if ways else "")
