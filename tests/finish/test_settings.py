"""Settings written once: the plugin's options in `PluginOptions`, the Markdown options in mkdocs.yml.

MkDocs' plugin configuration is made from `PluginOptions`, and `policy-reader finish` reads the same
options from mkdocs.yml as YAML: both give every option the one default. The Markdown the step
renders itself is rendered with the extensions mkdocs.yml names, exactly as MkDocs renders it.
"""

from __future__ import annotations

import enum
from dataclasses import asdict
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from build_tools.common.errors import InputError
from build_tools.finish.markdown import render_markdown
from build_tools.finish.settings import DEFAULTS, FinishSettings, PluginOptions, plugin_options, settings_from_config
from build_tools.generators.mkdocs.config import PolicyReaderConfig
from tests.conftest import ROOT

HEADINGS = '## 术语表 Glossary\n\n### 数字政府\n\n<div class="x" markdown>\n*有* `代码`\n</div>\n\n## 数字政府\n'


def _mkdocs_yml(folder: Path, text: str) -> Path:
    (folder / "docs").mkdir(exist_ok=True)
    config = folder / "mkdocs.yml"
    config.write_text("site_name: 测试\n" + text, encoding="utf-8")
    return config


def test_mkdocs_gives_each_option_the_default_of_plugin_options() -> None:
    config = PolicyReaderConfig()
    config.load_dict({})
    assert config.validate() == ([], [])
    written = {name: value.value if isinstance(value, enum.Enum) else value for name, value in asdict(DEFAULTS).items()}
    assert dict(config) == written
    assert plugin_options(config, "mkdocs.yml") == DEFAULTS == PluginOptions()


def test_a_project_that_sets_no_option_gets_the_defaults_from_either_reader(tmp_path: Path) -> None:
    settings = settings_from_config(_mkdocs_yml(tmp_path, "plugins:\n  - policy-reader\n"))
    assert settings == FinishSettings(tmp_path.resolve(), site_name="测试", markdown_extensions=())
    assert (settings.glossary, settings.annotations, settings.glossary_marks, settings.edit_branch) == (
        DEFAULTS.glossary,
        DEFAULTS.annotations,
        DEFAULTS.glossary_marks,
        DEFAULTS.edit_branch,
    )


def test_the_options_a_project_sets_are_read_alike_by_mkdocs_and_by_finish(tmp_path: Path) -> None:
    options = "{glossary: terms.yaml, annotations: notes, glossary_marks: every, edit_branch: drafts, nav: false}"
    config_file = _mkdocs_yml(tmp_path, f"plugins:\n  - policy-reader: {options}\n")
    (tmp_path / "terms.yaml").write_text("", encoding="utf-8")
    settings = settings_from_config(config_file)
    mkdocs = load_config(str(config_file))["plugins"]["policy-reader"].config
    read = plugin_options(mkdocs, "mkdocs.yml")
    assert read == PluginOptions(
        nav=False, glossary="terms.yaml", annotations="notes", glossary_marks=read.glossary_marks, edit_branch="drafts"
    )
    assert read.glossary_marks.value == "every"
    assert (settings.glossary, settings.annotations, settings.glossary_marks, settings.edit_branch) == (
        read.glossary,
        read.annotations,
        read.glossary_marks,
        read.edit_branch,
    )


def test_the_step_renders_markdown_as_mkdocs_does_with_the_extensions_of_mkdocs_yml() -> None:
    mkdocs = load_config(str(ROOT / "mkdocs.yml"))
    theirs = markdown.Markdown(extensions=mkdocs["markdown_extensions"], extension_configs=mkdocs["mdx_configs"])
    ours = render_markdown(HEADINGS, settings_from_config(ROOT / "mkdocs.yml").markdown_extensions)
    assert 'title="本节链接"' in ours and 'id="数字政府"' in ours  # the options of mkdocs.yml, not Python-Markdown's
    assert ours == theirs.convert(HEADINGS)


def test_a_python_call_in_mkdocs_yml_other_than_the_slugify_is_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    config_file = _mkdocs_yml(
        tmp_path,
        "markdown_extensions:\n"
        f"  - toc:\n      permalink: !!python/object/apply:pathlib.Path.touch {{kwds: {{self: {str(marker)!r}}}}}\n",
    )
    settings = settings_from_config(config_file)
    render_markdown("## 标题\n", settings.markdown_extensions)
    assert not marker.exists()


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("  - tocc\n", "markdown_extensions: tocc: it does not load (ModuleNotFoundError"),
        ("  - toc: [permalink]\n", "markdown_extensions: toc: its options are not a mapping"),
        ("  - {toc: {}, admonition: {}}\n", "it is neither a name nor a name with its options"),
    ],
)
def test_a_markdown_extension_the_step_cannot_load_is_an_error_naming_mkdocs_yml(
    tmp_path: Path, entry: str, problem: str
) -> None:
    with pytest.raises(InputError) as raised:
        settings_from_config(_mkdocs_yml(tmp_path, "markdown_extensions:\n" + entry))
    assert raised.value.path == "mkdocs.yml" and raised.value.key == "markdown_extensions"
    assert problem in raised.value.problem
    assert "Python-Markdown extension" in raised.value.fix
