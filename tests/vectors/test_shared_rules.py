"""The rules written both in Python and in the browser's scripts, checked against one file of vectors each.

Each ``tests/vectors/<rule>.json`` holds cases: the inputs (written by hand) beside the outputs Python
gives for them. Here Python is checked against the outputs; ``tests/js/`` checks the browser's scripts
against the same file under Node, and the last test runs it. A new case is its inputs alone:
``pytest tests/vectors --update-golden`` writes its outputs, to review before committing. A disagreement
is a bug in one language's code, never a case to change.

``browser.json`` is what Python sends the browser instead of a rule written twice: the page's marker for
select-to-note, the bundle's and the index head's `rules`, the search engine's file names (`files`, in the
head script and the index's head) beside the paths Python writes them at; the Node tests give the scripts
exactly that.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from build_tools.annotations.authoring import authoring_marker
from build_tools.annotations.corpus import Corpus, EssayText
from build_tools.annotations.resolve import _exact_matches, fold, unique_context, yaml_string
from build_tools.common.latin_words import found_at, is_latin_word
from build_tools.importer.editions.document_links import status_as_of
from build_tools.search.browser_rules import browser_rules
from build_tools.search.case_folds import case_fold, case_folds
from build_tools.search.files import WORKER_PATH, browser_files, part_path, shard_path
from build_tools.search.grams import SPACES, query_keys, query_words, shard_of, term_key
from build_tools.search.grams import fold as search_fold
from tests.conftest import ROOT

VECTORS = Path(__file__).resolve().parent
#: Shard counts the hash is checked at: the fewest, the most, and 2**32 (the whole 32-bit hash).
HASH_MODULI = (16, 4096, 2**32)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _utf16(text: str, at: int) -> int:
    """Position `at` of `text` (in characters, Python's) in UTF-16 units, the browser's."""
    return len(text[:at].encode("utf-16-le")) // 2


def _quote_fold(case: dict[str, Any]) -> dict[str, Any]:
    return {"folded": fold(case["text"])}


def _yaml_string(case: dict[str, Any]) -> dict[str, Any]:
    return {"yaml": yaml_string(case["text"])}


def _unique_context(case: dict[str, Any]) -> dict[str, Any]:
    essay = EssayText("vectors", "vectors", "", tuple((anchor, text) for anchor, text in case["paragraphs"]))
    matches = [m for m in _exact_matches(essay, case["quote"]) if case["scope"] in (None, m.paragraph)]
    context = unique_context(essay, matches, matches[case["chosen"]])
    return {
        "matches": [
            {
                "paragraph": m.paragraph,
                "start": _utf16(essay.text_of(m.paragraph), m.start),
                "end": _utf16(essay.text_of(m.paragraph), m.end),
            }
            for m in matches
        ],
        "context": None if context is None else {"prefix": context[0], "suffix": context[1]},
    }


def _status_as_of(case: dict[str, Any]) -> dict[str, Any]:
    status = status_as_of(case["dates"], case["day"])
    return {"status": None if status is None else {"value": status.value, "text": status.text}}


def _latin_words(case: dict[str, Any]) -> dict[str, Any]:
    found = found_at(case["word"], case["text"])
    return {
        "latin": is_latin_word(case["word"]),
        "found": [_utf16(case["text"], at) for at in found],
        "case_folds": case_folds([case["word"], case["text"]]),
    }


def _search_text(case: dict[str, Any]) -> dict[str, Any]:
    if case.get("every_space"):
        return {"spaces": sorted(map(ord, SPACES))}
    text = case["text"]
    return {"folded": search_fold(text, {}), "words": query_words(text), "case_folds": case_folds([text])}


def _search_keys(case: dict[str, Any]) -> dict[str, Any]:
    word = case["word"]
    keys = query_keys(search_fold(word, {}), is_latin_word(word))
    return {
        "keys": [[key, offset, [shard_of(key, shards) for shards in HASH_MODULI]] for key, offset in keys],
        "term_key": term_key(search_fold(word, {})),
        "case_folds": case_folds([word]),
    }


#: Parts and shards whose names are checked: the head, and numbers of one, two and four digits.
_NUMBERS = (0, 1, 12, 4095)


class _Attributes(HTMLParser):
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes = dict(attrs)


def _browser(_: dict[str, Any]) -> dict[str, Any]:
    essay = EssayText("source", "essay", "", (("p1", "文字"),))
    parser = _Attributes()
    parser.feed(authoring_marker(Corpus([essay]), essay, None, "main", "annotations"))
    marker = parser.attributes
    return {
        "annotate_marker": {
            "folds": marker["data-folds"],
            "firstContextWidth": int(marker["data-first-context-width"] or ""),
        },
        "rules": browser_rules(),
        "files": browser_files(),
        # Where Python writes the engine and the index's files, below the site root: the engine must find them so.
        "paths": {
            "worker": WORKER_PATH,
            "part": {n: part_path(n) for n in _NUMBERS},
            "shard": {n: shard_path(n) for n in _NUMBERS},
        },
    }


#: Each vector file and how Python answers one of its cases.
RULES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "quote_fold": _quote_fold,
    "yaml_string": _yaml_string,
    "unique_context": _unique_context,
    "latin_words": _latin_words,
    "status_as_of": _status_as_of,
    "search_keys": _search_keys,
    "search_text": _search_text,
    "browser": _browser,
}


def _read(rule: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VECTORS / f"{rule}.json").read_text(encoding="utf-8"))
    return data


def _json(data: object) -> str:
    # Surrogates (UTF-16 units of a key) as escapes: UTF-8 cannot carry one alone; a reader joins a pair.
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _as_read(data: dict[str, Any]) -> dict[str, Any]:
    """`data` as it reads back from a vector file (a surrogate pair joined)."""
    read: dict[str, Any] = json.loads(_json(data))
    return read


def _write(rule: str, data: dict[str, Any]) -> None:
    (VECTORS / f"{rule}.json").write_text(_json(data), encoding="utf-8")


@pytest.mark.parametrize("rule", sorted(RULES))
def test_python_gives_the_outputs_of_each_vector(rule: str, request: pytest.FixtureRequest) -> None:
    data = _read(rule)
    answer = RULES[rule]
    if request.config.getoption("--update-golden"):
        data["cases"] = [{"input": case["input"], "output": answer(case["input"])} for case in data["cases"]]
        _write(rule, data)
        return
    assert data["cases"], f"{rule}.json has no cases"
    for case in data["cases"]:
        assert _as_read(answer(case["input"])) == case["output"], f"{rule}.json: {case['input']}"


def test_the_cases_include_the_tricky_ones() -> None:
    """What went wrong before, or easily does, is in the vectors: a case list cannot shrink to easy ones."""
    folded = "".join(case["input"]["text"] for case in _read("quote_fold")["cases"])
    assert {"，", "“", "’", "〝", "　", "｡", "｢", "Ａ", "～", "｟"} <= set(folded)
    quoted = "".join(case["input"]["text"] for case in _read("yaml_string")["cases"])
    assert {"\u2028", "\u2029", "\u0085", "\u007f", "\ufffe", '"', "\\", "\n"} <= set(quoted)
    contexts = [case["output"]["context"] for case in _read("unique_context")["cases"]]
    assert None in contexts, "a case no context can tell apart"
    assert any(c and c["prefix"] and c["suffix"] for c in contexts), (
        "a case neither a prefix nor a suffix alone anchors"
    )
    latin = [case["input"] for case in _read("latin_words")["cases"]]
    assert any(re.search(r"[\u4e00-\u9fff][A-Za-z0-9]", case["text"]) for case in latin), "Latin words inside Chinese"
    days = [case["input"] for case in _read("status_as_of")["cases"]]
    assert any(len(case["day"]) < 10 for case in days), "a day given to the month or year only"
    assert any(len(date) < 10 for case in days for date in case["dates"].values() if date), "a date to the year"
    words = [case["input"]["word"] for case in _read("search_keys")["cases"]]
    assert any(len(word.encode("utf-16-le")) > 2 * len(word) for word in words), "a character past U+FFFF"
    texts = "".join(case["input"].get("text", "") for case in _read("search_text")["cases"])
    # Letters a newer Unicode (a browser's) lowers and Python's keeps; final sigma, read as sigma.
    assert any(unicodedata.category(char) == "Cn" for char in texts), "a letter newer than Python's Unicode"
    assert {"Σ", "ς", "\u212a"} <= set(texts)


def test_the_case_table_folds_a_text_a_character_at_a_time_as_python_folds_it() -> None:
    """The browser folds by the table alone, a character at a time: for the text it was made for, as Python folds it."""
    for rule, fields in (("search_text", ("text",)), ("search_keys", ("word",)), ("latin_words", ("word", "text"))):
        for case in _read(rule)["cases"]:
            table = case["output"].get("case_folds")
            if table is None:
                continue
            for text in (case["input"][field] for field in fields):
                assert "".join(table.get(char, char) for char in text) == case_fold(text), f"{rule}: {text!r}"


def test_a_yaml_string_reads_back_as_the_text_it_was_made_from() -> None:
    """What `check` suggests and select-to-note writes, pasted into a note, is the text again: YAML's own reading."""
    for case in _read("yaml_string")["cases"]:
        text = case["input"]["text"]
        assert yaml.safe_load(f"quote: {case['output']['yaml']}\n") == {"quote": text}, repr(text)


def test_the_browser_scripts_give_the_same_outputs_under_node() -> None:
    """``node --test tests/js/``: the real scripts of build_tools/assets, run on the same vectors."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the browser's half of the vectors (tests/js/) cannot run here")
    ran = subprocess.run(
        [node, "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True, check=False, timeout=120
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
