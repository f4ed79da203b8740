"""File names as findings show them: printable, and faithful to the name on disk.

A file name is any bytes but `/` and NUL: not always UTF-8, and maybe with newlines or
terminal escapes. Shown as it is, it breaks reports (a name that is not UTF-8 cannot be
written as JSON or XML) or forges lines on a terminal. So the name is escaped, as a Python
string literal would be, and nothing else changes:

- a byte that is not part of valid UTF-8: `\\xe9` (always 80-ff);
- a control or other unprintable character: `\\n`, `\\t`, `\\r`, else `\\x1b` (below 80),
  `\\u200f`, `\\U000e0001`;
- a backslash: `\\\\`, so that no two names are shown alike.

Every other character, accented letters and scripts included, is shown as it is.
"""
from __future__ import annotations

import os

_SHORT = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def printable_path(name: str | bytes | os.PathLike) -> str:
    """`name` escaped as above; a str from the file system carries bytes that are not UTF-8
    as lone surrogates (U+DC80-U+DCFF, Python's surrogateescape), shown as those bytes."""
    text = os.fsdecode(name) if not isinstance(name, str) else name
    if text.isprintable() and "\\" not in text:
        return text
    return "".join(_escape(char) for char in text)


def _escape(char: str) -> str:
    if char in _SHORT:
        return _SHORT[char]
    if char.isprintable():
        return char
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, smuggled through surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x80:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
