"""Check YAML data against a JSON Schema and explain each failure to an editor."""

from __future__ import annotations

import difflib
from typing import Any

import jsonschema

from build_tools.common.errors import InputError
from build_tools.common.urls import web_url_problem
from build_tools.validation.yamlfile import YamlDocument

#: Formats the schemas name, each checked by the one function that judges it.
FORMATS = jsonschema.FormatChecker(formats=())
FORMATS.checks("web-url")(lambda value: not isinstance(value, str) or web_url_problem(value) is None)


def schema_errors(doc: YamlDocument, schema: dict[str, Any]) -> list[InputError]:
    """Every way `doc` breaks `schema`, each located and with a fix, in file order."""
    validator = jsonschema.Draft202012Validator(schema, format_checker=FORMATS)
    errors = [_explain(doc, e) for e in validator.iter_errors(doc.data)]
    return sorted(errors, key=lambda e: e.line or 0)


def _explain(doc: YamlDocument, error: jsonschema.ValidationError) -> InputError:
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        unknown = sorted(set(doc_keys(error.instance)) - set(allowed))
        key = unknown[0]
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return doc.error(
            (*path, key),
            f"unknown key '{key}'",
            f"{hint}allowed keys here: {', '.join(allowed)}",
        )
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return doc.error(path, f"the required key '{missing}' is missing", f"add `{missing}:` here")
    if error.validator == "type":
        wanted = schema.get("type")
        return doc.error(path, f"expected {_type_name(wanted)}, found {_found_name(error.instance)}", _type_fix(wanted))
    if error.validator == "pattern":
        why = schema.get("description", f"write it to match {schema.get('pattern')}")
        return doc.error(path, f"the value {error.instance!r} is not allowed here", why)
    if error.validator == "format" and schema.get("format") == "web-url":
        problem = web_url_problem(str(error.instance))
        return doc.error(path, f"the value {error.instance!r} is not allowed here: {problem}", schema["description"])
    if error.validator == "enum":
        return doc.error(
            path,
            f"the value {error.instance!r} is not one of the allowed values",
            f"use one of: {', '.join(map(str, schema.get('enum', [])))}",
        )
    if error.validator in ("oneOf", "anyOf"):
        return doc.error(path, "this entry does not say what it points at in one way", schema.get("description", ""))
    if error.validator == "minimum":
        why = schema.get("description", f"give a number of at least {schema.get('minimum')}")
        return doc.error(path, f"the value {error.instance!r} is too small", why)
    if error.validator == "dependentRequired":
        key, needed = next((k, v) for k, v in schema["dependentRequired"].items() if k in doc_keys(error.instance))
        return doc.error(
            (*path, key),
            f"'{key}' is given without {', '.join(f'{n!r}' for n in needed)}",
            f"add `{needed[0]}:` beside it, or remove `{key}`",
        )
    if error.validator == "uniqueItems":
        values = [str(v) for v in error.instance] if isinstance(error.instance, list) else []
        twice = next((v for i, v in enumerate(values) if v in values[:i]), "")
        return doc.error(path, f"the list names {twice!r} twice", "list each value once")
    if error.validator in ("minLength", "minItems"):
        return doc.error(path, "this may not be empty", "give it a value, or remove the key")
    return doc.error(path, error.message, "correct the value")


def doc_keys(instance: Any) -> list[str]:
    """The keys of a mapping the schema rejected."""
    return [str(k) for k in instance] if isinstance(instance, dict) else []


def _type_name(value: Any) -> str:
    names = {
        "object": "a mapping (key: value)",
        "array": "a list",
        "string": "text",
        "integer": "a number",
        "boolean": "true or false",
    }
    if isinstance(value, str) and value in names:
        return names[value]
    if isinstance(value, list):
        return " or ".join(_type_name(v) for v in value)
    return _found_name(value)


def _found_name(value: Any) -> str:
    """What kind of value an editor wrote (a list is a list here, not a list of type names)."""
    return {dict: "a mapping", list: "a list", str: "text", bool: "true or false", type(None): "nothing"}.get(
        type(value), type(value).__name__
    )


def _type_fix(wanted: Any) -> str:
    if wanted == "array":
        return "write it as a list: one `- item` a line, or [a, b]"
    if wanted == "object":
        return "write it as `key: value` lines, indented below"
    if wanted == "integer":
        return "write a whole number without quotes, e.g. 3"
    if wanted == "boolean":
        return "write true or false"
    return "quote the value if it is text that YAML reads as something else"
