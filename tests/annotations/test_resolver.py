"""`resolve`: anchoring selectors in a small hand-made corpus and in the real essays.

Expected anchors are never copied from the resolver's output: they come from
searching the paragraphs with `str.find`, or from the hand-made text itself.
Suggestions in error messages (a prefix, a suffix, a corrected quote) are read
back as YAML, the way an editor pastes them into a file, and must then work.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Iterator
from difflib import SequenceMatcher

import pytest
import yaml

from build_tools.annotations.corpus import Corpus, EssayText, corpus_of
from build_tools.annotations.model import Anchor, Selector
from build_tools.annotations.resolve import (
    REANCHOR_MIN_CHARS,
    REANCHOR_SIMILARITY,
    ResolveError,
    resolve,
    unique_context,
)
from build_tools.importer.project import Project
from tests.conftest import ROOT

# The hand-made essay: ASCII commas as in the real sources, repeats placed on purpose.
HAND_PARAGRAPHS = (
    ("p1", "加快推进政务数据共享,建设统一平台。"),
    ("p2", "突出高质量建设。推进政务数据共享,完善数据开放机制,促进产业数字化转型。"),
    ("p3", "数据开放要依法合规,以数字政府建设为突破口,推动经济社会全面转型升级。"),
    ("p4", "要坚持以人为本,走强省会之路;同时,在强省会建设中发挥作用。"),
    ("p5", "数据是要素,数据是资源,数据是基础。"),
)
HAND = EssayText(
    "src-a",
    "alpha",
    "甲文",
    HAND_PARAGRAPHS,
    measures={"measure-1": (1, "突出高质量建设", "p2")},
    measure_of={"p2": "measure-1", "p3": "measure-1"},
    url="src-a/alpha/",
)
# The same essay id on a second source page: `alpha` alone is ambiguous there.
TWIN = dataclasses.replace(HAND, source_id="src-b", title="乙文", url="src-b/alpha/")
OTHER = EssayText("src-a", "beta", "丙文", (("p1", "发展数字经济,建设数字社会。"),), url="src-a/beta/")


@pytest.fixture(scope="module")
def hand() -> Corpus:
    return Corpus([HAND, OTHER])


REAL = corpus_of(Project(ROOT).load_sources())


def occurrences(essay: EssayText, quote: str) -> list[tuple[str, int]]:
    """Every (paragraph, start) where `quote` stands in `essay`, found with plain `str.find`."""
    return [(anchor, start) for anchor, text in essay.paragraphs for start in starts_in(text, quote)]


def starts_in(text: str, quote: str) -> list[int]:
    """Every start of `quote` in `text`, overlapping ones too, found with plain `str.find`."""
    found = []
    start = text.find(quote)
    while start >= 0:
        found.append(start)
        start = text.find(quote, start + 1)
    return found


def only_essay(corpus: Corpus, article: str) -> EssayText:
    essays = corpus.find(article)
    assert len(essays) == 1
    return essays[0]


def places(problem: str) -> list[str]:
    """The paragraphs an error names, as anchors: ``¶4`` → ``p4``."""
    return [f"p{n}" for n in re.findall(r"¶(\d+)", problem)]


def pasted(snippet: str) -> dict[str, str]:
    """A `key: value` suggestion read as YAML, as it would be once pasted into a file."""
    data = yaml.safe_load(snippet)
    assert isinstance(data, dict), f"`{snippet}` is not a YAML mapping"
    return data


HINT = re.compile(r"add (`.+?`) to pick ¶(\d+)")


def hinted(fix: str) -> tuple[dict[str, object], str] | None:
    """The keys a fix says to add (`paragraph: 3` and `prefix: "…"`), and the paragraph it says they pick."""
    hint = HINT.search(fix)
    if not hint:
        return None
    keys: dict[str, object] = {}
    for snippet in re.findall(r"`([^`]+)`", hint.group(1)):
        keys |= pasted(snippet)
    return keys, f"p{hint.group(2)}"


# --- exact quotes ------------------------------------------------------------------------------------------

EXACT_HAND = [
    ("alpha", "建设统一平台"),
    ("alpha", "以数字政府建设为突破口"),
    ("src-a/alpha", "完善数据开放机制"),
    ("beta", "建设数字社会"),
    ("alpha", "数据是基础。"),
]


@pytest.mark.parametrize(("article", "quote"), EXACT_HAND)
def test_exact_quote_in_hand_corpus(hand: Corpus, article: str, quote: str) -> None:
    essay = only_essay(hand, article)
    [(paragraph, start)] = occurrences(essay, quote)
    anchor = resolve(hand, Selector(article, quote))
    assert (anchor.essay, anchor.paragraph, anchor.start, anchor.end) == (essay, paragraph, start, start + len(quote))
    assert anchor.exact == quote
    assert anchor.similarity == 1.0


def real_quotes() -> list[tuple[str, str, str]]:
    """(annotation id, article, quote) for every quoted passage in annotations/*.yaml."""
    found = []
    for path in sorted((ROOT / "annotations").glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            for n, selector in enumerate([item["target"], *item.get("related", [])]):
                # A quote inside a clause (`anchor:`) need only be unique there: test_clause_anchors covers those.
                plain = "quote" in selector and "anchor" not in selector
                if plain and not selector.get("prefix") and not selector.get("suffix"):
                    found.append((f"{item['id']}-{n}", selector["article"], selector["quote"]))
    return found


REAL_QUOTES = real_quotes()
UNIQUE_REAL_QUOTES = [q for q in REAL_QUOTES if len(occurrences(only_essay(REAL, q[1]), q[2])) == 1]


def test_the_real_quotes_are_many_and_mostly_unique() -> None:
    assert len(REAL_QUOTES) >= 60
    assert len(UNIQUE_REAL_QUOTES) >= len(REAL_QUOTES) - 3


@pytest.mark.parametrize(("name", "article", "quote"), UNIQUE_REAL_QUOTES, ids=[q[0] for q in UNIQUE_REAL_QUOTES])
def test_exact_quote_in_real_corpus(name: str, article: str, quote: str) -> None:
    essay = only_essay(REAL, article)
    [(paragraph, start)] = occurrences(essay, quote)
    anchor = resolve(REAL, Selector(article, quote))
    assert (anchor.essay.key, anchor.paragraph, anchor.start, anchor.exact) == (essay.key, paragraph, start, quote)
    assert anchor.similarity == 1.0


# --- repeated quotes, prefix and suffix --------------------------------------------------------------------

REPEATED = [
    (HAND, "alpha", "推进政务数据共享"),
    (HAND, "alpha", "强省会"),  # the prefix that tells them apart starts with a comma
    (HAND, "alpha", "数据是"),  # three times in one paragraph
    (HAND, "alpha", "数据开放"),
    (None, "digital-government", "双轮驱动的相互促进、统筹发展的新态势"),
    (None, "digital-government", "强省会"),
    (None, "digital-government", "“数字丝绸之路”"),
    (None, "new-infrastructure", "打造智能制造产业集群"),
    (None, "new-infrastructure", "数据中心"),
    (None, "innovation-highland", "新高地"),
]


REPEATED_IDS = [f"{'hand' if e else 'real'}-{n}" for n, (e, _a, _q) in enumerate(REPEATED)]


def corpus_for(essay: EssayText | None) -> Corpus:
    return REAL if essay is None else Corpus([essay, OTHER])


@pytest.mark.parametrize(("essay", "article", "quote"), REPEATED, ids=REPEATED_IDS)
def test_repeated_quote_names_every_place(essay: EssayText | None, article: str, quote: str) -> None:
    corpus = corpus_for(essay)
    found = occurrences(only_essay(corpus, article), quote)
    assert len(found) >= 2
    with pytest.raises(ResolveError) as caught:
        resolve(corpus, Selector(article, quote))
    problem = caught.value.problem
    assert f"found {len(found)} times" in problem
    assert places(problem) == [p for p, _start in found]
    assert quote in problem


@pytest.mark.parametrize(("essay", "article", "quote"), REPEATED, ids=REPEATED_IDS)
def test_following_the_hint_picks_the_paragraph_it_names(essay: EssayText | None, article: str, quote: str) -> None:
    corpus = corpus_for(essay)
    found = occurrences(only_essay(corpus, article), quote)
    with pytest.raises(ResolveError) as caught:
        resolve(corpus, Selector(article, quote))
    hint = hinted(caught.value.fix)
    assert hint, f"no paragraph, prefix or suffix suggested: {caught.value.fix}"
    keys, paragraph = hint
    assert keys["paragraph"] == int(paragraph[1:])
    anchor = resolve(corpus, Selector(article, quote, **keys))  # type: ignore[arg-type]
    assert anchor.paragraph == paragraph
    assert (anchor.paragraph, anchor.start) in found
    assert anchor.exact == quote


LEAD_PHRASES = [("digital-government", "数字政府建设"), ("digital-government", "数字经济")]


def lead_phrase_places() -> list[tuple[str, str, str, int]]:
    """Every occurrence of phrases the lead of digital-government shares with its body, lead and body."""
    cases = []
    for article, quote in LEAD_PHRASES:
        found = occurrences(only_essay(REAL, article), quote)
        assert "p1" in {p for p, _ in found} and len({p for p, _ in found}) > 1
        cases += [(article, quote, paragraph, start) for paragraph, start in found]
    return cases


@pytest.mark.parametrize(("article", "quote", "paragraph", "start"), lead_phrase_places())
def test_every_occurrence_is_anchored_by_its_paragraph_and_context(
    article: str, quote: str, paragraph: str, start: int
) -> None:
    # The lead (¶1) repeats the body word for word: no prefix or suffix of a few characters tells them apart.
    essay = only_essay(REAL, article)
    in_paragraph = [Anchor(essay, p, at, at + len(quote)) for p, at in occurrences(essay, quote) if p == paragraph]
    chosen = Anchor(essay, paragraph, start, start + len(quote))
    context = unique_context(essay, in_paragraph, chosen)
    assert context is not None
    prefix, suffix = context
    assert (prefix, suffix) == ("", "") or len(in_paragraph) > 1
    anchor = resolve(REAL, Selector(article, quote, paragraph=int(paragraph[1:]), prefix=prefix, suffix=suffix))
    assert (anchor.paragraph, anchor.start, anchor.end) == (paragraph, start, start + len(quote))


def test_a_lead_phrase_is_told_from_the_body_by_paragraph_alone() -> None:
    essay = only_essay(REAL, "digital-government")
    lead = essay.text_of("p1")
    quote = lead[-9:-1]  # the lead's last words before its full stop, which the body repeats
    assert len(occurrences(essay, quote)) >= 2
    [(paragraph, start)] = [place for place in occurrences(essay, quote) if place[0] == "p1"]
    anchor = resolve(REAL, Selector("digital-government", quote, paragraph=1))
    assert (anchor.paragraph, anchor.start) == (paragraph, start)


def test_context_inside_one_paragraph_always_tells_occurrences_apart() -> None:
    # Every phrase of two to four characters that repeats inside a paragraph of the real essays.
    # A selector naming its paragraph is resolved in that paragraph alone (the tests above show it in
    # the whole essay), so each is resolved in a copy of its essay holding that paragraph only: the
    # same answer, without reading every paragraph of a long law again for each of ~18,000 selectors.
    checked = 0
    for essay in REAL.essays:
        for paragraph, text in essay.paragraphs:
            alone = Corpus([dataclasses.replace(essay, paragraphs=((paragraph, text),))])
            for length in (2, 3, 4):
                for quote in {text[i : i + length] for i in range(len(text) - length + 1)}:
                    starts = starts_in(text, quote)
                    if len(starts) < 2:
                        continue
                    matches = [Anchor(essay, paragraph, s, s + length) for s in starts]
                    for chosen in matches:
                        context = unique_context(essay, matches, chosen)
                        assert context is not None, (essay.key, paragraph, quote)
                        selector = Selector(
                            essay.key, quote, paragraph=int(paragraph[1:]), prefix=context[0], suffix=context[1]
                        )
                        assert resolve(alone, selector).start == chosen.start
                        checked += 1
    assert checked >= 100


PARAGRAPH_HAND = [
    ("推进政务数据共享", 1, {}, "p1", 2),
    ("推进政务数据共享", 2, {}, "p2", 8),
    ("强省会", 4, {"prefix": ",在"}, "p4", 19),
    ("数据是", 5, {"suffix": "基础"}, "p5", 12),
    ("数据是", 5, {"prefix": "要素,"}, "p5", 6),
]


@pytest.mark.parametrize(("quote", "number", "context", "paragraph", "start"), PARAGRAPH_HAND)
def test_paragraph_picks_among_repeats(
    hand: Corpus, quote: str, number: int, context: dict[str, str], paragraph: str, start: int
) -> None:
    assert HAND.text_of(paragraph)[start : start + len(quote)] == quote
    anchor = resolve(hand, Selector("alpha", quote, paragraph=number, **context))
    assert (anchor.paragraph, anchor.start, anchor.end) == (paragraph, start, start + len(quote))


def test_a_repeat_inside_the_named_paragraph_asks_for_context_that_works(hand: Corpus) -> None:
    with pytest.raises(ResolveError) as caught:
        resolve(hand, Selector("alpha", "数据是", paragraph=5))
    assert "found 3 times in ¶5 of essay 'alpha'" in caught.value.problem
    hint = hinted(caught.value.fix)
    assert hint and "paragraph" not in hint[0], caught.value.fix
    anchor = resolve(hand, Selector("alpha", "数据是", paragraph=5, **hint[0]))  # type: ignore[arg-type]
    assert (anchor.paragraph, anchor.start) == ("p5", 0)


def test_a_quote_not_in_its_paragraph_says_where_it_is(hand: Corpus) -> None:
    with pytest.raises(ResolveError) as caught:
        resolve(hand, Selector("alpha", "推进政务数据共享", paragraph=3))
    assert "is not in ¶3 of essay 'alpha'; it is in ¶1, ¶2" in caught.value.problem
    assert "`paragraph: 1` or `paragraph: 2`" in caught.value.fix


def test_an_unknown_paragraph_is_refused(hand: Corpus) -> None:
    with pytest.raises(ResolveError) as caught:
        resolve(hand, Selector("alpha", "建设统一平台", paragraph=9))
    assert "has no paragraph 9 (its paragraphs are ¶1–¶5)" in caught.value.problem


def test_a_changed_quote_is_reanchored_inside_its_paragraph_only() -> None:
    # The lead's words changed by one character: without `paragraph` the closest passage may be the body's.
    essay = only_essay(REAL, "digital-government")
    lead = essay.text_of("p1")
    quote = lead[-13:-1]
    [(_, start)] = [place for place in occurrences(essay, quote) if place[0] == "p1"]
    anchor = resolve(REAL, Selector("digital-government", substituted(quote), paragraph=1))
    assert (anchor.paragraph, anchor.start) == ("p1", start)
    assert REANCHOR_SIMILARITY <= anchor.similarity < 1.0


CONTEXT = [
    ("推进政务数据共享", {"prefix": "加快"}, "p1", 2),
    ("推进政务数据共享", {"suffix": ",建设"}, "p1", 2),
    ("推进政务数据共享", {"prefix": "建设。"}, "p2", 8),
    ("推进政务数据共享", {"suffix": ",完善"}, "p2", 8),
    ("推进政务数据共享", {"prefix": "。", "suffix": ",完善"}, "p2", 8),
    ("强省会", {"prefix": ",走"}, "p4", 9),
    ("强省会", {"prefix": ",在"}, "p4", 19),
    ("数据是", {"prefix": ","}, None, None),  # still twice
    ("数据是", {"suffix": "基础"}, "p5", 12),
    ("数据是", {"prefix": "资源,"}, "p5", 12),
]


@pytest.mark.parametrize(
    ("quote", "context", "paragraph", "start"), CONTEXT, ids=[f"context{n}" for n in range(len(CONTEXT))]
)
def test_prefix_and_suffix_pick_an_occurrence(
    hand: Corpus, quote: str, context: dict[str, str], paragraph: str | None, start: int | None
) -> None:
    selector = Selector("alpha", quote, **context)
    if paragraph is None:
        with pytest.raises(ResolveError, match="found 2 times"):
            resolve(hand, selector)
        return
    assert HAND.text_of(paragraph)[start : start + len(quote)] == quote
    anchor = resolve(hand, selector)
    assert (anchor.paragraph, anchor.start, anchor.end) == (paragraph, start, start + len(quote))


def test_prefix_and_suffix_pick_an_occurrence_in_real_corpus() -> None:
    text = only_essay(REAL, "digital-government").text_of("p12")
    quote = "“数字丝绸之路”"
    second = text.find(quote, text.find(quote) + 1)
    assert text.startswith("建设力度", second + len(quote))
    anchor = resolve(REAL, Selector("digital-government", quote, suffix="建设力度"))
    assert (anchor.paragraph, anchor.start) == ("p12", second)


WRONG_CONTEXT = [
    ("alpha", "推进政务数据共享", {"prefix": "大力"}),
    ("alpha", "推进政务数据共享", {"suffix": "。"}),
    ("alpha", "建设统一平台", {"prefix": "共享,", "suffix": "!"}),
    ("digital-government", "“数字丝绸之路”", {"suffix": "建设速度"}),
]


@pytest.mark.parametrize(("article", "quote", "context"), WRONG_CONTEXT)
def test_prefix_or_suffix_that_does_not_match(hand: Corpus, article: str, quote: str, context: dict[str, str]) -> None:
    corpus = hand if article == "alpha" else REAL
    found = occurrences(only_essay(corpus, article), quote)
    with pytest.raises(ResolveError) as caught:
        resolve(corpus, Selector(article, quote, **context))
    assert "not with the prefix/suffix given" in caught.value.problem
    assert places(caught.value.problem) == [p for p, _s in found]
    assert "prefix" in caught.value.fix and "suffix" in caught.value.fix


# --- changed text: re-anchoring ----------------------------------------------------------------------------

FILLER = "〇"


def substituted(quote: str) -> str:
    middle = len(quote) // 2
    return quote[:middle] + FILLER + quote[middle + 1 :]


def inserted(quote: str) -> str:
    middle = len(quote) // 2
    return quote[:middle] + FILLER + quote[middle:]


def deleted(quote: str) -> str:
    middle = len(quote) // 2
    return quote[:middle] + quote[middle + 1 :]


CHANGES = {"substituted": substituted, "inserted": inserted, "deleted": deleted}
REANCHOR_CASES = [
    pytest.param(article, quote, change, id=f"{name}-{change}")
    for name, article, quote in UNIQUE_REAL_QUOTES
    for change in CHANGES
    if len(CHANGES[change](quote)) >= REANCHOR_MIN_CHARS
]


def test_there_are_reanchoring_cases() -> None:
    assert len(REANCHOR_CASES) >= 120


@pytest.mark.parametrize(("article", "quote", "change"), REANCHOR_CASES)
def test_one_changed_character_is_reanchored(article: str, quote: str, change: str) -> None:
    essay = only_essay(REAL, article)
    [(paragraph, start)] = occurrences(essay, quote)
    changed = CHANGES[change](quote)
    assert not occurrences(essay, changed)
    anchor = resolve(REAL, Selector(article, changed))
    assert (anchor.paragraph, anchor.start, anchor.end) == (paragraph, start, start + len(quote))
    assert anchor.exact == quote
    assert REANCHOR_SIMILARITY <= anchor.similarity < 1.0


@pytest.mark.parametrize(
    ("quote", "paragraph"),
    [("建设统一平台。", "p1"), ("完善数据开放机制", "p2"), ("以数字政府建设为突破口", "p3")],
)
def test_one_changed_character_in_hand_corpus(hand: Corpus, quote: str, paragraph: str) -> None:
    changed = substituted(quote)
    start = HAND.text_of(paragraph).find(quote)
    if len(quote) < REANCHOR_MIN_CHARS:
        # 6 of 7 characters match (86 %), yet a quote this short is never moved.
        assert SequenceMatcher(None, quote, changed).ratio() >= REANCHOR_SIMILARITY
        with pytest.raises(ResolveError, match="closest passage"):
            resolve(hand, Selector("alpha", changed))
        return
    anchor = resolve(hand, Selector("alpha", changed))
    assert (anchor.paragraph, anchor.start, anchor.exact) == (paragraph, start, quote)
    assert REANCHOR_SIMILARITY <= anchor.similarity < 1.0


SHORT = [
    ("innovation-highland", "抢抓注册制改革"),
    ("new-infrastructure", "防范区域性金融"),
    ("digital-government", "同时要优化营商"),
]


@pytest.mark.parametrize(("article", "quote"), SHORT)
def test_short_quotes_are_never_reanchored(article: str, quote: str) -> None:
    assert len(quote) < REANCHOR_MIN_CHARS
    essay = only_essay(REAL, article)
    assert len(occurrences(essay, quote)) == 1
    for change in (substituted, deleted):  # an inserted character would make it long enough
        changed = change(quote)
        assert not occurrences(essay, changed)
        with pytest.raises(ResolveError) as caught:
            resolve(REAL, Selector(article, changed))
        assert "is not in essay" in caught.value.problem


def mangled(quote: str) -> str:
    """Every third character replaced: about two thirds of the quote is left."""
    return "".join(FILLER if i % 3 == 1 else c for i, c in enumerate(quote))


TOO_MUCH = [q for q in UNIQUE_REAL_QUOTES if len(q[2]) >= 10]
SHOWN = re.compile(r"the closest passage is 「(.+?)」 in ¶(\d+) \(similarity (\d+)%\)")


@pytest.mark.parametrize(("name", "article", "quote"), TOO_MUCH, ids=[q[0] for q in TOO_MUCH])
def test_a_quote_changed_too_much_shows_the_closest_passage(name: str, article: str, quote: str) -> None:
    essay = only_essay(REAL, article)
    [(paragraph, start)] = occurrences(essay, quote)
    changed = mangled(quote)
    with pytest.raises(ResolveError) as caught:
        resolve(REAL, Selector(article, changed))
    shown = SHOWN.search(caught.value.problem)
    assert shown, caught.value.problem
    passage, number, percent = shown.group(1), shown.group(2), int(shown.group(3))
    assert f"p{number}" == paragraph
    assert passage in essay.text_of(paragraph)
    # The passage overlaps the quote's old place, and the percentage is its similarity.
    at = essay.text_of(paragraph).find(passage)
    assert at < start + len(quote) and start < at + len(passage)
    ratio = SequenceMatcher(None, changed, passage, autojunk=False).ratio()
    assert percent == int(f"{ratio:.0%}"[:-1])
    assert percent < REANCHOR_SIMILARITY * 100
    assert f"'{article}'" in caught.value.problem


def test_a_suggested_quote_works_once_pasted() -> None:
    quote = "完善数据共享平台体系,探索运用数据沙箱"  # holds a comma, as most of the essays' text does
    essay = only_essay(REAL, "new-infrastructure")
    assert len(occurrences(essay, quote)) == 1
    with pytest.raises(ResolveError) as caught:
        resolve(REAL, Selector("new-infrastructure", mangled(quote)))
    suggestion = re.search(r"`(quote: .+?)`", caught.value.fix)
    assert suggestion, caught.value.fix
    anchor = resolve(REAL, Selector("new-infrastructure", **pasted(suggestion.group(1))))
    assert anchor.similarity == 1.0


# --- measures ----------------------------------------------------------------------------------------------

MEASURES = [(essay.article_id, measure) for essay in REAL.essays for measure in essay.measures]


def test_the_real_essays_have_21_measures() -> None:
    assert len(MEASURES) == 21


@pytest.mark.parametrize(("article", "measure"), MEASURES)
def test_measure_target_is_its_thesis(article: str, measure: str) -> None:
    essay = only_essay(REAL, article)
    number, title, paragraph = essay.measures[measure]
    assert measure == f"measure-{number}"
    anchor = resolve(REAL, Selector(article, measure=measure))
    assert isinstance(anchor, Anchor)
    assert (anchor.paragraph, anchor.start, anchor.exact) == (paragraph, 0, title)
    # The thesis is the paragraph's first sentence.
    assert essay.text_of(paragraph).startswith(title + "。")


def test_measure_target_in_hand_corpus(hand: Corpus) -> None:
    anchor = resolve(hand, Selector("alpha", measure="measure-1"))
    assert (anchor.paragraph, anchor.exact) == ("p2", "突出高质量建设")


@pytest.mark.parametrize(
    ("corpus_name", "article", "measure"),
    [("hand", "alpha", "measure-2"), ("hand", "beta", "measure-1"), ("real", "new-infrastructure", "measure-6")],
)
def test_unknown_measure(hand: Corpus, corpus_name: str, article: str, measure: str) -> None:
    corpus = hand if corpus_name == "hand" else REAL
    essay = only_essay(corpus, article)
    with pytest.raises(ResolveError) as caught:
        resolve(corpus, Selector(article, measure=measure))
    assert f"'{article}' has no measure '{measure}'" in caught.value.problem
    for known in essay.measures:
        assert known in caught.value.fix
    if not essay.measures:
        assert "none" in caught.value.fix


def test_a_resolve_error_passes_through_a_context_manager() -> None:
    # Python itself sets attributes (such as __traceback__) on exceptions it passes on.
    @contextlib.contextmanager
    def nothing() -> Iterator[None]:
        yield

    with pytest.raises(ResolveError, match="has no measure"), nothing():
        resolve(REAL, Selector("new-infrastructure", measure="measure-6"))


# --- which essay -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("article", ["gamma", "new-infra", "gansu-2021-digital-development/alpha", "src-a/"])
def test_unknown_essay(hand: Corpus, article: str) -> None:
    for corpus in (hand, REAL):
        with pytest.raises(ResolveError) as caught:
            resolve(corpus, Selector(article, "数据"))
        assert f"there is no essay '{article}'" in caught.value.problem
        for essay in corpus.essays:
            assert essay.article_id in caught.value.fix


def test_an_essay_id_shared_by_two_sources_is_ambiguous() -> None:
    corpus = Corpus([HAND, TWIN, OTHER])
    with pytest.raises(ResolveError) as caught:
        resolve(corpus, Selector("alpha", "建设统一平台"))
    assert "src-a/alpha" in caught.value.problem and "src-b/alpha" in caught.value.problem
    assert "source/article" in caught.value.fix
    for key, title in (("src-a/alpha", "甲文"), ("src-b/alpha", "乙文")):
        anchor = resolve(corpus, Selector(key, "建设统一平台"))
        assert (anchor.essay.key, anchor.essay.title, anchor.paragraph) == (key, title, "p1")
    assert resolve(corpus, Selector("beta", "建设数字社会")).essay.key == "src-a/beta"


def test_a_real_essay_id_shared_by_two_sources() -> None:
    [source] = [s for s in Project(ROOT).load_sources() if s.page.articles]
    copy = dataclasses.replace(source, id="copy-of-gansu")
    corpus = corpus_of([source, copy])
    with pytest.raises(ResolveError, match="used by several source pages"):
        resolve(corpus, Selector("new-infrastructure", "完善数据共享平台体系"))
    for source_id in (source.id, "copy-of-gansu"):
        anchor = resolve(corpus, Selector(f"{source_id}/new-infrastructure", "完善数据共享平台体系"))
        assert anchor.essay.source_id == source_id
        assert anchor.essay.url == f"{source_id}/new-infrastructure/"
        assert anchor.exact == "完善数据共享平台体系"
