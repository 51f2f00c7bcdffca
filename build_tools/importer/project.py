"""A policy-reader project on disk: its sources, its ``docs/`` and keeping them in step."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.common.errors import InputError
from build_tools.common.files import remove_file, staged_writes, write_atomically
from build_tools.common.progress import Progress
from build_tools.common.reader_pages import GLOSSARY_PAGE, LIBRARY_PAGE, MEASURES_PAGE
from build_tools.importer import imported_from
from build_tools.importer.editions.document_render import document_edition_pages
from build_tools.importer.editions.render import edition_pages
from build_tools.importer.render import render_pages
from build_tools.navigation.archive import ARCHIVE_DIR
from build_tools.sources.folder import SourcesFolder, written_by_import
from build_tools.sources.source import Source


@dataclass
class Report:
    """What a check found: errors fail it, warnings are shown only."""

    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)


@dataclass(frozen=True)
class Project(SourcesFolder):
    """A project's ``sources/`` (read as `SourcesFolder` reads it) and its ``docs/``, kept in step by `import`."""

    def expected_pages(self, sources: list[Source]) -> dict[str, str]:
        """The pages `import` writes for these sources, by path below ``docs/``."""
        pages = render_pages(sources)
        for source in sources:
            pages.update(document_edition_pages(source) if source.document else edition_pages(source))
        return pages

    def generated_pages_on_disk(self) -> set[str]:
        """Pages below ``docs/`` that `import` wrote (they carry its note)."""
        found = set()
        for path in self.docs_dir.rglob("*.md"):
            if written_by_import(path):
                found.add(path.relative_to(self.docs_dir).as_posix())
        return found

    def import_sources(self, files: list[Path] | None = None) -> list[str]:
        """Write the pages of the given sources (default: all) and the home page.

        Nothing is written unless every source loads; stale pages that `import`
        wrote earlier for these sources are removed.

        Returns:
            The pages written or removed, below ``docs/``.

        Raises:
            InputError: A named file is not under ``sources/`` or does not exist.
            InputErrors: A source page or manifest is bad.
        """
        return self.import_and_report(files)[0]

    def import_and_report(
        self, files: list[Path] | None = None, progress: Progress | None = None
    ) -> tuple[list[str], list[InputError]]:
        """`import_sources`, and the warnings of what it read: doubtful readings, files not read, large pages.

        `progress` shows the source pages read, and ends once their pages are written.
        """
        try:
            changed, sources = self._import_staged(files, progress)
        except BaseException:
            if progress:
                progress.abandon()
            raise
        self._remove_empty_folders(changed)
        if progress:
            progress.end()
        if files is None:  # docs/ now holds what every source makes: `build` need not import again
            imported_from.remember(self.root, self.sources_dir)
        return changed, self.reading_warnings(sources)

    def import_if_changed(self) -> tuple[list[str], list[InputError]] | None:
        """`import_and_report` of every source, unless docs/ was imported from sources/ as they are (then None)."""
        if imported_from.is_current(self.root, self.sources_dir):
            return None
        return self.import_and_report()

    @staged_writes()  # every page is put in place at the end, or none: a failure leaves docs/ as it was
    def _import_staged(self, files: list[Path] | None, progress: Progress | None) -> tuple[list[str], list[Source]]:
        for path in files or []:
            if path.resolve().parent != self.sources_dir.resolve():
                raise InputError(
                    str(path),
                    "the site is built from sources/ only, and this file is not there",
                    f"copy it into {self.shown(self.sources_dir)}/ (with a manifest beside it), then import it",
                )
            if not path.is_file():
                raise InputError(
                    str(path),
                    "cannot read the file (there is no such source page)",
                    f"check the name: the source pages are the .txt files in {self.shown(self.sources_dir)}/",
                )
        sources = self.load_sources(progress=progress)
        chosen = {s.id for s in sources} if files is None else {p.stem for p in files}
        # A document lists the essays interpreting it: importing them writes its page too.
        chosen |= {text_id for s in sources if s.id in chosen for text_id, _line in s.manifest.interprets}
        expected = self.expected_pages(sources)
        pages = {name: text for name, text in expected.items() if _lists_sources(name) or name.split("/")[0] in chosen}
        changed = []
        for name, text in pages.items():
            target = self.docs_dir / name
            if not target.exists() or _text_on_disk(target) != text:
                write_atomically(target, text)
                changed.append(name)
        # A full import removes every page it wrote that no source produces any more (a source
        # removed or renamed); an import of named pages, only theirs.
        for name in sorted(self.generated_pages_on_disk() - set(expected)):
            if files is None or _lists_sources(name) or name.split("/")[0] in chosen:
                remove_file(self.docs_dir / name)
                changed.append(name)
        return changed, sources

    def _remove_empty_folders(self, changed: list[str]) -> None:
        """Remove the folders below ``docs/`` that the pages removed leave empty (once the removals are made)."""
        for name in changed:
            for folder in (self.docs_dir / name).parents:
                if folder == self.docs_dir or not folder.is_relative_to(self.docs_dir) or not folder.is_dir():
                    break
                if any(folder.iterdir()):
                    break
                folder.rmdir()

    def check_docs(self, sources: list[Source]) -> Report:
        """Compare ``docs/`` with what `import` would write from ``sources/``."""
        report = Report()
        expected = self.expected_pages(sources)
        for name, text in expected.items():
            target = self.docs_dir / name
            shown = self.shown(target)
            if not target.exists():
                report.errors.append(
                    InputError(shown, "this page is missing", "run `policy-reader import` to write it")
                )
                continue
            actual = _text_on_disk(target)
            if actual is None:
                report.errors.append(
                    InputError(shown, "this page is not UTF-8 text (damaged)", "run `policy-reader import` to write it")
                )
            elif actual != text:
                line = _first_difference(actual, text)
                report.errors.append(
                    InputError(
                        shown,
                        "this page is not what `policy-reader import` writes from sources/ "
                        "(edited by hand, or its source changed without a re-import)",
                        "correct the source under sources/ and run `policy-reader import`; never edit generated pages",
                        line=line,
                    )
                )
        for name in sorted(self.generated_pages_on_disk() - set(expected)):
            report.errors.append(
                InputError(
                    self.shown(self.docs_dir / name),
                    "this page was written by `policy-reader import` but no source produces it any more",
                    "run `policy-reader import` (it removes stale pages), or delete the file",
                )
            )
        report.warnings += self.reading_warnings(sources)
        return report


def _lists_sources(page: str) -> bool:
    """Whether `import` writes `page` from every source (home, a year's page, the reader's pages), not from one."""
    return page in {"index.md", GLOSSARY_PAGE, MEASURES_PAGE, LIBRARY_PAGE} or page.startswith(ARCHIVE_DIR)


def _text_on_disk(page: Path) -> str | None:
    """A page `import` writes, as it is on disk; None when it is not UTF-8 (damaged: `import` writes it again)."""
    try:
        return page.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None


def _first_difference(actual: str, expected: str) -> int:
    matcher = difflib.SequenceMatcher(None, actual.splitlines(), expected.splitlines(), autojunk=False)
    for tag, start, _end, _other_start, _other_end in matcher.get_opcodes():
        if tag != "equal":
            return start + 1
    return 1
