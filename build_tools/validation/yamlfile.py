"""Load YAML with the line of every key and item, so messages can point at them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from build_tools.common.errors import InputError

KeyPath = tuple[str | int, ...]
# libyaml, where PyYAML was built with it, reads and writes the same YAML many times faster.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SAFE_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass
class YamlDocument:
    """A parsed YAML file and the line each of its keys or items starts on.

    Attributes:
        path: The file, as shown in messages.
        data: The plain Python data.
        lines: 1-based line for each key path, e.g. ``("terms", 3, "definition")``.
    """

    path: str
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, key_path: KeyPath) -> int | None:
        """The line of `key_path`, or of its nearest parent that has one."""
        for end in range(len(key_path), -1, -1):
            if key_path[:end] in self.lines:
                return self.lines[key_path[:end]]
        return None

    def error(self, key_path: KeyPath, problem: str, fix: str) -> InputError:
        """An `InputError` pointing at `key_path` in this file."""
        return InputError(self.path, problem, fix, line=self.line_of(key_path), key=format_key(key_path) or None)


def format_key(key_path: KeyPath) -> str:
    """Show a key path the way an editor reads it: ``terms[3].definition``."""
    text = ""
    for part in key_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def load_yaml(path: Path, shown_as: str) -> YamlDocument:
    """Parse a YAML file, keeping lines; refuse duplicate keys and bad syntax.

    Raises:
        InputError: The file cannot be read, is not valid YAML, or repeats a key.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(shown_as, "the file is not UTF-8 text", "save it as UTF-8") from None
    except OSError as error:
        raise InputError(shown_as, f"cannot read the file ({error.strerror})", "check that it exists") from None
    return parse_yaml(text, shown_as)


def parse_yaml(text: str, shown_as: str) -> YamlDocument:
    """Parse YAML text; see `load_yaml`."""
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        # Where a bracket or quote is never closed, the problem shows at the file's end, and the
        # context mark (where it was opened) is what the editor must fix; otherwise the problem mark is.
        unclosed = bool(error.context and error.context.startswith(("while parsing a flow", "while scanning a quoted")))
        mark = (error.context_mark if unclosed else None) or error.problem_mark or error.context_mark
        problem = f"{error.problem or error.context}"
        if error.context and error.problem:
            problem = f"{error.context}: {error.problem}"
        raise InputError(
            shown_as,
            f"this is not valid YAML: {problem}",
            "check indentation and quoting on that line; a value holding ': ' or starting with "
            "'[', '{', '*' or '&' must be quoted",
            line=mark.line + 1 if mark else None,
        ) from None
    except yaml.YAMLError as error:
        raise InputError(shown_as, f"this is not valid YAML: {error}", "check the file's syntax") from None
    finally:
        loader.dispose()
    doc = YamlDocument(shown_as, data)
    if node is not None:
        _record_lines(doc, node, ())
    return doc


def _record_lines(doc: YamlDocument, node: yaml.Node, key_path: KeyPath) -> None:
    doc.lines.setdefault(key_path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise InputError(
                    doc.path,
                    f"the key '{key}' is given twice here; YAML would silently keep only the last",
                    "remove one of the two, or merge them",
                    line=key_node.start_mark.line + 1,
                    key=format_key((*key_path, key)),
                )
            seen.add(key)
            doc.lines[(*key_path, key)] = key_node.start_mark.line + 1
            _record_lines(doc, value_node, (*key_path, key))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            doc.lines[(*key_path, index)] = item.start_mark.line + 1
            _record_lines(doc, item, (*key_path, index))
