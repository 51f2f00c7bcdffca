"""Read a source page's bytes as text, telling UTF-8, GBK and non-text apart."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from build_tools.common.errors import InputError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2026\u2014]")


@dataclass(frozen=True)
class DecodedText:
    """A page's text and how it was decoded."""

    text: str
    encoding: str

    @property
    def converted(self) -> bool:
        """Whether the bytes were not UTF-8 and were decoded from a legacy encoding."""
        return self.encoding not in ("utf-8", "utf-8-sig")


def decode_page(data: bytes, path: str) -> DecodedText:
    """Decode a source page.

    UTF-8 (with or without a byte-order mark) is read as is. GBK/GB18030, common
    for Chinese text, is accepted only when the bytes are not UTF-8 and decode into
    text that is nearly all Chinese: then the two cannot be confused.

    Args:
        data: The file's bytes.
        path: The file's name, for messages.

    Returns:
        The decoded text and the encoding used.

    Raises:
        InputError: The file is empty, binary, or in an encoding that cannot be told apart.
    """
    if not data.strip():
        raise InputError(path, "the file is empty", "put the page's text in it, one paragraph a line")
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(
            path,
            "this is a binary file, not a plain-text page",
            "save the page as plain text (UTF-8), one paragraph a line",
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(data.decode("utf-16"), "utf-16", path)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return _checked(data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig", path)
        except UnicodeDecodeError as error:
            # The mark says UTF-8: a bad byte is a damaged or mixed file, not another encoding.
            offset = error.start + len(codecs.BOM_UTF8)
            raise InputError(
                path,
                f"the file starts with UTF-8's byte-order mark, but byte {data[offset]:#04x} "
                f"at offset {offset} is not UTF-8",
                "re-save the file as UTF-8 in an editor, and check the text around that line against the original",
                line=data[:offset].count(b"\n") + 1,
            ) from None
    try:
        return _checked(data.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError as utf8_error:
        line = data[: utf8_error.start].count(b"\n") + 1
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = ""
        if text and _looks_chinese(text):
            return _checked(text, "gb18030", path)
        raise InputError(
            path,
            f"the file is not UTF-8 (first bad byte at offset {utf8_error.start}) and is not clearly GBK either",
            "convert it to UTF-8, e.g. `iconv -f GBK -t UTF-8 in.txt > out.txt` "
            "(use -f BIG5 for traditional-Chinese pages)",
            line=line,
        ) from None


def _looks_chinese(text: str) -> bool:
    """Whether nearly every non-ASCII character of `text` is Chinese text or punctuation."""
    wide = [c for c in text if ord(c) > 0x7F]
    if len(wide) < 8:
        return False
    chinese = sum(1 for c in wide if _HAN.match(c))
    return chinese / len(wide) >= 0.95


def _checked(text: str, encoding: str, path: str) -> DecodedText:
    control = _CONTROL.search(text)
    if control:
        line = text[: control.start()].count("\n") + 1
        raise InputError(
            path,
            f"control character {control.group()!r} found: this looks like a binary file, not a text page",
            "save the page as plain text (UTF-8), one paragraph a line",
            line=line,
        )
    return DecodedText(text, encoding)
