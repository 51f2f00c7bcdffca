"""Everything `policy-reader check` verifies, in one report: docs/, the glossary, the annotations."""

from __future__ import annotations

from build_tools.annotations.corpus import corpus_of
from build_tools.annotations.load import (
    load_annotations,
    long_note_notices,
    placeholder_notices,
    resolve_annotations,
    survey_annotations,
)
from build_tools.common.errors import InputError, InputErrors
from build_tools.finish.settings import FinishSettings, settings_from_config
from build_tools.glossary.load import load_glossary
from build_tools.glossary.matcher import TermMatcher
from build_tools.importer.project import Project, Report
from build_tools.sources.source import Source


def project_settings(project: Project) -> FinishSettings:
    """The settings the build reads, from the project's mkdocs.yml (the defaults where there is none).

    Raises:
        InputError: mkdocs.yml cannot be read or holds a value the reader does not understand.
    """
    config = project.root / "mkdocs.yml"
    return settings_from_config(config) if config.is_file() else FinishSettings(project.root)


def run_checks(project: Project) -> tuple[Report, list[Source]]:
    """Check sources, generated pages, glossary and annotations; collect every problem rather than stop at one.

    The glossary and the notes are read from where mkdocs.yml says, as the build reads them.

    Raises:
        InputErrors: A source page or manifest cannot be read at all.
    """
    sources = project.load_sources()
    report = project.check_docs(sources)
    try:
        settings = project_settings(project)
        _check_glossary(settings, sources, report)
        _check_annotations(settings, sources, report)
    except InputError as error:
        report.errors.append(error)
    report.errors.sort(key=lambda e: (str(e.path), e.line or 0))
    report.warnings.sort(key=lambda e: (str(e.path), e.line or 0))
    return report, sources


def _check_annotations(settings: FinishSettings, sources: list[Source], report: Report) -> None:
    folder = settings.annotations_folder()
    annotations, errors = load_annotations(folder, settings.annotations, settings.root)
    report.errors += errors
    report.warnings += survey_annotations(folder, settings.annotations, settings.root).warnings
    report.warnings += long_note_notices(annotations)
    result = resolve_annotations(annotations, corpus_of(sources))
    report.errors += result.errors
    report.warnings += result.notices
    report.warnings += placeholder_notices(annotations)


def _check_glossary(settings: FinishSettings, sources: list[Source], report: Report) -> None:
    try:
        loaded = load_glossary(settings.glossary_file(), settings.glossary)
    except InputError as error:
        report.errors.append(error)
        return
    except InputErrors as many:
        report.errors += many.errors
        return
    report.errors += loaded.markup
    matcher = TermMatcher(loaded.glossary)
    paragraphs = [
        paragraph
        for source in sources
        for paragraphs in (
            [article.paragraphs for article in source.page.articles]
            + ([source.document.paragraphs] if source.document else [])
        )
        for paragraph in paragraphs
    ]
    used = {match.term_id for paragraph in paragraphs for match in matcher.find(paragraph.text)}
    for term in loaded.glossary.terms:
        if term.id not in used:
            report.warnings.append(
                InputError(
                    settings.glossary,
                    f"the term '{term.term}' is used in no essay",
                    "check its spelling against the essays, add the spelling used there as an alias, or remove it",
                    line=term.line,
                )
            )
