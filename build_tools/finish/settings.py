"""What the step over a built site needs to know, from plain files: mkdocs.yml read as YAML, and options.

Zensical reads the same mkdocs.yml; nothing here asks a generator for its configuration.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from build_tools.common.errors import InputError
from build_tools.glossary.marking import MarkPolicy

PLUGIN_NAME = "policy-reader"


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
    """

    root: Path
    site_url: str = ""
    site_name: str = ""
    repo_url: str | None = None
    directory_urls: bool = True
    glossary: str = "glossary.yaml"
    annotations: str = "annotations"
    glossary_marks: MarkPolicy = MarkPolicy.FIRST_IN_SECTION
    edit_branch: str = "main"

    @property
    def docs_dir(self) -> Path:
        """The pages `import` writes."""
        return self.root / "docs"


class _ConfigLoader(yaml.SafeLoader):
    """YAML as mkdocs.yml writes it: ``!ENV`` read from the environment, Python object tags ignored."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)  # type: ignore[arg-type]
    default = names.pop() if len(names) > 1 else None
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


def _ignored(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_constructor("!ENV", _env)
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


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as a mapping, ``!ENV`` values read from the environment.

    Raises:
        InputError: The file cannot be read, or is not a mapping of settings.
    """
    shown = config_file.name
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - safe loader
    except OSError as error:
        raise InputError(
            shown, f"cannot read the configuration ({error.strerror})", "name an existing mkdocs.yml with --config"
        ) from None
    except UnicodeDecodeError as error:
        raise InputError(
            shown,
            f"is not UTF-8 text (byte {error.object[error.start]:#04x} at offset {error.start})",
            "save it as UTF-8",
        ) from None
    except yaml.YAMLError as error:
        raise InputError(shown, f"is not valid YAML: {error}", "correct the YAML syntax") from None
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
    options = _plugin_options(config)
    marks = str(options.get("glossary_marks", MarkPolicy.FIRST_IN_SECTION.value))
    if marks not in {p.value for p in MarkPolicy}:
        raise InputError(
            shown,
            f"plugins: {PLUGIN_NAME}: glossary_marks is '{marks}', which the reader does not know",
            "use one of: " + ", ".join(p.value for p in MarkPolicy),
            key=f"plugins.{PLUGIN_NAME}.glossary_marks",
        )
    offline = bool(options.get("offline", False))
    settings = FinishSettings(
        root=config_file.resolve().parent,
        site_url=str(config.get("site_url") or ""),
        site_name=str(config.get("site_name") or ""),
        repo_url=str(config["repo_url"]) if config.get("repo_url") else None,
        directory_urls=bool(config.get("use_directory_urls", True)) and not offline,
        glossary=str(options.get("glossary", "glossary.yaml")),
        annotations=str(options.get("annotations", "annotations")),
        glossary_marks=MarkPolicy(marks),
        edit_branch=str(options.get("edit_branch", "main")),
    )
    settings = replace(settings, **{key: value for key, value in overrides.items() if value is not None})
    if settings.site_url and not settings.site_url.endswith("/"):
        settings = replace(settings, site_url=settings.site_url + "/")
    return settings
