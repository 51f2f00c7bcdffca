"""Escaping text from any input for the language it is written into: one function per context.

Text from a manifest, a source, the glossary or a note is never markup. Where it lands decides
how it is escaped: `markdown_text` inside Markdown, `html_text` in HTML text or a quoted attribute
(and in front matter the theme prints as HTML), `script_json` for data inside a ``<script>``,
`bibtex_value` and `ris_value` in the citation files. Addresses are judged in `urls`.
"""

from __future__ import annotations

import html
import json
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|])")
#: Characters that end a line somewhere (Python's str.splitlines, a browser's script, BibTeX, RIS):
#: text shown on one line keeps none of them.
_LINE_BREAKS = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")
_LATEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
_LATEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}
# Inside <script>, "</script>" ends the element and "<!--" (or "-->") changes how the rest is read;
# U+2028/9 end a line in older JavaScript. JSON may write any character as \uXXXX, so these never
# appear. ("&" means nothing inside a script element.)
_SCRIPT_UNSAFE = re.compile("[<>\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` with each run of line breaks made one space: a title, a label, a field shown on one line."""
    return _LINE_BREAKS.sub(" ", text)


def markdown_text(text: str) -> str:
    """Escape text so Markdown shows it exactly, inline, on one line (a line break could open a block)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(one_line(text), quote=False))


def html_text(text: str) -> str:
    """Escape text (or an attribute value) for HTML: editors' text is never markup."""
    return html.escape(text, quote=True)


def script_json(data: object, **dump_options: object) -> str:
    """`data` as JSON that is safe inside a ``<script>`` element (and as a JavaScript literal)."""
    text = json.dumps(data, ensure_ascii=False, **dump_options)  # type: ignore[arg-type]
    return _SCRIPT_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def bibtex_value(text: str) -> str:
    """Text for a braced BibTeX field: LaTeX's specials escaped, on one line.

    An unescaped brace would close the field (and open another); an ``@`` opening a line, a new entry.
    """
    return _LATEX_SPECIAL.sub(lambda m: _LATEX_ESCAPES.get(m.group(1), "\\" + m.group(1)), one_line(text))


def ris_value(text: str) -> str:
    """Text for an RIS field, which ends at the line's end: a line break could start a new tag or record."""
    return one_line(text)
