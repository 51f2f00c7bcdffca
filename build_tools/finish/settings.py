"""What the step over a built site needs to know, from plain files: mkdocs.yml read as YAML, and options.

Zensical reads the same mkdocs.yml; nothing here asks a generator for its configuration.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

from build_tools.common.errors import InputError
from build_tools.finish.markdown import MarkdownExtension, PythonCall, markdown_extensions
from build_tools.glossary.marking import MarkPolicy
from build_tools.validation.yamlfile import compose_bounded, read_yaml_text

PLUGIN_NAME = "policy-reader"


@dataclass(frozen=True)
class PluginOptions:
    """The options of ``plugins: - policy-reader: {...}`` in mkdocs.yml, each with its type and default, once.

    MkDocs' plugin configuration is made from these fields (build_tools/generators/mkdocs/config.py);
    `settings_from_config` reads them for every other generator.
    """

    #: Turn the plugin off (e.g. to measure a plain Material build).
    enabled: bool = True
    #: Build the navigation (home, source → essays, glossary) when mkdocs.yml gives none.
    nav: bool = True
    #: Build for reading from disk (file://): links to page files; `policy-reader package` sets it.
    offline: bool = False
    #: The glossary file, relative to mkdocs.yml; the default may be absent (no glossary).
    glossary: str = "glossary.yaml"
    #: The folder of annotation files, relative to mkdocs.yml; the default may be absent (no notes).
    annotations: str = "annotations"
    #: Which occurrences of a term get a tooltip: every one, the first in each section, or the first on a page.
    glossary_marks: MarkPolicy = MarkPolicy.FIRST_IN_SECTION
    #: The branch select-to-note proposes new notes on (GitHub's new-file page), when `repo_url` is set.
    edit_branch: str = "main"


#: Every option at its default: what a project that sets none gets.
DEFAULTS = PluginOptions()
PLUGIN_OPTIONS = tuple(option.name for option in fields(PluginOptions))


@dataclass(frozen=True)
class FinishSettings:
    """The step's settings.

    Attributes:
        root: The project folder (sources/, glossary, annotations, docs/).
        site_url: The site's published address ending in ``/`` (or ``""``), for annotations.jsonld.
        site_name: The site's name, the annotation collection's label.
        repo_url: The repository select-to-note proposes notes to, if any.
        directory_urls: Pages are linked as folders (``a/b/``), not files (``a/b.html``).
        glossary: The glossary file, relative to `root`.
        annotations: The folder of annotation files, relative to `root`.
        glossary_marks: Which occurrences of a term get a tooltip.
        edit_branch: The branch select-to-note proposes notes on.
        config_name: The configuration file the settings came from, for messages.
        markdown_extensions: mkdocs.yml's, with which the step renders the Markdown it fills in.
    """

    root: Path
    site_url: str = ""
    site_name: str = ""
    repo_url: str | None = None
    directory_urls: bool = True
    glossary: str = DEFAULTS.glossary
    annotations: str = DEFAULTS.annotations
    glossary_marks: MarkPolicy = DEFAULTS.glossary_marks
    edit_branch: str = DEFAULTS.edit_branch
    config_name: str = "mkdocs.yml"
    markdown_extensions: tuple[MarkdownExtension, ...] = ()

    @classmethod
    def with_options(cls, root: Path, options: PluginOptions, **site: Any) -> FinishSettings:
        """The settings of the project at `root` whose plugin options are `options`; `site`: the other fields."""
        return cls(
            root,
            glossary=options.glossary,
            annotations=options.annotations,
            glossary_marks=options.glossary_marks,
            edit_branch=options.edit_branch,
            **site,
        )

    @property
    def docs_dir(self) -> Path:
        """The pages `import` writes."""
        return self.root / "docs"

    def glossary_file(self) -> Path:
        """The glossary's file: the default may be absent (no glossary), a file the settings name may not.

        Raises:
            InputError: The named file is missing, or lies (or links) outside the project.
        """
        return self._input_path("glossary", self.glossary, DEFAULTS.glossary, "a file")

    def annotations_folder(self) -> Path:
        """The annotations' folder; as `glossary_file`.

        Raises:
            InputError: The named folder is missing, or lies (or links) outside the project.
        """
        return self._input_path("annotations", self.annotations, DEFAULTS.annotations, "a folder")

    def _input_path(self, key: str, value: str, default: str, kind: str) -> Path:
        path = self.root / value
        setting = f"plugins.{PLUGIN_NAME}.{key}"
        if not path.resolve().is_relative_to(self.root.resolve()):
            raise InputError(
                self.config_name,
                f"{key}: '{value}' leads outside the project, and nothing outside it is read",
                f"keep the {key} inside the project folder and name it relative to {self.config_name}",
                key=setting,
            )
        is_kind = path.is_file() if kind == "a file" else path.is_dir()
        if not is_kind and (value != default or path.exists()):
            raise InputError(
                self.config_name,
                f"{key}: '{value}' is not {kind} of the project, so nothing would be read from it",
                f"correct the path (relative to {self.config_name}), or remove the setting to use {default}",
                key=setting,
            )
        return path


class _ConfigLoader(yaml.SafeLoader):
    """YAML as mkdocs.yml writes it: ``!ENV`` read from the environment, Python object tags ignored."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)  # type: ignore[arg-type]
    default = names.pop() if len(names) > 1 else None
    for name in names:
        if str(name) in os.environ:
            return compose_bounded(os.environ[str(name)], f"${name} (mkdocs.yml)", aliases=True)[1]
    return default


def _ignored(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


def _call(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> PythonCall | None:
    """``!!python/object/apply:NAME {kwds: …}``, kept as written: only build_tools/finish/markdown.py calls one."""
    if not isinstance(node, yaml.MappingNode):
        return None
    kwds = loader.construct_mapping(node, deep=True).get("kwds") or {}
    return PythonCall(suffix, tuple(sorted(kwds.items()))) if isinstance(kwds, dict) else None


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/object/apply:", _call)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignored)


def _plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    plugins = config.get("plugins") or []
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else ((p, {}) if isinstance(p, str) else next(iter(p.items())) for p in plugins if p)
    )
    for name, options in entries:
        if name == PLUGIN_NAME:
            return dict(options or {})
    return {}


def _unknown_option_error(shown: str, options: dict[str, Any]) -> InputError | None:
    """An error for the first option of the plugin it does not know (a misspelt one would be ignored)."""
    for name in options:
        if name not in PLUGIN_OPTIONS:
            close = difflib.get_close_matches(str(name), PLUGIN_OPTIONS, n=1)
            return InputError(
                shown,
                f"plugins: {PLUGIN_NAME}: the option '{name}' is not one the reader knows",
                (f"did you mean '{close[0]}'? " if close else "") + "the options: " + ", ".join(PLUGIN_OPTIONS),
                key=f"plugins.{PLUGIN_NAME}.{name}",
            )
    return None


def plugin_options(options: Mapping[str, Any], shown: str) -> PluginOptions:
    """The plugin's options as mkdocs.yml gives them (`shown`: its name), the others at their defaults.

    Raises:
        InputError: An option the plugin does not know, or a `glossary_marks` it does not know.
    """
    if (unknown := _unknown_option_error(shown, dict(options))) is not None:
        raise unknown
    marks = str(options.get("glossary_marks", DEFAULTS.glossary_marks.value))
    if marks not in {p.value for p in MarkPolicy}:
        raise InputError(
            shown,
            f"plugins: {PLUGIN_NAME}: glossary_marks is '{marks}', which the reader does not know",
            "use one of: " + ", ".join(p.value for p in MarkPolicy),
            key=f"plugins.{PLUGIN_NAME}.glossary_marks",
        )
    read: dict[str, Any] = {"glossary_marks": MarkPolicy(marks)}
    for option in fields(PluginOptions):
        if option.name not in read:
            default = getattr(DEFAULTS, option.name)
            read[option.name] = type(default)(options.get(option.name, default))
    return PluginOptions(**read)


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as a mapping, ``!ENV`` values read from the environment.

    Raises:
        InputError: The file cannot be read, or is not a mapping of settings.
    """
    shown = config_file.name
    if not config_file.is_file():
        raise InputError(
            shown, "cannot read the configuration (no such file)", "name an existing mkdocs.yml with --config"
        )
    # MkDocs allows anchors and aliases here: they are kept, within a bound on what they expand to.
    _node, config = compose_bounded(read_yaml_text(config_file, shown), shown, _ConfigLoader, aliases=True)
    if not isinstance(config, dict):
        raise InputError(shown, "is not a mapping of settings", "write mkdocs.yml as `key: value` lines")
    return config


def settings_from_config(config_file: Path, **overrides: Any) -> FinishSettings:
    """The settings mkdocs.yml gives, with `overrides` (those not None) in place of its values.

    Raises:
        InputError: The file cannot be read, or a value the step uses is not one it understands.
    """
    shown = config_file.name
    config = read_config(config_file)
    options = plugin_options(_plugin_options(config), shown)
    settings = FinishSettings.with_options(
        config_file.resolve().parent,
        options,
        site_url=str(config.get("site_url") or ""),
        site_name=str(config.get("site_name") or ""),
        repo_url=str(config["repo_url"]) if config.get("repo_url") else None,
        directory_urls=bool(config.get("use_directory_urls", True)) and not options.offline,
        config_name=shown,
        markdown_extensions=markdown_extensions(config, shown),
    )
    settings = replace(settings, **{key: value for key, value in overrides.items() if value is not None})
    if settings.site_url and not settings.site_url.endswith("/"):
        settings = replace(settings, site_url=settings.site_url + "/")
    return settings
