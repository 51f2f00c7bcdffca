"""MkDocs events → the step over the built site (`build_tools/finish/`). No reader logic lives here.

MkDocs renders the pages `import` wrote, with Material; once it has written the site,
`finish_site` adds the reader to it, exactly as `policy-reader finish` does after any
generator. What is left here is what only an MkDocs plugin can do: build the navigation,
hand MkDocs the full Markdown of the glossary page and the measures map (so they keep
their table of contents), re-import while previewing, and tell a dirty rebuild which
pages MkDocs must render again.
"""

from __future__ import annotations

import logging
import resource
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from build_tools.common.errors import InputError, InputErrors
from build_tools.common.page_marker import fill_places
from build_tools.common.progress import Progress, progress_for_parent
from build_tools.common.system_errors import os_error
from build_tools.finish.ahead import FinishAhead
from build_tools.finish.cache import FinishCache, fingerprint
from build_tools.finish.fills import filled_stub
from build_tools.finish.inputs import anchor_notes, essay_urls, load_inputs
from build_tools.finish.markdown import markdown_extensions
from build_tools.finish.settings import FinishSettings, PluginOptions, plugin_options, read_config
from build_tools.finish.site import finish_site
from build_tools.generators.mkdocs.config import PolicyReaderConfig
from build_tools.importer.project import Project
from build_tools.navigation.nav import build_nav

#: Material's template overrides (link previews, a Chinese 404 page, the search dialog's name).
THEME_OVERRIDES = Path(__file__).resolve().parents[2] / "theme"
log = logging.getLogger("mkdocs.plugins.policy-reader")
DIRTY_NOTICE = "A 'dirty' build is being performed"


class _PreciseDirtyBuilds(logging.Filter):
    """Drops MkDocs' warning that a dirty build leaves navigation and links stale (fatal with `strict`).

    With this plugin a dirty build makes again every page whose inputs changed, the
    navigation among them, and gives the pages it leaves their titles: the warning is untrue.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_NOTICE)


def _plugin_error(error: InputError | InputErrors | OSError) -> PluginError:
    """The error as MkDocs reports a plugin's: a message, not a traceback (a refused write names its file)."""
    if isinstance(error, OSError):
        error = os_error(error)
    errors = error.errors if isinstance(error, InputErrors) else [error]
    return PluginError("\n".join(str(e) for e in errors))


@dataclass
class Preview:
    """What a preview session keeps across the rebuilds of `mkdocs serve`.

    Attributes:
        cache: The step's cache of finished pages.
        rendered: Per Markdown page, the fingerprint of what MkDocs last rendered it from.
        titles: Per Markdown page, its title then (MkDocs leaves a page it does not render untitled).
    """

    cache: FinishCache = field(default_factory=FinishCache)
    rendered: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)


if TYPE_CHECKING:  # the config class is made from PluginOptions as the module loads: type checkers see its base
    _Plugin = BasePlugin[base.Config]
else:
    _Plugin = BasePlugin[PolicyReaderConfig]


class PolicyReaderPlugin(_Plugin):
    """Adds the reader to a Material site, through the step over the built site."""

    serving = False
    dirty = False
    imported: tuple[tuple[str, int, int], ...] | None = None  # `sources/` as the last import found it
    # Each rebuild of `mkdocs serve` loads the configuration, and so this plugin, afresh.
    preview = Preview()
    # Shown only when the command that started MkDocs asks for it (`package`: MkDocs' own output is captured).
    reading: Progress | None = None
    writing: Progress | None = None
    # Pages finished on the core MkDocs leaves idle while it writes the others (a build, not a preview).
    ahead: FinishAhead | None = None

    @property
    def options(self) -> PluginOptions:
        """The plugin's options from mkdocs.yml, as MkDocs has checked them."""
        return plugin_options(self.config, "mkdocs.yml")

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Remember that we preview, and whether pages whose inputs did not change are left as they are
        # (`build --dirty` starts with nothing remembered, and so makes every page again).
        PolicyReaderPlugin.serving = command == "serve"
        PolicyReaderPlugin.dirty = dirty
        builder = logging.getLogger("mkdocs.commands.build")
        if self.dirty and not any(isinstance(f, _PreciseDirtyBuilds) for f in builder.filters):
            builder.addFilter(_PreciseDirtyBuilds())

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not (self.options.enabled and self.serving):
            return
        # While previewing, a saved source page is re-imported before the docs are read.
        project = Project(self.root)
        state = project.sources_state()
        if state == PolicyReaderPlugin.imported:
            return  # nothing saved under sources/ since
        try:
            for name in project.import_sources():
                log.info("policy-reader import: wrote docs/%s", name)
        except (InputError, InputErrors, OSError) as error:
            raise _plugin_error(error) from None
        PolicyReaderPlugin.imported = state

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.options.enabled:
            return config
        self.root = Path(config.config_file_path).resolve().parent
        if self.options.offline:
            # Pages opened from disk need links to files (page.html), not to folders.
            config.use_directory_urls = False
        config_file = Path(config.config_file_path)
        try:
            self.settings = FinishSettings.with_options(
                self.root,
                self.options,
                site_url=config.site_url or "",
                site_name=config.site_name,
                repo_url=config.repo_url,
                directory_urls=config.use_directory_urls,
                # As `policy-reader finish` reads them, so that both finish a page from the same settings.
                markdown_extensions=markdown_extensions(read_config(config_file), config_file.name),
            )
            self.inputs = load_inputs(self.settings)
            self.notes = anchor_notes(self.inputs, essay_urls(self.settings))
            if self.options.nav and not config.nav:
                config.nav = build_nav(Path(config.docs_dir))
        except (InputError, InputErrors) as error:
            raise _plugin_error(error) from None
        self.page_urls: list[str] = []
        # Our templates (link previews, a Chinese 404 page) take precedence over the theme's.
        config.theme.dirs.insert(0, str(THEME_OVERRIDES))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.options.enabled:
            return files
        # The glossary, the measures map and the 解读 relations notes imply: filled before MkDocs renders
        # them, so their headings are in the page's table of contents (and a dirty build sees them change).
        for page in files.documentation_pages():
            if fill_places(markdown := page.content_string):
                page.content_string = filled_stub(markdown, page.url, self.inputs, self.notes)
        if self.dirty:
            self._render_only_changed_pages(files, config)
        else:
            self.reading = progress_for_parent("MkDocs, Markdown")
            self.writing = progress_for_parent("MkDocs, pages")
            if self.reading:
                self.reading.start(len(files.documentation_pages()))
        return files

    def _render_only_changed_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Have MkDocs render again only the pages whose Markdown (or what every page shares) changed.

        A page whose notes or terms changed need not be rendered: the step finishes it again
        from what MkDocs wrote last time, which its cache keeps.
        """
        pages = files.documentation_pages()
        every_page = fingerprint(
            Path(config.config_file_path).read_bytes(),
            repr(config.nav),
            repr(dict(self.config)),
            "\n".join(file.src_uri for file in pages),
        )
        for file in pages:
            digest = fingerprint(every_page, file.content_bytes)
            unchanged = self.preview.rendered.get(file.src_uri) == digest and Path(file.abs_dest_path).exists()
            self.preview.rendered[file.src_uri] = digest
            # MkDocs asks this of every page in a dirty build; its own answer compares file times only.
            file.is_modified = (lambda: False) if unchanged else (lambda: True)  # type: ignore[method-assign]

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.page_urls = [page.url for page in nav.pages]
        if self.dirty:
            # A page MkDocs leaves unread has no title of its own; the navigation shows the last one.
            for file in files.documentation_pages():
                if file.page is not None and not file.is_modified() and file.src_uri in self.preview.titles:
                    file.page.title = self.preview.titles[file.src_uri]
        return nav

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.options.enabled:
            return html
        self.preview.titles[page.file.src_uri] = page.title
        if self.reading:
            self.reading.advance()
        # Our index replaces the search plugin's: spare it the work (jieba over every page) of making its own.
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Every page's Markdown is read: MkDocs now puts each in the theme's templates and writes it.
        if self.options.enabled and self.reading and self.writing:
            self.reading.end()
            self.writing.start(self.reading.total)
        if self.options.enabled and not (self.serving or self.dirty):
            self.ahead = FinishAhead.start(self.settings, self.inputs, self.notes)
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.options.enabled and self.writing:
            self.writing.advance()
        if self.ahead:
            self.ahead.hand_over(page.file.dest_uri, output)
        return output

    def on_build_error(self, *, error: Exception) -> None:
        if self.ahead:
            self.ahead.close()
            self.ahead = None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.options.enabled:
            return
        if self.writing:
            self.writing.end()
        cache = self.preview.cache if self.serving else None
        ahead, self.ahead = self.ahead, None
        progress = progress_for_parent("finish")
        try:
            if ahead:
                report = ahead.finish_site(Path(config.site_dir), self.page_urls, progress)
            else:
                report = finish_site(
                    Path(config.site_dir),
                    self.settings,
                    inputs=self.inputs,
                    notes=self.notes,
                    cache=cache,
                    order=self.page_urls,
                    progress=progress,
                )
        except (InputError, InputErrors, OSError) as error:
            raise _plugin_error(error) from None
        for notice in report.notices:
            log.info("%s", notice)
        # Where the step's time went, for `--verbose` and the benchmark (benchmarks/reader_cost.py).
        phases = ", ".join(f"{name} {seconds:.2f}" for name, seconds in report.phases.items())
        log.debug("finish: CPU seconds by phase: %s", phases)
        if ahead:
            log.debug(
                "finish: %d of %d pages finished while MkDocs wrote the others", ahead.taken, len(report.finished)
            )
        # MkDocs' own process, workers apart: what a quiet machine's wall time follows when the workers keep up.
        own = resource.getrusage(resource.RUSAGE_SELF)
        log.debug("finish: the MkDocs process's own CPU seconds: %.2f", own.ru_utime + own.ru_stime)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        if not self.options.enabled:
            return server
        watched = (self.root / self.options.glossary, self.root / self.options.annotations, self.root / "sources")
        for path in watched:
            if path.exists():
                server.watch(str(path))
        return server
