"""MkDocs events → the policy-reader core. Logic lives in the core, not here."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from build_tools.annotations.authoring import authoring_marker
from build_tools.annotations.corpus import Corpus, corpus_of
from build_tools.annotations.export import annotation_collection
from build_tools.annotations.load import load_annotations, resolve_annotations
from build_tools.annotations.measures_map import render_measures_page
from build_tools.annotations.model import ResolvedAnnotation
from build_tools.annotations.render import annotations_by_page, annotations_for_page, apply_to_page
from build_tools.common.errors import InputError, InputErrors
from build_tools.finish.preview import PageRecord, PreviewMemory, fingerprint
from build_tools.generators.mkdocs.config import PolicyReaderConfig
from build_tools.glossary.load import load_glossary
from build_tools.glossary.marking import MarkPolicy, mark_terms
from build_tools.glossary.matcher import TermMatcher
from build_tools.glossary.model import Glossary
from build_tools.glossary.pages import PageUse, fill_uses, render_glossary_page, render_tooltips
from build_tools.importer.navigation import build_nav
from build_tools.importer.project import Project
from build_tools.search.grams import shard_path
from build_tools.search.index import (
    glossary_entries,
    in_reading_order,
    index_parts,
    index_script,
    index_shards,
    material_index,
    part_path,
    point_search_box_at_engine,
)
from build_tools.search.sections import Section, page_sections

PACKAGE = Path(__file__).resolve().parents[2]
ASSETS = PACKAGE / "assets"
# What every page loads (one file a concern), and the search engine's own scripts.
READER_ASSETS = ASSETS / "reader"
SEARCH_ASSETS = ASSETS / "search"
THEME_OVERRIDES = PACKAGE / "theme"
ASSET_PREFIX = "assets/policy-reader/"
GLOSSARY_PAGE = "glossary.md"
MEASURES_PAGE = "measures.md"
ANNOTATIONS_EXPORT = "annotations.jsonld"
SEARCH_SHIM = "search-shim.js"
log = logging.getLogger("mkdocs.plugins.policy-reader")
DIRTY_NOTICE = "A 'dirty' build is being performed"


class _PreciseDirtyBuilds(logging.Filter):
    """Drops MkDocs' warning that a dirty build leaves navigation and links stale (fatal with `strict`).

    With this plugin a dirty build makes again every page whose inputs changed, the
    navigation among them, and gives the pages it leaves their titles: the warning is untrue.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_NOTICE)


def _plugin_error(error: InputError | InputErrors) -> PluginError:
    errors = error.errors if isinstance(error, InputErrors) else [error]
    return PluginError("\n".join(str(e) for e in errors))


class PolicyReaderPlugin(BasePlugin[PolicyReaderConfig]):
    """Adds navigation, glossary tooltips and the glossary page to a Material site."""

    serving = False
    dirty = False
    imported: tuple[tuple[str, int, int], ...] | None = None  # `sources/` as the last import found it
    # Each rebuild of `mkdocs serve` loads the configuration, and so this plugin, afresh.
    preview = PreviewMemory()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Remember that we preview, and whether pages whose inputs did not change are left as they are
        # (`build --dirty` starts with nothing remembered, and so makes every page again).
        PolicyReaderPlugin.serving = command == "serve"
        PolicyReaderPlugin.dirty = dirty
        builder = logging.getLogger("mkdocs.commands.build")
        if self.dirty and not any(isinstance(f, _PreciseDirtyBuilds) for f in builder.filters):
            builder.addFilter(_PreciseDirtyBuilds())

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not (self.config.enabled and self.serving):
            return
        # While previewing, a saved source page is re-imported before the docs are read.
        project = Project(self.root)
        state = project.sources_state()
        if state == PolicyReaderPlugin.imported:
            return  # nothing saved under sources/ since
        try:
            for name in project.import_sources():
                log.info("policy-reader import: wrote docs/%s", name)
        except (InputError, InputErrors) as error:
            raise _plugin_error(error) from None
        PolicyReaderPlugin.imported = state

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.root = Path(config.config_file_path).resolve().parent
        self.glossary_path = self.root / self.config.glossary
        try:
            loaded = load_glossary(self.glossary_path, self.config.glossary)
        except (InputError, InputErrors) as error:
            raise _plugin_error(error) from None
        for notice in loaded.markup:
            log.info("%s", notice)
        self.glossary: Glossary = loaded.glossary
        self.matcher = TermMatcher(self.glossary)
        self.policy = MarkPolicy(self.config.glossary_marks)
        self.annotations, errors = load_annotations(self.root / self.config.annotations, self.config.annotations)
        if errors:
            raise _plugin_error(InputErrors(errors))
        try:
            self.sources = Project(self.root).load_sources()
        except (InputError, InputErrors) as error:
            raise _plugin_error(error) from None
        self.resolved: list[ResolvedAnnotation] = []
        # What each page made in this build gives the search index and the glossary page, by source path.
        self.page_sections: dict[str, list[Section]] = {}
        self.page_uses: dict[str, PageUse] = {}
        self.sections: list[Section] = []
        self.uses: list[PageUse] = []
        self.fingerprints: dict[str, str] = {}
        self.page_urls: list[str] = []
        if self.config.offline:
            # Pages opened from disk need links to files (page.html), not to folders.
            config.use_directory_urls = False
        if self.config.nav and not config.nav:
            extra = [GLOSSARY_PAGE] if self.glossary.terms else []
            extra += [MEASURES_PAGE] if self.sources else []
            config.nav = build_nav(Path(config.docs_dir), extra)
        for asset in sorted(READER_ASSETS.glob("*.css")):
            config.extra_css.append(ASSET_PREFIX + asset.name)
        # Our templates (link previews, a Chinese 404 page) take precedence over the theme's.
        config.theme.dirs.insert(0, str(THEME_OVERRIDES))
        for asset in sorted(READER_ASSETS.glob("*.js")):
            config.extra_javascript.append(ASSET_PREFIX + asset.name)
        # Before Material's bundle starts the search worker (see search-shim.js).
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), ASSET_PREFIX + SEARCH_SHIM]
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        for asset in sorted([*READER_ASSETS.iterdir(), *SEARCH_ASSETS.iterdir()]):
            if asset.is_file():
                files.append(File.generated(config, ASSET_PREFIX + asset.name, abs_src_path=str(asset)))
        if self.glossary.terms:
            files.append(File.generated(config, GLOSSARY_PAGE, content=render_glossary_page(self.glossary)))

        def url_of(source_id: str, article_id: str) -> str:
            page = files.get_file_from_path(f"{source_id}/{article_id}.md")
            return page.url if page else f"{source_id}/{article_id}/"

        self.corpus: Corpus = corpus_of(self.sources, url_of)
        result = resolve_annotations(self.annotations, self.corpus)
        if result.errors:
            raise _plugin_error(InputErrors(result.errors))
        for notice in result.notices:
            log.info("%s", notice)
        self.resolved = result.resolved
        self.annotations_by_page = annotations_by_page(self.resolved)
        if self.sources:
            measures = File.generated(config, MEASURES_PAGE, content="")
            measures.content_string = render_measures_page(self.corpus, self.resolved, measures.url, get_relative_url)
            files.append(measures)
        if self.dirty:
            self._make_only_changed_pages(files, config)
        return files

    def _make_only_changed_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Have MkDocs make again only the pages whose inputs changed since the last preview build."""
        pages = files.documentation_pages()
        every_page = fingerprint(
            Path(config.config_file_path).read_bytes(),
            self.glossary_path.read_bytes() if self.glossary_path.exists() else b"",
            repr(config.nav),
            repr(dict(self.config)),
            "\n".join(file.src_uri for file in pages),
        )
        for file in pages:
            if file.generated_by:
                continue  # made from what every page is made from: always made again
            notes = repr(self.annotations_by_page.get(file.url, []))
            digest = self.fingerprints[file.src_uri] = fingerprint(every_page, file.content_bytes, notes)
            unchanged = self.preview.is_current(file.src_uri, digest) and Path(file.abs_dest_path).exists()
            # MkDocs asks this of every page in a dirty build; its own answer compares file times only.
            file.is_modified = (lambda: False) if unchanged else (lambda: True)  # type: ignore[method-assign]

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.page_urls = [page.url for page in nav.pages]
        if self.dirty:
            # A page MkDocs leaves unread has no title of its own; the navigation shows the last one.
            for file in files.documentation_pages():
                record = self.preview.record(file.src_uri)
                if file.page is not None and not file.is_modified() and record is not None:
                    file.page.title = record.title
        return nav

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return html
        # A document's page (report, government document, regulation) is read, marked and noted as an essay's.
        essay = (page.meta.get("policy_reader") or {}).get("kind") in {"article", "document"}
        tooltips = ""
        if essay:
            html, tooltips = self._annotate_essay(html, page, files)
            tooltips += self._authoring_marker(page, config)
        search = page.meta.get("search") or {}
        path = page.file.src_uri
        title = page.title or page.url
        self.page_sections[path] = [] if search.get("exclude") else page_sections(html, page.url, title, essay)
        # Our index replaces the search plugin's: spare it the work (jieba over every page) of making its own.
        page.meta["search"] = {**search, "exclude": True}
        if self.dirty and path in self.fingerprints:
            sections, use = tuple(self.page_sections[path]), self.page_uses.get(path)
            self.preview.remember(path, PageRecord(self.fingerprints[path], page.title, sections, use))
        return html + tooltips

    def _annotate_essay(self, html: str, page: Page, files: Files) -> tuple[str, str]:
        """The essay's HTML with notes and terms marked, and the tooltips its terms need."""
        notes = annotations_for_page(self.annotations_by_page.get(page.url, []), page.url, get_relative_url)
        marked = mark_terms(apply_to_page(html, notes), self.matcher, self.policy)
        self.page_uses[page.file.src_uri] = PageUse(page.url, page.title or page.url, tuple(marked.occurrences))
        glossary_url = get_relative_url(self._glossary_url(files), page.url)
        return marked.html, render_tooltips((self.glossary.by_id[t] for t in marked.marked_terms), glossary_url)

    def _authoring_marker(self, page: Page, config: MkDocsConfig) -> str:
        """What select-to-note (annotate.js) needs to know of this essay."""
        meta = page.meta.get("policy_reader") or {}
        found = self.corpus.find(f"{meta.get('source')}/{meta.get('article')}")
        if len(found) != 1:
            return ""
        return authoring_marker(
            self.corpus, found[0], config.repo_url, self.config.edit_branch, self.config.annotations
        )

    def _glossary_url(self, files: Files) -> str:
        glossary = files.get_file_from_path(GLOSSARY_PAGE)
        return glossary.url if glossary else "glossary/"

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if not self.config.enabled:
            return env
        # In page order, as a full build gathers them; a page not made again gives what it gave last time.
        for file in files.documentation_pages():
            path = file.src_uri
            if path not in self.page_sections and (record := self.preview.record(path)) is not None:
                self.page_sections[path] = list(record.sections)
                if record.use is not None:
                    self.page_uses[path] = record.use
            self.sections += self.page_sections.get(path, [])
            if path in self.page_uses:
                self.uses.append(self.page_uses[path])
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return output
        return point_search_box_at_engine(output)

    @event_priority(50)  # before the search plugin indexes the page
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if self.config.enabled and page.file.src_uri == GLOSSARY_PAGE and page.content:
            uses = [PageUse(get_relative_url(use.url, page.url), use.title, use.occurrences) for use in self.uses]
            page.content = fill_uses(page.content, self.glossary, uses)
        return context

    @event_priority(-50)  # after the search plugin wrote its index, which ours replaces
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        not_found = site / "404.html"
        if not_found.exists():
            not_found.write_text(point_search_box_at_engine(not_found.read_text(encoding="utf-8")), encoding="utf-8")
        glossary_url = "glossary.html" if not config.use_directory_urls else "glossary/"
        (site / "search").mkdir(exist_ok=True)
        (site / "search" / "search_index.json").write_text(material_index(), encoding="utf-8")
        (site / "search" / "search_index.js").write_text(index_script(material_index()), encoding="utf-8")
        sections = in_reading_order(self.sections, self.page_urls)
        entries = glossary_entries(self.glossary, glossary_url)
        for n, part in enumerate(index_parts(sections, entries)):
            (site / part_path(n)).write_text(part, encoding="utf-8")
        (site / "search" / "grams").mkdir(exist_ok=True)
        for n, shard in enumerate(index_shards(sections, entries)):
            (site / shard_path(n)).write_text(shard, encoding="utf-8")
        export = annotation_collection(self.resolved, config.site_url or "", config.site_name)
        Path(config.site_dir, ANNOTATIONS_EXPORT).write_text(export, encoding="utf-8")
        used = {o.term_id for use in self.uses for o in use.occurrences}
        for term in self.glossary.terms:
            if term.id not in used:
                log.info("%s:%s: the term '%s' is used in no essay", self.config.glossary, term.line, term.term)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        if not self.config.enabled:
            return server
        for watched in (self.glossary_path, self.root / self.config.annotations, self.root / "sources"):
            if watched.exists():
                server.watch(str(watched))
        return server
