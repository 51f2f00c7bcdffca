"""The Markdown of the pages the step fills in itself, rendered as mkdocs.yml renders the rest.

A generator that runs no plugin renders the stubs `import` writes for the glossary page and
the measures map; their content, made from files editors change in pull requests, is
rendered here, with the `markdown_extensions` mkdocs.yml names (ids, permalinks, slugs): they are
written there once, for MkDocs, Zensical and this step alike.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import markdown
from pymdownx.slugs import slugify

from build_tools.common.errors import InputError

#: What a ``!!python/object/apply:NAME`` value of mkdocs.yml may call here: nothing else in it is run.
_CALLABLES: dict[str, Callable[..., Any]] = {"pymdownx.slugs.slugify": slugify}


@dataclass(frozen=True)
class PythonCall:
    """A ``!!python/object/apply:NAME`` value of mkdocs.yml (e.g. the headings' slugify), kept as written."""

    name: str
    kwds: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class MarkdownExtension:
    """One entry of mkdocs.yml's `markdown_extensions`: the extension's name and its options."""

    name: str
    options: tuple[tuple[str, Any], ...] = ()


def _value(value: Any) -> Any:
    if isinstance(value, PythonCall):
        function = _CALLABLES.get(value.name)
        return None if function is None else function(**dict(value.kwds))
    return value


def markdown_converter(extensions: tuple[MarkdownExtension, ...]) -> markdown.Markdown:
    """Python-Markdown with `extensions` and their options, as MkDocs loads them."""
    return markdown.Markdown(
        extensions=[extension.name for extension in extensions],
        extension_configs={e.name: {key: _value(value) for key, value in e.options} for e in extensions if e.options},
    )


def render_markdown(text: str, extensions: tuple[MarkdownExtension, ...]) -> str:
    """`text` (Markdown with raw HTML blocks and heading attributes) as HTML."""
    return str(markdown_converter(extensions).convert(text))


def markdown_extensions(config: Mapping[str, Any], shown: str) -> tuple[MarkdownExtension, ...]:
    """The `markdown_extensions` of mkdocs.yml (`config`, shown as `shown`), each loaded once to know it loads.

    Raises:
        InputError: An entry is not a name or a name with options, or its extension does not load.
    """
    entries = config.get("markdown_extensions") or []
    found: list[MarkdownExtension] = []
    for entry in entries if isinstance(entries, list) else [entries]:
        if isinstance(entry, str):
            found.append(MarkdownExtension(entry))
        elif isinstance(entry, dict) and len(entry) == 1:
            ((name, options),) = entry.items()
            options = options or {}
            if not isinstance(options, dict):
                raise _bad_entry(shown, str(name), "its options are not a mapping")
            found.append(MarkdownExtension(str(name), tuple(options.items())))
        else:
            raise _bad_entry(shown, str(entry), "it is neither a name nor a name with its options")
    for extension in found:
        try:
            markdown_converter((extension,))
        except Exception as error:  # an extension may fail in any way as it loads: say which, and why
            raise _bad_entry(shown, extension.name, f"it does not load ({type(error).__name__}: {error})") from None
    return tuple(found)


def _bad_entry(shown: str, name: str, problem: str) -> InputError:
    return InputError(
        shown,
        f"markdown_extensions: {name}: {problem}",
        "name an installed Python-Markdown extension, with its options as a mapping (`- toc: {permalink: true}`)",
        key="markdown_extensions",
    )
