"""Load YAML with the line of every key and item, so messages can point at them; within limits.

Every YAML file the tool reads goes through `check_bounds`: anchors and aliases refused (or, in
mkdocs.yml, bounded in what they expand to), nesting and size limited, so a hostile file is a
message naming its line, never a traceback or gigabytes of memory.
"""

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
#: The largest YAML file read: a glossary of thousands of terms is well below it.
MAX_YAML_BYTES = 4 * 1024 * 1024
#: The deepest nesting of lists and mappings read: an editor's file needs five or six levels.
MAX_DEPTH = 20
#: Where aliases are allowed (mkdocs.yml), the most values they may expand to.
MAX_EXPANDED_NODES = 100_000


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
    """Parse a YAML file an editor writes, keeping lines; refuse duplicate keys, bad syntax and what `bounded` refuses.

    Raises:
        InputError: The file cannot be read, is too large, is not valid YAML, or repeats a key.
    """
    return parse_yaml(read_yaml_text(path, shown_as), shown_as)


def read_yaml_text(path: Path, shown_as: str) -> str:
    """The text of a YAML file, refused before it is read whole when it is larger than `MAX_YAML_BYTES`.

    Raises:
        InputError: The file cannot be read, is not UTF-8 or is too large.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_YAML_BYTES + 1)
    except OSError as error:
        raise InputError(shown_as, f"cannot read the file ({error.strerror})", "check that it exists") from None
    if len(data) > MAX_YAML_BYTES:
        raise InputError(
            shown_as,
            f"the file is larger than {MAX_YAML_BYTES // (1024 * 1024)} MB, more than any editor's file needs",
            "split it into smaller files, or remove what does not belong in it",
            line=data[:MAX_YAML_BYTES].count(b"\n") + 1,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(shown_as, "the file is not UTF-8 text", "save it as UTF-8", line=line) from None


def parse_yaml(text: str, shown_as: str) -> YamlDocument:
    """Parse YAML text; see `load_yaml`."""
    node, data = compose_bounded(text, shown_as)
    doc = YamlDocument(shown_as, data)
    if node is not None:
        _record_lines(doc, node, ())
    return doc


def compose_bounded(
    text: str, shown_as: str, loader_class: type[yaml.SafeLoader] = SAFE_LOADER, *, aliases: bool = False
) -> tuple[yaml.Node | None, Any]:
    """Parse YAML text within the limits of `check_bounds`, then build its node tree and data.

    Raises:
        InputError: The text is not valid YAML or breaks a limit; the message names the line.
    """
    check_bounds(text, shown_as, loader_class, aliases=aliases)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    except yaml.YAMLError as error:
        raise _syntax_error(error, shown_as) from None
    finally:
        loader.dispose()


def check_bounds(text: str, shown_as: str, loader_class: type[yaml.SafeLoader] = SAFE_LOADER, *, aliases: bool) -> None:
    """Refuse, before anything is built from it, YAML whose data would be deep or huge.

    The scan reads YAML's events one by one, so its time and memory grow with the text only:
    a file of nested aliases (a "billion laughs") is refused at its first anchor, or, where
    aliases are allowed, once what they would expand to passes `MAX_EXPANDED_NODES`; a file
    nested deeper than `MAX_DEPTH` is refused before any recursive step could overflow.

    Raises:
        InputError: A limit is broken or the text is not valid YAML; the message names the line.
    """
    loader = loader_class(text)
    # Each open collection: its node count so far and its anchor, to weigh what an alias to it repeats.
    open_nodes: list[list[Any]] = [[0, None]]
    weights: dict[str, int] = {}
    try:
        while (event := loader.get_event()) is not None:  # type: ignore[no-untyped-call]
            line = event.start_mark.line + 1
            if isinstance(event, yaml.NodeEvent) and event.anchor is not None and not aliases:
                raise _anchor_error(shown_as, event, line)
            if isinstance(event, yaml.CollectionStartEvent):
                if len(open_nodes) > MAX_DEPTH:
                    raise _depth_error(shown_as, line)
                open_nodes.append([1, event.anchor])
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                count, anchor = open_nodes.pop()
            elif isinstance(event, yaml.AliasEvent):
                count, anchor = weights.get(event.anchor or "", 1), None
            elif isinstance(event, yaml.ScalarEvent):
                count, anchor = 1, event.anchor
            else:
                continue
            if anchor is not None:
                weights[anchor] = count
            open_nodes[-1][0] += count
            if open_nodes[-1][0] > MAX_EXPANDED_NODES:
                raise InputError(
                    shown_as,
                    f"the aliases here repeat more than {MAX_EXPANDED_NODES} values, more than any setting needs",
                    "write the values out where they are used instead of repeating anchors (&name, *name)",
                    line=line,
                )
    except yaml.MarkedYAMLError as error:
        # libyaml refuses a thousand levels of brackets itself, as it scans ahead of the events.
        if "nesting depth" in str(error.problem) and error.problem_mark:
            raise _depth_error(shown_as, error.problem_mark.line + 1) from None
        raise _syntax_error(error, shown_as) from None
    except yaml.YAMLError as error:
        raise _syntax_error(error, shown_as) from None
    finally:
        loader.dispose()


def _depth_error(shown_as: str, line: int) -> InputError:
    return InputError(
        shown_as,
        f"this is nested more than {MAX_DEPTH} levels deep, deeper than any editor's file needs",
        "write the entries as a flat list; a value starting with '[' or '{' must be quoted",
        line=line,
    )


def _anchor_error(shown_as: str, event: yaml.Event, line: int) -> InputError:
    what = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
    sign = "*" if what == "alias" else "&"
    return InputError(
        shown_as,
        f"the YAML {what} {sign}{getattr(event, 'anchor', '')} is not accepted: anchors and aliases repeat "
        "values unseen, and an editor's file has no need of them",
        "write the value out in full where it is used; text starting with '*' or '&' must be quoted",
        line=line,
    )


def _syntax_error(error: yaml.YAMLError, shown_as: str) -> InputError:
    if not isinstance(error, yaml.MarkedYAMLError):
        return InputError(shown_as, f"this is not valid YAML: {error}", "check the file's syntax")
    # Where a bracket or quote is never closed, the problem shows at the file's end, and the
    # context mark (where it was opened) is what the editor must fix; otherwise the problem mark is.
    unclosed = bool(error.context and error.context.startswith(("while parsing a flow", "while scanning a quoted")))
    mark = (error.context_mark if unclosed else None) or error.problem_mark or error.context_mark
    problem = f"{error.problem or error.context}"
    if error.context and error.problem:
        problem = f"{error.context}: {error.problem}"
    return InputError(
        shown_as,
        f"this is not valid YAML: {problem}",
        "check indentation and quoting on that line; a value holding ': ' or starting with "
        "'[', '{', '*' or '&' must be quoted",
        line=mark.line + 1 if mark else None,
    )


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
