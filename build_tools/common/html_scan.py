"""Find the elements of an HTML page by tag, attributes and classes, with their exact places in its text.

The step over a built site changes a page by splicing its text: what it does not change stays byte for
byte as the generator wrote it. So it needs, for each element, where its start tag begins and ends and
where its end tag begins and ends — whatever the order of its attributes, a ``>`` inside a quoted value,
a table inside a table, an ``<article>`` inside an ``<article>``, a tag written in a comment or in a
script's text, a ``<p>`` or ``<li>`` left for the next one to close.

Why a tokenizer of our own, and not a library's tree: no well-kept parser reports where an element
ends. lxml (libxml2) and html5-parser give a line number at most (``sourceline``), selectolax (lexbor)
no place at all, and the standard library's `html.parser` only the start of each tag as a line and
column, in pure Python (a third of the step's time in two passes per page, issue 36). lxml's tree
also is not the text: it re-serialises, so the bytes we did not mean to touch would change.

So `scan` reads the text once with one compiled pattern per token (the tokenizer states of the HTML
standard that built pages reach: data, tags with quoted and unquoted attributes, comments, the
doctype and other ``<!…>``, CDATA, raw text of ``<script>``/``<style>`` and escapable raw text of
``<textarea>``/``<title>``) and builds the tree with the standard's rules that matter for well-formed
and nearly well-formed pages: void elements, implied end tags (a ``<p>`` ends where a block starts,
an ``<li>`` at the next ``<li>``, cells and rows at the next cell or row, not across a table, a
template or a button), an end tag closing every element opened inside it, a stray end tag ignored.
One simplification, kept from the parser this replaces: a start tag written ``<x/>`` makes an empty
element (right for SVG's ``<path/>``, the only such tags built pages hold).

The evidence: over the 816 pages of a 300-essay archive built with Material and then finished, its tree
(each element's tag and depth, in order) is libxml2's, and the text runs and elements it hands a text
rewriter are, event for event, those `html.parser` handed the one it replaces; the tests hold its tree to
lxml's over the pages they build (tests/finish/test_finish_output_unchanged.py). A page of 78 KB (600
elements) is read in about 2 ms, one pass of `html.parser` over it taking 4.5 ms; the finish step's output
stays byte for byte what it was.

The standard library only: the job that marks a pull request's preview (`build_tools/finish/preview_banner.py`)
runs this module with nothing installed.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])
#: Elements whose text is not markup: it runs to the first end tag of the same name.
RAW_TEXT = frozenset(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"])
#: Start tags that end an open ``<p>`` (HTML's "close a p element" list).
_CLOSES_P = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "ul",
    ]
)
#: Elements an implied end does not reach through (HTML's scopes, merged: button, list item and table).
_SCOPE = frozenset(
    ["applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button", "svg", "math"]
)
#: Start tag → the open elements it ends (up to a scope boundary), besides ``<p>``.
_IMPLIED: dict[str, frozenset[str]] = {
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}),
    "option": frozenset({"option"}),
    "optgroup": frozenset({"option", "optgroup"}),
    "tr": frozenset({"tr", "td", "th"}),
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
    "thead": frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}),
    "tbody": frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}),
    "tfoot": frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}),
}
#: Where cells, rows and row groups stop looking for what they close: their own table.
_TABLE_SCOPE = frozenset({"table", "template", "html"})
_LIST_SCOPE = _SCOPE | {"ol", "ul"}

# One token at a time, from a `<`: each alternative is a state of HTML's tokenizer that built pages reach.
# An element of raw text takes its text with its start tag, so nothing in a script is read as markup.
_ATTRS = r"""(?:[\s/]*[^\s/>=][^\s/>=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?)*"""
_MARKUP = re.compile(
    rf"""<(?:
        (?P<raw>(?i:script|style|textarea|title|xmp|iframe|noembed|noframes))(?=[\s/>])   # a raw text element
        (?P<rawattrs>{_ATTRS})(?P<rawrest>[\s/]*)>
        (?P<text>.*?)(?=(?i:</(?P=raw)[\s/>])|\Z)
      | (?P<name>[a-zA-Z][^\s/>]*)(?P<attrs>{_ATTRS})(?P<rest>[\s/]*)>   # a start tag, attributes as written
      | /(?P<end>[a-zA-Z][^\s/>]*)(?:"[^"]*"|'[^']*'|[^>"'])*>    # an end tag (what follows its name is ignored)
      | !--(?:-?>|.*?(?:--!?>|\Z))                                # a comment (``<!-->`` is an empty one)
      | !\[CDATA\[.*?(?:\]\]>|\Z)
      | [!?/][^>]*(?:>|\Z)                                       # a doctype, or what HTML reads as a comment
    )""",
    re.VERBOSE | re.DOTALL,
)
_ATTRIBUTE = re.compile(r"""([^\s/>=][^\s/>=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
#: Where a run of text is cut: a reference, or a lone `&` or `<`.
_CUT = re.compile(r"[&<]")
#: A character reference as `html.parser` reads one in text (``&amp;``, ``&#20013;``, ``&D`` of ``R&D``).
_REFERENCE = re.compile(r"&(?:#(?:[0-9]+|[xX][0-9a-fA-F]+)(?=[^0-9a-fA-F])|[a-zA-Z][-.a-zA-Z0-9]*(?=[^a-zA-Z0-9]));?")
#: The elements whose start ends another, kept count of while open so most start tags look no further.
_ENDED_BY_START = frozenset({"p"}.union(*_IMPLIED.values()))


class Element:
    """An element of the page, and where it stands in the page's text.

    Attributes:
        tag: Its name, in lower case.
        start: Where its start tag begins (the ``<``).
        open_end: Where its start tag ends (after the ``>``): where its content begins.
        close_start: Where its end tag begins: where its content ends (its end when it has no end tag).
        end: Where its end tag ends (after the ``>``), or where it was ended by what followed it.
        parent: The element it is in (None at the top).
        raw_attrs: Its start tag's attributes, as written.
        empty: Whether it can hold nothing: a void element (``<br>``) or one written ``<x/>``.
    """

    __slots__ = ("_attrs", "_classes", "close_start", "empty", "end", "open_end", "parent", "raw_attrs", "start", "tag")

    def __init__(self, tag: str, start: int, open_end: int, parent: Element | None, raw_attrs: str) -> None:
        self.tag, self.start, self.open_end, self.parent, self.raw_attrs = tag, start, open_end, parent, raw_attrs
        self.empty = False
        # `close_start` and `end` are set by `scan` as the element ends; `_attrs`, `_classes` when first asked.
        self.close_start: int
        self.end: int
        self._attrs: dict[str, str]
        self._classes: frozenset[str]

    def __repr__(self) -> str:
        return f"<Element {self.tag} {self.start}:{self.open_end}:{self.close_start}:{self.end}>"

    @property
    def attrs(self) -> dict[str, str]:
        """Its attributes, names in lower case, values with references resolved (the first of a name counts)."""
        try:
            return self._attrs
        except AttributeError:  # not read yet: most elements never are
            found: dict[str, str] = {}
            if self.raw_attrs:
                for name, double, single, bare in _ATTRIBUTE.findall(self.raw_attrs):
                    found.setdefault(name.lower(), html.unescape(double or single or bare))
            self._attrs = found
            return found

    @property
    def classes(self) -> frozenset[str]:
        """Its classes."""
        try:
            return self._classes
        except AttributeError:
            self._classes = frozenset(self.attrs.get("class", "").split())
            return self._classes

    def attribute_spans(self) -> Iterator[tuple[str, int, int, int, int]]:
        """Each attribute as written: its name (lower case), where it starts and ends, where its value does.

        A value's place excludes its quotes; an attribute with no value has an empty one at its end.
        """
        base = self.start + 1 + len(self.tag)
        for found in _ATTRIBUTE.finditer(self.raw_attrs):
            quoted = next((n for n in (2, 3, 4) if found.group(n) is not None), 0)
            start, end = found.span(quoted) if quoted else (found.end(), found.end())
            yield found.group(1).lower(), base + found.start(), base + found.end(), base + start, base + end

    def value_span(self, name: str) -> tuple[int, int] | None:
        """Where the value of the attribute `name` stands in the text (without its quotes), or None."""
        return next(((s, e) for n, _start, _end, s, e in self.attribute_spans() if n == name), None)

    def inside(self, tag: str) -> bool:
        """Whether an element named `tag` holds it."""
        parent = self.parent
        while parent is not None:
            if parent.tag == tag:
                return True
            parent = parent.parent
        return False

    @property
    def closed_by_tag(self) -> bool:
        """Whether an end tag of its own ends it (not the end of the text, nor an element that cannot be in it)."""
        return self.end > self.close_start

    def has(
        self, tag: str | None = None, attrs: Mapping[str, str | bool] | None = None, classes: Iterable[str] = ()
    ) -> bool:
        """Whether it is a `tag` with these `attrs` (a value, or True for any) and all these `classes`."""
        if tag is not None and self.tag != tag:
            return False
        if classes and "&" not in self.raw_attrs and not all(c in self.raw_attrs for c in classes):
            return False  # not even written there: most elements are told apart without reading their attributes
        if attrs:
            mine = self.attrs
            for name, value in attrs.items():
                have = mine.get(name)
                if have is None or (value is not True and have != value):
                    return False
        return all(c in self.classes for c in classes)


#: A stretch of markup (a tag, a comment, a doctype) or a raw text element's text: start, end, the element a
#: start tag opens or an end tag closes (None otherwise, and for an end tag that closes nothing), and which:
#: `START`, `END`, `RAW` or `OTHER`.
Token = tuple[int, int, "Element | None", int]
START, END, RAW, OTHER = range(4)


class Scan:
    """A page's text, read once: its elements in document order, and the markup between its text."""

    def __init__(self, source: str, elements: list[Element], others: list[Token]) -> None:
        self.source = source
        self.elements = elements
        #: The markup that is no element's tag: comments, the doctype, end tags that close nothing (`END`).
        self.others = others
        self._tokens: list[Token] | None = None

    @property
    def stray_end_tags(self) -> list[Token]:
        """The end tags that closed nothing open: ignored, as browsers do."""
        return [token for token in self.others if token[3] == END]

    @property
    def tokens(self) -> list[Token]:
        """Every stretch of markup and raw text, in order (worked out when first asked: few callers need it)."""
        if self._tokens is None:
            tokens = list(self.others)
            for element in self.elements:
                tokens.append((element.start, element.open_end, element, START))
                if element.tag in RAW_TEXT and element.close_start > element.open_end:
                    tokens.append((element.open_end, element.close_start, None, RAW))
                if element.end > element.close_start:
                    tokens.append((element.close_start, element.end, element, END))
            tokens.sort(key=lambda token: token[0])
            self._tokens = tokens
        return self._tokens

    def elements_in(self, within: Element | None = None) -> list[Element]:
        """The elements inside `within` (all, if None), in document order."""
        if within is None:
            return self.elements
        elements = self.elements
        first = bisect.bisect_left(elements, within.open_end, key=lambda element: element.start)
        last = bisect.bisect_left(elements, within.close_start, lo=first, key=lambda element: element.start)
        return elements[first:last]

    def find_all(
        self,
        tag: str | None = None,
        attrs: Mapping[str, str | bool] | None = None,
        classes: Iterable[str] = (),
        within: Element | None = None,
    ) -> Iterator[Element]:
        """Each element that `Element.has` these, in document order (only those inside `within`, if given)."""
        classes = tuple(classes)
        for element in self.elements_in(within):
            if (tag is None or element.tag == tag) and element.has(None, attrs, classes):
                yield element

    def find(
        self,
        tag: str | None = None,
        attrs: Mapping[str, str | bool] | None = None,
        classes: Iterable[str] = (),
        within: Element | None = None,
    ) -> Element | None:
        """The first element that `Element.has` these, or None."""
        return next(self.find_all(tag, attrs, classes, within), None)

    def markup_in(self, element: Element, whole: frozenset[str] = frozenset()) -> Iterator[tuple[int, int]]:
        """Where each stretch of markup inside `element` is: tags, comments, raw text.

        An element named in `whole` is one stretch, what it holds included.
        """
        tokens = self.tokens
        number = bisect.bisect_left(tokens, element.open_end, key=lambda token: token[0])
        while number < len(tokens) and (token := tokens[number])[0] < element.close_start:
            start, end, inside, kind = token
            if kind == START and inside is not None and inside.tag in whole:
                end = inside.end
                while number + 1 < len(tokens) and tokens[number + 1][0] < end:
                    number += 1
            yield start, end
            number += 1

    def inner(self, element: Element) -> str:
        """The text of what `element` holds."""
        return self.source[element.open_end : element.close_start]

    def start_tag(self, element: Element) -> str:
        """`element`'s start tag, as written."""
        return self.source[element.start : element.open_end]

    def outer(self, element: Element) -> str:
        """`element` whole, as written."""
        return self.source[element.start : element.end]


def scan(source: str) -> Scan:
    """Read `source` (a page or a piece of one) into its elements and markup."""
    return _scan(source, 0, False)


def scan_element(source: str, at: int) -> Scan:
    """Read the element whose start tag begins at `at` in `source`, up to its end, as if it stood alone.

    Places are in `source`. Read apart from what holds it, the element is read as `scan` reads it in the page
    unless something inside it reaches out: an end tag of an element outside it (which `scan` would end it
    at, and which here closes nothing: see `Scan.stray_end_tags`), or an implied end (``<li>``, ``<dd>``,
    a cell) looking for an open element of its name past it (where the element is itself in a list item,
    a definition or a table cell, which no theme's content element is). The caller checks the first.
    """
    return _scan(source, at, True)


def _scan(source: str, at: int, one: bool) -> Scan:
    """`scan` from `at`; with `one`, only up to the end of the element starting there."""
    elements: list[Element] = []
    others: list[Token] = []
    stack: list[Element] = []
    # How many of each `_ENDED_BY_START` are open: most start tags then need not look down the stack.
    open_count = dict.fromkeys(_ENDED_BY_START, 0)

    def close_to(depth: int, at: int) -> None:
        """End the open elements from `depth` up, at `at` (where what ended them starts)."""
        for element in stack[depth:]:
            element.close_start = element.end = at
            if element.tag in open_count:
                open_count[element.tag] -= 1
        del stack[depth:]

    def open_depth(names: frozenset[str], scope: frozenset[str]) -> int:
        """The depth of the innermost open element named in `names`, not past a `scope` boundary; -1 if none."""
        for depth in range(len(stack) - 1, -1, -1):
            tag = stack[depth].tag
            if tag in names:
                return depth
            if tag in scope:
                return -1
        return -1

    # The common cases first and inline: this loop is most of the time a page takes to read.
    new = Element
    for found in _MARKUP.finditer(source, at):
        kind = found.lastgroup
        if kind == "end":
            at, end = found.span()
            closing = found.group(_END).lower()
            if stack and stack[-1].tag == closing:
                element = stack.pop()
                element.close_start, element.end = at, end
                if closing in open_count:
                    open_count[closing] -= 1
                if one and not stack:
                    break
                continue
            for depth in range(len(stack) - 2, -1, -1):
                if stack[depth].tag == closing:
                    element = stack[depth]
                    close_to(depth, at)
                    element.close_start, element.end = at, end
                    break
            else:
                others.append((at, end, None, END))  # an end tag closing nothing open: ignored, as browsers do
            if one and not stack:
                break
            continue
        if kind is None:
            others.append((*found.span(), None, OTHER))
            continue
        at, end = found.span()
        if kind == "rest":
            name, attrs, rest = found.group(_NAME, _ATTRS_GROUP, _REST)
            open_end = end
        else:
            name, attrs, rest = found.group("raw", "rawattrs", "rawrest")
            open_end = found.start("text")
            rest = ""
        name = name.lower()
        if open_count["p"] and name in _CLOSES_P and (depth := open_depth(_P, _SCOPE)) >= 0:
            close_to(depth, at)
        if name in _IMPLIED and any(open_count[c] for c in _IMPLIED[name]):
            scope = _LIST_SCOPE if name == "li" else _TABLE_SCOPE if name[0] == "t" else _SCOPE
            if (depth := open_depth(_IMPLIED[name], scope)) >= 0:
                close_to(depth, at)
        element = new(name, at, open_end, stack[-1] if stack else None, attrs)
        elements.append(element)
        if name in VOID or rest.endswith("/"):
            element.close_start = element.end = end
            element.empty = True
            if one and not stack:  # the element read alone was a void one: it is whole
                break
            continue
        stack.append(element)
        if name in open_count:
            open_count[name] += 1
    close_to(0, len(source))
    return Scan(source, elements, others)


_P = frozenset({"p"})
_END, _NAME, _ATTRS_GROUP, _REST = (_MARKUP.groupindex[name] for name in ("end", "name", "attrs", "rest"))

# A run of text, or one token of markup as `_MARKUP` reads it (comments and raw text whole).
_SKIP_ITEM = r"""[^<]+|<(?:
    !--(?:-?>|.*?(?:--!?>|\Z))
  | !\[CDATA\[.*?(?:\]\]>|\Z)
  | RAW
  | /[a-zA-Z][^\s/>]*(?:"[^"]*"|'[^']*'|[^>"'])*>
  | [!?/][^>]*(?:>|\Z)
  | [a-zA-Z][^\s/>]*ATTRS[\s/]*>
  | (?![a-zA-Z!?/])
)"""
_RAW_ITEM = r"""(?P<raw>(?i:script|style|textarea|title|xmp|iframe|noembed|noframes))(?=[\s/>])ATTRS[\s/]*>
        .*?(?=(?i:</(?P=raw)[\s/>])|\Z)"""
_SKIP_ITEM = _SKIP_ITEM.replace("RAW", _RAW_ITEM).replace("ATTRS", _ATTRS)
_RAW_ITEM = _RAW_ITEM.replace("ATTRS", _ATTRS)
#: A start tag named {tag} whose attributes hold {hint} as written.
_START_HOLDING = r"""<(?i:{tag})(?=[\s/>])(?:"[^"]*"|'[^']*'|[^>"'])*?(?:"[^"]*?|'[^']*?)?{hint}"""


def start_tags(
    source: str,
    tags: tuple[str, ...],
    hint: str,
    attrs: Mapping[str, str | bool] | None = None,
    classes: Iterable[str] = (),
) -> Iterator[Element]:
    """Each element of `source` named in `tags` that has these `attrs` and `classes`, in order, without the tree.

    For a page read only to learn a few things (what `import` wrote it as, where its fill places are):
    comments and raw text are skipped as `scan` skips them, in one compiled pattern, and only start tags
    whose attributes hold `hint` as written (a class, an attribute's name) are read. An element knows its
    start tag only (no parent, no end), but one of raw text (see `next_landmark`).
    """
    starts, classes, at = tuple((tag, hint) for tag in tags), tuple(classes), 0
    while (found := next_landmark(source, at, starts)) is not None:
        _kind, _name, element, _start, at = found
        if element is not None and element.has(None, attrs, classes):
            yield element


def first_start_tag(
    source: str, tag: str, hint: str, attrs: Mapping[str, str | bool] | None = None, classes: Iterable[str] = ()
) -> Element | None:
    """The first `tag` element of `source` that has these `attrs` and `classes` (see `start_tags`)."""
    return next(start_tags(source, (tag,), hint, attrs, classes), None)


#: A landmark of a page: `START` or `END`, the tag's name, its element (a start tag's), where its token starts and
#: ends (a raw text element's with its text).
Landmark = tuple[int, str, "Element | None", int, int]


@functools.lru_cache(maxsize=16)
def _landmark_skipper(starts: tuple[tuple[str, str], ...], ends: tuple[str, ...]) -> re.Pattern[str]:
    targets = [_START_HOLDING.format(tag=re.escape(tag), hint=re.escape(hint)) for tag, hint in starts]
    targets += [rf"</(?i:{re.escape(tag)})[\s/>]" for tag in ends]
    # Each token taken whole and kept: the one `_MARKUP` finds there; none of the targets taken. Kept by a
    # lookahead, which Python never backtracks into, and the text it saw: `(?=(?P<token>…))(?P=token)`, not
    # an atomic group or a possessive repeat, whose matching is wrong in CPython before 3.11.5 (Debian 12 has
    # 3.11.2: a start tag behind a comment was missed). No other group captures: a raw text element is an
    # alternative of its own name.
    raw = "|".join(rf"(?i:{name})(?=[\s/>]){_ATTRS}[\s/]*>.*?(?=(?i:</{name}[\s/>])|\Z)" for name in sorted(RAW_TEXT))
    item = _SKIP_ITEM.replace(_RAW_ITEM, raw)
    return re.compile(f"(?:(?!{'|'.join(targets)})(?=(?P<token>{item}))(?P=token))*", re.VERBOSE | re.DOTALL)


def next_landmark(
    source: str, at: int, starts: tuple[tuple[str, str], ...], ends: tuple[str, ...] = ()
) -> Landmark | None:
    """The first tag from `at` that is a start tag named in `starts` holding its hint, or an end tag named in `ends`.

    `starts` pairs a tag's name with what its attributes must hold as written ("" for any). Comments and raw
    text are skipped as `scan` skips them, in one compiled pattern, so the tags between cost no Python. A start
    tag's element knows no parent; one of raw text (``<script>``, ``<title>``) knows its text and end tag too,
    the others only their start tag. None when there is no such tag.
    """
    skip = _landmark_skipper(starts, ends)
    while (at := skip.match(source, at).end()) < len(source):  # type: ignore[union-attr]
        found = _MARKUP.match(source, at)
        kind = found.lastgroup if found is not None else None
        if found is None or kind not in ("rest", "text", "end"):
            at += 1  # a `<` that starts no tag, or what only looked like one
            continue
        if kind == "end":
            return END, found.group(_END).lower(), None, at, found.end()
        if kind == "rest":
            element = Element(found.group(_NAME).lower(), at, found.end(), None, found.group(_ATTRS_GROUP))
            element.empty = element.tag in VOID or found.group(_REST).endswith("/")
        else:
            element = Element(found.group("raw").lower(), at, found.start("text"), None, found.group("rawattrs"))
            element.close_start = element.end = found.end()
            if (closing := _MARKUP.match(source, found.end())) is not None and closing.lastgroup == "end":
                element.end = closing.end()
        return START, element.tag, element, at, found.end()
    return None


#: A change to a text: what stands from `start` to `end` (offsets in the text) replaced by a string.
Edit = tuple[int, int, str]


def splice(source: str, edits: Iterable[Edit], start: int = 0, end: int | None = None) -> str:
    """`source[start:end]` with each edit's text put in place of what stood there; the edits must not overlap.

    Edits at one place (insertions) go in the order given.
    """
    out: list[str] = []
    at = start
    for edit_start, edit_end, text in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        if edit_start < at:
            raise ValueError(f"overlapping edits at {edit_start} (the previous one ends at {at})")
        out += (source[at:edit_start], text)
        at = edit_end
    out.append(source[at:end])
    return "".join(out)


#: Called for each run of text with the open elements around it; returns raw HTML to put in its place.
TextHandler = Callable[[str, list[Element]], str]
#: Called when an element opens or closes, with the open elements (the element included).
TagHandler = Callable[[Element, list[Element]], None]


@dataclass(frozen=True)
class TextPass:
    """What one reader of a page's text does with each run of text and each element opening and closing.

    `on_text` returns what to put in the run's place (a pass that only reads returns the run).
    """

    on_text: TextHandler
    on_open: TagHandler | None = None
    on_close: TagHandler | None = None


def rewrite_text(
    source: str | Scan,
    on_text: TextHandler,
    on_open: TagHandler | None = None,
    on_close: TagHandler | None = None,
) -> str:
    """Pass every run of text of `source` through `on_text`; markup and character references stay as written.

    Runs are cut at each reference, which is kept as it is and given to no handler, and at each ``&`` or
    ``<`` that starts none, as `html.parser` cut them; a script's or a style's text is one run. Void and
    ``<x/>`` elements neither open nor close.
    """
    page = source if isinstance(source, Scan) else scan(source)
    return read_text(page, TextPass(on_text, on_open, on_close))


def read_text(page: Scan, writer: TextPass, readers: Iterable[TextPass] = (), within: Element | None = None) -> str:
    """`rewrite_text` with `writer`, every pass of `readers` seeing the same runs and elements as it goes.

    The readers see each run as written (what `writer` puts in its place is not markup they see). With
    `within`, only what that element holds is read, and the text returned is that, rewritten.
    """
    source = page.source
    passes = [writer, *readers]
    openers = [p.on_open for p in passes if p.on_open]
    closers = [p.on_close for p in passes if p.on_close]
    texts = [p.on_text for p in readers]

    def on_text(text: str, stack: list[Element]) -> str:
        for read in texts:
            read(text, stack)
        return writer.on_text(text, stack)

    def on_close(element: Element, stack: list[Element]) -> None:
        for close in closers:
            close(element, stack)

    tokens = page.tokens
    at, stop, number = 0, len(source), 0
    if within is not None:
        at, stop = within.open_end, within.close_start
        number = bisect.bisect_left(tokens, at, key=lambda token: token[0])
    out: list[str] = []
    stack: list[Element] = []
    for start, end, element, kind in tokens[number:]:
        if start >= stop:
            break
        if start > at:
            _text_runs(source, at, start, stack, on_text, out)
        out.append(on_text(source[start:end], stack) if kind == RAW else source[start:end])
        if element is not None:
            if kind == START and not element.empty:
                _close_ended(stack, start, on_close)
                stack.append(element)
                for opened in openers:
                    opened(element, stack)
            elif kind == END:
                _close_ended(stack, start, on_close, element)
        at = end
    if at < stop:
        _text_runs(source, at, stop, stack, on_text, out)
    return "".join(out)


def _close_ended(stack: list[Element], at: int, on_close: TagHandler, closing: Element | None = None) -> None:
    """Take off `stack` the elements ended where `at` starts (implied ends), then `closing`, telling `on_close`."""
    while stack and (stack[-1].end <= at or stack[-1] is closing):
        top = stack[-1]
        on_close(top, stack)
        stack.pop()
        if top is closing:
            return


def _text_runs(source: str, start: int, end: int, stack: list[Element], on_text: TextHandler, out: list[str]) -> None:
    at = start
    while at < end:
        cut = _CUT.search(source, at, end)
        if cut is None:
            out.append(on_text(source[at:end], stack))
            return
        if cut.start() > at:
            out.append(on_text(source[at : cut.start()], stack))
            at = cut.start()
        reference = _REFERENCE.match(source, at)
        if reference is not None and reference.end() <= end:
            out.append(reference.group())
            at = reference.end()
        else:  # a lone `&` or `<`
            out.append(on_text(source[at], stack))
            at += 1
