"""What every page is finished with: the glossary, the sources' text and the notes anchored in it.

Loaded before any page is touched, so a bad input stops the step before it writes anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from build_tools.annotations.corpus import Corpus, corpus_of
from build_tools.annotations.editions import moved_summary
from build_tools.annotations.interprets import NotedReading, noted_readings
from build_tools.annotations.load import (
    NoteMarkup,
    load_annotations,
    long_note_notices,
    resolve_annotations,
    survey_annotations,
)
from build_tools.annotations.model import Annotation, ResolvedAnnotation
from build_tools.annotations.render import annotations_by_page
from build_tools.common.errors import InputErrors
from build_tools.common.urls import markdown_page_url
from build_tools.finish.settings import FinishSettings
from build_tools.glossary.load import load_glossary
from build_tools.glossary.matcher import TermMatcher
from build_tools.glossary.model import Glossary
from build_tools.sources.folder import SourcesFolder
from build_tools.sources.source import Source

#: An essay page's address from its source's and its own id.
EssayUrl = Callable[[str, str], str]


@dataclass
class ReaderInputs:
    """The editors' files, read and checked.

    Attributes:
        settings: Where they were read from.
        glossary: The glossary.
        matcher: Its terms' matcher (loads jieba's dictionary once).
        annotations: The notes, not yet anchored.
        sources: The source pages, newest first.
        notices: What does not stop a build (markup in definitions, re-anchored quotes).
    """

    settings: FinishSettings
    glossary: Glossary
    matcher: TermMatcher
    annotations: list[Annotation]
    sources: list[Source]
    notices: list[str] = field(default_factory=list)


@dataclass
class AnchoredNotes:
    """The notes anchored in the essays, at the addresses their pages have in this site."""

    corpus: Corpus
    resolved: list[ResolvedAnnotation]
    by_page: dict[str, list[ResolvedAnnotation]]
    readings: list[NotedReading] = field(default_factory=list)


def load_inputs(settings: FinishSettings) -> ReaderInputs:
    """Read the glossary, the notes and the sources.

    Raises:
        InputError, InputErrors: A file is bad; every message names it.
    """
    path = settings.glossary_file()
    folder = settings.annotations_folder()
    loaded = load_glossary(path, settings.glossary)
    annotations, problems = load_annotations(folder, settings.annotations, settings.root)
    # As in the glossary, markup in a note is shown as text (no script address linked): it stops `check`, not a build.
    markup = [problem for problem in problems if isinstance(problem, NoteMarkup)]
    errors = [problem for problem in problems if not isinstance(problem, NoteMarkup)]
    if errors:
        raise InputErrors(errors)
    project = SourcesFolder(settings.root)
    sources = project.load_sources()
    # What `check` warns about, the build says too.
    warnings = [
        *loaded.markup,
        *markup,
        *project.reading_warnings(sources),
        *survey_annotations(folder, settings.annotations, settings.root).warnings,
        *long_note_notices(annotations),
    ]
    notices = [str(warning) for warning in warnings]
    return ReaderInputs(settings, loaded.glossary, TermMatcher(loaded.glossary), annotations, sources, notices)


def essay_urls(settings: FinishSettings) -> EssayUrl:
    """Where an essay's page is when the generator writes ``docs/<source>/<article>.md`` where it usually does."""
    return lambda source, article: markdown_page_url(f"{source}/{article}.md", settings.directory_urls)


def anchor_notes(inputs: ReaderInputs, url_of: EssayUrl) -> AnchoredNotes:
    """Anchor every note in the essays, which live at `url_of`.

    Raises:
        InputErrors: A quote or measure is not found; each message names the note's file and line.
    """
    corpus = corpus_of(inputs.sources, url_of)
    result = resolve_annotations(inputs.annotations, corpus)
    if result.errors:
        raise InputErrors(result.errors)
    inputs.notices += [str(notice) for notice in result.notices if str(notice) not in inputs.notices]
    if any(essay.earlier for essay in corpus.essays) and (moved := moved_summary(result.moved)) not in inputs.notices:
        inputs.notices.append(moved)
    readings = noted_readings(inputs.annotations, corpus, inputs.sources)
    return AnchoredNotes(corpus, result.resolved, annotations_by_page(result.resolved), readings)
