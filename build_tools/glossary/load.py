"""Read ``glossary.yaml`` and refuse every entry an editor got wrong, saying where and how to fix it."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slugify import slugify

from build_tools.common.errors import InputError, InputErrors
from build_tools.common.references import Citation
from build_tools.glossary.model import Glossary, Term
from build_tools.validation.fields import CITATIONS, TEXT, readable_citations
from build_tools.validation.schema import schema_errors
from build_tools.validation.yamlfile import YamlDocument, load_yaml

GLOSSARY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["terms"],
    "properties": {
        "terms": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["term", "definition"],
                "properties": {
                    "term": TEXT,
                    "definition": {"type": "string"},
                    "english": TEXT,
                    "category": TEXT,
                    "aliases": {"type": "array", "items": TEXT},
                    "sources": CITATIONS,
                    "see": {"type": "array", "items": TEXT},
                },
            },
        }
    },
}

# Anything a browser could take for markup: a tag, an event handler, a script address.
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!]|\bon[a-z]+\s*=|javascript\s*:", re.IGNORECASE)


@dataclass
class LoadedGlossary:
    """A valid glossary and the notices that do not stop a build."""

    glossary: Glossary
    markup: list[InputError] = field(default_factory=list)


def load_glossary(path: Path, shown_as: str = "glossary.yaml") -> LoadedGlossary:
    """Load and validate the glossary; a missing file is an empty glossary.

    Raises:
        InputError: The file is not valid YAML.
        InputErrors: One or more entries are wrong.
    """
    if not path.exists():
        return LoadedGlossary(Glossary())
    doc = load_yaml(path, shown_as)
    if doc.data is None:
        return LoadedGlossary(Glossary())
    errors = schema_errors(doc, GLOSSARY_SCHEMA)
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("terms"), list):
        raise InputErrors(errors)
    # Entries too broken to read are left out, so every other problem is still reported in this pass.
    broken = {index for index, entry in enumerate(doc.data["terms"]) if not _readable(entry)}
    indexed, more = _terms(doc, skip=broken)
    errors += more + _cross_reference_errors(doc, indexed)
    terms = [term for _index, term in indexed]
    if errors:
        raise InputErrors(sorted(errors, key=lambda e: e.line or 0))
    markup = [
        doc.error(
            ("terms", index, "definition"),
            f"the definition of '{term.term}' holds markup; it is shown as text, never run as HTML",
            "write the definition as plain text, without tags, event handlers or javascript: addresses",
        )
        for index, term in enumerate(terms)
        if _MARKUP.search(term.definition)
    ]
    return LoadedGlossary(Glossary(terms), markup)


def _readable(entry: Any) -> bool:
    def texts(value: Any) -> bool:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)

    return (
        isinstance(entry, dict)
        and isinstance(entry.get("term"), str)
        and isinstance(entry.get("definition"), str)
        and texts(entry.get("aliases", []))
        and texts(entry.get("see", []))
        and readable_citations(entry.get("sources", []))
    )


def _terms(doc: YamlDocument, skip: set[int]) -> tuple[list[tuple[int, Term]], list[InputError]]:
    """The valid entries, each with its index in the file, and the problems of the others."""
    errors: list[InputError] = []
    terms: list[tuple[int, Term]] = []
    ids: set[str] = set()
    for index, entry in enumerate(doc.data["terms"]):
        if index in skip:
            continue
        if not entry["definition"].strip():
            errors.append(
                doc.error(
                    ("terms", index, "definition"),
                    f"the definition of '{entry['term']}' is empty",
                    "write one to three sentences that say what the term means",
                )
            )
        base = slugify(entry["term"], max_length=60, word_boundary=True) or "term"
        term_id, n = base, 2
        while term_id in ids:
            term_id, n = f"{base}-{n}", n + 1
        ids.add(term_id)
        terms.append(
            (
                index,
                Term(
                    id=term_id,
                    term=entry["term"].strip(),
                    definition=" ".join(entry["definition"].split()),
                    english=entry.get("english"),
                    category=entry.get("category"),
                    aliases=tuple(a.strip() for a in entry.get("aliases", [])),
                    sources=tuple(Citation.from_yaml(s) for s in entry.get("sources", [])),
                    see=tuple(entry.get("see", [])),
                    line=doc.line_of(("terms", index)),
                ),
            )
        )
    return terms, errors


def _cross_reference_errors(doc: YamlDocument, indexed: list[tuple[int, Term]]) -> list[InputError]:
    errors: list[InputError] = []
    terms = dict(indexed)
    first_term: dict[str, int] = {}
    for index, term in indexed:
        if term.term in first_term:
            errors.append(
                doc.error(
                    ("terms", index, "term"),
                    f"the term '{term.term}' is defined twice (first at line {terms[first_term[term.term]].line})",
                    "merge the two entries into one",
                )
            )
        else:
            first_term[term.term] = index
    owner_of_alias: dict[str, int] = {}
    for index, term in indexed:
        for number, alias in enumerate(term.aliases):
            where = ("terms", index, "aliases", number)
            if alias in first_term:
                other = terms[first_term[alias]]
                errors.append(
                    doc.error(
                        where,
                        f"the alias '{alias}' of '{term.term}' is itself a term (line {other.line})",
                        f"remove the alias; to relate the two, add '{alias}' to `see`",
                    )
                )
            elif alias in owner_of_alias:
                other = terms[owner_of_alias[alias]]
                errors.append(
                    doc.error(
                        where,
                        f"the alias '{alias}' is given to two terms ('{other.term}' and '{term.term}')",
                        "keep it under one term only",
                    )
                )
            else:
                owner_of_alias[alias] = index
        for number, name in enumerate(term.see):
            if name not in first_term:
                close = difflib.get_close_matches(name, list(first_term), n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                errors.append(
                    doc.error(
                        ("terms", index, "see", number),
                        f"'{name}' in `see` of '{term.term}' is not a term of the glossary",
                        f"{hint}name a term defined in this file, or define '{name}'",
                    )
                )
    return errors
