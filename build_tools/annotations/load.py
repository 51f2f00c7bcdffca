"""Read ``annotations/*.yaml``, refusing every mistake with its file, line and fix."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.annotations.authoring import PLACEHOLDER_BODY
from build_tools.annotations.corpus import Corpus
from build_tools.annotations.editions import MovedNote, gone_since, moved
from build_tools.annotations.model import Annotation, ResolvedAnnotation, Selector
from build_tools.annotations.note_body import refused_links
from build_tools.annotations.resolve import REANCHOR_SIMILARITY, ResolveError, find_essay, resolve, yaml_string
from build_tools.common.errors import InputError
from build_tools.common.references import Citation
from build_tools.validation.fields import CITATIONS, SLUG, TEXT, readable_citations
from build_tools.validation.folder import FolderSurvey, survey_folder
from build_tools.validation.schema import schema_errors
from build_tools.validation.yamlfile import YamlDocument, format_key, load_yaml

#: A clause's anchor as the importer writes it: part-4-item-2, article-12, chapter-2-section-1.
CLAUSE_ANCHOR = r"^[a-z]+-\d+(?:-[a-z]+-\d+)*\Z"
_SELECTOR = {
    "type": "object",
    "additionalProperties": False,
    "required": ["article"],
    "properties": {
        "article": TEXT,
        "quote": TEXT,
        "paragraph": {
            "type": "integer",
            "minimum": 1,
            "description": "name the paragraph by the number of its link: #p3 gives `paragraph: 3`",
        },
        "prefix": {"type": "string"},
        "suffix": {"type": "string"},
        "measure": {
            "type": "string",
            "pattern": r"^measure-\d+\Z",
            "description": "name a measure by its anchor, e.g. `measure: measure-3`",
        },
        "anchor": {
            "type": "string",
            "pattern": CLAUSE_ANCHOR,
            "description": "name a document's clause by its anchor, e.g. `anchor: part-4-item-2`",
        },
    },
    "oneOf": [{"required": ["measure"]}, {"anyOf": [{"required": ["quote"]}, {"required": ["anchor"]}]}],
    "dependentRequired": {"paragraph": ["quote"]},
    "description": "name the passage by `quote:` (with `paragraph:`, or `prefix:`/`suffix:`, if needed), by a "
    "document clause's `anchor:` (with `quote:` to point inside it), or by `measure:` alone",
}
ANNOTATION_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "target", "body"],
        "properties": {
            "id": SLUG,
            "target": _SELECTOR,
            "body": TEXT,
            "related": {"type": "array", "items": _SELECTOR},
            "sources": CITATIONS,
            "tags": {"type": "array", "items": TEXT},
        },
    },
}

#: A note longer than this (in UTF-8, about 1,300 Chinese characters) is warned about.
LONG_NOTE_BYTES = 4 * 1024
# A tag; an autolink such as <https://…> is Markdown, not HTML.
_RAW_HTML = re.compile(r"<(?!https?://|mailto:)\s*/?\s*[a-zA-Z!?][^>]*>")


@dataclass
class AnnotationSet:
    """Every annotation anchored, the notices that do not stop a build (re-anchored quotes), the notes moved."""

    resolved: list[ResolvedAnnotation] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    notices: list[InputError] = field(default_factory=list)
    moved: list[MovedNote] = field(default_factory=list)


def survey_annotations(folder: Path, shown_folder: str = "annotations", root: Path | None = None) -> FolderSurvey:
    """The ``*.yaml`` files in `folder`, and each other file there (not read).

    `root` is the project, which no file may link out of (default: the folder's parent).
    """
    return survey_folder(folder, shown_folder, root or folder.parent, (".yaml",), subfolders=False)


def load_annotations(
    folder: Path, shown_folder: str = "annotations", root: Path | None = None
) -> tuple[list[Annotation], list[InputError]]:
    """Read every ``*.yaml`` file in `folder`; return the valid annotations and every problem.

    A file there that looks meant to be read but is not (``notes.yml``, a link out of the
    project) is one of the problems; see `survey_annotations`.
    """
    annotations: list[Annotation] = []
    survey = survey_annotations(folder, shown_folder, root)
    errors: list[InputError] = list(survey.errors)
    first_seen: dict[str, tuple[str, int | None]] = {}
    for path in survey.read:
        shown = f"{shown_folder}/{path.name}"
        try:
            doc = load_yaml(path, shown)
        except InputError as error:
            errors.append(error)
            continue
        if doc.data is None:
            continue
        problems = schema_errors(doc, ANNOTATION_SCHEMA)
        errors += problems
        if not isinstance(doc.data, list):
            continue
        # Entries too broken to read are left out, so every other problem is still reported in this pass.
        for index, item in enumerate(doc.data):
            if not _readable(item):
                continue
            annotation = _annotation(doc, index, item)
            errors += _body_errors(doc, index, annotation)
            if annotation.id in first_seen:
                other_file, other_line = first_seen[annotation.id]
                errors.append(
                    doc.error(
                        (index, "id"),
                        f"the id '{annotation.id}' is already used in {other_file}:{other_line}",
                        "give this annotation an id of its own",
                    )
                )
                continue
            first_seen[annotation.id] = (shown, annotation.line)
            annotations.append(annotation)
    return annotations, errors


_ANCHOR = re.compile(CLAUSE_ANCHOR)


def _readable_selector(data: Any) -> bool:
    # A selector the schema refused is not anchored as well, so its one mistake gets one message.
    return (
        isinstance(data, dict)
        and isinstance(data.get("article"), str)
        and any(isinstance(data.get(key), str) for key in ("quote", "measure", "anchor"))
        and all(isinstance(data.get(key, ""), str) for key in ("quote", "measure", "anchor"))
        and not ("measure" in data and ("quote" in data or "anchor" in data))
        and bool(_ANCHOR.match(data.get("anchor", "part-1")))
        and _is_paragraph_number(data.get("paragraph", 1))
        and not ("paragraph" in data and "quote" not in data)
        and isinstance(data.get("prefix", ""), str)
        and isinstance(data.get("suffix", ""), str)
    )


def _is_paragraph_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _readable(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("id"), str)
        and isinstance(item.get("body"), str)
        and _readable_selector(item.get("target"))
        and isinstance(item.get("related", []), list)
        and all(_readable_selector(r) for r in item.get("related", []))
        and readable_citations(item.get("sources", []))
        and isinstance(item.get("tags", []), list)
    )


def _selector(doc: YamlDocument, data: dict[str, Any], key_path: tuple[str | int, ...]) -> Selector:
    return Selector(
        article=data["article"],
        quote=data.get("quote"),
        paragraph=data.get("paragraph"),
        prefix=data.get("prefix", ""),
        suffix=data.get("suffix", ""),
        measure=data.get("measure"),
        anchor=data.get("anchor"),
        key_path=key_path,
        # The quote's own line where the selector spans several, so the message stands beside it.
        line=doc.line_of((*key_path, next((k for k in ("quote", "measure", "anchor") if k in data), "article"))),
    )


def _annotation(doc: YamlDocument, index: int, item: dict[str, Any]) -> Annotation:
    return Annotation(
        id=item["id"],
        target=_selector(doc, item["target"], (index, "target")),
        body=item["body"],
        related=tuple(_selector(doc, r, (index, "related", n)) for n, r in enumerate(item.get("related", []))),
        sources=tuple(Citation.from_yaml(s) for s in item.get("sources", [])),
        tags=tuple(item.get("tags", [])),
        file=doc.path,
        line=doc.line_of((index,)),
    )


class NoteMarkup(InputError):
    """Raw HTML or a link to no web address in a note: `check` refuses it; a build shows it as text and goes on."""


def _body_errors(doc: YamlDocument, index: int, annotation: Annotation) -> list[InputError]:
    errors: list[InputError] = []
    if raw := _RAW_HTML.search(annotation.body):
        errors.append(
            _as_note_markup(
                doc.error(
                    (index, "body"),
                    f"the note of '{annotation.id}' holds raw HTML ({raw.group()})",
                    "write the note in plain Markdown: **bold**, [text](https://…), lists; no tags",
                )
            )
        )
    errors += [
        _as_note_markup(
            doc.error(
                (index, "body"),
                f"the note of '{annotation.id}' links to {address!r}, which is no web address "
                "(a script, data or mail address is shown as text, never linked)",
                "link only to https:// (or http://) addresses, or to a page of the site",
            )
        )
        for address in refused_links(annotation.body)
    ]
    return errors


def long_note_notices(annotations: list[Annotation]) -> list[InputError]:
    """A warning for each note longer than a tooltip or a margin can show well."""
    return [
        InputError(
            annotation.file,
            f"the note of '{annotation.id}' is {len(annotation.body.encode()) / 1024:.1f} KB long, "
            f"more than a reader's note shows well (up to {LONG_NOTE_BYTES // 1024} KB)",
            "shorten it to the point, and cite the longer text in `sources:`",
            line=annotation.line,
            key=format_key((annotation.id, "body")),
        )
        for annotation in annotations
        if len(annotation.body.encode()) > LONG_NOTE_BYTES
    ]


def _as_note_markup(error: InputError) -> NoteMarkup:
    return NoteMarkup(error.path, error.problem, error.fix, error.line, error.key)


def placeholder_notices(annotations: list[Annotation]) -> list[InputError]:
    """A warning for each note whose body is still the one select-to-note wrote, waiting for the editor's words."""
    return [
        InputError(
            annotation.file,
            f"the note of '{annotation.id}' is still the placeholder select-to-note wrote",
            "replace `body` with the note itself",
            line=annotation.line,
            key=format_key((annotation.id, "body")),
        )
        for annotation in annotations
        if annotation.body.strip() == PLACEHOLDER_BODY
    ]


def resolve_annotations(annotations: list[Annotation], corpus: Corpus) -> AnnotationSet:
    """Anchor every annotation's target and related passages in the corpus."""
    result = AnnotationSet()
    for annotation in annotations:
        anchors = []
        failed = False
        for selector in (annotation.target, *annotation.related):
            try:
                anchor = resolve(corpus, selector)
            except ResolveError as error:
                problem = error.problem + _gone_since(corpus, selector)
                result.errors.append(_located(annotation, selector, problem, error.fix))
                failed = True
                continue
            if (move := moved(annotation.id, selector, anchor)) is not None:
                result.moved.append(move)
            if anchor.similarity < 1.0:
                result.notices.append(
                    _located(
                        annotation,
                        selector,
                        f"the quote 「{selector.quote}」 is no longer word for word in essay "
                        f"'{anchor.essay.article_id}'; "
                        f"it is anchored to 「{anchor.exact}」 in ¶{anchor.paragraph[1:]} "
                        f"(similarity {anchor.similarity:.0%}, at least {REANCHOR_SIMILARITY:.0%} is kept)",
                        f"update the quote to `quote: {yaml_string(anchor.exact)}`",
                    )
                )
            anchors.append(anchor)
        if not failed:
            result.resolved.append(ResolvedAnnotation(annotation, anchors[0], tuple(anchors[1:])))
    return result


def _gone_since(corpus: Corpus, selector: Selector) -> str:
    """Where an earlier edition had the quote, for the message of a quote the current text lacks."""
    try:
        essay = find_essay(corpus, selector)
    except ResolveError:
        return ""
    return gone_since(essay, selector)


def _located(annotation: Annotation, selector: Selector, problem: str, fix: str) -> InputError:
    return InputError(
        annotation.file,
        f"annotation '{annotation.id}': {problem}",
        fix,
        line=selector.line or annotation.line,
        key=format_key(selector.key_path),
    )
