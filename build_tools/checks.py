"""Everything `policy-reader check` verifies, in one report: docs/, the glossary, the annotations."""

from __future__ import annotations

from build_tools.errors import InputError, InputErrors
from build_tools.glossary.load import load_glossary
from build_tools.glossary.matcher import TermMatcher
from build_tools.importer.source import Source
from build_tools.project import Project, Report

GLOSSARY_FILE = "glossary.yaml"


def run_checks(project: Project) -> tuple[Report, list[Source]]:
    """Check sources, generated pages and the glossary; collect every problem rather than stop at one.

    Raises:
        InputErrors: A source page or manifest cannot be read at all.
    """
    sources = project.load_sources()
    report = project.check_docs(sources)
    _check_glossary(project, sources, report)
    return report, sources


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
    used = {
        match.term_id
        for source in sources
        for article in source.page.articles
        for paragraph in article.paragraphs
        for match in matcher.find(paragraph.text)
    }
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
