"""A project's ``sources/`` read as a whole, read-only: the files there, every source page loaded, its warnings.

The importer writes ``docs/`` from it (importer/project.py's `Project` adds the writing); the step over
the built site reads the sources' text, which the notes anchor in, here.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from build_tools.common.errors import InputError, InputErrors
from build_tools.common.progress import Progress, counted
from build_tools.sources.source import Source, large_source_warnings, load_source
from build_tools.sources.text_links import OtherText, text_references, titles_of
from build_tools.validation.folder import FolderSurvey, survey_folder

PAGE_SUFFIX, MANIFEST_SUFFIX = ".txt", ".yaml"
#: Marks a page as written by `policy-reader import`, so `check` knows it may compare it (and a page
#: without it is one written by hand, whose address no source may take).
GENERATED_NOTE = "written by `policy-reader import`: edit the source under sources/ and re-import, not this file"


@dataclass(frozen=True)
class SourcesFolder:
    """The folders of a project, found from its root (where ``mkdocs.yml`` is), and its sources read from them."""

    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Self:
        """The project holding `start` (default: the working directory)."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "mkdocs.yml").exists():
                return cls(folder)
        return cls(here)

    @property
    def sources_dir(self) -> Path:
        """Where source pages and their manifests live."""
        return self.root / "sources"

    @property
    def docs_dir(self) -> Path:
        """Where MkDocs reads pages from."""
        return self.root / "docs"

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project root when inside it."""
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            return str(path)

    def survey_sources(self) -> FolderSurvey:
        """The pages and manifests in ``sources/``, and each file there that would not be read.

        A manifest with no page of its name beside it (the page renamed or removed) is an error.
        """
        shown = self.shown(self.sources_dir)
        survey = survey_folder(self.sources_dir, shown, self.root, (PAGE_SUFFIX, MANIFEST_SUFFIX), subfolders=True)
        pages = sorted(path.stem for path in survey.read if path.suffix == PAGE_SUFFIX)
        for manifest in (path for path in survey.read if path.suffix == MANIFEST_SUFFIX):
            if manifest.stem not in pages:
                close = difflib.get_close_matches(manifest.stem, pages, n=1)
                survey.errors.append(
                    InputError(
                        f"{shown}/{manifest.name}",
                        f"this manifest is not read: there is no page {manifest.stem}{PAGE_SUFFIX} beside it",
                        f"name it after its page ({close[0]}{MANIFEST_SUFFIX}?), or remove it"
                        if close
                        else f"add the page {shown}/{manifest.stem}{PAGE_SUFFIX}, or remove the manifest",
                    )
                )
        return survey

    def sources_state(self) -> tuple[tuple[str, int, int], ...]:
        """Each file below ``sources/`` (editions too), its modification time and size: it changes when one is saved."""
        if not self.sources_dir.is_dir():
            return ()
        files = (path for path in self.sources_dir.rglob("*") if path.is_file())
        stats = ((path.relative_to(self.sources_dir).as_posix(), path.stat()) for path in files)
        return tuple(sorted((name, stat.st_mtime_ns, stat.st_size) for name, stat in stats))

    def load_sources(self, files: list[Path] | None = None, progress: Progress | None = None) -> list[Source]:
        """Load the given source pages (default: all), reporting every bad one at once.

        Every file in ``sources/`` that would not be read (see `survey_sources`) is reported too.
        `progress` is started with the pages to read and advanced as each is read.

        Raises:
            InputErrors: One or more pages or manifests are bad, or a file there would not be read.
        """
        survey = self.survey_sources()
        errors: list[InputError] = list(survey.errors)
        sources: list[Source] = []
        pages = [path for path in survey.read if path.suffix == PAGE_SUFFIX]
        for path in counted(pages if files is None else files, progress):
            if (taken := self._taken_by_hand(path)) is not None:
                errors.append(taken)
                continue
            try:
                sources.append(load_source(path, self.shown(path)))
            except InputError as error:
                errors.append(error)
            except InputErrors as many:
                errors += many.errors
        errors += interprets_errors(sources, sorted(path.stem for path in pages))
        if errors:
            raise InputErrors(errors)
        return sorted(sources, key=lambda s: (s.date or "", s.id), reverse=True)

    def _taken_by_hand(self, path: Path) -> InputError | None:
        """An error when a page written by hand in ``docs/`` has the address the source page would get."""
        page = self.docs_dir / f"{path.stem}.md"
        if not page.is_file() or written_by_import(page):
            return None
        return InputError(
            self.shown(path),
            f"the file name '{path.name}' is taken: {self.shown(page)}, a page written by hand, has that address",
            f"rename it, e.g. {path.stem}-source.txt (and its manifest beside it)",
        )

    def reading_warnings(self, sources: list[Source]) -> list[InputError]:
        """What `import` and `check` warn of in sources/: files not read, doubtful readings, missing manifests, size."""
        warnings = [*self.survey_sources().warnings, *large_source_warnings(sources)]
        texts = titles_of([OtherText(s.id, s.document) for s in sources if s.document])
        for source in sources:
            warnings += source.document.warnings if source.document else source.page.warnings
            if source.document:  # what it names in other texts of the site, known only beside them
                own = {str(w) for w in source.document.warnings}
                warnings += [w for w in text_references(source.document, texts).warnings if str(w) not in own]
            if source.manifest.path is None:
                warnings.append(
                    InputError(
                        source.path,
                        "this page has no manifest, so its provenance (publication, date, address) is not recorded",
                        f"add {Path(source.path).with_suffix('.yaml')} with publication, date, url and notes",
                    )
                )
        return warnings


def written_by_import(page: Path) -> bool:
    """Whether `page` carries the note `import` writes at the top of every page it writes."""
    with page.open(encoding="utf-8", errors="replace") as handle:
        return GENERATED_NOTE in handle.read(2048)


def interprets_errors(sources: list[Source], known: list[str]) -> list[InputError]:
    """An error for each `interprets:` entry naming no document of the site: unknown, itself, or a page of essays.

    `known` are the ids of every source page (those not loaded in this run too).
    """
    by_id = {source.id: source for source in sources}
    documents = sorted(s.id for s in sources if s.document is not None)
    errors = []
    for source in sources:
        for text_id, line in source.manifest.interprets:
            target = by_id.get(text_id)
            if text_id == source.id:
                problem = f"the source '{text_id}' is said to interpret itself"
            elif text_id not in known:
                close = difflib.get_close_matches(text_id, known, n=1)
                problem = f"there is no source '{text_id}'" + (f" (did you mean '{close[0]}'?)" if close else "")
            elif target is not None and target.document is None:
                problem = f"'{text_id}' is a page of essays: only a document or a law is interpreted"
            else:
                continue
            errors.append(
                InputError(
                    source.manifest.path or source.path,
                    problem,
                    f"name the id (file name) of a document or law of this site: {', '.join(documents) or 'none yet'}",
                    line=line,
                    key="interprets",
                )
            )
    return errors
