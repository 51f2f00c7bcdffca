"""Everything `policy-reader check` verifies, in one report: docs/, the glossary, the annotations."""

from __future__ import annotations

from build_tools.annotations.corpus import corpus_of
from build_tools.annotations.load import load_annotations, placeholder_notices, resolve_annotations
from build_tools.common.errors import InputError, InputErrors
from build_tools.glossary.load import load_glossary
from build_tools.glossary.matcher import TermMatcher
from build_tools.importer.project import Project, Report
from build_tools.importer.source import Source

GLOSSARY_FILE = "glossary.yaml"
ANNOTATIONS_FOLDER = "annotations"


def run_checks(project: Project) -> tuple[Report, list[Source]]:
    """Check sources, generated pages, glossary and annotations; collect every problem rather than stop at one.

    Raises:
        InputErrors: A source page or manifest cannot be read at all.
    """
    sources = project.load_sources()
    report = project.check_docs(sources)
    _check_glossary(project, sources, report)
    _check_annotations(project, sources, report)
    report.errors.sort(key=lambda e: (str(e.path), e.line or 0))
    report.warnings.sort(key=lambda e: (str(e.path), e.line or 0))
    return report, sources


def _check_annotations(project: Project, sources: list[Source], report: Report) -> None:
    annotations, errors = load_annotations(project.root / ANNOTATIONS_FOLDER, ANNOTATIONS_FOLDER)
    report.errors += errors
    result = resolve_annotations(annotations, corpus_of(sources))
    report.errors += result.errors
    report.warnings += result.notices
    report.warnings += placeholder_notices(annotations)


def _check_glossary(project: Project, sources: list[Source], report: Report) -> None:
    try:
        loaded = load_glossary(project.root / GLOSSARY_FILE, GLOSSARY_FILE)
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
                    GLOSSARY_FILE,
                    f"the term '{term.term}' is used in no essay",
                    "check its spelling against the essays, add the spelling used there as an alias, or remove it",
                    line=term.line,
                )
            )
